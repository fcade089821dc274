#include "thumbnaildelegate.h"

#include "imagelistmodel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace bb {

ThumbnailDelegate::ThumbnailDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QSize ThumbnailDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int text = option.fontMetrics.height();
    return QSize(m_px + 12, m_px + 12 + 2 * text + 6);
}

void ThumbnailDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QPalette &pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool current = option.state & QStyle::State_HasFocus;
    const QRectF cell = QRectF(option.rect).adjusted(3, 3, -3, -3);

    // Card background.
    QPainterPath card;
    card.addRoundedRect(cell, 6, 6);
    painter->fillPath(card, selected ? pal.color(QPalette::Highlight).lighter(pal.color(QPalette::Window).lightness() < 128 ? 80 : 170)
                                     : pal.color(QPalette::Base));
    painter->setPen(QPen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), selected || current ? 2 : 1));
    painter->drawPath(card);

    // Image area: a square of m_px at the top.
    const QRectF imageArea(cell.left() + (cell.width() - m_px) / 2, cell.top() + 4, m_px, m_px);
    const QString status = index.data(ImageListModel::StatusRole).toString();
    const QPixmap pm = index.data(Qt::DecorationRole).value<QPixmap>();
    if (!pm.isNull()) {
        const QSizeF logical = QSizeF(pm.size()) / pm.devicePixelRatio();
        QSizeF fit = logical.scaled(imageArea.size(), Qt::KeepAspectRatio);
        if (logical.width() <= imageArea.width() && logical.height() <= imageArea.height() && logical.width() * 2 > imageArea.width())
            fit = logical.scaled(imageArea.size(), Qt::KeepAspectRatio);
        const QRectF target(imageArea.center().x() - fit.width() / 2, imageArea.center().y() - fit.height() / 2,
                            fit.width(), fit.height());
        painter->setRenderHint(QPainter::SmoothPixmapTransform, true);
        painter->drawPixmap(target, pm, QRectF(pm.rect()));
    } else {
        painter->fillRect(imageArea.adjusted(8, 8, -8, -8), pal.color(QPalette::AlternateBase));
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->drawText(imageArea, Qt::AlignCenter,
                          status == QLatin1String("ok") ? QStringLiteral("…") : ImageListModel::statusText(status));
    }

    // Status badges.
    if (status != QLatin1String("ok")) {
        painter->setPen(QPen(QColor(0xd9, 0x3f, 0x3f), 2));
        painter->drawRoundedRect(imageArea.adjusted(1, 1, -1, -1), 4, 4);
    }
    if (index.data(ImageListModel::ExcludedRole).toBool()) {
        painter->fillRect(imageArea, QColor(0, 0, 0, 120));
        QFont f = option.font;
        f.setBold(true);
        painter->setFont(f);
        painter->setPen(Qt::white);
        painter->drawText(imageArea, Qt::AlignCenter, tr("excluded"));
    }

    // Class band and file name.
    const int th = option.fontMetrics.height();
    const QRectF band(cell.left() + 6, imageArea.bottom() + 4, cell.width() - 12, th + 2);
    const QColor color = index.data(ImageListModel::ClassColorRole).value<QColor>();
    QPainterPath bandPath;
    bandPath.addRoundedRect(band, 3, 3);
    painter->fillPath(bandPath, color);
    painter->setFont(option.font);
    painter->setPen(color.lightness() > 150 ? QColor(0x20, 0x20, 0x20) : Qt::white);
    const QString label = status == QLatin1String("ok") ? index.data(ImageListModel::LabelRole).toString()
                                                        : index.data(ImageListModel::ReasonRole).toString();
    painter->drawText(band.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                      option.fontMetrics.elidedText(label, Qt::ElideRight, int(band.width()) - 8));
    const QRectF name(cell.left() + 4, band.bottom() + 2, cell.width() - 8, th);
    painter->setPen(selected ? pal.color(QPalette::Text) : pal.color(QPalette::PlaceholderText));
    painter->drawText(name, Qt::AlignCenter,
                      option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle,
                                                    int(name.width())));
    painter->restore();
}

} // namespace bb
