#pragma once
// The seed-style balancing table: class, original (train split) → final, action, per-class target.
// It shows core's BalancePlan as is; it never computes a count itself.

#include "balancer.h"

#include <QAbstractTableModel>

namespace bb {

class BalanceTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ClassColumn, OriginalColumn, FinalColumn, TargetColumn, ActionColumn, ValColumn, TestColumn, ColumnCount };
    Q_ENUM(Column)

    explicit BalanceTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// Editing the target column of a class asks for a per-class target (classTargetEdited).
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    void setPlan(const BalancePlan &plan);
    const BalancePlan &plan() const { return m_plan; }
    void setClassColors(const QHash<QString, QColor> &colors);

    /// "down-sample", "up-sample ×1.78" or "keep", from the plan's numbers.
    static QString actionText(const ClassPlan &c);

Q_SIGNALS:
    void classTargetEdited(const QString &className, int target);

private:
    BalancePlan m_plan;
    QHash<QString, QColor> m_colors;
};

} // namespace bb
