use super::*;

fn lex() -> TimeLexicon {
    TimeLexicon::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"))
        .expect("time lexicon")
}

fn one(lex: &TimeLexicon, text: &str, lang: Lang, dct: &str) -> Vec<(String, Option<String>)> {
    let dct = PubDate::parse(dct).unwrap();
    tag(lex, text, lang, Some(&dct))
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

#[test]
fn data_files_load() {
    let l = lex();
    assert!(l.fr.rules.len() > 10 && l.en.rules.len() > 10);
}

#[test]
fn counts_after_de_are_not_years() {
    let l = lex();
    for text in [
        "Plus de 2000 manifestants ont défilé.",
        "Près de 2000 personnes étaient présentes.",
        "Le cortège de 2000 gilets jaunes est parti à midi.",
        "Un nombre record d'interpellations (près de 2000), selon la police.",
        "On parle de 2000 à 3000 blessés légers.",
    ] {
        let found = one(&l, text, Lang::Fr, "2019-02-09");
        assert!(
            found.iter().all(|(_, v)| v.as_deref() != Some("2000")),
            "{text}: {found:?}"
        );
    }
    for (text, year) in [
        ("La crise de 2008 a ruiné le pays.", "2008"),
        (
            "Les attentats de 2015 sont dans toutes les mémoires.",
            "2015",
        ),
        ("Le texte date de 2017.", "2017"),
    ] {
        let found = one(&l, text, Lang::Fr, "2019-02-09");
        assert!(
            found.iter().any(|(_, v)| v.as_deref() == Some(year)),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn basic_french() {
    let l = lex();
    assert_eq!(
        one(&l, "Il est arrivé hier.", Lang::Fr, "2002-02-09"),
        [("hier".to_string(), Some("2002-02-08".to_string()))]
    );
}
