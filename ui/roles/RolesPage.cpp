#include "RolesPage.h"

#include "core/api/ProxyClient.h"
#include "core/connection/RoleGate.h"
#include "core/people/TeamList.h"
#include "ui/ErrorBanner.h"
#include "ui/TextStyle.h"
#include "ui/roles/IssueKeyDialog.h"
#include "ui/roles/LeasesView.h"
#include "ui/roles/RoleEditor.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

QPushButton *smallButton(const QString &name, const QString &text, const QString &tip, QWidget *parent) {
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setToolTip(tip);
    return b;
}

bool isVaultOutput(const QByteArray &json) {
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    return root.value(u"data").isObject() && !root.contains(u"roles") && !root.contains(u"name");
}

} // namespace

RolesPage::RolesPage(std::shared_ptr<RoleStore> store, QWidget *parent)
    : Page(parent)
    , m_store(std::move(store)) {
    setObjectName(QStringLiteral("rolesPage"));

    auto *title = textstyle::title(tr("Roles"), this);
    auto *subtitle =
        new QLabel(tr("What a key issued from each role may do, and the keys issued so far"), this);
    textstyle::setMuted(subtitle);

    m_issue = new QPushButton(tr("Issue key…"), this);
    m_issue->setObjectName(QStringLiteral("issueKeyButton"));
    m_issue->setDefault(false);
    QFont bold = m_issue->font();
    bold.setBold(true);
    m_issue->setFont(bold);
    // Ctrl+N is the window's Keys > Issue Key from Role…, which comes here.
    connect(m_issue, &QPushButton::clicked, this, &RolesPage::openIssueDialog);

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    titles->addWidget(title);
    titles->addWidget(subtitle);
    header->addLayout(titles, 1);
    header->addWidget(m_issue, 0, Qt::AlignBottom);

    m_banner = new ErrorBanner(this);
    connect(m_banner, &ErrorBanner::retryRequested, this, &RolesPage::loadStore);

    // With no roles, nothing can be issued: say what to do first, and offer it.
    m_noRoles = new QWidget(this);
    m_noRoles->setObjectName(QStringLiteral("noRolesHint"));
    auto *noRolesText = new QLabel(
        tr("No roles yet. Create a role first: it says which models, budget and lifetime the keys issued "
           "from it get."),
        m_noRoles);
    noRolesText->setObjectName(QStringLiteral("noRolesText"));
    noRolesText->setWordWrap(true);
    auto *createFirst = new QPushButton(tr("Create a Role…"), m_noRoles);
    createFirst->setObjectName(QStringLiteral("createFirstRoleButton"));
    connect(createFirst, &QPushButton::clicked, this, &RolesPage::newRole);
    auto *noRolesLayout = new QHBoxLayout(m_noRoles);
    noRolesLayout->setContentsMargins(10, 6, 10, 6);
    noRolesLayout->addWidget(noRolesText, 1);
    noRolesLayout->addWidget(createFirst);
    textstyle::setNotice(m_noRoles, textstyle::Tone::Warning);
    m_noRoles->hide();

    // Roles tab: list and editor.
    auto *rolesTab = new QWidget;
    auto *left = new QWidget;
    m_list = new QListWidget(left);
    m_list->setObjectName(QStringLiteral("roleList"));
    m_list->setAccessibleName(tr("Roles"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_new = smallButton(QStringLiteral("newRoleButton"), tr("New"), tr("Create a role"), left);
    m_duplicate = smallButton(QStringLiteral("duplicateRoleButton"), tr("Duplicate"),
                              tr("Start a new role from the selected one"), left);
    m_delete =
        smallButton(QStringLiteral("deleteRoleButton"), tr("Delete…"), tr("Delete the selected role"), left);
    m_import =
        smallButton(QStringLiteral("importRolesButton"), tr("Import…"),
                    tr("Roles from a LiteLLM Desk export or Vault's `vault read -format=json` output"), left);
    m_export = smallButton(QStringLiteral("exportRolesButton"), tr("Export"),
                           tr("Write roles to a JSON file"), left);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("Selected role…"), this, [this] { chooseExport(true); });
    exportMenu->addAction(tr("All roles…"), this, [this] { chooseExport(false); });
    m_export->setMenu(exportMenu);
    auto *editButtons = new QHBoxLayout;
    editButtons->setSpacing(4);
    editButtons->addWidget(m_new);
    editButtons->addWidget(m_duplicate);
    editButtons->addWidget(m_delete);
    auto *fileButtons = new QHBoxLayout;
    fileButtons->setSpacing(4);
    fileButtons->addWidget(m_import);
    fileButtons->addWidget(m_export);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(editButtons);
    leftLayout->addLayout(fileButtons);

    m_editor = new RoleEditor;
    auto *splitter = new QSplitter(Qt::Horizontal, rolesTab);
    splitter->setObjectName(QStringLiteral("rolesSplitter")); // remembered by the window's LayoutMemory
    splitter->addWidget(left);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 640});
    splitter->setChildrenCollapsible(false);
    auto *rolesLayout = new QVBoxLayout(rolesTab);
    rolesLayout->addWidget(splitter);

    m_leases = new LeasesView;
    connect(m_leases, &LeasesView::statusMessage, this, &RolesPage::statusMessage);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("rolesTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(rolesTab, tr("Roles"));
    m_tabs->addTab(m_leases, tr("Leases"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_leases && m_client && !m_leasesLoaded) {
            m_leasesLoaded = true;
            m_leases->refresh();
        }
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_noRoles);
    layout->addWidget(m_tabs, 1);

    connect(m_list, &QListWidget::itemSelectionChanged, this, &RolesPage::selectionChanged);
    connect(m_editor, &RoleEditor::saved, this, &RolesPage::saveRole);
    connect(m_editor, &RoleEditor::canceled, this, &RolesPage::showSelected);
    connect(m_new, &QPushButton::clicked, this, &RolesPage::newRole);
    connect(m_duplicate, &QPushButton::clicked, this, &RolesPage::duplicateRole);
    connect(m_delete, &QPushButton::clicked, this, &RolesPage::confirmDelete);
    connect(m_import, &QPushButton::clicked, this, &RolesPage::chooseImport);

    loadStore();
}

void RolesPage::setContext(const PageContext &context) {
    setConnection(context.client, context.scope, context.modelNames);
    setIssueBlocked(context.isConnected() ? RoleGate::whyNot(context.caller, RoleGate::Action::IssueKey)
                                          : QString());
}

void RolesPage::reload() {
    loadStore();
    if (m_client && m_tabs->currentWidget() == m_leases)
        m_leases->refresh();
}

void RolesPage::setConnection(ProxyClient *client, const QString &scope, const QStringList &knownModels) {
    const bool newClient = client != m_client;
    m_client = client;
    m_scope = scope;
    m_knownModels = knownModels;
    m_editor->setKnownModels(knownModels);
    // The team fields offer the proxy's teams by alias: read once per connection, not on every change
    // of its context (the caller, the models).
    if (newClient) {
        m_editor->setKnownTeams({});
        if (client) {
            auto *teams = new TeamList(client, this);
            connect(teams, &TeamList::loaded, this, [this, teams, client](const QList<TeamRecord> &loaded) {
                teams->deleteLater();
                if (m_client == client)
                    m_editor->setKnownTeams(TeamList::choices(loaded));
            });
            connect(teams, &TeamList::failed, teams, &QObject::deleteLater);
            teams->load();
        }
    }
    m_leases->setClient(client);
    m_leasesLoaded = false;
    showRoles();
    if (client && m_tabs->currentWidget() == m_leases) {
        m_leasesLoaded = true;
        m_leases->refresh();
    }
}

void RolesPage::loadStore() {
    m_banner->clear();
    if (const auto e = m_store->load(); !e.ok())
        showProblem(e.message,
                    m_store->corruptCopy().isEmpty()
                        ? tr("Fix or remove %1, then retry.").arg(m_store->path())
                        : tr("The damaged file was kept as %1; new roles are saved to a fresh file.")
                              .arg(m_store->corruptCopy()));
    showRoles(selectedRole());
}

void RolesPage::showProblem(const QString &message, const QString &hint) {
    m_banner->showProblem(message, hint, m_store->path());
}

void RolesPage::showRoles(const QString &select) {
    const QString keep = select.isEmpty() ? selectedRole() : select;
    m_roles = m_store->roles(m_scope);
    {
        const QSignalBlocker block(m_list);
        m_list->clear();
        for (const auto &r : m_roles) {
            auto *item = new QListWidgetItem(r.name, m_list);
            QStringList tip;
            tip << (r.maxBudget > 0 ? tr("Budget $%1").arg(r.maxBudget, 0, 'f', 2) : tr("Unlimited budget"));
            tip << (r.ttl.isZero() ? tr("No expiry") : tr("TTL %1").arg(r.ttl.toDisplay()));
            tip << (r.models.isEmpty() ? tr("All models") : r.models.join(QStringLiteral(", ")));
            item->setToolTip(tip.join(u'\n'));
        }
    }
    m_leases->setRoles(m_roles);
    const auto found = m_list->findItems(keep, Qt::MatchExactly);
    if (!found.isEmpty())
        m_list->setCurrentItem(found.first());
    else if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        m_editor->clearRole();
    updateActions();
}

QString RolesPage::selectedRole() const {
    const auto items = m_list->selectedItems();
    return items.isEmpty() ? QString() : items.first()->text();
}

void RolesPage::selectRole(const QString &name) {
    const auto found = m_list->findItems(name, Qt::MatchExactly);
    if (!found.isEmpty())
        m_list->setCurrentItem(found.first());
}

bool RolesPage::hasUnsavedChanges() const {
    return m_editor->isEnabled() && m_editor->isModified();
}

void RolesPage::setIssueBlocked(const QString &why) {
    m_issueBlocked = why;
    updateActions();
}

void RolesPage::confirmLeave(const std::function<void()> &then) {
    if (!hasUnsavedChanges())
        return then();
    const Role pending = m_editor->role();
    const QString oldName = m_editor->oldName();
    const bool valid = m_editor->errors().isEmpty();
    const QString name =
        pending.name.isEmpty() ? tr("the new role") : QStringLiteral("“%1”").arg(pending.name);
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Unsaved Changes"), tr("Save the changes to %1?").arg(name),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("unsavedChangesBox"));
    box->setInformativeText(valid ? tr("Otherwise they are lost.")
                                  : tr("The role is not valid yet, so it cannot be saved: %1")
                                        .arg(m_editor->errors().first().message));
    box->button(QMessageBox::Save)->setEnabled(valid);
    box->setDefaultButton(valid ? QMessageBox::Save : QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, pending, oldName, then] {
        const auto answer = box->standardButton(box->clickedButton());
        if (answer == QMessageBox::Save) {
            saveRole(pending, oldName);
            if (hasUnsavedChanges()) // the store refused it; the banner says why
                return;
        } else if (answer != QMessageBox::Discard) {
            return;
        }
        m_editor->clearRole();
        then();
    });
    box->open();
}

void RolesPage::selectionChanged() {
    const QString target = selectedRole();
    if (m_saving || !hasUnsavedChanges() || target == m_shown)
        return showSelected();
    // Put the selection back until the person decides.
    {
        const QSignalBlocker block(m_list);
        m_list->clearSelection();
        const auto items = m_list->findItems(m_shown, Qt::MatchExactly);
        if (!m_shown.isEmpty() && !items.isEmpty())
            items.first()->setSelected(true);
    }
    confirmLeave([this, target] { selectRole(target); });
}

void RolesPage::showSelected() {
    const QString name = selectedRole();
    m_shown = name;
    if (const auto role = m_store->role(m_scope, name))
        m_editor->setRole(*role, false);
    else
        m_editor->clearRole();
    m_leases->setRoleFilter(name);
    updateActions();
}

void RolesPage::updateActions() {
    const bool hasScope = !m_scope.isEmpty();
    const bool selected = !selectedRole().isEmpty();
    for (QPushButton *b : {m_new, m_import})
        b->setEnabled(hasScope);
    m_duplicate->setEnabled(selected);
    m_delete->setEnabled(selected);
    m_export->setEnabled(!m_roles.isEmpty());
    m_issue->setEnabled(m_client && !m_roles.isEmpty() && m_issueBlocked.isEmpty());
    m_issue->setToolTip(!m_client                   ? tr("Connect to a proxy to issue keys.")
                        : !m_issueBlocked.isEmpty() ? m_issueBlocked
                        : m_roles.isEmpty()         ? tr("Create a role first.")
                                                    : tr("Issue a key from a role (Ctrl+N)"));
    m_tabs->setTabToolTip(1, m_client ? QString() : tr("Connect to a proxy to see leases."));
    m_noRoles->setVisible(hasScope && m_roles.isEmpty() && !m_editor->isEnabled());
}

void RolesPage::saveRole(const Role &role, const QString &oldName) {
    if (oldName.isEmpty() && m_store->role(m_scope, role.name)) {
        showProblem(tr("A role named “%1” already exists.").arg(role.name), tr("Choose another name."));
        return;
    }
    const auto e = oldName.isEmpty() ? m_store->put(m_scope, role, m_knownModels)
                                     : m_store->replace(m_scope, oldName, role, m_knownModels);
    if (!e.ok()) {
        showProblem(e.message);
        return;
    }
    m_banner->clear();
    m_saving = true;
    showRoles(role.name);
    m_saving = false;
    showSelected();
    emit statusMessage(tr("Role “%1” saved.").arg(role.name));
}

void RolesPage::newRole() {
    if (hasUnsavedChanges())
        return confirmLeave([this] { newRole(); });
    m_shown.clear();
    const QSignalBlocker block(m_list);
    m_list->clearSelection();
    m_editor->setRole(Role{}, true);
    m_editor->findChild<QWidget *>(QStringLiteral("field_name"))->setFocus();
    updateActions();
}

void RolesPage::duplicateRole() {
    if (hasUnsavedChanges())
        return confirmLeave([this] { duplicateRole(); });
    auto role = m_store->role(m_scope, selectedRole());
    if (!role)
        return;
    QString name = role->name + QStringLiteral("-copy");
    for (int i = 2; m_store->role(m_scope, name); ++i)
        name = role->name + QStringLiteral("-copy%1").arg(i);
    role->name = name;
    m_shown.clear();
    const QSignalBlocker block(m_list);
    m_list->clearSelection();
    m_editor->setRole(*role, true);
    updateActions();
}

void RolesPage::confirmDelete() {
    const QString name = selectedRole();
    if (name.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete role"), tr("Delete role “%1”?").arg(name),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->setInformativeText(tr("Keys already issued from it keep working; they stay listed under Leases only "
                               "while a role of this name exists."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QPushButton *confirm = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, name](QAbstractButton *button) {
        if (button->objectName() != u"confirmButton")
            return;
        if (const auto e = m_store->remove(m_scope, name); !e.ok()) {
            showProblem(e.message);
            return;
        }
        showRoles();
        emit statusMessage(tr("Role “%1” deleted.").arg(name));
    });
    box->open();
}

void RolesPage::chooseImport() {
    auto *dialog = new QFileDialog(this, tr("Import roles"), {}, tr("JSON files (*.json);;All files (*)"));
    dialog->setObjectName(QStringLiteral("importDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    connect(dialog, &QFileDialog::fileSelected, this, &RolesPage::importFile);
    dialog->open();
}

void RolesPage::importFile(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        showProblem(tr("%1 cannot be read: %2").arg(path, f.errorString()));
        return;
    }
    const QByteArray bytes = f.readAll();
    if (!isVaultOutput(bytes)) {
        if (const QString e = importJson(bytes); !e.isEmpty())
            showProblem(e);
        return;
    }
    auto *ask = new QInputDialog(this);
    ask->setObjectName(QStringLiteral("vaultNameDialog"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setWindowTitle(tr("Import a Vault role"));
    ask->setLabelText(tr("This is Vault's output for one role, which does not say its name. Role name:"));
    ask->setTextValue(normalizeRoleName(QFileInfo(path).completeBaseName()));
    connect(ask, &QInputDialog::textValueSelected, this, [this, bytes](const QString &name) {
        if (const QString e = importJson(bytes, name); !e.isEmpty())
            showProblem(e);
    });
    ask->open();
}

QString RolesPage::importJson(const QByteArray &json, const QString &vaultName) {
    QStringList imported;
    if (const auto e = m_store->importJson(m_scope, json, vaultName, &imported); !e.ok())
        return e.message;
    m_banner->clear();
    showRoles(imported.value(0));
    emit statusMessage(tr("Imported %n role(s): %1", nullptr, int(imported.size()))
                           .arg(imported.join(QStringLiteral(", "))));
    return {};
}

void RolesPage::chooseExport(bool selectedOnly) {
    const QStringList names =
        selectedOnly && !selectedRole().isEmpty() ? QStringList{selectedRole()} : QStringList{};
    const QString suggested =
        names.isEmpty() ? QStringLiteral("roles.json") : names.first() + QStringLiteral(".json");
    auto *dialog = new QFileDialog(this, tr("Export roles"), suggested, tr("JSON files (*.json)"));
    dialog->setObjectName(QStringLiteral("exportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("json"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, names](const QString &path) {
        if (const QString e = exportTo(path, names); !e.isEmpty())
            showProblem(e);
    });
    dialog->open();
}

QString RolesPage::exportTo(const QString &path, const QStringList &names) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return tr("%1 cannot be written: %2").arg(path, f.errorString());
    f.write(m_store->exportJson(m_scope, names));
    if (!f.commit())
        return tr("%1 cannot be written: %2").arg(path, f.errorString());
    emit statusMessage(tr("Exported %1 to %2")
                           .arg(names.isEmpty() ? tr("all roles") : names.join(QStringLiteral(", ")), path));
    return {};
}

void RolesPage::openIssueDialog() {
    if (!m_client || !m_issueBlocked.isEmpty())
        return;
    if (m_roles.isEmpty())
        return offerFirstRole();
    auto *dialog = new IssueKeyDialog(m_client, m_roles, m_knownModels, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->selectRole(selectedRole());
    connect(dialog, &IssueKeyDialog::keyIssued, this, [this](const QString &, const QString &alias) {
        emit statusMessage(tr("Key “%1” issued.").arg(alias));
        m_leasesLoaded = true;
        m_leases->refresh();
    });
    dialog->open();
}

void RolesPage::offerFirstRole() {
    auto *box = new QMessageBox(QMessageBox::Information, tr("No Roles Yet"), tr("Create a role first."),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("noRolesBox"));
    box->setInformativeText(tr("Keys are issued from a role, which says which models, budget and lifetime "
                               "they get. There are no roles for this connection yet."));
    QPushButton *create = box->addButton(tr("Create a Role…"), QMessageBox::AcceptRole);
    create->setObjectName(QStringLiteral("createRoleButton"));
    box->setDefaultButton(create);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(create, &QPushButton::clicked, this, [this] {
        m_tabs->setCurrentIndex(0);
        newRole();
    });
    box->open();
}

void RolesPage::showLeases() {
    m_tabs->setCurrentWidget(m_leases);
}
