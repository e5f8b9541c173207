//! `vigie zones`: list, check and report on ceasefire and de-escalation zones.

use anyhow::{Context, Result};
use clap::{Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigie_zones::report::{self, Bucket};
use vigie_zones::{Rules, ZoneSet};

#[derive(Subcommand)]
pub enum ZonesCommand {
    /// The zones and posts of a zone file.
    List {
        /// Zone GeoJSON; default: data/zones/syria-astana-2017.geojson.
        #[arg(long)]
        zones: Option<PathBuf>,
    },
    /// Validate a zone file (closed rings, no self-intersection, WGS84 ranges, dates in order).
    Check { file: PathBuf },
    /// What happened in each zone: counts by type and period, fatalities, actors, violations
    /// with their evidence, statements by guarantors.
    Report {
        #[arg(long, default_value = "vigie.db")]
        db: PathBuf,
        #[arg(long)]
        zones: Option<PathBuf>,
        /// Only this zone (id or a word of its name).
        #[arg(long)]
        zone: Option<String>,
        /// From this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_parser = parse_from)]
        from: Option<i64>,
        /// To this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_parser = parse_to)]
        to: Option<i64>,
        #[arg(long, value_enum, default_value = "month")]
        by: ByArg,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
        /// Events placed only at region or country precision count when at least this share
        /// of their region overlaps the zone (0 to 1).
        #[arg(long, default_value_t = vigie_zones::report::DEFAULT_MIN_SHARE)]
        min_share: f64,
        /// Link violations to observation posts within this distance (km).
        #[arg(long, default_value_t = vigie_zones::POST_RADIUS_KM)]
        post_radius: f64,
    },
    /// Draw the zones, posts and (with --db) the events over country borders, as SVG.
    Map {
        #[arg(long)]
        zones: Option<PathBuf>,
        /// Events from this database: violations in red.
        #[arg(long)]
        db: Option<PathBuf>,
        #[arg(long, value_parser = parse_from)]
        from: Option<i64>,
        #[arg(long, value_parser = parse_to)]
        to: Option<i64>,
        /// Width in pixels.
        #[arg(long, default_value_t = 900.0)]
        width: f64,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ByArg {
    Week,
    Month,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
    Markdown,
}

fn parse_from(v: &str) -> Result<i64, String> {
    vigie_store::merge::value_days(v.trim())
        .map(|d| d.0)
        .ok_or_else(|| format!("{v:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
}

fn parse_to(v: &str) -> Result<i64, String> {
    vigie_store::merge::value_days(v.trim())
        .map(|d| d.1)
        .ok_or_else(|| format!("{v:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
}

fn default_zones(data: Option<&Path>) -> PathBuf {
    vigie_lexicon::locate_data_dir(data).join("zones/syria-astana-2017.geojson")
}

/// Loads and validates a zone file; every problem is printed as `file: feature: what`.
pub fn load_zones(path: &Path) -> Result<ZoneSet> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    vigie_zones::parse_zones(&path.display().to_string(), &text).map_err(|errors| {
        for e in &errors {
            eprintln!("vigie: {e}");
        }
        anyhow::anyhow!(
            "{}: {} problem(s) in the zone file",
            path.display(),
            errors.len()
        )
    })
}

fn load_rules(data: Option<&Path>) -> Result<Rules> {
    let path = vigie_lexicon::locate_data_dir(data).join("zones/rules.tsv");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Rules::parse(&path.display().to_string(), &text).map_err(|e| anyhow::anyhow!(e))
}

pub fn run(data: Option<&Path>, command: ZonesCommand) -> Result<ExitCode> {
    match command {
        ZonesCommand::Map {
            zones,
            db,
            from,
            to,
            width,
            out,
        } => {
            let path = zones.unwrap_or_else(|| default_zones(data));
            let set = load_zones(&path)?;
            let borders_path =
                vigie_lexicon::locate_data_dir(data).join("maps/borders-50m.geojson");
            let borders = std::fs::read_to_string(&borders_path)
                .map_err(anyhow::Error::from)
                .and_then(|t| vigie_zones::map::parse_borders(&t).map_err(|e| anyhow::anyhow!(e)))
                .with_context(|| format!("reading {}", borders_path.display()))?;
            let mut events = Vec::new();
            if let Some(db) = db {
                let store = vigie_store::Store::open_existing(&db)?;
                let rules = load_rules(data)?;
                let index = vigie_zones::ZoneIndex::new(&set);
                for e in store.query_events(&vigie_store::EventFilter {
                    from_day: from,
                    to_day: to,
                    ..vigie_store::EventFilter::default()
                })? {
                    let ev = &e.event;
                    let Some(loc) = ev.event_loc.as_ref() else {
                        continue;
                    };
                    let (Some(lat), Some(lon)) = (loc.lat, loc.lon) else {
                        continue;
                    };
                    let days =
                        vigie_store::merge::event_days(ev.date.as_deref(), ev.enddate.as_deref())
                            .unwrap_or((i64::MIN / 2, i64::MAX / 2));
                    let place = vigie_zones::EventPlace {
                        lon,
                        lat,
                        precision: loc.precision.as_deref().unwrap_or("city"),
                        days,
                    };
                    let violation = index
                        .membership(&place)
                        .iter()
                        .any(|(z, _)| rules.violation(&set.zones[*z], ev).is_some());
                    events.push(vigie_zones::map::MapEvent {
                        lon,
                        lat,
                        violation,
                        dead: ev.size.dead.unwrap_or(0),
                        label: format!(
                            "{} {} {}",
                            ev.event_type,
                            ev.date.as_deref().unwrap_or(""),
                            loc.name.as_deref().unwrap_or(&loc.text)
                        ),
                    });
                }
            }
            let title = if set.name.is_empty() {
                path.display().to_string()
            } else {
                set.name.clone()
            };
            let svg = vigie_zones::map::render_svg(
                &set,
                &borders,
                &events,
                None,
                width.clamp(200.0, 8000.0),
                &title,
            );
            std::fs::write(&out, svg).with_context(|| format!("writing {}", out.display()))?;
            eprintln!(
                "vigie: wrote {} ({} zones, {} posts, {} events)",
                out.display(),
                set.zones.len(),
                set.posts.len(),
                events.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        ZonesCommand::List { zones } => {
            let set = load_zones(&zones.unwrap_or_else(|| default_zones(data)))?;
            for z in &set.zones {
                let periods: Vec<String> = z
                    .active
                    .iter()
                    .map(|p| {
                        format!(
                            "{}…{}",
                            report_date(p.start),
                            p.end.map(report_date).unwrap_or_else(|| "open".into())
                        )
                    })
                    .collect();
                println!(
                    "{}\t{}\t{}\tguarantors {}\tactive {}\t{} vertices{}",
                    z.id,
                    z.name_en,
                    z.kind,
                    z.guarantors.join(","),
                    periods.join(", "),
                    z.area.vertex_count(),
                    if z.approximate { ", approximate" } else { "" }
                );
            }
            for p in &set.posts {
                println!(
                    "{}\t{}\t{}\towner {}\t{:.4},{:.4}",
                    p.id, p.name, p.kind, p.owner, p.position[1], p.position[0]
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        ZonesCommand::Check { file } => match load_zones(&file) {
            Ok(set) => {
                println!(
                    "{}: {} zones, {} posts: valid",
                    file.display(),
                    set.zones.len(),
                    set.posts.len()
                );
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("vigie: {e}");
                Ok(ExitCode::from(1))
            }
        },
        ZonesCommand::Report {
            db,
            zones,
            zone,
            from,
            to,
            by,
            format,
            min_share,
            post_radius,
        } => {
            if let (Some(a), Some(b)) = (from, to) {
                if a > b {
                    anyhow::bail!("usage: --from is after --to");
                }
            }
            let set = load_zones(&zones.unwrap_or_else(|| default_zones(data)))?;
            let rules = load_rules(data)?;
            let store = vigie_store::Store::open_existing(&db)?;
            let bucket = match by {
                ByArg::Week => Bucket::Week,
                ByArg::Month => Bucket::Month,
            };
            let reports = report::build(
                &store,
                &set,
                &rules,
                zone.as_deref(),
                from,
                to,
                bucket,
                min_share,
                post_radius,
            )?;
            if reports.is_empty() {
                eprintln!("vigie: no zone matches {:?}", zone.unwrap_or_default());
                return Ok(ExitCode::from(1));
            }
            match format {
                ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&reports)?),
                ReportFormat::Csv => print!("{}", report::csv(&reports)),
                ReportFormat::Table | ReportFormat::Markdown => {
                    for r in &reports {
                        println!("{}", report::markdown(r));
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn report_date(day: i64) -> String {
    vigie_model::iso_date(day)
}

/// Zone watch during ingest: every new canonical event that violates an active zone becomes
/// one JSON line in the alerts file, with its evidence.
pub struct Watch {
    set: ZoneSet,
    rules: Rules,
    out: std::io::BufWriter<std::fs::File>,
    pub alerts: usize,
}

impl Watch {
    pub fn new(data: Option<&Path>, zones: &Path, alerts: &Path) -> Result<Watch> {
        let set = load_zones(zones)?;
        let rules = load_rules(data)?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(alerts)
            .with_context(|| format!("opening {}", alerts.display()))?;
        Ok(Watch {
            set,
            rules,
            out: std::io::BufWriter::new(file),
            alerts: 0,
        })
    }

    /// Looks at the events a committed batch created.
    pub fn check(&mut self, store: &vigie_store::Store, created: &[String]) -> Result<()> {
        use std::io::Write;
        let index = vigie_zones::ZoneIndex::new(&self.set);
        for key in created {
            let Some(detail) = store.event_detail(key)? else {
                continue;
            };
            let e = &detail.event.event;
            let (Some(loc), Some(days)) = (
                e.event_loc.as_ref(),
                vigie_store::merge::event_days(e.date.as_deref(), e.enddate.as_deref()),
            ) else {
                continue;
            };
            let (Some(lat), Some(lon)) = (loc.lat, loc.lon) else {
                continue;
            };
            let place = vigie_zones::EventPlace {
                lon,
                lat,
                precision: loc.precision.as_deref().unwrap_or("city"),
                days,
            };
            for (zi, membership) in index.membership(&place) {
                if let vigie_zones::Membership::PossiblyInside { share } = membership {
                    if share < report::DEFAULT_MIN_SHARE {
                        continue;
                    }
                }
                let zone = &self.set.zones[zi];
                let Some(rule) = self.rules.violation(zone, e) else {
                    continue;
                };
                let first = detail.mention_details.first();
                let alert = serde_json::json!({
                    "zone": zone.id,
                    "zone_name": zone.name_en,
                    "event_id": e.id,
                    "event_type": e.event_type,
                    "date": e.date,
                    "actor": e.actor.iter().map(vigie_model::ActorRef::coded).collect::<Vec<_>>(),
                    "recipient": e.recipient.iter().map(vigie_model::ActorRef::coded).collect::<Vec<_>>(),
                    "place": loc.name.clone().unwrap_or_else(|| loc.text.clone()),
                    "membership": membership,
                    "dead": e.size.dead,
                    "num_mentions": detail.event.num_mentions,
                    "rule": format!("{} in an active {} zone", rule.event_type, zone.kind),
                    "doc_id": first.map(|m| m.doc_id.clone()),
                    "sentence": first.map(|m| m.sentence.trim().to_string()),
                });
                writeln!(self.out, "{alert}")?;
                self.alerts += 1;
            }
        }
        self.out.flush()?;
        Ok(())
    }
}
