#pragma once

#include "Command.h"
#include "Console.h"
#include "ProfilesCommandKeychain.h"

#include "core/api/ProxyClient.h"
#include "core/catalog/ModelCatalog.h"
#include "core/format/CommaList.h"
#include "core/usage/ActivityFetcher.h"
#include "core/usage/UsageAggregator.h"
#include "core/usage/UsageSummary.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QPointer>
#include <QProcessEnvironment>

#include <cstdio>
#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

// What "usage", "usage fetch" and "usage chart" share: the scope, range and filter options, and the
// fetch of every page with progress on a terminal.
namespace usagecli {

constexpr int kDefaultDays = 30;

inline bool stderrIsTerminal() {
#ifdef Q_OS_WIN
    return _isatty(_fileno(stderr)) != 0;
#else
    return isatty(fileno(stderr)) != 0;
#endif
}

} // namespace usagecli

// usage, usage fetch and usage chart share their filters and the fetch itself.
class UsageCommandBase : public Command {
    static constexpr int kDefaultDays = usagecli::kDefaultDays;

public:
    using Command::Command;

    bool usesProxy() const override { return false; } // proxy options are read here: --input needs none
    QList<QCommandLineOption> options() const override {
        QList<QCommandLineOption> o = ProxyOptions::options();
        o << QCommandLineOption(u"from"_qs, u"First UTC day, YYYY-MM-DD (default: 29 days before --to)."_qs,
                                u"DATE"_qs)
          << QCommandLineOption(u"to"_qs, u"Last UTC day, YYYY-MM-DD (default: today)."_qs, u"DATE"_qs)
          << QCommandLineOption(
                 u"scope"_qs, u"Whose usage: global (default), user:ID, team:ID[,ID] or tag:NAME[,NAME]."_qs,
                 u"SCOPE"_qs, u"global"_qs)
          << QCommandLineOption(
                 u"model"_qs,
                 u"Only this model: a public name (all its deployments) or a deployment name."_qs,
                 u"MODEL"_qs)
          << QCommandLineOption(u"key"_qs, u"Only this key (its token hash)."_qs, u"HASH"_qs);
        return o;
    }
    // --input FILE, for the commands that can read saved responses instead of asking a proxy.
    static QCommandLineOption inputOption() {
        return QCommandLineOption(u"input"_qs,
                                  u"Read saved daily activity responses from FILE instead of a proxy "
                                  "(repeat for several files)."_qs,
                                  u"FILE"_qs);
    }

protected:
    std::optional<QString> configureQuery(const QCommandLineParser &parser, bool needProxy) {
        const QDate today = QDateTime::currentDateTimeUtc().date();
        const auto date = [&](const QString &name, QDate fallback, QDate &out) -> std::optional<QString> {
            if (!parser.isSet(name)) {
                out = fallback;
                return std::nullopt;
            }
            out = QDate::fromString(parser.value(name).trimmed(), Qt::ISODate);
            if (!out.isValid())
                return QStringLiteral("--%1 expects a date as YYYY-MM-DD, not \"%2\"")
                    .arg(name, parser.value(name));
            return std::nullopt;
        };
        if (auto e = date(u"to"_qs, today, m_query.end))
            return e;
        if (auto e = date(u"from"_qs, m_query.end.addDays(1 - kDefaultDays), m_query.start))
            return e;
        if (m_query.start > m_query.end)
            return QStringLiteral("--from (%1) is after --to (%2)")
                .arg(m_query.start.toString(Qt::ISODate), m_query.end.toString(Qt::ISODate));
        m_explicitRange = parser.isSet(u"from"_qs) || parser.isSet(u"to"_qs);

        const QString scope = parser.value(u"scope"_qs).trimmed();
        m_scopeGiven = parser.isSet(u"scope"_qs);
        if (scope != u"global") {
            const qsizetype colon = scope.indexOf(u':');
            const QString kind = scope.left(colon);
            const QStringList ids = splitList(scope.mid(colon + 1));
            if (colon < 0 || ids.isEmpty() || (kind == u"user" && ids.size() != 1))
                return QStringLiteral(
                           "--scope must be global, user:ID, team:ID[,ID] or tag:NAME[,NAME], not \"%1\"")
                    .arg(scope);
            if (kind == u"user")
                m_query.scope = ActivityQuery::Scope::User;
            else if (kind == u"team")
                m_query.scope = ActivityQuery::Scope::Team;
            else if (kind == u"tag")
                m_query.scope = ActivityQuery::Scope::Tag;
            else
                return QStringLiteral(
                           "--scope must be global, user:ID, team:ID[,ID] or tag:NAME[,NAME], not \"%1\"")
                    .arg(scope);
            m_query.ids = ids;
        }
        m_query.model = parser.value(u"model"_qs).trimmed();
        m_query.apiKey = parser.value(u"key"_qs).trimmed();
        if (!needProxy)
            return std::nullopt;
        auto proxy = ProxyOptions::read(parser, QProcessEnvironment::systemEnvironment());
        if (!proxy)
            return proxy.error();
        if (!proxy->hasKey() && !proxy->profile)
            return QStringLiteral("%1 is not set: export it with the proxy's master key or a virtual key")
                .arg(QLatin1StringView(ProxyOptions::kKeyVariable));
        console::addSecret(proxy->apiKey);
        setProxy(*proxy);
        return std::nullopt;
    }

    void fetch(UsageAggregator::Parts parts) {
        if (proxy().profile && !proxy().hasKey()) { // the key is in the keychain: read it, then start again
            profilekey::startWithProfileKey(this);
            return;
        }
        m_client = proxy().makeClient(this);
        m_fetcher = new ActivityFetcher(m_client, this);
        m_fetcher->setParts(parts);
        m_progress = usagecli::stderrIsTerminal();
        connect(m_fetcher, &ActivityFetcher::progress, this, [this](int done, int total) {
            if (m_progress)
                std::fprintf(stderr, "\rpage %d of %d ", done, total), std::fflush(stderr);
        });
        connect(m_fetcher, &ActivityFetcher::failed, this, [this](const ApiError &e) {
            endProgress();
            fail(e);
        });
        connect(m_fetcher, &ActivityFetcher::finished, this, [this] {
            endProgress();
            fetched(m_fetcher->takeReport());
        });
        if (m_query.model.isEmpty() && !m_wantPublicNames) {
            m_fetcher->start(m_query);
            return;
        }
        // The proxy filters on deployment names: a public name stands for its deployments, a deployment
        // for both forms proxies record it under. Where the model list cannot be read, the name goes as
        // it is, and models are listed as recorded.
        auto *catalog = new ModelCatalog(m_client, this);
        connect(catalog, &ModelCatalog::loaded, this, [this](const QList<ModelInfo> &models) {
            if (!m_query.model.isEmpty())
                m_query.deployments = ModelCatalog::recordedNames(models, m_query.model);
            if (m_wantPublicNames)
                m_publicNames = ModelCatalog::publicNames(ModelCatalog::deploymentNames(models));
            m_fetcher->start(m_query);
        });
        connect(catalog, &ModelCatalog::failed, this, [this] {
            if (m_wantPublicNames)
                console::warning(u"models: the proxy's model list could not be read, so models are listed as "
                                 "their deployments recorded them"_qs);
            m_fetcher->start(m_query);
        });
        catalog->load();
    }
    virtual void fetched(UsageReport report) = 0;

    // The proxy's own totals for the query's range and filters (the user route over everyone), for
    // scopes whose sum counts a request more than once; `done` gets nullopt when they could not be read.
    void fetchProxyTotal(std::function<void(std::optional<UsageMetrics>)> done) {
        auto *fetcher = new ActivityFetcher(m_client, this);
        fetcher->setParts(UsageAggregator::Part::Days); // totals are always summed
        connect(fetcher, &ActivityFetcher::finished, this,
                [fetcher, done] { done(fetcher->report().totals()); });
        connect(fetcher, &ActivityFetcher::failed, this, [done] { done(std::nullopt); });
        fetcher->start(usagesummary::proxyTotalQuery(m_query));
    }

    // Sums saved responses ("usage fetch") instead of asking a proxy. Returns an error message or nothing.
    std::optional<QString> aggregateFiles(const QStringList &files, UsageAggregator::Parts parts,
                                          UsageReport &out) const {
        UsageAggregator aggregator(parts);
        if (m_explicitRange)
            aggregator.setRange(m_query.start, m_query.end);
        for (const QString &file : files)
            if (auto read = aggregator.addFile(file); !read)
                return read.error().toString();
        out = aggregator.takeReport();
        const auto cut = out.keyTruncation();
        if (cut && (parts & (UsageAggregator::Part::Keys | UsageAggregator::Part::DayKeys)))
            console::warning(
                QStringLiteral("keys: the saved responses hold only the top %1 of %2 keys by spend "
                               "(LiteLLM's /aggregated cuts the rest off); totals cover every "
                               "key. \"usage fetch\" saves every key.")
                    .arg(cut->limit)
                    .arg(cut->total));
        return std::nullopt;
    }
    // --input reads files: the options that ask a proxy make no sense with it.
    static std::optional<QString> checkInputOptions(const QCommandLineParser &parser) {
        if (parser.values(u"input"_qs).isEmpty())
            return std::nullopt;
        for (const QString &name : {u"url"_qs, u"profile"_qs, u"scope"_qs, u"model"_qs, u"key"_qs})
            if (parser.isSet(name))
                return QStringLiteral("--%1 asks a proxy and cannot be used with --input").arg(name);
        return std::nullopt;
    }

    ActivityQuery m_query;
    QPointer<ActivityFetcher> m_fetcher;
    // Set before fetch(): also read the model list, for m_publicNames (deployment -> public name).
    bool m_wantPublicNames = false;
    QHash<QString, QString> m_publicNames;
    bool m_explicitRange = false;
    bool m_scopeGiven = false;

private:
    void endProgress() {
        if (m_progress)
            std::fputs("\r\033[K", stderr), std::fflush(stderr);
        m_progress = false;
    }

    QPointer<ProxyClient> m_client;
    bool m_progress = false;
};
