#include "JsonStreamReader.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

constexpr qsizetype MinRead = 64;

bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// Where quotes, backslashes and brackets are in 64 bytes, one bit per byte.
struct BlockMasks {
    quint64 quote = 0;
    quint64 backslash = 0;
    quint64 open = 0;  // { and [
    quint64 close = 0; // } and ]
};

BlockMasks classify(const char *p) {
    BlockMasks m;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i caseBit = _mm_set1_epi8(0x20); // '[' | 0x20 == '{' and ']' | 0x20 == '}'
    const __m128i open = _mm_set1_epi8('{');
    const __m128i close = _mm_set1_epi8('}');
    for (int k = 0; k < 4; ++k) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * k));
        const __m128i folded = _mm_or_si128(v, caseBit);
        const auto bits = [](__m128i eq) { return quint64(unsigned(_mm_movemask_epi8(eq))); };
        m.quote |= bits(_mm_cmpeq_epi8(v, quote)) << (16 * k);
        m.backslash |= bits(_mm_cmpeq_epi8(v, backslash)) << (16 * k);
        m.open |= bits(_mm_cmpeq_epi8(folded, open)) << (16 * k);
        m.close |= bits(_mm_cmpeq_epi8(folded, close)) << (16 * k);
    }
#else
    for (int b = 0; b < 64; ++b) {
        const quint64 bit = quint64(1) << b;
        switch (p[b]) {
        case '"':
            m.quote |= bit;
            break;
        case '\\':
            m.backslash |= bit;
            break;
        case '{':
        case '[':
            m.open |= bit;
            break;
        case '}':
        case ']':
            m.close |= bit;
            break;
        default:
            break;
        }
    }
#endif
    return m;
}

// Bit i of the result is the XOR of bits 0..i: 1 from an opening quote up to (not including) its close.
quint64 prefixXor(quint64 x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

struct ScanState {
    qint64 depth = 0;
    quint64 inString = 0; // all ones while inside a string at a block boundary
    bool escapeNext = false;
};

// Scans one block; returns the bit at which the value that started at depth 0 closes, or -1.
int scanBlock(const char *p, ScanState &s) {
    const BlockMasks m = classify(p);
    quint64 escaped = 0;
    if (m.backslash != 0 || s.escapeNext) { // rare: walk the block for escape sequences
        bool e = s.escapeNext;
        for (int b = 0; b < 64; ++b) {
            if (e) {
                escaped |= quint64(1) << b;
                e = false;
            } else if ((m.backslash >> b) & 1) {
                e = true;
            }
        }
        s.escapeNext = e;
    }
    const quint64 inside = prefixXor(m.quote & ~escaped) ^ s.inString;
    s.inString = quint64(qint64(inside) >> 63);
    const quint64 open = m.open & ~inside;
    const quint64 close = m.close & ~inside;
    if ((open | close) == 0)
        return -1;
    const int closes = std::popcount(close);
    if (s.depth > closes) {
        s.depth += std::popcount(open) - closes;
        return -1;
    }
    for (quint64 all = open | close; all != 0; all &= all - 1) {
        const int b = std::countr_zero(all);
        if ((open >> b) & 1)
            ++s.depth;
        else if (--s.depth == 0)
            return b;
    }
    return -1;
}

} // namespace

JsonStreamReader::JsonStreamReader(qsizetype bufferSize) {
    reserve(std::max<qsizetype>(bufferSize, 16));
}

JsonStreamReader::~JsonStreamReader() = default;

bool JsonStreamReader::openFile(const QString &path) {
    m_file.setFileName(path);
    m_fromFile = true;
    m_pos = m_end = 0;
    m_base = 0;
    m_eof = false;
    m_error.clear();
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        m_error = m_file.errorString();
        return false;
    }
    return true;
}

void JsonStreamReader::openMemory(QByteArrayView data) {
    m_memory = data;
    m_memoryPos = 0;
    m_fromFile = false;
    m_pos = m_end = 0;
    m_base = 0;
    m_eof = false;
    m_error.clear();
}

void JsonStreamReader::reserve(qsizetype capacity) {
    auto buffer = std::make_unique<char[]>(size_t(capacity + Padding));
    if (m_end > 0)
        std::memcpy(buffer.get(), m_buffer.get(), size_t(m_end));
    std::memset(buffer.get() + capacity, ' ', Padding);
    m_buffer = std::move(buffer);
    m_capacity = capacity;
}

// Moves [keepFrom, end) to the front (every index shifts down by keepFrom) and reads more after it.
qsizetype JsonStreamReader::fill(qsizetype keepFrom) {
    const qsizetype kept = m_end - keepFrom;
    if (keepFrom > 0 && kept > 0)
        std::memmove(m_buffer.get(), m_buffer.get() + keepFrom, size_t(kept));
    m_base += keepFrom;
    m_pos -= keepFrom;
    m_end = kept;
    const qsizetype free = m_capacity - m_end;
    if (free < std::max(MinRead, m_capacity / 4))
        reserve(std::max(m_capacity * 2, m_end + MinRead));
    if (m_eof)
        return 0;
    qsizetype n = 0;
    if (m_fromFile) {
        n = m_file.read(m_buffer.get() + m_end, m_capacity - m_end);
        if (n < 0) {
            m_error =
                QStringLiteral("cannot read at byte %1: %2").arg(m_base + m_end).arg(m_file.errorString());
            n = 0;
        }
    } else {
        n = std::min(m_capacity - m_end, m_memory.size() - m_memoryPos);
        if (n > 0) // an empty body has no data() to copy from
            std::memcpy(m_buffer.get() + m_end, m_memory.data() + m_memoryPos, size_t(n));
        m_memoryPos += n;
    }
    if (n == 0)
        m_eof = true;
    m_end += n;
    return n;
}

int JsonStreamReader::peek() {
    for (;;) {
        while (m_pos < m_end) {
            const char c = m_buffer[m_pos];
            if (!isSpace(c))
                return uchar(c);
            ++m_pos;
        }
        if (fill(m_pos) == 0)
            return -1;
    }
}

void JsonStreamReader::setEndError(qint64 startOffset, const char *what) {
    if (m_error.isEmpty())
        m_error = QStringLiteral("unexpected end of input inside the %1 starting at byte %2")
                      .arg(QLatin1StringView(what))
                      .arg(startOffset);
}

bool JsonStreamReader::scanContainer(qsizetype &start, bool keep, qsizetype &end) {
    const qint64 startOffset = m_base + start;
    const char *what = m_buffer[start] == '[' ? "array" : "object";
    ScanState state;
    qsizetype i = start;
    for (;;) {
        for (; i + 64 <= m_end; i += 64) {
            const int bit = scanBlock(m_buffer.get() + i, state);
            if (bit >= 0) {
                end = i + bit + 1;
                return true;
            }
        }
        const qsizetype keepFrom = keep ? start : i;
        const qsizetype n = fill(keepFrom);
        start -= keepFrom;
        i -= keepFrom;
        if (n > 0)
            continue;
        if (i < m_end) { // the last bytes of the input, less than a block
            char tail[64];
            std::memset(tail, ' ', sizeof tail);
            std::memcpy(tail, m_buffer.get() + i, size_t(m_end - i));
            const int bit = scanBlock(tail, state);
            if (bit >= 0) {
                end = i + bit + 1;
                return true;
            }
        }
        setEndError(startOffset, what);
        return false;
    }
}

bool JsonStreamReader::scanString(qsizetype &start, bool keep, qsizetype &end) {
    const qint64 startOffset = m_base + start;
    bool escape = false;
    qsizetype i = start + 1;
    for (;;) {
        for (; i < m_end; ++i) {
            const char c = m_buffer[i];
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"') {
                end = i + 1;
                return true;
            }
        }
        const qsizetype keepFrom = keep ? start : i;
        const qsizetype n = fill(keepFrom);
        start -= keepFrom;
        i -= keepFrom;
        if (n == 0) {
            setEndError(startOffset, "string");
            return false;
        }
    }
}

bool JsonStreamReader::scanScalar(qsizetype &start, bool keep, qsizetype &end) {
    qsizetype i = start;
    for (;;) {
        for (; i < m_end; ++i) {
            const char c = m_buffer[i];
            if (isSpace(c) || c == ',' || c == '}' || c == ']' || c == ':') {
                end = i;
                return true;
            }
        }
        const qsizetype keepFrom = keep ? start : i;
        const qsizetype n = fill(keepFrom);
        start -= keepFrom;
        i -= keepFrom;
        if (n == 0) {
            end = i;
            return m_error.isEmpty();
        }
    }
}

bool JsonStreamReader::scanValue(bool keep, qsizetype &start, qsizetype &end) {
    if (peek() < 0) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("unexpected end of input at byte %1, expected a value").arg(offset());
        return false;
    }
    start = m_pos;
    bool ok = false;
    switch (m_buffer[start]) {
    case '{':
    case '[':
        ok = scanContainer(start, keep, end);
        break;
    case '"':
        ok = scanString(start, keep, end);
        break;
    default:
        ok = scanScalar(start, keep, end);
        break;
    }
    if (ok)
        m_pos = end;
    return ok;
}

bool JsonStreamReader::takeValue(Span &out) {
    qsizetype start = 0, end = 0;
    if (!scanValue(true, start, end))
        return false;
    out.data = m_buffer.get() + start;
    out.size = end - start;
    out.capacity = m_capacity + Padding - start;
    out.offset = m_base + start;
    return true;
}

bool JsonStreamReader::skipValue() {
    qsizetype start = 0, end = 0;
    return scanValue(false, start, end);
}

bool JsonStreamReader::readString(QByteArray &out) {
    Span s;
    if (peek() != '"' || !takeValue(s)) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("expected a string at byte %1").arg(offset());
        return false;
    }
    const QByteArrayView raw(s.data, s.size);
    if (!raw.contains('\\')) {
        out = raw.sliced(1, raw.size() - 2).toByteArray();
        return true;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray('[' + raw.toByteArray() + ']'));
    if (!doc.isArray()) {
        m_error = QStringLiteral("invalid string at byte %1").arg(s.offset);
        return false;
    }
    out = doc.array().at(0).toString().toUtf8();
    return true;
}
