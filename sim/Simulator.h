#pragma once

#include "sim/HttpServer.h"
#include "sim/SimCaller.h"
#include "sim/SimDataset.h"
#include "sim/SimFault.h"
#include "sim/SimHttp.h"
#include "sim/SimOptions.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>

class QSslConfiguration;
#include <memory>

// What a route sees of a request.
struct SimRequest {
    const HttpRequest &http;
    SimCaller caller;
    QJsonObject body;               // the JSON body of a POST ({} if none)
    QHash<QString, QString> params; // {name} segments of the route's path
    bool endlessPaging = false;     // a fault asks paged routes to claim there is always more

    QString query(const QString &name) const { return http.queryValue(name); }
};

// A LiteLLM-compatible admin API on loopback over a seeded data set, with LiteLLM's quirks and
// injectable faults. See ../shared/litellm-api.md; when LiteLLM differs, this is what is wrong.
class Simulator : public QObject {
    Q_OBJECT
public:
    using Route = std::function<SimReply(SimRequest &)>;

    explicit Simulator(SimOptions options = {}, QObject *parent = nullptr);
    ~Simulator() override;

    bool listen(quint16 port = 0);
    // Serves HTTPS with the given certificate and key instead (for TLS tests).
    bool listenTls(const QSslConfiguration &tls, quint16 port = 0);
    QString errorString() const;
    QUrl url() const;
    quint16 port() const;
    const SimOptions &options() const { return m_data->options(); }
    QString masterKey() const { return m_data->options().masterKey; }
    SimDataset &data() { return *m_data; }

    void addFault(const SimFault &fault);
    void clearFaults();
    qint64 requestsServed() const;
    // Most requests waiting for an answer at one time (hung and delayed ones count), for tests.
    int peakConcurrent() const { return m_peakConcurrent; }
    // Paths requested so far, in order (with the query), for tests.
    const QStringList &requestLog() const { return m_log; }

    // Conditions a watch pass finds, each with one alert, and their ends (see SimInjections.cpp):
    // - a spike: a steady key without a team or budgets spends far above its usual today (its token);
    // - a team burning toward its cap: one of its keys spends a steady amount every day and the team's
    //   budget is set to run out in about two days (the team's id);
    // - a lease of role "ci" that expires in two days (its token): renewing it ends the condition;
    // - a database outage (readiness answers 503).
    // The first two return an empty string when the data set has no key that fits.
    QString injectSpike();
    void clearSpike();
    QString injectTeamBurn();
    void clearTeamBurn();
    QString injectExpiringLease();
    void setDatabaseDown(bool down) { m_data->setDatabaseDown(down); }

    // `path` may hold {name} segments; `isPublic` routes need no key.
    void addRoute(const QByteArray &method, const QString &path, Route route, bool isPublic = false);
    // Runs the route registered for exactly `method` and `path` (no {name} segments) on `request`, as
    // one route building on another does (/user/new minting a key).
    SimReply routeReply(const QByteArray &method, const QString &path, SimRequest &request);

private:
    struct RouteEntry {
        QByteArray method;
        QStringList segments;
        Route route;
        bool isPublic = false;
    };

    void handle(const HttpRequest &request, HttpResponder responder);
    SimReply dispatch(const HttpRequest &request, bool endlessPaging);
    std::optional<SimFault> takeFault(const QString &path);
    void deliver(HttpResponder responder, const SimReply &reply, std::optional<SimFault> fault);

    std::unique_ptr<SimDataset> m_data;
    HttpServer *m_server = nullptr;
    QList<RouteEntry> m_routes;
    QList<SimFault> m_faults;
    QStringList m_log;
    int m_pending = 0;
    int m_peakConcurrent = 0;
    std::shared_ptr<struct SimInjected> m_injected;
};

// Route groups, one file each.
void registerHealthRoutes(Simulator &sim);
void registerModelRoutes(Simulator &sim);
void registerKeyRoutes(Simulator &sim);
void registerUserRoutes(Simulator &sim);
void registerTeamRoutes(Simulator &sim);
void registerActivityRoutes(Simulator &sim);
