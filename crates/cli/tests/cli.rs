//! End-to-end tests of the `vigie` binary: the contract a user and scripts rely on.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn vigie() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vigie"));
    c.env("VIGIE_DATA", repo().join("data"));
    c
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = vigie()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn vigie");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn events(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is a JSON event"))
        .collect()
}

fn codes(v: &Value, role: &str) -> Vec<String> {
    v[role]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| x["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn seed(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

const SEED_2017: &str = "000_fd56ad9479d8f380.txt";
const SEED_2020: &str = "003_d2b9c2f8c4bd6b03.txt";

fn extract_seeds() -> Vec<Value> {
    let out = vigie()
        .args(["extract"])
        .arg(seed(SEED_2017))
        .arg(seed(SEED_2020))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    events(&out)
}

fn find<'a>(
    evs: &'a [Value],
    doc: &str,
    ty: &str,
    pred: impl Fn(&Value) -> bool,
) -> Vec<&'a Value> {
    evs.iter()
        .filter(|e| {
            e["doc_id"].as_str().is_some_and(|d| d.starts_with(doc))
                && e["event_type"] == ty
                && pred(e)
        })
        .collect()
}

#[test]
fn seed_2017_worked_example() {
    let evs = extract_seeds();
    // 1. Lavrov: refusal of cooperation with the USA, from a negated cooperation, quoted.
    let reject = find(&evs, "000", "REJECT", |e| {
        codes(e, "actor").contains(&"RUS".into()) && codes(e, "recipient").contains(&"USA".into())
    });
    assert!(!reject.is_empty(), "REJECT RUS→USA missing");
    let quoted = reject
        .iter()
        .find(|e| {
            e["speaker"]["name"]
                .as_str()
                .is_some_and(|n| n.contains("Lavrov"))
        })
        .expect("speaker Lavrov");
    assert!(
        quoted["rule"].as_str().unwrap().contains("negated"),
        "the REJECT comes from the negation"
    );
    assert_eq!(quoted["modality"], "reported");
    // 2. Cooperation with Iran and Turkey continues.
    let coop = find(&evs, "000", "COOPERATE", |e| {
        codes(e, "actor").contains(&"RUS".into())
    });
    assert!(
        coop.iter().any(|e| {
            let r = codes(e, "recipient");
            r.contains(&"IRN".into()) && r.contains(&"TUR".into())
        }),
        "COOPERATE RUS→IRN,TUR"
    );
    // 3. Astana: compound actor agrees on the zone; forces deployed.
    let agree = find(&evs, "000", "AGREE", |e| {
        let a = codes(e, "actor");
        ["RUS", "TUR", "IRN"]
            .iter()
            .all(|c| a.contains(&c.to_string()))
    });
    assert!(!agree.is_empty(), "AGREE RUS+TUR+IRN");
    assert!(agree[0]["context"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "peacekeeping"));
    assert!(
        !find(&evs, "000", "MOBILIZE", |e| codes(e, "actor")
            .contains(&"RUS".into()))
        .is_empty(),
        "MOBILIZE"
    );
    let consult = find(&evs, "000", "CONSULT", |e| {
        e["event_loc"]["text"] == "Astana"
    });
    assert!(
        !consult.is_empty(),
        "the Astana meeting is located in Astana"
    );
    // 4. Russian Defence Ministry ready to annihilate Daech → THREATEN against ISIS.
    let threat = find(&evs, "000", "THREATEN", |e| {
        e["actor"][0]["code"] == "RUS"
            && e["actor"][0]["sector"] == "MIL"
            && e["recipient"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["cameo_code"].as_str().unwrap_or("").contains("ISI"))
    });
    assert!(!threat.is_empty(), "THREATEN RUS MIL → ISIS");
    // 5. Putin announced Daech eradicated: reported assault on ISIS, speaker Putin, no made-up day.
    let claimed = find(&evs, "000", "ASSAULT", |e| {
        e["speaker"]["name"]
            .as_str()
            .is_some_and(|n| n.contains("Putin"))
    });
    assert_eq!(claimed.len(), 1, "Putin's claim");
    assert!(matches!(
        claimed[0]["modality"].as_str(),
        Some("reported" | "claimed")
    ));
    // « Il y a trois jours » against a month-only date: a month range, never a day.
    assert_eq!(claimed[0]["date_precision"], "month");
    assert!(matches!(
        claimed[0]["date"].as_str(),
        Some("2017-11" | "2017-12")
    ));
    assert_eq!(claimed[0]["enddate"], "2017-12");
}

#[test]
fn seed_2020_worked_example() {
    let evs = extract_seeds();
    // 2. « inévitable » is a statement: no AGREE or ASSAULT from the first sentence.
    assert!(evs
        .iter()
        .all(|e| !(e["doc_id"].as_str().unwrap().starts_with("003")
            && e["text_info"]["sentence"] == 0)));
    // 3. Syrian offensive with Russian air support.
    let offensive = find(&evs, "003", "ASSAULT", |e| {
        codes(e, "actor") == ["SYR"] && e["event_text"] == "offensive"
    });
    assert_eq!(offensive.len(), 1);
    assert!(
        !codes(offensive[0], "recipient").contains(&"RUS".into()),
        "the supporter is not the target"
    );
    assert!(offensive[0]["event_loc"]["text"]
        .as_str()
        .unwrap()
        .contains("Idleb"));
    assert!(!find(&evs, "003", "AID", |e| codes(e, "actor") == ["RUS"]
        && codes(e, "recipient") == ["SYR"])
    .is_empty());
    // 4. The Moscow–Ankara ceasefire agreement.
    assert!(!find(&evs, "003", "AGREE", |e| codes(e, "actor") == ["RUS"]
        && codes(e, "recipient") == ["TUR"])
    .is_empty());
    // 6. 14 Turkish soldiers killed by Syrian forces, in Idlib.
    let killed = find(&evs, "003", "ASSAULT", |e| e["size"]["dead"] == 14);
    assert_eq!(
        killed.len(),
        1,
        "one killing event, not one per copy of the body"
    );
    assert_eq!(killed[0]["recipient"][0]["code"], "TUR");
    assert_eq!(killed[0]["recipient"][0]["sector"], "MIL");
    assert_eq!(killed[0]["actor"][0]["code"], "SYR");
    assert!(
        killed[0]["event_loc"]["text"]
            .as_str()
            .unwrap()
            .contains("Idleb"),
        "« y » refers back to Idleb"
    );
    // 7. Acrimonious exchanges between Ankara and Moscow.
    assert!(!find(&evs, "003", "ACCUSE", |e| {
        let mut all = codes(e, "actor");
        all.extend(codes(e, "recipient"));
        all.contains(&"TUR".into()) && all.contains(&"RUS".into())
    })
    .is_empty());
    // 8. Lavrov met Cavusoglu in Munich.
    let met = find(&evs, "003", "CONSULT", |e| {
        codes(e, "actor") == ["RUS"] && codes(e, "recipient") == ["TUR"]
    });
    assert_eq!(met.len(), 1);
    assert_eq!(met[0]["event_loc"]["text"], "Munich");
    // 9. Erdogan–Trump phone call, and their accusation of the regime.
    let call = find(&evs, "003", "CONSULT", |e| {
        let mut all = codes(e, "actor");
        all.extend(codes(e, "recipient"));
        all.contains(&"TUR".into()) && all.contains(&"USA".into())
    });
    assert!(
        call.iter().any(|e| e["mode"] == "phone"),
        "the call is by phone"
    );
    let accuse = find(&evs, "003", "ACCUSE", |e| codes(e, "recipient") == ["SYR"]);
    assert!(accuse.iter().any(|e| {
        let a = codes(e, "actor");
        a.contains(&"TUR".into()) && a.contains(&"USA".into())
    }));
}

#[test]
fn seed_events_are_dated_by_their_temporal_expressions() {
    let evs = extract_seeds();
    // « en septembre dernier » (publication 2017-12) → the Astana agreement in 2017-09.
    let astana = find(&evs, "000", "AGREE", |e| codes(e, "actor").len() == 3);
    assert_eq!(astana[0]["date"], "2017-09");
    assert_eq!(astana[0]["date_precision"], "month");
    // The Erdogan–Trump call « samedi » (publication 2020-02): the month, not a made-up day.
    let call = find(&evs, "003", "CONSULT", |e| {
        let mut all = codes(e, "actor");
        all.extend(codes(e, "recipient"));
        all.contains(&"USA".into())
    });
    assert!(!call.is_empty());
    for e in &call {
        assert_eq!(e["date"], "2020-02");
        assert_eq!(e["date_precision"], "month");
        assert!(e["date_reason"].as_str().unwrap().contains("samedi"));
    }
    // « conclu en 2018 » → the Moscow–Ankara agreement in 2018.
    let agreement = find(&evs, "003", "AGREE", |e| codes(e, "actor") == ["RUS"]);
    assert_eq!(agreement[0]["date"], "2018");
    assert_eq!(agreement[0]["date_precision"], "year");
    // « il y a trois jours » (publication 2017-12) → a month range, not a day.
    let putin = find(&evs, "000", "ASSAULT", |e| {
        e["speaker"]["name"]
            .as_str()
            .is_some_and(|n| n.contains("Putin"))
    });
    assert_eq!(putin[0]["date_precision"], "month");
    assert_ne!(putin[0]["date"].as_str().map(str::len), Some(10));
}

#[test]
fn repeated_body_is_coded_once() {
    let evs = extract_seeds();
    let doc: Vec<&Value> = evs
        .iter()
        .filter(|e| e["doc_id"].as_str().unwrap().starts_with("003"))
        .collect();
    let mut keys: Vec<(String, String)> = doc
        .iter()
        .map(|e| (e["event_type"].to_string(), e["event_text"].to_string()))
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(
        keys.len(),
        n,
        "an event was coded twice from the repeated body"
    );
    // The repeated copy starts after the Erdogan paragraph: no event points into it.
    let text = std::fs::read_to_string(seed(SEED_2020)).unwrap();
    let body = text.split_once("2020-02 ").unwrap().1;
    let second = body
        .match_indices("La victoire sur le terrorisme")
        .nth(1)
        .unwrap()
        .0;
    let second_chars = body[..second].chars().count() as u64;
    assert!(doc
        .iter()
        .all(|e| e["text_info"]["start"].as_u64().unwrap() < second_chars));
}

#[test]
fn offsets_point_into_the_input_text() {
    let evs = extract_seeds();
    for (name, prefix) in [(SEED_2017, "000"), (SEED_2020, "003")] {
        let content = std::fs::read_to_string(seed(name)).unwrap();
        let text = content
            .trim_start()
            .splitn(3, char::is_whitespace)
            .nth(2)
            .unwrap()
            .trim_start();
        let chars: Vec<char> = text.chars().collect();
        for e in evs
            .iter()
            .filter(|e| e["doc_id"].as_str().unwrap().starts_with(prefix))
        {
            let s = e["event_start"].as_u64().unwrap() as usize;
            let t = e["event_end"].as_u64().unwrap() as usize;
            assert_eq!(
                chars[s..t].iter().collect::<String>(),
                e["event_text"].as_str().unwrap()
            );
            for a in e["actor"]
                .as_array()
                .unwrap()
                .iter()
                .chain(e["recipient"].as_array().unwrap())
            {
                let (s, t) = (
                    a["start"].as_u64().unwrap() as usize,
                    a["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(
                    chars[s..t].iter().collect::<String>(),
                    a["text"].as_str().unwrap()
                );
            }
            let (s, t) = (
                e["text_info"]["start"].as_u64().unwrap() as usize,
                e["text_info"]["end"].as_u64().unwrap() as usize,
            );
            assert!(
                s <= e["event_start"].as_u64().unwrap() as usize
                    && t >= e["event_end"].as_u64().unwrap() as usize
            );
        }
    }
}

#[test]
fn same_input_gives_same_ids() {
    let a: Vec<String> = extract_seeds()
        .iter()
        .map(|e| e["id"].to_string())
        .collect();
    let b: Vec<String> = extract_seeds()
        .iter()
        .map(|e| e["id"].to_string())
        .collect();
    assert_eq!(a, b);
    let mut unique = a.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), a.len(), "ids are unique");
}

#[test]
fn malformed_records_are_reported_and_the_rest_processed() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":\"ok1\",\"text\":\"Les soldats turcs ont attaqu\xc3\xa9 les forces syriennes.\",\"date\":\"2020-02\"}\n");
    input.extend_from_slice(b"{not json}\n");
    input.extend_from_slice(b"{\"id\":\"empty\",\"text\":\"\"}\n");
    input.extend_from_slice(
        b"{\"id\":\"baddate\",\"text\":\"La Russie a attaqu\xc3\xa9.\",\"date\":\"2020-02-30\"}\n",
    );
    input.extend_from_slice(b"\x00\x01\x02\xff\xfe garbage\n");
    input.extend_from_slice(b"{\"id\":\"utf8\",\"text\":\"caf\xe9\"}\n");
    input.extend_from_slice(b"{\"id\":\"ok2\",\"text\":\"The Turkish army attacked Kurdish rebels.\",\"date\":\"2019-10-09\"}\n");
    let out = run_with_stdin(&["extract", "-"], &input);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in [2, 3, 4, 5, 6] {
        assert!(
            stderr.contains(&format!("<stdin>:{line}:")),
            "no error for line {line}: {stderr}"
        );
    }
    let evs = events(&out);
    let docs: Vec<&str> = evs.iter().map(|e| e["doc_id"].as_str().unwrap()).collect();
    assert!(
        docs.contains(&"ok1") && docs.contains(&"ok2"),
        "good records still coded: {docs:?}"
    );
}

#[test]
fn huge_single_line_article_is_processed() {
    let sentence = "Les soldats turcs ont attaqué les forces syriennes dans la province d'Idleb. ";
    let text = sentence.repeat(10 * 1024 * 1024 / sentence.len() + 1);
    let line = serde_json::json!({"id": "big", "text": text, "lang": "fr"}).to_string();
    let out = run_with_stdin(&["extract", "-"], line.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Repeated sentences are one passage: coded once.
    assert_eq!(events(&out).len(), 1);
}

#[test]
fn readers_accept_directories_gzip_text_and_stdin() {
    let dir = std::env::temp_dir().join(format!("vigie-test-{}", std::process::id()));
    let sub = dir.join("nested");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        sub.join("a.txt"),
        "date 2020-02-15 Les soldats turcs ont attaqué les forces syriennes.",
    )
    .unwrap();
    let gz = std::fs::File::create(dir.join("b.jsonl.gz")).unwrap();
    let mut enc = flate2::write::GzEncoder::new(gz, flate2::Compression::default());
    enc.write_all(b"{\"id\":\"b\",\"text\":\"The Russian army attacked rebels in Idlib.\"}\n")
        .unwrap();
    enc.finish().unwrap();
    std::fs::write(dir.join("ignored.csv"), "x").unwrap();
    let out = vigie().arg("extract").arg(&dir).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let evs = events(&out);
    let a = evs
        .iter()
        .find(|e| e["doc_id"] == "a")
        .expect("text file coded");
    assert_eq!(a["date"], "2020-02-15");
    assert_eq!(a["date_precision"], "day");
    assert!(
        evs.iter().any(|e| e["doc_id"] == "b" && e["lang"] == "en"),
        "gzip JSONL coded as English"
    );
    let out = run_with_stdin(
        &["extract", "-", "--format", "csv"],
        b"date 2020-02 Les soldats turcs ont attaqu\xc3\xa9 les forces syriennes.",
    );
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.starts_with("id,doc_id,event_type"));
    assert!(csv.lines().nth(1).unwrap().contains("ASSAULT"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unsupported_language_is_reported_not_coded() {
    let input = "{\"id\":\"de\",\"text\":\"Die Bundesregierung hat am Mittwoch neue Sanktionen gegen Russland beschlossen und den Botschafter einbestellt.\"}\n";
    let out = run_with_stdin(&["extract", "-"], input.as_bytes());
    assert!(out.status.success());
    assert!(events(&out).is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("de: skipped: unsupported language"));
}

#[test]
fn explain_traces_the_decisions() {
    let out = run_with_stdin(
        &["extract", "--explain", "-"],
        "date 2020-02 Des combats entre forces turques et syriennes ont fait 14 morts.".as_bytes(),
    );
    let evs = events(&out);
    assert!(!evs.is_empty());
    assert!(evs[0]["explain"].as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn plover_dev_scores_hold() {
    let gold = repo().join("../shared/data/plover-gsr-dev/plover_gsr_dev.jsonl");
    if !gold.exists() {
        eprintln!("skipping: {} not present", gold.display());
        return;
    }
    let out = vigie()
        .args(["eval", "plover"])
        .arg(&gold)
        .output()
        .unwrap();
    assert!(out.status.success());
    let report = String::from_utf8_lossy(&out.stdout);
    let value = |key: &str| -> f64 {
        let line = report
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key} missing in {report}"));
        line[key.len()..]
            .trim_start_matches(':')
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(value("event-type recall") >= 0.75, "{report}");
    assert!(
        value("event-type precision (hits / distinct types coded)") >= 0.65,
        "{report}"
    );
    assert!(
        value("actor country-code recall on hits (source+target)") >= 0.70,
        "{report}"
    );
}

#[test]
fn regression_event_noun_at_the_very_end_of_a_text() {
    // An event noun as the last token once made the nationality lookup read past the end.
    let out = run_with_stdin(
        &["extract", "-"],
        "date 2020-02 Les forces turques ont lancé l'offensive".as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run_with_stdin(
        &["extract", "--lang", "en", "-"],
        b"{\"id\":\"e\",\"text\":\"Turkish troops began the offensive\"}",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn regression_count_lookahead_at_the_very_end_of_a_text() {
    // A killing trigger followed by « des » as the last word once read one token past the end.
    for text in [
        "date 2020-02 Trois soldats ont été abattus des",
        "date 2020-02 Les rebelles ont tué plusieurs",
        "date 2020-02 Ils ont tué des",
    ] {
        let out = run_with_stdin(&["extract", "-"], text.as_bytes());
        assert!(
            out.status.success(),
            "{text}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
