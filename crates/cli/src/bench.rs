//! `vigie bench`: throughput and memory over a corpus, against a bare scanning pass.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use vigie_code::{Coder, LangChoice, Options, StageClock};
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
    let mut geo = crate::places::load_geocoder(data)?;
    let mut geo_load = t_geo.elapsed();
    let rss_after_geo = peak_rss_mb();
    // Loading is timed like the passes: the best of `repeat` loads (each a fresh process
    // would make; the first may also have built the binary cache).
    for _ in 1..repeat.max(1) {
        drop(geo);
        let t = Instant::now();
        geo = crate::places::load_geocoder(data)?;
        geo_load = geo_load.min(t.elapsed());
    }
    // The clock times dating and placing inside each pass: subtracting the times of two
    // separate passes is at the mercy of a shared machine's noise.
    let clock = StageClock::default();
    let coder = Coder::new(&lex).with_time(&time).with_clock(&clock);
    let coder_placed = Coder::new(&lex)
        .with_time(&time)
        .with_geo(&geo)
        .with_clock(&clock);
    let coder_undated = Coder::new(&lex);
    let repeat = repeat.max(1);

    // Bare pass: read + parse + fold/tokenise/segment + one automaton lookup per token.
    let mut bare_best = f64::MAX;
    let mut bytes = 0usize;
    let mut n_articles = 0usize;
    let mut checksum = 0u64;
    for _ in 0..repeat {
        // Matches of one pass (the last), not summed over the repeats.
        checksum = 0;
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

    // Full pass: read → dated events; the same without temporal expressions, to show what
    // dating costs; tagging alone; and with places. The variants run one after another in
    // each repeat (not each in its own block of repeats) so that drift in machine speed
    // falls on all of them alike.
    let options = Options {
        lang: LangChoice::Auto,
        explain: false,
        min_confidence: 0.0,
    };
    let mut undated_best = f64::MAX;
    let mut timex_best = f64::MAX;
    let mut read_best = f64::MAX;
    let mut full_best = f64::MAX;
    let mut placed_best = f64::MAX;
    let mut n_timex = 0usize;
    let mut n_events = 0usize;
    let mut n_located = 0usize;
    // Time spent dating / placing inside the fastest dated / placed pass.
    let mut dating_in_best = 0.0;
    let mut places_in_best = 0.0;
    for _ in 0..repeat {
        let t = Instant::now();
        let articles = read_corpus(&corpus)?;
        for a in &articles {
            std::hint::black_box(coder_undated.code(a, &options));
        }
        undated_best = undated_best.min(t.elapsed().as_secs_f64());

        let t = Instant::now();
        std::hint::black_box(read_corpus(&corpus)?);
        read_best = read_best.min(t.elapsed().as_secs_f64());

        let t = Instant::now();
        let articles = read_corpus(&corpus)?;
        n_timex = 0;
        for a in &articles {
            n_timex += vigie_time::tag(&time, &a.text, Lang::Fr, a.date.as_ref()).len();
        }
        timex_best = timex_best.min(t.elapsed().as_secs_f64());

        clock.take();
        let t = Instant::now();
        let articles = read_corpus(&corpus)?;
        n_events = 0;
        for a in &articles {
            n_events += coder.code(a, &options).events.len();
        }
        let elapsed = t.elapsed().as_secs_f64();
        if elapsed < full_best {
            full_best = elapsed;
            dating_in_best = clock.take().0;
        }

        clock.take();
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
        let elapsed = t.elapsed().as_secs_f64();
        if elapsed < placed_best {
            placed_best = elapsed;
            places_in_best = clock.take().1;
        }
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
        "dating: {:.0} ms inside extraction, adding {:.0}% to the rest of it (separate passes without dates: {:.3} s, the dated ones {:+.0}%)",
        dating_in_best * 1e3,
        100.0 * dating_in_best / (full_best - dating_in_best),
        undated_best,
        100.0 * (full_best - undated_best) / undated_best,
    );
    let tagging = (timex_best - read_best).max(0.0);
    println!(
        "timex over the whole texts (read + tag): {:.3} s, {n_timex} expressions; reading alone {:.3} s, so tagging {:.0} ms, {:.1} MB/s, {:.0}% of extraction time",
        timex_best,
        read_best,
        tagging * 1e3,
        mb / tagging.max(1e-9),
        100.0 * tagging / full_best,
    );
    println!(
        "gazetteer: {} places, {} names, loaded in {:.0} ms, +{:.0} MB peak RSS",
        geo.gazetteer.len(),
        geo.gazetteer.name_count(),
        geo_load.as_secs_f64() * 1e3,
        rss_after_geo.unwrap_or(0.0) - rss_after_load.unwrap_or(0.0)
    );
    println!(
        "extract with places: {placed_best:.3} s, {:.1} MB/s, {:.0} articles/s, {n_located} events with coordinates; placing takes {:.0} ms inside it, so throughput is {:.0}% of extraction without places (separate passes: {:.0}%)",
        mb / placed_best,
        n_articles as f64 / placed_best,
        places_in_best * 1e3,
        100.0 * (placed_best - places_in_best) / placed_best,
        100.0 * full_best / placed_best
    );
    println!("peak RSS: {:.0} MB", peak_rss_mb().unwrap_or(0.0));
    if store {
        // As the commands run: with places, and without the stage clock (its shared counters
        // are written by every coding thread).
        let coder_as_run = Coder::new(&lex).with_time(&time).with_geo(&geo);
        crate::bench_store::ingest_ratio(&coder_as_run, &corpus, repeat, placed_best)?;
        crate::bench_store::command_ratio(data, &corpus, repeat.max(5))?;
        println!(
            "peak RSS after ingest: {:.0} MB",
            peak_rss_mb().unwrap_or(0.0)
        );
    }
    Ok(ExitCode::SUCCESS)
}
