//! End-to-end tests of the event database commands: `vigie ingest`, `events`, `export`,
//! `stats`.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn vigie() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vigie"));
    c.env("VIGIE_DATA", repo().join("data"));
    c
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

/// The date and the text of a seed file, as `vigie` reads them (`date YYYY-MM` then the text).
fn seed_parts(name: &str) -> (String, String) {
    let content = std::fs::read_to_string(seed(name)).unwrap();
    let rest = content
        .trim_start()
        .strip_prefix("date")
        .expect("seed starts with date");
    let rest = rest.trim_start();
    let (date, text) = rest.split_once(char::is_whitespace).unwrap();
    (date.to_string(), text.trim_start().to_string())
}

const SEED_2017: &str = "000_fd56ad9479d8f380.txt";
const SEED_2020: &str = "003_d2b9c2f8c4bd6b03.txt";

/// A scratch directory removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("vigie-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str]) -> Output {
    vigie().args(args).output().expect("run vigie")
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "vigie {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn stats(db: &Path) -> Value {
    let out = ok(&["stats", "--db", db.to_str().unwrap(), "--check"]);
    let v: Value = serde_json::from_str(out.trim()).expect("stats is JSON");
    assert_eq!(v["integrity"], "ok");
    v
}

fn counts(v: &Value) -> (u64, u64, u64, u64) {
    let n = |k: &str| v[k].as_u64().unwrap_or(u64::MAX);
    (n("documents"), n("events"), n("mentions"), n("stories"))
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[test]
fn seeds_ingested_twice_give_identical_counts() {
    let dir = Scratch::new("twice");
    let db = dir.path("v.db");
    let db = db.to_str().unwrap();
    let (a, b) = (seed(SEED_2017), seed(SEED_2020));
    ok(&[
        "ingest",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--db",
        db,
    ]);
    let first = stats(Path::new(db));
    let (docs, events, mentions, _) = counts(&first);
    assert_eq!(docs, 2);
    assert!(events >= 10 && mentions >= events, "{first}");
    let out = vigie()
        .args([
            "ingest",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--db",
            db,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 unchanged"));
    assert_eq!(stats(Path::new(db)), first);
    let before = ok(&["export", "--db", db, "--format", "plover"]);
    // The same text under another id is an alias: nothing else changes.
    let (date, body) = seed_parts(SEED_2020);
    let alias = dir.path("alias.jsonl");
    let record = serde_json::json!({"id": "syndicated-copy", "date": date, "text": body});
    std::fs::write(&alias, format!("{record}\n")).unwrap();
    ok(&["ingest", alias.to_str().unwrap(), "--db", db]);
    let after = stats(Path::new(db));
    assert_eq!(counts(&after), counts(&first));
    assert_eq!(after["aliases"], 1);
    assert_eq!(ok(&["export", "--db", db, "--format", "plover"]), before);
}

/// Seed 003 and a re-publication of it under another id, with a boilerplate paragraph added
/// and one paragraph removed.
fn perturbed_copy(dir: &Scratch) -> PathBuf {
    let (date, body) = seed_parts(SEED_2020);
    let paragraphs: Vec<&str> = body
        .trim()
        .split('\n')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(paragraphs.len() > 4);
    let mut kept: Vec<&str> = paragraphs.clone();
    kept.remove(2);
    kept.push("Cet article vous est proposé par notre partenaire. Abonnez-vous à notre lettre d'information pour recevoir chaque matin l'essentiel de l'actualité internationale.");
    let record = serde_json::json!({
        "id": "republished-003", "date": date, "source": "autre-journal", "text": kept.join("\n")
    });
    let path = dir.path("copy.jsonl");
    std::fs::write(&path, format!("{record}\n")).unwrap();
    path
}

#[test]
fn a_perturbed_copy_joins_the_story_and_its_events_merge() {
    let dir = Scratch::new("copy");
    let alone = dir.path("alone.db");
    let db = dir.path("v.db");
    let original = seed(SEED_2020);
    ok(&[
        "ingest",
        original.to_str().unwrap(),
        "--db",
        alone.to_str().unwrap(),
    ]);
    let (_, events_alone, _, _) = counts(&stats(&alone));

    let copy = perturbed_copy(&dir);
    let copy_only = dir.path("copy-only.db");
    ok(&[
        "ingest",
        copy.to_str().unwrap(),
        "--db",
        copy_only.to_str().unwrap(),
    ]);
    let (_, _, copy_mentions, _) = counts(&stats(&copy_only));
    assert!(copy_mentions >= 5, "the copy still reports most events");

    let db_s = db.to_str().unwrap();
    ok(&[
        "ingest",
        original.to_str().unwrap(),
        copy.to_str().unwrap(),
        "--db",
        db_s,
    ]);
    let (docs, events, mentions, stories) = counts(&stats(&db));
    assert_eq!(
        (docs, stories),
        (2, 1),
        "one story cluster for the two articles"
    );
    assert_eq!(events, events_alone, "the copy adds no event");
    assert_eq!(mentions, events_alone + copy_mentions);
    let all = jsonl(&ok(&["events", "--db", db_s, "--limit", "1000"]));
    let twice: Vec<&Value> = all.iter().filter(|e| e["num_mentions"] == 2).collect();
    assert_eq!(
        twice.len() as u64,
        copy_mentions,
        "each event the copy reports has two mentions"
    );
    for e in &twice {
        assert_eq!(e["num_articles"], 2);
        assert_eq!(e["num_sources"], 2);
    }
    // The merge is explained, mention by mention.
    let id = twice[0]["id"].as_str().unwrap();
    let shown = ok(&["events", "--db", db_s, "--explain", id]);
    assert!(
        shown.contains("republished-003") && shown.contains("same story cluster"),
        "{shown}"
    );
    let detail: Value =
        serde_json::from_str(&ok(&["events", "show", id, "--db", db_s, "--json"])).unwrap();
    assert_eq!(detail["mention_details"].as_array().unwrap().len(), 2);
}

#[test]
fn exports_validate_and_round_trip() {
    let dir = Scratch::new("export");
    let db = dir.path("v.db");
    let db = db.to_str().unwrap();
    let examples = repo().join("examples");
    ok(&["ingest", examples.to_str().unwrap(), "--db", db]);
    let events = jsonl(&ok(&["events", "--db", db, "--limit", "100000"]));
    assert!(events.len() >= 20);

    // PLOVER export = the events' own records.
    let plover = jsonl(&ok(&["export", "--db", db, "--format", "plover"]));
    assert_eq!(plover, events);
    for e in &plover {
        for field in [
            "id",
            "event_type",
            "actor",
            "recipient",
            "date",
            "num_mentions",
            "num_sources",
            "size_range",
            "text_info",
        ] {
            assert!(e.get(field).is_some(), "missing {field} in {e}");
        }
    }

    let geo: Value =
        serde_json::from_str(&ok(&["export", "--db", db, "--format", "geojson"])).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), events.len());
    for f in features {
        assert_eq!(f["type"], "Feature");
        if let Some(coords) = f["geometry"]["coordinates"].as_array() {
            let loc = &f["properties"]["event_loc"];
            assert_eq!(coords[0], loc["lon"], "GeoJSON is [lon, lat]");
            assert_eq!(coords[1], loc["lat"]);
        }
    }

    let acled = ok(&["export", "--db", db, "--format", "acled"]);
    let mut lines = acled.lines();
    assert_eq!(
        lines.next().unwrap(),
        "event_id,event_date,time_precision,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities"
    );
    assert_eq!(
        lines.count(),
        events.len() + count_embedded_newlines(&acled)
    );
    assert!(acled.contains("Battles") || acled.contains("Explosions/Remote violence"));

    let gdelt = ok(&["export", "--db", db, "--format", "gdelt"]);
    let header: Vec<&str> = gdelt.lines().next().unwrap().split('\t').collect();
    assert_eq!(header[0], "GLOBALEVENTID");
    for line in gdelt.lines().skip(1) {
        assert_eq!(line.split('\t').count(), header.len(), "{line}");
    }
    let mentions = ok(&["export", "--db", db, "--format", "gdelt-mentions"]);
    let total: u64 = events
        .iter()
        .map(|e| e["num_mentions"].as_u64().unwrap())
        .sum();
    assert_eq!(mentions.lines().count() as u64, total + 1);

    let csv = ok(&["events", "--db", db, "--format", "csv", "--type", "ASSAULT"]);
    assert!(csv.starts_with("id,event_type,"));
    let table = ok(&["events", "--db", db, "--format", "table", "--limit", "3"]);
    assert_eq!(table.lines().count(), 4);
}

/// ACLED notes are sentences: quoted fields may hold line breaks.
fn count_embedded_newlines(csv: &str) -> usize {
    let mut inside = false;
    let mut n = 0;
    for c in csv.chars() {
        match c {
            '"' => inside = !inside,
            '\n' if inside => n += 1,
            _ => {}
        }
    }
    n
}

#[test]
fn filters_select_and_bad_filters_are_usage_errors() {
    let dir = Scratch::new("filters");
    let db = dir.path("v.db");
    let db = db.to_str().unwrap();
    let examples = repo().join("examples");
    ok(&["ingest", examples.to_str().unwrap(), "--db", db]);
    let count = |extra: &[&str]| -> u64 {
        let mut args = vec!["events", "--db", db, "--count"];
        args.extend_from_slice(extra);
        ok(&args).trim().parse().unwrap()
    };
    let all = count(&[]);
    let assaults = count(&["--type", "ASSAULT"]);
    assert!(assaults > 0 && assaults < all);
    assert_eq!(
        count(&["--type", "ASSAULT,CONSULT"]),
        assaults + count(&["--type", "CONSULT"])
    );
    assert!(count(&["--actor", "TUR"]) > 0);
    assert!(count(&["--actor", "Erdogan"]) > 0, "names match too");
    assert!(count(&["--from", "2020-02-01", "--to", "2020-02-29"]) > 0);
    assert_eq!(count(&["--from", "2030"]), 0);
    assert!(count(&["--text", "Munich"]) > 0);
    assert!(count(&["--place", "idleb"]) > 0);
    // Hostile values are data.
    assert_eq!(count(&["--actor", "'; DROP TABLE events; --"]), 0);
    assert_eq!(count(&["--text", "\" OR NEAR("]), 0);
    assert_eq!(count(&[]), all);
    for bad in [
        &["--from", "2020-13"][..],
        &["--bbox", "1,2,3"],
        &["--bbox", "36,35,37,north"],
        &["--near", "35.9,36.6"],
        &["--type", "BOMBING"],
        &["--quad", "7"],
        &["--from", "2020-03", "--to", "2020-02"],
        &["--text", "***"],
    ] {
        let mut args = vec!["events", "--db", db];
        args.extend_from_slice(bad);
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{bad:?} must be a usage error");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.to_lowercase().contains("sql"), "{bad:?}: {err}");
    }
    let missing = run(&["events", "--db", dir.path("none.db").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no database"));
}

fn corpus() -> Option<PathBuf> {
    let p = repo().join("../shared/corpus/fr_press_2018_2019.jsonl");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: benchmark corpus {} not present", p.display());
        None
    }
}

#[test]
fn killed_ingest_resumes_to_the_counts_of_a_clean_run_while_readers_query() {
    let Some(corpus) = corpus() else { return };
    let corpus = corpus.to_str().unwrap();
    let dir = Scratch::new("crash");
    let clean = dir.path("clean.db");
    let clean_s = clean.to_str().unwrap();

    // A clean run, queried while it writes.
    let mut child = vigie()
        .args(["ingest", corpus, "--db", clean_s])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut queries = 0;
    while child.try_wait().unwrap().is_none() {
        if clean.exists() {
            let out = run(&["events", "--db", clean_s, "--count", "--actor", "FRA"]);
            assert!(
                out.status.success(),
                "reader failed during ingest: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            queries += 1;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(child.wait().unwrap().success());
    eprintln!("{queries} queries ran during the clean ingest");
    let clean_stats = stats(&clean);

    // An interrupted run: SIGKILL once some batches are committed, then run again.
    let crashed = dir.path("crashed.db");
    let crashed_s = crashed.to_str().unwrap();
    let mut child = vigie()
        .args(["ingest", corpus, "--db", crashed_s])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut killed_mid_run = false;
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if crashed.exists() {
            let out = run(&["stats", "--db", crashed_s]);
            let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
            if v["documents"].as_u64().unwrap_or(0) >= 300 {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                killed_mid_run = true;
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        killed_mid_run,
        "the ingest finished before it could be killed"
    );
    let partial = stats(&crashed);
    assert!(partial["documents"].as_u64().unwrap() < clean_stats["documents"].as_u64().unwrap());
    let out = vigie()
        .args(["ingest", corpus, "--db", crashed_s])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stats(&crashed), clean_stats);
    // Not only the counts: the same events, merged the same way.
    assert_eq!(
        ok(&["export", "--db", crashed_s, "--format", "gdelt"]),
        ok(&["export", "--db", clean_s, "--format", "gdelt"])
    );
}

/// A fresh database on the test PostgreSQL server (`VIGIE_TEST_POSTGRES_URL`), or `None` with a
/// message saying the test was skipped.
fn postgres_database(name: &str) -> Option<String> {
    let url = vigie_store::scratch_database(name).expect("scratch database on the test server");
    if url.is_none() {
        eprintln!(
            "skipped: set {} to a PostgreSQL server URL to run this test",
            vigie_store::TEST_SERVER_VAR
        );
    }
    url
}

/// What a store answers, command by command, for comparing two stores.
fn answers(db: &str, event_key: &str) -> Vec<String> {
    let mut out: Vec<String> = ["plover", "acled", "gdelt", "geojson"]
        .iter()
        .map(|format| ok(&["export", "--db", db, "--format", format]))
        .collect();
    for filter in [
        &["--text", "attaque"][..],
        &["--near", "48.85,2.35,100"],
        &["--bbox", "30,30,45,40"],
        &[
            "--country",
            "sy",
            "--from",
            "2017-01-01",
            "--to",
            "2020-12-31",
        ],
        &["--actor", "RUS", "--sort", "sources"],
        &["--type", "ASSAULT", "--limit", "3", "--offset", "1"],
    ] {
        let mut args = vec!["events", "--db", db];
        args.extend_from_slice(filter);
        out.push(ok(&args));
    }
    out.push(ok(&["events", "show", event_key, "--db", db, "--json"]));
    out
}

#[test]
fn the_postgres_store_answers_as_the_embedded_store_does() {
    let Some(url) = postgres_database("cli_same_answers") else {
        return;
    };
    let dir = Scratch::new("postgres");
    let file = dir.path("v.db");
    let file = file.to_str().unwrap();
    let copy = perturbed_copy(&dir);
    let examples = repo().join("examples");
    let mut inputs = vec![
        examples.to_str().unwrap().to_string(),
        copy.to_str().unwrap().to_string(),
    ];
    // A slice of real press with its duplicates, when the benchmark corpus is here.
    if let Some(corpus) = corpus() {
        let text = std::fs::read_to_string(corpus).unwrap();
        let slice: Vec<&str> = text.lines().take(300).collect();
        let path = dir.path("slice.jsonl");
        std::fs::write(&path, slice.join("\n") + "\n").unwrap();
        inputs.push(path.to_str().unwrap().to_string());
    }
    for db in [file, url.as_str()] {
        // Twice: ingest is idempotent on both backends.
        for _ in 0..2 {
            let mut args = vec!["ingest"];
            args.extend(inputs.iter().map(String::as_str));
            args.extend(["--db", db]);
            ok(&args);
        }
    }
    let on_file = stats(Path::new(file));
    let on_server = stats(Path::new(&url));
    assert_eq!(on_server, on_file);
    let (_, events, mentions, _) = counts(&on_server);
    assert!(events >= 10 && mentions > events, "{on_server}");
    // An event with two mentions: the perturbed copy merged into seed 003's events.
    let merged = jsonl(&ok(&[
        "events", "--db", file, "--sort", "mentions", "--limit", "1",
    ]));
    let key = merged[0]["id"].as_str().unwrap().to_string();
    assert!(merged[0]["num_mentions"].as_u64().unwrap() >= 2);
    assert_eq!(answers(&url, &key), answers(file, &key));
    // A server database without Vigie's tables is refused by the reading commands.
    let Some(empty) = postgres_database("cli_empty") else {
        return;
    };
    let refused = run(&["events", "--db", &empty]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no database"));
}
