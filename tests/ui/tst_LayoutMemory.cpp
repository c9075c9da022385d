// LayoutMemory on plain widgets: each profile keeps its own splitter, columns and window geometry; a
// profile without a layout of its own gets the last one saved; changes are saved as they happen; the
// layout earlier versions kept (one for all profiles) is carried over.
#include "ui/LayoutMemory.h"

#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QVBoxLayout>

#include <memory>

namespace {

// A page with a named splitter between a named table and a panel.
struct Page {
    QWidget root;
    QSplitter *splitter = nullptr;
    QTableView *table = nullptr;
    QStandardItemModel model{3, 4};

    Page() {
        splitter = new QSplitter(&root);
        splitter->setObjectName(QStringLiteral("pageSplitter"));
        table = new QTableView(splitter);
        table->setObjectName(QStringLiteral("pageTable"));
        table->setModel(&model);
        table->horizontalHeader()->setStretchLastSection(false);
        splitter->addWidget(table);
        splitter->addWidget(new QWidget(splitter));
        auto *layout = new QVBoxLayout(&root);
        layout->addWidget(splitter);
        root.resize(600, 300);
        root.show();
        splitter->setSizes({400, 200});
    }
    QHeaderView *header() const { return table->horizontalHeader(); }
    int column(int c) const { return header()->sectionSize(c); }
};

} // namespace

class TestLayoutMemory : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("litellm-desk-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_LayoutMemory"));
    }
    void init() { QSettings().clear(); }

    void eachProfileHasItsOwnLayout() {
        Page page;
        LayoutMemory memory;
        memory.track(&page.root);
        memory.setProfile(QStringLiteral("alpha"));
        page.header()->resizeSection(1, 150);
        page.splitter->setSizes({450, 150});
        const QList<int> alphaSizes = page.splitter->sizes();

        // Beta has none yet: it starts from the last layout saved, then gets its own.
        memory.setProfile(QStringLiteral("beta"));
        QCOMPARE(page.column(1), 150);
        QCOMPARE(page.splitter->sizes(), alphaSizes);
        page.header()->resizeSection(1, 60);
        page.header()->moveSection(2, 0);
        page.splitter->setSizes({300, 300});
        const QList<int> betaSizes = page.splitter->sizes();
        QVERIFY(betaSizes != alphaSizes);

        memory.setProfile(QStringLiteral("alpha"));
        QCOMPARE(page.column(1), 150);
        QCOMPARE(page.header()->visualIndex(2), 2);
        QCOMPARE(page.splitter->sizes(), alphaSizes);

        memory.setProfile(QStringLiteral("beta"));
        QCOMPARE(page.column(1), 60);
        QCOMPARE(page.header()->visualIndex(2), 0);
        QCOMPARE(page.splitter->sizes(), betaSizes);
    }

    void changesAreSavedAsTheyHappen() {
        {
            Page page;
            LayoutMemory memory;
            memory.setProfile(QStringLiteral("alpha"));
            memory.track(&page.root);
            page.header()->resizeSection(0, 222);
            page.header()->setSortIndicator(3, Qt::DescendingOrder);
            page.header()->setSectionHidden(1, true);
            QCoreApplication::processEvents(); // the window goes on; then it is gone without save()
        }
        Page next;
        LayoutMemory memory;
        memory.setProfile(QStringLiteral("alpha"));
        memory.track(&next.root);
        QCOMPARE(next.column(0), 222);
        QCOMPARE(next.header()->sortIndicatorSection(), 3);
        QCOMPARE(next.header()->sortIndicatorOrder(), Qt::DescendingOrder);
        QVERIFY(next.header()->isSectionHidden(1));
    }

    void windowGeometryIsPerProfile() {
        QWidget window;
        window.resize(500, 400);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LayoutMemory memory;
        memory.trackWindow(&window);
        memory.setProfile(QStringLiteral("alpha"));
        window.resize(520, 410);
        memory.setProfile(QStringLiteral("beta"));
        QTRY_COMPARE(window.size(), QSize(520, 410));
        window.resize(430, 330);
        memory.setProfile(QStringLiteral("alpha"));
        QTRY_COMPARE(window.size(), QSize(520, 410));
        memory.save(); // as when the window closes
        memory.setProfile(QStringLiteral("beta"));
        QTRY_COMPARE(window.size(), QSize(430, 330));
    }

    // Earlier versions kept one layout for all profiles; it is where every profile starts.
    void theLayoutOfEarlierVersionsIsKept() {
        QByteArray oldHeader;
        {
            Page page;
            page.header()->resizeSection(2, 177);
            oldHeader = page.header()->saveState();
        }
        QSettings().setValue(QStringLiteral("keysPage/header"), oldHeader);
        Page page;
        page.table->setObjectName(QStringLiteral("keyTable"));
        LayoutMemory memory;
        memory.track(&page.root);
        memory.setProfile(QStringLiteral("alpha"));
        QCOMPARE(page.column(2), 177);
        QVERIFY(!QSettings().contains(QStringLiteral("keysPage/header")));
    }

    void unnamedWidgetsAreLeftAlone() {
        Page page;
        page.splitter->setObjectName({});
        page.table->setObjectName({});
        LayoutMemory memory;
        memory.track(&page.root);
        memory.setProfile(QStringLiteral("alpha"));
        page.header()->resizeSection(1, 150);
        memory.save();
        QVERIFY(QSettings().allKeys().isEmpty());
    }
};

QTEST_MAIN(TestLayoutMemory)
#include "tst_LayoutMemory.moc"
