// The leases view against an in-process simulator: list, renew, revoke and tidy.
#include "ui/roles/LeasesView.h"

#include "core/api/ProxyClient.h"
#include "core/itemmodels/LeaseTableModel.h"
#include "core/roles/KeyIssuer.h"
#include "sim/Simulator.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

Q_DECLARE_METATYPE(IssuedKey)

namespace {

Role analyticsRole() {
    Role r;
    r.name = QStringLiteral("analytics");
    r.ttl = *Duration::parse(QStringLiteral("1h"));
    r.maxTtl = *Duration::parse(QStringLiteral("3h"));
    return r;
}

Role opsRole() {
    Role r;
    r.name = QStringLiteral("ops");
    r.ttl = *Duration::parse(QStringLiteral("1d"));
    return r;
}

QStringList outcomeTexts(const QListWidget *list) {
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

} // namespace

class TestLeasesView : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsIssuedKeys();
    void renewUpdatesExpiry();
    void revokeRemovesTheRow();
    void tidyRevokesOnlyExpiredOnes();
    void disabledWithoutAConnection();

private:
    IssuedKey issue(const Role &role, const QString &label, const QString &ttl = {});
    void refreshAndWait(int rows);
    QTableView *table() const { return m_view->findChild<QTableView *>(QStringLiteral("leasesTable")); }
    QPushButton *button(const QString &name) const { return m_view->findChild<QPushButton *>(name); }
    void selectAlias(const QString &alias);
    QMessageBox *confirmation(const QString &name);

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
    std::unique_ptr<LeasesView> m_view;
};

void TestLeasesView::init() {
    SimOptions o;
    o.keys = 20;
    o.users = 5;
    o.teams = 2;
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->listen());
    ClientConfig c;
    c.baseUrl = m_sim->url();
    c.timeoutMs = 10000;
    m_client = std::make_unique<ProxyClient>(c, m_sim->masterKey());
    m_view = std::make_unique<LeasesView>();
    m_view->resize(900, 500);
    m_view->setClient(m_client.get());
    m_view->setRoles({analyticsRole(), opsRole()});
    m_view->show();
}

void TestLeasesView::cleanup() {
    m_view.reset();
    m_client.reset();
    m_sim.reset();
}

IssuedKey TestLeasesView::issue(const Role &role, const QString &label, const QString &ttl) {
    KeyIssuer issuer(m_client.get());
    QSignalSpy issued(&issuer, &KeyIssuer::issued);
    IssueChoices c;
    c.label = label;
    if (!ttl.isEmpty())
        c.ttl = Duration::parse(ttl);
    issuer.issue(role, c);
    [&] { QTRY_COMPARE_WITH_TIMEOUT(issued.count(), 1, 10000); }();
    return issued.isEmpty() ? IssuedKey{} : issued.first().first().value<IssuedKey>();
}

void TestLeasesView::refreshAndWait(int rows) {
    QTest::mouseClick(button(QStringLiteral("refreshButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table()->model()->rowCount(), rows, 10000);
    QTRY_VERIFY(button(QStringLiteral("refreshButton"))->isEnabled());
}

void TestLeasesView::selectAlias(const QString &alias) {
    auto *model = table()->model();
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, int(LeaseTableModel::Column::Alias)).data().toString() == alias) {
            table()->selectRow(r);
            return;
        }
    QFAIL(qPrintable(QStringLiteral("no row %1").arg(alias)));
}

QMessageBox *TestLeasesView::confirmation(const QString &name) {
    QMessageBox *box = nullptr;
    [&] { QTRY_VERIFY((box = m_view->findChild<QMessageBox *>(name)) && box->isVisible()); }();
    return box;
}

void TestLeasesView::listsIssuedKeys() {
    issue(analyticsRole(), QStringLiteral("jane"));
    issue(opsRole(), QStringLiteral("pager"));
    refreshAndWait(2);
    auto *model = table()->model();
    QStringList aliases;
    for (int r = 0; r < model->rowCount(); ++r)
        aliases << model->index(r, int(LeaseTableModel::Column::Alias)).data().toString();
    QCOMPARE(aliases, (QStringList{QStringLiteral("desk-analytics-jane"),
                                   QStringLiteral("desk-ops-pager")})); // by expiry
    QCOMPARE(model->index(0, int(LeaseTableModel::Column::TimeLeft)).data().toString(),
             QStringLiteral("59 min"));
    QVERIFY(model->index(0, int(LeaseTableModel::Column::Expires))
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"UTC"));
    QCOMPARE(m_view->findChild<QLabel *>(QStringLiteral("leaseCount"))->text(), QStringLiteral("2 lease(s)"));

    // Filters: one role; expiring within 7 days (both); expired (none).
    auto *roleFilter = m_view->findChild<QComboBox *>(QStringLiteral("roleFilter"));
    roleFilter->setCurrentIndex(roleFilter->findText(QStringLiteral("ops")));
    QCOMPARE(model->rowCount(), 1);
    roleFilter->setCurrentIndex(0);
    auto *state = m_view->findChild<QComboBox *>(QStringLiteral("stateFilter"));
    state->setCurrentIndex(1);
    QCOMPARE(model->rowCount(), 2);
    state->setCurrentIndex(2);
    QCOMPARE(model->rowCount(), 0);
}

void TestLeasesView::renewUpdatesExpiry() {
    const IssuedKey k = issue(analyticsRole(), QStringLiteral("short"), QStringLiteral("10m"));
    refreshAndWait(1);
    const LeasedKey before = *m_view->model()->leaseAt(0);
    QVERIFY(std::llabs(before.lease.expires.secsTo(k.expires)) < 2);
    selectAlias(QStringLiteral("desk-analytics-short"));
    QVERIFY(button(QStringLiteral("renewButton"))->isEnabled());
    QTest::mouseClick(button(QStringLiteral("renewButton")), Qt::LeftButton);
    auto *outcomes = m_view->findChild<QListWidget *>(QStringLiteral("outcomes"));
    QTRY_COMPARE_WITH_TIMEOUT(outcomes->count(), 1, 10000);
    QVERIFY2(outcomes->item(0)->text().contains(u"renewed until"), qPrintable(outcomes->item(0)->text()));
    const LeasedKey after = *m_view->model()->leaseAt(0);
    QVERIFY(after.lease.expires > before.lease.expires.addSecs(45 * 60)); // now + 1 h instead of + 10 min
    QCOMPARE(table()->model()->index(0, int(LeaseTableModel::Column::TimeLeft)).data().toString(),
             QStringLiteral("59 min"));

    // A lease already at its cap is refused, and the view says why.
    LeasedKey capped = after;
    capped.lease.issuedAt = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600 + 600);
    capped.lease.expires = capped.lease.cap();
    m_view->model()->updateLease(capped);
    selectAlias(QStringLiteral("desk-analytics-short"));
    QTRY_VERIFY(button(QStringLiteral("renewButton"))->isEnabled());
    QTest::mouseClick(button(QStringLiteral("renewButton")), Qt::LeftButton);
    QTRY_COMPARE(outcomes->count(), 1);
    QVERIFY2(outcomes->item(0)->text().contains(u"maximum TTL"), qPrintable(outcomes->item(0)->text()));
    QVERIFY(outcomes->item(0)->text().contains(u"not renewed"));
}

void TestLeasesView::revokeRemovesTheRow() {
    issue(analyticsRole(), QStringLiteral("a"));
    issue(analyticsRole(), QStringLiteral("b"));
    refreshAndWait(2);
    selectAlias(QStringLiteral("desk-analytics-a"));
    QTest::mouseClick(button(QStringLiteral("revokeButton")), Qt::LeftButton);
    QMessageBox *box = confirmation(QStringLiteral("confirmRevoke"));
    QVERIFY2(box->text().contains(u"Revoke 1 key"), qPrintable(box->text()));
    QVERIFY(box->informativeText().contains(u"desk-analytics-a"));
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table()->model()->rowCount(), 1, 10000);
    QCOMPARE(table()->model()->index(0, 0).data().toString(), QStringLiteral("desk-analytics-b"));
    auto *outcomes = m_view->findChild<QListWidget *>(QStringLiteral("outcomes"));
    QCOMPARE(outcomeTexts(outcomes), QStringList{QStringLiteral("desk-analytics-a: revoked")});
    // Gone on the proxy too.
    refreshAndWait(1);

    // Canceling revokes nothing.
    selectAlias(QStringLiteral("desk-analytics-b"));
    QTest::mouseClick(button(QStringLiteral("revokeButton")), Qt::LeftButton);
    box = confirmation(QStringLiteral("confirmRevoke"));
    box->button(QMessageBox::Cancel)->click();
    refreshAndWait(1);
}

void TestLeasesView::tidyRevokesOnlyExpiredOnes() {
    const IssuedKey expiring = issue(analyticsRole(), QStringLiteral("old"), QStringLiteral("1s"));
    issue(analyticsRole(), QStringLiteral("live"));
    issue(opsRole(), QStringLiteral("other"));
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > expiring.expires, 5000);
    refreshAndWait(3);

    auto *tidy = button(QStringLiteral("tidyButton"));
    QVERIFY(!tidy->isEnabled()); // no role chosen
    m_view->setRoleFilter(QStringLiteral("analytics"));
    QVERIFY(tidy->isEnabled());
    QTest::mouseClick(tidy, Qt::LeftButton);
    QMessageBox *box = confirmation(QStringLiteral("confirmTidy"));
    QVERIFY2(box->text().contains(u"1 expired lease"), qPrintable(box->text()));
    QVERIFY(box->informativeText().contains(u"desk-analytics-old"));
    QVERIFY(!box->informativeText().contains(u"desk-analytics-live"));
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")), Qt::LeftButton);
    auto *outcomes = m_view->findChild<QListWidget *>(QStringLiteral("outcomes"));
    QTRY_COMPARE_WITH_TIMEOUT(outcomeTexts(outcomes),
                              QStringList{QStringLiteral("desk-analytics-old: revoked")}, 10000);
    m_view->setRoleFilter({});
    refreshAndWait(2);

    // Nothing left to tidy: it says so without asking.
    m_view->setRoleFilter(QStringLiteral("analytics"));
    QTest::mouseClick(tidy, Qt::LeftButton);
    QVERIFY(
        m_view->findChild<QLabel *>(QStringLiteral("outcomeTitle"))->text().contains(u"no expired leases"));
}

void TestLeasesView::disabledWithoutAConnection() {
    m_view->setClient(nullptr);
    for (const char *name : {"refreshButton", "renewButton", "revokeButton", "tidyButton"}) {
        QVERIFY2(!button(QString::fromLatin1(name))->isEnabled(), name);
    }
    QVERIFY(button(QStringLiteral("refreshButton"))->toolTip().contains(u"Connect"));
    QCOMPARE(table()->model()->rowCount(), 0);
}

QTEST_MAIN(TestLeasesView)
#include "tst_LeasesView.moc"
