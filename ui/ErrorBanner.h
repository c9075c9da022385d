#pragma once

#include "core/api/ApiError.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

// A non-modal strip above a page's content saying what went wrong: the message, what to do about it,
// the technical detail one click away, and a Retry button.
class ErrorBanner : public QFrame {
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    void showError(const ApiError &error);
    // A local problem (a file that cannot be read or written): no request failed, so no request detail.
    void showProblem(const QString &message, const QString &hint, const QString &detail = {});
    void clear();

signals:
    void retryRequested();

private:
    QLabel *m_message = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_detail = nullptr;
    QToolButton *m_detailsButton = nullptr;
    QPushButton *m_retry = nullptr;
};
