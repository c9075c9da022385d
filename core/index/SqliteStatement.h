#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

// One prepared statement on the SQLite connection under a QSqlDatabase (the QSQLITE driver's handle),
// bound by position without the QVariant and placeholder-name work QSqlQuery does for each value. For
// the one statement run a million times in a first sync (the key upsert); everything else uses QSqlQuery.
// Placeholders are numbered from 0 here; text is bound as UTF-8 and kept until the next exec().
class SqliteStatement {
public:
    SqliteStatement(const QSqlDatabase &db, const QString &sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_statement != nullptr; }
    void bindNull(int index);
    void bind(int index, qint64 value);
    void bind(int index, double value);
    void bind(int index, const QString &text); // an empty string binds as empty text, not NULL
    // Runs the statement once, then clears the bindings for the next row.
    bool exec();
    // SQLite's message for the last failure (preparing or running).
    QString errorString() const { return m_error; }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QList<QByteArray> m_texts; // what the bound text points into, until the statement has run
    QString m_error;
};
