//! From entity matches to participants: agents joined with their nationality (« soldats
//! turcs »), role phrases resolved to office holders (« le président russe »), appositions
//! merged with the named person (« le ministre allemand des Affaires étrangères, Heiko Maas »), and
//! coordinated participants grouped (« la Russie, la Turquie et l'Iran »).

use crate::sentence::SentenceView;
use vigie_lexicon::{CountryKind, Entity, Lexicon};
use vigie_model::ActorRef;

/// One coded participant.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub actor: ActorRef,
    /// Names a person (antecedent of « il »).
    pub person: bool,
    /// The office a role phrase named (`foreign_minister`…).
    pub role: Option<String>,
    /// Produced by coreference rather than read directly.
    pub resolved_by: Option<&'static str>,
    /// The folded head word of an agent phrase (« régime »), for coreference.
    pub head: String,
}

/// Participants that the text coordinates, over tokens `first..last`.
#[derive(Debug, Clone)]
pub struct Group {
    pub first: usize,
    pub last: usize,
    pub members: Vec<Participant>,
}

/// A single composite mention before grouping.
#[derive(Debug, Clone)]
struct Composite {
    first: usize,
    last: usize,
    members: Vec<Participant>,
}

fn sector_for_role(role: &str) -> &'static str {
    if role == "defence_minister" {
        "MIL"
    } else {
        "GOV"
    }
}

/// Tokens that may separate coordinated participants or link a head to its complement.
fn is_glue(word: &str) -> bool {
    matches!(
        word,
        "," | "et"
            | "ou"
            | "de"
            | "d'"
            | "du"
            | "des"
            | "la"
            | "le"
            | "les"
            | "l'"
            | "and"
            | "or"
            | "of"
            | "the"
    )
}

/// Builds the coordinated participant groups of one sentence.
pub fn groups(view: &SentenceView, lex: &Lexicon) -> Vec<Group> {
    let ents = &view.entities;
    let mut composites: Vec<Composite> = Vec::new();
    let mut used = vec![false; ents.len()];
    let day = view.day;
    let text_of = |first: usize, last: usize| view.text_span(first, last);

    let make_country = |code: &str, sector: &str, first: usize, last: usize| ActorRef {
        code: code.to_string(),
        sector: sector.to_string(),
        text: text_of(first, last),
        name: None,
        cameo_code: format!("{code}{sector}"),
        start: view.char_span(first, last).0,
        end: view.char_span(first, last).1,
    };

    let mut i = 0;
    while i < ents.len() {
        if used[i] {
            i += 1;
            continue;
        }
        let m = &ents[i];
        // « la place de France », « le stade de France »: a country or city named after a
        // street or building noun and « de » is part of a place name.
        if m.start >= view.first + 2
            && matches!(view.word(m.start - 1), "de" | "d'" | "du")
            && view.cue_at(m.start - 2) == Some(vigie_lexicon::Cue::NameHead)
            && matches!(m.entity, Entity::Country { .. } | Entity::Actor(_))
        {
            used[i] = true;
            i += 1;
            continue;
        }
        match m.entity {
            Entity::Actor(idx) => {
                used[i] = true;
                if let Some(role) = lex.actors[*idx as usize].role_on(day) {
                    let (s, e) = view.char_span(m.start, m.end);
                    let person = role.name.split_whitespace().count() >= 2
                        && !role.sector.is_empty()
                        && !role.cameo_code.starts_with("IGO")
                        && !role.cameo_code.starts_with("IMG");
                    composites.push(Composite {
                        first: m.start,
                        last: m.end,
                        members: vec![Participant {
                            actor: ActorRef {
                                code: role.code.clone(),
                                sector: role.sector.clone(),
                                text: text_of(m.start, m.end),
                                name: Some(role.name.clone()),
                                cameo_code: role.cameo_code.clone(),
                                start: s,
                                end: e,
                            },
                            person,
                            role: None,
                            resolved_by: None,
                            head: String::new(),
                        }],
                    });
                }
            }
            Entity::Country { code, kind } => {
                used[i] = true;
                let upper = view.upper(m.start);
                // A nationality or country before an agent or role (English order): "Turkish
                // soldiers", "the Mozambique government", "Israel's high court", "Taiwan's
                // Vice Foreign Minister".
                {
                    if let Some(next) = ents.get(i + 1) {
                        let gap = view.words_between(m.end, next.start);
                        let adjunct = gap.is_empty()
                            || (*kind != CountryKind::Demonym && gap.len() <= 3 && gap[0] == "'s");
                        if adjunct
                            && !used[i + 1]
                            && matches!(next.entity, Entity::Agent { .. } | Entity::Role(_))
                        {
                            used[i + 1] = true;
                            let (sector, person, role) = head_info(next.entity);
                            let mut p = participant(make_country(code, &sector, m.start, next.end));
                            p.person = person;
                            p.role = role;
                            p.head = view.words_between(next.start, next.end).join(" ");
                            resolve_office(lex, &mut p, day);
                            let (p, last) =
                                absorb_apposition(view, lex, ents, &mut used, i + 2, next.end, p);
                            composites.push(Composite {
                                first: m.start,
                                last,
                                members: vec![p],
                            });
                            i += 2;
                            continue;
                        }
                    }
                }
                match kind {
                    CountryKind::Name => composites.push(Composite {
                        first: m.start,
                        last: m.end,
                        members: vec![participant(make_country(code, "", m.start, m.end))],
                    }),
                    CountryKind::Capital => composites.push(Composite {
                        first: m.start,
                        last: m.end,
                        members: vec![participant(make_country(code, "GOV", m.start, m.end))],
                    }),
                    CountryKind::Demonym => {
                        // A capitalised demonym is a noun: « les Américains », "the Russians".
                        if upper {
                            composites.push(Composite {
                                first: m.start,
                                last: m.end,
                                members: vec![participant(make_country(code, "", m.start, m.end))],
                            });
                        }
                    }
                }
            }
            Entity::Agent { .. } | Entity::Role(_) => {
                used[i] = true;
                let (mut sector, person, role) = head_info(m.entity);
                // « la porte-parole des gilets jaunes », « les dirigeants du syndicat »: a
                // person who speaks for or leads a group (an agent that is government by
                // default) belongs to the group its « de » complement names.
                // So does a member (an agent with no sector: « des membres du gouvernement »).
                let leads_for = matches!(m.entity, Entity::Agent { .. })
                    && ((person && sector == "GOV") || sector.is_empty());
                let member = sector.is_empty();
                let mut joined_group = false;
                let head = view.words_between(m.start, m.end).join(" ");
                let mut codes: Vec<(String, usize)> = Vec::new();
                let mut last = m.end;
                let mut named: Option<Participant> = None;
                // A demonym inside the head's own span (« ministère russe de la Défense »).
                for t in m.start + 1..m.end {
                    if let Some(code) = view.demonym_at(t) {
                        codes.push((code, t));
                    }
                }
                // A demonym before the head (English order) already handled above; now the
                // complements after it: demonyms (coordinated), « de X », named person.
                let mut j = i + 1;
                while j < ents.len() {
                    let n = &ents[j];
                    let gap = view.words_between(last, n.start);
                    let gap_ok = gap.iter().all(|w| is_glue(w)) && gap.len() <= 3;
                    if !gap_ok {
                        break;
                    }
                    match n.entity {
                        Entity::Country {
                            code,
                            kind: CountryKind::Demonym,
                        } => {
                            let after_comma = gap.contains(&",");
                            if after_comma && !codes.is_empty() {
                                break;
                            }
                            codes.push((code.clone(), n.start));
                        }
                        Entity::Country { code, .. }
                            if codes.is_empty()
                                && gap
                                    .iter()
                                    .any(|w| matches!(*w, "de" | "d'" | "du" | "des" | "of")) =>
                        {
                            codes.push((code.clone(), n.start));
                        }
                        Entity::Actor(idx)
                            if named.is_none()
                                && (gap.is_empty()
                                    || gap.iter().all(|w| {
                                        matches!(
                                            *w,
                                            "," | "de"
                                                | "d'"
                                                | "du"
                                                | "des"
                                                | "of"
                                                | "the"
                                                | "la"
                                                | "l'"
                                                | "le"
                                        )
                                    })) =>
                        {
                            if let Some(r) = lex.actors[*idx as usize].role_on(day) {
                                let (s, e) = view.char_span(n.start, n.end);
                                named = Some(Participant {
                                    actor: ActorRef {
                                        code: r.code.clone(),
                                        sector: if r.sector.is_empty() {
                                            sector.clone()
                                        } else {
                                            r.sector.clone()
                                        },
                                        text: String::new(),
                                        name: Some(r.name.clone()),
                                        cameo_code: r.cameo_code.clone(),
                                        start: s,
                                        end: e,
                                    },
                                    person: person || r.name.split_whitespace().count() >= 2,
                                    role: role.clone(),
                                    resolved_by: None,
                                    head: String::new(),
                                });
                            }
                        }
                        Entity::Agent { .. }
                            if leads_for
                                && codes.is_empty()
                                && !gap.contains(&",")
                                && gap
                                    .iter()
                                    .any(|w| matches!(*w, "de" | "d'" | "du" | "des" | "of")) =>
                        {
                            let (group_sector, _, _) = head_info(n.entity);
                            if group_sector.is_empty() || (group_sector == "GOV" && !member) {
                                break;
                            }
                            sector = group_sector;
                            joined_group = true;
                        }
                        _ => break,
                    }
                    used[j] = true;
                    last = n.end;
                    j += 1;
                    if named.is_some() || joined_group {
                        break;
                    }
                }
                let first = m.start;
                let (s, e) = view.char_span(first, last);
                if let Some(mut p) = named {
                    // The named actor wins; a nationality read on the role phrase fills gaps.
                    if p.actor.code.is_empty() {
                        if let Some((c, _)) = codes.first() {
                            p.actor.code = c.clone();
                        }
                    }
                    p.actor.text = text_of(first, last);
                    p.actor.start = s;
                    p.actor.end = e;
                    composites.push(Composite {
                        first,
                        last,
                        members: vec![p],
                    });
                } else if member && !joined_group && codes.is_empty() {
                    // A member of no group named (« les 13 principaux membres de la
                    // coalition ») is no one we can code.
                } else {
                    // The agent once per nationality (« forces turques et syriennes » → two);
                    // without one, once with no code (coreference may give it one later).
                    let agent = |code: &str| {
                        let mut p = participant(ActorRef {
                            code: code.to_string(),
                            sector: sector.clone(),
                            text: text_of(first, last),
                            name: None,
                            cameo_code: if code.is_empty() {
                                String::new()
                            } else {
                                format!("{code}{sector}")
                            },
                            start: s,
                            end: e,
                        });
                        p.person = person;
                        p.role = role.clone();
                        p.head = head.clone();
                        resolve_office(lex, &mut p, day);
                        p
                    };
                    let mut members: Vec<Participant> = if codes.is_empty() {
                        vec![agent("")]
                    } else {
                        codes.iter().map(|(code, _)| agent(code)).collect()
                    };
                    match members.pop() {
                        // Apposition to a named person: « son homologue Jean-Yves Le Drian ».
                        Some(p) if members.is_empty() => {
                            let (p, last2) =
                                absorb_apposition(view, lex, ents, &mut used, j, last, p);
                            composites.push(Composite {
                                first,
                                last: last2,
                                members: vec![p],
                            });
                        }
                        Some(p) => {
                            members.push(p);
                            composites.push(Composite {
                                first,
                                last,
                                members,
                            });
                        }
                        None => {}
                    }
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }

    // French only for now: English puts bare titles and organisations before names
    // ("Arab League Secretary-General Chedli Klibi"), which need their own apposition rule.
    if std::ptr::eq(view.lang_lex, &lex.fr) {
        unknown_people(view, &mut composites);
    }

    // Coordination: composites separated only by commas, « et », « de », determiners.
    let mut groups: Vec<Group> = Vec::new();
    let conjunction_in = |a: usize, b: usize| {
        let gap = view.words_between(a, b);
        gap.len() <= 3
            && gap.iter().all(|w| is_glue(w))
            && gap.iter().any(|w| matches!(*w, "et" | "ou" | "and" | "or"))
    };
    for (ci, c) in composites.iter().enumerate() {
        let c = c.clone();
        // « A, B et C »: a comma followed later by a conjunction lists whatever it joins.
        let list_continues = composites
            .get(ci + 1)
            .is_some_and(|n| conjunction_in(c.last, n.first));
        if let Some(g) = groups.last_mut() {
            let gap = view.words_between(g.last, c.first);
            let conjunction =
                gap.iter().any(|w| matches!(*w, "et" | "ou" | "and" | "or")) || list_continues;
            // A bare comma lists only alike mentions (« l'Iran, la Turquie »); it does not
            // join « des groupes rebelles, la Turquie dispose… ».
            let alike = kind_of(&c.members)
                == g.members
                    .last()
                    .map(|m| kind_of(std::slice::from_ref(m)))
                    .unwrap_or(' ');
            let joins = !gap.is_empty()
                && gap.len() <= 3
                && gap.iter().all(|w| is_glue(w))
                // A bare comma lists countries (« l'Iran, la Turquie »); between agents or
                // people it is usually an apposition or a new clause.
                && (conjunction || (gap.contains(&",") && alike && kind_of(&c.members) == 'c'));
            if joins {
                // A head's sector distributes: « les représentants de la Russie, de la Turquie ».
                let sector = g
                    .members
                    .first()
                    .map(|m| m.actor.sector.clone())
                    .unwrap_or_default();
                for mut m in c.members {
                    if m.actor.sector.is_empty() && !sector.is_empty() && !m.person {
                        m.actor.sector = sector.clone();
                        m.actor.cameo_code = format!("{}{}", m.actor.code, sector);
                    }
                    g.members.push(m);
                }
                g.last = c.last;
                continue;
            }
        }
        groups.push(Group {
            first: c.first,
            last: c.last,
            members: c.members,
        });
    }
    groups
}

/// People the lexicons do not know, named in full (« Christophe Dettinger », « Azi
/// Nagar »): two or three capitalised words, outside every other mention, the last of them
/// no word of the language's vocabulary. They take part as persons of unknown country and
/// sector, and are the antecedents of « il » / « elle ». A place (« à Los Angeles ») or a
/// longer run of capitals (a title) is not one.
fn unknown_people(view: &SentenceView, composites: &mut Vec<Composite>) {
    let taken = |k: usize| {
        view.entities.iter().any(|e| e.start <= k && k < e.end)
            || composites.iter().any(|c| c.first <= k && k < c.last)
    };
    let capital = |k: usize| {
        k < view.last
            && view.upper(k)
            && !view.is_punct(k)
            && !taken(k)
            && view.cue_at(k).is_none()
            && view.word(k).chars().count() >= 2
            && view.word(k).chars().all(|c| c.is_alphabetic() || c == '-')
    };
    let mut found: Vec<Composite> = Vec::new();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut k = view.first;
    while k < view.last {
        if !capital(k) || (k > view.first && capital(k - 1)) {
            k += 1;
            continue;
        }
        let mut end = k;
        while end < view.last && capital(end) {
            end += 1;
        }
        // « La France insoumise »: an article starts no one's name; nor does a common word
        // before a full name (« secrétaire d'État Laurent Nuñez »).
        let mut start = if view.is_determiner(k) { k + 1 } else { k };
        while end - start > 2 && view.lang_lex.common_words.contains(view.word(start)) {
            start += 1;
        }
        let unknown = |t: usize| !view.lang_lex.common_words.contains(view.word(t));
        // « Mme Massé », « M. Castaner », « Mgr Vigano »: a title makes a person of a common
        // word too. (« M. » is two tokens: the letter and its period.)
        let title_token = |t: usize| view.upper(t) && is_title(view.word(t));
        let title_before = if start > view.first && title_token(start - 1) {
            Some(start - 1)
        } else if start > view.first + 1 && view.word(start - 1) == "." && title_token(start - 2) {
            Some(start - 2)
        } else {
            None
        };
        let titled = title_token(start) || title_before.is_some();
        let name_words = if title_token(start) {
            end - start - 1
        } else {
            end - start
        };
        // « Laurent Brun »: a given name that is no common word opens a name whose surname
        // may be one.
        let given = view.lang_lex.given_names.contains(view.word(start)) && unknown(start);
        // A place (« à Los Angeles »), or a thing's name after an article (« la Tour
        // Eiffel », « le Front National »), is not a person.
        let placed = start > view.first
            && (view.is_determiner(start - 1)
                || matches!(
                    view.word(start - 1),
                    "à" | "a"
                        | "au"
                        | "aux"
                        | "du"
                        | "des"
                        | "en"
                        | "dans"
                        | "vers"
                        | "depuis"
                        | "sur"
                        | "in"
                        | "at"
                        | "to"
                        | "from"
                ));
        let named = if titled {
            (1..=3).contains(&name_words)
        } else {
            (2..=3).contains(&(end - start)) && (unknown(end - 1) || given)
        };
        if named && !placed && !taken(end) {
            // The title belongs to the mention (« M. Laaouej »).
            runs.push((title_before.unwrap_or(start), end));
        }
        k = end.max(k + 1);
    }
    for (k, end) in runs {
        let name = view.text_span(k, end);
        // In apposition to an agent or a role (« le ministre de l'Intérieur, Christophe
        // Castaner », « Benjamin Griveaux, porte-parole du gouvernement »), the name tells
        // who the agent is; the agent tells the person's country and sector.
        let apposed = composites.iter_mut().find(|c| {
            let [m] = c.members.as_slice() else {
                return false;
            };
            // (The agent's complement may come between: « le ministre de l'Intérieur,
            // Christophe Castaner ».)
            let complement_then_comma = c.last < k
                && k - c.last <= 6
                && view.word(k - 1) == ","
                && (c.last..k - 1).all(|t| {
                    !view.is_punct(t) && !view.triggers.iter().any(|o| o.start <= t && t < o.end)
                });
            // « le président de l'Assemblée nationale Richard Ferrand »
            let complement = c.last < k
                && k - c.last <= 5
                && matches!(view.word(c.last), "de" | "du" | "des" | "d'")
                && (c.last..k).all(|t| {
                    !view.is_punct(t) && !view.triggers.iter().any(|o| o.start <= t && t < o.end)
                });
            let next_to = c.last == k
                || c.first == end
                || complement_then_comma
                || complement
                || (c.first == end + 1 && view.word(end) == ",");
            next_to && m.actor.name.is_none() && (!m.head.is_empty() || m.role.is_some())
        });
        if let Some(c) = apposed {
            let (first, last) = (c.first.min(k), c.last.max(end));
            let m = &mut c.members[0];
            let (s, e) = view.char_span(first, last);
            m.actor.name = Some(name);
            m.actor.text = view.text_span(first, last);
            m.actor.start = s;
            m.actor.end = e;
            m.person = true;
            c.first = first;
            c.last = last;
            continue;
        }
        {
            let (s, e) = view.char_span(k, end);
            found.push(Composite {
                first: k,
                last: end,
                members: vec![Participant {
                    actor: ActorRef {
                        code: String::new(),
                        sector: String::new(),
                        text: name.clone(),
                        name: Some(name),
                        cameo_code: String::new(),
                        start: s,
                        end: e,
                    },
                    person: true,
                    role: None,
                    resolved_by: None,
                    head: String::new(),
                }],
            });
        }
    }
    if !found.is_empty() {
        composites.extend(found);
        composites.sort_by_key(|c| c.first);
    }
}

/// A title before a person's name (folded, without its period): « M. », « Mme », « Mgr »,
/// « Me », « Dr ».
fn is_title(word: &str) -> bool {
    matches!(
        word,
        "m" | "mm" | "mme" | "mmes" | "mlle" | "mgr" | "me" | "dr" | "pr"
    )
}

/// 'a' agent phrase, 'p' person, 'c' country or named organisation.
fn kind_of(members: &[Participant]) -> char {
    match members.first() {
        Some(m) if !m.head.is_empty() => 'a',
        Some(m) if m.person => 'p',
        Some(_) => 'c',
        None => ' ',
    }
}

fn participant(actor: ActorRef) -> Participant {
    Participant {
        actor,
        person: false,
        role: None,
        resolved_by: None,
        head: String::new(),
    }
}

fn head_info(entity: &Entity) -> (String, bool, Option<String>) {
    match entity {
        Entity::Agent { sector, person, .. } => (sector.clone(), *person, None),
        Entity::Role(role) => (sector_for_role(role).to_string(), true, Some(role.clone())),
        _ => (String::new(), false, None),
    }
}

/// « le président russe » in 2020 → the holder of that office then.
fn resolve_office(lex: &Lexicon, p: &mut Participant, day: Option<vigie_lexicon::Day>) {
    let Some(role) = p.role.as_deref() else {
        return;
    };
    if role == "counterpart" || p.actor.code.is_empty() {
        return;
    }
    if let Some(office) = lex.office_holder(&p.actor.code, role, day) {
        p.actor.name = Some(office.name.clone());
        p.resolved_by = Some("office held on the publication date");
    }
}

/// Merges a role/agent phrase with a directly following named person (apposition).
fn absorb_apposition(
    view: &SentenceView,
    lex: &Lexicon,
    ents: &[crate::sentence::EntityMatch],
    used: &mut [bool],
    j: usize,
    last: usize,
    mut p: Participant,
) -> (Participant, usize) {
    // (An agent or a country inside the role's complement — « le porte-parole du
    // gouvernement, Benjamin Griveaux », « le ministre français des Finances » — is part of
    // the role phrase: the name may follow it.)
    let first_complement = j;
    let mut j = j;
    while ents.get(j).is_some_and(|n| {
        !matches!(n.entity, Entity::Actor(_))
            && n.start >= last
            && n.start - last <= 3
            && matches!(view.word(last), "de" | "du" | "des" | "d'")
            && ents
                .get(j + 1)
                .is_some_and(|m| matches!(m.entity, Entity::Actor(_)))
    }) {
        j += 1;
    }
    let Some(n) = ents.get(j) else {
        return (p, last);
    };
    if used[j] {
        return (p, last);
    }
    let Entity::Actor(idx) = n.entity else {
        return (p, last);
    };
    let gap = view.words_between(last, n.start);
    // The role's own complement may come between (« le président de l'Assemblée nationale,
    // Richard Ferrand »).
    let complement = gap.len() <= 6
        && gap
            .first()
            .is_some_and(|w| matches!(*w, "de" | "du" | "des" | "d'"))
        && gap[..gap.len() - 1].iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphanumeric() || c == '\'' || c == '-')
        })
        && (last..n.start).all(|t| !view.triggers.iter().any(|o| o.start <= t && t < o.end));
    if !complement && (gap.len() > 1 || gap.iter().any(|w| *w != ",")) {
        return (p, last);
    }
    let Some(r) = lex.actors[*idx as usize].role_on(view.day) else {
        return (p, last);
    };
    if !(p.person || p.role.is_some()) {
        return (p, last);
    }
    for u in &mut used[first_complement..=j] {
        *u = true;
    }
    let first_char = p.actor.start;
    let (_, e) = view.char_span(n.start, n.end);
    p.actor.code = r.code.clone();
    if !r.sector.is_empty() {
        p.actor.sector = r.sector.clone();
    }
    p.actor.cameo_code = r.cameo_code.clone();
    p.actor.name = Some(r.name.clone());
    p.actor.end = e;
    p.actor.text = view.text_chars(first_char, e);
    p.person = true;
    p.resolved_by = None;
    (p, n.end)
}
