#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "SignalWatcher.h"

#include "sim/Simulator.h"

#include <QCommandLineParser>

#include <limits>

namespace {

struct CountOption {
    const char *name;
    const char *help;
    qint64 min;
    qint64 max;
    int SimOptions::*field;
};

// Sizes of the simulated data set. Keys reach a million: they are computed on demand.
const CountOption kCounts[] = {
    {"keys", "Number of virtual keys (default 250).", 0, 1'000'000, &SimOptions::keys},
    {"models", "Number of models (default 12).", 1, 1000, &SimOptions::models},
    {"teams", "Number of teams (default 8).", 1, 10'000, &SimOptions::teams},
    {"users", "Number of internal users (default 40).", 1, 100'000, &SimOptions::users},
    {"days", "Days of activity up to today (default 30).", 1, 3650, &SimOptions::days},
};

std::optional<qint64> wholeNumber(const QString &text, qint64 min, qint64 max) {
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max)
        return std::nullopt;
    return v;
}

// demo: the LiteLLM simulator in the foreground, until Ctrl+C or SIGTERM.
class DemoCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("demo")}; }
    QString summary() const override {
        return QStringLiteral("Run a simulated LiteLLM proxy with demo data on 127.0.0.1 until stopped");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(
                   ".\nPrints its URL, its master key and export lines for a shell. The same seed "
                   "and sizes always give the same data.\nFaults: --fault PATH=KIND[:ARG][xN], KIND one "
                   "of %1; PATH exact, a prefix ending in *, or *.")
                   .arg(SimFault::kindNames());
    }
    bool usesProxy() const override { return false; }

    QList<QCommandLineOption> options() const override {
        QList<QCommandLineOption> out;
        for (const auto &c : kCounts)
            out << QCommandLineOption(QString::fromLatin1(c.name), QString::fromLatin1(c.help),
                                      QStringLiteral("N"));
        out << QCommandLineOption(QStringLiteral("seed"),
                                  QStringLiteral("Seed of the data set (default 42)."), QStringLiteral("S"))
            << QCommandLineOption(QStringLiteral("port"),
                                  QStringLiteral("Port on 127.0.0.1 (default 4000; 0 picks a free one)."),
                                  QStringLiteral("P"), QStringLiteral("4000"))
            << QCommandLineOption(QStringLiteral("master-key"),
                                  QStringLiteral("The simulator's master key (default sk-desk-demo-master)."),
                                  QStringLiteral("K"))
            << QCommandLineOption(QStringLiteral("litellm-version"),
                                  QStringLiteral("The LiteLLM version to behave as and report: %1 "
                                                 "(default 1.74.3).")
                                      .arg(SimOptions::versionHelp()),
                                  QStringLiteral("V"))
            << QCommandLineOption(QStringLiteral("no-aggregated"),
                                  QStringLiteral("No /…/daily/activity/aggregated routes (older proxies)."))
            << QCommandLineOption(QStringLiteral("old-model-info"),
                                  QStringLiteral("/v2/model/info sends everything unpaged (older proxies)."))
            << QCommandLineOption(QStringLiteral("enterprise"),
                                  QStringLiteral("Allow enterprise-only features (regenerate, tags)."))
            << QCommandLineOption(QStringLiteral("fault"), QStringLiteral("Inject a fault; may be repeated."),
                                  QStringLiteral("PATH=KIND[:ARG][xN]"))
            << QCommandLineOption(
                   QStringLiteral("inject"),
                   QStringLiteral("Conditions for Watch to find, comma-separated: spike (a key "
                                  "spends far above its usual today), team-burn (a team runs "
                                  "out of budget in about two days), lease (a lease expires in "
                                  "two days), db-down (the database is disconnected)."),
                   QStringLiteral("WHAT"));
        return out;
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        m_options = SimOptions();
        if (parser.isSet(QStringLiteral("litellm-version"))) {
            const QString version = parser.value(QStringLiteral("litellm-version"));
            const auto profile = SimOptions::forVersion(version);
            if (!profile)
                return QStringLiteral("--litellm-version expects %1, not \"%2\"")
                    .arg(SimOptions::versionHelp(), version);
            m_options = *profile;
        }
        for (const auto &c : kCounts) {
            const QString name = QString::fromLatin1(c.name);
            if (!parser.isSet(name))
                continue;
            const auto v = wholeNumber(parser.value(name), c.min, c.max);
            if (!v)
                return QStringLiteral("--%1 expects a whole number from %2 to %3, not \"%4\"")
                    .arg(name)
                    .arg(c.min)
                    .arg(c.max)
                    .arg(parser.value(name));
            m_options.*c.field = static_cast<int>(*v);
        }
        if (parser.isSet(QStringLiteral("seed"))) {
            bool ok = false;
            m_options.seed = parser.value(QStringLiteral("seed")).trimmed().toULongLong(&ok);
            if (!ok)
                return QStringLiteral("--seed expects a whole number from 0 to %1, not \"%2\"")
                    .arg(std::numeric_limits<quint64>::max())
                    .arg(parser.value(QStringLiteral("seed")));
        }
        const auto port = wholeNumber(parser.value(QStringLiteral("port")), 0, 65535);
        if (!port)
            return QStringLiteral("--port expects a port number from 0 to 65535, not \"%1\"")
                .arg(parser.value(QStringLiteral("port")));
        m_port = static_cast<quint16>(*port);
        if (parser.isSet(QStringLiteral("master-key"))) {
            m_options.masterKey = parser.value(QStringLiteral("master-key")).trimmed();
            if (m_options.masterKey.isEmpty() || m_options.masterKey.contains(u' '))
                return QStringLiteral(
                    "--master-key must be a non-empty key without spaces, such as sk-my-demo");
        }
        if (parser.isSet(QStringLiteral("no-aggregated")))
            m_options.aggregatedActivity = false;
        if (parser.isSet(QStringLiteral("old-model-info")))
            m_options.pagedModelInfo = false;
        if (parser.isSet(QStringLiteral("enterprise")))
            m_options.enterprise = true;
        m_inject.clear();
        for (const QString &value : parser.values(QStringLiteral("inject")))
            for (const QString &what : value.split(u',', Qt::SkipEmptyParts)) {
                static const QStringList known{QStringLiteral("spike"), QStringLiteral("team-burn"),
                                               QStringLiteral("lease"), QStringLiteral("db-down")};
                if (!known.contains(what.trimmed()))
                    return QStringLiteral("--inject takes %1, not \"%2\"")
                        .arg(known.join(QStringLiteral(", ")), what);
                m_inject << what.trimmed();
            }
        m_faults.clear();
        for (const auto &spec : parser.values(QStringLiteral("fault"))) {
            QString why;
            const auto fault = SimFault::parse(spec, &why);
            if (!fault)
                return QStringLiteral("bad --fault \"%1\": %2").arg(spec, why);
            m_faults << *fault;
        }
        return std::nullopt;
    }

    void start() override {
        m_sim = new Simulator(m_options, this);
        for (const auto &f : m_faults)
            m_sim->addFault(f);
        if (!m_sim->listen(m_port))
            return fail(ExitCode::Failure, QStringLiteral("the simulator cannot listen on 127.0.0.1:%1: %2")
                                               .arg(m_port)
                                               .arg(m_sim->errorString()));
        QStringList injected;
        for (const QString &what : std::as_const(m_inject)) {
            QString subject;
            if (what == u"spike")
                subject = m_sim->injectSpike();
            else if (what == u"team-burn")
                subject = m_sim->injectTeamBurn();
            else if (what == u"lease")
                subject = m_sim->injectExpiringLease();
            else
                m_sim->setDatabaseDown(true), subject = QStringLiteral("database");
            injected << (subject.isEmpty() ? QStringLiteral("%1 (no key fits this data set)").arg(what)
                                           : QStringLiteral("%1 on %2").arg(what, subject));
        }
        auto *watcher = new SignalWatcher(this);
        connect(watcher, &SignalWatcher::received, this, [this](int) {
            console::out(QStringLiteral("Stopped after %1 requests.\n").arg(m_sim->requestsServed()));
            succeed();
        });
        const QString url = m_sim->url().toString();
        const SimOptions &o = m_sim->options();
        // The simulator's own demo key is printed: it guards nothing but this process's made-up data.
        console::out(
            QStringLiteral("LiteLLM simulator (LiteLLM %1) listening on %2\n"
                           "Data: %3 keys, %4 models, %5 teams, %6 users, %7 days of activity, seed %8\n"
                           "Master key: %9\n\n")
                .arg(o.litellmVersion, url)
                .arg(o.keys)
                .arg(o.models)
                .arg(o.teams)
                .arg(o.users)
                .arg(o.days)
                .arg(o.seed)
                .arg(o.masterKey) +
            QStringLiteral("export %1=%2\nexport %3=%4\n\n")
                .arg(QLatin1StringView(ProxyOptions::kUrlVariable), url,
                     QLatin1StringView(ProxyOptions::kKeyVariable), o.masterKey) +
            (m_faults.isEmpty() ? QString() : QStringLiteral("Faults: %1\n").arg(m_faults.size())) +
            (injected.isEmpty() ? QString()
                                : QStringLiteral("Injected: %1\n").arg(injected.join(QStringLiteral("; ")))) +
            QStringLiteral("Press Ctrl+C to stop.\n"));
    }

private:
    SimOptions m_options;
    QStringList m_inject;
    QList<SimFault> m_faults;
    quint16 m_port = 4000;
    Simulator *m_sim = nullptr;
};

} // namespace

void registerDemoCommand(CommandRegistry &registry, QObject *owner) {
    registry.add(new DemoCommand(owner));
}
