#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>

// The bytes a fuzzer hands over, with the first byte optionally taken as a selector (which decoder to
// run) so that one target and one corpus cover a family of decoders.
struct FuzzInput {
    FuzzInput(const uint8_t *data, size_t size)
        : m_data(reinterpret_cast<const char *>(data))
        , m_size(static_cast<qsizetype>(size)) {}

    // The first byte (0 when empty), and the rest as a QByteArray that shares nothing with the fuzzer.
    unsigned selector() const { return m_size > 0 ? static_cast<unsigned char>(m_data[0]) : 0u; }
    QByteArray rest() const { return m_size > 1 ? QByteArray(m_data + 1, m_size - 1) : QByteArray(); }
    QByteArray all() const { return QByteArray(m_data, m_size); }

private:
    const char *m_data;
    qsizetype m_size;
};
