#pragma once
// Paints one thumbnail cell: image, class colour band with label, file name, status badges.

#include <QStyledItemDelegate>

namespace bb {

class ThumbnailDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ThumbnailDelegate(QObject *parent = nullptr);
    void setThumbnailSize(int px) { m_px = px; }
    int thumbnailSize() const { return m_px; }
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_px = 128;
};

} // namespace bb
