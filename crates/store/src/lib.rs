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
mod query;
mod schema;

pub use export::{csv_field, write_events, AcledMap, ExportFormat};
pub use ingest::{BatchReport, DocRecord, MentionRecord};
pub use query::{EventDetail, EventFilter, MentionDetail, SortOrder, StoredEvent};

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

/// A connection to the event database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens the database at `path`, creating it and bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Store::setup(conn, path)
    }

    /// Opens an existing database; a missing file is an error rather than a new empty store.
    pub fn open_existing(path: &Path) -> Result<Store> {
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
        let mut store = Store { conn };
        store.migrate(path)?;
        Ok(store)
    }

    fn migrate(&mut self, path: &Path) -> Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
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
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    pub fn stats(&self) -> Result<Stats> {
        let count = |table: &str| -> Result<u64> {
            // Table names come from the fixed list below, never from input.
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(n as u64)
        };
        Ok(Stats {
            documents: count("documents")?,
            aliases: count("document_aliases")?,
            stories: count("(SELECT DISTINCT story_id FROM documents)")?,
            events: count("events")?,
            mentions: count("mentions")?,
        })
    }

    /// The highest mention row id so far (0 for an empty store): events whose mentions all
    /// come after it were created since.
    pub fn last_mention_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM mentions", [], |r| {
                r.get(0)
            })?)
    }

    /// Keys of the events whose every mention was stored after mention row `since`.
    pub fn events_created_since(&self, since: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.key FROM events e WHERE e.id IN \
             (SELECT event_id FROM mentions WHERE id > ?1) \
             AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.id <= ?1) \
             ORDER BY e.id",
        )?;
        let keys = stmt
            .query_map([since], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(keys)
    }

    /// `PRAGMA integrity_check`: `ok` or the problems found.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(rows.join("; "))
    }

    /// Groups of document ids that were put in one story cluster (clusters of two or more).
    pub fn story_clusters(&self) -> Result<Vec<Vec<String>>> {
        let mut stmt = self.conn.prepare(
            "SELECT story_id, id FROM documents WHERE story_id IN \
             (SELECT story_id FROM documents GROUP BY story_id HAVING count(*) > 1) \
             ORDER BY story_id, rowid",
        )?;
        let mut clusters: Vec<Vec<String>> = Vec::new();
        let mut current = None;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let story: i64 = row.get(0)?;
            if current != Some(story) {
                clusters.push(Vec::new());
                current = Some(story);
            }
            if let Some(c) = clusters.last_mut() {
                c.push(row.get(1)?);
            }
        }
        Ok(clusters)
    }

    /// Pairs of (alias id, stored id) for byte-identical texts received under two ids.
    pub fn aliases(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, same_as FROM document_aliases ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(rows)
    }
}
