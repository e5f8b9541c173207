//! The event coder: from an article to PLOVER events with their provenance.
//!
//! For each sentence the lexicon finds entities, triggers and cues; [`participants`] turns
//! entities into coded, coordinated participants; then each trigger gets an actor (its
//! subject, or the agent of a passive, or the antecedent of « qui »), a recipient (its object
//! or the complement of « avec », « contre », « entre X et Y »), a modality and speaker from
//! reported speech, negation, a size from attached numbers, and the place its clause governs.
//! Every decision is recorded so `--explain` can show it.

pub mod participants;
pub mod sentence;

use participants::{groups, Group, Participant};
use sentence::{DocView, SentenceView, TriggerMatch};
use std::collections::HashMap;
use vigie_lexicon::{parse_day, token_ids, Cue, Lexicon};
use vigie_model::{
    stable_hash, ActorRef, Article, DatePrecision, Event, EventLoc, EventType, Modality, Size,
    TextInfo,
};
use vigie_text::{analyse, Identified, Lang, LanguageIdentifier};

/// How to choose the language of each article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LangChoice {
    /// The record's `lang` field if supported, else identification.
    #[default]
    Auto,
    Force(Lang),
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: LangChoice,
    /// Keep a trace of every decision in `Event::explain`.
    pub explain: bool,
    /// Drop events whose confidence is below this (0 keeps everything).
    pub min_confidence: f32,
}

/// What coding one article produced.
#[derive(Debug, Clone, Default)]
pub struct Coded {
    pub events: Vec<Event>,
    /// The language used, or `None` when the article was skipped.
    pub lang: Option<Lang>,
    /// Why the article was skipped (unsupported language…).
    pub skipped: Option<String>,
    pub sentences: usize,
    pub repeated_sentences: usize,
}

/// Time spent in the optional stages, summed over the articles coded.
#[derive(Debug, Default)]
pub struct StageClock {
    pub dating_ns: std::sync::atomic::AtomicU64,
    pub places_ns: std::sync::atomic::AtomicU64,
}

impl StageClock {
    fn add(&self, counter: &std::sync::atomic::AtomicU64, started: std::time::Instant) {
        let ns = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        counter.fetch_add(ns, std::sync::atomic::Ordering::Relaxed);
    }

    /// Seconds spent dating and placing since the last reset; resets both.
    pub fn take(&self) -> (f64, f64) {
        let take = |c: &std::sync::atomic::AtomicU64| {
            c.swap(0, std::sync::atomic::Ordering::Relaxed) as f64 / 1e9
        };
        (take(&self.dating_ns), take(&self.places_ns))
    }
}

/// The coder, holding the compiled lexicon.
pub struct Coder<'l> {
    lex: &'l Lexicon,
    /// Temporal patterns; without them events carry the publication date.
    time: Option<&'l vigie_time::TimeLexicon>,
    /// Gazetteer; without it `event_loc` holds the place phrase's text only.
    geo: Option<&'l vigie_geo::Geocoder>,
    identifier: LanguageIdentifier,
    /// Where to add the time spent dating and placing events (`vigie bench`).
    clock: Option<&'l StageClock>,
    /// `VIGIE_DEBUG` set: print each sentence's cues and groups on stderr.
    debug: bool,
}

/// Where an event sits, for dating it once the article's temporal expressions are known.
#[derive(Debug, Clone, Copy)]
struct DatingKey {
    clause: (usize, usize),
    trigger: usize,
    paragraph_start: usize,
    paragraph: usize,
    /// Folded-byte end of the event's sentence: nothing after it can date the event.
    until: usize,
}

/// Document-level memory for light coreference.
#[derive(Default)]
struct DocMemory {
    last_person: Option<Participant>,
    /// Sentence index where `last_person` was named: « il » reaches back two sentences at most.
    last_person_sentence: usize,
    /// The subject of the last sentence that opened with a coded participant, and that
    /// sentence's index: a pronoun opening the next sentence most often continues it
    /// (« L'armée a repris la ville. Elle a ensuite bombardé… »).
    last_subject: Option<(Vec<Participant>, usize)>,
    last_place: Option<EventLoc>,
    /// Last coded actor per agent head word, for bare agents (« le régime » → the last
    /// regime named).
    by_head: HashMap<String, ActorRef>,
    /// Participants of the last two-sided event (« les deux chefs d'État »).
    last_pair: Vec<ActorRef>,
    /// How often each country has been named so far (participants and places).
    country_counts: HashMap<String, u32>,
    /// Where the current paragraph starts (code points), and what dating each event needs:
    /// event id → (clause span, trigger start, paragraph start, paragraph index).
    paragraph_start: usize,
    dating: HashMap<String, DatingKey>,
    paragraph: usize,
}

impl DocMemory {
    /// The country named most often so far, if named at least twice and more than any other.
    fn focus_country(&self) -> Option<String> {
        let mut best: Option<(&String, u32)> = None;
        let mut tie = false;
        for (code, &n) in &self.country_counts {
            match best {
                Some((_, b)) if n < b => {}
                Some((_, b)) if n == b => tie = true,
                _ => {
                    best = Some((code, n));
                    tie = false;
                }
            }
        }
        best.filter(|&(_, n)| n >= 2 && !tie)
            .map(|(c, _)| c.clone())
    }
}

impl<'l> Coder<'l> {
    pub fn new(lex: &'l Lexicon) -> Self {
        Coder {
            lex,
            time: None,
            geo: None,
            identifier: LanguageIdentifier::default(),
            clock: None,
            debug: std::env::var_os("VIGIE_DEBUG").is_some(),
        }
    }

    /// Dates events from the temporal expressions that govern them.
    pub fn with_time(mut self, time: &'l vigie_time::TimeLexicon) -> Self {
        self.time = Some(time);
        self
    }

    /// Adds the time spent in the optional stages to `clock`, so a benchmark can tell what
    /// each costs inside one pass instead of subtracting two noisy passes.
    pub fn with_clock(mut self, clock: &'l StageClock) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Resolves event places against the gazetteer (coordinates, GeoNames ids, regions).
    pub fn with_geo(mut self, geo: &'l vigie_geo::Geocoder) -> Self {
        self.geo = Some(geo);
        self
    }

    pub fn lexicon(&self) -> &'l Lexicon {
        self.lex
    }

    /// Decides the language of an article.
    pub fn language(&self, article: &Article, choice: LangChoice) -> Result<Lang, String> {
        match choice {
            LangChoice::Force(l) => Ok(l),
            LangChoice::Auto => {
                if let Some(l) = article.lang.as_deref().and_then(Lang::parse) {
                    return Ok(l);
                }
                match self.identifier.identify(&article.text) {
                    Identified::Supported(l) => Ok(l),
                    Identified::Unsupported(code) => Err(code),
                }
            }
        }
    }

    pub fn code(&self, article: &Article, options: &Options) -> Coded {
        let lang = match self.language(article, options.lang) {
            Ok(l) => l,
            Err(code) => {
                return Coded {
                    skipped: Some(format!("unsupported language {code:?}")),
                    ..Coded::default()
                }
            }
        };
        let analysed = analyse(&article.text, &self.lex.abbreviations);
        let ids = token_ids(
            &self.lex.vocab,
            Lexicon::slot(lang),
            &analysed.folded,
            &analysed.tokens,
        );
        let doc = DocView::new(&article.text, &analysed, &ids);
        let lang_lex = self.lex.lang(lang);
        let day = article
            .date
            .as_ref()
            .and_then(|d| parse_day(&d.date_string(), false));
        let mut memory = DocMemory::default();
        let mut events: Vec<Event> = Vec::new();
        let mut repeated = 0;
        for (index, s) in analysed.sentences.iter().enumerate() {
            if s.repeated {
                repeated += 1;
                continue;
            }
            if s.paragraph != memory.paragraph || index == 0 {
                memory.paragraph = s.paragraph;
                memory.paragraph_start = analysed.span(s.first, s.last).0;
            }
            let view = SentenceView::build(&doc, lang_lex, index, s.first, s.last, day);
            let mut groups = groups(&view, self.lex);
            if self.debug {
                eprintln!(
                    "S{index}: cues {:?}",
                    view.cues
                        .iter()
                        .map(|c| (c.start, c.end, view.text_span(c.start, c.end), c.cue))
                        .collect::<Vec<_>>()
                );
                eprintln!(
                    "S{index}: groups {:?}",
                    groups
                        .iter()
                        .map(|g| (
                            g.first,
                            view.cue_before(g.first),
                            view.text_span(g.first, g.last),
                            g.members
                                .iter()
                                .map(|m| format!("{}{}", m.actor.code, m.actor.sector))
                                .collect::<Vec<_>>()
                        ))
                        .collect::<Vec<_>>()
                );
            }
            // Countries named outright count towards the article's focus (this sentence's too).
            for m in groups.iter().flat_map(|g| g.members.iter()) {
                if m.actor.code.len() == 3
                    && !matches!(m.actor.code.as_str(), "IGO" | "IMG" | "NGO" | "MNC")
                {
                    *memory
                        .country_counts
                        .entry(m.actor.code.clone())
                        .or_insert(0) += 1;
                }
            }
            resolve_coreference(&view, &mut groups, &mut memory);
            let places = find_places(&view);
            let before = events.len();
            // Triggers inside the complement of a governing verb (« exigé que … se retire »,
            // "rejected a proposal to sign…") are part of that event, not events of their own.
            let mut governed_until: Option<usize> = None;
            for trig in &view.triggers {
                if governed_until.is_some_and(|end| trig.start < end) {
                    continue;
                }
                // A purpose clause or a relative clause after an event already coded in this
                // sentence describes that event or background, not a new event
                // ("staged demonstrations to demand reforms", "rebels, who entered…").
                if events.len() > before && is_subordinate(&view, trig.start) {
                    // "attacked militias, killing at least 15 fighters": the count belongs
                    // to the main event.
                    let f = trig.trigger.flags;
                    if f.kill || f.injure || f.arrest {
                        let (lo, hi) = clause_bounds(&view, trig.start, trig.end);
                        if let (Some((value, _)), Some(main)) =
                            (find_count(&view, &groups, trig, lo, hi), events.last_mut())
                        {
                            if matches!(main.event_type, EventType::Assault | EventType::Coerce) {
                                let slot = if f.kill {
                                    &mut main.size.dead
                                } else if f.injure {
                                    &mut main.size.injured
                                } else {
                                    &mut main.size.arrested
                                };
                                slot.get_or_insert(value);
                            }
                        }
                    }
                    continue;
                }
                // An anaphoric event noun (« cet entretien téléphonique ») adds detail to the
                // event it refers back to instead of coding a new one.
                if trig.trigger.flags.noun {
                    if let Some((Cue::Demonstrative, _)) = view.cue_before(trig.start) {
                        if let Some(prev) = events
                            .iter_mut()
                            .rev()
                            .take(6)
                            .find(|e| e.event_type == trig.trigger.event_type)
                        {
                            if prev.mode.is_empty() && !trig.trigger.mode.is_empty() {
                                prev.mode = trig.trigger.mode.clone();
                                if options.explain {
                                    prev.explain.push(format!(
                                        "mode {:?} from the later anaphoric mention {:?}",
                                        prev.mode,
                                        view.text_span(trig.start, trig.end)
                                    ));
                                }
                            }
                            continue;
                        }
                    }
                }
                if let Some((ev, supporters)) = self.code_trigger(
                    article,
                    lang,
                    &view,
                    &groups,
                    &places,
                    trig,
                    &mut memory,
                    &events,
                    options,
                ) {
                    let support = supporter_event(&ev, supporters);
                    if let (Some(aid), Some(key)) = (&support, memory.dating.get(&ev.id).copied()) {
                        memory.dating.insert(aid.id.clone(), key);
                    }
                    if governs_complement(trig.trigger) {
                        governed_until = Some(complement_end(&view, trig.start, trig.end));
                    }
                    events.push(ev);
                    events.extend(support);
                } else if matches!(
                    trig.trigger.event_type,
                    EventType::Request | EventType::Threaten
                ) {
                    // What is demanded or threatened did not happen, whether or not the
                    // demand itself could be coded (« des manifestants demandant la démission
                    // du Premier ministre », « la demande de démission du président »).
                    governed_until = Some(complement_end(&view, trig.start, trig.end));
                }
            }
            dedupe_sentence(&mut events, before);
            // Remember for the next sentences.
            if let Some(subject) = sentence_subject(&view, &groups) {
                memory.last_subject = Some((subject, index));
            }
            for g in &groups {
                for m in &g.members {
                    if m.person && (!m.actor.code.is_empty() || m.actor.name.is_some()) {
                        memory.last_person = Some(m.clone());
                        memory.last_person_sentence = index;
                    }
                    if !m.actor.code.is_empty() && !m.head.is_empty() {
                        memory.by_head.insert(m.head.clone(), m.actor.clone());
                    }
                }
            }
            if let Some(p) = places.iter().rev().find(|p| p.text != "y") {
                memory.last_place = Some(p.loc.clone());
            }
            for ev in &events[before..] {
                let mut pair: Vec<ActorRef> = ev
                    .actor
                    .iter()
                    .chain(ev.recipient.iter())
                    .filter(|a| !a.code.is_empty())
                    .cloned()
                    .collect();
                pair.dedup_by(|a, b| a.code == b.code);
                if pair.len() == 2 {
                    memory.last_pair = pair;
                }
            }
        }
        // The day an undated article is at least as recent as (see `date_events`).
        let mut reference_day: Option<(i32, u32, u32)> = None;
        if let Some(time) = self.time {
            let started = self.clock.map(|_| std::time::Instant::now());
            reference_day = self.date_events(
                time,
                article,
                lang,
                &analysed,
                &memory,
                &mut events,
                options.explain,
            );
            if let (Some(clock), Some(started)) = (self.clock, started) {
                clock.add(&clock.dating_ns, started);
            }
        }
        // Background history (« l'attentat de janvier 2015 » in a 2019 article) is not news:
        // an event whose own date ends more than two years before publication (for an
        // undated article, before the day it is known to be at least as recent as) is not
        // reported.
        let published = article
            .date
            .as_ref()
            .map(|p| {
                let (y, m, d) = p.first_day();
                (y, u32::from(m), u32::from(d))
            })
            .or(reference_day);
        if let Some((y, m, d)) = published {
            let published = vigie_model::day_number(i64::from(y), m, d);
            events.retain(|e| {
                last_day_of(e.enddate.as_deref().or(e.date.as_deref()))
                    .is_none_or(|end| end >= published - BACKGROUND_DAYS)
            });
        }
        if let Some(geo) = self.geo {
            let started = self.clock.map(|_| std::time::Instant::now());
            let countries: Vec<(&str, u32)> = memory
                .country_counts
                .iter()
                .map(|(code, &n)| (code.as_str(), n))
                .collect();
            geo.locate_events(&analysed, &article.text, lang, &countries, &mut events);
            if let (Some(clock), Some(started)) = (self.clock, started) {
                clock.add(&clock.places_ns, started);
            }
        }
        if options.min_confidence > 0.0 {
            events.retain(|e| e.confidence >= options.min_confidence);
        }
        Coded {
            events,
            lang: Some(lang),
            skipped: None,
            sentences: analysed.sentences.len(),
            repeated_sentences: repeated,
        }
    }

    /// Dates each event by the temporal expression governing its clause (else the last one
    /// earlier in its paragraph, else the publication date). Only paragraphs holding events
    /// are searched, which keeps dating cheap on long articles.
    #[allow(clippy::too_many_arguments)]
    fn date_events(
        &self,
        time: &vigie_time::TimeLexicon,
        article: &Article,
        lang: Lang,
        analysed: &vigie_text::Analysed,
        memory: &DocMemory,
        events: &mut [Event],
        explain: bool,
    ) -> Option<(i32, u32, u32)> {
        if events.is_empty() {
            return None;
        }
        // Per paragraph holding events: from its start to the end of its last event's sentence.
        let mut until: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for k in memory.dating.values() {
            let u = until.entry(k.paragraph).or_insert(0);
            *u = (*u).max(k.until);
        }
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for s in analysed.sentences.iter().filter(|s| s.last > s.first) {
            let Some(&limit) = until.get(&s.paragraph) else {
                continue;
            };
            let (a, b) = (
                analysed.tokens[s.first].start as usize,
                analysed.tokens[s.last - 1].end as usize,
            );
            if a >= limit {
                continue;
            }
            match ranges.last_mut() {
                Some(last) if a <= last.1 + 2 => last.1 = last.1.max(b),
                _ => ranges.push((a, b)),
            }
        }
        let timexes = vigie_time::tag_ranges(
            time,
            &article.text,
            &analysed.folded,
            &ranges,
            lang,
            article.date.as_ref(),
        );
        for e in events.iter_mut() {
            let Some(key) = memory.dating.get(&e.id) else {
                continue;
            };
            let (date, enddate, precision, reason) = date_event(
                article,
                &timexes,
                key.paragraph_start,
                key.clause,
                key.trigger,
            );
            e.date = date;
            e.enddate = enddate;
            e.date_precision = precision;
            if explain {
                e.explain.push(format!("date: {reason}"));
            }
            e.date_reason = reason;
        }
        if article.date.is_some() {
            return None;
        }
        // An undated article is at least as recent as the latest day or month it names, and
        // as the latest year it names twice: news names past days, while plans more often
        // name bare years (« d'ici 2030 »).
        let mut years: HashMap<i32, u32> = HashMap::new();
        let mut latest_day: Option<(i32, u32, u32)> = None;
        for t in &timexes {
            let Some(first) = t.range.as_ref().map(|(first, _)| first.as_str()) else {
                continue;
            };
            let Some(year) = first.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
                continue;
            };
            *years.entry(year).or_insert(0) += 1;
            if matches!(t.precision, Some(DatePrecision::Day | DatePrecision::Month)) {
                if let Some((y, m, d)) = parse_day(first, false) {
                    latest_day = latest_day.max(Some((y, u32::from(m), u32::from(d))));
                }
            }
        }
        let latest_year = years
            .into_iter()
            .filter(|&(_, n)| n >= 2)
            .map(|(year, _)| (year, 1, 1))
            .max();
        latest_year.max(latest_day)
    }

    #[allow(clippy::too_many_arguments)]
    fn code_trigger(
        &self,
        article: &Article,
        lang: Lang,
        view: &SentenceView,
        groups: &[Group],
        places: &[Place],
        trig: &TriggerMatch,
        memory: &mut DocMemory,
        events: &[Event],
        options: &Options,
    ) -> Option<(Event, Vec<ActorRef>)> {
        // A verb pattern read on a word that an article, a possessive or a number makes a
        // noun (« une patrouille », « sa marche », « les neuf accusés », « deux défilés »):
        // the word is a noun. A march or a strike named by a noun is still one, so protests
        // and assaults are read as event nouns; other verbs' nouns name no act of theirs
        // (« les accusés » are defendants). (« le », « la », « les », « leur » may also be
        // object pronouns before a verb, so they do not count; after a light verb the noun is
        // the act: « a réitéré sa demande ».)
        let noun_reading;
        let t = if lang == Lang::Fr
            && !trig.trigger.flags.noun
            && trig.start > view.first
            && noun_before_verb_pattern(view, trig)
            && !after_light_verb(view, trig.start)
        {
            if !matches!(
                trig.trigger.event_type,
                EventType::Protest | EventType::Assault
            ) {
                return None;
            }
            let mut noun = trig.trigger.clone();
            noun.flags.noun = true;
            noun_reading = noun;
            &noun_reading
        } else {
            trig.trigger
        };
        let overlaps = |a: usize, b: usize| a < trig.end && trig.start < b;
        // A trigger inside a name (« Organisation pour la sécurité et la coopération »), a
        // reporting phrase (« s'est félicité ») or a non-event (« conférence de presse ») is
        // not an event.
        let within = |a: usize, b: usize| a <= trig.start && trig.end <= b;
        // Nor is a word naming people (« manifestants », "demonstrators"), unless the trigger
        // is longer than that word ("military aid", "expel * diplomat").
        if view.entities.iter().any(|e| match e.entity {
            vigie_lexicon::Entity::Actor(_) => overlaps(e.start, e.end),
            vigie_lexicon::Entity::Agent { .. } => within(e.start, e.end),
            _ => false,
        }) || view.cues.iter().any(|c| {
            (matches!(c.cue, Cue::Speech | Cue::Claim) && within(c.start, c.end))
                // « se dit prêt à frapper »: readiness is a cue on the verb that follows.
                || (matches!(c.cue, Cue::NonEvent | Cue::SupportBy) && overlaps(c.start, c.end))
                || (c.cue == Cue::Threat && t.event_type != EventType::Threaten && overlaps(c.start, c.end))
        }) {
            return None;
        }
        // « interpeller » the authorities is calling on them: no one arrests a government.
        if t.flags.arrest && t.pattern == "interpeller" {
            let governing = view.entities.iter().any(|e| {
                matches!(&e.entity, vigie_lexicon::Entity::Agent { sector, .. } if matches!(sector.as_str(), "GOV" | "LEG"))
                    // (Before the verb only as what undergoes it: « les autorités,
                    // interpellées », not « le préfet a interpellé ».)
                    && ((e.end <= trig.start
                        && trig.start - e.end <= 5
                        && !(e.end..trig.start).any(|k| {
                            matches!(view.word(k), "a" | "ont" | "avait" | "avaient" | "fait")
                        }))
                        || (e.start >= trig.end && e.start - trig.end <= 3))
            });
            if governing {
                return None;
            }
        }
        // A violent participle qualifying a common noun (« d'un boucher tué dans les
        // attentats ») mentions what befell someone unnamed; with no agent given, no
        // participant can be coded.
        if lang == Lang::Fr
            && !t.flags.noun
            && matches!(t.event_type, EventType::Assault | EventType::Coerce)
            && after_common_noun(view, trig.start)
            && view.cue_at(trig.end) != Some(Cue::By)
        {
            return None;
        }
        // What a call asks for (« des appels à manifester », « appelle à bloquer ») has not
        // happened: the call is the event.
        if !t.flags.noun
            && trig.start > view.first + 1
            && matches!(view.word(trig.start - 1), "à" | "a")
            && view
                .triggers
                .iter()
                .any(|o| o.end == trig.start && o.trigger.event_type == EventType::Request)
        {
            return None;
        }
        // A verb of exchange or reception whose direct object is an event noun only carries
        // it (« échanger des tirs », « recevoir le soutien de », « recevoir des menaces »):
        // the noun is the event. (Other verbs act on the event they name: « interdire les
        // rassemblements ».)
        if !t.flags.noun && t.flags.weak && t.event_type == EventType::Consult {
            let object = (trig.end..(trig.end + 4).min(view.last)).find(|&k| {
                !(view.is_determiner(k)
                    || view.is_number(k)
                    || matches!(view.word(k), "des" | "du")
                    || view.cue_at(k) == Some(Cue::Prenominal))
            });
            let names_people = |k: usize| view.entities.iter().any(|e| e.start <= k && k < e.end);
            if object.is_some_and(|k| {
                !names_people(k)
                    && view
                        .triggers
                        .iter()
                        .any(|o| o.start == k && o.trigger.flags.noun)
            }) {
                return None;
            }
        }
        // A link to another article (« Lire aussi : Les gilets jaunes bloquent les routes »)
        // reports nothing of this one, up to where a sentence glued to it starts.
        if trig.start < see_also_end(view) {
            return None;
        }
        // A French event word capitalised inside a sentence is part of a name (the newspaper
        // « Libération », the « Patrouille de France », an operation): French capitalises no
        // common noun or verb there. Headings in capitals and words after a colon or dash may
        // still be events.
        if lang == Lang::Fr
            && trig.start > view.first
            && view.upper(trig.start)
            && !matches!(
                view.word(trig.start - 1),
                ":" | "—" | "–" | "-" | "." | "!" | "?" | "…" | "|"
            )
            && view
                .text_span(trig.start, trig.start + 1)
                .chars()
                .any(|c| c.is_lowercase())
        {
            return None;
        }
        // An event noun governed by a word that makes it a topic or a background (« en
        // prévision du rassemblement », « malgré les grèves », « la crainte d'attentats »)
        // is mentioned, not reported. Articles and adjectives may stand between.
        if t.flags.noun
            && view.cues.iter().any(|c| {
                c.cue == Cue::Mention
                    && c.end <= trig.start
                    && c.end + 3 >= trig.start
                    && (c.end..trig.start).all(|k| {
                        view.is_determiner(k)
                            || view.is_number(k)
                            || matches!(
                                view.cue_at(k),
                                Some(
                                    Cue::Prenominal
                                        | Cue::Preposition
                                        | Cue::Suffer
                                        | Cue::LightVerb
                                )
                            )
                    })
            })
        {
            return None;
        }
        // A violent verb whose object is an idea, a plan or a cause is a figure of speech:
        // « tuer l'économie locale », « attaquer la réforme », « réprimer quelques doutes »;
        // so is a fight for or against one (« son combat pour l'environnement », « combattre
        // contre la corruption »).
        let object = (trig.end..(trig.end + 4).min(view.last)).find(|&k| {
            // (« s'attaquer au déficit »: the object of « s'attaquer à ».)
            let cause_preposition = k == trig.end
                && matches!(
                    view.word(k),
                    "pour" | "contre" | "for" | "against" | "à" | "au" | "aux"
                );
            !view.is_determiner(k)
                && !matches!(
                    view.word(k),
                    "quelques" | "des" | "du" | "de" | "d'" | "tout" | "toute" | "tous" | "toutes"
                )
                && !cause_preposition
        });
        // Freeing an idea is one too (« libérer sa créativité », « la libération de la
        // parole »).
        let freeing = t.event_type == EventType::Retreat
            && (!t.flags.noun || matches!(view.word(trig.end), "de" | "du" | "d'" | "of"));
        // (Deploying one too: « déployer tout un arsenal », « déployer des efforts ».)
        if (matches!(
            t.event_type,
            EventType::Assault | EventType::Coerce | EventType::Mobilize
        ) || freeing)
            && object.is_some_and(|k| view.cue_at(k) == Some(Cue::Abstract))
            && (!t.flags.noun
                || freeing
                || matches!(view.word(trig.end), "pour" | "contre" | "for" | "against"))
        {
            return None;
        }
        // A gathering that counts people (« des manifestations qui ont réuni quelque 136 000
        // personnes ») states attendance; no one meets.
        if t.event_type == EventType::Consult
            && t.flags.weak
            && !t.flags.noun
            && (trig.end..(trig.end + 6).min(view.last))
                .take_while(|&k| !matches!(view.word(k), "," | ";" | "." | "et"))
                .any(|k| {
                    view.cue_at(k) == Some(Cue::Counted) && k > trig.end && view.is_number(k - 1)
                })
        {
            return None;
        }
        // Deaths and injuries from an accident or a disaster named in the same clause before
        // them (« une trentaine de personnes ont été blessées lors d'un mouvement de foule »,
        // « la vague de froid a fait trois morts ») are no assault; nor is a running total
        // (« les personnes tuées ou blessées depuis le début du mouvement »).
        if (t.flags.kill || t.flags.injure) && t.event_type == EventType::Assault {
            let (from, to) = clause_bounds(view, trig.start, trig.end);
            if view
                .cues
                .iter()
                .any(|c| c.cue == Cue::Disaster && c.start >= from && c.end <= to)
                || (from..to).any(|k| view.word(k) == "depuis")
            {
                return None;
            }
        }
        // An event asked about is not reported (« s'agit-il d'une manifestation ? », "Will
        // they strike?"): the sentence ends with a question mark, before any closing quote.
        if (view.last.saturating_sub(3).max(view.first)..view.last).any(|k| view.word(k) == "?") {
            return None;
        }
        // « « Vous êtes en colère ? », demande la présidente », "…?" she asked: a verb of
        // asking right after a quoted question asks it; it requests nothing.
        if t.event_type == EventType::Request && t.pattern == asking_verb(lang) {
            let before: Vec<&str> = (trig.start.saturating_sub(4).max(view.first)..trig.start)
                .map(|k| view.word(k))
                .collect();
            if let Some(q) = before.iter().rposition(|w| *w == "?") {
                if before[q + 1..]
                    .iter()
                    .all(|w| matches!(*w, "»" | "\"" | "," | "“" | "”"))
                {
                    return None;
                }
            }
            // An indirect question (« lui demandant si la France… », "asked whether") asks;
            // it requests nothing. (Pronouns may come between: « lui a demandé pourquoi ».)
            let question = (trig.end..(trig.end + 3).min(view.last))
                .find(|&k| {
                    !matches!(
                        view.word(k),
                        "lui" | "leur" | "me" | "nous" | "vous" | "him" | "her" | "them"
                    )
                })
                .is_some_and(|k| {
                    matches!(
                        view.word(k),
                        "si" | "s'"
                            | "pourquoi"
                            | "comment"
                            | "quand"
                            | "combien"
                            | "quel"
                            | "quelle"
                            | "quels"
                            | "quelles"
                            | "ou"
                            | "whether"
                            | "if"
                            | "why"
                            | "how"
                            | "when"
                            | "what"
                            | "where"
                    )
                });
            if question {
                return None;
            }
        }
        let mut explain: Vec<String> = Vec::new();
        let mut rule = format!(
            "{}/{}/{}",
            lang.code(),
            t.event_type.as_str().to_ascii_lowercase(),
            t.pattern.replace(' ', "-")
        );
        let mut confidence: f32 = if t.flags.weak { 0.4 } else { 0.7 };
        let (clause_start, mut clause_end) = clause_bounds(view, trig.start, trig.end);
        // Inside a quotation, the clause ends with the quotation.
        if inside_quote(view, trig.start) {
            if let Some(close) =
                (trig.end..clause_end).find(|&k| matches!(view.word(k), "»" | "\""))
            {
                clause_end = close;
            }
        }
        let trigger_text = view.text_span(trig.start, trig.end);
        explain.push(format!(
            "trigger {:?} → {} (pattern {:?})",
            trigger_text, t.event_type, t.pattern
        ));

        // The charge of an investigation, an arrest or a sentence (« une enquête pour
        // violences », « condamné pour meurtre », « une information judiciaire pour actes de
        // torture ») is what someone is suspected of, not an act of the investigators.
        {
            let charged = (trig.start.saturating_sub(5).max(clause_start)..trig.start)
                .rev()
                .take_while(|&k| !view.is_punct(k))
                .find(|&k| view.word(k) == "pour")
                // (« arrêté pour avoir attaqué un policier » says the attack happened.)
                .filter(|&k| !matches!(view.word(k + 1), "avoir" | "etre" | "être"))
                .is_some_and(|k| {
                    view.triggers.iter().any(|o| {
                        o.end <= k
                            && o.start >= clause_start
                            && k - o.end <= 8
                            && matches!(o.trigger.event_type, EventType::Accuse | EventType::Coerce)
                    })
                });
            if charged {
                return None;
            }
        }
        // An anaphoric event noun (« cet entretien ») adds detail to the event it refers to.
        if t.flags.noun {
            if let Some((Cue::Demonstrative, _)) = view.cue_before(trig.start) {
                if events
                    .iter()
                    .rev()
                    .take(4)
                    .any(|e| e.event_type == t.event_type && e.doc_id == article.id)
                {
                    return None;
                }
            }
        }

        // Passive: an auxiliary shortly before a participle trigger (« ont été tués », « sont
        // appelés », "were killed"), not a reflexive (« s'est entretenu ») nor a progressive
        // ("is preparing"); or a participle directly followed by « par »/"by".
        let is_passive = ((trig.start.saturating_sub(3)..trig.start).any(|k| {
            k >= view.first
                && view.cue_at(k) == Some(Cue::PassiveAux)
                && !(k > view.first
                    && matches!(
                        view.word(k - 1),
                        "s'" | "se" | "me" | "m'" | "te" | "t'" | "nous" | "vous"
                    ))
        }) && !view.word(trig.start).ends_with("ing"))
            || (!t.flags.noun && trig.end < view.last && view.cue_at(trig.end) == Some(Cue::By))
            // « il avait été arrêté sans résistance, lundi, et placé en garde à vue »: a
            // participle coordinated with a passive one shares its auxiliary.
            || (lang == Lang::Fr
                && !t.flags.noun
                && trig.start > view.first
                && view.word(trig.start - 1) == "et"
                && written_with_ending(view, trig.start, &["é", "ée", "és", "ées"])
                && (trig.start.saturating_sub(25).max(view.first)..trig.start)
                    .any(|k| view.cue_at(k) == Some(Cue::PassiveAux)))
            || (matches!(
                t.event_type,
                EventType::Assault
                    | EventType::Coerce
                    | EventType::Accuse
                    | EventType::Sanction
                    | EventType::Threaten
            ) && reduced_passive(view, groups, lang, trig.start, t.flags.noun));
        // A weak trigger's past participle qualifying the noun before it, with no auxiliary,
        // describes a standing relation, not an act (« les FDS soutenues par les
        // États-Unis », « un programme financé par le ministère », « un homme armé », « les
        // personnes détenues »). (A shop « pillée par des manifestants » was plundered.)
        // (So does a promise: « la hausse promise », « les mesures promises ».)
        if lang == Lang::Fr
            && (t.flags.weak || t.event_type == EventType::Agree)
            && !t.flags.noun
            && matches!(
                t.event_type,
                EventType::Support
                    | EventType::Aid
                    | EventType::Agree
                    | EventType::Concede
                    | EventType::Consult
                    | EventType::Cooperate
                    | EventType::Coerce
            )
            && qualifying_participle(view, trig.start)
        {
            return None;
        }
        let complement_noun = t.flags.noun && is_complement(view, trig.start);
        // An event noun takes the clause subject only as the object of a light verb
        // (« mène une offensive », "held talks", « a annoncé le déploiement »); otherwise
        // its participants must be attached to it (« les attaques du régime », « la
        // répression policière », « entre X et Y »).
        let governed = after_light_verb(view, trig.start);
        let bare_noun = t.flags.noun && !complement_noun && !governed;
        // « les revendications des gilets jaunes » names demands; « ils ont présenté leurs
        // revendications » makes them.
        if t.flags.noun && t.flags.governed && !governed {
            return None;
        }

        let mut actor: Vec<ActorRef> = Vec::new();
        let mut recipient: Vec<ActorRef> = Vec::new();
        let mut supporters: Vec<ActorRef> = Vec::new();

        // Groups after the trigger in its clause, and how each is introduced. A verb's
        // objects do not lie past the next reporting verb or the next verbal trigger.
        let object_end = view
            .cues
            .iter()
            .filter(|c| matches!(c.cue, Cue::Speech | Cue::Claim) && c.start >= trig.end)
            .map(|c| c.start)
            .chain(
                view.triggers
                    .iter()
                    .filter(|o| !t.flags.noun && !o.trigger.flags.noun && o.start >= trig.end)
                    .map(|o| o.start),
            )
            .min()
            .unwrap_or(clause_end)
            .min(clause_end);
        let after: Vec<(&Group, Option<Cue>)> = groups
            .iter()
            // Groups inside a gapped trigger ("rejected an Indian proposal") count as objects.
            .filter(|g| {
                g.first > trig.start
                    && g.first < object_end
                    && !(g.first < trig.end && g.last > trig.end)
            })
            .map(|g| (g, view.cue_before(g.first).map(|(c, _)| c)))
            .collect();
        let before: Vec<(&Group, Option<Cue>)> = groups
            .iter()
            .filter(|g| g.last <= trig.start)
            .rev()
            .map(|g| (g, view.cue_before(g.first).map(|(c, _)| c)))
            .collect();

        // « entre X et Y » right after the trigger: both sides take part.
        let between = after.iter().find(|(g, c)| {
            *c == Some(Cue::Between) && g.first <= trig.end + if t.flags.noun { 10 } else { 3 }
        });
        if let Some((g, _)) = between {
            let members: Vec<ActorRef> = g.members.iter().map(|m| m.actor.clone()).collect();
            if members.len() >= 2 {
                actor.push(members[0].clone());
                recipient.extend(members[1..].iter().cloned());
                explain.push("participants from « entre X et Y »".into());
                rule.push_str("/between");
            } else if t.flags.reciprocal {
                // « entre l'armée et [un groupe inconnu] »: the side we know takes part.
                actor = members;
                explain.push("participant from « entre X et … »".into());
                rule.push_str("/between");
            }
        }

        // A withdrawal whose trigger names the group (« le retrait des troupes américaines de
        // Syrie »): that group withdraws, and its « de » complement is where from.
        let withdrawing = groups
            .iter()
            .find(|g| g.first > trig.start && g.first < trig.end)
            // (So does a deployment: « le déploiement policier ».)
            .filter(|_| matches!(t.event_type, EventType::Retreat | EventType::Mobilize));
        if let (Some(g), true) = (withdrawing, actor.is_empty()) {
            actor.extend(g.members.iter().map(|m| m.actor.clone()));
            explain.push("actor: the group the withdrawal names".into());
        }
        // Event noun with « de X » (« les attaques du régime »): X is the actor.
        if actor.is_empty() && t.flags.noun {
            // (An adjective may come between: « une réunion extraordinaire de l'OEA »; not
            // a verb or another preposition: « un canon à eau pour repousser des
            // manifestants ».)
            if let Some((g, _)) = after.iter().find(|(g, c)| {
                *c == Some(Cue::Preposition)
                    && g.first <= trig.end + 3
                    && !(trig.end..g.first).any(|k| {
                        view.is_punct(k)
                            || view.triggers.iter().any(|o| o.start == k)
                            || matches!(
                                view.word(k),
                                "pour"
                                    | "contre"
                                    | "à"
                                    | "par"
                                    | "sur"
                                    | "avec"
                                    | "dans"
                                    | "en"
                                    | "qui"
                                    | "que"
                                    | "qu'"
                                    | "for"
                                    | "against"
                                    | "by"
                                    | "with"
                            )
                    })
            }) {
                // « l'attentat de Paris », « l'accord de Paris », « les pourparlers de Genève »:
                // a city after an event noun is where, not who. (A capital read as its
                // government: no agent head, no name, GOV.)
                let city = matches!(
                    t.event_type,
                    EventType::Assault
                        | EventType::Coerce
                        | EventType::Protest
                        | EventType::Agree
                        | EventType::Consult
                ) && g.members.iter().all(|m| {
                    m.head.is_empty()
                        && !m.person
                        && m.actor.name.is_none()
                        && m.actor.sector == "GOV"
                });
                // For what a group does by itself (no one protests, mobilises or withdraws
                // someone else) any named group is the actor: « la manifestation des gilets
                // jaunes ». Otherwise the complement may be the target (« l'arrestation des
                // manifestants »), so only a coded one is taken.
                let by_itself = matches!(
                    t.event_type,
                    EventType::Protest | EventType::Mobilize | EventType::Retreat
                );
                // What a blockade names is what is blocked (« le blocage du ministère »); an
                // arrest names who is arrested (« les arrestations de manifestants »).
                // So does a killing or a kidnapping (« l'assassinat du journaliste »,
                // « l'enlèvement du diplomate »).
                let target = t.mode == "obstruct"
                    || t.flags.arrest
                    || t.flags.kill
                    || matches!(t.mode.as_str(), "abduct" | "targeted");
                if !city
                    && !target
                    && (by_itself || g.members.iter().any(|m| !m.actor.code.is_empty()))
                {
                    actor.extend(g.members.iter().map(|m| m.actor.clone()));
                    explain.push("actor from the noun's « de » complement".into());
                }
            }
        }

        // « On l'a interpellé »: the indefinite « on » is the subject; no one named further
        // back is.
        let mut subject_blocked = lang == Lang::Fr
            && !t.flags.noun
            && (trig.start.saturating_sub(4).max(view.first)..trig.start)
                .rev()
                .take_while(|&k| !view.is_punct(k))
                .any(|k| view.word(k) == "on");
        // Relative clause: « X, qui soutient… » — the antecedent acts. An antecedent that
        // names no participant (« ceux qui les ont agressées ») leaves the actor unknown: a
        // group further back is not it.
        // The pronoun may stand a few words back when auxiliaries or a governing verb come
        // between (« ceux qui ont tenté d'intimider »), not across punctuation or another
        // event.
        let relative = (trig.start.saturating_sub(6).max(view.first)..trig.start)
            .rev()
            .take_while(|&k| {
                !view.is_punct(k)
                    && !view.triggers.iter().any(|o| o.start == k)
                    && view.cue_at(k) != Some(Cue::Hypothetical)
            })
            .find(|&k| view.cue_at(k) == Some(Cue::Relative));
        if actor.is_empty() {
            if let Some(r) = relative {
                let antecedent = groups
                    .iter()
                    .rfind(|g| g.last <= r)
                    .filter(|g| view.words_between(g.last, r).iter().all(|w| *w == ","))
                    // « la prise d'otages qui a fait trois morts »: the antecedent is the
                    // event the group's noun belongs to, not the group.
                    .filter(|g| !complement_inside_trigger(view, g));
                match antecedent.and_then(|g| g.members.last()) {
                    Some(m) => {
                        actor.push(m.actor.clone());
                        explain.push(format!(
                            "actor: antecedent of relative pronoun {:?}",
                            m.actor.text
                        ));
                    }
                    None => subject_blocked = view.word(r) == "qui",
                }
            }
        }

        // Subject: nearest group to the left that is not an oblique complement; for an
        // infinitive (« prêtes … à anéantir », « avoir éliminé »), the clause's first one.
        // The same for a participle phrase after a comma (« M. Salvini, évoquant M. Macron,
        // l'accusant de… », "…, accusing the government"): its subject is the clause's.
        let participle = !t.flags.noun
            && (view.word(trig.start).ends_with("ant") || view.word(trig.start).ends_with("ing"))
            && (trig.start.saturating_sub(2).max(view.first)..trig.start)
                .any(|k| view.word(k) == ",");
        let infinitive = participle
            || (!t.flags.noun
                && trig.start > view.first
                && matches!(
                    view.word(trig.start - 1),
                    "à" | "de" | "d'" | "pour" | "to" | "avoir"
                ));
        let mut subject: Vec<ActorRef> = Vec::new();
        // Whether the actor is only the kind the noun's adjective names (« terroriste »).
        let mut attached_kind = false;
        // « la répression policière », « l'offensive turque », "Russian air strikes": an
        // agent or nationality attached to the noun is its actor.
        if actor.is_empty() && t.flags.noun {
            if let Some(g) = groups.iter().find(|g| g.first == trig.end) {
                actor = g.members.iter().map(|m| m.actor.clone()).collect();
                attached_kind = g
                    .members
                    .iter()
                    .all(|m| m.actor.code.is_empty() && m.actor.name.is_none());
                explain.push("actor: agent attached to the event noun".into());
            } else if let Some(code) = view.demonym_at(trig.end).or_else(|| {
                (trig.start > view.first)
                    .then(|| view.demonym_at(trig.start - 1))
                    .flatten()
            }) {
                let at = if view.demonym_at(trig.end).is_some() {
                    trig.end
                } else {
                    trig.start - 1
                };
                let (s, e) = view.char_span(at, at + 1);
                actor.push(ActorRef {
                    code: code.clone(),
                    sector: String::new(),
                    text: view.text_span(at, at + 1),
                    name: None,
                    cameo_code: code,
                    start: s,
                    end: e,
                });
                explain.push("actor: nationality adjective of the event noun".into());
            }
        }
        // « Dénonçant un acte grave, le président de l'Assemblée, Richard Ferrand, a dit… »:
        // a participle opening the sentence has the subject that follows its phrase.
        // So does an infinitive phrase of time opening it (« Après avoir ouvert une enquête,
        // le parquet… », « Avant d'attaquer, les rebelles… »).
        let opening_infinitive = || {
            (view.first..trig.start)
                .find(|&k| !view.is_punct(k))
                .is_some_and(|k| {
                    matches!(view.word(k), "apres" | "après" | "avant")
                        && trig.start - k <= 3
                        && (k + 1..trig.start).all(|j| {
                            matches!(view.word(j), "avoir" | "etre" | "être" | "de" | "d'")
                        })
                })
        };
        if actor.is_empty()
            && !t.flags.noun
            && lang == Lang::Fr
            && ((view.word(trig.start).ends_with("ant")
                && (view.first..trig.start).all(|k| view.is_punct(k)))
                || opening_infinitive())
        {
            if let Some(comma) = (trig.end..view.last).find(|&k| view.word(k) == ",") {
                if let Some(g) = groups.iter().find(|g| {
                    g.first > comma
                        && !is_oblique(view, g, view.cue_before(g.first).map(|(c, _)| c))
                }) {
                    actor = g.members.iter().map(|m| m.actor.clone()).collect();
                    explain.push("actor: subject after the opening participle phrase".into());
                }
            }
        }
        // « », a déploré X »: a verb right after a closing quote has its subject after it.
        if actor.is_empty() && !t.flags.noun && inverted_after_quote(view, trig.start) {
            let from = past_addressee(view, groups, trig.end);
            if let Some(g) = groups
                .iter()
                .find(|g| g.first >= from && g.first <= from + 3)
            {
                actor = g.members.iter().map(|m| m.actor.clone()).collect();
                explain.push("actor: inverted subject after the quotation".into());
            }
        }
        // « …, a dénoncé M. Laaouej »: a verb of saying closing the sentence after a comma,
        // followed by a person, has that person as its subject (a French incise).
        if actor.is_empty()
            && !t.flags.noun
            && lang == Lang::Fr
            && matches!(
                t.event_type,
                EventType::Accuse
                    | EventType::Reject
                    | EventType::Request
                    | EventType::Threaten
                    | EventType::Support
                    | EventType::Agree
            )
            && after_comma_incise(view, trig.start)
        {
            let from = past_addressee(view, groups, trig.end);
            // A speaker the lexicon does not know (« M. Laaouej ») is still the speaker: the
            // clause's earlier subject is not.
            if from < view.last && view.upper(from) {
                subject_blocked = true;
            }
            if let Some(g) = groups.iter().find(|g| {
                g.first >= from
                    && g.first <= from + 2
                    && g.members.iter().any(|m| m.person || m.actor.name.is_some())
                    && (g.last >= view.last || matches!(view.word(g.last), "," | "." | "(" | "»"))
            }) {
                actor = g.members.iter().map(|m| m.actor.clone()).collect();
                explain.push("actor: inverted subject of the closing incise".into());
            }
        }
        if actor.is_empty() && !complement_noun && !bare_noun && !subject_blocked {
            let ordered: Vec<&(&Group, Option<Cue>)> = if infinitive {
                before.iter().rev().collect()
            } else {
                before.iter().collect()
            };
            // « acquittant Cécile B. … et l'avait condamnée »: after « et », an object pronoun
            // before the verb stands for the object of the clause before; that group is not
            // the subject, which the two verbs share.
            let coordinated_clitic = lang == Lang::Fr && !t.flags.noun && !infinitive && {
                let mut k = trig.start;
                while k > view.first
                    && (sentence::is_french_auxiliary(view.word(k - 1))
                        || matches!(
                            view.word(k - 1),
                            "ete" | "été" | "ensuite" | "aussi" | "alors" | "deja" | "déjà"
                        ))
                {
                    k -= 1;
                }
                k < trig.start
                    && k >= view.first + 2
                    && matches!(view.word(k - 1), "l'" | "la" | "le" | "les")
                    && matches!(view.word(k - 2), "et" | ",")
            };
            let mut skipped_antecedent = false;
            for (i, (g, cue)) in ordered.iter().enumerate() {
                // (Nor is a group inside an event noun: « la prise d'otages ».)
                let in_event_noun = complement_inside_trigger(view, g);
                if is_oblique(view, g, *cue) || in_event_noun {
                    continue;
                }
                if coordinated_clitic && !skipped_antecedent {
                    skipped_antecedent = true;
                    continue;
                }
                // « Des centaines de personnes, beaucoup revêtues d'un gilet jaune, ont
                // défilé »: a group inside an incise between the subject and its verb is
                // not the subject.
                let g = if infinitive {
                    *g
                } else {
                    ordered[i + 1..]
                        .iter()
                        .find(|(g0, c0)| {
                            !is_oblique(view, g0, *c0) && is_incise(view, g0, g, trig.start)
                        })
                        .map_or(*g, |(g0, _)| *g0)
                };
                // « L'avocat du routier dont le camion a écrasé un gilet jaune, critique la
                // police »: a group inside a relative clause closed by a comma before the
                // verb is not its subject; the clause's antecedent is.
                let g = if infinitive {
                    g
                } else {
                    let relative = (view.first..g.first)
                        .rev()
                        .take_while(|&k| !view.is_punct(k))
                        .find(|&k| view.cue_at(k) == Some(Cue::Relative) || view.word(k) == "dont");
                    let closed = (g.last..trig.start).any(|k| view.word(k) == ",");
                    match relative {
                        Some(r) if closed => ordered[i + 1..]
                            .iter()
                            .find(|(g0, c0)| g0.last <= r && !is_oblique(view, g0, *c0))
                            .map_or(g, |(g0, _)| *g0),
                        _ => g,
                    }
                };
                subject = g.members.iter().map(|m| m.actor.clone()).collect();
                explain.push(format!(
                    "subject: {:?}",
                    g.members
                        .iter()
                        .map(|m| m.actor.text.as_str())
                        .collect::<Vec<_>>()
                ));
                break;
            }
        }

        // Object: first group after the trigger in the clause that is not a place, a
        // supporter or a « de » complement already used.
        let mut object: Vec<ActorRef> = Vec::new();
        for (g, cue) in &after {
            match cue {
                Some(Cue::SupportBy) => {
                    supporters.extend(g.members.iter().map(|m| m.actor.clone()));
                    continue;
                }
                Some(Cue::Location) => continue,
                Some(Cue::Between) if !recipient.is_empty() => continue,
                Some(Cue::By) if is_passive => {
                    if actor.is_empty() {
                        actor.extend(g.members.iter().map(|m| m.actor.clone()));
                        explain.push("actor: agent of the passive (« par »)".into());
                    }
                    continue;
                }
                // « tué par les tirs des forces de police »: the agent behind the instrument
                // that « par » introduces.
                Some(Cue::Preposition)
                    if is_passive
                        && actor.is_empty()
                        && (g.first.saturating_sub(6).max(trig.end)..g.first)
                            .any(|k| view.cue_at(k) == Some(Cue::By)) =>
                {
                    actor.extend(g.members.iter().map(|m| m.actor.clone()));
                    explain.push("actor: agent of the passive, behind its instrument".into());
                    continue;
                }
                Some(Cue::Preposition)
                    if t.flags.noun
                        && actor
                            .iter()
                            .any(|a| g.members.iter().any(|m| m.actor.start == a.start)) =>
                {
                    continue
                }
                // « dans plusieurs villes de France »: a « de » complement of some other noun
                // is not the verb's object (a direct object has no preposition).
                Some(Cue::Preposition) if !t.flags.noun && g.first > trig.end + 2 => continue,
                _ => {}
            }
            if recipient.is_empty() {
                object = g.members.iter().map(|m| m.actor.clone()).collect();
                break;
            }
        }

        // « les frappes menées par la coalition », « un blocus mis en place par le
        // gouvernement »: an event noun qualified by a participle and « par » has its actor
        // there.
        if t.flags.noun && actor.is_empty() {
            let by = (trig.end..(trig.end + 6).min(view.last)).find(|&k| {
                view.cue_at(k) == Some(Cue::By)
                    && k > trig.end
                    && (trig.end..k).any(|p| {
                        written_with_ending(view, p, &["é", "ée", "és", "ées", "is", "ise", "ises"])
                    })
            });
            if let Some(k) = by {
                if let Some(g) = groups.iter().find(|g| g.first > k && g.first <= k + 3) {
                    actor = g.members.iter().map(|m| m.actor.clone()).collect();
                    object.retain(|o| !actor.iter().any(|a| a.start == o.start));
                    explain.push("actor: « par » after the participle qualifying the noun".into());
                }
            }
        }
        // An event noun that is itself a complement (« garants du cessez-le-feu », « sur la
        // zone tampon ») is only an event when it names its own participants
        // (« au sujet de la coopération avec les États-Unis »).
        let own_args = !actor.is_empty()
            || after.iter().any(|(g, c)| match c {
                Some(Cue::With | Cue::Against) => g.first <= trig.end + 6,
                Some(Cue::Between) => g.first <= trig.end + 10,
                _ => false,
            });
        if complement_noun && !own_args {
            return None;
        }
        // « a annoncé la création … et le déploiement de forces »: a noun coordinated with
        // the previous event of the sentence shares its actor.
        if bare_noun && actor.is_empty() {
            let coordinated = (trig.start.saturating_sub(3).max(view.first)..trig.start)
                .any(|k| matches!(view.word(k), "et" | "and"));
            let here = view.char_span(trig.start, trig.end).0;
            if coordinated {
                if let Some(prev) = events.iter().rev().find(|e| {
                    e.doc_id == article.id
                        && e.text_info.sentence == view.index
                        && e.event_start < here
                }) {
                    actor = prev.actor.clone();
                    explain.push("actor shared with the coordinated previous event".into());
                }
            }
        }
        if (complement_noun || bare_noun) && own_args && actor.is_empty() {
            for (g, cue) in &before {
                if !is_oblique(view, g, *cue) {
                    subject = g.members.iter().map(|m| m.actor.clone()).collect();
                    explain.push("subject of the clause governing the event noun".into());
                    break;
                }
            }
        }

        if is_passive
            && actor.is_empty()
            && matches!(t.event_type, EventType::Mobilize | EventType::Retreat)
            // (Those released are released: « ont été relâchées ».)
            && t.mode != "release"
        {
            // « les forces de l'ordre étaient déployées », « les troupes ont été retirées »:
            // with no agent named, the forces deployed or withdrawn are the ones that move.
            explain.push("passive of deployment with no agent: the forces named move".into());
            actor = subject;
            rule.push_str("/passive");
        } else if is_passive {
            explain.push("passive voice: subject is the recipient".into());
            if recipient.is_empty() {
                recipient = subject;
            }
            rule.push_str("/passive");
        } else {
            // « Un journaliste a subi l'assaut d'un groupe de manifestants »: the subject
            // undergoes the event noun; its complement, or the noun's own actor (« la cible
            // d'une offensive turque »), did it.
            if t.flags.noun && suffered(view, trig.start) {
                if actor.is_empty() {
                    actor = if recipient.is_empty() {
                        object
                    } else {
                        std::mem::take(&mut recipient)
                    };
                }
                recipient = subject;
                explain.push("the subject undergoes the event: it is the recipient".into());
            } else {
                if actor.is_empty() {
                    actor = subject;
                }
                if recipient.is_empty() {
                    recipient = object;
                }
            }
        }
        // One mention is one side: a group taken as the actor is not also its own recipient.
        // (Members of an elliptic compound share a start but not a code: « forces turques et
        // syriennes ».)
        recipient.retain(|r| !actor.iter().any(|a| a.start == r.start && a.code == r.code));
        // A causative of giving way (« faire reculer l'exécutif », « faire plier le
        // gouvernement ») has the infinitive's object give way, pressed by the subject. (For
        // acts done to someone, « faire libérer les otages », the object stays the object.)
        if !t.flags.noun
            && !is_passive
            && t.event_type == EventType::Concede
            && trig.start > clause_start
            && matches!(
                view.word(trig.start - 1),
                "faire" | "fait" | "font" | "fera" | "feront" | "faisait" | "faisaient" | "fasse"
            )
            && !recipient.is_empty()
        {
            std::mem::swap(&mut actor, &mut recipient);
            explain.push("causative « faire »: the object acts, pressed by the subject".into());
        }

        // « avec l'appui de X » elsewhere in the clause.
        for g in groups
            .iter()
            .filter(|g| g.first >= clause_start && g.first < clause_end)
        {
            if let Some((Cue::SupportBy, _)) = view.cue_before(g.first) {
                for m in &g.members {
                    if !supporters.iter().any(|s| s.start == m.actor.start) {
                        supporters.push(m.actor.clone());
                    }
                }
            }
        }
        recipient.retain(|r| !supporters.iter().any(|s| s.start == r.start));

        // Reciprocal events with a compound subject: « Erdogan et Trump discutent ».
        if t.flags.reciprocal
            && actor.len() >= 2
            && !actor
                .iter()
                .zip(actor.iter().skip(1))
                .all(|(a, b)| a.code == b.code)
        {
            recipient = actor.split_off(1);
            explain.push("reciprocal: compound subject split into actor and recipient".into());
        }

        // Victims and counts for killings, woundings, arrests.
        let mut size = Size::default();
        if t.flags.kill || t.flags.injure || t.flags.arrest {
            if let Some((value, victims)) = find_count(view, groups, trig, clause_start, clause_end)
            {
                if t.flags.kill {
                    size.dead = Some(value);
                } else if t.flags.injure {
                    size.injured = Some(value);
                } else {
                    size.arrested = Some(value);
                }
                explain.push(format!("size: {value}"));
                if let Some(v) = victims {
                    let victims: Vec<ActorRef> =
                        v.members.iter().map(|m| m.actor.clone()).collect();
                    // The victims are the recipients; the other side of a clash is the actor.
                    // A side is the victims' side when it is their very mention or shares
                    // their (known) country code and their kind: police who arrest
                    // people of their own country, an army that kills its own civilians, are
                    // still the other side.
                    let is_victim = |a: &ActorRef| {
                        victims.iter().any(|v| {
                            v.start == a.start
                                || (!v.code.is_empty()
                                    && v.code == a.code
                                    && (v.sector == a.sector
                                        || v.sector.is_empty()
                                        || a.sector.is_empty()))
                        })
                    };
                    // (In the passive the recipients are victims too: « deux manifestants et
                    // un policier blessés ».)
                    let mut pool: Vec<ActorRef> = if is_passive {
                        let mut victims_too = std::mem::take(&mut recipient);
                        victims_too.retain(|r| !is_victim(r));
                        let pool = std::mem::take(&mut actor);
                        recipient = victims_too;
                        pool
                    } else {
                        actor.drain(..).chain(recipient.drain(..)).collect()
                    };
                    pool.retain(|a| !is_victim(a));
                    // « Des combats entre X et Y ont provoqué la mort de… »: the sides are
                    // those of the event noun that is the subject.
                    if pool.is_empty() {
                        let here = view.char_span(trig.start, trig.end).0;
                        if let Some(prev) = events.iter().rev().find(|e| {
                            e.doc_id == article.id
                                && e.text_info.sentence == view.index
                                && e.event_start < here
                                // (A fight's sides, not the police of an arrest before.)
                                && e.event_type == EventType::Assault
                        }) {
                            pool = prev
                                .actor
                                .iter()
                                .chain(prev.recipient.iter())
                                .cloned()
                                .collect();
                            pool.retain(|a| !is_victim(a));
                            explain.push("sides from the event noun that is the subject".into());
                        }
                    }
                    // Arrests are made by the security side of a clash, not by the crowd it
                    // faced (« des affrontements entre manifestants et policiers… 4 personnes
                    // ont été interpellées »).
                    if t.flags.arrest && pool.iter().any(|a| is_security(&a.sector)) {
                        pool.retain(|a| is_security(&a.sector));
                    }
                    actor = pool;
                    let others = std::mem::take(&mut recipient);
                    recipient = victims;
                    recipient.extend(others);
                    explain.push("recipient: the victims counted".into());
                }
            }
        }

        // Modality and speaker from reported speech.
        let mut modality = Modality::Asserted;
        let mut speaker: Option<ActorRef> = None;
        let mut speakers_extra: Vec<ActorRef> = Vec::new();
        let in_quote = inside_quote(view, trig.start);
        for c in view
            .cues
            .iter()
            .filter(|c| matches!(c.cue, Cue::Speech | Cue::According | Cue::Claim))
        {
            // « », a déclaré X lors de… »: an inverted reporting verb governs the quote
            // before it, not what follows it.
            let closing =
                |k: usize| view.word(k) == "»" || (view.word(k) == "\"" && inside_quote(view, k));
            let inverted_verb = (c.start.saturating_sub(3).max(view.first)..c.start).any(closing);
            let content_after = c.end <= trig.start && !inverted_verb;
            let inverted = c.start >= trig.end
                && (trig.end..c.start).any(|k| matches!(view.word(k), "»" | "\"" | ","));
            if !(content_after || inverted) {
                continue;
            }
            modality = if c.cue == Cue::Claim {
                Modality::Claimed
            } else {
                Modality::Reported
            };
            speaker = if c.cue == Cue::According || inverted {
                // « a déclaré à l'AFP la porte-parole »: past the addressee.
                let from = if inverted {
                    past_addressee(view, groups, c.end)
                } else {
                    c.end
                };
                // (« selon lui par des casseurs »: the source is the pronoun, not a group
                // further on.)
                let pronoun_source = c.cue == Cue::According
                    && matches!(
                        view.word(c.end),
                        "lui"
                            | "elle"
                            | "eux"
                            | "elles"
                            | "moi"
                            | "nous"
                            | "vous"
                            | "him"
                            | "her"
                            | "them"
                    );
                groups
                    .iter()
                    .find(|g| g.first >= from && g.first <= from + 6)
                    .filter(|_| !pronoun_source)
                    .and_then(|g| g.members.first())
                    .map(|m| m.actor.clone())
            } else {
                let before_verb = groups.iter().rfind(|g| g.last <= c.start);
                // « Soulignant que "…", les deux chefs d'État … »: the subject follows the quote.
                let after_quote = || {
                    let close =
                        (trig.end..view.last).find(|&k| matches!(view.word(k), "»" | "\""))?;
                    groups
                        .iter()
                        .find(|g| g.first > close && g.first <= close + 4)
                };
                before_verb.or_else(after_quote).and_then(|g| {
                    speakers_extra = g.members.iter().skip(1).map(|m| m.actor.clone()).collect();
                    g.members.first().map(|m| m.actor.clone())
                })
            };
            if speaker.is_none() {
                // « a-t-il ajouté »: the last person named.
                // (« a-t-il déclaré » puts the pronoun before the participle.)
                let window = if inverted || c.cue == Cue::According {
                    c.start.saturating_sub(2).max(view.first)..(c.end + 4).min(view.last)
                } else {
                    c.start.saturating_sub(3).max(view.first)..c.start
                };
                if window.clone().any(|k| view.cue_at(k) == Some(Cue::Pronoun)) {
                    // The previous sentence's subject when it is one person (« Le ministre
                    // turc a reçu son homologue. « … », a-t-il déclaré »), else the last
                    // person named.
                    let subject = memory
                        .last_subject
                        .as_ref()
                        .filter(|(members, at)| {
                            at + 1 == view.index && members.len() == 1 && members[0].person
                        })
                        .map(|(members, _)| members[0].actor.clone());
                    speaker = subject.or_else(|| {
                        memory
                            .last_person
                            .as_ref()
                            .filter(|_| view.index <= memory.last_person_sentence + 2)
                            .map(|p| p.actor.clone())
                    });
                    if speaker.is_some() {
                        explain.push("speaker: pronoun resolved to the previous subject or the last person named".into());
                    }
                }
            }
            // The nearest reporting cue decides.
            break;
        }
        if in_quote && modality == Modality::Asserted {
            modality = Modality::Reported;
        }
        // « "… les attaques du régime sont inacceptables", les deux chefs d'État … »: the
        // speakers accuse what the quote's subject names.
        if in_quote
            && matches!(t.event_type, EventType::Accuse | EventType::Reject)
            && !t.flags.noun
        {
            if let Some(s) = &speaker {
                if !actor.iter().any(|a| a.start == s.start) {
                    if recipient.is_empty() {
                        recipient = std::mem::take(&mut actor);
                    }
                    if recipient.is_empty() {
                        // « les attaques du régime sont inacceptables »: what is judged.
                        if let Some(g) = groups
                            .iter()
                            .rfind(|g| g.last <= trig.start && g.first >= clause_start)
                        {
                            recipient = g.members.iter().map(|m| m.actor.clone()).collect();
                        }
                    }
                    actor = std::iter::once(s.clone())
                        .chain(speakers_extra.iter().cloned())
                        .collect();
                    explain.push("evaluation in a quote: the speaker accuses its subject".into());
                }
            }
        }
        if let Some(s) = &speaker {
            explain.push(format!("speaker: {:?}", s.text));
        }
        // « 278 interpellations, selon la préfecture de police »: police reporting arrests
        // with no one else named made them.
        if t.flags.arrest && actor.is_empty() {
            if let Some(s) = speaker.as_ref().filter(|s| s.sector == "COP") {
                recipient.retain(|r| r.start != s.start);
                actor.push(s.clone());
                explain.push("actor: the police reporting the arrests".into());
            }
        }
        // « "J'ai ordonné aux forces armées de frapper", a déclaré Donald Trump »: in a
        // quotation, the first person acting is its speaker.
        if in_quote && actor.is_empty() {
            if let Some(s) = &speaker {
                let first_person = (trig.start.saturating_sub(3).max(clause_start)..trig.start)
                    .any(|k| matches!(view.word(k), "je" | "j'" | "nous" | "i" | "we"));
                if first_person {
                    actor = std::iter::once(s.clone())
                        .chain(speakers_extra.iter().cloned())
                        .collect();
                    recipient.retain(|r| !actor.iter().any(|a| a.start == r.start));
                    explain.push("actor: the speaker of the quotation, in the first person".into());
                }
            }
        }

        // Negation, dismissal, threats, hypotheticals within the clause.
        let mut event_type = t.event_type;
        let mut negated = false;
        let window_start = trig.start.saturating_sub(9).max(clause_start);
        // Negation close before the trigger (« n'a pas attaqué », "did not attack"), a
        // negative determiner further back (« n'a aucun plan … de coopération », "no plan
        // to…"), or « ne » before and « pas »/« jamais » right after (« ne coopérera jamais »).
        let near_start = trig.start.saturating_sub(4).max(clause_start);
        let negation = view.cues.iter().any(|c| {
            c.cue == Cue::Negation
                && c.end <= trig.start
                && !(c.end..trig.start).any(|k| {
                    matches!(
                        view.word(k),
                        "et" | "and" | "»" | "\"" | "," | "mais" | "but"
                    )
                })
                && (c.start >= near_start
                    || (c.start >= window_start
                        && matches!(
                            view.word(c.start),
                            "aucun" | "aucune" | "no" | "sans" | "without"
                        )))
        }) || ((trig.start.saturating_sub(2).max(clause_start)..trig.start)
            .any(|k| matches!(view.word(k), "ne" | "n'"))
            && (trig.end..(trig.end + 2).min(view.last))
                .any(|k| matches!(view.word(k), "pas" | "jamais" | "plus" | "rien" | "guere")));
        // « ne demandaient pas tous », « pas seulement »: some did.
        let partial = (trig.end..(trig.end + 2).min(view.last)).any(|k| {
            view.word(k) == "pas"
                && matches!(
                    view.word(k + 1),
                    "tous" | "toutes" | "seulement" | "uniquement" | "que" | "qu'"
                )
        });
        let negation = negation && !partial;
        // A verb of prevention (« empêcher », « bloquer », « renoncer à ») dismisses the event
        // it governs: one right after it (« bloquer l'adoption de l'accord », « empêcher les
        // manifestants de défiler »), with no other event, coordination or relative pronoun
        // between; not the other events of its sentence (« un rassemblement prévu pour
        // bloquer Paris et le ministère a autorisé… »). A predicate that rules an event out
        // (« exclue », « hors de question ») may stand before or after it in its clause. (A
        // dismissal word that is the trigger itself, « bloquer » a road, dismisses nothing.)
        let dismissal = view.cues.iter().any(|c| {
            let overlaps_trigger = c.start < trig.end && c.end > trig.start;
            match c.cue {
                Cue::Dismissal => {
                    !overlaps_trigger
                        && c.start >= clause_start
                        && c.end <= trig.start
                        && trig.start - c.end <= 6
                        && !view.triggers.iter().any(|o| {
                            o.start >= c.end
                                && o.start < trig.start
                                // (« manifestants » matches a trigger but names people.)
                                && !view
                                    .entities
                                    .iter()
                                    .any(|e| e.start <= o.start && o.end <= e.end)
                        })
                        && !(c.end..trig.start).any(|k| {
                            matches!(view.word(k), "et" | "and" | "," | "qui" | "who" | "which")
                        })
                }
                Cue::RuledOut => {
                    !overlaps_trigger && c.start >= clause_start && c.start < clause_end
                }
                _ => false,
            }
        });
        let mut cameo = t.cameo.clone();
        let mut context = t.context.clone();
        if negation || dismissal {
            // A refusal needs someone refusing: « les dépenses n'étaient pas financées », « l'AFP
            // n'a pas été autorisée » say that help did not come, not who withheld it: no
            // event.
            if event_type.is_cooperative() && is_passive && actor.is_empty() {
                return None;
            }
            if event_type.is_cooperative() {
                // CAMEO 12x: refusing to meet (125), to cooperate or aid (121), or in general.
                cameo = match event_type {
                    EventType::Consult => "125",
                    EventType::Cooperate | EventType::Aid => "121",
                    _ => "120",
                }
                .into();
                explain.push(format!("negated {} → REJECT", event_type));
                rule.push_str("/negated-to-reject");
                event_type = EventType::Reject;
            } else {
                negated = true;
                explain.push("negated".into());
            }
        }
        // Help, refusal or blocking that police give people with a weak trigger is coercion:
        // « les forces de l'ordre évacuaient les Champs », « gendarmes et policiers repoussent
        // [les manifestants] », « bloqués par les forces de l'ordre » (not a rescue, not a
        // refusal of a proposal, not a protest).
        if t.flags.weak
            && event_type == t.event_type
            && (matches!(event_type, EventType::Aid | EventType::Reject)
                || (event_type == EventType::Protest && t.mode == "obstruct"))
            // (Police protection is protection: « vivre sous protection policière ».)
            && !t.context.iter().any(|c| c == "peacekeeping")
            && !actor.is_empty()
            && actor.iter().all(|a| a.sector == "COP")
        {
            explain.push(format!("{event_type} by police → COERCE"));
            rule.push_str("/police-to-coerce");
            cameo = "170".into();
            event_type = EventType::Coerce;
            // The trigger's context (« humanitarian ») was about the help it names.
            context.clear();
        }
        // A named person's fights (« les combats de Nicolas Hulot ») are causes, unless the
        // person commands or joins armed men.
        if t.flags.noun
            && t.event_type == EventType::Assault
            && t.pattern.starts_with("combat")
            && !actor.is_empty()
            && actor.iter().all(|a| {
                a.name.is_some() && !matches!(a.sector.as_str(), "MIL" | "REB" | "COP" | "UAF" | "")
            })
        {
            return None;
        }
        // Civilians who mobilise or deploy (« les gilets jaunes continuent à se mobiliser »,
        // « ont déployé des barrages filtrants ») protest; only forces mobilise troops.
        if event_type == EventType::Mobilize
            && t.event_type == EventType::Mobilize
            && !actor.is_empty()
            && actor.iter().all(|a| {
                matches!(
                    a.sector.as_str(),
                    "CVL" | "LAB" | "EDU" | "OPP" | "REL" | "AGR" | "BUS"
                )
            })
        {
            // (« des gilets jaunes mobilisés depuis novembre » describes them: no act; so does
            // a participle set between commas, « les gilets jaunes, mobilisés depuis un
            // mois, appellent… ».)
            let apposed = trig.start > view.first
                && view.word(trig.start - 1) == ","
                && written_with_ending(view, trig.start, &["é", "ée", "és", "ées"])
                && (trig.end..(trig.end + 8).min(view.last)).any(|k| view.word(k) == ",");
            if qualifying_participle(view, trig.start) || apposed {
                return None;
            }
            explain.push("MOBILIZE by civilians → PROTEST".into());
            rule.push_str("/civilians-to-protest");
            cameo = "140".into();
            event_type = EventType::Protest;
            context.clear();
        }
        // Civilians gathering in front of a building (« ils étaient 200 à s'être réunis
        // devant l'hôtel ») demonstrate.
        if event_type == EventType::Consult
            && t.flags.weak
            && !actor.is_empty()
            && actor
                .iter()
                .all(|a| matches!(a.sector.as_str(), "CVL" | "LAB" | "EDU" | "AGR"))
            && (trig.end..(trig.end + 6).min(view.last)).any(|k| view.word(k) == "devant")
        {
            explain.push("civilians gathering before a building → PROTEST".into());
            rule.push_str("/gathering-to-protest");
            cameo = "141".into();
            event_type = EventType::Protest;
            recipient.clear();
        }
        // Police or troops gathering (« la mobilisation des forces de l'ordre ») deploy; they
        // do not protest.
        if t.flags.weak
            && t.flags.noun
            && event_type == EventType::Protest
            && t.event_type == EventType::Protest
            && !actor.is_empty()
            && actor
                .iter()
                .all(|a| matches!(a.sector.as_str(), "COP" | "MIL"))
        {
            explain.push("PROTEST noun by police or troops → MOBILIZE".into());
            rule.push_str("/forces-to-mobilize");
            cameo = "150".into();
            event_type = EventType::Mobilize;
            context = vec!["military".into()];
        }
        // Armed forces or groups that give ground with a weak trigger (« Daech a reculé sur le
        // terrain ») withdraw; they concede nothing to anyone.
        if t.flags.weak
            && event_type == EventType::Concede
            && t.event_type == EventType::Concede
            && recipient.is_empty()
            && !actor.is_empty()
            && actor.iter().all(|a| {
                matches!(a.sector.as_str(), "MIL" | "REB" | "INS")
                    || a.cameo_code.starts_with("IMG")
                    || a.code == "IMG"
            })
        {
            explain.push("CONCEDE by armed forces → RETREAT".into());
            rule.push_str("/armed-to-retreat");
            cameo = "087".into();
            event_type = EventType::Retreat;
            context = vec!["military".into()];
        }
        let threat = view.cues.iter().any(|c| {
            c.cue == Cue::Threat
                && c.start >= clause_start.min(trig.start.saturating_sub(12))
                && c.end <= trig.start
        });
        let future = lang == Lang::Fr && future_tense(view, trig.start, t);
        if future {
            explain.push("future tense: planned".into());
        }
        let intent = threat
            || future
            || view.cues.iter().any(|c| {
                c.cue == Cue::Intent
                    && c.start + 5 >= trig.start
                    && c.start >= clause_start
                    && c.end <= trig.start
            })
            // « des discussions doivent aussi être organisées »: an event noun as the subject
            // of a verb of intent or obligation.
            || (t.flags.noun
                && view.cues.iter().any(|c| {
                    c.cue == Cue::Intent
                        && c.start >= trig.end
                        && c.start <= trig.end + 3
                        && !(trig.end..c.start).any(|k| view.is_punct(k))
                }))
            // « un rassemblement prévu samedi », « une manifestation y est attendue »: an
            // event noun said to be planned right after it.
            || (t.flags.noun && {
                // (Past the noun's « de » complement: « le rassemblement des gilets jaunes
                // est attendu ».)
                let from = groups
                    .iter()
                    .find(|g| {
                        // (A name may stand in quotes: « des "gilets jaunes" ».)
                        if g.first <= trig.end {
                            return false;
                        }
                        let mut k = g.first - 1;
                        while k > trig.end && matches!(view.word(k), "«" | "\"" | "“") {
                            k -= 1;
                        }
                        g.first > trig.end
                            && k <= trig.end + 1
                            && matches!(view.word(k), "de" | "d'" | "des" | "du")
                    })
                    .map_or(trig.end, |g| g.last);
                view.cues.iter().any(|c| {
                    c.cue == Cue::Scheduled
                        && ((c.start >= from
                            && c.start <= from + 3
                            && !(trig.end..c.start)
                                .any(|k| {
                                    view.is_punct(k)
                                        && !matches!(view.word(k), "," | "«" | "»" | "\"" | "“" | "”")
                                }))
                            // « la prochaine manifestation », « où est attendue une
                            // nouvelle manifestation »
                            || (c.end <= trig.start
                                && c.end + 3 >= trig.start
                                && (c.end..trig.start).all(|k| {
                                    view.is_determiner(k)
                                        || matches!(
                                            view.word(k),
                                            "nouvelle" | "nouveau" | "nouvel" | "nouvelles"
                                                | "nouveaux" | "grande" | "grand" | "grandes"
                                                | "grands"
                                        )
                                })))
                })
            });
        if intent {
            modality = Modality::Planned;
        }
        if threat && matches!(event_type, EventType::Assault | EventType::Coerce) {
            explain.push(format!("threatened {} → THREATEN", event_type));
            rule.push_str("/threat");
            cameo = if event_type == EventType::Assault {
                "138"
            } else {
                "130"
            }
            .into();
            event_type = EventType::Threaten;
        } else if intent
            && !negated
            && matches!(
                event_type,
                EventType::Support
                    | EventType::Cooperate
                    | EventType::Aid
                    | EventType::Concede
                    | EventType::Retreat
                    | EventType::Consult
            )
        {
            // PLOVER AGREE is the expressed intent or readiness to cooperate: "will provide
            // aid", "is prepared to lift the ban", « va se retirer ».
            explain.push(format!("intent to {} → AGREE", event_type));
            rule.push_str("/intent-to-agree");
            // CAMEO 03x: intent to meet (036), to give aid (033), to cooperate (031), to
            // yield (035), diplomatic support (032).
            cameo = match event_type {
                EventType::Consult => "036",
                EventType::Aid => "033",
                EventType::Cooperate => "031",
                EventType::Concede | EventType::Retreat => "035",
                _ => "032",
            }
            .into();
            event_type = EventType::Agree;
        }
        if view
            .cues
            .iter()
            .any(|c| c.cue == Cue::Hypothetical && c.start >= clause_start && c.end <= trig.start)
        {
            modality = Modality::Hypothetical;
        }
        // A verb in the conditional mood (« la police refuserait », « elle se permettrait de
        // refuser ») says what would happen, not what did.
        if lang == Lang::Fr
            && matches!(modality, Modality::Asserted | Modality::Reported)
            && conditional_mood(view, &self.lex.vocab, trig)
        {
            explain.push("conditional mood: hypothetical".into());
            modality = Modality::Hypothetical;
        }

        // Place governed by the trigger's clause, else the sentence, else « y ».
        let loc = choose_place(places, trig, clause_start, clause_end, memory);

        // « un hommage aux victimes de l'attentat terroriste », « le procès d'un attentat
        // terroriste »: an attack named only by its kind, inside another noun's complement,
        // with no place, toll or time of its own, is a reference, not a report.
        if lang == Lang::Fr
            && event_type == EventType::Assault
            && complement_noun
            && attached_kind
            && loc.is_none()
            && size.dead.is_none()
            && size.injured.is_none()
            && !(clause_start..clause_end).any(|k| {
                view.cue_at(k) == Some(Cue::TimeWord)
                    || (view.is_number(k) && view.word(k).len() == 4)
            })
        {
            return None;
        }

        // No recipient named: the country where the event happens stands for it, as
        // PETRARCH-style coding does ("withdraw from Lebanon", "refuge in Germany").
        // Only across borders: a domestic event is not aimed at its own country.
        if recipient.is_empty() && actor.iter().any(|a| !a.code.is_empty()) {
            if let Some((g, _)) = after.iter().find(|(g, c)| {
                *c == Some(Cue::Location)
                    && g.members.iter().all(|m| {
                        !m.actor.code.is_empty()
                            && m.actor.name.is_none()
                            && !actor.iter().any(|a| a.code == m.actor.code)
                    })
            }) {
                recipient = g.members.iter().map(|m| m.actor.clone()).collect();
                explain.push("recipient: the country where the event happens".into());
            }
        }
        // Receiving refugees or migrants (« l'Italie a accueilli 600 000 migrants ») is
        // hosting them, no visit or meeting.
        if event_type == EventType::Consult
            && !recipient.is_empty()
            && recipient.iter().all(|r| r.sector == "REF")
        {
            return None;
        }
        // Protesters protest: with no actor found, the civilians, workers or opponents a
        // protest was read onto as its target are who took part (« la mobilisation…, où 2500
        // manifestants étaient recensés »).
        if event_type == EventType::Protest && actor.is_empty() {
            let (protesters, others): (Vec<ActorRef>, Vec<ActorRef>) = recipient
                .drain(..)
                .partition(|r| matches!(r.sector.as_str(), "CVL" | "LAB" | "OPP"));
            if !protesters.is_empty() {
                explain.push("actor: the protesters, not the protest's target".into());
            }
            actor = protesters;
            // With no one protesting, only what is protested against is a target: the rest
            // (« à travers la France », « devant l'Élysée ») says where.
            let against: Vec<(usize, usize)> = after
                .iter()
                .filter(|(g, _)| {
                    g.first > view.first && matches!(view.word(g.first - 1), "contre" | "against")
                })
                .map(|(g, _)| view.char_span(g.first, g.last))
                .collect();
            recipient = others
                .into_iter()
                .filter(|r| {
                    actor
                        .is_empty()
                        .then_some(())
                        .is_none_or(|_| against.iter().any(|&(s, e)| s <= r.start && r.end <= e))
                })
                .collect();
        }
        // The source of a report (« selon la police », « d'après l'OSDH », « a indiqué le
        // procureur ») is not its target.
        let before_sources = recipient.len();
        recipient.retain(|r| {
            !speaker
                .iter()
                .chain(speakers_extra.iter())
                .any(|s| s.start == r.start && s.end == r.end)
        });
        if recipient.len() < before_sources {
            explain.push("recipient: not the source of the report".into());
        }
        // Nor are those who report deaths or injuries (« les autorités ont fait état de sept
        // blessés ») the ones who caused them. (Police reporting arrests made them.)
        if (t.flags.kill || t.flags.injure) && !t.flags.arrest {
            let reported_by_actor =
                |a: &ActorRef| speaker.iter().any(|s| s.start == a.start && s.end == a.end);
            if actor.iter().any(reported_by_actor) {
                actor.retain(|a| !reported_by_actor(a));
                explain.push("actor: not the source reporting the toll".into());
            }
        }
        // Arrests with no one named making them (trigger flag `by_police`) are made by the
        // police (« trente personnes ont été interpellées », « l'interpellation de 481
        // personnes »), charges by the courts (`by_court`: « il a été mis en examen »); of the
        // country of those concerned, else of the article's.
        // The actor is inferred: an empty span at the trigger, and `explain` says so.
        // « Le député a interpellé le ministre »: those who cannot arrest anyone (deputies,
        // journalists, citizens) question or challenge; it is no arrest.
        if t.flags.arrest
            && event_type == EventType::Coerce
            && !actor.is_empty()
            && actor.iter().all(|a| {
                !a.sector.is_empty()
                    && !is_security(&a.sector)
                    && !matches!(a.sector.as_str(), "REB" | "UAF" | "INS")
                    && !a.cameo_code.starts_with("IMG")
            })
        {
            return None;
        }
        let implied_sector = if t.flags.by_police {
            Some("COP")
        } else if t.flags.by_court {
            Some("JUD")
        } else {
            None
        };
        if let (Some(sector), true) = (
            implied_sector,
            event_type == t.event_type && actor.is_empty() && !recipient.is_empty() && !negated,
        ) {
            let code = recipient
                .iter()
                .map(|r| r.code.as_str())
                .find(|c| !c.is_empty())
                .map(str::to_string)
                .or_else(|| memory.focus_country())
                .unwrap_or_default();
            let at = view.char_span(trig.start, trig.end).0;
            actor.push(ActorRef {
                cameo_code: format!("{code}{sector}"),
                code,
                sector: sector.into(),
                text: String::new(),
                name: None,
                start: at,
                end: at,
            });
            explain.push(format!(
                "actor: inferred {sector} (no one named doing it; trigger flag by_police/by_court)"
            ));
            rule.push_str(if sector == "COP" {
                "/implied-police"
            } else {
                "/implied-court"
            });
        }
        // A capital read as its government (« Paris », « Bruxelles ») does not take to the
        // streets: with a protest it names where, not who.
        if event_type == EventType::Protest {
            let before_capitals = actor.len();
            actor.retain(|a| {
                !(a.sector == "GOV"
                    && a.name.is_none()
                    && !a.text.contains(' ')
                    && a.text.chars().next().is_some_and(char::is_uppercase))
            });
            if actor.len() < before_capitals {
                explain.push("actor: a capital is where a protest is, not who protests".into());
            }
        }
        // An event needs a participant; a weak trigger (« recevoir », « manifester ») needs a
        // coded one: a country, an organisation, a named person, or a group of a known kind
        // (« les syndicats », « des manifestants », « la police ») even before its country is
        // known. It also needs someone doing it, known or not (« ceux qui ont tenté
        // d'intimider »): with only a recipient or a place it is mostly a word (« leur
        // voyage », « la manifestation »), not an act.
        let coded = |v: &[ActorRef]| v.iter().any(|a| !a.code.is_empty() || !a.sector.is_empty());
        if (actor.is_empty() && recipient.is_empty())
            || (t.flags.weak && !coded(&actor) && !coded(&recipient) && size == Size::default())
            || (t.flags.weak && actor.is_empty() && !subject_blocked && size == Size::default())
            // A meeting needs someone meeting; a summit or conference may be named alone.
            || (event_type == EventType::Consult
                && t.mode != "multilateral"
                && actor.is_empty()
                && !subject_blocked)
            || (t.flags.object && recipient.is_empty())
        {
            return None;
        }
        // The same named actor on both sides is an apposition, not a recipient.
        recipient.retain(|r| {
            !actor
                .iter()
                .any(|a| a.name.is_some() && a.name == r.name && a.code == r.code)
        });
        if actor.is_empty() && recipient.is_empty() {
            confidence -= 0.3;
        } else if actor.is_empty() || recipient.is_empty() {
            confidence -= 0.1;
        }
        if actor.iter().any(|a| a.code.is_empty()) {
            confidence -= 0.05;
        }
        let confidence = confidence.clamp(0.05, 1.0);

        let (sent_start, sent_end) = view.char_span(view.first, view.last);
        let (ev_start, ev_end) = view.char_span(trig.start, trig.end);
        let clause_chars = (
            view.char_span(clause_start, clause_start + 1).0,
            view.char_span(clause_end.max(1) - 1, clause_end).1,
        );
        // Dated after the whole article is coded (see `date_events`): only paragraphs that
        // hold events are searched for temporal expressions.
        let (date, enddate, date_precision, date_reason) =
            date_event(article, &[], 0, clause_chars, ev_start);
        let id_hash = stable_hash(&[
            article.id.as_bytes(),
            &(view.index as u64).to_le_bytes(),
            &(trig.start as u64).to_le_bytes(),
            event_type.as_str().as_bytes(),
        ]);
        // A mode belongs to the trigger's own type; a converted event has none.
        let mode = if event_type == t.event_type {
            t.mode.clone()
        } else {
            String::new()
        };
        let event = Event {
            id: format!("{:016x}", id_hash),
            doc_id: article.id.clone(),
            event_type,
            mode,
            context,
            quad_code: event_type.quad_code(),
            cameo,
            actor,
            recipient,
            date,
            enddate,
            date_precision: date_precision.or(None::<DatePrecision>),
            date_reason,
            event_loc: loc,
            size,
            negated,
            modality,
            speaker,
            event_text: trigger_text,
            event_start: ev_start,
            event_end: ev_end,
            text_info: TextInfo {
                sentence: view.index,
                start: sent_start,
                end: sent_end,
            },
            rule,
            confidence,
            lang: lang.code().to_string(),
            explain: if options.explain { explain } else { Vec::new() },
        };
        memory.dating.insert(
            event.id.clone(),
            DatingKey {
                clause: clause_chars,
                trigger: ev_start,
                paragraph_start: memory.paragraph_start,
                paragraph: memory.paragraph,
                until: view
                    .doc
                    .analysed
                    .tokens
                    .get(view.last.saturating_sub(1))
                    .map_or(0, |t| t.end as usize),
            },
        );
        Some((event, supporters))
    }
}

/// The event's date: the temporal expression in its clause nearest the trigger, else the
/// last one earlier in its paragraph, else the publication date — at the precision each has.
fn date_event(
    article: &Article,
    timexes: &[vigie_time::Timex],
    paragraph_start: usize,
    clause: (usize, usize),
    trigger: usize,
) -> (
    Option<String>,
    Option<String>,
    Option<DatePrecision>,
    String,
) {
    let dates = || {
        timexes.iter().filter(|t| {
            matches!(
                t.kind,
                vigie_time::TimexType::Date | vigie_time::TimexType::Time
            ) && t.range.is_some()
                && t.precision.is_some()
        })
    };
    let in_clause = dates()
        .filter(|t| t.start >= clause.0 && t.end <= clause.1)
        .min_by_key(|t| {
            // (A date may overlap the trigger: distance 0.)
            if t.start >= trigger {
                t.start - trigger
            } else {
                trigger.saturating_sub(t.end)
            }
        });
    let chosen = in_clause.map(|t| (t, "in the event's clause")).or_else(|| {
        dates()
            .rfind(|t| t.end <= trigger && t.start >= paragraph_start)
            .map(|t| (t, "earlier in the paragraph"))
    });
    if let Some((t, where_)) = chosen {
        if let (Some((first, last)), Some(p)) = (&t.range, t.precision) {
            let cut = |s: &str| -> String {
                match p {
                    DatePrecision::Year => s.chars().take(4).collect(),
                    DatePrecision::Month => s.chars().take(7).collect(),
                    _ => s.to_string(),
                }
            };
            let (date, end) = match p {
                // A week-precise value keeps its days; a day its one day.
                DatePrecision::Day => (cut(first), cut(first)),
                _ => (cut(first), cut(last)),
            };
            let reason = format!(
                "« {} » ({where_}) → {}",
                t.text,
                t.value.as_deref().unwrap_or("?")
            );
            return (Some(date), Some(end), Some(p), reason);
        }
    }
    match &article.date {
        Some(d) => (
            Some(d.date_string()),
            Some(d.date_string()),
            Some(d.precision()),
            "publication date".into(),
        ),
        None => (None, None, None, "no publication date".into()),
    }
}

/// Supporters named with « avec l'appui de X » / "backed by X" give an AID event of their
/// own: X aids the event's actor.
fn supporter_event(event: &Event, supporters: Vec<ActorRef>) -> Option<Event> {
    if supporters.is_empty()
        || event.actor.is_empty()
        || event.negated
        || !matches!(
            event.event_type,
            EventType::Assault | EventType::Coerce | EventType::Mobilize
        )
    {
        return None;
    }
    let mut aid = event.clone();
    aid.event_type = EventType::Aid;
    aid.quad_code = EventType::Aid.quad_code();
    aid.cameo = "072".into();
    aid.mode = String::new();
    aid.context = vec!["military".into()];
    aid.recipient = event.actor.clone();
    // The evidence is the first supporter's mention (supporters may come in any order).
    let first = supporters.iter().min_by_key(|s| s.start)?;
    aid.event_text = first.text.clone();
    aid.event_start = first.start;
    aid.event_end = first.end;
    aid.actor = supporters;
    aid.size = Size::default();
    aid.rule = format!("{}/support-by", event.rule);
    aid.id = format!(
        "{:016x}",
        stable_hash(&[event.id.as_bytes(), b"support-by"])
    );
    if !aid.explain.is_empty() {
        aid.explain
            .push("AID: supporter named by « avec l'appui de » / \"backed by\"".into());
    }
    Some(aid)
}

/// Is the group the « de » complement inside an event noun's own span (« la prise
/// d'otages »)? (An agentive adjective, « l'attaque terroriste », is not.)
fn complement_inside_trigger(view: &SentenceView, g: &Group) -> bool {
    g.first > view.first
        && matches!(view.word(g.first - 1), "de" | "d'" | "du" | "des" | "of")
        && view
            .triggers
            .iter()
            .any(|o| o.start < g.first && g.last <= o.end)
}

/// Is the word at `t` a French past participle right after a content word, with no
/// auxiliary or clitic in the three words before it (« un homme armé », not « l'a armé »,
/// « ont notamment financé »)?
fn qualifying_participle(view: &SentenceView, t: usize) -> bool {
    if t <= view.first
        || !written_with_ending(
            view,
            t,
            &[
                "é", "ée", "és", "ées", "u", "ue", "us", "ues", "is", "ise", "ises",
            ],
        )
    {
        return false;
    }
    let previous = t - 1;
    let content_word = !view.is_punct(previous)
        && matches!(
            view.cue_at(previous),
            None | Some(Cue::Counted | Cue::Abstract)
        )
        && view.word(previous).chars().all(char::is_alphabetic)
        && view.word(previous).chars().count() > 2
        && !view.word(previous).ends_with("ment");
    content_word
        && !(t.saturating_sub(3).max(view.first)..t).any(|k| {
            matches!(view.cue_at(k), Some(Cue::PassiveAux | Cue::LightVerb))
                || sentence::is_french_auxiliary(view.word(k))
                // (Nor a clitic or a relative pronoun: « l'a armé », « qui ont financé ».)
                || matches!(
                    view.word(k),
                    "l'" | "les" | "se" | "s'" | "nous" | "vous" | "qui" | "que"
                )
        })
}

/// Is the trigger at `t` introduced by a purpose marker, a relative pronoun, or a
/// participle after a comma ("…, calling for")?
/// A French past participle right after the noun it qualifies, with no auxiliary (« un
/// journaliste torturé et emprisonné », « des civils tués »): a reduced passive, whose noun
/// is the one the event is done to. (Only for what is done to people: « des forces
/// déployées » are still the ones that deploy.)
fn reduced_passive(
    view: &SentenceView,
    groups: &[Group],
    lang: Lang,
    trigger: usize,
    noun: bool,
) -> bool {
    let participle = |k: usize| written_with_ending(view, k, &["é", "ée", "és", "ées"]);
    if lang != Lang::Fr || noun || !participle(trigger) {
        return false;
    }
    // Right after the noun, or after it and a comma (« Emmanuel Macron, vilipendé… »), or
    // after an adjective of the noun and a comma (« un casseur présumé, interpellé… »).
    // (A subject pronoun is no noun: « a-t-elle déploré » is active.)
    let after_noun = |k: usize| {
        groups
            .iter()
            .filter(|g| view.cue_at(g.first) != Some(Cue::Pronoun))
            .any(|g| {
                g.last == k
                    || (g.last + 1 == k && view.word(g.last) == ",")
                    || (g.last + 2 == k
                        && view.word(g.last + 1) == ","
                        && !view.is_punct(g.last)
                        && view.cue_at(g.last).is_none()
                        && view.word(g.last).chars().all(char::is_alphabetic))
            })
    };
    after_noun(trigger)
        || (trigger >= view.first + 2
            && view.word(trigger - 1) == "et"
            && participle(trigger - 2)
            && after_noun(trigger - 2))
}

/// Does an article, a possessive or a number make a noun of the word a verb pattern matched
/// (« une patrouille », « deux défilés »)? Killings, injuries and arrests counted by a number
/// (« 3 blessés ») are the victims of a toll, read as such elsewhere.
fn noun_before_verb_pattern(view: &SentenceView, trig: &TriggerMatch) -> bool {
    let before = view.word(trig.start - 1);
    let flags = &trig.trigger.flags;
    sentence::opens_french_noun(before)
        || (!(flags.kill || flags.injure || flags.arrest)
            && (view.is_number(trig.start - 1) || view.lang_lex.numbers.contains_key(before)))
}

/// Is the participle at `t` right after a common noun that an article opens (« d'un boucher
/// tué dans les attentats »)? No auxiliary, adverb, pronoun or name stands there.
fn after_common_noun(view: &SentenceView, t: usize) -> bool {
    if t < view.first + 2 || !written_with_ending(view, t, &["é", "ée", "és", "ées"]) {
        return false;
    }
    let noun = view.word(t - 1);
    sentence::opens_french_noun(view.word(t - 2))
        && !view.is_punct(t - 1)
        && view.cue_at(t - 1).is_none()
        && !sentence::is_french_auxiliary(noun)
        && !noun.ends_with("ment")
        && noun.chars().all(char::is_alphabetic)
        && view
            .entities
            .iter()
            .all(|e| !(e.start < t && t - 1 < e.end))
        && view
            .triggers
            .iter()
            .all(|o| !(o.start < t && t - 1 < o.end))
}

fn is_subordinate(view: &SentenceView, t: usize) -> bool {
    let lo = t.saturating_sub(3).max(view.first);
    if view
        .cues
        .iter()
        .any(|c| matches!(c.cue, Cue::Purpose | Cue::Relative) && c.start >= lo && c.end <= t)
    {
        return true;
    }
    // A reduced relative clause: "property seized by the army", « les biens saisis par ».
    let reduced_relative = view
        .triggers
        .iter()
        .any(|g| g.start == t && g.end < view.last && view.cue_at(g.end) == Some(Cue::By))
        && !(t.saturating_sub(3).max(view.first)..t)
            .any(|k| view.cue_at(k) == Some(Cue::PassiveAux));
    reduced_relative
        || (t > view.first
            && view.word(t).ends_with("ing")
            && matches!(view.word(t - 1), "," | "in" | "by"))
}

/// Is a group an oblique complement (« avec X », « à Genève », « selon X », « de X ») rather
/// than a possible subject? « Des centaines de manifestants »: a « de » after a quantity is
/// not a complement.
fn is_oblique(view: &SentenceView, g: &Group, cue: Option<Cue>) -> bool {
    match cue {
        Some(Cue::Preposition) => {
            let de = view
                .cue_before(g.first)
                .map(|(_, at)| at)
                .unwrap_or(g.first);
            // « Des manifestants défilent »: « des » opening the sentence or a clause is the
            // plural indefinite article, not « de » + « les ».
            let article = matches!(view.word(de), "des" | "du")
                && (de == view.first
                    || matches!(
                        view.word(de - 1),
                        "," | ";" | ":" | "et" | "que" | "qu'" | "mais" | "lorsque" | "puisque"
                    ));
            let quantity = de > view.first
                && (view.is_number(de - 1)
                    || view.lang_lex.numbers.contains_key(view.word(de - 1))
                    || matches!(
                        view.word(de - 1),
                        "plusieurs"
                            | "milliers"
                            | "centaines"
                            | "dizaines"
                            | "nombre"
                            | "beaucoup"
                            | "dozens"
                            | "hundreds"
                            | "thousands"
                    ));
            !quantity && !article
        }
        Some(
            Cue::With
            | Cue::Against
            | Cue::Between
            | Cue::SupportBy
            | Cue::Location
            | Cue::By
            | Cue::According,
        ) => true,
        _ => false,
    }
}

/// Verbs whose complement describes a wished, refused, threatened, promised or blamed
/// action rather than one that happened.
fn governs_complement(t: &vigie_lexicon::Trigger) -> bool {
    (!t.flags.noun
        && matches!(
            t.event_type,
            EventType::Request
                | EventType::Reject
                | EventType::Threaten
                | EventType::Agree
                | EventType::Accuse
        ))
        // A ban (« interdire de manifester », « l'interdiction de manifester ») forbids what
        // its complement names.
        || (t.event_type == EventType::Coerce && t.mode == "restrict")
}

/// Where the complement of a governing verb ends: its clause, or its quotation.
fn complement_end(view: &SentenceView, start: usize, end: usize) -> usize {
    let (_, mut hi) = clause_bounds(view, start, end);
    if inside_quote(view, start) {
        if let Some(close) = (end..hi).find(|&k| matches!(view.word(k), "»" | "\"")) {
            hi = close;
        }
    }
    hi
}

/// Does a light verb or a reporting verb govern the noun at `t` (« mène depuis des mois
/// une offensive », "held talks", « a annoncé la création »)?
fn after_light_verb(view: &SentenceView, t: usize) -> bool {
    let lo = t.saturating_sub(6).max(view.first);
    view.cues.iter().any(|c| {
        matches!(
            c.cue,
            Cue::LightVerb | Cue::Suffer | Cue::Speech | Cue::Claim
        ) && c.start >= lo
            && c.end <= t
            && !(c.end..t).any(|k| view.is_punct(k))
            // « a attaqué une patrouille »: the noun is the object of the verb between, not
            // of the auxiliary.
            && !view
                .triggers
                .iter()
                .any(|o| !o.trigger.flags.noun && o.start >= c.end && o.end <= t)
            // « qui font craindre une répétition des émeutes »: what is feared is not what
            // the light verb's subject does.
            && !view
                .cues
                .iter()
                .any(|h| h.cue == Cue::Hypothetical && h.start >= c.end && h.end <= t)
    })
}

/// Does a verb of undergoing (« subir », « essuyer », « victime de ») take the event noun at
/// `t` as its object (only articles, numbers or « de » between)? « Victime(s) de » and
/// « cible de » must be predicates (« a été victime de », « X, cible de… »), not a noun's
/// complement (« en hommage aux victimes de l'attentat »).
fn suffered(view: &SentenceView, t: usize) -> bool {
    view.cues.iter().any(|c| {
        c.cue == Cue::Suffer
            && c.end <= t
            && t - c.end <= 3
            && (c.end..t).all(|k| {
                view.is_determiner(k)
                    || view.is_number(k)
                    || matches!(view.word(k), "de" | "d'" | "des" | "du")
                    || view.cue_at(k) == Some(Cue::Prenominal)
            })
            && !(c.start > view.first
                && matches!(
                    view.word(c.start - 1),
                    "aux" | "des" | "les" | "de" | "du" | "d'" | "pour" | "avec" | "sur" | "à"
                ))
    })
}

/// Is the verb at `t` inverted after a quotation (« … », a déploré X ; "…", said X)?
fn inverted_after_quote(view: &SentenceView, t: usize) -> bool {
    let lo = t.saturating_sub(4).max(view.first);
    (lo..t).any(|k| matches!(view.word(k), "»" | "\"") && inside_quote(view, k))
        && (lo..t).any(|k| view.word(k) == ",")
}

/// Does the word at `k`, as written, end with one of `endings`? Read on the text, not the
/// folded form: folding drops the accent that marks a French past participle.
fn written_with_ending(view: &SentenceView, k: usize, endings: &[&str]) -> bool {
    let w = view.text_span(k, k + 1).to_lowercase();
    endings.iter().any(|e| w.ends_with(e))
}

/// Where the speaker of an inverted verb of saying starts: right after the verb at `t`, or
/// after the addressee that may come first (« a déploré auprès de l'AFP Delia Hazrati », « a
/// dit à la presse le ministre »).
fn past_addressee(view: &SentenceView, groups: &[Group], t: usize) -> usize {
    // « a dénoncé pour sa part la présidente du groupe », « a réagi de son côté le maire »
    let aside = [
        ["pour", "sa", "part"],
        ["pour", "leur", "part"],
        ["pour", "son", "part"],
        ["de", "son", "cote"],
        ["de", "leur", "cote"],
    ];
    let t = if aside
        .iter()
        .any(|p| p.iter().enumerate().all(|(i, w)| view.word(t + i) == *w))
    {
        t + 3
    } else {
        t
    };
    if matches!(view.word(t), "aupres" | "à" | "a" | "au" | "aux") {
        if let Some(g) = groups.iter().find(|g| g.first > t && g.first <= t + 3) {
            return g.last + 1;
        }
    }
    t
}

/// Does the verb at `t` open an incise after a comma (« …, a dénoncé X », « …, dénonce X »)?
fn after_comma_incise(view: &SentenceView, t: usize) -> bool {
    let mut k = t;
    if k > view.first && matches!(view.word(k - 1), "a" | "ont" | "avait" | "avaient") {
        k -= 1;
    }
    k > view.first && view.word(k - 1) == ","
}

/// Is the word at `t` governed by a preposition (« garants du cessez-le-feu », « sur la
/// zone »)? Determiners and short modifiers may stand between.
fn is_complement(view: &SentenceView, t: usize) -> bool {
    // « victime d'une agression », « la cible de tirs »: the noun is what the verb of
    // undergoing governs (through its own « de »), not a complement of another noun.
    if suffered(view, t) {
        return false;
    }
    let mut k = t;
    let mut skipped = 0;
    while k > view.first && skipped < 3 {
        let w = view.word(k - 1);
        if matches!(
            w,
            "de" | "d'"
                | "du"
                | "des"
                | "sur"
                | "dans"
                | "pour"
                | "à"
                | "au"
                | "aux"
                | "en"
                | "par"
                | "vers"
                | "apres"
                | "avant"
                | "depuis"
                | "pendant"
                | "contre"
                | "of"
                | "on"
                | "in"
                | "for"
                | "to"
                | "by"
                | "after"
                | "before"
                | "during"
                | "against"
                | "over"
                | "about"
        ) {
            // « essuyer des tirs », « mener des frappes »: after a verb whose object is the
            // event noun, « des »/« du » is an article, not « de » + article.
            let article_after_verb = matches!(w, "des" | "du")
                && view
                    .cues
                    .iter()
                    .any(|c| c.end + 1 == k && matches!(c.cue, Cue::LightVerb | Cue::Suffer));
            return !article_after_verb;
        }
        if view.is_punct(k - 1) || view.upper(k - 1) {
            return false;
        }
        k -= 1;
        skipped += 1;
    }
    false
}

/// Clause boundaries around a trigger: clause-break cues and quotes.
fn clause_bounds(view: &SentenceView, start: usize, end: usize) -> (usize, usize) {
    let mut lo = view.first;
    let mut hi = view.last;
    for c in view.cues.iter().filter(|c| c.cue == Cue::ClauseBreak) {
        if c.end <= start && c.end > lo {
            lo = c.end;
        }
        if c.start >= end && c.start < hi {
            hi = c.start;
        }
    }
    (lo, hi)
}

fn inside_quote(view: &SentenceView, t: usize) -> bool {
    let mut depth = 0i32;
    let mut straight = false;
    let mut opened = view.first;
    for k in view.first..t {
        match view.word(k) {
            "«" => {
                depth += 1;
                opened = k;
            }
            "»" => depth -= 1,
            "\"" => {
                straight = !straight;
                opened = k;
            }
            _ => {}
        }
    }
    if !(depth > 0 || straight) {
        return false;
    }
    // A word or two in quotation marks (« a "condamné" les "violences" ») is the writer's
    // own sentence with a word set apart, not someone's speech.
    let closes = (t..view.last).find(|&k| matches!(view.word(k), "»" | "\""));
    closes.is_none_or(|c| c - opened > 3)
}

/// A place phrase: « à Genève », « dans la province de Kandahar », "in Aleppo".
#[derive(Debug, Clone)]
struct Place {
    first: usize,
    last: usize,
    text: String,
    loc: EventLoc,
}

fn find_places(view: &SentenceView) -> Vec<Place> {
    let mut places = Vec::new();
    for c in view.cues.iter().filter(|c| c.cue == Cue::Location) {
        let mut k = c.end;
        // « y » is itself an anaphoric place.
        if view.word(c.start) == "y" && c.end == c.start + 1 {
            places.push(Place {
                first: c.start,
                last: c.end,
                text: "y".into(),
                loc: EventLoc::default(),
            });
            continue;
        }
        while k < view.last && matches!(view.word(k), "la" | "le" | "les" | "l'" | "the") {
            k += 1;
        }
        let head_start = k;
        if let Some(h) = view
            .cues
            .iter()
            .find(|h| h.cue == Cue::PlaceHead && h.start == k)
        {
            k = h.end;
            // « province de Kandahar », « région de Kidal », "province of Helmand".
            if k < view.last && matches!(view.word(k), "de" | "d'" | "du" | "des" | "of") {
                k += 1;
                // « le nord de la Syrie », "the north of the country".
                while k < view.last && matches!(view.word(k), "la" | "le" | "les" | "l'" | "the") {
                    k += 1;
                }
            } else if !(k < view.last && view.upper(k)) {
                continue;
            }
        }
        let name_start = k;
        while k < view.last
            && view.upper(k)
            && !view.is_punct(k)
            && view.cue_at(k) != Some(Cue::TimeWord)
        {
            k += 1;
            // Linking particles inside names: « Deir ez-Zor », « Jisr al-Choughour ».
            if k + 1 < view.last
                && matches!(
                    view.word(k),
                    "al" | "el" | "ez" | "es" | "ad" | "ed" | "de" | "du" | "sur"
                )
                && view.upper(k + 1)
            {
                k += 1;
            }
        }
        if k == name_start {
            continue;
        }
        // Organisations and events named after a place do not locate: « la Conférence ».
        let text_start =
            if head_start < name_start && view.cue_at(head_start) == Some(Cue::PlaceHead) {
                head_start
            } else {
                name_start
            };
        // A named person is not a place.
        if view.entities.iter().any(|e| {
            e.start == name_start
                && matches!(
                    e.entity,
                    vigie_lexicon::Entity::Actor(_)
                        | vigie_lexicon::Entity::Agent { .. }
                        | vigie_lexicon::Entity::Role(_)
                )
        }) {
            continue;
        }
        let (s, e) = view.char_span(text_start, k);
        let text = view.text_span(text_start, k);
        places.push(Place {
            first: text_start,
            last: k,
            text: text.clone(),
            loc: EventLoc {
                text,
                start: s,
                end: e,
                reason: String::new(),
                ..EventLoc::default()
            },
        });
    }
    places
}

fn choose_place(
    places: &[Place],
    trig: &TriggerMatch,
    lo: usize,
    hi: usize,
    memory: &DocMemory,
) -> Option<EventLoc> {
    let resolve = |p: &Place, reason: &str| -> Option<EventLoc> {
        if p.text == "y" {
            return memory.last_place.clone().map(|mut l| {
                l.reason = "antecedent of « y »".into();
                l
            });
        }
        let mut l = p.loc.clone();
        l.reason = reason.into();
        Some(l)
    };
    if let Some(p) = places
        .iter()
        .filter(|p| p.first >= trig.end && p.first < hi)
        .min_by_key(|p| p.first)
    {
        return resolve(p, "governed by the trigger's clause");
    }
    if let Some(p) = places
        .iter()
        .filter(|p| p.last <= trig.start && p.first >= lo)
        .max_by_key(|p| p.first)
    {
        return resolve(p, "in the trigger's clause");
    }
    places.first().and_then(|p| resolve(p, "in the sentence"))
}

/// A number attached to victims near a killing/wounding/arrest trigger, and the victims.
fn find_count<'g>(
    view: &SentenceView,
    groups: &'g [Group],
    trig: &TriggerMatch,
    lo: usize,
    hi: usize,
) -> Option<(u64, Option<&'g Group>)> {
    let numbers = &view.lang_lex.numbers;
    // Inside the trigger first (« a fait 2 morts et 34 blessés »), then after, then before.
    let mut candidates: Vec<usize> = (trig.start..trig.end).collect();
    candidates.extend(trig.end..(trig.end + 5).min(hi));
    candidates.extend((trig.start.saturating_sub(8).max(lo)..trig.start).rev());
    for k in candidates {
        let (value, end) = if view.is_number(k) {
            let digits: String = view
                .word(k)
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect();
            if view.word(k).contains(',') {
                continue;
            }
            let mut v: u64 = match digits.parse() {
                Ok(v) => v,
                Err(_) => continue,
            };
            let mut end = k + 1;
            // « 12 000 » written with a space.
            while end < view.last && view.is_number(end) && view.word(end).len() == 3 {
                v = v
                    .saturating_mul(1000)
                    .saturating_add(view.word(end).parse().unwrap_or(0));
                end += 1;
            }
            (v, end)
        } else if let Some(&v) = numbers.get(view.word(k)) {
            // Skip articles: « un », « une » count only before a collective (« une dizaine »).
            let mut total = v;
            let mut end = k + 1;
            while end < view.last {
                let Some(&next) = numbers.get(view.word(end)) else {
                    break;
                };
                total = if total == 1 {
                    // « une dizaine », « un millier »: the article counts for nothing.
                    next
                } else if next >= 100 && next > total {
                    total * next
                } else {
                    total + next
                };
                end += 1;
            }
            if v == 1 && end == k + 1 {
                continue;
            }
            if (v == 1) && total < 10 {
                continue;
            }
            (total, end)
        } else if matches!(view.word(k), "des" | "plusieurs")
            && numbers.get(view.word(k + 1)).is_some_and(|&v| v >= 20)
        {
            (numbers[view.word(k + 1)], k + 2)
        } else {
            continue;
        };
        // Skip « de »: « une dizaine de soldats ».
        let mut g_start = end;
        while g_start < view.last && matches!(view.word(g_start), "de" | "d'" | "of") {
            g_start += 1;
        }
        let victims = groups
            .iter()
            .find(|g| g.first >= g_start && g.first <= g_start + 1);
        // The number must count people: named victims, or a counted noun (« 14 morts »,
        // « 412 personnes »), never a year or an amount.
        let counted = g_start < view.last && view.cue_at(g_start) == Some(Cue::Counted);
        if victims.is_some() || counted {
            return Some((value, victims));
        }
    }
    None
}

/// Pronouns and « les deux … » resolved from the document memory.
fn resolve_coreference(view: &SentenceView, groups: &mut Vec<Group>, memory: &mut DocMemory) {
    // A country or capital named as a place in this sentence; not a destination (« son
    // déplacement à Varsovie », « en visite à Moscou »): who travels comes from elsewhere.
    let travel = view.triggers.iter().any(|t| t.trigger.mode == "visit");
    let here: Option<String> = groups
        .iter()
        .filter(|_| !travel)
        .filter(|g| matches!(view.cue_before(g.first), Some((Cue::Location, _))))
        .filter_map(|g| match g.members.as_slice() {
            [m] if m.actor.code.len() == 3
                && m.actor.name.is_none()
                && m.head.is_empty()
                && matches!(m.actor.sector.as_str(), "" | "GOV")
                && !matches!(m.actor.code.as_str(), "IGO" | "IMG" | "NGO" | "MNC") =>
            {
                Some(m.actor.code.clone())
            }
            _ => None,
        })
        .next();
    for g in groups.iter_mut() {
        // « les deux chefs d'État » → the two sides of the last two-sided event.
        if let Some((Cue::Both, _)) = view.cue_before(g.first).or_else(|| {
            (g.first > view.first + 1)
                .then(|| {
                    view.cues
                        .iter()
                        .find(|c| c.cue == Cue::Both && c.end == g.first)
                        .map(|c| (c.cue, c.start))
                })
                .flatten()
        }) {
            if g.members.len() == 1
                && g.members[0].actor.code.is_empty()
                && memory.last_pair.len() == 2
            {
                let template = g.members[0].clone();
                g.members = memory
                    .last_pair
                    .iter()
                    .map(|a| {
                        let mut p = template.clone();
                        p.actor.code = a.code.clone();
                        p.actor.name = a.name.clone();
                        p.actor.cameo_code = format!("{}{}", a.code, p.actor.sector);
                        p.resolved_by = Some("« les deux » → the last two-sided event");
                        p
                    })
                    .collect();
                continue;
            }
        }
        // A bare agent (« le régime ») takes the country of the last one named with a country;
        // failing that, « la police », « le gouvernement », « les manifestants » belong to
        // the country the sentence places the event in (« à Bruxelles », « en Belgique »),
        // else to the one the article is about (named at least twice so far, and most often).
        let focus = memory.focus_country();
        for m in g.members.iter_mut() {
            if m.actor.code.is_empty() && !m.head.is_empty() {
                // (Armed forces are often abroad: only the article's country is theirs.)
                let local = here
                    .as_ref()
                    .filter(|_| !matches!(m.actor.sector.as_str(), "MIL" | "SPY"));
                // (A place in the sentence outweighs an earlier mention of the same civilian
                // agent: « des centaines de personnes ont défilé à Londres » after French
                // crowds.)
                // (Not for officials, who travel: « au G20 à Buenos Aires, le chef de l'État ».)
                let placed = local
                    .filter(|_| !matches!(m.actor.sector.as_str(), "REF" | "REB" | "" | "GOV"));
                if let (Some(prev), None) = (memory.by_head.get(&m.head), placed) {
                    m.actor.code = prev.code.clone();
                    m.actor.cameo_code = format!("{}{}", prev.code, m.actor.sector);
                    m.resolved_by = Some("last mention of the same agent with a country");
                } else if let Some(code) = local
                    .or(focus.as_ref())
                    .filter(|_| !matches!(m.actor.sector.as_str(), "REF" | "REB" | ""))
                {
                    m.actor.code = code.clone();
                    m.actor.cameo_code = format!("{}{}", code, m.actor.sector);
                    m.resolved_by = Some(if local.is_some() {
                        "country the sentence places the event in"
                    } else {
                        "country the article is about"
                    });
                }
            }
        }
    }
    // A subject pronoun opening the sentence continues the previous sentence's subject when
    // their numbers agree; otherwise « il »/« elle » is the last person named in the document.
    let recent = view.index <= memory.last_person_sentence + 2;
    let previous_subject = memory
        .last_subject
        .as_ref()
        .filter(|(_, at)| at + 1 == view.index)
        .map(|(members, _)| members);
    for c in view.cues.iter().filter(|c| c.cue == Cue::Pronoun) {
        let covered = groups
            .iter()
            .any(|g| g.first <= c.start && c.start < g.last);
        if covered || !is_pronoun_subject(view, c.start) {
            continue;
        }
        let plural = matches!(view.word(c.start), "ils" | "elles" | "they");
        let opens = c.start <= view.first + 2
            && !view.triggers.iter().any(|t| t.start < c.start)
            && !view.cues.iter().any(|q| {
                q.start < c.start && matches!(q.cue, Cue::Speech | Cue::Claim | Cue::Pronoun)
            });
        let (members, how): (Vec<Participant>, &'static str) = match previous_subject {
            Some(subject) if opens && is_plural(subject) == plural => (
                subject.clone(),
                "pronoun → subject of the previous sentence",
            ),
            _ => match memory.last_person.as_ref() {
                Some(person) if recent && !plural => {
                    (vec![person.clone()], "pronoun → last person named")
                }
                _ => continue,
            },
        };
        let (s, e) = view.char_span(c.start, c.end);
        let members = members
            .into_iter()
            .map(|mut p| {
                p.actor.text = view.text_span(c.start, c.end);
                p.actor.start = s;
                p.actor.end = e;
                p.resolved_by = Some(how);
                p
            })
            .collect();
        let pos = groups
            .iter()
            .position(|g| g.first > c.start)
            .unwrap_or(groups.len());
        groups.insert(
            pos,
            Group {
                first: c.start,
                last: c.end,
                members,
            },
        );
    }
}

/// The sentence's subject: a group of coded participants at its start (after at most a
/// conjunction or an adverb), before any trigger or verb of saying.
fn sentence_subject(view: &SentenceView, groups: &[Group]) -> Option<Vec<Participant>> {
    let g = groups.iter().min_by_key(|g| g.first)?;
    let before_any_verb = !view.triggers.iter().any(|t| t.start < g.first)
        && !view
            .cues
            .iter()
            .any(|c| c.start < g.first && matches!(c.cue, Cue::Speech | Cue::Claim));
    let coded = g
        .members
        .iter()
        .all(|m| !m.actor.code.is_empty() || !m.actor.sector.is_empty());
    (g.first <= view.first + 3 && before_any_verb && coded && !g.members.is_empty())
        .then(|| g.members.clone())
}

/// Whether `inner` lies in an incise (« X, beaucoup revêtus d'un gilet jaune, ont… ») that
/// follows `outer` and closes before the verb at `verb`: a comma right after `outer`, another
/// between `inner` and the verb, no known verb in between, and the incise not opening with a
/// coordination (« X, et les manifestants, … » starts a new clause).
fn is_incise(view: &SentenceView, outer: &Group, inner: &Group, verb: usize) -> bool {
    let comma = |k: usize| view.word(k) == ",";
    let Some(open) = (outer.last..inner.first).find(|&k| comma(k)) else {
        return false;
    };
    let closes = (inner.last..verb).any(comma);
    let verb_between = view
        .triggers
        .iter()
        .any(|t| t.start >= outer.last && t.start < verb)
        || view.cues.iter().any(|c| {
            c.start >= outer.last && c.start < verb && matches!(c.cue, Cue::Speech | Cue::Claim)
        });
    let coordination = open + 1 < view.last
        && matches!(
            view.word(open + 1),
            "et" | "mais" | "puis" | "ou" | "and" | "but"
        );
    open <= outer.last + 1 && closes && !verb_between && !coordination
}

/// Is the French trigger at `t` a verb in the simple future (« rencontrera », « se
/// retireront », « attaqueront »), or an event noun after a light verb in the future (« nous
/// aurons un échange », « fera une déclaration »)? The future of a regular verb is its
/// infinitive (less the final « e » of « -re » verbs) with the endings of « avoir ».
/// French verbs whose future and conditional stem is not the infinitive (« aur- », « fer- »).
const FUTURE_STEMS: [(&str, &str); 16] = [
    ("avoir", "aur"),
    ("être", "ser"),
    ("faire", "fer"),
    ("aller", "ir"),
    ("venir", "viendr"),
    ("tenir", "tiendr"),
    ("pouvoir", "pourr"),
    ("devoir", "devr"),
    ("voir", "verr"),
    ("vouloir", "voudr"),
    ("falloir", "faudr"),
    ("savoir", "saur"),
    ("envoyer", "enverr"),
    ("mourir", "mourr"),
    ("valoir", "vaudr"),
    ("courir", "courr"),
];

/// Is the verb trigger, or a verb governing it (« se permettrait de refuser »), in the French
/// conditional mood? The conditional auxiliaries of reported allegations (« aurait tué »,
/// « serait impliqué ») and the modals read elsewhere (« pourrait », « devrait ») are left
/// out.
fn conditional_mood(
    view: &SentenceView,
    vocab: &vigie_lexicon::pattern::Vocab,
    trig: &TriggerMatch,
) -> bool {
    if trig.trigger.flags.noun {
        return false;
    }
    // The conditional is the future stem (the infinitive, « -re » verbs without their « e »)
    // and an imperfect ending: « refuserait », « prendraient »; « désiraient » is an
    // imperfect.
    let conditional_at = |k: usize| {
        let w = view.word(k);
        let lemma_id = view
            .doc
            .ids
            .get(k)
            .map_or(vigie_lexicon::pattern::NONE, |t| t.lemma);
        if lemma_id == vigie_lexicon::pattern::NONE {
            return false;
        }
        // (Vocabulary words are folded already.)
        let lemma = vocab.word(lemma_id);
        let stem = match FUTURE_STEMS.iter().find(|(i, _)| *i == lemma) {
            Some((_, s)) => s,
            None if lemma.ends_with("re") => &lemma[..lemma.len() - 1],
            None if lemma.ends_with("er") || lemma.ends_with("ir") => lemma,
            None => return false,
        };
        w.strip_prefix(stem)
            .is_some_and(|rest| matches!(rest, "ais" | "ait" | "ions" | "iez" | "aient"))
            && !matches!(
                w,
                "aurais"
                    | "aurait"
                    | "aurions"
                    | "auriez"
                    | "auraient"
                    | "serais"
                    | "serait"
                    | "serions"
                    | "seriez"
                    | "seraient"
                    | "pourrais"
                    | "pourrait"
                    | "pourrions"
                    | "pourriez"
                    | "pourraient"
                    | "devrais"
                    | "devrait"
                    | "devrions"
                    | "devriez"
                    | "devraient"
            )
    };
    if conditional_at(trig.start) {
        return true;
    }
    // « se permettrait de refuser », « voudrait négocier »
    let lo = trig.start.saturating_sub(3).max(view.first);
    (lo..trig.start).any(conditional_at) && (lo..trig.start).all(|k| !view.is_punct(k))
}

fn future_tense(view: &SentenceView, t: usize, trigger: &vigie_lexicon::Trigger) -> bool {
    const ENDINGS: [&str; 6] = ["ai", "as", "a", "ons", "ez", "ont"];
    let written = |k: usize| view.text_span(k, k + 1).to_lowercase();
    let future_of = |word: &str, stem: &str| {
        word.len() > stem.len() && word.starts_with(stem) && ENDINGS.contains(&&word[stem.len()..])
    };
    if !trigger.flags.noun {
        let Some(infinitive) = trigger
            .pattern
            .split_whitespace()
            .find(|w| !matches!(*w, "se" | "s'" | "*"))
        else {
            return false;
        };
        let stem = if let Some((_, s)) = FUTURE_STEMS.iter().find(|(i, _)| *i == infinitive) {
            (*s).to_string()
        } else if let Some(s) = infinitive.strip_suffix("re") {
            format!("{s}r")
        } else if infinitive.ends_with("er") || infinitive.ends_with("ir") {
            infinitive.to_string()
        } else {
            return false;
        };
        // The verb itself, past a reflexive pronoun (« se retireront »).
        let verb = (t..(t + 2).min(view.last)).find(|&k| !matches!(view.word(k), "se" | "s'"));
        return verb.is_some_and(|k| future_of(&written(k), &stem));
    }
    // A light verb just before the noun, in the future (irregular stems included).
    const LIGHT_STEMS: [&str; 6] = ["aur", "fer", "ser", "tiendr", "mèner", "lancer"];
    view.cues.iter().any(|c| {
        c.cue == Cue::LightVerb
            && c.end <= t
            && t - c.end <= 3
            && LIGHT_STEMS
                .iter()
                .any(|stem| future_of(&written(c.start), stem))
    })
}

/// Where the headline of a link to another article that opens the sentence (« Lire aussi :
/// … ») ends: at a sentence glued to it (« …la piste privilégiée Cette quadragénaire… »),
/// else at the sentence's end. `view.first` when the sentence opens no link.
fn see_also_end(view: &SentenceView) -> usize {
    let opens_link = (view.first..(view.first + 2).min(view.last))
        .find(|&k| !view.is_punct(k))
        .is_some_and(|k| view.cue_at(k) == Some(Cue::SeeAlso));
    if !opens_link {
        return view.first;
    }
    (view.first + 2..view.last)
        .find(|&k| {
            view.upper(k)
                && !view.upper(k - 1)
                && !view.is_punct(k - 1)
                && matches!(
                    view.word(k),
                    "le" | "la"
                        | "les"
                        | "l'"
                        | "un"
                        | "une"
                        | "des"
                        | "ce"
                        | "cet"
                        | "cette"
                        | "ces"
                        | "il"
                        | "elle"
                        | "ils"
                        | "elles"
                        | "on"
                        | "selon"
                        | "the"
                        | "a"
                        | "he"
                        | "she"
                        | "they"
                        | "it"
                )
        })
        .unwrap_or(view.last)
}

/// How long before publication an event's date marks it as background history.
const BACKGROUND_DAYS: i64 = 730;

/// The last day (day number) of a date at its own precision (`2015` → 31 December 2015).
fn last_day_of(date: Option<&str>) -> Option<i64> {
    let date = vigie_model::PubDate::parse(date?).ok()?;
    let (y, m, d) = date.first_day();
    let (m, d) = match date.precision() {
        DatePrecision::Month => (m, vigie_model::days_in_month(y, m)),
        DatePrecision::Year => (12, 31),
        _ => (m, d),
    };
    Some(vigie_model::day_number(
        i64::from(y),
        u32::from(m),
        u32::from(d),
    ))
}

/// The verb that both asks a question and makes a request.
fn asking_verb(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "demander",
        Lang::En => "ask",
    }
}

/// Sectors that arrest and detain: police, armed forces, courts, government.
fn is_security(sector: &str) -> bool {
    matches!(sector, "COP" | "MIL" | "SPY" | "JUD" | "GOV")
}

/// Whether a subject is plural, as far as its form tells: several participants, or a common
/// noun in the plural (« les forces », « des manifestants »). Names (capitalised) are
/// singular.
fn is_plural(subject: &[Participant]) -> bool {
    subject.len() > 1
        || subject.iter().any(|m| {
            m.actor.text.split_whitespace().next().is_some_and(|w| {
                w.chars().next().is_some_and(char::is_lowercase)
                    && (w.ends_with('s') || w.ends_with('x'))
            })
        })
}

/// A subject pronoun (singular or plural) of a trigger or a reporting verb within
/// a few words (« il a demandé », « a-t-il ajouté »), not an impersonal one (« il y a »,
/// « il faut », « il a été recensé »).
fn is_pronoun_subject(view: &SentenceView, t: usize) -> bool {
    if !matches!(
        view.word(t),
        "il" | "elle" | "ils" | "elles" | "he" | "she" | "they"
    ) {
        return false;
    }
    let next = |k: usize| {
        if t + k < view.last {
            view.word(t + k)
        } else {
            ""
        }
    };
    // « il s'agit », « il s'est agi »: the elided pronoun is a token of its own.
    let reflexive_impersonal =
        matches!(next(1), "s'" | "s") && (next(2) == "agit" || next(3) == "agi");
    if matches!(
        next(1),
        "y" | "faut" | "s'agit" | "semble" | "reste" | "est" | "was" | "is"
    ) || (next(1) == "a" && next(2) == "ete")
        || reflexive_impersonal
    {
        return false;
    }
    // « a-t-il ajouté »: inverted subject right after its verb.
    let inverted = t >= view.first + 2 && view.word(t - 1) == "t";
    let governs = |k: usize| {
        view.triggers.iter().any(|g| g.start == k)
            || view
                .cues
                .iter()
                .any(|c| c.start == k && matches!(c.cue, Cue::Speech | Cue::Claim))
    };
    inverted || (t + 1..(t + 5).min(view.last)).any(governs)
}

/// Within one sentence, the same type with the same participants (in either role) is one
/// event; the mention with a count or more participants is kept.
fn dedupe_sentence(events: &mut Vec<Event>, from: usize) {
    let key = |e: &Event| {
        let mut codes: Vec<String> = e
            .actor
            .iter()
            .chain(e.recipient.iter())
            .map(ActorRef::coded)
            .collect();
        codes.sort();
        codes.dedup();
        (e.event_type, codes)
    };
    let score = |e: &Event| {
        (e.size.dead.is_some() || e.size.injured.is_some() || e.size.arrested.is_some()) as u8 * 4
            + (!e.actor.is_empty()) as u8 * 2
            + (!e.recipient.is_empty()) as u8
    };
    let mut keep = vec![true; events.len()];
    for i in from..events.len() {
        if !keep[i] {
            continue;
        }
        for j in i + 1..events.len() {
            if keep[j] && key(&events[i]) == key(&events[j]) {
                if score(&events[j]) > score(&events[i]) {
                    keep[i] = false;
                    break;
                }
                keep[j] = false;
            }
        }
    }
    let mut i = 0;
    events.retain(|_| {
        let k = keep[i];
        i += 1;
        k
    });
}
