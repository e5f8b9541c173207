//! Property tests: date arithmetic around month ends, leap years and year boundaries agrees
//! with an independent calendar (chrono), ranges are never inverted, no input panics.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;
use vigie_model::PubDate;
use vigie_text::Lang;
use vigie_time::{tag, TimeLexicon};

fn lex() -> &'static TimeLexicon {
    static LEX: OnceLock<TimeLexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        TimeLexicon::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"))
            .expect("time lexicon")
    })
}

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Duration::days(offset)
}

fn value_of(text: &str, lang: Lang, dct: &str, expr: &str) -> Option<String> {
    let dct = PubDate::parse(dct).unwrap();
    tag(lex(), text, lang, Some(&dct))
        .into_iter()
        .find(|t| t.text == expr)
        .and_then(|t| t.value)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn yesterday_and_tomorrow_cross_month_and_year_ends(offset in 0i64..16_000) {
        let d = day(offset);
        let dct = d.format("%Y-%m-%d").to_string();
        let hier = value_of("Il est arrivé hier.", Lang::Fr, &dct, "hier");
        prop_assert_eq!(hier, Some((d - Duration::days(1)).format("%Y-%m-%d").to_string()));
        let demain = value_of("Il partira demain.", Lang::Fr, &dct, "demain");
        prop_assert_eq!(demain, Some((d + Duration::days(1)).format("%Y-%m-%d").to_string()));
    }

    #[test]
    fn days_ago_agrees_with_the_calendar(offset in 0i64..16_000, n in 1i64..800) {
        let d = day(offset);
        let dct = d.format("%Y-%m-%d").to_string();
        let text = format!("The convoy left {n} days ago.");
        let v = value_of(&text, Lang::En, &dct, &format!("{n} days ago"));
        prop_assert_eq!(v, Some((d - Duration::days(n)).format("%Y-%m-%d").to_string()));
    }

    #[test]
    fn month_only_dates_never_get_a_day_and_ranges_are_ordered(year in 1990i32..2035, month in 1u32..=12, expr in prop::sample::select(vec!["hier", "samedi", "mercredi dernier", "il y a trois jours", "la semaine dernière", "avant-hier", "demain"])) {
        let dct = format!("{year:04}-{month:02}");
        let text = format!("Les forces ont frappé {expr} la ville.");
        let found = tag(lex(), &text, Lang::Fr, Some(&PubDate::parse(&dct).unwrap()));
        for t in found {
            if let Some(v) = &t.value {
                prop_assert!(v.len() <= 8 || v.contains('W'), "a day from a month-only date: {v}");
            }
            if let Some((a, b)) = &t.range {
                prop_assert!(a <= b, "inverted range {a}..{b}");
            }
        }
    }

    #[test]
    fn any_text_is_tagged_without_panic(s in "\\PC{0,200}", lang in prop::bool::ANY) {
        let dct = PubDate::parse("2020-02-29").unwrap();
        let lang = if lang { Lang::Fr } else { Lang::En };
        for t in tag(lex(), &s, lang, Some(&dct)) {
            prop_assert!(t.start < t.end && t.end <= s.chars().count());
        }
        let _ = tag(lex(), &s, lang, None);
    }
}

#[test]
fn leap_days_and_year_ends() {
    assert_eq!(
        value_of("Il est arrivé hier.", Lang::Fr, "2020-03-01", "hier").as_deref(),
        Some("2020-02-29")
    );
    assert_eq!(
        value_of("Il est arrivé hier.", Lang::Fr, "2019-03-01", "hier").as_deref(),
        Some("2019-02-28")
    );
    assert_eq!(
        value_of("Il est arrivé hier.", Lang::Fr, "2020-01-01", "hier").as_deref(),
        Some("2019-12-31")
    );
    assert_eq!(
        value_of(
            "Le sommet a eu lieu l'an dernier.",
            Lang::Fr,
            "2020-01-01",
            "l'an dernier"
        )
        .as_deref(),
        Some("2019")
    );
    assert_eq!(
        value_of(
            "Il a parlé la semaine dernière.",
            Lang::Fr,
            "2021-01-04",
            "la semaine dernière"
        )
        .as_deref(),
        Some("2020-W53")
    );
}
