#pragma once

#include "core/api/Health.h"
#include "core/api/ProxyClient.h"
#include "core/catalog/ModelCatalog.h"

#include <QHash>
#include <QPointer>
#include <QStringList>

// What a page needs to follow the window's connection. MainWindow::pageContextChanged() sends a new one
// whenever the connection, the caller's role or the model list changes.
struct PageContext {
    QPointer<ProxyClient> client; // null while disconnected (no key, logged out, failed)
    QString scope;                // where per-connection data is kept: the profile id, "demo", or the URL
    QString profileName;
    CallerIdentity caller; // role empty when unknown
    bool callerKnown = false;
    QStringList modelNames;                  // the proxy's model names once loaded, else empty
    QHash<QString, QStringList> deployments; // public model name -> deployment names (ModelCatalog)
    // The connection's model list (loading, loaded or failed); null without a client.
    QPointer<ModelCatalog> catalog;

    bool isConnected() const { return !client.isNull(); }
};

Q_DECLARE_METATYPE(PageContext)
