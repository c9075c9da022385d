#include "ui/ConnectDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestConnectDialog : public QObject {
    Q_OBJECT
private slots:
    void keyIsTypedWithEchoOff();
    void connectNeedsAUrlAndAKey_data();
    void connectNeedsAUrlAndAKey();
    void handsOverConfigAndKeyThenForgetsIt();

private:
    static QPushButton *connectButton(ConnectDialog &d) {
        return d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }
};

void TestConnectDialog::keyIsTypedWithEchoOff() {
    ConnectDialog dialog;
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("keyEdit"))->echoMode(), QLineEdit::Password);
}

void TestConnectDialog::connectNeedsAUrlAndAKey_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("enabled");
    QTest::newRow("both given") << QStringLiteral("http://localhost:4000") << QStringLiteral("sk-1") << true;
    QTest::newRow("no key") << QStringLiteral("http://localhost:4000") << QString() << false;
    QTest::newRow("blank key") << QStringLiteral("http://localhost:4000") << QStringLiteral("   ") << false;
    QTest::newRow("not a web address") << QStringLiteral("ftp://host") << QStringLiteral("sk-1") << false;
    QTest::newRow("no url") << QString() << QStringLiteral("sk-1") << false;
}

void TestConnectDialog::connectNeedsAUrlAndAKey() {
    QFETCH(QString, url);
    QFETCH(QString, key);
    QFETCH(bool, enabled);
    ConnectDialog dialog;
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit")), url);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("keyEdit")), key);
    QCOMPARE(connectButton(dialog)->isEnabled(), enabled);
    if (url.startsWith(u"ftp"))
        QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("connectProblem"))->text().isEmpty());
}

void TestConnectDialog::handsOverConfigAndKeyThenForgetsIt() {
    ConnectDialog dialog;
    dialog.setUrl(QUrl(QStringLiteral("http://proxy.example:4000/")));
    auto *key = dialog.findChild<QLineEdit *>(QStringLiteral("keyEdit"));
    QTest::keyClicks(key, QStringLiteral("sk-secret"));
    dialog.findChild<QComboBox *>(QStringLiteral("authStyleCombo"))->setCurrentIndex(1);
    QSignalSpy requested(&dialog, &ConnectDialog::connectRequested);
    QTest::mouseClick(connectButton(dialog), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    const auto config = requested.first().at(0).value<ClientConfig>();
    QCOMPARE(config.baseUrl, QUrl(QStringLiteral("http://proxy.example:4000")));
    QCOMPARE(config.authStyle, AuthStyle::LiteLlmHeader);
    QCOMPARE(requested.first().at(1).toString(), QStringLiteral("sk-secret"));
    QVERIFY(key->text().isEmpty());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

QTEST_MAIN(TestConnectDialog)
#include "tst_ConnectDialog.moc"
