#pragma once
// Chooses a model bundle (.bbmodel): the finished runs of the open project are offered, any
// other file can be typed or browsed to.

#include <QWidget>

class QComboBox;

namespace bb {

class ProjectSession;

class ModelPicker : public QWidget {
    Q_OBJECT
public:
    explicit ModelPicker(ProjectSession *session, QWidget *parent = nullptr);
    QString path() const;
    void setPath(const QString &path);
    /// Re-reads the project's finished runs.
    void refresh();
    QComboBox *combo() const { return m_combo; }

Q_SIGNALS:
    void pathChanged(const QString &path);

private:
    ProjectSession *m_session;
    QComboBox *m_combo;
};

} // namespace bb
