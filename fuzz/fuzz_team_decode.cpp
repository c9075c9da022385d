// The team decoders of the routes that change a team (/team/new, /team/update, /team/member_add,
// /team/member_delete, /team/block, /team/member_update, /team/delete), and what the desk makes of the row.
#include "FuzzInput.h"
#include "core/api/TeamApi.h"
#include "core/teams/TeamModels.h"
#include "core/teams/TeamRisk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const FuzzInput in(data, size);
    const QByteArray body = in.rest();
    switch (in.selector() % 3) {
    case 0:
        if (const auto team = api::decodeTeamRow(body)) {
            (void)teammodels::describe(*team);
            (void)teammodels::allowsAllProxyModels(*team);
            (void)teamrisk::names(teamrisk::risks(*team));
            (void)team->member(QStringLiteral("fuzz"));
        }
        break;
    case 1:
        (void)api::decodeTeamMemberUpdate(body);
        break;
    default:
        (void)api::decodeDeletedTeams(body);
        break;
    }
    return 0;
}
