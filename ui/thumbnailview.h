#pragma once
// The virtualised thumbnail grid: a QListView in icon mode with uniform cells, drag of the
// selection (ids) and number keys 1-9 for labeling.

#include <QListView>

namespace bb {

class ThumbnailDelegate;

class ThumbnailView : public QListView {
    Q_OBJECT
public:
    explicit ThumbnailView(QWidget *parent = nullptr);

    void setThumbnailSize(int px);
    int thumbnailSize() const;
    /// Ids (ImageListModel::IdRole) of the selected rows, in view order.
    QList<qint64> selectedIds() const;
    /// Moves the current index (and selection) to `row` of the model, clamped.
    void selectRow(int row);

Q_SIGNALS:
    /// A number key 1-9 was pressed with the grid focused.
    void labelKeyPressed(int key);
    void thumbnailSizeChangeRequested(int deltaSteps);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void startDrag(Qt::DropActions supportedActions) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    ThumbnailDelegate *m_delegate;
};

} // namespace bb
