//! `vigie bench`: throughput and memory over a corpus, against a bare scanning pass.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use vigie_code::{Coder, LangChoice, Options};
use vigie_lexicon::{token_ids, Lexicon};
use vigie_model::Article;
use vigie_text::Lang;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn read_corpus(path: &Path) -> Result<Vec<Article>> {
    let mut articles = Vec::new();
    let mut errors = 0;
    vigie_source::read_inputs(
        &[path.to_path_buf()],
        &mut |a| articles.push(a),
        &mut |_| errors += 1,
    );
    if articles.is_empty() {
        anyhow::bail!("no article read from {} ({errors} errors)", path.display());
    }
    Ok(articles)
}

pub fn run(
    data: Option<&Path>,
    corpus: Option<PathBuf>,
    repeat: usize,
    store: bool,
    query_events: usize,
    zone_events: usize,
) -> Result<ExitCode> {
    if zone_events > 0 {
        crate::bench_store::zone_membership(zone_events)?;
    }
    if query_events > 0 {
        crate::bench_store::query_latency(query_events)?;
    }
    let corpus =
        corpus.unwrap_or_else(|| PathBuf::from("../shared/corpus/fr_press_2018_2019.jsonl"));
    if !corpus.exists() {
        eprintln!(
            "vigie bench: corpus {} not found; nothing to measure",
            corpus.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let t0 = Instant::now();
    let lex = crate::load_lexicon(data)?;
    let time = crate::load_time_lexicon(data)?;
    let load = t0.elapsed();
    let rss_after_load = peak_rss_mb();
    let t_geo = Instant::now();
    let geo = crate::places::load_geocoder(data)?;
    let geo_load = t_geo.elapsed();
    let rss_after_geo = peak_rss_mb();
    let coder = Coder::new(&lex).with_time(&time);
    let coder_placed = Coder::new(&lex).with_time(&time).with_geo(&geo);
    let coder_undated = Coder::new(&lex);
    let repeat = repeat.max(1);

    // Bare pass: read + parse + fold/tokenise/segment + one automaton lookup per token.
    let mut bare_best = f64::MAX;
    let mut bytes = 0usize;
    let mut n_articles = 0usize;
    let mut checksum = 0u64;
    for _ in 0..repeat {
        let t = Instant::now();
        let articles = read_corpus(&corpus).context("reading corpus")?;
        bytes = articles.iter().map(|a| a.text.len()).sum();
        n_articles = articles.len();
        for a in &articles {
            let analysed = vigie_text::analyse(&a.text, &lex.abbreviations);
            let ids = token_ids(
                &lex.vocab,
                Lexicon::slot(Lang::Fr),
                &analysed.folded,
                &analysed.tokens,
            );
            let found = lex.fr.entities.find_longest(&ids, 0, ids.len());
            checksum = checksum.wrapping_add(found.len() as u64);
        }
        bare_best = bare_best.min(t.elapsed().as_secs_f64());
    }

    // Full pass: read → dated events; and the same without temporal expressions, to show
    // what dating costs.
    let options = Options {
        lang: LangChoice::Auto,
        explain: false,
        min_confidence: 0.0,
    };
    let mut undated_best = f64::MAX;
    for _ in 0..repeat {
        let t = Instant::now();
        let articles = read_corpus(&corpus)?;
        for a in &articles {
            std::hint::black_box(coder_undated.code(a, &options));
        }
        undated_best = undated_best.min(t.elapsed().as_secs_f64());
    }
    let mut timex_best = f64::MAX;
    let mut n_timex = 0usize;
    for _ in 0..repeat {
        let t = Instant::now();
        let articles = read_corpus(&corpus)?;
        n_timex = 0;
        for a in &articles {
            n_timex += vigie_time::tag(&time, &a.text, Lang::Fr, a.date.as_ref()).len();
        }
        timex_best = timex_best.min(t.elapsed().as_secs_f64());
    }
    let mut full_best = f64::MAX;
    let mut n_events = 0usize;
    for _ in 0..repeat {
        let t = Instant::now();
        let articles = read_corpus(&corpus)?;
        n_events = 0;
        for a in &articles {
            n_events += coder
                .code(
                    a,
                    &Options {
                        lang: LangChoice::Auto,
                        explain: false,
                        min_confidence: 0.0,
                    },
                )
                .events
                .len();
        }
        full_best = full_best.min(t.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} ({n_articles} articles, {mb:.2} MB of article text)",
        corpus.display()
    );
    println!(
        "lexicon load: {:.0} ms (peak RSS after load {:.0} MB)",
        load.as_secs_f64() * 1e3,
        rss_after_load.unwrap_or(0.0)
    );
    println!(
        "bare pass (read + tokenise + name automaton): {:.3} s, {:.1} MB/s, {:.0} articles/s (matches {checksum})",
        bare_best,
        mb / bare_best,
        n_articles as f64 / bare_best
    );
    println!(
        "extract (read → events): {:.3} s, {:.1} MB/s, {:.0} articles/s, {n_events} events",
        full_best,
        mb / full_best,
        n_articles as f64 / full_best
    );
    println!(
        "ratio extract / bare throughput: {:.2}",
        bare_best / full_best
    );
    println!(
        "extract without dates: {:.3} s, {:.1} MB/s; timex alone (read + tag): {:.3} s, {:.1} MB/s, {n_timex} expressions; dating adds {:.0}% to extraction time",
        undated_best,
        mb / undated_best,
        timex_best,
        mb / timex_best,
        100.0 * (full_best - undated_best) / undated_best
    );
    let mut placed_best = f64::MAX;
    let mut n_located = 0usize;
    for _ in 0..repeat {
        let t = Instant::now();
        let articles = read_corpus(&corpus)?;
        n_located = 0;
        for a in &articles {
            let coded = coder_placed.code(a, &options);
            n_located += coded
                .events
                .iter()
                .filter(|e| e.event_loc.as_ref().is_some_and(|l| l.lat.is_some()))
                .count();
        }
        placed_best = placed_best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "gazetteer: {} places, {} names, loaded in {:.0} ms, +{:.0} MB peak RSS",
        geo.gazetteer.len(),
        geo.gazetteer.name_count(),
        geo_load.as_secs_f64() * 1e3,
        rss_after_geo.unwrap_or(0.0) - rss_after_load.unwrap_or(0.0)
    );
    println!(
        "extract with places: {placed_best:.3} s, {:.1} MB/s, {:.0} articles/s, {n_located} events with coordinates; throughput {:.0}% of extraction without places",
        mb / placed_best,
        n_articles as f64 / placed_best,
        100.0 * full_best / placed_best
    );
    println!("peak RSS: {:.0} MB", peak_rss_mb().unwrap_or(0.0));
    if store {
        crate::bench_store::ingest_ratio(&coder, &corpus, repeat, full_best)?;
        println!(
            "peak RSS after ingest: {:.0} MB",
            peak_rss_mb().unwrap_or(0.0)
        );
    }
    Ok(ExitCode::SUCCESS)
}
