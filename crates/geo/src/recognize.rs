//! Finding place names in text: gazetteer names over the token stream, kept or dropped by
//! what surrounds them (`data/gazetteer/context.tsv`) and by whether the name is also a common
//! word of the language (« vienne », « tours », « sens »).

use crate::gazetteer::Gazetteer;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;
use vigie_text::{Analysed, Lang, TokenKind};

/// What a phrase before a name says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A locative preposition (« à », « dans », "in", "near").
    Prep,
    /// A region head (« province de », "governorate of").
    Admin,
    /// A town head (« ville de »).
    City,
    /// A river or sea head (« fleuve », "sea").
    Water,
    /// An institution named after a place (« Banque de France »): not where events happen.
    Org,
    /// A title: the next capitalised word is a person's name.
    Person,
    /// A facility head right before its own name (« hôpital Pasteur », « gare
    /// Saint-Lazare »): that name is the facility's, not a place's.
    Facility,
}

impl Cue {
    fn parse(kind: &str) -> Option<Cue> {
        Some(match kind {
            "prep" => Cue::Prep,
            "admin" | "area" => Cue::Admin,
            "city" => Cue::City,
            "water" => Cue::Water,
            "org" => Cue::Org,
            "facility" => Cue::Facility,
            "person" => Cue::Person,
            _ => return None,
        })
    }
}

/// Context phrases and the common words of each language.
#[derive(Debug, Default)]
pub struct Context {
    /// (phrase key, language slot) → cue; slot 0 French, 1 English.
    phrases: FxHashMap<(String, u8), Cue>,
    longest_phrase: usize,
    /// Words of each language that are also single-word place names.
    common: [FxHashSet<String>; 2],
    /// Those of them listed in context.tsv (function and compass words: « les », "west"),
    /// which never name a place on their own.
    function_words: [FxHashSet<String>; 2],
    /// Generic feature heads ("river", « fleuve »), either language.
    generic: FxHashSet<String>,
    /// Heads of street and square names: [0] French, which start a name (« place »), [1]
    /// English, which end one ("street").
    street: [FxHashSet<String>; 2],
    /// Articles and particles that may open a name before its first capitalised word (« le
    /// Caire », « al-Qaïm »), either language.
    particles: FxHashSet<String>,
    /// Given names (`given_names.txt`, name keys): « François » before « Hollande » opens a
    /// person's name, not a list of two places.
    given_names: FxHashSet<String>,
    /// Surnames (`surnames.txt`, name keys): alone and without a locative cue, « Kennedy »
    /// is a person, not Kennedy Township.
    surnames: FxHashSet<String>,
    /// Determiners of each language (« les », "the").
    determiners: [FxHashSet<String>; 2],
    pub warnings: Vec<String>,
}

fn slot(lang: Lang) -> u8 {
    match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    }
}

impl Context {
    /// Loads `gazetteer_dir/context.tsv` and, from `lexicon_dir/{fr,en}/lemmas.tsv`, the common
    /// words that collide with single-word names of `gaz`.
    pub fn load(gazetteer_dir: &Path, lexicon_dir: &Path, gaz: &Gazetteer) -> Context {
        let mut ctx = Context::default();
        let path = gazetteer_dir.join("context.tsv");
        match std::fs::read_to_string(&path) {
            Ok(text) => ctx.read_phrases(&path.display().to_string(), &text),
            Err(e) => ctx.warnings.push(format!("{}: {e}", path.display())),
        }
        for (file, surnames) in [("given_names.txt", false), ("surnames.txt", true)] {
            let path = gazetteer_dir.join(file);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let names = text.lines().filter(|l| !l.starts_with('#'));
                    if surnames {
                        ctx.add_surnames(names);
                    } else {
                        ctx.add_given_names(names);
                    }
                }
                Err(e) => ctx.warnings.push(format!("{}: {e}", path.display())),
            }
        }
        for (i, lang) in ["fr", "en"].iter().enumerate() {
            let path = lexicon_dir.join(lang).join("lemmas.tsv");
            if let Ok(text) = std::fs::read_to_string(&path) {
                ctx.read_common_words(i, &text, gaz);
            }
        }
        ctx
    }

    pub fn read_phrases(&mut self, origin: &str, text: &str) {
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            // Language slots of the row: French, English or both.
            let slots: &[usize] = match cols.get(2).map(|l| l.trim()) {
                Some("fr") => &[0],
                Some("en") => &[1],
                _ => &[0, 1],
            };
            if cols.get(1).map(|k| k.trim()) == Some("det") {
                let key = phrase_key(cols[0]);
                for &slot in slots {
                    self.determiners[slot].insert(key.clone());
                }
                continue;
            }
            if cols.get(1).map(|k| k.trim()) == Some("generic") {
                self.generic.insert(phrase_key(cols[0]));
                continue;
            }
            if cols.get(1).map(|k| k.trim()) == Some("particle") {
                self.particles.insert(cols[0].trim().to_string());
                continue;
            }
            if cols.get(1).map(|k| k.trim()) == Some("street") {
                // English heads end a street's name ("Royal Street"), French ones start it
                // (« place Tahrir »).
                let slot = usize::from(cols.get(2).map(|l| l.trim()) != Some("fr"));
                self.street[slot].insert(phrase_key(cols[0]));
                continue;
            }
            if cols.get(1).map(|k| k.trim()) == Some("word") {
                let key = phrase_key(cols[0]);
                for &slot in slots {
                    self.common[slot].insert(key.clone());
                    self.function_words[slot].insert(key.clone());
                }
                continue;
            }
            let (Some(phrase), Some(cue), Some(lang)) = (
                cols.first(),
                cols.get(1).and_then(|k| Cue::parse(k.trim())),
                cols.get(2),
            ) else {
                self.warnings
                    .push(format!("{origin}:{}: expected phrase, kind, lang", n + 1));
                continue;
            };
            let key = phrase_key(phrase);
            if key.is_empty() {
                continue;
            }
            self.longest_phrase = self.longest_phrase.max(key.split(' ').count());
            let slots: &[u8] = match lang.trim() {
                "fr" => &[0],
                "en" => &[1],
                _ => &[0, 1],
            };
            for &s in slots {
                self.phrases.insert((key.clone(), s), cue);
            }
        }
    }

    fn read_common_words(&mut self, slot: usize, text: &str, gaz: &Gazetteer) {
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            for word in line.split('\t').take(2) {
                let key = crate::gazetteer::name_key(word);
                if !key.is_empty() && !key.contains(' ') && !gaz.lookup(&key).is_empty() {
                    self.common[slot].insert(key);
                }
            }
        }
    }

    /// Declares words of `lang` (tests, or callers with their own word lists).
    pub fn add_common_words<'a>(&mut self, lang: Lang, words: impl IntoIterator<Item = &'a str>) {
        for w in words {
            self.common[slot(lang) as usize].insert(crate::gazetteer::name_key(w));
        }
    }

    /// Declares given names (tests, or callers with their own lists).
    pub fn add_given_names<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        insert_keys(&mut self.given_names, names);
    }

    /// Declares surnames (tests, or callers with their own lists).
    pub fn add_surnames<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        insert_keys(&mut self.surnames, names);
    }

    pub fn is_surname(&self, key: &str) -> bool {
        self.surnames.contains(key)
    }

    pub fn is_given_name(&self, key: &str) -> bool {
        self.given_names.contains(key)
    }

    pub fn is_determiner(&self, word: &str, lang: Lang) -> bool {
        self.determiners[slot(lang) as usize].contains(word)
    }

    /// A generic head of feature names ("street", « fleuve »).
    pub fn is_generic(&self, word: &str) -> bool {
        self.generic.contains(word)
    }

    /// Do these words (first and last of a name) make it a street's or a square's?
    pub fn is_street_name(&self, first_word: &str, last_word: &str) -> bool {
        self.street[0].contains(first_word) || self.street[1].contains(last_word)
    }

    pub fn is_common_word(&self, key: &str, lang: Lang) -> bool {
        self.common[slot(lang) as usize].contains(key)
    }

    pub fn is_function_word(&self, key: &str, lang: Lang) -> bool {
        self.function_words[slot(lang) as usize].contains(key)
    }
}

/// Adds the name keys of `names` to `set`.
fn insert_keys<'a>(set: &mut FxHashSet<String>, names: impl IntoIterator<Item = &'a str>) {
    for n in names {
        let key = crate::gazetteer::name_key(n.trim());
        if !key.is_empty() {
            set.insert(key);
        }
    }
}

/// Like [`crate::gazetteer::name_key`] but for context phrases, which may end with an
/// abbreviation's dot (« m. »).
fn phrase_key(phrase: &str) -> String {
    let trimmed = phrase.trim().trim_end_matches('.');
    crate::gazetteer::name_key(trimmed)
}

/// A place name found in the text, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMention {
    /// Token range.
    pub first: usize,
    pub last: usize,
    pub sentence: usize,
    /// The name key looked up.
    pub key: String,
    /// Indexes of the places it may be.
    pub candidates: Vec<u32>,
    pub cue: Option<Cue>,
}

/// Key of the word tokens `first..last` (a punctuation token breaks it: `None`).
pub(crate) fn tokens_key(analysed: &Analysed, first: usize, last: usize, key: &mut String) -> bool {
    key.clear();
    for i in first..last {
        let t = &analysed.tokens[i];
        if t.kind == TokenKind::Punct {
            return false;
        }
        if i > first {
            key.push(' ');
        }
        key.push_str(analysed.token_text(i));
    }
    true
}

/// The cue right before token `at` in its sentence (longest phrase first).
pub(crate) fn cue_before(
    ctx: &Context,
    analysed: &Analysed,
    sentence_first: usize,
    at: usize,
    lang: Lang,
) -> Option<Cue> {
    let mut key = String::new();
    let max = ctx.longest_phrase.min(at - sentence_first);
    for n in (1..=max).rev() {
        if tokens_key(analysed, at - n, at, &mut key) {
            if let Some(&cue) = ctx.phrases.get(&(key.clone(), slot(lang))) {
                return Some(cue);
            }
        }
    }
    // A dotted title (« M. ») tokenises as the word and a full stop.
    if at >= sentence_first + 2
        && analysed.token_text(at - 1) == "."
        && tokens_key(analysed, at - 2, at - 1, &mut key)
        && ctx.phrases.get(&(key.clone(), slot(lang))) == Some(&Cue::Person)
    {
        return Some(Cue::Person);
    }
    None
}

fn is_capitalised_word(analysed: &Analysed, i: usize) -> bool {
    analysed
        .tokens
        .get(i)
        .is_some_and(|t| t.kind == TokenKind::Word && t.upper)
}

/// The candidates a match may really be: an abbreviation written in capitals (« EU », "US",
/// « UE ») names a country, a region or a curated area, never a town spelt like a word (Eu,
/// Us).
pub(crate) fn plausible(
    gaz: &Gazetteer,
    analysed: &Analysed,
    first: usize,
    last: usize,
    candidates: &[u32],
) -> Vec<u32> {
    // One short token ("EU", "U.S." tokenises as letters and dots): datelines in capitals
    // ("NEW YORK") are ordinary names.
    let letters: u32 = (first..last)
        .filter(|&i| analysed.tokens[i].kind == TokenKind::Word)
        .map(|i| analysed.tokens[i].end - analysed.tokens[i].start)
        .sum();
    let all_caps = letters <= 4
        && (first..last).all(|i| {
            let t = &analysed.tokens[i];
            t.kind != TokenKind::Word
                || (t.end - t.start <= 4
                    && analysed.folded.upper[t.start as usize..t.end as usize]
                        .iter()
                        .zip(analysed.folded.text[t.start as usize..t.end as usize].bytes())
                        .all(|(&up, b)| up || !b.is_ascii_alphabetic()))
        });
    if !all_caps {
        return candidates.to_vec();
    }
    candidates
        .iter()
        .copied()
        .filter(|&p| {
            let p = gaz.place(p);
            p.feature_class != 'P' || p.curated
        })
        .collect()
}

/// Place names in the sentences `sentences` (all when `None`).
pub fn find_names(
    gaz: &Gazetteer,
    ctx: &Context,
    analysed: &Analysed,
    lang: Lang,
    sentences: Option<&[usize]>,
) -> Vec<NameMention> {
    let mut found = Vec::new();
    let mut key = String::new();
    let all: Vec<usize>;
    let which: &[usize] = match sentences {
        Some(s) => s,
        None => {
            all = (0..analysed.sentences.len()).collect();
            &all
        }
    };
    for &s in which {
        let Some(sentence) = analysed.sentences.get(s) else {
            continue;
        };
        if sentence.repeated {
            continue;
        }
        let mut i = sentence.first;
        while i < sentence.last {
            let token = &analysed.tokens[i];
            if token.kind != TokenKind::Word
                || !(token.upper || gaz.lower_case_name_starts_with(analysed.token_text(i)))
            {
                i += 1;
                continue;
            }
            let longest = gaz.longest_name_from(analysed.token_text(i));
            let mut matched = None;
            for n in (1..=longest.min(sentence.last - i)).rev() {
                if name_cased(ctx, analysed, i, i + n)
                    && tokens_key(analysed, i, i + n, &mut key)
                    && !gaz.lookup(&key).is_empty()
                {
                    matched = Some(n);
                    break;
                }
            }
            let Some(n) = matched else {
                i += 1;
                continue;
            };
            let mut cue = cue_before(ctx, analysed, sentence.first, i, lang);
            let candidates = plausible(gaz, analysed, i, i + n, gaz.lookup(&key));
            // French puts an article before regions and countries, not before towns: « le
            // Québec » is the province, « Québec » the city.
            if cue.is_none()
                && lang == Lang::Fr
                && i > sentence.first
                && matches!(analysed.token_text(i - 1), "le" | "la" | "l'")
                && candidates.iter().any(|&p| gaz.place(p).is_admin1())
                && candidates
                    .iter()
                    .any(|&p| gaz.place(p).feature_class == 'P')
            {
                cue = Some(Cue::Admin);
            }
            if !candidates.is_empty()
                && keep(
                    gaz,
                    ctx,
                    analysed,
                    lang,
                    sentence.first,
                    i,
                    i + n,
                    &key,
                    cue,
                )
            {
                found.push(NameMention {
                    first: i,
                    last: i + n,
                    sentence: s,
                    key: key.clone(),
                    candidates,
                    cue,
                });
            }
            i += n;
        }
    }
    found
}

/// Are tokens `first..last` written as a name: is its first word that is not an article or a
/// particle (`particle` in context.tsv: « le », « al ») capitalised? « Le syndicat » and « le
/// cap » are a determiner and a noun, not the village of Le Syndicat or Cape Town; « Ghouta
/// orientale » is a name.
fn name_cased(ctx: &Context, analysed: &Analysed, first: usize, last: usize) -> bool {
    (first..last)
        .find(|&i| {
            analysed.tokens[i].kind == TokenKind::Word
                && !ctx.particles.contains(analysed.token_text(i))
        })
        .is_none_or(|i| analysed.tokens[i].upper)
}

/// An ordinal in Roman numerals (« XIXe siècle », « Ier »), which GeoNames lists as names of
/// arrondissements.
fn roman_ordinal(key: &str) -> bool {
    let stem = key
        .strip_suffix("eme")
        .or_else(|| key.strip_suffix("er"))
        .or_else(|| key.strip_suffix('e'));
    stem.is_some_and(|s| !s.is_empty() && s.chars().all(|c| "ivxlcdm".contains(c)))
}

/// Whether a name match is a place mention.
#[allow(clippy::too_many_arguments)]
fn keep(
    gaz: &Gazetteer,
    ctx: &Context,
    analysed: &Analysed,
    lang: Lang,
    sentence_first: usize,
    first: usize,
    last: usize,
    key: &str,
    cue: Option<Cue>,
) -> bool {
    if matches!(cue, Some(Cue::Person | Cue::Facility))
        || roman_ordinal(key)
        || analysed.in_hyphenated_compound(first, last)
    {
        return false;
    }
    // A title is no place (« Mme », "Dr").
    if ctx.phrases.get(&(key.to_string(), slot(lang))) == Some(&Cue::Person) {
        return false;
    }
    let single = last - first == 1;
    let locative = matches!(cue, Some(Cue::Prep | Cue::Admin | Cue::City | Cue::Water));
    // People's names: a given name glued to a capitalised word opens one (« François
    // Hollande », "George Washington"), and the word after a given name closes one.
    let given = |i: usize| ctx.is_given_name(analysed.token_text(i));
    if !locative {
        // The word before, over a middle initial ("John F. Kennedy", "George W. Bush").
        let mut prev = first;
        if prev >= sentence_first + 3
            && analysed.token_text(prev - 1) == "."
            && analysed.tokens[prev - 2].end - analysed.tokens[prev - 2].start == 1
            && is_capitalised_word(analysed, prev - 2)
        {
            prev -= 2;
        }
        if prev > sentence_first && is_capitalised_word(analysed, prev - 1) && given(prev - 1) {
            return false;
        }
        if single && given(first) && is_capitalised_word(analysed, last) {
            return false;
        }
        // A surname or a given name alone is a person unless a prominent place bears it: a
        // country, a region, a capital or a regional seat, a city of a million.
        if single && (ctx.is_surname(key) || ctx.is_given_name(key)) {
            let notable = gaz.lookup(key).iter().any(|&p| {
                let p = gaz.place(p);
                p.feature_class != 'P'
                    || p.curated
                    || matches!(p.feature_code.as_str(), "PPLC" | "PPLA")
                    || p.population >= 1_000_000
            });
            if !notable {
                return false;
            }
        }
    }
    // A short function word (« Les », « Il ») is never a place, whatever precedes it
    // (« dans Les Echos »).
    if single && key.chars().count() <= 3 && ctx.is_common_word(key, lang) {
        return false;
    }
    // Part of a longer proper name: « George Washington », "Washington Post", « Les Echos ».
    // (A cue right before the name is no part of it: « En France », « Depuis Damas ».)
    let before =
        cue.is_none() && first > sentence_first && is_capitalised_word(analysed, first - 1);
    let after = is_capitalised_word(analysed, last);
    if before || after {
        // Only a notable place next to it makes two capitalised names two places (« Paris
        // Londres »); a first name that is also a hamlet somewhere does not (« Angela
        // Merkel », "Winnie Harlow").
        let prominent = |k: &str| {
            gaz.lookup(k).iter().any(|&p| {
                let p = gaz.place(p);
                p.feature_class != 'P' || p.population >= 100_000
            })
        };
        let neighbour_is_place = |i: usize| {
            let mut k = String::new();
            tokens_key(analysed, i, i + 1, &mut k) && prominent(&k)
        };
        let before_ok = !before || neighbour_is_place(first - 1);
        let after_ok = !after || neighbour_is_place(last);
        // ... and only if this name is notable too ("Washington Post" is no town of Post).
        if !(before_ok && after_ok && prominent(key)) {
            return false;
        }
    }
    // A name made only of common words (« Sur les ») is those words.
    if !single
        && (first..last).all(|i| ctx.is_common_word(analysed.token_text(i), lang))
        && !matches!(cue, Some(Cue::Admin | Cue::City | Cue::Water))
    {
        return false;
    }
    // A capitalised common word after a determiner is a noun (« aux Anglais »).
    if single
        && first > sentence_first
        && ctx.is_determiner(analysed.token_text(first - 1), lang)
        && ctx.is_common_word(key, lang)
    {
        return false;
    }
    if locative {
        return true;
    }
    // A capitalised common word opening a sentence is the word (« Tours et détours »); a
    // short one is a word wherever it is (« Les », « Il » after a quote or a dash).
    if single
        && ctx.is_common_word(key, lang)
        && (first == sentence_first || key.chars().count() <= 3)
    {
        return false;
    }
    if single {
        // Without a cue, a one-word name must be a notable place, not a hamlet that shares a
        // surname.
        let notable = gaz.lookup(key).iter().any(|&p| {
            let p = gaz.place(p);
            p.feature_class != 'P' || p.curated || p.population >= 5000
        });
        if !notable {
            return false;
        }
    }
    true
}
