//! Time stage: TIMEX3 temporal expressions in French and English, normalised against the
//! document creation time (the publication date) at the precision that date has.
//!
//! Detection patterns are data (`data/time/{fr,en}.tsv` and the word lists beside them);
//! normalisation is code ([`normalise`]). Nothing is ever given a day that neither the text
//! nor the publication date supports: a weekday against a month-only date stays a month.

mod normalise;

use regex::Regex;
use std::collections::HashMap;
use std::path::Path;
use vigie_model::{DatePrecision, PubDate};
use vigie_text::Lang;

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
    regex: Regex,
}

/// Patterns and word values of one language.
#[derive(Default)]
struct LangTime {
    rules: Vec<Rule>,
    /// kind (lowercase, = group name) → normalised word → value.
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

/// Word as looked up: lowercase, typographic apostrophe unified, spaces collapsed.
fn word_key(s: &str) -> String {
    s.to_lowercase()
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    sorted.dedup();
    sorted
        .iter()
        .map(|w| {
            regex::escape(w)
                .replace('\'', "['’]")
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
        .map(|f| format!(r"(?i:\b(?:{})\b)", alternation(f)));
    let future_patterns = lists.get("FUTURE_PATTERN").map(|p| p.join("|"));
    let future_re = match (future_words, future_patterns) {
        (Some(w), Some(p)) => Some(format!("{w}|{p}")),
        (w, p) => w.or(p),
    };
    let future = future_re
        .map(|f| Regex::new(&f))
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
        let regex =
            Regex::new(&format!(r"(?i)\b(?:{expanded})")).map_err(|e| err(e.to_string()))?;
        rules.push(Rule {
            name: cols[0].trim().to_string(),
            kind,
            regex,
        });
    }
    Ok(LangTime {
        rules,
        words,
        future,
    })
}

/// What a rule captured, by group name, with word values looked up.
pub(crate) struct Captured<'t> {
    pub groups: HashMap<&'static str, &'t str>,
    pub values: HashMap<&'static str, String>,
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
    let lt = lex.lang(lang);
    // Candidates from every rule; the longest (then earliest rule) wins where they overlap.
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (ri, rule) in lt.rules.iter().enumerate() {
        for m in rule.regex.find_iter(text) {
            if m.end() > m.start() {
                found.push((m.start(), m.end(), ri));
            }
        }
    }
    found.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then((b.1 - b.0).cmp(&(a.1 - a.0)))
            .then(a.2.cmp(&b.2))
    });
    let mut chosen: Vec<(usize, usize, usize)> = Vec::new();
    for cand in found {
        if let Some(last) = chosen.last_mut() {
            if cand.0 < last.1 {
                // Overlap: keep the longer one.
                if cand.1 - cand.0 > last.1 - last.0 {
                    *last = cand;
                }
                continue;
            }
        }
        chosen.push(cand);
    }

    let mut anchor = Anchor::from_dct(dct);
    let mut out = Vec::with_capacity(chosen.len());
    let mut char_pos = 0usize;
    let mut byte_pos = 0usize;
    for (start, end, ri) in chosen {
        let rule = &lt.rules[ri];
        let Some(caps) = rule.regex.captures_at(text, start) else {
            continue;
        };
        if caps.get(0).map(|m| (m.start(), m.end())) != Some((start, end)) {
            continue;
        }
        let mut captured = Captured {
            groups: HashMap::new(),
            values: HashMap::new(),
        };
        for g in GROUPS {
            if let Some(m) = caps.name(g) {
                captured.groups.insert(g, m.as_str());
            }
        }
        for g in VALUED {
            if let Some(w) = captured.groups.get(g) {
                let list = g.strip_suffix('2').unwrap_or(g);
                if let Some(v) = lt.words.get(list).and_then(|m| m.get(&word_key(w))) {
                    captured.values.insert(g, v.clone());
                }
            }
        }
        for (alias, base) in ALIASES {
            if let Some(v) = captured.groups.get(alias).copied() {
                captured.groups.entry(base).or_insert(v);
            }
            if let Some(v) = captured.values.get(alias).cloned() {
                captured.values.entry(base).or_insert(v);
            }
        }
        let matched = &text[start..end];
        if !normalise::plausible(&rule.name, matched, &text[..start], &text[end..]) {
            continue;
        }
        let future = lt
            .future
            .as_ref()
            .is_some_and(|f| f.is_match(sentence_around(text, start, end)))
            || captured.values.contains_key("next");
        let resolved = normalise::resolve(&rule.name, rule.kind, &captured, &mut anchor, future);
        // A clock time that does not exist (« 25 h ») is not a time.
        if resolved.value.is_none() && rule.name.starts_with("time_hm") {
            continue;
        }
        char_pos += text[byte_pos..start].chars().count();
        let s = char_pos;
        let e = s + matched.chars().count();
        char_pos = e;
        byte_pos = end;
        out.push(Timex {
            start: s,
            end: e,
            text: matched.to_string(),
            kind: resolved.kind,
            value: resolved.value,
            precision: resolved.precision,
            range: resolved.range,
            rule: rule.name.clone(),
        });
    }
    out
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
