#include "SignalWatcher.h"

#include <QSocketNotifier>

#include <csignal>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_pipe[2] = {-1, -1};

void onSignal(int number) {
    const char byte = static_cast<char>(number);
    [[maybe_unused]] const auto written = ::write(g_pipe[0], &byte, 1);
}

void setHandler(int number, void (*handler)(int)) {
    struct sigaction action = {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(number, &action, nullptr);
}

} // namespace

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent) {
    if (g_pipe[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_pipe) != 0)
        return;
    m_notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readSignal);
    setHandler(SIGINT, &onSignal);
    setHandler(SIGTERM, &onSignal);
    m_watching = true;
}

SignalWatcher::~SignalWatcher() {
    if (!m_watching)
        return;
    setHandler(SIGINT, SIG_DFL);
    setHandler(SIGTERM, SIG_DFL);
    delete m_notifier;
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

void SignalWatcher::readSignal() {
    char byte = 0;
    if (::read(g_pipe[1], &byte, 1) == 1)
        emit received(static_cast<unsigned char>(byte));
}

#else // Windows: the console control handler runs on its own thread, so posting to the loop is safe.
#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

namespace {

QPointer<SignalWatcher> g_watcher;

void onSignal(int number) {
    if (SignalWatcher *w = g_watcher.data())
        QMetaObject::invokeMethod(
            w, [w, number] { emit w->received(number); }, Qt::QueuedConnection);
}

} // namespace

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent) {
    if (g_watcher)
        return;
    g_watcher = this;
    std::signal(SIGINT, &onSignal);
    std::signal(SIGTERM, &onSignal);
    m_watching = true;
}

SignalWatcher::~SignalWatcher() {
    if (!m_watching)
        return;
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_watcher = nullptr;
}

void SignalWatcher::readSignal() {}
#endif
