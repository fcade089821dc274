#pragma once
// The "Classes" dock: class list with counts/colours and the class actions.

#include <QWidget>

class QToolBar;

namespace bb {

class ClassListView;
class ProjectSession;

class ClassPanel : public QWidget {
    Q_OBJECT
public:
    explicit ClassPanel(ProjectSession *session, QWidget *parent = nullptr);
    ClassListView *view() const { return m_view; }
    QToolBar *toolBar() const { return m_toolBar; }
    QString currentClass() const;

Q_SIGNALS:
    /// Double-click: show only this class in the browser.
    void filterRequested(const QString &className);
    void contextMenuRequested(const QPoint &globalPos);

private:
    ProjectSession *m_session;
    ClassListView *m_view;
    QToolBar *m_toolBar;
};

} // namespace bb
