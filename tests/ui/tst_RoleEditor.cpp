// The role form validates as the user types: a message beside the offending field, Save only when valid.
#include "ui/roles/RoleEditor.h"

#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(Role)

namespace {

Role validRole() {
    Role r;
    r.name = QStringLiteral("analytics");
    r.models = {QStringLiteral("gpt-4o")};
    r.maxBudget = 20;
    r.ttl = *Duration::parse(QStringLiteral("1h"));
    r.maxTtl = *Duration::parse(QStringLiteral("3h"));
    return r;
}

} // namespace

class TestRoleEditor : public QObject {
    Q_OBJECT
private slots:
    void showsTheErrorAsYouType_data();
    void showsTheErrorAsYouType();
    void savesWhatWasTyped();
    void knownModelsAreCheckable();
    void teamsAreOfferedByAlias();
    void newRoleNeedsAName();

private:
    template <typename T> static T *child(QWidget &w, const QString &name) {
        auto *c = w.findChild<T *>(name);
        if (!c)
            qFatal("no child %s", qPrintable(name));
        return c;
    }
};

void TestRoleEditor::showsTheErrorAsYouType_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("bad");
    QTest::addColumn<QString>("errorField");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("good");
    QTest::newRow("ttl above max_ttl") << "field_ttl"
                                       << "5h"
                                       << "ttl"
                                       << "longer than the maximum TTL"
                                       << "2h";
    QTest::newRow("max_ttl below ttl") << "field_max_ttl"
                                       << "30m"
                                       << "ttl"
                                       << "longer than the maximum TTL"
                                       << "1d";
    QTest::newRow("bad name") << "field_name"
                              << "Bad Name!"
                              << "name"
                              << "not a valid role name"
                              << "good-name";
    QTest::newRow("name ending in a dash") << "field_name"
                                           << "ops-"
                                           << "name"
                                           << "not a valid role name"
                                           << "ops";
    QTest::newRow("negative budget") << "field_max_budget"
                                     << "-5"
                                     << "max_budget"
                                     << "cannot be negative"
                                     << "5";
    QTest::newRow("budget that is not a number") << "field_max_budget"
                                                 << "ten"
                                                 << "max_budget"
                                                 << "not an amount"
                                                 << "10";
    QTest::newRow("ttl that is not a duration") << "field_ttl"
                                                << "1 hour"
                                                << "ttl"
                                                << "not a duration"
                                                << "45m";
    QTest::newRow("negative rpm") << "field_rpm_limit"
                                  << "-1"
                                  << "rpm_limit"
                                  << "cannot be negative"
                                  << "60";
    QTest::newRow("tpm that is not a number") << "field_tpm_limit"
                                              << "lots"
                                              << "tpm_limit"
                                              << "not a whole number"
                                              << "";
    QTest::newRow("alias prefix with a space") << "field_key_alias_prefix"
                                               << "my desk"
                                               << "key_alias_prefix"
                                               << "alias prefix"
                                               << "ci";
}

void TestRoleEditor::showsTheErrorAsYouType() {
    QFETCH(QString, input);
    QFETCH(QString, bad);
    QFETCH(QString, errorField);
    QFETCH(QString, message);
    QFETCH(QString, good);

    RoleEditor editor;
    editor.setRole(validRole(), false);
    editor.show();
    auto *save = child<QPushButton>(editor, QStringLiteral("saveButton"));
    auto *error = child<QLabel>(editor, QStringLiteral("error_") + errorField);
    auto *edit = child<QLineEdit>(editor, input);
    QVERIFY(error->text().isEmpty());
    QVERIFY(!save->isEnabled()); // nothing changed yet

    edit->selectAll();
    QTest::keyClicks(edit, bad);
    QTRY_VERIFY(!error->text().isEmpty());
    QVERIFY2(error->text().contains(message), qPrintable(error->text()));
    QVERIFY(!save->isEnabled());
    // Only that field complains.
    for (auto *other : editor.findChildren<QLabel *>(QRegularExpression(QStringLiteral("^error_"))))
        if (other != error)
            QVERIFY2(other->text().isEmpty(), qPrintable(other->objectName() + u' ' + other->text()));

    edit->selectAll();
    if (good.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
    else
        QTest::keyClicks(edit, good);
    QTRY_VERIFY(error->text().isEmpty());
    QVERIFY(save->isEnabled());
}

void TestRoleEditor::savesWhatWasTyped() {
    RoleEditor editor;
    editor.setRole(validRole(), false);
    editor.show();
    QSignalSpy saved(&editor, &RoleEditor::saved);
    auto *name = child<QLineEdit>(editor, QStringLiteral("field_name"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("reporting"));
    auto *metadata = child<QPlainTextEdit>(editor, QStringLiteral("field_metadata"));
    QTest::keyClicks(metadata, QStringLiteral("cost_center=42"));
    QTest::keyClick(metadata, Qt::Key_Return);
    QTest::keyClicks(metadata, QStringLiteral("owner=data"));
    QTest::keyClicks(child<QLineEdit>(editor, QStringLiteral("field_teams")),
                     QStringLiteral("team-2, team-1"));
    QTest::keyClicks(child<QLineEdit>(editor, QStringLiteral("field_max_parallel_requests")),
                     QStringLiteral("4"));
    QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("saveButton")), Qt::LeftButton);
    QCOMPARE(saved.count(), 1);
    const Role r = saved.first().at(0).value<Role>();
    QCOMPARE(saved.first().at(1).toString(), QStringLiteral("analytics")); // a rename
    QCOMPARE(r.name, QStringLiteral("reporting"));
    QCOMPARE(r.metadata.value(QStringLiteral("owner")), QStringLiteral("data"));
    QCOMPARE(r.teams, (QStringList{QStringLiteral("team-2"), QStringLiteral("team-1")}));
    QCOMPARE(r.maxParallelRequests, std::optional<qint64>(4));
    QCOMPARE(r.maxBudget, 20.0);
    QCOMPARE(r.ttl.toString(), QStringLiteral("1h"));
    QVERIFY(!r.tpmLimit.has_value());

    // A metadata line without '=' is reported under the metadata field.
    QTest::keyClick(metadata, Qt::Key_Return);
    QTest::keyClicks(metadata, QStringLiteral("junk"));
    QTRY_VERIFY(!child<QLabel>(editor, QStringLiteral("error_metadata"))->text().isEmpty());
    QVERIFY(!child<QPushButton>(editor, QStringLiteral("saveButton"))->isEnabled());
}

void TestRoleEditor::knownModelsAreCheckable() {
    RoleEditor editor;
    editor.setKnownModels({QStringLiteral("gpt-4o"), QStringLiteral("claude-3-5-sonnet")});
    Role r = validRole();
    r.models << QStringLiteral("retired-model");
    editor.setRole(r, false);
    editor.show();
    auto *list = child<QListWidget>(editor, QStringLiteral("field_models"));
    QVERIFY(list->isVisible());
    QVERIFY(!child<QLineEdit>(editor, QStringLiteral("field_models_text"))->isVisible());
    QCOMPARE(list->count(), 3);
    auto *error = child<QLabel>(editor, QStringLiteral("error_models"));
    QVERIFY(!error->text().isEmpty()); // the proxy has no "retired-model"
    QVERIFY(error->text().contains(u"retired-model"));
    list->item(2)->setCheckState(Qt::Unchecked);
    list->item(1)->setCheckState(Qt::Checked);
    QVERIFY(error->text().isEmpty());
    QVERIFY(child<QPushButton>(editor, QStringLiteral("saveButton"))->isEnabled());
    QCOMPARE(editor.role().models,
             (QStringList{QStringLiteral("gpt-4o"), QStringLiteral("claude-3-5-sonnet")}));
}

// The proxy's teams complete by alias; an alias typed is kept as the team's id, an id stays an id.
void TestRoleEditor::teamsAreOfferedByAlias() {
    RoleEditor editor;
    editor.setRole(validRole(), false);
    editor.setKnownTeams({{QStringLiteral("5b47c700-0379"), QStringLiteral("platform-frontend")},
                          {QStringLiteral("a3cfc487-62c5"), QStringLiteral("search")}});
    editor.show();
    auto *team = child<QLineEdit>(editor, QStringLiteral("field_team_id"));
    QVERIFY(team->completer());
    team->completer()->setCompletionPrefix(QStringLiteral("front"));
    QCOMPARE(team->completer()->currentCompletion(), QStringLiteral("platform-frontend"));
    team->clear();
    QTest::keyClicks(team, QStringLiteral("Platform-Frontend"));
    auto *teams = child<QLineEdit>(editor, QStringLiteral("field_teams"));
    teams->clear();
    QTest::keyClicks(teams, QStringLiteral("search, team-9"));
    const Role r = editor.role();
    QCOMPARE(r.teamId, QStringLiteral("5b47c700-0379"));
    QCOMPARE(r.teams, (QStringList{QStringLiteral("a3cfc487-62c5"), QStringLiteral("team-9")}));
}

void TestRoleEditor::newRoleNeedsAName() {
    RoleEditor editor;
    editor.setRole(Role{}, true);
    editor.show();
    QSignalSpy saved(&editor, &RoleEditor::saved);
    auto *save = child<QPushButton>(editor, QStringLiteral("saveButton"));
    QVERIFY(!child<QLabel>(editor, QStringLiteral("error_name"))->text().isEmpty());
    QVERIFY(!save->isEnabled());
    QTest::keyClicks(child<QLineEdit>(editor, QStringLiteral("field_name")), QStringLiteral("ci"));
    QTRY_VERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.first().at(1).toString(), QString()); // new
    QCOMPARE(saved.first().at(0).value<Role>().keyAliasPrefix, QStringLiteral("desk"));
}

QTEST_MAIN(TestRoleEditor)
#include "tst_RoleEditor.moc"
