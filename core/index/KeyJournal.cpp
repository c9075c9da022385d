#include "KeyJournal.h"

#include "core/api/Json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

QString jsonText(const QJsonValue &v) {
    if (v.isUndefined() || v.isNull())
        return {};
    if (v.isString())
        return v.toString();
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString::number(v.toDouble(), 'g', 15);
}

QString dateText(const QDateTime &t) {
    return t.isValid() ? json::isoUtc(t) : QString();
}

QString optText(const std::optional<double> &v) {
    return v ? QString::number(*v, 'g', 15) : QString();
}

QString optText(const std::optional<qint64> &v) {
    return v ? QString::number(*v) : QString();
}

// Each tracked field of a key, as the text the journal keeps.
QList<std::pair<QString, QString>> fieldTexts(const KeyRecord &k) {
    return {
        {QStringLiteral("key_alias"), k.keyAlias},
        {QStringLiteral("team_id"), k.teamId},
        {QStringLiteral("user_id"), k.userId},
        {QStringLiteral("max_budget"), optText(k.maxBudget)},
        {QStringLiteral("budget_duration"), k.budgetDuration},
        // [] (every proxy model) and unknown (no list, or not a list) are different things.
        {QStringLiteral("models"),
         k.modelsKnown ? jsonText(QJsonArray::fromStringList(k.models)) : QStringLiteral("unknown")},
        {QStringLiteral("expires"), dateText(k.expires)},
        {QStringLiteral("blocked"), k.isBlocked() ? QStringLiteral("true") : QStringLiteral("false")},
        {QStringLiteral("tpm_limit"), optText(k.tpmLimit)},
        {QStringLiteral("rpm_limit"), optText(k.rpmLimit)},
        {QStringLiteral("metadata"), k.metadata.isEmpty() ? QString() : jsonText(k.metadata)},
    };
}

} // namespace

double JournalEntry::spendDelta() const {
    const double before = oldValue.toDouble();
    const double after = newValue.toDouble();
    return after >= before ? after - before : after;
}

QString JournalEntry::kindName(Kind kind) {
    switch (kind) {
    case Kind::Created:
        return QStringLiteral("created");
    case Kind::Deleted:
        return QStringLiteral("deleted");
    case Kind::Changed:
        return QStringLiteral("changed");
    case Kind::Spend:
        return QStringLiteral("spend");
    }
    return {};
}

std::optional<JournalEntry::Kind> JournalEntry::kindFromName(const QString &name) {
    for (const Kind k : {Kind::Created, Kind::Deleted, Kind::Changed, Kind::Spend})
        if (kindName(k) == name)
            return k;
    return std::nullopt;
}

JournalEntry JournalEntry::fromValues(const QVariantList &values) {
    const auto value = [&values](int c) { return c < values.size() ? values.at(c) : QVariant(); };
    JournalEntry e;
    e.at = QDateTime::fromMSecsSinceEpoch(value(0).toLongLong(), Qt::UTC);
    e.kind = kindFromName(value(1).toString()).value_or(Kind::Changed);
    e.token = value(2).toString();
    e.keyAlias = value(3).toString();
    e.teamId = value(4).toString();
    e.field = value(5).toString();
    e.oldValue = value(6).toString();
    e.newValue = value(7).toString();
    e.source = value(8).toString();
    return e;
}

KeyJournal::KeyJournal(QSqlDatabase db)
    : m_db(std::move(db)) {}

QStringList KeyJournal::trackedFields() {
    QStringList out;
    for (const auto &[name, value] : fieldTexts(KeyRecord()))
        out << name;
    return out;
}

QList<JournalEntry> KeyJournal::differences(const std::optional<KeyRecord> &before, const KeyRecord &after) {
    QList<JournalEntry> out;
    const auto entry = [&after](JournalEntry::Kind kind) {
        JournalEntry e;
        e.kind = kind;
        e.token = after.token;
        e.keyAlias = after.keyAlias;
        e.teamId = after.teamId;
        return e;
    };
    if (!before) {
        out << entry(JournalEntry::Kind::Created);
        return out;
    }
    const auto old = fieldTexts(*before);
    const auto now = fieldTexts(after);
    for (qsizetype i = 0; i < old.size(); ++i) {
        if (old.at(i).second == now.at(i).second)
            continue;
        JournalEntry e = entry(JournalEntry::Kind::Changed);
        e.field = old.at(i).first;
        e.oldValue = old.at(i).second;
        e.newValue = now.at(i).second;
        out << e;
    }
    if (before->spend != after.spend) {
        JournalEntry e = entry(JournalEntry::Kind::Spend);
        e.field = QStringLiteral("spend");
        e.oldValue = QString::number(before->spend, 'g', 15);
        e.newValue = QString::number(after.spend, 'g', 15);
        out << e;
    }
    return out;
}

bool KeyJournal::write(const JournalEntry &e) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO journal (at, kind, token, key_alias, team_id, field, old_value, "
                             "new_value, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const auto text = [](const QString &s) { return s.isEmpty() ? QVariant() : QVariant(s); };
    q.addBindValue(e.at.toMSecsSinceEpoch());
    q.addBindValue(JournalEntry::kindName(e.kind));
    q.addBindValue(e.token);
    q.addBindValue(text(e.keyAlias));
    q.addBindValue(text(e.teamId));
    q.addBindValue(text(e.field));
    q.addBindValue(text(e.oldValue));
    q.addBindValue(text(e.newValue));
    q.addBindValue(e.source);
    return q.exec();
}

bool KeyJournal::recordDifferences(const std::optional<KeyRecord> &before, const KeyRecord &after,
                                   const QDateTime &at, const QString &source) {
    for (JournalEntry e : differences(before, after)) {
        e.at = at;
        e.source = source;
        if (!write(e))
            return false;
    }
    return true;
}

bool KeyJournal::recordDeleted(const KeyRecord &before, const QDateTime &at, const QString &source) {
    JournalEntry e;
    e.at = at;
    e.kind = JournalEntry::Kind::Deleted;
    e.token = before.token;
    e.keyAlias = before.keyAlias;
    e.teamId = before.teamId;
    e.source = source;
    return write(e);
}

QList<JournalEntry> KeyJournal::entries(const JournalQuery &query) const {
    QString sql = QStringLiteral("SELECT at, kind, token, key_alias, team_id, field, old_value, new_value, "
                                 "source FROM journal WHERE at >= ?");
    QVariantList binds{query.since.isValid() ? query.since.toMSecsSinceEpoch() : qint64(0)};
    if (!query.key.isEmpty()) {
        // A key is named by its token, its alias or its masked name, as it was when the entry was made.
        sql += QStringLiteral(" AND (token = ? OR key_alias = ? OR token IN (SELECT token FROM keys WHERE "
                              "key_name = ? OR key_alias = ?))");
        binds << query.key.toLower() << query.key << query.key << query.key;
    }
    if (query.kind) {
        sql += QStringLiteral(" AND kind = ?");
        binds << JournalEntry::kindName(*query.kind);
    }
    sql += QStringLiteral(" ORDER BY at, id");
    if (query.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(query.limit);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    QList<JournalEntry> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        QVariantList values;
        for (int c = 0; c < 9; ++c)
            values << q.value(c);
        out << JournalEntry::fromValues(values);
    }
    return out;
}

int KeyJournal::prune(const QDateTime &now, int keepDays) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM journal WHERE at < ?"));
    q.addBindValue(now.addDays(-keepDays).toMSecsSinceEpoch());
    if (!q.exec())
        return 0;
    return q.numRowsAffected();
}
