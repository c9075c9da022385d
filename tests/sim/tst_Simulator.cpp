#include "SimClient.h"

#include <QDateTime>
#include <QTest>

#include <memory>

// The simulator's HTTP surface: authentication, key, user and team routes, checked against the shapes and
// quirks of the LiteLLM admin API.
class TestSimulator : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Simulator> m_sim;

    // A usable base key (not blocked, not expired) whose user has `role`.
    qint64 keyOfRole(const QString &role) {
        const SimDataset &data = m_sim->data();
        for (qint64 i = 0; i < data.keys().baseCount(); ++i) {
            const SimKey k = data.keys().key(i);
            const int u = k.userId.isEmpty() ? -1 : data.userIndex(k.userId);
            if (u >= 0 && data.users().at(u).role == role && !k.blocked.value_or(false) &&
                !k.isExpired(QDateTime::currentMSecsSinceEpoch()) && data.keys().isLive(i))
                return i;
        }
        return -1;
    }

private slots:
    void init() {
        SimOptions o;
        o.keys = 300;
        o.users = 30;
        o.teams = 6;
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->listen());
    }

    void authentication_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("no key") << QByteArray() << QByteArray() << 401 << u"No api key passed in"_qs;
        QTest::newRow("malformed authorization")
            << QByteArray("Authorization") << QByteArray("Token abc") << 401 << u"Malformed API Key"_qs;
        QTest::newRow("unknown key") << QByteArray("Authorization") << QByteArray("Bearer sk-nope") << 401
                                     << u"Invalid proxy server token"_qs;
        QTest::newRow("master key") << QByteArray("Authorization") << QByteArray("Bearer sk-desk-demo-master")
                                    << 200 << QString();
        QTest::newRow("x-litellm-api-key without Bearer")
            << QByteArray("x-litellm-api-key") << QByteArray("sk-desk-demo-master") << 200 << QString();
    }

    void authentication() {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(int, status);
        QFETCH(QString, messagePart);
        SimClient c(*m_sim);
        c.setKey({});
        if (!header.isEmpty())
            c.setHeader(header, value);
        const auto a = c.get(u"/key/list"_qs);
        QCOMPARE(a.status, status);
        if (!messagePart.isEmpty()) {
            QVERIFY2(a.errorMessage().contains(messagePart), qPrintable(a.errorMessage()));
            QCOMPARE(a.object().value(u"error").toObject().value(u"code").toString(),
                     QString::number(status));
        }
    }

    void virtualKeySeesOnlyItsOwnKeys() {
        const qint64 i = keyOfRole(u"internal_user"_qs);
        QVERIFY(i >= 0);
        const SimKey row = m_sim->data().keys().key(i);
        QCOMPARE(row.token, simTokenOf(m_sim->data().keys().baseRawKey(i)));
        SimClient c(*m_sim);
        c.setKey(m_sim->data().keys().baseRawKey(i).toUtf8());
        const auto info = c.get(u"/key/info"_qs);
        QCOMPARE(info.status, 200);
        QCOMPARE(info.object().value(u"info").toObject().value(u"user_id").toString(), row.userId);
        QVERIFY(!info.object().value(u"info").toObject().contains(u"token"));
        const auto list = c.get(u"/key/list?return_full_object=true&size=100&user_id=someone-else"_qs);
        QCOMPARE(list.status, 200);
        const QJsonArray keys = list.object().value(u"keys").toArray();
        QVERIFY(!keys.isEmpty());
        for (const auto &k : keys)
            QCOMPARE(k.toObject().value(u"user_id").toString(), row.userId);
        QCOMPARE(c.get(u"/user/list"_qs).status, 403);
    }

    void blockedAndExpiredKeysAreRefused() {
        SimClient admin(*m_sim);
        const auto made = admin.post(u"/key/generate"_qs, {{u"duration"_qs, u"1s"_qs}});
        QCOMPARE(made.status, 200);
        const QByteArray raw = made.object().value(u"key").toString().toUtf8();
        SimClient user(*m_sim);
        user.setKey(raw);
        QTRY_COMPARE_WITH_TIMEOUT(user.get(u"/key/info"_qs).status, 401, 5000);
        const auto expired = user.get(u"/key/info"_qs);
        QCOMPARE(expired.errorType(), u"expired_key"_qs);
        QVERIFY(expired.errorMessage().startsWith(u"Authentication Error - Expired Key. Key Expiry time"_qs));

        const auto other = admin.post(u"/key/generate"_qs, {});
        user.setKey(other.object().value(u"key").toString().toUtf8());
        QCOMPARE(user.get(u"/key/info"_qs).status, 200);
        QCOMPARE(admin.post(u"/key/block"_qs, {{u"key"_qs, other.object().value(u"token")}})
                     .object()
                     .value(u"blocked")
                     .toBool(),
                 true);
        QCOMPARE(user.get(u"/key/info"_qs).status, 401);
        admin.post(u"/key/unblock"_qs, {{u"key"_qs, other.object().value(u"key")}});
        QCOMPARE(user.get(u"/key/info"_qs).status, 200);
    }

    void masterKeyHasNoRow() {
        SimClient c(*m_sim);
        const auto a = c.get(u"/key/info"_qs);
        QCOMPARE(a.status, 404);
        QCOMPARE(a.errorMessage(), u"Key not found in database"_qs);
    }

    void keyListIsHashesByDefault() {
        SimClient c(*m_sim);
        const auto a = c.get(u"/key/list"_qs);
        QCOMPARE(a.status, 200);
        const QJsonObject o = a.object();
        QCOMPARE(o.value(u"keys").toArray().size(), 10);
        QVERIFY(o.value(u"keys").toArray().first().isString());
        QCOMPARE(o.value(u"keys").toArray().first().toString().size(), 64);
        QCOMPARE(o.value(u"total_count").toInt(), 300);
        QCOMPARE(o.value(u"current_page").toInt(), 1);
        QCOMPARE(o.value(u"total_pages").toInt(), 30);
        const auto full =
            c.get(u"/key/list?return_full_object=true&size=3"_qs).object().value(u"keys").toArray();
        QCOMPARE(full.size(), 3);
        for (const char *field : {"token", "key_name", "key_alias", "spend", "max_budget", "expires",
                                  "models", "blocked", "created_at", "team_alias", "metadata"})
            QVERIFY2(full.first().toObject().contains(QLatin1String(field)), field);
        // default order: newest first
        QVERIFY(full.at(0).toObject().value(u"created_at").toString().left(19) >=
                full.at(1).toObject().value(u"created_at").toString().left(19));
    }

    void keyListValidation_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::newRow("size over 100") << u"size=101"_qs << 422;
        QTest::newRow("size zero") << u"size=0"_qs << 422;
        QTest::newRow("page zero") << u"page=0"_qs << 422;
        QTest::newRow("unknown sort_by") << u"sort_by=user_id"_qs << 400;
        QTest::newRow("unknown status") << u"status=active"_qs << 400;
        QTest::newRow("size 100 is fine") << u"size=100"_qs << 200;
    }

    void keyListValidation() {
        QFETCH(QString, query);
        QFETCH(int, status);
        SimClient c(*m_sim);
        const auto a = c.get(u"/key/list?"_qs + query);
        QCOMPARE(a.status, status);
        if (status == 422)
            QVERIFY(a.object().value(u"detail").isArray());
    }

    void keyListSortsAndFilters_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("order");
        for (const char *f : {"spend", "max_budget", "key_alias", "updated_at", "token"})
            for (const char *o : {"asc", "desc"})
                QTest::addRow("%s %s", f, o) << QString::fromLatin1(f) << QString::fromLatin1(o);
    }

    void keyListSortsAndFilters() {
        QFETCH(QString, field);
        QFETCH(QString, order);
        SimClient c(*m_sim);
        QList<QJsonValue> values;
        for (int page = 1; page <= 3; ++page) {
            const auto a =
                c.get(u"/key/list?return_full_object=true&size=100&sort_by=%1&sort_order=%2&page=%3"_qs
                          .arg(field, order)
                          .arg(page));
            QCOMPARE(a.status, 200);
            for (const auto &k : a.object().value(u"keys").toArray())
                values << k.toObject().value(field);
        }
        QCOMPARE(values.size(), 300);
        const bool desc = order == u"desc";
        for (qsizetype i = 1; i < values.size(); ++i) {
            const QJsonValue &a = values.at(i - 1), &b = values.at(i);
            if (a.isNull() || b.isNull()) { // nulls come first descending, last ascending
                QVERIFY2(desc ? (a.isNull() || !b.isNull()) : (b.isNull() || !a.isNull()), qPrintable(field));
                continue;
            }
            const bool ordered = a.isDouble()
                                     ? (desc ? a.toDouble() >= b.toDouble() : a.toDouble() <= b.toDouble())
                                     : (desc ? a.toString().left(19) >= b.toString().left(19)
                                             : a.toString().left(19) <= b.toString().left(19));
            QVERIFY2(ordered,
                     qPrintable(u"%1 then %2"_qs.arg(a.toVariant().toString(), b.toVariant().toString())));
        }
    }

    void keyListFilters() {
        SimClient c(*m_sim);
        const SimUser &user = m_sim->data().users().at(1);
        auto a = c.get(u"/key/list?return_full_object=true&size=100&user_id="_qs + user.userId).object();
        QVERIFY(a.value(u"total_count").toInt() > 0);
        for (const auto &k : a.value(u"keys").toArray())
            QCOMPARE(k.toObject().value(u"user_id").toString(), user.userId);
        const QString team = m_sim->data().teams().at(2).teamId;
        a = c.get(u"/key/list?return_full_object=true&size=100&team_id="_qs + team).object();
        QVERIFY(a.value(u"total_count").toInt() > 0);
        for (const auto &k : a.value(u"keys").toArray())
            QCOMPARE(k.toObject().value(u"team_id").toString(), team);
        a = c.get(u"/key/list?return_full_object=true&size=100&key_alias=prod&substring_matching=true"_qs)
                .object();
        QVERIFY(a.value(u"total_count").toInt() > 0);
        for (const auto &k : a.value(u"keys").toArray())
            QVERIFY(k.toObject().value(u"key_alias").toString().contains(u"prod"));
        a = c.get(u"/key/list?return_full_object=true&size=100&expires=expired"_qs).object();
        QVERIFY(a.value(u"total_count").toInt() > 0);
        for (const auto &k : a.value(u"keys").toArray())
            QVERIFY(QDateTime::fromString(k.toObject().value(u"expires").toString(), Qt::ISODateWithMs) <
                    QDateTime::currentDateTimeUtc());
        const QString hash = m_sim->data().keys().key(7).token;
        a = c.get(u"/key/list?key_hash="_qs + hash).object();
        QCOMPARE(a.value(u"keys").toArray(), QJsonArray{hash});
    }

    void generateUpdateDeleteRoundTrip() {
        SimClient c(*m_sim);
        const auto made =
            c.post(u"/key/generate"_qs, {{u"key_alias"_qs, u"ci-bot"_qs},
                                         {u"duration"_qs, u"30d"_qs},
                                         {u"max_budget"_qs, 10.0},
                                         {u"models"_qs, QJsonArray{u"gpt-4o"_qs}},
                                         {u"metadata"_qs, QJsonObject{{u"env"_qs, u"prod"_qs}}}});
        QCOMPARE(made.status, 200);
        const QJsonObject k = made.object();
        const QString raw = k.value(u"key").toString();
        QVERIFY(raw.startsWith(u"sk-"));
        QCOMPARE(k.value(u"token").toString(), simTokenOf(raw));
        QCOMPARE(k.value(u"token_id").toString(), simTokenOf(raw));
        QCOMPARE(k.value(u"key_name").toString(), u"sk-..."_qs + raw.right(4));
        const QDateTime expires = QDateTime::fromString(k.value(u"expires").toString(), Qt::ISODateWithMs);
        QVERIFY(qAbs(expires.secsTo(QDateTime::currentDateTimeUtc().addDays(30))) < 60);
        QCOMPARE(c.get(u"/key/list?size=1"_qs).object().value(u"keys").toArray().first().toString(),
                 k.value(u"token").toString());

        const auto dup = c.post(u"/key/generate"_qs, {{u"key_alias"_qs, u"ci-bot"_qs}});
        QCOMPARE(dup.status, 400);
        QVERIFY(dup.errorMessage().contains(u"Key with alias 'ci-bot' already exists"_qs));
        QCOMPARE(c.post(u"/key/generate"_qs, {{u"tags"_qs, QJsonArray{u"x"_qs}}}).status, 400);

        const auto updated = c.post(
            u"/key/update"_qs, {{u"key"_qs, raw}, {u"max_budget"_qs, 25.0}, {u"duration"_qs, QJsonValue()}});
        QCOMPARE(updated.status, 200);
        QCOMPARE(updated.object().value(u"key").toString(), raw);
        QCOMPARE(updated.object().value(u"max_budget").toDouble(), 25.0);
        QVERIFY(updated.object().value(u"expires").isNull());
        // Like LiteLLM's update_data: the key as sent, the token and only what changed.
        QVERIFY(!updated.object().contains(u"key_alias"));
        QVERIFY(!updated.object().contains(u"spend"));
        QCOMPARE(updated.object().value(u"token").toString(), simTokenOf(raw));
        const auto withMetadata = c.post(
            u"/key/update"_qs, {{u"key"_qs, raw}, {u"metadata"_qs, QJsonObject{{u"owner"_qs, u"ops"_qs}}}});
        QCOMPARE(withMetadata.object().value(u"metadata").toString(), u"{\"owner\":\"ops\"}"_qs);
        // A soft budget lives in the key's budget row, as /key/info joins it.
        c.post(u"/key/update"_qs, {{u"key"_qs, raw}, {u"soft_budget"_qs, 7.5}});
        const QJsonObject info = c.get(u"/key/info?key="_qs + raw).object().value(u"info").toObject();
        QVERIFY(!info.contains(u"soft_budget"));
        QCOMPARE(info.value(u"litellm_budget_table").toObject().value(u"soft_budget").toDouble(), 7.5);
        QCOMPARE(c.get(u"/key/info?key="_qs + raw)
                     .object()
                     .value(u"info")
                     .toObject()
                     .value(u"key_alias")
                     .toString(),
                 u"ci-bot"_qs); // not sent, not changed
        const auto missing = c.post(u"/key/update"_qs, {{u"key"_qs, u"sk-missing"_qs}});
        QCOMPARE(missing.status, 404);
        QVERIFY(missing.errorMessage().contains(u"Team not found"_qs));

        QCOMPARE(c.post(u"/key/delete"_qs, {}).status, 422);
        const auto deleted = c.post(u"/key/delete"_qs, {{u"key_aliases"_qs, QJsonArray{u"ci-bot"_qs}}});
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.object().value(u"deleted_keys").toArray(), QJsonArray{u"ci-bot"_qs});
        QCOMPARE(c.get(u"/key/info?key="_qs + raw).status, 404);
        QCOMPARE(c.post(u"/key/delete"_qs, {{u"keys"_qs, QJsonArray{raw}}}).status, 404);
        const auto gone = c.get(u"/key/list?status=deleted&return_full_object=true"_qs).object();
        QCOMPARE(gone.value(u"total_count").toInt(), 1);
        QVERIFY(gone.value(u"keys").toArray().first().toObject().contains(u"deleted_at"));
        QCOMPARE(c.get(u"/key/list"_qs).object().value(u"total_count").toInt(), 300);
        // the alias is free again
        QCOMPARE(c.post(u"/key/generate"_qs, {{u"key_alias"_qs, u"ci-bot"_qs}}).status, 200);
    }

    void regenerateNeedsEnterprise_data() {
        QTest::addColumn<bool>("enterprise");
        QTest::addColumn<QString>("path");
        QTest::newRow("no licence, body") << false << u"/key/regenerate"_qs;
        QTest::newRow("no licence, path") << false << u"/key/{key}/regenerate"_qs;
        QTest::newRow("enterprise, body") << true << u"/key/regenerate"_qs;
        QTest::newRow("enterprise, path") << true << u"/key/{key}/regenerate"_qs;
    }

    void regenerateNeedsEnterprise() {
        QFETCH(bool, enterprise);
        QFETCH(QString, path);
        SimOptions o;
        o.keys = 20;
        o.enterprise = enterprise;
        Simulator sim(o);
        QVERIFY(sim.listen());
        SimClient c(sim);
        const QString raw = sim.data().keys().baseRawKey(3);
        const QString oldHash = simTokenOf(raw);
        const auto a = c.post(QString(path).replace(u"{key}"_qs, oldHash),
                              {{u"key"_qs, raw}, {u"grace_period"_qs, u"24h"_qs}});
        if (!enterprise) {
            QCOMPARE(a.status, 403);
            QVERIFY(a.errorMessage().contains(u"Enterprise"_qs));
            return;
        }
        QCOMPARE(a.status, 200);
        const QString newRaw = a.object().value(u"key").toString();
        QVERIFY(newRaw.startsWith(u"sk-") && newRaw != raw);
        QCOMPARE(a.object().value(u"token_id").toString(), simTokenOf(newRaw));
        QCOMPARE(c.get(u"/key/info?key="_qs + oldHash).status, 404);
        QCOMPARE(c.get(u"/key/info?key="_qs + newRaw).status, 200);
    }

    void resetSpend() {
        SimClient c(*m_sim);
        SimKeyQuery q;
        q.sortBy = u"spend"_qs;
        const SimKey top = m_sim->data().keys().list(q, 0, 1).rows.first();
        const auto a = c.post(u"/key/%1/reset_spend"_qs.arg(top.token), {{u"reset_to"_qs, 0.0}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.object().value(u"previous_spend").toDouble(), top.spend);
        QCOMPARE(a.object().value(u"spend").toDouble(), 0.0);
        QCOMPARE(c.post(u"/key/%1/reset_spend"_qs.arg(top.token), {{u"reset_to"_qs, 5.0}}).status, 400);
    }

    void newUser_data() {
        QTest::addColumn<bool>("dropRole");
        QTest::addColumn<QJsonValue>("autoCreate");
        QTest::addColumn<bool>("expectKey");
        QTest::addColumn<QString>("storedRole");
        QTest::newRow("default mints a key") << false << QJsonValue() << true << u"proxy_admin_viewer"_qs;
        QTest::newRow("auto_create_key false")
            << false << QJsonValue(false) << false << u"proxy_admin_viewer"_qs;
        QTest::newRow("role dropped like the LiteLLM bug")
            << true << QJsonValue(false) << false << u"internal_user"_qs;
    }

    void newUser() {
        QFETCH(bool, dropRole);
        QFETCH(QJsonValue, autoCreate);
        QFETCH(bool, expectKey);
        QFETCH(QString, storedRole);
        SimOptions o;
        o.keys = 30;
        o.dropUserRoleOnNew = dropRole;
        Simulator sim(o);
        QVERIFY(sim.listen());
        SimClient c(sim);
        QJsonObject body{{u"user_id"_qs, u"new-user"_qs},
                         {u"user_email"_qs, u"new@example.com"_qs},
                         {u"user_role"_qs, u"proxy_admin_viewer"_qs}};
        if (!autoCreate.isNull())
            body.insert(u"auto_create_key"_qs, autoCreate);
        const auto a = c.post(u"/user/new"_qs, body);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.object().value(u"user_id").toString(), u"new-user"_qs);
        const QString raw = a.object().value(u"key").toString();
        QCOMPARE(raw.startsWith(u"sk-"), expectKey);
        const auto keys = c.get(u"/key/list?user_id=new-user"_qs).object();
        QCOMPARE(keys.value(u"total_count").toInt(), expectKey ? 1 : 0);
        const auto info = c.get(u"/user/info?user_id=new-user"_qs).object();
        QCOMPARE(info.value(u"user_info").toObject().value(u"user_role").toString(), storedRole);
        QCOMPARE(info.value(u"keys").toArray().size(), expectKey ? 1 : 0);
        QCOMPARE(c.post(u"/user/new"_qs, body).status, 409);
        QCOMPARE(c.post(u"/user/new"_qs, {{u"user_email"_qs, u"NEW@example.com"_qs}}).status, 409);
        const auto updated = c.post(
            u"/user/update"_qs, {{u"user_id"_qs, u"new-user"_qs}, {u"user_role"_qs, u"internal_user"_qs}});
        QCOMPARE(updated.object().value(u"data").toObject().value(u"user_role").toString(),
                 u"internal_user"_qs);
    }

    // Team membership through the user routes, as LiteLLM does it: /user/new joins the teams it names,
    // /user/update drops a teams field, and /user/delete removes the user from its teams from v1.75 on.
    void userRoutesAndTeams_data() {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("removed");
        QTest::newRow("1.74.3 keeps the member") << u"1.74.3"_qs << false;
        QTest::newRow("1.75.0 removes it") << u"1.75.0"_qs << true;
        QTest::newRow("newest removes it") << u"newest"_qs << true;
    }
    void userRoutesAndTeams() {
        QFETCH(QString, version);
        QFETCH(bool, removed);
        SimOptions o = *SimOptions::forVersion(version);
        o.keys = 30;
        Simulator sim(o);
        QVERIFY(sim.listen());
        SimClient c(sim);
        const QString first = sim.data().teams().at(0).teamId;
        const QString second = sim.data().teams().at(1).teamId;
        const auto members = [&](const QString &team) {
            QStringList ids;
            for (const auto &m : c.get(u"/team/info?team_id="_qs + team)
                                     .object()
                                     .value(u"team_info")
                                     .toObject()
                                     .value(u"members_with_roles")
                                     .toArray())
                ids << m.toObject().value(u"user_id").toString();
            return ids;
        };
        QCOMPARE(c.post(u"/user/new"_qs, {{u"user_id"_qs, u"joiner"_qs},
                                          {u"teams"_qs, QJsonArray{first}},
                                          {u"auto_create_key"_qs, false}})
                     .status,
                 200);
        QVERIFY(members(first).contains(u"joiner"_qs));
        QCOMPARE(
            c.post(u"/user/update"_qs, {{u"user_id"_qs, u"joiner"_qs}, {u"teams"_qs, QJsonArray{second}}})
                .status,
            200);
        QVERIFY(!members(second).contains(u"joiner"_qs));
        const auto info = c.get(u"/user/info?user_id=joiner"_qs).object().value(u"user_info").toObject();
        QCOMPARE(info.value(u"teams").toArray(), QJsonArray{first});
        QCOMPARE(c.post(u"/user/delete"_qs, {{u"user_ids"_qs, QJsonArray{u"joiner"_qs}}}).status, 200);
        QCOMPARE(members(first).contains(u"joiner"_qs), !removed);
    }

    void userList() {
        SimClient c(*m_sim);
        const auto a = c.get(u"/user/list?page_size=10&sort_by=user_email&sort_order=asc"_qs).object();
        QCOMPARE(a.value(u"total").toInt(), 30);
        QCOMPARE(a.value(u"total_pages").toInt(), 3);
        const QJsonArray users = a.value(u"users").toArray();
        QCOMPARE(users.size(), 10);
        for (qsizetype i = 1; i < users.size(); ++i)
            QVERIFY(users.at(i - 1).toObject().value(u"user_email").toString() <=
                    users.at(i).toObject().value(u"user_email").toString());
        qint64 keyCount = 0;
        for (int p = 1; p <= 3; ++p)
            for (const auto &u :
                 c.get(u"/user/list?page_size=10&page=%1"_qs.arg(p)).object().value(u"users").toArray())
                keyCount += u.toObject().value(u"key_count").toInteger();
        QVERIFY(keyCount > 200 && keyCount <= 300); // some keys belong to no user
        QCOMPARE(c.get(u"/user/list?page_size=101"_qs).status, 422);
    }

    void teamListShapes() {
        SimClient c(*m_sim);
        const auto plain = c.get(u"/team/list"_qs);
        QCOMPARE(plain.status, 200);
        QVERIFY(QJsonDocument::fromJson(plain.body).isArray());
        QCOMPARE(plain.array().size(), 6);
        const QJsonObject team = plain.array().first().toObject();
        QVERIFY(team.value(u"team_memberships").isArray());
        QVERIFY(team.value(u"keys").isArray());
        QVERIFY(team.value(u"members_with_roles").isArray());
        const auto v2 = c.get(u"/v2/team/list?page_size=4"_qs).object();
        QCOMPARE(v2.value(u"total").toInt(), 6);
        QCOMPARE(v2.value(u"total_pages").toInt(), 2);
        QCOMPARE(v2.value(u"teams").toArray().size(), 4);
        const auto info = c.get(u"/team/info?team_id="_qs + team.value(u"team_id").toString()).object();
        QCOMPARE(info.value(u"team_info").toObject().value(u"team_alias"), team.value(u"team_alias"));

        SimOptions o;
        o.v2TeamList = false;
        Simulator old(o);
        QVERIFY(old.listen());
        SimClient oc(old);
        QCOMPARE(oc.get(u"/v2/team/list"_qs).status, 404);
    }

    // /team/info's key_limit (v1.95 on): at most that many keys, at least 1; older proxies ignore it.
    void teamInfoKeyLimitFollowsTheVersion() {
        for (const QString &version : {u"1.94.0"_qs, u"1.95.0"_qs}) {
            SimOptions o = *SimOptions::forVersion(version);
            o.keys = 200;
            Simulator sim(o);
            QVERIFY(sim.listen());
            SimClient c(sim);
            const QString team = sim.data().teams().first().teamId;
            const int all = c.get(u"/team/info?team_id="_qs + team).object().value(u"keys").toArray().size();
            QVERIFY(all > 2);
            const auto one = c.get(u"/team/info?key_limit=1&team_id="_qs + team);
            QCOMPARE(one.status, 200);
            QCOMPARE(one.object().value(u"keys").toArray().size(), o.teamInfoKeyLimit ? 1 : all);
            QCOMPARE(one.object().value(u"team_memberships").toArray().size(),
                     sim.data().teams().first().members.size());
            QCOMPARE(c.get(u"/team/info?key_limit=0&team_id="_qs + team).status,
                     o.teamInfoKeyLimit ? 422 : 200);
        }
    }

    // The demo's teams are worth looking at: most members own keys in their team (so their spend in the
    // team is not zero), and some members, teams and users have budgets.
    void membersSpendInTheirTeams() {
        SimOptions o;
        SimDataset data(o);
        int members = 0, spending = 0, memberBudgets = 0;
        for (const SimTeam &t : data.teams())
            for (const SimMember &m : t.members) {
                ++members;
                spending += data.memberTotals(t.teamId, m.userId).spend > 0;
                memberBudgets += m.maxBudgetInTeam.has_value();
            }
        QVERIFY2(spending * 4 >= members * 3, qPrintable(u"%1 of %2"_qs.arg(spending).arg(members)));
        QVERIFY(memberBudgets > 0);
    }

    void dataIsDeterministic() {
        SimOptions o;
        o.keys = 50;
        o.seed = 7;
        SimDataset a(o), b(o);
        for (qint64 i = 0; i < 50; ++i)
            QCOMPARE(a.keys().key(i).toJson(), b.keys().key(i).toJson());
        o.seed = 8;
        SimDataset c(o);
        QVERIFY(a.keys().key(0).toJson() != c.keys().key(0).toJson());
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_Simulator.moc"
