#include "classlistview.h"

#include "classlistmodel.h"

#include <QPainter>
#include <QPainterPath>
#include <QStyledItemDelegate>

namespace bb {
namespace {

class ClassRowDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return QSize(200, option.fontMetrics.height() * 2 + 10);
    }
    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        opt.icon = QIcon();
        opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, p, opt.widget);
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        const QRect r = option.rect.adjusted(6, 4, -8, -4);
        const int fh = option.fontMetrics.height();
        const bool selected = option.state & QStyle::State_Selected;
        const QColor text = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
        // Number key badge.
        const int key = index.data(ClassListModel::ShortcutRole).toInt();
        const QRect keyRect(r.left(), r.top() + 1, fh + 4, fh + 2);
        if (key > 0) {
            p->setPen(QPen(text, 1));
            p->setBrush(Qt::NoBrush);
            p->drawRoundedRect(QRectF(keyRect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
            p->drawText(keyRect, Qt::AlignCenter, QString::number(key));
        }
        // Colour swatch, name, count.
        const QColor color = index.data(ClassListModel::ColorRole).value<QColor>();
        const QRect swatch(keyRect.right() + 8, r.top() + 3, fh - 2, fh - 2);
        p->setPen(Qt::NoPen);
        p->setBrush(color);
        p->drawRoundedRect(swatch, 3, 3);
        const QString count = QLocale().toString(index.data(ClassListModel::CountRole).toInt());
        const int countW = option.fontMetrics.horizontalAdvance(count) + 4;
        p->setPen(text);
        const QRect nameRect(swatch.right() + 8, r.top(), r.right() - swatch.right() - 12 - countW, fh + 4);
        QFont bold = option.font;
        bold.setBold(true);
        p->setFont(bold);
        p->drawText(nameRect, Qt::AlignVCenter | Qt::AlignLeft,
                    QFontMetrics(bold).elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, nameRect.width()));
        p->setFont(option.font);
        p->drawText(QRect(r.right() - countW, r.top(), countW, fh + 4), Qt::AlignVCenter | Qt::AlignRight, count);
        // Share of the largest class.
        const double share = index.data(ClassListModel::ShareRole).toDouble();
        const QRectF track(swatch.left(), r.bottom() - 6, r.right() - swatch.left(), 5);
        p->setBrush(option.palette.color(QPalette::AlternateBase).darker(selected ? 130 : 108));
        p->drawRoundedRect(track, 2.5, 2.5);
        p->setBrush(color);
        p->drawRoundedRect(QRectF(track.left(), track.top(), std::max(2.0, track.width() * share), track.height()), 2.5, 2.5);
        p->restore();
    }
};

} // namespace

ClassListView::ClassListView(QWidget *parent) : QListView(parent)
{
    setObjectName(QStringLiteral("classListView"));
    setItemDelegate(new ClassRowDelegate(this));
    setAcceptDrops(true);
    setDragDropMode(QAbstractItemView::DropOnly);
    setDropIndicatorShown(true);
    setDragDropOverwriteMode(true); // drop *on* a class row, never between rows
    setSelectionMode(QAbstractItemView::SingleSelection);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setUniformItemSizes(true);
}

QString ClassListView::currentClass() const
{
    const QModelIndex i = currentIndex();
    return i.isValid() ? i.data(ClassListModel::NameRole).toString() : QString();
}

} // namespace bb
