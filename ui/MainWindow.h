#pragma once

#include "api/ClientConfig.h"

#include <QMainWindow>
#include <QPointer>

class ConnectionHeader;
class ModelCatalog;
class ModelsPage;
class ProxyClient;
class ProxyProbe;
class QListWidget;
class QStackedWidget;
struct ProbeResult;

// The desktop window: a connection header in the toolbar, navigation on the left, one page per
// feature on the right. Owns the connection's ProxyClient and the services that use it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Connects to a proxy and loads everything. The key goes into the ProxyClient and nowhere else.
    void connectTo(const ClientConfig &config, const QString &key);
    // Asks for URL, key and header style (prefilled with `url` when valid), then connects.
    void showConnectDialog(const QUrl &url = {});
    // Probes the proxy and reloads the pages' data.
    void refresh();

    ProxyClient *client() const;
    // True once the connection probe has finished and the models have loaded or failed to.
    bool isSettled() const { return m_probeDone && m_modelsDone; }

signals:
    void settled();

private:
    void buildMenus();
    void buildToolBar();
    void onProbeFinished(const ProbeResult &result);
    void checkSettled();
    void showAbout();

    ConnectionHeader *m_header = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    ModelsPage *m_modelsPage = nullptr;
    QAction *m_refresh = nullptr;

    QPointer<ProxyClient> m_client;
    QPointer<ProxyProbe> m_probe;
    QPointer<ModelCatalog> m_catalog;
    QString m_probeError;
    bool m_probeDone = false;
    bool m_modelsDone = false;
};
