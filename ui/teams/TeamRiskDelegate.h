#pragma once

#include <QStyledItemDelegate>

// Colours a team's risks by how bad they are, with the palette's tones (ui/TextStyle): an error tone for
// over budget and blocked (LiteLLM refuses the team's keys), a warning tone for near budget and no
// budget. It only paints: the text and the risks come from TeamTableModel.
class TeamRiskDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
