#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// A model deployment of the simulated proxy, with real public names and list prices.
struct SimModel {
    QString name;         // public model_name
    QString litellmModel; // provider/model
    QString provider;
    QString mode;
    std::optional<qint64> maxInput;
    std::optional<qint64> maxOutput;
    std::optional<double> inputCost;  // per token
    std::optional<double> outputCost; // per token
    QString id;
    QString createdAt;

    QJsonObject toModelInfoJson() const; // one /model/info entry
};

// The first `count` models of a fixed catalogue (extra ones are fine-tune variants of it).
QList<SimModel> simCatalog(int count);
