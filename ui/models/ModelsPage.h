#pragma once

#include "core/api/ApiError.h"
#include "core/api/ModelInfo.h"

#include "ui/Page.h"

#include <QPointer>

class ErrorBanner;
class ModelCatalog;
class ModelFilterProxy;
class ModelTableModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

// The proxy's model deployments: a filter box, a mode filter, the sortable table and a count. Renders
// what a ModelCatalog loads; a failed load shows an error banner whose Retry loads again. Columns fit
// their values, except those the person has sized.
class ModelsPage : public Page {
    Q_OBJECT
public:
    explicit ModelsPage(QWidget *parent = nullptr);

    // Shows the context's catalog.
    void setContext(const PageContext &context) override;
    // Loads the catalog again.
    void reload() override;
    // The catalog to show (not owned); nullptr shows an empty page.
    void setCatalog(ModelCatalog *catalog);

protected:
    QWidget *filterWidget() const override;

private:
    void showModels(const QList<ModelInfo> &models);
    void showError(const ApiError &error);
    void showLoading(bool loading);
    void updateCount();
    void updateModes(const QList<ModelInfo> &models);

    QPointer<ModelCatalog> m_catalog;
    ModelTableModel *m_model = nullptr;
    ModelFilterProxy *m_proxy = nullptr;
    ErrorBanner *m_banner = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_mode = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_table = nullptr;
    bool m_loading = false;
};
