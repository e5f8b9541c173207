//! Time stage: TIMEX3 temporal expressions in French and English, normalised against the
//! document creation time (the publication date) at the precision that date has.
//!
//! Detection patterns are data (`data/time/{fr,en}.tsv` and the word lists beside them);
//! normalisation is code ([`normalise`]). Nothing is ever given a day that neither the text
//! nor the publication date supports: a weekday against a month-only date stays a month.

mod normalise;

use regex::Regex;
use regex_automata::meta::Regex as MetaRegex;
use regex_automata::Input;
use std::collections::HashMap;
use std::path::Path;
use vigie_model::{DatePrecision, PubDate};
use vigie_text::{fold, fold_str, Folded, Lang};

pub use normalise::Anchor;

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    fn parse(s: &str) -> Option<TimexType> {
        Some(match s.trim() {
            "DATE" => TimexType::Date,
            "TIME" => TimexType::Time,
            "DURATION" => TimexType::Duration,
            "SET" => TimexType::Set,
            _ => return None,
        })
    }
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    /// Code-point offsets in the input text, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: TimexType,
    /// TIMEX3 value (`2020-02`, `1999-W27`, `P6M`, `2003-02-03TNI`, `PAST_REF`…); `None` when
    /// it cannot be resolved (« le jour suivant » without an anchor).
    pub value: Option<String>,
    /// For DATE/TIME values: how precise the value is.
    pub precision: Option<DatePrecision>,
    /// For dates: the first and last day the value may denote (`2017-11-27`..`2017-11-30`);
    /// never inverted.
    pub range: Option<(String, String)>,
    /// The pattern that matched.
    pub rule: String,
}

#[derive(Debug, thiserror::Error)]
pub enum TimeError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Pattern {
        file: String,
        line: usize,
        message: String,
    },
}

struct Rule {
    name: String,
    kind: TimexType,
    /// Capture index (within this rule's pattern) and name of each group the normaliser reads.
    groups: Vec<(usize, &'static str)>,
}

/// Patterns and word values of one language.
#[derive(Default)]
struct LangTime {
    rules: Vec<Rule>,
    /// All rules as one multi-pattern regex (pattern i = rule i, leftmost-first, so at one
    /// place the rule listed first wins): one lazy-DFA pass over the text finds where
    /// expressions are and which rule matched; captures are then read on the match alone.
    rules_regex: Option<MetaRegex>,
    words: HashMap<String, HashMap<String, String>>,
    /// Matches a future-tense marker in a sentence.
    future: Option<Regex>,
}

impl std::fmt::Debug for LangTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LangTime({} rules)", self.rules.len())
    }
}

/// Compiled temporal patterns for both languages.
#[derive(Debug, Default)]
pub struct TimeLexicon {
    fr: LangTime,
    en: LangTime,
}

/// Word as looked up: folded like the text it is matched on (lowercase, no accents except
/// « à », apostrophes unified), spaces collapsed.
fn word_key(s: &str) -> String {
    fold_str(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A word of folded text as a [`word_key`]: folding again changes nothing, so a word without
/// a run of whitespace is its own key (no allocation, the common case).
fn spaces_collapsed(w: &str) -> std::borrow::Cow<'_, str> {
    let single_spaced =
        w.trim() == w && !w.contains("  ") && !w.contains(|c: char| c.is_whitespace() && c != ' ');
    if single_spaced {
        std::borrow::Cow::Borrowed(w)
    } else {
        std::borrow::Cow::Owned(word_key(w))
    }
}

/// A pattern written for readers (« début », ['’], \d) as it must run on folded text:
/// non-ASCII characters folded, ASCII digits for \d, no case-insensitivity needed. Folded
/// text and ASCII classes keep the lazy DFA small and fast.
fn fold_pattern(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&fold_str(&c.to_string()));
        }
    }
    out.replace(r"\d", "[0-9]").replace(r"\s", r"[ \t\n\r]")
}

fn alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    sorted.dedup();
    sorted
        .iter()
        .map(|w| {
            regex::escape(&word_key(w))
                .replace(' ', r"\s+")
                .replace("\\-", r"[\s-]")
        })
        .collect::<Vec<_>>()
        .join("|")
}

impl TimeLexicon {
    /// Loads `data/time/` (the repository's `data/` directory is given).
    pub fn load(data_dir: &Path) -> Result<TimeLexicon, TimeError> {
        let dir = data_dir.join("time");
        Ok(TimeLexicon {
            fr: load_lang(&dir, "fr")?,
            en: load_lang(&dir, "en")?,
        })
    }

    fn lang(&self, lang: Lang) -> &LangTime {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

fn read(path: &Path) -> Result<String, TimeError> {
    std::fs::read_to_string(path).map_err(|source| TimeError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn load_lang(dir: &Path, lang: &str) -> Result<LangTime, TimeError> {
    let words_file = format!("{lang}_words.tsv");
    let words_text = read(&dir.join(&words_file))?;
    let mut lists: HashMap<String, Vec<String>> = HashMap::new();
    let mut words: HashMap<String, HashMap<String, String>> = HashMap::new();
    for (i, line) in words_text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(TimeError::Pattern {
                file: format!("data/time/{words_file}"),
                line: i + 1,
                message: "expected kind<TAB>word<TAB>value".into(),
            });
        }
        let kind = cols[0].trim().to_string();
        lists
            .entry(kind.clone())
            .or_default()
            .push(cols[1].trim().to_string());
        words
            .entry(kind.to_lowercase())
            .or_default()
            .insert(word_key(cols[1]), cols[2].trim().to_string());
    }
    // Future-tense markers: words, plus raw patterns for verb endings (« rencontreront »).
    let future_words = lists
        .get("FUTURE")
        .map(|f| format!(r"\b(?:{})\b", alternation(f)));
    let future_patterns = lists.get("FUTURE_PATTERN").map(|p| p.join("|"));
    let future_re = match (future_words, future_patterns) {
        (Some(w), Some(p)) => Some(format!("{w}|{p}")),
        (w, p) => w.or(p),
    };
    // Runs on folded text like the rules, with ASCII word boundaries so the lazy DFA is used
    // (a Unicode `\b` on accented text falls back to a much slower engine).
    let future = future_re
        .map(|f| Regex::new(&fold_pattern(&f.replace(r"\b", r"(?-u:\b)"))))
        .transpose()
        .map_err(|e| TimeError::Pattern {
            file: format!("data/time/{words_file}"),
            line: 0,
            message: e.to_string(),
        })?;

    let rules_file = format!("{lang}.tsv");
    let rules_text = read(&dir.join(&rules_file))?;
    let placeholder =
        Regex::new(r"\{([A-Z]+)(?::([a-z0-9_]+))?\}").map_err(|e| TimeError::Pattern {
            file: "crates/time".into(),
            line: 0,
            message: e.to_string(),
        })?;
    let mut rules = Vec::new();
    let mut patterns: Vec<String> = Vec::new();
    for (i, line) in rules_text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| TimeError::Pattern {
            file: format!("data/time/{rules_file}"),
            line: i + 1,
            message,
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(err("expected rule<TAB>type<TAB>regex".into()));
        }
        let kind = TimexType::parse(cols[1])
            .ok_or_else(|| err(format!("unknown TIMEX3 type {:?}", cols[1])))?;
        let mut missing = None;
        let expanded = placeholder.replace_all(cols[2], |c: &regex::Captures| {
            let list_name = &c[1];
            let group = c
                .get(2)
                .map(|m| m.as_str().to_string())
                .unwrap_or_else(|| list_name.to_lowercase());
            match lists.get(list_name) {
                Some(list) => format!("(?P<{group}>{})", alternation(list)),
                None => {
                    missing = Some(list_name.to_string());
                    String::new()
                }
            }
        });
        if let Some(m) = missing {
            return Err(err(format!("no word list {m:?} in data/time/{words_file}")));
        }
        // Word boundaries are ASCII ones on folded text: a Unicode `\b` would stop the regex
        // engine from using its DFA on accented text and make tagging crawl.
        let bounded = fold_pattern(&expanded.replace(r"\b", r"(?-u:\b)"));
        let pattern = format!(r"(?-u:\b)(?:{bounded})");
        // Checked alone first, so a broken pattern is reported with its line.
        regex_automata::util::syntax::parse(&pattern).map_err(|e| err(e.to_string()))?;
        patterns.push(pattern);
        rules.push(Rule {
            name: cols[0].trim().to_string(),
            kind,
            groups: Vec::new(),
        });
    }
    let rules_regex = MetaRegex::builder()
        .configure(
            MetaRegex::config()
                .nfa_size_limit(Some(64 << 20))
                .hybrid_cache_capacity(64 << 20),
        )
        .build_many(&patterns)
        .map_err(|e| TimeError::Pattern {
            file: format!("data/time/{rules_file}"),
            line: 0,
            message: e.to_string(),
        })?;
    for (pid, rule) in rules.iter_mut().enumerate() {
        let Some(pid) = regex_automata::PatternID::new(pid).ok() else {
            continue;
        };
        rule.groups = rules_regex
            .group_info()
            .pattern_names(pid)
            .enumerate()
            .filter_map(|(i, n)| {
                n.and_then(|n| GROUPS.iter().find(|g| **g == n))
                    .map(|g| (i, *g))
            })
            .collect();
    }
    Ok(LangTime {
        rules,
        rules_regex: Some(rules_regex),
        words,
        future,
    })
}

/// What a rule captured, by group name, with word values looked up.
pub(crate) struct Captured<'t> {
    pub groups: SmallMap<&'t str>,
    pub values: SmallMap<String>,
}

/// A handful of named values: a linear scan beats hashing for the two or three groups a
/// match captures.
pub(crate) struct SmallMap<V>(Vec<(&'static str, V)>);

impl<V> SmallMap<V> {
    fn new() -> Self {
        SmallMap(Vec::new())
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn insert(&mut self, key: &'static str, value: V) {
        if !self.contains_key(key) {
            self.0.push((key, value));
        }
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
}

const GROUPS: [&str; 25] = [
    "day", "day2", "month", "month2", "mnum", "year", "year2", "weekday", "deictic", "past",
    "past2", "next", "unit", "num", "num_d", "part", "season", "season2", "edge", "ref", "decade",
    "hour", "minute", "noon", "ampm",
];
const VALUED: [&str; 14] = [
    "month", "month2", "weekday", "deictic", "past", "past2", "next", "unit", "num", "part",
    "season", "season2", "edge", "ref",
];
/// Second-branch group names (a pattern may not reuse a name) and the name they stand for.
const ALIASES: [(&str, &str); 4] = [
    ("year2", "year"),
    ("past2", "past"),
    ("season2", "season"),
    ("month2", "month"),
];

/// Finds and normalises the temporal expressions of `text`.
pub fn tag(lex: &TimeLexicon, text: &str, lang: Lang, dct: Option<&PubDate>) -> Vec<Timex> {
    tag_folded(lex, text, &fold(text), lang, dct)
}

/// As [`tag`], on a text already folded by `vigie_text::fold` (the coder has it).
pub fn tag_folded(
    lex: &TimeLexicon,
    original: &str,
    folded: &Folded,
    lang: Lang,
    dct: Option<&PubDate>,
) -> Vec<Timex> {
    tag_ranges(lex, original, folded, &[(0, folded.text.len())], lang, dct)
}

/// As [`tag_folded`], searching only the given byte ranges of the folded text (sorted, not
/// overlapping): the coder looks only at paragraphs that hold events.
pub fn tag_ranges(
    lex: &TimeLexicon,
    original: &str,
    folded: &Folded,
    ranges: &[(usize, usize)],
    lang: Lang,
    dct: Option<&PubDate>,
) -> Vec<Timex> {
    let lt = lex.lang(lang);
    let text = folded.text.as_str();
    // One pass with all rules; each match says which rule made it and what it captured.
    let mut chosen: Vec<(usize, usize, usize, SmallMap<&str>)> = Vec::new();
    if let Some(re) = &lt.rules_regex {
        let mut caps = re.create_captures();
        for &(from, to) in ranges {
            let (Some(from), Some(to)) = (floor_boundary(text, from), floor_boundary(text, to))
            else {
                continue;
            };
            // The whole text is the haystack and the range the span searched, so word
            // boundaries at either edge of the range still see the characters beyond it.
            let mut pos = from;
            while pos < to {
                re.search_captures(&Input::new(text).range(pos..to), &mut caps);
                let (Some(m), Some(pid)) = (caps.get_match(), caps.pattern()) else {
                    break;
                };
                if m.end() == m.start() || !at_word_edges(text, m.start(), m.end()) {
                    // A match starting inside a word may hide one at the next word.
                    pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                pos = m.end();
                let ri = pid.as_usize();
                let mut groups = SmallMap::new();
                for &(index, g) in &lt.rules[ri].groups {
                    if let Some(span) = caps.get_group(index) {
                        groups.insert(g, &text[span.start..span.end]);
                    }
                }
                chosen.push((m.start(), m.end(), ri, groups));
            }
        }
    }

    let mut anchor = Anchor::from_dct(dct);
    let mut out = Vec::with_capacity(chosen.len());
    let mut cursor = (0usize, 0usize);
    for (start, end, ri, groups) in chosen {
        let rule = &lt.rules[ri];
        let mut captured = Captured {
            groups,
            values: SmallMap::new(),
        };
        for g in VALUED {
            if let Some(w) = captured.groups.get(g) {
                let list = g.strip_suffix('2').unwrap_or(g);
                if let Some(v) = lt
                    .words
                    .get(list)
                    .and_then(|m| m.get(spaces_collapsed(w).as_ref()))
                {
                    captured.values.insert(g, v.clone());
                }
            }
        }
        for (alias, base) in ALIASES {
            if let Some(v) = captured.groups.get(alias).copied() {
                captured.groups.insert(base, v);
            }
            if let Some(v) = captured.values.get(alias).cloned() {
                captured.values.insert(base, v);
            }
        }
        let matched = &text[start..end];
        let next_upper = text[end..]
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .is_some_and(|(i, _)| folded.upper.get(end + i).copied().unwrap_or(false));
        if !normalise::plausible(
            &rule.name,
            matched,
            &text[..start],
            &text[end..],
            next_upper,
        ) {
            continue;
        }
        // Tense only decides the direction of weekdays and nights; looking for it costs.
        let needs_tense = rule.name.contains("weekday") || rule.name == "time_night";
        let future = captured.values.contains_key("next")
            || (needs_tense
                && lt
                    .future
                    .as_ref()
                    .is_some_and(|f| f.is_match(sentence_around(text, start, end))));
        let resolved = normalise::resolve(&rule.name, rule.kind, &captured, &mut anchor, future);
        // A clock time that does not exist (« 25 h ») is not a time.
        if resolved.value.is_none() && rule.name.starts_with("time_hm") {
            continue;
        }
        // Offsets and text come from the input as given.
        let (s, e) = folded.char_span(start, end);
        let sb = advance(original, &mut cursor, s);
        let eb = advance(original, &mut cursor, e);
        let text_of = original[sb..eb].to_string();
        out.push(Timex {
            start: s,
            end: e,
            text: text_of,
            kind: resolved.kind,
            value: resolved.value,
            precision: resolved.precision,
            range: resolved.range,
            rule: rule.name.clone(),
        });
    }
    out
}

/// `i` moved down to a character boundary of `text` (None past the end).
fn floor_boundary(text: &str, i: usize) -> Option<usize> {
    if i > text.len() {
        return None;
    }
    let mut i = i;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    Some(i)
}

/// Moves a (code point, byte) cursor forward to code point `target` and returns its byte
/// offset; expressions come in text order, so the whole walk is linear.
fn advance(text: &str, cursor: &mut (usize, usize), target: usize) -> usize {
    // Counting bytes that start a code point is a plain byte loop, much cheaper than
    // decoding each character.
    let bytes = text.as_bytes();
    while cursor.0 < target && cursor.1 < bytes.len() {
        cursor.1 += 1;
        while cursor.1 < bytes.len() && (bytes[cursor.1] & 0xC0) == 0x80 {
            cursor.1 += 1;
        }
        cursor.0 += 1;
    }
    cursor.1
}

/// Does `text[start..end]` start and end at word edges (no letter or digit glued on)?
fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric();
    let before = text[..start].chars().next_back();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let after = text[end..].chars().next();
    let start_ok = !(before.is_some_and(word) && first.is_some_and(word));
    let end_ok = !(after.is_some_and(word) && last.is_some_and(word));
    start_ok && end_ok
}

/// The sentence containing bytes `start..end` (for tense).
fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let before = &text[..start];
    let s = before
        .rfind(['.', '!', '?', '\n'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let after = &text[end..];
    let e = after
        .find(['.', '!', '?', '\n'])
        .map(|i| end + i)
        .unwrap_or(text.len());
    &text[s..e]
}

#[cfg(test)]
mod tests;
