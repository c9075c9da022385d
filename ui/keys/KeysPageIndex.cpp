// KeysPage over the connection's local key index: the index line, Sync now and automatic syncs, the
// filters and order asked of the index, the key actions written to it, and read-only offline mode.
#include "ui/keys/KeysPage.h"

#include "core/format/Count.h"
#include "core/index/IndexDatabase.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexSync.h"
#include "core/itemmodels/KeyFilterProxy.h"
#include "core/itemmodels/KeyIndexModel.h"
#include "core/itemmodels/KeyTableModel.h"
#include "core/keys/KeyDirectory.h"
#include "ui/ErrorBanner.h"
#include "ui/TextStyle.h"
#include "ui/keys/KeyChangesDialog.h"
#include "ui/keys/KeyFilterBar.h"

#include <QAction>
#include <QActionGroup>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

namespace {

const QString kUseIndexKey = QStringLiteral("keys/useIndex");
const QString kSyncMinutesKey = QStringLiteral("keys/syncMinutes");
constexpr int kDefaultSyncMinutes = 10;
constexpr int kClockMs = 30 * 1000;

bool unreachable(const ApiError &error) {
    return error.kind == ApiError::Kind::Network || error.kind == ApiError::Kind::Timeout;
}

} // namespace

bool KeysPage::indexEnabled() {
    return QSettings().value(kUseIndexKey, true).toBool();
}

int KeysPage::syncInterval() {
    return std::max(0, QSettings().value(kSyncMinutesKey, kDefaultSyncMinutes).toInt());
}

bool KeysPage::usesIndex() const {
    return m_indexModel && m_indexModel->keyIndex() != nullptr;
}

bool KeysPage::isSyncing() const {
    return m_sync && m_sync->isRunning();
}

void KeysPage::buildIndexLine() {
    m_indexLine = new QLabel(this);
    m_indexLine->setObjectName(QStringLiteral("keyIndexLine"));
    textstyle::setMuted(m_indexLine);

    m_syncButton = new QToolButton(this);
    m_syncButton->setObjectName(QStringLiteral("syncIndexButton"));
    m_syncButton->setText(tr("Sync now"));
    m_syncButton->setToolTip(tr("Read what changed on the proxy into the local key index"));
    m_syncButton->setPopupMode(QToolButton::MenuButtonPopup);
    connect(m_syncButton, &QToolButton::clicked, this, &KeysPage::syncNow);

    auto *menu = new QMenu(m_syncButton);
    menu->setObjectName(QStringLiteral("indexMenu"));
    m_useIndex = menu->addAction(tr("Use the local key index"));
    m_useIndex->setObjectName(QStringLiteral("useIndexAction"));
    m_useIndex->setCheckable(true);
    m_useIndex->setChecked(indexEnabled());
    m_useIndex->setToolTip(tr("Off: the list pages through the proxy and sorts and filters only what is "
                              "loaded"));
    connect(m_useIndex, &QAction::toggled, this, &KeysPage::setIndexEnabled);
    QMenu *every = menu->addMenu(tr("Sync automatically"));
    auto *group = new QActionGroup(every);
    for (int minutes : {5, 10, 30, 60, 0}) {
        QAction *a =
            every->addAction(minutes == 0 ? tr("Never") : tr("Every %n minute(s)", nullptr, minutes));
        a->setObjectName(QStringLiteral("syncEvery%1").arg(minutes));
        a->setCheckable(true);
        a->setChecked(minutes == syncInterval());
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, minutes] { setSyncInterval(minutes); });
    }
    m_keepMenu = menu->addMenu(tr("Keep changes for"));
    m_keepMenu->setObjectName(QStringLiteral("keepChangesMenu"));
    auto *keep = new QActionGroup(m_keepMenu);
    for (int days : {30, 90, 365, 1095}) {
        QAction *a = m_keepMenu->addAction(days % 365 == 0 ? tr("%n year(s)", nullptr, days / 365)
                                                           : tr("%n day(s)", nullptr, days));
        a->setObjectName(QStringLiteral("keepChanges%1").arg(days));
        a->setData(days);
        a->setCheckable(true);
        keep->addAction(a);
        connect(a, &QAction::triggered, this, [this, days] {
            if (m_index && KeyIndexSync::setKeepDays(*m_index, days))
                emit statusMessage(
                    tr("The changes journal keeps %n day(s); older entries go at the next sync.", nullptr,
                       days));
            updateIndexLine();
        });
    }
    m_syncButton->setMenu(menu);

    m_changes = new QAction(tr("C&hanges…"), this);
    m_changes->setObjectName(QStringLiteral("keyChangesAction"));
    m_changes->setProperty("baseToolTip", tr("What the index saw change: keys created, deleted and edited, "
                                             "and spend between syncs; with one key selected, its history"));
    connect(m_changes, &QAction::triggered, this, &KeysPage::showChanges);

    m_indexClock = new QTimer(this);
    m_indexClock->setInterval(kClockMs);
    connect(m_indexClock, &QTimer::timeout, this, &KeysPage::syncTick);
}

void KeysPage::setIndexEnabled(bool enabled) {
    QSettings().setValue(kUseIndexKey, enabled);
    {
        const QSignalBlocker block(m_useIndex);
        m_useIndex->setChecked(enabled);
    }
    if (enabled) {
        openIndex();
    } else {
        closeIndex();
        if (m_directory && m_directory->pagesLoaded() == 0)
            m_directory->reload();
    }
    useModel();
    updateIndexLine();
}

void KeysPage::setSyncInterval(int minutes) {
    minutes = std::max(0, minutes);
    QSettings().setValue(kSyncMinutesKey, minutes);
    if (auto *a = m_syncButton->menu()->findChild<QAction *>(QStringLiteral("syncEvery%1").arg(minutes)))
        a->setChecked(true);
    syncTick();
}

// Without a client (the connection failed or is not open yet) the index as last synced is shown
// read-only, so the keys are there to look at while the proxy cannot be reached.
void KeysPage::openIndex() {
    closeIndex();
    if (m_scope.isEmpty() || !indexEnabled())
        return;
    const QString path = IndexDatabase::pathForScope(m_scope);
    if (!QFileInfo::exists(path))
        return; // none yet: Sync now builds it
    auto index = std::make_unique<KeyIndex>(path);
    if (!index->open()) {
        m_notice->setText(tr("The key index cannot be opened, so the list pages through the proxy: %1")
                              .arg(index->errorString()));
        m_notice->show();
        return;
    }
    if (!index->notice().isEmpty()) {
        m_notice->setText(index->notice());
        m_notice->show();
    }
    m_index = std::move(index);
    if (KeyIndexSync::lastSync(*m_index).isValid())
        m_indexModel->setIndex(m_index.get());
    m_offline = !m_client && usesIndex();
}

KeyChangesDialog *KeysPage::showChanges() {
    if (!m_index)
        return nullptr;
    if (!m_changesDialog) {
        m_changesDialog = new KeyChangesDialog(m_index.get(), this);
        m_changesDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    const QStringList tokens = selectedTokens();
    m_changesDialog->showKey(tokens.size() == 1 ? tokens.first() : QString());
    m_changesDialog->show();
    m_changesDialog->raise();
    return m_changesDialog;
}

void KeysPage::closeIndex() {
    delete m_changesDialog.data(); // it reads the index
    if (m_sync) {
        m_sync->disconnect(this);
        m_sync->cancel();
        delete m_sync;
        finishWork();
    }
    m_indexModel->setIndex(nullptr);
    m_index.reset();
    m_offline = false;
}

void KeysPage::useModel() {
    QAbstractItemModel *want = usesIndex() ? static_cast<QAbstractItemModel *>(m_indexModel) : m_proxy;
    if (m_table->model() == want)
        return;
    m_table->setModel(want);
    m_subtitle->setText(usesIndex() ? tr("Every virtual key of this proxy from the local index: sorting and "
                                         "filters apply to all of them")
                                    : tr("Virtual keys on this proxy, sorted and filtered by the proxy"));
    m_quickFilter->setPlaceholderText(usesIndex()
                                          ? tr("Search every key: alias, user, team, metadata (Ctrl+F)")
                                          : tr("Narrow the loaded keys (Ctrl+F)"));
    m_riskButton->setToolTip(usesIndex() ? tr("Show only keys with any of the checked risks")
                                         : tr("Show only loaded keys with any of the checked risks"));
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetails();
        updateActions();
    });
    if (usesIndex())
        applyIndexQuery();
    const QHeaderView *header = m_table->horizontalHeader();
    onSortIndicator(header->sortIndicatorSection(), header->sortIndicatorOrder());
    updateCount();
    updateDetails();
    updateActions();
}

void KeysPage::applyIndexQuery() {
    const KeyFilter f = m_filterBar->filter();
    KeyIndexQuery q;
    q.teamId = f.teamId;
    q.userId = f.userId;
    q.alias = f.alias;
    q.keyHash = f.keyHash;
    q.status = f.status;
    q.text = m_quickFilter->text().trimmed();
    for (QAction *a : std::as_const(m_riskActions))
        if (a->isChecked())
            q.risks << KeyRisk(a->data().toInt());
    q.recentlyUsed = m_recentlyUsedAction->isChecked();
    q.sortBy = m_indexModel->query().sortBy;
    q.sortOrder = m_indexModel->query().sortOrder;
    m_indexModel->setQuery(q);
    updateCount();
}

void KeysPage::syncNow() {
    if (!m_client || isSyncing() || m_scope.isEmpty())
        return;
    if (!m_index) {
        auto index = std::make_unique<KeyIndex>(IndexDatabase::pathForScope(m_scope));
        if (!index->open()) {
            m_banner->showProblem(tr("The key index cannot be created: %1").arg(index->errorString()),
                                  tr("Free some disk space or check the app data folder's permissions."),
                                  index->path());
            return;
        }
        m_index = std::move(index);
    }
    m_sync = new KeyIndexSync(*m_client, *m_index, this);
    connect(m_sync, &KeyIndexSync::progress, this, [this](qint64 done, qint64 total) {
        setWorkProgress(done, total,
                        total > 0 ? tr("Syncing keys: %1 of %2").arg(formatCount(done), formatCount(total))
                                  : tr("Syncing keys: %1").arg(formatCount(done)));
    });
    connect(m_sync, &KeyIndexSync::finished, this, &KeysPage::syncEnded);
    startWork(tr("Syncing the key index…"));
    SyncOptions options;
    options.unreachableRetries = 1;
    m_sync->start(options);
    updateIndexLine();
    updateActions();
}

void KeysPage::syncEnded(const SyncReport &report) {
    if (m_sync)
        m_sync->deleteLater();
    m_sync = nullptr;
    finishWork();
    if (report.ok) {
        m_offline = false;
        if (!m_indexModel->keyIndex())
            m_indexModel->setIndex(m_index.get());
        else
            m_indexModel->refresh();
        useModel();
    } else if (!report.canceled) {
        m_offline = unreachable(report.error) && usesIndex();
        if (!m_offline)
            m_banner->showError(report.error);
    }
    emit statusMessage(report.message);
    updateIndexLine();
    updateCount();
    updateActions();
    if (report.ok && m_index && m_index->budgetsDue(QDateTime::currentDateTimeUtc()))
        readBudgets(true);
}

void KeysPage::showEvent(QShowEvent *event) {
    Page::showEvent(event);
    QTimer::singleShot(0, this, &KeysPage::syncTick);
}

// With automatic syncs on, the first sync (or one a cancel, crash or restart interrupted) starts by
// itself once per connection, when the page is first shown; the later ones at the interval. A first
// sync that failed or was canceled is not started again until Sync now or the next connection.
void KeysPage::syncTick() {
    updateIndexLine();
    const int minutes = syncInterval();
    if (!indexEnabled() || !m_client || isSyncing() || m_batch || minutes == 0 || m_scope.isEmpty())
        return;
    if (!usesIndex()) {
        if (!m_firstSyncStarted && isVisible()) {
            m_firstSyncStarted = true;
            syncNow();
        }
        return;
    }
    const QDateTime last = KeyIndexSync::lastSync(*m_index);
    if (!last.isValid() || last.secsTo(QDateTime::currentDateTimeUtc()) >= qint64(minutes) * 60)
        syncNow();
}

void KeysPage::updateIndexLine() {
    if (!m_client) {
        m_syncButton->setEnabled(false);
        m_syncButton->setToolTip(tr("Connect to a proxy first."));
    }
    m_keepMenu->setEnabled(m_index != nullptr);
    m_keepMenu->setToolTip(m_index ? QString() : tr("Sync the key index first: the journal is kept in it."));
    const int keepDays = m_index ? KeyIndexSync::keepDays(*m_index) : KeyIndexSync::kDefaultKeepDays;
    for (QAction *a : m_keepMenu->actions())
        a->setChecked(a->data().toInt() == keepDays);
    m_changes->setEnabled(m_index != nullptr);
    m_changes->setToolTip(m_index ? m_changes->property("baseToolTip").toString()
                                  : tr("Sync the key index first: the journal is kept in it."));
    if (!indexEnabled() || (!m_client && !usesIndex())) {
        const auto total = m_directory ? m_directory->totalCount() : std::nullopt;
        const qint64 loaded = m_model->rowCount();
        m_indexLine->setText(total && *total > loaded
                                 ? tr("Index off · partial: %1 of %2 keys loaded")
                                       .arg(formatCount(loaded), formatCount(*total))
                                 : tr("Index off: sorting and filters apply to the keys loaded"));
        m_syncButton->setToolTip(!m_client ? tr("Connect to a proxy first.")
                                           : tr("Turn on the local key index in this button's menu."));
        m_syncButton->setEnabled(m_client != nullptr); // its menu turns the index back on
        return;
    }
    if (m_client) {
        m_syncButton->setEnabled(!isSyncing());
        m_syncButton->setToolTip(isSyncing() ? tr("A sync is running; Cancel is in the status bar.")
                                             : tr("Read what changed on the proxy into the local key index"));
    }
    if (!usesIndex()) {
        m_indexLine->setText(isSyncing() ? tr("Index: building…")
                                         : tr("Index: not built yet · Sync now reads every key once"));
        return;
    }
    const QDateTime last = KeyIndexSync::lastSync(*m_index);
    const QString when = KeyTableModel::relativeTime(last, QDateTime::currentDateTimeUtc());
    const qint64 n = m_indexModel->indexed();
    const QString keys = n == 1 ? tr("1 key") : tr("%1 keys").arg(formatCount(n));
    if (m_offline)
        m_indexLine->setText(
            tr("Offline · Index: %1 · synced %2 (%3) · read-only")
                .arg(keys, when, QLocale().toString(last.toLocalTime(), QLocale::ShortFormat)));
    else if (isSyncing())
        m_indexLine->setText(tr("Index: %1 · syncing…").arg(keys));
    else
        m_indexLine->setText(tr("Index: %1 · synced %2").arg(keys, when));
}

void KeysPage::recordInIndex(const KeyActionResult &result) {
    if (!m_index || !result.ok())
        return;
    if (result.action == KeyActionResult::Action::Delete)
        m_index->recordDeleted({result.key});
    else if (!result.record.token.isEmpty())
        m_index->recordKey(result.record);
}

std::optional<KeyRecord> KeysPage::findKey(const QString &token) const {
    if (const KeyRecord *k = m_model->keyAt(m_model->rowOfToken(token)))
        return *k;
    return m_index ? m_index->key(token) : std::nullopt;
}

std::optional<KeyRecord> KeysPage::keyOfRow(const QModelIndex &viewRow) const {
    if (!viewRow.isValid())
        return std::nullopt;
    if (viewRow.model() == m_indexModel)
        return m_indexModel->keyAt(viewRow.row());
    const KeyRecord *k = m_model->keyAt(m_proxy->mapToSource(viewRow).row());
    return k ? std::optional<KeyRecord>(*k) : std::nullopt;
}
