#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QToolButton;

// Long work in the status bar: what is being done, how far it got (busy when the total is unknown) and a
// Cancel button (Esc while the window has focus). One task at a time; a new start() replaces the old one.
class StatusProgress : public QWidget {
    Q_OBJECT
public:
    explicit StatusProgress(QWidget *parent = nullptr);

    // `cancel` is called when the person cancels; null hides the Cancel button.
    void start(const QString &label, std::function<void()> cancel = {});
    void setProgress(qint64 done, qint64 total, const QString &label = {});
    void finish();
    bool isActive() const { return m_active; }
    QString label() const;
    void cancel();

signals:
    void activeChanged(bool active);

private:
    QLabel *m_label = nullptr;
    QProgressBar *m_bar = nullptr;
    QToolButton *m_cancel = nullptr;
    std::function<void()> m_onCancel;
    bool m_active = false;
};
