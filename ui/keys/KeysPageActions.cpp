// The actions of KeysPage: edit, block, unblock, delete, regenerate and export.
#include "ui/keys/KeysPage.h"

#include "core/format/Count.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexExport.h"
#include "core/index/KeyIndexSync.h"
#include "core/itemmodels/KeyFilterProxy.h"
#include "core/itemmodels/KeyIndexModel.h"
#include "core/itemmodels/KeyTableModel.h"
#include "core/keys/KeyDirectory.h"
#include "core/keys/KeyExporter.h"
#include "ui/ErrorBanner.h"
#include "ui/keys/ConfirmTypingDialog.h"
#include "ui/keys/KeyEditDialog.h"
#include "ui/keys/NewKeyDialog.h"

#include <QAction>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QtConcurrent/QtConcurrentRun>

using Action = KeyActionResult::Action;
using Outcome = KeyActionResult::Outcome;

namespace {

QString keyCount(qsizetype n) {
    return n == 1 ? KeysPage::tr("1 key") : KeysPage::tr("%1 keys").arg(n);
}

QString verb(Action action, qsizetype n) {
    switch (action) {
    case Action::Block:
        return KeysPage::tr("Blocked %1").arg(keyCount(n));
    case Action::Unblock:
        return KeysPage::tr("Unblocked %1").arg(keyCount(n));
    case Action::Delete:
        return KeysPage::tr("Deleted %1").arg(keyCount(n));
    case Action::Update:
        return KeysPage::tr("Updated %1").arg(keyCount(n));
    }
    return {};
}

} // namespace

QString KeysPage::nameOf(const QString &token) const {
    const auto k = findKey(token);
    return k ? k->displayName() : token.left(12);
}

void KeysPage::editSelected() {
    const QStringList tokens = selectedTokens();
    if (tokens.size() != 1 || !m_edit->isEnabled())
        return;
    const auto key = findKey(tokens.first());
    if (!key)
        return;
    auto *dialog = new KeyEditDialog(m_directory, *key, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &KeyEditDialog::saved, this, [this](const KeyRecord &record) {
        if (m_index && m_index->recordKey(record) && usesIndex())
            m_indexModel->reload();
        emit statusMessage(tr("Saved key %1").arg(record.displayName()));
    });
    dialog->open();
}

void KeysPage::blockSelected(bool block) {
    const QStringList tokens = selectedTokens();
    if (tokens.isEmpty() || !(block ? m_block : m_unblock)->isEnabled())
        return;
    startBatch(block ? Action::Block : Action::Unblock, tokens);
    if (block)
        m_directory->block(tokens, this, batchResult());
    else
        m_directory->unblock(tokens, this, batchResult());
}

void KeysPage::deleteSelected() {
    const QStringList tokens = selectedTokens();
    if (tokens.isEmpty() || !m_delete->isEnabled())
        return;
    ConfirmTypingDialog *dialog = nullptr;
    if (tokens.size() == 1) {
        const auto k = findKey(tokens.first());
        const QString word = k && !k->keyAlias.isEmpty() ? k->keyAlias : tokens.first().left(12);
        dialog = new ConfirmTypingDialog(
            tr("Delete Key"),
            tr("Delete the key %1? Anything using it stops working at once. This cannot be undone.")
                .arg(word),
            {word}, tr("Delete Key"), this);
    } else {
        const QString count = QString::number(tokens.size());
        dialog = new ConfirmTypingDialog(
            tr("Delete Keys"),
            tr("Delete %1 keys? Anything using them stops working at once. This cannot be undone.")
                .arg(count),
            {count, QStringLiteral("delete")}, tr("Delete %1 Keys").arg(count), this);
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, tokens] {
        if (!m_directory)
            return;
        startBatch(Action::Delete, tokens);
        m_directory->remove(tokens, this, batchResult());
    });
    dialog->open();
}

void KeysPage::regenerateSelected() {
    const QStringList tokens = selectedTokens();
    if (tokens.size() != 1 || !m_regenerate->isEnabled())
        return;
    const QString token = tokens.first();
    const QString name = nameOf(token);
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Regenerate Key"),
                        tr("Replace the key %1 with a new one? The old key stops working at once.").arg(name),
                        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("regenerateConfirm"));
    QPushButton *go = box->addButton(tr("Regenerate"), QMessageBox::DestructiveRole);
    go->setObjectName(QStringLiteral("regenerateButton"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(go, &QPushButton::clicked, this, [this, token, name] {
        if (!m_directory)
            return;
        m_regenerating = true;
        updateActions();
        m_directory->regenerate(token, this, [this, name, token](Expected<api::GeneratedKey> r) {
            m_regenerating = false;
            updateActions();
            if (!r) {
                if (r.error().needsEnterprise()) {
                    m_enterpriseMissing = true;
                    updateActions();
                    emit statusMessage(tr("Regenerating keys needs LiteLLM Enterprise on this proxy."));
                } else {
                    m_banner->showError(r.error());
                }
                return;
            }
            auto *dialog =
                new NewKeyDialog(tr("New Key for %1").arg(name), r->key,
                                 tr("Key id (hash): %1\nThe old key no longer works.").arg(r->token), this);
            dialog->setClipboardClearInterval(m_clipboardClearMs);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
            emit statusMessage(tr("Regenerated key %1").arg(name));
            if (usesIndex() && m_index->recordRegenerated(token, r->token, r->keyName))
                m_indexModel->reload();
        });
    });
    box->open();
}

void KeysPage::startBatch(Action action, const QStringList &tokens) {
    Batch b;
    b.id = ++m_batchCount;
    b.action = action;
    b.expected = tokens.size();
    for (const QString &t : tokens)
        b.names.insert(t, nameOf(t));
    m_batch = b;
    m_banner->clear(); // what an earlier batch reported is out of date
    emit statusMessage(tr("Working on %1…").arg(keyCount(tokens.size())));
    updateActions();
}

std::function<void(const KeyActionResult &)> KeysPage::batchResult() {
    return [this, id = m_batch ? m_batch->id : 0](const KeyActionResult &result) {
        if (!m_batch || m_batch->id != id)
            return; // a batch of a connection since left
        recordInIndex(result);
        m_batch->results << result;
        if (m_batch->results.size() >= m_batch->expected)
            finishBatch();
    };
}

void KeysPage::finishBatch() {
    const Batch b = *m_batch;
    m_batch.reset();
    if (usesIndex())
        m_indexModel->reload(); // the changes were written to the index as each key's answer came
    updateActions();
    QStringList failures;
    const ApiError *first = nullptr;
    qsizetype done = 0, gone = 0;
    for (const KeyActionResult &r : b.results) {
        if (r.outcome == Outcome::Failed) {
            failures << tr("%1: %2").arg(b.names.value(r.key, r.key.left(12)), r.error.toString());
            first = first ? first : &r.error;
        } else {
            ++done;
            gone += r.outcome == Outcome::AlreadyGone;
        }
    }
    QString status = verb(b.action, done);
    if (gone > 0)
        status += tr(" (%1 already gone: the proxy answered 404)").arg(gone);
    if (!failures.isEmpty())
        status += tr(", %1 failed").arg(failures.size());
    emit statusMessage(status);
    if (!first)
        return;
    // On the page, not in a dialog: the list stays usable while the user reads which keys failed.
    ApiError error;
    error.kind = first->kind;
    error.message =
        tr("%1 of %2 keys failed. The others are done and stay done.").arg(failures.size()).arg(b.expected);
    error.hint = tr("Select the keys named in the details and try again; Retry reloads the list.");
    error.detail = failures.join(u'\n');
    m_banner->showError(error);
}

void KeysPage::chooseExport() {
    if ((!m_directory && !usesIndex()) || isExporting())
        return;
    auto *dialog = new QFileDialog(this, tr("Export Keys"));
    dialog->setObjectName(QStringLiteral("exportFileDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("CSV (*.csv)"), tr("JSON (*.json)")});
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->selectFile(QStringLiteral("keys.csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
        dialog->setDefaultSuffix(filter.contains(u"json") ? QStringLiteral("json") : QStringLiteral("csv"));
    });
    connect(dialog, &QFileDialog::fileSelected, this, &KeysPage::exportTo);
    dialog->open();
}

bool KeysPage::isExporting() const {
    return (m_exporter && m_exporter->isRunning()) || (m_indexExport && m_indexExport->isRunning());
}

void KeysPage::exportTo(const QString &path) {
    if (isExporting())
        return;
    if (usesIndex())
        return exportFromIndex(path);
    if (!m_directory || !m_client)
        return;
    // The filters of the list, and the quick filter and risk toggles over it.
    m_exporter = new KeyExporter(m_client, m_directory->filter(), this);
    m_exporter->setClock([directory = QPointer<KeyDirectory>(m_directory)] {
        return directory ? directory->now() : QDateTime::currentDateTimeUtc();
    });
    m_exporter->setAccept(
        [proxy = QPointer<KeyFilterProxy>(m_proxy)](const KeyRecord &k, const QDateTime &now) {
            return !proxy || proxy->accepts(k, now);
        });
    connect(m_exporter, &KeyExporter::progress, this, [this](qint64 done, qint64 total, qint64 keys) {
        setWorkProgress(
            done, total,
            tr("Exporting keys: page %1 of %2 (%3 keys)").arg(done).arg(total).arg(formatCount(keys)));
    });
    connect(m_exporter, &KeyExporter::written, this, [this](const QString &written, qsizetype keys) {
        exportEnded();
        emit statusMessage(tr("Exported %1 to %2").arg(keyCount(keys), written));
        emit exportWritten(written, keys);
    });
    connect(m_exporter, &KeyExporter::failed, this, [this](const ApiError &error) {
        exportEnded();
        m_banner->showError(error);
        emit statusMessage(tr("Export failed: %1").arg(error.toString()));
    });
    connect(m_exporter, &KeyExporter::writeFailed, this, [this](const QString &file, const QString &problem) {
        exportEnded();
        m_banner->showProblem(tr("Could not write %1: %2").arg(file, problem),
                              tr("Choose a folder you can write to and export again."), file);
        emit statusMessage(tr("Export failed: could not write %1").arg(file));
    });
    startWork(tr("Exporting keys…"));
    m_exporter->startWriting(path);
    updateActions();
}

void KeysPage::cancel() {
    if (isSyncing()) {
        m_sync->cancel();
        return;
    }
    if (m_budgetWork && cancelBudgets())
        return;
    if (m_indexExport && m_indexExport->isRunning()) {
        m_indexExport->cancel(); // the worker stops after its chunk and writes nothing
        return;
    }
    if (!isExporting())
        return;
    exportEnded();
    emit statusMessage(tr("Export canceled; nothing was written."));
}

// Every key the list shows, in its order, from one snapshot of the index on a worker thread: nothing is
// asked of the proxy, so it works offline too. Cancel (Esc) stops it after its chunk; nothing is written.
void KeysPage::exportFromIndex(const QString &path) {
    using IndexExport = keyindexexport::Outcome;
    auto *watcher = new QFutureWatcher<IndexExport>(this);
    m_indexExport = watcher;
    connect(watcher, &QFutureWatcher<IndexExport>::progressValueChanged, this, [this, watcher](int done) {
        const int total = watcher->progressMaximum();
        setWorkProgress(done, total,
                        tr("Exporting keys: %1 of %2").arg(formatCount(done), formatCount(total)));
    });
    connect(watcher, &QFutureWatcher<IndexExport>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        finishWork();
        const bool canceled = watcher->isCanceled() || watcher->future().resultCount() == 0;
        const IndexExport outcome = canceled ? IndexExport{{}, 0, true} : watcher->result();
        updateActions();
        if (outcome.canceled) {
            emit statusMessage(tr("Export canceled; nothing was written."));
        } else if (!outcome.problem.isEmpty()) {
            m_banner->showProblem(tr("Could not write %1: %2").arg(path, outcome.problem),
                                  tr("Choose a folder you can write to and export again."), path);
            emit statusMessage(tr("Export failed: could not write %1").arg(path));
        } else {
            emit statusMessage(tr("Exported %1 to %2").arg(keyCount(outcome.keys), path));
            emit exportWritten(path, outcome.keys);
        }
    });
    startWork(tr("Exporting keys…"));
    watcher->setFuture(QtConcurrent::run([indexPath = m_index->path(), query = m_indexModel->query(),
                                          path](QPromise<IndexExport> &promise) {
        promise.addResult(keyindexexport::write(
            indexPath, query, QDateTime::currentDateTimeUtc(), path, [&promise](qint64 done, qint64 total) {
                promise.setProgressRange(0, int(std::min<qint64>(total, INT_MAX)));
                promise.setProgressValue(int(std::min<qint64>(done, INT_MAX)));
                return !promise.isCanceled();
            }));
    }));
    updateActions();
}

void KeysPage::exportEnded() {
    if (m_exporter) {
        m_exporter->cancel();
        m_exporter->deleteLater();
    }
    m_exporter = nullptr;
    finishWork();
    updateActions();
}
