// litellm-deskctl keys create/renew/revoke and users create against the simulator, checked on the proxy.
#include "DeskctlRun.h"

#include "core/api/Call.h"
#include "core/api/Json.h"
#include "core/api/ProxyClient.h"
#include "sim/Simulator.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

Expected<QJsonObject> decodeObject(const QByteArray &body) {
    return json::parseObject(body);
}

} // namespace

class TestDeskctlIssue : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<QTemporaryDir> m_config;

    void startSim(SimOptions o = {}) {
        o.keys = 30;
        o.users = 10;
        o.teams = 3;
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->listen());
    }

    QProcessEnvironment env(bool withKey = true) const {
        QProcessEnvironment e =
            DeskctlRun::environment(m_sim->url().toString(), withKey ? m_sim->masterKey() : QString());
        e.insert(QStringLiteral("LITELLM_DESK_CONFIG_DIR"), m_config->path());
        return e;
    }

    DeskctlRun run(const QStringList &arguments, bool withKey = true) const {
        return DeskctlRun::run(arguments, env(withKey));
    }

    void writeRole(const QStringList &arguments) {
        const auto r = run(QStringList{u"roles"_qs, u"write"_qs} + arguments, false);
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    // One request to the simulator with `key` (the master key unless given).
    Expected<QJsonObject> send(const Request &request, const QString &key = {}) {
        ClientConfig c;
        c.baseUrl = m_sim->url();
        c.timeoutMs = 10000;
        ProxyClient client(c, key.isEmpty() ? m_sim->masterKey() : key);
        std::optional<Expected<QJsonObject>> out;
        api::call<QJsonObject>(client, request, &decodeObject, this,
                               [&](Expected<QJsonObject> r) { out = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 10000); }();
        return out ? *out : Unexpected(ApiError());
    }

    // GET on the simulator; {"__status": n} on an HTTP error.
    QJsonObject get(const QString &path, const QUrlQuery &query, const QString &key = {}) {
        const auto r = send(Request::get(path, query), key);
        return r ? *r : QJsonObject{{u"__status"_qs, r.error().httpStatus}};
    }

    QJsonObject post(const QString &path, const QJsonObject &body) {
        return send(Request::post(path, body)).value_or(QJsonObject{});
    }

    QJsonObject keyInfo(const QString &key) {
        QUrlQuery q;
        q.addQueryItem(u"key"_qs, key);
        return get(u"/key/info"_qs, q);
    }

    QJsonObject createJson(const QStringList &options) {
        const auto r = run(QStringList{u"keys"_qs, u"create"_qs, u"--format"_qs, u"json"_qs} + options);
        if (r.exitCode != 0)
            qWarning("keys create failed: %s", r.err.constData());
        return QJsonDocument::fromJson(r.out).object();
    }

    // Every file under the config folder, for "the raw key is written nowhere".
    QByteArray configFiles() const {
        QByteArray all;
        QDirIterator it(m_config->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly))
                all += f.readAll();
        }
        return all;
    }

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(QStringLiteral(DESKCTL_PATH)), DESKCTL_PATH); }

    void init() {
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
    }

    void cleanup() {
        m_sim.reset();
        m_config.reset();
    }

    // A create whose answer cannot be read may leave a key on the proxy whose raw key was never shown: the
    // error names the alias and the command that revokes it; after that command, the same label issues.
    void anUnreadableCreateSaysWhichKeyToRevoke_data() {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("says");
        QTest::addColumn<bool>("created");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("unreadable answer") << u"bad-json"_qs << u"The proxy created the key"_qs << true << 5;
        QTest::newRow("cut-off answer") << u"truncate"_qs << u"may have created the key"_qs << true << 3;
        QTest::newRow("gateway error") << u"status:502"_qs << u"may have created the key"_qs << false << 5;
        QTest::newRow("the proxy's own error: nothing made") << u"status:500"_qs << QString() << false << 5;
    }

    void anUnreadableCreateSaysWhichKeyToRevoke() {
        QFETCH(QString, fault);
        QFETCH(QString, says);
        QFETCH(bool, created);
        QFETCH(int, exitCode);
        startSim();
        writeRole({u"analytics"_qs, u"--max-budget"_qs, u"20"_qs, u"--ttl"_qs, u"1h"_qs});
        m_sim->addFault(*SimFault::parse(u"/key/generate="_qs + fault + u"x1"_qs));
        const QStringList create{u"keys"_qs,      u"create"_qs,  u"--role"_qs,
                                 u"analytics"_qs, u"--label"_qs, u"jane"_qs};
        const auto failed = run(create);
        QCOMPARE(failed.exitCode, exitCode);
        const QString err = failed.errText();
        if (says.isEmpty()) { // a refusal: no key to look for, no revoke offered
            QVERIFY2(!err.contains(u"to revoke it"), failed.err.constData());
            QVERIFY(!m_sim->data().keys().findLiveByAlias(u"desk-analytics-jane"_qs).has_value());
            return;
        }
        QVERIFY2(err.contains(says) && err.contains(u"\"desk-analytics-jane\""), failed.err.constData());
        QVERIFY2(err.contains(u"to revoke it: litellm-deskctl keys revoke \"desk-analytics-jane\""),
                 failed.err.constData());
        QCOMPARE(m_sim->data().keys().findLiveByAlias(u"desk-analytics-jane"_qs).has_value(), created);

        const auto revoked = run({u"keys"_qs, u"revoke"_qs, u"desk-analytics-jane"_qs});
        QCOMPARE(revoked.exitCode, 0);
        QVERIFY(!m_sim->data().keys().findLiveByAlias(u"desk-analytics-jane"_qs).has_value());
        const auto again = run(create);
        QVERIFY2(again.exitCode == 0, again.err.constData());
    }

    void createdKeyWorksAndCarriesItsLease() {
        startSim();
        writeRole({u"analytics"_qs, u"--models"_qs, u"gpt-4o,gpt-4o-mini"_qs, u"--max-budget"_qs, u"20"_qs,
                   u"--budget-duration"_qs, u"30d"_qs, u"--ttl"_qs, u"1h"_qs, u"--max-ttl"_qs, u"3h"_qs,
                   u"--metadata"_qs, u"cost_center=42"_qs, u"--rpm"_qs, u"60"_qs});
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const QJsonObject created =
            createJson({u"--role"_qs, u"analytics"_qs, u"--label"_qs, u"jane"_qs, u"--models"_qs,
                        u"gpt-4o-mini"_qs, u"--max-budget"_qs, u"5"_qs});
        const QString raw = created.value(u"key").toString();
        QVERIFY2(raw.startsWith(u"sk-"), QJsonDocument(created).toJson().constData());
        QCOMPARE(created.value(u"key_alias").toString(), u"desk-analytics-jane"_qs);
        QVERIFY(!created.contains(u"warnings"));

        // The raw key authenticates as itself, and the proxy holds what the role allowed.
        const QJsonObject self = get(u"/key/info"_qs, {}, raw);
        QVERIFY2(!self.contains(u"__status"), QJsonDocument(self).toJson().constData());
        const QJsonObject info = self.value(u"info").toObject();
        QCOMPARE(info.value(u"key_alias").toString(), u"desk-analytics-jane"_qs);
        QCOMPARE(json::strList(info.value(u"models")), QStringList{u"gpt-4o-mini"_qs});
        QCOMPARE(json::num(info.value(u"max_budget")), 5.0);
        QCOMPARE(json::integer(info.value(u"rpm_limit")), 60);
        const QJsonObject meta = info.value(u"metadata").toObject();
        QCOMPARE(meta.value(u"cost_center").toString(), u"42"_qs);
        QCOMPARE(meta.value(u"desk_role").toString(), u"analytics"_qs);
        QCOMPARE(meta.value(u"desk_ttl").toString(), u"1h"_qs);
        QCOMPARE(meta.value(u"desk_max_ttl").toString(), u"3h"_qs);
        const QDateTime issued = json::dateTime(meta.value(u"desk_issued_at"));
        QVERIFY(issued >= before.addSecs(-1) && issued <= QDateTime::currentDateTimeUtc());
        const QDateTime expires = json::dateTime(info.value(u"expires"));
        QVERIFY(qAbs(expires.secsTo(issued.addSecs(3600))) <= 5);

        QVERIFY(!configFiles().contains(raw.toUtf8()));

        // Text output shows it once too.
        const auto text = run({u"keys"_qs, u"create"_qs, u"--role"_qs, u"analytics"_qs});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY(text.outText().contains(u"sk-"));
        QVERIFY(text.outText().contains(u"desk-analytics-"));
        QVERIFY(text.outText().contains(u"shown only this once"));
    }

    void dryRunSendsNothing() {
        startSim();
        writeRole({u"ci"_qs, u"--ttl"_qs, u"1d"_qs, u"--max-budget"_qs, u"3"_qs, u"--metadata"_qs,
                   u"team=build"_qs});
        const qint64 served = m_sim->requestsServed();
        // No key needed to preview.
        const auto r = run({u"keys"_qs, u"create"_qs, u"--role"_qs, u"ci"_qs, u"--label"_qs, u"nightly"_qs,
                            u"--user"_qs, u"u1"_qs, u"--format"_qs, u"json"_qs, u"--dry-run"_qs},
                           false);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_sim->requestsServed(), served);
        const QJsonObject body = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(body.value(u"key_alias").toString(), u"desk-ci-nightly"_qs);
        QCOMPARE(body.value(u"duration").toString(), u"1d"_qs);
        QCOMPARE(body.value(u"max_budget").toDouble(), 3.0);
        QCOMPARE(body.value(u"user_id").toString(), u"u1"_qs);
        QCOMPARE(body.value(u"metadata").toObject().value(u"team").toString(), u"build"_qs);
        QCOMPARE(body.value(u"metadata").toObject().value(u"desk_role").toString(), u"ci"_qs);
        QVERIFY(!body.contains(u"key"));

        const auto text = run({u"keys"_qs, u"create"_qs, u"--role"_qs, u"ci"_qs, u"--dry-run"_qs}, false);
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.outText().startsWith(u"POST " + m_sim->url().toString() + u"/key/generate\n"));
        QCOMPARE(m_sim->requestsServed(), served);
    }

    void choicesOutsideTheRoleSendNothing_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        QTest::newRow("budget above the role's")
            << QStringList{u"--max-budget"_qs, u"50"_qs} << u"This role allows at most $20.00."_qs;
        QTest::newRow("budget of nothing")
            << QStringList{u"--max-budget"_qs, u"0"_qs} << u"The budget must be more than $0"_qs;
        QTest::newRow("model outside the role") << QStringList{u"--models"_qs, u"claude-3"_qs}
                                                << u"Role \"analytics\" does not allow claude-3."_qs;
        QTest::newRow("TTL above the maximum")
            << QStringList{u"--ttl"_qs, u"1w"_qs} << u"longer than the role's maximum"_qs;
        QTest::newRow("label with a space")
            << QStringList{u"--label"_qs, u"my key"_qs} << u"The label may use"_qs;
        QTest::newRow("unknown role")
            << QStringList{u"--role"_qs, u"nope"_qs} << u"there is no role named \"nope\""_qs;
    }

    void choicesOutsideTheRoleSendNothing() {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        startSim();
        writeRole({u"analytics"_qs, u"--models"_qs, u"gpt-4o"_qs, u"--max-budget"_qs, u"20"_qs, u"--ttl"_qs,
                   u"1h"_qs, u"--max-ttl"_qs, u"1d"_qs});
        const qint64 served = m_sim->requestsServed();
        const auto r = run(QStringList{u"keys"_qs, u"create"_qs, u"--role"_qs, u"analytics"_qs} + options);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(message), r.err.constData());
        QCOMPARE(r.errText().count(u'\n'), 1);
        QCOMPARE(m_sim->requestsServed(), served);
    }

    void renewIsCappedThenRefused() {
        startSim();
        writeRole({u"short"_qs, u"--ttl"_qs, u"2h"_qs, u"--max-ttl"_qs, u"2h"_qs});
        const QJsonObject created =
            createJson({u"--role"_qs, u"short"_qs, u"--label"_qs, u"a"_qs, u"--ttl"_qs, u"1h"_qs});
        const QString token = created.value(u"token").toString();
        QVERIFY(!token.isEmpty());
        const QDateTime issued =
            json::dateTime(created.value(u"metadata").toObject().value(u"desk_issued_at"));

        // By hash: extended by the role's 2h, cut at issue + 2h.
        auto r = run({u"keys"_qs, u"renew"_qs, token});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.outText().contains(u"maximum TTL"), r.out.constData());
        const QDateTime expires = json::dateTime(keyInfo(token).value(u"info").toObject().value(u"expires"));
        QVERIFY2(qAbs(expires.secsTo(issued.addSecs(7200))) <= 5, qPrintable(json::isoUtc(expires)));

        // By alias: nothing left to give.
        r = run({u"keys"_qs, u"renew"_qs, u"desk-short-a"_qs});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.errText().contains(u"already at its maximum TTL"), r.err.constData());
    }

    void renewExtendsByTheRoleTtl() {
        startSim();
        writeRole({u"analytics"_qs, u"--ttl"_qs, u"1h"_qs, u"--max-ttl"_qs, u"1d"_qs});
        const QJsonObject created =
            createJson({u"--role"_qs, u"analytics"_qs, u"--label"_qs, u"b"_qs, u"--ttl"_qs, u"10m"_qs});
        QVERIFY(!created.isEmpty());
        const auto r = run({u"keys"_qs, u"renew"_qs, u"desk-analytics-b"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!r.outText().contains(u"maximum TTL"));
        const QDateTime expires = json::dateTime(
            keyInfo(created.value(u"token").toString()).value(u"info").toObject().value(u"expires"));
        QVERIFY(qAbs(expires.secsTo(QDateTime::currentDateTimeUtc().addSecs(3600))) <= 10);
    }

    void renewOfAnUnknownAliasFails() {
        startSim();
        const auto r = run({u"keys"_qs, u"renew"_qs, u"no-such-alias"_qs});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.errText().contains(u"No key has the alias \"no-such-alias\""), r.err.constData());
    }

    void revokeReportsEachKey() {
        startSim();
        writeRole({u"analytics"_qs, u"--ttl"_qs, u"1h"_qs});
        const QJsonObject a = createJson({u"--role"_qs, u"analytics"_qs, u"--label"_qs, u"a"_qs});
        const QJsonObject b = createJson({u"--role"_qs, u"analytics"_qs, u"--label"_qs, u"b"_qs});
        const QString gone = QString(64, u'0');
        auto r = run({u"keys"_qs, u"revoke"_qs, a.value(u"token").toString(), u"desk-analytics-b"_qs, gone});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList lines = r.outText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines, (QStringList{a.value(u"token").toString() + u": revoked",
                                     u"desk-analytics-b: revoked"_qs, gone + u": already gone"}));
        QCOMPARE(keyInfo(a.value(u"token").toString()).value(u"__status").toInt(), 404);
        QCOMPARE(keyInfo(b.value(u"token").toString()).value(u"__status").toInt(), 404);

        // One failure among them: every key still gets its line, and the exit code says so.
        const QJsonObject c = createJson({u"--role"_qs, u"analytics"_qs, u"--label"_qs, u"c"_qs});
        m_sim->addFault(*SimFault::parse(u"/key/delete=status:500x1"_qs));
        r = run({u"keys"_qs, u"revoke"_qs, c.value(u"token").toString()});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.outText().contains(u": failed: "), r.out.constData());
        QVERIFY(r.errText().contains(u"some keys were not revoked"));
        QVERIFY(!keyInfo(c.value(u"token").toString()).contains(u"__status"));
    }

    // With a wrong path prefix every route answers FastAPI's 404: nothing was deleted, so nothing may be
    // reported as revoked or already gone.
    void aWrongProxyUrlIsNeverTakenForAKeyAlreadyGone() {
        startSim();
        writeRole({u"analytics"_qs, u"--ttl"_qs, u"1h"_qs});
        const QString token =
            createJson({u"--role"_qs, u"analytics"_qs, u"--label"_qs, u"a"_qs}).value(u"token").toString();
        QVERIFY(!token.isEmpty());
        QProcessEnvironment wrong = env();
        wrong.insert(u"LITELLM_PROXY_URL"_qs, m_sim->url().toString() + u"/litellm");
        for (const QStringList &command : {QStringList{u"keys"_qs, u"revoke"_qs, token},
                                           QStringList{u"keys"_qs, u"delete"_qs, token, u"--yes"_qs}}) {
            const auto r = DeskctlRun::run(command, wrong);
            QCOMPARE(r.exitCode, 5);
            const QString all = r.outText() + r.errText();
            QVERIFY2(!all.contains(u"already gone") && !all.contains(u": revoked"), qPrintable(all));
            QVERIFY2(all.contains(u"/litellm/key/delete") || all.contains(u"/key/delete"), qPrintable(all));
            QVERIFY2(all.contains(u"check the proxy URL"), qPrintable(all));
        }
        QVERIFY2(!keyInfo(token).contains(u"__status"), "the key must still be live");
        // The same key through the right URL, deleted twice: the proxy's own not-found is "already gone".
        auto r = run({u"keys"_qs, u"revoke"_qs, token});
        QCOMPARE(r.outText().trimmed(), token + u": revoked");
        r = run({u"keys"_qs, u"revoke"_qs, token});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.outText().trimmed(), token + u": already gone");
    }

    // A key whose role may not delete keys: say which role it has and what it may not do, not "check the
    // master key".
    void aRefusedRoleIsNamed() {
        startSim();
        const QString viewer = u"viewer-1"_qs;
        const QJsonObject user =
            post(u"/user/new"_qs, QJsonObject{{u"user_id"_qs, viewer},
                                              {u"user_role"_qs, u"proxy_admin_viewer"_qs},
                                              {u"auto_create_key"_qs, false}});
        QCOMPARE(user.value(u"user_id").toString(), viewer);
        const QJsonObject created = post(
            u"/key/generate"_qs, QJsonObject{{u"user_id"_qs, viewer}, {u"key_alias"_qs, u"viewer-key"_qs}});
        const QString viewerKey = created.value(u"key").toString();
        QVERIFY(viewerKey.startsWith(u"sk-"));
        const QString victim = created.value(u"token").toString();

        const auto r = DeskctlRun::run({u"keys"_qs, u"revoke"_qs, victim},
                                       DeskctlRun::environment(m_sim->url().toString(), viewerKey));
        QCOMPARE(r.exitCode, 4);
        const QString all = r.outText() + r.errText();
        QVERIFY2(all.contains(u"Admin (View Only), may not delete keys"), qPrintable(all));
        QVERIFY2(!all.contains(u"master key"), qPrintable(all));
        QVERIFY2(!all.contains(viewerKey), "the key in use is never printed");
        QVERIFY(!keyInfo(victim).contains(u"__status"));
    }

    void userGetsTheSuggestedRoleDespiteTheProxy() {
        SimOptions o;
        o.dropUserRoleOnNew = true;
        startSim(o);
        writeRole({u"analytics"_qs, u"--max-budget"_qs, u"20"_qs, u"--models"_qs, u"gpt-4o"_qs, u"--teams"_qs,
                   u"team-2,team-1"_qs});
        writeRole({u"general"_qs, u"--max-budget"_qs, u"5"_qs, u"--teams"_qs, u"team-3,team-1"_qs});
        const auto r = run({u"users"_qs, u"create"_qs, u"jane.doe"_qs, u"--domain"_qs, u"example.com"_qs,
                            u"--user-role"_qs, u"internal_user_viewer"_qs, u"--teams"_qs, u"team-1"_qs,
                            u"--format"_qs, u"json"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject out = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(out.value(u"role").toString(),
                 u"analytics"_qs); // team-1 comes second in both: ties go by name
        QCOMPARE(out.value(u"role_suggested").toBool(), true);
        QCOMPARE(out.value(u"warnings").toArray().size(), 0);

        QUrlQuery q;
        q.addQueryItem(u"user_id"_qs, u"jane.doe@example.com"_qs);
        const QJsonObject user = get(u"/user/info"_qs, q).value(u"user_info").toObject();
        QCOMPARE(user.value(u"user_role").toString(), u"internal_user_viewer"_qs);
        QCOMPARE(user.value(u"user_email").toString(), u"jane.doe@example.com"_qs);
        QCOMPARE(json::num(user.value(u"max_budget")), 20.0);
        QCOMPARE(json::strList(user.value(u"models")), QStringList{u"gpt-4o"_qs});
    }

    // The user was created but its follow-up /user/update failed: the error says the user exists without
    // its fields and how to finish it; --finish applies them to the existing user without creating it.
    void aUserLeftWithoutItsFieldsCanBeFinished() {
        SimOptions o;
        o.dropUserRoleOnNew = true;
        startSim(o);
        writeRole({u"analytics"_qs, u"--max-budget"_qs, u"20"_qs, u"--models"_qs, u"gpt-4o"_qs});
        m_sim->addFault(*SimFault::parse(u"/user/update=status:500x1"_qs));
        const QStringList create{u"users"_qs,
                                 u"create"_qs,
                                 u"jane.doe@example.com"_qs,
                                 u"--user-role"_qs,
                                 u"internal_user_viewer"_qs,
                                 u"--role"_qs,
                                 u"analytics"_qs};
        const auto failed = run(create);
        QCOMPARE(failed.exitCode, 5);
        QVERIFY2(failed.errText().contains(
                     u"User jane.doe@example.com was created, but its fields were not applied"),
                 failed.err.constData());
        QVERIFY2(failed.errText().contains(u"to finish it: run the same users create command with --finish"),
                 failed.err.constData());
        QVERIFY(m_sim->data().userIndex(u"jane.doe@example.com"_qs) >= 0);

        const auto creates = [&] {
            return std::count_if(m_sim->requestLog().cbegin(), m_sim->requestLog().cend(),
                                 [](const QString &path) { return path.startsWith(u"/user/new"); });
        };
        const auto newBefore = creates();
        const auto finished = run(create + QStringList{u"--finish"_qs});
        QVERIFY2(finished.exitCode == 0, finished.err.constData());
        QCOMPARE(creates(), newBefore); // not created twice
        QUrlQuery q;
        q.addQueryItem(u"user_id"_qs, u"jane.doe@example.com"_qs);
        const QJsonObject user = get(u"/user/info"_qs, q).value(u"user_info").toObject();
        QCOMPARE(user.value(u"user_role").toString(), u"internal_user_viewer"_qs);
        QCOMPARE(json::num(user.value(u"max_budget")), 20.0);
    }

    void invalidUserSendsNothing_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad user id")
            << QStringList{u"jane doe!"_qs}
            << u"\"jane doe!\" is not a valid user id: use letters, digits and . _ + @ -."_qs;
        QTest::newRow("bad e-mail") << QStringList{u"jane"_qs, u"--email"_qs, u"jane-at-example"_qs}
                                    << u"\"jane-at-example\" is not an e-mail address."_qs;
        QTest::newRow("unknown user role")
            << QStringList{u"jane"_qs, u"--user-role"_qs, u"root"_qs} << u"The user role must be one of"_qs;
        QTest::newRow("unknown desk role")
            << QStringList{u"jane"_qs, u"--role"_qs, u"nope"_qs} << u"there is no role named \"nope\""_qs;
    }

    void invalidUserSendsNothing() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        startSim();
        const qint64 served = m_sim->requestsServed();
        const auto r = run(QStringList{u"users"_qs, u"create"_qs} + arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(message), r.err.constData());
        QCOMPARE(m_sim->requestsServed(), served);
    }
};

QTEST_GUILESS_MAIN(TestDeskctlIssue)
#include "tst_DeskctlIssue.moc"
