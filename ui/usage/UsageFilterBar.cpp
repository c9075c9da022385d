#include "UsageFilterBar.h"

#include "core/format/CommaList.h"
#include "ui/DateField.h"
#include "ui/TextStyle.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

enum ScopeRow { Global, User, Team, Tag };

QString presetLabel(UsageRange::Preset p) {
    switch (p) {
    case UsageRange::Preset::Today:
        return UsageFilterBar::tr("Today");
    case UsageRange::Preset::Last7Days:
        return UsageFilterBar::tr("Last 7 days");
    case UsageRange::Preset::Last30Days:
        return UsageFilterBar::tr("Last 30 days");
    case UsageRange::Preset::ThisMonth:
        return UsageFilterBar::tr("This month");
    case UsageRange::Preset::LastMonth:
        return UsageFilterBar::tr("Last month");
    case UsageRange::Preset::Last90Days:
        return UsageFilterBar::tr("Last 90 days");
    case UsageRange::Preset::Custom:
        return UsageFilterBar::tr("Custom");
    }
    return {};
}

QToolButton *chip(const QString &objectName, QWidget *parent) {
    auto *b = new QToolButton(parent);
    b->setObjectName(objectName);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setIcon(parent->style()->standardIcon(QStyle::SP_DialogCloseButton));
    b->setAutoRaise(false);
    b->setStyleSheet(QStringLiteral("QToolButton { border: 1px solid palette(highlight); border-radius: 10px;"
                                    " padding: 1px 8px; background: palette(alternate-base); }"));
    b->hide();
    return b;
}

} // namespace

UsageFilterBar::UsageFilterBar(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("usageFilterBar"));
    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("scopeCombo"));
    m_scope->addItem(tr("Global (your key's view)"));
    m_scope->addItem(tr("User"));
    m_scope->addItem(tr("Teams"));
    m_scope->addItem(tr("Tags"));
    m_scope->setToolTip(tr("Whose usage: what your key may see, one user, or teams or tags"));
    m_scope->setAccessibleName(tr("Whose usage"));

    m_ids = new QLineEdit(this);
    m_ids->setObjectName(QStringLiteral("scopeIds"));
    m_ids->setClearButtonEnabled(true);
    m_ids->setMinimumWidth(120);

    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    m_preset->setAccessibleName(tr("Days"));
    for (UsageRange::Preset p : UsageRange::presets())
        m_preset->addItem(presetLabel(p), int(p));

    const auto dateEdit = [this](const QString &name) {
        auto *e = new DateField(this);
        e->setObjectName(name);
        e->setMaximumDate(UsageRange::todayUtc().addDays(1));
        return e;
    };
    m_from = dateEdit(QStringLiteral("fromDate"));
    m_from->setAccessibleName(tr("First day (UTC)"));
    m_to = dateEdit(QStringLiteral("toDate"));
    m_to->setAccessibleName(tr("Last day (UTC)"));
    auto *utc = new QLabel(tr("UTC"), this);
    utc->setToolTip(tr("The proxy counts usage by UTC day"));

    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("modelFilter"));
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_model->lineEdit()->setPlaceholderText(tr("All models"));
    m_model->setMinimumWidth(120);

    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("keyFilter"));
    m_key->setPlaceholderText(tr("All keys (token hash)"));
    m_key->setClearButtonEnabled(true);
    m_key->setMinimumWidth(120);

    m_load = new QPushButton(tr("&Load"), this);
    m_load->setObjectName(QStringLiteral("loadButton"));
    m_load->setToolTip(tr("Load the usage for these settings (Return)"));

    m_pending = new QLabel(tr("Not shown yet: press Return or Load"), this);
    m_pending->setObjectName(QStringLiteral("pendingLabel"));
    m_pending->setToolTip(tr("The charts below still show the settings loaded last"));
    textstyle::setMuted(m_pending);
    // Keeps its place when hidden, so nothing in the row moves when it appears.
    QSizePolicy keepSpace = m_pending->sizePolicy();
    keepSpace.setRetainSizeWhenHidden(true);
    m_pending->setSizePolicy(keepSpace);
    m_pending->hide();

    m_modelChip = chip(QStringLiteral("modelChip"), this);
    m_keyChip = chip(QStringLiteral("keyChip"), this);
    m_modelChip->setToolTip(tr("Show every model again"));
    m_keyChip->setToolTip(tr("Show every key again"));

    auto *row1 = new QHBoxLayout;
    row1->addWidget(m_scope);
    row1->addWidget(m_ids, 1);
    row1->addSpacing(8);
    row1->addWidget(m_preset);
    row1->addWidget(m_from);
    row1->addWidget(new QLabel(QStringLiteral("–"), this));
    row1->addWidget(m_to);
    row1->addWidget(utc);
    auto *row2 = new QHBoxLayout;
    auto *modelLabel = new QLabel(tr("Model:"), this);
    modelLabel->setBuddy(m_model);
    auto *keyLabel = new QLabel(tr("Key:"), this);
    keyLabel->setBuddy(m_key);
    row2->addWidget(modelLabel);
    row2->addWidget(m_model);
    row2->addWidget(keyLabel);
    row2->addWidget(m_key);
    row2->addWidget(m_load);
    row2->addSpacing(8);
    row2->addWidget(m_modelChip);
    row2->addWidget(m_keyChip);
    row2->addStretch();
    row2->addWidget(m_pending);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(row1);
    layout->addLayout(row2);

    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] {
        updateScopeField();
        if (m_scope->currentIndex() != User || !m_ids->text().trimmed().isEmpty())
            emit loadRequested();
        else
            m_ids->setFocus();
    });
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        applyPreset();
        if (range().preset != UsageRange::Preset::Custom)
            emit loadRequested();
    });
    const auto datesEdited = [this] {
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(m_preset->findData(int(UsageRange::Preset::Custom)));
    };
    connect(m_from, &QDateEdit::userDateChanged, this, datesEdited);
    connect(m_to, &QDateEdit::userDateChanged, this, datesEdited);
    for (QLineEdit *edit : {m_ids, m_key, m_model->lineEdit()}) {
        connect(edit, &QLineEdit::returnPressed, this, &UsageFilterBar::loadRequested);
        connect(edit, &QLineEdit::textEdited, this, [this] { setPending(true); });
    }
    for (DateField *edit : {m_from, m_to}) {
        connect(edit, &DateField::returnPressed, this, &UsageFilterBar::loadRequested);
        connect(edit, &QDateEdit::userDateChanged, this, [this] { setPending(true); });
    }
    // Whatever asks for a load, the fields and what is shown agree again.
    connect(this, &UsageFilterBar::loadRequested, this, [this] { setPending(false); });
    connect(m_load, &QPushButton::clicked, this, &UsageFilterBar::loadRequested);
    connect(m_model, &QComboBox::activated, this, [this] {
        updateChips();
        emit loadRequested();
    });
    connect(m_model, &QComboBox::editTextChanged, this, &UsageFilterBar::updateChips);
    connect(m_key, &QLineEdit::textChanged, this, [this] {
        m_keyLabel.clear();
        updateChips();
    });
    connect(m_modelChip, &QToolButton::clicked, this, [this] {
        setModelFilter({});
        emit loadRequested();
    });
    connect(m_keyChip, &QToolButton::clicked, this, [this] {
        setKeyFilter({});
        emit loadRequested();
    });

    setRange(UsageRange::fromPreset(UsageRange::Preset::Last30Days, UsageRange::todayUtc()));
    updateScopeField();
}

void UsageFilterBar::setPending(bool pending) {
    m_pending->setVisible(pending);
}

bool UsageFilterBar::isPending() const {
    return m_pending->isVisibleTo(this);
}

void UsageFilterBar::applyPreset() {
    const auto preset = UsageRange::Preset(m_preset->currentData().toInt());
    const bool custom = preset == UsageRange::Preset::Custom;
    if (!custom) {
        const UsageRange r = UsageRange::fromPreset(preset, UsageRange::todayUtc());
        const QSignalBlocker a(m_from), b(m_to);
        m_from->setDate(r.from);
        m_to->setDate(r.to);
    }
}

UsageRange UsageFilterBar::range() const {
    UsageRange r;
    r.preset = UsageRange::Preset(m_preset->currentData().toInt());
    r.from = m_from->date();
    r.to = m_to->date();
    return r;
}

void UsageFilterBar::setRange(const UsageRange &range) {
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentIndex(m_preset->findData(int(range.preset)));
    if (range.preset == UsageRange::Preset::Custom && range.isValid()) {
        const QSignalBlocker a(m_from), b(m_to);
        m_from->setDate(range.from);
        m_to->setDate(range.to);
    } else {
        applyPreset();
    }
}

void UsageFilterBar::setScope(ActivityQuery::Scope scope, bool global, const QStringList &ids) {
    const QSignalBlocker block(m_scope);
    int row = Global;
    if (!global)
        row = scope == ActivityQuery::Scope::User ? User : scope == ActivityQuery::Scope::Team ? Team : Tag;
    m_scope->setCurrentIndex(row);
    m_ids->setText(global ? QString() : ids.join(QStringLiteral(", ")));
    updateScopeField();
}

bool UsageFilterBar::isGlobal() const {
    return m_scope->currentIndex() == Global;
}

void UsageFilterBar::updateScopeField() {
    const int row = m_scope->currentIndex();
    m_ids->setEnabled(row != Global);
    switch (row) {
    case Global:
        m_ids->setPlaceholderText(tr("Usage your key may see"));
        m_ids->setAccessibleName(tr("Users, teams or tags"));
        break;
    case User:
        m_ids->setPlaceholderText(tr("User ID"));
        m_ids->setAccessibleName(tr("User ID"));
        break;
    case Team:
        m_ids->setPlaceholderText(tr("Team IDs, separated by commas (empty: every team)"));
        m_ids->setAccessibleName(tr("Team IDs"));
        break;
    case Tag:
        m_ids->setPlaceholderText(tr("Tags, separated by commas (empty: every tag)"));
        m_ids->setAccessibleName(tr("Tags"));
        break;
    }
}

void UsageFilterBar::setModelNames(const QStringList &names) {
    const QString current = m_model->currentText();
    const QSignalBlocker block(m_model);
    m_model->clear();
    m_model->addItem(QString());
    m_model->addItems(names);
    m_model->setEditText(current);
}

void UsageFilterBar::setModelFilter(const QString &model) {
    const QSignalBlocker block(m_model);
    m_model->setEditText(model);
    updateChips();
}

void UsageFilterBar::setKeyFilter(const QString &token, const QString &label) {
    {
        const QSignalBlocker block(m_key);
        m_key->setText(token);
    }
    m_keyLabel = label;
    updateChips();
}

QString UsageFilterBar::modelFilter() const {
    return m_model->currentText().trimmed();
}

QString UsageFilterBar::keyFilter() const {
    return m_key->text().trimmed();
}

void UsageFilterBar::updateChips() {
    const QString model = modelFilter();
    m_modelChip->setText(tr("Model: %1").arg(model));
    m_modelChip->setAccessibleName(tr("Remove the model filter %1").arg(model));
    m_modelChip->setVisible(!model.isEmpty());
    const QString key = keyFilter();
    const QString keyName = m_keyLabel.isEmpty() ? key.left(8) + u'…' : m_keyLabel;
    m_keyChip->setText(tr("Key: %1").arg(keyName));
    m_keyChip->setAccessibleName(tr("Remove the key filter %1").arg(keyName));
    m_keyChip->setVisible(!key.isEmpty());
}

std::optional<ActivityQuery> UsageFilterBar::query(QString *why) const {
    ActivityQuery q;
    const UsageRange r = range();
    if (!r.isValid()) {
        if (why)
            *why = tr("The first day is after the last day: pick the dates again.");
        return std::nullopt;
    }
    q.start = r.from;
    q.end = r.to;
    QStringList ids = splitList(m_ids->text());
    switch (m_scope->currentIndex()) {
    case Global:
        q.scope = ActivityQuery::Scope::User;
        ids.clear();
        break;
    case User:
        q.scope = ActivityQuery::Scope::User;
        if (ids.size() != 1) {
            if (why)
                *why = tr("Enter one user ID to see that user's usage.");
            return std::nullopt;
        }
        break;
    case Team:
    case Tag:
        q.scope = m_scope->currentIndex() == Team ? ActivityQuery::Scope::Team : ActivityQuery::Scope::Tag;
        break; // no ids: every team (or tag) the key may see
    }
    q.ids = ids;
    q.model = modelFilter();
    q.apiKey = keyFilter();
    return q;
}

QString UsageFilterBar::scopeText() const {
    const QString ids = m_ids->text().trimmed();
    switch (m_scope->currentIndex()) {
    case User:
        return tr("user %1").arg(ids);
    case Team:
        return ids.isEmpty() ? tr("every team") : tr("teams %1").arg(ids);
    case Tag:
        return ids.isEmpty() ? tr("every tag") : tr("tags %1").arg(ids);
    default:
        return tr("everything this key may see");
    }
}

QWidget *UsageFilterBar::searchField() const {
    return m_model;
}
