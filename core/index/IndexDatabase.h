#pragma once

#include <QSqlDatabase>
#include <QString>

// One SQLite file of the key index: opened in WAL mode with a busy timeout so the app and the CLI can
// use it at once, created with mode 0600, migrated from older schema versions. A file that is not a
// database, is damaged or has a newer schema is moved aside and a fresh one is created: the index is a
// copy of the proxy's keys, so nothing is lost that the next sync does not bring back (Watch's alert history
// stays in the file moved aside; open alerts come back with the next watch pass).
class IndexDatabase {
public:
    static constexpr int kSchemaVersion = 8;

    explicit IndexDatabase(QString path);
    ~IndexDatabase();
    IndexDatabase(const IndexDatabase &) = delete;
    IndexDatabase &operator=(const IndexDatabase &) = delete;

    // False when the file cannot be opened or rebuilt; errorString() says why and what to do.
    bool open();
    bool isOpen() const { return m_db.isOpen(); }
    QSqlDatabase &db() { return m_db; }
    const QString &path() const { return m_path; }
    QString errorString() const { return m_error; }
    // What open() had to do that the user should know (a damaged file moved aside), or empty.
    QString notice() const { return m_notice; }
    int schemaVersion() const;

    // Where a connection's index lives: <app data>/key-index/<connection id>.sqlite
    static QString defaultPath(const QString &connectionId);
    // The index of a window's connection scope (a profile id or "demo" as it is, a URL hashed).
    static QString pathForScope(const QString &scope);

private:
    bool openFile();
    bool prepare();
    bool migrate(int from);
    bool moveAside(const QString &why);
    void closeFile();

    QString m_path;
    QString m_name;
    QSqlDatabase m_db;
    QString m_error;
    QString m_notice;
};
