// The Keys page's risk chips: their labels read on light and dark rows alike (a contrast of at least
// 4.5:1 between the label's colour and the chip's background), in every risk's colour.
#include "core/itemmodels/KeyTableModel.h"
#include "ui/keys/RiskChipDelegate.h"

#include <QApplication>
#include <QHash>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTest>

namespace {

double luminance(QColor c) {
    const auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(QColor a, QColor b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestRiskChipDelegate : public QObject {
    Q_OBJECT
private slots:
    void labelsReadOnTheRow_data() {
        QTest::addColumn<QColor>("row");
        QTest::addColumn<int>("risk");
        const QList<KeyRisk> risks{KeyRisk::OverBudget, KeyRisk::NearBudget, KeyRisk::NoBudget,
                                   KeyRisk::NeverExpires, KeyRisk::Idle};
        for (const auto &[name, row] :
             {std::pair{"light", QColor(Qt::white)}, {"dark", QColor(0x2a, 0x2a, 0x2e)}})
            for (KeyRisk r : risks)
                QTest::addRow("%s, %s", name, qPrintable(keyrisk::label(r))) << row << int(r);
    }

    void labelsReadOnTheRow() {
        QFETCH(QColor, row);
        QFETCH(int, risk);
        QStandardItemModel model(1, 1);
        model.setData(model.index(0, 0), QVariantList{risk}, KeyTableModel::RisksRole);
        QTableView view; // the delegate draws the row's background through the view's style
        QPalette palette = view.palette();
        palette.setColor(QPalette::Base, row);
        palette.setColor(QPalette::AlternateBase, row);
        palette.setColor(QPalette::Text, luminance(row) < 0.2 ? Qt::white : Qt::black);
        view.setPalette(palette);
        RiskChipDelegate delegate;
        QStyleOptionViewItem option;
        option.initFrom(&view);
        option.palette = palette;
        option.widget = &view;
        option.rect = QRect(0, 0, 240, 32);
        option.font = view.font();
        QImage image(option.rect.size(), QImage::Format_RGB32);
        image.fill(row);
        {
            QPainter painter(&image);
            delegate.paint(&painter, option, model.index(0, 0));
        }
        // The chip's background is the most common colour after the row's; the label's own colour is the
        // pixel that differs most from it (anti-aliased edges less).
        QHash<QRgb, int> counts;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                ++counts[image.pixel(x, y)];
        counts.remove(row.rgb());
        QRgb chip = 0;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            if (it.value() > counts.value(chip))
                chip = it.key();
        QVERIFY(counts.value(chip) > 200);
        double best = 1;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            best = std::max(best, contrast(QColor(it.key()), QColor(chip)));
        QVERIFY2(
            best >= 4.5,
            qPrintable(QStringLiteral("contrast %1:1 on %2").arg(best, 0, 'f', 2).arg(QColor(chip).name())));
    }
};

QTEST_MAIN(TestRiskChipDelegate)
#include "tst_RiskChipDelegate.moc"
