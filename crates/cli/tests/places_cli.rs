//! End-to-end tests of places: `vigie places [--spans]`, event locations, `vigie eval geo`.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn vigie() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vigie"));
    c.env("VIGIE_DATA", repo().join("data"));
    c
}

fn seed(name: &str) -> String {
    repo()
        .join("examples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn lines(out: &Output) -> Vec<Value> {
    assert!(
        out.status.success(),
        "vigie failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// `vigie places --spans -` on `input` (JSONL records with spans).
fn places_spans(input: &str) -> Output {
    let mut child = vigie()
        .args(["places", "--spans", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    write!(child.stdin.take().unwrap(), "{input}").unwrap();
    child.wait_with_output().unwrap()
}

fn places_of(doc: &str) -> Vec<Value> {
    lines(&vigie().args(["places", &seed(doc)]).output().unwrap())
}

fn resolved<'a>(places: &'a [Value], text: &str) -> Vec<&'a Value> {
    places.iter().filter(|p| p["text"] == text).collect()
}

#[test]
fn seed_places_resolve_to_the_right_geonames_entries() {
    let p = places_of("000_fd56ad9479d8f380.txt");
    let one = |text: &str| -> &Value {
        resolved(&p, text)
            .first()
            .copied()
            .unwrap_or_else(|| panic!("{text} not found in {p:#?}"))
    };
    // Vienna in Austria (the OSCE meets there), not Vienne in France.
    assert_eq!(one("Vienne")["geonameid"], 2761369);
    assert_eq!(one("Vienne")["country_code"], "AT");
    assert_eq!(one("Astana")["country_code"], "KZ");
    let idlib = resolved(&p, "Idlib");
    assert!(idlib.iter().all(|t| t["country_code"] == "SY"));
    assert!(
        idlib
            .iter()
            .any(|t| t["feature_code"] == "ADM1" && t["geonameid"] == 169387),
        "« province d'Idlib » is the governorate: {idlib:#?}"
    );
    assert_eq!(one("Deir ez-Zor")["country_code"], "SY");
    assert_eq!(one("Homs")["country_code"], "SY");
    assert_eq!(one("Deraa")["country_code"], "SY");
    let ghouta = one("Ghouta orientale");
    assert_eq!(ghouta["name"], "Eastern Ghouta");
    assert_eq!(ghouta["country_code"], "SY");
    for euphrates in resolved(&p, "Euphrate") {
        assert_eq!(euphrates["feature_class"], "H", "the river or nothing");
    }
    let p = places_of("003_d2b9c2f8c4bd6b03.txt");
    let munich = resolved(&p, "Munich");
    assert!(!munich.is_empty() && munich.iter().all(|m| m["country_code"] == "DE"));
    assert!(resolved(&p, "Idleb")
        .iter()
        .all(|m| m["country_code"] == "SY"));
}

#[test]
fn seed_events_carry_their_places() {
    let out = vigie()
        .args(["extract", &seed("003_d2b9c2f8c4bd6b03.txt")])
        .output()
        .unwrap();
    let events = lines(&out);
    let munich = events
        .iter()
        .find(|e| e["event_type"] == "CONSULT" && e["event_loc"]["name"] == "Munich")
        .expect("the CONSULT in Munich");
    assert_eq!(munich["event_loc"]["country_code"], "DE");
    assert_eq!(munich["event_loc"]["precision"], "city");
    assert!(munich["event_loc"]["lat"].as_f64().unwrap() > 48.0);
    let clash = events
        .iter()
        .find(|e| e["event_type"] == "ASSAULT" && e["size"]["dead"] == 14)
        .expect("the clash that killed 14");
    assert_eq!(clash["event_loc"]["geonameid"], 169387);
    assert_eq!(clash["event_loc"]["precision"], "admin1");
    assert_eq!(clash["event_loc"]["admin1"], clash["event_loc"]["name"]);
    // Without the gazetteer the place phrase stays, unresolved.
    let bare = lines(
        &vigie()
            .args(["extract", "--no-places", &seed("003_d2b9c2f8c4bd6b03.txt")])
            .output()
            .unwrap(),
    );
    assert!(bare.iter().all(|e| e["event_loc"]["lat"].is_null()));
}

#[test]
fn given_spans_are_resolved_and_bad_spans_are_reported() {
    let text = "Des combats ont eu lieu près de Tripoli, au nord du Liban, selon Beyrouth.";
    let start = text.chars().collect::<Vec<_>>();
    let find = |w: &str| {
        let byte = text.find(w).unwrap();
        let s = text[..byte].chars().count();
        (s, s + w.chars().count())
    };
    let (a, b) = find("Tripoli");
    let good = serde_json::json!({"id": "t1", "text": text, "spans": [{"start": a, "end": b}]});
    let bad = serde_json::json!({"id": "t2", "text": text, "spans": [{"start": 5, "end": start.len() + 3}]});
    let out = places_spans(&format!("{good}\n{bad}\n"));
    assert_eq!(
        out.status.code(),
        Some(1),
        "the bad record makes the exit status 1"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdin>:2"));
    let rows: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0]["start"].as_u64(), rows[0]["end"].as_u64()),
        (Some(a as u64), Some(b as u64))
    );
    assert_eq!(
        rows[0]["country_code"], "LB",
        "Tripoli in Lebanon from the context"
    );
    for field in [
        "doc_id",
        "text",
        "geonameid",
        "name",
        "lat",
        "lon",
        "admin1",
        "feature_class",
        "feature_code",
    ] {
        assert!(rows[0].get(field).is_some(), "{field}");
    }
}

fn shared(path: &str) -> Option<PathBuf> {
    let p = repo().join("../shared").join(path);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} not present", p.display());
        None
    }
}

#[test]
fn french_words_that_are_towns_are_not_places_in_the_corpus() {
    let Some(corpus) = shared("corpus/fr_press_2018_2019.jsonl") else {
        return;
    };
    let text = std::fs::read_to_string(&corpus).unwrap();
    // The words occur in the corpus, so the test can fail.
    for word in [" vienne ", " tours ", " sens "] {
        assert!(text.contains(word), "{word} not in the corpus");
    }
    let out = vigie()
        .args(["places", corpus.to_str().unwrap()])
        .output()
        .unwrap();
    let places = lines(&out);
    assert!(places.len() > 1000, "{} places", places.len());
    for p in &places {
        let t = p["text"].as_str().unwrap_or("");
        assert!(
            !["vienne", "tours", "sens", "Il", "Les", "Le", "La"].contains(&t),
            "{p}"
        );
    }
}

#[test]
fn geowebnews_scores_are_reported() {
    let Some(gold) = shared("data/geoparsing-dev/GWN.xml") else {
        return;
    };
    let out = vigie()
        .args(["eval", "geo", gold.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    let acc: f64 = report
        .split("Acc@161km ")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .and_then(|v| v.trim().parse().ok())
        .expect("an Acc@161km figure");
    // A floor against regressions; the target (0.85) is not reached yet.
    assert!(acc >= 0.6, "{report}");
}

#[test]
fn given_abbreviations_are_their_regions_and_the_data_has_no_warnings() {
    let text = "Wildfires spread across BC on Monday, while in SA the Johannesburg \
                government and Cape Town officials met. Storms hit Va. too.";
    let span = |w: &str| {
        let byte = text.find(w).unwrap();
        let s = text[..byte].chars().count();
        serde_json::json!({"start": s, "end": s + w.chars().count()})
    };
    let record = serde_json::json!({
        "id": "abbr",
        "text": text,
        "spans": [span("BC"), span("SA"), span("Va."), span("Johannesburg")],
    });
    let out = places_spans(&format!("{record}\n"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("warning"),
        "the shipped gazetteer data loads cleanly: {stderr}"
    );
    let rows = lines(&out);
    let place = |text: &str| {
        let row = rows.iter().find(|r| r["text"] == text).expect("a row");
        (
            row["name"].as_str().unwrap_or("").to_string(),
            row["country_code"].as_str().unwrap_or("").to_string(),
        )
    };
    assert_eq!(place("BC"), ("British Columbia".into(), "CA".into()));
    assert_eq!(place("Va.").1, "US");
    assert_eq!(place("Va.").0, "Virginia");
    // "SA" is South Australia or South Africa: the article's other places decide.
    assert_eq!(place("SA").1, "ZA");
}
