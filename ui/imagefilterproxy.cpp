#include "imagefilterproxy.h"

#include "imagelistmodel.h"

namespace bb {

ImageFilterProxy::ImageFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setSortRole(ImageListModel::PathRole);
    // Relabeling changes LabelRole; re-filter on it so a class filter drops relabelled images.
    setFilterRole(ImageListModel::LabelRole);
    sort(0, Qt::AscendingOrder);
}

void ImageFilterProxy::setClassFilter(const QString &label)
{
    if (label == m_class)
        return;
    m_class = label;
    invalidateFilter();
}

void ImageFilterProxy::setSplitFilter(const QString &split)
{
    if (split == m_split)
        return;
    m_split = split;
    invalidateFilter();
}

void ImageFilterProxy::setStatusFilter(StatusFilter status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

void ImageFilterProxy::setSearchText(const QString &text)
{
    if (text == m_search)
        return;
    m_search = text;
    invalidateFilter();
}

void ImageFilterProxy::setSortKey(SortKey key, Qt::SortOrder order)
{
    m_sortKey = key;
    setSortRole(key == SortKey::Name ? int(ImageListModel::PathRole)
                : key == SortKey::Size ? int(ImageListModel::SizeRole)
                                       : int(ImageListModel::LabelRole));
    invalidate();
    sort(0, order);
}

bool ImageFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const ImageListModel *>(sourceModel());
    if (!model)
        return true;
    const ImageRecord &r = model->recordAt(sourceRow);
    switch (m_status) {
    case StatusFilter::All: break;
    case StatusFilter::Ok:
        if (r.status != QLatin1String("ok") || r.excluded)
            return false;
        break;
    case StatusFilter::Skipped:
        if (r.status != QLatin1String("skipped"))
            return false;
        break;
    case StatusFilter::Excluded:
        if (!r.excluded)
            return false;
        break;
    case StatusFilter::Missing:
        if (r.status != QLatin1String("missing"))
            return false;
        break;
    }
    if (!m_class.isEmpty() && r.label != m_class)
        return false;
    if (!m_split.isEmpty()) {
        const QString s = model->data(model->index(sourceRow), ImageListModel::SplitRole).toString();
        if (m_split == QLatin1String("none") ? !s.isEmpty() : s != m_split)
            return false;
    }
    if (!m_search.isEmpty() && !r.path.contains(m_search, Qt::CaseInsensitive))
        return false;
    return true;
}

bool ImageFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto *model = qobject_cast<const ImageListModel *>(sourceModel());
    if (!model)
        return QSortFilterProxyModel::lessThan(left, right);
    const ImageRecord &a = model->recordAt(left.row());
    const ImageRecord &b = model->recordAt(right.row());
    // Ties break on the path so the order is total and stable across batches.
    switch (m_sortKey) {
    case SortKey::Size:
        if (a.size != b.size)
            return a.size < b.size;
        break;
    case SortKey::Class:
        if (a.label != b.label)
            return a.label < b.label;
        break;
    case SortKey::Name: break;
    }
    return a.path < b.path;
}

} // namespace bb
