//! `vigie eval timebank`: TIMEX3 spans, types and values against an ISO-TimeML TimeBank
//! (`*.tml`, inline XML), scored as in TempEval-3.

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigie_model::PubDate;
use vigie_text::Lang;
use vigie_time::{TimeLexicon, Timex};

/// A gold TIMEX3 of a TimeML document.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    /// Code-point offsets in the document text, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: String,
    pub value: Option<String>,
}

/// A TimeML document: its creation time, its text (tags removed, entities decoded) and its
/// TIMEX3 annotations.
#[derive(Debug)]
pub struct TmlDoc {
    pub dct: String,
    pub text: String,
    pub timexes: Vec<GoldTimex>,
}

/// One XML tag, as written between `<` and `>`.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    attrs: Vec<(&'a str, String)>,
}

fn parse_tag(inner: &str) -> Result<Tag<'_>, String> {
    let (closing, body) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let (self_closing, body) = match body.strip_suffix('/') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let body = body.trim();
    let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
    let name = &body[..name_end];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || "_-:.".contains(c))
    {
        return Err(format!("bad tag <{inner}>"));
    }
    let mut attrs = Vec::new();
    let mut rest = body[name_end..].trim_start();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("attribute without value in <{inner}>"))?;
        let key = rest[..eq].trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(format!("bad attribute in <{inner}>"));
        }
        let after = rest[eq + 1..].trim_start();
        let quote = after
            .chars()
            .next()
            .filter(|&c| c == '"' || c == '\'')
            .ok_or_else(|| format!("unquoted attribute {key} in <{inner}>"))?;
        let close = after[1..]
            .find(quote)
            .ok_or_else(|| format!("unterminated attribute {key} in <{inner}>"))?;
        attrs.push((key, decode_entities(&after[1..1 + close])));
        rest = after[close + 2..].trim_start();
    }
    if closing && (self_closing || !attrs.is_empty()) {
        return Err(format!("bad closing tag <{inner}>"));
    }
    Ok(Tag {
        name,
        closing,
        self_closing,
        attrs,
    })
}

impl Tag<'_> {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Decodes the five XML entities and numeric character references; anything else is kept.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&j| j <= 10).and_then(|j| {
            let c = match &rest[1..j] {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                e => e
                    .strip_prefix("#x")
                    .or_else(|| e.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, j))
        });
        match decoded {
            Some((c, j)) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where the next tag starts and ends (`<`, `>`) from `from`, skipping comments,
/// processing instructions and declarations: `(lt, gt, is_markup_only)`.
fn next_tag(s: &str, from: usize) -> Option<Result<(usize, usize, bool), String>> {
    let lt = from + s[from..].find('<')?;
    let rest = &s[lt..];
    let (end_marker, skip) = if rest.starts_with("<!--") {
        ("-->", true)
    } else if rest.starts_with("<![CDATA[") {
        return Some(Err("CDATA sections are not supported".into()));
    } else if rest.starts_with("<?") {
        ("?>", true)
    } else if rest.starts_with("<!") {
        (">", true)
    } else {
        (">", false)
    };
    match rest.find(end_marker) {
        Some(i) => Some(Ok((lt, lt + i + end_marker.len() - 1, skip))),
        None => Some(Err(format!(
            "unterminated tag at byte {lt}: {:?}",
            rest.chars().take(40).collect::<String>()
        ))),
    }
}

/// Parses an inline ISO-TimeML document.
pub fn parse_tml(src: &str) -> Result<TmlDoc, String> {
    let mut dct: Option<String> = None;
    let mut text: Option<(String, Vec<GoldTimex>)> = None;
    let mut in_dct = false;
    let mut pos = 0;
    while let Some(found) = next_tag(src, pos) {
        let (lt, gt, skip) = found?;
        pos = gt + 1;
        if skip {
            continue;
        }
        let tag = parse_tag(&src[lt + 1..gt])?;
        match (tag.name, tag.closing) {
            ("DCT", false) if !tag.self_closing => in_dct = true,
            ("DCT", true) => in_dct = false,
            ("TIMEX3", false) if in_dct => {
                if dct.is_some() {
                    return Err("more than one TIMEX3 in <DCT>".into());
                }
                let value = tag
                    .attr("value")
                    .ok_or("the <DCT> TIMEX3 has no value attribute")?;
                dct = Some(value.to_string());
            }
            ("TEXT", false) if !tag.self_closing => {
                if text.is_some() {
                    return Err("more than one <TEXT>".into());
                }
                let (t, timexes, end) = scan_text(src, pos)?;
                text = Some((t, timexes));
                pos = end;
            }
            _ => {}
        }
    }
    let dct = dct.ok_or("no <DCT><TIMEX3 value=…/></DCT>")?;
    let (text, timexes) = text.ok_or("no <TEXT>…</TEXT>")?;
    Ok(TmlDoc { dct, text, timexes })
}

/// Strips the tags of a `<TEXT>` body starting at byte `from`, up to its `</TEXT>`: the text,
/// its TIMEX3 spans, and the byte just after `</TEXT>`.
fn scan_text(src: &str, from: usize) -> Result<(String, Vec<GoldTimex>, usize), String> {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut timexes = Vec::new();
    // Open tags: name, and for a TIMEX3 (start offset, start byte in `text`, type, value).
    type Open<'a> = (&'a str, Option<(usize, usize, String, Option<String>)>);
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut pos = from;
    loop {
        let Some(found) = next_tag(src, pos) else {
            return Err("<TEXT> is never closed".into());
        };
        let (lt, gt, skip) = found?;
        let chunk = decode_entities(&src[pos..lt]);
        chars += chunk.chars().count();
        text.push_str(&chunk);
        pos = gt + 1;
        if skip {
            continue;
        }
        let tag = parse_tag(&src[lt + 1..gt])?;
        if tag.closing {
            if tag.name == "TEXT" && stack.is_empty() {
                return Ok((text, timexes, pos));
            }
            let Some((open, timex)) = stack.pop() else {
                return Err(format!("</{}> without an opening tag in <TEXT>", tag.name));
            };
            if open != tag.name {
                return Err(format!("<{open}> closed by </{}> in <TEXT>", tag.name));
            }
            if let Some((start, byte_start, kind, value)) = timex {
                timexes.push(GoldTimex {
                    start,
                    end: chars,
                    text: text[byte_start..].to_string(),
                    kind,
                    value,
                });
            }
        } else if tag.self_closing {
            // Empty TIMEX3s (no text) have no span to find.
        } else {
            let timex = if tag.name == "TIMEX3" {
                let kind = tag
                    .attr("type")
                    .ok_or_else(|| format!("TIMEX3 without a type at byte {lt}"))?
                    .to_string();
                let value = tag.attr("value").map(str::to_string);
                Some((chars, text.len(), kind, value))
            } else {
                None
            };
            stack.push((tag.name, timex));
        }
    }
}

#[derive(Default)]
struct Counts {
    documents: usize,
    gold: usize,
    system: usize,
    strict: usize,
    relaxed: usize,
    same_type: usize,
    same_value: usize,
}

fn prf(tp: usize, system: usize, gold: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (p, r) = (ratio(tp, system), ratio(tp, gold));
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// One-to-one matching of gold and system spans, greedy by overlap (an exact span first on
/// ties): `(gold index, system index)` pairs.
fn match_spans(gold: &[(usize, usize)], system: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (g, &(gs, ge)) in gold.iter().enumerate() {
        for (s, &(ss, se)) in system.iter().enumerate() {
            let overlap = ge.min(se).saturating_sub(gs.max(ss));
            if overlap > 0 {
                let exact = (gs, ge) == (ss, se);
                candidates.push((overlap, exact, g, s));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    let mut gold_used = vec![false; gold.len()];
    let mut system_used = vec![false; system.len()];
    let mut pairs = Vec::new();
    for (_, _, g, s) in candidates {
        if !gold_used[g] && !system_used[s] {
            gold_used[g] = true;
            system_used[s] = true;
            pairs.push((g, s));
        }
    }
    pairs.sort_unstable();
    pairs
}

fn show_value(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("-")
}

fn score_doc(
    out: &mut impl Write,
    name: &str,
    doc: &TmlDoc,
    system: &[Timex],
    counts: &mut Counts,
    verbose: bool,
) -> std::io::Result<()> {
    counts.documents += 1;
    counts.gold += doc.timexes.len();
    counts.system += system.len();
    let gold_spans: Vec<_> = doc.timexes.iter().map(|t| (t.start, t.end)).collect();
    let system_spans: Vec<_> = system.iter().map(|t| (t.start, t.end)).collect();
    let pairs = match_spans(&gold_spans, &system_spans);
    let mut gold_matched = vec![false; doc.timexes.len()];
    let mut system_matched = vec![false; system.len()];
    for &(g, s) in &pairs {
        gold_matched[g] = true;
        system_matched[s] = true;
        let (gt, st) = (&doc.timexes[g], &system[s]);
        counts.relaxed += 1;
        let exact = gt.start == st.start && gt.end == st.end;
        counts.strict += usize::from(exact);
        let same_type = gt.kind == st.kind.as_str();
        counts.same_type += usize::from(same_type);
        let same_value = gt.value.is_some() && gt.value == st.value;
        counts.same_value += usize::from(same_value);
        if verbose && !(exact && same_type && same_value) {
            let what = match (exact, same_type, same_value) {
                (false, _, _) => "partial span",
                (true, false, _) => "wrong type",
                _ => "wrong value",
            };
            writeln!(
                out,
                "{name}: {what}: gold {:?} {} {} vs system {:?} {} {}",
                gt.text,
                gt.kind,
                show_value(&gt.value),
                st.text,
                st.kind.as_str(),
                show_value(&st.value)
            )?;
        }
    }
    if verbose {
        for (gt, _) in doc.timexes.iter().zip(&gold_matched).filter(|(_, m)| !**m) {
            writeln!(
                out,
                "{name}: miss: gold {:?} {} {} at {}..{}",
                gt.text,
                gt.kind,
                show_value(&gt.value),
                gt.start,
                gt.end
            )?;
        }
        for (st, _) in system.iter().zip(&system_matched).filter(|(_, m)| !**m) {
            writeln!(
                out,
                "{name}: false positive: system {:?} {} {} at {}..{}",
                st.text,
                st.kind.as_str(),
                show_value(&st.value),
                st.start,
                st.end
            )?;
        }
    }
    Ok(())
}

fn tml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no .tml files in {}", dir.display());
    }
    Ok(files)
}

pub fn timebank(lex: &TimeLexicon, dir: &Path, verbose: bool) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut counts = Counts::default();
    let mut failed = false;
    for path in tml_files(dir)? {
        let name = path.display().to_string();
        let doc = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "invalid UTF-8".to_string()))
            .and_then(|src| parse_tml(&src))
            .and_then(|doc| {
                let date = doc.dct.split('T').next().unwrap_or("");
                let dct = PubDate::parse(date).map_err(|e| format!("DCT: {e}"))?;
                Ok((doc, dct))
            });
        let (doc, dct) = match doc {
            Ok(d) => d,
            Err(e) => {
                eprintln!("vigie: {name}: malformed TimeML, skipped: {e}");
                failed = true;
                continue;
            }
        };
        let system = vigie_time::tag(lex, &doc.text, Lang::Fr, Some(&dct));
        score_doc(&mut out, &name, &doc, &system, &mut counts, verbose)?;
    }
    let c = &counts;
    writeln!(
        out,
        "documents: {}, gold timexes: {}, system timexes: {}",
        c.documents, c.gold, c.system
    )?;
    let (p, r, f) = prf(c.strict, c.system, c.gold);
    writeln!(out, "strict span: P={p:.3} R={r:.3} F1={f:.3}")?;
    let (p, r, f) = prf(c.relaxed, c.system, c.gold);
    writeln!(out, "relaxed span: P={p:.3} R={r:.3} F1={f:.3}")?;
    let accuracy = if c.relaxed == 0 {
        0.0
    } else {
        c.same_type as f64 / c.relaxed as f64
    };
    writeln!(out, "type accuracy: {accuracy:.3}")?;
    let (p, r, f) = prf(c.same_value, c.system, c.gold);
    writeln!(out, "value: P={p:.3} R={r:.3} F1={f:.3}")?;
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_inline_timeml() {
        let src = r#"<?xml version='1.0'?>
<!-- comment with <TEXT> inside -->
<TimeML><DOCID>d</DOCID>
<DCT><TIMEX3 value="2002-01-22T10:00" type='DATE' tid="t1"/></DCT>
<TEXT>Il <EVENT eid="e1">est</EVENT> arrivé <TIMEX3 value="2002-01-21" tid="t2" type="DATE">hier</TIMEX3> &amp; «partira» <TIMEX3 type="DURATION" value="P2D">dans <SIGNAL sid="s1">deux</SIGNAL> jours</TIMEX3>.<TIMEX3 tid="t9" type="DATE" value="2002"/></TEXT>
<TLINK lid="l1"/></TimeML>"#;
        let doc = parse_tml(src).unwrap();
        assert_eq!(doc.dct, "2002-01-22T10:00");
        assert_eq!(doc.text, "Il est arrivé hier & «partira» dans deux jours.");
        assert_eq!(doc.timexes.len(), 2);
        let chars: Vec<char> = doc.text.chars().collect();
        for t in &doc.timexes {
            assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
        }
        assert_eq!(doc.timexes[0].text, "hier");
        assert_eq!(doc.timexes[0].kind, "DATE");
        assert_eq!(doc.timexes[0].value.as_deref(), Some("2002-01-21"));
        assert_eq!(doc.timexes[1].text, "dans deux jours");
        assert_eq!(doc.timexes[1].value.as_deref(), Some("P2D"));
    }

    #[test]
    fn rejects_malformed() {
        assert!(parse_tml("<TimeML><TEXT>a</TEXT></TimeML>").is_err()); // no DCT
        let dct = r#"<DCT><TIMEX3 value="2002-01-22"/></DCT>"#;
        assert!(parse_tml(&format!("{dct}<TEXT>a <TIMEX3 type=\"DATE\">b</TEXT>")).is_err());
        assert!(parse_tml(&format!(
            "{dct}<TEXT>a <TIMEX3 type=\"DATE\">b</EVENT></TEXT>"
        ))
        .is_err());
        assert!(parse_tml(&format!("{dct}<TEXT>a <TIMEX3 type=DATE>b</TIMEX3></TEXT>")).is_err());
        assert!(parse_tml(&format!("{dct}<TEXT>a <TIMEX3 type=\"DATE\">b")).is_err());
        assert!(parse_tml(&format!("{dct}<TEXT>ok</TEXT>")).is_ok());
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode_entities("a &amp; b &lt;&gt;&quot;&apos; &#233;&#xE9; & x &foo;"),
            "a & b <>\"' éé & x &foo;"
        );
    }

    #[test]
    fn matching_is_one_to_one() {
        let pairs = match_spans(&[(0, 5), (10, 15)], &[(0, 12), (0, 5), (20, 22)]);
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
    }
}
