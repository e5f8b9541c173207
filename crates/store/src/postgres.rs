//! The PostgreSQL backend: the same schema and statements as the embedded store, on a server
//! several machines can write to and query.
//!
//! Statements arrive in the store's portable spelling and are rewritten once
//! ([`to_postgres`]), prepared once, and kept per connection. Bound values are converted to
//! whatever type the server inferred for each placeholder, so `?2 - 17` (an `int4` to the
//! server) and `day_lo >= ?2` (an `int8`) take the same Rust value.

use crate::sql::{Cell, Dialect, Param, Row, Sql};
use crate::{Result, StoreError};
use bytes::BytesMut;
use postgres::types::{IsNull, ToSql, Type};
use postgres::{Client, NoTls, Statement};
use std::cell::RefCell;
use std::collections::HashMap;

/// True for a `--db` value that names a PostgreSQL server rather than a file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The URL with any password replaced, for messages.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split(':').next().unwrap_or("");
            let hidden = if user_info.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{tail}")
        }
        None => url.to_string(),
    }
}

/// Rewrites a portable statement for PostgreSQL: `?N` placeholders become `$N`, and
/// `INSERT OR IGNORE` becomes `INSERT … ON CONFLICT DO NOTHING`.
pub(crate) fn to_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 24);
    let mut chars = sql.chars().peekable();
    let mut in_literal = false;
    while let Some(c) = chars.next() {
        if c == '\'' {
            in_literal = !in_literal;
        }
        if c == '?' && !in_literal && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    const IGNORE: &str = "INSERT OR IGNORE INTO";
    if let Some(rest) = out.strip_prefix(IGNORE) {
        out = format!("INSERT INTO{rest} ON CONFLICT DO NOTHING");
    }
    out
}

/// A connection to a PostgreSQL server. The client sits in a `RefCell` because the store's
/// read methods take `&self`; a `Store` is used from one thread at a time.
pub struct PgConn {
    client: RefCell<Client>,
    statements: RefCell<HashMap<String, Statement>>,
}

/// Serialises writers the way SQLite's `BEGIN IMMEDIATE` does: one ingest transaction at a
/// time per database; readers never wait.
const WRITER_LOCK: i64 = 0x5649_4749_4501;

impl PgConn {
    pub fn connect(url: &str) -> Result<PgConn> {
        let client = Client::connect(url, NoTls).map_err(|source| StoreError::Server {
            url: redacted(url),
            source,
        })?;
        Ok(PgConn {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
        })
    }

    fn statement(&self, sql: &str) -> Result<Statement> {
        if let Some(stmt) = self.statements.borrow().get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.client.borrow_mut().prepare(&to_postgres(sql))?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }

    /// Runs `work` in one transaction holding the writer lock; rolled back on error.
    pub fn write<T>(&self, work: impl FnOnce(&dyn Sql) -> Result<T>) -> Result<T> {
        self.client.borrow_mut().batch_execute("BEGIN")?;
        let result = self
            .execute(
                "SELECT pg_advisory_xact_lock(?1)",
                &[Param::Int(WRITER_LOCK)],
            )
            .and_then(|_| work(self));
        match result {
            Ok(value) => {
                self.client.borrow_mut().batch_execute("COMMIT")?;
                Ok(value)
            }
            Err(e) => {
                // The transaction is aborted either way; a failed rollback adds nothing.
                let _ = self.client.borrow_mut().batch_execute("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Runs a script of several statements (schema migrations).
    pub fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    fn run(&self, sql: &str, params: &[Param]) -> Result<Vec<postgres::Row>> {
        let stmt = self.statement(sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> =
            params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        Ok(self.client.borrow_mut().query(&stmt, &refs)?)
    }
}

impl Sql for PgConn {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&self, sql: &str, params: &[Param]) -> Result<u64> {
        let stmt = self.statement(sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> =
            params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        Ok(self.client.borrow_mut().execute(&stmt, &refs)?)
    }

    fn insert(&self, sql: &str, params: &[Param]) -> Result<i64> {
        // The statement cache is keyed by the portable text; this one gets its own entry.
        let returning = format!("{sql} RETURNING id");
        let rows = self.run(&returning, params)?;
        let row = rows
            .first()
            .ok_or_else(|| StoreError::Corrupt(format!("no id from: {sql}")))?;
        (row as &dyn Row).get(0)
    }

    fn for_each_row(
        &self,
        sql: &str,
        params: &[Param],
        each: &mut dyn FnMut(&dyn Row) -> Result<()>,
    ) -> Result<()> {
        // Rows are fetched whole before `each` runs, so `each` may run statements itself.
        for row in self.run(sql, params)? {
            each(&row)?;
        }
        Ok(())
    }
}

impl Row for postgres::Row {
    fn cell(&self, index: usize) -> Result<Cell<'_>> {
        let ty = self
            .columns()
            .get(index)
            .map(|c| c.type_().clone())
            .ok_or_else(|| StoreError::Corrupt(format!("no column {index}")))?;
        let int = |v: Option<i64>| v.map_or(Cell::Null, Cell::Int);
        Ok(match ty {
            Type::INT8 => int(self.try_get::<_, Option<i64>>(index)?),
            Type::INT4 => int(self.try_get::<_, Option<i32>>(index)?.map(i64::from)),
            Type::INT2 => int(self.try_get::<_, Option<i16>>(index)?.map(i64::from)),
            Type::BOOL => int(self.try_get::<_, Option<bool>>(index)?.map(i64::from)),
            Type::FLOAT8 => self
                .try_get::<_, Option<f64>>(index)?
                .map_or(Cell::Null, Cell::Real),
            Type::FLOAT4 => self
                .try_get::<_, Option<f32>>(index)?
                .map_or(Cell::Null, |v| Cell::Real(f64::from(v))),
            Type::BYTEA => self
                .try_get::<_, Option<&[u8]>>(index)?
                .map_or(Cell::Null, Cell::Blob),
            _ => self
                .try_get::<_, Option<&str>>(index)?
                .map_or(Cell::Null, Cell::Text),
        })
    }
}

/// The environment variable naming a PostgreSQL server for tests: a URL whose user may create
/// databases (`.ci/run` starts a server on loopback and sets it).
pub const TEST_SERVER_VAR: &str = "VIGIE_TEST_POSTGRES_URL";

/// For tests: a new empty database named after `name` (ASCII) on the server named by
/// [`TEST_SERVER_VAR`], returned as a URL; `None` when the variable is unset. An existing
/// database of that name (from an earlier run) is dropped first.
pub fn scratch_database(name: &str) -> Result<Option<String>> {
    let Ok(admin_url) = std::env::var(TEST_SERVER_VAR) else {
        return Ok(None);
    };
    // Identifiers stop at 63 bytes: long test names keep a prefix and a hash of the whole.
    let name = name.to_lowercase();
    let db = if name.len() <= 40 {
        format!("vigie_test_{name}")
    } else {
        let hash = vigie_model::stable_hash(&[name.as_bytes()]);
        format!("vigie_test_{}_{:08x}", &name[..32], hash as u32)
    };
    if !db.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(StoreError::Corrupt(format!(
            "test database name {db:?} is not a plain identifier"
        )));
    }
    let mut client = Client::connect(&admin_url, NoTls).map_err(|source| StoreError::Server {
        url: redacted(&admin_url),
        source,
    })?;
    // Identifiers cannot be bound; `db` was checked to be a plain identifier above.
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))?;
    client.batch_execute(&format!("CREATE DATABASE {db}"))?;
    let base = match admin_url.split_once('?') {
        Some((base, _)) => base,
        None => admin_url.as_str(),
    };
    let server = match base.split_once("://") {
        Some((_, rest)) if rest.contains('/') => &base[..base.rfind('/').unwrap_or(base.len())],
        _ => base,
    };
    Ok(Some(format!("{server}/{db}")))
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        match self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(*v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*v)?.to_sql(ty, out),
                Type::BOOL => (*v != 0).to_sql(ty, out),
                Type::FLOAT8 => (*v as f64).to_sql(ty, out),
                Type::FLOAT4 => (*v as f32).to_sql(ty, out),
                _ => v.to_string().as_str().to_sql(ty, out),
            },
            Param::Real(v) => match *ty {
                Type::FLOAT4 => (*v as f32).to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Param::Text(v) => v.as_ref().to_sql(ty, out),
            Param::Blob(v) => v.as_ref().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        // Conversion is decided per value in `to_sql`; a mismatch is an error there.
        true
    }

    postgres::types::to_sql_checked!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_conflict_clauses_are_rewritten() {
        assert_eq!(
            to_postgres("SELECT a FROM t WHERE b = ?1 AND c LIKE ?12 ESCAPE '?1'"),
            "SELECT a FROM t WHERE b = $1 AND c LIKE $12 ESCAPE '?1'"
        );
        assert_eq!(
            to_postgres("INSERT OR IGNORE INTO t (a) VALUES (?1)"),
            "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING"
        );
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redacted("postgres://vigie:secret@db.example:5432/events"),
            "postgres://vigie:***@db.example:5432/events"
        );
        assert_eq!(
            redacted("postgresql://localhost/x"),
            "postgresql://localhost/x"
        );
        assert!(is_postgres_url("postgres://h/d"));
        assert!(!is_postgres_url("vigie.db"));
    }
}
