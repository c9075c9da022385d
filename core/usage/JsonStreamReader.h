#pragma once

#include <QByteArrayView>
#include <QFile>
#include <QString>

#include <memory>

// Reads JSON text from a file or from memory through one reused buffer, and finds where a value ends
// without parsing it (strings, escapes and nesting are tracked 64 bytes at a time), so that each
// element of a very large array can be handed whole to a parser while memory stays bounded.
//
// The buffer grows only when a single value kept whole is larger than it. Offsets are counted from
// the start of the input, for error messages.
class JsonStreamReader {
public:
    // Bytes after the end of every value returned by takeValue() that may be read (not written).
    static constexpr qsizetype Padding = 64;
    static constexpr qsizetype DefaultBufferSize = qsizetype(4) << 20;

    struct Span {
        const char *data = nullptr;
        qsizetype size = 0;
        qsizetype capacity = 0; // readable bytes from `data`, at least size + Padding
        qint64 offset = 0;      // of data[0] in the input
    };

    explicit JsonStreamReader(qsizetype bufferSize = DefaultBufferSize);
    ~JsonStreamReader();
    JsonStreamReader(const JsonStreamReader &) = delete;
    JsonStreamReader &operator=(const JsonStreamReader &) = delete;

    bool openFile(const QString &path);
    void openMemory(QByteArrayView data);

    // The next byte that is not JSON whitespace, without consuming it; -1 at the end of the input or
    // after a read error.
    int peek();
    void advance() { ++m_pos; }
    // Input offset of the next unconsumed byte.
    qint64 offset() const { return m_base + m_pos; }

    // At a '"': consumes the string and stores its unescaped UTF-8 in `out`.
    bool readString(QByteArray &out);
    // At the first byte of any value: consumes it and returns it whole and contiguous, valid until the
    // next call on this reader.
    bool takeValue(Span &out);
    // At the first byte of any value: consumes it without keeping it in memory.
    bool skipValue();

    // Why the last call failed: "unexpected end of input inside the object starting at byte 12".
    QString errorString() const { return m_error; }
    qsizetype bufferCapacity() const { return m_capacity; }

private:
    qsizetype fill(qsizetype keepFrom);
    bool scanContainer(qsizetype &start, bool keep, qsizetype &end);
    bool scanString(qsizetype &start, bool keep, qsizetype &end);
    bool scanScalar(qsizetype &start, bool keep, qsizetype &end);
    bool scanValue(bool keep, qsizetype &start, qsizetype &end);
    void setEndError(qint64 startOffset, const char *what);
    void reserve(qsizetype capacity);

    std::unique_ptr<char[]> m_buffer;
    qsizetype m_capacity = 0;
    qsizetype m_pos = 0;
    qsizetype m_end = 0;
    qint64 m_base = 0; // input offset of m_buffer[0]
    bool m_eof = false;
    QFile m_file;
    QByteArrayView m_memory;
    qsizetype m_memoryPos = 0;
    bool m_fromFile = false;
    QString m_error;
};
