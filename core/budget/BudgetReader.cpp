#include "BudgetReader.h"

#include "core/api/Json.h"
#include "core/api/PeopleApi.h"
#include "core/api/TeamApi.h"

namespace {

Expected<ProxyBudget> decodeGlobalSpend(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    return ProxyBudget{json::num(o->value(u"spend")), json::num(o->value(u"max_budget"))};
}

} // namespace

ApiReply *readProxyBudget(ProxyClient &client, QObject *context, Handler<ProxyBudget> done) {
    return api::call<ProxyBudget>(client, Request::get(QStringLiteral("/global/spend")), &decodeGlobalSpend,
                                  context, std::move(done));
}

BudgetReader::BudgetReader(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {}

BudgetReader::~BudgetReader() {
    if (m_reply) { // canceled without a word: whoever deleted the reader no longer wants its answer
        m_reply->disconnect(this);
        m_reply->cancel();
    }
}

void BudgetReader::start() {
    m_book = {};
    m_withMembers.clear();
    m_seen.clear();
    m_requests = 0;
    m_startedAt = QDateTime::currentDateTimeUtc();
    readProxy();
}

bool BudgetReader::tolerate(const ApiError &error, const QString &what) {
    if (error.kind != ApiError::Kind::Http && error.kind != ApiError::Kind::Decode) {
        emit failed(error);
        return false;
    }
    m_book.warnings << tr("%1 could not be read (%2); they are left out of every key's budgets.")
                           .arg(what, error.toString());
    return true;
}

void BudgetReader::readProxy() {
    if (!m_client)
        return;
    emit progress(tr("Reading the proxy's budget…"));
    ++m_requests;
    // A proxy without /global/spend, or a caller who may not read it, has no proxy-wide budget to show.
    m_reply = readProxyBudget(*m_client, this, [this](Expected<ProxyBudget> b) {
        if (b) {
            m_book.proxySpend = b->spend;
            m_book.proxyMaxBudget = b->maxBudget;
        } else if (b.error().kind != ApiError::Kind::Http && b.error().kind != ApiError::Kind::Decode) {
            return emit failed(b.error());
        }
        readTeams(1);
    });
}

void BudgetReader::readTeams(int page) {
    if (!m_client)
        return;
    emit progress(tr("Reading team budgets (page %1)…").arg(page));
    api::TeamListQuery query;
    query.page = page;
    query.pageSize = api::TeamListQuery::kMaxPageSize;
    ++m_requests;
    api::listTeams(*m_client, query, this, [this, page](Expected<api::TeamPage> result) {
        if (!result) {
            if (tolerate(result.error(), tr("Team budgets")))
                readUsers(1);
            return;
        }
        int fresh = 0;
        for (TeamRecord &t : result->teams) {
            if (m_seen.contains(t.teamId))
                continue;
            m_seen.insert(t.teamId);
            ++fresh;
            // The old /team/list sends each member's budget with the team; /v2/team/list does not.
            if (result->paged && !t.members.isEmpty())
                m_withMembers << t;
            else
                m_book.teams.insert(t.teamId, std::move(t));
        }
        if (result->paged && page < result->totalPages && fresh > 0)
            return readTeams(page + 1);
        m_seen.clear();
        readMembers();
    });
}

void BudgetReader::readMembers() {
    if (!m_client)
        return;
    if (m_withMembers.isEmpty())
        return readUsers(1);
    const TeamRecord team = m_withMembers.takeFirst();
    emit progress(tr("Reading the member budgets of team %1…").arg(team.displayName()));
    ++m_requests;
    m_reply = api::teamInfo(
        *m_client, team.teamId, this,
        [this, team](Expected<api::TeamInfo> info) {
            if (info) {
                m_book.teams.insert(team.teamId, std::move(info->team));
            } else {
                if (!tolerate(info.error(), tr("The member budgets of team %1").arg(team.displayName())))
                    return;
                m_book.teams.insert(team.teamId, team); // its own budget is still known
            }
            readMembers();
        },
        1); // only the members are wanted; key_limit must be at least 1
}

void BudgetReader::readUsers(int page) {
    if (!m_client)
        return;
    emit progress(tr("Reading user budgets (page %1)…").arg(page));
    api::UserListQuery query;
    query.page = page;
    query.pageSize = api::UserListQuery::kMaxPageSize;
    query.sortBy = QStringLiteral("user_id"); // a stable order while users are added
    ++m_requests;
    m_reply = api::listUsers(*m_client, query, this, [this, page](Expected<api::UserPage> result) {
        if (!result) {
            if (tolerate(result.error(), tr("User budgets")))
                finish();
            return;
        }
        int fresh = 0;
        for (UserRecord &u : result->users) {
            if (m_seen.contains(u.userId))
                continue;
            m_seen.insert(u.userId);
            ++fresh;
            if (u.maxBudget)
                m_book.users.insert(u.userId, std::move(u));
        }
        if (page < result->totalPages && fresh > 0)
            return readUsers(page + 1);
        finish();
    });
}

void BudgetReader::finish() {
    m_book.readAt = m_startedAt; // every budget's spend is at least this recent
    m_book.prune();
    emit finished(m_book);
}
