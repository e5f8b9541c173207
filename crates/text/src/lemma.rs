//! Lemma tables (form → lemma), loaded from `data/lexicon/{lang}/lemmas.tsv`.

use crate::fold::fold_str;
use rustc_hash::FxHashMap as HashMap;

#[derive(Debug, Default, Clone)]
pub struct Lemmas {
    map: HashMap<Box<str>, Box<str>>,
}

impl Lemmas {
    /// Parses `form<TAB>lemma` lines; comments and malformed lines are skipped and counted.
    pub fn parse(tsv: &str) -> (Lemmas, usize) {
        let mut map = HashMap::default();
        let mut bad = 0;
        for line in tsv.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            match (cols.next(), cols.next()) {
                (Some(form), Some(lemma)) if !form.is_empty() && !lemma.is_empty() => {
                    map.entry(fold_str(form).into_boxed_str())
                        .or_insert_with(|| fold_str(lemma).into_boxed_str());
                }
                _ => bad += 1,
            }
        }
        (Lemmas { map }, bad)
    }

    /// The lemma of a folded form, if the table knows it.
    pub fn get(&self, folded_form: &str) -> Option<&str> {
        self.map.get(folded_form).map(|s| &**s)
    }

    /// Every (folded form, folded lemma) pair.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(f, l)| (&**f, &**l))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
