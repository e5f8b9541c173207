//! End-to-end tests of `vigie zones` on the shipped Astana zones and the seed articles.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn vigie() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vigie"));
    c.env("VIGIE_DATA", repo().join("data"));
    c
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "vigie failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-zones-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn seeds_db(dir: &Path) -> String {
    let db = dir.join("seeds.db").to_string_lossy().into_owned();
    let examples = repo().join("examples");
    ok(vigie()
        .args([
            "ingest",
            examples.join("000_fd56ad9479d8f380.txt").to_str().unwrap(),
            examples.join("003_d2b9c2f8c4bd6b03.txt").to_str().unwrap(),
            "--db",
            &db,
        ])
        .output()
        .unwrap());
    db
}

fn evidence_text(e: &Value) -> String {
    e["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["sentence"].as_str().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn idlib_report_separates_violations_from_guarantors_statements() {
    let dir = scratch("report");
    let db = seeds_db(&dir);
    let out = ok(vigie()
        .args([
            "zones", "report", "--db", &db, "--zone", "idlib", "--from", "2017-09", "--to",
            "2020-03", "--format", "json",
        ])
        .output()
        .unwrap());
    let reports: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(reports.len(), 1, "only the Idlib zone");
    let r = &reports[0];
    assert_eq!(r["zone"], "idlib");
    let violations = r["violations"].as_array().unwrap();
    let clash = violations
        .iter()
        .find(|v| v["event_type"] == "ASSAULT" && v["dead"] == 14)
        .expect("the clash that killed 14 Turkish soldiers is a violation");
    assert!(clash["recipients"][0].as_str().unwrap().starts_with("TUR"));
    assert!(!clash["evidence"].as_array().unwrap().is_empty());
    assert!(
        violations.iter().any(|v| v["event_type"] == "ASSAULT"
            && v["actors"][0].as_str().unwrap().starts_with("SYR")
            && evidence_text(v).contains("offensive")),
        "the Syrian offensive is a violation: {violations:#?}"
    );
    let statements = r["statements_by_guarantors"].as_array().unwrap();
    let vienna = statements
        .iter()
        .find(|s| evidence_text(s).contains("Vienne"))
        .expect("Lavrov in Vienna is a statement by a guarantor");
    assert!(vienna["actors"][0].as_str().unwrap().starts_with("RUS"));
    let munich = statements
        .iter()
        .find(|s| s["place"] == "Munich")
        .expect("the Munich meeting is a statement by a guarantor");
    assert_eq!(munich["event_type"], "CONSULT");
    for s in [vienna, munich] {
        assert!(
            violations.iter().all(|v| v["id"] != s["id"]),
            "diplomacy is never a violation"
        );
    }
    assert!(r["fatalities"]["best"].as_u64().unwrap() >= 14);
    assert!(!r["periods"].as_array().unwrap().is_empty());
    // The other formats.
    let md = ok(vigie()
        .args([
            "zones", "report", "--db", &db, "--zone", "idlib", "--format", "markdown",
        ])
        .output()
        .unwrap());
    assert!(md.contains("### Violations") && md.contains("14 dead"));
    let csv = ok(vigie()
        .args([
            "zones", "report", "--db", &db, "--format", "csv", "--by", "week",
        ])
        .output()
        .unwrap());
    assert!(csv.starts_with("zone,section,event_id"));
    // After the zone ended, nothing.
    let late = ok(vigie()
        .args([
            "zones", "report", "--db", &db, "--zone", "idlib", "--from", "2021", "--format", "json",
        ])
        .output()
        .unwrap());
    let late: Vec<Value> = serde_json::from_str(&late).unwrap();
    assert!(late[0]["violations"].as_array().unwrap().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ingest_writes_alerts_for_new_violations() {
    let dir = scratch("alerts");
    let db = dir.join("a.db").to_string_lossy().into_owned();
    let alerts = dir.join("alerts.jsonl");
    let zones = repo().join("data/zones/syria-astana-2017.geojson");
    let seed = repo().join("examples/003_d2b9c2f8c4bd6b03.txt");
    for _ in 0..2 {
        ok(vigie()
            .args([
                "ingest",
                seed.to_str().unwrap(),
                "--db",
                &db,
                "--zones",
                zones.to_str().unwrap(),
                "--alerts",
                alerts.to_str().unwrap(),
            ])
            .output()
            .unwrap());
    }
    let lines: Vec<Value> = std::fs::read_to_string(&alerts)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        lines
            .iter()
            .any(|a| a["zone"] == "idlib" && a["dead"] == 14),
        "{lines:#?}"
    );
    // Two reports of the event in one batch (the article and a re-publication with a
    // paragraph added): one alert.
    let text = std::fs::read_to_string(&seed).unwrap();
    let body = text.trim_start().strip_prefix("date").unwrap().trim_start();
    let (date, body) = body.split_once(char::is_whitespace).unwrap();
    let pair = dir.join("pair.jsonl");
    let copy = format!(
        "{}\nCet article vous est proposé par notre partenaire, tous droits réservés.",
        body.trim_start()
    );
    std::fs::write(
        &pair,
        format!(
            "{}\n{}\n",
            serde_json::json!({"id": "a", "date": date, "source": "one", "text": body.trim_start()}),
            serde_json::json!({"id": "b", "date": date, "source": "two", "text": copy})
        ),
    )
    .unwrap();
    let pair_db = dir.join("pair.db").to_string_lossy().into_owned();
    let pair_alerts = dir.join("pair.alerts.jsonl");
    ok(vigie()
        .args([
            "ingest",
            pair.to_str().unwrap(),
            "--db",
            &pair_db,
            "--zones",
            zones.to_str().unwrap(),
            "--alerts",
            pair_alerts.to_str().unwrap(),
        ])
        .output()
        .unwrap());
    let pair_lines: Vec<Value> = std::fs::read_to_string(&pair_alerts)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let clash: Vec<&Value> = pair_lines
        .iter()
        .filter(|a| a["zone"] == "idlib" && a["dead"] == 14)
        .collect();
    assert_eq!(clash.len(), 1, "{pair_lines:#?}");
    assert_eq!(clash[0]["num_mentions"], 2);
    // Re-ingesting the same article raises no new alert.
    let first_run = lines.len();
    assert!(first_run > 0);
    assert_eq!(
        lines
            .iter()
            .filter(|a| a["dead"] == 14 && a["zone"] == "idlib")
            .count(),
        1
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn zone_files_are_checked() {
    let shipped = repo().join("data/zones/syria-astana-2017.geojson");
    let out = ok(vigie()
        .args(["zones", "check", shipped.to_str().unwrap()])
        .output()
        .unwrap());
    assert!(out.contains("valid"));
    let listed = ok(vigie().args(["zones", "list"]).output().unwrap());
    for id in [
        "idlib",
        "northern-homs",
        "eastern-ghouta",
        "southern",
        "idlib-dmz",
    ] {
        assert!(listed.contains(id), "{id}");
    }
    let dir = scratch("check");
    let broken = dir.join("broken.geojson");
    let text = std::fs::read_to_string(&shipped).unwrap();
    // Move one zone's first position: the ring no longer closes.
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let ring = &mut v["features"][0]["geometry"]["coordinates"][0];
    ring[0] = serde_json::json!([1.0, 2.0]);
    std::fs::write(&broken, v.to_string()).unwrap();
    let out = vigie()
        .args(["zones", "check", broken.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("feature 0") && err.contains("not closed"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_map_is_an_svg_with_zones_posts_and_events() {
    let dir = scratch("map");
    let db = seeds_db(&dir);
    let out = dir.join("map.svg");
    ok(vigie()
        .args(["zones", "map", "--db", &db, "--out", out.to_str().unwrap()])
        .output()
        .unwrap());
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.matches("<path").count() >= 5 + 12, "zones and posts");
    assert!(svg.contains("<polyline"), "borders");
    assert!(svg.contains("#d7191c"), "a violation drawn in red");
    let _ = std::fs::remove_dir_all(&dir);
}
