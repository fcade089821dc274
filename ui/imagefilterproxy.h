#pragma once
// Filtering (class, split, status, file-name search) and sorting (name, size, class) of images.

#include <QSortFilterProxyModel>

namespace bb {

class ImageFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class StatusFilter { All, Ok, Skipped, Excluded, Missing };
    Q_ENUM(StatusFilter)
    enum class SortKey { Name, Size, Class };
    Q_ENUM(SortKey)

    explicit ImageFilterProxy(QObject *parent = nullptr);

    /// Empty = every class.
    void setClassFilter(const QString &label);
    QString classFilter() const { return m_class; }
    /// "train", "val", "test", "none" (no split saved) or empty = every split.
    void setSplitFilter(const QString &split);
    QString splitFilter() const { return m_split; }
    void setStatusFilter(StatusFilter status);
    StatusFilter statusFilter() const { return m_status; }
    /// Case-insensitive substring of the file path.
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    void setSortKey(SortKey key, Qt::SortOrder order = Qt::AscendingOrder);
    SortKey sortKey() const { return m_sortKey; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_class;
    QString m_split;
    QString m_search;
    StatusFilter m_status = StatusFilter::All;
    SortKey m_sortKey = SortKey::Name;
};

} // namespace bb
