#pragma once
// The project's classes with counts and colours; accepts dropped images (relabel by drag).

#include "projectstore.h"

#include <QAbstractListModel>
#include <QColor>

#include <vector>

namespace bb {

class ClassListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        CountRole,    ///< usable (ok, not excluded) images with this label, as the store counts them
        ColorRole,
        ShortcutRole, ///< 1..9 for the first nine classes, 0 otherwise
        ShareRole,    ///< count / largest count, 0..1
    };
    Q_ENUM(Role)

    explicit ClassListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction | Qt::MoveAction; }
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    /// Replaces the classes, keeping rows that did not change (no reset when only counts moved).
    void setClasses(std::vector<ClassRecord> classes);
    const std::vector<ClassRecord> &classes() const { return m_classes; }
    QStringList names() const;
    int rowOf(const QString &name) const;
    bool contains(const QString &name) const { return rowOf(name) >= 0; }
    /// The class bound to number key `key` (1..9), or empty.
    QString classForShortcut(int key) const;
    QHash<QString, QColor> colors() const;

Q_SIGNALS:
    /// Images were dropped on a class row.
    void imagesDropped(const QList<qint64> &ids, const QString &className);

private:
    std::vector<ClassRecord> m_classes;
    int m_maxCount = 0;
};

} // namespace bb
