#pragma once

#include "core/api/ApiError.h"
#include "core/budget/BudgetBook.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include "core/api/Call.h"

class ApiReply;
class ProxyClient;

// The proxy-wide budget (/global/spend: spend and max_budget; a max_budget of 0 means none).
struct ProxyBudget {
    double spend = 0;
    double maxBudget = 0;
};
ApiReply *readProxyBudget(ProxyClient &client, QObject *context, Handler<ProxyBudget> done);

// Reads a BudgetBook from the proxy, one request at a time: the proxy's budget (/global/spend), every
// team (/v2/team/list page by page, or the old /team/list, which also sends each member's budget), each
// team with members through /team/info for its members' budgets, and every user (/user/list page by
// page). What the caller may not read is left out and named in the book's warnings; the read fails
// only when the proxy cannot be reached. Deleting the reader cancels it.
class BudgetReader : public QObject {
    Q_OBJECT
public:
    explicit BudgetReader(ProxyClient *client, QObject *parent = nullptr);
    ~BudgetReader() override;

    void start();
    int requests() const { return m_requests; }

signals:
    void progress(const QString &step);
    void finished(const BudgetBook &book);
    void failed(const ApiError &error);

private:
    void readProxy();
    void readTeams(int page);
    void readMembers();
    void readUsers(int page);
    void finish();
    // A failure that only leaves some budgets out; false when it means the proxy is gone (the read fails).
    bool tolerate(const ApiError &error, const QString &what);

    QPointer<ProxyClient> m_client;
    QPointer<ApiReply> m_reply;
    BudgetBook m_book;
    QList<TeamRecord> m_withMembers; // teams whose members' budgets /team/info gives
    QDateTime m_startedAt;
    QSet<QString> m_seen; // team or user ids read so far: a proxy that pages forever repeats them
    int m_requests = 0;
};
