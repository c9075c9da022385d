// litellm-deskctl roles: the roles file a script changes, checked through the CLI and on disk.
#include "DeskctlRun.h"

#include "core/roles/Role.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QString kUrl = QStringLiteral("http://127.0.0.1:4999");
const QString kOtherUrl = QStringLiteral("http://127.0.0.1:5999");

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestDeskctlRoles : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_config;

    QString rolesFile() const { return m_config->filePath(QStringLiteral("roles.json")); }

    // Roles need no key and no request: only the URL that scopes them.
    DeskctlRun roles(const QStringList &arguments, const QString &url = kUrl) const {
        QProcessEnvironment env = DeskctlRun::environment(url);
        env.insert(QStringLiteral("LITELLM_DESK_CONFIG_DIR"), m_config->path());
        return DeskctlRun::run(QStringList{u"roles"_qs} + arguments, env);
    }

    QJsonArray listJson(const QString &url = kUrl) const {
        const auto r = roles({u"list"_qs, u"--format"_qs, u"json"_qs}, url);
        return r.exitCode == 0 ? QJsonDocument::fromJson(r.out).array() : QJsonArray{{u"list failed"_qs}};
    }

    QJsonObject showJson(const QString &name) const {
        const auto r = roles({u"show"_qs, name, u"--format"_qs, u"json"_qs});
        return r.exitCode == 0 ? QJsonDocument::fromJson(r.out).object() : QJsonObject{};
    }

    static QStringList analyticsOptions() {
        return {u"--models"_qs,
                u"gpt-4o,gpt-4o-mini"_qs,
                u"--max-budget"_qs,
                u"20"_qs,
                u"--budget-duration"_qs,
                u"30d"_qs,
                u"--ttl"_qs,
                u"1h"_qs,
                u"--max-ttl"_qs,
                u"3h"_qs,
                u"--alias-prefix"_qs,
                u"ci"_qs,
                u"--metadata"_qs,
                u"cost_center=42"_qs,
                u"--metadata"_qs,
                u"owner=data"_qs,
                u"--rpm"_qs,
                u"60"_qs,
                u"--tpm"_qs,
                u"100000"_qs,
                u"--max-parallel"_qs,
                u"4"_qs,
                u"--team"_qs,
                u"team-1"_qs,
                u"--teams"_qs,
                u"team-1,team-2"_qs};
    }

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(QStringLiteral(DESKCTL_PATH)), DESKCTL_PATH); }

    void init() {
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
    }

    void writeListShowAndDelete() {
        auto r = roles(QStringList{u"write"_qs, u"Analytics"_qs} + analyticsOptions());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.outText().contains(u"Created role \"analytics\""));

        const QJsonArray list = listJson();
        QCOMPARE(list.size(), 1);
        const QJsonObject role = showJson(u"analytics"_qs);
        QCOMPARE(list.first().toObject(), role);
        QCOMPARE(role.value(u"name").toString(), u"analytics"_qs);
        QCOMPARE(role.value(u"models").toArray(), (QJsonArray{u"gpt-4o"_qs, u"gpt-4o-mini"_qs}));
        QCOMPARE(role.value(u"max_budget").toDouble(), 20.0);
        QCOMPARE(role.value(u"budget_duration").toString(), u"30d"_qs);
        QCOMPARE(role.value(u"ttl").toString(), u"1h"_qs);
        QCOMPARE(role.value(u"max_ttl").toString(), u"3h"_qs);
        QCOMPARE(role.value(u"key_alias_prefix").toString(), u"ci"_qs);
        QCOMPARE(role.value(u"metadata").toObject(),
                 (QJsonObject{{u"cost_center"_qs, u"42"_qs}, {u"owner"_qs, u"data"_qs}}));
        QCOMPARE(role.value(u"rpm_limit").toInt(), 60);
        QCOMPARE(role.value(u"tpm_limit").toInt(), 100000);
        QCOMPARE(role.value(u"max_parallel_requests").toInt(), 4);
        QCOMPARE(role.value(u"team_id").toString(), u"team-1"_qs);
        QCOMPARE(role.value(u"teams").toArray(), (QJsonArray{u"team-1"_qs, u"team-2"_qs}));

        r = roles({u"list"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(u"analytics") && r.outText().contains(u"gpt-4o,gpt-4o-mini"));
        r = roles({u"show"_qs, u"analytics"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(u"cost_center=42"));

        // Writing again changes only what is given.
        r = roles({u"write"_qs, u"analytics"_qs, u"--max-budget"_qs, u"35"_qs, u"--metadata"_qs, u"owner="_qs,
                   u"--rpm"_qs, u""_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.outText().contains(u"Updated role"));
        QJsonObject expected = role;
        expected.insert(u"max_budget"_qs, 35.0);
        expected.insert(u"metadata"_qs, QJsonObject{{u"cost_center"_qs, u"42"_qs}});
        expected.insert(u"rpm_limit"_qs, QJsonValue());
        QCOMPARE(showJson(u"analytics"_qs), expected);

        // Roles belong to one proxy.
        QCOMPARE(listJson(kOtherUrl).size(), 0);

        r = roles({u"delete"_qs, u"analytics"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(listJson().size(), 0);
        r = roles({u"show"_qs, u"analytics"_qs});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errText().contains(u"there is no role named \"analytics\""));
        QCOMPARE(roles({u"delete"_qs, u"analytics"_qs}).exitCode, 2);
    }

    void invalidRoleExitsTwoAndWritesNothing_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        Role longTtl;
        longTtl.name = u"analytics"_qs;
        longTtl.ttl = *Duration::parse(u"5h"_qs);
        longTtl.maxTtl = *Duration::parse(u"3h"_qs);
        // The same words as the role editor, which shows validateRole's messages.
        QTest::newRow("TTL above the maximum")
            << QStringList{u"--ttl"_qs, u"5h"_qs} << validateRole(longTtl).first().message;
        QTest::newRow("negative budget")
            << QStringList{u"--max-budget"_qs, u"-1"_qs} << u"the budget cannot be negative or infinite."_qs;
        // An infinite budget is no budget: never stored as unlimited.
        QTest::newRow("infinite budget")
            << QStringList{u"--max-budget"_qs, u"inf"_qs} << u"the budget cannot be negative or infinite."_qs;
        QTest::newRow("negative Vault TTL")
            << QStringList{u"--ttl"_qs, u"-1h"_qs} << u"A TTL cannot be negative"_qs;
        QTest::newRow("zero budget period") << QStringList{u"--budget-duration"_qs, u"0d"_qs}
                                            << u"The budget period must be longer than zero."_qs;
        QTest::newRow("alias prefix with a space")
            << QStringList{u"--alias-prefix"_qs, u"a b"_qs} << u"The alias prefix must be 1 to 32"_qs;
        QTest::newRow("negative RPM")
            << QStringList{u"--rpm"_qs, u"-5"_qs} << u"The RPM limit cannot be negative."_qs;
        QTest::newRow("not a duration")
            << QStringList{u"--ttl"_qs, u"5 parsecs"_qs} << u"is not a duration"_qs;
        QTest::newRow("metadata without =")
            << QStringList{u"--metadata"_qs, u"owner"_qs} << u"Metadata must be written key=value"_qs;
        QTest::newRow("budget not a number")
            << QStringList{u"--max-budget"_qs, u"lots"_qs} << u"--max-budget expects a number"_qs;
    }

    void invalidRoleExitsTwoAndWritesNothing() {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        QVERIFY(roles(QStringList{u"write"_qs, u"analytics"_qs} + analyticsOptions()).exitCode == 0);
        const QByteArray before = readAll(rolesFile());
        QVERIFY(!before.isEmpty());

        const auto r = roles(QStringList{u"write"_qs, u"analytics"_qs} + options);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(message), r.err.constData());
        QCOMPARE(r.errText().count(u'\n'), 1);
        QCOMPARE(readAll(rolesFile()), before);
    }

    void invalidNameWritesNoFile() {
        const auto r = roles({u"write"_qs, u"data team!"_qs});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(u"\"data team!\" is not a valid role name"), r.err.constData());
        QVERIFY(!QFile::exists(rolesFile()));
    }

    void importOurExportAndVault() {
        // Our own export format, two roles.
        const QString ours = m_config->filePath(u"ours.json"_qs);
        QVERIFY(writeFile(ours, R"({"version": 1, "roles": [
            {"name": "ci", "models": ["gpt-4o-mini"], "max_budget": 5, "ttl": "1d", "max_ttl": "7d"},
            {"name": "support", "max_budget": 0, "teams": ["team-3"]}]})"));
        auto r = roles({u"import"_qs, ours});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.outText().contains(u"ci, support"));
        QCOMPARE(listJson().size(), 2);
        QCOMPARE(showJson(u"ci"_qs).value(u"ttl").toString(), u"1d"_qs);

        // `vault read -format=json litellm/roles/batch`: TTLs in seconds, no name inside.
        const QString vault = m_config->filePath(u"vault.json"_qs);
        QVERIFY(writeFile(vault,
                          R"({"request_id": "4b1c", "lease_id": "", "lease_duration": 0, "renewable": false,
            "data": {"ttl": 3600, "max_ttl": 86400, "models": ["gpt-4o"], "max_budget": 12.5,
                     "metadata": {"source": "vault"}}, "warnings": null})"));
        r = roles({u"import"_qs, vault});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(u"--name"), r.err.constData());
        r = roles({u"import"_qs, vault, u"--name"_qs, u"batch"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject batch = showJson(u"batch"_qs);
        QCOMPARE(batch.value(u"ttl").toString(), u"1h"_qs);
        QCOMPARE(batch.value(u"max_ttl").toString(), u"1d"_qs);
        QCOMPARE(batch.value(u"models").toArray(), QJsonArray{u"gpt-4o"_qs});
        QCOMPARE(batch.value(u"max_budget").toDouble(), 12.5);
        // Vault's default prefix, so keys from Vault and from the desk are recognised the same way.
        QCOMPARE(batch.value(u"key_alias_prefix").toString(), u"vault"_qs);
        QCOMPARE(listJson().size(), 3);

        // Vault's Go durations keep their TTL.
        QVERIFY(writeFile(vault, R"({"data": {"ttl": "1h30m", "max_ttl": "2h45m30s", "models": []}})"));
        r = roles({u"import"_qs, vault, u"--name"_qs, u"nightly"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(showJson(u"nightly"_qs).value(u"ttl").toString(), u"90m"_qs);
        QCOMPARE(showJson(u"nightly"_qs).value(u"max_ttl").toString(), u"9930s"_qs);
        QCOMPARE(listJson().size(), 4);

        // One bad role in a file: nothing of it is imported.
        const QByteArray before = readAll(rolesFile());
        const QString bad = m_config->filePath(u"bad.json"_qs);
        QVERIFY(writeFile(
            bad, R"({"roles": [{"name": "fine"}, {"name": "worse", "ttl": "2d", "max_ttl": "1d"}]})"));
        r = roles({u"import"_qs, bad});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(u"role \"worse\""), r.err.constData());
        QCOMPARE(readAll(rolesFile()), before);
        QCOMPARE(roles({u"import"_qs, m_config->filePath(u"missing.json"_qs)}).exitCode, 1);
    }

    void importNeverWidensARole_data() {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("field");
        QTest::newRow("models a number") << QByteArray(R"("models": 7)") << u"models"_qs;
        QTest::newRow("models null") << QByteArray(R"("models": null)") << u"models"_qs;
        QTest::newRow("budget true") << QByteArray(R"("max_budget": true)") << u"max_budget"_qs;
        QTest::newRow("ttl -3600") << QByteArray(R"("ttl": -3600)") << u"ttl"_qs;
        QTest::newRow("ttl [1]") << QByteArray(R"("ttl": [1])") << u"ttl"_qs;
        QTest::newRow("ttl abc") << QByteArray(R"("ttl": "abc")") << u"ttl"_qs;
        QTest::newRow("ttl 2^63") << QByteArray(R"("ttl": 9223372036854775808)") << u"ttl"_qs;
        QTest::newRow("ttl -1h") << QByteArray(R"("ttl": "-1h")") << u"ttl"_qs;
        QTest::newRow("ttl 1e30") << QByteArray(R"("ttl": 1e30)") << u"ttl"_qs;
    }

    void importNeverWidensARole() {
        QFETCH(QByteArray, data);
        QFETCH(QString, field);
        const QString vault = m_config->filePath(u"vault.json"_qs);
        QVERIFY(writeFile(vault, "{\"data\": {\"models\": [\"gpt-4o\"], " + data + "}}"));
        const auto r = roles({u"import"_qs, vault, u"--name"_qs, u"batch"_qs});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(field + u": "), r.err.constData());
        QVERIFY2(r.errText().contains(u"Nothing was imported"), r.err.constData());
        QVERIFY(!QFile::exists(rolesFile()));
    }

    void exportAndImportElsewhere() {
        QVERIFY(roles(QStringList{u"write"_qs, u"analytics"_qs} + analyticsOptions()).exitCode == 0);
        QVERIFY(roles({u"write"_qs, u"ci"_qs, u"--ttl"_qs, u"1d"_qs}).exitCode == 0);
        QVERIFY(roles({u"write"_qs, u"support"_qs}).exitCode == 0);

        const QString file = m_config->filePath(u"export.json"_qs);
        auto r = roles({u"export"_qs, file, u"analytics"_qs, u"ci"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject exported = QJsonDocument::fromJson(readAll(file)).object();
        QCOMPARE(exported.value(u"version").toInt(), 1);
        QCOMPARE(exported.value(u"roles").toArray().size(), 2);

        r = roles({u"export"_qs, u"-"_qs});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(u"roles").toArray(), listJson());

        QCOMPARE(roles({u"export"_qs, file, u"nosuchrole"_qs}).exitCode, 2);

        // Into another proxy's scope: the same roles, field for field.
        r = roles({u"import"_qs, file}, kOtherUrl);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(listJson(kOtherUrl), exported.value(u"roles").toArray());
    }
};

QTEST_GUILESS_MAIN(TestDeskctlRoles)
#include "tst_DeskctlRoles.moc"
