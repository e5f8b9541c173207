//! Tokens over the folded text: words (with French elision), numbers, punctuation.
//!
//! Hyphens inside words are not tokens (« États-Unis » and « Etats Unis » tokenise alike;
//! « a-t-il » gives `a t il`), so lexicon patterns need not care how a compound was written.

use crate::fold::Folded;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// One token. `start..end` are byte offsets in the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    /// The first input character was uppercase.
    pub upper: bool,
    /// White space separates this token from the previous one.
    pub space_before: bool,
    /// A line break separates this token from the previous one (paragraph boundary).
    pub newline_before: bool,
}

impl Token {
    pub fn text<'a>(&self, folded: &'a str) -> &'a str {
        &folded[self.start as usize..self.end as usize]
    }
}

/// French elided forms that keep their apostrophe as part of the token (l', d', qu'…).
const ELISIONS: [&str; 15] = [
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "quelqu",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits folded text into tokens.
pub fn tokenize(folded: &Folded) -> Vec<Token> {
    let text = folded.text.as_str();
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0usize;
    let mut space_before = false;
    let mut newline_before = false;
    while i < bytes.len() {
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            space_before = true;
            newline_before |= c == '\n' || c == '\r' || c == '\u{2029}';
            i += clen;
            continue;
        }
        let start = i;
        let kind;
        if is_word_char(c) {
            let numeric = c.is_ascii_digit();
            let mut j = i;
            while j < bytes.len() {
                let d = match text[j..].chars().next() {
                    Some(d) => d,
                    None => break,
                };
                if is_word_char(d) {
                    j += d.len_utf8();
                } else if numeric
                    && (d == '.' || d == ',')
                    && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let all_digits = text[i..j]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
            kind = if numeric && all_digits {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            // French elision: keep the apostrophe with the elided word.
            if kind == TokenKind::Word
                && bytes.get(j) == Some(&b'\'')
                && bytes
                    .get(j + 1)
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b >= 0x80)
                && ELISIONS.contains(&&text[i..j])
            {
                j += 1;
            }
            i = j;
        } else if c == '-' {
            // A hyphen joining two words is not a token.
            let prev_word = i > 0
                && tokens
                    .last()
                    .is_some_and(|t: &Token| t.end as usize == i && t.kind != TokenKind::Punct);
            let next_word = text[i + 1..].chars().next().is_some_and(is_word_char);
            if prev_word && next_word {
                i += 1;
                continue;
            }
            kind = TokenKind::Punct;
            i += clen;
        } else if c == '\''
            && bytes.get(i + 1) == Some(&b's')
            && !bytes.get(i + 2).is_some_and(|b| b.is_ascii_alphanumeric())
        {
            // English possessive 's.
            kind = TokenKind::Word;
            i += 2;
        } else {
            kind = TokenKind::Punct;
            i += clen;
        }
        tokens.push(Token {
            start: start as u32,
            end: i as u32,
            kind,
            upper: folded.upper.get(start).copied().unwrap_or(false),
            space_before,
            newline_before,
        });
        space_before = false;
        newline_before = false;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    fn words(s: &str) -> Vec<String> {
        let f = fold(s);
        tokenize(&f)
            .iter()
            .map(|t| t.text(&f.text).to_string())
            .collect()
    }

    #[test]
    fn french_elision_and_hyphens() {
        assert_eq!(
            words("l’Iran jusqu'à lorsqu'il"),
            ["l'", "iran", "jusqu'", "à", "lorsqu'", "il"]
        );
        assert_eq!(
            words("les États-Unis, a-t-il dit"),
            ["les", "etats", "unis", ",", "a", "t", "il", "dit"]
        );
        assert_eq!(words("cessez-le-feu"), ["cessez", "le", "feu"]);
    }

    #[test]
    fn numbers_and_possessives() {
        assert_eq!(
            words("30,4 secondes, 12 postes."),
            ["30,4", "secondes", ",", "12", "postes", "."]
        );
        assert_eq!(words("Syria's army"), ["syria", "'s", "army"]);
        assert_eq!(words("don't"), ["don", "'", "t"]);
    }

    #[test]
    fn case_flag_comes_from_input() {
        let f = fold("Le président Erdogan");
        let t = tokenize(&f);
        assert!(t[0].upper && !t[1].upper && t[2].upper);
    }
}
