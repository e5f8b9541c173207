//! A dependency-free fuzzer for the parsers: random bytes and mutations of real articles fed
//! to the JSONL and text readers, the folding offset map, the sentence splitter and the whole
//! coder. Run: `cargo run --release --example fuzz -- SECONDS [SEED]`. Any panic aborts with
//! the input saved to `fuzz-crash-*.bin`.

use std::time::{Duration, Instant};
use vigie_code::{Coder, LangChoice, Options};
use vigie_model::Article;
use vigie_text::Lang;

/// xorshift64*: reproducible from the seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "«",
    "»",
    "\"",
    "’",
    "'",
    ".",
    ". ",
    "...",
    "…",
    "\n",
    "\n\n",
    " ",
    "\u{a0}",
    "\u{202f}",
    "M.",
    "Mme ",
    "U.S.",
    "e\u{301}",
    "œ",
    "ﬁ",
    "İ",
    "ß",
    "d’",
    "l'",
    "qu'",
    "-",
    "—",
    "à",
    "a-t-il",
    "{",
    "}",
    "\\u00e9",
    "\\ud800",
    "\u{0}",
    "\u{feff}",
    "14 ",
    "une dizaine de ",
    "12 000 ",
    "entre ",
    " et ",
    "contre ",
    "par ",
    "été ",
    "n'a aucun ",
    "selon ",
    "qui ",
    "la Russie",
    "les soldats turcs",
    "Heiko Maas",
    "a déclaré que ",
    "attaqué ",
    "ont été tués par ",
    "date 2020-02 ",
];

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut v = base.to_vec();
    for _ in 0..=rng.below(8) {
        match rng.below(5) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            1 => {
                let i = rng.below(v.len() + 1);
                let p = PIECES[rng.below(PIECES.len())].as_bytes();
                v.splice(i..i, p.iter().copied());
            }
            2 if v.len() > 2 => {
                let a = rng.below(v.len());
                let b = (a + rng.below(64)).min(v.len());
                v.drain(a..b);
            }
            3 if !v.is_empty() => {
                let a = rng.below(v.len());
                let b = (a + rng.below(200)).min(v.len());
                let chunk = v[a..b].to_vec();
                let i = rng.below(v.len() + 1);
                v.splice(i..i, chunk);
            }
            _ => {
                let n = rng.below(32);
                for _ in 0..n {
                    v.push(rng.next() as u8);
                }
            }
        }
    }
    v
}

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_u64);
    let data = vigie_lexicon::locate_data_dir(None);
    let lex = vigie_lexicon::Lexicon::load(&data).expect("lexicon");
    let time = vigie_time::TimeLexicon::load(&data).expect("time lexicon");
    let geo = vigie_geo::Geocoder::load(&data).expect("gazetteer");
    let coder = Coder::new(&lex).with_time(&time).with_geo(&geo);
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    for dir in ["examples", "../shared/seeds"] {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                if let Ok(bytes) = std::fs::read(e.path()) {
                    corpus.push(bytes);
                }
            }
        }
    }
    corpus.push(b"{\"id\":\"x\",\"text\":\"Les soldats turcs ont \xc3\xa9t\xc3\xa9 tu\xc3\xa9s.\",\"date\":\"2020-02\"}\n".to_vec());
    if let Ok(replay) = std::env::var("VIGIE_FUZZ_REPLAY") {
        corpus = vec![std::fs::read(replay).expect("replay file")];
    }
    let mut rng = Rng(seed | 1);
    let start = Instant::now();
    let mut runs: u64 = 0;
    let mut events: u64 = 0;
    while start.elapsed() < Duration::from_secs(seconds) {
        let base = &corpus[rng.below(corpus.len())];
        let input = if std::env::var_os("VIGIE_FUZZ_REPLAY").is_some() {
            corpus[0].clone()
        } else if rng.below(10) == 0 {
            (0..rng.below(512)).map(|_| rng.next() as u8).collect()
        } else {
            mutate(&mut rng, base)
        };
        let outcome = std::panic::catch_unwind(|| {
            let mut n = 0u64;
            let mut on_article = |a: Article| {
                // The offset map and sentence spans must stay inside the text.
                let analysed = vigie_text::analyse(&a.text, &lex.abbreviations);
                let chars = a.text.chars().count();
                for s in &analysed.sentences {
                    let (x, y) = analysed.span(s.first, s.last);
                    assert!(x <= y && y <= chars, "sentence span out of range");
                }
                // Toponyms, and spans given anywhere (even mid-word), stay inside the text.
                for t in geo.toponyms(&a.text, &analysed, Lang::Fr) {
                    assert!(
                        t.start <= t.end && t.end <= chars,
                        "toponym span out of range"
                    );
                }
                let spans: Vec<(usize, usize)> = (0..chars.min(40))
                    .step_by(7)
                    .map(|s| (s, (s + 5).min(chars)))
                    .collect();
                for t in geo
                    .resolve_spans(&a.text, &analysed, Lang::En, &spans)
                    .into_iter()
                    .flatten()
                {
                    assert!(t.end <= chars, "resolved span out of range");
                }
                for lang in [
                    LangChoice::Auto,
                    LangChoice::Force(Lang::Fr),
                    LangChoice::Force(Lang::En),
                ] {
                    for e in coder
                        .code(
                            &a,
                            &Options {
                                lang,
                                explain: true,
                                min_confidence: 0.0,
                            },
                        )
                        .events
                    {
                        assert!(
                            e.event_start <= e.event_end && e.event_end <= chars,
                            "event span out of range: {}..{} of {chars} ({})",
                            e.event_start,
                            e.event_end,
                            e.rule
                        );
                        assert!(e.text_info.end <= chars);
                        n += 1;
                    }
                }
            };
            let mut reader = &input[..];
            vigie_source::read_jsonl("fuzz", &mut reader, &mut on_article, &mut |_| {});
            let mut reader = &input[..];
            vigie_source::read_text(
                "fuzz",
                Some("t".into()),
                &mut reader,
                &mut on_article,
                &mut |_| {},
            );
            n
        });
        match outcome {
            Ok(n) => events += n,
            Err(_) => {
                let path = format!("fuzz-crash-{runs}.bin");
                std::fs::write(&path, &input).ok();
                eprintln!("crash after {runs} runs; input saved to {path}");
                std::process::exit(1);
            }
        }
        runs += 1;
    }
    println!("fuzz: {runs} inputs in {seconds} s, {events} events, no crash");
}
