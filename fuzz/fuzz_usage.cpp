// Daily activity as pages from the network and as saved files, through the streaming aggregator. The
// first byte picks the buffer size (small sizes cut elements across reads), the parts and the range.
#include "FuzzInput.h"
#include "core/usage/UsageAggregator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const FuzzInput in(data, size);
    const unsigned s = in.selector();
    UsageAggregator aggregator((s & 0x80) ? UsageAggregator::Parts(UsageAggregator::Part::All)
                                          : UsageAggregator::partsFor(UsageReport::Dimension::Key));
    aggregator.setBufferSize(1 + (s & 0x3f) * 7);
    if (s & 0x40)
        aggregator.setRange(QDate(2026, 11, 1), QDate(2026, 11, 30));
    const QByteArray body = in.rest();
    if (s & 0x01)
        (void)aggregator.addPage(body);
    else
        (void)aggregator.addResponse(body);
    (void)aggregator.takeReport();
    return 0;
}
