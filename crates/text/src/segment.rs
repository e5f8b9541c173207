//! Sentences and paragraphs, and passages an article repeats.
//!
//! The splitter works on tokens, so abbreviations (« M. », « Mme », « U.S. »), initials,
//! decimals and guillemets are decided once, the same way for every language. Scraped news
//! often glues sentences together (`défense."Les`, `ajouté.Le`): a terminal mark directly
//! followed by a capital or an opening quote still ends the sentence.

use crate::token::{Token, TokenKind};
use std::collections::{HashMap, HashSet};

/// One sentence: a token range, its paragraph, and whether it repeats an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    pub paragraph: usize,
    /// The same sentence (same words) already occurred earlier in the article: code it once.
    pub repeated: bool,
}

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?")
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "»" | ")" | "]" | "'")
}

fn is_opening(s: &str) -> bool {
    matches!(s, "\"" | "«" | "(" | "[" | "\u{2013}" | "-")
}

/// Splits tokens into sentences. `abbreviations` holds folded abbreviations without their
/// final period (`m`, `mme`, `dr`, `janv`, `u.s`).
pub fn split_sentences<S: std::hash::BuildHasher>(
    text: &str,
    tokens: &[Token],
    abbreviations: &HashSet<String, S>,
) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0usize;
    let mut paragraph = 0usize;
    let mut guillemet_depth = 0i32;
    let mut i = 0usize;
    let n = tokens.len();
    let push = |sentences: &mut Vec<Sentence>, first: usize, last: usize, paragraph: usize| {
        if last > first {
            sentences.push(Sentence {
                first,
                last,
                paragraph,
                repeated: false,
            });
        }
    };
    while i < n {
        let tok = &tokens[i];
        if tok.newline_before && i > first {
            push(&mut sentences, first, i, paragraph);
            first = i;
            paragraph += 1;
            guillemet_depth = 0;
        } else if tok.newline_before && i == first && i > 0 {
            paragraph += 1;
            guillemet_depth = 0;
        }
        // Headlines glued to each other or to the body with a run of spaces and no full
        // stop (« 48 policiers  Des gilets jaunes… »): a capitalised word after two or more
        // spaces that follow a word starts a sentence.
        if i > first
            && tok.kind == TokenKind::Word
            && tok.upper
            && tokens[i - 1].kind == TokenKind::Word
            && guillemet_depth == 0
        {
            let gap = text
                .get(tokens[i - 1].end as usize..tok.start as usize)
                .unwrap_or("");
            if gap.chars().count() >= 2 && gap.chars().all(char::is_whitespace) {
                push(&mut sentences, first, i, paragraph);
                first = i;
            }
        }
        let t = tok.text(text);
        match t {
            "«" => guillemet_depth += 1,
            "»" => guillemet_depth = (guillemet_depth - 1).max(0),
            _ => {}
        }
        if tok.kind == TokenKind::Punct && is_terminal(t) {
            // Skip runs of terminal marks ("...", "?!").
            let mut end = i + 1;
            while end < n
                && tokens[end].kind == TokenKind::Punct
                && !tokens[end].space_before
                && is_terminal(tokens[end].text(text))
            {
                end += 1;
            }
            if t == "." && end == i + 1 && is_abbreviation(text, tokens, i, abbreviations) {
                i += 1;
                continue;
            }
            // Closing quotes and brackets belong to this sentence unless glued to a word after
            // them, in which case the quote opens the next sentence.
            while end < n
                && tokens[end].kind == TokenKind::Punct
                && !tokens[end].space_before
                && is_closing(tokens[end].text(text))
            {
                let glued_to_next = end + 1 < n
                    && !tokens[end + 1].space_before
                    && tokens[end + 1].kind == TokenKind::Word;
                if glued_to_next && tokens[end].text(text) != "»" {
                    break;
                }
                if tokens[end].text(text) == "»" {
                    guillemet_depth = (guillemet_depth - 1).max(0);
                }
                end += 1;
            }
            let boundary = if end >= n {
                true
            } else {
                let next = &tokens[end];
                let nt = next.text(text);
                let starts_sentence = next.upper
                    || (next.kind == TokenKind::Punct && is_opening(nt))
                    || next.newline_before;
                starts_sentence && guillemet_depth == 0
            };
            if boundary {
                push(&mut sentences, first, end, paragraph);
                first = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push(&mut sentences, first, n, paragraph);
    sentences
}

/// A period after an abbreviation, an initial (« G. W. Bush ») or inside an acronym
/// (« U.S. ») does not end a sentence.
fn is_abbreviation<S: std::hash::BuildHasher>(
    text: &str,
    tokens: &[Token],
    dot: usize,
    abbreviations: &HashSet<String, S>,
) -> bool {
    if dot == 0 {
        return false;
    }
    let prev = &tokens[dot - 1];
    if prev.kind != TokenKind::Word || tokens[dot].space_before {
        return false;
    }
    let word = prev.text(text);
    // Single capital letter: an initial or part of an acronym.
    if word.chars().count() == 1 && prev.upper {
        return true;
    }
    if abbreviations.contains(word) {
        return true;
    }
    // Dotted acronyms: "u.s" in U.S. — the previous-previous token is a dot glued to a letter.
    if dot >= 2 && tokens[dot - 2].text(text) == "." && !prev.space_before {
        let mut key = String::new();
        let mut k = dot - 1;
        loop {
            key.insert_str(0, tokens[k].text(text));
            if k == 0 || tokens[k].space_before {
                break;
            }
            k -= 1;
        }
        if abbreviations.contains(&key) {
            return true;
        }
    }
    false
}

/// Marks sentences whose words already appeared, in the same order, earlier in the article.
/// Short sentences (fewer than `min_words` words) are never marked: « Oui. » may repeat.
pub fn mark_repeated(text: &str, tokens: &[Token], sentences: &mut [Sentence], min_words: usize) {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    for (index, sentence) in sentences.iter_mut().enumerate() {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut words = 0;
        for tok in &tokens[sentence.first..sentence.last] {
            if tok.kind == TokenKind::Punct {
                continue;
            }
            words += 1;
            for b in tok.text(text).bytes().chain(std::iter::once(b' ')) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        if words < min_words {
            continue;
        }
        if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(hash) {
            e.insert(index);
        } else {
            sentence.repeated = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;
    use crate::token::tokenize;

    fn abbrevs() -> HashSet<String> {
        ["m", "mme", "dr", "st", "janv", "u.s", "mr"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn split(s: &str) -> Vec<String> {
        let f = fold(s);
        let toks = tokenize(&f);
        let sents = split_sentences(&f.text, &toks, &abbrevs());
        let chars: Vec<char> = s.chars().collect();
        sents
            .iter()
            .map(|se| {
                let (a, _) =
                    f.char_span(toks[se.first].start as usize, toks[se.first].end as usize);
                let (_, b) = f.char_span(
                    toks[se.last - 1].start as usize,
                    toks[se.last - 1].end as usize,
                );
                chars[a..b].iter().collect()
            })
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            split(
                "M. Dupont a vu Mme Durand le 3 janv. 2020. Le Dr. Who est là. G. W. Bush aussi."
            ),
            [
                "M. Dupont a vu Mme Durand le 3 janv. 2020.",
                "Le Dr. Who est là.",
                "G. W. Bush aussi."
            ]
        );
        assert_eq!(
            split("The U.S. Army left. It rained."),
            ["The U.S. Army left.", "It rained."]
        );
    }

    #[test]
    fn glued_sentences_are_split() {
        assert_eq!(
            split(
                "Il a parlé de défense.\"Les Etats-Unis ont dit\", a-t-il ajouté.Le régime mène."
            ),
            [
                "Il a parlé de défense.",
                "\"Les Etats-Unis ont dit\", a-t-il ajouté.",
                "Le régime mène."
            ]
        );
    }

    #[test]
    fn headlines_glued_by_spaces_are_split() {
        assert_eq!(
            split(
                "57 blessés dont 48 policiers  Des gilets jaunes au sommet  Le gouvernement cède."
            ),
            [
                "57 blessés dont 48 policiers",
                "Des gilets jaunes au sommet",
                "Le gouvernement cède."
            ]
        );
        // One space, or a lowercase word after two, joins nothing new.
        assert_eq!(
            split("Il a vu Paris  et Lyon."),
            ["Il a vu Paris  et Lyon."]
        );
    }

    #[test]
    fn guillemets_and_colons_hold_together() {
        assert_eq!(
            split("« Nous partons. Vous restez », a-t-il dit : c'est fini. Ensuite, rien."),
            [
                "« Nous partons. Vous restez », a-t-il dit : c'est fini.",
                "Ensuite, rien."
            ]
        );
    }

    #[test]
    fn paragraphs_always_split() {
        let f = fold("Titre sans point\nLe corps commence ici.");
        let toks = tokenize(&f);
        let s = split_sentences(&f.text, &toks, &abbrevs());
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].paragraph, s[1].paragraph), (0, 1));
    }

    #[test]
    fn repeated_body_is_marked() {
        let text = "Le régime mène une offensive dans la province. La Turquie dispose de postes.\n\nLe régime mène une offensive dans la province.La Turquie dispose de postes. Oui. Oui.";
        let f = fold(text);
        let toks = tokenize(&f);
        let mut s = split_sentences(&f.text, &toks, &abbrevs());
        mark_repeated(&f.text, &toks, &mut s, 4);
        let flags: Vec<bool> = s.iter().map(|x| x.repeated).collect();
        assert_eq!(flags, [false, false, true, true, false, false]);
    }
}
