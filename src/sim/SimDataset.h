#pragma once

#include "SimCaller.h"
#include "SimCatalog.h"
#include "SimOptions.h"

#include <optional>

// The simulated proxy's data: generated from the options' seed, changed by write routes.
class SimDataset {
public:
    explicit SimDataset(const SimOptions &options);

    const SimOptions &options() const { return m_options; }
    const QList<SimModel> &models() const { return m_models; }

    // The caller a raw virtual key (not the master key) stands for, if the key exists and may be used.
    std::optional<SimCaller> authenticate(const QString &rawKey) const;

private:
    SimOptions m_options;
    QList<SimModel> m_models;
};
