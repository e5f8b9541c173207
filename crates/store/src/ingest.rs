//! Applying coded documents to the store: idempotent document upsert, story clustering and
//! merging each mention into a canonical event.

use crate::merge::{event_days, judge, Profile, Verdict};
use crate::sql::{params, Dialect, Param, Sql};
use crate::{Result, Store, StoreError};
use std::collections::{BTreeSet, HashMap, HashSet};
use vigie_dedup::Signature;
use vigie_model::{Article, Event};

/// One coded event and the sentence it came from.
#[derive(Debug, Clone)]
pub struct MentionRecord {
    pub event: Event,
    pub sentence: String,
    /// `event` as JSON, serialised off the writer thread.
    pub record: String,
}

/// A coded article, ready to store. Built off the writer thread (it hashes and shingles the
/// text), then applied in input order by [`Store::ingest`].
#[derive(Debug, Clone)]
pub struct DocRecord {
    pub id: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub pub_date: Option<String>,
    pub lang: Option<String>,
    pub content_hash: String,
    pub n_chars: usize,
    pub signature: Signature,
    pub mentions: Vec<MentionRecord>,
}

impl DocRecord {
    /// Prepares an article and the events coded from it; `lang` is the language used.
    pub fn new(article: &Article, lang: Option<&str>, events: Vec<Event>) -> DocRecord {
        let text = &article.text;
        // Sentence spans are code-point offsets; map them to bytes once.
        let byte_at: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let slice = |start: usize, end: usize| -> String {
            let s = byte_at.get(start).copied().unwrap_or(text.len());
            let e = byte_at.get(end).copied().unwrap_or(text.len()).max(s);
            text[s..e].to_string()
        };
        let mentions = events
            .into_iter()
            .map(|event| MentionRecord {
                sentence: slice(event.text_info.start, event.text_info.end),
                // Serialising a model struct cannot fail (no maps with non-string keys); an
                // empty record would be reported as corrupt when read back.
                record: serde_json::to_string(&event).unwrap_or_default(),
                event,
            })
            .collect();
        DocRecord {
            id: article.id.clone(),
            url: article.url.clone(),
            source: article.source.clone(),
            title: article.title.clone(),
            pub_date: article.date.map(|d| d.date_string()),
            lang: lang.map(str::to_string).or_else(|| article.lang.clone()),
            content_hash: format!("{:016x}", vigie_model::stable_hash(&[text.as_bytes()])),
            n_chars: byte_at.len() - 1,
            signature: Signature::of_text(text),
            mentions,
        }
    }
}

/// What one [`Store::ingest`] call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// New documents stored.
    pub added: usize,
    /// Documents already stored with the same text: nothing changed.
    pub unchanged: usize,
    /// Documents stored before with another text: old mentions removed, new ones merged.
    pub replaced: usize,
    /// New ids for a text already stored: recorded as aliases, nothing else changed.
    pub aliases: usize,
    /// Documents that joined an existing story cluster.
    pub near_duplicates: usize,
    pub mentions: usize,
    /// Mentions that joined an existing canonical event.
    pub merged: usize,
}

impl BatchReport {
    pub fn add(&mut self, other: BatchReport) {
        self.added += other.added;
        self.unchanged += other.unchanged;
        self.replaced += other.replaced;
        self.aliases += other.aliases;
        self.near_duplicates += other.near_duplicates;
        self.mentions += other.mentions;
        self.merged += other.merged;
    }
}

/// Longest window, in days, of each span class (class 4 is anything longer than a year; its
/// bound is what a decade-long window needs).
const SPAN_CLASS_MAX: [i64; 5] = [1, 7, 31, 366, 3660];

/// The span class of a day window.
pub(crate) fn span_class(lo: i64, hi: i64) -> i64 {
    let width = hi - lo + 1;
    SPAN_CLASS_MAX
        .iter()
        .position(|&max| width <= max)
        .map_or(4, |c| c as i64)
}

/// Events a document changed, to bring up to date once it is applied.
#[derive(Debug, Default)]
struct Touched {
    /// Events that lost mentions (a replaced document): rebuilt from what is left.
    reduced: BTreeSet<i64>,
    /// Events that only gained mentions: their actor rows are already added, the rest is
    /// refreshed from the mentions' columns.
    joined: BTreeSet<i64>,
}

/// Codes of a mention used to preselect candidate events (a mention rarely has more).
const CODE_SLOTS: usize = 8;
/// At most this many candidate events are judged per mention (the most recent first).
const MAX_CANDIDATES: usize = 200;

impl Store {
    /// Applies a batch of documents, in order, in one transaction.
    pub fn ingest(&mut self, docs: &[DocRecord]) -> Result<BatchReport> {
        self.write(|tx| {
            let mut report = BatchReport::default();
            for doc in docs {
                // Events are brought up to date after each document, so the next document is
                // judged against the same state whatever the batch boundaries.
                let mut touched = Touched::default();
                ingest_document(tx, doc, &mut report, &mut touched)?;
                for &event_id in &touched.reduced {
                    recompute_event(tx, event_id)?;
                }
                for &event_id in touched.joined.difference(&touched.reduced) {
                    refresh_joined_event(tx, event_id)?;
                }
            }
            Ok(report)
        })
    }

    /// Rebuilds every event's columns, actor codes and spatial entry from its mentions, as
    /// after a replaced document; returns how many events there are. Ingest keeps events up
    /// to date incrementally; this is the reference it is tested against, and a repair.
    pub fn recompute_events(&mut self) -> Result<usize> {
        self.write(|tx| {
            let ids: Vec<i64> = tx.rows("SELECT id FROM events ORDER BY id", &[], |r| r.get(0))?;
            for &id in &ids {
                recompute_event(tx, id)?;
            }
            Ok(ids.len())
        })
    }
}

fn ingest_document(
    tx: &dyn Sql,
    doc: &DocRecord,
    report: &mut BatchReport,
    touched: &mut Touched,
) -> Result<()> {
    let stored_hash: Option<String> = tx.first(
        "SELECT content_hash FROM documents WHERE id = ?1",
        params![&doc.id],
        |r| r.get(0),
    )?;
    match stored_hash {
        Some(hash) if hash == doc.content_hash => {
            report.unchanged += 1;
            return Ok(());
        }
        Some(_) => {
            remove_document(tx, &doc.id, &mut touched.reduced)?;
            report.replaced += 1;
        }
        None => {
            let alias_of: Option<String> = tx.first(
                "SELECT same_as FROM document_aliases WHERE id = ?1",
                params![&doc.id],
                |r| r.get(0),
            )?;
            let same_text: Option<String> = tx.first(
                "SELECT id FROM documents WHERE content_hash = ?1 LIMIT 1",
                params![&doc.content_hash],
                |r| r.get(0),
            )?;
            match (alias_of, same_text) {
                (Some(a), Some(s)) if a == s => {
                    report.unchanged += 1;
                    return Ok(());
                }
                (_, Some(same_as)) => {
                    tx.execute(
                        "DELETE FROM document_aliases WHERE id = ?1",
                        params![&doc.id],
                    )?;
                    tx.execute(
                        "INSERT INTO document_aliases (id, same_as, url, source) \
                         VALUES (?1, ?2, ?3, ?4)",
                        params![&doc.id, same_as, doc.url.as_deref(), doc.source.as_deref()],
                    )?;
                    report.aliases += 1;
                    return Ok(());
                }
                (Some(_), None) => {
                    // The text it was an alias of has changed since; store it in its own right.
                    tx.execute(
                        "DELETE FROM document_aliases WHERE id = ?1",
                        params![&doc.id],
                    )?;
                    report.added += 1;
                }
                (None, None) => report.added += 1,
            }
        }
    }

    let StoryMatch {
        story,
        similarity,
        absorbed,
        full_bands,
    } = find_story(tx, doc)?;
    let story_id = match story {
        Some(id) => {
            report.near_duplicates += 1;
            // Near-duplicate of articles in several stories: they are one story.
            for other in absorbed {
                tx.execute(
                    "UPDATE documents SET story_id = ?1 WHERE story_id = ?2",
                    params![id, other],
                )?;
                tx.execute("DELETE FROM stories WHERE id = ?1", params![other])?;
            }
            id
        }
        None => tx.insert(
            "INSERT INTO stories (first_doc) VALUES (?1)",
            params![&doc.id],
        )?,
    };
    tx.execute(
        "INSERT INTO documents (id, url, source, title, pub_date, lang, content_hash, n_chars, \
         story_id, story_similarity, signature) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            &doc.id,
            doc.url.as_deref(),
            doc.source.as_deref(),
            doc.title.as_deref(),
            doc.pub_date.as_deref(),
            doc.lang.as_deref(),
            &doc.content_hash,
            doc.n_chars as i64,
            story_id,
            similarity,
            doc.signature.to_bytes(),
        ],
    )?;
    if doc.signature.is_comparable() {
        // All bands in one statement: one parse, bind and step instead of one per band.
        static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let sql = SQL.get_or_init(|| {
            let rows: Vec<String> = (0..vigie_dedup::BANDS)
                .map(|i| format!("(?{}, ?1)", i + 2))
                .collect();
            format!(
                "INSERT OR IGNORE INTO lsh_bands (band_key, doc_id) VALUES {}",
                rows.join(", ")
            )
        });
        // Full buckets are left out; their slots repeat a kept key (the statement keeps its
        // fixed shape and `OR IGNORE` drops the repeats).
        let keys: Vec<i64> = doc
            .signature
            .band_keys()
            .into_iter()
            .filter(|k| !full_bands.contains(k))
            .collect();
        if let Some(&filler) = keys.first() {
            let mut values = Vec::with_capacity(vigie_dedup::BANDS + 1);
            values.push(Param::from(&doc.id));
            values.extend(keys.iter().copied().map(Param::Int));
            values.resize(vigie_dedup::BANDS + 1, Param::Int(filler));
            tx.execute(sql, &values)?;
        }
    }

    // Events already reported by other articles of this story.
    let story_events: HashSet<i64> = if similarity.is_some() && !doc.mentions.is_empty() {
        tx.rows(
            "SELECT DISTINCT m.event_id FROM mentions m JOIN documents d ON d.id = m.doc_id \
             WHERE d.story_id = ?1 AND d.id <> ?2",
            params![story_id, &doc.id],
            |r| r.get(0),
        )?
        .into_iter()
        .collect()
    } else {
        HashSet::new()
    };
    let mut seen_keys = HashSet::new();
    for mention in &doc.mentions {
        if !seen_keys.insert(mention.event.id.as_str()) {
            continue;
        }
        merge_mention(tx, doc, mention, &story_events, report, touched)?;
        report.mentions += 1;
    }
    Ok(())
}

/// What a new document's near-duplicates say about its story.
struct StoryMatch {
    /// The story to join: the oldest of the matching stories.
    story: Option<i64>,
    /// Similarity to the closest near-duplicate.
    similarity: Option<f64>,
    /// Other matching stories: the new document bridges them, so they become one.
    absorbed: Vec<i64>,
    /// LSH buckets already holding [`BUCKET_LIMIT`] documents: the new one is not added.
    full_bands: Vec<i64>,
}

/// Most documents an LSH bucket holds. A bucket this full is boilerplate shared by many
/// articles; more members would only make every lookup of it longer.
const BUCKET_LIMIT: usize = 32;

/// The stories of the stored documents this one is a near-duplicate of.
fn find_story(tx: &dyn Sql, doc: &DocRecord) -> Result<StoryMatch> {
    let mut found = StoryMatch {
        story: None,
        similarity: None,
        absorbed: Vec::new(),
        full_bands: Vec::new(),
    };
    if !doc.signature.is_comparable() {
        return Ok(found);
    }
    let mut candidates: Vec<String> = Vec::new();
    {
        // All bands in one statement. A band shared by very many articles is boilerplate, not
        // evidence: buckets stop growing at BUCKET_LIMIT (see `ingest_document`), and at most
        // that many members of a bucket are looked at (a store written before the limit may
        // hold more), so one hot bucket cannot make ingest quadratic.
        static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let sql = SQL.get_or_init(|| {
            let slots: Vec<String> = (1..=vigie_dedup::BANDS).map(|i| format!("?{i}")).collect();
            format!(
                "SELECT band_key, doc_id FROM lsh_bands WHERE band_key IN ({})",
                slots.join(", ")
            )
        });
        let keys: Vec<Param> = doc
            .signature
            .band_keys()
            .into_iter()
            .map(Param::Int)
            .collect();
        let mut members: HashMap<i64, usize> = HashMap::new();
        tx.for_each_row(sql, &keys, &mut |row| {
            let band: i64 = row.get(0)?;
            let seen = members.entry(band).or_default();
            *seen += 1;
            if *seen > BUCKET_LIMIT {
                return Ok(());
            }
            let id: String = row.get(1)?;
            if id != doc.id && !candidates.contains(&id) {
                candidates.push(id);
            }
            Ok(())
        })?;
        found.full_bands = members
            .into_iter()
            .filter(|&(_, n)| n >= BUCKET_LIMIT)
            .map(|(band, _)| band)
            .collect();
    }
    let mut stories: BTreeSet<i64> = BTreeSet::new();
    for id in candidates {
        let stored = tx.first(
            "SELECT signature, story_id FROM documents WHERE id = ?1",
            params![&id],
            |r| Ok((r.get::<Vec<u8>>(0)?, r.get::<i64>(1)?)),
        )?;
        let (bytes, story) = stored.ok_or_else(|| {
            StoreError::Corrupt(format!("near-duplicate key of missing document {id}"))
        })?;
        let signature = Signature::from_bytes(&bytes)
            .ok_or_else(|| StoreError::Corrupt(format!("signature of document {id}")))?;
        if doc.signature.is_duplicate_of(&signature) {
            let sim = doc.signature.similarity(&signature);
            found.similarity = Some(found.similarity.map_or(sim, |s: f64| s.max(sim)));
            stories.insert(story);
        }
    }
    let mut stories = stories.into_iter();
    found.story = stories.next();
    found.absorbed = stories.collect();
    Ok(found)
}

/// Country or group codes on one side of an event (the sector is left out: « Moscou » and
/// « la Russie » are both RUS).
fn side_codes(event: &Event) -> (BTreeSet<String>, BTreeSet<String>) {
    let codes = |actors: &[vigie_model::ActorRef]| {
        actors
            .iter()
            .filter(|a| !a.code.is_empty())
            .map(|a| a.code.clone())
            .collect()
    };
    (codes(&event.actor), codes(&event.recipient))
}

pub(crate) fn profile_of(event: &Event) -> Profile {
    let (actors, recipients) = side_codes(event);
    let loc = event.event_loc.as_ref();
    Profile {
        event_type: event.event_type.as_str().to_string(),
        negated: event.negated,
        actors,
        recipients,
        days: event_days(event.date.as_deref(), event.enddate.as_deref()),
        point: loc.and_then(|l| Some((l.lat?, l.lon?))),
        loc_precision: loc.and_then(|l| l.precision.clone()),
        country: loc.and_then(|l| l.country_code.clone()),
        admin1: loc.and_then(|l| l.admin1.clone()),
    }
}

fn merge_mention(
    tx: &dyn Sql,
    doc: &DocRecord,
    mention: &MentionRecord,
    story_events: &HashSet<i64>,
    report: &mut BatchReport,
    touched: &mut Touched,
) -> Result<()> {
    let profile = profile_of(&mention.event);
    let mut best: Option<(Verdict, i64)> = None;
    for (event_id, candidate) in candidates(tx, &profile, &doc.id, story_events)? {
        let same_story = story_events.contains(&event_id);
        if let Some(verdict) = judge(&profile, &candidate, same_story) {
            let better = best.as_ref().is_none_or(|(b, _)| verdict.rank() > b.rank());
            if better {
                best = Some((verdict, event_id));
            }
        }
    }
    let created = best.is_none();
    let (event_id, reason) = match best {
        Some((verdict, event_id)) => {
            report.merged += 1;
            (event_id, verdict.reason)
        }
        None => (
            create_event(tx, &mention.event, doc)?,
            "first report of this event".to_string(),
        ),
    };
    let record = &mention.record;
    let e = &mention.event;
    let size = |v: Option<u64>| v.map(|x| x as i64);
    let mention_id = tx.insert(
        "INSERT INTO mentions (key, event_id, doc_id, sentence_index, sentence_start, \
         sentence_end, sentence, rule, confidence, merge_reason, record, dead, injured, \
         arrested) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            &e.id,
            event_id,
            &doc.id,
            e.text_info.sentence as i64,
            e.text_info.start as i64,
            e.text_info.end as i64,
            &mention.sentence,
            &e.rule,
            f64::from(e.confidence),
            reason,
            record,
            size(e.size.dead),
            size(e.size.injured),
            size(e.size.arrested),
        ],
    )?;
    // SQLite's index folds accents itself; PostgreSQL's ('simple') is given folded text.
    let searchable = match tx.dialect() {
        Dialect::Sqlite => Param::from(&mention.sentence),
        Dialect::Postgres => Param::from(crate::query::fold_accents(&mention.sentence)),
    };
    tx.execute(
        "INSERT INTO sentence_fts (rowid, sentence) VALUES (?1, ?2)",
        &[Param::Int(mention_id), searchable],
    )?;
    if created {
        // Its columns were written whole at creation; only the representative was unknown.
        index_actors(tx, event_id, &mention.event)?;
        tx.execute(
            "UPDATE events SET representative = ?2 WHERE id = ?1",
            params![event_id, mention_id],
        )?;
        add_to_rtree(tx, event_id, &mention.event)?;
    } else {
        // The event's actor rows are the union over its mentions: add this one's now. Its
        // other columns are refreshed once the document is applied.
        index_actors(tx, event_id, &mention.event)?;
        touched.joined.insert(event_id);
    }
    Ok(())
}

/// Events that could be the one `profile` reports: same type, a window that can overlap,
/// and no mention yet from this document (one article's coder output is already one event per
/// report). Without a date, only events of the same story are considered.
fn candidates(
    tx: &dyn Sql,
    profile: &Profile,
    doc_id: &str,
    story_events: &HashSet<i64>,
) -> Result<Vec<(i64, Profile)>> {
    let mut found = Vec::new();
    let map_row = |r: &dyn crate::sql::Row| -> Result<(i64, Profile)> {
        let lo: Option<i64> = r.get(2)?;
        let hi: Option<i64> = r.get(3)?;
        let lat: Option<f64> = r.get(4)?;
        let lon: Option<f64> = r.get(5)?;
        Ok((
            r.get(0)?,
            Profile {
                event_type: profile.event_type.clone(),
                negated: r.get(1)?,
                days: lo.zip(hi),
                point: lat.zip(lon),
                loc_precision: r.get(6)?,
                country: r.get(7)?,
                admin1: r.get(8)?,
                ..Profile::default()
            },
        ))
    };
    const COLUMNS: &str =
        "e.id, e.negated, e.day_lo, e.day_hi, e.lat, e.lon, e.loc_precision, e.country_code, e.admin1";
    const NOT_FROM_DOC: &str =
        "NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.doc_id = ?";
    // Only events sharing a code with the mention, or of the same story, can pass `judge`.
    // Code sharers are searched here; undated reports and reports naming no code are only
    // matched within their story (added below).
    let codes: Vec<&String> = profile.actors.iter().chain(&profile.recipients).collect();
    if let (Some((lo, hi)), false) = (profile.days, codes.is_empty()) {
        // The codes go in a fixed number of placeholders (padded by repetition) so the
        // statement is compiled once.
        let mut padded: Vec<&str> = codes.iter().take(CODE_SLOTS).map(|c| c.as_str()).collect();
        let filler = padded[0];
        padded.resize(CODE_SLOTS, filler);
        // One tight day_lo range per width class: an event of class c starts at most
        // SPAN_CLASS_MAX[c] days before the mention's window.
        let slack = crate::merge::DATE_SLACK_DAYS;
        static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let sql = SQL.get_or_init(|| {
            // A compound of plain index range scans: no temporary table per call.
            let branches: Vec<String> = SPAN_CLASS_MAX
                .iter()
                .enumerate()
                .map(|(class, max)| {
                    // The widest class has no lower bound: a decade-long window may start
                    // any time before.
                    let lower = if class + 1 == SPAN_CLASS_MAX.len() {
                        String::new()
                    } else {
                        format!("AND e.day_lo >= ?2 - {} ", max + slack)
                    };
                    // Each class keeps its most recent candidates, so a busy class cannot
                    // crowd out the others. Ties on the day go newest first: the index's own
                    // order read backwards, so no sort is needed.
                    format!(
                        "SELECT * FROM (SELECT {COLUMNS} FROM events e WHERE e.event_type = ?1 \
                         AND e.span_class = {class} {lower}AND e.day_lo <= ?3 \
                         AND e.day_hi >= ?4 AND {NOT_FROM_DOC}5) \
                         AND EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id \
                              AND a.role IN ('actor', 'recipient') \
                              AND a.code IN (?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)) \
                         ORDER BY e.day_lo DESC, e.id DESC LIMIT {MAX_CANDIDATES}) AS class{class}"
                    )
                })
                .collect();
            branches.join(" UNION ALL ")
        });
        found = tx.rows(
            sql,
            params![
                &profile.event_type,
                lo,
                hi + slack,
                lo - slack,
                doc_id,
                padded[0],
                padded[1],
                padded[2],
                padded[3],
                padded[4],
                padded[5],
                padded[6],
                padded[7],
            ],
            map_row,
        )?;
        // Most recent first, then oldest event: the order `judge` ties are broken in.
        found.sort_by_key(|(id, p)| (std::cmp::Reverse(p.days.map(|d| d.0)), *id));
        found.truncate(MAX_CANDIDATES);
    }
    // Events of the same story may share no code with the mention (one report names the
    // army, the copy only "the troops").
    let mut story: Vec<i64> = story_events.iter().copied().collect();
    story.sort_unstable();
    for event_id in story {
        if found.len() >= MAX_CANDIDATES {
            break;
        }
        if found.iter().any(|(id, _)| *id == event_id) {
            continue;
        }
        if let Some(row) = tx.first(
            concat!(
                "SELECT e.id, e.negated, e.day_lo, e.day_hi, e.lat, e.lon, e.loc_precision, ",
                "e.country_code, e.admin1 FROM events e WHERE e.id = ?2 AND e.event_type = ?1 ",
                "AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.doc_id = ?3)"
            ),
            params![&profile.event_type, event_id, doc_id],
            map_row,
        )? {
            found.push(row);
        }
    }
    for (event_id, p) in &mut found {
        tx.for_each_row(
            "SELECT role, code FROM event_actors WHERE event_id = ?1 \
             AND role IN ('actor', 'recipient')",
            params![*event_id],
            &mut |row| {
                let role: String = row.get(0)?;
                let code: String = row.get(1)?;
                match role.as_str() {
                    "actor" => p.actors.insert(code),
                    "recipient" => p.recipients.insert(code),
                    _ => false,
                };
                Ok(())
            },
        )?;
    }
    Ok(found)
}

/// Records an event mention's actor and recipient codes (roles `actor`, `recipient`) and their
/// names and texts in lower case (roles `actor_name`, `recipient_name`) for filtering.
fn index_actors(tx: &dyn Sql, event_id: i64, event: &Event) -> Result<()> {
    const ADD: &str =
        "INSERT OR IGNORE INTO event_actors (event_id, role, code) VALUES (?1, ?2, ?3)";
    // Distinct rows only: a name and its text often coincide, and each insert is a lookup.
    let mut rows: BTreeSet<(&str, String)> = BTreeSet::new();
    for (role, name_role, actors) in [
        ("actor", "actor_name", &event.actor),
        ("recipient", "recipient_name", &event.recipient),
    ] {
        for a in actors {
            if !a.code.is_empty() {
                rows.insert((role, a.code.clone()));
            }
            for name in a.name.iter().chain(std::iter::once(&a.text)) {
                if !name.is_empty() {
                    rows.insert((name_role, name.to_lowercase()));
                }
            }
        }
    }
    for (role, code) in rows {
        tx.execute(ADD, params![event_id, role, code])?;
    }
    Ok(())
}

/// Inserts the canonical event a mention founds, its columns written once from that mention
/// (keyed by the mention's id, made unique if an event kept that key after its founding
/// mention was replaced).
fn create_event(tx: &dyn Sql, event: &Event, doc: &DocRecord) -> Result<i64> {
    let mut key = event.id.clone();
    let mut n = 1;
    loop {
        let taken: bool = tx.value(
            "SELECT EXISTS (SELECT 1 FROM events WHERE key = ?1)",
            params![&key],
        )?;
        if !taken {
            break;
        }
        n += 1;
        key = format!("{}~{n}", event.id);
    }
    let days = event_days(event.date.as_deref(), event.enddate.as_deref());
    let loc = event.event_loc.as_ref();
    let precision = event
        .date_precision
        .map(|p| format!("{p:?}").to_lowercase());
    let size = |v: Option<u64>| v.map(|x| x as i64);
    let mut values = params![
        key,
        event.event_type.as_str(),
        event.quad_code,
        event.negated,
        event.date.as_deref(),
        event.enddate.as_deref(),
        precision,
        days.map(|d| d.0),
        days.map(|d| d.1),
        days.map(|d| span_class(d.0, d.1)),
    ]
    .to_vec();
    values.extend(place_params(loc));
    values.extend_from_slice(params![
        size(event.size.dead),
        size(event.size.injured),
        size(event.size.arrested),
        doc.pub_date.as_deref(),
    ]);
    tx.insert(
        "INSERT INTO events (key, event_type, quad_code, negated, date, enddate, date_precision, \
         day_lo, day_hi, span_class, place, place_name, geonameid, lat, lon, country_code, \
         admin1, loc_precision, dead_low, dead_best, dead_high, injured_low, injured_best, \
         injured_high, arrested_low, arrested_best, arrested_high, num_mentions, num_articles, \
         num_sources, first_seen, last_seen) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19, ?19, ?19, ?20, ?20, ?20, ?21, ?21, ?21, 1, 1, 1, ?22, ?22)",
        &values,
    )
}

/// Removes a document, its mentions and its near-duplicate keys; the events it fed are
/// recomputed (and dropped when no mention is left).
fn remove_document(tx: &dyn Sql, doc_id: &str, touched: &mut BTreeSet<i64>) -> Result<()> {
    // Its LSH keys, recomputed from its stored signature (there is no index by document).
    let signature: Option<Vec<u8>> = tx.first(
        "SELECT signature FROM documents WHERE id = ?1",
        params![doc_id],
        |r| r.get(0),
    )?;
    if let Some(signature) = signature.as_deref().and_then(Signature::from_bytes) {
        if signature.is_comparable() {
            for key in signature.band_keys() {
                tx.execute(
                    "DELETE FROM lsh_bands WHERE band_key = ?1 AND doc_id = ?2",
                    params![key, doc_id],
                )?;
            }
        }
    }
    let rows: Vec<(i64, i64)> = tx.rows(
        "SELECT id, event_id FROM mentions WHERE doc_id = ?1",
        params![doc_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    for (mention_id, event_id) in rows {
        tx.execute(
            "DELETE FROM sentence_fts WHERE rowid = ?1",
            params![mention_id],
        )?;
        touched.insert(event_id);
    }
    for sql in [
        "DELETE FROM mentions WHERE doc_id = ?1",
        "DELETE FROM document_aliases WHERE same_as = ?1",
        "DELETE FROM documents WHERE id = ?1",
    ] {
        tx.execute(sql, params![doc_id])?;
    }
    Ok(())
}

/// Low, best and high of the values reported for one quantity: the smallest, the lower median
/// and the largest — never a sum, since each report counts the same dead.
pub(crate) fn fuse(mut values: Vec<u64>) -> Option<(u64, u64, u64)> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let best = values[(values.len() - 1) / 2];
    Some((values[0], best, values[values.len() - 1]))
}

/// What an event's columns say about all its mentions: how many, from how many articles and
/// sources, when first and last published, and the sizes they report, fused.
struct Aggregates {
    mentions: i64,
    articles: i64,
    sources: i64,
    first_seen: Option<String>,
    last_seen: Option<String>,
    dead: Option<(u64, u64, u64)>,
    injured: Option<(u64, u64, u64)>,
    arrested: Option<(u64, u64, u64)>,
}

/// The aggregates of an event's mentions, from their columns (no record is parsed); `None`
/// when it has no mention left.
fn aggregates(tx: &dyn Sql, event_id: i64) -> Result<Option<Aggregates>> {
    let mut docs: BTreeSet<String> = BTreeSet::new();
    let mut sources: BTreeSet<String> = BTreeSet::new();
    let (mut first_seen, mut last_seen): (Option<String>, Option<String>) = (None, None);
    let mut sizes: [Vec<u64>; 3] = Default::default();
    let mut mentions = 0;
    tx.for_each_row(
        "SELECT m.doc_id, COALESCE(NULLIF(d.source, ''), d.id), d.pub_date, m.dead, \
         m.injured, m.arrested FROM mentions m JOIN documents d ON d.id = m.doc_id \
         WHERE m.event_id = ?1",
        params![event_id],
        &mut |r| {
            mentions += 1;
            docs.insert(r.get(0)?);
            sources.insert(r.get(1)?);
            if let Some(date) = r.get::<Option<String>>(2)? {
                if first_seen.as_ref().is_none_or(|f| date < *f) {
                    first_seen = Some(date.clone());
                }
                if last_seen.as_ref().is_none_or(|l| date > *l) {
                    last_seen = Some(date);
                }
            }
            for (i, values) in sizes.iter_mut().enumerate() {
                if let Some(v) = r.get::<Option<i64>>(3 + i)? {
                    values.push(v.max(0) as u64);
                }
            }
            Ok(())
        },
    )?;
    if mentions == 0 {
        return Ok(None);
    }
    let [dead, injured, arrested] = sizes.map(fuse);
    Ok(Some(Aggregates {
        mentions,
        articles: docs.len() as i64,
        sources: sources.len() as i64,
        first_seen,
        last_seen,
        dead,
        injured,
        arrested,
    }))
}

/// The most confident mention of an event (the oldest among equals): its representative.
fn representative_of(tx: &dyn Sql, event_id: i64) -> Result<Option<i64>> {
    tx.first(
        "SELECT id FROM mentions WHERE event_id = ?1 ORDER BY confidence DESC, id LIMIT 1",
        params![event_id],
        |r| r.get(0),
    )
}

fn parse_record(mention_id: i64, record: &str) -> Result<Event> {
    serde_json::from_str(record)
        .map_err(|e| StoreError::Corrupt(format!("mention {mention_id}: {e}")))
}

/// Brings an event's columns, actor codes and spatial entry in line with its mentions (read
/// back from the database), or deletes it when none is left. Used after mentions were
/// removed, when the union of actor codes may shrink.
pub(crate) fn recompute_event(tx: &dyn Sql, event_id: i64) -> Result<()> {
    tx.execute("DELETE FROM events_rtree WHERE id = ?1", params![event_id])?;
    tx.execute(
        "DELETE FROM event_actors WHERE event_id = ?1",
        params![event_id],
    )?;
    let (Some(aggregates), Some(rep_id)) =
        (aggregates(tx, event_id)?, representative_of(tx, event_id)?)
    else {
        tx.execute("DELETE FROM events WHERE id = ?1", params![event_id])?;
        return Ok(());
    };
    let records: Vec<(i64, String)> = tx.rows(
        "SELECT id, record FROM mentions WHERE event_id = ?1",
        params![event_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut representative = None;
    for (id, record) in records {
        let event = parse_record(id, &record)?;
        index_actors(tx, event_id, &event)?;
        if id == rep_id {
            representative = Some(event);
        }
    }
    let representative = representative
        .ok_or_else(|| StoreError::Corrupt(format!("representative of event {event_id}")))?;
    write_event_columns(tx, event_id, rep_id, &representative, &aggregates)?;
    add_to_rtree(tx, event_id, &representative)
}

/// Brings an event that only gained mentions up to date: its counts and fused sizes always,
/// its date, place and spatial entry only when a new mention became its representative.
/// Gives the same columns as [`recompute_event`] (a test compares them) without parsing
/// the records of its other mentions.
fn refresh_joined_event(tx: &dyn Sql, event_id: i64) -> Result<()> {
    let (Some(aggregates), Some(rep_id)) =
        (aggregates(tx, event_id)?, representative_of(tx, event_id)?)
    else {
        return Err(StoreError::Corrupt(format!(
            "event {event_id} has no mention after one joined it"
        )));
    };
    let current: Option<i64> = tx.value(
        "SELECT representative FROM events WHERE id = ?1",
        params![event_id],
    )?;
    if current == Some(rep_id) {
        return write_aggregates(tx, event_id, &aggregates);
    }
    let record: String = tx.value("SELECT record FROM mentions WHERE id = ?1", params![rep_id])?;
    let representative = parse_record(rep_id, &record)?;
    write_event_columns(tx, event_id, rep_id, &representative, &aggregates)?;
    tx.execute("DELETE FROM events_rtree WHERE id = ?1", params![event_id])?;
    add_to_rtree(tx, event_id, &representative)
}

/// The count, date and size columns shared by [`write_event_columns`], as parameters ?2 to
/// ?15 of [`write_aggregates`]'s statement.
fn aggregate_params(a: &Aggregates) -> Vec<Param<'_>> {
    let low = |s: Option<(u64, u64, u64)>| s.map(|d| d.0 as i64);
    let best = |s: Option<(u64, u64, u64)>| s.map(|d| d.1 as i64);
    let high = |s: Option<(u64, u64, u64)>| s.map(|d| d.2 as i64);
    params![
        low(a.dead),
        best(a.dead),
        high(a.dead),
        low(a.injured),
        best(a.injured),
        high(a.injured),
        low(a.arrested),
        best(a.arrested),
        high(a.arrested),
        a.mentions,
        a.articles,
        a.sources,
        a.first_seen.as_deref(),
        a.last_seen.as_deref(),
    ]
    .to_vec()
}

fn write_aggregates(tx: &dyn Sql, event_id: i64, a: &Aggregates) -> Result<()> {
    let mut values = vec![Param::Int(event_id)];
    values.extend(aggregate_params(a));
    tx.execute(
        "UPDATE events SET dead_low = ?2, dead_best = ?3, dead_high = ?4, \
         injured_low = ?5, injured_best = ?6, injured_high = ?7, \
         arrested_low = ?8, arrested_best = ?9, arrested_high = ?10, \
         num_mentions = ?11, num_articles = ?12, num_sources = ?13, first_seen = ?14, \
         last_seen = ?15 WHERE id = ?1",
        &values,
    )?;
    Ok(())
}

fn add_to_rtree(tx: &dyn Sql, event_id: i64, representative: &Event) -> Result<()> {
    let loc = representative.event_loc.as_ref();
    if let (Some(lat), Some(lon)) = (loc.and_then(|l| l.lat), loc.and_then(|l| l.lon)) {
        tx.execute(
            "INSERT INTO events_rtree (id, min_lon, max_lon, min_lat, max_lat) \
             VALUES (?1, ?2, ?2, ?3, ?3)",
            params![event_id, lon, lat],
        )?;
    }
    Ok(())
}

/// The place columns of an event, in the order both statements list them: place,
/// place_name, geonameid, lat, lon, country_code, admin1, loc_precision.
fn place_params(loc: Option<&vigie_model::EventLoc>) -> [Param<'_>; 8] {
    [
        Param::from(loc.map(|l| l.text.as_str())),
        Param::from(loc.and_then(|l| l.name.as_deref())),
        Param::from(loc.and_then(|l| l.geonameid.map(|g| g as i64))),
        Param::from(loc.and_then(|l| l.lat)),
        Param::from(loc.and_then(|l| l.lon)),
        Param::from(loc.and_then(|l| l.country_code.as_deref())),
        Param::from(loc.and_then(|l| l.admin1.as_deref())),
        Param::from(loc.and_then(|l| l.precision.as_deref())),
    ]
}

/// Sets all of an event's columns: date and place from its representative mention, the
/// rest from the aggregates of all its mentions.
fn write_event_columns(
    tx: &dyn Sql,
    event_id: i64,
    rep_id: i64,
    rep: &Event,
    aggregates: &Aggregates,
) -> Result<()> {
    let days = event_days(rep.date.as_deref(), rep.enddate.as_deref());
    let loc = rep.event_loc.as_ref();
    let precision = rep.date_precision.map(|p| format!("{p:?}").to_lowercase());
    let mut values = params![
        event_id,
        rep.date.as_deref(),
        rep.enddate.as_deref(),
        precision,
        days.map(|d| d.0),
        days.map(|d| d.1),
    ]
    .to_vec();
    values.extend(place_params(loc));
    values.extend(aggregate_params(aggregates));
    values.extend_from_slice(params![rep_id, days.map(|d| span_class(d.0, d.1))]);
    tx.execute(
        "UPDATE events SET date = ?2, enddate = ?3, date_precision = ?4, day_lo = ?5, \
         day_hi = ?6, place = ?7, place_name = ?8, geonameid = ?9, lat = ?10, lon = ?11, \
         country_code = ?12, admin1 = ?13, loc_precision = ?14, \
         dead_low = ?15, dead_best = ?16, dead_high = ?17, \
         injured_low = ?18, injured_best = ?19, injured_high = ?20, \
         arrested_low = ?21, arrested_best = ?22, arrested_high = ?23, \
         num_mentions = ?24, num_articles = ?25, num_sources = ?26, first_seen = ?27, \
         last_seen = ?28, representative = ?29, span_class = ?30 WHERE id = ?1",
        &values,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{fuse, BUCKET_LIMIT};
    use crate::{DocRecord, Store};

    /// Fifty copies of one dispatch, each with its own last line: one story, and no LSH
    /// bucket holds more than the limit however many copies arrive.
    #[test]
    fn lsh_buckets_stop_growing_at_their_limit() {
        let body: String = (0..120)
            .map(|i| format!("mot{i} phrase{} ", i % 7))
            .collect::<String>();
        let docs: Vec<DocRecord> = (0..50)
            .map(|i| {
                let article = vigie_model::Article {
                    id: format!("copy-{i}"),
                    text: format!("{body}\nSignature numéro {i} de la rédaction."),
                    date: None,
                    title: None,
                    url: None,
                    source: None,
                    lang: Some("fr".into()),
                    spans: Vec::new(),
                };
                DocRecord::new(&article, Some("fr"), Vec::new())
            })
            .collect();
        let mut store = Store::in_memory().expect("store");
        store.ingest(&docs).expect("ingest");
        assert_eq!(store.story_clusters().expect("clusters").len(), 1);
        let largest: i64 = store
            .sql()
            .value(
                "SELECT max(n) FROM (SELECT count(*) AS n FROM lsh_bands GROUP BY band_key) AS b",
                &[],
            )
            .expect("bucket sizes");
        assert_eq!(largest, BUCKET_LIMIT as i64);
    }

    #[test]
    fn fused_sizes_never_add_up_reports() {
        assert_eq!(fuse(vec![]), None);
        assert_eq!(fuse(vec![14]), Some((14, 14, 14)));
        assert_eq!(fuse(vec![14, 14, 16]), Some((14, 14, 16)));
        assert_eq!(fuse(vec![33, 12]), Some((12, 12, 33)));
    }
}
