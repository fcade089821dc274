#include "imagelistmodel.h"

#include "thumbnailcache.h"

#include <QDataStream>
#include <QFileInfo>
#include <QLocale>
#include <QMimeData>

#include <algorithm>

namespace bb {

QByteArray encodeImageIds(const QList<qint64> &ids)
{
    QByteArray data;
    QDataStream out(&data, QIODevice::WriteOnly);
    out << ids;
    return data;
}

QList<qint64> decodeImageIds(const QByteArray &data)
{
    QList<qint64> ids;
    QDataStream in(data);
    in >> ids;
    if (in.status() != QDataStream::Ok)
        return {};
    return ids;
}

ImageListModel::ImageListModel(QObject *parent) : QAbstractListModel(parent) {}

void ImageListModel::setThumbnailCache(ThumbnailCache *cache)
{
    if (m_thumbs)
        disconnect(m_thumbs, nullptr, this, nullptr);
    m_thumbs = cache;
    if (cache)
        connect(cache, &ThumbnailCache::thumbnailsReady, this, &ImageListModel::onThumbnailsReady);
}

int ImageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

QString ImageListModel::statusText(const QString &status)
{
    if (status == QLatin1String("ok"))
        return tr("usable");
    if (status == QLatin1String("skipped"))
        return tr("skipped");
    if (status == QLatin1String("missing"))
        return tr("missing");
    return status;
}

QString ImageListModel::splitText(const QString &split)
{
    if (split == QLatin1String("train"))
        return tr("training");
    if (split == QLatin1String("val"))
        return tr("validation");
    if (split == QLatin1String("test"))
        return tr("test");
    return split;
}

QVariant ImageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_records.size()))
        return {};
    const ImageRecord &r = m_records[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case FileNameRole: {
        const int slash = int(r.path.lastIndexOf(QLatin1Char('/')));
        return slash < 0 ? r.path : r.path.mid(slash + 1);
    }
    case Qt::DecorationRole:
        if (!m_thumbs || r.status != QLatin1String("ok"))
            return {};
        return m_thumbs->thumbnail(r.id, m_root + QLatin1Char('/') + r.path, r.hash);
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("<b>%1</b><br>%2").arg(r.path.toHtmlEscaped(),
                                                             tr("Class: %1").arg(r.label.toHtmlEscaped()));
        if (r.status == QLatin1String("ok"))
            tip += QStringLiteral("<br>%1 × %2 · %3").arg(r.width).arg(r.height).arg(QLocale().formattedDataSize(r.size));
        else
            tip += QStringLiteral("<br>%1").arg(tr("%1: %2").arg(statusText(r.status), r.reason).toHtmlEscaped());
        if (r.excluded)
            tip += QStringLiteral("<br><i>%1</i>").arg(tr("excluded"));
        return tip;
    }
    case IdRole: return r.id;
    case PathRole: return r.path;
    case AbsolutePathRole: return m_root + QLatin1Char('/') + r.path;
    case LabelRole: return r.label;
    case FolderClassRole: return r.folder_class;
    case StatusRole: return r.status;
    case ReasonRole: return r.reason;
    case SplitRole: return m_split.value(r.id);
    case ExcludedRole: return r.excluded;
    case SizeRole: return r.size;
    case WidthRole: return r.width;
    case HeightRole: return r.height;
    case FormatRole: return r.format;
    case HashRole: return r.hash;
    case ClassColorRole: return m_colors.value(r.label, QColor(Qt::gray));
    default: return {};
    }
}

Qt::ItemFlags ImageListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ImageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(PathRole, "path");
    names.insert(LabelRole, "label");
    names.insert(StatusRole, "status");
    names.insert(SplitRole, "split");
    names.insert(ExcludedRole, "excluded");
    return names;
}

QStringList ImageListModel::mimeTypes() const
{
    return {imageIdsMimeType()};
}

QMimeData *ImageListModel::mimeData(const QModelIndexList &indexes) const
{
    QList<qint64> ids;
    for (const QModelIndex &i : indexes)
        if (i.isValid() && i.model() == this && m_records[size_t(i.row())].status == QLatin1String("ok"))
            ids.append(m_records[size_t(i.row())].id);
    if (ids.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(imageIdsMimeType(), encodeImageIds(ids));
    return mime;
}

void ImageListModel::addOrUpdate(const std::vector<ImageRecord> &records)
{
    std::vector<const ImageRecord *> fresh;
    std::vector<int> changed;
    for (const ImageRecord &r : records) {
        const int row = m_rowById.value(r.id, -1);
        if (row < 0) {
            fresh.push_back(&r);
            continue;
        }
        ImageRecord &old = m_records[size_t(row)];
        if (old.path == r.path && old.size == r.size && old.mtime_ms == r.mtime_ms && old.hash == r.hash
            && old.status == r.status && old.reason == r.reason && old.label == r.label && old.excluded == r.excluded)
            continue;
        // A scan batch has no label for re-decoded files that kept theirs: keep what we know.
        ImageRecord updated = r;
        if (updated.label.isEmpty())
            updated.label = old.label;
        old = std::move(updated);
        changed.push_back(row);
    }
    if (!fresh.empty()) {
        const int first = int(m_records.size());
        beginInsertRows(QModelIndex(), first, first + int(fresh.size()) - 1);
        m_records.reserve(m_records.size() + fresh.size());
        for (const ImageRecord *r : fresh) {
            m_rowById.insert(r->id, int(m_records.size()));
            m_records.push_back(*r);
            // New ok records from the scanner carry no label yet; the store gave them their folder's.
            if (m_records.back().label.isEmpty() && m_records.back().status == QLatin1String("ok"))
                m_records.back().label = m_records.back().folder_class;
        }
        endInsertRows();
    }
    emitChangedRows(std::move(changed));
    Q_EMIT batchApplied(int(fresh.size()), int(changed.size()));
}

void ImageListModel::clear()
{
    beginResetModel();
    m_records.clear();
    m_rowById.clear();
    m_split.clear();
    endResetModel();
}

void ImageListModel::setSplit(const QHash<qint64, QString> &split)
{
    m_split = split;
    if (!m_records.empty())
        Q_EMIT dataChanged(index(0), index(int(m_records.size()) - 1)); // all roles: split filters follow
}

void ImageListModel::setClassColors(const QHash<QString, QColor> &colors)
{
    if (colors == m_colors)
        return;
    m_colors = colors;
    if (!m_records.empty())
        Q_EMIT dataChanged(index(0), index(int(m_records.size()) - 1), {ClassColorRole});
}

void ImageListModel::applyLabels(const QHash<qint64, QString> &labelById)
{
    std::vector<int> rows;
    for (auto it = labelById.cbegin(); it != labelById.cend(); ++it) {
        const int row = m_rowById.value(it.key(), -1);
        if (row < 0)
            continue;
        m_records[size_t(row)].label = it.value();
        rows.push_back(row);
    }
    // All roles: proxies re-filter and re-sort only on the roles they are told about.
    emitChangedRows(std::move(rows));
}

void ImageListModel::applyExcluded(const QList<qint64> &ids, bool excluded)
{
    std::vector<int> rows;
    for (qint64 id : ids) {
        const int row = m_rowById.value(id, -1);
        if (row < 0)
            continue;
        m_records[size_t(row)].excluded = excluded;
        rows.push_back(row);
    }
    emitChangedRows(std::move(rows));
}

void ImageListModel::renameLabel(const QString &from, const QString &to)
{
    std::vector<int> rows;
    for (size_t i = 0; i < m_records.size(); ++i)
        if (m_records[i].label == from) {
            m_records[i].label = to;
            rows.push_back(int(i));
        }
    if (m_colors.contains(from))
        m_colors.insert(to, m_colors.take(from));
    // All roles: proxies re-filter and re-sort only on the roles they are told about.
    emitChangedRows(std::move(rows));
}

const ImageRecord *ImageListModel::recordById(qint64 id) const
{
    const int row = m_rowById.value(id, -1);
    return row < 0 ? nullptr : &m_records[size_t(row)];
}

QList<qint64> ImageListModel::idsWithLabel(const QString &label) const
{
    QList<qint64> ids;
    for (const ImageRecord &r : m_records)
        if (r.label == label)
            ids.append(r.id);
    return ids;
}

int ImageListModel::count(const QString &status) const
{
    return int(std::count_if(m_records.begin(), m_records.end(),
                             [&](const ImageRecord &r) { return r.status == status; }));
}

void ImageListModel::emitChangedRows(std::vector<int> rows, const QList<int> &roles)
{
    if (rows.empty())
        return;
    std::sort(rows.begin(), rows.end());
    // One dataChanged per contiguous run keeps proxies and views cheap.
    size_t start = 0;
    for (size_t i = 1; i <= rows.size(); ++i) {
        if (i == rows.size() || rows[i] != rows[i - 1] + 1) {
            Q_EMIT dataChanged(index(rows[start]), index(rows[i - 1]), roles);
            start = i;
        }
    }
}

void ImageListModel::onThumbnailsReady(const QList<qint64> &ids)
{
    std::vector<int> rows;
    for (qint64 id : ids) {
        const int row = m_rowById.value(id, -1);
        if (row >= 0)
            rows.push_back(row);
    }
    emitChangedRows(std::move(rows), {Qt::DecorationRole});
}

} // namespace bb
