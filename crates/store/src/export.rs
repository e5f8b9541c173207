//! Event sinks over the store: PLOVER JSONL, CSV, GeoJSON, a terminal table, an ACLED-like
//! CSV and GDELT-like events and mentions TSV.

use crate::query::{EventFilter, StoredEvent};
use crate::{Result, Store, StoreError};
use std::io::Write;
use vigie_model::ActorRef;

/// Output formats of `vigie events` and `vigie export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One canonical PLOVER event per line.
    Jsonl,
    Csv,
    Geojson,
    Table,
    Acled,
    /// GDELT-like events table (TSV with a header).
    Gdelt,
    /// GDELT-like mentions table (TSV with a header): one row per mention.
    GdeltMentions,
}

/// The PLOVER → ACLED type table (`data/export/acled_types.tsv`).
#[derive(Debug, Clone, Default)]
pub struct AcledMap {
    rows: Vec<[String; 5]>,
}

impl AcledMap {
    /// Parses the table; errors name the line.
    pub fn parse(text: &str) -> std::result::Result<AcledMap, String> {
        let mut rows = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [t, m, s, ty, sub] = cols.as_slice() else {
                return Err(format!("line {}: expected 5 tab-separated columns", i + 1));
            };
            rows.push([t, m, s, ty, sub].map(|c| c.trim().to_string()));
        }
        Ok(AcledMap { rows })
    }

    fn classify(&self, e: &StoredEvent) -> (&str, &str) {
        let sectors: Vec<&str> = e
            .event
            .recipient
            .iter()
            .map(|a| a.sector.as_str())
            .collect();
        let matches = |pattern: &str, value: &str| pattern == "*" || pattern == value;
        for [t, m, s, ty, sub] in &self.rows {
            if matches(t, e.event.event_type.as_str())
                && matches(m, &e.event.mode)
                && (s == "*" || sectors.contains(&s.as_str()))
            {
                return (ty, sub);
            }
        }
        ("Strategic developments", "Other")
    }
}

/// One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn names(actors: &[ActorRef]) -> String {
    actors
        .iter()
        .map(|a| a.name.clone().unwrap_or_else(|| a.text.clone()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn json_err(e: serde_json::Error) -> StoreError {
    StoreError::Io(std::io::Error::other(e))
}

const CSV_HEADER: &str = "id,event_type,quad_code,mode,date,enddate,date_precision,actor_codes,actor_names,recipient_codes,recipient_names,place,place_name,lat,lon,country_code,admin1,dead_low,dead_best,dead_high,injured_best,arrested_best,num_mentions,num_articles,num_sources,first_seen,last_seen,modality,negated,sentence";

const ACLED_HEADER: &str = "event_id,event_date,time_precision,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities";

const GDELT_HEADER: &str = "GLOBALEVENTID\tSQLDATE\tActor1Code\tActor1Name\tActor1CountryCode\tActor2Code\tActor2Name\tActor2CountryCode\tEventCode\tPloverType\tQuadClass\tNumMentions\tNumSources\tNumArticles\tActionGeo_Type\tActionGeo_FullName\tActionGeo_CountryCode\tActionGeo_ADM1Code\tActionGeo_Lat\tActionGeo_Long\tActionGeo_FeatureID\tFirstSeen\tSOURCEURL";

const GDELT_MENTIONS_HEADER: &str = "GLOBALEVENTID\tEventTimeDate\tMentionTimeDate\tMentionSourceName\tMentionIdentifier\tSentenceID\tActor1CharOffset\tActor2CharOffset\tActionCharOffset\tConfidence\tMentionKey\tRule";

/// ACLED time precision: 1 day, 2 week, 3 month or coarser.
fn acled_time_precision(e: &StoredEvent) -> &'static str {
    match e.event.date_precision {
        Some(vigie_model::DatePrecision::Day) => "1",
        Some(vigie_model::DatePrecision::Week) => "2",
        _ => "3",
    }
}

/// ACLED geo precision: 1 town or point, 2 part of a region, 3 region or country.
fn acled_geo_precision(e: &StoredEvent) -> &'static str {
    match e
        .event
        .event_loc
        .as_ref()
        .and_then(|l| l.precision.as_deref())
    {
        Some("point" | "city") => "1",
        Some("admin2" | "area") => "2",
        Some(_) => "3",
        None => "",
    }
}

/// First day of the event's date as ISO `YYYY-MM-DD`, or the date as given.
fn first_day(e: &StoredEvent) -> String {
    let Some(date) = e.event.date.as_deref() else {
        return String::new();
    };
    match crate::merge::value_days(date) {
        Some((lo, _)) => vigie_model::iso_date(lo),
        None => date.to_string(),
    }
}

fn loc_fields(e: &StoredEvent) -> [String; 6] {
    let l = e.event.event_loc.as_ref();
    [
        l.map(|l| l.text.clone()).unwrap_or_default(),
        l.and_then(|l| l.name.clone()).unwrap_or_default(),
        opt(l.and_then(|l| l.lat)),
        opt(l.and_then(|l| l.lon)),
        l.and_then(|l| l.country_code.clone()).unwrap_or_default(),
        l.and_then(|l| l.admin1.clone()).unwrap_or_default(),
    ]
}

fn sentence_of(store: &Store, e: &StoredEvent) -> Result<String> {
    Ok(store
        .sql()
        .first(
            "SELECT sentence FROM mentions WHERE key = ?1",
            crate::sql::params![e.mentions.first().map(String::as_str).unwrap_or("")],
            |r| r.get(0),
        )?
        .unwrap_or_default())
}

/// Writes the events a filter selects in one format. `acled` is needed for
/// [`ExportFormat::Acled`].
pub fn write_events(
    store: &Store,
    filter: &EventFilter,
    format: ExportFormat,
    acled: &AcledMap,
    out: &mut dyn Write,
) -> Result<u64> {
    let mut n = 0u64;
    match format {
        ExportFormat::Csv => writeln!(out, "{CSV_HEADER}")?,
        ExportFormat::Acled => writeln!(out, "{ACLED_HEADER}")?,
        ExportFormat::Gdelt => writeln!(out, "{GDELT_HEADER}")?,
        ExportFormat::GdeltMentions => writeln!(out, "{GDELT_MENTIONS_HEADER}")?,
        ExportFormat::Geojson => write!(out, "{{\"type\":\"FeatureCollection\",\"features\":[")?,
        ExportFormat::Table => writeln!(
            out,
            "{:<18} {:<10} {:<9} {:<22} {:<18} {:>4} {:>4} {:>4}  sentence",
            "id", "date", "type", "actor → recipient", "place", "dead", "src", "men"
        )?,
        ExportFormat::Jsonl => {}
    }
    store.for_each_event(filter, &mut |e| {
        match format {
            ExportFormat::Jsonl => {
                serde_json::to_writer(&mut *out, &e).map_err(json_err)?;
                out.write_all(b"\n")?;
            }
            ExportFormat::Geojson => {
                if n > 0 {
                    out.write_all(b",")?;
                }
                let l = e.event.event_loc.as_ref();
                let geometry = match (l.and_then(|l| l.lon), l.and_then(|l| l.lat)) {
                    // GeoJSON positions are [longitude, latitude] (RFC 7946).
                    (Some(lon), Some(lat)) => {
                        serde_json::json!({"type": "Point", "coordinates": [lon, lat]})
                    }
                    _ => serde_json::Value::Null,
                };
                // The properties are written straight from the record (through a JSON value,
                // 32-bit floats such as the confidence would print as 0.5999999642372131).
                write!(out, "{{\"type\":\"Feature\",\"id\":")?;
                serde_json::to_writer(&mut *out, &e.event.id).map_err(json_err)?;
                write!(out, ",\"geometry\":{geometry},\"properties\":")?;
                serde_json::to_writer(&mut *out, &e).map_err(json_err)?;
                out.write_all(b"}")?;
            }
            ExportFormat::Csv => {
                let [place, place_name, lat, lon, cc, admin1] = loc_fields(&e);
                let est = |x: Option<crate::query::Estimate>,
                           f: fn(crate::query::Estimate) -> u64| {
                    opt(x.map(f))
                };
                let fields = [
                    e.event.id.clone(),
                    e.event.event_type.to_string(),
                    e.event.quad_code.to_string(),
                    e.event.mode.clone(),
                    opt(e.event.date.clone()),
                    opt(e.event.enddate.clone()),
                    opt(e
                        .event
                        .date_precision
                        .map(|p| format!("{p:?}").to_lowercase())),
                    vigie_model::coded_list(&e.event.actor),
                    names(&e.event.actor),
                    vigie_model::coded_list(&e.event.recipient),
                    names(&e.event.recipient),
                    place,
                    place_name,
                    lat,
                    lon,
                    cc,
                    admin1,
                    est(e.size_range.dead, |x| x.low),
                    est(e.size_range.dead, |x| x.best),
                    est(e.size_range.dead, |x| x.high),
                    est(e.size_range.injured, |x| x.best),
                    est(e.size_range.arrested, |x| x.best),
                    e.num_mentions.to_string(),
                    e.num_articles.to_string(),
                    e.num_sources.to_string(),
                    opt(e.first_seen.clone()),
                    opt(e.last_seen.clone()),
                    format!("{:?}", e.event.modality).to_lowercase(),
                    e.event.negated.to_string(),
                    sentence_of(store, &e)?,
                ];
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                writeln!(out, "{}", line.join(","))?;
            }
            ExportFormat::Acled => {
                let (ty, sub) = acled.classify(&e);
                let [place, place_name, lat, lon, cc, admin1] = loc_fields(&e);
                let location = if place_name.is_empty() {
                    place
                } else {
                    place_name
                };
                let fields = [
                    e.event.id.clone(),
                    first_day(&e),
                    acled_time_precision(&e).to_string(),
                    ty.to_string(),
                    sub.to_string(),
                    names(&e.event.actor),
                    names(&e.event.recipient),
                    cc,
                    admin1,
                    location,
                    lat,
                    lon,
                    acled_geo_precision(&e).to_string(),
                    e.sources.join("; "),
                    sentence_of(store, &e)?,
                    e.size_range
                        .dead
                        .map_or_else(|| "0".to_string(), |d| d.best.to_string()),
                ];
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                writeln!(out, "{}", line.join(","))?;
            }
            ExportFormat::Gdelt => {
                let [_, place_name, lat, lon, cc, admin1] = loc_fields(&e);
                let loc = e.event.event_loc.as_ref();
                let geo_type = match loc.and_then(|l| l.precision.as_deref()) {
                    Some("country") => "1",
                    Some("admin1") => "5",
                    Some(_) => "4",
                    None => "0",
                };
                let first = |a: &[ActorRef], f: fn(&ActorRef) -> String| {
                    a.first().map(f).unwrap_or_default()
                };
                let fields = [
                    e.event.id.clone(),
                    first_day(&e).replace('-', ""),
                    first(&e.event.actor, |a| a.cameo_code.clone()),
                    first(&e.event.actor, |a| {
                        a.name.clone().unwrap_or_else(|| a.text.clone())
                    }),
                    first(&e.event.actor, |a| a.code.clone()),
                    first(&e.event.recipient, |a| a.cameo_code.clone()),
                    first(&e.event.recipient, |a| {
                        a.name.clone().unwrap_or_else(|| a.text.clone())
                    }),
                    first(&e.event.recipient, |a| a.code.clone()),
                    e.event.cameo.clone(),
                    e.event.event_type.to_string(),
                    e.event.quad_code.to_string(),
                    e.num_mentions.to_string(),
                    e.num_sources.to_string(),
                    e.num_articles.to_string(),
                    geo_type.to_string(),
                    place_name,
                    cc,
                    admin1,
                    lat,
                    lon,
                    opt(loc.and_then(|l| l.geonameid)),
                    opt(e.first_seen.clone()),
                    e.event.doc_id.clone(),
                ];
                let line: Vec<String> = fields.iter().map(|f| tsv_field(f)).collect();
                writeln!(out, "{}", line.join("\t"))?;
            }
            ExportFormat::GdeltMentions => {
                let Some(detail) = store.event_detail(&e.event.id)? else {
                    return Ok(());
                };
                for m in &detail.mention_details {
                    let first_start =
                        |a: &[ActorRef]| a.first().map(|a| a.start.to_string()).unwrap_or_default();
                    let fields = [
                        e.event.id.clone(),
                        first_day(&e).replace('-', ""),
                        opt(m.pub_date.clone()).replace('-', ""),
                        m.source.clone().unwrap_or_default(),
                        m.url.clone().unwrap_or_else(|| m.doc_id.clone()),
                        (m.record.text_info.sentence + 1).to_string(),
                        first_start(&m.record.actor),
                        first_start(&m.record.recipient),
                        m.record.event_start.to_string(),
                        format!("{:.0}", m.confidence * 100.0),
                        m.id.clone(),
                        m.rule.clone(),
                    ];
                    let line: Vec<String> = fields.iter().map(|f| tsv_field(f)).collect();
                    writeln!(out, "{}", line.join("\t"))?;
                }
            }
            ExportFormat::Table => {
                let sides = format!(
                    "{} → {}",
                    vigie_model::coded_list(&e.event.actor),
                    vigie_model::coded_list(&e.event.recipient)
                );
                let place = e
                    .event
                    .event_loc
                    .as_ref()
                    .map(|l| l.name.clone().unwrap_or_else(|| l.text.clone()))
                    .unwrap_or_default();
                let sentence: String = sentence_of(store, &e)?.chars().take(70).collect();
                writeln!(
                    out,
                    "{:<18} {:<10} {:<9} {:<22} {:<18} {:>4} {:>4} {:>4}  {}",
                    e.event.id,
                    e.event.date.clone().unwrap_or_default(),
                    e.event.event_type.as_str(),
                    truncate(&sides, 22),
                    truncate(&place, 18),
                    opt(e.event.size.dead),
                    e.num_sources,
                    e.num_mentions,
                    sentence.replace('\n', " ")
                )?;
            }
        }
        n += 1;
        Ok(())
    })?;
    if format == ExportFormat::Geojson {
        writeln!(out, "]}}")?;
    }
    Ok(n)
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::day_number;

    #[test]
    fn iso_days_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2020, 2, 29), (2017, 12, 31), (1999, 3, 1)] {
            assert_eq!(
                vigie_model::iso_date(day_number(y, m, d)),
                format!("{y:04}-{m:02}-{d:02}")
            );
        }
    }

    #[test]
    fn acled_table_parses_and_reports_bad_lines() {
        assert!(AcledMap::parse("ASSAULT\t*\t*\tBattles\n").is_err());
        let map = AcledMap::parse("# c\nASSAULT\t*\t*\tBattles\tArmed clash\n").unwrap();
        assert_eq!(map.rows.len(), 1);
    }
}
