//! `vigie bench --store` and `--query-events N`: what the event database costs.

use anyhow::Result;
use std::path::Path;
use std::time::Instant;
use vigie_code::{Coder, LangChoice, Options};
use vigie_model::{
    ActorRef, Article, DatePrecision, Event, EventLoc, EventType, Modality, PubDate, Size, TextInfo,
};
use vigie_store::{DocRecord, EventFilter, Store};

fn scratch_db(name: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("vigie-bench-{}-{name}.db", std::process::id()));
    remove_db(&path);
    path
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// CPU time used so far by the calling thread (user and system), where it can be read.
fn thread_cpu_seconds() -> Option<f64> {
    #[cfg(target_os = "linux")]
    {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
        // SAFETY: getrusage fills the struct it is given and reports failure by its result.
        let ok = unsafe { libc::getrusage(libc::RUSAGE_THREAD, usage.as_mut_ptr()) } == 0;
        if !ok {
            return None;
        }
        // SAFETY: initialised by the successful call above.
        let usage = unsafe { usage.assume_init() };
        let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        Some(secs(usage.ru_utime) + secs(usage.ru_stime))
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// `vigie extract CORPUS` against `vigie ingest CORPUS` as a user runs them (each a process of
/// its own, loading included), in `pairs` interleaved pairs so that drift in machine speed falls
/// on both alike.
pub fn command_ratio(data: Option<&Path>, corpus: &Path, pairs: usize) -> Result<()> {
    let exe = std::env::current_exe()?;
    let command = |args: &[&std::ffi::OsStr]| -> Result<f64> {
        let mut cmd = std::process::Command::new(&exe);
        if let Some(d) = data {
            cmd.arg("--data").arg(d);
        }
        cmd.args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let t = Instant::now();
        let status = cmd.status()?;
        let secs = t.elapsed().as_secs_f64();
        anyhow::ensure!(status.success(), "{:?} failed: {status}", cmd);
        Ok(secs)
    };
    let mut ratios = Vec::with_capacity(pairs);
    let (mut best_extract, mut best_ingest) = (f64::MAX, f64::MAX);
    for _ in 0..pairs {
        let db = scratch_db("command");
        let extract = command(&["extract".as_ref(), corpus.as_os_str()])?;
        let ingest = command(&[
            "ingest".as_ref(),
            corpus.as_os_str(),
            "--db".as_ref(),
            db.as_os_str(),
        ])?;
        remove_db(&db);
        best_extract = best_extract.min(extract);
        best_ingest = best_ingest.min(ingest);
        ratios.push(ingest / extract);
    }
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    let shown: Vec<String> = ratios.iter().map(|r| format!("{r:.2}")).collect();
    println!(
        "commands (separate processes, loading included): extract best {best_extract:.3} s, \
         ingest best {best_ingest:.3} s; ingest / extract over {pairs} interleaved pairs: \
         median {median:.2} [{}], best against best {:.2}",
        shown.join(" "),
        best_ingest / best_extract
    );
    Ok(())
}

/// Ingest of the corpus into a fresh database, best of `repeat`, against `extract_secs`.
pub fn ingest_ratio(coder: &Coder, corpus: &Path, repeat: usize, extract_secs: f64) -> Result<()> {
    let options = Options {
        lang: LangChoice::Auto,
        explain: false,
        min_confidence: 0.0,
    };
    let mut best = f64::MAX;
    for _ in 0..repeat {
        let db = scratch_db("ingest");
        let t = Instant::now();
        crate::store_cmd::ingest(coder, &options, &[corpus.to_path_buf()], &db, None)?;
        best = best.min(t.elapsed().as_secs_f64());
        remove_db(&db);
    }
    println!(
        "ingest (read → events with places → SQLite, {} threads): {best:.3} s; ingest / extract with places: {:.2}",
        rayon::current_num_threads(),
        best / extract_secs
    );

    // The database side alone: the coded articles written in ingest-sized transactions,
    // what the writer thread must keep up with.
    let mut records = Vec::new();
    vigie_source::read_inputs(
        &[corpus.to_path_buf()],
        &mut |article| {
            let coded = coder.code(&article, &options);
            let lang = coded.lang.map(|l| l.code());
            records.push(DocRecord::new(&article, lang, coded.events));
        },
        &mut |_| {},
    );
    let mut best_write = f64::MAX;
    let mut best_cpu = f64::MAX;
    for _ in 0..repeat {
        let db = scratch_db("write");
        let mut store = Store::open(&db)?;
        let t = Instant::now();
        let cpu = thread_cpu_seconds();
        for batch in records.chunks(crate::store_cmd::BATCH) {
            store.ingest(batch)?;
        }
        drop(store);
        best_write = best_write.min(t.elapsed().as_secs_f64());
        if let (Some(after), Some(before)) = (thread_cpu_seconds(), cpu) {
            best_cpu = best_cpu.min(after - before);
        }
        remove_db(&db);
    }
    // CPU time is steadier than elapsed time on a shared machine.
    let cpu = if best_cpu < f64::MAX {
        format!(" ({best_cpu:.3} s of CPU)")
    } else {
        String::new()
    };
    println!(
        "store writes alone ({} articles, transactions of {}): {best_write:.3} s{cpu}, {:.0} articles/s",
        records.len(),
        crate::store_cmd::BATCH,
        records.len() as f64 / best_write
    );
    Ok(())
}

/// Deterministic pseudo-random numbers (splitmix64), so every run builds the same store.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const CODES: [&str; 40] = [
    "AFG",
    "DZA",
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "COL",
    "EGY",
    "ETH",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "IRN",
    "IRQ",
    "ISR",
    "ITA",
    "JPN",
    "LBN",
    "LBY",
    "MLI",
    "MEX",
    "MAR",
    "NGA",
    "PAK",
    "PSE",
    "RUS",
    "SAU",
    "SOM",
    "ZAF",
    "SDN",
    "SYR",
    "TUR",
    "UKR",
    "GBR",
    "USA",
    "VEN",
    "YEM",
    "IMGMUSISI",
];

fn synthetic_event(rng: &mut Rng, doc_id: &str, n: usize, day: i64) -> Event {
    let event_type = EventType::ALL[rng.below(16) as usize];
    let actor = |rng: &mut Rng| ActorRef {
        code: CODES[rng.below(CODES.len() as u64) as usize].to_string(),
        sector: "GOV".into(),
        text: "acteur".into(),
        name: None,
        cameo_code: String::new(),
        start: 0,
        end: 6,
    };
    let date = vigie_model::iso_date(day);
    let (lat, lon) = (rng.uniform(-35.0, 60.0), rng.uniform(-20.0, 120.0));
    Event {
        id: format!("{doc_id}-{n}"),
        doc_id: doc_id.to_string(),
        event_type,
        mode: String::new(),
        context: vec![],
        quad_code: event_type.quad_code(),
        cameo: "010".into(),
        actor: vec![actor(rng)],
        recipient: vec![actor(rng)],
        date: Some(date.clone()),
        enddate: Some(date),
        date_precision: Some(DatePrecision::Day),
        date_reason: "synthetic".into(),
        event_loc: Some(EventLoc {
            text: "lieu".into(),
            name: Some(format!("place {}", rng.below(5000))),
            lat: Some(lat),
            lon: Some(lon),
            country_code: Some("XX".into()),
            admin1: None,
            precision: Some("city".into()),
            ..EventLoc::default()
        }),
        size: Size {
            dead: (event_type == EventType::Assault).then(|| rng.below(50)),
            ..Size::default()
        },
        negated: false,
        modality: Modality::Asserted,
        speaker: None,
        event_text: "fait".into(),
        event_start: 0,
        event_end: 4,
        text_info: TextInfo {
            sentence: n,
            start: 0,
            end: 20,
        },
        rule: "synthetic".into(),
        confidence: 0.7,
        lang: "fr".into(),
        explain: vec![],
    }
}

/// Builds a synthetic store of `n_events` events (10 per article, 2015–2024, 40 actor codes,
/// points over Africa, Europe and Asia) through the normal ingest path, then times filtered
/// queries (actor + one-year range + 10° × 10° box, 100 results with their records).
pub fn query_latency(n_events: usize) -> Result<()> {
    let db = scratch_db("query");
    let mut store = Store::open(&db)?;
    let mut rng = Rng(42);
    let start_day = vigie_store::merge::day_number(2015, 1, 1);
    let days = 3652;
    let t = Instant::now();
    let per_doc = 10;
    let mut batch = Vec::new();
    for d in 0..n_events.div_ceil(per_doc) {
        let id = format!("synthetic-{d}");
        let day = start_day + rng.below(days) as i64;
        let article = Article {
            id: id.clone(),
            // About 80 words from a 5,000-word vocabulary: distinct articles, as in a feed.
            text: (0..80)
                .map(|_| format!("mot{}", rng.below(5000)))
                .collect::<Vec<_>>()
                .join(" "),
            date: PubDate::parse(&vigie_model::iso_date(day)).ok(),
            title: None,
            url: None,
            source: Some(format!("outlet-{}", rng.below(200))),
            lang: Some("fr".into()),
            spans: Vec::new(),
        };
        let events = (0..per_doc)
            .map(|n| {
                let event_day = day - rng.below(3) as i64;
                synthetic_event(&mut rng, &id, n, event_day)
            })
            .collect();
        batch.push(DocRecord::new(&article, Some("fr"), events));
        if batch.len() == 1000 {
            store.ingest(&batch)?;
            batch.clear();
        }
    }
    store.ingest(&batch)?;
    let build = t.elapsed().as_secs_f64();
    let stats = store.stats()?;
    println!(
        "synthetic store: {} events, {} mentions, built through ingest in {build:.1} s ({:.0} mentions/s)",
        stats.events,
        stats.mentions,
        stats.mentions as f64 / build
    );
    let mut times = Vec::new();
    let mut returned = 0usize;
    for _ in 0..200 {
        let year = 2015 + rng.below(10) as i64;
        let (lon, lat) = (rng.uniform(-20.0, 110.0), rng.uniform(-35.0, 50.0));
        let filter = EventFilter {
            actors: vec![CODES[rng.below(CODES.len() as u64) as usize].to_string()],
            from_day: Some(vigie_store::merge::day_number(year, 1, 1)),
            to_day: Some(vigie_store::merge::day_number(year, 12, 31)),
            bbox: Some([lon, lat, lon + 10.0, lat + 10.0]),
            limit: Some(100),
            ..EventFilter::default()
        };
        let t = Instant::now();
        returned += store.query_events(&filter)?.len();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "filtered query (actor + year + 10°×10° box, ≤100 events with records): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({:.1} events per query)",
        pct(0.5),
        pct(0.95),
        pct(1.0),
        returned as f64 / times.len() as f64
    );
    drop(store);
    remove_db(&db);
    Ok(())
}

/// Checks `n_events` random points against 100 random zones of 100 vertices each (10,000 in
/// all) and reports the time, through the grid index.
pub fn zone_membership(n_events: usize) -> Result<()> {
    let mut rng = Rng(7);
    let mut features = Vec::new();
    for z in 0..100 {
        let (cx, cy) = (rng.uniform(-20.0, 120.0), rng.uniform(-35.0, 60.0));
        let radius = rng.uniform(0.5, 3.0);
        // A star-shaped ring (never self-intersecting), closed.
        let mut ring: Vec<[f64; 2]> = (0..99)
            .map(|k| {
                let angle = std::f64::consts::TAU * f64::from(k) / 99.0;
                let r = radius * rng.uniform(0.6, 1.0);
                [cx + r * angle.cos(), cy + r * angle.sin()]
            })
            .collect();
        ring.push(ring[0]);
        features.push(serde_json::json!({
            "type": "Feature",
            "properties": {"id": format!("z{z}"), "kind": "ceasefire", "guarantors": ["UN"],
                           "active": [{"start": "2015-01-01", "end": "2024-12-31"}]},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }));
    }
    let json = serde_json::json!({"type": "FeatureCollection", "features": features}).to_string();
    let set = vigie_zones::parse_zones("synthetic", &json)
        .map_err(|e| anyhow::anyhow!("synthetic zones invalid: {:?}", e.first()))?;
    let vertices: usize = set.zones.iter().map(|z| z.area.vertex_count()).sum();
    let points: Vec<(f64, f64, i64)> = (0..n_events)
        .map(|_| {
            (
                rng.uniform(-20.0, 120.0),
                rng.uniform(-35.0, 60.0),
                vigie_store::merge::day_number(2015, 1, 1) + rng.below(3652) as i64,
            )
        })
        .collect();
    let t = Instant::now();
    let index = vigie_zones::ZoneIndex::new(&set);
    let build = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut hits = 0usize;
    for &(lon, lat, day) in &points {
        let place = vigie_zones::EventPlace {
            lon,
            lat,
            precision: "city",
            days: (day, day),
        };
        hits += index.membership(&place).len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "zones: {} events against {} zones ({vertices} vertices): {secs:.3} s ({:.0} events/s), index built in {:.1} ms, {hits} memberships",
        n_events,
        set.zones.len(),
        n_events as f64 / secs,
        build * 1e3
    );
    Ok(())
}
