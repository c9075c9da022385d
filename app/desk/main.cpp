#include "MainWindow.h"
#include "api/ClientConfig.h"
#include "connection/KeychainSecretStore.h"
#include "connection/ProfileStore.h"
#include "connection/SecretStore.h"
#include "sim/Simulator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPixmap>
#include <QSettings>
#include <QStackedWidget>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

constexpr int kScreenshotTimeoutMs = 60000;

void fail(const QString &message) {
    std::fprintf(stderr, "litellm-desk: %s\n", qPrintable(message));
}

// Saves the window once its data has arrived (or failed to), then quits: 0 when the PNG was written.
void takeScreenshotWhenSettled(MainWindow &window, const QString &file) {
    auto save = [&window, file](bool timedOut) {
        // One more turn of the event loop so the views lay out what just arrived.
        QTimer::singleShot(50, &window, [&window, file, timedOut] {
            if (timedOut)
                fail(QStringLiteral("the data did not arrive in time; saving the window as it is"));
            const bool written = window.grab().save(file, "PNG");
            if (!written)
                fail(QStringLiteral("could not write %1").arg(file));
            QCoreApplication::exit(written && !timedOut ? 0 : 1);
        });
    };
    // Once settled, wait for the page shown to finish loading (pages that load set "busy").
    auto *poll = new QTimer(&window);
    poll->setInterval(100);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, save] {
        const auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
        if (pages && pages->currentWidget() && pages->currentWidget()->property("busy").toBool())
            return;
        poll->stop();
        save(false);
    });
    QObject::connect(
        &window, &MainWindow::settled, &window, [poll] { poll->start(); }, Qt::SingleShotConnection);
    QTimer::singleShot(kScreenshotTimeoutMs, &window, [&window, save] {
        if (!window.isSettled())
            save(true);
    });
}

} // namespace

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("litellm-desk"));
    QApplication::setApplicationName(QStringLiteral("litellm-desk"));
    QApplication::setApplicationDisplayName(QStringLiteral("LiteLLM Desk"));
    QApplication::setApplicationVersion(QStringLiteral(DESK_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/litellm-desk.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop console for LiteLLM proxy admins."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Start the built-in LiteLLM simulator and connect to it."));
    const QCommandLineOption url(QStringLiteral("url"),
                                 QStringLiteral("Connect to the proxy at URL. The key comes from "
                                                "LITELLM_PROXY_API_KEY, or is asked for."),
                                 QStringLiteral("URL"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Once the data has loaded, save the window to FILE (PNG) "
                       "and exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption page(
        QStringLiteral("page"),
        QStringLiteral("Open on page NAME: overview, usage, keys, models, roles or users."),
        QStringLiteral("NAME"));
    parser.addOptions({demo, url, screenshot, page});
    parser.process(app);

    if (parser.isSet(demo) && parser.isSet(url)) {
        fail(QStringLiteral("--demo and --url cannot be used together"));
        return 2;
    }

    // Saved connections and the keychain; --demo and --url use neither (their key stays in memory).
    ProfileStore profiles;
    KeychainSecretStore keychain;
    MemorySecretStore session; // "this session only" keys, for the whole run
    MainWindow window({&profiles, &keychain, &session, {}});
    const bool screenshotMode = parser.isSet(screenshot);
    QSettings settings;
    if (!screenshotMode)
        window.restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());

    std::unique_ptr<Simulator> simulator;
    if (parser.isSet(demo)) {
        simulator = std::make_unique<Simulator>();
        if (!simulator->listen(0)) {
            fail(QStringLiteral("the simulator could not start: %1").arg(simulator->errorString()));
            return 1;
        }
        window.openSession(MainWindow::demoProfile(simulator->url()), simulator->masterKey());
    } else if (parser.isSet(url)) {
        QString why;
        ClientConfig config;
        config.baseUrl = normalizeBaseUrl(parser.value(url), &why);
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

    if (parser.isSet(page) && !window.showPage(parser.value(page).trimmed().toLower())) {
        fail(QStringLiteral("--page: there is no page \"%1\"").arg(parser.value(page)));
        return 2;
    }
    if (screenshotMode)
        takeScreenshotWhenSettled(window, parser.value(screenshot));
    window.show();
    const int code = app.exec();
    if (!screenshotMode)
        settings.setValue(QStringLiteral("mainWindow/geometry"), window.saveGeometry());
    return code;
}
