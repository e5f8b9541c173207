//! Record types shared by every Vigie stage.
//!
//! This crate is the stable vocabulary of the pipeline: sources produce [`Article`]s, the coder
//! produces [`Event`]s, sinks serialise them. It holds no logic beyond parsing and formatting
//! of its own values, so every other crate can depend on it cheaply.

use serde::{Deserialize, Serialize};
use std::fmt;

mod date;
pub use date::{day_number, days_in_month, iso_date, DateError, DatePrecision, PubDate};

/// One news article as read from a source, before any cleaning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    /// The text exactly as given; every offset Vigie prints counts code points in it.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PubDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Language declared by the source (`fr`, `en`…), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Spans of the text given with the record (`vigie places --spans`: the place names to
    /// resolve), code-point offsets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<TextSpan>,
}

impl Article {
    /// An article with only an id and a text (no date, metadata or spans).
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            date: None,
            title: None,
            url: None,
            source: None,
            lang: None,
            spans: Vec::new(),
        }
    }
}

/// A span of an article's text in code points, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
}

/// The 16 PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// Parses a PLOVER type name, accepting the pre-2021 labels that older gold data uses.
    pub fn parse(name: &str) -> Option<EventType> {
        let upper = name.trim().to_ascii_uppercase();
        let canonical = match upper.as_str() {
            "DEMAND" => "REQUEST",
            "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
            "FIGHT" => "ASSAULT",
            other => other,
        };
        EventType::ALL.into_iter().find(|t| t.as_str() == canonical)
    }

    /// PLOVER quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub fn quad_code(self) -> u8 {
        match self {
            EventType::Agree | EventType::Consult | EventType::Support | EventType::Concede => 1,
            EventType::Cooperate | EventType::Aid | EventType::Retreat => 2,
            EventType::Request | EventType::Accuse | EventType::Reject | EventType::Threaten => 3,
            EventType::Protest
            | EventType::Sanction
            | EventType::Mobilize
            | EventType::Coerce
            | EventType::Assault => 4,
        }
    }

    /// True for the cooperative types whose negation amounts to a refusal (PLOVER REJECT).
    pub fn is_cooperative(self) -> bool {
        self.quad_code() <= 2
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An actor or recipient as coded: a country or group code plus a sector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    /// ISO 3166-1 alpha-3 country code, or `IGO`/`IMG`… for organisations and armed groups.
    pub code: String,
    /// PLOVER/CAMEO sector (`GOV`, `MIL`, `REB`, `COP`, `CVL`…); empty when unknown.
    pub sector: String,
    /// The text span that named the actor, as it appears in the article.
    pub text: String,
    /// A canonical name when the actor is a known person or organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The full CAMEO-style code (`RUSGOV`, `IMGMUSISI`) for GDELT-style exports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cameo_code: String,
    /// Code-point offsets of `text` in the input article.
    pub start: usize,
    pub end: usize,
}

impl ActorRef {
    /// Country or group code with its sector (`RUSGOV`, `TURMIL`), as tables show actors.
    pub fn coded(&self) -> String {
        format!("{}{}", self.code, self.sector)
    }
}

/// The actors' coded forms ([`ActorRef::coded`]) joined with `;`.
pub fn coded_list(actors: &[ActorRef]) -> String {
    actors
        .iter()
        .map(ActorRef::coded)
        .collect::<Vec<_>>()
        .join(";")
}

/// Where an event happened, as far as the text says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EventLoc {
    pub text: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub geonameid: Option<u64>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub country_code: Option<String>,
    #[serde(default)]
    pub admin1: Option<String>,
    #[serde(default)]
    pub precision: Option<String>,
    pub start: usize,
    pub end: usize,
    /// Why this place was chosen (`governed by the trigger`, `antecedent of « y »`…).
    pub reason: String,
}

/// Casualty and arrest counts (PLOVER `size`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Size {
    pub dead: Option<u64>,
    pub injured: Option<u64>,
    pub arrested: Option<u64>,
}

/// The sentence an event was found in (code-point span in the input text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextInfo {
    /// Zero-based index of the sentence in the cleaned article.
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
}

/// How the source presents the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Reported,
    Claimed,
    Planned,
    Hypothetical,
}

/// One coded event mention, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub doc_id: String,
    pub event_type: EventType,
    pub mode: String,
    pub context: Vec<String>,
    pub quad_code: u8,
    pub cameo: String,
    pub actor: Vec<ActorRef>,
    pub recipient: Vec<ActorRef>,
    pub date: Option<String>,
    pub enddate: Option<String>,
    pub date_precision: Option<DatePrecision>,
    pub date_reason: String,
    pub event_loc: Option<EventLoc>,
    pub size: Size,
    pub negated: bool,
    pub modality: Modality,
    pub speaker: Option<ActorRef>,
    pub event_text: String,
    /// Code-point span of `event_text` in the input article.
    pub event_start: usize,
    pub event_end: usize,
    pub text_info: TextInfo,
    pub rule: String,
    pub confidence: f32,
    pub lang: String,
    /// Human-readable trace of the coding decisions (filled with `--explain`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}

/// Stable 64-bit FNV-1a hash, used for event ids (same input → same id across runs and
/// platforms, unlike `std`'s randomised hasher).
pub fn stable_hash(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in *part {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // Separator so ("ab","c") and ("a","bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_gold_labels_map_to_plover_2021() {
        assert_eq!(EventType::parse("DEMAND"), Some(EventType::Request));
        assert_eq!(EventType::parse("disapprove"), Some(EventType::Accuse));
        assert_eq!(EventType::parse("INVESTIGATE"), Some(EventType::Accuse));
        assert_eq!(EventType::parse("FIGHT"), Some(EventType::Assault));
        assert_eq!(EventType::parse("STATEMENT"), None);
    }

    #[test]
    fn event_type_serialises_uppercase() {
        let json = serde_json::to_string(&EventType::Assault).unwrap();
        assert_eq!(json, "\"ASSAULT\"");
    }

    #[test]
    fn stable_hash_separates_parts() {
        assert_ne!(stable_hash(&[b"ab", b"c"]), stable_hash(&[b"a", b"bc"]));
        assert_eq!(stable_hash(&[b"x"]), stable_hash(&[b"x"]));
    }
}
