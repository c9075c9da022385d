// The team actions of the Teams page: each sends one request, and its answer updates the table and the
// details, or shows in the page's banner with LiteLLM's message and what to do.
#include "ui/teams/TeamsPage.h"

#include "core/api/ProxyClient.h"
#include "core/itemmodels/TeamTableModel.h"
#include "ui/ErrorBanner.h"
#include "ui/keys/ConfirmTypingDialog.h"
#include "ui/teams/MemberDialog.h"
#include "ui/teams/TeamDetails.h"
#include "ui/teams/TeamDialog.h"

void TeamsPage::begin(const QString &label, ApiReply *reply) {
    ++m_pending;
    m_action = reply;
    startWork(label);
    updateActions();
}

void TeamsPage::cancel() {
    if (m_action)
        m_action->cancel(); // its handler says what that means
}

void TeamsPage::failedAction(const QString &what, const ApiError &error) {
    --m_pending;
    finishWork();
    if (error.kind == ApiError::Kind::Canceled) {
        // The request may have reached the proxy: read the teams again rather than guess.
        m_banner->clear();
        emit statusMessage(tr("Stopped waiting: %1 may still have been done by the proxy; the teams are "
                              "read again.")
                               .arg(what));
        updateActions();
        emit actionFinished(false);
        reload();
        return;
    }
    ApiError shown = error;
    shown.message = tr("%1 failed: %2").arg(what, error.message.isEmpty() ? error.toString() : error.message);
    if (shown.hint.isEmpty())
        shown.hint = error.httpStatus == 403
                         ? tr("Your key may not manage teams: connect with a proxy admin's key, or ask one.")
                         : tr("Check the proxy, then try again; Reload shows the teams as they are now.");
    m_banner->showError(shown);
    emit statusMessage(shown.message);
    updateActions();
    emit actionFinished(false);
}

void TeamsPage::succeeded(const QString &message, const TeamRecord &team) {
    --m_pending;
    finishWork();
    m_banner->clear();
    if (!team.teamId.isEmpty()) {
        m_model->putTeam(team);
        selectTeam(team.teamId);
        if (const TeamRecord *t = selectedTeam())
            m_details->showTeam(*t);
    }
    emit statusMessage(message);
    updateActions();
    emit actionFinished(true);
}

void TeamsPage::createTeam(const api::TeamFields &fields) {
    if (!m_client || !canAct())
        return;
    const QString name = fields.teamAlias;
    begin(tr("Creating team %1…").arg(name),
          api::newTeam(*m_client, fields, this, [this, name](Expected<TeamRecord> r) {
              if (!r)
                  return failedAction(tr("Creating team %1").arg(name), r.error());
              succeeded(tr("Created team %1").arg(r->displayName()), *r);
          }));
}

void TeamsPage::updateSelected(const api::TeamFields &fields) {
    const TeamRecord *t = selectedTeam();
    if (!m_client || !t || !canAct())
        return;
    const QString name = t->displayName();
    begin(tr("Saving team %1…").arg(name),
          api::updateTeam(*m_client, t->teamId, fields, this, [this, name](Expected<TeamRecord> r) {
              if (!r)
                  return failedAction(tr("Saving team %1").arg(name), r.error());
              succeeded(tr("Saved team %1").arg(r->displayName()), *r);
          }));
}

void TeamsPage::setSelectedBlocked(bool blocked) {
    const TeamRecord *t = selectedTeam();
    if (!m_client || !t || !canAct())
        return;
    const QString name = t->displayName();
    begin((blocked ? tr("Blocking team %1…") : tr("Unblocking team %1…")).arg(name),
          api::setTeamBlocked(*m_client, t->teamId, blocked, this,
                              [this, name, blocked](Expected<TeamRecord> r) {
                                  if (!r)
                                      return failedAction(blocked ? tr("Blocking team %1").arg(name)
                                                                  : tr("Unblocking team %1").arg(name),
                                                          r.error());
                                  TeamRecord team = *r;
                                  team.blocked = blocked; // what was asked, if the answer leaves it out
                                  succeeded(blocked ? tr("Blocked team %1: its keys are refused").arg(name)
                                                    : tr("Unblocked team %1").arg(name),
                                            team);
                              }));
}

void TeamsPage::deleteSelected() {
    const TeamRecord *t = selectedTeam();
    if (!m_client || !t || !canAct())
        return;
    const QString id = t->teamId;
    const QString name = t->displayName();
    begin(tr("Deleting team %1…").arg(name),
          api::deleteTeam(*m_client, id, this, [this, id, name](Expected<QStringList> r) {
              if (!r)
                  return failedAction(tr("Deleting team %1").arg(name), r.error());
              m_model->removeTeam(id);
              m_details->clear();
              succeeded(tr("Deleted team %1 and its keys").arg(name), {});
          }));
}

void TeamsPage::addMember(const TeamMember &member) {
    const TeamRecord *t = selectedTeam();
    if (!m_client || !t || !canAct())
        return;
    const QString name = t->displayName();
    begin(
        tr("Adding %1 to team %2…").arg(member.userId, name),
        api::addTeamMember(*m_client, t->teamId, member, this, [this, name, member](Expected<TeamRecord> r) {
            if (!r)
                return failedAction(tr("Adding %1 to team %2").arg(member.userId, name), r.error());
            succeeded(tr("Added %1 to team %2").arg(member.userId, name), *r);
        }));
}

void TeamsPage::removeMember(const QString &userId) {
    const TeamRecord *t = selectedTeam();
    if (!m_client || !t || userId.isEmpty() || !canAct())
        return;
    const QString name = t->displayName();
    begin(tr("Removing %1 from team %2…").arg(userId, name),
          api::removeTeamMember(
              *m_client, t->teamId, userId, this, [this, name, userId](Expected<TeamRecord> r) {
                  if (!r)
                      return failedAction(tr("Removing %1 from team %2").arg(userId, name), r.error());
                  succeeded(tr("Removed %1 from team %2").arg(userId, name), *r);
              }));
}

void TeamsPage::setMemberRole(const QString &userId, const QString &role) {
    const TeamRecord *t = selectedTeam();
    if (!m_client || !t || userId.isEmpty() || !canAct())
        return;
    const QString name = t->displayName();
    const QString teamId = t->teamId;
    begin(tr("Changing the role of %1 in team %2…").arg(userId, name),
          api::updateTeamMember(*m_client, teamId, TeamMember::withRole(userId, role), this,
                                [this, name, userId, role, teamId](Expected<TeamMember> r) {
                                    if (!r)
                                        return failedAction(
                                            tr("Changing the role of %1 in team %2").arg(userId, name),
                                            r.error());
                                    // The answer names the member only: the details read the team again.
                                    TeamRecord team;
                                    if (const int row = m_model->rowOf(teamId); row >= 0)
                                        team = *m_model->teamAt(row);
                                    for (TeamMember &m : team.members)
                                        if (m.userId == userId)
                                            m.role = role;
                                    succeeded(tr("%1 is now %2 of team %3").arg(userId, role, name), team);
                                }));
}

void TeamsPage::openNewTeamDialog() {
    if (!m_client || !canAct())
        return;
    auto *dialog = new TeamDialog(nullptr, m_knownModels, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { createTeam(dialog->fields()); });
    dialog->open();
}

void TeamsPage::openEditDialog() {
    const TeamRecord *t = selectedTeam();
    if (!m_client || !t || !canAct())
        return;
    const TeamRecord team = m_details->teamId() == t->teamId ? m_details->team() : *t;
    auto *dialog = new TeamDialog(&team, m_knownModels, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { updateSelected(dialog->fields()); });
    dialog->open();
}

void TeamsPage::confirmDelete() {
    const TeamRecord *t = selectedTeam();
    if (!m_client || !t || !canAct())
        return;
    const QString word = t->teamAlias.isEmpty() ? t->teamId : t->teamAlias;
    std::optional<qint64> keys = t->keysCount;
    if (m_details->teamId() == t->teamId && m_details->keyCount())
        keys = *m_details->keyCount();
    const QString what =
        keys ? tr("LiteLLM deletes its %n key(s) with it: anything using them stops working at once.",
                  nullptr, int(*keys))
             : tr("LiteLLM deletes its keys with it: anything using them stops working at once.");
    auto *dialog = new ConfirmTypingDialog(
        tr("Delete Team"),
        tr("Delete the team %1? %2 This cannot be undone. Type %1 to confirm.").arg(word, what), {word},
        tr("Delete Team"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &TeamsPage::deleteSelected);
    dialog->open();
}

void TeamsPage::openAddMemberDialog() {
    const TeamRecord *t = selectedTeam();
    if (!m_client || !t || !canAct())
        return;
    auto *dialog = new MemberDialog(t->displayName(), nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { addMember(dialog->member()); });
    dialog->open();
}

void TeamsPage::openRoleDialog(const QString &userId) {
    const TeamRecord *t = selectedTeam();
    if (!m_client || !t || userId.isEmpty() || !canAct())
        return;
    const TeamMember *now = m_details->team().member(userId);
    const TeamMember member = now ? *now : TeamMember::withRole(userId, QStringLiteral("user"));
    auto *dialog = new MemberDialog(t->displayName(), &member, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const TeamMember m = dialog->member();
        setMemberRole(m.userId, m.role);
    });
    dialog->open();
}
