//! Token patterns and the automaton that finds them.
//!
//! Every word a pattern uses is interned once in a [`Vocab`]; a text token is looked up once
//! (surface form → surface id and lemma id), after which matching compares integers. A
//! pattern token matches a text token when it equals the token's surface id, its lemma id, or
//! when both lemmatise to the same id.

use rustc_hash::FxHashMap as HashMap;
use vigie_text::{fold_str, Folded, Lemmas, Token, TokenKind};

pub const NONE: u32 = u32::MAX;

/// Maximum tokens a `*` gap may skip.
pub const MAX_GAP: usize = 3;

/// Interned pattern words, plus for every known form the id of its lemma.
#[derive(Debug, Default)]
pub struct Vocab {
    ids: HashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    /// Per language slot: folded form → (surface id, lemma id), see [`Vocab::attach_lemmas`].
    forms: Vec<HashMap<Box<str>, (u32, u32)>>,
}

impl Vocab {
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.into());
        self.ids.insert(word.into(), id);
        id
    }

    pub fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map(|w| &**w).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Builds one form table per language slot once all patterns are interned. Lemmas of
    /// pattern words are interned too, so « soldats » in a pattern also matches « soldat ».
    /// Only forms whose lemma some pattern uses are kept: one hash probe per text token.
    pub fn attach_lemmas(&mut self, tables: &[&Lemmas]) {
        let pattern_words: Vec<Box<str>> = self.words.clone();
        for table in tables {
            for word in &pattern_words {
                if let Some(lemma) = table.get(word) {
                    self.intern(lemma);
                }
            }
        }
        self.forms = tables
            .iter()
            .map(|table| {
                let mut forms: HashMap<Box<str>, (u32, u32)> = HashMap::default();
                for (id, word) in self.words.iter().enumerate() {
                    let lemma = table
                        .get(word)
                        .and_then(|l| self.ids.get(l).copied())
                        .unwrap_or(NONE);
                    forms.insert(word.clone(), (id as u32, lemma));
                }
                for (form, lemma) in table.iter() {
                    if let Some(&lemma_id) = self.ids.get(lemma) {
                        forms.entry(form.into()).or_insert((NONE, lemma_id));
                    }
                }
                forms
            })
            .collect();
    }

    /// (surface id, lemma id) of a folded text token, with the lemmas of language `slot`.
    #[inline]
    pub fn lookup(&self, slot: usize, folded: &str) -> (u32, u32) {
        match self.forms.get(slot) {
            Some(forms) => forms.get(folded).copied().unwrap_or((NONE, NONE)),
            None => (self.id(folded).unwrap_or(NONE), NONE),
        }
    }

    /// The lemma id of a pattern word (itself when it has none).
    pub fn lemma_of(&self, slot: usize, id: u32) -> u32 {
        let (_, lemma) = self.lookup(slot, self.word(id));
        if lemma == NONE {
            id
        } else {
            lemma
        }
    }
}

/// How a pattern word matches inflected text words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inflection {
    /// The word itself or a form whose lemma it is: names and agents, where « dirigeant »
    /// must not match « diriger » nor « pouvoir » match « peut ».
    Strict,
    /// Also the lemma of an inflected pattern word: function-word cues, where « été » must
    /// still not match « est ».
    Normal,
    /// Also any inflection of the same lemma: triggers (adjective agreement).
    Loose,
}

/// One element of a compiled pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatTok {
    Word { id: u32, lemma: u32 },
    Gap,
}

/// A text token as the matcher sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokId {
    pub surface: u32,
    pub lemma: u32,
    pub upper: bool,
    pub punct: bool,
}

impl TokId {
    #[inline]
    fn matches(&self, p: PatTok, mode: Inflection) -> bool {
        match p {
            PatTok::Word { id, lemma } => {
                // Same word, or the pattern wrote the lemma (« rencontrer » ~ « rencontré »).
                id == self.surface
                    || id == self.lemma
                    // The text wrote the lemma of an inflected pattern word (« soldats » ~
                    // « soldat »).
                    || (mode != Inflection::Strict && lemma == self.surface)
                    // Two inflections of one lemma (« frappes aériennes » ~ « frappe aérienne »).
                    || (mode == Inflection::Loose && self.lemma != NONE && lemma == self.lemma)
            }
            PatTok::Gap => true,
        }
    }
}

/// Looks every token of a document up in the vocabulary.
pub fn token_ids(vocab: &Vocab, slot: usize, folded: &Folded, tokens: &[Token]) -> Vec<TokId> {
    let mut scratch = String::new();
    tokens
        .iter()
        .map(|t| {
            let word = t.text(&folded.text);
            let (surface, mut lemma) = vocab.lookup(slot, word);
            if lemma == NONE && surface == NONE && t.kind == TokenKind::Word {
                lemma = guess_lemma(vocab, slot, word, &mut scratch);
            }
            TokId {
                surface,
                lemma,
                upper: t.upper,
                punct: t.kind == TokenKind::Punct,
            }
        })
        .collect()
}

/// Regular inflections the lemma tables may lack (« éradiqués » → « éradiquer »,
/// "shelled" → "shell"): only a candidate some pattern uses is accepted.
const SUFFIXES: [&[(&str, &str)]; 2] = [
    &[
        ("ees", "er"),
        ("es", "er"),
        ("ee", "er"),
        ("e", "er"),
        ("ant", "er"),
        ("s", ""),
    ],
    &[
        ("ied", "y"),
        ("ies", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
    ],
];

fn guess_lemma(vocab: &Vocab, slot: usize, word: &str, scratch: &mut String) -> u32 {
    let Some(rules) = SUFFIXES.get(slot) else {
        return NONE;
    };
    for (suffix, replacement) in rules.iter() {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() < 3 {
                continue;
            }
            scratch.clear();
            scratch.push_str(stem);
            scratch.push_str(replacement);
            if let Some(id) = vocab.id(scratch) {
                return id;
            }
        }
    }
    NONE
}

fn starts_upper(pattern: &str) -> bool {
    pattern
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Tokenises a pattern written as natural text into folded words.
pub fn pattern_words(pattern: &str) -> Vec<String> {
    let folded = vigie_text::fold(pattern);
    let tokens = vigie_text::token::tokenize(&folded);
    tokens
        .iter()
        .map(|t| t.text(&folded.text).to_string())
        .collect()
}

/// A set of patterns with payloads of type `T`, indexed by the id of their first word.
#[derive(Debug)]
pub struct PatternSet<T> {
    patterns: Vec<(Vec<PatTok>, bool, T)>,
    /// Patterns by first word id, as a compressed row index: the patterns starting with word
    /// `id` are `first_patterns[first_offsets[id]..first_offsets[id + 1]]`.
    first_offsets: Vec<u32>,
    first_patterns: Vec<u32>,
    /// How far a pattern word may stretch across inflections (see [`Inflection`]).
    pub inflection: Inflection,
}

impl<T> Default for PatternSet<T> {
    fn default() -> Self {
        PatternSet {
            patterns: Vec::new(),
            first_offsets: Vec::new(),
            first_patterns: Vec::new(),
            inflection: Inflection::Loose,
        }
    }
}

/// A match: the pattern's payload and the token range it covers.
#[derive(Debug)]
pub struct Match<'a, T> {
    pub start: usize,
    pub end: usize,
    pub payload: &'a T,
    pub pattern: usize,
}

impl<T> Clone for Match<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Match<'_, T> {}

impl<T> PatternSet<T> {
    /// Adds a pattern and, for French, its elided form when it ends in an elidable word
    /// (« la mort de » also as « la mort d' », since the tokenizer keeps « d' » whole).
    pub fn add_elided(&mut self, vocab: &mut Vocab, pattern: &str, payload: T) -> bool
    where
        T: Clone,
    {
        let needs_upper = starts_upper(pattern);
        let mut words = pattern_words(pattern);
        let added = self.add_words(vocab, &words, needs_upper, payload.clone());
        let elided = match words.last().map(String::as_str) {
            Some("de") => Some("d'"),
            Some("que") => Some("qu'"),
            Some("le") | Some("la") => Some("l'"),
            Some("se") => Some("s'"),
            Some("ne") => Some("n'"),
            _ => None,
        };
        if let (Some(e), true) = (elided, words.len() > 1) {
            if let Some(last) = words.last_mut() {
                *last = e.to_string();
            }
            self.add_words(vocab, &words, needs_upper, payload);
        }
        added
    }

    /// Adds a pattern; returns false if it has no word.
    pub fn add(&mut self, vocab: &mut Vocab, pattern: &str, payload: T) -> bool {
        self.add_words(
            vocab,
            &pattern_words(pattern),
            starts_upper(pattern),
            payload,
        )
    }

    fn add_words(
        &mut self,
        vocab: &mut Vocab,
        words: &[String],
        needs_upper: bool,
        payload: T,
    ) -> bool {
        let mut toks = Vec::with_capacity(words.len());
        for w in words {
            if w == "*" {
                toks.push(PatTok::Gap);
            } else {
                let id = vocab.intern(w);
                toks.push(PatTok::Word { id, lemma: id });
            }
        }
        while toks.last() == Some(&PatTok::Gap) {
            toks.pop();
        }
        if !matches!(toks.first(), Some(PatTok::Word { .. })) {
            return false;
        }
        self.patterns.push((toks, needs_upper, payload));
        true
    }

    /// Resolves pattern lemmas and builds the first-word index; call after
    /// [`Vocab::attach_lemmas`].
    pub fn compile(&mut self, vocab: &Vocab, slot: usize) {
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(self.patterns.len() * 2);
        for (index, (toks, _, _)) in self.patterns.iter_mut().enumerate() {
            for t in toks.iter_mut() {
                if let PatTok::Word { id, lemma } = t {
                    *lemma = vocab.lemma_of(slot, *id);
                }
            }
            if let Some(PatTok::Word { id, lemma }) = toks.first().copied() {
                pairs.push((id, index as u32));
                if lemma != id {
                    pairs.push((lemma, index as u32));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let words = vocab.len() + 1;
        self.first_offsets = vec![0; words + 1];
        for &(id, _) in &pairs {
            self.first_offsets[id as usize + 1] += 1;
        }
        for i in 1..self.first_offsets.len() {
            self.first_offsets[i] += self.first_offsets[i - 1];
        }
        self.first_patterns = pairs.into_iter().map(|(_, p)| p).collect();
    }

    /// Patterns whose first word is `id`.
    #[inline]
    fn starting_with(&self, id: u32) -> &[u32] {
        let i = id as usize;
        match (self.first_offsets.get(i), self.first_offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.first_patterns[a as usize..b as usize],
            _ => &[],
        }
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    pub fn payload(&self, pattern: usize) -> &T {
        &self.patterns[pattern].2
    }

    /// Every match starting at token `at`, within `tokens[..limit]`.
    pub fn matches_at<'a>(
        &'a self,
        tokens: &[TokId],
        at: usize,
        limit: usize,
        out: &mut Vec<Match<'a, T>>,
    ) {
        let limit = limit.min(tokens.len());
        let Some(&t) = tokens.get(at).filter(|_| at < limit) else {
            return;
        };
        for (k, key) in [t.surface, t.lemma].into_iter().enumerate() {
            if key == NONE || (k == 1 && key == t.surface) {
                continue;
            }
            for &index in self.starting_with(key) {
                let (toks, needs_upper, payload) = &self.patterns[index as usize];
                if (*needs_upper && !t.upper) || !t.matches(toks[0], self.inflection) {
                    continue;
                }
                if let Some(end) = match_from(toks, tokens, at, limit, self.inflection) {
                    if !out
                        .iter()
                        .any(|m| m.pattern == index as usize && m.start == at)
                    {
                        out.push(Match {
                            start: at,
                            end,
                            payload,
                            pattern: index as usize,
                        });
                    }
                }
            }
        }
    }

    /// Leftmost-longest matches over `tokens[from..to]`, not overlapping.
    pub fn find_longest<'a>(
        &'a self,
        tokens: &[TokId],
        from: usize,
        to: usize,
    ) -> Vec<Match<'a, T>> {
        self.find_longest_where(tokens, from, to, |_| true)
    }

    /// Leftmost-longest matches among those `accept` keeps (a caller may check what the
    /// token ids cannot tell, such as accents), not overlapping.
    pub fn find_longest_where<'a>(
        &'a self,
        tokens: &[TokId],
        from: usize,
        to: usize,
        accept: impl Fn(&Match<'a, T>) -> bool,
    ) -> Vec<Match<'a, T>> {
        let mut result = Vec::new();
        let mut scratch = Vec::new();
        let mut i = from;
        while i < to {
            scratch.clear();
            self.matches_at(tokens, i, to, &mut scratch);
            if let Some(best) = scratch
                .iter()
                .filter(|m| accept(m))
                .max_by_key(|m| (m.end, usize::MAX - m.pattern))
            {
                result.push(*best);
                i = best.end;
            } else {
                i += 1;
            }
        }
        result
    }
}

/// Matches `pat` at `at`; returns the end token index. Gaps never cross punctuation other
/// than commas, so a pattern cannot straddle a sentence or a quote.
fn match_from(
    pat: &[PatTok],
    tokens: &[TokId],
    at: usize,
    limit: usize,
    mode: Inflection,
) -> Option<usize> {
    return go(pat, tokens, at, limit, mode);

    fn go(
        pat: &[PatTok],
        tokens: &[TokId],
        i: usize,
        limit: usize,
        mode: Inflection,
    ) -> Option<usize> {
        let Some((&first, rest)) = pat.split_first() else {
            return Some(i);
        };
        match first {
            PatTok::Gap => {
                for skip in 0..=MAX_GAP {
                    if skip > 0 && (i + skip > limit || tokens[i + skip - 1].punct) {
                        break;
                    }
                    if let Some(end) = go(rest, tokens, i + skip, limit, mode) {
                        return Some(end);
                    }
                }
                None
            }
            word => {
                if i < limit && tokens[i].matches(word, mode) {
                    go(rest, tokens, i + 1, limit, mode)
                } else {
                    None
                }
            }
        }
    }
}

/// Folds a lexicon field for comparison.
pub fn key(s: &str) -> String {
    fold_str(s.trim())
}
