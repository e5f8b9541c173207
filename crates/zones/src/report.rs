//! The zone report: what happened inside a zone, period by period — counts by type,
//! fatalities, actors, violations with their evidence, and what the guarantors said.

use crate::{EventPlace, Membership, Rules, Zone, ZoneIndex, ZoneSet};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use vigie_model::{iso_date, ActorRef};
use vigie_store::{EventFilter, Store, StoredEvent};

/// Events placed only at region or country precision count as in the zone when at least
/// this share of the region (as estimated) overlaps it.
pub const DEFAULT_MIN_SHARE: f64 = 0.25;

/// Report periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Week,
    Month,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Fatalities {
    pub low: u64,
    pub best: u64,
    pub high: u64,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct PeriodSummary {
    pub period: String,
    pub events: u64,
    pub by_type: BTreeMap<String, u64>,
    pub fatalities: Fatalities,
    pub violations: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Evidence {
    pub doc_id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub pub_date: Option<String>,
    pub sentence: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportedEvent {
    pub id: String,
    pub event_type: String,
    pub date: Option<String>,
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    pub place: Option<String>,
    #[serde(flatten)]
    pub membership: Option<Membership>,
    pub dead: Option<u64>,
    pub num_sources: u64,
    /// The rule that makes it a violation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Observation posts within reach.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<String>,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ZoneReport {
    pub zone: String,
    pub name_fr: String,
    pub name_en: String,
    pub kind: String,
    pub guarantors: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub periods: Vec<PeriodSummary>,
    /// Actor codes (code+sector) seen in the zone, with their number of events.
    pub actors: BTreeMap<String, u64>,
    pub fatalities: Fatalities,
    pub violations: Vec<ReportedEvent>,
    pub statements_by_guarantors: Vec<ReportedEvent>,
}

fn period_key(day: i64, bucket: Bucket) -> String {
    let date = iso_date(day);
    match bucket {
        Bucket::Month => date[..7].to_string(),
        Bucket::Week => {
            // ISO week: the week's Thursday decides the year.
            let weekday = (day + 3).rem_euclid(7); // 0 = Monday
            let thursday = day - weekday + 3;
            let year: i64 = iso_date(thursday)[..4].parse().unwrap_or(1970);
            let jan1 = crate::zone::day_number(year, 1, 1);
            format!("{year}-W{:02}", (thursday - jan1) / 7 + 1)
        }
    }
}

fn place_of(e: &StoredEvent) -> Option<EventPlace<'_>> {
    let loc = e.event.event_loc.as_ref()?;
    let days = vigie_store::merge::event_days(e.event.date.as_deref(), e.event.enddate.as_deref())?;
    Some(EventPlace {
        lon: loc.lon?,
        lat: loc.lat?,
        precision: loc.precision.as_deref().unwrap_or("city"),
        days,
    })
}

fn evidence(store: &Store, id: &str) -> Vec<Evidence> {
    store
        .event_detail(id)
        .ok()
        .flatten()
        .map(|d| {
            d.mention_details
                .into_iter()
                .map(|m| Evidence {
                    doc_id: m.doc_id,
                    source: m.source,
                    url: m.url,
                    pub_date: m.pub_date,
                    sentence: m.sentence.trim().to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn reported(
    store: &Store,
    known: &BTreeMap<String, Vec<Evidence>>,
    e: &StoredEvent,
    membership: Option<Membership>,
    rule: Option<String>,
    posts: Vec<String>,
) -> ReportedEvent {
    ReportedEvent {
        id: e.event.id.clone(),
        event_type: e.event.event_type.to_string(),
        date: e.event.date.clone(),
        actors: e.event.actor.iter().map(ActorRef::coded).collect(),
        recipients: e.event.recipient.iter().map(ActorRef::coded).collect(),
        place: e
            .event
            .event_loc
            .as_ref()
            .map(|l| l.name.clone().unwrap_or_else(|| l.text.clone())),
        membership,
        dead: e.event.size.dead,
        num_sources: e.num_sources,
        rule,
        posts,
        evidence: known
            .get(&e.event.id)
            .cloned()
            .unwrap_or_else(|| evidence(store, &e.event.id)),
    }
}

/// Reports for every zone of `set` matching `zone_query` (all when `None`), over the events
/// of `store` dated within `from..=to` (day numbers).
#[allow(clippy::too_many_arguments)]
pub fn build(
    store: &Store,
    set: &ZoneSet,
    rules: &Rules,
    zone_query: Option<&str>,
    from: Option<i64>,
    to: Option<i64>,
    bucket: Bucket,
    min_share: f64,
    post_radius_km: f64,
) -> Result<Vec<ZoneReport>, vigie_store::StoreError> {
    let events = store.query_events(&EventFilter {
        from_day: from,
        to_day: to,
        ..EventFilter::default()
    })?;
    let index = ZoneIndex::new(set);
    // Which zones each event is in, and which documents speak of each zone.
    let mut inside: Vec<Vec<(usize, Membership)>> = Vec::with_capacity(events.len());
    let mut zone_docs: Vec<BTreeSet<String>> = vec![BTreeSet::new(); set.zones.len()];
    // Evidence of the events found in some zone, by event id.
    let mut known: BTreeMap<String, Vec<Evidence>> = BTreeMap::new();
    for e in &events {
        let mut m = place_of(e)
            .map(|p| index.membership(&p))
            .unwrap_or_default();
        m.retain(|(_, membership)| match membership {
            Membership::Inside => true,
            Membership::PossiblyInside { share } => *share >= min_share,
        });
        if !m.is_empty() {
            // Read the event's mentions once, whatever the number of zones it is in.
            let found = evidence(store, &e.event.id);
            for &(z, _) in &m {
                zone_docs[z].extend(found.iter().map(|ev| ev.doc_id.clone()));
            }
            known.insert(e.event.id.clone(), found);
        }
        inside.push(m);
    }
    // An exact id or name wins over word matches ("idlib" is the Idlib zone, not also the
    // Idlib demilitarised strip).
    let exact = zone_query.is_some_and(|q| {
        set.zones.iter().any(|z| {
            [&z.id, &z.name_fr, &z.name_en]
                .iter()
                .any(|n| n.eq_ignore_ascii_case(q.trim()))
        })
    });
    let mut reports = Vec::new();
    for (zi, zone) in set.zones.iter().enumerate() {
        if let Some(q) = zone_query {
            let hit = if exact {
                [&zone.id, &zone.name_fr, &zone.name_en]
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(q.trim()))
            } else {
                zone.matches(q)
            };
            if !hit {
                continue;
            }
        }
        reports.push(zone_report(
            store,
            set,
            &index,
            rules,
            zi,
            zone,
            &events,
            &inside,
            &zone_docs[zi],
            &known,
            (from, to),
            bucket,
            post_radius_km,
        ));
    }
    Ok(reports)
}

#[allow(clippy::too_many_arguments)]
fn zone_report(
    store: &Store,
    set: &ZoneSet,
    index: &ZoneIndex,
    rules: &Rules,
    zi: usize,
    zone: &Zone,
    events: &[StoredEvent],
    inside: &[Vec<(usize, Membership)>],
    docs: &BTreeSet<String>,
    known: &BTreeMap<String, Vec<Evidence>>,
    (from, to): (Option<i64>, Option<i64>),
    bucket: Bucket,
    post_radius_km: f64,
) -> ZoneReport {
    let mut periods: BTreeMap<String, PeriodSummary> = BTreeMap::new();
    let mut actors: BTreeMap<String, u64> = BTreeMap::new();
    let mut total = Fatalities::default();
    let mut violations = Vec::new();
    let mut statements = Vec::new();
    for (e, memberships) in events.iter().zip(inside) {
        let membership = memberships.iter().find(|(z, _)| *z == zi).map(|(_, m)| *m);
        if let Some(m) = membership {
            let days = place_of(e).map_or((0, 0), |p| p.days);
            let key = period_key(days.0, bucket);
            let summary = periods.entry(key.clone()).or_insert_with(|| PeriodSummary {
                period: key,
                ..PeriodSummary::default()
            });
            summary.events += 1;
            *summary
                .by_type
                .entry(e.event.event_type.to_string())
                .or_default() += 1;
            if let Some(d) = e.size_range.dead {
                for f in [&mut summary.fatalities, &mut total] {
                    f.low += d.low;
                    f.best += d.best;
                    f.high += d.high;
                }
            }
            for a in e.event.actor.iter().map(ActorRef::coded) {
                *actors.entry(a).or_default() += 1;
            }
            if let Some(rule) = rules.violation(zone, &e.event) {
                summary.violations += 1;
                let posts = place_of(e)
                    .map(|p| index.posts_near(&p, post_radius_km))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(i, km)| format!("{} ({km:.1} km)", set.posts[i].name))
                    .collect();
                let rule = format!(
                    "{} by {} in an active {} zone",
                    rule.event_type,
                    if rule.actors.is_empty() {
                        "any actor".to_string()
                    } else {
                        rule.actors.join("/")
                    },
                    zone.kind
                );
                violations.push(reported(store, known, e, Some(m), Some(rule), posts));
                continue;
            }
        }
        // What the guarantors said or agreed about the zone: their verbal events (wherever
        // they were said) in the articles that report events in the zone.
        let verbal = matches!(e.event.quad_code, 1 | 3);
        let by_guarantor = e
            .event
            .actor
            .iter()
            .any(|a| zone.guarantors.contains(&a.code));
        let about_zone = docs.contains(&e.event.doc_id) || membership.is_some();
        let when_active = place_of(e)
            .map(|p| p.days)
            .or_else(|| {
                vigie_store::merge::event_days(e.event.date.as_deref(), e.event.enddate.as_deref())
            })
            .is_some_and(|(lo, hi)| zone.active_during(lo, hi));
        if verbal && by_guarantor && about_zone && when_active {
            statements.push(reported(store, known, e, membership, None, Vec::new()));
        }
    }
    ZoneReport {
        zone: zone.id.clone(),
        name_fr: zone.name_fr.clone(),
        name_en: zone.name_en.clone(),
        kind: zone.kind.clone(),
        guarantors: zone.guarantors.clone(),
        from: from.map(iso_date),
        to: to.map(iso_date),
        periods: periods.into_values().collect(),
        actors,
        fatalities: total,
        violations,
        statements_by_guarantors: statements,
    }
}

/// A report as Markdown (also the terminal table format).
pub fn markdown(r: &ZoneReport) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "## {} — {} ({}, guarantors {})\n\n",
        r.name_en,
        r.name_fr,
        r.kind,
        r.guarantors.join(", ")
    ));
    out.push_str(&format!(
        "Period {} … {}; fatalities reported in the zone: {} (low {}, high {}).\n\n",
        r.from.as_deref().unwrap_or("start"),
        r.to.as_deref().unwrap_or("now"),
        r.fatalities.best,
        r.fatalities.low,
        r.fatalities.high
    ));
    out.push_str(
        "| period | events | by type | dead (best) | violations |\n|---|---|---|---|---|\n",
    );
    for p in &r.periods {
        let types: Vec<String> = p.by_type.iter().map(|(t, n)| format!("{t} {n}")).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            p.period,
            p.events,
            types.join(", "),
            p.fatalities.best,
            p.violations
        ));
    }
    let list = |out: &mut String, title: &str, events: &[ReportedEvent]| {
        out.push_str(&format!("\n### {title} ({})\n\n", events.len()));
        for e in events {
            out.push_str(&format!(
                "- **{}** {} {} → {} at {}{}{} — {} source(s){}\n",
                e.event_type,
                e.date.as_deref().unwrap_or("undated"),
                e.actors.join("+"),
                e.recipients.join("+"),
                e.place.as_deref().unwrap_or("?"),
                match e.membership {
                    Some(Membership::PossiblyInside { share }) =>
                        format!(" (possibly inside, {:.0}%)", share * 100.0),
                    _ => String::new(),
                },
                e.dead.map(|d| format!(", {d} dead")).unwrap_or_default(),
                e.num_sources,
                e.rule
                    .as_ref()
                    .map(|r| format!(" [{r}]"))
                    .unwrap_or_default(),
            ));
            for ev in e.evidence.iter().take(3) {
                out.push_str(&format!(
                    "  - {}: « {} »\n",
                    ev.doc_id,
                    ev.sentence.replace('\n', " ")
                ));
            }
        }
    };
    list(&mut out, "Violations", &r.violations);
    list(
        &mut out,
        "Statements by guarantors",
        &r.statements_by_guarantors,
    );
    out
}

/// Violations and statements as CSV rows.
pub fn csv(reports: &[ZoneReport]) -> String {
    let mut out = String::from("zone,section,event_id,event_type,date,actors,recipients,place,membership,share,dead,num_sources,rule,sentence\n");
    for r in reports {
        for (section, list) in [
            ("violation", &r.violations),
            ("statement", &r.statements_by_guarantors),
        ] {
            for e in list.iter() {
                let (membership, share) = match e.membership {
                    Some(Membership::Inside) => ("inside", String::new()),
                    Some(Membership::PossiblyInside { share }) => {
                        ("possibly_inside", format!("{share:.2}"))
                    }
                    None => ("", String::new()),
                };
                let row = [
                    r.zone.clone(),
                    section.to_string(),
                    e.id.clone(),
                    e.event_type.clone(),
                    e.date.clone().unwrap_or_default(),
                    e.actors.join(";"),
                    e.recipients.join(";"),
                    e.place.clone().unwrap_or_default(),
                    membership.to_string(),
                    share,
                    e.dead.map(|d| d.to_string()).unwrap_or_default(),
                    e.num_sources.to_string(),
                    e.rule.clone().unwrap_or_default(),
                    e.evidence
                        .first()
                        .map(|x| x.sentence.clone())
                        .unwrap_or_default(),
                ];
                let line: Vec<String> = row.iter().map(|f| vigie_store::csv_field(f)).collect();
                out.push_str(&line.join(","));
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_and_months() {
        let d = crate::zone::day_number(2020, 2, 27);
        assert_eq!(period_key(d, Bucket::Month), "2020-02");
        assert_eq!(period_key(d, Bucket::Week), "2020-W09");
        // 2021-01-01 is in week 53 of 2020.
        assert_eq!(
            period_key(crate::zone::day_number(2021, 1, 1), Bucket::Week),
            "2020-W53"
        );
        assert_eq!(iso_date(crate::zone::day_number(2016, 2, 29)), "2016-02-29");
    }
}
