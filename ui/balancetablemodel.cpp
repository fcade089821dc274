#include "balancetablemodel.h"

#include <QColor>
#include <QFont>

namespace bb {

BalanceTableModel::BalanceTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int BalanceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.classes.size());
}

int BalanceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BalanceTableModel::actionText(const ClassPlan &c)
{
    if (c.final > c.original && c.original > 0)
        return tr("up-sample ×%1").arg(double(c.final) / c.original, 0, 'f', 2);
    if (c.final < c.original)
        return tr("down-sample");
    if (c.original == 0)
        return tr("no training images");
    return tr("keep");
}

QVariant BalanceTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_plan.classes.size()))
        return {};
    const ClassPlan &c = m_plan.classes[size_t(index.row())];
    const bool overridden = m_plan.options.class_targets.contains(c.name);
    const int target = m_plan.options.class_targets.value(c.name, m_plan.options.target);
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (index.column()) {
        case ClassColumn: return c.name;
        case OriginalColumn: return c.original;
        case FinalColumn: return c.final;
        case TargetColumn: return target;
        case ActionColumn: return actionText(c);
        case ValColumn: return c.val;
        case TestColumn: return c.test;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != ClassColumn && index.column() != ActionColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::DecorationRole && index.column() == ClassColumn)
        return m_colors.value(c.name, QColor(Qt::gray));
    if (role == Qt::FontRole && index.column() == TargetColumn && overridden) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ForegroundRole && index.column() == ActionColumn) {
        if (c.final > c.original)
            return QColor(0x2e, 0x9d, 0x5b);
        if (c.final < c.original)
            return QColor(0xd0, 0x7a, 0x1f);
    }
    if (role == Qt::ToolTipRole && index.column() == TargetColumn)
        return overridden ? tr("Per-class target (double-click to change, clear to use the global target)")
                          : tr("Global target (double-click to set a per-class target)");
    return {};
}

QVariant BalanceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ClassColumn: return tr("Class");
    case OriginalColumn: return tr("Original (train)");
    case FinalColumn: return tr("Final");
    case TargetColumn: return tr("Target");
    case ActionColumn: return tr("Action");
    case ValColumn: return tr("Validation");
    case TestColumn: return tr("Test");
    }
    return {};
}

Qt::ItemFlags BalanceTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == TargetColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool BalanceTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != TargetColumn || index.row() >= int(m_plan.classes.size()))
        return false;
    bool ok = false;
    const int target = value.toInt(&ok);
    if (!ok || target < 0)
        return false;
    // 0 means "use the global target again".
    Q_EMIT classTargetEdited(m_plan.classes[size_t(index.row())].name, target);
    return true;
}

void BalanceTableModel::setPlan(const BalancePlan &plan)
{
    beginResetModel();
    m_plan = plan;
    endResetModel();
}

void BalanceTableModel::setClassColors(const QHash<QString, QColor> &colors)
{
    m_colors = colors;
    if (!m_plan.classes.empty())
        Q_EMIT dataChanged(index(0, ClassColumn), index(rowCount() - 1, ClassColumn), {Qt::DecorationRole});
}

} // namespace bb
