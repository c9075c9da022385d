// Every decoder of the user and team routes.
#include "FuzzInput.h"
#include "core/api/PeopleApi.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const FuzzInput in(data, size);
    const QByteArray body = in.rest();
    switch (in.selector() % 6) {
    case 0:
        (void)api::decodeUserInfo(body);
        break;
    case 1:
        (void)api::decodeUserPage(body);
        break;
    case 2:
        (void)api::decodeNewUser(body);
        break;
    case 3:
        (void)api::decodeUserUpdate(body);
        break;
    case 4:
        (void)api::decodeTeamPage(body);
        break;
    default:
        (void)api::decodeTeamInfo(body);
        break;
    }
    return 0;
}
