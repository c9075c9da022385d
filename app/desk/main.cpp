#include "core/api/ClientConfig.h"
#include "core/connection/KeychainSecretStore.h"
#include "core/connection/ProfileStore.h"
#include "core/connection/SecretStore.h"
#include "core/format/Plurals.h"
#include "core/watch/WatchScheduler.h"
#include "sim/Simulator.h"
#include "ui/Appearance.h"
#include "ui/MainWindow.h"
#include "ui/watch/WatchTargets.h"
#include "ui/watch/WatchTray.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QPixmap>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

constexpr int kScreenshotTimeoutMs = 60000;

void fail(const QString &message) {
    std::fprintf(stderr, "litellm-desk: %s\n", qPrintable(message));
}

// Saves the window once its data has arrived (or failed to) and the page shown has finished loading, then
// quits: 0 when the PNG was written in time.
void takeScreenshotWhenSettled(MainWindow &window, const QString &file) {
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto save = [&window, file, clock] {
        // Polls (screenshots only) until the page is idle, then saves after one more turn of the event loop
        // so the views lay out what just arrived.
        auto *poll = new QTimer(&window);
        QObject::connect(poll, &QTimer::timeout, &window, [&window, file, clock, poll] {
            const bool timedOut = clock->elapsed() > kScreenshotTimeoutMs;
            if ((!window.isSettled() || window.isPageBusy()) && !timedOut)
                return;
            poll->stop();
            if (timedOut)
                fail(QStringLiteral("the data did not arrive in time; saving the window as it is"));
            // Labels that just got their text ask for a new layout: do it, and paint, before the grab.
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            QTimer::singleShot(0, &window, [&window, file, timedOut] {
                const bool written = window.grab().save(file, "PNG");
                if (!written)
                    fail(QStringLiteral("could not write %1").arg(file));
                QCoreApplication::exit(written && !timedOut ? 0 : 1);
            });
        });
        poll->start(50);
    };
    QTimer::singleShot(0, &window, save);
}

struct Options {
    QCommandLineOption demo{QStringLiteral("demo"),
                            QStringLiteral("Start the built-in LiteLLM simulator and connect to it.")};
    QCommandLineOption url{QStringLiteral("url"),
                           QStringLiteral("Connect to the proxy at URL. The key comes from "
                                          "LITELLM_PROXY_API_KEY, or is asked for."),
                           QStringLiteral("URL")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Once the data has loaded, save the window to FILE (PNG) "
                                                 "and exit."),
                                  QStringLiteral("FILE")};
    QCommandLineOption page{QStringLiteral("page"),
                            QStringLiteral("Open on the page NAME (for example users or models)."),
                            QStringLiteral("NAME")};
    QCommandLineOption listPages{QStringLiteral("list-pages"),
                                 QStringLiteral("Print the page names and exit.")};
    QCommandLineOption theme{QStringLiteral("theme"),
                             QStringLiteral("Use the light, dark or system theme for this run, without "
                                            "changing the one chosen in the app."),
                             QStringLiteral("THEME")};

    void addTo(QCommandLineParser &parser) const {
        parser.setApplicationDescription(QStringLiteral("Desktop console for LiteLLM proxy admins."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({demo, url, screenshot, page, listPages, theme});
    }
};

void setIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("litellm-desk"));
    QCoreApplication::setApplicationName(QStringLiteral("litellm-desk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DESK_VERSION));
}

// --help, --version and --list-pages only print: they run without a display.
bool onlyPrints(int argc, char **argv) {
    static const QList<QByteArray> printing{"-h", "--help",    "-?",          "--help-all",
                                            "-v", "--version", "--list-pages"};
    for (int i = 1; i < argc; ++i)
        if (printing.contains(QByteArray(argv[i])))
            return true;
    return false;
}

int printAndExit(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    setIdentity();
    const Options options;
    QCommandLineParser parser;
    options.addTo(parser);
    parser.process(app); // --help and --version print and exit here
    std::printf("%s\n", qPrintable(MainWindow::pageNames().join(u'\n')));
    return 0;
}

} // namespace

int main(int argc, char **argv) {
    if (onlyPrints(argc, argv))
        return printAndExit(argc, argv);
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("LiteLLM Desk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/litellm-desk.svg")));

    // Qt's own strings (standard buttons) and ours, in the user's language when a translation exists, over
    // the English plural forms.
    plurals::installEnglish();
    QTranslator qtStrings, deskStrings;
    if (qtStrings.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                       QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtStrings);
    if (deskStrings.load(QLocale(), QStringLiteral("litellm-desk"), QStringLiteral("_"),
                         QCoreApplication::applicationDirPath() + u"/../share/litellm-desk/translations"))
        QApplication::installTranslator(&deskStrings);
    if (const auto theme = appearance::savedTheme(); theme != appearance::Theme::System)
        appearance::apply(theme);

    const Options options;
    QCommandLineParser parser;
    options.addTo(parser);
    parser.process(app);

    if (parser.isSet(options.theme)) {
        const QString name = parser.value(options.theme).trimmed().toLower();
        const auto themes = {appearance::Theme::System, appearance::Theme::Light, appearance::Theme::Dark};
        const auto it = std::find_if(themes.begin(), themes.end(),
                                     [&](appearance::Theme t) { return appearance::themeName(t) == name; });
        if (it == themes.end()) {
            fail(QStringLiteral("--theme must be light, dark or system, not \"%1\"").arg(name));
            return 2;
        }
        appearance::apply(*it);
    }

    if (parser.isSet(options.demo) && parser.isSet(options.url)) {
        fail(QStringLiteral("--demo and --url cannot be used together"));
        return 2;
    }

    // Saved connections and the keychain; --demo and --url use neither (their key stays in memory).
    ProfileStore profiles;
    KeychainSecretStore keychain;
    MemorySecretStore session; // "this session only" keys, for the whole run
    const bool screenshotMode = parser.isSet(options.screenshot);
    // Watching: every saved connection with a key, and the window's own, one pass at a time. A screenshot
    // watches only when it shows the Watch page, and has no tray.
    WatchScheduler watcher;
    WatchTargets targets(&profiles, {&keychain, &session}, &watcher);
    // A screenshot shows the layout the window is built with and leaves the remembered one alone.
    MainWindow window({&profiles, &keychain, &session, {}, !screenshotMode, &watcher, &targets});
    const bool watching = !screenshotMode || parser.value(options.page) == u"watch";
    std::unique_ptr<WatchTray> tray;
    if (watching) {
        if (!screenshotMode)
            targets.reload();
        watcher.start();
    }
    if (!screenshotMode) {
        tray = std::make_unique<WatchTray>(&watcher);
        QObject::connect(tray.get(), &WatchTray::showWindowRequested, &window, [&window] {
            window.show();
            window.raise();
            window.activateWindow();
        });
        QObject::connect(tray.get(), &WatchTray::alertsRequested, &window, &MainWindow::showAlerts);
        QObject::connect(tray.get(), &WatchTray::quitRequested, &window, &MainWindow::quit);
        // With a tray, closing the window keeps watching until Quit (unless turned off in the settings).
        if (tray->hasTrayIcon() && QSettings().value(QStringLiteral("watch/closeToTray"), true).toBool()) {
            app.setQuitOnLastWindowClosed(false);
            window.setCloseToTray(true);
        }
    }

    std::unique_ptr<Simulator> simulator;
    if (parser.isSet(options.demo)) {
        simulator = std::make_unique<Simulator>();
        if (!simulator->listen(0)) {
            fail(QStringLiteral("the simulator could not start: %1").arg(simulator->errorString()));
            return 1;
        }
        window.openSession(MainWindow::demoProfile(simulator->url()), simulator->masterKey());
    } else if (parser.isSet(options.url)) {
        QString why;
        ClientConfig config;
        config.baseUrl = normalizeBaseUrl(parser.value(options.url), &why);
        if (!config.baseUrl.isValid()) {
            fail(QStringLiteral("--url: %1").arg(why));
            return 2;
        }
        const QString key = qEnvironmentVariable("LITELLM_PROXY_API_KEY").trimmed();
        if (key.isEmpty() && screenshotMode) {
            fail(QStringLiteral("--screenshot with --url needs LITELLM_PROXY_API_KEY"));
            return 2;
        }
        // Without a key the window asks for it (session only) once it is shown.
        QTimer::singleShot(0, &window, [&window, config, key] { window.connectTo(config, key); });
    } else if (screenshotMode) {
        fail(QStringLiteral("--screenshot needs --demo or --url"));
        return 2;
    } else {
        // The last connection reopens; on a first run the connection manager opens.
        QTimer::singleShot(0, &window, [&window] {
            if (!window.reopenLastProfile())
                window.showConnections();
        });
    }

    if (screenshotMode && !parser.isSet(options.page))
        window.showPage(window.pageNames().value(0)); // not the page remembered from the last run
    if (parser.isSet(options.page) && !window.showPage(parser.value(options.page))) {
        fail(QStringLiteral("--page must be one of %1, not \"%2\"")
                 .arg(window.pageNames().join(QStringLiteral(", ")), parser.value(options.page)));
        return 2;
    }
    if (screenshotMode)
        takeScreenshotWhenSettled(window, parser.value(options.screenshot));
    window.show();
    return app.exec();
}
