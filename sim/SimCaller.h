#pragma once

#include <QString>

// Who sent a request to the simulator.
struct SimCaller {
    bool isMaster = false;
    QString keyHash; // empty for the master key
    QString userId;
    QString teamId;
    QString role; // proxy_admin, internal_user, ...

    bool isAdmin() const { return role == u"proxy_admin"; }
    bool isAdminViewer() const { return role == u"proxy_admin" || role == u"proxy_admin_viewer"; }
};
