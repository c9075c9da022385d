#include "ModelCatalog.h"

#include "core/api/ErrorReason.h"
#include "core/api/ModelApi.h"

#include <QLoggingCategory>
#include <QSet>

Q_LOGGING_CATEGORY(lcModels, "desk.models")

ModelCatalog::ModelCatalog(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {}

ModelCatalog::~ModelCatalog() {
    ++m_generation;
    cancelReplies();
}

void ModelCatalog::load() {
    ++m_generation; // answers to an earlier load are ignored from now on
    cancelReplies();
    m_pages.clear();
    m_pending = 0;
    if (!m_client) {
        ApiError error;
        error.kind = ApiError::Kind::Network;
        error.message = tr("Not connected to a proxy.");
        fail(error);
        return;
    }
    setLoading(true);
    requestPage(1, m_generation);
}

void ModelCatalog::cancel() {
    ++m_generation;
    cancelReplies();
    setLoading(false);
}

void ModelCatalog::cancelReplies() {
    const auto replies = std::exchange(m_replies, {});
    for (const auto &reply : replies)
        if (reply)
            reply->cancel();
}

void ModelCatalog::requestPage(int page, quint64 generation) {
    api::ModelQuery query;
    query.page = page;
    query.size = kPageSize;
    m_replies << api::modelInfoV2(*m_client, query, this, [this, page, generation](Expected<ModelPage> r) {
        if (generation != m_generation)
            return;
        if (!r) {
            if (page == 1 && isNoRoute(r.error())) {
                qCDebug(lcModels) << "no /v2/model/info, falling back to /model/info";
                loadUnpaged(generation);
                return;
            }
            fail(r.error());
            return;
        }
        if (page == 1)
            onFirstPage(*r, generation);
        else
            onPage(page, *r);
    });
}

void ModelCatalog::onFirstPage(const ModelPage &page, quint64 generation) {
    if (!page.paged || page.totalPages <= 1) {
        finish(page.models);
        return;
    }
    if (page.totalPages > kMaxPages) {
        fail(ApiError::decode(tr("The proxy claims %1 pages of models.").arg(page.totalPages),
                              QStringLiteral("/v2/model/info total_pages=%1").arg(page.totalPages)));
        return;
    }
    m_pages.resize(page.totalPages);
    m_pages[0] = page.models;
    m_pending = page.totalPages - 1;
    for (int p = 2; p <= page.totalPages; ++p)
        requestPage(p, generation);
}

void ModelCatalog::onPage(int page, const ModelPage &result) {
    if (page < 1 || page > m_pages.size())
        return;
    m_pages[page - 1] = result.models;
    if (--m_pending > 0)
        return;
    // Pages are put together in order; a deployment that moved between pages while they were being
    // fetched is kept once.
    QList<ModelInfo> all;
    QSet<QString> seen;
    for (const auto &p : std::as_const(m_pages)) {
        for (const auto &m : p.value_or(QList<ModelInfo>())) {
            if (!m.id.isEmpty() && seen.contains(m.id))
                continue;
            seen.insert(m.id);
            all << m;
        }
    }
    finish(std::move(all));
}

void ModelCatalog::loadUnpaged(quint64 generation) {
    m_replies << api::modelInfo(*m_client, this, [this, generation](Expected<ModelPage> r) {
        if (generation != m_generation)
            return;
        if (!r)
            fail(r.error());
        else
            finish(r->models);
    });
}

void ModelCatalog::finish(QList<ModelInfo> models) {
    m_replies.clear();
    m_pages.clear();
    m_models = std::move(models);
    m_hasLoaded = true;
    qCDebug(lcModels) << "loaded" << m_models.size() << "models";
    setLoading(false);
    emit loaded(m_models);
}

void ModelCatalog::fail(const ApiError &error) {
    ++m_generation; // answers still on their way belong to a load that is over
    cancelReplies();
    m_pages.clear();
    qCDebug(lcModels) << "loading models failed:" << error.toString();
    setLoading(false);
    emit failed(error);
}

void ModelCatalog::setLoading(bool loading) {
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

QStringList ModelCatalog::recordedNames(const QList<ModelInfo> &models, const QString &name) {
    if (const QStringList names = deploymentNames(models).value(name); !names.isEmpty())
        return names;
    QStringList out;
    for (const ModelInfo &m : models) {
        const QString bare = m.litellmModel.contains(u'/') ? m.litellmModel.section(u'/', 1) : m.litellmModel;
        if (name.isEmpty() || (name != bare && name != m.litellmModel))
            continue;
        for (const QString &n : {bare, m.litellmModel})
            if (!out.contains(n))
                out << n;
    }
    return out;
}

QHash<QString, QStringList> ModelCatalog::deploymentNames(const QList<ModelInfo> &models) {
    QHash<QString, QStringList> out;
    for (const ModelInfo &m : models) {
        if (m.modelName.isEmpty())
            continue;
        // Older proxies record the deployment without its provider ("gpt-4o-2024-08-06"), newer ones the
        // whole string ("openai/gpt-4o-2024-08-06"); the filter matches exactly, so both are asked for (a
        // row matches only one of them, so nothing is counted twice).
        QStringList &names = out[m.modelName];
        const QString bare = m.litellmModel.contains(u'/') ? m.litellmModel.section(u'/', 1) : m.litellmModel;
        for (const QString &name : {bare.isEmpty() ? m.modelName : bare, m.litellmModel})
            if (!name.isEmpty() && !names.contains(name))
                names << name;
    }
    return out;
}

QHash<QString, QString> ModelCatalog::publicNames(const QHash<QString, QStringList> &deployments) {
    QHash<QString, QString> out;
    QSet<QString> shared;
    for (auto it = deployments.cbegin(); it != deployments.cend(); ++it)
        for (const QString &deployment : it.value()) {
            const auto seen = out.constFind(deployment);
            if (seen != out.cend() && *seen != it.key())
                shared.insert(deployment);
            else
                out.insert(deployment, it.key());
        }
    for (const QString &deployment : std::as_const(shared))
        out.remove(deployment);
    return out;
}
