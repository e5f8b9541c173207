//! When two mentions describe the same event: the merge rules, kept apart from SQL so they
//! can be read and tested on their own.
//!
//! A mention joins a canonical event when all of these hold:
//! - the same PLOVER type and the same polarity (a denial is not the event it denies);
//! - date windows that overlap, give or take a day (reports of "Saturday" and "the weekend");
//! - compatible actors and recipients: on each side, one of the two is unknown or they share
//!   a country or group code (for the symmetric types — CONSULT, AGREE, COOPERATE — the sides
//!   may be swapped);
//! - compatible places: within [`MAX_POINT_DISTANCE_KM`] when both are points, the same
//!   country (and admin1 when both have one) when either is only a region or country;
//! - some positive evidence: at least one shared code, or both reports belong to one story
//!   cluster (near-duplicate articles).
//!
//! Among candidates the one with the most shared codes wins, then the same story, then the
//! closest dates, then the oldest event (so merging does not depend on hash order).

use std::collections::BTreeSet;
pub use vigie_model::day_number;

/// Two point locations farther apart than this are different events.
pub const MAX_POINT_DISTANCE_KM: f64 = 50.0;
/// Slack, in days, on each side of a date window.
pub const DATE_SLACK_DAYS: i64 = 1;

/// What the merge rules look at in a mention or a canonical event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    pub event_type: String,
    pub negated: bool,
    pub actors: BTreeSet<String>,
    pub recipients: BTreeSet<String>,
    /// Inclusive day numbers (days since 1970-01-01).
    pub days: Option<(i64, i64)>,
    pub point: Option<(f64, f64)>,
    /// `point`, `city`, `admin1`, `country` (as in `event_loc.precision`).
    pub loc_precision: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
}

/// Why a mention was joined to an event, for `vigie events --explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub shared_codes: usize,
    pub same_story: bool,
    pub date_gap: i64,
    pub reason: String,
}

impl Verdict {
    /// Larger is a better match.
    pub fn rank(&self) -> (usize, bool, i64) {
        (self.shared_codes, self.same_story, -self.date_gap)
    }
}

fn is_symmetric(event_type: &str) -> bool {
    matches!(event_type, "CONSULT" | "AGREE" | "COOPERATE")
}

/// `Some(shared)` when the two code sets are compatible.
fn side(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Option<Vec<String>> {
    if a.is_empty() || b.is_empty() {
        return Some(Vec::new());
    }
    let shared: Vec<String> = a.intersection(b).cloned().collect();
    (!shared.is_empty()).then_some(shared)
}

fn sides(
    m: &Profile,
    actors: &BTreeSet<String>,
    recipients: &BTreeSet<String>,
) -> Option<Vec<String>> {
    let mut shared = side(&m.actors, actors)?;
    shared.extend(side(&m.recipients, recipients)?);
    Some(shared)
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

fn coarse(p: &Profile) -> bool {
    matches!(p.loc_precision.as_deref(), Some("admin1" | "country"))
}

fn places(m: &Profile, e: &Profile) -> Result<String, String> {
    if let (Some(a), Some(b)) = (m.point, e.point) {
        if !coarse(m) && !coarse(e) {
            let d = haversine_km(a.0, a.1, b.0, b.1);
            return if d <= MAX_POINT_DISTANCE_KM {
                Ok(format!("places {d:.0} km apart"))
            } else {
                Err(format!("places {d:.0} km apart"))
            };
        }
    }
    if let (Some(a), Some(b)) = (&m.country, &e.country) {
        if a != b {
            return Err(format!("countries {a} and {b} differ"));
        }
        if let (Some(x), Some(y)) = (&m.admin1, &e.admin1) {
            if x != y {
                return Err(format!("regions {x} and {y} differ"));
            }
            return Ok(format!("same region {x}"));
        }
        return Ok(format!("same country {a}"));
    }
    Ok("places not both known".to_string())
}

/// Decides whether mention `m` may join canonical event `e`.
pub fn judge(m: &Profile, e: &Profile, same_story: bool) -> Option<Verdict> {
    if m.event_type != e.event_type || m.negated != e.negated {
        return None;
    }
    let date_gap = match (m.days, e.days) {
        (Some((a_lo, a_hi)), Some((b_lo, b_hi))) => {
            if a_lo > b_hi + DATE_SLACK_DAYS || b_lo > a_hi + DATE_SLACK_DAYS {
                return None;
            }
            ((a_lo + a_hi) - (b_lo + b_hi)).abs() / 2
        }
        _ if same_story => 0,
        _ => return None,
    };
    let (shared, swapped) = match sides(m, &e.actors, &e.recipients) {
        Some(s) => (s, false),
        None if is_symmetric(&m.event_type) => (sides(m, &e.recipients, &e.actors)?, true),
        None => return None,
    };
    if shared.is_empty() && !same_story {
        return None;
    }
    let place = places(m, e).ok()?;
    let mut reason = format!("same type {}", m.event_type);
    if !shared.is_empty() {
        reason.push_str(&format!(", shared codes {}", shared.join("+")));
    }
    if swapped {
        reason.push_str(" (sides swapped, symmetric type)");
    }
    if same_story {
        reason.push_str(", same story cluster");
    }
    reason.push_str(&format!(", dates {date_gap} day(s) apart, {place}"));
    Some(Verdict {
        shared_codes: shared.len(),
        same_story,
        date_gap,
        reason,
    })
}

fn days_in_month(year: i64, month: u32) -> u32 {
    vigie_model::days_in_month(year as i32, month as u8) as u32
}

/// The inclusive day window of a TIMEX-style value: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (a time
/// after `T` is ignored) or `YYYY-Www`. `None` for anything else.
pub fn value_days(value: &str) -> Option<(i64, i64)> {
    let value = value.split('T').next()?;
    let num = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let parts: Vec<&str> = value.split('-').collect();
    let year = num(parts.first()?).filter(|_| parts[0].len() == 4)?;
    match parts.as_slice() {
        [_] => Some((day_number(year, 1, 1), day_number(year, 12, 31))),
        [_, w] if w.starts_with('W') => {
            let week = num(&w[1..]).filter(|w| (1..=53).contains(w))?;
            // ISO week 1 holds January 4th.
            let jan4 = day_number(year, 1, 4);
            let weekday = (jan4 + 3).rem_euclid(7); // 0 = Monday
            let monday = jan4 - weekday + (week - 1) * 7;
            Some((monday, monday + 6))
        }
        [_, m] => {
            let month = num(m).filter(|m| (1..=12).contains(m))? as u32;
            Some((
                day_number(year, month, 1),
                day_number(year, month, days_in_month(year, month)),
            ))
        }
        [_, m, d] => {
            let month = num(m).filter(|m| (1..=12).contains(m))? as u32;
            let day = num(d).filter(|d| *d >= 1 && *d <= i64::from(days_in_month(year, month)))?;
            let n = day_number(year, month, day as u32);
            Some((n, n))
        }
        _ => None,
    }
}

/// The window an event's `date` … `enddate` covers.
pub fn event_days(date: Option<&str>, enddate: Option<&str>) -> Option<(i64, i64)> {
    let (lo, hi) = value_days(date?)?;
    let hi = enddate.and_then(value_days).map_or(hi, |(_, h)| h.max(hi));
    Some((lo, hi.max(lo)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codes(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn assault(actors: &[&str], recipients: &[&str], date: &str) -> Profile {
        Profile {
            event_type: "ASSAULT".into(),
            actors: codes(actors),
            recipients: codes(recipients),
            days: value_days(date),
            ..Profile::default()
        }
    }

    #[test]
    fn same_attack_reported_twice_merges() {
        let a = assault(&["SYR"], &["TUR"], "2020-02-27");
        let b = assault(&["SYR"], &["TUR"], "2020-02-28");
        let v = judge(&a, &b, false).expect("merge");
        assert_eq!(v.shared_codes, 2);
        assert!(v.reason.contains("SYR"), "{}", v.reason);
    }

    #[test]
    fn different_types_dates_or_sides_stay_apart() {
        let a = assault(&["SYR"], &["TUR"], "2020-02-27");
        assert!(judge(&a, &assault(&["SYR"], &["TUR"], "2020-02-20"), false).is_none());
        assert!(judge(&a, &assault(&["RUS"], &["UKR"], "2020-02-27"), false).is_none());
        let mut consult = a.clone();
        consult.event_type = "CONSULT".into();
        assert!(judge(&a, &consult, false).is_none());
        let mut denied = a.clone();
        denied.negated = true;
        assert!(judge(&a, &denied, false).is_none());
    }

    #[test]
    fn unknown_sides_need_a_shared_code_or_a_shared_story() {
        let a = assault(&[], &["TUR"], "2020-02");
        let b = assault(&["SYR"], &[], "2020-02");
        assert!(judge(&a, &b, false).is_none());
        assert!(judge(&a, &b, true).is_some());
        assert!(judge(&a, &assault(&["SYR"], &["TUR"], "2020-02-27"), false).is_some());
    }

    #[test]
    fn symmetric_types_may_swap_sides() {
        let mut a = assault(&["RUS"], &["TUR"], "2020-02-15");
        let mut b = assault(&["TUR"], &["RUS"], "2020-02-15");
        assert!(judge(&a, &b, false).is_none());
        a.event_type = "CONSULT".into();
        b.event_type = "CONSULT".into();
        assert!(judge(&a, &b, false).unwrap().reason.contains("swapped"));
    }

    #[test]
    fn far_apart_points_are_different_events() {
        let mut a = assault(&["SYR"], &["TUR"], "2020-02-27");
        let mut b = a.clone();
        a.point = Some((35.93, 36.63)); // Idlib
        b.point = Some((36.20, 37.16)); // Aleppo, about 57 km away
        assert!(judge(&a, &b, false).is_none());
        b.point = Some((35.80, 36.70));
        assert!(judge(&a, &b, false).is_some());
        // A province centroid is compared by region, not by distance.
        b.point = Some((36.20, 37.16));
        b.loc_precision = Some("admin1".into());
        a.country = Some("SY".into());
        b.country = Some("SY".into());
        assert!(judge(&a, &b, false).is_some());
        b.country = Some("TR".into());
        assert!(judge(&a, &b, false).is_none());
    }

    #[test]
    fn value_windows() {
        assert_eq!(value_days("1970-01-01"), Some((0, 0)));
        assert_eq!(value_days("2020-02"), Some((18293, 18321)));
        assert_eq!(value_days("2020"), Some((18262, 18627)));
        // ISO week 1 of 2020 starts on Monday 2019-12-30.
        assert_eq!(value_days("2020-W01"), Some((18260, 18266)));
        assert_eq!(value_days("2020-02-30"), None);
        assert_eq!(value_days("PAST_REF"), None);
        assert_eq!(value_days("2020-02-15T10:00"), value_days("2020-02-15"));
        assert_eq!(
            event_days(Some("2017-11"), Some("2017-12")),
            Some((17471, 17531))
        );
    }

    proptest! {
        #[test]
        fn day_numbers_are_consecutive(year in 1800i64..2200, month in 1u32..=12) {
            let last = days_in_month(year, month);
            let end = day_number(year, month, last);
            let next = if month == 12 { day_number(year + 1, 1, 1) } else { day_number(year, month + 1, 1) };
            prop_assert_eq!(end + 1, next);
        }

        #[test]
        fn windows_are_never_inverted(v in "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|[0-9]{4}-W[0-9]{2}") {
            if let Some((lo, hi)) = value_days(&v) {
                prop_assert!(lo <= hi);
            }
        }
    }
}
