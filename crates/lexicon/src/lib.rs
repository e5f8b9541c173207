//! Lexicon stage: loads the data files under `data/` and compiles them into token automata.
//!
//! Nothing here knows about any particular article. The files are documented in
//! `data/README.md`; a malformed line is skipped and reported as a warning naming the file
//! and line, never a panic.

pub mod pattern;

use pattern::{key, PatternSet, Vocab};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::{Path, PathBuf};
use vigie_model::EventType;
use vigie_text::{Lang, Lemmas};

pub use pattern::{token_ids, Match, TokId, NONE};

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("data directory {0} has no lexicon/ folder (set --data or VIGIE_DATA)")]
    NoData(PathBuf),
}

/// A `YYYY-MM-DD` date as a sortable tuple.
pub type Day = (i32, u8, u8);

/// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`; `end` chooses the last day of a partial date.
pub fn parse_day(s: &str, end: bool) -> Option<Day> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut it = s.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: Option<u8> = it.next().and_then(|m| m.parse().ok());
    let d: Option<u8> = it.next().and_then(|d| d.parse().ok());
    Some(match (m, d, end) {
        (Some(m), Some(d), _) => (y, m, d),
        (Some(m), None, false) => (y, m, 1),
        (Some(m), None, true) => (y, m, 31),
        (None, _, false) => (y, 1, 1),
        (None, _, true) => (y, 12, 31),
    })
}

/// One dated role of a named actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRole {
    pub code: String,
    pub sector: String,
    pub cameo_code: String,
    pub name: String,
    pub start: Option<Day>,
    pub end: Option<Day>,
}

impl ActorRole {
    pub fn holds_on(&self, day: Option<Day>) -> bool {
        match day {
            None => true,
            Some(d) => self.start.is_none_or(|s| s <= d) && self.end.is_none_or(|e| d <= e),
        }
    }
}

/// A named actor: every role its name variants carry.
#[derive(Debug, Clone, Default)]
pub struct ActorEntry {
    pub roles: Vec<ActorRole>,
}

impl ActorEntry {
    /// The role in force on `day`: the one whose period contains it, preferring dated roles
    /// (more specific) over open ones; else the latest role.
    pub fn role_on(&self, day: Option<Day>) -> Option<&ActorRole> {
        let holding = self
            .roles
            .iter()
            .filter(|r| r.holds_on(day))
            .max_by_key(|r| (r.start.is_some() || r.end.is_some(), r.start));
        holding.or_else(|| self.roles.iter().max_by_key(|r| r.start))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryKind {
    Name,
    Capital,
    Demonym,
}

/// What a span of text names.
#[derive(Debug, Clone, PartialEq)]
pub enum Entity {
    /// Index into [`Lexicon::actors`].
    Actor(u32),
    Country {
        code: String,
        kind: CountryKind,
    },
    Agent {
        sector: String,
        person: bool,
        /// Also an adjective that names no one (« général », « civil »): right after a noun it
        /// qualifies that noun (« secrétaire général », « grève générale »).
        adjective: bool,
    },
    Role(String),
}

/// Event trigger flags (see `data/README.md`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TriggerFlags {
    pub kill: bool,
    pub injure: bool,
    pub arrest: bool,
    pub noun: bool,
    pub reciprocal: bool,
    pub weak: bool,
    /// The event exists only with a named recipient (« reconnaître », « recevoir »).
    pub object: bool,
    /// A noun that is an act only as the object of a verb (« présenter ses revendications »);
    /// on its own it names a state (« les revendications des gilets jaunes »).
    pub governed: bool,
    /// Passive with no agent named, the police did it (« trois personnes ont été
    /// interpellées »).
    pub by_police: bool,
    /// With no one named doing it, the courts did it (« il a été mis en examen »).
    pub by_court: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    pub event_type: EventType,
    pub cameo: String,
    pub mode: String,
    pub context: Vec<String>,
    pub flags: TriggerFlags,
    /// The pattern as written, used to name the rule that fired.
    pub pattern: String,
    /// The pattern's first and last words (gaps and reflexive pronouns aside), folded, and
    /// whether each is written as a past participle (final « é », « ée », « és », « ées »):
    /// matching is on folded words, and these let the coder check what folding hides.
    pub edges: [EdgeWord; 2],
}

/// One end word of a trigger pattern (see [`Trigger::edges`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EdgeWord {
    pub folded: String,
    pub participle: bool,
    /// Written with an apostrophe or a hyphen: the tokeniser splits it, so it is not
    /// compared word for word.
    pub compound: bool,
}

impl EdgeWord {
    fn of(word: &str) -> EdgeWord {
        let lower = word.to_lowercase();
        EdgeWord {
            folded: vigie_text::fold_str(word),
            participle: ["é", "ée", "és", "ées"].iter().any(|e| lower.ends_with(e)),
            compound: word.contains(['\'', '’', '-']),
        }
    }
}

/// Function-word cues the coder relies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    Negation,
    Dismissal,
    Speech,
    According,
    Claim,
    Intent,
    Hypothetical,
    SupportBy,
    Against,
    With,
    Between,
    By,
    ClauseBreak,
    PassiveAux,
    Relative,
    Coordination,
    Demonstrative,
    Pronoun,
    Possessive,
    Both,
    Location,
    Preposition,
    Threat,
    PlaceHead,
    TimeWord,
    /// A phrase that looks like an event but is not one (« conférence de presse »).
    NonEvent,
    /// Introduces a purpose clause (« pour », « afin de », "in order to").
    Purpose,
    /// A noun that counts people (« morts », « personnes », "people").
    Counted,
    /// A verb whose object noun names the event (« mener une offensive », "hold talks").
    LightVerb,
    /// A word that stands right before a noun: an article, a quantifier, a number, an
    /// adjective placed before nouns (« les », « plusieurs », « jeunes »).
    Prenominal,
    /// A noun for an idea, a plan or a market: a violent verb with one as its object is a
    /// figure of speech (« tuer l'économie », « attaquer la réforme »).
    Abstract,
    /// A verb or noun whose subject undergoes the event noun after it (« subir l'assaut
    /// de », « essuyer des tirs », « être victime d'une agression »): the subject is the
    /// recipient.
    Suffer,
    /// A predicate that rules out the event it is said of, before or after it (« une
    /// intervention est exclue », « il est hors de question d'attaquer »).
    RuledOut,
    /// A street, square or building whose « de X » complement is part of its name (« place
    /// de France », « stade de France »): X is no participant.
    NameHead,
    /// Opens a link to another article (« Lire aussi : », "Read more:"): the headline that
    /// follows reports nothing of this article.
    SeeAlso,
    /// Says that the event noun before it is planned (« un rassemblement prévu samedi »,
    /// « une manifestation y est attendue »).
    Scheduled,
    /// An accident or a natural disaster (« une vague de froid », « un mouvement de
    /// foule »): the deaths and injuries it causes are no assault.
    Disaster,
    /// Governs an event noun that is only mentioned, as a topic or a background (« en
    /// prévision du rassemblement », « malgré les grèves », « la crainte d'attentats »):
    /// no event is reported.
    Mention,
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        Some(match s.trim() {
            "negation" => Cue::Negation,
            "dismissal" => Cue::Dismissal,
            "speech" => Cue::Speech,
            "according_to" => Cue::According,
            "claim" => Cue::Claim,
            "intent" => Cue::Intent,
            "hypothetical" => Cue::Hypothetical,
            "support_by" => Cue::SupportBy,
            "against" => Cue::Against,
            "with" => Cue::With,
            "between" => Cue::Between,
            "by" => Cue::By,
            "clause_break" => Cue::ClauseBreak,
            "passive_aux" => Cue::PassiveAux,
            "relative" => Cue::Relative,
            "coordination" => Cue::Coordination,
            "demonstrative" => Cue::Demonstrative,
            "pronoun" => Cue::Pronoun,
            "possessive" => Cue::Possessive,
            "both" => Cue::Both,
            "location" => Cue::Location,
            "preposition" => Cue::Preposition,
            "threat" => Cue::Threat,
            "place_head" => Cue::PlaceHead,
            "time_word" => Cue::TimeWord,
            "non_event" => Cue::NonEvent,
            "purpose" => Cue::Purpose,
            "counted" => Cue::Counted,
            "light_verb" => Cue::LightVerb,
            "prenominal" => Cue::Prenominal,
            "abstract" => Cue::Abstract,
            "suffer" => Cue::Suffer,
            "ruled_out" => Cue::RuledOut,
            "name_head" => Cue::NameHead,
            "see_also" => Cue::SeeAlso,
            "scheduled" => Cue::Scheduled,
            "disaster" => Cue::Disaster,
            "mention" => Cue::Mention,
            _ => return None,
        })
    }
}

/// Who held an office when (resolves role phrases).
#[derive(Debug, Clone)]
pub struct Office {
    pub country: String,
    pub role: String,
    pub name: String,
    pub start: Option<Day>,
    pub end: Option<Day>,
}

/// The compiled lexicon of one language.
#[derive(Debug, Default)]
pub struct LangLexicon {
    pub entities: PatternSet<Entity>,
    pub triggers: PatternSet<Trigger>,
    pub cues: PatternSet<Cue>,
    /// Number words (folded) → value, from `{lang}/numbers.tsv`.
    pub numbers: HashMap<String, u64>,
    /// Every word of the language's lemma table (forms and lemmas, folded): a capitalised
    /// word outside it is likely a proper name.
    pub common_words: HashSet<Box<str>>,
    /// Given names (folded), from `data/gazetteer/given_names.txt`: « Laurent » opens a
    /// person's name even when the surname is a common word (« Laurent Brun »).
    pub given_names: HashSet<Box<str>>,
    /// Adjectives follow their noun in this language, so an agent word that is also an
    /// adjective, right after a content word, qualifies it (« secrétaire général »). Set when
    /// its cues list `prenominal` words, the ones a noun may follow.
    pub adjectives_follow_nouns: bool,
    /// The language's code (« fr », « en »).
    pub code: &'static str,
}

/// Everything loaded from `data/`.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub vocab: Vocab,
    pub actors: Vec<ActorEntry>,
    pub fr: LangLexicon,
    pub en: LangLexicon,
    pub offices: Vec<Office>,
    pub abbreviations: HashSet<String>,
    /// Lines skipped while loading, as `file:line: reason`.
    pub warnings: Vec<String>,
}

impl Lexicon {
    pub fn lang(&self, lang: Lang) -> &LangLexicon {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    /// Language slot for [`token_ids`].
    pub fn slot(lang: Lang) -> usize {
        match lang {
            Lang::Fr => 0,
            Lang::En => 1,
        }
    }

    /// The holder of `role` in `country` on `day`, if the office table knows.
    pub fn office_holder(&self, country: &str, role: &str, day: Option<Day>) -> Option<&Office> {
        self.offices
            .iter()
            .filter(|o| o.country == country && o.role == role)
            .find(|o| match day {
                None => o.end.is_none(),
                Some(d) => o.start.is_none_or(|s| s <= d) && o.end.is_none_or(|e| d <= e),
            })
    }

    /// Loads every file under `dir` (the repository's `data/`).
    pub fn load(dir: &Path) -> Result<Lexicon, LexiconError> {
        let lex_dir = dir.join("lexicon");
        if !lex_dir.is_dir() {
            return Err(LexiconError::NoData(dir.to_path_buf()));
        }
        let mut lex = Lexicon::default();
        // Only triggers match across inflections of one lemma (adjective agreement); names
        // and function words must match as written or through their own lemma.
        for l in [&mut lex.fr, &mut lex.en] {
            l.cues.inflection = pattern::Inflection::Normal;
            l.entities.inflection = pattern::Inflection::Strict;
        }
        let read = |rel: &str| -> Result<Option<(String, String)>, LexiconError> {
            let path = lex_dir.join(rel);
            match std::fs::read_to_string(&path) {
                Ok(s) => Ok(Some((format!("data/lexicon/{rel}"), s))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(source) => Err(LexiconError::Io { path, source }),
            }
        };

        // Countries first: on a tie with a Phoenix name, the curated country entry wins.
        if let Some((name, text)) = read("countries.tsv")? {
            for (lineno, cols) in rows(&text) {
                if cols.len() < 4 {
                    lex.warnings
                        .push(format!("{name}:{lineno}: expected 4 columns"));
                    continue;
                }
                let kind = match cols[2].trim() {
                    "name" => CountryKind::Name,
                    "capital" => CountryKind::Capital,
                    "demonym" => CountryKind::Demonym,
                    other => {
                        lex.warnings
                            .push(format!("{name}:{lineno}: unknown kind {other:?}"));
                        continue;
                    }
                };
                let entity = Entity::Country {
                    code: cols[1].trim().to_string(),
                    kind,
                };
                lex.add_entity(cols[3].trim(), cols[0], entity);
            }
        }

        // Actors, grouped by pattern so one name carries all its dated roles.
        let mut actor_index: HashMap<(String, String), u32> = HashMap::default();
        let mut actor_patterns: Vec<(String, String, u32)> = Vec::new();
        for file in ["actors_phoenix.tsv", "actors_curated.tsv"] {
            let Some((name, text)) = read(file)? else {
                continue;
            };
            for (lineno, cols) in rows(&text) {
                if cols.len() < 8 {
                    lex.warnings.push(format!(
                        "{name}:{lineno}: expected 8 columns, found {}",
                        cols.len()
                    ));
                    continue;
                }
                let pattern = cols[0].trim();
                if pattern.is_empty() || cols[1].trim().is_empty() {
                    lex.warnings
                        .push(format!("{name}:{lineno}: empty pattern or code"));
                    continue;
                }
                let lang = cols[7].trim().to_string();
                let k = (pattern.to_string(), lang.clone());
                let idx = *actor_index.entry(k).or_insert_with(|| {
                    lex.actors.push(ActorEntry::default());
                    actor_patterns.push((pattern.to_string(), lang, lex.actors.len() as u32 - 1));
                    lex.actors.len() as u32 - 1
                });
                let role = ActorRole {
                    code: cols[1].trim().to_string(),
                    sector: cols[2].trim().to_string(),
                    cameo_code: cols[3].trim().to_string(),
                    name: cols[4].trim().to_string(),
                    start: parse_day(cols[5], false),
                    end: parse_day(cols[6], true),
                };
                let roles = &mut lex.actors[idx as usize].roles;
                if !roles.contains(&role) {
                    roles.push(role);
                }
            }
        }
        for (pattern, lang, idx) in &actor_patterns {
            for (slot, code) in [(0, "fr"), (1, "en")] {
                if lang == "*" || lang == code || lang.is_empty() {
                    let target = if slot == 0 { &mut lex.fr } else { &mut lex.en };
                    target
                        .entities
                        .add(&mut lex.vocab, pattern, Entity::Actor(*idx));
                }
            }
        }

        for (lang, slot) in [("fr", 0usize), ("en", 1usize)] {
            if let Some((name, text)) = read(&format!("{lang}/agents.tsv"))? {
                for (lineno, cols) in rows(&text) {
                    if cols.len() < 2 {
                        lex.warnings
                            .push(format!("{name}:{lineno}: expected pattern, sector, person"));
                        continue;
                    }
                    let person = cols.get(2).is_some_and(|p| p.trim() == "yes");
                    let adjective = cols.get(3).is_some_and(|a| a.trim() == "adjective");
                    let entity = Entity::Agent {
                        sector: cols[1].trim().to_string(),
                        person,
                        adjective,
                    };
                    lex.add_entity(lang, cols[0], entity);
                }
            }
            if let Some((name, text)) = read(&format!("{lang}/roles.tsv"))? {
                for (lineno, cols) in rows(&text) {
                    if cols.len() < 2 {
                        lex.warnings
                            .push(format!("{name}:{lineno}: expected pattern, role"));
                        continue;
                    }
                    lex.add_entity(lang, cols[0], Entity::Role(cols[1].trim().to_string()));
                }
            }
            if let Some((name, text)) = read(&format!("{lang}/triggers.tsv"))? {
                for (lineno, cols) in rows(&text) {
                    match parse_trigger(&cols) {
                        Ok(trigger) => {
                            let target = if slot == 0 { &mut lex.fr } else { &mut lex.en };
                            if slot == 0 {
                                target.triggers.add_elided(&mut lex.vocab, cols[0], trigger);
                            } else {
                                target.triggers.add(&mut lex.vocab, cols[0], trigger);
                            }
                        }
                        Err(why) => lex.warnings.push(format!("{name}:{lineno}: {why}")),
                    }
                }
            }
            if let Some((name, text)) = read(&format!("{lang}/numbers.tsv"))? {
                for (lineno, cols) in rows(&text) {
                    match cols.get(1).and_then(|v| v.trim().parse::<u64>().ok()) {
                        Some(value) => {
                            let target = if slot == 0 { &mut lex.fr } else { &mut lex.en };
                            target.numbers.insert(key(cols[0]), value);
                        }
                        None => lex
                            .warnings
                            .push(format!("{name}:{lineno}: expected word<TAB>number")),
                    }
                }
            }
            if let Some((name, text)) = read(&format!("{lang}/cues.tsv"))? {
                for (lineno, cols) in rows(&text) {
                    match cols.get(1).and_then(|c| Cue::parse(c)) {
                        Some(cue) => {
                            let target = if slot == 0 { &mut lex.fr } else { &mut lex.en };
                            target.adjectives_follow_nouns |= cue == Cue::Prenominal;
                            if slot == 0 {
                                target.cues.add_elided(&mut lex.vocab, cols[0], cue);
                            } else {
                                target.cues.add(&mut lex.vocab, cols[0], cue);
                            }
                        }
                        None => lex.warnings.push(format!("{name}:{lineno}: unknown cue")),
                    }
                }
            }
        }

        if let Some((name, text)) = read("offices.tsv")? {
            for (lineno, cols) in rows(&text) {
                if cols.len() < 5 {
                    lex.warnings
                        .push(format!("{name}:{lineno}: expected 5 columns"));
                    continue;
                }
                lex.offices.push(Office {
                    country: cols[0].trim().to_string(),
                    role: cols[1].trim().to_string(),
                    name: cols[2].trim().to_string(),
                    start: parse_day(cols[3], false),
                    end: parse_day(cols[4], true),
                });
            }
        }

        if let Some((_, text)) = read("abbreviations.txt")? {
            for (_, cols) in rows(&text) {
                let a = key(cols[0]);
                let a = a.trim_end_matches('.');
                if !a.is_empty() {
                    lex.abbreviations.insert(a.to_string());
                }
            }
        }

        // Lemmas last: only forms of words some pattern uses are kept.
        let mut tables = Vec::new();
        for lang in ["fr", "en"] {
            let table = match read(&format!("{lang}/lemmas.tsv"))? {
                Some((name, text)) => {
                    let (table, bad) = Lemmas::parse(&text);
                    if bad > 0 {
                        lex.warnings
                            .push(format!("{name}: {bad} malformed lines skipped"));
                    }
                    table
                }
                None => Lemmas::default(),
            };
            tables.push(table);
        }
        lex.vocab.attach_lemmas(&[&tables[0], &tables[1]]);
        for (table, target) in tables.iter().zip([&mut lex.fr, &mut lex.en]) {
            target.common_words = table
                .iter()
                .flat_map(|(form, lemma)| [form, lemma])
                .map(Box::from)
                .collect();
        }
        // The given names live with the gazetteer, which also uses them to tell people from
        // places.
        if let Some(gazetteer) = lex_dir
            .parent()
            .map(|d| d.join("gazetteer/given_names.txt"))
        {
            match std::fs::read_to_string(&gazetteer) {
                Ok(text) => {
                    let names: HashSet<Box<str>> = text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .map(|l| Box::from(vigie_text::fold_str(l).as_str()))
                        .collect();
                    lex.fr.given_names = names.clone();
                    lex.en.given_names = names;
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(LexiconError::Io {
                        path: gazetteer,
                        source,
                    })
                }
            }
        }
        lex.fr.code = "fr";
        lex.en.code = "en";
        for (slot, target) in [(0usize, &mut lex.fr), (1usize, &mut lex.en)] {
            target.entities.compile(&lex.vocab, slot);
            target.triggers.compile(&lex.vocab, slot);
            target.cues.compile(&lex.vocab, slot);
        }
        Ok(lex)
    }

    fn add_entity(&mut self, lang: &str, pattern: &str, entity: Entity) {
        let lang = lang.trim();
        if lang == "*" || lang == "fr" || lang.is_empty() {
            self.fr
                .entities
                .add(&mut self.vocab, pattern, entity.clone());
        }
        if lang == "*" || lang == "en" || lang.is_empty() {
            self.en.entities.add(&mut self.vocab, pattern, entity);
        }
    }
}

fn parse_trigger(cols: &[&str]) -> Result<Trigger, String> {
    if cols.len() < 2 {
        return Err("expected pattern, event_type, cameo, mode, context, flags".into());
    }
    let event_type =
        EventType::parse(cols[1]).ok_or_else(|| format!("unknown PLOVER type {:?}", cols[1]))?;
    let field = |i: usize| cols.get(i).map(|s| s.trim()).unwrap_or("");
    let mut flags = TriggerFlags::default();
    for flag in field(5).split(',').map(str::trim).filter(|f| !f.is_empty()) {
        match flag {
            "kill" => flags.kill = true,
            "injure" => flags.injure = true,
            "arrest" => flags.arrest = true,
            "noun" => flags.noun = true,
            "reciprocal" => flags.reciprocal = true,
            "weak" => flags.weak = true,
            "object" => flags.object = true,
            "governed" => flags.governed = true,
            "by_police" => flags.by_police = true,
            "by_court" => flags.by_court = true,
            other => return Err(format!("unknown flag {other:?}")),
        }
    }
    Ok(Trigger {
        event_type,
        cameo: field(2).to_string(),
        mode: field(3).to_string(),
        context: field(4)
            .split(';')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect(),
        flags,
        pattern: cols[0].trim().to_string(),
        edges: {
            let mut words = cols[0].split_whitespace().filter(|w| *w != "*");
            let first = words.next().unwrap_or("");
            let last = words.next_back().unwrap_or(first);
            [EdgeWord::of(first), EdgeWord::of(last)]
        },
    })
}

/// Non-comment, non-blank lines split on tabs, with 1-based line numbers.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            None
        } else {
            Some((i + 1, line.split('\t').collect()))
        }
    })
}

/// Finds the data directory: an explicit path, `VIGIE_DATA`, `./data`, or the one beside the
/// sources this binary was built from.
pub fn locate_data_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("VIGIE_DATA") {
        return PathBuf::from(p);
    }
    let local = PathBuf::from("data");
    if local.join("lexicon").is_dir() {
        return local;
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_periods_pick_the_holder_of_the_day() {
        let entry = ActorEntry {
            roles: vec![
                ActorRole {
                    code: "RUS".into(),
                    sector: "GOV".into(),
                    cameo_code: "RUSGOV".into(),
                    name: "A".into(),
                    start: parse_day("1994-09-22", false),
                    end: parse_day("2004-07-12", true),
                },
                ActorRole {
                    code: "RUS".into(),
                    sector: "GOV".into(),
                    cameo_code: "RUSGOV".into(),
                    name: "A".into(),
                    start: parse_day("2004-03-09", false),
                    end: None,
                },
            ],
        };
        let r = entry.role_on(parse_day("2017-12", false)).unwrap();
        assert_eq!(r.start, Some((2004, 3, 9)));
        assert_eq!(parse_day("2018", true), Some((2018, 12, 31)));
    }

    #[test]
    fn trigger_rows_are_validated() {
        assert!(
            parse_trigger(&["attaquer", "ASSAULT", "190", "", "military", "noun,kill"]).is_ok()
        );
        assert!(parse_trigger(&["x", "STATEMENT"]).is_err());
        assert!(parse_trigger(&["x", "ASSAULT", "190", "", "", "bogus"]).is_err());
    }
}
