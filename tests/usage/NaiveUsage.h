#pragma once

#include "core/usage/UsageReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

// A slow, obvious re-implementation of daily activity aggregation over QJsonDocument, to compare
// UsageAggregator with. Same leniency rules: numbers as strings, null and missing are 0, the last
// non-empty alias wins.
struct NaiveUsage {
    struct Item {
        QString label;
        QString teamId;
        UsageMetrics metrics;
    };

    UsageMetrics totals;
    QMap<QDate, UsageMetrics> days;
    QMap<UsageReport::Dimension, QMap<QString, Item>> tables;
    QMap<UsageReport::Dimension, QMap<QPair<QDate, QString>, UsageMetrics>> cells;

    static qint64 integer(const QJsonValue &v) {
        if (v.isString()) {
            bool ok = false;
            const QString s = v.toString().trimmed();
            const qint64 i = s.toLongLong(&ok);
            if (ok)
                return i;
            const double d = s.toDouble(&ok);
            return ok ? qint64(d) : 0;
        }
        if (v.isBool())
            return v.toBool() ? 1 : 0;
        if (v.isDouble())
            return v.toInteger(qint64(v.toDouble()));
        return 0;
    }
    static double number(const QJsonValue &v) {
        if (v.isString()) {
            bool ok = false;
            const double d = v.toString().trimmed().toDouble(&ok);
            return ok ? d : 0;
        }
        if (v.isBool())
            return v.toBool() ? 1 : 0;
        return v.toDouble();
    }
    static UsageMetrics metrics(const QJsonValue &v) {
        const QJsonObject o = v.toObject();
        UsageMetrics m;
        m.spend = number(o.value(u"spend"));
        m.promptTokens = integer(o.value(u"prompt_tokens"));
        m.completionTokens = integer(o.value(u"completion_tokens"));
        m.totalTokens = integer(o.value(u"total_tokens"));
        m.cacheReadTokens = integer(o.value(u"cache_read_input_tokens"));
        m.cacheCreationTokens = integer(o.value(u"cache_creation_input_tokens"));
        m.apiRequests = integer(o.value(u"api_requests"));
        m.successfulRequests = integer(o.value(u"successful_requests"));
        m.failedRequests = integer(o.value(u"failed_requests"));
        return m;
    }

    void addMap(const QJsonValue &map, UsageReport::Dimension d, QDate date, bool withCells) {
        const QJsonObject o = map.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            Item &item = tables[d][it.key()];
            if (!it.value().isObject())
                continue;
            const QJsonObject entry = it.value().toObject();
            const UsageMetrics m = metrics(entry.value(u"metrics"));
            item.metrics += m;
            if (withCells)
                cells[d][{date, it.key()}] += m;
            const QJsonObject meta = entry.value(u"metadata").toObject();
            for (auto mt = meta.begin(); mt != meta.end(); ++mt) {
                if (!mt.value().isString() || mt.value().toString().isEmpty())
                    continue;
                if (d == UsageReport::Dimension::Key && mt.key() == u"key_alias")
                    item.label = mt.value().toString();
                else if (d == UsageReport::Dimension::Key && mt.key() == u"team_id")
                    item.teamId = mt.value().toString();
                else if (d == UsageReport::Dimension::Entity &&
                         (mt.key() == u"team_alias" || mt.key() == u"organization_alias" ||
                          mt.key() == u"alias"))
                    item.label = mt.value().toString();
            }
        }
    }

    void addResponse(const QJsonObject &response) {
        using D = UsageReport::Dimension;
        for (const QJsonValue &e : response.value(u"results").toArray()) {
            const QJsonObject element = e.toObject();
            const QDate date = QDate::fromString(element.value(u"date").toString().left(10), Qt::ISODate);
            const UsageMetrics m = metrics(element.value(u"metrics"));
            totals += m;
            days[date] += m;
            const QJsonObject b = element.value(u"breakdown").toObject();
            addMap(b.value(u"models"), D::Model, date, true);
            addMap(b.value(u"model_groups"), D::ModelGroup, date, false);
            addMap(b.value(u"providers"), D::Provider, date, false);
            addMap(b.value(u"api_keys"), D::Key, date, true);
            addMap(b.value(u"entities"), D::Entity, date, false);
        }
    }
};
