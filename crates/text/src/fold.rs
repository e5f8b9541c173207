//! Lossy matching form of a text, with a map back to the input.
//!
//! The display text is never changed: offsets we print count code points in the input as
//! given. Matching happens on a *folded* copy (lowercase, accents and ligatures removed,
//! typographic apostrophes, quotes, hyphens and spaces unified, compatibility forms
//! decomposed), and every folded byte remembers which input code point it came from.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The folded text and, for each of its bytes, the index of the input code point it came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// `origin[i]` = code-point index in the input of folded byte `i`; one extra entry at the
    /// end holds the input's length in code points.
    pub origin: Vec<u32>,
    /// `upper[i]` = the input code point of folded byte `i` was an uppercase letter.
    pub upper: Vec<bool>,
}

impl Folded {
    /// Input code-point index where folded byte `byte` starts.
    pub fn char_at(&self, byte: usize) -> usize {
        self.origin[byte.min(self.origin.len() - 1)] as usize
    }

    /// Input code-point span `[start, end)` for the folded byte span `[start, end)`.
    pub fn char_span(&self, start: usize, end: usize) -> (usize, usize) {
        if end <= start {
            let c = self.char_at(start);
            return (c, c);
        }
        // The end is one past the code point of the last folded byte.
        (self.char_at(start), self.char_at(end - 1) + 1)
    }
}

/// Folds one character into `out` (possibly as nothing, e.g. a soft hyphen).
#[inline]
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' | '\u{0060}' => {
            out.push('\'')
        }
        // Opening and closing quotes stay distinct so the sentence splitter can track depth.
        '\u{00AB}' | '\u{201C}' | '\u{201E}' | '\u{2039}' => out.push('\u{00AB}'),
        '\u{00BB}' | '\u{201D}' | '\u{201F}' | '\u{203A}' => out.push('\u{00BB}'),
        '\u{2010}' | '\u{2011}' | '\u{2212}' => out.push('-'),
        '\u{2013}' | '\u{2014}' | '\u{2015}' => out.push('\u{2013}'),
        '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{200A}' | '\u{2002}'
        | '\u{2003}' | '\u{3000}' => out.push(' '),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => {}
        // « à » (preposition) and « a » (has) must stay apart: matching relies on it.
        '\u{00E0}' | '\u{00C0}' => out.push('\u{00E0}'),
        '\u{0153}' | '\u{0152}' => out.push_str("oe"),
        '\u{00E6}' | '\u{00C6}' => out.push_str("ae"),
        '\u{00DF}' => out.push_str("ss"),
        '\u{2026}' => out.push_str("..."),
        c if is_combining_mark(c) => {}
        c => {
            let mut any = false;
            decompose_compatible(c, |d| {
                if !is_combining_mark(d) {
                    any = true;
                    for l in d.to_lowercase().filter(|l| !is_combining_mark(*l)) {
                        // The decomposition may itself need folding (a ligature, a quote).
                        if l == c {
                            out.push(l);
                        } else {
                            fold_char(l, out);
                        }
                    }
                }
            });
            if !any {
                // Keep something so the character still occupies a position.
                out.push(' ');
            }
        }
    }
}

/// Folds `input` for matching, keeping the offset map.
pub fn fold(input: &str) -> Folded {
    let mut text = String::with_capacity(input.len() + 8);
    let mut origin = Vec::with_capacity(input.len() + 9);
    let mut upper = Vec::with_capacity(input.len() + 8);
    let mut count = 0u32;
    for (ci, c) in input.chars().enumerate() {
        fold_char(c, &mut text);
        origin.resize(text.len(), ci as u32);
        upper.resize(text.len(), c.is_uppercase());
        count = ci as u32 + 1;
    }
    origin.push(count);
    Folded {
        text,
        origin,
        upper,
    }
}

/// Folds a short string without keeping the map (lexicon patterns, lookups).
pub fn fold_str(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        fold_char(c, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_case_accents_and_typography() {
        assert_eq!(
            fold_str("États-Unis d’Amérique « Œuvre »"),
            "etats-unis d'amerique « oeuvre »"
        );
        assert_eq!(fold_str("Çavuşoğlu"), "cavusoglu");
        // Decomposed input folds like precomposed input.
        assert_eq!(fold_str("e\u{301}te\u{301}"), fold_str("été"));
    }

    #[test]
    fn map_points_back_to_input_code_points() {
        let input = "l’Œuvre de Sergueï";
        let f = fold(input);
        let pos = f.text.find("serguei").unwrap();
        let (s, e) = f.char_span(pos, pos + "serguei".len());
        let chars: Vec<char> = input.chars().collect();
        assert_eq!(chars[s..e].iter().collect::<String>(), "Sergueï");
        let pos = f.text.find("oeuvre").unwrap();
        let (s, e) = f.char_span(pos, pos + 6);
        assert_eq!(chars[s..e].iter().collect::<String>(), "Œuvre");
    }

    proptest! {
        #[test]
        fn offsets_are_monotonic_and_in_range(s in "\\PC{0,80}") {
            let f = fold(&s);
            let n = s.chars().count();
            prop_assert_eq!(f.origin.len(), f.text.len() + 1);
            prop_assert_eq!(*f.origin.last().unwrap() as usize, n);
            for w in f.origin.windows(2) {
                prop_assert!(w[0] <= w[1]);
            }
            for &o in &f.origin { prop_assert!(o as usize <= n); }
        }

        #[test]
        fn folding_is_idempotent(s in "\\PC{0,80}") {
            let once = fold_str(&s);
            prop_assert_eq!(fold_str(&once), once.clone());
        }
    }
}
