#pragma once

#include "core/api/ModelInfo.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

// The proxy's model deployments as a table: one row per deployment, prices per 1M tokens.
// Qt::DisplayRole gives formatted text ("$2.50", "128,000", "—"); SortRole gives raw typed values
// (QString, qint64, double), or an invalid QVariant when the proxy did not say.
class ModelTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Name, Provider, Mode, ContextWindow, InputPrice, OutputPrice };
    static constexpr int kColumnCount = 6;

    enum Role {
        SortRole = Qt::UserRole + 1,
        ModelIdRole,     // model_info.id
        LitellmModelRole // litellm_params.model
    };

    explicit ModelTableModel(QObject *parent = nullptr);

    void setModels(QList<ModelInfo> models);
    const QList<ModelInfo> &models() const { return m_models; }
    const ModelInfo *modelAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "$2.50", "$0.075", "—" when unknown.
    static QString formatPrice(std::optional<double> perMillion);
    // In full with group separators, like every count in the app ("128,000", "131,072"); "—" when unknown.
    static QString formatTokens(std::optional<qint64> tokens);

private:
    QVariant displayValue(const ModelInfo &m, Column column) const;
    QVariant sortValue(const ModelInfo &m, Column column) const;

    QList<ModelInfo> m_models;
};
