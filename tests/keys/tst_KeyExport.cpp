#include "core/keys/KeyExport.h"

#include <QTest>
#include <QTimeZone>

// The keys CSV that `keys list --format csv` and the Keys page's export write, cell by cell.
class TestKeyExport : public QObject {
    Q_OBJECT

    const QDateTime m_now = QDateTime(QDate(2025, 6, 15), QTime(12, 0), QTimeZone::utc());

private slots:
    void csvCellsSayWhatTheKeyIs() {
        KeyRecord k;
        k.token = QString(64, u'e');
        k.keyName = QStringLiteral("sk-...wxyz");
        k.keyAlias = QStringLiteral("ci, nightly");
        k.teamId = QStringLiteral("team-7");
        k.userId = QStringLiteral("user-3");
        k.spend = 1.25;
        k.maxBudget = 10;
        k.budgetDuration = QStringLiteral("30d");
        k.expires = QDateTime(QDate(2025, 7, 1), QTime(0, 0), QTimeZone::utc());
        k.models = {QStringLiteral("gpt-4o"), QStringLiteral("claude-3-5-sonnet")};
        k.tpmLimit = 0;
        k.rpmLimit = 60;
        k.blocked = false;
        const QStringList names = keyexport::csvFieldNames();
        const QStringList cells = keyexport::csvFields(k, m_now);
        QCOMPARE(cells.size(), names.size());
        const auto cell = [&](const char *name) {
            const qsizetype i = names.indexOf(QLatin1String(name));
            return i < 0 ? QStringLiteral("<no column %1>").arg(QLatin1String(name)) : cells.at(i);
        };
        QCOMPARE(cell("token"), k.token);
        QCOMPARE(cell("key_alias"), QStringLiteral("ci, nightly"));
        QCOMPARE(cell("team_id"), QStringLiteral("team-7"));
        QCOMPARE(cell("user_id"), QStringLiteral("user-3"));
        QCOMPARE(cell("models"), QStringLiteral("gpt-4o;claude-3-5-sonnet")); // ';' inside a cell
        QCOMPARE(cell("tpm_limit"), QStringLiteral("0"));                     // a limit of 0, not none
        QCOMPARE(cell("rpm_limit"), QStringLiteral("60"));
        QCOMPARE(cell("blocked"), QStringLiteral("false"));
        QCOMPARE(cell("status"), QStringLiteral("active"));
        // The column order scripts rely on.
        QCOMPARE(names.mid(0, 5), (QStringList{QStringLiteral("token"), QStringLiteral("key_name"),
                                               QStringLiteral("key_alias"), QStringLiteral("team_id"),
                                               QStringLiteral("user_id")}));
    }
};

QTEST_GUILESS_MAIN(TestKeyExport)
#include "tst_KeyExport.moc"
