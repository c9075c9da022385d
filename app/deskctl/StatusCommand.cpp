#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"

#include "core/api/HealthApi.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"

#include <QCommandLineParser>
#include <QPointer>

namespace {

// status: is the proxy alive and ready, which LiteLLM version, and who the key belongs to.
class StatusCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("status")}; }
    QString summary() const override {
        return QStringLiteral("Show whether the proxy is alive and ready, its LiteLLM version and your role");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(".\nLiveliness and readiness need no key; without %1 the role is not probed.")
                   .arg(QLatin1StringView(ProxyOptions::kKeyVariable));
    }
    QList<QCommandLineOption> options() const override {
        return {QCommandLineOption(QStringLiteral("format"),
                                   QStringLiteral("Output format: text (default) or json."),
                                   QStringLiteral("FORMAT"), QStringLiteral("text"))};
    }
    bool needsKey() const override { return false; }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        m_json = parser.value(QStringLiteral("format")) == u"json";
        return checkChoice(parser, QStringLiteral("format"),
                           {QStringLiteral("text"), QStringLiteral("json")});
    }

    void start() override {
        m_client = proxy().makeClient(this);
        m_pending = proxy().hasKey() ? 3 : 2;
        api::liveliness(*m_client, this, [this](Expected<bool> r) {
            m_alive = std::move(r);
            step();
        });
        api::readiness(*m_client, this, [this](Expected<Readiness> r) {
            m_ready = std::move(r);
            step();
        });
        if (proxy().hasKey())
            api::probeCallerRole(*m_client, this, [this](Expected<CallerIdentity> r) {
                m_caller = std::move(r);
                step();
            });
    }

private:
    void step() {
        if (--m_pending > 0)
            return;
        // Report the most basic failure: unreachable before not ready before a rejected key.
        if (!m_alive->has_value())
            return fail(m_alive->error());
        if (!m_ready->has_value())
            return fail(m_ready->error());
        if (m_caller && !m_caller->has_value())
            return fail(m_caller->error());
        console::out(m_json ? json() : text());
        const Readiness &r = **m_ready;
        if (!r.ready)
            return fail(ExitCode::Api, QStringLiteral("the proxy is not ready (HTTP 503): its database is %1")
                                           .arg(r.dbReported() ? r.db : QStringLiteral("not reported")));
        succeed();
    }

    QString roleText() const {
        if (!m_caller)
            return QStringLiteral("unknown (%1 is not set)")
                .arg(QLatin1StringView(ProxyOptions::kKeyVariable));
        const CallerIdentity &who = **m_caller;
        QString text = roleLabel(who.role);
        if (who.isMasterKey)
            text += QStringLiteral(", master key");
        else if (!who.userId.isEmpty())
            text += QStringLiteral(", user %1").arg(who.userId);
        return text;
    }

    QString text() const {
        const Readiness &r = **m_ready;
        const QString none = QStringLiteral("-");
        TextTable t;
        t.addColumn({});
        t.addColumn({});
        t.addRow({QStringLiteral("Proxy"), proxy().config.baseUrl.toString()});
        t.addRow({QStringLiteral("Liveliness"), QStringLiteral("alive")});
        t.addRow({QStringLiteral("Readiness"), r.status.isEmpty() ? none : r.status});
        t.addRow({QStringLiteral("Database"), r.dbReported() ? r.db : QStringLiteral("not reported")});
        t.addRow({QStringLiteral("LiteLLM"), r.litellmVersion.isEmpty() ? none : r.litellmVersion});
        t.addRow({QStringLiteral("Role"), roleText()});
        return t.toString();
    }

    QByteArray json() const {
        const Readiness &r = **m_ready;
        QJsonObject o{{QStringLiteral("url"), proxy().config.baseUrl.toString()},
                      {QStringLiteral("alive"), true},
                      {QStringLiteral("status"), JsonWriter::text(r.status)},
                      {QStringLiteral("ready"), r.ready},
                      {QStringLiteral("db"), JsonWriter::text(r.db)},
                      {QStringLiteral("cache"), JsonWriter::text(r.cache)},
                      {QStringLiteral("litellm_version"), JsonWriter::text(r.litellmVersion)}};
        if (m_caller) {
            const CallerIdentity &who = **m_caller;
            o.insert(QStringLiteral("user_role"), JsonWriter::text(who.role));
            o.insert(QStringLiteral("role_label"), roleLabel(who.role));
            o.insert(QStringLiteral("user_id"), JsonWriter::text(who.userId));
            o.insert(QStringLiteral("team_id"), JsonWriter::text(who.teamId));
            o.insert(QStringLiteral("master_key"), who.isMasterKey);
        } else {
            o.insert(QStringLiteral("user_role"), QJsonValue());
        }
        return JsonWriter::document(o);
    }

    QPointer<ProxyClient> m_client;
    bool m_json = false;
    int m_pending = 0;
    std::optional<Expected<bool>> m_alive;
    std::optional<Expected<Readiness>> m_ready;
    std::optional<Expected<CallerIdentity>> m_caller;
};

} // namespace

void registerStatusCommand(CommandRegistry &registry, QObject *owner) {
    registry.add(new StatusCommand(owner));
}
