#include "core/roles/RoleStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QTemporaryDir>
#include <QTest>

class TestRoleStore : public QObject {
    Q_OBJECT
private slots:
    void init();
    void putReadBackAndScopes();
    void invalidRoleWritesNothing();
    void renameAndDuplicate();
    void removeUnknownSaysSo();
    void corruptFileIsKeptAside();
    void newerVersionIsLeftAlone();
    void lockHeldElsewhereFailsCleanly();
    void seesChangesFromAnotherWriter();
    void importExport();
    void importVault();
    void roleThatDoesNotReadIsNeverWidened();

private:
    QTemporaryDir m_dir;
    QString m_path;
    static Role role(const QString &name) {
        Role r;
        r.name = name;
        r.maxBudget = 5;
        r.ttl = *Duration::parse(QStringLiteral("1h"));
        return r;
    }
};

void TestRoleStore::init() {
    static int n = 0;
    m_path = m_dir.filePath(QStringLiteral("case%1/roles.json").arg(++n));
}

void TestRoleStore::putReadBackAndScopes() {
    RoleStore store(m_path);
    QVERIFY(store.load().ok());
    QVERIFY(store.put(QStringLiteral("prod"), role(QStringLiteral("Reader"))).ok());
    QVERIFY(store.put(QStringLiteral("dev"), role(QStringLiteral("writer"))).ok());
    RoleStore again(m_path);
    QVERIFY(again.load().ok());
    QCOMPARE(again.roles(QStringLiteral("prod")).size(), 1);
    QCOMPARE(again.roles(QStringLiteral("prod")).first().name, QStringLiteral("reader"));
    QVERIFY(again.role(QStringLiteral("dev"), QStringLiteral("WRITER")).has_value());
    QVERIFY(!again.role(QStringLiteral("prod"), QStringLiteral("writer")).has_value());
    const auto doc = [&] {
        QFile f(m_path);
        f.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(f.readAll());
    }();
    QCOMPARE(doc.object().value(u"version").toInt(), RoleStore::kVersion);
    QVERIFY(!QFile::exists(m_path + QStringLiteral(".lock")));
}

void TestRoleStore::invalidRoleWritesNothing() {
    RoleStore store(m_path);
    Role bad = role(QStringLiteral("ok"));
    bad.maxBudget = -3;
    const RoleStoreError invalid = store.put(QStringLiteral("s"), bad);
    QCOMPARE(invalid.kind, RoleStoreError::Kind::InvalidRole);
    QVERIFY(!invalid.isFileProblem());
    QVERIFY(invalid.message.contains(u"negative"));
    QVERIFY(!QFile::exists(m_path));
    QVERIFY(store.put(QStringLiteral("s"), role(QStringLiteral("ok")), {QStringLiteral("gpt-4o")}).ok());
    Role unknownModel = role(QStringLiteral("m"));
    unknownModel.models = {QStringLiteral("nope")};
    QVERIFY(
        store.put(QStringLiteral("s"), unknownModel, {QStringLiteral("gpt-4o")}).message.contains(u"nope"));
}

void TestRoleStore::renameAndDuplicate() {
    RoleStore store(m_path);
    QVERIFY(store.put(QStringLiteral("s"), role(QStringLiteral("a"))).ok());
    QVERIFY(store.put(QStringLiteral("s"), role(QStringLiteral("b"))).ok());
    const RoleStoreError taken =
        store.replace(QStringLiteral("s"), QStringLiteral("a"), role(QStringLiteral("b")));
    QCOMPARE(taken.kind, RoleStoreError::Kind::NameTaken);
    QVERIFY(taken.message.contains(u"already exists"));
    QVERIFY(store.replace(QStringLiteral("s"), QStringLiteral("a"), role(QStringLiteral("c"))).ok());
    QStringList names;
    for (const auto &r : store.roles(QStringLiteral("s")))
        names << r.name;
    QCOMPARE(names, (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
}

void TestRoleStore::removeUnknownSaysSo() {
    RoleStore store(m_path);
    const RoleStoreError missing = store.remove(QStringLiteral("s"), QStringLiteral("ghost"));
    QCOMPARE(missing.kind, RoleStoreError::Kind::NoSuchRole);
    QVERIFY(missing.message.contains(u"no role named"));
    QVERIFY(store.put(QStringLiteral("s"), role(QStringLiteral("a"))).ok());
    QVERIFY(store.remove(QStringLiteral("s"), QStringLiteral("A")).ok());
    QVERIFY(store.roles(QStringLiteral("s")).isEmpty());
}

void TestRoleStore::corruptFileIsKeptAside() {
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    const QByteArray garbage = "{\"version\": 1, \"scopes\": {\"s\": {\"roles\": [ {\"name\": \"lost";
    {
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(garbage);
    }
    RoleStore store(m_path);
    const RoleStoreError error = store.load();
    QCOMPARE(error.kind, RoleStoreError::Kind::FileDamaged);
    QVERIFY(error.isFileProblem());
    QVERIFY2(error.message.contains(u"damaged"), qPrintable(error.message));
    QVERIFY(!store.corruptCopy().isEmpty());
    QVERIFY(error.message.contains(store.corruptCopy()));
    QFile kept(store.corruptCopy());
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), garbage);
    // A new file can be started; the damaged one stays where it was put.
    QVERIFY(store.put(QStringLiteral("s"), role(QStringLiteral("fresh"))).ok());
    QVERIFY(QFile::exists(store.corruptCopy()));
}

void TestRoleStore::newerVersionIsLeftAlone() {
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    const QByteArray future = R"({"version": 99, "scopes": {}})";
    {
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(future);
    }
    RoleStore store(m_path);
    QCOMPARE(store.load().kind, RoleStoreError::Kind::FileNewer);
    const RoleStoreError newer = store.put(QStringLiteral("s"), role(QStringLiteral("a")));
    QCOMPARE(newer.kind, RoleStoreError::Kind::FileNewer);
    QVERIFY(newer.message.contains(u"newer"));
    QFile f(m_path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), future);
}

void TestRoleStore::lockHeldElsewhereFailsCleanly() {
    RoleStore store(m_path);
    QVERIFY(store.put(QStringLiteral("s"), role(QStringLiteral("a"))).ok());
    QLockFile other(m_path + QStringLiteral(".lock"));
    QVERIFY(other.tryLock());
    const RoleStoreError error = store.put(QStringLiteral("s"), role(QStringLiteral("b")));
    QCOMPARE(error.kind, RoleStoreError::Kind::FileBusy);
    QVERIFY2(error.message.contains(u"try again"), qPrintable(error.message));
    other.unlock();
    QVERIFY(store.put(QStringLiteral("s"), role(QStringLiteral("b"))).ok());
}

void TestRoleStore::seesChangesFromAnotherWriter() {
    RoleStore app(m_path), cli(m_path);
    QVERIFY(app.put(QStringLiteral("s"), role(QStringLiteral("from-app"))).ok());
    QVERIFY(cli.put(QStringLiteral("s"), role(QStringLiteral("from-cli"))).ok());
    QVERIFY(app.put(QStringLiteral("s"), role(QStringLiteral("again"))).ok());
    RoleStore reader(m_path);
    reader.load();
    QCOMPARE(reader.roles(QStringLiteral("s")).size(), 3); // no write lost the other's role
}

void TestRoleStore::importExport() {
    RoleStore store(m_path);
    QVERIFY(store.put(QStringLiteral("a"), role(QStringLiteral("one"))).ok());
    QVERIFY(store.put(QStringLiteral("a"), role(QStringLiteral("two"))).ok());
    const QByteArray exported = store.exportJson(QStringLiteral("a"));
    RoleStore other(m_path + QStringLiteral(".2"));
    QStringList names;
    QVERIFY(other.importJson(QStringLiteral("b"), exported, {}, &names).ok());
    QCOMPARE(names, (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
    QCOMPARE(other.exportJson(QStringLiteral("b")), exported);
    // One bad role in an import stores none of them.
    QByteArray bad = exported;
    bad.replace("\"two\"", "\"Bad Name\"");
    const RoleStoreError badName = other.importJson(QStringLiteral("c"), bad, {});
    QCOMPARE(badName.kind, RoleStoreError::Kind::InvalidRole);
    QVERIFY(badName.message.contains(u"not a valid role name"));
    QVERIFY(other.roles(QStringLiteral("c")).isEmpty());
    const RoleStoreError notRoles = other.importJson(QStringLiteral("c"), "[1,2]", {});
    QCOMPARE(notRoles.kind, RoleStoreError::Kind::NotRoles);
    QVERIFY(notRoles.message.contains(u"JSON object"));
}

void TestRoleStore::importVault() {
    const QByteArray vault = R"({"request_id":"5f3c","lease_id":"","renewable":false,"lease_duration":0,
      "data":{"key_alias_prefix":"vault","max_budget":10,"max_ttl":604800,"metadata":{"team":"ml"},
              "models":["gpt-4o"],"ttl":86400},"warnings":null})";
    RoleStore store(m_path);
    const RoleStoreError unnamed = store.importJson(QStringLiteral("s"), vault, {});
    QCOMPARE(unnamed.kind, RoleStoreError::Kind::NeedsName);
    QVERIFY(unnamed.message.contains(u"name"));
    QStringList names;
    QVERIFY(store.importJson(QStringLiteral("s"), vault, QStringLiteral("ml-team"), &names).ok());
    QCOMPARE(names, QStringList{QStringLiteral("ml-team")});
    const auto r = store.role(QStringLiteral("s"), QStringLiteral("ml-team"));
    QVERIFY(r.has_value());
    QCOMPARE(r->ttl.toString(), QStringLiteral("1d"));
    QCOMPARE(r->maxTtl.toString(), QStringLiteral("1w"));
    QCOMPARE(r->metadata.value(QStringLiteral("team")), QStringLiteral("ml"));
}

void TestRoleStore::roleThatDoesNotReadIsNeverWidened() {
    // A hand-edited file whose role has "models": null must not load as an all-models role, and must not
    // be overwritten by the next change either.
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    const QByteArray text =
        R"({"version":1,"scopes":{"s":{"roles":[{"name":"ci","models":null,"ttl":"1h"}]}}})";
    {
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    RoleStore store(m_path);
    const RoleStoreError e = store.load();
    QCOMPARE(e.kind, RoleStoreError::Kind::FileDamaged);
    QVERIFY2(e.message.contains(u"models") && e.message.contains(u"\"ci\""), qPrintable(e.message));
    QVERIFY(store.corruptCopy().isEmpty()); // left where it is, for the user to fix
    QVERIFY(!store.role(QStringLiteral("s"), QStringLiteral("ci")));
    QVERIFY(!store.put(QStringLiteral("s"), role(QStringLiteral("other"))).ok());
    QFile f(m_path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), text);
}

QTEST_GUILESS_MAIN(TestRoleStore)
#include "tst_RoleStore.moc"
