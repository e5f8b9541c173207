//! Choosing one place per name: a prior (feature and population), what the text says around
//! the name (« province de », « ville de »), and the document's focus (the countries and
//! regions its unambiguous names point to).
//!
//! Two passes: the first scores candidates by prior and cue only and takes the confident
//! choices (countries, or a clear winner) as the focus; the second adds the focus. So
//! « Tripoli » goes to Lebanon in an article that names Beirut, « Homs » stays in Syria next to
//! « Damas », and « Vienne » is Austria unless the article is about the Isère.

use crate::gazetteer::{Gazetteer, Place};
use crate::recognize::{Cue, NameMention};
use rustc_hash::FxHashMap;

/// Weights of the scoring, gathered so they can be read and tuned in one place.
mod weight {
    pub const COUNTRY: f64 = 12.0;
    pub const ADMIN1: f64 = 5.0;
    pub const AREA: f64 = 5.0;
    pub const CAPITAL: f64 = 1.0;
    /// A town of the country of the article's language (« Paris », « Vienne » in a French
    /// article with no other clue).
    pub const HOME: f64 = 1.0;
    pub const ADMIN_SEAT: f64 = 0.8;
    pub const CURATED: f64 = 1.5;
    pub const MAIN_NAME: f64 = 0.3;
    pub const CUE_MATCH: f64 = 6.0;
    pub const CITY_CUE: f64 = 3.0;
    pub const FOCUS_COUNTRY: f64 = 3.0;
    pub const FOCUS_REGION: f64 = 1.5;
    /// Margin between the best and the second candidate for a choice to count as focus.
    pub const CONFIDENT_MARGIN: f64 = 1.0;
}

fn prior(place: &Place, key: &str, cue: Option<Cue>) -> f64 {
    let mut score = if place.is_country() {
        weight::COUNTRY
    } else if place.is_admin1() {
        // Its population is the sum of its towns': a large region outweighs small towns of
        // its name a little (California the state, not California, Pennsylvania), not a
        // big city (New York, Washington in the news are the cities).
        weight::ADMIN1 + 0.15 * ((place.population as f64) + 1.0).log10()
    } else if place.feature_class == 'P' {
        let mut s = ((place.population as f64) + 10.0).log10();
        match place.feature_code.as_str() {
            "PPLC" => s += weight::CAPITAL,
            "PPLA" => s += weight::ADMIN_SEAT,
            _ => {}
        }
        s
    } else {
        weight::AREA
    };
    if place.curated {
        score += weight::CURATED;
    }
    if crate::gazetteer::name_key(&place.name) == key {
        score += weight::MAIN_NAME;
    }
    match cue {
        Some(Cue::Admin) if place.is_admin1() || place.feature_class == 'L' => {
            score += weight::CUE_MATCH
        }
        Some(Cue::City) if place.feature_class == 'P' => score += weight::CITY_CUE,
        Some(Cue::Water) if place.feature_class == 'H' => score += weight::CUE_MATCH,
        _ => {}
    }
    score
}

/// One name's vote for a country (and region).
#[derive(Debug, Clone)]
struct Contribution {
    /// The name key that voted (empty: from outside the text).
    key: String,
    country: String,
    /// (country, admin1) of the place, for places inside a region.
    region: Option<(String, String)>,
    weight: f64,
}

/// The countries and regions a document is about: weighted contributions, each tagged with
/// the name that made it, so a name never confirms itself.
#[derive(Debug, Default, Clone)]
pub struct Focus {
    contributions: Vec<Contribution>,
    /// The country of the article's language, when it has one (French: France): its towns
    /// are the likelier bearers of a name the article does not place.
    home: Option<String>,
}

impl Focus {
    /// An empty focus for an article in `lang`.
    pub fn for_language(lang: vigie_text::Lang) -> Focus {
        Focus {
            contributions: Vec::new(),
            home: match lang {
                vigie_text::Lang::Fr => Some("FR".to_string()),
                // English is written everywhere: no home.
                vigie_text::Lang::En => None,
            },
        }
    }

    /// A country known to be in focus from elsewhere (actors coded in the article).
    pub fn add_country(&mut self, code: &str, w: f64) {
        if !code.is_empty() {
            self.contributions.push(Contribution {
                key: String::new(),
                country: code.to_string(),
                region: None,
                weight: w,
            });
        }
    }

    fn add_place(&mut self, key: &str, place: &Place, w: f64) {
        let region = (!place.admin1.is_empty() && !place.is_country())
            .then(|| (place.country.clone(), place.admin1.clone()));
        self.contributions.push(Contribution {
            key: key.to_string(),
            country: place.country.clone(),
            region,
            weight: w,
        });
    }

    fn country_weights(&self, except: &str) -> FxHashMap<&str, f64> {
        let mut weights: FxHashMap<&str, f64> = FxHashMap::default();
        for c in &self.contributions {
            if c.key != except || c.key.is_empty() {
                *weights.entry(c.country.as_str()).or_default() += c.weight;
            }
        }
        weights
    }

    /// Bonus for `place`, named `key`, from the other names of the document.
    fn bonus(&self, place: &Place, key: &str) -> f64 {
        let mut b = 0.0;
        if !place.is_country() && self.home.as_deref() == Some(place.country.as_str()) {
            b += weight::HOME;
        }
        let weights = self.country_weights(key);
        let max = weights.values().cloned().fold(0.0, f64::max);
        if max <= 0.0 {
            return b;
        }
        if let Some(w) = weights.get(place.country.as_str()) {
            b += weight::FOCUS_COUNTRY * (w / max).min(1.0);
        }
        let in_region = self.contributions.iter().any(|c| {
            c.key != key
                && c.region
                    .as_ref()
                    .is_some_and(|(country, a)| *country == place.country && *a == place.admin1)
        });
        if in_region && !place.admin1.is_empty() {
            b += weight::FOCUS_REGION;
        }
        b
    }

    /// Is the country (alpha-2) named by the document other than by the name `key`?
    pub fn names_country_besides(&self, code: &str, key: &str) -> bool {
        self.contributions
            .iter()
            .any(|c| c.country == code && c.weight > 0.0 && c.key != key)
    }

    /// Is the country (alpha-2) among those the document names?
    pub fn names_country(&self, code: &str) -> bool {
        self.contributions
            .iter()
            .any(|c| c.country == code && c.weight > 0.0)
    }

    /// The most mentioned country, if any.
    pub fn main_country(&self) -> Option<&str> {
        self.country_weights("\u{0}")
            .into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(c, _)| c)
    }
}

fn best(scored: &[(u32, f64)]) -> Option<(u32, f64, f64)> {
    let mut best: Option<(u32, f64)> = None;
    let mut second = f64::NEG_INFINITY;
    for &(p, s) in scored {
        match best {
            Some((bp, bs)) if s > bs || (s == bs && p < bp) => {
                second = bs;
                best = Some((p, s));
            }
            Some(_) => second = second.max(s),
            None => best = Some((p, s)),
        }
    }
    best.map(|(p, s)| (p, s, s - second))
}

/// One place per mention (`None` when there is no candidate), and the document focus.
pub fn resolve(
    gaz: &Gazetteer,
    mentions: &[NameMention],
    external: &Focus,
) -> (Vec<Option<u32>>, Focus) {
    let priors: Vec<Vec<(u32, f64)>> = mentions
        .iter()
        .map(|m| {
            m.candidates
                .iter()
                .map(|&p| (p, prior(gaz.place(p), &m.key, m.cue)))
                .collect()
        })
        .collect();
    let mut focus = external.clone();
    for (m, scored) in mentions.iter().zip(&priors) {
        if m.cue == Some(Cue::Org) {
            continue;
        }
        if let Some((p, _, margin)) = best(scored) {
            let place = gaz.place(p);
            if place.is_country() {
                focus.add_place(&m.key, place, 2.0);
            } else if margin >= weight::CONFIDENT_MARGIN {
                focus.add_place(&m.key, place, 1.0);
            }
        }
    }
    let chosen = priors
        .iter()
        .zip(mentions)
        .map(|(scored, m)| {
            let rescored: Vec<(u32, f64)> = scored
                .iter()
                .map(|&(p, s)| (p, s + focus.bonus(gaz.place(p), &m.key)))
                .collect();
            best(&rescored).map(|(p, _, _)| p)
        })
        .collect();
    (chosen, focus)
}
