#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "RolesCommand.h"

#include "core/api/ErrorReason.h"
#include "core/api/Json.h"
#include "core/api/KeyApi.h"
#include "core/api/ProxyClient.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"
#include "core/format/CommaList.h"
#include "core/roles/KeyIssuer.h"
#include "core/roles/LeaseManager.h"

#include <QCommandLineParser>
#include <QPointer>

#include <memory>

namespace {

QString expiryText(const QDateTime &expires) {
    return expires.isValid() ? json::isoUtc(expires) : QStringLiteral("never");
}

bool looksLikeKey(const QString &text) {
    return isKeyHash(text) || text.startsWith(u"sk-");
}

// keys create --role NAME: a key exactly as powerful as the role allows, shown once.
class KeysCreateCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("keys"), QStringLiteral("create")}; }
    QString summary() const override {
        return QStringLiteral("Issue a key from a role; the raw key is printed once");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(
                   ".\nThe choices may narrow the role, never widen it. The raw key is printed once and "
                   "not stored anywhere.\n--dry-run prints the exact /key/generate request and sends "
                   "nothing.");
    }
    bool needsKey() const override { return false; } // --dry-run needs none; start() checks the rest
    QList<QCommandLineOption> options() const override {
        const auto opt = &Command::valueOption;
        return {opt("role", "The role to issue from (required).", "NAME"),
                opt("label", "End of the key alias (default: 8 random characters).", "L"),
                opt("user", "The user the key belongs to.", "U"),
                opt("team", "The team the key belongs to (the role's, if it fixes one).", "T"),
                opt("models", "Models, comma-separated, within the role's (default: the role's).", "a,b"),
                opt("max-budget", "Budget in USD, at most the role's (default: the role's).", "X"),
                opt("ttl", "Lifetime, at most the role's maximum (default: the role's TTL).", "D"),
                QCommandLineOption(QStringLiteral("format"),
                                   QStringLiteral("Output format: text (default) or json."),
                                   QStringLiteral("FORMAT"), QStringLiteral("text")),
                QCommandLineOption(QStringLiteral("dry-run"),
                                   QStringLiteral("Print the exact request and send nothing."))};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto bad = checkChoice(parser, QStringLiteral("format"),
                                   {QStringLiteral("text"), QStringLiteral("json")}))
            return bad;
        m_json = parser.value(QStringLiteral("format")) == u"json";
        m_dryRun = parser.isSet(QStringLiteral("dry-run"));
        m_role = parser.value(QStringLiteral("role")).trimmed();
        if (m_role.isEmpty())
            return QStringLiteral("--role NAME is required (see \"litellm-deskctl roles list\")");
        m_choices.label = parser.value(QStringLiteral("label"));
        m_choices.userId = parser.value(QStringLiteral("user"));
        m_choices.teamId = parser.value(QStringLiteral("team"));
        m_choices.models = splitList(parser.value(QStringLiteral("models")));
        if (parser.isSet(QStringLiteral("max-budget"))) {
            bool ok = false;
            m_choices.maxBudget = parser.value(QStringLiteral("max-budget")).toDouble(&ok);
            if (!ok)
                return QStringLiteral("--max-budget expects a number of USD, not \"%1\"")
                    .arg(parser.value(QStringLiteral("max-budget")));
        }
        if (parser.isSet(QStringLiteral("ttl"))) {
            QString why;
            m_choices.ttl = Duration::parse(parser.value(QStringLiteral("ttl")), &why);
            if (!m_choices.ttl)
                return QStringLiteral("--ttl: %1").arg(why);
        }
        return std::nullopt;
    }

    void start() override {
        RoleStore store(proxy().deskConfig.rolesFile);
        if (const auto e = rolescope::load(store); !e.ok())
            return fail(ExitCode::Failure, e.message);
        const auto role = store.role(proxy().roleScope(), m_role);
        if (!role)
            return fail(ExitCode::Usage, rolescope::unknownRole(proxy(), m_role));
        if (!m_dryRun && !proxy().hasKey())
            return fail(
                ExitCode::Usage,
                QStringLiteral("%1 is not set: export it with the proxy's master key or a virtual key")
                    .arg(QLatin1StringView(ProxyOptions::kKeyVariable)));
        m_client = proxy().makeClient(this);
        auto *issuer = new KeyIssuer(m_client, this);
        const PlanResult planned = issuer->preview(*role, m_choices);
        if (!planned.plan)
            return fail(ExitCode::Usage, rolescope::joinErrors(planned.errors));
        if (m_dryRun) {
            if (!m_json)
                console::out(QStringLiteral("POST %1/key/generate\n").arg(proxy().config.baseUrl.toString()));
            console::out(JsonWriter::document(planned.plan->body));
            return succeed();
        }
        connect(issuer, &KeyIssuer::invalid, this, [this](const QList<FieldError> &errors) {
            fail(ExitCode::Usage, rolescope::joinErrors(errors));
        });
        // A key that may exist without its raw key ever shown: say how to revoke it, after the error.
        connect(issuer, &KeyIssuer::leftUnseen, this, [this](const UnseenKey &k) { m_unseen = k.alias; });
        connect(issuer, &KeyIssuer::failed, this, [this](const ApiError &e) {
            fail(e);
            if (!m_unseen.isEmpty())
                console::note(QStringLiteral("to revoke it"),
                              QStringLiteral("litellm-deskctl keys revoke \"%1\"").arg(m_unseen));
        });
        connect(issuer, &KeyIssuer::issued, this, [this](const IssuedKey &k) {
            print(k);
            succeed();
        });
        issuer->issue(*role, m_choices);
    }

private:
    void print(const IssuedKey &k) {
        if (m_json) {
            QJsonObject out = k.reply;
            out.insert(QStringLiteral("key"), k.rawKey);
            if (!k.warnings.isEmpty())
                out.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(k.warnings));
            console::out(JsonWriter::document(out));
            return;
        }
        const auto budget = json::optNum(k.reply.value(u"max_budget"));
        const QStringList models = json::strList(k.reply.value(u"models"));
        TextTable t;
        t.addColumn({});
        t.addColumn({});
        t.addRow({QStringLiteral("Key"), k.rawKey});
        t.addRow({QStringLiteral("Alias"), k.alias});
        t.addRow({QStringLiteral("Token"), k.token});
        t.addRow({QStringLiteral("Expires"), expiryText(k.expires)});
        t.addRow({QStringLiteral("Models"), models.isEmpty() ? QStringLiteral("all") : models.join(u',')});
        t.addRow({QStringLiteral("Max budget"),
                  budget ? JsonWriter::number(*budget) : QStringLiteral("unlimited")});
        for (const QString &w : k.warnings)
            t.addRow({QStringLiteral("Warning"), w});
        console::out(
            t.toString() +
            QStringLiteral("The key is shown only this once and is not stored anywhere: copy it now.\n"));
    }

    QString m_role;
    IssueChoices m_choices;
    bool m_json = false;
    bool m_dryRun = false;
    QPointer<ProxyClient> m_client;
    QString m_unseen; // the alias of a key that may exist without its raw key shown
};

// Finds one key by hash, raw key or exact alias. Some proxies ignore the alias filter: rows are checked.
void findKey(ProxyClient &client, const QString &text, QObject *context,
             std::function<void(Expected<KeyRecord>)> done) {
    if (looksLikeKey(text)) {
        api::keyInfo(client, text, context, std::move(done));
        return;
    }
    api::KeyListQuery q;
    q.keyAlias = text;
    q.size = 10;
    api::listKeys(client, q, context, [text, done](Expected<api::KeyPage> page) {
        if (!page)
            return done(Unexpected(page.error()));
        for (const KeyRecord &k : page->keys)
            if (k.keyAlias == text)
                return done(k);
        ApiError e;
        e.kind = ApiError::Kind::Http;
        e.httpStatus = 404;
        e.type = QStringLiteral("not_found_error");
        e.message = QStringLiteral("No key has the alias \"%1\".").arg(text);
        e.hint = QStringLiteral("Give the key's alias exactly, or its hash.");
        done(Unexpected(e));
    });
}

// keys renew KEY: extends a key issued from a role by the role's TTL, within its maximum.
class KeysRenewCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("keys"), QStringLiteral("renew")}; }
    QString summary() const override {
        return QStringLiteral("Renew a key issued from a role by its TTL, up to the role's maximum TTL");
    }
    QString argumentsSyntax() const override { return QStringLiteral("KEY"); }
    QString description() const override {
        return summary() +
               QStringLiteral(".\nKEY is the key's hash or alias. The lease is rebuilt from the metadata "
                              "stamped on the key when it was issued.");
    }
    int minArguments() const override { return 1; }
    int maxArguments() const override { return 1; }
    std::optional<QString> configure(const QCommandLineParser &) override { return std::nullopt; }

    void start() override {
        m_client = proxy().makeClient(this);
        const QString wanted = arguments().value(0);
        findKey(*m_client, wanted, this, [this, wanted](Expected<KeyRecord> found) {
            if (!found)
                return fail(found.error());
            const auto lease = Lease::fromKey(found->metadata, found->expires);
            const QString name = found->keyAlias.isEmpty() ? wanted : found->keyAlias;
            if (!lease)
                return fail(
                    ExitCode::Failure,
                    QStringLiteral("%1 was not issued from a role (its metadata has no %2), so it has no "
                                   "lease to renew")
                        .arg(name, leasekeys::role));
            LeasedKey key;
            key.token = found->token;
            key.alias = found->keyAlias;
            key.userId = found->userId;
            key.teamId = found->teamId;
            key.spend = found->spend;
            key.lease = *lease;
            renew(key, name);
        });
    }

private:
    void renew(const LeasedKey &key, const QString &name) {
        auto *leases = new LeaseManager(m_client, this);
        connect(leases, &LeaseManager::renewRefused, this,
                [this, name](const LeasedKey &, const QString &why) {
                    fail(ExitCode::Failure, QStringLiteral("%1 was not renewed: %2").arg(name, why));
                });
        connect(leases, &LeaseManager::renewFailed, this,
                [this](const LeasedKey &, const ApiError &e) { fail(e); });
        connect(
            leases, &LeaseManager::renewed, this, [this, name](const LeasedKey &k, const RenewPlan &plan) {
                QString line = QStringLiteral("Renewed %1: it now expires %2 (in %3).")
                                   .arg(name, expiryText(k.lease.expires),
                                        formatTimeLeft(k.lease.secondsLeft(QDateTime::currentDateTimeUtc())));
                if (plan.capped)
                    line += u' ' + plan.message;
                console::out(line + u'\n');
                succeed();
            });
        leases->renew(key);
    }

    QPointer<ProxyClient> m_client;
};

// keys revoke KEY...: one request per key, one line per key; 404 means it is already gone.
class KeysRevokeCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("keys"), QStringLiteral("revoke")}; }
    QString summary() const override { return QStringLiteral("Delete keys by hash, raw key or alias"); }
    QString description() const override {
        return summary() +
               QStringLiteral(".\nA key that is already gone counts as revoked. One line per key; the "
                              "exit code is not 0 when any key could not be revoked.");
    }
    QString argumentsSyntax() const override { return QStringLiteral("KEY..."); }
    int minArguments() const override { return 1; }
    int maxArguments() const override { return -1; }
    std::optional<QString> configure(const QCommandLineParser &) override { return std::nullopt; }

    void start() override {
        m_client = proxy().makeClient(this);
        m_results.resize(arguments().size());
        m_pending = static_cast<int>(arguments().size());
        for (qsizetype i = 0; i < arguments().size(); ++i) {
            const QString key = arguments().at(i);
            auto done = [this, i](Expected<QStringList> r) {
                settle(i, r ? std::optional<ApiError>() : r.error());
            };
            if (looksLikeKey(key))
                api::deleteKeys(*m_client, {key}, this, done);
            else
                api::deleteKeysByAlias(*m_client, {key}, this, done);
        }
    }

private:
    void settle(qsizetype index, std::optional<ApiError> error) {
        m_results[index] = error;
        if (--m_pending > 0)
            return;
        std::optional<ExitCode> worst;
        QString out;
        for (qsizetype i = 0; i < arguments().size(); ++i) {
            const QString &name = arguments().at(i);
            // A raw key is never echoed: show its masked form.
            const QString shown = name.startsWith(u"sk-") ? QStringLiteral("sk-...") + name.right(4) : name;
            const auto &e = m_results.at(i);
            if (!e)
                out += QStringLiteral("%1: revoked\n").arg(shown);
            else if (isGone(*e))
                out += QStringLiteral("%1: already gone\n").arg(shown);
            else {
                out += QStringLiteral("%1: failed: %2\n").arg(shown, e->toString());
                if (!worst)
                    worst = exitCodeFor(*e);
            }
        }
        console::out(out);
        if (worst)
            return fail(*worst, QStringLiteral("some keys were not revoked"));
        succeed();
    }

    QPointer<ProxyClient> m_client;
    QList<std::optional<ApiError>> m_results;
    int m_pending = 0;
};

} // namespace

void registerIssueCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new KeysCreateCommand(owner));
    registry.add(new KeysRenewCommand(owner));
    registry.add(new KeysRevokeCommand(owner));
}
