#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "KeysCommandSupport.h"

#include "core/api/Json.h"
#include "core/api/KeyApi.h"
#include "core/api/ProxyClient.h"
#include "core/export/CsvWriter.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexSync.h"
#include "core/keys/KeyDirectory.h"
#include "core/keys/KeyExport.h"
#include "core/keys/KeyExporter.h"
#include "core/roles/Duration.h"

#include <QCommandLineParser>
#include <QPointer>

namespace {

const QStringList kFormats{QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")};
// Without --all, at most this many pages are read to fill --limit (the blocked filter is applied here,
// so a proxy with few blocked keys could otherwise be crawled end to end).
constexpr int kMaxPagesWithoutAll = 20;

// Table or CSV; JSON also carries each key's budget ladder (keyscli::printJsonWithBudgets).
void printKeys(const QList<KeyRecord> &keys, const QString &format, const QDateTime &now,
               const BudgetBook *budgets = nullptr) {
    if (format == u"csv") {
        console::out(KeyExporter::serialise(keys, KeyExporter::Format::Csv, now, budgets));
    } else {
        console::out(keyexport::table(keys, now, budgets).toString());
    }
}

// keys list: one page (or --limit rows, or --all) of /key/list, filtered and sorted by the proxy.
class KeysListCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("keys"), QStringLiteral("list")}; }
    QString summary() const override {
        return QStringLiteral("List virtual keys with their status and risks");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(
                   ".\nFilters and sort are the proxy's; --status blocked is checked here. "
                   "Reads only the pages needed for --limit (default 100); --all reads every "
                   "page, 4 at a time.\njson and csv use LiteLLM's field names plus \"status\" "
                   "and \"risks\" (over_budget, near_budget, no_budget, never_expires, "
                   "expires_soon, unrestricted_models, blocked, idle); json adds \"budgets\", the budgets "
                   "LiteLLM "
                   "checks for the key (key, team, user, team member, proxy), and \"limited_by\", the "
                   "one that stops it first; over_budget then means any of them is exhausted.\n"
                   "--risk, --search and a --sort the proxy cannot do (expires, last_active, user_id, "
                   "team_id, ...) answer over every key from the local key index, synced first when older "
                   "than --max-age; --no-index never uses it.");
    }
    QList<QCommandLineOption> options() const override {
        return {
            {QStringLiteral("team"), QStringLiteral("Only keys of team T."), QStringLiteral("T")},
            {QStringLiteral("user"), QStringLiteral("Only keys of user U."), QStringLiteral("U")},
            {QStringLiteral("alias"), QStringLiteral("Only keys whose alias contains A."),
             QStringLiteral("A")},
            {QStringLiteral("status"), QStringLiteral("active, expired, blocked or deleted."),
             QStringLiteral("STATUS")},
            {QStringLiteral("sort"),
             QStringLiteral("FIELD[:asc|desc], FIELD one of %1.").arg(sortFields().join(u", ")),
             QStringLiteral("SORT")},
            {QStringLiteral("risk"),
             QStringLiteral("Only keys with any of these risks (from the key index): %1.")
                 .arg(keyrisk::names(keyrisk::allRisks()).join(u", ")),
             QStringLiteral("RISK[,RISK]")},
            {QStringLiteral("search"),
             QStringLiteral(
                 "Only keys with TEXT in their alias, user, team or metadata (from the key index)."),
             QStringLiteral("TEXT")},
            {QStringLiteral("max-age"),
             QStringLiteral("Sync the key index first when it is older than this (default 10m)."),
             QStringLiteral("AGE"), QStringLiteral("10m")},
            {QStringLiteral("no-index"), QStringLiteral("Ask the proxy only, never the local key index.")},
            {QStringLiteral("limit"), QStringLiteral("At most N keys (default 100)."), QStringLiteral("N")},
            {QStringLiteral("all"), QStringLiteral("Every key: reads every page.")},
            {QStringLiteral("format"), QStringLiteral("Output format: table (default), json or csv."),
             QStringLiteral("FORMAT"), QStringLiteral("table")},
        };
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto problem = checkChoice(parser, QStringLiteral("format"), kFormats))
            return problem;
        m_format = parser.value(QStringLiteral("format"));
        m_filter.teamId = parser.value(QStringLiteral("team"));
        m_filter.userId = parser.value(QStringLiteral("user"));
        m_filter.alias = parser.value(QStringLiteral("alias"));
        if (parser.isSet(QStringLiteral("status"))) {
            m_filter.status = keyrisk::statusFromName(parser.value(QStringLiteral("status")));
            if (!m_filter.status)
                return QStringLiteral("--status must be active, expired, blocked or deleted, not \"%1\"")
                    .arg(parser.value(QStringLiteral("status")));
        }
        for (const QString &name : parser.value(QStringLiteral("risk")).split(u',', Qt::SkipEmptyParts)) {
            const auto risk = keyrisk::riskFromName(name.trimmed());
            if (!risk)
                return QStringLiteral("--risk must be one or more of %1, not \"%2\"")
                    .arg(keyrisk::names(keyrisk::allRisks()).join(QStringLiteral(", ")), name);
            m_query.risks << *risk;
        }
        m_query.text = parser.value(QStringLiteral("search"));
        const auto age = Duration::parse(parser.value(QStringLiteral("max-age")));
        if (!age)
            return QStringLiteral("--max-age must be an age such as 30s, 10m or 1h, not \"%1\"")
                .arg(parser.value(QStringLiteral("max-age")));
        m_maxAgeSeconds = age->seconds();
        if (auto bad =
                readSort(parser, sortFields(), &m_filter.sortBy, &m_filter.sortOrder, Qt::DescendingOrder))
            return bad;
        // What the proxy cannot answer comes from the index.
        m_useIndex = !m_query.risks.isEmpty() || !m_query.text.isEmpty() ||
                     (!m_filter.sortBy.isEmpty() && !KeyFilter::sortFields().contains(m_filter.sortBy));
        if (m_useIndex && parser.isSet(QStringLiteral("no-index")))
            return QStringLiteral("--risk, --search and --sort %1 need the key index; leave out --no-index")
                .arg(m_filter.sortBy.isEmpty() ? QStringLiteral("...") : m_filter.sortBy);
        if (m_useIndex && m_filter.status == KeyStatus::Deleted)
            return QStringLiteral(
                "deleted keys are not in the key index; use --status deleted without --risk, "
                "--search or this --sort");
        if (auto bad = readLimit(parser, QStringLiteral("keys"), &m_limit, &m_all))
            return bad;
        return std::nullopt;
    }

    void start() override {
        m_client = proxy().makeClient(this);
        if (m_useIndex)
            return startFromIndex();
        m_directory = new KeyDirectory(m_client, this);
        m_directory->setFilter(m_filter);
        connect(m_directory, &KeyDirectory::filterIgnored, this, [](const QString &m) { keyscli::warn(m); });
        connect(m_directory, &KeyDirectory::failed, this, [this](const ApiError &e) { fail(e); });
        if (m_all) {
            auto *exporter = new KeyExporter(m_client, m_filter, this);
            connect(exporter, &KeyExporter::filterIgnored, this, [](const QString &m) { keyscli::warn(m); });
            connect(exporter, &KeyExporter::failed, this, [this](const ApiError &e) { fail(e); });
            connect(exporter, &KeyExporter::finished, this,
                    [this](const QList<KeyRecord> &keys) { print(keys, false); });
            exporter->start();
            return;
        }
        connect(m_directory, &KeyDirectory::loadingChanged, this, [this](bool loading) {
            if (!loading && !isFinished())
                QMetaObject::invokeMethod(
                    this, [this] { pageArrived(); }, Qt::QueuedConnection);
        });
        m_directory->reload();
    }

private:
    static QStringList sortFields() {
        QStringList out = KeyFilter::sortFields();
        for (const QString &f : KeyIndexQuery::sortFields())
            if (!out.contains(f))
                out << f;
        return out;
    }

    // Over every key, from the index: synced first when it is older than --max-age.
    void startFromIndex() {
        QString error;
        m_index = keyscli::openIndex(proxy(), &error);
        if (!m_index)
            return fail(ExitCode::Failure, error);
        const QDateTime last = KeyIndexSync::lastSync(*m_index);
        if (last.isValid() && last.secsTo(QDateTime::currentDateTimeUtc()) <= m_maxAgeSeconds)
            return printFromIndex();
        auto *sync = new KeyIndexSync(*m_client, *m_index, this);
        connect(sync, &KeyIndexSync::finished, this, [this](const SyncReport &r) {
            if (r.ok && m_index->budgetsDue(QDateTime::currentDateTimeUtc()))
                return keyscli::readBudgets(m_client, *m_index, this, [this](int) { printFromIndex(); });
            if (r.ok)
                return printFromIndex();
            const QDateTime had = KeyIndexSync::lastSync(*m_index);
            if (!had.isValid())
                return fail(r.error);
            keyscli::warn(QStringLiteral("%1; answering from the key index as synced at %2")
                              .arg(r.message, json::isoUtc(had)));
            printFromIndex();
        });
        sync->start();
    }

    void printFromIndex() {
        KeyIndexQuery q = m_query;
        q.teamId = m_filter.teamId;
        q.userId = m_filter.userId;
        q.alias = m_filter.alias;
        q.status = m_filter.status;
        q.sortBy = m_filter.sortBy.isEmpty() ? QStringLiteral("created_at") : m_filter.sortBy;
        q.sortOrder = m_filter.sortOrder;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qint64 total = m_index->count(q, now);
        const QList<KeyRecord> keys =
            m_index->keys(q, now, 0, m_all ? int(std::min<qint64>(total, INT_MAX)) : m_limit);
        // Every key's ladder from the budgets the index holds (read after its last sync), not per key.
        const BudgetBook budgets = m_index->budgets();
        if (!budgets.isRead())
            keyscli::warn(QStringLiteral("team, user and proxy budgets are not in the key index yet; "
                                         "\"over budget\" counts only each key's own (run keys sync)"));
        if (m_format == u"json") {
            keyscli::printJsonWithBudgets(budgets, keys, false);
            return succeed();
        }
        printKeys(keys, m_format, now, &budgets);
        if (keys.size() < total && m_format == u"table")
            keyscli::warn(QStringLiteral("showing %1 of %2 keys; use --limit N or --all for more")
                              .arg(keys.size())
                              .arg(total));
        succeed();
    }

    void pageArrived() {
        if (isFinished() || m_directory->isLoading())
            return;
        if (m_directory->loadedCount() < m_limit && m_directory->canFetchMore() &&
            m_directory->pagesLoaded() < kMaxPagesWithoutAll) {
            m_directory->fetchMore();
            return;
        }
        const bool more = m_directory->canFetchMore() || m_directory->loadedCount() > m_limit;
        print(m_directory->keys().mid(0, m_limit), more);
    }

    void print(const QList<KeyRecord> &keys, bool more) {
        if (m_format == u"json")
            return keyscli::printJsonWithBudgets(m_client, keys, false, this, [this] { succeed(); });
        printKeys(keys, m_format, m_directory->now());
        if (more && m_format == u"table") {
            const auto total = m_directory->totalCount();
            keyscli::warn(QStringLiteral("showing %1 of %2 keys; use --limit N or --all for more")
                              .arg(keys.size())
                              .arg(total ? QString::number(*total) : QStringLiteral("more")));
        }
        succeed();
    }

    QPointer<ProxyClient> m_client;
    QPointer<KeyDirectory> m_directory;
    std::unique_ptr<KeyIndex> m_index;
    KeyIndexQuery m_query;
    qint64 m_maxAgeSeconds = 600;
    bool m_useIndex = false;
    KeyFilter m_filter;
    QString m_format;
    int m_limit = KeyDirectory::kPageSize;
    bool m_all = false;
};

// keys show KEY: one key from /key/info.
class KeysShowCommand final : public ShowCommand {
public:
    using ShowCommand::ShowCommand;

    QStringList words() const override { return {QStringLiteral("keys"), QStringLiteral("show")}; }
    QString summary() const override { return QStringLiteral("Show one key's fields, status and risks"); }
    QString argumentsSyntax() const override { return QStringLiteral("KEY"); }

    void start() override {
        auto *client = proxy().makeClient(this);
        console::addSecret(arguments().first().startsWith(u"sk-") ? arguments().first() : QString());
        api::keyInfo(*client, arguments().first(), this, [this, client](Expected<KeyRecord> r) {
            if (!r)
                return fail(r.error());
            if (json())
                return keyscli::printJsonWithBudgets(client, {*r}, true, this, [this] { succeed(); });
            console::out(keyexport::details(*r, QDateTime::currentDateTimeUtc()));
            succeed();
        });
    }
};

} // namespace

void registerKeysCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new KeysListCommand(owner));
    registry.add(new KeysShowCommand(owner));
    registerKeysActionCommands(registry, owner);
    registerKeysIndexCommands(registry, owner);
}
