//! `vigie places`: toponyms as JSONL, and `vigie eval geo`.

use anyhow::{Context as _, Result};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigie_code::{Coder, LangChoice};
use vigie_geo::{Geocoder, Toponym};

/// Loads the gazetteer from the data directory, reporting its warnings.
pub fn load_geocoder(data: Option<&Path>) -> Result<Geocoder> {
    let dir = vigie_lexicon::locate_data_dir(data);
    let geo = Geocoder::load(&dir)
        .with_context(|| format!("loading the gazetteer from {}", dir.display()))?;
    let warnings: Vec<&String> = geo.warnings().collect();
    for w in warnings.iter().take(10) {
        eprintln!("vigie: warning: {w}");
    }
    if warnings.len() > 10 {
        eprintln!(
            "vigie: warning: … and {} more gazetteer warnings",
            warnings.len() - 10
        );
    }
    Ok(geo)
}

fn record(doc_id: &str, t: &Toponym) -> serde_json::Value {
    let p = t.place.as_ref();
    json!({
        "doc_id": doc_id,
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "geonameid": p.map(|p| p.geonameid).filter(|&g| g > 0),
        "name": p.map(|p| p.name.clone()),
        "lat": p.map(|p| p.lat),
        "lon": p.map(|p| p.lon),
        "country_code": p.map(|p| p.country.clone()).filter(|c| !c.is_empty()),
        "admin1": t.admin1_name,
        "feature_class": p.map(|p| p.feature_class.to_string()),
        "feature_code": p.map(|p| p.feature_code.clone()),
        "in_organisation": t.in_organisation,
    })
}

/// Writes each article's toponyms (or, with `spans`, the resolution of the spans each record
/// gives) as JSONL.
pub fn places(
    coder: &Coder,
    geo: &Geocoder,
    inputs: &[PathBuf],
    lang: LangChoice,
    spans: bool,
) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let status = crate::for_each_article(inputs, &mut |article| {
        let Some(lang) = crate::language_or_skip(coder, &article, lang) else {
            return Ok(true);
        };
        let analysed = vigie_text::analyse(&article.text, &coder.lexicon().abbreviations);
        let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if spans {
                let given: Vec<(usize, usize)> =
                    article.spans.iter().map(|s| (s.start, s.end)).collect();
                geo.resolve_spans(&article.text, &analysed, lang, &given)
                    .into_iter()
                    .zip(&given)
                    .map(|(t, &(start, end))| {
                        t.unwrap_or_else(|| Toponym {
                            start,
                            end,
                            text: article.text.chars().skip(start).take(end - start).collect(),
                            place: None,
                            admin1_name: None,
                            in_organisation: false,
                        })
                    })
                    .collect()
            } else {
                geo.toponyms(&article.text, &analysed, lang)
            }
        }));
        let Ok(toponyms) = found else {
            eprintln!(
                "vigie: {}: internal error while geoparsing this article; skipped",
                article.id
            );
            return Ok(false);
        };
        for t in &toponyms {
            serde_json::to_writer(&mut out, &record(&article.id, t))
                .map_err(std::io::Error::other)?;
            out.write_all(b"\n")?;
        }
        Ok(true)
    })?;
    out.flush()?;
    Ok(status)
}

/// `vigie eval geo FILE.xml`: resolution given the gold spans (Acc@161km, median error,
/// GeoNames id agreement) and end-to-end recognition (precision, recall, F1).
pub fn eval_geo(coder: &Coder, geo: &Geocoder, file: &Path, verbose: bool) -> Result<ExitCode> {
    use vigie_geo::goldxml::{self, Prediction};
    let xml =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let gold =
        goldxml::parse_gold_xml(&xml).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mut resolutions = Vec::with_capacity(gold.len());
    let mut recognised = Vec::with_capacity(gold.len());
    for doc in &gold {
        let article = vigie_model::Article::new(doc.id.clone(), doc.text.clone());
        let lang = coder
            .language(&article, LangChoice::Auto)
            .unwrap_or(vigie_text::Lang::En);
        let analysed = vigie_text::analyse(&doc.text, &coder.lexicon().abbreviations);
        let spans: Vec<(usize, usize)> = doc.toponyms.iter().map(|t| (t.start, t.end)).collect();
        let resolved = geo.resolve_spans(&doc.text, &analysed, lang, &spans);
        let predictions: Vec<Option<Prediction>> = resolved
            .iter()
            .zip(&doc.toponyms)
            .map(|(r, g)| {
                let p = r.as_ref()?.place.as_ref()?;
                if verbose {
                    if let (Some(lat), Some(lon)) = (g.lat, g.lon) {
                        let km = goldxml::haversine_km(lat, lon, p.lat, p.lon);
                        if km > 161.0 {
                            eprintln!(
                                "{}: {:?} → {} ({}) {km:.0} km off",
                                doc.id, g.name, p.name, p.country
                            );
                        }
                    }
                }
                Some(Prediction {
                    start: g.start,
                    end: g.end,
                    geonameid: (p.geonameid > 0).then_some(p.geonameid as u64),
                    lat: p.lat,
                    lon: p.lon,
                })
            })
            .collect();
        if verbose {
            for (r, g) in resolved.iter().zip(&doc.toponyms) {
                if r.is_none() && g.lat.is_some() {
                    eprintln!("{}: {:?} not in the gazetteer", doc.id, g.name);
                }
            }
        }
        resolutions.push(predictions);
        recognised.push(
            geo.toponyms(&doc.text, &analysed, lang)
                .iter()
                .filter(|t| !t.in_organisation)
                .map(|t| (t.start, t.end))
                .collect::<Vec<_>>(),
        );
    }
    let r = goldxml::score_resolution(&gold, &resolutions);
    let strict = goldxml::score_recognition(&gold, &recognised, true);
    let overlap = goldxml::score_recognition(&gold, &recognised, false);
    println!("{}: {} documents", file.display(), gold.len());
    println!(
        "resolution given gold spans: {} toponyms with coordinates, {} resolved; Acc@161km {:.3}, median error {:.0} km, mean {:.0} km, AUC {:.3}, GeoNames id agreement {:.3}",
        r.gold_with_coordinates, r.resolved, r.acc_161, r.median_km, r.mean_km, r.auc, r.geonameid_agreement
    );
    println!(
        "recognition end to end: strict P {:.3} R {:.3} F1 {:.3}; overlapping P {:.3} R {:.3} F1 {:.3} ({} gold, {} found)",
        strict.precision, strict.recall, strict.f1, overlap.precision, overlap.recall, overlap.f1, strict.gold, strict.predicted
    );
    Ok(ExitCode::SUCCESS)
}
