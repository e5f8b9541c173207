//! Time stage: TIMEX3 temporal expressions in French and English, normalised against the
//! document creation time (the publication date) at the precision that date has.
//!
//! Detection patterns are data (`data/time/{fr,en}.tsv`); normalisation is code. Nothing is
//! ever given a day the text and the publication date do not support.

use std::path::Path;
use vigie_model::{DatePrecision, PubDate};
use vigie_text::Lang;

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
    /// For dates: the first and last day the value may denote (`2017-11-27`..`2017-11-30`),
    /// as ISO strings at the value's precision; never inverted.
    pub range: Option<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum TimeError {
    #[error("cannot read {path}: {source}")]
    Io { path: std::path::PathBuf, source: std::io::Error },
    #[error("{file}:{line}: {message}")]
    Pattern { file: String, line: usize, message: String },
}

/// Compiled temporal patterns for both languages.
#[derive(Debug, Default)]
pub struct TimeLexicon {}

impl TimeLexicon {
    /// Loads `data/time/` (the repository's `data/` directory is given).
    pub fn load(_data_dir: &Path) -> Result<TimeLexicon, TimeError> {
        Ok(TimeLexicon {})
    }
}

/// Finds and normalises the temporal expressions of `text`.
pub fn tag(_lex: &TimeLexicon, _text: &str, _lang: Lang, _dct: Option<&PubDate>) -> Vec<Timex> {
    Vec::new()
}
