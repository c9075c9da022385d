// The model and health decoders (/v2/model/info, /model/info, /models, /health/liveliness,
// /health/readiness).
#include "FuzzInput.h"
#include "core/api/HealthApi.h"
#include "core/api/ModelApi.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const FuzzInput in(data, size);
    const QByteArray body = in.rest();
    switch (in.selector() % 4) {
    case 0:
        (void)api::decodeModelPage(body);
        break;
    case 1:
        (void)api::decodeModelIds(body);
        break;
    case 2:
        (void)api::decodeLiveliness(body);
        break;
    default:
        (void)api::decodeReadiness(body);
        break;
    }
    return 0;
}
