#include "DayBuckets.h"

#include <algorithm>

namespace daybuckets {

Size sizeFor(qsizetype days) {
    if (days <= kMaxDays)
        return Size::Day;
    return days <= kMaxWeeksDays ? Size::Week : Size::Month;
}

QList<Bucket> split(QDate from, QDate to, Size size) {
    QList<Bucket> buckets;
    if (!from.isValid() || !to.isValid() || to < from)
        return buckets;
    for (QDate start = from; start <= to;) {
        QDate end;
        switch (size) {
        case Size::Day:
            end = start;
            break;
        case Size::Week:
            end = start.addDays(7 - start.dayOfWeek()); // to Sunday
            break;
        case Size::Month:
            end = QDate(start.year(), start.month(), start.daysInMonth());
            break;
        }
        end = std::min(end, to);
        buckets.append({start, end});
        start = end.addDays(1);
    }
    return buckets;
}

} // namespace daybuckets
