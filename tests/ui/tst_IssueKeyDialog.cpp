// Issuing a key from the dialog against an in-process simulator.
#include "ui/roles/IssueKeyDialog.h"

#include "core/api/Call.h"
#include "core/api/Json.h"
#include "core/api/ProxyClient.h"
#include "sim/Simulator.h"

#include <QClipboard>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

namespace {

Expected<QJsonObject> decodeObject(const QByteArray &body) {
    return json::parseObject(body);
}

Role analyticsRole() {
    Role r;
    r.name = QStringLiteral("analytics");
    r.models = {QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o-mini")};
    r.maxBudget = 20;
    r.ttl = *Duration::parse(QStringLiteral("1h"));
    r.maxTtl = *Duration::parse(QStringLiteral("3h"));
    return r;
}

Role teamRole() {
    Role r;
    r.name = QStringLiteral("support");
    r.teamId = QStringLiteral("team-1");
    r.ttl = *Duration::parse(QStringLiteral("7d"));
    return r;
}

} // namespace

class TestIssueKeyDialog : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void previewShowsTheExactRequest();
    void aBudgetAboveTheRolesIsKeptAndRefused_data();
    void aBudgetAboveTheRolesIsKeptAndRefused();
    void errorsMoveNothingInTheForm();
    void teamIsFixedWhenTheRoleFixesIt();
    void modelsBeyondTheRoleCannotBeChosen();
    void fieldErrorsDisableIssue_data();
    void fieldErrorsDisableIssue();
    void issuedKeyIsShownOnceAndAuthenticates();
    void proxyErrorIsShownInTheBanner();
    void aKeyCreatedUnseenIsOfferedForRevoking();

private:
    template <typename T> T *child(const QString &name) const {
        auto *c = m_dialog->findChild<T *>(name);
        if (!c)
            qFatal("no child %s", qPrintable(name));
        return c;
    }
    QJsonObject preview() const {
        return QJsonDocument::fromJson(
                   child<QPlainTextEdit>(QStringLiteral("preview"))->toPlainText().toUtf8())
            .object();
    }

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
    std::unique_ptr<IssueKeyDialog> m_dialog;
};

void TestIssueKeyDialog::init() {
    SimOptions o;
    o.keys = 20;
    o.users = 5;
    o.teams = 3;
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->listen());
    ClientConfig c;
    c.baseUrl = m_sim->url();
    c.timeoutMs = 10000;
    m_client = std::make_unique<ProxyClient>(c, m_sim->masterKey());
    m_dialog =
        std::make_unique<IssueKeyDialog>(m_client.get(), QList<Role>{analyticsRole(), teamRole()},
                                         QStringList{QStringLiteral("gpt-4o"), QStringLiteral("claude")});
    m_dialog->show();
}

void TestIssueKeyDialog::cleanup() {
    m_dialog.reset();
    m_client.reset();
    m_sim.reset();
}

void TestIssueKeyDialog::previewShowsTheExactRequest() {
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("label")), QStringLiteral("jane"));
    QJsonObject body = preview();
    QCOMPARE(body.value(u"key_alias").toString(), QStringLiteral("desk-analytics-jane"));
    QCOMPARE(body.value(u"duration").toString(), QStringLiteral("1h"));
    QCOMPARE(body.value(u"max_budget").toDouble(), 20.0);

    QTest::keyClicks(child<QLineEdit>(QStringLiteral("ttl")), QStringLiteral("2h"));
    auto *budget = child<QDoubleSpinBox>(QStringLiteral("budget"));
    budget->setValue(7.5);
    body = preview();
    QCOMPARE(body.value(u"duration").toString(), QStringLiteral("2h"));
    QCOMPARE(body.value(u"max_budget").toDouble(), 7.5);
    QCOMPARE(json::obj(body.value(u"metadata")).value(u"desk_role").toString(), QStringLiteral("analytics"));
}

void TestIssueKeyDialog::aBudgetAboveTheRolesIsKeptAndRefused_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("the role's own") << u"20"_qs << 20.0 << true;
    QTest::newRow("a cent above") << u"20.01"_qs << 20.01 << false;
    QTest::newRow("well above") << u"50"_qs << 50.0 << false;
    QTest::newRow("below") << u"5"_qs << 5.0 << true;
}

void TestIssueKeyDialog::aBudgetAboveTheRolesIsKeptAndRefused() {
    QFETCH(QString, typed);
    QFETCH(double, value);
    QFETCH(bool, allowed);
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("label")), QStringLiteral("jane"));
    auto *budget = child<QDoubleSpinBox>(QStringLiteral("budget"));
    budget->setFocus();
    budget->selectAll();
    QTest::keyClicks(budget, typed);
    QCOMPARE(budget->value(), value); // what was typed, never silently cut down
    auto *error = child<QLabel>(QStringLiteral("error_max_budget"));
    auto *issue = child<QPushButton>(QStringLiteral("issueButton"));
    if (allowed) {
        QVERIFY2(error->text().isEmpty(), qPrintable(error->text()));
        QVERIFY(issue->isEnabled());
        QCOMPARE(preview().value(u"max_budget").toDouble(), value);
    } else {
        QCOMPARE(error->text(), u"This role allows at most $20.00."_qs);
        QVERIFY(!issue->isEnabled());
    }
}

void TestIssueKeyDialog::errorsMoveNothingInTheForm() {
    auto *models = child<QListWidget>(QStringLiteral("models"));
    auto *budget = child<QDoubleSpinBox>(QStringLiteral("budget"));
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    const QPoint modelsAt = models->mapTo(m_dialog.get(), QPoint());
    const QPoint budgetAt = budget->mapTo(m_dialog.get(), QPoint());
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("label")),
                     QStringLiteral("jane doe")); // an error above both
    QVERIFY(!child<QLabel>(QStringLiteral("error_label"))->text().isEmpty());
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCOMPARE(models->mapTo(m_dialog.get(), QPoint()), modelsAt);
    QCOMPARE(budget->mapTo(m_dialog.get(), QPoint()), budgetAt);
}

void TestIssueKeyDialog::teamIsFixedWhenTheRoleFixesIt() {
    auto *team = child<QLineEdit>(QStringLiteral("team"));
    QVERIFY(team->isEnabled());
    m_dialog->selectRole(QStringLiteral("support"));
    QVERIFY(!team->isEnabled());
    QCOMPARE(team->text(), QStringLiteral("team-1"));
    QCOMPARE(preview().value(u"team_id").toString(), QStringLiteral("team-1"));
    QCOMPARE(preview().value(u"duration").toString(), QStringLiteral("7d"));
    // Unrestricted role: the proxy's models are offered, none checked.
    auto *models = child<QListWidget>(QStringLiteral("models"));
    QCOMPARE(models->count(), 2);
    QCOMPARE(models->item(1)->text(), QStringLiteral("claude"));
    m_dialog->selectRole(QStringLiteral("analytics"));
    QVERIFY(team->isEnabled());
    QVERIFY(team->text().isEmpty());
}

void TestIssueKeyDialog::modelsBeyondTheRoleCannotBeChosen() {
    auto *models = child<QListWidget>(QStringLiteral("models"));
    QStringList offered;
    for (int i = 0; i < models->count(); ++i)
        offered << models->item(i)->text();
    QCOMPARE(offered, analyticsRole().models); // not "claude", which the proxy has
    models->item(0)->setCheckState(Qt::Unchecked);
    QCOMPARE(json::strList(preview().value(u"models")), QStringList{QStringLiteral("gpt-4o-mini")});
}

void TestIssueKeyDialog::fieldErrorsDisableIssue_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorField");
    QTest::addColumn<QString>("message");
    QTest::newRow("ttl above max_ttl") << "ttl"
                                       << "4h"
                                       << "ttl"
                                       << "longer than the role's maximum";
    QTest::newRow("ttl that is not a duration") << "ttl"
                                                << "soon"
                                                << "ttl"
                                                << "not a duration";
    QTest::newRow("label with a space") << "label"
                                        << "jane doe"
                                        << "label"
                                        << "letters, digits";
}

void TestIssueKeyDialog::fieldErrorsDisableIssue() {
    QFETCH(QString, input);
    QFETCH(QString, text);
    QFETCH(QString, errorField);
    QFETCH(QString, message);
    auto *issue = child<QPushButton>(QStringLiteral("issueButton"));
    QVERIFY(issue->isEnabled());
    auto *error = child<QLabel>(QStringLiteral("error_") + errorField);
    QVERIFY(error->text().isEmpty());
    QTest::keyClicks(child<QLineEdit>(input), text);
    QVERIFY2(error->text().contains(message), qPrintable(error->text()));
    QVERIFY(!issue->isEnabled());
    QVERIFY(preview().isEmpty()); // no request shown while the choices are wrong
}

void TestIssueKeyDialog::issuedKeyIsShownOnceAndAuthenticates() {
    m_dialog->setClipboardClearInterval(300);
    QSignalSpy issued(m_dialog.get(), &IssueKeyDialog::keyIssued);
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("label")), QStringLiteral("ci"));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("issueButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(issued.count(), 1, 10000);
    QCOMPARE(issued.first().at(1).toString(), QStringLiteral("desk-analytics-ci"));
    auto *raw = child<QLineEdit>(QStringLiteral("rawKey"));
    QVERIFY(raw->isVisible());
    QVERIFY(raw->isReadOnly());
    const QString key = raw->text();
    QVERIFY(key.startsWith(u"sk-"));
    QVERIFY(!child<QLabel>(QStringLiteral("warnings"))->isVisible());

    // The key authenticates as itself.
    ClientConfig c = m_client->config();
    ProxyClient asKey(c, key);
    std::optional<Expected<QJsonObject>> info;
    api::call<QJsonObject>(asKey, Request::get(QStringLiteral("/key/info")), &decodeObject, this,
                           [&](Expected<QJsonObject> r) { info = r; });
    QTRY_VERIFY_WITH_TIMEOUT(info.has_value(), 10000);
    QVERIFY2(info->has_value(), qPrintable(*info ? QString() : info->error().toString()));
    QCOMPARE(json::str(json::obj((*info)->value(u"info")).value(u"key_alias")),
             QStringLiteral("desk-analytics-ci"));

    // Copy puts it on the clipboard, and the clipboard is cleared after the interval.
    QClipboard *clipboard = QGuiApplication::clipboard();
    QTest::mouseClick(child<QPushButton>(QStringLiteral("copyButton")), Qt::LeftButton);
    QCOMPARE(clipboard->text(), key);
    QTRY_VERIFY_WITH_TIMEOUT(clipboard->text().isEmpty(), 5000);

    // ...but not when the user has copied something else meanwhile.
    QTest::mouseClick(child<QPushButton>(QStringLiteral("copyButton")), Qt::LeftButton);
    clipboard->setText(QStringLiteral("something else"));
    const auto pendingClears = [] {
        return qApp->findChildren<QTimer *>(QStringLiteral("clipboardClearTimer"), Qt::FindDirectChildrenOnly)
            .size();
    };
    QCOMPARE(pendingClears(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(pendingClears(), 0, 5000);
    QCOMPARE(clipboard->text(), QStringLiteral("something else"));

    // Closing wipes it from the widgets.
    m_dialog->reject();
    QVERIFY(raw->text().isEmpty());
}

void TestIssueKeyDialog::proxyErrorIsShownInTheBanner() {
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("label")), QStringLiteral("dup"));
    QSignalSpy issued(m_dialog.get(), &IssueKeyDialog::keyIssued);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("issueButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(issued.count(), 1, 10000);

    IssueKeyDialog second(m_client.get(), {analyticsRole()}, {});
    second.show();
    QTest::keyClicks(second.findChild<QLineEdit *>(QStringLiteral("label")), QStringLiteral("dup"));
    QTest::mouseClick(second.findChild<QPushButton *>(QStringLiteral("issueButton")), Qt::LeftButton);
    auto *banner = second.findChild<QWidget *>(QStringLiteral("errorBanner"));
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QVERIFY(second.findChild<QLabel *>(QStringLiteral("errorMessage"))->text().contains(u"already exists"));
    QVERIFY(second.findChild<QPushButton *>(QStringLiteral("issueButton"))->isEnabled());
    QVERIFY(second.findChild<QLineEdit *>(QStringLiteral("rawKey"))->text().isEmpty());
}

// The proxy created the key but its answer could not be read: the raw key was never shown, so the dialog
// offers to revoke that exact alias; after revoking, the same label issues a key that is shown.
void TestIssueKeyDialog::aKeyCreatedUnseenIsOfferedForRevoking() {
    m_sim->addFault(*SimFault::parse(QStringLiteral("/key/generate=bad-jsonx1")));
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("label")), QStringLiteral("ci"));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("issueButton")), Qt::LeftButton);
    auto *revoke = child<QPushButton>(QStringLiteral("revokeUnseenButton"));
    QTRY_VERIFY_WITH_TIMEOUT(revoke->isVisible(), 10000);
    QVERIFY2(revoke->text().contains(u"desk-analytics-ci"), qPrintable(revoke->text()));
    QVERIFY(child<QLabel>(QStringLiteral("errorMessage"))->text().contains(u"created the key"));
    QVERIFY(child<QLineEdit>(QStringLiteral("rawKey"))->text().isEmpty());
    QVERIFY(m_sim->data().keys().findLiveByAlias(QStringLiteral("desk-analytics-ci")).has_value());

    QTest::mouseClick(revoke, Qt::LeftButton);
    auto *result = child<QLabel>(QStringLiteral("revokeUnseenResult"));
    QTRY_VERIFY_WITH_TIMEOUT(result->isVisible(), 10000);
    QVERIFY2(result->text().startsWith(u"Revoked the key"), qPrintable(result->text()));
    QVERIFY(!revoke->isVisible());
    QVERIFY(!m_sim->data().keys().findLiveByAlias(QStringLiteral("desk-analytics-ci")).has_value());

    QSignalSpy issued(m_dialog.get(), &IssueKeyDialog::keyIssued);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("issueButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(issued.count(), 1, 10000);
    QVERIFY(child<QLineEdit>(QStringLiteral("rawKey"))->text().startsWith(u"sk-"));
}

QTEST_MAIN(TestIssueKeyDialog)
#include "tst_IssueKeyDialog.moc"
