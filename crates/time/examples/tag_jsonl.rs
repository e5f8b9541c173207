//! Developer aid: tag `{"id","text","date","lang"}` JSONL lines from stdin and print each
//! expression found (`id<TAB>start<TAB>end<TAB>type<TAB>value<TAB>text`).

use std::io::BufRead;
use vigie_model::PubDate;
use vigie_text::Lang;

fn field(line: &str, key: &str) -> Option<String> {
    // Tiny JSON string field reader for this aid only (inputs are produced by our scripts).
    let pat = format!("\"{key}\": \"");
    let start = line.find(&pat)? + pat.len();
    let mut out = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?).unwrap_or('?'));
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

fn main() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let lex = vigie_time::TimeLexicon::load(&data).expect("time lexicon");
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let (Some(id), Some(text)) = (field(&line, "id"), field(&line, "text")) else {
            continue;
        };
        let dct = field(&line, "date").and_then(|d| PubDate::parse(&d).ok());
        let lang = if field(&line, "lang").as_deref() == Some("en") {
            Lang::En
        } else {
            Lang::Fr
        };
        for t in vigie_time::tag(&lex, &text, lang, dct.as_ref()) {
            println!(
                "{id}\t{}\t{}\t{}\t{}\t{}",
                t.start,
                t.end,
                t.kind.as_str(),
                t.value.unwrap_or_default(),
                t.text.replace('\n', " ")
            );
        }
    }
}
