// Every decoder of the key routes (/key/list, /key/info, /key/update, /key/generate, /key/delete).
#include "FuzzInput.h"
#include "core/api/KeyApi.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const FuzzInput in(data, size);
    const QByteArray body = in.rest();
    switch (in.selector() % 5) {
    case 0:
        (void)api::decodeKeyPage(body);
        break;
    case 1:
        (void)api::decodeKeyInfo(body);
        break;
    case 2: {
        (void)api::decodeKeyRow(body);
        if (const auto changes = api::decodeKeyUpdate(body))
            (void)api::mergeKeyUpdate(keyRecordFromJson(*changes), *changes);
        break;
    }
    case 3:
        (void)api::decodeGeneratedKey(body);
        break;
    default:
        (void)api::decodeDeletedKeys(body);
        break;
    }
    return 0;
}
