//! Behaviour of the store through its public API, on synthetic coded articles (so places with
//! coordinates, sizes and dates can be set exactly).

use vigie_model::{
    ActorRef, Article, Event, EventLoc, EventType, Modality, PubDate, Size, TextInfo,
};
use vigie_store::{DocRecord, EventFilter, Store};

/// Each behaviour below is asserted on both backends: the embedded SQLite store, and a fresh
/// database on the PostgreSQL server named by `VIGIE_TEST_POSTGRES_URL` (`.ci/run` starts one;
/// without it the PostgreSQL variants say so and pass).
macro_rules! on_every_backend {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(vigie_store::Store::in_memory().expect("in-memory store"));
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    let url = vigie_store::scratch_database(stringify!($name))
                        .expect("scratch database on the test server");
                    let Some(url) = url else {
                        eprintln!(
                            "skipped: set {} to a PostgreSQL server URL to run this test",
                            vigie_store::TEST_SERVER_VAR
                        );
                        return;
                    };
                    let store = vigie_store::Store::open(std::path::Path::new(&url))
                        .expect("open the PostgreSQL store");
                    super::$name(store);
                }
            )*
        }
    };
}

on_every_backend!(
    a_changed_document_replaces_its_mentions_and_merging_is_undone,
    a_cut_version_of_a_dispatch_is_a_near_duplicate,
    an_article_bridging_two_stories_makes_them_one,
    bbox_across_the_antimeridian,
    events_spanning_years_still_merge,
    far_places_other_dates_and_other_actors_stay_separate,
    hostile_filter_values_are_data_not_sql,
    incremental_event_updates_equal_a_full_recompute,
    near_duplicate_articles_share_a_story,
    short_briefs_are_not_clustered_by_shared_boilerplate,
    spatial_and_attribute_filters,
    three_outlets_one_attack_count_once_with_fused_deaths,
);

fn actor(code: &str, sector: &str, text: &str) -> ActorRef {
    ActorRef {
        code: code.into(),
        sector: sector.into(),
        text: text.into(),
        name: None,
        cameo_code: format!("{code}{sector}"),
        start: 0,
        end: 0,
    }
}

struct Spec<'a> {
    event_type: EventType,
    actor: &'a str,
    recipient: &'a str,
    date: &'a str,
    place: Option<(&'a str, f64, f64)>,
    dead: Option<u64>,
}

fn event(doc_id: &str, n: usize, s: &Spec) -> Event {
    Event {
        id: format!("{doc_id}-{n}"),
        doc_id: doc_id.into(),
        event_type: s.event_type,
        mode: String::new(),
        context: vec![],
        quad_code: s.event_type.quad_code(),
        cameo: "190".into(),
        actor: vec![actor(s.actor, "MIL", s.actor)],
        recipient: if s.recipient.is_empty() {
            vec![]
        } else {
            vec![actor(s.recipient, "MIL", s.recipient)]
        },
        date: Some(s.date.into()),
        enddate: Some(s.date.into()),
        date_precision: Some(vigie_model::DatePrecision::Day),
        date_reason: String::new(),
        event_loc: s.place.map(|(name, lat, lon)| EventLoc {
            text: name.into(),
            name: Some(name.into()),
            lat: Some(lat),
            lon: Some(lon),
            country_code: Some("SY".into()),
            admin1: Some("Idlib".into()),
            precision: Some("city".into()),
            ..EventLoc::default()
        }),
        size: Size {
            dead: s.dead,
            ..Size::default()
        },
        negated: false,
        modality: Modality::Asserted,
        speaker: None,
        event_text: "attaque".into(),
        event_start: 0,
        event_end: 7,
        text_info: TextInfo {
            sentence: n,
            start: 0,
            end: 10,
        },
        rule: "test".into(),
        confidence: 0.8,
        lang: "fr".into(),
        explain: vec![],
    }
}

fn doc(id: &str, source: &str, text: &str, specs: &[Spec]) -> DocRecord {
    doc_with(id, source, text, "2020-02-28", 0.8, specs)
}

/// A coded article published on `date` whose events have the given confidence.
fn doc_with(
    id: &str,
    source: &str,
    text: &str,
    date: &str,
    confidence: f32,
    specs: &[Spec],
) -> DocRecord {
    let article = Article {
        id: id.into(),
        text: text.into(),
        date: PubDate::parse(date).ok(),
        title: None,
        url: Some(format!("https://example.org/{id}")),
        source: Some(source.into()),
        lang: Some("fr".into()),
        spans: Vec::new(),
    };
    let events = specs
        .iter()
        .enumerate()
        .map(|(i, s)| Event {
            confidence,
            ..event(id, i, s)
        })
        .collect();
    DocRecord::new(&article, Some("fr"), events)
}

const IDLIB: (&str, f64, f64) = ("Idlib", 35.93, 36.63);
const SARAQIB: (&str, f64, f64) = ("Saraqib", 35.86, 36.80);
const DARAA: (&str, f64, f64) = ("Daraa", 32.62, 36.10);

fn clash(date: &'static str, place: (&'static str, f64, f64), dead: u64) -> Spec<'static> {
    Spec {
        event_type: EventType::Assault,
        actor: "SYR",
        recipient: "TUR",
        date,
        place: Some(place),
        dead: Some(dead),
    }
}

fn three_outlets_one_attack_count_once_with_fused_deaths(mut store: Store) {
    store
        .ingest(&[doc(
            "a",
            "afp",
            "Texte A sur Idleb, premier journal.",
            &[clash("2020-02-27", IDLIB, 33)],
        )])
        .unwrap();
    store
        .ingest(&[doc(
            "b",
            "reuters",
            "Un autre texte, écrit ailleurs, sur la même frappe.",
            &[clash("2020-02-27", SARAQIB, 34)],
        )])
        .unwrap();
    let report = store
        .ingest(&[doc(
            "c",
            "aa",
            "Troisième article : le bilan serait plus lourd.",
            &[clash("2020-02-28", IDLIB, 36)],
        )])
        .unwrap();
    assert_eq!(report.merged, 1);
    let events = store.query_events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1, "{events:#?}");
    let e = &events[0];
    assert_eq!((e.num_mentions, e.num_articles, e.num_sources), (3, 3, 3));
    let dead = e.size_range.dead.unwrap();
    assert_eq!((dead.low, dead.best, dead.high), (33, 34, 36));
    assert_eq!(
        e.event.size.dead,
        Some(34),
        "best estimate, never the sum 103"
    );
    assert_eq!(e.event.id, "a-0", "the event keeps its first mention's id");
    let detail = store.event_detail("c-0").unwrap().unwrap();
    assert_eq!(detail.mention_details.len(), 3);
    assert!(
        detail.mention_details[2]
            .merge_reason
            .contains("shared codes"),
        "{:?}",
        detail.mention_details[2].merge_reason
    );
}

fn far_places_other_dates_and_other_actors_stay_separate(mut store: Store) {
    let other_actor = Spec {
        actor: "RUS",
        ..clash("2020-02-27", IDLIB, 1)
    };
    store
        .ingest(&[
            doc("a", "afp", "Un.", &[clash("2020-02-27", IDLIB, 3)]),
            doc("b", "afp", "Deux.", &[clash("2020-02-27", DARAA, 3)]),
            doc("c", "afp", "Trois.", &[clash("2020-02-10", IDLIB, 3)]),
            doc("d", "afp", "Quatre.", &[other_actor]),
        ])
        .unwrap();
    assert_eq!(store.stats().unwrap().events, 4);
}

fn a_changed_document_replaces_its_mentions_and_merging_is_undone(mut store: Store) {
    store
        .ingest(&[doc(
            "a",
            "afp",
            "Premier texte.",
            &[clash("2020-02-27", IDLIB, 14)],
        )])
        .unwrap();
    store
        .ingest(&[doc(
            "b",
            "aa",
            "Second texte, autre journal.",
            &[clash("2020-02-27", IDLIB, 16)],
        )])
        .unwrap();
    assert_eq!(store.stats().unwrap().events, 1);
    // b is corrected: it now reports an attack in Daraa.
    let r = store
        .ingest(&[doc(
            "b",
            "aa",
            "Second texte, corrigé.",
            &[clash("2020-02-27", DARAA, 2)],
        )])
        .unwrap();
    assert_eq!(r.replaced, 1);
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.events, stats.mentions), (2, 2, 2));
    let idlib = store
        .query_events(&EventFilter {
            place: Some("idlib".into()),
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(idlib.len(), 1);
    assert_eq!(idlib[0].size_range.dead.unwrap().high, 14);
    // Re-sending the same text changes nothing; the same text under a new id is an alias.
    let r = store
        .ingest(&[doc(
            "b",
            "aa",
            "Second texte, corrigé.",
            &[clash("2020-02-27", DARAA, 2)],
        )])
        .unwrap();
    assert_eq!(r.unchanged, 1);
    let r = store
        .ingest(&[doc(
            "b-copy",
            "aa",
            "Second texte, corrigé.",
            &[clash("2020-02-27", DARAA, 2)],
        )])
        .unwrap();
    assert_eq!(r.aliases, 1);
    assert_eq!(
        store.stats().unwrap(),
        vigie_store::Stats {
            aliases: 1,
            ..stats
        }
    );
}

/// Events that gain mentions are updated without re-reading their other mentions' records; the
/// result must be what rebuilding each event from all its mentions gives: counts, sources,
/// fused sizes, first and last seen, the representative (and with it date and place) when a
/// more confident report arrives, actor codes and the spatial entry.
fn incremental_event_updates_equal_a_full_recompute(mut store: Store) {
    let report = |id: &str, source: &str, date: &str, confidence: f32, specs: &[Spec]| {
        doc_with(
            id,
            source,
            &format!("Texte {id} de {source}."),
            date,
            confidence,
            specs,
        )
    };
    let with_recipient = |recipient: &'static str| Spec {
        recipient,
        ..clash("2020-02-27", SARAQIB, 20)
    };
    let no_size = Spec {
        dead: None,
        ..clash("2020-02-27", IDLIB, 0)
    };
    let docs = [
        report(
            "a",
            "afp",
            "2020-02-28",
            0.6,
            &[clash("2020-02-27", IDLIB, 33)],
        ),
        // Same source, later, more confident, another place: the representative changes.
        report(
            "b",
            "afp",
            "2020-03-01",
            0.9,
            &[clash("2020-02-27", SARAQIB, 40)],
        ),
        report("c", "reuters", "2020-02-27", 0.5, &[no_size]),
        report("d", "aa", "2020-02-29", 0.7, &[with_recipient("RUS")]),
        report(
            "e",
            "aa",
            "2020-02-28",
            0.95,
            &[clash("2020-02-27", DARAA, 2)],
        ),
        report(
            "f",
            "sana",
            "2020-03-02",
            0.8,
            &[clash("2020-02-27", IDLIB, 35)],
        ),
    ];
    for doc in &docs {
        store.ingest(std::slice::from_ref(doc)).unwrap();
    }
    // Also in one batch, onto the same events.
    store
        .ingest(&[
            report(
                "g",
                "bbc",
                "2020-03-03",
                0.99,
                &[clash("2020-02-27", SARAQIB, 50)],
            ),
            report(
                "h",
                "bbc",
                "2020-03-03",
                0.2,
                &[clash("2020-02-27", IDLIB, 1)],
            ),
        ])
        .unwrap();
    let snapshot = |store: &Store| {
        let events = store.query_events(&EventFilter::default()).unwrap();
        let by_actor = store
            .query_events(&EventFilter {
                actors: vec!["RUS".into()],
                ..EventFilter::default()
            })
            .unwrap();
        let near = store
            .query_events(&EventFilter {
                near: Some((35.86, 36.80, 5.0)),
                ..EventFilter::default()
            })
            .unwrap();
        format!("{events:?}\n{by_actor:?}\n{near:?}")
    };
    let incremental = snapshot(&store);
    let merged = store.query_events(&EventFilter::default()).unwrap();
    assert!(
        merged.iter().any(|e| e.num_mentions >= 4),
        "the reports must merge for this test to mean anything: {merged:#?}"
    );
    let busiest = merged.iter().max_by_key(|e| e.num_mentions).unwrap();
    assert_eq!(
        busiest
            .event
            .event_loc
            .as_ref()
            .and_then(|l| l.name.as_deref()),
        Some("Saraqib"),
        "the most confident report (g) represents the event: {busiest:#?}"
    );
    assert!(store.recompute_events().unwrap() >= 1);
    assert_eq!(incremental, snapshot(&store));
}

fn spatial_and_attribute_filters(mut store: Store) {
    store
        .ingest(&[
            doc("a", "afp", "Un.", &[clash("2020-02-27", IDLIB, 3)]),
            doc("b", "afp", "Deux.", &[clash("2020-03-05", DARAA, 3)]),
            doc(
                "c",
                "afp",
                "Trois.",
                &[Spec {
                    event_type: EventType::Consult,
                    actor: "RUS",
                    recipient: "TUR",
                    date: "2020-02-15",
                    place: None,
                    dead: None,
                }],
            ),
        ])
        .unwrap();
    let ids = |f: EventFilter| -> Vec<String> {
        store
            .query_events(&f)
            .unwrap()
            .into_iter()
            .map(|e| e.event.doc_id)
            .collect()
    };
    let all = EventFilter::default();
    assert_eq!(ids(all.clone()), ["c", "a", "b"], "oldest first");
    // [min_lon, min_lat, max_lon, max_lat] around Idlib province.
    assert_eq!(
        ids(EventFilter {
            bbox: Some([36.0, 35.0, 37.5, 36.5]),
            ..all.clone()
        }),
        ["a"]
    );
    assert_eq!(
        ids(EventFilter {
            near: Some((32.6, 36.1, 20.0)),
            ..all.clone()
        }),
        ["b"]
    );
    // A point exactly on the box's edge is inside it (the R*Tree rounds to 32-bit floats).
    assert_eq!(
        ids(EventFilter {
            bbox: Some([IDLIB.2, IDLIB.1, 37.5, 36.5]),
            ..all.clone()
        }),
        ["a"]
    );
    assert_eq!(
        ids(EventFilter {
            bbox: Some([36.0, 35.0, IDLIB.2, IDLIB.1]),
            ..all.clone()
        }),
        ["a"]
    );
    assert_eq!(
        ids(EventFilter {
            near: Some((32.6, 36.1, 400.0)),
            ..all.clone()
        }),
        ["a", "b"]
    );
    assert_eq!(
        ids(EventFilter {
            actors: vec!["RUS".into()],
            ..all.clone()
        }),
        ["c"]
    );
    assert_eq!(
        ids(EventFilter {
            recipients: vec!["tur".into()],
            ..all.clone()
        }),
        ["c", "a", "b"],
        "names match case-insensitively"
    );
    assert_eq!(
        ids(EventFilter {
            event_types: vec!["fight".into()],
            ..all.clone()
        }),
        ["a", "b"]
    );
    assert_eq!(
        ids(EventFilter {
            quad_code: Some(1),
            ..all.clone()
        }),
        ["c"]
    );
    let (feb1, feb29) = (
        vigie_store::merge::day_number(2020, 2, 1),
        vigie_store::merge::day_number(2020, 2, 29),
    );
    assert_eq!(
        ids(EventFilter {
            from_day: Some(feb1),
            to_day: Some(feb29),
            ..all.clone()
        }),
        ["c", "a"]
    );
    assert_eq!(
        ids(EventFilter {
            limit: Some(1),
            offset: 1,
            ..all.clone()
        }),
        ["a"]
    );
    assert_eq!(
        ids(EventFilter {
            sort: vigie_store::SortOrder::DateDesc,
            ..all.clone()
        }),
        ["b", "a", "c"]
    );
    assert_eq!(
        ids(EventFilter {
            min_sources: Some(2),
            ..all.clone()
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(EventFilter {
            text: Some("TROIS".into()),
            ..all.clone()
        }),
        ["c"]
    );
    assert_eq!(
        store
            .count_events(&EventFilter {
                text: Some("Daraa".into()),
                ..all.clone()
            })
            .unwrap(),
        0,
        "sentences are what is searched"
    );
}

fn hostile_filter_values_are_data_not_sql(mut store: Store) {
    store
        .ingest(&[doc("a", "afp", "Un.", &[clash("2020-02-27", IDLIB, 3)])])
        .unwrap();
    for hostile in [
        "'; DROP TABLE events; --",
        "\" OR 1=1 --",
        "%",
        "_",
        "NEAR(a b)",
        "x' OR '1'='1",
    ] {
        let f = EventFilter {
            actors: vec![hostile.into()],
            place: Some(hostile.into()),
            text: Some(format!("{hostile} zz")),
            ..EventFilter::default()
        };
        if f.validate().is_ok() {
            assert_eq!(store.count_events(&f).unwrap(), 0, "{hostile}");
        }
    }
    assert_eq!(store.stats().unwrap().events, 1);
    assert!(EventFilter {
        bbox: Some([200.0, 0.0, 1.0, 1.0]),
        ..EventFilter::default()
    }
    .validate()
    .is_err());
    assert!(EventFilter {
        event_types: vec!["BOMB".into()],
        ..EventFilter::default()
    }
    .validate()
    .is_err());
    assert!(EventFilter {
        text: Some(" ** ".into()),
        ..EventFilter::default()
    }
    .validate()
    .is_err());
}

fn bbox_across_the_antimeridian(mut store: Store) {
    store
        .ingest(&[
            doc(
                "fiji",
                "afp",
                "Un.",
                &[clash("2020-02-27", ("Suva", -18.14, 178.44), 1)],
            ),
            doc(
                "samoa",
                "afp",
                "Deux.",
                &[clash("2020-02-27", ("Apia", -13.83, -171.76), 1)],
            ),
            doc("idlib", "afp", "Trois.", &[clash("2020-02-27", IDLIB, 1)]),
        ])
        .unwrap();
    let f = EventFilter {
        bbox: Some([170.0, -25.0, -165.0, -10.0]),
        ..EventFilter::default()
    };
    let mut found: Vec<String> = store
        .query_events(&f)
        .unwrap()
        .into_iter()
        .map(|e| e.event.doc_id)
        .collect();
    found.sort();
    assert_eq!(found, ["fiji", "samoa"]);
    let near = EventFilter {
        near: Some((-16.0, 179.9, 1500.0)),
        ..EventFilter::default()
    };
    assert_eq!(
        store.count_events(&near).unwrap(),
        2,
        "a radius wraps around the antimeridian too"
    );
}

fn near_duplicate_articles_share_a_story(mut store: Store) {
    let body = "Les forces syriennes ont repris samedi plusieurs villages du sud de la province \
        d'Idleb après des combats qui ont fait des dizaines de morts.\nAnkara a dénoncé une \
        violation de l'accord conclu avec Moscou.\nLe ministre turc de la Défense a annoncé \
        l'envoi de renforts vers les postes d'observation.\nDes milliers de civils fuient vers \
        la frontière turque, selon les Nations unies.";
    let copy = format!(
        "{}\nLire aussi : notre dossier complet sur la guerre en Syrie.",
        body.replace(
            "\nAnkara a dénoncé une violation de l'accord conclu avec Moscou.",
            ""
        )
    );
    store
        .ingest(&[
            doc("a", "afp", body, &[]),
            doc("b", "le-monde", &copy, &[]),
            doc(
                "c",
                "x",
                "Tout autre chose : la météo de demain à Lyon, pluie et vent fort.",
                &[],
            ),
        ])
        .unwrap();
    assert_eq!(
        store.story_clusters().unwrap(),
        vec![vec!["a".to_string(), "b".to_string()]]
    );
}

/// Sentences of a long wire dispatch, distinct enough that versions of it can be cut apart.
fn dispatch(parts: std::ops::Range<usize>) -> String {
    parts
        .map(|i| {
            format!(
                "Paragraphe {i} : les négociateurs réunis à Genève ont discuté du point numéro {i} \
                 de l'accord, et le médiateur a promis une réponse écrite avant la séance {i}."
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn a_cut_version_of_a_dispatch_is_a_near_duplicate(mut store: Store) {
    store
        .ingest(&[
            doc("full", "afp", &dispatch(0..12), &[]),
            doc("cut", "belga", &dispatch(0..4), &[]),
        ])
        .unwrap();
    assert_eq!(
        store.story_clusters().unwrap().len(),
        1,
        "one third of the dispatch, kept whole"
    );
}

fn an_article_bridging_two_stories_makes_them_one(mut store: Store) {
    // Two halves with nothing in common, then a version holding both.
    store
        .ingest(&[
            doc("first-half", "a", &dispatch(0..6), &[]),
            doc("second-half", "b", &dispatch(6..12), &[]),
        ])
        .unwrap();
    assert!(store.story_clusters().unwrap().is_empty());
    store
        .ingest(&[doc("whole", "c", &dispatch(0..12), &[])])
        .unwrap();
    let clusters = store.story_clusters().unwrap();
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    assert_eq!(clusters[0].len(), 3);
}

fn short_briefs_are_not_clustered_by_shared_boilerplate(mut store: Store) {
    store
        .ingest(&[
            doc(
                "brief-1",
                "a",
                "Grève à Lyon. Plus d'informations à suivre sur notre site.",
                &[],
            ),
            doc(
                "brief-2",
                "a",
                "Orage à Nice. Plus d'informations à suivre sur notre site.",
                &[],
            ),
        ])
        .unwrap();
    assert!(store.story_clusters().unwrap().is_empty());
}

fn events_spanning_years_still_merge(mut store: Store) {
    let long = |id: &str, text: &str| {
        let mut d = doc(id, id, text, &[clash("2000", IDLIB, 1)]);
        d.mentions[0].event.enddate = Some("2015".into());
        d.mentions[0].record = serde_json::to_string(&d.mentions[0].event).unwrap();
        d
    };
    store
        .ingest(&[long("a", "Une guerre de quinze ans, premier récit.")])
        .unwrap();
    // A report of 2014, inside the long window, fourteen years after it starts.
    let r = store
        .ingest(&[doc(
            "b",
            "b",
            "La même guerre racontée par un autre journal.",
            &[clash("2014", IDLIB, 1)],
        )])
        .unwrap();
    assert_eq!(r.merged, 1, "a 16-year window is still a candidate");
}
