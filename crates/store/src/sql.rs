//! One small SQL interface over the two backends, so ingest, merging and queries are written
//! once. Statements are written in the common subset of SQLite and PostgreSQL with numbered
//! placeholders (`?1`); the PostgreSQL connection rewrites the two spellings that differ
//! (`$1`, `INSERT OR IGNORE`) once per statement and keeps it prepared.
//!
//! Values cross the interface as [`Param`] (bound) and [`Cell`] (read), so no backend type
//! leaks into the store's logic, and no value is ever spliced into SQL text.

use crate::{Result, StoreError};
use std::borrow::Cow;

/// Which SQL engine is behind a connection: the few statements that cannot be written
/// portably (full-text search) pick their spelling by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq)]
pub enum Param<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
    Blob(Cow<'a, [u8]>),
}

impl From<i64> for Param<'_> {
    fn from(v: i64) -> Self {
        Param::Int(v)
    }
}

impl From<u8> for Param<'_> {
    fn from(v: u8) -> Self {
        Param::Int(i64::from(v))
    }
}

impl From<bool> for Param<'_> {
    fn from(v: bool) -> Self {
        Param::Int(i64::from(v))
    }
}

impl From<f64> for Param<'_> {
    fn from(v: f64) -> Self {
        Param::Real(v)
    }
}

impl<'a> From<&'a str> for Param<'a> {
    fn from(v: &'a str) -> Self {
        Param::Text(Cow::Borrowed(v))
    }
}

impl<'a> From<&'a String> for Param<'a> {
    fn from(v: &'a String) -> Self {
        Param::Text(Cow::Borrowed(v))
    }
}

impl From<String> for Param<'_> {
    fn from(v: String) -> Self {
        Param::Text(Cow::Owned(v))
    }
}

impl From<Vec<u8>> for Param<'_> {
    fn from(v: Vec<u8>) -> Self {
        Param::Blob(Cow::Owned(v))
    }
}

impl<'a, T: Into<Param<'a>>> From<Option<T>> for Param<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Param::Null, Into::into)
    }
}

/// `params![a, b]`: a slice of [`Param`]s from anything convertible.
macro_rules! params {
    ($($value:expr),* $(,)?) => {
        &[$($crate::sql::Param::from($value)),*] as &[$crate::sql::Param]
    };
}
pub(crate) use params;

/// A value read from a result row, borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// One result row.
pub trait Row {
    fn cell(&self, index: usize) -> Result<Cell<'_>>;
}

/// Rust types a [`Cell`] converts to; `None` when the cell holds another kind of value.
pub trait FromCell: Sized {
    fn from_cell(cell: Cell<'_>) -> Option<Self>;
}

impl FromCell for i64 {
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        match cell {
            Cell::Int(v) => Some(v),
            _ => None,
        }
    }
}

impl FromCell for bool {
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        i64::from_cell(cell).map(|v| v != 0)
    }
}

impl FromCell for f64 {
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        match cell {
            Cell::Real(v) => Some(v),
            Cell::Int(v) => Some(v as f64),
            _ => None,
        }
    }
}

impl FromCell for String {
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        match cell {
            Cell::Text(v) => Some(v.to_string()),
            _ => None,
        }
    }
}

impl FromCell for Vec<u8> {
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        match cell {
            Cell::Blob(v) => Some(v.to_vec()),
            _ => None,
        }
    }
}

impl<T: FromCell> FromCell for Option<T> {
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        match cell {
            Cell::Null => Some(None),
            other => T::from_cell(other).map(Some),
        }
    }
}

impl dyn Row + '_ {
    /// Column `index` as `T`; a value of another kind means the database is not ours.
    pub fn get<T: FromCell>(&self, index: usize) -> Result<T> {
        let cell = self.cell(index)?;
        T::from_cell(cell).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "column {index} holds {cell:?}, not a {}",
                std::any::type_name::<T>()
            ))
        })
    }
}

/// A connection (or open transaction) that runs statements.
pub trait Sql {
    fn dialect(&self) -> Dialect;
    /// Runs a statement that returns no rows; the number of rows changed.
    fn execute(&self, sql: &str, params: &[Param]) -> Result<u64>;
    /// Runs an `INSERT` into a table with an integer `id` key; the new row's id.
    fn insert(&self, sql: &str, params: &[Param]) -> Result<i64>;
    /// Runs a query and hands each row to `each`, in order.
    fn for_each_row(
        &self,
        sql: &str,
        params: &[Param],
        each: &mut dyn FnMut(&dyn Row) -> Result<()>,
    ) -> Result<()>;
}

impl dyn Sql + '_ {
    /// Every row, converted by `convert`.
    pub fn rows<T>(
        &self,
        sql: &str,
        params: &[Param],
        mut convert: impl FnMut(&dyn Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.for_each_row(sql, params, &mut |row| {
            out.push(convert(row)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row, converted, if there is one (callers ask for at most one row).
    pub fn first<T>(
        &self,
        sql: &str,
        params: &[Param],
        mut convert: impl FnMut(&dyn Row) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut out = None;
        self.for_each_row(sql, params, &mut |row| {
            if out.is_none() {
                out = Some(convert(row)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The first column of the first row, which the statement always returns.
    pub fn value<T: FromCell>(&self, sql: &str, params: &[Param]) -> Result<T> {
        self.first(sql, params, |r| r.get(0))?
            .ok_or_else(|| StoreError::Corrupt(format!("no row from: {sql}")))
    }
}

// SQLite: statements are compiled once and kept in rusqlite's cache.

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Param::Null => ValueRef::Null,
            Param::Int(v) => ValueRef::Integer(*v),
            Param::Real(v) => ValueRef::Real(*v),
            Param::Text(v) => ValueRef::Text(v.as_bytes()),
            Param::Blob(v) => ValueRef::Blob(v),
        }))
    }
}

struct SqliteRow<'a, 'b>(&'a rusqlite::Row<'b>);

impl Row for SqliteRow<'_, '_> {
    fn cell(&self, index: usize) -> Result<Cell<'_>> {
        use rusqlite::types::ValueRef;
        Ok(match self.0.get_ref(index)? {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(v) => Cell::Int(v),
            ValueRef::Real(v) => Cell::Real(v),
            ValueRef::Text(v) => Cell::Text(
                std::str::from_utf8(v)
                    .map_err(|e| StoreError::Corrupt(format!("column {index}: {e}")))?,
            ),
            ValueRef::Blob(v) => Cell::Blob(v),
        })
    }
}

fn bind_sqlite(stmt: &mut rusqlite::CachedStatement<'_>, params: &[Param]) -> Result<()> {
    for (i, p) in params.iter().enumerate() {
        stmt.raw_bind_parameter(i + 1, p)?;
    }
    Ok(())
}

impl Sql for rusqlite::Connection {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute(&self, sql: &str, params: &[Param]) -> Result<u64> {
        let mut stmt = self.prepare_cached(sql)?;
        bind_sqlite(&mut stmt, params)?;
        Ok(stmt.raw_execute()? as u64)
    }

    fn insert(&self, sql: &str, params: &[Param]) -> Result<i64> {
        // Not `RETURNING`: a statement with it keeps a statement journal, and opening one
        // makes FTS5 flush its pending index to disk each time (a third of ingest time).
        Sql::execute(self, sql, params)?;
        Ok(self.last_insert_rowid())
    }

    fn for_each_row(
        &self,
        sql: &str,
        params: &[Param],
        each: &mut dyn FnMut(&dyn Row) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.prepare_cached(sql)?;
        bind_sqlite(&mut stmt, params)?;
        let mut rows = stmt.raw_query();
        while let Some(row) = rows.next()? {
            each(&SqliteRow(row))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_convert_only_to_their_own_kind() {
        assert_eq!(i64::from_cell(Cell::Int(3)), Some(3));
        assert_eq!(bool::from_cell(Cell::Int(0)), Some(false));
        assert_eq!(f64::from_cell(Cell::Int(2)), Some(2.0));
        assert_eq!(Option::<String>::from_cell(Cell::Null), Some(None));
        assert_eq!(i64::from_cell(Cell::Text("3")), None);
        assert_eq!(String::from_cell(Cell::Null), None);
    }

    #[test]
    fn sqlite_round_trips_every_kind_of_value() {
        let conn = rusqlite::Connection::open_in_memory().expect("in-memory database");
        let sql: &dyn Sql = &conn;
        sql.execute("CREATE TABLE t (a, b, c, d, e)", &[])
            .expect("create");
        let blob = vec![0u8, 255];
        sql.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)",
            params![7i64, 1.5, "é", blob.clone(), None::<i64>],
        )
        .expect("insert");
        let row = sql
            .first("SELECT a, b, c, d, e FROM t", &[], |r| {
                Ok((
                    r.get::<i64>(0)?,
                    r.get::<f64>(1)?,
                    r.get::<String>(2)?,
                    r.get::<Vec<u8>>(3)?,
                    r.get::<Option<i64>>(4)?,
                ))
            })
            .expect("select");
        assert_eq!(row, Some((7, 1.5, "é".to_string(), blob, None)));
        assert!(sql.value::<String>("SELECT a FROM t", &[]).is_err());
    }
}
