//! Sources: turn files, directories and stdin into [`Article`]s.
//!
//! A source never stops at a bad record: each problem is handed to the caller as a
//! [`SourceError`] naming the file and line, and reading goes on with the next record.

use flate2::read::MultiGzDecoder;
use serde::Deserialize;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use vigie_model::{Article, PubDate};

/// A problem with one record or one file; the rest of the input is still read.
#[derive(Debug, thiserror::Error)]
#[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct SourceError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl SourceError {
    fn new(path: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        SourceError {
            path: path.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// What a file holds, decided from its name (or its first byte for stdin).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Text,
}

fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json") {
        Some(Format::Jsonl)
    } else if name.ends_with(".txt") {
        Some(Format::Text)
    } else {
        None
    }
}

/// The article id of a text file: its name without `.gz` and `.txt`.
fn text_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let name = name.strip_suffix(".txt").unwrap_or(name);
    name.to_string()
}

/// Reads every input (files, directories recursively, `-` for stdin) in order, calling
/// `on_article` for each article and `on_error` for each problem.
pub fn read_inputs(
    inputs: &[PathBuf],
    on_article: &mut dyn FnMut(Article),
    on_error: &mut dyn FnMut(SourceError),
) {
    for input in inputs {
        if input.as_os_str() == "-" {
            let stdin = io::stdin();
            let mut lock = stdin.lock();
            read_stream("<stdin>", None, &mut lock, on_article, on_error);
        } else if input.is_dir() {
            let mut files = Vec::new();
            collect_dir(input, &mut files, on_error);
            files.sort();
            for file in files {
                read_file(&file, on_article, on_error);
            }
        } else {
            read_file(input, on_article, on_error);
        }
    }
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>, on_error: &mut dyn FnMut(SourceError)) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            on_error(SourceError::new(
                &dir.display().to_string(),
                None,
                e.to_string(),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_dir(&path, out, on_error);
        } else if format_of(&path).is_some() {
            out.push(path);
        }
    }
}

/// Reads one file; its format comes from its extension (unknown extensions are read as JSONL
/// if they start with `{`, else as text).
pub fn read_file(
    path: &Path,
    on_article: &mut dyn FnMut(Article),
    on_error: &mut dyn FnMut(SourceError),
) {
    let display = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return on_error(SourceError::new(&display, None, e.to_string())),
    };
    let is_gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let reader: Box<dyn Read> = if is_gz {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let format = format_of(path);
    let id = (format == Some(Format::Text)).then(|| text_id(path));
    match format {
        Some(Format::Text) => read_text(&display, id, &mut reader, on_article, on_error),
        _ => read_stream(&display, id, &mut reader, on_article, on_error),
    }
}

/// Reads a stream whose format is sniffed: JSONL if the first non-blank byte is `{`.
pub fn read_stream(
    display: &str,
    id: Option<String>,
    reader: &mut dyn BufRead,
    on_article: &mut dyn FnMut(Article),
    on_error: &mut dyn FnMut(SourceError),
) {
    let starts_with_brace = loop {
        match reader.fill_buf() {
            Ok([]) => return,
            Ok(buf) => {
                let blank = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
                if blank < buf.len() {
                    break buf[blank] == b'{';
                }
                let n = buf.len();
                reader.consume(n);
            }
            Err(e) => return on_error(SourceError::new(display, None, e.to_string())),
        }
    };
    if starts_with_brace {
        read_jsonl(display, reader, on_article, on_error);
    } else {
        let id = id.unwrap_or_else(|| display.trim_matches(['<', '>']).to_string());
        read_text(display, Some(id), reader, on_article, on_error);
    }
}

/// Metadata fields are taken when they are strings and ignored otherwise (gold files carry
/// a structured `source`), so extra structure never costs the article.
#[derive(Deserialize)]
struct JsonRecord {
    id: Option<serde_json::Value>,
    text: Option<String>,
    date: Option<serde_json::Value>,
    title: Option<serde_json::Value>,
    url: Option<serde_json::Value>,
    source: Option<serde_json::Value>,
    lang: Option<serde_json::Value>,
    language: Option<serde_json::Value>,
    spans: Option<serde_json::Value>,
}

fn string_field(v: Option<serde_json::Value>) -> Option<String> {
    match v {
        Some(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

/// Reads JSONL, one article per line; blank lines are skipped.
pub fn read_jsonl(
    display: &str,
    reader: &mut dyn BufRead,
    on_article: &mut dyn FnMut(Article),
    on_error: &mut dyn FnMut(SourceError),
) {
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => return on_error(SourceError::new(display, Some(number + 1), e.to_string())),
        }
        number += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match parse_record(&line) {
            Ok(article) => on_article(article),
            Err(message) => on_error(SourceError::new(display, Some(number), message)),
        }
    }
}

/// Parses one JSONL record into an article, or says what is wrong with it.
pub fn parse_record(line: &[u8]) -> Result<Article, String> {
    let text = std::str::from_utf8(line)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    let record: JsonRecord =
        serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let id = match record.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => return Err("missing or empty \"id\"".to_string()),
    };
    let body = match record.text {
        Some(t) if !t.trim().is_empty() => t,
        _ => return Err(format!("record {id:?} has no \"text\"")),
    };
    let date = match record.date {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(d)) if d.trim().is_empty() => None,
        Some(serde_json::Value::String(d)) => {
            Some(PubDate::parse(&d).map_err(|e| format!("record {id:?}: {e}"))?)
        }
        Some(other) => {
            return Err(format!(
                "record {id:?}: \"date\" must be a string, found {other}"
            ))
        }
    };
    let spans = parse_spans(record.spans, &id, &body)?;
    Ok(Article {
        id,
        text: body,
        date,
        title: string_field(record.title),
        url: string_field(record.url),
        source: string_field(record.source),
        lang: string_field(record.lang).or(string_field(record.language)),
        spans,
    })
}

/// `"spans": [{"start": 0, "end": 5}, …]`, each inside the text and not empty.
fn parse_spans(
    value: Option<serde_json::Value>,
    id: &str,
    text: &str,
) -> Result<Vec<vigie_model::TextSpan>, String> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let bad = |why: String| format!("record {id:?}: \"spans\" {why}");
    let list = match value {
        serde_json::Value::Null => return Ok(Vec::new()),
        serde_json::Value::Array(list) => list,
        other => return Err(bad(format!("must be a list, found {other}"))),
    };
    let chars = text.chars().count();
    let mut spans = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let field = |name: &str| item.get(name).and_then(serde_json::Value::as_u64);
        let (Some(start), Some(end)) = (field("start"), field("end")) else {
            return Err(bad(format!("item {i} needs integer \"start\" and \"end\"")));
        };
        let (start, end) = (start as usize, end as usize);
        if start >= end || end > chars {
            return Err(bad(format!(
                "item {i} ({start}..{end}) is empty or outside the text ({chars} characters)"
            )));
        }
        spans.push(vigie_model::TextSpan { start, end });
    }
    Ok(spans)
}

/// Reads a seed-style text file: an optional leading `date YYYY-MM[-DD]` token, then the
/// article.
pub fn read_text(
    display: &str,
    id: Option<String>,
    reader: &mut dyn BufRead,
    on_article: &mut dyn FnMut(Article),
    on_error: &mut dyn FnMut(SourceError),
) {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return on_error(SourceError::new(display, None, e.to_string()));
    }
    let content = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return on_error(SourceError::new(display, Some(line), "invalid UTF-8"));
        }
    };
    let id = id.unwrap_or_else(|| display.to_string());
    match parse_text_article(id, &content) {
        Ok(article) => on_article(article),
        Err(message) => on_error(SourceError::new(display, Some(1), message)),
    }
}

/// Splits the optional `date …` header off a text article.
pub fn parse_text_article(id: String, content: &str) -> Result<Article, String> {
    let trimmed = content.trim_start();
    let mut date = None;
    let mut text = content;
    if let Some(rest) = trimmed.strip_prefix("date") {
        if rest.starts_with(|c: char| c.is_whitespace()) {
            let rest = rest.trim_start();
            let token_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let token = &rest[..token_end];
            date = Some(PubDate::parse(token).map_err(|e| e.to_string())?);
            text = rest[token_end..].trim_start();
        }
    }
    if text.trim().is_empty() {
        return Err("empty article text".to_string());
    }
    Ok(Article {
        date,
        ..Article::new(id, text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect_jsonl(input: &[u8]) -> (Vec<Article>, Vec<SourceError>) {
        let mut arts = Vec::new();
        let mut errs = Vec::new();
        read_jsonl(
            "t.jsonl",
            &mut &input[..],
            &mut |a| arts.push(a),
            &mut |e| errs.push(e),
        );
        (arts, errs)
    }

    #[test]
    fn bad_lines_are_reported_and_the_rest_read() {
        let input = b"{\"id\":\"a\",\"text\":\"Un.\"}\nnot json\n\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"x\",\"date\":\"2019-02-30\"}\n{\"id\":\"d\",\"text\":\"Deux.\",\"date\":\"2020-02\"}\n\xff\xfe\n";
        let (arts, errs) = collect_jsonl(input);
        assert_eq!(
            arts.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["a", "d"]
        );
        let lines: Vec<_> = errs.iter().map(|e| e.line.unwrap()).collect();
        assert_eq!(lines, [2, 4, 5, 7]);
        assert!(errs[0].to_string().starts_with("t.jsonl:2: invalid JSON"));
        assert!(errs[2].to_string().contains("2019-02-30"));
    }

    #[test]
    fn text_header_is_removed_and_offsets_start_after_it() {
        let a = parse_text_article("s".into(), " date 2017-12 « La Russie »\n").unwrap();
        assert_eq!(a.text, "« La Russie »\n");
        assert_eq!(a.date.unwrap().date_string(), "2017-12");
        let b = parse_text_article("s".into(), "dates et chiffres").unwrap();
        assert_eq!(b.text, "dates et chiffres");
        assert!(b.date.is_none());
        assert!(parse_text_article("s".into(), "date 2017-13 x").is_err());
        assert!(parse_text_article("s".into(), "  \n").is_err());
    }

    proptest::proptest! {
        #[test]
        fn jsonl_reader_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            let _ = collect_jsonl(&bytes);
        }

        #[test]
        fn text_reader_never_panics(s in "\\PC{0,200}") {
            let _ = parse_text_article("x".into(), &s);
        }
    }
}
