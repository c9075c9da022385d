#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QAbstractItemModel;

// A table model as CSV or JSON, with raw values (numbers unformatted, dates as YYYY-MM-DD) read from
// `rawRole` and field names from the horizontal header's `fieldRole` (falling back to its text), so
// what a view shows formatted exports as data. `columns` picks and orders the columns (empty: all).
class TableExport {
public:
    struct Roles {
        int raw = Qt::DisplayRole;
        int field = Qt::DisplayRole;
    };

    static QByteArray toCsv(const QAbstractItemModel &model, Roles roles, const QList<int> &columns = {});
    static QByteArray toJson(const QAbstractItemModel &model, Roles roles, const QList<int> &columns = {});
    // Writes `data` to `path` atomically (QSaveFile). Returns an error message, or empty on success.
    static QString writeFile(const QString &path, const QByteArray &data);
};
