//! The scripts that rebuild derived data files run on tiny fixtures, and what they write
//! loads as a lexicon. Skipped (with a message) where no `python3` is installed.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> Option<&'static str> {
    Command::new("python3")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "python3")
}

fn run_script(args: &[&str]) -> String {
    let py = python().expect("python3");
    let out = Command::new(py)
        .current_dir(repo())
        .args(args)
        .output()
        .expect("run script");
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn lemma_and_country_scripts_rebuild_from_fixtures() {
    if python().is_none() {
        eprintln!("skipping: python3 not installed");
        return;
    }
    let dir = std::env::temp_dir().join(format!("vigie-scripts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lemmas = dir.join("lemmas.tsv");
    run_script(&[
        "scripts/build_lemmas.py",
        "--lang",
        "fr",
        "--from-file",
        "scripts/fixtures/lexique-mini.tsv",
        "--out",
        lemmas.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&lemmas).unwrap();
    assert!(text.lines().any(|l| l == "rencontré\trencontrer"), "{text}");
    assert!(text.lines().any(|l| l == "tués\ttuer"), "{text}");
    assert!(text.starts_with('#'), "attribution header kept");

    let countries = dir.join("countries.tsv");
    run_script(&[
        "scripts/build_countries.py",
        "--from-file",
        "scripts/fixtures/world-countries-mini.json",
        "--out",
        countries.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&countries).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("Syrie\tSYR\tname")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("syriennes\tSYR\tdemonym")),
        "{text}"
    );
    // Deterministic: a second run writes the same bytes.
    let again = dir.join("countries2.tsv");
    run_script(&[
        "scripts/build_countries.py",
        "--from-file",
        "scripts/fixtures/world-countries-mini.json",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read(&countries).unwrap(),
        std::fs::read(&again).unwrap()
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn phoenix_actor_script_matches_the_committed_file() {
    let source = repo().join("../shared/data/petrarch2-dictionaries");
    if python().is_none() || !source.exists() {
        eprintln!("skipping: python3 or ../shared/data/petrarch2-dictionaries missing");
        return;
    }
    let out = std::env::temp_dir().join(format!("vigie-actors-{}.tsv", std::process::id()));
    run_script(&[
        "scripts/build_actors_phoenix.py",
        source.to_str().unwrap(),
        out.to_str().unwrap(),
    ]);
    let rebuilt = std::fs::read(&out).unwrap();
    let committed = std::fs::read(repo().join("data/lexicon/actors_phoenix.tsv")).unwrap();
    assert!(
        rebuilt == committed,
        "data/lexicon/actors_phoenix.tsv is not what its script builds"
    );
    std::fs::remove_file(&out).ok();
}
