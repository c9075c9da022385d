// Tables exported from the Usage page: CSV and JSON carry raw numbers that read back to the report's.
#include "core/export/CsvReader.h"
#include "core/export/TableExport.h"
#include "core/itemmodels/UsageDayModel.h"
#include "core/itemmodels/UsageTableModel.h"

#include "SimUsage.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using Column = UsageTableModel::Column;

class TestTableExport : public QObject {
    Q_OBJECT
private slots:
    void csvRoundTripsToTheReportsNumbers() {
        const UsageReport report = simulatedReport(20, 120);
        UsageTableModel model;
        model.setDimension(UsageReport::Dimension::Key);
        model.setReport(report);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keys.csv"));
        QCOMPARE(TableExport::writeFile(path, TableExport::toCsv(model, {UsageTableModel::SortRole,
                                                                         UsageTableModel::FieldRole})),
                 QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString why;
        const auto rows = CsvReader::parse(QString::fromUtf8(file.readAll()), &why);
        QVERIFY2(rows, qPrintable(why));
        QCOMPARE(rows->size(), model.rowCount() + 1);
        const QStringList header = rows->first();
        QCOMPARE(header.first(), QStringLiteral("name"));
        const qsizetype id = header.indexOf(u"id"), spend = header.indexOf(u"spend"),
                        requests = header.indexOf(u"api_requests"), prompt = header.indexOf(u"prompt_tokens");
        QVERIFY(id > 0 && spend > 0 && requests > 0 && prompt > 0);
        double spendSum = 0;
        qint64 requestSum = 0, promptSum = 0;
        const QList<UsageItem> items = report.items(UsageReport::Dimension::Key);
        for (qsizetype r = 1; r < rows->size(); ++r) {
            const QStringList &row = rows->at(r);
            const UsageItem &item = items.at(r - 1);
            QCOMPARE(row.at(id), item.name);
            QCOMPARE(row.at(spend).toDouble(), item.metrics.spend); // shortest round-trip text: exact
            spendSum += row.at(spend).toDouble();
            requestSum += row.at(requests).toLongLong();
            promptSum += row.at(prompt).toLongLong();
        }
        QVERIFY(qAbs(spendSum - report.totals().spend) < 1e-6);
        QCOMPARE(requestSum, report.totals().apiRequests);
        QCOMPARE(promptSum, report.totals().promptTokens);
    }

    void jsonHasTypedValuesAndPickedColumns() {
        const UsageReport report = simulatedReport(7);
        UsageDayModel days;
        days.setReport(report);
        const QByteArray json =
            TableExport::toJson(days, {UsageDayModel::SortRole, UsageDayModel::FieldRole},
                                {int(UsageDayModel::Column::Date), int(UsageDayModel::Column::Spend),
                                 int(UsageDayModel::Column::Failed)});
        QJsonParseError error;
        const QJsonArray rows = QJsonDocument::fromJson(json, &error).array();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(rows.size(), 7);
        const QJsonObject last = rows.last().toObject();
        QCOMPARE(last.keys(), (QStringList{u"date"_qs, u"failed_requests"_qs, u"spend"_qs}));
        QCOMPARE(last.value(u"date").toString(), QStringLiteral("2025-03-31"));
        QVERIFY(last.value(u"spend").isDouble());
        QCOMPARE(last.value(u"spend").toDouble(), report.day(QDate(2025, 3, 31)).spend);
    }

    void aFileThatCannotBeWrittenSaysSo() {
        const QString why = TableExport::writeFile(QStringLiteral("/nonexistent-dir/x.csv"), "a\r\n");
        QVERIFY2(why.contains(u"cannot be written"), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestTableExport)
#include "tst_TableExport.moc"
