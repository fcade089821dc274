#pragma once
// The dataset browser page: filter bar (search, class, split, status, sort) over the thumbnail grid.

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedLayout;
class QToolButton;

namespace bb {

class ImageFilterProxy;
class ProjectSession;
class ThumbnailView;

class BrowserView : public QWidget {
    Q_OBJECT
public:
    explicit BrowserView(ProjectSession *session, QWidget *parent = nullptr);

    ThumbnailView *view() const { return m_view; }
    ImageFilterProxy *proxy() const { return m_proxy; }
    QLineEdit *searchField() const { return m_search; }
    QList<qint64> selectedIds() const;
    qint64 currentId() const;

    /// Labels the selection with the class bound to key 1-9 and advances to the next image.
    bool labelSelectionWithKey(int key);
    /// Labels the selection with `className` and advances to the next image.
    bool labelSelection(const QString &className, bool advance);
    void setClassFilter(const QString &className);
    void setThumbnailSize(int px);
    int thumbnailSize() const;
    void zoom(int steps);

Q_SIGNALS:
    void currentImageChanged(qint64 id);
    void selectionCountChanged(int count);
    void contextMenuRequested(const QPoint &globalPos);

private:
    void rebuildClassFilter();
    void updateEmptyState();

    ProjectSession *m_session;
    ImageFilterProxy *m_proxy;
    ThumbnailView *m_view;
    QLineEdit *m_search;
    QComboBox *m_class;
    QComboBox *m_split;
    QComboBox *m_status;
    QComboBox *m_sort;
    QToolButton *m_order;
    QLabel *m_matchCount;
    QLabel *m_empty;
    QStackedLayout *m_stack;
};

} // namespace bb
