//! Ceasefire and de-escalation zones: definitions ([`zone`]), geometry ([`geometry`]), which
//! events fall in which zone ([`ZoneIndex`]), what counts as a violation ([`Rules`]) and the
//! zone report ([`report`]).

pub mod geometry;
pub mod map;
pub mod report;
pub mod zone;

pub use zone::{parse_day, parse_zones, Period, Post, Zone, ZoneError, ZoneSet};

use geometry::Position;
use std::collections::HashMap;

/// Radius (km) standing for a place known only at first-level-region precision.
pub const ADMIN1_RADIUS_KM: f64 = 50.0;
/// Radius (km) standing for a place known only at country precision.
pub const COUNTRY_RADIUS_KM: f64 = 300.0;
/// Default distance (km) within which an event is linked to an observation post.
pub const POST_RADIUS_KM: f64 = 10.0;

/// Where an event is, as far as membership needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventPlace<'a> {
    pub lon: f64,
    pub lat: f64,
    /// `event_loc.precision`: point, city, admin1, country.
    pub precision: &'a str,
    /// Inclusive day window of the event's date.
    pub days: (i64, i64),
}

/// How an event relates to a zone.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "membership")]
pub enum Membership {
    /// Its point lies in the zone (or on its edge).
    Inside,
    /// Known only at region or country precision, and that region overlaps the zone; `share`
    /// estimates how much of it does.
    PossiblyInside { share: f64 },
}

/// A grid over the zones' bounding boxes: each 1° cell lists the zones that may cover it,
/// so a point is tested against a handful of polygons whatever the number of zones.
pub struct ZoneIndex<'z> {
    pub set: &'z ZoneSet,
    cells: HashMap<(i32, i32), Vec<u32>>,
}

fn cell(lon: f64, lat: f64) -> (i32, i32) {
    (lon.floor() as i32, lat.floor() as i32)
}

impl<'z> ZoneIndex<'z> {
    pub fn new(set: &'z ZoneSet) -> ZoneIndex<'z> {
        let mut cells: HashMap<(i32, i32), Vec<u32>> = HashMap::new();
        for (i, z) in set.zones.iter().enumerate() {
            for poly in &z.area.polygons {
                let b = poly.bbox();
                // Unwrapped longitudes beyond ±180 are indexed at their wrapped cell too.
                for lon in (b[0].floor() as i32)..=(b[2].floor() as i32) {
                    for lat in (b[1].floor() as i32)..=(b[3].floor() as i32) {
                        let wrapped = (lon + 180).rem_euclid(360) - 180;
                        let list = cells.entry((wrapped, lat)).or_default();
                        if list.last() != Some(&(i as u32)) {
                            list.push(i as u32);
                        }
                    }
                }
            }
        }
        for list in cells.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        ZoneIndex { set, cells }
    }

    /// Zones whose area contains the point (regardless of dates).
    pub fn zones_at(&self, p: Position) -> impl Iterator<Item = usize> + '_ {
        let (x, y) = cell(p[0], p[1]);
        self.cells
            .get(&(x, y))
            .into_iter()
            .flatten()
            .map(|&i| i as usize)
            .filter(move |&i| self.set.zones[i].area.contains(p))
    }

    /// Zones active during the event's dates that it is in or may be in.
    pub fn membership(&self, e: &EventPlace) -> Vec<(usize, Membership)> {
        let p = [e.lon, e.lat];
        let radius = match e.precision {
            "admin1" => Some(ADMIN1_RADIUS_KM),
            "country" => Some(COUNTRY_RADIUS_KM),
            _ => None,
        };
        let active = |i: usize| self.set.zones[i].active_during(e.days.0, e.days.1);
        match radius {
            None => self
                .zones_at(p)
                .filter(|&i| active(i))
                .map(|i| (i, Membership::Inside))
                .collect(),
            Some(r) => {
                // Every zone whose box comes within the radius of the point.
                let lat_deg = r / 111.0;
                let lon_deg = r / (111.0 * e.lat.to_radians().cos().abs().max(0.05));
                let mut candidates: Vec<u32> = Vec::new();
                for x in ((e.lon - lon_deg).floor() as i32)..=((e.lon + lon_deg).floor() as i32) {
                    for y in ((e.lat - lat_deg).floor() as i32)..=((e.lat + lat_deg).floor() as i32)
                    {
                        let wrapped = (x + 180).rem_euclid(360) - 180;
                        if let Some(list) = self.cells.get(&(wrapped, y)) {
                            candidates.extend(list);
                        }
                    }
                }
                candidates.sort_unstable();
                candidates.dedup();
                candidates
                    .into_iter()
                    .map(|i| i as usize)
                    .filter(|&i| active(i))
                    .filter_map(|i| {
                        let share = self.set.zones[i].area.disc_share(p, r);
                        (share > 0.0).then_some((i, Membership::PossiblyInside { share }))
                    })
                    .collect()
            }
        }
    }

    /// Posts within `radius_km` of a point-precise event, with their distance.
    pub fn posts_near(&self, e: &EventPlace, radius_km: f64) -> Vec<(usize, f64)> {
        if matches!(e.precision, "admin1" | "country") {
            return Vec::new();
        }
        self.set
            .posts
            .iter()
            .enumerate()
            .filter(|(_, post)| {
                post.active.is_empty() || post.active.iter().any(|a| a.overlaps(e.days.0, e.days.1))
            })
            .map(|(i, post)| {
                (
                    i,
                    haversine_km(e.lat, e.lon, post.position[1], post.position[0]),
                )
            })
            .filter(|&(_, d)| d <= radius_km)
            .collect()
    }
}

pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let a = ((p2 - p1) / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((lon2 - lon1).to_radians() / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

/// One violation rule (`data/zones/rules.tsv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub zone_kind: String,
    pub event_type: String,
    /// Sectors or code prefixes; empty = any actor.
    pub actors: Vec<String>,
    pub exempt_guarantors: bool,
}

/// The violation rules, as data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    pub rules: Vec<Rule>,
}

impl Rules {
    /// Parses the rules table; errors name the line.
    pub fn parse(origin: &str, text: &str) -> Result<Rules, String> {
        let mut rules = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [kind, event_type, actors, exempt] = cols.as_slice() else {
                return Err(format!(
                    "{origin}:{}: expected 4 tab-separated columns",
                    n + 1
                ));
            };
            if *event_type != "*" && vigie_model::EventType::parse(event_type).is_none() {
                return Err(format!(
                    "{origin}:{}: unknown event type {event_type:?}",
                    n + 1
                ));
            }
            let exempt_guarantors = match *exempt {
                "guarantors" => true,
                "none" | "" => false,
                other => {
                    return Err(format!(
                        "{origin}:{}: exempt must be guarantors or none, not {other:?}",
                        n + 1
                    ))
                }
            };
            rules.push(Rule {
                zone_kind: kind.to_string(),
                event_type: event_type.to_uppercase(),
                actors: if *actors == "*" {
                    Vec::new()
                } else {
                    actors.split(',').map(|a| a.trim().to_string()).collect()
                },
                exempt_guarantors,
            });
        }
        Ok(Rules { rules })
    }

    /// The first rule that makes this event a violation of `zone`, if any.
    pub fn violation<'r>(&'r self, zone: &Zone, event: &vigie_model::Event) -> Option<&'r Rule> {
        let etype = event.event_type.as_str();
        let by_guarantors_only = !event.actor.is_empty()
            && event
                .actor
                .iter()
                .all(|a| zone.guarantors.contains(&a.code));
        self.rules.iter().find(|r| {
            (r.zone_kind == "*" || r.zone_kind == zone.kind)
                && (r.event_type == "*" || r.event_type == etype)
                && (r.actors.is_empty()
                    || event.actor.iter().any(|a| {
                        r.actors.iter().any(|want| {
                            *want == a.sector
                                || (!want.is_empty() && a.code.starts_with(want.as_str()))
                        })
                    }))
                && !(r.exempt_guarantors && by_guarantors_only)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> ZoneSet {
        let json = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"id":"idlib","kind":"de-escalation","guarantors":["RUS","TUR","IRN"],
            "active":[{"start":"2017-05-06","end":"2020-03-05"}]},
           "geometry":{"type":"Polygon","coordinates":[[[35.9,35.3],[37.0,35.3],[37.0,36.4],[35.9,36.4],[35.9,35.3]]]}},
          {"type":"Feature","properties":{"id":"post-1","kind":"observation-post","owner":"TUR"},
           "geometry":{"type":"Point","coordinates":[36.8,35.86]}}]}"#;
        parse_zones("t", json).unwrap()
    }

    fn at(lon: f64, lat: f64, precision: &'static str, day: i64) -> EventPlace<'static> {
        EventPlace {
            lon,
            lat,
            precision,
            days: (day, day),
        }
    }

    #[test]
    fn points_regions_dates_and_posts() {
        let s = set();
        let index = ZoneIndex::new(&s);
        let feb_2020 = zone::day_number(2020, 2, 20);
        assert_eq!(
            index.membership(&at(36.63, 35.93, "city", feb_2020)),
            vec![(0, Membership::Inside)]
        );
        assert!(
            index
                .membership(&at(36.63, 35.93, "city", zone::day_number(2020, 3, 6)))
                .is_empty(),
            "after the zone ended"
        );
        assert!(
            index
                .membership(&at(37.16, 36.20, "city", feb_2020))
                .is_empty(),
            "Aleppo is outside"
        );
        // A province known only by its centre: possibly inside, with a share.
        let m = index.membership(&at(37.0, 35.8, "admin1", feb_2020));
        match m.as_slice() {
            [(0, Membership::PossiblyInside { share })] => {
                assert!((0.3..0.7).contains(share), "{share}")
            }
            other => panic!("{other:?}"),
        }
        let near = index.posts_near(&at(36.81, 35.86, "city", feb_2020), POST_RADIUS_KM);
        assert_eq!(near.len(), 1);
        assert!(near[0].1 < 2.0);
    }

    #[test]
    fn rules_from_data() {
        let rules = Rules::parse(
            "rules.tsv",
            "*\tASSAULT\t*\tnone\n*\tMOBILIZE\tMIL,IMG\tguarantors\n",
        )
        .unwrap();
        assert!(Rules::parse("r", "*\tBOMB\t*\tnone\n").is_err());
        let s = set();
        let zone = &s.zones[0];
        let mut e: vigie_model::Event = serde_json::from_value(serde_json::json!({
            "id":"e","doc_id":"d","event_type":"MOBILIZE","mode":"","context":[],"quad_code":4,"cameo":"",
            "actor":[{"code":"RUS","sector":"MIL","text":"","start":0,"end":0}],"recipient":[],
            "date":null,"enddate":null,"date_precision":null,"date_reason":"","event_loc":null,
            "size":{"dead":null,"injured":null,"arrested":null},"negated":false,"modality":"asserted",
            "speaker":null,"event_text":"","event_start":0,"event_end":0,
            "text_info":{"sentence":0,"start":0,"end":0},"rule":"","confidence":0.5,"lang":"fr"}))
        .unwrap();
        assert!(
            rules.violation(zone, &e).is_none(),
            "a guarantor deploying its monitors"
        );
        e.actor[0].code = "SYR".into();
        assert!(rules.violation(zone, &e).is_some());
        e.event_type = vigie_model::EventType::Assault;
        e.actor[0].sector = "GOV".into();
        assert!(rules.violation(zone, &e).is_some(), "any attack");
        e.event_type = vigie_model::EventType::Consult;
        assert!(rules.violation(zone, &e).is_none());
    }
}
