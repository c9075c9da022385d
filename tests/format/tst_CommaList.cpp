#include "core/format/CommaList.h"

#include <QTest>

// splitList: the comma lists people type in forms and on the command line.
class TestCommaList : public QObject {
    Q_OBJECT
private slots:
    void splitList_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("empty") << QString() << QStringList();
        QTest::newRow("only commas and spaces") << u" , ,, "_qs << QStringList();
        QTest::newRow("one") << u"gpt-4o"_qs << QStringList{u"gpt-4o"_qs};
        QTest::newRow("trimmed, in order") << u" b , a,c "_qs << QStringList{u"b"_qs, u"a"_qs, u"c"_qs};
        QTest::newRow("empty values dropped") << u",a,, ,b,"_qs << QStringList{u"a"_qs, u"b"_qs};
        QTest::newRow("repeats dropped") << u"a, b, a ,b"_qs << QStringList{u"a"_qs, u"b"_qs};
        QTest::newRow("case kept apart") << u"A,a"_qs << QStringList{u"A"_qs, u"a"_qs};
        QTest::newRow("inner spaces kept") << u"my team, other"_qs << QStringList{u"my team"_qs, u"other"_qs};
    }
    void splitList() {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(::splitList(text), expected);
    }
};

QTEST_GUILESS_MAIN(TestCommaList)
#include "tst_CommaList.moc"
