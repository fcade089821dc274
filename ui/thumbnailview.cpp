#include "thumbnailview.h"

#include "imagelistmodel.h"
#include "thumbnaildelegate.h"

#include <QDrag>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace bb {

ThumbnailView::ThumbnailView(QWidget *parent) : QListView(parent), m_delegate(new ThumbnailDelegate(this))
{
    setObjectName(QStringLiteral("thumbnailView"));
    // List mode with left-to-right flow and wrapping is a grid laid out in segments; icon mode
    // would keep a BSP tree of freely movable items, far too slow for 20 000 rows.
    setViewMode(QListView::ListMode);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    // Uniform cells + batched layout keep 20 000+ rows cheap to lay out and scroll.
    setUniformItemSizes(true);
    setLayoutMode(QListView::Batched);
    setBatchSize(1000);
    setSpacing(2);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalScrollBar()->setSingleStep(24);
    setItemDelegate(m_delegate);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setThumbnailSize(128);
}

void ThumbnailView::setThumbnailSize(int px)
{
    m_delegate->setThumbnailSize(px);
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const QSize cell = m_delegate->sizeHint(option, QModelIndex());
    setGridSize(cell + QSize(4, 4));
    scheduleDelayedItemsLayout();
}

int ThumbnailView::thumbnailSize() const
{
    return m_delegate->thumbnailSize();
}

QList<qint64> ThumbnailView::selectedIds() const
{
    QModelIndexList rows = selectionModel() ? selectionModel()->selectedIndexes() : QModelIndexList();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (const QModelIndex &i : rows)
        ids.append(i.data(ImageListModel::IdRole).toLongLong());
    return ids;
}

void ThumbnailView::selectRow(int row)
{
    if (!model() || model()->rowCount() == 0)
        return;
    row = std::clamp(row, 0, model()->rowCount() - 1);
    const QModelIndex idx = model()->index(row, 0);
    selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect);
    scrollTo(idx);
}

void ThumbnailView::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    if (key >= Qt::Key_1 && key <= Qt::Key_9 && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
        Q_EMIT labelKeyPressed(key - Qt::Key_0);
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

void ThumbnailView::startDrag(Qt::DropActions)
{
    const QModelIndexList indexes = selectedIndexes();
    if (indexes.isEmpty())
        return;
    QMimeData *mime = model()->mimeData(indexes);
    if (!mime)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(mime);
    // A small stack picture: the first thumbnail with the number of dragged images.
    QPixmap pm = indexes.first().data(Qt::DecorationRole).value<QPixmap>();
    const int side = 64;
    QPixmap badge(side + 16, side + 16);
    badge.fill(Qt::transparent);
    {
        QPainter p(&badge);
        p.setRenderHint(QPainter::Antialiasing);
        if (!pm.isNull())
            p.drawPixmap(QRect(0, 8, side, side), pm);
        else
            p.fillRect(QRect(0, 8, side, side), palette().color(QPalette::Mid));
        p.setBrush(palette().color(QPalette::Highlight));
        p.setPen(Qt::NoPen);
        p.drawEllipse(QRect(side - 12, 0, 28, 28));
        p.setPen(palette().color(QPalette::HighlightedText));
        p.drawText(QRect(side - 12, 0, 28, 28), Qt::AlignCenter, QString::number(indexes.size()));
    }
    drag->setPixmap(badge);
    drag->setHotSpot(QPoint(side / 2, side / 2));
    // Copy only: a drop relabels, it never removes rows from this view.
    drag->exec(Qt::CopyAction, Qt::CopyAction);
}

void ThumbnailView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        Q_EMIT thumbnailSizeChangeRequested(event->angleDelta().y() > 0 ? 1 : -1);
        event->accept();
        return;
    }
    QListView::wheelEvent(event);
}

} // namespace bb
