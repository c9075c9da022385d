#include "ModelTableModel.h"

#include "core/format/Count.h"

#include <QLocale>

#include <cmath>

namespace {

const QString kUnknown = QStringLiteral("—");

bool isNumeric(ModelTableModel::Column c) {
    using C = ModelTableModel::Column;
    return c == C::ContextWindow || c == C::InputPrice || c == C::OutputPrice;
}

} // namespace

ModelTableModel::ModelTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void ModelTableModel::setModels(QList<ModelInfo> models) {
    beginResetModel();
    m_models = std::move(models);
    endResetModel();
}

const ModelInfo *ModelTableModel::modelAt(int row) const {
    if (row < 0 || row >= m_models.size())
        return nullptr;
    return &m_models.at(row);
}

int ModelTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_models.size());
}

int ModelTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QString ModelTableModel::formatPrice(std::optional<double> perMillion) {
    if (!perMillion)
        return kUnknown;
    const double v = *perMillion;
    // Two decimals like a price tag, more only when the price needs them ($0.075, $0.0375).
    int decimals = 2;
    while (decimals < 6 &&
           std::abs(v * std::pow(10.0, decimals) - std::round(v * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    return u'$' + QLocale().toString(v, 'f', decimals);
}

QString ModelTableModel::formatTokens(std::optional<qint64> tokens) {
    if (!tokens)
        return kUnknown;
    return formatCount(*tokens);
}

QVariant ModelTableModel::displayValue(const ModelInfo &m, Column column) const {
    switch (column) {
    case Column::Name:
        return m.modelName;
    case Column::Provider:
        return m.provider.isEmpty() ? kUnknown : m.provider;
    case Column::Mode:
        return m.mode.isEmpty() ? kUnknown : m.mode;
    case Column::ContextWindow:
        return formatTokens(m.maxInputTokens);
    case Column::InputPrice:
        return formatPrice(m.inputCostPerMillion());
    case Column::OutputPrice:
        return formatPrice(m.outputCostPerMillion());
    }
    return {};
}

QVariant ModelTableModel::sortValue(const ModelInfo &m, Column column) const {
    auto text = [](const QString &s) { return s.isEmpty() ? QVariant() : QVariant(s); };
    auto number = [](const auto &opt) { return opt ? QVariant::fromValue(*opt) : QVariant(); };
    switch (column) {
    case Column::Name:
        return text(m.modelName);
    case Column::Provider:
        return text(m.provider);
    case Column::Mode:
        return text(m.mode);
    case Column::ContextWindow:
        return number(m.maxInputTokens);
    case Column::InputPrice:
        return number(m.inputCostPerMillion());
    case Column::OutputPrice:
        return number(m.outputCostPerMillion());
    }
    return {};
}

QVariant ModelTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelInfo &m = m_models.at(index.row());
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(m, column);
    case SortRole:
        return sortValue(m, column);
    case ModelIdRole:
        return m.id;
    case LitellmModelRole:
        return m.litellmModel;
    case Qt::TextAlignmentRole:
        return isNumeric(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                 : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        QStringList lines{m.modelName};
        if (!m.litellmModel.isEmpty())
            lines << tr("LiteLLM model: %1").arg(m.litellmModel);
        if (!m.id.isEmpty())
            lines << tr("Model id: %1").arg(m.id);
        if (column == Column::ContextWindow && m.maxInputTokens)
            lines << tr("Context window: %1 tokens").arg(formatCount(*m.maxInputTokens));
        return lines.join(u'\n');
    }
    default:
        return {};
    }
}

QVariant ModelTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    const auto column = static_cast<Column>(section);
    if (role == Qt::TextAlignmentRole)
        return isNumeric(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                 : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case Column::ContextWindow:
            return tr("Most input tokens the model accepts");
        case Column::InputPrice:
            return tr("Price of 1 million input tokens, in USD");
        case Column::OutputPrice:
            return tr("Price of 1 million output tokens, in USD");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Column::Name:
        return tr("Model");
    case Column::Provider:
        return tr("Provider");
    case Column::Mode:
        return tr("Mode");
    case Column::ContextWindow:
        return tr("Context");
    case Column::InputPrice:
        return tr("Input / 1M");
    case Column::OutputPrice:
        return tr("Output / 1M");
    }
    return {};
}
