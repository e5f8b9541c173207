//! Places: the gazetteer, toponym recognition and resolution, event locations, and
//! geoparsing evaluation.
//!
//! [`Geocoder`] ties the stages together: [`recognize`] finds names over an analysed text,
//! [`resolve`] picks one gazetteer entry per name using the document's focus, and
//! [`Geocoder::locate_events`] fills each event's `event_loc` from the place its clause
//! governs, else a place named in its sentence, else the document's main country.

pub mod cache;
pub mod gazetteer;
pub mod goldxml;
pub mod recognize;
pub mod resolve;

pub use gazetteer::{name_key, Gazetteer, GazetteerError, Place};
pub use recognize::{Context, Cue, NameMention};
pub use resolve::Focus;

use std::path::Path;
use vigie_model::{Event, EventLoc};
use vigie_text::{Analysed, Lang};

/// A resolved place name in a text (the `vigie places` record).
#[derive(Debug, Clone, PartialEq)]
pub struct Toponym {
    /// Code-point offsets in the input text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub place: Option<Place>,
    /// Name of the place's first-level region, when known.
    pub admin1_name: Option<String>,
    /// Named inside an institution's name (« Banque de France »): not an event place.
    pub in_organisation: bool,
}

/// Gazetteer plus context rules.
pub struct Geocoder {
    pub gazetteer: Gazetteer,
    pub context: Context,
    /// Demonym key (« turc », "Syrian") → ISO 3166-1 alpha-2 of its country, from
    /// `data/lexicon/countries.tsv` and `data/gazetteer/country_codes.tsv`. Used only for
    /// spans given as place names (a demonym in running text is an adjective, not a place).
    pub demonyms: rustc_hash::FxHashMap<String, String>,
    /// ISO 3166-1 alpha-3 → alpha-2 (`data/gazetteer/country_codes.tsv`), to take the
    /// coder's country codes as document focus.
    pub alpha2: rustc_hash::FxHashMap<String, String>,
    /// Demonyms of non-country places (`data/gazetteer/demonyms.tsv`) → place index, for
    /// given spans only.
    pub place_demonyms: rustc_hash::FxHashMap<String, u32>,
    /// Abbreviations of countries and regions (`data/gazetteer/abbreviations.tsv`), exact
    /// text → candidate places in file order, for given spans only.
    pub abbreviations: rustc_hash::FxHashMap<String, Vec<u32>>,
}

/// `abbreviations.tsv`: abbreviation → country (alpha-2) and region name, mapped to the
/// gazetteer's countries and first-level regions; rows naming no place are reported.
fn load_abbreviations(
    data_dir: &Path,
    gaz: &Gazetteer,
    warnings: &mut Vec<String>,
) -> rustc_hash::FxHashMap<String, Vec<u32>> {
    let mut out: rustc_hash::FxHashMap<String, Vec<u32>> = rustc_hash::FxHashMap::default();
    let path = data_dir.join("gazetteer/abbreviations.tsv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return out;
    };
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(abbr), Some(cc)) = (cols.first().map(|a| a.trim()), cols.get(1)) else {
            continue;
        };
        let region = cols.get(2).map_or("", |r| r.trim());
        let place = if region.is_empty() {
            gaz.country_index(cc.trim())
        } else {
            gaz.lookup(&name_key(region)).iter().copied().find(|&i| {
                let p = gaz.place(i);
                p.is_admin1() && p.country == cc.trim()
            })
        };
        match place {
            Some(i) if !abbr.is_empty() => out.entry(abbr.to_string()).or_default().push(i),
            _ => warnings.push(format!(
                "{}:{}: no such place in the gazetteer",
                path.display(),
                n + 1
            )),
        }
    }
    out
}

/// `demonyms.tsv`: demonym → GeoNames id, mapped to the gazetteer's places.
fn load_place_demonyms(data_dir: &Path, gaz: &Gazetteer) -> rustc_hash::FxHashMap<String, u32> {
    let mut out = rustc_hash::FxHashMap::default();
    let Ok(text) = std::fs::read_to_string(data_dir.join("gazetteer/demonyms.tsv")) else {
        return out;
    };
    let wanted: Vec<(String, i64)> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (d, id) = l.split_once('\t')?;
            Some((name_key(d), id.trim().parse().ok()?))
        })
        .collect();
    let ids: rustc_hash::FxHashSet<i64> = wanted.iter().map(|w| w.1).collect();
    let index: rustc_hash::FxHashMap<i64, u32> = gaz
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| ids.contains(&p.geonameid))
        .map(|(i, p)| (p.geonameid, i as u32))
        .collect();
    for (key, id) in wanted {
        if let Some(&i) = index.get(&id) {
            out.insert(key, i);
        }
    }
    out
}

fn load_alpha2(data_dir: &Path) -> rustc_hash::FxHashMap<String, String> {
    let mut iso2 = rustc_hash::FxHashMap::default();
    if let Ok(text) = std::fs::read_to_string(data_dir.join("gazetteer/country_codes.tsv")) {
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            if let Some((two, three)) = line.split_once('\t') {
                iso2.insert(three.trim().to_string(), two.trim().to_string());
            }
        }
    }
    iso2
}

/// Demonyms of `lexicon/countries.tsv` mapped to alpha-2 codes through
/// `gazetteer/country_codes.tsv`; missing files give an empty table.
fn load_demonyms(
    data_dir: &Path,
    iso2: &rustc_hash::FxHashMap<String, String>,
) -> rustc_hash::FxHashMap<String, String> {
    let mut demonyms = rustc_hash::FxHashMap::default();
    if let Ok(text) = std::fs::read_to_string(data_dir.join("lexicon/countries.tsv")) {
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let [pattern, code, "demonym", ..] = cols.as_slice() {
                if let Some(two) = iso2.get(*code) {
                    demonyms.insert(name_key(pattern), two.clone());
                }
            }
        }
    }
    demonyms
}

/// The place names of one document and their resolution.
pub struct Geoparse {
    pub mentions: Vec<NameMention>,
    pub chosen: Vec<Option<u32>>,
    pub focus: Focus,
}

impl Geocoder {
    /// Loads `data_dir/gazetteer/` and the common-word lists from `data_dir/lexicon/`.
    pub fn load(data_dir: &Path) -> Result<Geocoder, GazetteerError> {
        let gazetteer = Gazetteer::load(&data_dir.join("gazetteer"))?;
        let context = Context::load(
            &data_dir.join("gazetteer"),
            &data_dir.join("lexicon"),
            &gazetteer,
        );
        let alpha2 = load_alpha2(data_dir);
        let demonyms = load_demonyms(data_dir, &alpha2);
        let place_demonyms = load_place_demonyms(data_dir, &gazetteer);
        let mut abbreviation_warnings = Vec::new();
        let abbreviations = load_abbreviations(data_dir, &gazetteer, &mut abbreviation_warnings);
        let mut geocoder = Geocoder {
            gazetteer,
            context,
            demonyms,
            alpha2,
            place_demonyms,
            abbreviations,
        };
        geocoder.gazetteer.warnings.extend(abbreviation_warnings);
        Ok(geocoder)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &String> {
        self.gazetteer
            .warnings
            .iter()
            .chain(self.context.warnings.iter())
    }

    /// Finds and resolves the place names of an analysed text.
    pub fn geoparse(&self, analysed: &Analysed, lang: Lang) -> Geoparse {
        let mentions = recognize::find_names(&self.gazetteer, &self.context, analysed, lang, None);
        let (chosen, focus) =
            resolve::resolve(&self.gazetteer, &mentions, &Focus::for_language(lang));
        // A lone capitalised word that resolves only to a small town abroad, with nothing
        // saying it is a place (no « à », no "in") and nothing else in the article in that
        // country, is a name or a word (« Melissa », « Rail »), not a hamlet in Texas.
        let lone_small_town_abroad = |m: &NameMention, c: Option<u32>| {
            let Some(place) = c.map(|p| self.gazetteer.place(p)) else {
                return false;
            };
            let locative = matches!(m.cue, Some(Cue::Prep | Cue::Admin | Cue::City | Cue::Water));
            m.last - m.first == 1
                && !locative
                && place.feature_class == 'P'
                && place.population < 100_000
                && !place.curated
                && !focus.names_country_besides(&place.country, &m.key)
        };
        let (mentions, chosen): (Vec<NameMention>, Vec<Option<u32>>) = mentions
            .into_iter()
            .zip(chosen)
            .filter(|(m, c)| !lone_small_town_abroad(m, *c))
            .unzip();
        Geoparse {
            mentions,
            chosen,
            focus,
        }
    }

    fn toponym(
        &self,
        analysed: &Analysed,
        text: &str,
        m: &NameMention,
        chosen: Option<u32>,
    ) -> Toponym {
        let (start, end) = analysed.span(m.first, m.last);
        let place = chosen.map(|p| self.gazetteer.place(p).clone());
        let admin1_name = place.as_ref().and_then(|p| {
            if p.is_admin1() {
                Some(p.name.clone())
            } else {
                self.gazetteer.admin1_of(p).map(|a| a.name.clone())
            }
        });
        Toponym {
            start,
            end,
            text: text.chars().skip(start).take(end - start).collect(),
            place,
            admin1_name,
            in_organisation: m.cue == Some(Cue::Org),
        }
    }

    /// Every place name in `text` (analysed as `analysed`), resolved.
    pub fn toponyms(&self, text: &str, analysed: &Analysed, lang: Lang) -> Vec<Toponym> {
        let g = self.geoparse(analysed, lang);
        g.mentions
            .iter()
            .zip(&g.chosen)
            .map(|(m, &c)| self.toponym(analysed, text, m, c))
            .collect()
    }

    /// Resolves given spans (code points) of `text`: geocoding with the names given, as
    /// geoparsing evaluations report it. The document's other names still give the focus.
    pub fn resolve_spans(
        &self,
        text: &str,
        analysed: &Analysed,
        lang: Lang,
        spans: &[(usize, usize)],
    ) -> Vec<Option<Toponym>> {
        let doc = self.geoparse(analysed, lang);
        // A demonym given as a place name is its country ("Canadian" is Canada, not the town
        // of Canadian, Texas).
        let span_key = |start: usize, end: usize| -> String {
            name_key(
                &text
                    .chars()
                    .skip(start)
                    .take(end.saturating_sub(start))
                    .collect::<String>(),
            )
        };
        let mentions: Vec<Option<NameMention>> = spans
            .iter()
            .map(|&(start, end)| {
                let key = span_key(start, end);
                if self.demonyms.contains_key(&key)
                    || self.place_demonyms.contains_key(&key)
                    || self.abbreviation(text, start, end).is_some()
                {
                    None
                } else {
                    self.span_mention(analysed, lang, start, end, &doc.focus)
                }
            })
            .collect();
        let present: Vec<NameMention> = mentions.iter().flatten().cloned().collect();
        let (chosen, _) = resolve::resolve(&self.gazetteer, &present, &doc.focus);
        // What the article is about, from the names given (they are the toponyms), else
        // from the names found in the whole text.
        let fallback = self
            .most_named_place(present.iter().zip(&chosen))
            .or_else(|| self.most_named_country(present.iter().zip(&chosen)))
            .or_else(|| self.document_place(&doc));
        let mut chosen = chosen.into_iter();
        mentions
            .into_iter()
            .zip(spans)
            .map(|(m, &(start, end))| {
                let span_text: String = text
                    .chars()
                    .skip(start)
                    .take(end.saturating_sub(start))
                    .collect();
                let mut t = match m {
                    Some(m) => {
                        let c = chosen.next().flatten();
                        self.toponym(analysed, text, &m, c)
                    }
                    None => {
                        // A demonym given as a place name is its country; anything else the
                        // gazetteer lacks (a street, a building) is taken to be in the
                        // place the article is about.
                        let key = name_key(&span_text);
                        let abbreviated = self.abbreviation(text, start, end).and_then(|c| {
                            // Ambiguous ("SA"): the one whose country the article names.
                            c.iter()
                                .copied()
                                .find(|&i| {
                                    doc.focus.names_country(&self.gazetteer.place(i).country)
                                })
                                .or(c.first().copied())
                        });
                        let place = abbreviated
                            .map(|i| self.gazetteer.place(i))
                            .or_else(|| {
                                self.demonyms
                                    .get(&key)
                                    .and_then(|cc| self.gazetteer.country(cc))
                            })
                            .or_else(|| {
                                self.place_demonyms
                                    .get(&key)
                                    .map(|&i| self.gazetteer.place(i))
                            })
                            .or(fallback)?;
                        Toponym {
                            start,
                            end,
                            text: String::new(),
                            admin1_name: self.admin1_name(place),
                            place: Some(place.clone()),
                            in_organisation: false,
                        }
                    }
                };
                t.start = start;
                t.end = end;
                t.text = span_text;
                Some(t)
            })
            .collect()
    }

    /// The candidate places of a span written exactly as an abbreviation ("BC", "Va.").
    fn abbreviation(&self, text: &str, start: usize, end: usize) -> Option<&Vec<u32>> {
        if self.abbreviations.is_empty() {
            return None;
        }
        let span: String = text
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect();
        self.abbreviations.get(span.trim())
    }

    fn admin1_name(&self, place: &Place) -> Option<String> {
        if place.is_admin1() {
            Some(place.name.clone())
        } else {
            self.gazetteer.admin1_of(place).map(|a| a.name.clone())
        }
    }

    /// The place an article is about: its most often named town or region, else its main
    /// country.
    fn document_place<'g>(&'g self, doc: &Geoparse) -> Option<&'g Place> {
        self.most_named_place(doc.mentions.iter().zip(&doc.chosen))
            .or_else(|| {
                doc.focus
                    .main_country()
                    .and_then(|c| self.gazetteer.country(c))
            })
    }

    /// The town or region (not a country, not inside an organisation's name) named most
    /// often; between equals, the one named first, as news names its main place early.
    fn most_named_place<'g, 'm>(
        &'g self,
        mentions: impl Iterator<Item = (&'m NameMention, &'m Option<u32>)>,
    ) -> Option<&'g Place> {
        self.most_named(mentions, false)
    }

    /// The country named most often, on the same terms.
    fn most_named_country<'g, 'm>(
        &'g self,
        mentions: impl Iterator<Item = (&'m NameMention, &'m Option<u32>)>,
    ) -> Option<&'g Place> {
        self.most_named(mentions, true)
    }

    fn most_named<'g, 'm>(
        &'g self,
        mentions: impl Iterator<Item = (&'m NameMention, &'m Option<u32>)>,
        countries: bool,
    ) -> Option<&'g Place> {
        // place → (times named, order of first naming)
        let mut counts: rustc_hash::FxHashMap<u32, (usize, usize)> =
            rustc_hash::FxHashMap::default();
        for (order, (m, c)) in mentions.enumerate() {
            if let Some(c) = *c {
                if m.cue != Some(Cue::Org) && self.gazetteer.place(c).is_country() == countries {
                    counts.entry(c).or_insert((0, order)).0 += 1;
                }
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(_, (n, first))| (n, std::cmp::Reverse(first)))
            .map(|(p, _)| self.gazetteer.place(p))
    }

    /// The name mention for a given span: the whole span if it is a gazetteer name, else its
    /// longest sub-sequence of words that is one ("the Idlib province" → Idlib).
    fn span_mention(
        &self,
        analysed: &Analysed,
        lang: Lang,
        start: usize,
        end: usize,
        focus: &Focus,
    ) -> Option<NameMention> {
        let tokens: Vec<usize> = (0..analysed.tokens.len())
            .filter(|&i| {
                let (s, e) = analysed.span(i, i + 1);
                s >= start && e <= end && e > s
            })
            .collect();
        let (&first, &last) = (tokens.first()?, tokens.last()?);
        let sentence = analysed
            .sentences
            .iter()
            .position(|s| s.first <= first && first < s.last)
            .unwrap_or(0);
        let sentence_first = analysed.sentences.get(sentence).map_or(0, |s| s.first);
        // A street or square ("Royal Street", « place Tahrir ») is somewhere in the article's
        // place, whatever its name honours.
        let word = |i: usize| analysed.token_text(i).trim_end_matches('.');
        if last > first && self.context.is_street_name(word(first), word(last)) {
            return None;
        }
        let mut key = String::new();
        // The whole span, else the span without generic heads ("Frenchmen Street" is not
        // "Street"; "the Idlib province" is Idlib).
        let generic = |i: usize| self.context.is_generic(analysed.token_text(i));
        let (mut a, mut b) = (first, last + 1);
        while a < b && generic(a) {
            a += 1;
        }
        while b > a && generic(b - 1) {
            b -= 1;
        }
        let mut tries = vec![(first, last + 1)];
        if (a, b) != (first, last + 1) && a < b {
            tries.push((a, b));
        }
        let span_text: String = analysed
            .folded
            .text
            .get(analysed.tokens[first].start as usize..analysed.tokens[last].end as usize)
            .unwrap_or("")
            .to_string();
        let cue = recognize::cue_before(&self.context, analysed, sentence_first, first, lang);
        let mention = |key: String, candidates: Vec<u32>| NameMention {
            first,
            last: last + 1,
            sentence,
            key,
            candidates,
            cue,
        };
        // The span's own text first: it keeps what tokens split ("U.S." → `u s`).
        let whole = name_key(&span_text);
        // A lone common word ("Western", "Gulf", "Valley") names no particular place: the
        // article's place is a better guess than a town of that name.
        let common = first == last && self.context.is_common_word(&whole, lang);
        let function_word = first == last && self.context.is_function_word(&whole, lang);
        let capitalised = |i: usize| {
            analysed
                .folded
                .upper
                .get(analysed.tokens[i].start as usize)
                .copied()
                == Some(true)
        };
        // Written in lower case, a common word is that word ("the centre"), whatever the
        // span says.
        if common && !capitalised(first) {
            return None;
        }
        let plausible_for = |candidates: Vec<u32>| -> Vec<u32> {
            if !common {
                return candidates;
            }
            // ... unless it is a country or a big city of that name ("Nice", "Reading"), or
            // a first-level region of a country the article names ("Wales" in a British
            // story, not the Centre region of Cameroon in an Indian one).
            candidates
                .into_iter()
                .filter(|&p| {
                    let p = self.gazetteer.place(p);
                    p.is_country()
                        || (p.is_admin1() && !function_word && focus.names_country(&p.country))
                        || (p.feature_class == 'P' && p.population >= 100_000)
                })
                .collect()
        };
        let candidates = plausible_for(recognize::plausible(
            &self.gazetteer,
            analysed,
            first,
            last + 1,
            self.gazetteer.lookup(&whole),
        ));
        if !candidates.is_empty() {
            return Some(mention(whole, candidates));
        }
        for (a, b) in tries {
            if !recognize::tokens_key(analysed, a, b, &mut key) {
                continue;
            }
            let candidates = plausible_for(recognize::plausible(
                &self.gazetteer,
                analysed,
                a,
                b,
                self.gazetteer.lookup(&key),
            ));
            if !candidates.is_empty() {
                return Some(mention(key.clone(), candidates));
            }
        }
        // A well-known name inside the span ("British Embassy Tokyo", "University of
        // California"): its longest run of capitalised words naming a country, a region or a
        // city of 100,000 or more, the later of equals (a qualifier comes first in English
        // names). Small towns are left out: institutions are named after people and words
        // as often as after places ("Douglas High School", "Supreme Court").
        for len in (1..=(last - first)).rev() {
            for a in (first..=last + 1 - len).rev() {
                let b = a + len;
                if !(a..b).all(capitalised) || !recognize::tokens_key(analysed, a, b, &mut key) {
                    continue;
                }
                if len == 1 && self.context.is_common_word(&key, lang) {
                    continue;
                }
                let candidates = recognize::plausible(
                    &self.gazetteer,
                    analysed,
                    a,
                    b,
                    self.gazetteer.lookup(&key),
                );
                // Well known under that name somewhere; which of its bearers is meant is
                // then the document focus's choice ("Vienna" near Fairfax is Vienna, VA).
                let well_known = candidates.iter().any(|&p| {
                    let p = self.gazetteer.place(p);
                    p.is_country()
                        || p.is_admin1()
                        || (p.feature_class == 'P' && p.population >= 100_000)
                });
                if well_known {
                    return Some(mention(key.clone(), candidates));
                }
            }
        }
        None
    }

    /// Fills `event_loc` of each event: the place its clause governs (the coder's place
    /// phrase, resolved), else a place named in its sentence, else the document's main
    /// country. Only the events' sentences are searched for names; `countries` (alpha-3 codes
    /// with how often the coder met them in the article) stand for the rest of the article
    /// in the document focus.
    pub fn locate_events(
        &self,
        analysed: &Analysed,
        text: &str,
        lang: Lang,
        countries: &[(&str, u32)],
        events: &mut [Event],
    ) {
        if events.is_empty() {
            return;
        }
        let mut focus = Focus::for_language(lang);
        for &(code, n) in countries {
            if let Some(two) = self.alpha2.get(code) {
                focus.add_country(two, f64::from(n));
            }
        }
        let mut sentences: Vec<usize> = events.iter().map(|e| e.text_info.sentence).collect();
        sentences.sort_unstable();
        sentences.dedup();
        let mentions = recognize::find_names(
            &self.gazetteer,
            &self.context,
            analysed,
            lang,
            Some(&sentences),
        );
        let (chosen, focus) = resolve::resolve(&self.gazetteer, &mentions, &focus);
        let g = Geoparse {
            mentions,
            chosen,
            focus,
        };
        let resolved: Vec<(usize, usize, &NameMention, u32)> = g
            .mentions
            .iter()
            .zip(&g.chosen)
            .filter(|(m, _)| m.cue != Some(Cue::Org))
            .filter_map(|(m, c)| {
                let (s, e) = analysed.span(m.first, m.last);
                c.map(|c| (s, e, m, c))
            })
            .collect();
        for event in events.iter_mut() {
            let phrase = event.event_loc.as_ref().map(|l| (l.start, l.end));
            let in_phrase = phrase.and_then(|(s, e)| {
                resolved
                    .iter()
                    .filter(|r| r.0 >= s && r.1 <= e)
                    .max_by_key(|r| (r.1 - r.0, r.0))
            });
            if let Some(&(_, _, m, c)) = in_phrase {
                let place = self.gazetteer.place(c);
                if let Some(loc) = event.event_loc.as_mut() {
                    self.fill(loc, place);
                    loc.reason = format!("{}; resolved « {} »", loc.reason, m.key);
                }
                continue;
            }
            if phrase.is_some() {
                // The coder's place phrase names no gazetteer place: keep its text only.
                continue;
            }
            let (s, e) = (event.text_info.start, event.text_info.end);
            let nearest = resolved
                .iter()
                .filter(|r| r.0 >= s && r.1 <= e)
                .min_by_key(|r| r.0.abs_diff(event.event_start));
            if let Some(&(start, end, _, c)) = nearest {
                let mut loc = EventLoc {
                    text: text.chars().skip(start).take(end - start).collect(),
                    start,
                    end,
                    reason: "place named in the event's sentence".into(),
                    ..EventLoc::default()
                };
                self.fill(&mut loc, self.gazetteer.place(c));
                event.event_loc = Some(loc);
                continue;
            }
            if let Some(country) = g
                .focus
                .main_country()
                .and_then(|c| self.gazetteer.country(c))
            {
                let mut loc = EventLoc {
                    reason: "the article's main country (no place in the event's sentence)".into(),
                    ..EventLoc::default()
                };
                self.fill(&mut loc, country);
                event.event_loc = Some(loc);
            }
        }
    }

    fn fill(&self, loc: &mut EventLoc, place: &Place) {
        loc.name = Some(place.name.clone());
        loc.geonameid = (place.geonameid > 0).then_some(place.geonameid as u64);
        loc.lat = Some(place.lat);
        loc.lon = Some(place.lon);
        loc.country_code = Some(place.country.clone()).filter(|c| !c.is_empty());
        loc.admin1 = if place.is_admin1() {
            Some(place.name.clone())
        } else {
            self.gazetteer.admin1_of(place).map(|a| a.name.clone())
        };
        loc.precision = Some(place.precision().to_string());
    }
}
