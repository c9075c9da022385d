#pragma once

#include "core/api/ApiError.h"
#include "core/api/ModelInfo.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

class ApiReply;
class ProxyClient;

// Every model deployment of a proxy. load() asks /v2/model/info for its first page, then for all the
// other pages at once (the ProxyClient keeps at most four on the wire), and puts them together in page
// order. Older proxies answer /v2/model/info unpaged ({"data": [...]}, all of it); the oldest have no
// /v2/model/info at all (404), and then /model/info is used. One loaded() or one failed() per load().
class ModelCatalog : public QObject {
    Q_OBJECT
public:
    static constexpr int kPageSize = 100;
    // A proxy claiming more pages than this is misbehaving (endless paging); the load fails.
    static constexpr int kMaxPages = 500;

    explicit ModelCatalog(ProxyClient *client, QObject *parent = nullptr);
    ~ModelCatalog() override;

    // Starts loading; a load already running is abandoned.
    void load();
    void cancel();
    bool isLoading() const { return m_loading; }
    bool hasLoaded() const { return m_hasLoaded; }
    const QList<ModelInfo> &models() const { return m_models; }

    // Public model name (model_group) -> the names its deployments record usage under: daily activity's
    // "model", litellm_params.model without its provider prefix ("claude-3-5-sonnet-20241022") on older
    // proxies, with it ("anthropic/claude-3-5-sonnet-20241022") on newer ones; both are listed.
    static QHash<QString, QStringList> deploymentNames(const QList<ModelInfo> &models);
    // The names usage of `name` is recorded under: a public name's deployments, or a deployment's two
    // forms when `name` is one of them (with or without its provider). Empty: not a known model.
    static QStringList recordedNames(const QList<ModelInfo> &models, const QString &name);
    // The other way round, from deploymentNames(): a recorded deployment name -> its public name. A
    // deployment that serves two public names is left out (its usage cannot be told apart).
    static QHash<QString, QString> publicNames(const QHash<QString, QStringList> &deployments);

signals:
    void loadingChanged(bool loading);
    void loaded(const QList<ModelInfo> &models);
    void failed(const ApiError &error);

private:
    void requestPage(int page, quint64 generation);
    void onFirstPage(const ModelPage &page, quint64 generation);
    void onPage(int page, const ModelPage &result);
    void loadUnpaged(quint64 generation);
    void finish(QList<ModelInfo> models);
    void fail(const ApiError &error);
    void setLoading(bool loading);
    void cancelReplies();

    QPointer<ProxyClient> m_client;
    QList<QPointer<ApiReply>> m_replies;
    QList<std::optional<QList<ModelInfo>>> m_pages; // index = page - 1
    int m_pending = 0;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_hasLoaded = false;
    QList<ModelInfo> m_models;
};
