// The fault matrix: every litellm-deskctl command that talks to the proxy, against every kind of failure
// the proxy or the network can answer with (every HTTP error status, an unreadable, cut-off, hung, dropped,
// endlessly paged, mistyped or huge answer). In every cell the command ends within its time, never
// crashes, exits with a code that says what went wrong, says so on one "error:" line, leaves no half
// written --out file, and prints no secret. The figures (cells passing) are printed.
#include "DeskctlRun.h"

#include "core/api/ClientConfig.h"
#include "sim/Simulator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

struct Cell {
    QString command; // its name in the matrix
    QString fault;   // SimFault spec of the fault on every path
    QStringList arguments;
    QString outFile; // --out of the command, if any
    QPointer<QProcess> process;
    QElapsedTimer clock;
    bool done = false;
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::NormalExit;
    QByteArray out;
    QByteArray err;
};

// Faults after which the command can still succeed: a client tolerates numbers sent as strings; a list
// sent as a string is read as unknown (never as "every model"), which a show or a single action reports
// without failing; a route that does not page is untouched by endless paging; and 80 MiB is over the
// default reply limit but under the daily activity routes' own (a range of many days is that large), so
// the usage commands read it whole.
bool mayStillSucceed(const QString &fault, const QString &command) {
    if (fault.startsWith(u"huge:"))
        return command.startsWith(u"usage") &&
               (qint64(fault.mid(5).toInt()) << 20) < ClientConfig::kActivityReplyLimit;
    return fault == u"wrong-types" || fault == u"wrong-shape" || fault == u"endless-paging";
}

} // namespace

class TestDeskctlFaults : public QObject {
    Q_OBJECT

    static constexpr int kTimeoutSeconds = 2; // deskctl --timeout: a hung request gives up after this
    static constexpr int kParallel = 12;      // commands running at once (most of them wait on a socket)

    QTemporaryDir m_dir;
    std::map<QString, std::unique_ptr<Simulator>> m_sims; // one per fault, all with the same data

    static SimOptions options() {
        SimOptions o;
        o.keys = 30;
        o.users = 6;
        o.teams = 3;
        o.days = 5;
        o.models = 4;
        return o;
    }

    QProcessEnvironment env(const Simulator &sim) const {
        QProcessEnvironment e = DeskctlRun::environment(sim.url().toString(), sim.masterKey());
        e.insert(QStringLiteral("LITELLM_DESK_CONFIG_DIR"), m_dir.path());
        return e;
    }

private slots:
    void everyCommandSurvivesEveryFault() {
        QVERIFY(m_dir.isValid());

        const QStringList faults{u"status:401"_qs,  u"status:403"_qs,  u"status:404"_qs, u"status:422"_qs,
                                 u"status:429"_qs,  u"status:500"_qs,  u"status:503"_qs, u"bad-json"_qs,
                                 u"truncate"_qs,    u"hang"_qs,        u"drop"_qs,       u"endless-paging"_qs,
                                 u"wrong-types"_qs, u"wrong-shape"_qs, u"huge:80"_qs};
        Simulator reference(options());
        const SimKey key = reference.data().keys().list(SimKeyQuery(), 0, 1).rows.first();
        const QString team = reference.data().teams().first().teamId;
        const QString user = reference.data().users().first().userId;
        const QString token = key.token;
        const QString out = m_dir.filePath(u"out/%1"_qs);
        QDir().mkpath(m_dir.filePath(u"out"_qs));

        const QList<std::pair<QString, QStringList>> commands{
            {u"status"_qs, {u"status"_qs}},
            {u"models list"_qs, {u"models"_qs, u"list"_qs}},
            {u"keys list"_qs, {u"keys"_qs, u"list"_qs, u"--no-index"_qs}},
            {u"keys list --all"_qs,
             {u"keys"_qs, u"list"_qs, u"--no-index"_qs, u"--all"_qs, u"--format"_qs, u"csv"_qs}},
            {u"keys show"_qs, {u"keys"_qs, u"show"_qs, token}},
            {u"keys update"_qs, {u"keys"_qs, u"update"_qs, token, u"--max-budget"_qs, u"5"_qs}},
            {u"keys block"_qs, {u"keys"_qs, u"block"_qs, token}},
            {u"keys unblock"_qs, {u"keys"_qs, u"unblock"_qs, token}},
            {u"keys delete"_qs, {u"keys"_qs, u"delete"_qs, token, u"--yes"_qs}},
            {u"keys sync"_qs, {u"keys"_qs, u"sync"_qs}},
            {u"keys create"_qs,
             {u"keys"_qs, u"create"_qs, u"--role"_qs, u"ci"_qs, u"--label"_qs, u"fault"_qs}},
            {u"keys renew"_qs, {u"keys"_qs, u"renew"_qs, token}},
            {u"keys revoke"_qs, {u"keys"_qs, u"revoke"_qs, token}},
            {u"users create"_qs, {u"users"_qs, u"create"_qs, u"fault@example.com"_qs}},
            {u"users list"_qs, {u"users"_qs, u"list"_qs}},
            {u"users show"_qs, {u"users"_qs, u"show"_qs, user}},
            {u"teams list"_qs, {u"teams"_qs, u"list"_qs}},
            {u"teams show"_qs, {u"teams"_qs, u"show"_qs, team}},
            {u"teams create"_qs, {u"teams"_qs, u"create"_qs, u"--alias"_qs, u"fault-team"_qs}},
            {u"teams update"_qs, {u"teams"_qs, u"update"_qs, team, u"--max-budget"_qs, u"5"_qs}},
            {u"teams add-member"_qs, {u"teams"_qs, u"add-member"_qs, team, user}},
            {u"teams remove-member"_qs, {u"teams"_qs, u"remove-member"_qs, team, user}},
            {u"teams block"_qs, {u"teams"_qs, u"block"_qs, team}},
            {u"teams unblock"_qs, {u"teams"_qs, u"unblock"_qs, team}},
            {u"teams delete"_qs, {u"teams"_qs, u"delete"_qs, team, u"--yes"_qs}},
            {u"usage"_qs, {u"usage"_qs, u"--by"_qs, u"model"_qs}},
            {u"usage fetch"_qs, {u"usage"_qs, u"fetch"_qs, u"--out"_qs}},
            {u"usage chart"_qs, {u"usage"_qs, u"chart"_qs, u"--by"_qs, u"day"_qs, u"--out"_qs}},
        };

        std::vector<Cell> cells;
        for (const QString &fault : faults) {
            auto sim = std::make_unique<Simulator>(options());
            QVERIFY(sim->listen());
            // A role for keys create on this proxy, written locally (roles are kept per proxy).
            const auto role = DeskctlRun::run(
                {u"roles"_qs, u"write"_qs, u"ci"_qs, u"--max-budget"_qs, u"5"_qs, u"--ttl"_qs, u"1h"_qs},
                env(*sim));
            QVERIFY2(role.exitCode == 0, role.err.constData());
            SimFault f = *SimFault::parse(u"*="_qs + fault);
            sim->addFault(f);
            m_sims.emplace(fault, std::move(sim));
            for (const auto &[name, arguments] : commands) {
                Cell c;
                c.command = name;
                c.fault = fault;
                c.arguments = QStringList{u"--timeout"_qs, QString::number(kTimeoutSeconds)} + arguments;
                if (arguments.last() == u"--out") {
                    c.outFile = out.arg(QString::number(cells.size()) +
                                        (name == u"usage chart" ? u".png"_qs : u".json"_qs));
                    c.arguments << c.outFile;
                }
                cells.push_back(std::move(c));
            }
        }

        // Run them, kParallel at a time, each on its fault's simulator.
        std::size_t next = 0;
        int running = 0;
        const auto startNext = [&] {
            while (running < kParallel && next < cells.size()) {
                Cell &c = cells[next++];
                auto *p = new QProcess(this);
                c.process = p;
                p->setProcessEnvironment(env(*m_sims.at(c.fault)));
                connect(p, &QProcess::finished, this, [&c, &running, p](int code, QProcess::ExitStatus s) {
                    c.done = true;
                    c.exitCode = code;
                    c.status = s;
                    c.out = p->readAllStandardOutput();
                    c.err = p->readAllStandardError();
                    --running;
                    p->deleteLater();
                });
                c.clock.start();
                p->start(QStringLiteral(DESKCTL_PATH), c.arguments);
                ++running;
            }
        };
        startNext();
        QElapsedTimer all;
        all.start();
        // The longest a cell may take: a few requests each timing out, or waiting out Retry-After.
        constexpr qint64 kCellLimitMs = 60000;
        while (running > 0 || next < cells.size()) {
            QTest::qWait(20);
            for (Cell &c : cells)
                if (!c.done && c.process && c.clock.elapsed() > kCellLimitMs)
                    c.process->kill(); // counted as a failure below: it did not end by itself
            startNext();
            QVERIFY2(all.elapsed() < 15 * 60 * 1000, "the fault matrix took over 15 minutes");
        }

        int passing = 0;
        QStringList failures;
        const QString secret = options().masterKey;
        for (const Cell &c : cells) {
            QStringList why;
            const QString err = QString::fromUtf8(c.err);
            if (c.status != QProcess::NormalExit)
                why << u"crashed or was killed after %1 ms"_qs.arg(c.clock.elapsed());
            else if (c.exitCode == 0 && !mayStillSucceed(c.fault, c.command))
                why << u"exit 0"_qs;
            else if (c.exitCode != 0 && !(c.exitCode == 1 || (c.exitCode >= 3 && c.exitCode <= 5)))
                why << u"exit %1"_qs.arg(c.exitCode);
            if (c.exitCode != 0 && !err.startsWith(u"error: ") && !err.contains(u"\nerror: "))
                why << u"no error line"_qs;
            if (err.contains(secret) || QString::fromUtf8(c.out).contains(secret))
                why << u"printed the master key"_qs;
            if (c.exitCode != 0 && !c.outFile.isEmpty() && QFile::exists(c.outFile))
                why << u"left %1"_qs.arg(c.outFile);
            if (why.isEmpty())
                ++passing;
            else
                failures << u"%1 × %2: %3 (%4)"_qs.arg(c.command, c.fault, why.join(u", "),
                                                       err.left(200).simplified());
        }
        qInfo("fault matrix: %d of %d cells pass (%d commands x %d faults) in %.1f s", passing,
              int(cells.size()), int(commands.size()), int(faults.size()), all.elapsed() / 1000.0);
        for (const QString &f : std::as_const(failures))
            qWarning("%s", qPrintable(f));
        QVERIFY2(failures.isEmpty(), qPrintable(u"%1 cells fail (listed above)"_qs.arg(failures.size())));
    }
};

QTEST_GUILESS_MAIN(TestDeskctlFaults)
#include "tst_DeskctlFaults.moc"
