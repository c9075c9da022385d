#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "KeysCommandSupport.h"
#include "ProfilesCommandKeychain.h"
#include "SignalWatcher.h"

#include "core/api/Json.h"
#include "core/api/ProxyClient.h"
#include "core/connection/KeychainSecretStore.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"
#include "core/index/AlertStore.h"
#include "core/index/KeyIndex.h"
#include "core/itemmodels/AlertTableModel.h"
#include "core/watch/WatchPass.h"
#include "core/watch/WebhookPoster.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace {

const QString kService = QStringLiteral("litellm-desk");

// watch: one watch pass (--once) or one every interval until stopped.
class WatchCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("watch")}; }
    QString summary() const override {
        return QStringLiteral(
            "Watch the proxy: spend spikes, budgets running out, expiring keys and leases, health");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(".\nA pass checks the proxy's health, brings the key index up to date, reads "
                              "the budgets above the keys when they are 5 minutes old and the last 16 days "
                              "of usage, and prints the open alerts (not acknowledged or snoozed in the app, "
                              "unless --all). With --once it then exits: 0 without alerts, 10 with some, "
                              "other codes as usual. Without --once it runs a pass every interval_minutes "
                              "(15 unless the rules say otherwise) and prints new alerts until stopped. "
                              "Alerts open and clear per connection, in its key index, so the app and the "
                              "CLI see the same ones; one pass runs at a time.\n"
                              "json: an array of {kind, subject_type, subject, subject_name, value, "
                              "threshold, message, since}; kind is spend_spike, budget_exhausted, "
                              "budget_forecast, expiring or proxy_unhealthy; subject_type key, team, user, "
                              "model or proxy.\n"
                              "--webhook posts new alerts to the profile's webhook (set it with "
                              "\"watch webhook --profile NAME\"; it is kept in the keychain).");
    }
    QList<QCommandLineOption> options() const override {
        return {
            {QStringLiteral("once"), QStringLiteral("Run one pass, print the open alerts and exit.")},
            {QStringLiteral("format"), QStringLiteral("Output format: table (default) or json."),
             QStringLiteral("FORMAT"), QStringLiteral("table")},
            valueOption("rules", "Use the rules in FILE (JSON) instead of the connection's.", "FILE"),
            {QStringLiteral("webhook"),
             QStringLiteral("Post new alerts to the profile's webhook (kept in the keychain).")},
            {QStringLiteral("all"), QStringLiteral("Also list acknowledged and snoozed alerts.")},
        };
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto problem = checkChoice(parser, QStringLiteral("format"),
                                       {QStringLiteral("table"), QStringLiteral("json")}))
            return problem;
        m_json = parser.value(QStringLiteral("format")) == u"json";
        m_once = parser.isSet(QStringLiteral("once"));
        m_all = parser.isSet(QStringLiteral("all"));
        m_webhook = parser.isSet(QStringLiteral("webhook"));
        if (m_webhook && !proxy().profile)
            return QStringLiteral("--webhook needs --profile: the webhook is kept with a saved connection");
        if (parser.isSet(QStringLiteral("rules"))) {
            QString error;
            m_rules = WatchRules::fromFile(parser.value(QStringLiteral("rules")), &error);
            if (!m_rules)
                return error;
        }
        return std::nullopt;
    }

    void start() override {
        QString error;
        m_index = keyscli::openIndex(proxy(), &error);
        if (!m_index)
            return fail(ExitCode::Failure, error);
        m_client = proxy().makeClient(this);
        if (!m_webhook)
            return run();
        auto *store = new KeychainSecretStore(kService, this);
        store->read(proxy().profile->webhookSecretKey(), this, [this, store](QString url, SecretError e) {
            store->deleteLater();
            if (e.kind == SecretError::Kind::NotFound || (e.ok() && url.isEmpty()))
                return fail(ExitCode::Usage, QStringLiteral("profile \"%1\" has no webhook: set one with "
                                                            "\"litellm-deskctl watch webhook --profile %1\"")
                                                 .arg(proxy().profile->name));
            if (!e.ok())
                return fail(ExitCode::Failure, profilekey::keychainProblem(e));
            console::addSecret(url);
            m_webhookUrl = QUrl(url);
            run();
        });
    }

private:
    void run() {
        if (!m_once && !m_signals) {
            m_signals = new SignalWatcher(this);
            connect(m_signals, &SignalWatcher::received, this, [this] {
                if (m_pass)
                    m_pass->cancel();
                succeed();
            });
        }
        m_pass = new WatchPass(m_client, *m_index, this);
        if (m_rules)
            m_pass->setRules(*m_rules);
        connect(m_pass, &WatchPass::finished, this, [this](const WatchReport &r) {
            m_pass->deleteLater();
            onPass(r);
        });
        m_pass->start();
    }

    void onPass(const WatchReport &r) {
        if (isFinished())
            return;
        for (const QString &w : r.warnings)
            console::warning(w);
        if (r.busy && m_once)
            return fail(ExitCode::Failure, r.message);
        if (!r.ok && !r.busy)
            return r.error.kind == ApiError::Kind::Canceled ? fail(ExitCode::Failure, r.message)
                                                            : fail(r.error);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<Alert> shown;
        for (const Alert &a : m_once ? r.open : r.opened)
            if (m_all || a.isActive(now))
                shown << a;
        if (m_once || !shown.isEmpty())
            print(shown, r);
        postThen([this, shown] {
            if (m_once)
                return shown.isEmpty() ? succeed() : finish(ExitCode::Alerts);
            const int minutes = (m_rules ? *m_rules : AlertStore(*m_index).rules()).intervalMinutes;
            QTimer::singleShot(std::chrono::minutes(minutes), this, [this] { run(); });
        });
    }

    // Posts the alerts not posted yet (new ones, and those a failed post left out) to the webhook.
    void postThen(std::function<void()> next) {
        if (!m_webhook)
            return next();
        AlertStore store(*m_index);
        const QList<Alert> unsent = store.unsent(QDateTime::currentDateTimeUtc());
        if (unsent.isEmpty())
            return next();
        if (!m_poster)
            m_poster = new WebhookPoster(this);
        m_poster->post(
            m_webhookUrl, proxy().profile->name, unsent, [this, unsent, next](const QString &error) {
                if (!error.isEmpty()) {
                    if (m_once)
                        return fail(
                            ExitCode::Connection,
                            QStringLiteral("%1; the alerts will be posted with the next pass").arg(error));
                    console::warning(error);
                    return next();
                }
                AlertStore(*m_index).markSent(unsent, QDateTime::currentDateTimeUtc());
                next();
            });
    }

    void print(const QList<Alert> &alerts, const WatchReport &r) {
        if (m_json) {
            QJsonArray array;
            for (const Alert &a : alerts) {
                QJsonObject o = a.toJson();
                if (m_all) {
                    o.insert(QStringLiteral("acknowledged"), a.acknowledged.isValid());
                    o.insert(QStringLiteral("snoozed_until"), a.snoozedUntil.isValid()
                                                                  ? QJsonValue(json::isoUtc(a.snoozedUntil))
                                                                  : QJsonValue());
                }
                array << o;
            }
            console::out(JsonWriter::document(array));
            return;
        }
        if (alerts.isEmpty()) {
            console::out(QStringLiteral("No alerts (%1 requests, %2 s).\n")
                             .arg(r.requests)
                             .arg(double(r.elapsedMs) / 1000.0, 0, 'f', 1));
            return;
        }
        TextTable t;
        for (const char *h : {"KIND", "SUBJECT", "VALUE", "THRESHOLD", "SINCE", "MESSAGE"})
            t.addColumn(QString::fromLatin1(h), qstrcmp(h, "VALUE") == 0 || qstrcmp(h, "THRESHOLD") == 0
                                                    ? TextTable::Align::Right
                                                    : TextTable::Align::Left);
        for (const Alert &a : alerts) {
            const QString subject = Alert::subjectTypeName(a.subjectType) + u' ' +
                                    (a.subjectName.isEmpty() ? a.subject : a.subjectName);
            t.addRow({Alert::kindName(a.kind), subject, AlertTableModel::valueText(a),
                      AlertTableModel::thresholdText(a), a.since.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                      a.message});
        }
        console::out(t.toString());
    }

    std::unique_ptr<KeyIndex> m_index;
    QPointer<ProxyClient> m_client;
    QPointer<WatchPass> m_pass;
    WebhookPoster *m_poster = nullptr;
    SignalWatcher *m_signals = nullptr;
    std::optional<WatchRules> m_rules;
    QUrl m_webhookUrl;
    bool m_json = false;
    bool m_once = false;
    bool m_all = false;
    bool m_webhook = false;
};

// watch webhook: stores (or with --remove, deletes) a profile's webhook URL in the keychain.
class WatchWebhookCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("watch"), QStringLiteral("webhook")}; }
    QString summary() const override {
        return QStringLiteral("Set the webhook that \"watch --webhook\" posts new alerts to");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(
                   ".\nThe URL is read from stdin (or typed without echo), never from the command "
                   "line, and kept in the keychain with the profile's key: whoever has it can post "
                   "to the channel. --remove deletes it.");
    }
    bool needsKey() const override { return false; }
    bool usesKey() const override { return false; }
    QList<QCommandLineOption> options() const override {
        return {{QStringLiteral("remove"), QStringLiteral("Delete the profile's webhook.")}};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (!proxy().profile)
            return QStringLiteral(
                "watch webhook needs --profile NAME: the webhook is kept with a saved connection");
        m_remove = parser.isSet(QStringLiteral("remove"));
        return std::nullopt;
    }

    void start() override {
        const Profile profile = *proxy().profile;
        auto *keychain = new KeychainSecretStore(kService, this);
        if (m_remove) {
            keychain->remove(profile.webhookSecretKey(), this, [this, profile](SecretError e) {
                if (!e.ok())
                    return fail(ExitCode::Failure, profilekey::keychainProblem(e));
                console::out(QStringLiteral("Removed the webhook of profile \"%1\".\n").arg(profile.name));
                succeed();
            });
            return;
        }
        const auto url = profilekey::readMasterKey(QStringLiteral("Webhook URL for %1: ").arg(profile.name));
        if (!url)
            return fail(
                ExitCode::Usage,
                QString(url.error()).replace(QStringLiteral("master key"), QStringLiteral("webhook URL")));
        console::addSecret(*url);
        const QUrl parsed(*url);
        if (!parsed.isValid() || (parsed.scheme() != u"https" && parsed.scheme() != u"http") ||
            parsed.host().isEmpty())
            return fail(ExitCode::Usage, QStringLiteral("the webhook must be an http(s) URL"));
        keychain->write(
            profile.webhookSecretKey(), *url, this, [this, profile, host = parsed.host()](SecretError e) {
                if (!e.ok())
                    return fail(ExitCode::Failure, profilekey::keychainProblem(e));
                console::out(QStringLiteral("Stored the webhook of profile \"%1\" (%2) in the keychain.\n")
                                 .arg(profile.name, host));
                succeed();
            });
    }

private:
    bool m_remove = false;
};

} // namespace

void registerWatchCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new WatchCommand(owner));
    registry.add(new WatchWebhookCommand(owner));
}
