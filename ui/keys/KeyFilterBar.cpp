#include "KeyFilterBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>

namespace {

QString signature(const KeyFilter &f) {
    return QStringList{f.teamId, f.userId, f.alias, f.keyHash,
                       f.status ? keyrisk::name(*f.status) : QString()}
        .join(u'\x1f');
}

} // namespace

KeyFilterBar::KeyFilterBar(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("keyFilterBar"));
    m_team = new QComboBox(this);
    m_team->setObjectName(QStringLiteral("filterTeam"));
    m_team->setAccessibleName(tr("Team"));
    m_team->setEditable(true);
    m_team->setInsertPolicy(QComboBox::NoInsert);
    m_team->lineEdit()->setPlaceholderText(tr("Team id"));
    m_team->setMinimumContentsLength(14);
    m_team->setToolTip(tr("Only keys of this team (the proxy filters)"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("filterUser"));
    m_user->setAccessibleName(tr("User ID"));
    m_user->setPlaceholderText(tr("User id"));
    m_alias = new QLineEdit(this);
    m_alias->setObjectName(QStringLiteral("filterAlias"));
    m_alias->setAccessibleName(tr("Alias contains"));
    m_alias->setPlaceholderText(tr("Alias contains"));
    m_hash = new QLineEdit(this);
    m_hash->setObjectName(QStringLiteral("filterHash"));
    m_hash->setAccessibleName(tr("Key hash"));
    m_hash->setPlaceholderText(tr("Key hash"));
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("filterStatus"));
    m_status->setAccessibleName(tr("Status"));
    m_status->addItem(tr("Any status"), QString());
    m_status->addItem(tr("Active"), keyrisk::name(KeyStatus::Active));
    m_status->addItem(tr("Expired"), keyrisk::name(KeyStatus::Expired));
    m_status->addItem(tr("Blocked"), keyrisk::name(KeyStatus::Blocked));
    m_status->addItem(tr("Deleted"), keyrisk::name(KeyStatus::Deleted));
    for (QLineEdit *e : {m_user, m_alias, m_hash, m_team->lineEdit()}) {
        e->setClearButtonEnabled(true);
        connect(e, &QLineEdit::editingFinished, this, &KeyFilterBar::emitIfChanged);
        // A field emptied (its clear button) needs no Enter: there is nothing more to type.
        connect(e, &QLineEdit::textEdited, this, [this](const QString &text) {
            if (text.isEmpty())
                emitIfChanged();
        });
    }
    connect(m_team, &QComboBox::activated, this, &KeyFilterBar::emitIfChanged);
    connect(m_status, &QComboBox::currentIndexChanged, this, &KeyFilterBar::emitIfChanged);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_team, 2);
    layout->addWidget(m_user, 2);
    layout->addWidget(m_alias, 2);
    layout->addWidget(m_hash, 2);
    layout->addWidget(m_status);
    m_last = signature(filter());
}

KeyFilter KeyFilterBar::filter(const KeyFilter &base) const {
    KeyFilter f = base;
    const QString team = m_team->currentText().trimmed();
    const int index = m_team->findText(team);
    f.teamId = index >= 0 && !m_team->itemData(index).toString().isEmpty()
                   ? m_team->itemData(index).toString()
                   : team;
    f.userId = m_user->text().trimmed();
    f.alias = m_alias->text().trimmed();
    f.keyHash = m_hash->text().trimmed().toLower();
    f.status = keyrisk::statusFromName(m_status->currentData().toString());
    return f;
}

void KeyFilterBar::setTeams(const QList<std::pair<QString, QString>> &idAndAlias) {
    const QString current = m_team->currentText();
    const QSignalBlocker block(m_team);
    m_team->clear();
    for (const auto &[id, alias] : idAndAlias)
        m_team->addItem(alias.isEmpty() ? id : alias, id);
    m_team->setEditText(current);
}

void KeyFilterBar::showUser(const QString &userId) {
    m_team->setCurrentIndex(-1);
    m_team->setEditText(QString());
    m_user->setText(userId);
    m_alias->clear();
    m_hash->clear();
    m_status->setCurrentIndex(0);
    emitIfChanged();
}

void KeyFilterBar::showTeam(const QString &teamId) {
    const int index = m_team->findData(teamId);
    m_team->setCurrentIndex(index);
    if (index < 0)
        m_team->setEditText(teamId);
    m_user->clear();
    m_alias->clear();
    m_hash->clear();
    m_status->setCurrentIndex(0);
    emitIfChanged();
}

void KeyFilterBar::showKey(const QString &token) {
    m_team->setCurrentIndex(-1);
    m_team->setEditText(QString());
    m_user->clear();
    m_alias->clear();
    m_hash->setText(token);
    m_status->setCurrentIndex(0);
    emitIfChanged();
}

void KeyFilterBar::emitIfChanged() {
    const QString now = signature(filter());
    if (now == m_last)
        return;
    m_last = now;
    emit changed();
}
