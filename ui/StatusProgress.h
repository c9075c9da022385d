#pragma once

#include <QList>
#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QToolButton;

// Long work in the status bar: what is being done, how far it got (busy when the total is unknown) and a
// Cancel button (Esc while the window has focus). Each piece of work belongs to an owner (a page), one
// at a time per owner. The work started last is shown; when it ends, the one before it shows again.
class StatusProgress : public QWidget {
    Q_OBJECT
public:
    explicit StatusProgress(QWidget *parent = nullptr);

    // Starts (or restarts) the work of `owner`. `cancel` is called when the person cancels it; null hides
    // the Cancel button.
    void start(const QObject *owner, const QString &label, std::function<void()> cancel = {});
    void setProgress(const QObject *owner, qint64 done, qint64 total, const QString &label = {});
    void finish(const QObject *owner);
    bool isActive() const { return !m_tasks.isEmpty(); }
    // The work shown.
    QString label() const;
    // Cancels the work shown (when it can be).
    void cancel();

signals:
    void activeChanged(bool active);

private:
    struct Task {
        const QObject *owner = nullptr;
        QString label;
        qint64 done = 0;
        qint64 total = 0; // 0: not known yet
        std::function<void()> cancel;
    };

    Task *find(const QObject *owner);
    void showLast();

    QLabel *m_label = nullptr;
    QProgressBar *m_bar = nullptr;
    QToolButton *m_cancel = nullptr;
    QList<Task> m_tasks; // the last one is shown
};
