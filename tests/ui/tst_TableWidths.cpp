// Columns start at widths that fit their header and their content: the helper on its own, and every
// table of the Users, Usage, Models and Keys pages against the simulator, whose headers must never clip.
#include "WindowServices.h"
#include "sim/Simulator.h"
#include "ui/Page.h"
#include "ui/TableWidths.h"

#include <QHeaderView>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

// The room a header's text needs: the text, the style's margins on both sides, and the sort arrow when
// the section shows one.
int neededForHeader(const QHeaderView *header, int section) {
    const QString text = header->model()->headerData(section, Qt::Horizontal).toString();
    const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    int width = header->fontMetrics().horizontalAdvance(text) + 2 * margin;
    if (header->isSortIndicatorShown() && header->sortIndicatorSection() == section)
        width += header->style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, header) + margin;
    return width;
}

// Every visible column of `table` shows its whole header; the problems, or empty.
QStringList clippedHeaders(const QTableView *table) {
    QStringList out;
    const QHeaderView *header = table->horizontalHeader();
    for (int c = 0; c < header->count(); ++c) {
        if (header->isSectionHidden(c))
            continue;
        const int needed = neededForHeader(header, c);
        if (needed > header->sectionSize(c))
            out << QStringLiteral("%1: “%2” needs %3 px, has %4")
                       .arg(table->objectName(), header->model()->headerData(c, Qt::Horizontal).toString())
                       .arg(needed)
                       .arg(header->sectionSize(c));
    }
    return out;
}

} // namespace

class TestTableWidths : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fitsHeaderAndContentUpToTheMaximum();
    void leavesAColumnSizedByHand();
    void keepsAWidthThePageSet();
    void pageHeadersNeverClip_data();
    void pageHeadersNeverClip();

private:
    QTemporaryDir m_dir;
};

void TestTableWidths::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestTableWidths::fitsHeaderAndContentUpToTheMaximum() {
    QStandardItemModel model(0, 3);
    model.setHorizontalHeaderLabels(
        {QStringLiteral("Prompt tokens"), QStringLiteral("Day"), QStringLiteral("Cumulative spend")});
    QTableView view;
    view.setModel(&model);
    view.setSortingEnabled(true);
    view.horizontalHeader()->setStretchLastSection(false);
    view.resize(900, 400);
    view.show();
    auto *widths = TableWidths::fit(&view, 200);
    QVERIFY(clippedHeaders(&view).isEmpty());

    const QString narrow = QStringLiteral("7");
    const QString huge(300, u'W');
    model.appendRow({new QStandardItem(narrow), new QStandardItem(QStringLiteral("2025-03-01 12:00 UTC")),
                     new QStandardItem(huge)});
    QTRY_VERIFY(view.horizontalHeader()->sectionSize(1) >= view.sizeHintForIndex(model.index(0, 1)).width());
    QVERIFY(clippedHeaders(&view).isEmpty());
    const QHeaderView *header = view.horizontalHeader();
    // A short value: the header decides (and is whole); a longer one: the content; a huge one: the cap.
    QCOMPARE(header->sectionSize(0), header->sectionSizeHint(0));
    QVERIFY(header->sectionSize(1) > header->sectionSizeHint(1));
    QCOMPARE(header->sectionSize(1), widths->neededWidth(1));
    QVERIFY(header->sectionSize(1) <= 200);
    QCOMPARE(header->sectionSize(2), 200);
    QVERIFY(view.sizeHintForIndex(model.index(0, 2)).width() > 200);
}

void TestTableWidths::leavesAColumnSizedByHand() {
    QStandardItemModel model(0, 2);
    model.setHorizontalHeaderLabels({QStringLiteral("Completion tokens"), QStringLiteral("Spend")});
    QTableView view;
    view.setModel(&model);
    view.show();
    TableWidths::fit(&view);
    view.horizontalHeader()->resizeSection(0, 40); // the user's choice, though it clips
    model.appendRow(
        {new QStandardItem(QStringLiteral("123,456,789")), new QStandardItem(QStringLiteral("$1"))});
    // The second column is fitted to the new rows; the first keeps the width it was given.
    QTRY_VERIFY(view.horizontalHeader()->sectionSize(1) >= view.sizeHintForIndex(model.index(0, 1)).width());
    QCOMPARE(view.horizontalHeader()->sectionSize(0), 40);
}

void TestTableWidths::keepsAWidthThePageSet() {
    QStandardItemModel model(0, 2);
    model.setHorizontalHeaderLabels({QStringLiteral("Spend"), QStringLiteral("Risks")});
    QTableView view;
    view.setModel(&model);
    view.horizontalHeader()->resizeSection(0, 260); // room for a bar a delegate draws
    TableWidths *widths = TableWidths::fit(&view);
    QCOMPARE(view.horizontalHeader()->sectionSize(0), 260);
    QCOMPARE(widths->neededWidth(1), view.horizontalHeader()->sectionSizeHint(1));
}

void TestTableWidths::pageHeadersNeverClip_data() {
    QTest::addColumn<QString>("page");
    for (const char *page : {"users", "usage", "models", "keys"})
        QTest::newRow(page) << QString::fromLatin1(page);
}

void TestTableWidths::pageHeadersNeverClip() {
    QFETCH(QString, page);
    SimOptions options;
    options.keys = 40;
    options.users = 8;
    Simulator sim(options);
    QVERIFY(sim.listen());
    WindowServices services(m_dir.path());
    auto window = services.newWindow(false);
    QSignalSpy settled(window.get(), &MainWindow::settled);
    window->openSession(MainWindow::demoProfile(sim.url()), sim.masterKey());
    QVERIFY(settled.wait(15000));
    QVERIFY(window->showPage(page));
    QTRY_VERIFY_WITH_TIMEOUT(!window->isPageBusy(), 20000);
    int tables = 0;
    for (const QTableView *table : window->page(page)->findChildren<QTableView *>()) {
        if (!table->isVisible())
            continue;
        ++tables;
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 20000);
        QCoreApplication::processEvents();
        const QStringList clipped = clippedHeaders(table);
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(u'\n')));
        // The values shown fit too, up to the cap, in every column that does not take the room left.
        const QHeaderView *header = table->horizontalHeader();
        const int cap = table->fontMetrics().averageCharWidth() * TableWidths::kMaxContentChars;
        for (int c = 0; c < header->count(); ++c) {
            if (header->isSectionHidden(c) || header->sectionResizeMode(c) != QHeaderView::Interactive ||
                (header->stretchLastSection() && header->visualIndex(c) == header->count() - 1))
                continue;
            for (int r = 0; r < std::min(table->model()->rowCount(), 20); ++r) {
                const QModelIndex index = table->model()->index(r, c);
                const int needed = std::min(table->sizeHintForIndex(index).width(), cap);
                QVERIFY2(needed <= header->sectionSize(c),
                         qPrintable(QStringLiteral("%1: “%2” needs %3 px, has %4")
                                        .arg(table->objectName(), index.data().toString())
                                        .arg(needed)
                                        .arg(header->sectionSize(c))));
            }
        }
    }
    QVERIFY(tables > 0);
    // The cap leaves room for a whole e-mail address ("ximena.mueller@example.com").
    if (page == u"users") {
        const auto *table = window->page(page)->findChild<QTableView *>();
        const QHeaderView *header = table->horizontalHeader();
        int email = -1;
        for (int c = 0; c < header->count(); ++c)
            if (table->model()->headerData(c, Qt::Horizontal).toString() == u"E-mail")
                email = c;
        QVERIFY(email >= 0);
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            const QModelIndex index = table->model()->index(r, email);
            QVERIFY2(table->sizeHintForIndex(index).width() <= header->sectionSize(email),
                     qPrintable(index.data().toString()));
        }
    }
    if (const QString dir = qEnvironmentVariable("DESK_SCREENSHOT_DIR"); !dir.isEmpty())
        window->grab().save(dir + QStringLiteral("/widths-%1.png").arg(page));
}

QTEST_MAIN(TestTableWidths)
#include "tst_TableWidths.moc"
