#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "KeysCommandSupport.h"

#include "core/api/KeyApi.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"
#include "core/keys/KeyDirectory.h"
#include "core/keys/KeyExport.h"
#include "core/keys/KeyExporter.h"

#include <QCommandLineParser>
#include <QPointer>

namespace {

const QStringList kFormats{QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")};
// Without --all, at most this many pages are read to fill --limit (the blocked filter is applied here,
// so a proxy with few blocked keys could otherwise be crawled end to end).
constexpr int kMaxPagesWithoutAll = 20;

// Table or CSV; JSON also carries each key's budget ladder (keyscli::printJsonWithBudgets).
void printKeys(const QList<KeyRecord> &keys, const QString &format, const QDateTime &now) {
    if (format == u"csv") {
        console::out(KeyExporter::serialise(keys, KeyExporter::Format::Csv, now));
    } else {
        console::out(keyexport::table(keys, now).toString());
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
                   "one that stops it first; over_budget then means any of them is exhausted.");
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
             QStringLiteral("FIELD[:asc|desc], FIELD one of %1.").arg(KeyFilter::sortFields().join(u", ")),
             QStringLiteral("SORT")},
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
        if (parser.isSet(QStringLiteral("sort"))) {
            const QStringList parts = parser.value(QStringLiteral("sort")).split(u':');
            if (parts.size() > 2 || !KeyFilter::sortFields().contains(parts.first()))
                return QStringLiteral("--sort must be FIELD[:asc|desc] with FIELD one of %1")
                    .arg(KeyFilter::sortFields().join(QStringLiteral(", ")));
            m_filter.sortBy = parts.first();
            if (parts.size() == 2 && parts.at(1) != u"asc" && parts.at(1) != u"desc")
                return QStringLiteral("--sort order must be asc or desc, not \"%1\"").arg(parts.at(1));
            m_filter.sortOrder =
                parts.size() == 2 && parts.at(1) == u"asc" ? Qt::AscendingOrder : Qt::DescendingOrder;
        }
        m_all = parser.isSet(QStringLiteral("all"));
        if (parser.isSet(QStringLiteral("limit"))) {
            if (m_all)
                return QStringLiteral("--limit and --all cannot be used together");
            bool ok = false;
            m_limit = parser.value(QStringLiteral("limit")).toInt(&ok);
            if (!ok || m_limit < 1)
                return QStringLiteral("--limit must be a whole number of keys, 1 or more");
        }
        return std::nullopt;
    }

    void start() override {
        m_client = proxy().makeClient(this);
        m_directory = new KeyDirectory(m_client, this);
        m_directory->setFilter(m_filter);
        connect(m_directory, &KeyDirectory::filterIgnored, this, [](const QString &m) { keyscli::warn(m); });
        connect(m_directory, &KeyDirectory::failed, this, [this](const ApiError &e) { fail(e); });
        if (m_all) {
            auto *exporter = new KeyExporter(client, m_filter, this);
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
    KeyFilter m_filter;
    QString m_format;
    int m_limit = KeyDirectory::kPageSize;
    bool m_all = false;
};

// keys show KEY: one key from /key/info.
class KeysShowCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("keys"), QStringLiteral("show")}; }
    QString summary() const override { return QStringLiteral("Show one key's fields, status and risks"); }
    QString argumentsSyntax() const override { return QStringLiteral("KEY"); }
    int minArguments() const override { return 1; }
    int maxArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override {
        return {QCommandLineOption(QStringLiteral("format"),
                                   QStringLiteral("Output format: table (default) or json."),
                                   QStringLiteral("FORMAT"), QStringLiteral("table"))};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        m_format = parser.value(QStringLiteral("format"));
        return checkChoice(parser, QStringLiteral("format"),
                           {QStringLiteral("table"), QStringLiteral("json")});
    }

    void start() override {
        auto *client = proxy().makeClient(this);
        console::addSecret(arguments().first().startsWith(u"sk-") ? arguments().first() : QString());
        api::keyInfo(*client, arguments().first(), this, [this, client](Expected<KeyRecord> r) {
            if (!r)
                return fail(r.error());
            if (m_format == u"json")
                return keyscli::printJsonWithBudgets(client, {*r}, true, this, [this] { succeed(); });
            console::out(keyexport::details(*r, QDateTime::currentDateTimeUtc()));
            succeed();
        });
    }

private:
    QString m_format;
};

} // namespace

void registerKeysCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new KeysListCommand(owner));
    registry.add(new KeysShowCommand(owner));
    registerKeysActionCommands(registry, owner);
}
