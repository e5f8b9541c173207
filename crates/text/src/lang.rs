//! Language identification: French and English are coded, anything else is reported.

use whatlang::{Detector, Lang as WLang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" | "french" | "français" => Some(Lang::Fr),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The result of identification: a supported language, or the code of an unsupported one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identified {
    Supported(Lang),
    Unsupported(String),
}

/// Identifies the language from the first few kilobytes of text.
pub struct LanguageIdentifier {
    detector: Detector,
}

impl Default for LanguageIdentifier {
    fn default() -> Self {
        // A closed list of widespread languages keeps French/English decisions stable while
        // still recognising the usual other languages of a news feed.
        let allow = vec![
            WLang::Fra,
            WLang::Eng,
            WLang::Deu,
            WLang::Spa,
            WLang::Ita,
            WLang::Por,
            WLang::Nld,
            WLang::Pol,
            WLang::Tur,
            WLang::Ron,
            WLang::Swe,
            WLang::Dan,
            WLang::Rus,
            WLang::Ukr,
            WLang::Ara,
            WLang::Heb,
            WLang::Pes,
            WLang::Cmn,
            WLang::Jpn,
            WLang::Ell,
        ];
        LanguageIdentifier {
            detector: Detector::with_allowlist(allow),
        }
    }
}

impl LanguageIdentifier {
    pub fn identify(&self, text: &str) -> Identified {
        let mut end = text.len().min(4000);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        match self.detector.detect_lang(&text[..end]) {
            Some(WLang::Fra) => Identified::Supported(Lang::Fr),
            Some(WLang::Eng) => Identified::Supported(Lang::En),
            Some(other) => Identified::Unsupported(other.code().to_string()),
            None => Identified::Unsupported("und".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_english_and_others() {
        let id = LanguageIdentifier::default();
        assert_eq!(
            id.identify(
                "La Russie n'a aucun plan d'action au sujet de la coopération avec les États-Unis."
            ),
            Identified::Supported(Lang::Fr)
        );
        assert_eq!(
            id.identify("The United States and Jordan have agreed upon a new free-trade pact."),
            Identified::Supported(Lang::En)
        );
        assert!(matches!(
            id.identify(
                "Die Bundesregierung hat am Mittwoch neue Sanktionen gegen Russland beschlossen."
            ),
            Identified::Unsupported(_)
        ));
    }
}
