#include "classlistmodel.h"

#include "imagelistmodel.h"

#include <QMimeData>

namespace bb {

ClassListModel::ClassListModel(QObject *parent) : QAbstractListModel(parent) {}

int ClassListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_classes.size());
}

QVariant ClassListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_classes.size()))
        return {};
    const ClassRecord &c = m_classes[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case NameRole: return c.name;
    case CountRole: return c.count;
    case ColorRole:
    case Qt::DecorationRole: return QColor(c.color);
    case ShortcutRole: return index.row() < 9 ? index.row() + 1 : 0;
    case ShareRole: return m_maxCount > 0 ? double(c.count) / m_maxCount : 0.0;
    case Qt::ToolTipRole:
        return index.row() < 9 ? tr("%1: %n image(s) — press %2 to label the selection", nullptr, c.count)
                                     .arg(c.name).arg(index.row() + 1)
                               : tr("%1: %n image(s)", nullptr, c.count).arg(c.name);
    default: return {};
    }
}

Qt::ItemFlags ClassListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags; // dropping between rows does not mean anything
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled | Qt::ItemNeverHasChildren;
}

QStringList ClassListModel::mimeTypes() const
{
    return {imageIdsMimeType()};
}

bool ClassListModel::canDropMimeData(const QMimeData *data, Qt::DropAction, int, int, const QModelIndex &parent) const
{
    return data && data->hasFormat(imageIdsMimeType()) && parent.isValid();
}

bool ClassListModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                  const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QList<qint64> ids = decodeImageIds(data->data(imageIdsMimeType()));
    if (ids.isEmpty())
        return false;
    Q_EMIT imagesDropped(ids, m_classes[size_t(parent.row())].name);
    // The relabel is an undoable command of the session; ThumbnailView drags copy-only, so
    // accepting never makes the source view remove rows.
    return true;
}

void ClassListModel::setClasses(std::vector<ClassRecord> classes)
{
    bool sameNames = classes.size() == m_classes.size();
    for (size_t i = 0; sameNames && i < classes.size(); ++i)
        sameNames = classes[i].name == m_classes[i].name && classes[i].color == m_classes[i].color;
    m_maxCount = 0;
    for (const ClassRecord &c : classes)
        m_maxCount = std::max(m_maxCount, c.count);
    if (sameNames) {
        m_classes = std::move(classes);
        if (!m_classes.empty())
            Q_EMIT dataChanged(index(0), index(int(m_classes.size()) - 1));
        return;
    }
    beginResetModel();
    m_classes = std::move(classes);
    endResetModel();
}

QStringList ClassListModel::names() const
{
    QStringList out;
    for (const ClassRecord &c : m_classes)
        out.append(c.name);
    return out;
}

int ClassListModel::rowOf(const QString &name) const
{
    for (size_t i = 0; i < m_classes.size(); ++i)
        if (m_classes[i].name == name)
            return int(i);
    return -1;
}

QString ClassListModel::classForShortcut(int key) const
{
    if (key < 1 || key > 9 || key > int(m_classes.size()))
        return QString();
    return m_classes[size_t(key - 1)].name;
}

QHash<QString, QColor> ClassListModel::colors() const
{
    QHash<QString, QColor> out;
    for (const ClassRecord &c : m_classes)
        out.insert(c.name, QColor(c.color));
    return out;
}

} // namespace bb
