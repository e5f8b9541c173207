//! End-to-end tests of `vigie timex` and `vigie eval timebank`.

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

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-timex-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

const SUMMARY_PREFIXES: [&str; 5] = [
    "documents: ",
    "strict span: P=",
    "relaxed span: P=",
    "type accuracy: ",
    "value: P=",
];

/// Runs `vigie eval timebank DIR`, expects success, returns the five summary lines.
fn eval_timebank_ok(dir: &Path) -> Vec<String> {
    let out = vigie()
        .args(["eval", "timebank"])
        .arg(dir)
        .output()
        .expect("run vigie");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_summary(&out)
}

/// The five summary lines, in order, at the end of stdout.
fn assert_summary(out: &Output) -> Vec<String> {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<String> = stdout.lines().map(str::to_string).collect();
    assert!(lines.len() >= 5, "five summary lines expected:\n{stdout}");
    let tail = &lines[lines.len() - 5..];
    for (line, prefix) in tail.iter().zip(SUMMARY_PREFIXES) {
        assert!(
            line.starts_with(prefix),
            "{line:?} should start with {prefix:?}"
        );
    }
    tail.to_vec()
}

#[test]
fn eval_timebank_parses_a_small_tml_file() {
    let dir = temp_dir("tml");
    std::fs::write(
        dir.join("doc1.tml"),
        r#"<?xml version='1.0' encoding='UTF-8'?>
<TimeML>
<DOCID>doc1</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t1" type="DATE" value="2002-01-22" /></DCT>
<TEXT>
Le ministre <EVENT class="OCCURRENCE" eid="e1" eiid="ei1">est arrivé</EVENT> <TIMEX3 tid="t2" type="DATE" value="2002-01-21">hier</TIMEX3> à Paris &amp; à Lyon.
</TEXT>
<TLINK eventInstanceID="ei1" lid="l1" relType="IS_INCLUDED" relatedToTime="t2" />
</TimeML>
"#,
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not TimeML").unwrap();
    let summary = eval_timebank_ok(&dir);
    assert!(
        summary[0].starts_with("documents: 1, gold timexes: 1, system timexes: "),
        "{}",
        summary[0]
    );

    // A malformed file is named, skipped, and makes the exit status 1.
    std::fs::write(
        dir.join("doc2.tml"),
        "<TimeML><DCT><TIMEX3 value=\"2002-01-22\"/></DCT><TEXT>a <TIMEX3 type=\"DATE\">b</TEXT>",
    )
    .unwrap();
    let out = vigie()
        .args(["eval", "timebank"])
        .arg(&dir)
        .output()
        .expect("run vigie");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("doc2.tml"), "stderr: {stderr}");
    let summary = assert_summary(&out);
    assert!(summary[0].starts_with("documents: 1, gold timexes: 1,"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn timex_reports_bad_records_and_keeps_going() {
    let dir = temp_dir("jsonl");
    let input = dir.join("articles.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id":"bad","text":"Le ministre est arrivé hier.","date":"2002-13-45"}"#,
            "\n",
            r#"{"id":"good","text":"Le ministre est arrivé hier à Paris, le 21 janvier 2002.","date":"2002-01-22"}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = vigie()
        .arg("timex")
        .arg(&input)
        .output()
        .expect("run vigie");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("articles.jsonl:1"), "stderr: {stderr}");
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: Value = serde_json::from_str(line).expect("each stdout line is JSON");
        assert_eq!(v["doc_id"], "good", "{line}");
        for field in ["start", "end"] {
            assert!(v[field].is_u64(), "{field} in {line}");
        }
        assert!(v["text"].is_string(), "{line}");
        assert!(
            ["DATE", "TIME", "DURATION", "SET"].contains(&v["type"].as_str().unwrap_or("")),
            "{line}"
        );
        for field in ["value", "precision", "range"] {
            assert!(v.get(field).is_some(), "{field} missing in {line}");
        }
        assert!(v["value"].is_null() || v["value"].is_string(), "{line}");
        assert!(
            v["range"].is_null() || v["range"].as_array().is_some_and(|a| a.len() == 2),
            "{line}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn eval_timebank_on_french_timebank_dev() {
    let dir = repo().join("../shared/data/fr-timebank-dev");
    if !dir.is_dir() {
        eprintln!("skipped: {} not present", dir.display());
        return;
    }
    let summary = eval_timebank_ok(&dir);
    eprintln!("{}", summary.join("\n"));
    // "relaxed span: P=… R=… F1=0.xxx" and "value: P=… R=… F1=0.xxx".
    let f1 = |line: &str| -> f64 {
        line.rsplit("F1=")
            .next()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0.0)
    };
    let relaxed = f1(&summary[2]);
    let value = f1(&summary[4]);
    assert!(relaxed >= 0.85, "relaxed span F1 {relaxed} < 0.85");
    assert!(value >= 0.75, "value F1 {value} < 0.75");
}
