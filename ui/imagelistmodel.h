#pragma once
// The dataset's images as a list model that grows in batches (STYLE.md 7).

#include "projectstore.h"

#include <QAbstractListModel>
#include <QColor>
#include <QHash>
#include <QPointer>

#include <vector>

namespace bb {

class ThumbnailCache;

/// MIME type of dragged images: the ids as a big-endian list of qint64.
inline QString imageIdsMimeType() { return QStringLiteral("application/x-balancebench-image-ids"); }
QByteArray encodeImageIds(const QList<qint64> &ids);
QList<qint64> decodeImageIds(const QByteArray &data);

/// One row per image record of the project store (all statuses). Thumbnails (DecorationRole)
/// are requested from the ThumbnailCache only when a view asks for a row's decoration.
class ImageListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        PathRole,         ///< relative to the dataset root
        AbsolutePathRole,
        FileNameRole,
        LabelRole,
        FolderClassRole,
        StatusRole,       ///< "ok", "skipped", "missing"
        ReasonRole,
        SplitRole,        ///< "train", "val", "test" or "" when no split is saved
        ExcludedRole,
        SizeRole,         ///< bytes
        WidthRole,
        HeightRole,
        FormatRole,
        HashRole,
        ClassColorRole,
    };
    Q_ENUM(Role)

    explicit ImageListModel(QObject *parent = nullptr);

    /// The user-visible, translated name of a StatusRole value ("ok" reads "usable").
    static QString statusText(const QString &status);
    /// The user-visible, translated name of a SplitRole value; "" stays "".
    static QString splitText(const QString &split);

    void setDatasetRoot(const QString &root) { m_root = root; }
    QString datasetRoot() const { return m_root; }
    void setThumbnailCache(ThumbnailCache *cache);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction | Qt::MoveAction; }

    /// Appends new records (one beginInsertRows per batch) and updates known ones in place (by id).
    void addOrUpdate(const std::vector<ImageRecord> &records);
    void clear();
    void setSplit(const QHash<qint64, QString> &split);
    void setClassColors(const QHash<QString, QColor> &colors);

    /// Local mirrors of committed store changes (the store is the truth; these keep the view in step).
    void applyLabels(const QHash<qint64, QString> &labelById);
    void applyExcluded(const QList<qint64> &ids, bool excluded);
    void renameLabel(const QString &from, const QString &to);

    const ImageRecord *recordById(qint64 id) const;
    const ImageRecord &recordAt(int row) const { return m_records[size_t(row)]; }
    int rowOfId(qint64 id) const { return m_rowById.value(id, -1); }
    QList<qint64> idsWithLabel(const QString &label) const;
    const std::vector<ImageRecord> &records() const { return m_records; }
    int count(const QString &status) const;

Q_SIGNALS:
    /// After each batch (rows inserted or updated): counts may have changed.
    void batchApplied(int inserted, int updated);

private:
    void emitChangedRows(std::vector<int> rows, const QList<int> &roles = {});
    void onThumbnailsReady(const QList<qint64> &ids);

    QString m_root;
    std::vector<ImageRecord> m_records;
    QHash<qint64, int> m_rowById;
    QHash<qint64, QString> m_split;
    QHash<QString, QColor> m_colors;
    QPointer<ThumbnailCache> m_thumbs;
};

} // namespace bb
