//! One row per behaviour: (language, sentence, publication date, expression, TIMEX3 type,
//! expected value or "-" for unresolved, expected precision or "-").

use std::path::Path;
use vigie_model::{DatePrecision, PubDate};
use vigie_text::Lang;
use vigie_time::{tag, TimeLexicon};

const ROWS: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    // Absolute dates in their common French forms.
    (
        "fr",
        "L'accord a été signé le 15 février 2020 à Moscou.",
        "2020-03-01",
        "le 15 février 2020",
        "DATE",
        "2020-02-15",
        "day",
    ),
    (
        "fr",
        "Le décret du 15/02/2020 entre en vigueur.",
        "2020-03-01",
        "15/02/2020",
        "DATE",
        "2020-02-15",
        "day",
    ),
    (
        "fr",
        "Les combats ont repris en février 2020.",
        "2020-05",
        "en février 2020",
        "DATE",
        "2020-02",
        "month",
    ),
    (
        "fr",
        "Un cessez-le-feu a été conclu en 2018.",
        "2020-02",
        "en 2018",
        "DATE",
        "2018",
        "year",
    ),
    (
        "fr",
        "Le retrait est prévu fin 2019.",
        "2019-05-03",
        "fin 2019",
        "DATE",
        "2019",
        "year",
    ),
    (
        "fr",
        "Les élections auront lieu mi-mars.",
        "2020-02-10",
        "mi-mars",
        "DATE",
        "2020-03",
        "month",
    ),
    (
        "fr",
        "L'été dernier, la ville a été bombardée.",
        "2019-10-02",
        "L'été dernier",
        "DATE",
        "2019-SU",
        "month",
    ),
    // A night named by the days it spans: the night that begins on the first.
    (
        "fr",
        "Dans la nuit de samedi à dimanche, des frappes ont visé la ville.",
        "2020-02-12",
        "Dans la nuit de samedi à dimanche",
        "TIME",
        "2020-02-08TNI",
        "day",
    ),
    (
        "fr",
        "Dans la nuit de samedi à dimanche, des frappes ont visé la ville.",
        "2020-02",
        "Dans la nuit de samedi à dimanche",
        "TIME",
        "2020-02",
        "month",
    ),
    (
        "en",
        "On the night of Saturday to Sunday, drones struck the port.",
        "2020-02-12",
        "On the night of Saturday to Sunday",
        "TIME",
        "2020-02-08TNI",
        "day",
    ),
    // Weekdays: tense decides the direction; a month-only date never yields a day.
    (
        "fr",
        "Des frappes ont visé la ville samedi.",
        "2020-02-19",
        "samedi",
        "DATE",
        "2020-02-15",
        "day",
    ),
    (
        "fr",
        "Les ministres se rencontreront samedi.",
        "2020-02-19",
        "samedi",
        "DATE",
        "2020-02-22",
        "day",
    ),
    (
        "fr",
        "Erdogan s'est entretenu samedi avec Trump.",
        "2020-02",
        "samedi",
        "DATE",
        "2020-02",
        "month",
    ),
    (
        "fr",
        "Le ministre a parlé mercredi dernier.",
        "1999-07-28",
        "mercredi dernier",
        "DATE",
        "1999-07-21",
        "day",
    ),
    (
        "fr",
        "La manifestation a dégénéré dimanche soir.",
        "2020-02-19",
        "dimanche soir",
        "TIME",
        "2020-02-16TEV",
        "day",
    ),
    (
        "fr",
        "Ils se verront samedi prochain.",
        "2020-02-19",
        "samedi prochain",
        "DATE",
        "2020-02-22",
        "day",
    ),
    // Deictic and relative expressions.
    (
        "fr",
        "Il est arrivé hier.",
        "2002-02-09",
        "hier",
        "DATE",
        "2002-02-08",
        "day",
    ),
    (
        "fr",
        "L'attaque a eu lieu avant-hier.",
        "2016-03-01",
        "avant-hier",
        "DATE",
        "2016-02-28",
        "day",
    ),
    (
        "fr",
        "Il est arrivé hier.",
        "2020-02",
        "hier",
        "DATE",
        "2020-02",
        "month",
    ),
    (
        "fr",
        "Le convoi est parti il y a trois jours.",
        "2020-02-19",
        "il y a trois jours",
        "DATE",
        "2020-02-16",
        "day",
    ),
    (
        "fr",
        "Il y a trois jours le président a annoncé la victoire.",
        "2017-12",
        "Il y a trois jours",
        "DATE",
        "2017-12",
        "month",
    ),
    (
        "fr",
        "Les combats se sont intensifiés ces derniers jours.",
        "2020-02-19",
        "ces derniers jours",
        "DATE",
        "PAST_REF",
        "week",
    ),
    (
        "fr",
        "Les représentants, réunis en septembre dernier, ont signé.",
        "2017-12",
        "en septembre dernier",
        "DATE",
        "2017-09",
        "month",
    ),
    (
        "fr",
        "Le sommet se tiendra la semaine prochaine.",
        "2020-02-19",
        "la semaine prochaine",
        "DATE",
        "2020-W09",
        "week",
    ),
    (
        "fr",
        "Les exportations ont chuté l'an dernier.",
        "2020-02-19",
        "l'an dernier",
        "DATE",
        "2019",
        "year",
    ),
    (
        "fr",
        "Il a appelé cette semaine à un cessez-le-feu.",
        "1999-07-09",
        "cette semaine",
        "DATE",
        "1999-W27",
        "week",
    ),
    // Durations and sets.
    (
        "fr",
        "La zone est créée pour une durée de six mois.",
        "2017-12",
        "six mois",
        "DURATION",
        "P6M",
        "-",
    ),
    (
        "fr",
        "Il devance son coéquipier de 30,4 secondes.",
        "1999-05-17",
        "30,4 secondes",
        "DURATION",
        "PT30.4S",
        "-",
    ),
    (
        "fr",
        "Le régime mène depuis plusieurs mois une offensive.",
        "2020-02",
        "depuis plusieurs mois",
        "DURATION",
        "PXM",
        "-",
    ),
    (
        "fr",
        "Le rapport est publié chaque année.",
        "2020-02",
        "chaque année",
        "SET",
        "P1Y",
        "-",
    ),
    // Times anchored to the last day named.
    (
        "fr",
        "Le 5 janvier, la foule s'est rassemblée vers 14 h 30.",
        "2003-01-07",
        "vers 14 h 30",
        "TIME",
        "2003-01-05T14:30",
        "day",
    ),
    // What cannot be resolved stays unresolved.
    (
        "fr",
        "Le jour suivant, les combats ont repris.",
        "2020-02-19",
        "Le jour suivant",
        "DATE",
        "-",
        "-",
    ),
    // English.
    (
        "en",
        "The convoy was attacked yesterday.",
        "2019-10-10",
        "yesterday",
        "DATE",
        "2019-10-09",
        "day",
    ),
    (
        "en",
        "Troops withdrew last Saturday.",
        "2019-10-10",
        "last Saturday",
        "DATE",
        "2019-10-05",
        "day",
    ),
    (
        "en",
        "The talks ended three days ago.",
        "2019-10-10",
        "three days ago",
        "DATE",
        "2019-10-07",
        "day",
    ),
    (
        "en",
        "A truce was agreed in 2018.",
        "2020-01",
        "in 2018",
        "DATE",
        "2018",
        "year",
    ),
    (
        "en",
        "The accord was signed on February 15, 2020.",
        "2020-03",
        "February 15, 2020",
        "DATE",
        "2020-02-15",
        "day",
    ),
    (
        "en",
        "Leaders will meet next week.",
        "2020-02-19",
        "next week",
        "DATE",
        "2020-W09",
        "week",
    ),
    (
        "en",
        "The siege lasted for six months.",
        "2020-02-19",
        "for six months",
        "DURATION",
        "P6M",
        "-",
    ),
    (
        "en",
        "Elections are held every year.",
        "2020-02-19",
        "every year",
        "SET",
        "P1Y",
        "-",
    ),
    (
        "en",
        "Protests erupted on Saturday.",
        "2020-02",
        "on Saturday",
        "DATE",
        "2020-02",
        "month",
    ),
];

fn precision_name(p: Option<DatePrecision>) -> &'static str {
    match p {
        Some(DatePrecision::Day) => "day",
        Some(DatePrecision::Week) => "week",
        Some(DatePrecision::Month) => "month",
        Some(DatePrecision::Year) => "year",
        None => "-",
    }
}

#[test]
fn timex_behaviour_table() {
    let lex = TimeLexicon::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"))
        .expect("time lexicon");
    let mut failures = Vec::new();
    for &(lang, text, dct, expr, kind, value, precision) in ROWS {
        let lang = if lang == "fr" { Lang::Fr } else { Lang::En };
        let dct = PubDate::parse(dct).expect("dct");
        let found = tag(&lex, text, lang, Some(&dct));
        let hit = found.iter().find(|t| t.text == expr);
        let ok = hit.is_some_and(|t| {
            t.kind.as_str() == kind
                && t.value.as_deref().unwrap_or("-") == value
                && precision_name(t.precision) == precision
                && t.range.as_ref().is_none_or(|(a, b)| a <= b)
        });
        if !ok {
            failures.push(format!(
                "{text:?} (DCT {dct}): expected {expr:?} {kind} {value} {precision}, got {:?}",
                found
                    .iter()
                    .map(|t| (
                        t.text.clone(),
                        t.kind.as_str(),
                        t.value.clone(),
                        precision_name(t.precision)
                    ))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        ROWS.len(),
        failures.join("\n")
    );
}

#[test]
fn a_season_spans_its_months() {
    let lex = TimeLexicon::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"))
        .expect("time lexicon");
    let dct = PubDate::parse("2019-10-02").expect("dct");
    let found = tag(
        &lex,
        "L'été dernier, la ville a été bombardée.",
        Lang::Fr,
        Some(&dct),
    );
    let summer = found
        .iter()
        .find(|t| t.text == "L'été dernier")
        .expect("tagged");
    assert_eq!(
        summer.range,
        Some(("2019-06-01".to_string(), "2019-08-31".to_string()))
    );
    let dct = PubDate::parse("2020-03-15").expect("dct");
    let found = tag(
        &lex,
        "The fighting stopped last winter.",
        Lang::En,
        Some(&dct),
    );
    let winter = found
        .iter()
        .find(|t| t.text.contains("winter"))
        .expect("tagged");
    let (first, last) = winter.range.clone().expect("a range");
    assert!(first.ends_with("-12-01"), "{first}");
    assert!(
        last.ends_with("-02-28") || last.ends_with("-02-29"),
        "{last}"
    );
    assert!(first < last);
}
