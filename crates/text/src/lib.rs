//! Text stage: from an article's raw text to folded tokens grouped in sentences.
//!
//! The stage never changes the text the user sees: it builds a folded copy for matching
//! ([`fold`]) with a map back to input code points, tokenises it ([`token`]), splits
//! sentences and marks repeated passages ([`segment`]), and identifies the language
//! ([`lang`]). Lemmas come from data tables ([`lemma`]).

pub mod fold;
pub mod lang;
pub mod lemma;
pub mod segment;
pub mod token;

pub use fold::{fold, fold_str, Folded};
pub use lang::{Identified, Lang, LanguageIdentifier};
pub use lemma::Lemmas;
pub use segment::Sentence;
pub use token::{Token, TokenKind};

use std::collections::HashSet;

/// An article's text prepared for the coder.
#[derive(Debug, Clone, Default)]
pub struct Analysed {
    pub folded: Folded,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl Analysed {
    /// Input code-point span of tokens `first..last`.
    pub fn span(&self, first: usize, last: usize) -> (usize, usize) {
        if first >= last || last > self.tokens.len() {
            let at = self
                .tokens
                .get(first)
                .map(|t| self.folded.char_at(t.start as usize))
                .unwrap_or(0);
            return (at, at);
        }
        let start = self.tokens[first].start as usize;
        let end = self.tokens[last - 1].end as usize;
        self.folded.char_span(start, end)
    }

    pub fn token_text(&self, i: usize) -> &str {
        self.tokens[i].text(&self.folded.text)
    }

    /// Are tokens `first..last` a piece of a hyphenated compound, a hyphen glued between
    /// them and a word on either side (« Elysées » in « Champs-Elysées », « Cher » in
    /// « Loir-et-Cher »)? Read on the characters, whether or not the tokeniser kept the
    /// hyphen as a token.
    pub fn in_hyphenated_compound(&self, first: usize, last: usize) -> bool {
        let (Some(s), Some(e)) = (
            self.tokens.get(first),
            last.checked_sub(1).and_then(|l| self.tokens.get(l)),
        ) else {
            return false;
        };
        let text = self.folded.text.as_str();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut before = text[..s.start as usize].chars().rev();
        let mut after = text[e.end as usize..].chars();
        (before.next() == Some('-') && word(before.next()))
            || (after.next() == Some('-') && word(after.next()))
    }
}

/// Folds, tokenises and segments `text`. Sentences with at least `min_repeat_words` words
/// that repeat an earlier sentence are marked `repeated`.
pub fn analyse<S: std::hash::BuildHasher>(
    text: &str,
    abbreviations: &HashSet<String, S>,
) -> Analysed {
    let folded = fold(text);
    let tokens = token::tokenize(&folded);
    let mut sentences = segment::split_sentences(&folded.text, &tokens, abbreviations);
    segment::mark_repeated(&folded.text, &tokens, &mut sentences, 5);
    Analysed {
        folded,
        tokens,
        sentences,
    }
}

/// Slices `text` by code-point offsets (what the contract's offsets mean).
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let s = indices.nth(start).unwrap_or(text.len());
    let e = if end > start {
        indices.nth(end - start - 1).unwrap_or(text.len())
    } else {
        s
    };
    &text[s..e]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slice_chars_counts_code_points() {
        assert_eq!(slice_chars("« Alep »", 2, 6), "Alep");
        assert_eq!(slice_chars("abc", 1, 1), "");
        assert_eq!(slice_chars("abc", 2, 10), "c");
    }

    #[test]
    fn pieces_of_hyphenated_compounds_are_told_apart() {
        let a = analyse(
            "Sur les Champs-Elysées, près du Loir-et-Cher - et à Paris.",
            &HashSet::new(),
        );
        let find = |w: &str| (0..a.tokens.len()).find(|&i| a.token_text(i) == w).unwrap();
        assert!(a.in_hyphenated_compound(find("elysees"), find("elysees") + 1));
        assert!(a.in_hyphenated_compound(find("champs"), find("champs") + 1));
        assert!(a.in_hyphenated_compound(find("cher"), find("cher") + 1));
        // A dash between spaces joins nothing.
        assert!(!a.in_hyphenated_compound(find("paris"), find("paris") + 1));
        assert!(!a.in_hyphenated_compound(find("sur"), find("sur") + 1));
    }

    proptest! {
        #[test]
        fn sentence_spans_point_into_the_input(s in "(\\PC|[.«»\"\n ]){0,120}") {
            let analysed = analyse(&s, &HashSet::new());
            let n = s.chars().count();
            let mut prev_end = 0;
            for sentence in &analysed.sentences {
                let (a, b) = analysed.span(sentence.first, sentence.last);
                prop_assert!(a <= b && b <= n);
                prop_assert!(a >= prev_end);
                prev_end = b;
            }
            for t in &analysed.tokens {
                let (a, b) = analysed.folded.char_span(t.start as usize, t.end as usize);
                prop_assert!(a < b && b <= n);
            }
        }
    }
}
