//! `vigie eval plover`: sentence-level event typing and actor codes against PLOVER gold.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;
use vigie_code::{Coder, LangChoice, Options};
use vigie_lexicon::Lexicon;
use vigie_model::{Article, EventType};
use vigie_text::Lang;

#[derive(Deserialize)]
struct GoldActor {
    #[serde(default)]
    code: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum GoldActors {
    List(Vec<GoldActor>),
    Other(#[allow(dead_code)] serde_json::Value),
}

impl GoldActors {
    fn codes(&self) -> Vec<String> {
        match self {
            GoldActors::List(v) => v
                .iter()
                .filter(|a| a.code.len() >= 3)
                .map(|a| a.code[..3].to_string())
                .collect(),
            GoldActors::Other(_) => Vec::new(),
        }
    }
}

#[derive(Deserialize)]
struct GoldRecord {
    id: String,
    text: String,
    event: String,
    #[serde(default)]
    source: Option<GoldActors>,
    #[serde(default)]
    target: Option<GoldActors>,
    #[serde(default)]
    language: Option<String>,
}

pub fn plover(lex: &Lexicon, file: &Path, verbose: bool) -> Result<ExitCode> {
    let coder = Coder::new(lex);
    let reader = std::io::BufReader::new(
        std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?,
    );
    let (mut sentences, mut hits, mut predicted_types, mut with_prediction) =
        (0usize, 0usize, 0usize, 0usize);
    let mut macro_precision = 0.0f64;
    let (mut gold_codes, mut found_codes) = (0usize, 0usize);
    let (mut gold_src, mut found_src) = (0usize, 0usize);
    let mut bad = 0usize;
    for (lineno, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let gold: GoldRecord = match serde_json::from_str(&line) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("vigie: {}:{}: {e}", file.display(), lineno + 1);
                bad += 1;
                continue;
            }
        };
        let Some(gold_type) = EventType::parse(&gold.event) else {
            eprintln!(
                "vigie: {}:{}: unknown event type {:?}",
                file.display(),
                lineno + 1,
                gold.event
            );
            bad += 1;
            continue;
        };
        sentences += 1;
        let lang = gold
            .language
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or(Lang::En);
        let article = Article::new(gold.id.clone(), gold.text.clone());
        let coded = coder.code(
            &article,
            &Options {
                lang: LangChoice::Force(lang),
                explain: false,
                min_confidence: 0.0,
            },
        );
        let types: BTreeSet<EventType> = coded.events.iter().map(|e| e.event_type).collect();
        if !types.is_empty() {
            with_prediction += 1;
            predicted_types += types.len();
        }
        let hit = types.contains(&gold_type);
        if hit {
            hits += 1;
            macro_precision += 1.0 / types.len() as f64;
            let mut predicted: BTreeSet<String> = BTreeSet::new();
            let mut predicted_src: BTreeSet<String> = BTreeSet::new();
            for e in coded.events.iter().filter(|e| e.event_type == gold_type) {
                for a in e.actor.iter() {
                    predicted.insert(a.code.clone());
                    predicted_src.insert(a.code.clone());
                }
                for a in e.recipient.iter() {
                    predicted.insert(a.code.clone());
                }
            }
            let src = gold.source.as_ref().map(|s| s.codes()).unwrap_or_default();
            let tgt = gold.target.as_ref().map(|s| s.codes()).unwrap_or_default();
            let all: BTreeSet<String> = src.iter().chain(tgt.iter()).cloned().collect();
            gold_codes += all.len();
            found_codes += all.iter().filter(|c| predicted.contains(*c)).count();
            let src: BTreeSet<String> = src.into_iter().collect();
            gold_src += src.len();
            found_src += src.iter().filter(|c| predicted_src.contains(*c)).count();
        }
        if verbose {
            println!(
                "{}\t{}\t{}\t{}",
                if hit { "HIT " } else { "MISS" },
                gold_type,
                types
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                gold.text
            );
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!("sentences: {sentences} (skipped {bad})");
    println!(
        "event-type recall: {:.3} ({hits}/{sentences})",
        ratio(hits, sentences)
    );
    println!(
        "event-type precision (hits / distinct types coded): {:.3} ({hits}/{predicted_types})",
        ratio(hits, predicted_types)
    );
    println!(
        "event-type precision (mean per hit sentence of 1/types): {:.3}",
        if hits == 0 {
            0.0
        } else {
            macro_precision / hits as f64
        }
    );
    println!("sentences with any event: {with_prediction}");
    println!(
        "actor country-code recall on hits (source+target): {:.3} ({found_codes}/{gold_codes})",
        ratio(found_codes, gold_codes)
    );
    println!(
        "source country-code recall on hits (as actor): {:.3} ({found_src}/{gold_src})",
        ratio(found_src, gold_src)
    );
    Ok(if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
