#include "SimDataset.h"

SimDataset::SimDataset(const SimOptions &options)
    : m_options(options)
    , m_models(simCatalog(options.models))
{
}

std::optional<SimCaller> SimDataset::authenticate(const QString &rawKey) const
{
    Q_UNUSED(rawKey);
    return std::nullopt;
}
