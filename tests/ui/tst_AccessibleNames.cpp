// Every control a screen reader reaches has a name: on every page of the window (each tab too), connected
// to the simulator, and in the dialogs the window opens. A button needs text or an accessible name; a
// text field, combo box, spin box, list, table or chart needs an accessible name or a label whose buddy
// it is (so does a text box). The parts Qt builds inside a control (a combo box's line edit, a table's
// header, a line edit's clear button) are named through that control.
#include "WindowServices.h"
#include "core/roles/RoleStore.h"
#include "sim/Simulator.h"
#include "ui/MainWindow.h"
#include "ui/keys/KeysPage.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QGraphicsView>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QToolButton>

#include <functional>
#include <memory>

namespace {

// Qt's own parts of a control, reached through the control.
bool isPartOfAControl(const QWidget *w) {
    for (const QWidget *p = w->parentWidget(); p; p = p->parentWidget())
        if (qobject_cast<const QComboBox *>(p) || qobject_cast<const QAbstractSpinBox *>(p) ||
            qobject_cast<const QLineEdit *>(p) || qobject_cast<const QHeaderView *>(p))
            return true;
    return qobject_cast<const QHeaderView *>(w) != nullptr;
}

bool needsAName(const QWidget *w) {
    return qobject_cast<const QLineEdit *>(w) || qobject_cast<const QComboBox *>(w) ||
           qobject_cast<const QAbstractSpinBox *>(w) || qobject_cast<const QAbstractItemView *>(w) ||
           qobject_cast<const QGraphicsView *>(w) || qobject_cast<const QTextEdit *>(w) ||
           qobject_cast<const QPlainTextEdit *>(w);
}

// "QLineEdit keyQuickFilter in keysPage/…": the class, and the object names up to the window.
QString describe(const QWidget *w) {
    QStringList path;
    for (const QWidget *p = w; p && !p->isWindow(); p = p->parentWidget())
        if (!p->objectName().isEmpty())
            path.prepend(p->objectName());
    return QStringLiteral("%1 in %2")
        .arg(QString::fromLatin1(w->metaObject()->className()),
             path.isEmpty() ? QStringLiteral("(unnamed)") : path.join(u'/'));
}

// The visible controls of `root` without a name.
QStringList unnamedControls(const QWidget *root) {
    QSet<const QWidget *> labelled;
    for (const QLabel *label : root->findChildren<QLabel *>())
        if (label->buddy())
            labelled.insert(label->buddy());
    QStringList problems;
    for (const QWidget *w : root->findChildren<QWidget *>()) {
        if (!w->isVisible() || isPartOfAControl(w) || !w->accessibleName().isEmpty())
            continue;
        if (const auto *button = qobject_cast<const QAbstractButton *>(w)) {
            if (button->text().isEmpty())
                problems << describe(w);
        } else if (needsAName(w) && !labelled.contains(w)) {
            problems << describe(w);
        }
    }
    return problems;
}

// Fails naming every control in `problems`.
void failOn(const QStringList &problems) {
    for (const QString &problem : problems)
        qWarning("no accessible name: %s", qPrintable(problem));
    if (!problems.isEmpty())
        QFAIL(qPrintable(QStringLiteral("%1 controls without a name (listed above), the first: %2")
                             .arg(problems.size())
                             .arg(problems.first())));
}

} // namespace

class TestAccessibleNames : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void everyPageNamesItsControls();
    void everyDialogNamesItsControls();

private:
    QDialog *openDialog(const std::function<void()> &open);
    QStringList unnamedInDialog(const std::function<void()> &open, const QString &what);

    QTemporaryDir m_dir;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<WindowServices> m_services;
    std::unique_ptr<MainWindow> m_window;
};

void TestAccessibleNames::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("litellm-desk-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_AccessibleNames"));
}

void TestAccessibleNames::init() {
    QSettings().clear();
    m_sim = std::make_unique<Simulator>();
    QVERIFY(m_sim->listen(0));
    m_services = std::make_unique<WindowServices>(m_dir.path());
    // A role, so that the Roles page shows its editor and keys can be issued.
    Role role;
    role.name = QStringLiteral("ci-runner");
    role.ttl = *Duration::parse(QStringLiteral("1h"));
    role.maxTtl = *Duration::parse(QStringLiteral("1d"));
    RoleStore roles(m_services->rolesFile);
    QVERIFY(roles.load().ok());
    QVERIFY(roles.put(MainWindow::demoProfile({}).id, role).ok());
    m_window = m_services->newWindow();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    m_window->openSession(MainWindow::demoProfile(m_sim->url()), m_sim->masterKey());
    QVERIFY(settled.wait(10000));
}

void TestAccessibleNames::cleanup() {
    m_window.reset();
    m_sim.reset();
}

void TestAccessibleNames::everyPageNamesItsControls() {
    QStringList problems;
    for (const QString &page : m_window->pageNames()) {
        QVERIFY(m_window->showPage(page));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isPageBusy(), 20000);
        auto *shown = m_window->findChild<QWidget *>(page + u"Page");
        // Every tab of the page, as a person would open it.
        const QList<QTabWidget *> tabs = shown->findChildren<QTabWidget *>();
        for (QTabWidget *tab : tabs) {
            for (int i = 0; i < tab->count(); ++i) {
                tab->setCurrentIndex(i);
                problems << unnamedControls(m_window.get());
            }
            tab->setCurrentIndex(0);
        }
        problems << unnamedControls(m_window.get());
    }
    problems.removeDuplicates();
    failOn(problems);
}

QDialog *TestAccessibleNames::openDialog(const std::function<void()> &open) {
    const QList<QDialog *> before = m_window->findChildren<QDialog *>();
    open();
    QDialog *dialog = nullptr;
    (void)QTest::qWaitFor([&] {
        for (QDialog *d : m_window->findChildren<QDialog *>())
            if (!before.contains(d) && d->isVisible())
                dialog = d;
        return dialog != nullptr;
    });
    return dialog;
}

// The unnamed controls of the dialog `open` opens, which is then closed; `what` says which it is.
QStringList TestAccessibleNames::unnamedInDialog(const std::function<void()> &open, const QString &what) {
    QDialog *dialog = openDialog(open);
    if (!dialog)
        return {QStringLiteral("%1 did not open a dialog").arg(what)};
    QStringList problems;
    for (const QString &problem : unnamedControls(dialog))
        problems << QStringLiteral("%1 (%2)").arg(problem,
                                                  QString::fromLatin1(dialog->metaObject()->className()));
    dialog->reject();
    return problems;
}

void TestAccessibleNames::everyDialogNamesItsControls() {
    QStringList problems;
    const auto trigger = [this](const QString &name) {
        return [this, name] {
            QAction *action = m_window->findChild<QAction *>(name);
            QVERIFY2(action && action->isEnabled(), qPrintable(name));
            action->trigger();
        };
    };
    for (const QString &action :
         {u"connectionsAction"_qs, u"connectAction"_qs, u"preferencesAction"_qs, u"issueKeyAction"_qs,
          u"newUserAction"_qs, u"shortcutsAction"_qs, u"aboutAction"_qs})
        problems << unnamedInDialog(trigger(action), action);

    // From the Keys page, with a key selected: edit and delete.
    QVERIFY(m_window->showPage(QStringLiteral("keys")));
    auto *keys = m_window->findChild<KeysPage *>();
    QTRY_VERIFY(keys->table()->model()->rowCount() > 0);
    keys->table()->selectRow(0);
    for (const QString &action : {u"editKeyAction"_qs, u"deleteKeyAction"_qs})
        problems << unnamedInDialog(trigger(action), action);

    // From the Usage page: a chart's export.
    QVERIFY(m_window->showPage(QStringLiteral("usage")));
    auto *exportButton = m_window->findChild<QToolButton *>(QStringLiteral("export_daily_spend"));
    QVERIFY(exportButton && exportButton->menu());
    problems << unnamedInDialog([&] { exportButton->menu()->actions().first()->trigger(); },
                                QStringLiteral("Export chart"));

    // The key prompt, for a proxy whose key is not known yet.
    ClientConfig config;
    config.baseUrl = m_sim->url();
    config.baseUrl.setPath(QStringLiteral("/other"));
    problems << unnamedInDialog([&] { m_window->connectTo(config, {}); }, QStringLiteral("Key prompt"));

    failOn(problems);
}

QTEST_MAIN(TestAccessibleNames)
#include "tst_AccessibleNames.moc"
