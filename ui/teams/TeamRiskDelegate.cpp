#include "TeamRiskDelegate.h"

#include "core/itemmodels/TeamTableModel.h"
#include "ui/TextStyle.h"

void TeamRiskDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    const QStringList risks = index.data(TeamTableModel::RisksRole).toStringList();
    if (risks.isEmpty() || option->state.testFlag(QStyle::State_Selected))
        return;
    const bool refused = risks.contains(teamrisk::name(TeamRisk::OverBudget)) ||
                         risks.contains(teamrisk::name(TeamRisk::Blocked));
    const QColor colour =
        textstyle::toneColor(refused ? textstyle::Tone::Error : textstyle::Tone::Warning, option->palette);
    option->palette.setColor(QPalette::Text, colour);
    if (refused)
        option->font.setBold(true);
}
