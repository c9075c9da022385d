#include "sim/Simulator.h"

#include <algorithm>

namespace {

QJsonArray entries(const QList<SimModel> &models) {
    QJsonArray out;
    for (const auto &m : models)
        out << m.toModelInfoJson();
    return out;
}

int intParam(const SimRequest &r, const QString &name, int fallback) {
    bool ok = false;
    const int v = r.query(name).toInt(&ok);
    return ok ? v : fallback;
}

} // namespace

void registerModelRoutes(Simulator &sim) {
    sim.addRoute("GET", QStringLiteral("/v2/model/info"), [&sim](SimRequest &r) {
        QList<SimModel> models = sim.data().models();
        if (!sim.options().pagedModelInfo) // older proxies: everything, no paging fields
            return SimReply::json(QJsonObject{{QStringLiteral("data"), entries(models)}});
        const QString search = r.query(QStringLiteral("search")).toLower();
        if (!search.isEmpty())
            models.removeIf([&](const SimModel &m) { return !m.name.toLower().contains(search); });
        const QString sortBy = r.query(QStringLiteral("sortBy"));
        if (!sortBy.isEmpty()) {
            if (sortBy != u"model_name" && sortBy != u"created_at" && sortBy != u"updated_at" &&
                sortBy != u"costs" && sortBy != u"status")
                return SimReply::error(400, QStringLiteral("Invalid sortBy: %1").arg(sortBy),
                                       QStringLiteral("bad_request_error"));
            const bool desc = r.query(QStringLiteral("sortOrder")) == u"desc";
            std::stable_sort(models.begin(), models.end(), [&](const SimModel &a, const SimModel &b) {
                const bool less = sortBy == u"costs" ? a.inputCost.value_or(0) < b.inputCost.value_or(0)
                                  : sortBy == u"model_name" ? a.name < b.name
                                                            : a.createdAt < b.createdAt;
                return desc ? !less && (a.name != b.name) : less;
            });
        }
        const int size = intParam(r, QStringLiteral("size"), 50);
        const int page = intParam(r, QStringLiteral("page"), 1);
        if (size < 1 || page < 1)
            return SimReply::validation(QStringLiteral("query"),
                                        size < 1 ? QStringLiteral("size") : QStringLiteral("page"),
                                        QStringLiteral("Input should be greater than or equal to 1"),
                                        QStringLiteral("greater_than_equal"));
        const qsizetype total = models.size();
        const int totalPages = int((total + size - 1) / size);
        const QList<SimModel> slice = models.mid(qsizetype(page - 1) * size, size);
        return SimReply::json(QJsonObject{{QStringLiteral("data"), entries(slice)},
                                          {QStringLiteral("total_count"), total},
                                          {QStringLiteral("current_page"), page},
                                          {QStringLiteral("total_pages"), totalPages},
                                          {QStringLiteral("size"), size}});
    });

    auto modelInfo = [&sim](SimRequest &r) {
        const QString id = r.query(QStringLiteral("litellm_model_id"));
        if (!id.isEmpty()) { // one object, not a list
            for (const auto &m : sim.data().models())
                if (m.id == id)
                    return SimReply::json(QJsonObject{{QStringLiteral("data"), m.toModelInfoJson()}});
            return SimReply::error(404, QStringLiteral("Model id = %1 not found on litellm proxy").arg(id),
                                   QStringLiteral("not_found_error"));
        }
        return SimReply::json(QJsonObject{{QStringLiteral("data"), entries(sim.data().models())}});
    };
    sim.addRoute("GET", QStringLiteral("/model/info"), modelInfo);
    sim.addRoute("GET", QStringLiteral("/v1/model/info"), modelInfo);

    auto openAiList = [&sim](SimRequest &) {
        QJsonArray data;
        for (const auto &m : sim.data().models())
            data << QJsonObject{{QStringLiteral("id"), m.name},
                                {QStringLiteral("object"), QStringLiteral("model")},
                                {QStringLiteral("created"), 1677610602},
                                {QStringLiteral("owned_by"), QStringLiteral("openai")}};
        return SimReply::json(
            QJsonObject{{QStringLiteral("data"), data}, {QStringLiteral("object"), QStringLiteral("list")}});
    };
    sim.addRoute("GET", QStringLiteral("/models"), openAiList);
    sim.addRoute("GET", QStringLiteral("/v1/models"), openAiList);
}
