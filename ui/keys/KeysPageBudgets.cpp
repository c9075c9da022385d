#include "KeysPage.h"

#include "core/budget/BudgetReader.h"
#include "core/index/KeyIndex.h"
#include "core/itemmodels/KeyIndexModel.h"
#include "core/itemmodels/KeyTableModel.h"

// The budgets above the keys (each team's, each member's within a team, each user's, the proxy's): the
// Limited by column and the over-budget risk take them in. Read one request at a time: after a sync once
// the index's copy is KeyIndex::kBudgetsMaxAgeSecs old, as work in the status bar with Cancel; or with
// each load of the proxy's pages when the index is off and they are as old, quietly (the status bar says
// when they are in).
void KeysPage::readBudgets(bool asWork) {
    if (!m_client || m_budgetRead || (asWork && isWorking()))
        return;
    auto *reader = new BudgetReader(m_client, this);
    m_budgetRead = reader;
    m_budgetWork = asWork;
    if (asWork)
        connect(reader, &BudgetReader::progress, this,
                [this](const QString &step) { setWorkProgress(0, 0, step); });
    connect(reader, &BudgetReader::finished, this,
            [this, reader](const BudgetBook &book) { budgetsRead(book, reader->requests()); });
    connect(reader, &BudgetReader::failed, this, [this, reader](const ApiError &error) {
        reader->deleteLater();
        if (std::exchange(m_budgetWork, false))
            finishWork();
        emit statusMessage(tr("Team, user and proxy budgets could not be read: %1").arg(error.toString()));
    });
    if (asWork)
        startWork(tr("Reading team and user budgets…"));
    reader->start();
}

void KeysPage::budgetsRead(const BudgetBook &book, int requests) {
    if (m_budgetRead)
        m_budgetRead->deleteLater();
    m_budgetRead = nullptr;
    if (std::exchange(m_budgetWork, false))
        finishWork();
    if (m_index && !m_index->storeBudgets(book))
        emit statusMessage(
            tr("The budgets could not be kept in the key index: %1").arg(m_index->lastError()));
    m_model->setBudgets(book);
    if (usesIndex()) {
        m_indexModel->reload(); // reads the stored budgets; over budget may now match other keys
        updateCount();
    }
    const QString read = tr("Budgets read in %n request(s): ", nullptr, requests) +
                         tr("%n team(s), ", nullptr, int(book.teamBudgets())) +
                         tr("%n member budget(s), ", nullptr, int(book.memberBudgets())) +
                         tr("%n user budget(s)", nullptr, int(book.users.size()));
    emit statusMessage(book.warnings.isEmpty() ? read : read + u". " + book.warnings.join(u' '));
}

bool KeysPage::cancelBudgets(bool quietly) {
    if (!m_budgetRead)
        return false;
    delete m_budgetRead.data();
    if (std::exchange(m_budgetWork, false))
        finishWork();
    if (!quietly)
        emit statusMessage(tr("Reading budgets canceled; the keys show the budgets read before."));
    return true;
}
