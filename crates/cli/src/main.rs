//! `vigie`: the thin binary that wires sources → text → lexicon → coder → sinks.

mod bench;
mod bench_store;
mod eval;
mod eval_timebank;
mod output;
mod places;
mod store_cmd;
mod zones_cmd;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use vigie_code::{Coder, LangChoice, Options};
use vigie_lexicon::Lexicon;
use vigie_model::Article;
use vigie_text::Lang;

#[derive(Parser)]
#[command(
    name = "vigie",
    version,
    about = "Political and conflict events from French and English news, with their evidence."
)]
struct Cli {
    /// Data directory (lexicons); default: $VIGIE_DATA, ./data, or the one beside the sources.
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Jsonl,
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum LangArg {
    Auto,
    Fr,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Code events from articles (JSONL, .txt, directories, .gz, - for stdin) as JSONL or CSV.
    Extract {
        inputs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: Format,
        #[arg(long, value_enum, default_value = "auto")]
        lang: LangArg,
        /// Add an `explain` field tracing why each event was coded.
        #[arg(long)]
        explain: bool,
        /// Drop events whose confidence is below this value (0 to 1).
        #[arg(long, default_value_t = 0.0)]
        min_confidence: f32,
        /// Leave event places unresolved (no gazetteer load).
        #[arg(long)]
        no_places: bool,
    },
    /// Find and normalise TIMEX3 temporal expressions (same inputs as `extract`) as JSONL.
    Timex {
        inputs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "auto")]
        lang: LangArg,
    },
    /// Place names as JSONL, resolved to GeoNames; with `--spans`, resolve the spans each
    /// JSONL record gives (`"spans": [{"start", "end"}]`).
    Places {
        inputs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "auto")]
        lang: LangArg,
        #[arg(long)]
        spans: bool,
    },
    /// Run the main job on the bundled example articles.
    Demo {
        #[arg(long)]
        explain: bool,
    },
    /// Score the coder against gold data.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Code articles and store them in the event database: near-duplicate stories, merged
    /// events. Idempotent and resumable.
    Ingest {
        inputs: Vec<PathBuf>,
        /// The event database (SQLite file, created if missing).
        #[arg(long, default_value = "vigie.db")]
        db: PathBuf,
        #[arg(long, value_enum, default_value = "auto")]
        lang: LangArg,
        /// Zone GeoJSON to watch: each new event that violates an active zone is written to
        /// `--alerts` as one JSON line.
        #[arg(long, requires = "alerts")]
        zones: Option<PathBuf>,
        /// Where to append violation alerts (JSON lines).
        #[arg(long, requires = "zones")]
        alerts: Option<PathBuf>,
    },
    /// Query canonical events; `vigie events show ID` gives one with all its mentions.
    Events {
        #[command(subcommand)]
        show: Option<EventsCommand>,
        #[command(flatten)]
        query: store_cmd::QueryArgs,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: store_cmd::EventsFormat,
        /// At most this many events.
        #[arg(long, default_value_t = 100)]
        limit: u64,
        /// Print only the number of matching events.
        #[arg(long)]
        count: bool,
        /// Show why the mentions of this event were merged (same as `show ID`).
        #[arg(long, value_name = "ID")]
        explain: Option<String>,
    },
    /// Export the database (all events, or those the filters select).
    Export {
        #[arg(long, value_enum)]
        format: store_cmd::ExportArg,
        #[command(flatten)]
        query: store_cmd::QueryArgs,
    },
    /// Ceasefire and de-escalation zones: list, check, report.
    Zones {
        #[command(subcommand)]
        what: zones_cmd::ZonesCommand,
    },
    /// Counts of documents, stories, events and mentions in the database, as JSON.
    Stats {
        #[arg(long, default_value = "vigie.db")]
        db: PathBuf,
        /// Also run SQLite's integrity check (exit 1 when it fails).
        #[arg(long)]
        check: bool,
    },
    /// Measure throughput and memory over a corpus (release build, one thread).
    Bench {
        /// Corpus JSONL; default ../shared/corpus/fr_press_2018_2019.jsonl.
        corpus: Option<PathBuf>,
        /// Passes over the corpus (the best is reported).
        #[arg(long, default_value_t = 3)]
        repeat: usize,
        /// Also time `vigie ingest` of the corpus into a fresh database, against extraction.
        #[arg(long)]
        store: bool,
        /// Build a synthetic store of this many events and time filtered queries on it.
        #[arg(long, default_value_t = 0)]
        query_events: usize,
        /// Check this many random events against 100 synthetic zones (10,000 vertices).
        #[arg(long, default_value_t = 0)]
        zone_events: usize,
    },
}

#[derive(Subcommand)]
enum EventsCommand {
    /// One event (by its id or the id of any of its mentions) with every mention.
    Show {
        id: String,
        #[arg(long, default_value = "vigie.db")]
        db: PathBuf,
        /// JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// PLOVER gold JSONL (sentence-level event typing and actor codes).
    Plover {
        file: PathBuf,
        /// Print each sentence's gold and predicted types.
        #[arg(long)]
        verbose: bool,
    },
    /// Geoparsing gold XML (GeoWebNews; TR-News/LGL with `<gaztag>`): Acc@161km given the
    /// gold spans, and end-to-end toponym recognition.
    Geo {
        file: PathBuf,
        /// Print each toponym resolved more than 161 km off, and those not in the gazetteer.
        #[arg(long)]
        verbose: bool,
    },
    /// TimeML TimeBank directory (`*.tml`): TIMEX3 spans, types and values, TempEval-3 style.
    Timebank {
        dir: PathBuf,
        /// Print each miss, false positive and wrong type or value.
        #[arg(long)]
        verbose: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("vigie: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn load_lexicon(data: Option<&std::path::Path>) -> Result<Lexicon> {
    let dir = vigie_lexicon::locate_data_dir(data);
    let lex =
        Lexicon::load(&dir).with_context(|| format!("loading lexicons from {}", dir.display()))?;
    for w in lex.warnings.iter().take(20) {
        eprintln!("vigie: warning: {w}");
    }
    if lex.warnings.len() > 20 {
        eprintln!(
            "vigie: warning: … and {} more lexicon warnings",
            lex.warnings.len() - 20
        );
    }
    Ok(lex)
}

/// Lexicons, temporal patterns and (unless `places` is false) the gazetteer, loaded on two
/// threads: the gazetteer cache and the lexicons take about as long each.
fn load_all(
    data: Option<&std::path::Path>,
    places: bool,
) -> Result<(
    Lexicon,
    vigie_time::TimeLexicon,
    Option<vigie_geo::Geocoder>,
)> {
    std::thread::scope(|scope| {
        let geo = places.then(|| scope.spawn(|| places::load_geocoder(data)));
        let lex = load_lexicon(data)?;
        let time = load_time_lexicon(data)?;
        let geo = match geo {
            Some(handle) => Some(
                handle
                    .join()
                    .map_err(|_| anyhow::anyhow!("the gazetteer loader stopped unexpectedly"))??,
            ),
            None => None,
        };
        Ok((lex, time, geo))
    })
}

pub fn load_time_lexicon(data: Option<&std::path::Path>) -> Result<vigie_time::TimeLexicon> {
    let dir = vigie_lexicon::locate_data_dir(data);
    vigie_time::TimeLexicon::load(&dir)
        .with_context(|| format!("loading time patterns from {}", dir.display()))
}

impl LangArg {
    fn choice(self) -> LangChoice {
        match self {
            LangArg::Auto => LangChoice::Auto,
            LangArg::Fr => LangChoice::Force(Lang::Fr),
            LangArg::En => LangChoice::Force(Lang::En),
        }
    }
}

/// No input means stdin.
fn default_inputs(inputs: Vec<PathBuf>) -> Vec<PathBuf> {
    if inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        inputs
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract {
            inputs,
            format,
            lang,
            explain,
            min_confidence,
            no_places,
        } => {
            let (lex, time, geo) = load_all(cli.data.as_deref(), !no_places)?;
            extract(
                &lex,
                &time,
                geo.as_ref(),
                &default_inputs(inputs),
                format,
                Options {
                    lang: lang.choice(),
                    explain,
                    min_confidence,
                },
            )
        }
        Command::Places {
            inputs,
            lang,
            spans,
        } => {
            let (lex, _, geo) = load_all(cli.data.as_deref(), true)?;
            let geo = geo.context("gazetteer")?;
            let coder = Coder::new(&lex);
            places::places(&coder, &geo, &default_inputs(inputs), lang.choice(), spans)
        }
        Command::Timex { inputs, lang } => {
            let lex = load_lexicon(cli.data.as_deref())?;
            let time = load_time_lexicon(cli.data.as_deref())?;
            timex(&lex, &time, &default_inputs(inputs), lang.choice())
        }
        Command::Demo { explain } => {
            let (lex, time, geo) = load_all(cli.data.as_deref(), true)?;
            let dir = examples_dir();
            eprintln!(
                "vigie: coding the bundled example articles in {}",
                dir.display()
            );
            extract(
                &lex,
                &time,
                geo.as_ref(),
                &[dir],
                Format::Jsonl,
                Options {
                    lang: LangChoice::Auto,
                    explain,
                    min_confidence: 0.0,
                },
            )
        }
        Command::Eval {
            what: EvalCommand::Plover { file, verbose },
        } => {
            let lex = load_lexicon(cli.data.as_deref())?;
            eval::plover(&lex, &file, verbose)
        }
        Command::Eval {
            what: EvalCommand::Geo { file, verbose },
        } => {
            let (lex, _, geo) = load_all(cli.data.as_deref(), true)?;
            let geo = geo.context("gazetteer")?;
            places::eval_geo(&Coder::new(&lex), &geo, &file, verbose)
        }
        Command::Eval {
            what: EvalCommand::Timebank { dir, verbose },
        } => {
            let time = load_time_lexicon(cli.data.as_deref())?;
            eval_timebank::timebank(&time, &dir, verbose)
        }
        Command::Ingest {
            inputs,
            db,
            lang,
            zones,
            alerts,
        } => {
            let (lex, time, geo) = load_all(cli.data.as_deref(), true)?;
            let geo = geo.context("gazetteer")?;
            let coder = Coder::new(&lex).with_time(&time).with_geo(&geo);
            let options = Options {
                lang: lang.choice(),
                explain: false,
                min_confidence: 0.0,
            };
            let watch = match (zones, alerts) {
                (Some(z), Some(a)) => Some(zones_cmd::Watch::new(cli.data.as_deref(), &z, &a)?),
                _ => None,
            };
            store_cmd::ingest(&coder, &options, &default_inputs(inputs), &db, watch)
        }
        Command::Events {
            show: Some(EventsCommand::Show { id, db, json }),
            ..
        } => store_cmd::show(&db, &id, json),
        Command::Events {
            show: None,
            query,
            format,
            limit,
            count,
            explain,
        } => match explain {
            Some(id) => store_cmd::show(&query.db, &id, false),
            None => store_cmd::events(&query, format, limit, count),
        },
        Command::Export { format, query } => store_cmd::export(cli.data.as_deref(), &query, format),
        Command::Stats { db, check } => store_cmd::stats(&db, check),
        Command::Zones { what } => zones_cmd::run(cli.data.as_deref(), what),
        Command::Bench {
            corpus,
            repeat,
            store,
            query_events,
            zone_events,
        } => bench::run(
            cli.data.as_deref(),
            corpus,
            repeat,
            store,
            query_events,
            zone_events,
        ),
    }
}

fn examples_dir() -> PathBuf {
    let local = PathBuf::from("examples");
    if local.is_dir() {
        return local;
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples"))
}

/// Reads every input and hands each article to `each`, which returns `Ok(false)` when the
/// article could not be processed. Bad records are reported on stderr as `file:line: …` and
/// reading goes on; a write error stops everything. Returns exit status 1 when any record or
/// article failed, once everything else is done.
pub(crate) fn for_each_article(
    inputs: &[PathBuf],
    each: &mut dyn FnMut(Article) -> std::io::Result<bool>,
) -> Result<ExitCode> {
    let failed = std::cell::Cell::new(false);
    let mut write_error: Option<std::io::Error> = None;
    vigie_source::read_inputs(
        inputs,
        &mut |article| {
            if write_error.is_some() {
                return;
            }
            match each(article) {
                Ok(true) => {}
                Ok(false) => failed.set(true),
                Err(e) => write_error = Some(e),
            }
        },
        &mut |err| {
            failed.set(true);
            eprintln!("vigie: {err}");
        },
    );
    if let Some(e) = write_error {
        return Err(e.into());
    }
    Ok(if failed.get() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Codes each article and writes its events.
fn extract(
    lex: &Lexicon,
    time: &vigie_time::TimeLexicon,
    geo: Option<&vigie_geo::Geocoder>,
    inputs: &[PathBuf],
    format: Format,
    options: Options,
) -> Result<ExitCode> {
    let mut coder = Coder::new(lex).with_time(time);
    if let Some(geo) = geo {
        coder = coder.with_geo(geo);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    if format == Format::Csv {
        output::write_csv_header(&mut out)?;
    }
    let status = for_each_article(inputs, &mut |article| {
        // A bug in the coder must not lose the rest of the input: report the article and go
        // on (the exit status says something went wrong).
        let coded = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            coder.code(&article, &options)
        })) {
            Ok(c) => c,
            Err(_) => {
                eprintln!(
                    "vigie: {}: internal error while coding this article; skipped",
                    article.id
                );
                return Ok(false);
            }
        };
        if let Some(why) = &coded.skipped {
            eprintln!("vigie: {}: skipped: {why}", article.id);
        }
        for event in &coded.events {
            match format {
                Format::Jsonl => output::write_jsonl(&mut out, event)?,
                Format::Csv => output::write_csv(&mut out, event)?,
            }
        }
        Ok(true)
    })?;
    out.flush()?;
    Ok(status)
}

/// The article's language, or `None` after saying on stderr that it is skipped (a language
/// other than French and English is reported, never coded).
pub(crate) fn language_or_skip(coder: &Coder, article: &Article, lang: LangChoice) -> Option<Lang> {
    match coder.language(article, lang) {
        Ok(l) => Some(l),
        Err(code) => {
            eprintln!(
                "vigie: {}: skipped: unsupported language {code:?}",
                article.id
            );
            None
        }
    }
}

/// Tags each article's temporal expressions against its publication date and writes one JSONL
/// line per expression.
fn timex(
    lex: &Lexicon,
    time: &vigie_time::TimeLexicon,
    inputs: &[PathBuf],
    lang: LangChoice,
) -> Result<ExitCode> {
    let coder = Coder::new(lex);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let status = for_each_article(inputs, &mut |article| {
        let Some(lang) = language_or_skip(&coder, &article, lang) else {
            return Ok(true);
        };
        let timexes = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            vigie_time::tag(time, &article.text, lang, article.date.as_ref())
        })) {
            Ok(t) => t,
            Err(_) => {
                eprintln!(
                    "vigie: {}: internal error while tagging this article; skipped",
                    article.id
                );
                return Ok(false);
            }
        };
        for t in &timexes {
            output::write_timex(&mut out, &article.id, t)?;
        }
        Ok(true)
    })?;
    out.flush()?;
    Ok(status)
}
