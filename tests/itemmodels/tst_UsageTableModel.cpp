// The usage tables the Usage page shows: rows of a report's table, formatted for people, raw for sorting
// and export, and the id a click filters by.
#include "core/itemmodels/UsageTableModel.h"

#include "SimUsage.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

using Column = UsageTableModel::Column;
using Dimension = UsageReport::Dimension;

class TestUsageTableModel : public QObject {
    Q_OBJECT
private slots:
    void passesTheModelTester() {
        UsageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const UsageReport report = simulatedReport();
        model.setDimension(Dimension::Key);
        model.setReport(report);
        QVERIFY(model.rowCount() > 5);
        model.setItems({}, 0);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    }

    void rowsAddUpToTheReport() {
        const UsageReport report = simulatedReport();
        UsageTableModel model;
        model.setReport(report);
        QCOMPARE(model.rowCount(), report.items(Dimension::Model).size());
        double spend = 0;
        qint64 requests = 0, share = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            spend += model.index(r, int(Column::Spend)).data(UsageTableModel::SortRole).toDouble();
            requests += model.index(r, int(Column::Requests)).data(UsageTableModel::SortRole).toLongLong();
            share +=
                qRound64(model.index(r, int(Column::Share)).data(UsageTableModel::SortRole).toDouble() * 1e6);
        }
        QVERIFY(qAbs(spend - report.totals().spend) < 1e-6);
        QCOMPARE(requests, report.totals().apiRequests);
        QVERIFY(qAbs(share - 1'000'000) <= model.rowCount());
        // Most spend first, and the display text is money.
        QVERIFY(model.index(0, int(Column::Spend)).data(UsageTableModel::SortRole).toDouble() >=
                model.index(1, int(Column::Spend)).data(UsageTableModel::SortRole).toDouble());
        QVERIFY(model.index(0, int(Column::Spend)).data().toString().startsWith(u'$'));
    }

    void keysShowTheirAliasOrAShortHash() {
        UsageItem aliased{
            QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f90"), QStringLiteral("ci-bot"), {}, {}};
        UsageItem bare{QStringLiteral("ffeeddccbbaa99887766554433221100"), {}, {}, {}};
        bare.metrics.spend = 2;
        aliased.metrics.spend = 1;
        UsageTableModel model;
        model.setDimension(Dimension::Key);
        model.setItems({bare, aliased}, 3);
        QCOMPARE(model.index(0, int(Column::Name)).data().toString(), QStringLiteral("ffeeddcc…"));
        QCOMPARE(model.index(1, int(Column::Name)).data().toString(), QStringLiteral("ci-bot"));
        // The id is the full hash: what a key filter takes.
        QCOMPARE(model.index(0, int(Column::Name)).data(UsageTableModel::IdRole).toString(), bare.name);
        QCOMPARE(model.index(1, int(Column::Id)).data().toString(), aliased.name);
        QCOMPARE(model.index(0, int(Column::Share)).data().toString(),
                 QLocale().toString(66.7, 'f', 1) + u'%');
    }

    void sortsByRawValues() {
        UsageItem small{QStringLiteral("small"), {}, {}, {}};
        small.metrics.spend = 9;
        UsageItem big{QStringLiteral("big"), {}, {}, {}};
        big.metrics.spend = 10; // "$10.00" sorts before "$9.00" as text
        UsageTableModel model;
        model.setItems({small, big}, 19);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(UsageTableModel::SortRole);
        proxy.sort(int(Column::Spend), Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, int(Column::Name)).data().toString(), QStringLiteral("big"));
    }

    void headersNameTheFields() {
        UsageTableModel model;
        QCOMPARE(model.headerData(int(Column::Spend), Qt::Horizontal, UsageTableModel::FieldRole).toString(),
                 QStringLiteral("spend"));
        QCOMPARE(model.headerData(int(Column::PromptTokens), Qt::Horizontal, UsageTableModel::FieldRole)
                     .toString(),
                 QStringLiteral("prompt_tokens"));
        model.setDimension(Dimension::Key);
        QCOMPARE(model.headerData(int(Column::Name), Qt::Horizontal).toString(), QStringLiteral("Key"));
    }
};

QTEST_GUILESS_MAIN(TestUsageTableModel)
#include "tst_UsageTableModel.moc"
