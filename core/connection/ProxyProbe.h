#pragma once

#include "core/api/ApiError.h"
#include "core/api/Health.h"
#include "core/api/ProxyClient.h"

#include <QObject>
#include <QPointer>

// What "test connection" finds out about a proxy: is it alive, its version and database, and who the
// key is. The steps run in order; the first failure ends the probe.
struct ProbeResult {
    bool alive = false;
    Readiness readiness;
    bool readinessKnown = false;
    CallerIdentity caller;
    bool callerKnown = false;
    std::optional<ApiError> error;

    bool ok() const { return !error.has_value(); }
};

class ProxyProbe : public QObject {
    Q_OBJECT
public:
    explicit ProxyProbe(ProxyClient *client, QObject *parent = nullptr);

    void start();
    void cancel();
    const ProbeResult &result() const { return m_result; }

signals:
    void stepChanged(const QString &step);
    void finished(const ProbeResult &result);

private:
    void fail(const ApiError &e);

    QPointer<ProxyClient> m_client;
    ProbeResult m_result;
    bool m_canceled = false;
};
