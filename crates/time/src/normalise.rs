//! From what a pattern captured to a TIMEX3 value, against the publication date.
//!
//! The publication date (DCT) is kept as a range of days at its own precision: `2020-02` is
//! 2020-02-01..2020-02-29. Relative expressions shift that range; the value is written at the
//! precision the shifted range supports, never finer.

use crate::{Captured, TimexType};
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use vigie_model::{DatePrecision, PubDate};

/// The reference points for relative expressions in one document.
#[derive(Debug, Clone, Default)]
pub struct Anchor {
    /// The publication date as a range of days, with its precision.
    pub dct: Option<(NaiveDate, NaiveDate, DatePrecision)>,
    /// The last day-precise date the text named (anchors bare times: « à 9 h »).
    pub last_day: Option<NaiveDate>,
}

impl Anchor {
    pub fn from_dct(dct: Option<&PubDate>) -> Anchor {
        let dct = dct.and_then(|d| {
            let (y, m, day) = (d.year, d.month, d.day);
            match (m, day) {
                (Some(m), Some(day)) => {
                    let date = NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(day))?;
                    Some((date, date, DatePrecision::Day))
                }
                (Some(m), None) => {
                    let first = NaiveDate::from_ymd_opt(y, u32::from(m), 1)?;
                    Some((first, last_of_month(first), DatePrecision::Month))
                }
                _ => {
                    let first = NaiveDate::from_ymd_opt(y, 1, 1)?;
                    Some((
                        first,
                        NaiveDate::from_ymd_opt(y, 12, 31)?,
                        DatePrecision::Year,
                    ))
                }
            }
        });
        Anchor {
            dct,
            last_day: None,
        }
    }
}

pub fn last_of_month(d: NaiveDate) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    first
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

pub(crate) struct Resolved {
    pub kind: TimexType,
    pub value: Option<String>,
    pub precision: Option<DatePrecision>,
    pub range: Option<(String, String)>,
}

fn day_str(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn month_str(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

fn week_str(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// A resolved date range written at the precision it supports.
fn date_value(first: NaiveDate, last: NaiveDate, finest: DatePrecision) -> (String, DatePrecision) {
    let (first, last) = if first <= last {
        (first, last)
    } else {
        (last, first)
    };
    if first == last && finest == DatePrecision::Day {
        (day_str(first), DatePrecision::Day)
    } else if first.year() == last.year()
        && first.month() == last.month()
        && finest >= DatePrecision::Month
    {
        (month_str(first), DatePrecision::Month)
    } else if first.year() == last.year()
        && finest >= DatePrecision::Month
        && (last - first).num_days() < 62
    {
        // Straddles two months (« il y a trois jours » in a December article): the month
        // holding most of the range.
        let mid = first + Duration::days((last - first).num_days() / 2);
        (month_str(mid), DatePrecision::Month)
    } else {
        let mid = first + Duration::days((last - first).num_days() / 2);
        (format!("{:04}", mid.year()), DatePrecision::Year)
    }
}

fn shift_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

fn shift_months(d: NaiveDate, n: i64) -> NaiveDate {
    let r = if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new((-n) as u32))
    };
    r.unwrap_or(d)
}

fn number(c: &Captured) -> Option<f64> {
    if let Some(d) = c.groups.get("num_d") {
        return d.replace(',', ".").parse().ok();
    }
    match c.values.get("num").map(String::as_str) {
        Some("X") | None => None,
        Some(v) => v.parse().ok(),
    }
}

fn month_of(c: &Captured) -> Option<u32> {
    c.values
        .get("month")
        .or_else(|| c.values.get("month2"))
        .and_then(|v| v.parse().ok())
        .or_else(|| c.groups.get("mnum").and_then(|m| m.parse().ok()))
        .filter(|m| (1..=12).contains(m))
}

fn day_of(c: &Captured) -> Option<u32> {
    let d = c.groups.get("day").or_else(|| c.groups.get("day2"))?;
    let d = d.to_lowercase();
    if d == "1er" || d == "premier" {
        return Some(1);
    }
    d.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(c: &Captured) -> Option<i32> {
    let y = c.groups.get("year")?;
    let n: i32 = y.parse().ok()?;
    Some(if y.len() == 2 {
        if n >= 30 {
            1900 + n
        } else {
            2000 + n
        }
    } else {
        n
    })
}

fn weekday_of(c: &Captured) -> Option<Weekday> {
    let n: u32 = c.values.get("weekday")?.parse().ok()?;
    Weekday::try_from((n as u8).saturating_sub(1)).ok()
}

/// Is a match a real temporal expression in context? (A bare year before a count, « 2000
/// personnes », is not.)
pub(crate) fn plausible(
    rule: &str,
    matched: &str,
    before: &str,
    after: &str,
    next_upper: bool,
) -> bool {
    if rule == "duration" {
        let lower = matched.to_lowercase();
        // An age (« X, 38 ans », « âgé de 38 ans », « à 38 ans ») or « un jour » (one day,
        // someday) is not a duration.
        // Only the few words before matter (and looking further would make long articles
        // quadratic).
        let mut cut = before.len().saturating_sub(24);
        while !before.is_char_boundary(cut) {
            cut -= 1;
        }
        let b = before[cut..].trim_end().to_lowercase();
        let age = (lower.ends_with(" ans") || lower.ends_with(" years"))
            && lower.starts_with(|c: char| c.is_ascii_digit())
            && (b.ends_with(',')
                || b.ends_with("age de")
                || b.ends_with("agee de")
                || b.ends_with("ages de")
                || b.ends_with(" à")
                || b.ends_with("aged")
                || b.ends_with(" de"));
        if age || lower == "un jour" || lower == "une fois" {
            return false;
        }
    }
    if rule == "date_y" && counted_after_de(matched, before, after) {
        return false;
    }
    if rule == "date_y" && matched.chars().all(|c| c.is_ascii_digit()) {
        let next = after.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
        let starts_lower = next.chars().next().is_some_and(|c| c.is_alphabetic()) && !next_upper;
        let digit_follows = after.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
            && after[1..].starts_with(|c: char| c.is_ascii_digit());
        if (starts_lower && after.starts_with(' ')) || digit_follows {
            return false;
        }
    }
    true
}

/// « plus de 2000 manifestants », « près de 2000 personnes »: a number after « de » is a count,
/// not a year, after a word of quantity or before a plural noun (« la crise de 2008 a… » and
/// « les attentats de 2015 sont… » keep their year).
fn counted_after_de(matched: &str, before: &str, after: &str) -> bool {
    let lower = matched.to_lowercase();
    let Some(rest) = lower
        .strip_prefix("de ")
        .or_else(|| lower.strip_prefix("d'"))
        .or_else(|| lower.strip_prefix("d’"))
    else {
        return false;
    };
    if !rest.trim().chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let mut cut = before.len().saturating_sub(24);
    while !before.is_char_boundary(cut) {
        cut -= 1;
    }
    let b = before[cut..].trim_end().to_lowercase();
    // (The text may come accent-folded: « pres ».)
    let quantity = [
        "plus",
        "près",
        "pres",
        "moins",
        "environ",
        "quelque",
        "autour",
        "dizaines",
        "centaines",
        "milliers",
    ]
    .iter()
    .any(|w| b.trim_start_matches('(').ends_with(w));
    // « de 2000 à 3000 blessés »: a range of counts.
    let range = {
        let rest = after.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
        rest.strip_prefix("à ")
            .or_else(|| rest.strip_prefix("a "))
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    };
    let next: String = after
        .trim_start_matches([' ', '\u{a0}', '\u{202f}'])
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let plural_noun = next.chars().next().is_some_and(char::is_lowercase)
        && next.chars().count() >= 4
        && (next.ends_with('s') || next.ends_with('x'))
        && !matches!(
            next.as_str(),
            "sont"
                | "étaient"
                | "avaient"
                | "avons"
                | "étions"
                | "allons"
                | "devons"
                | "pouvons"
                | "puis"
                | "depuis"
                | "alors"
                | "sous"
                | "dans"
                | "mais"
                | "tous"
        );
    quantity || range || plural_noun
}

/// The year for a day and month given without one: the occurrence nearest the publication
/// date, leaning to the past (news reports what happened).
fn nearest_year(
    month: u32,
    day: u32,
    dct: Option<(NaiveDate, NaiveDate, DatePrecision)>,
) -> Option<i32> {
    let (first, last, _) = dct?;
    let y = first.year();
    let candidate = NaiveDate::from_ymd_opt(y, month, day.min(28))?;
    if candidate > last && (candidate - last).num_days() > 90 {
        Some(y - 1)
    } else if candidate < first && (first - candidate).num_days() > 270 {
        Some(y + 1)
    } else {
        Some(y)
    }
}

/// A day-level expression against a month-only publication date: that month, never a day.
fn publication_month(kind: TimexType, first: NaiveDate, last: NaiveDate) -> Resolved {
    let (value, precision) = date_value(first, last, DatePrecision::Month);
    Resolved {
        kind,
        value: Some(value),
        precision: Some(precision),
        range: edge_range(first, last),
    }
}

/// Month precision, unless the publication date only gives a year.
fn month_or_coarser(p: DatePrecision) -> DatePrecision {
    if p == DatePrecision::Year {
        DatePrecision::Year
    } else {
        DatePrecision::Month
    }
}

/// A whole year.
fn year_resolved(kind: TimexType, y: i32) -> Resolved {
    Resolved {
        kind,
        value: Some(format!("{y:04}")),
        precision: Some(DatePrecision::Year),
        range: Some((format!("{y:04}-01-01"), format!("{y:04}-12-31"))),
    }
}

fn edge_range(first: NaiveDate, last: NaiveDate) -> Option<(String, String)> {
    Some((day_str(first), day_str(last)))
}

pub(crate) fn resolve(
    rule: &str,
    kind: TimexType,
    c: &Captured,
    anchor: &mut Anchor,
    future: bool,
) -> Resolved {
    let dct = anchor.dct;
    let unresolved = Resolved {
        kind,
        value: None,
        precision: None,
        range: None,
    };
    let dated = |first: NaiveDate, last: NaiveDate, finest: DatePrecision| {
        let (value, precision) = date_value(first, last, finest);
        Resolved {
            kind,
            value: Some(value),
            precision: Some(precision),
            range: edge_range(first.min(last), first.max(last)),
        }
    };
    let part = c.values.get("part").cloned();
    // « dans la nuit de samedi à dimanche »: the night that begins on the first day named.
    let part = if rule == "time_weekday_night" {
        Some("NI".to_string())
    } else {
        part
    };
    match rule {
        "date_dmy" | "date_mdy" | "date_numeric" => {
            let (Some(m), Some(d), Some(y)) = (month_of(c), day_of(c), year_of(c)) else {
                return unresolved;
            };
            let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
                return unresolved;
            };
            anchor.last_day = Some(date);
            dated(date, date, DatePrecision::Day)
        }
        "date_dm" => {
            let (Some(m), Some(d)) = (month_of(c), day_of(c)) else {
                return unresolved;
            };
            match nearest_year(m, d, dct).and_then(|y| NaiveDate::from_ymd_opt(y, m, d)) {
                Some(date) => {
                    anchor.last_day = Some(date);
                    dated(date, date, DatePrecision::Day)
                }
                None => Resolved {
                    value: Some(format!("XXXX-{m:02}-{d:02}")),
                    precision: Some(DatePrecision::Day),
                    ..unresolved
                },
            }
        }
        "date_dm_rel" => {
            // « le 6 mai dernier »: the last such day before publication; « prochain »: the next.
            let (Some(m), Some(d)) = (month_of(c), day_of(c)) else {
                return unresolved;
            };
            let Some((first, last, _)) = dct else {
                return unresolved;
            };
            let past = !c.values.contains_key("next");
            let mut y = if past { last.year() } else { first.year() };
            let mut date = NaiveDate::from_ymd_opt(y, m, d);
            if past && date.is_some_and(|x| x >= first) {
                y -= 1;
                date = NaiveDate::from_ymd_opt(y, m, d);
            } else if !past && date.is_some_and(|x| x <= last) {
                y += 1;
                date = NaiveDate::from_ymd_opt(y, m, d);
            }
            let Some(date) = date else { return unresolved };
            anchor.last_day = Some(date);
            dated(date, date, DatePrecision::Day)
        }
        "time_deictic_hm" => {
            let n: i64 = c
                .values
                .get("deictic")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let (Some((first, _, DatePrecision::Day)), Some(h)) = (
                dct,
                c.groups.get("hour").and_then(|h| h.parse::<u32>().ok()),
            ) else {
                return unresolved;
            };
            let m: u32 = c
                .groups
                .get("minute")
                .and_then(|m| m.parse().ok())
                .unwrap_or(0);
            if h > 24 || m > 59 {
                return unresolved;
            }
            let day = shift_days(first, n);
            anchor.last_day = Some(day);
            Resolved {
                kind: TimexType::Time,
                value: Some(format!("{}T{h:02}:{m:02}", day_str(day))),
                precision: Some(DatePrecision::Day),
                range: edge_range(day, day),
            }
        }
        "date_weekday_this" => {
            // « ce dimanche »: that day of the publication week.
            let Some(wd) = weekday_of(c) else {
                return unresolved;
            };
            let Some((first, last, p)) = dct else {
                return unresolved;
            };
            if p != DatePrecision::Day {
                return publication_month(kind, first, last);
            }
            let monday = shift_days(first, -(first.weekday().num_days_from_monday() as i64));
            let day = shift_days(monday, wd.num_days_from_monday() as i64);
            anchor.last_day = Some(day);
            dated(day, day, DatePrecision::Day)
        }
        "date_weekend" => {
            // « ce week-end » early in the week is the one just past.
            let Some((first, last, p)) = dct else {
                return unresolved;
            };
            if p != DatePrecision::Day {
                return publication_month(kind, first, last);
            }
            let back = first.weekday().num_days_from_monday() <= 2 || c.values.contains_key("past");
            let forward = c.values.contains_key("next")
                || c.groups
                    .values()
                    .any(|g| g.to_lowercase().contains("prochain"));
            let week_day = if back && !forward {
                shift_days(first, -7)
            } else {
                first
            };
            let monday = shift_days(
                week_day,
                -(week_day.weekday().num_days_from_monday() as i64),
            );
            Resolved {
                kind,
                value: Some(format!("{}-WE", week_str(week_day))),
                precision: Some(DatePrecision::Week),
                range: edge_range(shift_days(monday, 5), shift_days(monday, 6)),
            }
        }
        "time_night" => {
            // « la nuit », « dans la soirée » in a news report: the one before publication.
            let Some((first, last, p)) = dct else {
                return unresolved;
            };
            let Some(pt) = part else { return unresolved };
            let day = if future && !c.values.contains_key("past") {
                first
            } else {
                shift_days(first, -1)
            };
            if p != DatePrecision::Day {
                let (value, precision) =
                    date_value(shift_days(first, -1), last, DatePrecision::Month);
                return Resolved {
                    kind,
                    value: Some(value),
                    precision: Some(precision),
                    range: edge_range(shift_days(first, -1), last),
                };
            }
            Resolved {
                kind: TimexType::Time,
                value: Some(format!("{}T{pt}", day_str(day))),
                precision: Some(DatePrecision::Day),
                range: edge_range(day, day),
            }
        }
        "date_my" => {
            let (Some(m), Some(y)) = (month_of(c), year_of(c)) else {
                return unresolved;
            };
            let Some(first) = NaiveDate::from_ymd_opt(y, m, 1) else {
                return unresolved;
            };
            dated(first, last_of_month(first), DatePrecision::Month)
        }
        "date_m" | "date_m_rel" => {
            let Some(m) = month_of(c) else {
                return unresolved;
            };
            let Some((dfirst, dlast, _)) = dct else {
                return Resolved {
                    value: Some(format!("XXXX-{m:02}")),
                    precision: Some(DatePrecision::Month),
                    ..unresolved
                };
            };
            let y = if c.values.contains_key("past") {
                if m < dfirst.month() {
                    dfirst.year()
                } else {
                    dfirst.year() - 1
                }
            } else if c.values.contains_key("next") {
                if m > dlast.month() {
                    dlast.year()
                } else {
                    dlast.year() + 1
                }
            } else {
                nearest_year(m, 15, dct).unwrap_or(dfirst.year())
            };
            let Some(first) = NaiveDate::from_ymd_opt(y, m, 1) else {
                return unresolved;
            };
            dated(first, last_of_month(first), DatePrecision::Month)
        }
        "date_y" => {
            let Some(y) = year_of(c) else {
                return unresolved;
            };
            Resolved {
                value: Some(format!("{y:04}")),
                precision: Some(DatePrecision::Year),
                range: Some((format!("{y:04}-01-01"), format!("{y:04}-12-31"))),
                kind,
            }
        }
        "date_decade" => {
            let d = c.groups.get("decade").copied().unwrap_or("");
            let value = match d.len() {
                4 => format!("{}X", &d[..3]),
                2 => format!("19{}X", &d[..1]),
                _ => return unresolved,
            };
            Resolved {
                value: Some(value),
                precision: Some(DatePrecision::Year),
                ..unresolved
            }
        }
        "date_deictic" | "time_deictic_part" => {
            let n: i64 = c
                .values
                .get("deictic")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let Some((first, last, p)) = dct else {
                return unresolved;
            };
            let (f, l) = (shift_days(first, n), shift_days(last, n));
            if p == DatePrecision::Day {
                anchor.last_day = Some(f);
            }
            let mut r = dated(f, l, p);
            let tonight = c
                .groups
                .get("deictic")
                .is_some_and(|d| d.eq_ignore_ascii_case("tonight"));
            let part = if tonight {
                Some("NI".to_string())
            } else {
                part
            };
            if let (Some(pt), Some(v)) = (part, r.value.as_mut()) {
                if p == DatePrecision::Day {
                    v.push_str(&format!("T{pt}"));
                    r.kind = TimexType::Time;
                }
            }
            r
        }
        "date_weekday" | "date_weekday_rel" | "time_weekday_part" | "time_weekday_night" => {
            let Some(wd) = weekday_of(c) else {
                return unresolved;
            };
            let Some((first, last, p)) = dct else {
                return unresolved;
            };
            let forward =
                c.values.contains_key("next") || (future && !c.values.contains_key("past"));
            let target = |d: NaiveDate| {
                let from = d.weekday().num_days_from_monday() as i64;
                let to = wd.num_days_from_monday() as i64;
                if forward {
                    let k = (to - from).rem_euclid(7);
                    shift_days(d, if k == 0 { 7 } else { k })
                } else {
                    let k = (from - to).rem_euclid(7);
                    shift_days(d, -(if k == 0 { 7 } else { k }))
                }
            };
            let (f, l) = if p == DatePrecision::Day {
                let t = target(first);
                (t, t)
            } else if forward {
                (shift_days(first, 1), shift_days(last, 7))
            } else {
                (shift_days(first, -7), shift_days(last, -1))
            };
            if p == DatePrecision::Day {
                anchor.last_day = Some(f);
                let mut r = dated(f, l, p);
                if let (Some(pt), Some(v)) = (part, r.value.as_mut()) {
                    v.push_str(&format!("T{pt}"));
                    r.kind = TimexType::Time;
                }
                r
            } else {
                // A weekday against a month-only date: the publication month, never a day (the
                // whole month, though the day may fall a few days before it).
                publication_month(kind, first, last)
            }
        }
        "time_this_part" => {
            let Some((first, _, p)) = dct else {
                return unresolved;
            };
            match (p, part) {
                (DatePrecision::Day, Some(pt)) => Resolved {
                    kind: TimexType::Time,
                    value: Some(format!("{}T{pt}", day_str(first))),
                    precision: Some(DatePrecision::Day),
                    range: edge_range(first, first),
                },
                _ => unresolved,
            }
        }
        "date_unit_rel" | "date_unit_this" => {
            let unit = c.values.get("unit").map(String::as_str).unwrap_or("");
            let step: i64 = if c.values.contains_key("past") {
                -1
            } else if c.values.contains_key("next") {
                1
            } else {
                0
            };
            let Some((first, last, p)) = dct else {
                return unresolved;
            };
            match unit {
                "D" => {
                    let (f, l) = (shift_days(first, step), shift_days(last, step));
                    dated(f, l, p)
                }
                "W" => {
                    if p == DatePrecision::Day {
                        let d = shift_days(first, 7 * step);
                        let monday = shift_days(d, -(d.weekday().num_days_from_monday() as i64));
                        Resolved {
                            kind,
                            value: Some(week_str(d)),
                            precision: Some(DatePrecision::Week),
                            range: edge_range(monday, shift_days(monday, 6)),
                        }
                    } else {
                        dated(shift_days(first, 7 * step), shift_days(last, 7 * step), p)
                    }
                }
                "M" => {
                    let f = shift_months(first.with_day(1).unwrap_or(first), step);
                    dated(
                        f,
                        last_of_month(shift_months(last.with_day(1).unwrap_or(last), step)),
                        month_or_coarser(p),
                    )
                }
                "Y" => {
                    let y = first.year() + step as i32;
                    year_resolved(kind, y)
                }
                "DE" => {
                    let y = first.year() + 10 * step as i32;
                    Resolved {
                        kind,
                        value: Some(format!("{}X", y / 10)),
                        precision: Some(DatePrecision::Year),
                        ..unresolved
                    }
                }
                _ => unresolved,
            }
        }
        "date_unit_vague" => {
            // « ces derniers jours », "the past few weeks": approximate, never a day.
            let unit = c.values.get("unit").map(String::as_str).unwrap_or("");
            let forward = c.values.contains_key("next");
            let Some((first, last, p)) = dct else {
                return Resolved {
                    kind: TimexType::Date,
                    value: Some(if forward { "FUTURE_REF" } else { "PAST_REF" }.into()),
                    ..unresolved
                };
            };
            let span = match unit {
                "D" | "H" => 7,
                "W" => 31,
                "M" => 183,
                _ => 730,
            };
            let (f, l) = if forward {
                (last, shift_days(last, span))
            } else {
                (shift_days(first, -span), last)
            };
            let precision = if span <= 7 && p == DatePrecision::Day {
                DatePrecision::Week
            } else {
                DatePrecision::Month.min(p.max(DatePrecision::Month))
            };
            Resolved {
                kind,
                value: Some(if forward { "FUTURE_REF" } else { "PAST_REF" }.into()),
                precision: Some(precision),
                range: edge_range(f, l),
            }
        }
        "date_ago" | "date_in" => {
            let sign: i64 = if rule == "date_ago" { -1 } else { 1 };
            let unit = c.values.get("unit").map(String::as_str).unwrap_or("");
            let Some((first, last, p)) = dct else {
                return unresolved;
            };
            let Some(n) = number(c) else {
                // « il y a quelques jours »: approximate.
                let span = match unit {
                    "D" | "H" => 10,
                    "W" => 45,
                    "M" => 365,
                    _ => 3650,
                };
                let (f, l) = if sign < 0 {
                    (shift_days(first, -span), shift_days(last, -1))
                } else {
                    (shift_days(first, 1), shift_days(last, span))
                };
                let precision = if unit == "D" && p == DatePrecision::Day {
                    DatePrecision::Week
                } else {
                    DatePrecision::Month
                };
                return Resolved {
                    kind,
                    value: Some(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into()),
                    precision: Some(precision),
                    range: edge_range(f, l),
                };
            };
            let n = n as i64;
            match unit {
                "D" | "W" | "H" => {
                    let days = if unit == "W" {
                        7 * n
                    } else if unit == "H" {
                        0
                    } else {
                        n
                    };
                    let (f, l) = (
                        shift_days(first, sign * days),
                        shift_days(last, sign * days),
                    );
                    if p == DatePrecision::Day && unit == "D" {
                        anchor.last_day = Some(f);
                    }
                    dated(f, l, p)
                }
                "M" => {
                    let f = shift_months(first, sign * n);
                    let l = shift_months(last, sign * n);
                    dated(
                        f.with_day(1).unwrap_or(f),
                        last_of_month(l),
                        month_or_coarser(p),
                    )
                }
                "Y" => {
                    let y = first.year() + (sign * n) as i32;
                    year_resolved(kind, y)
                }
                _ => unresolved,
            }
        }
        "date_season" => {
            let Some(season) = c.values.get("season").cloned() else {
                return unresolved;
            };
            let explicit = year_of(c);
            let y = match (explicit, dct) {
                (Some(y), _) => Some(y),
                (None, Some((first, _, _))) => {
                    // Season index in months: SP 3-5, SU 6-8, FA 9-11, WI 12-2.
                    let start_month = match season.as_str() {
                        "SP" => 3,
                        "SU" => 6,
                        "FA" => 9,
                        _ => 12,
                    };
                    let m = first.month();
                    if c.values.contains_key("past") {
                        Some(if m > start_month + 2 {
                            first.year()
                        } else {
                            first.year() - 1
                        })
                    } else if c.values.contains_key("next") {
                        Some(if m < start_month {
                            first.year()
                        } else {
                            first.year() + 1
                        })
                    } else {
                        None
                    }
                }
                _ => None,
            };
            let value = match y {
                Some(y) => format!("{y:04}-{season}"),
                None => format!("XXXX-{season}"),
            };
            // Meteorological seasons (whole months, winter from December into the next
            // year), so an event dated by a season gets its months.
            let range = y.and_then(|y| {
                let (start, months) = match season.as_str() {
                    "SP" => (3, 2),
                    "SU" => (6, 2),
                    "FA" => (9, 2),
                    _ => (12, 2),
                };
                let first = NaiveDate::from_ymd_opt(y, start, 1)?;
                let last = last_of_month(first.checked_add_months(Months::new(months))?);
                edge_range(first, last)
            });
            Resolved {
                kind,
                value: Some(value),
                precision: Some(DatePrecision::Month),
                range,
            }
        }
        "date_ref" => Resolved {
            kind: TimexType::Time,
            value: c.values.get("ref").cloned(),
            precision: None,
            range: None,
        },
        "duration" => {
            let unit = c.values.get("unit").map(String::as_str).unwrap_or("");
            let n = match number(c) {
                Some(n) if n.fract() == 0.0 => format!("{}", n as i64),
                Some(n) => format!("{n}"),
                None => "X".into(),
            };
            let value = match unit {
                "H" | "MIN" | "S" => format!("PT{n}{}", if unit == "MIN" { "M" } else { unit }),
                "" => return unresolved,
                u => format!("P{n}{u}"),
            };
            Resolved {
                kind: TimexType::Duration,
                value: Some(value),
                precision: None,
                range: None,
            }
        }
        "set_unit" | "set_per" => {
            let unit = c.values.get("unit").map(String::as_str).unwrap_or("");
            let value = match unit {
                "H" | "MIN" | "S" => format!("PT1{}", if unit == "MIN" { "M" } else { unit }),
                "" => return unresolved,
                u => format!("P1{u}"),
            };
            Resolved {
                kind: TimexType::Set,
                value: Some(value),
                precision: None,
                range: None,
            }
        }
        "set_weekday" => match weekday_of(c) {
            Some(wd) => Resolved {
                kind: TimexType::Set,
                value: Some(format!("XXXX-WXX-{}", wd.number_from_monday())),
                precision: None,
                range: None,
            },
            None => unresolved,
        },
        "time_hm" | "time_hm24" | "time_midi" => {
            let (mut h, m): (u32, u32) = if let Some(noon) = c.groups.get("noon") {
                let noon = noon.to_lowercase();
                (
                    if noon == "midi" || noon == "noon" {
                        12
                    } else {
                        0
                    },
                    0,
                )
            } else {
                let Some(h) = c.groups.get("hour").and_then(|h| h.parse().ok()) else {
                    return unresolved;
                };
                (
                    h,
                    c.groups
                        .get("minute")
                        .and_then(|m| m.parse().ok())
                        .unwrap_or(0),
                )
            };
            if let Some(ampm) = c.groups.get("ampm") {
                let pm = ampm.to_lowercase().starts_with('p');
                if pm && h < 12 {
                    h += 12;
                } else if !pm && h == 12 {
                    h = 0;
                }
            }
            if h > 24 || m > 59 {
                return unresolved;
            }
            let day = anchor
                .last_day
                .or_else(|| dct.filter(|d| d.2 == DatePrecision::Day).map(|d| d.0));
            let value = match day {
                Some(d) => format!("{}T{h:02}:{m:02}", day_str(d)),
                None => format!("XXXX-XX-XXT{h:02}:{m:02}"),
            };
            Resolved {
                kind: TimexType::Time,
                value: Some(value),
                precision: day.map(|_| DatePrecision::Day),
                range: day.and_then(|d| edge_range(d, d)),
            }
        }
        _ => unresolved,
    }
}
