#include "KeysCommandSupport.h"

#include "Console.h"

#include "core/api/KeyRecord.h"
#include "core/budget/BudgetReader.h"
#include "core/budget/KeyBudgets.h"
#include "core/export/JsonWriter.h"
#include "core/index/KeyIndex.h"
#include "core/keys/KeyExport.h"
#include "core/keys/KeyRisk.h"

#include <QCryptographicHash>

#include <cstdio>

namespace keyscli {

QString shownKey(const QString &key) {
    if (isKeyHash(key))
        return key.left(12).toLower();
    if (key.startsWith(u"sk-"))
        return QStringLiteral("sk-...") + key.right(4);
    return key;
}

void warn(const QString &message) {
    const QByteArray line = (QStringLiteral("warning: ") + message.simplified() + u'\n').toUtf8();
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    std::fflush(stderr);
}

ExitCode exitCodeFor(const QList<KeyActionResult> &results) {
    ExitCode worst = ExitCode::Ok;
    for (const auto &r : results)
        if (!r.ok()) {
            const ExitCode c = ::exitCodeFor(r.error);
            if (static_cast<int>(c) > static_cast<int>(worst) || worst == ExitCode::Ok)
                worst = c;
        }
    return worst;
}

namespace {

QJsonObject withBudgets(const KeyRecord &k, const QDateTime &now, const BudgetLadder &ladder) {
    QJsonObject key = keyexport::toJson(k, now);
    key.insert(QStringLiteral("budgets"), budgetladder::toJson(ladder));
    const auto limit = ladder.limitedBy();
    key.insert(QStringLiteral("limited_by"), limit ? QJsonValue(budgetladder::toJson(*limit)) : QJsonValue());
    key.insert(QStringLiteral("risks"),
               QJsonArray::fromStringList(keyrisk::names(keyrisk::risks(k, now, ladder))));
    return key;
}

void printJson(const QJsonArray &out, bool single) {
    console::out(single && !out.isEmpty() ? JsonWriter::document(out.first().toObject())
                                          : JsonWriter::document(out));
}

} // namespace

void printJsonWithBudgets(ProxyClient *client, const QList<KeyRecord> &keys, bool single, QObject *context,
                          std::function<void()> done) {
    auto *budgets = new KeyBudgets(client, context);
    QObject::connect(budgets, &KeyBudgets::ready, context,
                     [budgets, keys, single, done](const QHash<QString, BudgetLadder> &ladders,
                                                   const QStringList &warnings) {
                         budgets->deleteLater();
                         for (const QString &w : warnings)
                             warn(QStringLiteral("a budget could not be read: %1").arg(w));
                         const QDateTime now = QDateTime::currentDateTimeUtc();
                         QJsonArray out;
                         for (const KeyRecord &k : keys)
                             out << withBudgets(k, now, ladders.value(k.token));
                         printJson(out, single);
                         done();
                     });
    budgets->resolve(keys);
}

void printJsonWithBudgets(const BudgetBook &budgets, const QList<KeyRecord> &keys, bool single) {
    for (const QString &w : budgets.warnings)
        warn(w);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonArray out;
    for (const KeyRecord &k : keys)
        out << withBudgets(k, now, budgets.ladder(k));
    printJson(out, single);
}

void readBudgets(ProxyClient *client, KeyIndex &index, QObject *context, std::function<void(int)> done) {
    auto *reader = new BudgetReader(client, context);
    QObject::connect(reader, &BudgetReader::finished, context,
                     [reader, &index, done](const BudgetBook &book) {
                         reader->deleteLater();
                         if (!index.storeBudgets(book))
                             warn(QStringLiteral("the budgets could not be written to the key index: %1")
                                      .arg(index.lastError()));
                         done(reader->requests());
                     });
    QObject::connect(reader, &BudgetReader::failed, context, [reader, done](const ApiError &error) {
        reader->deleteLater();
        warn(QStringLiteral("team, user and proxy budgets could not be read: %1").arg(error.toString()));
        done(reader->requests());
    });
    reader->start();
}

std::unique_ptr<KeyIndex> openIndex(const ProxyOptions &proxy, QString *error) {
    // Without a profile the index belongs to the URL (hashed: the file name stays plain).
    const QString id =
        proxy.profile
            ? proxy.profile->id
            : QStringLiteral("url-") +
                  QString::fromLatin1(QCryptographicHash::hash(proxy.config.baseUrl.toString().toUtf8(),
                                                               QCryptographicHash::Sha256)
                                          .toHex()
                                          .left(16));
    auto index = std::make_unique<KeyIndex>(IndexDatabase::defaultPath(id));
    if (!index->open()) {
        *error = index->errorString();
        return nullptr;
    }
    if (!index->notice().isEmpty())
        warn(index->notice());
    return index;
}

} // namespace keyscli
