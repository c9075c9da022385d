#include "IndexDatabase.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>

Q_LOGGING_CATEGORY(lcIndex, "desk.index")

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("IndexDatabase", text);
}

// Schema steps: step i takes a file from version i to version i + 1. A step is never edited once
// released; a change is a new step.
const QStringList &schemaSteps() {
    static const QStringList steps{
        // 0 -> 1: the keys, as LiteLLM sends them, and the index's own bookkeeping.
        QStringLiteral(R"(
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE keys (
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  key_name TEXT, key_alias TEXT, user_id TEXT, user_email TEXT, team_id TEXT, team_alias TEXT, org_id TEXT,
  spend REAL NOT NULL DEFAULT 0, total_spend REAL, max_budget REAL, soft_budget REAL,
  budget_duration TEXT, budget_reset_at INTEGER, expires INTEGER, models TEXT,
  tpm_limit INTEGER, rpm_limit INTEGER, max_parallel_requests INTEGER, blocked INTEGER,
  metadata TEXT, created_at INTEGER, updated_at INTEGER, created_by TEXT, last_active INTEGER,
  key_type TEXT, extra TEXT, risks INTEGER NOT NULL DEFAULT 0);
CREATE INDEX keys_alias ON keys(key_alias IS NULL, key_alias);
CREATE INDEX keys_user ON keys(user_id IS NULL, user_id);
CREATE INDEX keys_team ON keys(team_id IS NULL, team_id);
CREATE INDEX keys_spend ON keys(spend IS NULL, spend);
CREATE INDEX keys_budget ON keys(max_budget IS NULL, max_budget);
CREATE INDEX keys_expires ON keys(expires IS NULL, expires);
CREATE INDEX keys_created ON keys(created_at IS NULL, created_at);
CREATE INDEX keys_updated ON keys(updated_at IS NULL, updated_at);
CREATE INDEX keys_active ON keys(last_active IS NULL, last_active);
CREATE INDEX keys_risks ON keys(risks);
)"),
        // 1 -> 2: when each key's row (and so its spend) was read, and the changes journal.
        QStringLiteral(R"(
ALTER TABLE keys ADD COLUMN synced_at INTEGER;
CREATE TABLE journal (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  token TEXT NOT NULL,
  key_alias TEXT, team_id TEXT, field TEXT, old_value TEXT, new_value TEXT, source TEXT NOT NULL);
CREATE INDEX journal_at ON journal(at);
CREATE INDEX journal_token ON journal(token, at);
)"),
        // 2 -> 3: models is "[]" for an empty list and NULL only when the proxy sent no list (unknown);
        // schema 2 wrote NULL for both, which read as an empty list, and still does until the key is synced.
        QStringLiteral(R"(
UPDATE keys SET models = '[]' WHERE models IS NULL;
)"),
        // 3 -> 4: every column a view or the CLI sorts by has an index, so no sort reads every key. The
        // default order (newest first) also carries the idle and expiry times, so walking it for those
        // filters reads no row that does not match (rows are stored in hash order, not by age).
        QStringLiteral(R"(
DROP INDEX IF EXISTS keys_created;
CREATE INDEX keys_created ON keys(created_at IS NULL, created_at, id, last_active, expires);
CREATE INDEX keys_name ON keys(key_name IS NULL, key_name);
CREATE INDEX keys_reset ON keys(budget_reset_at IS NULL, budget_reset_at);
CREATE INDEX keys_tpm ON keys(tpm_limit IS NULL, tpm_limit);
CREATE INDEX keys_rpm ON keys(rpm_limit IS NULL, rpm_limit);
CREATE INDEX keys_blocked ON keys(blocked IS NULL, blocked);
)"),
        // 4 -> 5: text search through a trigram index of the searched columns (rows only: the search
        // tests each candidate's text again, so the index needs no positions), kept by triggers.
        QStringLiteral(R"(
CREATE VIRTUAL TABLE keys_text USING fts5(key_alias, key_name, user_id, user_email, team_id, team_alias, metadata, content='keys', content_rowid='id', tokenize='trigram', detail=none, columnsize=0);
INSERT INTO keys_text(keys_text) VALUES('rebuild');
CREATE TRIGGER keys_text_insert AFTER INSERT ON keys BEGIN INSERT INTO keys_text(rowid, key_alias, key_name, user_id, user_email, team_id, team_alias, metadata) VALUES (new.id, new.key_alias, new.key_name, new.user_id, new.user_email, new.team_id, new.team_alias, new.metadata); END;
CREATE TRIGGER keys_text_delete AFTER DELETE ON keys BEGIN INSERT INTO keys_text(keys_text, rowid, key_alias, key_name, user_id, user_email, team_id, team_alias, metadata) VALUES ('delete', old.id, old.key_alias, old.key_name, old.user_id, old.user_email, old.team_id, old.team_alias, old.metadata); END;
CREATE TRIGGER keys_text_update AFTER UPDATE ON keys WHEN old.key_alias IS NOT new.key_alias OR old.key_name IS NOT new.key_name OR old.user_id IS NOT new.user_id OR old.user_email IS NOT new.user_email OR old.team_id IS NOT new.team_id OR old.team_alias IS NOT new.team_alias OR old.metadata IS NOT new.metadata BEGIN INSERT INTO keys_text(keys_text, rowid, key_alias, key_name, user_id, user_email, team_id, team_alias, metadata) VALUES ('delete', old.id, old.key_alias, old.key_name, old.user_id, old.user_email, old.team_id, old.team_alias, old.metadata); INSERT INTO keys_text(rowid, key_alias, key_name, user_id, user_email, team_id, team_alias, metadata) VALUES (new.id, new.key_alias, new.key_name, new.user_id, new.user_email, new.team_id, new.team_alias, new.metadata); END;
)"),
        // 5 -> 6: user and team ids (random UUIDs, two thirds of the searched text, and of the text
        // index's build time) leave the trigram index; the distinct ids are kept in key_ids instead, which
        // a search tests with LIKE and then looks the matching ids up in the user and team indexes.
        // A first sync in progress (its text triggers deferred) keeps the new triggers from here on.
        QStringLiteral(R"(
DROP TRIGGER IF EXISTS keys_text_insert;
DROP TRIGGER IF EXISTS keys_text_delete;
DROP TRIGGER IF EXISTS keys_text_update;
DROP TABLE IF EXISTS keys_text;
UPDATE meta SET value = (SELECT json_group_array(j.value) FROM json_each(meta.value) AS j WHERE j.value NOT LIKE 'CREATE TRIGGER keys_text_%') WHERE name = 'deferred_indexes' AND json_valid(value);
CREATE VIRTUAL TABLE keys_text USING fts5(key_alias, key_name, user_email, team_alias, metadata, content='keys', content_rowid='id', tokenize='trigram', detail=none, columnsize=0);
INSERT INTO keys_text(keys_text) VALUES('rebuild');
CREATE TABLE key_ids (value TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT OR IGNORE INTO key_ids SELECT user_id FROM keys WHERE user_id IS NOT NULL UNION SELECT team_id FROM keys WHERE team_id IS NOT NULL;
CREATE TRIGGER keys_text_insert AFTER INSERT ON keys BEGIN INSERT INTO keys_text(rowid, key_alias, key_name, user_email, team_alias, metadata) VALUES (new.id, new.key_alias, new.key_name, new.user_email, new.team_alias, new.metadata); INSERT OR IGNORE INTO key_ids SELECT new.user_id WHERE new.user_id IS NOT NULL UNION ALL SELECT new.team_id WHERE new.team_id IS NOT NULL; END;
CREATE TRIGGER keys_text_delete AFTER DELETE ON keys BEGIN INSERT INTO keys_text(keys_text, rowid, key_alias, key_name, user_email, team_alias, metadata) VALUES ('delete', old.id, old.key_alias, old.key_name, old.user_email, old.team_alias, old.metadata); END;
CREATE TRIGGER keys_text_update AFTER UPDATE ON keys WHEN old.key_alias IS NOT new.key_alias OR old.key_name IS NOT new.key_name OR old.user_email IS NOT new.user_email OR old.team_alias IS NOT new.team_alias OR old.metadata IS NOT new.metadata BEGIN INSERT INTO keys_text(keys_text, rowid, key_alias, key_name, user_email, team_alias, metadata) VALUES ('delete', old.id, old.key_alias, old.key_name, old.user_email, old.team_alias, old.metadata); INSERT INTO keys_text(rowid, key_alias, key_name, user_email, team_alias, metadata) VALUES (new.id, new.key_alias, new.key_name, new.user_email, new.team_alias, new.metadata); END;
CREATE TRIGGER keys_text_ids AFTER UPDATE OF user_id, team_id ON keys WHEN old.user_id IS NOT new.user_id OR old.team_id IS NOT new.team_id BEGIN INSERT OR IGNORE INTO key_ids SELECT new.user_id WHERE new.user_id IS NOT NULL UNION ALL SELECT new.team_id WHERE new.team_id IS NOT NULL; END;
)"),
        // 6 -> 7: the budgets above the keys (BudgetBook): each team's, each member's within a team, each
        // user's and the proxy's, with whether LiteLLM would refuse requests on it (exhausted), so the
        // over-budget risk takes in every budget on a key's ladder.
        QStringLiteral(R"(
CREATE TABLE budgets (
  kind TEXT NOT NULL, team_id TEXT NOT NULL, user_id TEXT NOT NULL, name TEXT,
  spend REAL NOT NULL, max_budget REAL, budget_duration TEXT, budget_reset_at INTEGER,
  exhausted INTEGER NOT NULL, PRIMARY KEY (kind, team_id, user_id)) WITHOUT ROWID;
CREATE INDEX budgets_exhausted ON budgets(exhausted, kind);
)"),
        // 7 -> 8: Watch's alerts (AlertStore): open ones (one per kind and subject) and the history of
        // cleared ones, with acknowledgements and snoozes. Unlike the rest, these are the desk's own.
        QStringLiteral(R"(
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY, identity TEXT NOT NULL, body TEXT NOT NULL, since INTEGER NOT NULL,
  seen_at INTEGER NOT NULL, cleared_at INTEGER, acked_at INTEGER, snoozed_until INTEGER, sent_at INTEGER);
CREATE UNIQUE INDEX alerts_open ON alerts(identity) WHERE cleared_at IS NULL;
CREATE INDEX alerts_cleared ON alerts(cleared_at) WHERE cleared_at IS NOT NULL;
)"),
    };
    return steps;
}

// Statements end with ";" at the end of a line (a trigger's own statements are on its one line).
bool execScript(QSqlDatabase &db, const QString &script, QString *error) {
    const QStringList statements = script.split(QStringLiteral(";\n"), Qt::SkipEmptyParts);
    for (const QString &statement : statements) {
        if (statement.trimmed().isEmpty())
            continue;
        QSqlQuery q(db);
        if (!q.exec(statement)) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

std::atomic<int> g_connections{0};

} // namespace

IndexDatabase::IndexDatabase(QString path)
    : m_path(std::move(path))
    , m_name(QStringLiteral("desk-index-%1").arg(++g_connections)) {}

IndexDatabase::~IndexDatabase() {
    closeFile();
}

QString IndexDatabase::pathForScope(const QString &scope) {
    if (!scope.contains(u':') && !scope.contains(u'/'))
        return defaultPath(scope);
    const QByteArray hash = QCryptographicHash::hash(scope.toUtf8(), QCryptographicHash::Sha256).toHex();
    return defaultPath(QStringLiteral("url-") + QString::fromLatin1(hash.left(16)));
}

QString IndexDatabase::defaultPath(const QString &connectionId) {
    QString id = connectionId;
    for (QChar &c : id)
        if (!c.isLetterOrNumber() && c != u'-' && c != u'_')
            c = u'_';
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/key-index/") +
           id + QStringLiteral(".sqlite");
}

void IndexDatabase::closeFile() {
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool IndexDatabase::openFile() {
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        m_error = tr("Cannot create the folder %1 for the key index. Check that it is writable.")
                      .arg(info.absolutePath());
        return false;
    }
    QFile::setPermissions(info.absolutePath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (!info.exists()) { // created empty with 0600 first, so SQLite (and its -wal/-shm) inherit it
        QFile f(m_path);
        if (!f.open(QIODevice::WriteOnly)) {
            m_error = tr("Cannot create the key index %1: %2. Check that the folder is writable.")
                          .arg(m_path, f.errorString());
            return false;
        }
    }
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    if (!m_db.isValid()) {
        m_error = tr("The SQLite driver of Qt (QSQLITE) is not installed; on Debian install the package "
                     "libqt6sql6-sqlite.");
        return false;
    }
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!m_db.open()) {
        m_error = tr("Cannot open the key index %1: %2").arg(m_path, m_db.lastError().text());
        return false;
    }
    return true;
}

int IndexDatabase::schemaVersion() const {
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

// Sets WAL and reads the version; false (with m_error) when the file is not a usable database.
bool IndexDatabase::prepare() {
    QSqlQuery q(m_db);
    // A new file gets 16 KiB pages (a file that exists keeps its own): building the indexes at the end
    // of a first sync reads and sorts every row once per index, a fifth less work than with 4 KiB pages.
    q.exec(QStringLiteral("PRAGMA page_size=16384"));
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next()) {
        m_error = q.lastError().text();
        return false;
    }
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    // A first sync writes every key into a dozen B-trees at random places (the hash, alias, team and
    // time indexes); with SQLite's default 2 MiB page cache most of those writes first read their page
    // back from the file. 64 MiB keeps the hot pages of a million-key index in memory.
    q.exec(QStringLiteral("PRAGMA cache_size=-65536"));
    // Reading the schema is what fails first on a file that is not a database.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next()) {
        m_error = q.lastError().text();
        return false;
    }
    q.finish(); // an open read of the schema would lock it against a migration's DROP
    const int version = schemaVersion();
    if (version < 0) {
        m_error = tr("the schema version cannot be read");
        return false;
    }
    if (version > kSchemaVersion) {
        m_error = tr("it was written by a newer version of LiteLLM Desk (schema %1, this one knows %2)")
                      .arg(version)
                      .arg(kSchemaVersion);
        return false;
    }
    if (version < kSchemaVersion && !migrate(version))
        return false;
    return true;
}

bool IndexDatabase::migrate(int from) {
    const QStringList &steps = schemaSteps();
    if (!m_db.transaction()) {
        m_error = m_db.lastError().text();
        return false;
    }
    for (int v = from; v < kSchemaVersion; ++v) {
        if (!execScript(m_db, steps.at(v), &m_error)) {
            m_db.rollback();
            m_error = tr("migrating it from schema %1 to %2 failed: %3").arg(v).arg(v + 1).arg(m_error);
            return false;
        }
    }
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion));
    if (!m_db.commit()) {
        m_error = m_db.lastError().text();
        return false;
    }
    if (from > 0)
        qCInfo(lcIndex) << "key index migrated from schema" << from << "to" << kSchemaVersion;
    return true;
}

bool IndexDatabase::moveAside(const QString &why) {
    closeFile();
    const QString aside =
        m_path + QStringLiteral(".damaged-") + QDateTime::currentDateTimeUtc().toString(u"yyyyMMddThhmmss");
    if (!QFile::rename(m_path, aside)) {
        m_error = tr("The key index %1 cannot be used (%2) and cannot be moved aside. Delete the file and "
                     "sync again.")
                      .arg(m_path, why);
        return false;
    }
    for (const auto *suffix : {"-wal", "-shm"})
        if (QFile::exists(m_path + QLatin1String(suffix)))
            QFile::rename(m_path + QLatin1String(suffix), aside + QLatin1String(suffix));
    m_notice = tr("The key index %1 could not be used (%2). It was moved aside to %3 and a new one was "
                  "started; the next sync fills it again.")
                   .arg(m_path, why, aside);
    qCWarning(lcIndex).noquote() << m_notice;
    return true;
}

bool IndexDatabase::open() {
    m_error.clear();
    m_notice.clear();
    if (!openFile())
        return false;
    if (prepare())
        return true;
    const QString why = m_error;
    if (!moveAside(why))
        return false;
    m_error.clear();
    if (!openFile())
        return false;
    if (!prepare()) {
        m_error = tr("A new key index at %1 cannot be created: %2").arg(m_path, m_error);
        closeFile();
        return false;
    }
    return true;
}
