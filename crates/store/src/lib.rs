//! The event database: documents, story clusters of near-duplicate articles, canonical events
//! merged from the mentions that report them, and queries over them.
//!
//! The embedded store is one SQLite file in WAL mode, so readers query while an ingest writes.
//! Each batch of documents is one transaction: an interrupted ingest leaves whole documents or
//! nothing, and re-running it skips what is already stored (same id and same text), which makes
//! ingest idempotent and resumable. Documents are applied in input order so that a resumed run
//! and a clean run take the same merge decisions.
//!
//! No SQL is ever built from user text: every value is a bound parameter, and the only SQL
//! fragments assembled at run time are fixed strings chosen by [`EventFilter`] fields.

mod export;
mod ingest;
pub mod merge;
mod postgres;
mod query;
mod schema;
mod sql;

pub use export::{csv_field, write_events, AcledMap, ExportFormat};
pub use ingest::{BatchReport, DocRecord, MentionRecord};
pub use postgres::{is_postgres_url, scratch_database, TEST_SERVER_VAR};
pub use query::{EventDetail, EventFilter, MentionDetail, SortOrder, StoredEvent};

use crate::postgres::PgConn;
use crate::sql::{params, Sql};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    // The server's own message follows as the error's source (`{:#}` prints the chain).
    #[error("database server {url}")]
    Server {
        url: String,
        source: ::postgres::Error,
    },
    #[error("no database at {0} (create one with `vigie ingest … --db {0}`)")]
    Missing(PathBuf),
    #[error("database {path} has schema version {found}, newer than this Vigie ({supported}); upgrade Vigie")]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("database server")]
    Postgres(#[from] ::postgres::Error),
    #[error("stored record is unreadable: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Counts of what the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Stats {
    pub documents: u64,
    pub aliases: u64,
    pub stories: u64,
    pub events: u64,
    pub mentions: u64,
}

/// Where the store lives.
enum Backend {
    /// One SQLite file (or memory): the default.
    Sqlite(Connection),
    /// A PostgreSQL database on a server (boxed: its client and statement cache are large).
    Postgres(Box<PgConn>),
}

/// How often the background checkpointer copies the write-ahead log into the database.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// Stops the background checkpoints of [`Store::background_checkpoints`] when dropped.
pub struct Checkpointer {
    stop: std::sync::mpsc::Sender<()>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let _ = self.stop.send(());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A connection to the event database.
pub struct Store {
    backend: Backend,
}

impl Store {
    /// Opens the database at `path`, creating it and bringing its schema up to date. A
    /// `postgres://` URL opens a database on a server instead of a file.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(url) = path.to_str().filter(|p| is_postgres_url(p)) {
            return Store::setup_postgres(Box::new(PgConn::connect(url)?), path, true);
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Store::setup(conn, path)
    }

    /// Opens an existing database; a missing file (or a server database without Vigie's
    /// tables) is an error rather than a new empty store.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if let Some(url) = path.to_str().filter(|p| is_postgres_url(p)) {
            return Store::setup_postgres(Box::new(PgConn::connect(url)?), path, false);
        }
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Store::setup(conn, path)
    }

    /// A private in-memory store (tests, benchmarks).
    pub fn in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    /// Starts checkpointing the write-ahead log from a thread of its own, for a long ingest:
    /// the log is copied into the database file while the writer goes on, instead of inside
    /// the writer's commits (a tenth of the writer's time). Stops when the returned guard is
    /// dropped. `None` for stores without a file log (in memory, PostgreSQL); the writer then
    /// checkpoints as usual, as it still does when the log grows past what the background
    /// thread keeps up with.
    pub fn background_checkpoints(&self) -> Option<Checkpointer> {
        let Backend::Sqlite(conn) = &self.backend else {
            return None;
        };
        let path = conn.path().filter(|p| !p.is_empty())?.to_string();
        let reader = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()?;
        reader
            .busy_timeout(std::time::Duration::from_secs(1))
            .ok()?;
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("vigie-checkpoint".into())
            .spawn(move || loop {
                match stopped.recv_timeout(CHECKPOINT_EVERY) {
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                        // PASSIVE: copies what no reader still needs, never waits for the
                        // writer; an error here only leaves the work to the writer.
                        let _ = reader.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                    }
                    _ => return,
                }
            })
            .ok()?;
        Some(Checkpointer {
            stop,
            thread: Some(thread),
        })
    }

    /// The connection every statement goes through.
    pub(crate) fn sql(&self) -> &dyn Sql {
        match &self.backend {
            Backend::Sqlite(conn) => conn,
            Backend::Postgres(conn) => conn.as_ref(),
        }
    }

    /// Runs `work` in one write transaction (one writer at a time), committed on success.
    pub(crate) fn write<T>(&mut self, work: impl FnOnce(&dyn Sql) -> Result<T>) -> Result<T> {
        match &mut self.backend {
            Backend::Sqlite(conn) => {
                let tx =
                    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                let value = work(&*tx)?;
                tx.commit()?;
                Ok(value)
            }
            Backend::Postgres(conn) => conn.write(work),
        }
    }

    fn setup(conn: Connection, path: &Path) -> Result<Store> {
        // A writer holds the lock only for one batch; readers and a second writer wait.
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        // Checkpoint the WAL every 32 MiB rather than every 4 MiB: fewer, larger copies.
        conn.pragma_update(None, "wal_autocheckpoint", 8192)?;
        // 64 MiB of page cache: ingest touches the same index pages over and over.
        conn.pragma_update(None, "cache_size", -65_536)?;
        // Plans must not depend on bound values: otherwise SQLite (built with STAT4)
        // re-prepares a statement each time a new value is bound, which cost a fifth of
        // ingest time.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        // Ingest and queries use a few dozen distinct statements; keep them all compiled.
        conn.set_prepared_statement_cache_capacity(128);
        query::register_functions(&conn)?;
        let mut store = Store {
            backend: Backend::Sqlite(conn),
        };
        store.migrate(path)?;
        Ok(store)
    }

    fn setup_postgres(conn: Box<PgConn>, path: &Path, create: bool) -> Result<Store> {
        let mut store = Store {
            backend: Backend::Postgres(conn),
        };
        if !create && store.schema_version()? == 0 {
            return Err(StoreError::Missing(PathBuf::from(postgres::redacted(
                &path.to_string_lossy(),
            ))));
        }
        store.migrate(path)?;
        Ok(store)
    }

    fn migrate(&mut self, path: &Path) -> Result<()> {
        let version = self.schema_version()?;
        if version > schema::VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: schema::VERSION,
            });
        }
        if version == schema::VERSION {
            return Ok(());
        }
        match &mut self.backend {
            Backend::Sqlite(conn) => {
                let tx =
                    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                // Another process may have migrated while we waited for the lock.
                let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
                    tx.execute_batch(sql)?;
                    tx.pragma_update(None, "user_version", (i + 1) as i64)?;
                }
                tx.commit()?;
            }
            Backend::Postgres(conn) => conn.write(|sql| {
                sql.execute(
                    "CREATE TABLE IF NOT EXISTS vigie_schema (version BIGINT NOT NULL)",
                    &[],
                )?;
                // Another process may have migrated while we waited for the writer lock.
                let version: i64 =
                    sql.value("SELECT COALESCE(MAX(version), 0) FROM vigie_schema", &[])?;
                for (i, script) in schema::POSTGRES_MIGRATIONS
                    .iter()
                    .enumerate()
                    .skip(version as usize)
                {
                    conn.batch(script)?;
                    sql.execute("DELETE FROM vigie_schema", &[])?;
                    sql.execute(
                        "INSERT INTO vigie_schema (version) VALUES (?1)",
                        params![(i + 1) as i64],
                    )?;
                }
                Ok(())
            })?,
        }
        Ok(())
    }

    /// The schema version of the open database (0 for an empty one).
    pub fn schema_version(&self) -> Result<i64> {
        match &self.backend {
            Backend::Sqlite(conn) => Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?),
            Backend::Postgres(conn) => {
                let sql: &dyn Sql = conn.as_ref();
                let exists: bool = sql.value(
                    "SELECT EXISTS (SELECT 1 FROM information_schema.tables \
                     WHERE table_schema = current_schema() AND table_name = 'vigie_schema')",
                    &[],
                )?;
                if !exists {
                    return Ok(0);
                }
                sql.value("SELECT COALESCE(MAX(version), 0) FROM vigie_schema", &[])
            }
        }
    }

    pub fn stats(&self) -> Result<Stats> {
        let count =
            |query: &str| -> Result<u64> { Ok(self.sql().value::<i64>(query, &[])? as u64) };
        Ok(Stats {
            documents: count("SELECT count(*) FROM documents")?,
            aliases: count("SELECT count(*) FROM document_aliases")?,
            stories: count("SELECT count(DISTINCT story_id) FROM documents")?,
            events: count("SELECT count(*) FROM events")?,
            mentions: count("SELECT count(*) FROM mentions")?,
        })
    }

    /// The highest mention row id so far (0 for an empty store): events whose mentions all
    /// come after it were created since.
    pub fn last_mention_id(&self) -> Result<i64> {
        self.sql()
            .value("SELECT COALESCE(MAX(id), 0) FROM mentions", &[])
    }

    /// Keys of the events whose every mention was stored after mention row `since`.
    pub fn events_created_since(&self, since: i64) -> Result<Vec<String>> {
        self.sql().rows(
            "SELECT e.key FROM events e WHERE e.id IN \
             (SELECT event_id FROM mentions WHERE id > ?1) \
             AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.id <= ?1) \
             ORDER BY e.id",
            params![since],
            |r| r.get(0),
        )
    }

    /// `ok`, or the problems found: SQLite's `PRAGMA integrity_check` on the file, and on
    /// both backends the links between mentions, events and documents.
    pub fn integrity_check(&self) -> Result<String> {
        let mut problems = Vec::new();
        if let Backend::Sqlite(conn) = &self.backend {
            let mut stmt = conn.prepare("PRAGMA integrity_check")?;
            let rows: Vec<String> = stmt
                .query_map([], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?;
            problems.extend(rows.into_iter().filter(|r| r != "ok"));
        }
        for (what, query) in [
            (
                "mentions of missing events",
                "SELECT count(*) FROM mentions m \
                 WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)",
            ),
            (
                "mentions of missing documents",
                "SELECT count(*) FROM mentions m \
                 WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.doc_id)",
            ),
            (
                "events without mentions",
                "SELECT count(*) FROM events e \
                 WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id)",
            ),
        ] {
            let n: i64 = self.sql().value(query, &[])?;
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        Ok(if problems.is_empty() {
            "ok".to_string()
        } else {
            problems.join("; ")
        })
    }

    /// Groups of document ids that were put in one story cluster (clusters of two or more).
    pub fn story_clusters(&self) -> Result<Vec<Vec<String>>> {
        let rows: Vec<(i64, String)> = self.sql().rows(
            "SELECT story_id, id FROM documents WHERE story_id IN \
             (SELECT story_id FROM documents GROUP BY story_id HAVING count(*) > 1) \
             ORDER BY story_id, rowid",
            &[],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut clusters: Vec<Vec<String>> = Vec::new();
        let mut current = None;
        for (story, id) in rows {
            if current != Some(story) {
                clusters.push(Vec::new());
                current = Some(story);
            }
            if let Some(c) = clusters.last_mut() {
                c.push(id);
            }
        }
        Ok(clusters)
    }

    /// Pairs of (alias id, stored id) for byte-identical texts received under two ids.
    pub fn aliases(&self) -> Result<Vec<(String, String)>> {
        self.sql().rows(
            "SELECT id, same_as FROM document_aliases ORDER BY id",
            &[],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file written by the first schema opens under the current one with its sentences still
    /// searchable and its mentions' sizes in their own columns, and a file from a newer Vigie is refused rather than misread.
    #[test]
    fn older_databases_are_migrated_and_newer_ones_refused() {
        let dir = std::env::temp_dir().join(format!("vigie-migrate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        let path = dir.join("v1.db");
        let _ = std::fs::remove_file(&path);
        {
            let conn = Connection::open(&path).expect("create");
            conn.execute_batch(schema::MIGRATIONS[0]).expect("schema 1");
            conn.execute_batch(
                r#"INSERT INTO documents VALUES ('d', NULL, NULL, NULL, NULL, 'fr', 'h', 10, 1, NULL, x'00');
                 INSERT INTO events (id, key, event_type, quad_code, negated, num_mentions,
                     num_articles, num_sources, representative)
                     VALUES (1, 'e', 'ASSAULT', 4, 0, 1, 1, 1, 1);
                 INSERT INTO mentions VALUES (1, 'e', 1, 'd', 0, 0, 30, 'Frappes aériennes sur Alep',
                     'r', 0.9, 'first', '{"size":{"dead":14}}');
                 INSERT INTO sentence_fts (rowid, sentence) VALUES (1, 'Frappes aériennes sur Alep');
                 INSERT INTO lsh_bands VALUES (7, 'd');
                 PRAGMA user_version = 1;"#,
            )
            .expect("version 1 rows");
        }
        let store = Store::open(&path).expect("migrated");
        assert_eq!(store.schema_version().expect("version"), schema::VERSION);
        let filter = EventFilter {
            text: Some("aeriennes alep".into()),
            ..EventFilter::default()
        };
        assert_eq!(store.count_events(&filter).expect("search"), 1);
        let dead: Option<i64> = store
            .sql()
            .value("SELECT dead FROM mentions WHERE id = 1", &[])
            .expect("sizes column");
        assert_eq!(dead, Some(14), "sizes are read out of the stored records");
        drop(store);
        Connection::open(&path)
            .expect("reopen")
            .pragma_update(None, "user_version", schema::VERSION + 1)
            .expect("bump");
        assert!(matches!(
            Store::open_existing(&path),
            Err(StoreError::TooNew { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
