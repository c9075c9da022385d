#pragma once

#include "core/api/Call.h"
#include "core/api/KeyRecord.h"
#include "core/api/TeamApi.h"
#include "core/api/TeamRecord.h"
#include "core/api/UserRecord.h"

#include <optional>

namespace api {

// GET /user/list (admins). page_size is capped at the proxy's 100.
struct UserListQuery {
    int page = 1;
    int pageSize = 50;
    QString role;
    QString userEmail; // contains
    QString team;
    QString sortBy; // user_id, user_email, created_at, spend, user_alias, user_role
    Qt::SortOrder sortOrder = Qt::AscendingOrder;

    static constexpr int kMaxPageSize = 100;
    QUrlQuery toQuery() const;
};

struct UserPage {
    QList<UserRecord> users;
    std::optional<qint64> total;
    int page = 1;
    int pageSize = 0;
    int totalPages = 1;
};

// /user/info?user_id=: the user row with their keys and teams.
struct UserInfo {
    UserRecord user;
    QList<KeyRecord> keys;
    QList<TeamRecord> teams;
};

// POST /user/new. auto_create_key is false unless asked: LiteLLM's default mints an unwanted key.
struct NewUserRequest {
    QString userId;
    QString userEmail;
    QString userAlias;
    QString userRole;
    QStringList teams;
    std::optional<double> maxBudget;
    QString budgetDuration;
    QStringList models;
    QJsonObject metadata;
    bool autoCreateKey = false;
    QString keyAlias; // for the key, when autoCreateKey
    QString duration; // for the key, when autoCreateKey
    QJsonObject extra;

    QJsonObject toJson() const;
};

struct NewUser {
    UserRecord user;
    QString key; // raw key when auto_create_key was true; shown once, never stored
    QJsonObject raw;
};

Expected<UserInfo> decodeUserInfo(const QByteArray &body);
Expected<UserPage> decodeUserPage(const QByteArray &body);
Expected<NewUser> decodeNewUser(const QByteArray &body);
Expected<UserRecord> decodeUserUpdate(const QByteArray &body);

// Always sends user_id: without it an admin gets every key and team of the proxy.
ApiReply *userInfo(ProxyClient &client, const QString &userId, QObject *context, Handler<UserInfo> done);
ApiReply *listUsers(ProxyClient &client, const UserListQuery &query, QObject *context,
                    Handler<UserPage> done);
ApiReply *newUser(ProxyClient &client, const NewUserRequest &request, QObject *context,
                  Handler<NewUser> done);
// `fields` holds what to change; user_id is added.
ApiReply *updateUser(ProxyClient &client, const QString &userId, QJsonObject fields, QObject *context,
                     Handler<UserRecord> done);

} // namespace api
