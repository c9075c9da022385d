#include "KeyEditDialog.h"

#include "core/format/CommaList.h"
#include "core/keys/KeyDirectory.h"
#include "ui/ErrorBanner.h"
#include "ui/TextStyle.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QString sentence(QString text) {
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text.endsWith(u'.') ? text : text + u'.';
}

QString number(std::optional<double> v) {
    return v ? QString::number(*v, 'g', 12) : QString();
}

QString integer(std::optional<qint64> v) {
    return v ? QString::number(*v) : QString();
}

// "name=value" lines; a value that is JSON (a number, true, a list) is sent as JSON, else as text.
std::variant<QJsonObject, QString> parseMetadata(const QString &text) {
    QJsonObject out;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype eq = line.indexOf(u'=');
        if (eq < 0)
            return KeyEditDialog::tr("Metadata line %1 has no \"=\": write name=value.").arg(i + 1);
        const QString value = line.mid(eq + 1).trimmed();
        const QJsonDocument doc = QJsonDocument::fromJson("[" + value.toUtf8() + "]");
        const QJsonValue v =
            doc.isArray() && doc.array().size() == 1 ? doc.array().first() : QJsonValue(value);
        out.insert(line.left(eq).trimmed(), v);
    }
    return out;
}

QLineEdit *field(const QString &name, const QString &text, const QString &placeholder, QWidget *parent) {
    auto *e = new QLineEdit(text, parent);
    e->setObjectName(name);
    e->setPlaceholderText(placeholder);
    return e;
}

} // namespace

KeyEditDialog::KeyEditDialog(KeyDirectory *directory, const KeyRecord &key, QWidget *parent)
    : QDialog(parent)
    , m_directory(directory)
    , m_key(key) {
    setObjectName(QStringLiteral("keyEditDialog"));
    setWindowTitle(tr("Edit Key %1").arg(key.displayName()));
    m_banner = new ErrorBanner(this);
    connect(m_banner, &ErrorBanner::retryRequested, this, &KeyEditDialog::save);

    m_alias = field(QStringLiteral("editAlias"), key.keyAlias, tr("No alias"), this);
    m_models =
        field(QStringLiteral("editModels"), key.models.join(QStringLiteral(", ")),
              key.modelScope() == ModelScope::Unknown ? tr("Unknown (comma-separated names to restrict)")
              : key.teamId.isEmpty() ? tr("All proxy models (comma-separated names to restrict)")
                                     : tr("The team's models (comma-separated names to restrict)"),
              this);
    m_budget = field(QStringLiteral("editBudget"), number(key.maxBudget), tr("No budget (dollars)"), this);
    m_budgetDuration = field(QStringLiteral("editBudgetDuration"), key.budgetDuration,
                             tr("e.g. 30d; empty: never resets"), this);
    m_tpm = field(QStringLiteral("editTpm"), integer(key.tpmLimit), tr("No limit"), this);
    m_rpm = field(QStringLiteral("editRpm"), integer(key.rpmLimit), tr("No limit"), this);
    m_expiresIn =
        field(QStringLiteral("editExpiresIn"), {}, tr("Unchanged; e.g. 30d from now, or \"never\""), this);
    m_metadata = new QPlainTextEdit(this);
    m_metadata->setObjectName(QStringLiteral("editMetadata"));
    m_metadata->setPlaceholderText(tr("name=value, one per line; added to the key's metadata"));
    m_metadata->setTabChangesFocus(true);
    m_metadata->setMaximumHeight(90);

    auto *form = new QFormLayout;
    form->addRow(tr("&Alias:"), m_alias);
    form->addRow(tr("&Models:"), m_models);
    form->addRow(tr("Max &budget ($):"), m_budget);
    form->addRow(tr("Budget &duration:"), m_budgetDuration);
    form->addRow(tr("&TPM limit:"), m_tpm);
    form->addRow(tr("&RPM limit:"), m_rpm);
    form->addRow(tr("New &expiry:"), m_expiresIn);
    form->addRow(tr("M&etadata:"), m_metadata);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("editProblem"));
    textstyle::setTone(m_problem, textstyle::Tone::Error);
    m_problem->setWordWrap(true);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("editResult"));
    m_result->setWordWrap(true);
    m_result->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(tr("Save"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("editSave"));
    m_save->setDefault(true);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("editClose"));
    connect(m_save, &QPushButton::clicked, this, &KeyEditDialog::save);
    connect(close, &QPushButton::clicked, this, &KeyEditDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_result);
    layout->addWidget(buttons);

    for (QLineEdit *e : {m_alias, m_models, m_budget, m_budgetDuration, m_tpm, m_rpm, m_expiresIn})
        connect(e, &QLineEdit::textChanged, this, &KeyEditDialog::revalidate);
    connect(m_metadata, &QPlainTextEdit::textChanged, this, &KeyEditDialog::revalidate);
    resize(520, sizeHint().height());
    revalidate();
}

std::variant<KeyUpdate, QString> KeyEditDialog::change() const {
    KeyUpdate u;
    if (m_alias->text().trimmed() != m_key.keyAlias)
        u.alias = m_alias->text().trimmed();
    const QStringList models = splitList(m_models->text());
    if (models != m_key.models)
        u.models = models;
    const QString budget = m_budget->text().trimmed();
    if (budget != number(m_key.maxBudget)) {
        u.clearMaxBudget = budget.isEmpty(); // emptied: no budget
        if (!u.clearMaxBudget) {
            bool ok = false;
            const double value = budget.startsWith(u'$') ? budget.mid(1).toDouble(&ok) : budget.toDouble(&ok);
            if (!ok)
                return tr("The max budget \"%1\" is not a number of dollars.").arg(budget);
            u.maxBudget = value;
        }
    }
    if (m_budgetDuration->text().trimmed() != m_key.budgetDuration &&
        !m_budgetDuration->text().trimmed().isEmpty())
        u.budgetDuration = m_budgetDuration->text().trimmed();
    const auto limitOf = [](QLineEdit *e, std::optional<qint64> current, const QString &name,
                            std::optional<qint64> &out, bool &clear) -> QString {
        const QString text = e->text().trimmed();
        if (text == integer(current))
            return {};
        if (text.isEmpty()) { // emptied: no limit
            clear = true;
            return {};
        }
        bool ok = false;
        const qint64 v = text.toLongLong(&ok);
        if (!ok)
            return tr("The %1 limit \"%2\" is not a whole number.").arg(name, text);
        out = v;
        return {};
    };
    if (QString why = limitOf(m_tpm, m_key.tpmLimit, QStringLiteral("TPM"), u.tpmLimit, u.clearTpmLimit);
        !why.isEmpty())
        return why;
    if (QString why = limitOf(m_rpm, m_key.rpmLimit, QStringLiteral("RPM"), u.rpmLimit, u.clearRpmLimit);
        !why.isEmpty())
        return why;
    const QString expiry = m_expiresIn->text().trimmed();
    if (!expiry.isEmpty())
        u.expiresIn = expiry.compare(u"never", Qt::CaseInsensitive) == 0 ? QString() : expiry;
    const auto metadata = parseMetadata(m_metadata->toPlainText());
    if (const QString *why = std::get_if<QString>(&metadata))
        return *why;
    u.metadata = std::get<QJsonObject>(metadata);
    if (u.isEmpty())
        return unchangedText();
    if (const auto why = u.validate())
        return sentence(*why);
    return u;
}

QString KeyEditDialog::unchangedText() {
    return tr("Change a field to save.");
}

void KeyEditDialog::revalidate() {
    const auto c = change();
    const QString *why = std::get_if<QString>(&c);
    m_problem->setText(why ? *why : QString());
    m_problem->setVisible(why != nullptr);
    // Nothing changed yet is a hint, not a problem.
    if (why && *why == unchangedText()) {
        textstyle::clearTone(m_problem);
        textstyle::setMuted(m_problem);
    } else
        textstyle::setTone(m_problem, textstyle::Tone::Error);
    m_save->setEnabled(!why && !m_sending && m_directory);
}

void KeyEditDialog::save() {
    const auto c = change();
    if (!m_directory || std::holds_alternative<QString>(c))
        return revalidate();
    m_sending = true;
    m_banner->clear();
    m_result->hide();
    m_save->setEnabled(false);
    m_save->setText(tr("Saving…"));
    m_directory->update(m_key.token, std::get<KeyUpdate>(c), this,
                        [this](const KeyActionResult &result) { finished(result); });
}

void KeyEditDialog::finished(const KeyActionResult &result) {
    m_sending = false;
    m_save->setText(tr("Save"));
    if (!result.ok()) {
        m_banner->showError(result.error);
        revalidate();
        return;
    }
    m_key = result.record;
    // The fields now show the key as the proxy holds it.
    m_alias->setText(m_key.keyAlias);
    m_models->setText(m_key.models.join(QStringLiteral(", ")));
    m_budget->setText(number(m_key.maxBudget));
    m_budgetDuration->setText(m_key.budgetDuration);
    m_tpm->setText(integer(m_key.tpmLimit));
    m_rpm->setText(integer(m_key.rpmLimit));
    m_expiresIn->clear();
    m_metadata->clear();
    if (result.droppedFields.isEmpty()) {
        textstyle::setTone(m_result, textstyle::Tone::Success);
        m_result->setText(tr("Saved. The proxy applied every change."));
    } else {
        textstyle::setTone(m_result, textstyle::Tone::Warning);
        m_result->setText(tr("Saved, but the proxy did not apply: %1. Its answer is shown above; check the "
                             "proxy's version and your role.")
                              .arg(result.droppedFields.join(QStringLiteral(", "))));
    }
    m_result->show();
    emit saved(m_key);
    revalidate();
}
