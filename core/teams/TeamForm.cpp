#include "TeamForm.h"

#include <QCoreApplication>

namespace {

QStringList splitList(const QString &text) {
    QStringList out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        if (const QString item = part.trimmed(); !item.isEmpty() && !out.contains(item))
            out << item;
    return out;
}

// Empty: nullopt and ok; otherwise a whole number >= 0.
bool readLimit(const QString &text, std::optional<qint64> &out) {
    const QString t = text.trimmed().remove(u',');
    if (t.isEmpty())
        return true;
    bool ok = false;
    const qint64 v = t.toLongLong(&ok);
    if (!ok || v < 0)
        return false;
    out = v;
    return true;
}

} // namespace

TeamForm::Result TeamForm::read(bool creating) const {
    Result r;
    api::TeamFields &f = r.fields;
    f.teamAlias = alias.trimmed();
    if (creating && f.teamAlias.isEmpty()) {
        r.field = QStringLiteral("alias");
        r.error = QCoreApplication::translate("TeamForm", "Give the team an alias: people find teams by it.");
        return r;
    }
    const QStringList modelList = splitList(models);
    if (creating || !modelList.isEmpty())
        f.models = modelList;
    if (const QString b = budget.trimmed().remove(u'$').remove(u','); !b.isEmpty()) {
        bool ok = false;
        const double v = b.toDouble(&ok);
        if (!ok || v < 0) {
            r.field = QStringLiteral("budget");
            r.error = QCoreApplication::translate(
                "TeamForm",
                "Type the budget in US dollars, such as 500 or 49.99, or leave it empty for none.");
            return r;
        }
        f.maxBudget = v;
    }
    f.budgetDuration = budgetDuration.trimmed();
    if (!readLimit(tpm, f.tpmLimit)) {
        r.field = QStringLiteral("tpm");
        r.error = QCoreApplication::translate(
            "TeamForm", "Type tokens per minute as a whole number, or leave it empty for no limit.");
        return r;
    }
    if (!readLimit(rpm, f.rpmLimit)) {
        r.field = QStringLiteral("rpm");
        r.error = QCoreApplication::translate(
            "TeamForm", "Type requests per minute as a whole number, or leave it empty for no limit.");
        return r;
    }
    if (!creating) { // emptied on an edit: removed
        f.clearMaxBudget = hadBudget && budget.trimmed().isEmpty();
        f.clearTpmLimit = hadTpm && tpm.trimmed().isEmpty();
        f.clearRpmLimit = hadRpm && rpm.trimmed().isEmpty();
    }
    if (creating) {
        for (const QString &entry : splitList(members)) {
            const QString id = entry.section(u':', 0, 0).trimmed();
            const QString role = entry.section(u':', 1).trimmed().toLower();
            if (id.isEmpty() || (!role.isEmpty() && role != u"admin" && role != u"user")) {
                r.field = QStringLiteral("members");
                r.error = QCoreApplication::translate(
                    "TeamForm",
                    "List members as user ids separated by commas; add \":admin\" for a team admin.");
                return r;
            }
            f.members << TeamMember::withRole(id, role.isEmpty() ? QStringLiteral("user") : role);
        }
    }
    return r;
}

TeamForm TeamForm::from(const TeamRecord &team) {
    TeamForm form;
    form.alias = team.teamAlias;
    form.models = team.models.join(QStringLiteral(", "));
    if (team.maxBudget)
        form.budget = QString::number(*team.maxBudget, 'f', 2);
    form.budgetDuration = team.budgetDuration;
    if (team.tpmLimit)
        form.tpm = QString::number(*team.tpmLimit);
    if (team.rpmLimit)
        form.rpm = QString::number(*team.rpmLimit);
    form.hadBudget = team.maxBudget.has_value();
    form.hadTpm = team.tpmLimit.has_value();
    form.hadRpm = team.rpmLimit.has_value();
    return form;
}
