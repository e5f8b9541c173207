//! Zone definitions from GeoJSON: zones (Polygon/MultiPolygon features) and posts (Point
//! features), validated on load.

use crate::geometry::{self, Area, Polygon, Position};
use serde_json::Value;
pub use vigie_model::day_number;

/// `YYYY-MM-DD` → day number; `None` for anything else or an impossible date.
pub fn parse_day(s: &str) -> Option<i64> {
    let mut it = s.trim().split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    if it.next().is_some() || !(1..=12).contains(&m) {
        return None;
    }
    let max = u32::from(vigie_model::days_in_month(y as i32, m as u8));
    (d >= 1 && d <= max).then(|| day_number(y, m, d))
}

/// An active period, inclusive days; `end` `None` = still active.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: i64,
    pub end: Option<i64>,
}

impl Period {
    pub fn overlaps(&self, lo: i64, hi: i64) -> bool {
        self.start <= hi && self.end.is_none_or(|e| e >= lo)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub id: String,
    pub name_fr: String,
    pub name_en: String,
    /// de-escalation, ceasefire, buffer, demilitarised…
    pub kind: String,
    pub guarantors: Vec<String>,
    pub parties: Vec<String>,
    pub active: Vec<Period>,
    pub area: Area,
    pub source: String,
    pub approximate: bool,
}

impl Zone {
    pub fn active_during(&self, lo: i64, hi: i64) -> bool {
        self.active.iter().any(|p| p.overlaps(lo, hi))
    }

    /// True when `query` names this zone (id or either name, case-insensitive, or a word of
    /// them: "Idlib" finds « Zone d'Idlib »).
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        [&self.id, &self.name_fr, &self.name_en].iter().any(|n| {
            let n = n.to_lowercase();
            n == q || n.split(|c: char| !c.is_alphanumeric()).any(|w| w == q)
        })
    }
}

/// An observation post or checkpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub owner: String,
    pub zone: Option<String>,
    pub position: Position,
    pub active: Vec<Period>,
}

/// Zones and posts of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ZoneSet {
    pub name: String,
    pub zones: Vec<Zone>,
    pub posts: Vec<Post>,
}

/// What is wrong in a zone file: which feature, what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {location}: {message}")]
pub struct ZoneError {
    pub origin: String,
    pub location: String,
    pub message: String,
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn text(v: Option<&Value>) -> String {
    v.and_then(Value::as_str).unwrap_or("").to_string()
}

fn periods(v: Option<&Value>) -> Result<Vec<Period>, String> {
    let Some(list) = v else {
        return Ok(Vec::new());
    };
    let list = list
        .as_array()
        .ok_or("\"active\" must be a list of {start, end}")?;
    let mut out: Vec<Period> = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let start = p
            .get("start")
            .and_then(Value::as_str)
            .and_then(parse_day)
            .ok_or(format!("active[{i}]: \"start\" must be a date YYYY-MM-DD"))?;
        let end = match p.get("end") {
            None | Some(Value::Null) => None,
            Some(e) => Some(
                e.as_str()
                    .and_then(parse_day)
                    .ok_or(format!("active[{i}]: \"end\" must be a date YYYY-MM-DD"))?,
            ),
        };
        if end.is_some_and(|e| e < start) {
            return Err(format!("active[{i}]: ends before it starts"));
        }
        if let Some(prev) = out.last() {
            if prev.end.is_none_or(|e| e >= start) {
                return Err(format!(
                    "active[{i}]: starts before the previous period ends"
                ));
            }
        }
        out.push(Period { start, end });
    }
    Ok(out)
}

fn position(v: &Value) -> Result<Position, String> {
    let a = v.as_array().ok_or("a position must be [lon, lat]")?;
    let (Some(lon), Some(lat)) = (
        a.first().and_then(Value::as_f64),
        a.get(1).and_then(Value::as_f64),
    ) else {
        return Err("a position must be [lon, lat] numbers".into());
    };
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return Err(format!(
            "position [{lon}, {lat}] is outside WGS84 ranges (is it [lat, lon]?)"
        ));
    }
    Ok([lon, lat])
}

fn polygon(v: &Value) -> Result<Polygon, String> {
    let rings = v
        .as_array()
        .ok_or("polygon coordinates must be a list of rings")?;
    if rings.is_empty() {
        return Err("a polygon needs an exterior ring".into());
    }
    let mut out = Vec::new();
    for (r, ring) in rings.iter().enumerate() {
        let pts: Vec<Position> = ring
            .as_array()
            .ok_or(format!("ring {r} must be a list of positions"))?
            .iter()
            .map(position)
            .collect::<Result<_, _>>()
            .map_err(|e| format!("ring {r}: {e}"))?;
        if pts.len() < 4 {
            return Err(format!(
                "ring {r} has {} positions; a closed ring needs at least 4",
                pts.len()
            ));
        }
        if pts.first() != pts.last() {
            return Err(format!(
                "ring {r} is not closed (first and last positions differ)"
            ));
        }
        // A vertex repeated in a row (common in GIS exports) is one vertex.
        let mut pts = pts;
        pts.dedup();
        if pts.len() < 4 {
            return Err(format!("ring {r} has fewer than 3 distinct vertices"));
        }
        let unwrapped = geometry::unwrap_ring(&pts);
        if let Some((a, b)) = geometry::self_intersection(&unwrapped) {
            return Err(format!("ring {r} intersects itself (edges {a} and {b})"));
        }
        out.push(pts);
    }
    Ok(Polygon::new(out))
}

/// Parses and validates a zone FeatureCollection. `origin` names the file in errors.
pub fn parse_zones(origin: &str, json: &str) -> Result<ZoneSet, Vec<ZoneError>> {
    let err = |location: String, message: String| ZoneError {
        origin: origin.to_string(),
        location,
        message,
    };
    let root: Value = serde_json::from_str(json).map_err(|e| {
        vec![err(
            format!("line {}", e.line()),
            format!("invalid JSON: {e}"),
        )]
    })?;
    if root.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(vec![err(
            "top level".into(),
            "expected a GeoJSON FeatureCollection".into(),
        )]);
    }
    let features = root
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            vec![err(
                "top level".into(),
                "\"features\" must be a list".into(),
            )]
        })?;
    let mut set = ZoneSet {
        name: text(root.get("name")),
        ..ZoneSet::default()
    };
    let mut errors = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let props = f.get("properties").cloned().unwrap_or(Value::Null);
        let id = props
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| format!("#{i}"));
        let location = format!("feature {i} ({id})");
        let geometry = f.get("geometry").unwrap_or(&Value::Null);
        let kind = geometry.get("type").and_then(Value::as_str).unwrap_or("");
        let coords = geometry.get("coordinates").unwrap_or(&Value::Null);
        let active = match periods(props.get("active")) {
            Ok(p) => p,
            Err(e) => {
                errors.push(err(location, e));
                continue;
            }
        };
        match kind {
            "Polygon" | "MultiPolygon" => {
                let polys: Result<Vec<Polygon>, String> = if kind == "Polygon" {
                    polygon(coords).map(|p| vec![p])
                } else {
                    coords
                        .as_array()
                        .ok_or_else(|| {
                            "MultiPolygon coordinates must be a list of polygons".to_string()
                        })
                        .and_then(|list| {
                            list.iter()
                                .enumerate()
                                .map(|(k, p)| polygon(p).map_err(|e| format!("polygon {k}: {e}")))
                                .collect()
                        })
                };
                match polys {
                    Ok(polygons) => set.zones.push(Zone {
                        name_fr: text(props.get("name_fr")),
                        name_en: text(props.get("name_en")),
                        kind: text(props.get("kind")),
                        guarantors: strings(props.get("guarantors")),
                        parties: strings(props.get("parties")),
                        active,
                        area: Area { polygons },
                        source: text(props.get("source")),
                        approximate: props
                            .get("approximate")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                        id,
                    }),
                    Err(e) => errors.push(err(location, e)),
                }
            }
            "Point" => match position(coords) {
                Ok(p) => set.posts.push(Post {
                    name: text(props.get("name")),
                    kind: text(props.get("kind")),
                    owner: text(props.get("owner")),
                    zone: props
                        .get("zone")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    position: p,
                    active,
                    id,
                }),
                Err(e) => errors.push(err(location, e)),
            },
            other => errors.push(err(
                location,
                format!("geometry type {other:?}: expected Polygon, MultiPolygon or Point"),
            )),
        }
    }
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"{"type":"FeatureCollection","name":"t","features":[
      {"type":"Feature","properties":{"id":"z1","name_fr":"Zone d'Idlib","name_en":"Idlib zone","kind":"de-escalation","guarantors":["RUS","TUR","IRN"],
        "active":[{"start":"2017-05-06","end":"2017-11-05"},{"start":"2017-11-06","end":"2020-03-05"}]},
       "geometry":{"type":"Polygon","coordinates":[[[36,35],[37,35],[37,36],[36,36],[36,35]]]}},
      {"type":"Feature","properties":{"id":"p1","name":"Post 1","kind":"observation-post","owner":"TUR","active":[{"start":"2017-10-13"}]},
       "geometry":{"type":"Point","coordinates":[36.5,35.5]}}]}"#;

    #[test]
    fn loads_zones_and_posts_with_renewals() {
        let set = parse_zones("t.geojson", VALID).unwrap();
        assert_eq!(set.zones.len(), 1);
        assert_eq!(set.posts.len(), 1);
        let z = &set.zones[0];
        assert!(z.matches("idlib") && z.matches("Z1"));
        let (start, renewal, end) = (
            day_number(2017, 5, 6),
            day_number(2017, 11, 6),
            day_number(2020, 3, 5),
        );
        assert!(z.active_during(start, start));
        assert!(z.active_during(renewal, renewal));
        assert!(z.active_during(end, end), "the last day counts");
        assert!(!z.active_during(end + 1, end + 30));
        assert!(!z.active_during(start - 30, start - 1));
        assert!(set.posts[0].active[0].end.is_none());
    }

    proptest::proptest! {
        #[test]
        fn mutated_files_never_panic(at in 0usize..2000, byte in 0u8..128, cut in 0usize..2000) {
            let mut bytes = VALID.as_bytes().to_vec();
            let i = at % bytes.len();
            bytes[i] = byte;
            bytes.truncate(bytes.len() - cut % bytes.len());
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse_zones("t", &text);
        }

        #[test]
        fn random_rings_never_panic(points in proptest::collection::vec((-200.0f64..200.0, -100.0f64..100.0), 0..12)) {
            let ring: Vec<String> = points.iter().map(|(x, y)| format!("[{x},{y}]")).collect();
            let json = format!(
                r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}]}}"#,
                ring.join(",")
            );
            if let Ok(set) = parse_zones("t", &json) {
                for z in &set.zones {
                    let _ = z.area.contains([0.0, 0.0]);
                    let _ = z.area.disc_share([0.0, 0.0], 100.0);
                }
            }
        }
    }

    #[test]
    fn bad_files_say_which_feature_and_what() {
        let cases = [
            (VALID.replace("[36,35]]]", "[36,35.5]]]"), "not closed"),
            (VALID.replace("[36.5,35.5]", "[95.5,35.5]"), ""),
            (
                VALID.replace("[36.5,35.5]", "[36.5,135.5]"),
                "outside WGS84",
            ),
            (
                VALID.replace("\"2017-11-05\"", "\"2017-04-05\""),
                "ends before",
            ),
            (
                VALID.replace("\"2017-11-05\"", "\"2018-11-05\""),
                "starts before the previous",
            ),
            // Periods are inclusive: sharing a day is an overlap.
            (
                VALID.replace("\"2017-11-05\"", "\"2017-11-06\""),
                "starts before the previous",
            ),
            // A vertex repeated in a row is accepted.
            (
                VALID.replace("[37,35],[37,36]", "[37,35],[37,35],[37,36]"),
                "",
            ),
            (
                VALID.replace("[37,36],[36,36]", "[36,36],[37,36]"),
                "intersects itself",
            ),
            (
                VALID.replace("Polygon\"", "LineString\""),
                "expected Polygon",
            ),
            ("{\"type\":\"Feature\"}".to_string(), "FeatureCollection"),
            ("{oops".to_string(), "invalid JSON"),
        ];
        for (json, expected) in cases {
            let result = parse_zones("t.geojson", &json);
            if expected.is_empty() {
                assert!(result.is_ok());
                continue;
            }
            let errors = result.expect_err(expected);
            let all: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            assert!(
                all.iter()
                    .any(|e| e.contains(expected) && e.starts_with("t.geojson")),
                "{all:?}"
            );
        }
    }
}
