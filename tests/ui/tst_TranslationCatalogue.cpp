// The catalogue the build collects for translators holds the strings people see on every page, by
// class, and no message is left without source text.
#include "core/format/Plurals.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

class TestTranslationCatalogue : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void holdsThePagesStrings_data();
    void holdsThePagesStrings();
    void everyCountReadsInEnglish();

private:
    QHash<QString, QSet<QString>> m_messages;     // context -> sources
    QList<std::pair<QString, QString>> m_counted; // (context, source) of every "%n" (numerus) message
};

void TestTranslationCatalogue::initTestCase() {
    QFile file(QStringLiteral(DESK_TS_FILE));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(&file);
    QString context;
    bool numerus = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name")
            context = xml.readElementText();
        else if (xml.name() == u"message")
            numerus = xml.attributes().value(QStringLiteral("numerus")) == u"yes";
        else if (xml.name() == u"source") {
            const QString source = xml.readElementText();
            QVERIFY2(!source.isEmpty(), qPrintable(context));
            m_messages[context].insert(source);
            if (numerus)
                m_counted.append({context, source});
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(m_messages.size() > 20);
}

void TestTranslationCatalogue::holdsThePagesStrings_data() {
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::newRow("window menu") << QStringLiteral("MainWindow") << QStringLiteral("&Refresh");
    QTest::newRow("models page") << QStringLiteral("ModelsPage") << QStringLiteral("Models");
    QTest::newRow("roles page") << QStringLiteral("RolesPage") << QStringLiteral("Issue key…");
    QTest::newRow("users page") << QStringLiteral("UsersPage") << QStringLiteral("&New User…");
    QTest::newRow("teams page") << QStringLiteral("TeamsPage") << QStringLiteral("&New Team…");
    QTest::newRow("team form") << QStringLiteral("TeamForm")
                               << QStringLiteral("Give the team an alias: people find teams by it.");
    QTest::newRow("new user dialog") << QStringLiteral("NewUserDialog") << QStringLiteral("&Create");
    QTest::newRow("key prompt") << QStringLiteral("KeyPrompt")
                                << QStringLiteral("Save in Keychain and Connect");
    QTest::newRow("preferences") << QStringLiteral("PreferencesDialog") << QStringLiteral("Dark");
    // Messages from the core that people read, collected under their class.
    QTest::newRow("refused role") << QStringLiteral("ErrorReason") << QStringLiteral("delete keys");
    QTest::newRow("keychain") << QStringLiteral("KeychainSecretStore")
                              << QStringLiteral("No keychain is available on this system.");
    QTest::newRow("tag overlap") << QStringLiteral("UsageSummary")
                                 << QStringLiteral(
                                        "Tags overlap: a request with several tags counts under each.");
    QTest::newRow("budget start") << QStringLiteral("BudgetStart") << QStringLiteral("from %1 already spent");
    QTest::newRow("key table times") << QStringLiteral("KeyTableModel") << QStringLiteral("%1 minutes");
}

void TestTranslationCatalogue::holdsThePagesStrings() {
    QFETCH(QString, context);
    QFETCH(QString, source);
    QVERIFY2(m_messages.contains(context), qPrintable(context));
    QVERIFY2(m_messages.value(context).contains(source),
             qPrintable(QStringList(m_messages.value(context).values()).join(u" | ")));
}

// Every message that counts ("%n key(s)") reads right in English, 1 and 2 alike: the program carries the
// English plural forms, and a new "%n" message without them fails here (add it to
// translations/litellm-desk_en.ts).
void TestTranslationCatalogue::everyCountReadsInEnglish() {
    QVERIFY(m_counted.size() > 10);
    QVERIFY(plurals::installEnglish());
    QTranslator english;
    QVERIFY(english.load(QStringLiteral(":/i18n/litellm-desk_en.qm")));
    QStringList missing;
    for (const auto &[context, source] : std::as_const(m_counted)) {
        const QByteArray c = context.toUtf8(), s = source.toUtf8();
        const QString one = english.translate(c.constData(), s.constData(), nullptr, 1);
        const QString two = english.translate(c.constData(), s.constData(), nullptr, 2);
        if (one.isEmpty() || two.isEmpty() || one.contains(u"(s)") || two.contains(u"(s)"))
            missing << context + u": " + source;
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
    QCOMPARE(QCoreApplication::translate("LeasesView", "%n lease(s)", nullptr, 1), u"1 lease"_qs);
    QCOMPARE(QCoreApplication::translate("LeasesView", "%n lease(s)", nullptr, 2), u"2 leases"_qs);
    QCOMPARE(QCoreApplication::translate("LeasesView", "%n lease(s)", nullptr, 0), u"0 leases"_qs);
}

QTEST_GUILESS_MAIN(TestTranslationCatalogue)
#include "tst_TranslationCatalogue.moc"
