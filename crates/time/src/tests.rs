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
fn basic_french() {
    let l = lex();
    assert_eq!(
        one(&l, "Il est arrivé hier.", Lang::Fr, "2002-02-09"),
        [("hier".to_string(), Some("2002-02-08".to_string()))]
    );
}
