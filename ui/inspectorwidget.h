#pragma once
// The image inspector: larger preview (decoded off the GUI thread through core's decode path),
// path, size, format, hash, split and the label history from the store.

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

class QFormLayout;
class QLabel;
class QTreeWidget;

namespace bb {

class ProjectSession;

class InspectorWidget : public QWidget {
    Q_OBJECT
public:
    explicit InspectorWidget(ProjectSession *session, QWidget *parent = nullptr);
    qint64 imageId() const { return m_id; }
    /// Shows image `id` (0 clears).
    void setImage(qint64 id);
    /// Re-reads the fields and history of the shown image (after a label change).
    void refresh();
    /// Number of label-history rows shown (tests).
    int historyRows() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void showPreview();
    ProjectSession *m_session;
    qint64 m_id = 0;
    QLabel *m_preview;
    QLabel *m_title;
    QFormLayout *m_form;
    QLabel *m_path, *m_class, *m_folder, *m_size, *m_dims, *m_format, *m_hash, *m_status, *m_split;
    QTreeWidget *m_history;
    QImage m_image;
    QFutureWatcher<QImage> m_decode;
};

} // namespace bb
