//! What the coder sees of one sentence: its tokens, and every entity, trigger and cue the
//! lexicon finds in it.

use vigie_lexicon::{Cue, Day, Entity, TokId, Trigger};
use vigie_text::{Analysed, TokenKind};

#[derive(Debug, Clone, Copy)]
pub struct EntityMatch<'l> {
    pub start: usize,
    pub end: usize,
    pub entity: &'l Entity,
}

#[derive(Debug, Clone, Copy)]
pub struct TriggerMatch<'l> {
    pub start: usize,
    pub end: usize,
    pub trigger: &'l Trigger,
}

#[derive(Debug, Clone, Copy)]
pub struct CueMatch {
    pub start: usize,
    pub end: usize,
    pub cue: Cue,
}

/// A document-wide view: the original text, its analysis and token ids.
pub struct DocView<'a> {
    pub text: &'a str,
    pub analysed: &'a Analysed,
    pub ids: &'a [TokId],
    /// Byte offset in `text` of each code point (plus one past the end).
    pub char_bytes: Vec<u32>,
}

impl<'a> DocView<'a> {
    pub fn new(text: &'a str, analysed: &'a Analysed, ids: &'a [TokId]) -> Self {
        let mut char_bytes: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        char_bytes.push(text.len() as u32);
        DocView {
            text,
            analysed,
            ids,
            char_bytes,
        }
    }

    pub fn chars(&self, start: usize, end: usize) -> &'a str {
        let n = self.char_bytes.len() - 1;
        let (s, e) = (start.min(n), end.min(n).max(start.min(n)));
        &self.text[self.char_bytes[s] as usize..self.char_bytes[e] as usize]
    }
}

pub struct SentenceView<'a, 'l> {
    pub doc: &'a DocView<'a>,
    pub index: usize,
    pub first: usize,
    pub last: usize,
    pub day: Option<Day>,
    pub entities: Vec<EntityMatch<'l>>,
    pub triggers: Vec<TriggerMatch<'l>>,
    pub cues: Vec<CueMatch>,
    pub lang_lex: &'l vigie_lexicon::LangLexicon,
}

impl<'a, 'l> SentenceView<'a, 'l> {
    pub fn build(
        doc: &'a DocView<'a>,
        lex: &'l vigie_lexicon::LangLexicon,
        index: usize,
        first: usize,
        last: usize,
        day: Option<Day>,
    ) -> Self {
        let tokens = &doc.analysed.tokens;
        let folded = doc.analysed.folded.text.as_str();
        let capitalised = |t: usize| {
            tokens
                .get(t)
                .is_some_and(|x| x.upper && x.kind == vigie_text::TokenKind::Word)
        };
        // Cues may overlap entities and triggers (« selon », « par »), so they are found
        // separately; among cues, leftmost-longest.
        let cues: Vec<CueMatch> = lex
            .cues
            .find_longest(doc.ids, first, last)
            .into_iter()
            .map(|m| CueMatch {
                start: m.start,
                end: m.end,
                cue: *m.payload,
            })
            .collect();
        // A gapped pattern that opens with a reporting phrase of several words overreached:
        // in « les autorités ont fait état de sept blessés », « faire * blessé » (« l'attaque
        // a fait sept blessés ») is not the event; what follows the phrase is searched again.
        let reporting_opening = |m: &vigie_lexicon::pattern::Match<'_, _>| {
            cues.iter().find(|c| {
                c.cue == Cue::Speech && c.start == m.start && c.end - c.start >= 2 && c.end < m.end
            })
        };
        // Folding drops accents, so a participle may match a noun pattern (« ont échangé
        // des tirs » read as « avoir un échange »), and a French noun pattern may match the
        // verb forms its lemma shares (« traité » the treaty is not « traiter »): such a
        // match is another word, and the next best is taken (« échanger », « dialoguer »).
        let well_formed = |m: &vigie_lexicon::pattern::Match<'_, vigie_lexicon::Trigger>| {
            !accent_mismatch(doc, m.payload, m.start, m.end)
                && (lex.code != "fr"
                    || !m.payload.flags.noun
                    || !noun_form_mismatch(doc, m.payload, m.start, m.end))
        };
        let triggers = lex
            .triggers
            .find_longest_where(doc.ids, first, last, well_formed)
            .into_iter()
            .flat_map(|m| match reporting_opening(&m) {
                Some(c) => lex
                    .triggers
                    .find_longest_where(doc.ids, c.end, m.end, well_formed),
                None => vec![m],
            })
            // « l'après-guerre », « l'avant-guerre », « l'entre-deux-guerres », « un
            // mouvement anti-guerre »: a prefix that makes a period or an opposition of the
            // event word names no event.
            .filter(|m| !after_period_prefix(doc.analysed, m.start))
            .map(|m| TriggerMatch {
                start: m.start,
                end: m.end,
                trigger: m.payload,
            })
            .collect();
        let found = lex.entities.find_longest(doc.ids, first, last);
        let covered = |t: usize, by: &[(usize, usize)]| by.iter().any(|&(s, e)| s <= t && t < e);
        let cue_spans: Vec<(usize, usize)> = cues.iter().map(|c| (c.start, c.end)).collect();
        let entity_spans: Vec<(usize, usize)> = found.iter().map(|m| (m.start, m.end)).collect();
        // Where agent nouns end: an adjective may qualify them too (« le syndicat militant »).
        let agent_ends: Vec<usize> = found
            .iter()
            .filter(|m| matches!(m.payload, vigie_lexicon::Entity::Agent { .. }))
            .map(|m| m.end)
            .collect();
        let entities = found
            .into_iter()
            // A name or an agent word that is a piece of a hyphenated compound (« Elysées » in
            // « Champs-Elysées ») is not that actor.
            .filter(|m| {
                // (So is a capital in a title: « Paris-Match ». Countries and demonyms
                // stay: « la guerre Israël-Hamas », « franco-allemand » name both sides.)
                !matches!(
                    m.payload,
                    vigie_lexicon::Entity::Actor(_)
                        | vigie_lexicon::Entity::Agent { .. }
                        | vigie_lexicon::Entity::Country {
                            kind: vigie_lexicon::CountryKind::Capital,
                            ..
                        }
                ) || !doc.analysed.in_hyphenated_compound(m.start, m.end)
            })
            // A country named inside an institution's or an event's proper name (« Stade de
            // France », « Tour de France », « Air France ») is not the country taking part:
            // a capitalised word stands right before it, or before its « de ».
            .filter(|m| {
                let named = matches!(
                    m.payload,
                    vigie_lexicon::Entity::Country {
                        kind: vigie_lexicon::CountryKind::Name
                            | vigie_lexicon::CountryKind::Capital,
                        ..
                    }
                );
                if !named || m.start <= first {
                    return true;
                }
                let word = |t: usize| tokens[t].text(folded);
                let mut k = m.start - 1;
                if matches!(word(k), "de" | "du" | "d'" | "des") && k > first {
                    k -= 1;
                }
                // A capitalised word running on from another word opens a name (« où La France
                // insoumise »); at the start of a sentence or a quotation a capitalised article
                // or preposition is only that (« « La Russie… »), any other word still a name
                // (« "Choose France" »).
                const FUNCTION_WORDS: [&str; 24] = [
                    "la", "le", "les", "l'", "en", "au", "aux", "a", "à", "et", "un", "une", "des",
                    "du", "de", "pour", "selon", "depuis", "avec", "contre", "par", "sur", "dans",
                    "the",
                ];
                !(k > first
                    && capitalised(k)
                    && (tokens[k - 1].kind == vigie_text::TokenKind::Word
                        || !FUNCTION_WORDS.contains(&word(k))))
            })
            // Where modifiers follow their noun, a country named before a capitalised word
            // that starts no other name heads a proper name (« France Inter », « France
            // Télévisions »), not the country. (In English the country is the modifier:
            // "Iran Foreign Minister".)
            .filter(|m| {
                let named = matches!(
                    m.payload,
                    vigie_lexicon::Entity::Country {
                        kind: vigie_lexicon::CountryKind::Name,
                        ..
                    }
                );
                !(named
                    && lex.adjectives_follow_nouns
                    && m.end < last
                    && capitalised(m.end)
                    && !entity_spans.iter().any(|&(s, _)| s == m.end))
            })
            // Folding drops accents, so a past participle may match an agent (« il a jugé »
            // → « juge », « on a déplacé » → « déplacé » the refugee): right after an
            // auxiliary (an adverb may come between), a word ending in « é » is a verb.
            .filter(|m| {
                if !matches!(m.payload, vigie_lexicon::Entity::Agent { .. })
                    || m.end != m.start + 1
                    || m.start < first + 1
                {
                    return true;
                }
                let (s, e) = doc.analysed.span(m.start, m.end);
                let original = doc.chars(s, e);
                let participle = ["é", "ée", "és", "ées"]
                    .iter()
                    .any(|x| original.ends_with(x));
                let auxiliary = |t: usize| is_french_auxiliary(tokens[t].text(folded));
                !(participle
                    && (auxiliary(m.start - 1) || (m.start >= first + 2 && auxiliary(m.start - 2))))
            })
            // A capital opening a sentence as a label (« Paris : 24 blessés », a dateline) says
            // where, not who.
            .filter(|m| {
                !(matches!(
                    m.payload,
                    vigie_lexicon::Entity::Country {
                        kind: vigie_lexicon::CountryKind::Capital,
                        ..
                    }
                ) && m.start == first
                    && tokens
                        .get(m.end)
                        .is_some_and(|t| matches!(t.text(folded), ":" | "–" | "—" | "-")))
            })
            // A capitalised agent word right before another capitalised word opens a name
            // (« Marine Le Pen »), not the navy.
            .filter(|m| {
                !(matches!(m.payload, vigie_lexicon::Entity::Agent { .. })
                    && capitalised(m.start)
                    && m.end < last
                    && capitalised(m.end))
            })
            // Where adjectives follow nouns, an agent word that is also an adjective naming no
            // one, right after a content word, qualifies that noun (« secrétaire général »,
            // « grève générale », « Protection civile »): no actor. A noun follows only an
            // article (elided ones too), a quantifier, a number, a preposed adjective or
            // another function word (a cue). Agentive adjectives (« répression policière »)
            // are not marked and stay.
            .filter(|m| {
                let after_content_word = |t: usize| {
                    tokens[t].kind == vigie_text::TokenKind::Word
                        && !matches!(tokens[t].text(folded).chars().last(), Some('\'' | '’'))
                        && !covered(t, &cue_spans)
                        && !covered(t, &entity_spans)
                };
                !(lex.adjectives_follow_nouns
                    && matches!(
                        m.payload,
                        vigie_lexicon::Entity::Agent {
                            adjective: true,
                            ..
                        }
                    )
                    && m.end == m.start + 1
                    && m.start > first
                    && (after_content_word(m.start - 1) || agent_ends.contains(&m.start)))
            })
            .map(|m| EntityMatch {
                start: m.start,
                end: m.end,
                entity: m.payload,
            })
            .collect();
        // « prenominal » words only served the adjective test above; the rules read the other
        // cues (a determiner or a number before a noun is no preposition to them).
        let mut cues = cues;
        cues.retain(|c| c.cue != Cue::Prenominal);
        SentenceView {
            doc,
            index,
            first,
            last,
            day,
            entities,
            triggers,
            cues,
            lang_lex: lex,
        }
    }

    /// The folded word at token `t`, or "" past the end of the document (look-ahead and
    /// look-behind in the rules may step over the edge).
    pub fn word(&self, t: usize) -> &'a str {
        match self.doc.analysed.tokens.get(t) {
            Some(tok) => tok.text(&self.doc.analysed.folded.text),
            None => "",
        }
    }

    pub fn upper(&self, t: usize) -> bool {
        self.doc.analysed.tokens.get(t).is_some_and(|x| x.upper)
    }

    pub fn is_punct(&self, t: usize) -> bool {
        self.doc
            .analysed
            .tokens
            .get(t)
            .is_some_and(|x| x.kind == TokenKind::Punct)
    }

    pub fn is_number(&self, t: usize) -> bool {
        self.doc
            .analysed
            .tokens
            .get(t)
            .is_some_and(|x| x.kind == TokenKind::Number)
    }

    /// Input code-point span of tokens `first..last`.
    pub fn char_span(&self, first: usize, last: usize) -> (usize, usize) {
        self.doc.analysed.span(first, last)
    }

    /// The input text of tokens `first..last`.
    pub fn text_span(&self, first: usize, last: usize) -> String {
        let (s, e) = self.char_span(first, last);
        self.doc.chars(s, e).to_string()
    }

    pub fn text_chars(&self, s: usize, e: usize) -> String {
        self.doc.chars(s, e).to_string()
    }

    /// Folded words of the tokens strictly between `a` (exclusive end) and `b`.
    pub fn words_between(&self, a: usize, b: usize) -> Vec<&'a str> {
        (a..b).map(|t| self.word(t)).collect()
    }

    /// The country a demonym at token `t` names, if any.
    pub fn demonym_at(&self, t: usize) -> Option<String> {
        if t < self.first || t >= self.last {
            return None;
        }
        let mut out = Vec::new();
        self.lang_lex
            .entities
            .matches_at(self.doc.ids, t, t + 1, &mut out);
        out.iter().find_map(|m| match m.payload {
            Entity::Country {
                code,
                kind: vigie_lexicon::CountryKind::Demonym,
            } => Some(code.clone()),
            _ => None,
        })
    }

    pub fn cues_of(&self, cue: Cue) -> impl Iterator<Item = &CueMatch> + '_ {
        self.cues.iter().filter(move |c| c.cue == cue)
    }

    pub fn cue_at(&self, t: usize) -> Option<Cue> {
        self.cues
            .iter()
            .find(|c| c.start <= t && t < c.end)
            .map(|c| c.cue)
    }

    /// The cue ending right before token `t`, skipping an opening quotation mark and up to two
    /// determiners.
    pub fn cue_before(&self, t: usize) -> Option<(Cue, usize)> {
        let mut k = t;
        // An opening quotation mark around a name: « par des « gilets jaunes » ».
        if k > self.first && matches!(self.word(k - 1), "«" | "\"" | "“") {
            k -= 1;
        }
        while k > self.first && k + 2 > t && self.is_determiner(k - 1) {
            k -= 1;
        }
        // A title before a name: « selon M. Macron ».
        if k >= self.first + 2
            && self.word(k - 1) == "."
            && matches!(
                self.word(k - 2),
                "m" | "mme" | "mlle" | "mr" | "mrs" | "ms" | "dr"
            )
        {
            k -= 2;
        } else if k > self.first
            && matches!(self.word(k - 1), "mme" | "mlle" | "president" | "general")
        {
            k -= 1;
        }
        if k == self.first {
            return None;
        }
        let found = self.cues.iter().find(|c| c.end == k)?;
        // « par des syndicats », « avec des rebelles »: the preposition before « des » decides.
        if found.cue == Cue::Preposition && matches!(self.word(found.start), "des" | "du") {
            if let Some(outer) = self.cues.iter().find(|c| {
                c.end == found.start
                    && matches!(
                        c.cue,
                        Cue::By
                            | Cue::With
                            | Cue::Against
                            | Cue::Between
                            | Cue::Location
                            | Cue::SupportBy
                    )
            }) {
                return Some((outer.cue, outer.start));
            }
        }
        Some((found.cue, found.start))
    }

    /// Is token `t` an article or a possessive (« la », « son », "the")?
    pub fn is_determiner(&self, t: usize) -> bool {
        matches!(
            self.word(t),
            "la" | "le"
                | "les"
                | "l'"
                | "the"
                | "un"
                | "une"
                | "a"
                | "an"
                | "son"
                | "sa"
                | "ses"
                | "leur"
                | "leurs"
                | "its"
                | "their"
                | "his"
                | "her"
        )
    }
}

/// Is token `t` the second half of « après-X », « avant-X », « entre-deux-X », « anti-X »,
/// « post-X » or « pré-X » (folded: « apres », « pre »)?
fn after_period_prefix(analysed: &Analysed, t: usize) -> bool {
    let Some(tok) = analysed.tokens.get(t) else {
        return false;
    };
    let before = &analysed.folded.text[..tok.start as usize];
    let Some(head) = before.strip_suffix('-') else {
        return false;
    };
    let prefix: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    matches!(
        prefix.to_lowercase().as_str(),
        "apres" | "avant" | "entre-deux" | "anti" | "post" | "pre"
    )
}

/// A French form of « avoir » or « être » that builds compound tenses and the passive, as
/// folded text spells it (accents dropped).
/// Does this folded French word only ever open a noun phrase (an article, a possessive, a
/// demonstrative, a quantifier)? « le », « la », « les », « leur » are left out: they may be
/// object pronouns before a verb; so is « a », which may be the auxiliary.
pub fn opens_french_noun(folded_word: &str) -> bool {
    matches!(
        folded_word,
        "un" | "une"
            | "des"
            | "du"
            | "au"
            | "aux"
            | "ce"
            | "cet"
            | "cette"
            | "ces"
            | "sa"
            | "son"
            | "ses"
            | "ma"
            | "mon"
            | "mes"
            | "notre"
            | "nos"
            | "votre"
            | "vos"
            | "leurs"
            | "chaque"
            | "plusieurs"
            | "quelques"
    )
}

pub fn is_french_auxiliary(folded_word: &str) -> bool {
    matches!(
        folded_word,
        "a" | "ai"
            | "as"
            | "avons"
            | "avez"
            | "ont"
            | "avait"
            | "avaient"
            | "aura"
            | "auront"
            | "aurait"
            | "eu"
            | "avoir"
            | "est"
            | "sont"
            | "ete"
            | "etait"
            | "etaient"
            | "sera"
            | "seront"
            | "serait"
            | "fut"
            | "furent"
            | "etre"
    )
}

/// Do the first or last words of a match, as written, differ from the pattern's only by a
/// participle's final « é » (« échangé » for the noun « échange »)? Patterns match folded
/// words, which have no accents.
fn accent_mismatch(
    doc: &DocView,
    trigger: &vigie_lexicon::Trigger,
    start: usize,
    end: usize,
) -> bool {
    [start, end - 1]
        .iter()
        .zip(&trigger.edges)
        .any(|(&k, edge)| {
            if edge.participle || edge.compound {
                return false;
            }
            let (s, e) = doc.analysed.span(k, k + 1);
            let written = doc.chars(s, e);
            ["é", "ée", "és", "ées"]
                .iter()
                .any(|x| written.ends_with(x))
                && doc.analysed.tokens[k].text(&doc.analysed.folded.text) == edge.folded
        })
}

/// Does the first or last word of a noun pattern's match differ from the pattern's word by
/// more than number and gender (« traiter » for « traité », « demandent » for « demande »)?
fn noun_form_mismatch(
    doc: &DocView,
    trigger: &vigie_lexicon::Trigger,
    start: usize,
    end: usize,
) -> bool {
    let same_noun = |text: &str, pattern: &str| {
        let (shorter, longer) = if text.len() <= pattern.len() {
            (text, pattern)
        } else {
            (pattern, text)
        };
        longer
            .strip_prefix(shorter)
            .is_some_and(|rest| matches!(rest, "" | "s" | "x" | "e" | "es"))
    };
    [start, end - 1]
        .iter()
        .zip(&trigger.edges)
        .any(|(&k, edge)| {
            // (Elided words and compounds are matched as the tokeniser splits them.)
            !edge.compound
                && !same_noun(
                    doc.analysed.tokens[k].text(&doc.analysed.folded.text),
                    &edge.folded,
                )
        })
}
