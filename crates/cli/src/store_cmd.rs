//! `vigie ingest`, `vigie events`, `vigie export`, `vigie stats`: the event database commands.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use vigie_code::{Coder, Options};
use vigie_model::Article;
use vigie_store::{AcledMap, DocRecord, EventFilter, ExportFormat, SortOrder, Store};

/// Documents coded in parallel and committed together. Small enough that an interrupted
/// ingest loses little work, large enough that commits do not dominate.
pub(crate) const BATCH: usize = 256;
/// The first batch: small, so the writer starts while the coders are on the next ones (batches
/// then double up to [`BATCH`]).
const FIRST_BATCH: usize = 16;
/// At most this many articles per write transaction (queued batches are joined up to it).
const MAX_TRANSACTION_DOCS: usize = 2048;

/// Filters shared by `vigie events` and `vigie export`.
#[derive(Args, Debug, Clone)]
pub struct QueryArgs {
    /// The event database.
    #[arg(long, default_value = "vigie.db")]
    pub db: PathBuf,
    /// Events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = parse_from)]
    from: Option<i64>,
    /// Events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = parse_to)]
    to: Option<i64>,
    /// Actor code (RUS, IMGMUSISI) or part of a name; repeat for any of several.
    #[arg(long)]
    actor: Vec<String>,
    /// Recipient code or part of a name; repeat for any of several.
    #[arg(long)]
    recipient: Vec<String>,
    /// PLOVER event type; repeat or separate with commas.
    #[arg(long = "type", value_delimiter = ',')]
    event_type: Vec<String>,
    /// PLOVER quad class (1 verbal cooperation … 4 material conflict).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    quad: Option<u8>,
    /// Country of the event's place (ISO 3166-1 alpha-2).
    #[arg(long)]
    country: Option<String>,
    /// First-level region of the event's place.
    #[arg(long)]
    admin1: Option<String>,
    /// Part of the place's name as written or resolved.
    #[arg(long)]
    place: Option<String>,
    /// Bounding box: min_lon,min_lat,max_lon,max_lat.
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    bbox: Option<[f64; 4]>,
    /// Within a radius: lat,lon,km.
    #[arg(long, value_parser = parse_near, allow_hyphen_values = true)]
    near: Option<(f64, f64, f64)>,
    /// Words that must all appear in one of the event's sentences.
    #[arg(long)]
    text: Option<String>,
    /// At least this many independent sources.
    #[arg(long)]
    min_sources: Option<u64>,
    #[arg(long, value_enum, default_value = "date")]
    sort: SortArg,
    /// Skip this many events (pagination).
    #[arg(long, default_value_t = 0)]
    offset: u64,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SortArg {
    /// Oldest first.
    Date,
    /// Newest first.
    DateDesc,
    /// Most sources first.
    Sources,
    /// Most mentions first.
    Mentions,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum EventsFormat {
    Jsonl,
    Csv,
    Geojson,
    Table,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ExportArg {
    /// Canonical PLOVER events, one JSON object per line.
    Plover,
    /// ACLED-like CSV.
    Acled,
    /// GDELT-like events TSV.
    Gdelt,
    /// GDELT-like mentions TSV (one row per mention).
    GdeltMentions,
    /// GeoJSON FeatureCollection.
    Geojson,
    /// Flat CSV of canonical events.
    Csv,
}

fn parse_date(value: &str, end: bool) -> Result<i64, String> {
    let (lo, hi) = vigie_store::merge::value_days(value.trim())
        .ok_or_else(|| format!("{value:?} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"))?;
    Ok(if end { hi } else { lo })
}

fn parse_from(value: &str) -> Result<i64, String> {
    parse_date(value, false)
}

fn parse_to(value: &str) -> Result<i64, String> {
    parse_date(value, true)
}

fn numbers<const N: usize>(value: &str, what: &str) -> Result<[f64; N], String> {
    let parts: Vec<f64> = value
        .split(',')
        .map(|p| {
            p.trim()
                .parse::<f64>()
                .map_err(|_| format!("{what}: {p:?} is not a number"))
        })
        .collect::<Result<_, _>>()?;
    if parts.iter().any(|v| !v.is_finite()) {
        return Err(format!("{what}: numbers must be finite"));
    }
    parts
        .try_into()
        .map_err(|_| format!("{what}: expected {N} comma-separated numbers"))
}

fn parse_bbox(value: &str) -> Result<[f64; 4], String> {
    numbers::<4>(value, "bbox (min_lon,min_lat,max_lon,max_lat)")
}

fn parse_near(value: &str) -> Result<(f64, f64, f64), String> {
    let [lat, lon, km] = numbers::<3>(value, "near (lat,lon,km)")?;
    Ok((lat, lon, km))
}

impl QueryArgs {
    fn filter(&self, limit: Option<u64>) -> Result<EventFilter> {
        let filter = EventFilter {
            from_day: self.from,
            to_day: self.to,
            actors: self.actor.clone(),
            recipients: self.recipient.clone(),
            event_types: self.event_type.clone(),
            quad_code: self.quad,
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            place: self.place.clone(),
            bbox: self.bbox,
            near: self.near,
            text: self.text.clone(),
            min_sources: self.min_sources,
            sort: match self.sort {
                SortArg::Date => SortOrder::Date,
                SortArg::DateDesc => SortOrder::DateDesc,
                SortArg::Sources => SortOrder::Sources,
                SortArg::Mentions => SortOrder::Mentions,
            },
            limit,
            offset: self.offset,
        };
        if let Err(why) = filter.validate() {
            return Err(UsageError(why).into());
        }
        Ok(filter)
    }
}

/// A bad option value: reported like clap's usage errors (exit status 2), never as SQL.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "usage: {}", self.0)
    }
}

impl std::error::Error for UsageError {}

fn load_acled_map(data: Option<&Path>) -> Result<AcledMap> {
    let path = vigie_lexicon::locate_data_dir(data).join("export/acled_types.tsv");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    AcledMap::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// `vigie events`: query the database.
pub fn events(
    query: &QueryArgs,
    format: EventsFormat,
    limit: u64,
    count: bool,
) -> Result<ExitCode> {
    let filter = query.filter(Some(limit))?;
    let store = Store::open_existing(&query.db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if count {
        writeln!(out, "{}", store.count_events(&filter)?)?;
    } else {
        let format = match format {
            EventsFormat::Jsonl => ExportFormat::Jsonl,
            EventsFormat::Csv => ExportFormat::Csv,
            EventsFormat::Geojson => ExportFormat::Geojson,
            EventsFormat::Table => ExportFormat::Table,
        };
        vigie_store::write_events(&store, &filter, format, &AcledMap::default(), &mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `vigie events show ID` and `vigie events --explain ID`: one event with its evidence.
pub fn show(db: &Path, key: &str, json: bool) -> Result<ExitCode> {
    let store = Store::open_existing(db)?;
    let Some(detail) = store.event_detail(key)? else {
        eprintln!(
            "vigie: no event or mention with id {key:?} in {}",
            db.display()
        );
        return Ok(ExitCode::from(1));
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        serde_json::to_writer_pretty(&mut out, &detail)?;
        writeln!(out)?;
    } else {
        let e = &detail.event;
        let sides = |a: &[vigie_model::ActorRef]| {
            a.iter()
                .map(|a| {
                    format!(
                        "{}{} ({})",
                        a.code,
                        a.sector,
                        a.name.as_deref().unwrap_or(&a.text)
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(
            out,
            "event {}  {}  quad {}",
            e.event.id, e.event.event_type, e.event.quad_code
        )?;
        writeln!(out, "  actor:     {}", sides(&e.event.actor))?;
        writeln!(out, "  recipient: {}", sides(&e.event.recipient))?;
        writeln!(
            out,
            "  date:      {} … {} ({})",
            e.event.date.as_deref().unwrap_or("?"),
            e.event.enddate.as_deref().unwrap_or("?"),
            e.event
                .date_precision
                .map(|p| format!("{p:?}").to_lowercase())
                .unwrap_or_default()
        )?;
        if let Some(l) = &e.event.event_loc {
            writeln!(
                out,
                "  place:     {} ({})",
                l.name.as_deref().unwrap_or(&l.text),
                l.reason
            )?;
        }
        if let Some(d) = e.size_range.dead {
            writeln!(
                out,
                "  dead:      {} (low {}, high {})",
                d.best, d.low, d.high
            )?;
        }
        writeln!(
            out,
            "  {} mention(s) in {} article(s) from {} source(s), first seen {}, last seen {}",
            e.num_mentions,
            e.num_articles,
            e.num_sources,
            e.first_seen.as_deref().unwrap_or("?"),
            e.last_seen.as_deref().unwrap_or("?")
        )?;
        for m in &detail.mention_details {
            writeln!(out)?;
            writeln!(
                out,
                "  mention {} in {} ({}), story {}, rule {}, confidence {:.2}",
                m.id,
                m.doc_id,
                m.pub_date.as_deref().unwrap_or("undated"),
                m.story_id,
                m.rule,
                m.confidence
            )?;
            writeln!(out, "    why merged: {}", m.merge_reason)?;
            writeln!(out, "    « {} »", m.sentence.trim())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `vigie export`: the whole (or filtered) database in an exchange format.
pub fn export(data: Option<&Path>, query: &QueryArgs, format: ExportArg) -> Result<ExitCode> {
    let filter = query.filter(None)?;
    let store = Store::open_existing(&query.db)?;
    let acled = if format == ExportArg::Acled {
        load_acled_map(data)?
    } else {
        AcledMap::default()
    };
    let format = match format {
        ExportArg::Plover => ExportFormat::Jsonl,
        ExportArg::Acled => ExportFormat::Acled,
        ExportArg::Gdelt => ExportFormat::Gdelt,
        ExportArg::GdeltMentions => ExportFormat::GdeltMentions,
        ExportArg::Geojson => ExportFormat::Geojson,
        ExportArg::Csv => ExportFormat::Csv,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    vigie_store::write_events(&store, &filter, format, &acled, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `vigie stats`: what the database holds, as JSON.
pub fn stats(db: &Path, check: bool) -> Result<ExitCode> {
    let store = Store::open_existing(db)?;
    let stats = store.stats()?;
    let mut value = serde_json::to_value(stats)?;
    value["schema_version"] = store.schema_version()?.into();
    let mut status = ExitCode::SUCCESS;
    if check {
        let integrity = store.integrity_check()?;
        if integrity != "ok" {
            status = ExitCode::from(1);
        }
        value["integrity"] = integrity.into();
    }
    println!("{value}");
    Ok(status)
}

/// Codes one article for storage; `None` when the coder failed on it (reported).
fn code_article(coder: &Coder, options: &Options, article: &Article) -> Option<DocRecord> {
    let coded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        coder.code(article, options)
    }));
    match coded {
        Ok(coded) => {
            let lang = coded.lang.map(|l| l.code());
            Some(DocRecord::new(article, lang, coded.events))
        }
        Err(_) => {
            eprintln!(
                "vigie: {}: internal error while coding this article; not stored",
                article.id
            );
            None
        }
    }
}

/// The threads that code articles for `vigie ingest`, scheduled below the writer thread.
///
/// The writer applies documents one at a time, in input order: it is the pipeline's serial
/// stage, and on a machine with as many busy coding threads as cores it would get only its
/// share of a core and fall behind. Coders run at the lowest priority (nice 19) so the writer
/// gets a core whenever it has work and the coders fill the rest. `None` (the global pool)
/// where thread priorities cannot be set.
fn coding_pool() -> Option<rayon::ThreadPool> {
    #[cfg(target_os = "linux")]
    {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("vigie-coder-{i}"))
            .start_handler(|_| {
                // SAFETY: plain system calls on the calling thread's own id; a failure only
                // leaves the thread at normal priority.
                unsafe {
                    let tid = libc::gettid();
                    libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 19);
                }
            })
            .build()
            .ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// `vigie ingest`: code articles in parallel and apply them to the database in input order.
///
/// Reading and coding (rayon) run ahead of the writer thread by at most two batches, so the
/// database writes overlap with the coding of the next batch.
pub fn ingest(
    coder: &Coder,
    options: &Options,
    inputs: &[PathBuf],
    db: &Path,
    mut watch: Option<crate::zones_cmd::Watch>,
) -> Result<ExitCode> {
    let mut store = Store::open(db)?;
    let checkpoints = store.background_checkpoints();
    let progress = std::io::stderr().is_terminal();
    let started = Instant::now();
    let read_failed = std::cell::Cell::new(false);
    let mut coding_failed = false;
    let mut read = 0usize;

    let (total, writer_error) = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<DocRecord>>(2);
        let writer = scope.spawn(move || -> Result<vigie_store::BatchReport> {
            let mut total = vigie_store::BatchReport::default();
            let mut stored = 0usize;
            while let Ok(mut docs) = receive.recv() {
                // Batches that queued up while the last transaction was written join this
                // one: when the database is the bottleneck, commits get fewer and larger.
                while docs.len() < MAX_TRANSACTION_DOCS {
                    match receive.try_recv() {
                        Ok(more) => docs.extend(more),
                        Err(_) => break,
                    }
                }
                // Alerts are for the events this batch created (however many of its
                // articles report them).
                let before = match watch {
                    Some(_) => store.last_mention_id()?,
                    None => 0,
                };
                total.add(store.ingest(&docs)?);
                if let Some(w) = watch.as_mut() {
                    w.check(&store, &store.events_created_since(before)?)?;
                }
                stored += docs.len();
                if progress {
                    let secs = started.elapsed().as_secs_f64().max(1e-9);
                    eprint!(
                        "\rvigie: {stored} articles ingested ({:.0}/s)   ",
                        stored as f64 / secs
                    );
                }
            }
            Ok(total)
        });
        let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
        let mut batch_size = FIRST_BATCH;
        let mut writer_gone = false;
        let pool = coding_pool();
        let send_batch = |batch: &mut Vec<Article>, coding_failed: &mut bool| {
            let code_all = || -> Vec<Option<DocRecord>> {
                batch
                    .par_iter()
                    .map(|a| code_article(coder, options, a))
                    .collect()
            };
            let docs = match &pool {
                Some(pool) => pool.install(code_all),
                None => code_all(),
            };
            *coding_failed |= docs.iter().any(Option::is_none);
            batch.clear();
            // A send fails only when the writer stopped on an error, reported below.
            send.send(docs.into_iter().flatten().collect()).is_err()
        };
        vigie_source::read_inputs(
            inputs,
            &mut |article| {
                if writer_gone {
                    return;
                }
                read += 1;
                batch.push(article);
                if batch.len() >= batch_size {
                    batch_size = (batch_size * 2).min(BATCH);
                    writer_gone = send_batch(&mut batch, &mut coding_failed);
                }
            },
            &mut |err| {
                read_failed.set(true);
                eprintln!("vigie: {err}");
            },
        );
        if !writer_gone && !batch.is_empty() {
            send_batch(&mut batch, &mut coding_failed);
        }
        drop(send);
        match writer.join() {
            Ok(Ok(total)) => (total, None),
            Ok(Err(e)) => (vigie_store::BatchReport::default(), Some(e)),
            Err(_) => (
                vigie_store::BatchReport::default(),
                Some(anyhow::anyhow!("the database writer stopped unexpectedly")),
            ),
        }
    });
    if progress {
        eprint!("\r");
    }
    // The last connection to close folds what is left of the log into the database.
    drop(checkpoints);
    if let Some(e) = writer_error {
        return Err(e);
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "vigie: {read} articles in {secs:.1} s: {} new, {} replaced, {} unchanged, {} aliases of a stored text, {} near-duplicates; {} mentions, {} merged into existing events",
        total.added, total.replaced, total.unchanged, total.aliases, total.near_duplicates, total.mentions, total.merged
    );
    Ok(if coding_failed || read_failed.get() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
