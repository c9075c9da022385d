#include "KeyDetailsView.h"

#include "core/itemmodels/LeaseTableModel.h"
#include "core/keys/KeyRisk.h"
#include "core/roles/Lease.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {

QString cell(const QString &text) {
    return text.toHtmlEscaped();
}

QString valueText(const QJsonValue &v) {
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("null");
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 12);
    const QJsonDocument doc = v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

QString table(const QList<std::pair<QString, QString>> &rows) {
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    for (const auto &[name, value] : rows)
        html += QStringLiteral("<tr><td style='color:palette(placeholder-text); padding-right:10px'>%1</td>"
                               "<td>%2</td></tr>")
                    .arg(cell(name), cell(value));
    return html + QStringLiteral("</table>");
}

} // namespace

KeyDetailsView::KeyDetailsView(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("keyDetailsView"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("keyDetailsTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_body = new QTextBrowser(this);
    m_body->setObjectName(QStringLiteral("keyDetails"));
    m_body->setAccessibleName(tr("Key details"));
    m_body->setOpenLinks(false);
    m_body->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_body, 1);
    showKey(nullptr, {});
}

QString KeyDetailsView::text() const {
    return m_title->text() + u'\n' + m_body->toPlainText();
}

void KeyDetailsView::showKey(const KeyRecord *key, const QDateTime &now, const QString &ladderNote) {
    // The same key shown again (its row was read again) keeps its ladder until a new one arrives.
    const bool same = m_key && key && m_key->token == key->token;
    m_key = key ? std::optional<KeyRecord>(*key) : std::nullopt;
    m_now = now;
    if (!same) {
        m_ladder.reset();
        m_ladderWarnings.clear();
    }
    m_ladderNote = ladderNote;
    render();
}

void KeyDetailsView::setLadder(const QString &token, const BudgetLadder &ladder,
                               const QStringList &warnings) {
    if (!m_key || m_key->token != token)
        return;
    m_ladder = ladder;
    m_ladderWarnings = warnings;
    render();
}

void KeyDetailsView::render() {
    const KeyRecord *key = m_key ? &*m_key : nullptr;
    const QDateTime &now = m_now;
    if (!key) {
        m_title->setText(tr("No key selected"));
        m_body->setHtml(tr("<p>Select a key to see every field, its metadata and the role it was issued "
                           "from.</p>"));
        return;
    }
    m_title->setText(key->displayName());
    QString html;

    if (const auto lease = Lease::fromKey(key->metadata, key->expires)) {
        QList<std::pair<QString, QString>> rows{
            {tr("Role"), lease->role},
            {tr("Issued"), LeaseTableModel::formatLocal(lease->issuedAt) + u"  (" +
                               LeaseTableModel::formatUtc(lease->issuedAt) + u')'},
            {tr("TTL"), lease->ttl.isZero() ? tr("none") : lease->ttl.toString()},
            {tr("Max TTL"), lease->maxTtl.isZero() ? tr("none") : lease->maxTtl.toString()},
            {tr("Expires"),
             lease->expires.isValid() ? LeaseTableModel::formatLocal(lease->expires) : tr("never")},
            {tr("Time left"), formatTimeLeft(lease->secondsLeft(now))},
        };
        html += u"<h4>" + tr("Issued from a role").toHtmlEscaped() + u"</h4>" + table(rows);
    }

    QStringList risks; // over budget also when a budget above the key is exhausted, once its ladder is read
    for (KeyRisk r : m_ladder ? keyrisk::risks(*key, now, *m_ladder) : keyrisk::risks(*key, now))
        risks << keyrisk::label(r);
    html += u"<h4>" + tr("Status").toHtmlEscaped() + u"</h4>" +
            table({{tr("status"), keyrisk::name(keyrisk::status(*key, now))},
                   {tr("risks"), risks.isEmpty() ? tr("none") : risks.join(QStringLiteral(", "))}});

    // The budgets LiteLLM checks, in its order, and the one that stops the key first.
    html += u"<h4>" + tr("Budgets that apply").toHtmlEscaped() + u"</h4>";
    if (!m_ladder) {
        html += u"<p>" + m_ladderNote.toHtmlEscaped() + u"</p>";
    } else {
        html += u"<p><b>" + budgetladder::summary(*m_ladder).toHtmlEscaped() + u"</b></p>";
        QList<std::pair<QString, QString>> ladder;
        for (const Budget &b : m_ladder->budgets) // numbered in the order LiteLLM checks them
            ladder.append({QString::number(ladder.size() + 1) + u'.',
                           budgetladder::describe(b) + (b.isExhausted() ? tr(" (exhausted)") : QString())});
        if (!ladder.isEmpty())
            html += table(ladder);
        for (const QString &w : std::as_const(m_ladderWarnings))
            html += u"<p>" + w.toHtmlEscaped() + u"</p>";
    }

    QList<std::pair<QString, QString>> fields;
    QStringList names = key->raw.keys();
    names.removeAll(QStringLiteral("metadata"));
    names.sort();
    for (const QString &name : names)
        fields.append({name, valueText(key->raw.value(name))});
    if (fields.isEmpty())
        fields.append({QStringLiteral("token"), key->token});
    html += u"<h4>" + tr("Fields").toHtmlEscaped() + u"</h4>" + table(fields);

    QList<std::pair<QString, QString>> meta;
    QStringList metaNames = key->metadata.keys();
    metaNames.sort();
    for (const QString &name : metaNames)
        meta.append({name, valueText(key->metadata.value(name))});
    html += u"<h4>" + tr("Metadata").toHtmlEscaped() + u"</h4>" +
            (meta.isEmpty() ? u"<p>" + tr("none").toHtmlEscaped() + u"</p>" : table(meta));
    m_body->setHtml(html);
}
