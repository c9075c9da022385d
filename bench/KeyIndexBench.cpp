// Key index figures against a simulator in its own process (`litellm-deskctl demo`), so the client's
// CPU time is the client's alone: the first sync of every key (client CPU, peak RSS, wall time), index
// bytes per key, an incremental sync after 100 keys changed (time, requests), and sort, filter and
// search over every key through KeyIndexModel (the Keys page's model): the time from asking to the
// first rows a view shows.
// Then the budgets above the keys (BudgetReader: teams, team members, users, the proxy) read into the
// index: time and requests.
// Usage: desk-key-index-bench PATH-TO-litellm-deskctl [KEYS] [CONCURRENCY] [TEAMS] [USERS] [LITELLM-VERSION]
// (defaults 1,000,000 keys, 4, 500 teams, 20,000 users, 1.74.3).
// With KEEP_INDEX set in the environment the index file is kept and its path printed.

#include "BenchSupport.h"

#include "core/api/ProxyClient.h"
#include "core/budget/BudgetReader.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexExport.h"
#include "core/index/KeyIndexSync.h"
#include "core/itemmodels/KeyIndexModel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

#include <sys/resource.h>

namespace {

SyncReport runSync(ProxyClient &client, KeyIndex &index, const SyncOptions &options) {
    KeyIndexSync sync(client, index);
    QEventLoop loop;
    QObject::connect(&sync, &KeyIndexSync::finished, &loop, &QEventLoop::quit);
    qint64 shown = 0;
    QObject::connect(&sync, &KeyIndexSync::progress, [&shown](qint64 read, qint64 total) {
        if (read - shown >= 100000) {
            shown = read;
            print(QStringLiteral("  %1 of %2 keys").arg(read).arg(total));
        }
    });
    sync.start(options);
    if (sync.isRunning())
        loop.exec();
    return sync.report();
}

template <typename F> void timed(const QString &what, F &&query) {
    QElapsedTimer t;
    t.start();
    const QString result = query();
    print(QStringLiteral("%1: %2 ms (%3)")
              .arg(what, -46)
              .arg(double(t.nsecsElapsed()) / 1e6, 0, 'f', 1)
              .arg(result));
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        print(QStringLiteral("usage: desk-key-index-bench PATH-TO-litellm-deskctl [KEYS] [CONCURRENCY]"));
        return 2;
    }
    const int keys = args.size() > 2 ? args.at(2).toInt() : 1000000;
    const int concurrency = args.size() > 3 ? args.at(3).toInt() : 4;
    const QString teams = args.size() > 4 ? args.at(4) : QStringLiteral("500");
    const QString users = args.size() > 5 ? args.at(5) : QStringLiteral("20000");
    const QString version = args.size() > 6 ? args.at(6) : QStringLiteral("1.74.3");

    QProcess demo;
    DemoProcess started;
    started.start(demo, args.at(1),
                  {QStringLiteral("--keys"), QString::number(keys), QStringLiteral("--teams"), teams,
                   QStringLiteral("--users"), users, QStringLiteral("--litellm-version"), version});
    const QUrl url = started.url;
    const QString masterKey = started.masterKey;
    const QByteArray banner = started.banner;
    if (!url.isValid()) {
        print(QStringLiteral("the simulator did not start: %1").arg(QString::fromUtf8(banner)));
        return 1;
    }
    print(QStringLiteral("simulator process (LiteLLM %4) with %1 keys, %5 teams, %6 users at %2; client "
                         "concurrency %3")
              .arg(keys)
              .arg(url.toString())
              .arg(concurrency)
              .arg(version, teams, users));

    QTemporaryDir dir;
    if (qEnvironmentVariableIsSet("KEEP_INDEX")) { // to look at the file afterwards
        dir.setAutoRemove(false);
        print(QStringLiteral("index file kept at %1").arg(dir.filePath(QStringLiteral("bench.sqlite"))));
    }
    ClientConfig c;
    c.baseUrl = url;
    ProxyClient client(c, masterKey);
    KeyIndex index(dir.filePath(QStringLiteral("bench.sqlite")));
    if (!index.open()) {
        print(index.errorString());
        return 1;
    }

    SyncOptions options;
    options.concurrency = concurrency;
    const double cpu0 = cpuSeconds();
    SyncReport r = runSync(client, index, options);
    const double cpu = cpuSeconds() - cpu0;
    if (!r.ok) {
        print(r.message);
        return 1;
    }
    print(QStringLiteral("first sync: %1 keys, %2 requests, wall %3 s, client CPU %4 s, peak RSS %5 MiB")
              .arg(r.keys)
              .arg(r.requests)
              .arg(double(r.elapsedMs) / 1000.0, 0, 'f', 1)
              .arg(cpu, 0, 'f', 1)
              .arg(peakRssMiB(), 0, 'f', 0));
    {
        QSqlQuery q(index.database().db());
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    const qint64 bytes =
        QFileInfo(index.path()).size() + QFileInfo(index.path() + QStringLiteral("-wal")).size();
    print(QStringLiteral("index file: %1 MiB, %2 bytes per key")
              .arg(double(bytes) / 1048576.0, 0, 'f', 1)
              .arg(double(bytes) / double(std::max<qint64>(1, r.keys)), 0, 'f', 0));

    // The budgets above the keys, as the Keys page and keys sync read them after a sync.
    {
        BudgetReader reader(&client);
        QEventLoop loop;
        std::optional<BudgetBook> book;
        QObject::connect(&reader, &BudgetReader::finished, &loop, [&](const BudgetBook &b) {
            book = b;
            loop.quit();
        });
        QObject::connect(&reader, &BudgetReader::failed, &loop, [&](const ApiError &e) {
            print(QStringLiteral("budgets: %1").arg(e.toString()));
            loop.quit();
        });
        QElapsedTimer t;
        t.start();
        const double c0 = cpuSeconds();
        reader.start();
        loop.exec();
        if (book) {
            QElapsedTimer s;
            s.start();
            index.storeBudgets(*book);
            const qint64 stored = s.elapsed();
            s.start();
            const BudgetBook back = index.budgets(); // what the Keys page's model does on the GUI thread
            const qint64 loaded = s.elapsed();
            print(QStringLiteral("budgets read: %1 requests, wall %2 s, client CPU %3 s; %4 team, %5 member "
                                 "and %6 user budgets; stored in %7 ms, loaded back in %8 ms")
                      .arg(reader.requests())
                      .arg(double(t.elapsed()) / 1000.0, 0, 'f', 1)
                      .arg(cpuSeconds() - c0, 0, 'f', 1)
                      .arg(book->teamBudgets())
                      .arg(back.memberBudgets())
                      .arg(back.users.size())
                      .arg(stored)
                      .arg(loaded));
        }
    }

    // 100 keys changed by another admin, then an incremental sync.
    KeyIndexQuery some;
    some.sortBy = QStringLiteral("token");
    const QList<KeyRecord> sample = index.keys(some, QDateTime::currentDateTimeUtc(), 0, 100);
    int answered = 0;
    for (int i = 0; i < sample.size(); ++i) {
        ApiReply *reply = client.send(Request::post(QStringLiteral("/key/update"),
                                                    QJsonObject{{QStringLiteral("key"), sample.at(i).token},
                                                                {QStringLiteral("max_budget"), 1000.0 + i}}));
        QObject::connect(reply, &ApiReply::finished, [&answered] { ++answered; });
    }
    while (answered < sample.size())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    QThread::msleep(5); // the updates' updated_at is now strictly before the next sync's start
    r = runSync(client, index, options);
    print(QStringLiteral("incremental sync after %1 keys changed: %2 ms, %3 requests, %4 changed")
              .arg(sample.size())
              .arg(r.elapsedMs)
              .arg(r.requests)
              .arg(r.changed));
    r = runSync(client, index, options);
    print(QStringLiteral("sync of an unchanged proxy: %1 ms, %2 requests").arg(r.elapsedMs).arg(r.requests));

    // Through the model: a new order or filter recounts and reads the first block a view shows.
    KeyIndexModel model(&index);
    const auto firstRows = [&model] {
        const QString first = model.data(model.index(0, 0), KeyTableModel::TokenRole).toString();
        for (int row = 0; row < 40 && row < model.rowCount(); ++row)
            model.data(model.index(row, int(KeyIndexModel::Column::Expires)));
        return QStringLiteral("%1 rows, first %2").arg(model.rowCount()).arg(first.left(8));
    };
    const auto sortBy = [&](KeyIndexModel::Column column, Qt::SortOrder order) {
        return [&model, &firstRows, column, order] {
            model.sort(int(column), order);
            return firstRows();
        };
    };
    const auto filter = [&](KeyIndexQuery q) {
        return [&model, &firstRows, q] {
            model.setQuery(q);
            return firstRows();
        };
    };
    using Column = KeyIndexModel::Column;
    timed(QStringLiteral("sort by expires ascending"), sortBy(Column::Expires, Qt::AscendingOrder));
    timed(QStringLiteral("  then rows 500,000 to 500,040"), [&model] {
        model.data(model.index(500000, 0));
        model.data(model.index(500039, 0));
        return QStringLiteral("read");
    });
    for (int col = 0; col < KeyIndexModel::kColumnCount; ++col) {
        if (!KeyIndexModel::isSortable(col))
            continue;
        const QString title = KeyTableModel::columnTitle(Column(col)).toLower();
        timed(QStringLiteral("sort by %1 ascending").arg(title), sortBy(Column(col), Qt::AscendingOrder));
        timed(QStringLiteral("sort by %1 descending").arg(title), sortBy(Column(col), Qt::DescendingOrder));
    }
    for (const KeyRisk risk : keyrisk::allRisks()) {
        KeyIndexQuery f;
        f.risks = {risk};
        f.sortBy = QStringLiteral("expires");
        timed(QStringLiteral("filter %1, by expires").arg(keyrisk::name(risk)), filter(f));
        f.sortBy = QStringLiteral("created_at");
        timed(QStringLiteral("filter %1, newest first").arg(keyrisk::name(risk)), filter(f));
    }
    KeyIndexQuery team;
    team.teamId = index.keys({}, QDateTime::currentDateTimeUtc(), 0, 1).value(0).teamId;
    timed(QStringLiteral("filter one team"), filter(team));
    KeyIndexQuery search;
    search.text = QStringLiteral("chatbot-12");
    timed(QStringLiteral("search \"chatbot-12\""), filter(search));
    // Part of a user id: found through the distinct ids, not the trigram index.
    search.text = index.keys(team, QDateTime::currentDateTimeUtc(), 0, 1).value(0).userId.mid(4, 10);
    timed(QStringLiteral("search part of a user id"), filter(search));
    search.text = QStringLiteral("no such text");
    timed(QStringLiteral("search that matches nothing"), filter(search));
    timed(QStringLiteral("every key"), filter({}));

    // Export of every key, newest first, as the Keys page writes it from the index.
    {
        QTemporaryDir out;
        QElapsedTimer t;
        t.start();
        const auto written = keyindexexport::write(index.path(), {}, QDateTime::currentDateTimeUtc(),
                                                   out.filePath(QStringLiteral("keys.csv")), {});
        print(
            QStringLiteral("export of every key to CSV from the index: %1 keys in %2 s, %3 MiB%4")
                .arg(written.keys)
                .arg(double(t.elapsed()) / 1000.0, 0, 'f', 1)
                .arg(double(QFileInfo(out.filePath(QStringLiteral("keys.csv"))).size()) / 1048576.0, 0, 'f',
                     0)
                .arg(written.problem.isEmpty() ? QString() : QStringLiteral(" (") + written.problem + u')'));
    }

    demo.terminate();
    demo.waitForFinished(5000);
    return 0;
}
