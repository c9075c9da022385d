#pragma once

#include "core/api/ApiError.h"
#include "core/api/KeyRecord.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QUrlQuery>

#include <optional>

// Small pieces the admin API decoders share.
namespace api::decoding {

// A decode error that quotes the start of the body for the details.
inline ApiError shapeError(const QString &what, const QByteArray &body) {
    return ApiError::decode(what, QString::fromUtf8(body.left(300)));
}

inline QString orderName(Qt::SortOrder order) {
    return order == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc");
}

inline void addIfSet(QUrlQuery &q, const QString &name, const QString &value) {
    if (!value.isEmpty())
        q.addQueryItem(name, value);
}

// A list of objects, each read by `read`; anything else is nullopt (a decode error for the caller).
template <typename T, typename Read> std::optional<QList<T>> objects(const QJsonValue &v, Read read) {
    if (!v.isArray())
        return std::nullopt;
    QList<T> out;
    for (const auto &item : v.toArray()) {
        if (!item.isObject())
            return std::nullopt;
        out << read(item.toObject());
    }
    return out;
}

// Key rows as full objects or bare hashes.
inline QList<KeyRecord> keyRows(const QJsonValue &v) {
    QList<KeyRecord> out;
    for (const auto &k : v.toArray()) {
        if (k.isObject())
            out << keyRecordFromJson(k.toObject());
        else if (k.isString())
            out << keyRecordFromHash(k.toString());
    }
    return out;
}

} // namespace api::decoding
