#include "KeyChangesDialog.h"

#include "core/export/TableExport.h"
#include "core/format/Count.h"
#include "core/index/KeyIndex.h"
#include "core/itemmodels/JournalModel.h"
#include "ui/TextStyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

KeyChangesDialog::KeyChangesDialog(KeyIndex *index, QWidget *parent)
    : QDialog(parent)
    , m_index(index) {
    setObjectName(QStringLiteral("keyChangesDialog"));
    setWindowTitle(tr("Key Changes"));
    resize(1000, 560);
    m_model = new JournalModel(this);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("changesKind"));
    m_kind->addItem(tr("Every change"));
    for (auto kind : {JournalEntry::Kind::Created, JournalEntry::Kind::Deleted, JournalEntry::Kind::Changed,
                      JournalEntry::Kind::Spend})
        m_kind->addItem(JournalEntry::kindName(kind), int(kind));
    m_since = new QComboBox(this);
    m_since->setObjectName(QStringLiteral("changesSince"));
    m_since->addItem(tr("Last 24 hours"), 1);
    m_since->addItem(tr("Last 7 days"), 7);
    m_since->addItem(tr("Last 30 days"), 30);
    m_since->addItem(tr("Everything kept"), 0);
    m_since->setCurrentIndex(1);
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("changesKey"));
    m_key->setPlaceholderText(tr("Key: hash, alias or masked key"));
    m_key->setClearButtonEnabled(true);
    m_team = new QLineEdit(this);
    m_team->setObjectName(QStringLiteral("changesTeam"));
    m_team->setPlaceholderText(tr("Team id"));
    m_team->setClearButtonEnabled(true);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("changesCount"));
    textstyle::setMuted(m_count);
    for (QComboBox *box : {m_kind, m_since})
        connect(box, &QComboBox::currentIndexChanged, this, &KeyChangesDialog::reload);
    for (QLineEdit *edit : {m_key, m_team})
        connect(edit, &QLineEdit::editingFinished, this, &KeyChangesDialog::reload);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("changesTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    // Double-clicking an entry shows that key's whole history.
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex &i) { showKey(i.data(JournalModel::TokenRole).toString()); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *exportButton = buttons->addButton(tr("E&xport…"), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(QStringLiteral("changesExport"));
    connect(exportButton, &QPushButton::clicked, this, &KeyChangesDialog::chooseExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_kind);
    filters->addWidget(m_key, 2);
    filters->addWidget(m_team, 1);
    filters->addWidget(m_since);
    filters->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    reload();
}

void KeyChangesDialog::showKey(const QString &key) {
    m_key->setText(key);
    reload();
}

void KeyChangesDialog::reload() {
    JournalQuery q;
    q.key = m_key->text().trimmed();
    if (m_kind->currentData().isValid())
        q.kind = JournalEntry::Kind(m_kind->currentData().toInt());
    if (const int days = m_since->currentData().toInt(); days > 0)
        q.since = QDateTime::currentDateTimeUtc().addDays(-days);
    m_model->setEntries(m_index ? m_index->journal().entries(q) : QList<JournalEntry>(),
                        m_team->text().trimmed());
    const int n = m_model->rowCount();
    m_count->setText(n == 1 ? tr("1 change") : tr("%1 changes").arg(formatCount(n)));
    m_table->resizeColumnsToContents();
}

QString KeyChangesDialog::exportTo(const QString &path) {
    const TableExport::Roles roles{JournalModel::RawRole, JournalModel::FieldNameRole};
    const QByteArray bytes = path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)
                                 ? TableExport::toJson(*m_model, roles)
                                 : TableExport::toCsv(*m_model, roles);
    return TableExport::writeFile(path, bytes);
}

void KeyChangesDialog::chooseExport() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Key Changes"), QStringLiteral("key-changes.csv"), tr("CSV (*.csv);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    if (const QString error = exportTo(path); !error.isEmpty())
        m_count->setText(tr("Could not write %1: %2").arg(path, error));
    else
        m_count->setText(tr("Exported %1 changes to %2").arg(formatCount(m_model->rowCount()), path));
}
