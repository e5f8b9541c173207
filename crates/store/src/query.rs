//! Reading events back: filters compiled to parameterised SQL, canonical event records, and
//! one event with all its evidence.

use crate::merge::haversine_km;
use crate::sql::{params, Dialect, Param};
use crate::{Result, Store, StoreError};
use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use vigie_model::{Event, Size};

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Oldest first (by the start of the event's date window).
    #[default]
    Date,
    /// Newest first.
    DateDesc,
    /// Most independent sources first.
    Sources,
    /// Most mentions first.
    Mentions,
}

/// Which events to return. Every field narrows the result; empty lists and `None` do not.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Events whose date window ends on or after this day (days since 1970-01-01).
    pub from_day: Option<i64>,
    /// Events whose date window starts on or before this day.
    pub to_day: Option<i64>,
    /// Actor codes (`RUS`, `IMGMUSISI`…) or, when not all capitals, parts of actor names.
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    /// PLOVER type names.
    pub event_types: Vec<String>,
    pub quad_code: Option<u8>,
    /// ISO 3166-1 alpha-2 code of the event's place.
    pub country: Option<String>,
    pub admin1: Option<String>,
    /// Part of the place's text or name.
    pub place: Option<String>,
    /// `[min_lon, min_lat, max_lon, max_lat]`; `min_lon > max_lon` crosses the antimeridian.
    pub bbox: Option<[f64; 4]>,
    /// `(lat, lon, km)`: within this distance of a point.
    pub near: Option<(f64, f64, f64)>,
    /// Words that must all appear in one of the event's sentences.
    pub text: Option<String>,
    pub min_sources: Option<u64>,
    pub sort: SortOrder,
    pub limit: Option<u64>,
    pub offset: u64,
}

/// Low, best and high estimates of a count reported by several mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    pub low: u64,
    pub best: u64,
    pub high: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SizeRange {
    pub dead: Option<Estimate>,
    pub injured: Option<Estimate>,
    pub arrested: Option<Estimate>,
}

/// A canonical event: the PLOVER record of its most confident mention, with the event's key
/// as `id`, best size estimates in `size`, and what the merge adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    #[serde(flatten)]
    pub event: Event,
    pub size_range: SizeRange,
    pub num_mentions: u64,
    pub num_articles: u64,
    pub num_sources: u64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Distinct sources (outlet, else document id) of the mentions.
    pub sources: Vec<String>,
    /// Keys of the mentions, most confident first (the ids `vigie extract` gave them).
    pub mentions: Vec<String>,
}

/// One mention with its document and the reason it was merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionDetail {
    pub id: String,
    pub doc_id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub pub_date: Option<String>,
    pub story_id: i64,
    pub sentence: String,
    pub sentence_start: u64,
    pub sentence_end: u64,
    pub rule: String,
    pub confidence: f64,
    pub merge_reason: String,
    pub record: Event,
}

/// An event with every mention and its sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    pub event: StoredEvent,
    pub mention_details: Vec<MentionDetail>,
}

pub(crate) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "haversine_km",
        4,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let lat1: Option<f64> = ctx.get(0)?;
            let lon1: Option<f64> = ctx.get(1)?;
            let lat2: f64 = ctx.get(2)?;
            let lon2: f64 = ctx.get(3)?;
            Ok(match (lat1, lon1) {
                (Some(a), Some(b)) => Some(haversine_km(a, b, lat2, lon2)),
                _ => None,
            })
        },
    )
}

/// Turns free text into an FTS5 query that can never be a syntax error: each word becomes a
/// quoted single-token phrase, all required (« l'armée » is the words « l » and « armée », as
/// the index has them: it keeps no positions).
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Lower-case text without accents, as PostgreSQL's full-text index is given it (SQLite's
/// FTS5 folds accents itself): « Alep » finds « ALEP » and « Idlib » finds « Idlîb ».
pub(crate) fn fold_accents(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a free-text search, for PostgreSQL's `plainto_tsquery` (all required).
fn tsquery_words(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold_accents)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// True for values that look like actor codes rather than names.
fn is_code(value: &str) -> bool {
    (3..=15).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn like_pattern(value: &str) -> String {
    let mut out = String::from("%");
    for c in value.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl EventFilter {
    /// Checks values a user typed; the message says what is wrong.
    pub fn validate(&self) -> std::result::Result<(), String> {
        if let (Some(a), Some(b)) = (self.from_day, self.to_day) {
            if a > b {
                return Err("--from is after --to".into());
            }
        }
        for t in &self.event_types {
            if vigie_model::EventType::parse(t).is_none() {
                return Err(format!(
                    "unknown event type {t:?} (expected a PLOVER type such as ASSAULT)"
                ));
            }
        }
        if let Some(q) = self.quad_code {
            if !(1..=4).contains(&q) {
                return Err(format!("quad class {q} is not 1 to 4"));
            }
        }
        if let Some([min_lon, min_lat, max_lon, max_lat]) = self.bbox {
            let lon_ok = |v: f64| (-180.0..=180.0).contains(&v);
            let lat_ok = |v: f64| (-90.0..=90.0).contains(&v);
            if !(lon_ok(min_lon) && lon_ok(max_lon) && lat_ok(min_lat) && lat_ok(max_lat)) {
                return Err("bounding box outside -180..180 / -90..90".into());
            }
            if min_lat > max_lat {
                return Err("bounding box has min_lat > max_lat".into());
            }
        }
        if let Some((lat, lon, km)) = self.near {
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err("point outside -90..90 / -180..180".into());
            }
            if !(km > 0.0 && km <= 20_000.0) {
                return Err("radius must be between 0 and 20000 km".into());
            }
        }
        if let Some(text) = &self.text {
            if fts_query(text).is_none() {
                return Err("--text has no word to search for".into());
            }
        }
        Ok(())
    }

    /// The `WHERE` clause and its bound values. Only fixed SQL text is concatenated.
    fn where_clause(&self, dialect: Dialect) -> (String, Vec<Param<'static>>) {
        let mut sql = String::from(" WHERE 1 = 1");
        let mut values: Vec<Param<'static>> = Vec::new();
        let mut bind = |sql: &mut String, fragment: &str, v: Param<'static>| {
            sql.push_str(&fragment.replace('?', &format!("?{}", values.len() + 1)));
            values.push(v);
        };
        if let Some(d) = self.from_day {
            bind(&mut sql, " AND e.day_hi >= ?", Param::Int(d));
        }
        if let Some(d) = self.to_day {
            bind(&mut sql, " AND e.day_lo <= ?", Param::Int(d));
        }
        if !self.event_types.is_empty() {
            sql.push_str(" AND e.event_type IN (");
            for (i, t) in self.event_types.iter().enumerate() {
                let canonical = vigie_model::EventType::parse(t)
                    .map_or_else(|| t.to_uppercase(), |t| t.as_str().to_string());
                bind(
                    &mut sql,
                    if i == 0 { "?" } else { ", ?" },
                    Param::from(canonical),
                );
            }
            sql.push(')');
        }
        if let Some(q) = self.quad_code {
            bind(&mut sql, " AND e.quad_code = ?", Param::Int(i64::from(q)));
        }
        if let Some(c) = &self.country {
            // Codes are stored in capitals.
            bind(
                &mut sql,
                " AND e.country_code = ?",
                Param::from(c.to_uppercase()),
            );
        }
        if let Some(a) = &self.admin1 {
            bind(
                &mut sql,
                " AND lower(e.admin1) = ?",
                Param::from(a.to_lowercase()),
            );
        }
        if let Some(p) = &self.place {
            let pattern = like_pattern(p);
            bind(
                &mut sql,
                " AND (lower(e.place) LIKE ? ESCAPE '\\'",
                Param::from(pattern.clone()),
            );
            bind(
                &mut sql,
                " OR lower(e.place_name) LIKE ? ESCAPE '\\')",
                Param::from(pattern),
            );
        }
        for (role, name_role, wanted) in [
            ("actor", "actor_name", &self.actors),
            ("recipient", "recipient_name", &self.recipients),
        ] {
            if wanted.is_empty() {
                continue;
            }
            // Several values: any of them.
            sql.push_str(" AND (1 = 0");
            for value in wanted {
                if is_code(value) {
                    bind(
                        &mut sql,
                        &format!(
                            " OR e.id IN (SELECT event_id FROM event_actors WHERE role = '{role}' AND code = ?)"
                        ),
                        Param::from(value.clone()),
                    );
                } else {
                    bind(
                        &mut sql,
                        &format!(
                            " OR e.id IN (SELECT event_id FROM event_actors WHERE role = '{name_role}' AND code LIKE ? ESCAPE '\\')"
                        ),
                        Param::from(like_pattern(value)),
                    );
                }
            }
            sql.push(')');
        }
        if let Some([min_lon, min_lat, max_lon, max_lat]) = self.bbox {
            // The R*Tree keeps 32-bit floats rounded outwards: ask it for boxes that overlap
            // the query, then decide on the exact coordinates, so a point on the edge counts.
            bind(
                &mut sql,
                " AND e.id IN (SELECT id FROM events_rtree WHERE max_lat >= ?",
                Param::Real(min_lat),
            );
            bind(&mut sql, " AND min_lat <= ?", Param::Real(max_lat));
            if min_lon <= max_lon {
                bind(&mut sql, " AND max_lon >= ?", Param::Real(min_lon));
                bind(&mut sql, " AND min_lon <= ?)", Param::Real(max_lon));
                bind(&mut sql, " AND e.lon >= ?", Param::Real(min_lon));
                bind(&mut sql, " AND e.lon <= ?", Param::Real(max_lon));
            } else {
                bind(&mut sql, " AND (max_lon >= ?", Param::Real(min_lon));
                bind(&mut sql, " OR min_lon <= ?))", Param::Real(max_lon));
                bind(&mut sql, " AND (e.lon >= ?", Param::Real(min_lon));
                bind(&mut sql, " OR e.lon <= ?)", Param::Real(max_lon));
            }
            bind(&mut sql, " AND e.lat >= ?", Param::Real(min_lat));
            bind(&mut sql, " AND e.lat <= ?", Param::Real(max_lat));
        }
        if let Some((lat, lon, km)) = self.near {
            // The R*Tree narrows to a box around the circle; the distance decides.
            let dlat = km / 111.0;
            let dlon = (km / (111.0 * lat.to_radians().cos().max(0.01))).min(360.0);
            bind(
                &mut sql,
                " AND e.id IN (SELECT id FROM events_rtree WHERE max_lat >= ?",
                Param::Real(lat - dlat),
            );
            bind(&mut sql, " AND min_lat <= ?", Param::Real(lat + dlat));
            if dlon >= 180.0 {
                sql.push(')');
            } else {
                bind(&mut sql, " AND max_lon >= ?", Param::Real(lon - dlon));
                bind(&mut sql, " AND min_lon <= ?", Param::Real(lon + dlon));
                // Wrapped around the antimeridian.
                bind(&mut sql, " OR max_lat >= ?", Param::Real(lat - dlat));
                bind(&mut sql, " AND min_lat <= ?", Param::Real(lat + dlat));
                let (lo, hi) = if lon - dlon < -180.0 {
                    (lon - dlon + 360.0, 180.0)
                } else if lon + dlon > 180.0 {
                    (-180.0, lon + dlon - 360.0)
                } else {
                    (1.0e9, -1.0e9)
                };
                bind(&mut sql, " AND max_lon >= ?", Param::Real(lo));
                bind(&mut sql, " AND min_lon <= ?)", Param::Real(hi));
            }
            bind(
                &mut sql,
                " AND haversine_km(e.lat, e.lon, ?",
                Param::Real(lat),
            );
            bind(&mut sql, ", ?", Param::Real(lon));
            bind(&mut sql, ") <= ?", Param::Real(km));
        }
        match (dialect, self.text.as_deref()) {
            (_, None) => {}
            (Dialect::Sqlite, Some(text)) => {
                if let Some(q) = fts_query(text) {
                    bind(
                        &mut sql,
                        " AND e.id IN (SELECT m.event_id FROM mentions m WHERE m.id IN \
                         (SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ?))",
                        Param::from(q),
                    );
                }
            }
            (Dialect::Postgres, Some(text)) => {
                if let Some(q) = tsquery_words(text) {
                    bind(
                        &mut sql,
                        " AND e.id IN (SELECT m.event_id FROM mentions m WHERE m.id IN \
                         (SELECT rowid FROM sentence_fts \
                          WHERE words @@ plainto_tsquery('simple', ?)))",
                        Param::from(q),
                    );
                }
            }
        }
        if let Some(n) = self.min_sources {
            bind(
                &mut sql,
                " AND e.num_sources >= ?",
                Param::Int(n.min(i64::MAX as u64) as i64),
            );
        }
        (sql, values)
    }
}

impl Store {
    /// Event row ids matching a filter, in the filter's order and page.
    fn matching_ids(&self, filter: &EventFilter) -> Result<Vec<i64>> {
        let (where_sql, mut values) = filter.where_clause(self.sql().dialect());
        let order = match filter.sort {
            SortOrder::Date => " ORDER BY e.day_lo IS NULL, e.day_lo, e.id",
            SortOrder::DateDesc => " ORDER BY e.day_lo IS NULL, e.day_lo DESC, e.id",
            SortOrder::Sources => " ORDER BY e.num_sources DESC, e.num_mentions DESC, e.id",
            SortOrder::Mentions => " ORDER BY e.num_mentions DESC, e.id",
        };
        let n = values.len();
        let sql = format!(
            "SELECT e.id FROM events e{where_sql}{order} LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        );
        values.push(Param::Int(
            filter
                .limit
                .map_or(i64::MAX, |l| l.min(i64::MAX as u64) as i64),
        ));
        values.push(Param::Int(filter.offset.min(i64::MAX as u64) as i64));
        self.sql().rows(&sql, &values, |r| r.get(0))
    }

    /// Number of events matching a filter (ignoring its page).
    pub fn count_events(&self, filter: &EventFilter) -> Result<u64> {
        let (where_sql, values) = filter.where_clause(self.sql().dialect());
        let sql = format!("SELECT count(*) FROM events e{where_sql}");
        let n: i64 = self.sql().value(&sql, &values)?;
        Ok(n as u64)
    }

    /// Events matching a filter, with their canonical records.
    pub fn query_events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>> {
        let mut out = Vec::new();
        self.for_each_event(filter, &mut |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// Streams matching events to `each` (exports of the whole store).
    pub fn for_each_event(
        &self,
        filter: &EventFilter,
        each: &mut dyn FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        for id in self.matching_ids(filter)? {
            if let Some(event) = self.load_event(id)? {
                each(event)?;
            }
        }
        Ok(())
    }

    fn load_event(&self, id: i64) -> Result<Option<StoredEvent>> {
        let row = self.sql().first(
            "SELECT e.key, m.record, e.dead_low, e.dead_best, e.dead_high, e.injured_low, \
                 e.injured_best, e.injured_high, e.arrested_low, e.arrested_best, e.arrested_high, \
                 e.num_mentions, e.num_articles, e.num_sources, e.first_seen, e.last_seen \
                 FROM events e JOIN mentions m ON m.id = e.representative WHERE e.id = ?1",
            params![id],
            |r| {
                let est = |i: usize| -> Result<Option<Estimate>> {
                    let low: Option<i64> = r.get(i)?;
                    let best: Option<i64> = r.get(i + 1)?;
                    let high: Option<i64> = r.get(i + 2)?;
                    Ok(match (low, best, high) {
                        (Some(low), Some(best), Some(high)) => Some(Estimate {
                            low: low as u64,
                            best: best as u64,
                            high: high as u64,
                        }),
                        _ => None,
                    })
                };
                Ok((
                    r.get::<String>(0)?,
                    r.get::<String>(1)?,
                    SizeRange {
                        dead: est(2)?,
                        injured: est(5)?,
                        arrested: est(8)?,
                    },
                    r.get::<i64>(11)?,
                    r.get::<i64>(12)?,
                    r.get::<i64>(13)?,
                    r.get::<Option<String>>(14)?,
                    r.get::<Option<String>>(15)?,
                ))
            },
        )?;
        let Some((key, record, size_range, mentions, articles, sources, first, last)) = row else {
            return Ok(None);
        };
        let mut event: Event = serde_json::from_str(&record)
            .map_err(|e| StoreError::Corrupt(format!("event {key}: {e}")))?;
        event.id = key;
        event.size = Size {
            dead: size_range.dead.map(|e| e.best),
            injured: size_range.injured.map(|e| e.best),
            arrested: size_range.arrested.map(|e| e.best),
        };
        let mut source_list: Vec<String> = self.sql().rows(
            "SELECT DISTINCT COALESCE(NULLIF(d.source, ''), d.id) FROM mentions m \
             JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ?1",
            params![id],
            |r| r.get(0),
        )?;
        source_list.sort();
        let mention_keys: Vec<String> = self.sql().rows(
            "SELECT key FROM mentions WHERE event_id = ?1 ORDER BY confidence DESC, id",
            params![id],
            |r| r.get(0),
        )?;
        Ok(Some(StoredEvent {
            event,
            size_range,
            num_mentions: mentions as u64,
            num_articles: articles as u64,
            num_sources: sources as u64,
            first_seen: first,
            last_seen: last,
            sources: source_list,
            mentions: mention_keys,
        }))
    }

    /// One event by its key (or the key of any of its mentions), with every mention.
    pub fn event_detail(&self, key: &str) -> Result<Option<EventDetail>> {
        let id: Option<i64> = self.sql().first(
            "SELECT id FROM events WHERE key = ?1 \
             UNION ALL SELECT event_id FROM mentions WHERE key = ?1 LIMIT 1",
            params![key],
            |r| r.get(0),
        )?;
        let Some(id) = id else { return Ok(None) };
        let Some(event) = self.load_event(id)? else {
            return Ok(None);
        };
        let mention_details = self.sql().rows(
            "SELECT m.key, m.doc_id, d.title, d.url, d.source, d.pub_date, d.story_id, m.sentence, \
             m.sentence_start, m.sentence_end, m.rule, m.confidence, m.merge_reason, m.record \
             FROM mentions m JOIN documents d ON d.id = m.doc_id \
             WHERE m.event_id = ?1 ORDER BY m.id",
            params![id],
            |r| {
            Ok(MentionDetail {
                id: r.get(0)?,
                doc_id: r.get(1)?,
                title: r.get(2)?,
                url: r.get(3)?,
                source: r.get(4)?,
                pub_date: r.get(5)?,
                story_id: r.get(6)?,
                sentence: r.get(7)?,
                sentence_start: r.get::<i64>(8)? as u64,
                sentence_end: r.get::<i64>(9)? as u64,
                rule: r.get(10)?,
                confidence: r.get(11)?,
                merge_reason: r.get(12)?,
                record: serde_json::from_str(&r.get::<String>(13)?)
                    .map_err(|e| StoreError::Corrupt(format!("mention record: {e}")))?,
            })
        })?;
        Ok(Some(EventDetail {
            event,
            mention_details,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_queries_cannot_be_syntax() {
        assert_eq!(
            fts_query("Idleb AND \"x OR NEAR(").as_deref(),
            Some("\"Idleb\" \"AND\" \"x\" \"OR\" \"NEAR\"")
        );
        assert_eq!(fts_query(" *** "), None);
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("50%_A"), "%50\\%\\_a%");
        assert!(is_code("RUS"));
        assert!(is_code("IMGMUSISI"));
        assert!(!is_code("Lavrov"));
    }
}
