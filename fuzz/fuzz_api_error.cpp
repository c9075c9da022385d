// ApiError::fromHttp over any status and body a proxy (or something in front of it) may send.
#include "FuzzInput.h"
#include "core/api/ApiError.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const FuzzInput in(data, size);
    static constexpr int kStatuses[] = {400, 401, 403, 404, 405, 409, 422, 429, 500, 502, 503, 504};
    const int status = kStatuses[in.selector() % std::size(kStatuses)];
    const ApiError error = ApiError::fromHttp(status, in.rest());
    (void)error.toString();
    return 0;
}
