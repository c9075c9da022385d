#include "ProxyProbe.h"

#include "core/api/HealthApi.h"

ProxyProbe::ProxyProbe(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {}

void ProxyProbe::cancel() {
    m_canceled = true;
    if (m_client)
        m_client->cancelAll();
}

void ProxyProbe::fail(const ApiError &e) {
    m_result.error = e;
    emit finished(m_result);
}

void ProxyProbe::start() {
    m_result = {};
    m_canceled = false;
    if (!m_client)
        return;
    emit stepChanged(tr("Reaching the proxy…"));
    api::liveliness(*m_client, this, [this](Expected<bool> alive) {
        if (m_canceled)
            return;
        if (!alive)
            return fail(alive.error());
        m_result.alive = true;
        emit stepChanged(tr("Reading version and database state…"));
        api::readiness(*m_client, this, [this](Expected<Readiness> ready) {
            if (m_canceled)
                return;
            // Readiness answers 503 when the database is down; the proxy is still usable for some work,
            // so record it and go on to the key.
            if (ready) {
                m_result.readiness = *ready;
                m_result.readinessKnown = true;
            }
            emit stepChanged(tr("Checking the key and its role…"));
            api::probeCallerRole(*m_client, this, [this](Expected<CallerIdentity> who) {
                if (m_canceled)
                    return;
                if (!who)
                    return fail(who.error());
                m_result.caller = *who;
                m_result.callerKnown = true;
                emit finished(m_result);
            });
        });
    });
}
