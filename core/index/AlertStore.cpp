#include "core/index/AlertStore.h"

#include "core/index/KeyIndex.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {

QVariant time(const QDateTime &t) {
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QDateTime time(const QVariant &v) {
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

QString body(const Alert &a) {
    return QString::fromUtf8(QJsonDocument(a.toJson()).toJson(QJsonDocument::Compact));
}

const QString kColumns = QStringLiteral("body, since, cleared_at, acked_at, snoozed_until");

Alert fromRow(const QSqlQuery &q) {
    Alert a = Alert::fromJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
    a.since = time(q.value(1));
    a.clearedAt = time(q.value(2));
    a.acknowledged = time(q.value(3));
    a.snoozedUntil = time(q.value(4));
    return a;
}

} // namespace

AlertStore::AlertStore(KeyIndex &index)
    : m_index(index) {}

bool AlertStore::fail(const QSqlQuery &q) const {
    m_error = q.lastError().text();
    return false;
}

bool AlertStore::record(const QList<Alert> &found, const QSet<Alert::Kind> &checked, const QDateTime &now,
                        QList<Alert> *opened) {
    QSqlDatabase &db = m_index.database().db();
    if (!db.transaction()) {
        m_error = db.lastError().text();
        return false;
    }
    auto abort = [&](const QSqlQuery &q) {
        fail(q);
        db.rollback();
        return false;
    };
    QHash<QString, qint64> openIds;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT identity, id FROM alerts WHERE cleared_at IS NULL")))
        return abort(q);
    while (q.next())
        openIds.insert(q.value(0).toString(), q.value(1).toLongLong());
    QSet<QString> seen;
    QSqlQuery update(db), insert(db);
    update.prepare(QStringLiteral("UPDATE alerts SET body = ?, seen_at = ? WHERE id = ?"));
    insert.prepare(QStringLiteral("INSERT INTO alerts (identity, body, since, seen_at) VALUES (?, ?, ?, ?)"));
    for (const Alert &a : found) {
        const QString identity = a.identity();
        if (seen.contains(identity))
            continue; // the first of two alike wins (evaluate() lists the most severe first)
        seen.insert(identity);
        if (const auto it = openIds.constFind(identity); it != openIds.cend()) {
            update.addBindValue(body(a));
            update.addBindValue(time(now));
            update.addBindValue(*it);
            if (!update.exec())
                return abort(update);
            continue;
        }
        insert.addBindValue(identity);
        insert.addBindValue(body(a));
        insert.addBindValue(time(now));
        insert.addBindValue(time(now));
        if (!insert.exec())
            return abort(insert);
        if (opened) {
            Alert o = a;
            o.since = now;
            *opened << o;
        }
    }
    QSqlQuery clear(db);
    clear.prepare(QStringLiteral("UPDATE alerts SET cleared_at = ? WHERE id = ?"));
    for (auto it = openIds.cbegin(); it != openIds.cend(); ++it) {
        const auto kind = Alert::kindFromName(it.key().section(u':', 0, 0)); // identity: kind:type:subject
        if (seen.contains(it.key()) || !kind || !checked.contains(*kind))
            continue;
        clear.addBindValue(time(now));
        clear.addBindValue(it.value());
        if (!clear.exec())
            return abort(clear);
    }
    QSqlQuery prune(db);
    prune.prepare(QStringLiteral("DELETE FROM alerts WHERE cleared_at IS NOT NULL AND cleared_at < ?"));
    prune.addBindValue(time(now.addDays(-kHistoryDays)));
    if (!prune.exec())
        return abort(prune);
    if (!db.commit()) {
        m_error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

QList<Alert> AlertStore::open() const {
    QList<Alert> out;
    QSqlQuery q(m_index.database().db());
    if (!q.exec(QStringLiteral("SELECT %1 FROM alerts WHERE cleared_at IS NULL ORDER BY since, id")
                    .arg(kColumns))) {
        fail(q);
        return out;
    }
    while (q.next())
        out << fromRow(q);
    std::stable_sort(out.begin(), out.end(),
                     [](const Alert &a, const Alert &b) { return a.severity() > b.severity(); });
    return out;
}

QList<Alert> AlertStore::history(int limit) const {
    QList<Alert> out;
    QSqlQuery q(m_index.database().db());
    q.prepare(
        QStringLiteral("SELECT %1 FROM alerts WHERE cleared_at IS NOT NULL ORDER BY cleared_at DESC, id DESC "
                       "LIMIT ?")
            .arg(kColumns));
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(q);
        return out;
    }
    while (q.next())
        out << fromRow(q);
    return out;
}

bool AlertStore::acknowledge(const QString &identity, const QDateTime &at) {
    QSqlQuery q(m_index.database().db());
    q.prepare(QStringLiteral("UPDATE alerts SET acked_at = ? WHERE identity = ? AND cleared_at IS NULL"));
    q.addBindValue(time(at));
    q.addBindValue(identity);
    return q.exec() ? q.numRowsAffected() > 0 : fail(q);
}

bool AlertStore::snooze(const QString &identity, const QDateTime &until) {
    QSqlQuery q(m_index.database().db());
    q.prepare(
        QStringLiteral("UPDATE alerts SET snoozed_until = ? WHERE identity = ? AND cleared_at IS NULL"));
    q.addBindValue(time(until));
    q.addBindValue(identity);
    return q.exec() ? q.numRowsAffected() > 0 : fail(q);
}

QList<Alert> AlertStore::unsent(const QDateTime &now) const {
    QList<Alert> out;
    QSqlQuery q(m_index.database().db());
    if (!q.exec(QStringLiteral(
                    "SELECT %1 FROM alerts WHERE cleared_at IS NULL AND sent_at IS NULL ORDER BY since, id")
                    .arg(kColumns))) {
        fail(q);
        return out;
    }
    while (q.next())
        if (Alert a = fromRow(q); a.isActive(now))
            out << a;
    return out;
}

bool AlertStore::markSent(const QList<Alert> &alerts, const QDateTime &at) {
    QSqlQuery q(m_index.database().db());
    q.prepare(QStringLiteral("UPDATE alerts SET sent_at = ? WHERE identity = ? AND cleared_at IS NULL"));
    for (const Alert &a : alerts) {
        q.addBindValue(time(at));
        q.addBindValue(a.identity());
        if (!q.exec())
            return fail(q);
    }
    return true;
}

WatchRules AlertStore::rules() const {
    const QString text = m_index.meta(QStringLiteral("watch_rules"));
    if (text.isEmpty())
        return {};
    QString ignored;
    return WatchRules::fromJson(QJsonDocument::fromJson(text.toUtf8()).object(), &ignored)
        .value_or(WatchRules());
}

bool AlertStore::setRules(const WatchRules &rules) {
    return m_index.setMeta(QStringLiteral("watch_rules"),
                           QString::fromUtf8(QJsonDocument(rules.toJson()).toJson(QJsonDocument::Compact)));
}

QString AlertStore::noteVersion(const QString &version, const QDateTime &now) {
    if (version.isEmpty())
        return {};
    const QString known = m_index.meta(QStringLiteral("watch_version"));
    if (known.isEmpty()) {
        m_index.setMeta(QStringLiteral("watch_version"), version);
        return {};
    }
    if (known != version) {
        m_index.setMeta(QStringLiteral("watch_version"), version);
        m_index.setMeta(QStringLiteral("watch_version_before"), known);
        m_index.setMetaTime(QStringLiteral("watch_version_changed_at"), now);
    }
    const QDateTime changed = m_index.metaTime(QStringLiteral("watch_version_changed_at"));
    if (!changed.isValid() || changed.secsTo(now) >= 24 * 3600)
        return {};
    return m_index.meta(QStringLiteral("watch_version_before"));
}

QDateTime AlertStore::lastPass() const {
    return m_index.metaTime(QStringLiteral("watch_last_pass"));
}

bool AlertStore::setLastPass(const QDateTime &at) {
    return m_index.setMetaTime(QStringLiteral("watch_last_pass"), at);
}
