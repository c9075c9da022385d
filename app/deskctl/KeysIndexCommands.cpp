#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "KeysCommandSupport.h"

#include "core/api/Json.h"
#include "core/api/ProxyClient.h"
#include "core/export/CsvWriter.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexSync.h"
#include "core/roles/Duration.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <memory>

namespace {

// keys sync: brings the connection's key index up to date.
class KeysSyncCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("keys"), QStringLiteral("sync")}; }
    QString summary() const override { return QStringLiteral("Bring the local key index up to date"); }
    QString description() const override {
        return summary() +
               QStringLiteral(".\nThe first sync reads every key (1 request at a time unless --concurrency "
                              "says up to 4) and resumes where it stopped if interrupted; later syncs read "
                              "only what changed since the last one. Then the budgets above the keys (teams, "
                              "team members, users, the proxy) are read again when they are 5 minutes old, "
                              "or with --full. Prints keys created, changed and deleted, requests made and "
                              "time taken.");
    }
    QList<QCommandLineOption> options() const override {
        return {
            {QStringLiteral("full"), QStringLiteral("Read every key again, not only what changed.")},
            valueOption("concurrency", "Requests in flight at once, 1 (default) to 4.", "N"),
            valueOption("keep-changes",
                        "Keep the changes journal this many days, 1 to 3650 (remembered for this connection; "
                        "90 until set).",
                        "DAYS"),
            {QStringLiteral("format"), QStringLiteral("Output format: table (default) or json."),
             QStringLiteral("FORMAT"), QStringLiteral("table")},
        };
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto problem = checkChoice(parser, QStringLiteral("format"),
                                       {QStringLiteral("table"), QStringLiteral("json")}))
            return problem;
        m_format = parser.value(QStringLiteral("format"));
        m_options.full = parser.isSet(QStringLiteral("full"));
        if (parser.isSet(QStringLiteral("concurrency"))) {
            bool ok = false;
            m_options.concurrency = parser.value(QStringLiteral("concurrency")).toInt(&ok);
            if (!ok || m_options.concurrency < 1 || m_options.concurrency > SyncPacer::kMaxConcurrency)
                return QStringLiteral("--concurrency must be a whole number from 1 to %1")
                    .arg(SyncPacer::kMaxConcurrency);
        }
        if (parser.isSet(QStringLiteral("keep-changes"))) {
            bool ok = false;
            m_options.keepDays = parser.value(QStringLiteral("keep-changes")).toInt(&ok);
            if (!ok || m_options.keepDays < 1 || m_options.keepDays > KeyIndexSync::kMaxKeepDays)
                return QStringLiteral("--keep-changes must be a whole number of days from 1 to %1")
                    .arg(KeyIndexSync::kMaxKeepDays);
        }
        return std::nullopt;
    }

    void start() override {
        QString error;
        m_index = keyscli::openIndex(proxy(), &error);
        if (!m_index)
            return fail(ExitCode::Failure, error);
        auto *client = proxy().makeClient(this);
        auto *sync = new KeyIndexSync(*client, *m_index, this);
        connect(sync, &KeyIndexSync::finished, this, [this, client](const SyncReport &r) {
            if (!r.ok)
                return r.canceled ? fail(ExitCode::Failure, r.message) : fail(r.error);
            // Then the budgets above the keys, so over budget and limited_by take in every budget: when
            // the index's copy is due (as the app does), or with --full.
            if (!m_options.full && !m_index->budgetsDue(QDateTime::currentDateTimeUtc())) {
                print(r, 0);
                return succeed();
            }
            keyscli::readBudgets(client, *m_index, this, [this, r](int requests) {
                print(r, requests);
                succeed();
            });
        });
        sync->start(m_options);
    }

private:
    void print(const SyncReport &r, int budgetRequests) {
        const BudgetBook budgets = m_index->budgets();
        const qint64 members = budgets.memberBudgets();
        const qint64 teams = budgets.teamBudgets();
        if (m_format == u"json") {
            console::out(JsonWriter::document(QJsonObject{
                {QStringLiteral("created"), r.created},
                {QStringLiteral("changed"), r.changed},
                {QStringLiteral("deleted"), r.deleted},
                {QStringLiteral("requests"), r.requests},
                {QStringLiteral("seconds"), double(r.elapsedMs) / 1000.0},
                {QStringLiteral("keys"), r.keys},
                {QStringLiteral("full"), r.firstSync},
                {QStringLiteral("spend_as_of"), json::isoUtc(r.spendAsOf)},
                {QStringLiteral("index"), m_index->path()},
                {QStringLiteral("budgets"),
                 QJsonObject{{QStringLiteral("requests"), budgetRequests},
                             {QStringLiteral("teams"), teams},
                             {QStringLiteral("team_members"), members},
                             {QStringLiteral("users"), budgets.users.size()},
                             {QStringLiteral("proxy"), budgets.proxyMaxBudget.value_or(0) > 0},
                             {QStringLiteral("read_at"),
                              budgets.isRead() ? QJsonValue(json::isoUtc(budgets.readAt)) : QJsonValue()},
                             {QStringLiteral("warnings"), QJsonArray::fromStringList(budgets.warnings)}}},
            }));
            return;
        }
        TextTable t;
        t.addColumn({});
        t.addColumn({}, TextTable::Align::Right);
        t.addRow({QStringLiteral("keys"), QString::number(r.keys)});
        t.addRow({QStringLiteral("created"), QString::number(r.created)});
        t.addRow({QStringLiteral("changed"), QString::number(r.changed)});
        t.addRow({QStringLiteral("deleted"), QString::number(r.deleted)});
        t.addRow({QStringLiteral("requests"), QString::number(r.requests)});
        t.addRow(
            {QStringLiteral("time"), QStringLiteral("%1 s").arg(double(r.elapsedMs) / 1000.0, 0, 'f', 1)});
        t.addRow({QStringLiteral("spend as of"), json::isoUtc(r.spendAsOf)});
        t.addRow({QStringLiteral("budgets"),
                  QStringLiteral("%1 team, %2 member, %3 user%4 (%5 requests)")
                      .arg(teams)
                      .arg(members)
                      .arg(budgets.users.size())
                      .arg(budgets.proxyMaxBudget.value_or(0) > 0 ? QStringLiteral(", proxy") : QString())
                      .arg(budgetRequests)});
        console::out(t.toString());
    }

    std::unique_ptr<KeyIndex> m_index;
    SyncOptions m_options;
    QString m_format;
};

// keys changes: the changes journal of the connection's key index.
class KeysChangesCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("keys"), QStringLiteral("changes")}; }
    QString summary() const override {
        return QStringLiteral("Show what changed on the proxy's keys, as the index's syncs saw it");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(".\nKeys created and deleted, field changes with old and new values, "
                              "and each key's spend between syncs. Run \"keys sync\" first for "
                              "the latest. json and csv fields: at, kind, token, key_alias, "
                              "team_id, field, old_value, new_value, source.");
    }
    bool needsKey() const override { return false; }
    bool usesKey() const override { return false; }
    QList<QCommandLineOption> options() const override {
        return {
            valueOption("since",
                        "Only changes since TIME: a date or date-time (UTC), or an age such as 24h or 7d.",
                        "TIME"),
            valueOption("key", "Only the changes of key K (token, alias or masked key).", "K"),
            {QStringLiteral("format"), QStringLiteral("Output format: table (default), json or csv."),
             QStringLiteral("FORMAT"), QStringLiteral("table")},
        };
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto problem =
                checkChoice(parser, QStringLiteral("format"),
                            {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")}))
            return problem;
        m_format = parser.value(QStringLiteral("format"));
        m_query.key = parser.value(QStringLiteral("key"));
        if (parser.isSet(QStringLiteral("since"))) {
            const QString text = parser.value(QStringLiteral("since"));
            static const QRegularExpression ageForm(QStringLiteral("^\\d+(s|m|h|d|w|mo)$"));
            if (const auto age = Duration::parse(text); age && ageForm.match(text).hasMatch()) {
                m_query.since = QDateTime::currentDateTimeUtc().addSecs(-age->seconds());
            } else {
                m_query.since = json::dateTime(text);
                if (!m_query.since.isValid())
                    m_query.since = QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0), Qt::UTC);
            }
            if (!m_query.since.isValid())
                return QStringLiteral(
                           "--since must be a date (2026-12-01), a date-time (2026-12-01T08:00:00Z) "
                           "or an age (24h, 7d), not \"%1\"")
                    .arg(text);
        }
        return std::nullopt;
    }

    void start() override {
        QString error;
        const auto index = keyscli::openIndex(proxy(), &error);
        if (!index)
            return fail(ExitCode::Failure, error);
        const QList<JournalEntry> entries = index->journal().entries(m_query);
        if (!KeyIndexSync::lastSync(*index).isValid())
            keyscli::warn(
                QStringLiteral("the key index of this proxy was never synced; run \"keys sync\" first"));
        print(entries);
        succeed();
    }

private:
    static QStringList fields(const JournalEntry &e) {
        return {json::isoUtc(e.at),
                JournalEntry::kindName(e.kind),
                e.token,
                e.keyAlias,
                e.teamId,
                e.field,
                e.oldValue,
                e.newValue,
                e.source};
    }

    void print(const QList<JournalEntry> &entries) {
        static const QStringList names{
            QStringLiteral("at"),        QStringLiteral("kind"),      QStringLiteral("token"),
            QStringLiteral("key_alias"), QStringLiteral("team_id"),   QStringLiteral("field"),
            QStringLiteral("old_value"), QStringLiteral("new_value"), QStringLiteral("source")};
        if (m_format == u"json") {
            QJsonArray out;
            for (const auto &e : entries) {
                QJsonObject o;
                const QStringList values = fields(e);
                for (qsizetype i = 0; i < names.size(); ++i)
                    o.insert(names.at(i), JsonWriter::text(values.at(i)));
                if (e.kind == JournalEntry::Kind::Spend)
                    o.insert(QStringLiteral("spend_delta"), e.spendDelta());
                out << o;
            }
            console::out(JsonWriter::document(out));
        } else if (m_format == u"csv") {
            QString out = CsvWriter::row(names);
            for (const auto &e : entries)
                out += CsvWriter::row(fields(e));
            console::out(out);
        } else {
            TextTable t;
            for (const char *h : {"AT", "CHANGE", "KEY", "TEAM", "FIELD", "OLD", "NEW"})
                t.addColumn(QString::fromLatin1(h));
            for (const auto &e : entries)
                t.addRow({e.at.toString(QStringLiteral("yyyy-MM-dd HH:mm")), JournalEntry::kindName(e.kind),
                          e.keyAlias.isEmpty() ? e.token.left(12) : e.keyAlias, e.teamId, e.field,
                          e.oldValue.left(40), e.newValue.left(40)});
            console::out(t.toString());
        }
    }

    JournalQuery m_query;
    QString m_format;
};

} // namespace

void registerKeysIndexCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new KeysSyncCommand(owner));
    registry.add(new KeysChangesCommand(owner));
}
