//! Publication dates at the precision the source gives, never more.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Year,
    Month,
    Week,
    Day,
}

/// An ISO 8601 date at year, month or day precision (a time of day is accepted and kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PubDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// Seconds after midnight, when the source gave a time.
    pub seconds: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid date {:?}: expected ISO 8601 YYYY[-MM[-DD[THH:MM[:SS]]]]",
            self.0
        )
    }
}

impl std::error::Error for DateError {}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn day_number(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` of a day number (the inverse of [`day_number`]).
pub fn iso_date(day: i64) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn digits(s: &str, len: usize) -> Option<u32> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl PubDate {
    pub fn parse(input: &str) -> Result<PubDate, DateError> {
        let err = || DateError(input.to_string());
        let s = input.trim();
        let (date_part, time_part) = match s.find(['T', ' ']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let mut fields = date_part.split('-');
        let year = fields.next().and_then(|y| digits(y, 4)).ok_or_else(err)? as i32;
        let month = match fields.next() {
            Some(m) => Some(digits(m, 2).ok_or_else(err)? as u8),
            None => None,
        };
        let day = match fields.next() {
            Some(d) => Some(digits(d, 2).ok_or_else(err)? as u8),
            None => None,
        };
        if fields.next().is_some() {
            return Err(err());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(err());
            }
            if let Some(d) = day {
                if d == 0 || d > days_in_month(year, m) {
                    return Err(err());
                }
            }
        }
        let seconds = match time_part {
            None => None,
            Some(t) => {
                if day.is_none() {
                    return Err(err());
                }
                // Drop a zone designator or fraction: the day is what matters for events.
                let t = t.trim_end_matches('Z');
                let t = t.split(['+', '.']).next().unwrap_or("");
                let t = if t.len() > 8 && t.as_bytes()[8] == b'-' {
                    &t[..8]
                } else {
                    t
                };
                let mut hms = t.split(':');
                let h = hms.next().and_then(|x| digits(x, 2)).ok_or_else(err)?;
                let m = hms.next().and_then(|x| digits(x, 2)).ok_or_else(err)?;
                let sec = match hms.next() {
                    Some(x) => digits(x, 2).ok_or_else(err)?,
                    None => 0,
                };
                if h > 23 || m > 59 || sec > 60 {
                    return Err(err());
                }
                Some(h * 3600 + m * 60 + sec)
            }
        };
        Ok(PubDate {
            year,
            month,
            day,
            seconds,
        })
    }

    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// The date at its own precision (`2020`, `2020-02`, `2020-02-15`), without the time.
    pub fn date_string(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    /// `YYYY-MM-DD` for range checks against dated roles: the first day of the period.
    pub fn first_day(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }
}

impl fmt::Display for PubDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.date_string())?;
        if let Some(s) = self.seconds {
            write!(f, "T{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)?;
        }
        Ok(())
    }
}

impl Serialize for PubDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PubDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        PubDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn day_numbers_round_trip_through_iso_dates() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(iso_date(day_number(2020, 2, 29)), "2020-02-29");
        assert_eq!(day_number(2021, 3, 1) - day_number(2021, 2, 28), 1);
        assert_eq!(
            day_number(2020, 3, 1) - day_number(2020, 2, 28),
            2,
            "leap year"
        );
        assert_eq!(
            day_number(2000, 3, 1) - day_number(2000, 2, 28),
            2,
            "400-year leap"
        );
        assert_eq!(
            day_number(1900, 3, 1) - day_number(1900, 2, 28),
            1,
            "century, not leap"
        );
        for day in -800_000..-799_000 {
            assert_eq!(iso_date(day).len(), 10);
        }
        let mut day = day_number(1899, 12, 25);
        while day < day_number(2101, 1, 10) {
            let s = iso_date(day);
            let (y, m, d) = (
                s[..4].parse().unwrap(),
                s[5..7].parse().unwrap(),
                s[8..].parse().unwrap(),
            );
            assert_eq!(day_number(y, m, d), day, "{s}");
            day += 1;
        }
    }
    use super::*;

    #[test]
    fn parses_every_contract_precision() {
        assert_eq!(
            PubDate::parse("2020-02").unwrap().precision(),
            DatePrecision::Month
        );
        assert_eq!(
            PubDate::parse("2020-02-15").unwrap().precision(),
            DatePrecision::Day
        );
        let t = PubDate::parse("2020-02-15T10:31:00").unwrap();
        assert_eq!(t.seconds, Some(10 * 3600 + 31 * 60));
        assert_eq!(t.to_string(), "2020-02-15T10:31:00");
        assert_eq!(PubDate::parse("2017").unwrap().date_string(), "2017");
        assert!(PubDate::parse("2020-02-15T10:31:00Z").is_ok());
        assert!(PubDate::parse("2020-02-15T10:31:00+01:00").is_ok());
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2019-02-29",
            "2020-13",
            "2020-00-10",
            "20-02",
            "2020-2-1",
            "yesterday",
            "",
        ] {
            assert!(PubDate::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(PubDate::parse("2020-02-29").is_ok());
        assert!(PubDate::parse("2000-02-29").is_ok());
        assert!(PubDate::parse("1900-02-29").is_err());
    }
}
