#pragma once

#include "ui/PageContext.h"

#include <QWidget>

// What every page of the window is: a view of the window's connection. The window builds the pages from
// one table (MainWindow's pages) and treats them all alike:
// - in: setContext() whenever the connection, the caller's role or the model list changes; reload()
//   (the page's Reload, and a new client); cancel() (Esc, or Cancel in the status bar, while the page
//   works); focusFilter() (Ctrl+F);
// - out: statusMessage() for the status bar; work (startWork/setWorkProgress/finishWork) for long,
//   cancelable jobs, which the window shows in the status bar with Cancel; busy while the page's data is
//   still arriving (a screenshot waits for it).
// Logic that is not about widgets lives in core/ services the page renders (KeyDirectory, KeyExporter,
// ActivityFetcher, …), so the CLI shares it and tests reach it without a window.
class Page : public QWidget {
    Q_OBJECT
public:
    explicit Page(QWidget *parent = nullptr);

    virtual void setContext(const PageContext &context) = 0;
    virtual void reload() = 0;
    // Stops the page's work; nothing by default.
    virtual void cancel() {}
    // Focuses the page's filter box and selects its text; false when the page has none.
    bool focusFilter();

    bool isBusy() const { return m_busy; }
    bool isWorking() const { return m_working; }

signals:
    void statusMessage(const QString &message);
    void busyChanged(bool busy);
    void workStarted(const QString &label);
    void workProgress(qint64 done, qint64 total, const QString &label);
    void workFinished();

protected:
    // The widget Ctrl+F focuses; null when the page has no filter.
    virtual QWidget *filterWidget() const { return nullptr; }
    void setBusy(bool busy);
    // Long work the window shows in its status bar; Cancel there (or Esc) calls cancel().
    void startWork(const QString &label);
    void setWorkProgress(qint64 done, qint64 total, const QString &label = {});
    void finishWork();

private:
    bool m_busy = false;
    bool m_working = false;
};
