//! Event sinks for stdout: JSONL and CSV.

use std::io::{self, Write};
use vigie_model::{coded_list, ActorRef, Event};
use vigie_store::csv_field;

pub fn write_jsonl(out: &mut impl Write, event: &Event) -> io::Result<()> {
    serde_json::to_writer(&mut *out, event).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

const CSV_HEADER: &str = "id,doc_id,event_type,mode,context,quad_code,cameo,actor_codes,actor_text,recipient_codes,recipient_text,date,enddate,date_precision,location,dead,injured,arrested,negated,modality,speaker,event_text,sentence,sentence_start,sentence_end,rule,confidence,lang";

pub fn write_csv_header(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")
}

fn texts(actors: &[ActorRef]) -> String {
    actors
        .iter()
        .map(|a| a.text.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

pub fn write_csv(out: &mut impl Write, e: &Event) -> io::Result<()> {
    let precision = e.date_precision.map(|p| format!("{p:?}").to_lowercase());
    let fields = [
        e.id.clone(),
        e.doc_id.clone(),
        e.event_type.to_string(),
        e.mode.clone(),
        e.context.join(";"),
        e.quad_code.to_string(),
        e.cameo.clone(),
        coded_list(&e.actor),
        texts(&e.actor),
        coded_list(&e.recipient),
        texts(&e.recipient),
        opt(e.date.clone()),
        opt(e.enddate.clone()),
        opt(precision),
        e.event_loc
            .as_ref()
            .map(|l| l.text.clone())
            .unwrap_or_default(),
        opt(e.size.dead),
        opt(e.size.injured),
        opt(e.size.arrested),
        e.negated.to_string(),
        format!("{:?}", e.modality).to_lowercase(),
        e.speaker
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default(),
        e.event_text.clone(),
        e.text_info.sentence.to_string(),
        e.text_info.start.to_string(),
        e.text_info.end.to_string(),
        e.rule.clone(),
        format!("{:.2}", e.confidence),
        e.lang.clone(),
    ];
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    writeln!(out, "{}", line.join(","))
}

/// One TIMEX3 expression as a JSONL line (fields in contract order).
pub fn write_timex(out: &mut impl Write, doc_id: &str, t: &vigie_time::Timex) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        doc_id: &'a str,
        start: usize,
        end: usize,
        text: &'a str,
        #[serde(rename = "type")]
        kind: &'static str,
        value: Option<&'a str>,
        precision: Option<vigie_model::DatePrecision>,
        range: Option<[&'a str; 2]>,
    }
    let line = Line {
        doc_id,
        start: t.start,
        end: t.end,
        text: &t.text,
        kind: t.kind.as_str(),
        value: t.value.as_deref(),
        precision: t.precision,
        range: t
            .range
            .as_ref()
            .map(|(first, last)| [first.as_str(), last.as_str()]),
    };
    serde_json::to_writer(&mut *out, &line).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
