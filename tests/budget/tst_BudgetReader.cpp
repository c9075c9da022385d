#include "core/api/ProxyClient.h"
#include "core/budget/BudgetReader.h"
#include "sim/SimFault.h"
#include "sim/Simulator.h"

#include <QSignalSpy>
#include <QTest>

// Every budget above the keys, read from a simulated proxy over HTTP: what it holds, how many requests it
// takes, and what a caller who may not read some of it gets.
class TestBudgetReader : public QObject {
    Q_OBJECT
private slots:
    void readsEveryBudgetTheProxyHas();
    void teamsPastOnePageAreAllRead();
    void theOldTeamListNeedsNoTeamInfo();
    void unreadableUsersAreAWarningNotAFailure();
    void anUnreachableProxyFails();

private:
    struct Outcome {
        std::optional<BudgetBook> book;
        std::optional<ApiError> error;
        int requests = 0;
    };
    Outcome read(Simulator &sim, const QString &key = {});
    static std::unique_ptr<Simulator> simulator(SimOptions o = {}) {
        o.keys = 300;
        auto sim = std::make_unique<Simulator>(o);
        if (!sim->listen())
            qFatal("the simulator does not listen");
        return sim;
    }
};

TestBudgetReader::Outcome TestBudgetReader::read(Simulator &sim, const QString &key) {
    ClientConfig c;
    c.baseUrl = sim.url();
    c.timeoutMs = 5000;
    ProxyClient client(c, key.isEmpty() ? sim.masterKey() : key);
    BudgetReader reader(&client);
    Outcome out;
    bool done = false;
    connect(&reader, &BudgetReader::finished, this, [&](const BudgetBook &book) {
        out.book = book;
        done = true;
    });
    connect(&reader, &BudgetReader::failed, this, [&](const ApiError &error) {
        out.error = error;
        done = true;
    });
    reader.start();
    if (!QTest::qWaitFor([&] { return done; }, 30000))
        qFatal("the budgets were not read");
    out.requests = reader.requests();
    return out;
}

void TestBudgetReader::readsEveryBudgetTheProxyHas() {
    SimOptions o;
    o.proxyMaxBudget = 25000;
    auto sim = simulator(o);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const Outcome r = read(*sim);
    QVERIFY(r.book);
    const BudgetBook &book = *r.book;
    QVERIFY(book.readAt >= before.addMSecs(-1) && book.readAt <= QDateTime::currentDateTimeUtc());
    QVERIFY(book.warnings.isEmpty());
    QCOMPARE(book.proxyMaxBudget.value_or(0), 25000.0);
    const SimDataset &data = sim->data();
    int teamBudgets = 0, memberBudgets = 0;
    for (const SimTeam &t : data.teams()) {
        const bool held =
            t.maxBudget || std::any_of(t.members.begin(), t.members.end(),
                                       [](const SimMember &m) { return m.maxBudgetInTeam.has_value(); });
        QCOMPARE(book.teams.contains(t.teamId), held);
        if (!held)
            continue;
        const TeamRecord &team = book.teams.value(t.teamId);
        QCOMPARE(team.maxBudget, t.maxBudget);
        QVERIFY(qAbs(team.spend - data.teamTotals(t.teamId).spend) < 1e-6);
        teamBudgets += t.maxBudget.has_value();
        for (const SimMember &m : t.members) {
            const TeamMember *read = team.member(m.userId);
            QCOMPARE(read != nullptr, m.maxBudgetInTeam.has_value()); // only members with a budget are kept
            if (!read)
                continue;
            ++memberBudgets;
            QCOMPARE(read->maxBudgetInTeam, m.maxBudgetInTeam);
            QVERIFY(qAbs(read->spend - data.memberTotals(t.teamId, m.userId).spend) < 1e-6);
        }
    }
    QVERIFY(teamBudgets > 0 && memberBudgets > 0);
    int userBudgets = 0;
    for (const SimUser &u : data.users()) {
        QCOMPARE(book.users.contains(u.userId), u.maxBudget.has_value());
        userBudgets += u.maxBudget.has_value();
        if (u.maxBudget)
            QVERIFY(qAbs(book.users.value(u.userId).spend - data.userTotals(u.userId).spend) < 1e-6);
    }
    QVERIFY(userBudgets > 0);
    // The proxy's budget, one page of teams, /team/info for each team with members, one page of users;
    // each /team/info asks for one key only (the members are what is wanted).
    QCOMPARE(r.requests, 1 + 1 + int(data.teams().size()) + 1);
    int infos = 0;
    for (const QString &line : sim->requestLog())
        if (line.startsWith(u"/team/info")) {
            ++infos;
            QVERIFY2(line.contains(u"key_limit=1"), qPrintable(line));
        }
    QCOMPARE(infos, int(data.teams().size()));
}

void TestBudgetReader::teamsPastOnePageAreAllRead() {
    SimOptions o;
    o.teams = 130; // two pages of /v2/team/list
    o.users = 260; // three pages of /user/list
    auto sim = simulator(o);
    const Outcome r = read(*sim);
    QVERIFY(r.book);
    int teamBudgets = 0, userBudgets = 0;
    for (const SimTeam &t : sim->data().teams())
        teamBudgets += t.maxBudget.has_value();
    for (const SimUser &u : sim->data().users())
        userBudgets += u.maxBudget.has_value();
    int read = 0;
    for (const TeamRecord &t : r.book->teams)
        read += t.maxBudget.has_value();
    QCOMPARE(read, teamBudgets);
    QCOMPARE(int(r.book->users.size()), userBudgets);
    int withMembers = 0;
    for (const SimTeam &t : sim->data().teams())
        withMembers += !t.members.isEmpty();
    QCOMPARE(r.requests, 1 + 2 + withMembers + 3);
}

void TestBudgetReader::theOldTeamListNeedsNoTeamInfo() {
    SimOptions o;
    o.v2TeamList = false; // /team/list sends every team with its members' budgets at once
    auto sim = simulator(o);
    const Outcome r = read(*sim);
    QVERIFY(r.book);
    for (const QString &line : sim->requestLog())
        QVERIFY2(!line.startsWith(u"/team/info"), qPrintable(line));
    int memberBudgets = 0;
    for (const SimTeam &t : sim->data().teams())
        for (const SimMember &m : t.members)
            memberBudgets += m.maxBudgetInTeam.has_value();
    int read = 0;
    for (const TeamRecord &t : r.book->teams)
        read += int(t.members.size());
    QVERIFY(memberBudgets > 0);
    QCOMPARE(read, memberBudgets);
}

void TestBudgetReader::unreadableUsersAreAWarningNotAFailure() {
    auto sim = simulator();
    sim->addFault(*SimFault::parse(u"/user/list=status:403"_qs));
    const Outcome r = read(*sim);
    QVERIFY(r.book);
    QVERIFY(r.book->users.isEmpty());
    QVERIFY(!r.book->teams.isEmpty());
    QCOMPARE(r.book->warnings.size(), 1);
    QVERIFY2(r.book->warnings.first().startsWith(u"User budgets could not be read"),
             qPrintable(r.book->warnings.first()));
}

void TestBudgetReader::anUnreachableProxyFails() {
    auto sim = simulator();
    const QUrl url = sim->url();
    sim.reset(); // nothing listens there any more
    ClientConfig c;
    c.baseUrl = url;
    c.timeoutMs = 3000;
    ProxyClient client(c, u"sk-x"_qs);
    BudgetReader reader(&client);
    QSignalSpy failed(&reader, &BudgetReader::failed);
    QSignalSpy finished(&reader, &BudgetReader::finished);
    reader.start();
    QVERIFY(failed.wait(10000));
    QCOMPARE(finished.size(), 0);
}

QTEST_GUILESS_MAIN(TestBudgetReader)
#include "tst_BudgetReader.moc"
