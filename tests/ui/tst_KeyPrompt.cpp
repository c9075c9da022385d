#include "ui/KeyPrompt.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(SecretError::Kind)
Q_DECLARE_METATYPE(Connection::KeyStorage)

namespace {

Profile profile() {
    Profile p;
    p.id = QStringLiteral("p1");
    p.name = QStringLiteral("Staging");
    p.baseUrl = QUrl(QStringLiteral("https://litellm.example.com"));
    return p;
}

} // namespace

class TestKeyPrompt : public QObject {
    Q_OBJECT
private slots:
    void saysWhyTheKeyIsNeeded_data();
    void saysWhyTheKeyIsNeeded();
    void offersKeychainOrSessionOnly_data();
    void offersKeychainOrSessionOnly();
};

void TestKeyPrompt::saysWhyTheKeyIsNeeded_data() {
    QTest::addColumn<SecretError::Kind>("kind");
    QTest::addColumn<bool>("wrongKey");
    QTest::addColumn<bool>("saved");
    QTest::addColumn<KeyPrompt::Reason>("reason");
    QTest::addColumn<QString>("says");
    using K = SecretError::Kind;
    using R = KeyPrompt::Reason;
    QTest::newRow("no key saved") << K::NotFound << false << true << R::Missing
                                  << QStringLiteral("No master key is saved for Staging");
    QTest::newRow("refused by the proxy")
        << K::NotFound << true << true << R::WrongKey << QStringLiteral("refused the key");
    QTest::newRow("keychain locked") << K::Locked << false << true << R::KeychainLocked
                                     << QStringLiteral("keychain is locked");
    QTest::newRow("no keychain") << K::NoBackend << false << true << R::NoKeychain
                                 << QStringLiteral("No keychain is available");
    QTest::newRow("keychain access denied")
        << K::AccessDenied << false << true << R::KeychainDenied << QStringLiteral("denied");
    QTest::newRow("other keychain error")
        << K::Other << false << true << R::KeychainError << QStringLiteral("could not be used");
    QTest::newRow("connection not saved")
        << K::NoBackend << false << false << R::NotSaved << QStringLiteral("this session only");
    QTest::newRow("not saved and refused")
        << K::NotFound << true << false << R::WrongKey << QStringLiteral("refused the key");
}

void TestKeyPrompt::saysWhyTheKeyIsNeeded() {
    QFETCH(SecretError::Kind, kind);
    QFETCH(bool, wrongKey);
    QFETCH(bool, saved);
    QFETCH(KeyPrompt::Reason, reason);
    QFETCH(QString, says);
    QCOMPARE(KeyPrompt::reasonFor({kind, {}, {}}, wrongKey, saved), reason);
    KeyPrompt prompt(profile(), reason, false);
    const QString text = prompt.findChild<QLabel *>(QStringLiteral("keyPromptReason"))->text();
    QVERIFY2(text.contains(says), qPrintable(text));
}

void TestKeyPrompt::offersKeychainOrSessionOnly_data() {
    QTest::addColumn<bool>("keychainUsable");
    QTest::addColumn<Connection::KeyStorage>("storage");
    QTest::newRow("keychain usable") << true << Connection::KeyStorage::Keychain;
    QTest::newRow("keychain unusable") << false << Connection::KeyStorage::SessionOnly;
}

void TestKeyPrompt::offersKeychainOrSessionOnly() {
    QFETCH(bool, keychainUsable);
    QFETCH(Connection::KeyStorage, storage);
    KeyPrompt prompt(profile(), KeyPrompt::Reason::Missing, keychainUsable);
    prompt.show();
    auto *keychain = prompt.findChild<QPushButton *>(QStringLiteral("keyPromptKeychainButton"));
    auto *session = prompt.findChild<QPushButton *>(QStringLiteral("keyPromptSessionButton"));
    QCOMPARE(keychain != nullptr, keychainUsable);
    QCOMPARE(session != nullptr, !keychainUsable);
    QPushButton *button = keychain ? keychain : session;
    auto *edit = prompt.findChild<QLineEdit *>(QStringLiteral("keyPromptEdit"));
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QVERIFY(!button->isEnabled());
    QTest::keyClicks(edit, QStringLiteral("   "));
    QVERIFY(!button->isEnabled());
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral(" sk-typed-1 "));
    QVERIFY(button->isEnabled());
    QSignalSpy entered(&prompt, &KeyPrompt::keyEntered);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(entered.count(), 1);
    QCOMPARE(entered.first().at(0).toString(), QStringLiteral("sk-typed-1"));
    QCOMPARE(entered.first().at(1).value<Connection::KeyStorage>(), storage);
    QVERIFY(edit->text().isEmpty());
    QCOMPARE(prompt.result(), int(QDialog::Accepted));
}

QTEST_MAIN(TestKeyPrompt)
#include "tst_KeyPrompt.moc"
