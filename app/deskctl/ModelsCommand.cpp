#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"

#include "core/api/ErrorReason.h"
#include "core/api/ModelApi.h"
#include "core/export/CsvWriter.h"
#include "core/export/JsonWriter.h"
#include "core/export/ModelExport.h"

#include <QCommandLineParser>
#include <QPointer>
#include <QSet>

namespace {

// The largest page /v2/model/info is asked for; every page is fetched.
constexpr int kPageSize = 100;

// models list: every model deployment of the proxy, from /v2/model/info (all pages) or, on proxies
// too old to have it, /model/info.
class ModelsListCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("models"), QStringLiteral("list")}; }
    QString summary() const override {
        return QStringLiteral("List the proxy's models with context size and prices");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(".\nSorted by name. json and csv use LiteLLM's field names and per-token "
                              "prices; the table shows $ per million tokens.");
    }
    QList<QCommandLineOption> options() const override {
        return {QCommandLineOption(QStringLiteral("format"),
                                   QStringLiteral("Output format: table (default), json or csv."),
                                   QStringLiteral("FORMAT"), QStringLiteral("table"))};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        m_format = parser.value(QStringLiteral("format"));
        return checkChoice(parser, QStringLiteral("format"),
                           {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")});
    }

    void start() override {
        m_client = proxy().makeClient(this);
        fetch(1);
    }

private:
    void fetch(int page) {
        api::ModelQuery query;
        query.page = page;
        query.size = kPageSize;
        api::modelInfoV2(*m_client, query, this, [this, page](Expected<ModelPage> r) {
            if (!r && page == 1 && isNoRoute(r.error())) { // a proxy from before /v2/model/info
                api::modelInfo(*m_client, this, [this](Expected<ModelPage> old) {
                    if (!old)
                        return fail(old.error());
                    add(old->models);
                    finish();
                });
                return;
            }
            if (!r)
                return fail(r.error());
            if (page == 1)
                m_lastPage = r->paged ? r->totalPages : 1;
            add(r->models);
            // The first page's count bounds the crawl, so a proxy that always claims more cannot loop us.
            if (r->paged && page < m_lastPage && !r->models.isEmpty())
                fetch(page + 1);
            else
                finish();
        });
    }

    void add(const QList<ModelInfo> &models) {
        for (const auto &m : models) {
            if (!m.id.isEmpty() && m_ids.contains(m.id))
                continue; // pages shifted under us: a deployment seen already
            m_ids.insert(m.id);
            m_models << m;
        }
    }

    void finish() {
        ModelExport::sortByName(m_models);
        if (m_format == u"json") {
            console::out(JsonWriter::document(ModelExport::toJson(m_models)));
        } else if (m_format == u"csv") {
            QString out = CsvWriter::row(ModelExport::fieldNames());
            for (const auto &m : m_models)
                out += CsvWriter::row(ModelExport::csvFields(m));
            console::out(out);
        } else {
            console::out(ModelExport::table(m_models).toString());
        }
        succeed();
    }

    QPointer<ProxyClient> m_client;
    QString m_format;
    int m_lastPage = 1;
    QList<ModelInfo> m_models;
    QSet<QString> m_ids;
};

} // namespace

void registerModelsCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new ModelsListCommand(owner));
}
