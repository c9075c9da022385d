#include "core/itemmodels/AlertTableModel.h"

#include <QSortFilterProxyModel>
#include <QTest>

// Watch's alerts as a table: what each column shows, and the order most severe first.
class TestAlertTableModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void mostSevereFirst() {
        QList<Alert> alerts;
        for (auto kind : {Alert::Kind::Expiring, Alert::Kind::SpendSpike, Alert::Kind::ProxyUnhealthy,
                          Alert::Kind::BudgetForecast, Alert::Kind::BudgetExhausted}) {
            Alert a;
            a.kind = kind;
            a.subject = Alert::kindName(kind);
            alerts << a;
        }
        AlertTableModel model;
        model.setAlerts(alerts, QDateTime::currentDateTimeUtc());
        QSortFilterProxyModel sorted;
        sorted.setSourceModel(&model);
        sorted.setSortRole(AlertTableModel::SortRole);
        sorted.sort(int(AlertTableModel::Column::Kind), Qt::DescendingOrder);
        QStringList order;
        for (int r = 0; r < sorted.rowCount(); ++r)
            order << sorted.index(r, int(AlertTableModel::Column::Kind)).data().toString();
        QCOMPARE(order, (QStringList{QStringLiteral("Proxy unhealthy"), QStringLiteral("Budget exhausted"),
                                     QStringLiteral("Spend spike"), QStringLiteral("Budget runs out soon"),
                                     QStringLiteral("Expiring")}));
    }

    void columnsSayValueThresholdAndState() {
        const QDateTime now(QDate(2026, 12, 5), QTime(12, 0), Qt::UTC);
        Alert spike;
        spike.kind = Alert::Kind::SpendSpike;
        spike.subject = QStringLiteral("hash");
        spike.subjectName = QStringLiteral("ci-bot");
        spike.value = 200;
        spike.threshold = 30;
        Alert forecast;
        forecast.kind = Alert::Kind::BudgetForecast;
        forecast.subjectType = Alert::Subject::Team;
        forecast.subject = QStringLiteral("t1");
        forecast.value = 1.54;
        forecast.threshold = 7;
        forecast.acknowledged = now;
        Alert down;
        down.kind = Alert::Kind::ProxyUnhealthy;
        down.subjectType = Alert::Subject::Proxy;
        down.subject = QStringLiteral("database");
        down.snoozedUntil = now.addSecs(3600);
        AlertTableModel model;
        model.setAlerts({spike, forecast, down}, now);
        const auto text = [&](int row, AlertTableModel::Column c) {
            return model.index(row, int(c)).data().toString();
        };
        QCOMPARE(text(0, AlertTableModel::Column::Subject), QStringLiteral("key ci-bot"));
        QCOMPARE(text(0, AlertTableModel::Column::Value), QStringLiteral("$200.00"));
        QCOMPARE(text(0, AlertTableModel::Column::Threshold), QStringLiteral("$30.00"));
        QCOMPARE(text(0, AlertTableModel::Column::State), QStringLiteral("open"));
        QCOMPARE(text(1, AlertTableModel::Column::Subject), QStringLiteral("team t1"));
        QCOMPARE(text(1, AlertTableModel::Column::Value), QStringLiteral("1.5 d"));
        QCOMPARE(text(1, AlertTableModel::Column::Threshold), QStringLiteral("7 d"));
        QCOMPARE(text(1, AlertTableModel::Column::State), QStringLiteral("acknowledged"));
        QCOMPARE(text(2, AlertTableModel::Column::Value), QStringLiteral("-"));
        QVERIFY(text(2, AlertTableModel::Column::State).startsWith(QStringLiteral("snoozed until ")));
        model.setAlerts({down}, now.addSecs(3601)); // the snooze is over
        QCOMPARE(text(0, AlertTableModel::Column::State), QStringLiteral("open"));
        QCOMPARE(model.index(0, 0).data(AlertTableModel::IdentityRole).toString(),
                 QStringLiteral("proxy_unhealthy:proxy:database"));
    }
};

QTEST_GUILESS_MAIN(TestAlertTableModel)
#include "tst_AlertTableModel.moc"
