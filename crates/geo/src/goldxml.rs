//! Geoparsing gold standards in XML, and scoring a geoparser against them.
//!
//! # Formats
//!
//! Two close XML layouts are read by the same parser, [`parse_gold_xml`]:
//!
//! * **GeoWebNews** (Gritta et al. 2019, "A Pragmatic Guide to Geoparsing
//!   Evaluation"):
//!
//!   ```text
//!   <articles>
//!     <article file="0">
//!       <title>…</title><link>…</link>
//!       <text>…</text>
//!       <toponyms>
//!         <toponym>
//!           <extractedName>Paris</extractedName>
//!           <normalisedName>Paris</normalisedName>
//!           <type>Literal</type>
//!           <modifierType/>
//!           <nonLocational>No</nonLocational>
//!           <start>10</start><end>15</end>
//!           <geonamesID>2988507</geonamesID>        (optional, may be empty)
//!           <latitude>48.85</latitude>              (optional)
//!           <longitude>2.35</longitude>             (optional)
//!         </toponym>
//!   ```
//!
//! * **LGL / TR-News** (Lieberman et al. 2010, Kamalloo & Rafiei 2018, in the
//!   versions redistributed by Gritta et al.):
//!
//!   ```text
//!   <articles>
//!     <article docid="1040001">
//!       <feedid/>? <title/>? <url/>? <domain/>? <dltime/>?
//!       <text><![CDATA[…]]></text>
//!       <toponyms>
//!         <toponym>
//!           <phrase>Turkish</phrase><start>2</start><end>9</end>
//!           <gaztag geonameid="298795">                (absent = no gold location)
//!             <name>Turkey</name><fclass>A</fclass><fcode>PCLI</fcode>
//!             <lat>39</lat><lon>35</lon>
//!             <country geonameid="298795">Turkey</country><admin1>…</admin1>
//!           </gaztag>
//!         </toponym>
//!   ```
//!
//! Field names are matched ASCII-case-insensitively and without namespace
//! prefix; scalar fields are accepted either as child elements or as
//! attributes (of `<toponym>`, or of `<gaztag>` for the gazetteer fields).
//! Only `<gaztag>`'s *own* `geonameid` is read, never the one carried by its
//! `<country>` child. Unknown elements are ignored.
//!
//! # Offsets
//!
//! `start`/`end` are half-open offsets counted in Unicode code points
//! (Python `str` indices) into the article text *after* XML parsing: entity
//! and character references resolved, CDATA unwrapped, line ends normalised
//! to `\n` as XML 1.0 requires. This was checked on GeoWebNews: 6,607 of its
//! 6,612 toponyms (99.92%) satisfy `text[start..end] == extractedName` in code
//! points, against 3,010 when counted in UTF-8 bytes. The five exceptions (in
//! articles 123 and 255) carry negative offsets: they annotate the article's
//! title/summary, which is not part of `<text>`. Such toponyms are kept, with
//! [`GoldToponym::span_valid`] set to `false` (negative offsets are stored as
//! 0). Use [`char_slice`] or [`GoldToponym::surface`] to cut a span out of
//! the text.

use std::borrow::Cow;

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use rustc_hash::FxHashMap;

/// Half the Earth's circumference, in km: the error charged to a gold toponym
/// the geoparser left unresolved (Gritta et al. 2018).
pub const MAX_ERROR_KM: f64 = 20039.0;

/// Mean Earth radius (IUGG), in km, used by [`haversine_km`].
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The accuracy threshold of [`ResolutionScores::acc_161`]: 161 km (100 miles).
pub const ACC_THRESHOLD_KM: f64 = 161.0;

/// GeoWebNews annotation types that are *not* toponyms: location expressions
/// ("the city", "residents") and other non-toponym annotations. They are kept
/// in [`GoldDoc::toponyms`] but never count as gold for recognition.
pub const NON_TOPONYM_KINDS: &[&str] = &["Literal_Expression", "Non_Lit_Expression", "Non_Toponym"];

/// Maximum element nesting accepted by the parser (the corpora use 5 levels).
const MAX_DEPTH: usize = 64;

/// One annotated article.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDoc {
    /// `file` (GeoWebNews) or `docid` (LGL, TR-News) attribute of `<article>`;
    /// else an `<id>`/`<docid>` child; else the article's 0-based index.
    pub id: String,
    /// `<title>`, trimmed; empty when absent.
    pub title: String,
    /// `<text>`, exactly as parsed (not trimmed): offsets point into it.
    pub text: String,
    /// Annotations in file order.
    pub toponyms: Vec<GoldToponym>,
}

/// One annotation of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldToponym {
    /// Start offset in code points into [`GoldDoc::text`] (0 if negative in the file).
    pub start: usize,
    /// End offset (exclusive) in code points (0 if negative in the file).
    pub end: usize,
    /// Surface form: `<extractedName>` (GWN) or `<phrase>` (LGL/TR-News); if
    /// absent, the text span when it is valid; else empty.
    pub name: String,
    /// `<geonamesID>` (GWN) or `<gaztag geonameid="…">` (LGL/TR-News).
    pub geonameid: Option<u64>,
    /// Gold latitude, degrees; `None` when the annotation has no location.
    pub lat: Option<f64>,
    /// Gold longitude, degrees; `None` when the annotation has no location.
    pub lon: Option<f64>,
    /// GeoWebNews `<nonLocational>Yes</nonLocational>`; `false` when absent.
    pub non_locational: bool,
    /// GeoWebNews `<type>` (e.g. `Literal`, `Metonymic`, `Non_Lit_Expression`);
    /// empty for LGL/TR-News.
    pub kind: String,
    /// Whether `0 <= start <= end <= text length` held for the offsets in the
    /// file, i.e. whether `text[start..end]` is a real span.
    pub span_valid: bool,
    /// Canonical name: `<normalisedName>` (GWN) or `<gaztag><name>`; may be empty.
    pub normalized_name: String,
    /// GeoNames feature class (`<gaztag><fclass>`); empty when absent.
    pub feature_class: String,
    /// GeoNames feature code (`<gaztag><fcode>`); empty when absent.
    pub feature_code: String,
}

impl GoldToponym {
    /// Both gold coordinates, when present.
    pub fn coordinates(&self) -> Option<(f64, f64)> {
        Some((self.lat?, self.lon?))
    }

    /// The annotated span of `text` (the document's text), if the span is valid.
    pub fn surface<'a>(&self, text: &'a str) -> Option<&'a str> {
        if self.span_valid {
            char_slice(text, self.start, self.end)
        } else {
            None
        }
    }

    /// Whether this annotation is gold for toponym recognition (geotagging):
    /// a toponym of one of the eleven GeoWebNews toponym types, literal
    /// (Literal, Literal_Modifier, Mixed, Coercion, Embedded_Literal) or
    /// associative (Metonymic, Non_Literal_Modifier, Embedded_Non_Lit,
    /// Demonym, Language, Homonym), as in the Pragmatic Taxonomy of Toponyms
    /// (Gritta et al. 2019, Table 1), with a span that lies in the text.
    /// Location expressions and other non-toponyms ([`NON_TOPONYM_KINDS`], and
    /// anything flagged non-locational) do not count. LGL/TR-News annotations
    /// have no type and all count. On GeoWebNews this gives 2,718 gold
    /// toponyms (the taxonomy's 2,720 less two whose offsets are negative).
    pub fn counts_for_recognition(&self) -> bool {
        self.span_valid && !self.non_locational && !NON_TOPONYM_KINDS.contains(&self.kind.as_str())
    }
}

/// A malformed gold-standard file.
#[derive(Debug, thiserror::Error)]
pub enum GoldXmlError {
    /// The input is not well-formed XML.
    #[error("XML syntax error at {location}{context}: {message}")]
    Syntax {
        /// Line, column and byte offset of the error.
        location: String,
        /// `" (in article #i, id …)"` when inside an article, else empty.
        context: String,
        message: String,
    },
    /// Well-formed XML, but not an `<articles>` corpus.
    #[error("not a gold-standard corpus (at {location}): {message}")]
    Structure { location: String, message: String },
    /// A problem with an article's own fields.
    #[error("article #{index} (id {id:?}) at {location}: {message}")]
    Article {
        /// 0-based index of the article in the file.
        index: usize,
        id: String,
        location: String,
        message: String,
    },
    /// A problem with one annotation of an article.
    #[error("article #{article_index} (id {article_id:?}), toponym #{toponym_index} at {location}: {message}")]
    Toponym {
        article_index: usize,
        article_id: String,
        /// 0-based index of the toponym within the article.
        toponym_index: usize,
        location: String,
        message: String,
    },
}

/// `"line L, column C (byte B)"` for a byte offset into `xml` (column in bytes, 1-based).
fn location(xml: &str, pos: usize) -> String {
    let bytes = xml.as_bytes();
    let pos = pos.min(bytes.len());
    let before = &bytes[..pos];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    format!("line {line}, column {} (byte {pos})", pos - line_start + 1)
}

fn to_usize(pos: u64) -> usize {
    usize::try_from(pos).unwrap_or(usize::MAX)
}

/// The substring of `text` between code-point offsets `start` (inclusive)
/// and `end` (exclusive); `None` when out of range or `start > end`.
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut begin_byte = None;
    for (count, (byte, _)) in text.char_indices().enumerate() {
        if count == start {
            begin_byte = Some(byte);
        }
        if count == end {
            return begin_byte.map(|b| &text[b..byte]);
        }
    }
    let n = text.chars().count();
    if end == n {
        let b = if start == n { text.len() } else { begin_byte? };
        Some(&text[b..])
    } else {
        None
    }
}

// ---------------------------------------------------------------------------
// A minimal element tree.

#[derive(Debug)]
struct Node {
    /// Local name (namespace prefix removed).
    name: String,
    attrs: Vec<(String, String)>,
    /// Direct character data, concatenated (references resolved, CDATA unwrapped).
    text: String,
    children: Vec<Node>,
    /// Byte offset of the element's `<`.
    pos: usize,
}

impl Node {
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.is(name))
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// First of `names` found as a child element (its text) or else as an
    /// attribute, trimmed, with the byte position of its element.
    fn field(&self, names: &[&str]) -> Option<(&str, usize)> {
        for n in names {
            if let Some(c) = self.child(n) {
                return Some((c.text.trim(), c.pos));
            }
        }
        for n in names {
            if let Some(v) = self.attr(n) {
                return Some((v.trim(), self.pos));
            }
        }
        None
    }

    /// Like [`Node::field`], but an empty value counts as absent.
    fn nonempty_field(&self, names: &[&str]) -> Option<(&str, usize)> {
        self.field(names).filter(|(v, _)| !v.is_empty())
    }
}

fn local_name(raw: &[u8]) -> String {
    let local = match raw.iter().rposition(|&b| b == b':') {
        Some(i) => &raw[i + 1..],
        None => raw,
    };
    String::from_utf8_lossy(local).into_owned()
}

struct TreeBuilder<'x> {
    xml: &'x str,
    stack: Vec<Node>,
    root: Option<Node>,
    articles_opened: usize,
    /// (index, id) of the article being read, for error messages.
    current_article: Option<(usize, String)>,
}

impl<'x> TreeBuilder<'x> {
    fn syntax(&self, pos: usize, message: impl Into<String>) -> GoldXmlError {
        let context = match &self.current_article {
            Some((i, id)) => format!(" (in article #{i}, id {id:?})"),
            None => String::new(),
        };
        GoldXmlError::Syntax {
            location: location(self.xml, pos),
            context,
            message: message.into(),
        }
    }

    fn open(
        &mut self,
        start: &BytesStart<'_>,
        decoder: quick_xml::encoding::Decoder,
        pos: usize,
    ) -> Result<Node, GoldXmlError> {
        let name = local_name(start.name().as_ref());
        let mut attrs = Vec::new();
        for attr in start.attributes() {
            let attr =
                attr.map_err(|e| self.syntax(pos, format!("bad attribute in <{name}>: {e}")))?;
            let key = local_name(attr.key.as_ref());
            let value = attr.decode_and_unescape_value(decoder).map_err(|e| {
                self.syntax(
                    pos,
                    format!("bad value of attribute {key:?} in <{name}>: {e}"),
                )
            })?;
            attrs.push((key, value.into_owned()));
        }
        if self.stack.len() == 1 && name.eq_ignore_ascii_case("article") {
            let id = ["file", "docid", "id"]
                .iter()
                .find_map(|k| attrs.iter().find(|(a, _)| a.eq_ignore_ascii_case(k)))
                .map_or_else(
                    || self.articles_opened.to_string(),
                    |(_, v)| v.trim().to_string(),
                );
            self.current_article = Some((self.articles_opened, id));
            self.articles_opened += 1;
        }
        Ok(Node {
            name,
            attrs,
            text: String::new(),
            children: Vec::new(),
            pos,
        })
    }

    /// Attaches a finished element to its parent, or makes it the root.
    fn close(&mut self, node: Node) -> Result<(), GoldXmlError> {
        if self.stack.len() == 1 && node.is("article") {
            self.current_article = None;
        }
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => {
                if self.root.is_some() {
                    return Err(
                        self.syntax(node.pos, format!("second root element <{}>", node.name))
                    );
                }
                self.root = Some(node);
            }
        }
        Ok(())
    }

    fn push_text(&mut self, text: &str, pos: usize) -> Result<(), GoldXmlError> {
        match self.stack.last_mut() {
            Some(top) => {
                top.text.push_str(text);
                Ok(())
            }
            None if text.trim().is_empty() => Ok(()),
            None => Err(self.syntax(pos, "character data outside the root element")),
        }
    }
}

fn build_tree(xml: &str) -> Result<Node, GoldXmlError> {
    let mut reader = Reader::from_str(xml);
    let decoder = reader.decoder();
    let mut b = TreeBuilder {
        xml,
        stack: Vec::new(),
        root: None,
        articles_opened: 0,
        current_article: None,
    };
    loop {
        let pos = to_usize(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => return Err(b.syntax(to_usize(reader.error_position()), e.to_string())),
        };
        match event {
            Event::Start(s) => {
                if b.stack.len() >= MAX_DEPTH {
                    return Err(b.syntax(
                        pos,
                        format!("elements nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let node = b.open(&s, decoder, pos)?;
                b.stack.push(node);
            }
            Event::Empty(s) => {
                let node = b.open(&s, decoder, pos)?;
                b.close(node)?;
            }
            Event::End(e) => {
                let Some(node) = b.stack.pop() else {
                    let name = local_name(e.name().as_ref());
                    return Err(b.syntax(
                        pos,
                        format!("closing tag </{name}> without an open element"),
                    ));
                };
                b.close(node)?;
            }
            Event::Text(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| b.syntax(pos, e.to_string()))?;
                b.push_text(&s, pos)?;
            }
            Event::CData(c) => {
                let s = c
                    .xml10_content()
                    .map_err(|e| b.syntax(pos, e.to_string()))?;
                b.push_text(&s, pos)?;
            }
            Event::GeneralRef(r) => {
                let resolved: Cow<'_, str> = match r.resolve_char_ref() {
                    Ok(Some(ch)) => Cow::Owned(ch.to_string()),
                    Ok(None) => {
                        let name = r.decode().map_err(|e| b.syntax(pos, e.to_string()))?;
                        match resolve_xml_entity(&name) {
                            Some(s) => Cow::Borrowed(s),
                            None => return Err(b.syntax(pos, format!("unknown entity &{name};"))),
                        }
                    }
                    Err(e) => return Err(b.syntax(pos, format!("bad character reference: {e}"))),
                };
                b.push_text(&resolved, pos)?;
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = b.stack.last() {
        return Err(b.syntax(
            xml.len(),
            format!(
                "input ends inside <{}> opened at {}",
                open.name,
                location(xml, open.pos)
            ),
        ));
    }
    b.root.ok_or_else(|| GoldXmlError::Structure {
        location: location(xml, 0),
        message: "no root element".into(),
    })
}

// ---------------------------------------------------------------------------
// From the tree to documents.

/// Parses a GeoWebNews, LGL or TR-News gold-standard file (see the module
/// documentation for the layouts and the offset convention).
///
/// Never panics; malformed input yields an error naming the article (index
/// and id), the toponym when relevant, and the line/column of the problem.
pub fn parse_gold_xml(xml: &str) -> Result<Vec<GoldDoc>, GoldXmlError> {
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let root = build_tree(xml)?;
    if !root.is("articles") {
        return Err(GoldXmlError::Structure {
            location: location(xml, root.pos),
            message: format!("root element is <{}>, expected <articles>", root.name),
        });
    }
    root.children
        .iter()
        .filter(|c| c.is("article"))
        .enumerate()
        .map(|(index, article)| convert_article(xml, index, article))
        .collect()
}

fn convert_article(xml: &str, index: usize, node: &Node) -> Result<GoldDoc, GoldXmlError> {
    let id = ["file", "docid", "id"]
        .iter()
        .filter_map(|k| node.attr(k))
        .chain(
            ["docid", "id"]
                .iter()
                .filter_map(|k| node.child(k))
                .map(|c| c.text.as_str()),
        )
        .map(str::trim)
        .find(|v| !v.is_empty())
        .map_or_else(|| index.to_string(), str::to_string);
    let article_err = |pos: usize, message: String| GoldXmlError::Article {
        index,
        id: id.clone(),
        location: location(xml, pos),
        message,
    };

    let mut texts = node.children.iter().filter(|c| c.is("text"));
    let text_node = texts
        .next()
        .ok_or_else(|| article_err(node.pos, "missing <text>".into()))?;
    if let Some(second) = texts.next() {
        return Err(article_err(second.pos, "more than one <text>".into()));
    }
    if let Some(child) = text_node.children.first() {
        return Err(article_err(
            child.pos,
            format!(
                "<text> contains an element <{}>; offsets would be ambiguous",
                child.name
            ),
        ));
    }
    let text = text_node.text.clone();
    let title = node
        .child("title")
        .map(|t| t.text.trim().to_string())
        .unwrap_or_default();
    let char_len = text.chars().count();

    let mut toponyms = Vec::new();
    for list in node.children.iter().filter(|c| c.is("toponyms")) {
        for t in list.children.iter().filter(|c| c.is("toponym")) {
            let toponym_index = toponyms.len();
            let toponym_err = |pos: usize, message: String| GoldXmlError::Toponym {
                article_index: index,
                article_id: id.clone(),
                toponym_index,
                location: location(xml, pos),
                message,
            };
            toponyms.push(convert_toponym(t, &text, char_len, &toponym_err)?);
        }
    }
    Ok(GoldDoc {
        id,
        title,
        text,
        toponyms,
    })
}

fn convert_toponym(
    t: &Node,
    text: &str,
    char_len: usize,
    err: &dyn Fn(usize, String) -> GoldXmlError,
) -> Result<GoldToponym, GoldXmlError> {
    let offset = |field: &str| -> Result<i64, GoldXmlError> {
        let (v, pos) = t
            .field(&[field])
            .ok_or_else(|| err(t.pos, format!("missing <{field}>")))?;
        v.parse::<i64>()
            .map_err(|_| err(pos, format!("<{field}> is not an integer: {v:?}")))
    };
    let raw_start = offset("start")?;
    let raw_end = offset("end")?;
    let start = usize::try_from(raw_start).unwrap_or(0);
    let end = usize::try_from(raw_end).unwrap_or(0);
    let span_valid = raw_start >= 0 && raw_start <= raw_end && end <= char_len;

    let gaz = t.child("gaztag");
    let gaz_field = |names: &[&str]| gaz.and_then(|g| g.nonempty_field(names));

    let name = match t.nonempty_field(&["extractedName", "phrase"]) {
        Some((v, _)) => v.to_string(),
        None if span_valid => char_slice(text, start, end).unwrap_or_default().to_string(),
        None => String::new(),
    };
    let normalized_name = t
        .nonempty_field(&["normalisedName", "normalizedName"])
        .or_else(|| gaz_field(&["name"]))
        .map(|(v, _)| v.to_string())
        .unwrap_or_default();
    let kind = t
        .field(&["type"])
        .map(|(v, _)| v.to_string())
        .unwrap_or_default();
    let non_locational = match t.field(&["nonLocational"]) {
        None => false,
        Some((v, pos)) => match v.to_ascii_lowercase().as_str() {
            "yes" | "true" | "1" | "y" => true,
            "no" | "false" | "0" | "n" | "" => false,
            _ => {
                return Err(err(
                    pos,
                    format!("<nonLocational> is neither Yes nor No: {v:?}"),
                ))
            }
        },
    };

    let geonameid = match t
        .nonempty_field(&["geonamesID", "geonameid", "geonameID"])
        .or_else(|| gaz_field(&["geonameid", "geonamesID"]))
    {
        None => None,
        Some((v, pos)) => Some(v.parse::<u64>().map_err(|_| {
            err(
                pos,
                format!("geonameid is not a non-negative integer: {v:?}"),
            )
        })?),
    };

    let coord = |toponym_names: &[&str],
                 gaz_names: &[&str],
                 what: &str,
                 limit: f64|
     -> Result<Option<f64>, GoldXmlError> {
        match t
            .nonempty_field(toponym_names)
            .or_else(|| gaz_field(gaz_names))
        {
            None => Ok(None),
            Some((v, pos)) => match v.parse::<f64>() {
                Ok(x) if x.is_finite() && x.abs() <= limit => Ok(Some(x)),
                _ => Err(err(
                    pos,
                    format!("{what} is not a number in [-{limit}, {limit}]: {v:?}"),
                )),
            },
        }
    };
    let lat = coord(&["latitude", "lat"], &["lat", "latitude"], "latitude", 90.0)?;
    let lon = coord(
        &["longitude", "lon", "lng"],
        &["lon", "lng", "longitude"],
        "longitude",
        180.0,
    )?;
    if lat.is_some() != lon.is_some() {
        let missing = if lat.is_some() {
            "longitude"
        } else {
            "latitude"
        };
        return Err(err(t.pos, format!("has one coordinate but no {missing}")));
    }

    let feature_class = gaz_field(&["fclass"])
        .map(|(v, _)| v.to_string())
        .unwrap_or_default();
    let feature_code = gaz_field(&["fcode"])
        .map(|(v, _)| v.to_string())
        .unwrap_or_default();

    Ok(GoldToponym {
        start,
        end,
        name,
        geonameid,
        lat,
        lon,
        non_locational,
        kind,
        span_valid,
        normalized_name,
        feature_class,
        feature_code,
    })
}

// ---------------------------------------------------------------------------
// Scoring.

/// Great-circle distance in km between two points given in degrees
/// (haversine formula, mean Earth radius [`EARTH_RADIUS_KM`]).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().clamp(0.0, 1.0).asin()
}

/// A geoparser's answer for one gold toponym.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    /// Span the geoparser found (informative; alignment is by position in the list).
    pub start: usize,
    pub end: usize,
    pub geonameid: Option<u64>,
    pub lat: f64,
    pub lon: f64,
}

/// Toponym resolution (geocoding) scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResolutionScores {
    /// Gold toponyms with both coordinates: the denominator of every distance metric.
    pub gold_with_coordinates: usize,
    /// How many of those received a (finite) prediction.
    pub resolved: usize,
    /// Share of gold toponyms whose error is at most 161 km.
    pub acc_161: f64,
    /// Median error, km.
    pub median_km: f64,
    /// Mean error, km.
    pub mean_km: f64,
    /// Normalised area under the curve of `ln(1 + error)` over the sorted
    /// errors (trapezoidal rule), divided by `ln(20039)`, as in Gritta et al.
    /// 2018 ("What's missing in geographical parsing?"): 0 is best, 1 worst.
    pub auc: f64,
    /// Share of gold toponyms carrying a geonameid whose predicted geonameid
    /// is equal (unresolved or id-less predictions disagree).
    pub geonameid_agreement: f64,
}

/// Scores geocoding against the gold standard.
///
/// `predicted[d][t]` is the prediction for gold toponym `t` of document `d`
/// (same order as `gold`), `None` when the geoparser gave none; missing
/// documents or trailing entries count as `None`, and extra ones are ignored.
///
/// Distance metrics (`acc_161`, `median_km`, `mean_km`, `auc`) are computed
/// over every gold toponym that has both coordinates (whatever its kind or
/// span validity; filter `gold` and `predicted` alike beforehand to score a
/// subset). A gold toponym left unresolved — `None`, or a prediction with
/// non-finite coordinates — counts as an error of [`MAX_ERROR_KM`] = 20039 km
/// (half the Earth's circumference) in all of them, so recall failures weigh
/// on accuracy, median, mean and AUC. With no gold coordinates at all, every
/// score is 0.
pub fn score_resolution(
    gold: &[GoldDoc],
    predicted: &[Vec<Option<Prediction>>],
) -> ResolutionScores {
    let mut errors = Vec::new();
    let mut resolved = 0;
    let (mut with_id, mut id_agree) = (0usize, 0usize);
    for (d, doc) in gold.iter().enumerate() {
        for (t, top) in doc.toponyms.iter().enumerate() {
            let pred = predicted
                .get(d)
                .and_then(|v| v.get(t))
                .and_then(Option::as_ref)
                .filter(|p| p.lat.is_finite() && p.lon.is_finite());
            if let Some(gid) = top.geonameid {
                with_id += 1;
                if pred.and_then(|p| p.geonameid) == Some(gid) {
                    id_agree += 1;
                }
            }
            if let Some((lat, lon)) = top.coordinates() {
                let err = match pred {
                    Some(p) => {
                        resolved += 1;
                        haversine_km(lat, lon, p.lat, p.lon).min(MAX_ERROR_KM)
                    }
                    None => MAX_ERROR_KM,
                };
                errors.push(err);
            }
        }
    }
    let mut scores = ResolutionScores {
        gold_with_coordinates: errors.len(),
        resolved,
        geonameid_agreement: ratio(id_agree, with_id),
        ..ResolutionScores::default()
    };
    if errors.is_empty() {
        return scores;
    }
    errors.sort_by(f64::total_cmp);
    let n = errors.len();
    scores.acc_161 = ratio(errors.iter().filter(|&&e| e <= ACC_THRESHOLD_KM).count(), n);
    scores.median_km = if n % 2 == 1 {
        errors[n / 2]
    } else {
        (errors[n / 2 - 1] + errors[n / 2]) / 2.0
    };
    scores.mean_km = errors.iter().sum::<f64>() / n as f64;
    let logs: Vec<f64> = errors.iter().map(|e| e.ln_1p()).collect();
    let area = if n == 1 {
        logs[0]
    } else {
        logs.windows(2).map(|w| (w[0] + w[1]) / 2.0).sum::<f64>() / (n - 1) as f64
    };
    scores.auc = (area / MAX_ERROR_KM.ln()).clamp(0.0, 1.0);
    scores
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Toponym recognition (geotagging) scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecognitionScores {
    /// Gold toponyms (see [`GoldToponym::counts_for_recognition`]).
    pub gold: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Gold–prediction pairs matched one-to-one.
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Scores toponym recognition: `predicted[d]` lists the `(start, end)`
/// code-point spans the geoparser found in document `d`.
///
/// Gold is every annotation for which
/// [`GoldToponym::counts_for_recognition`] holds: the toponyms of the
/// GeoWebNews taxonomy, literal and associative alike, without location
/// expressions or other non-toponyms (whose spans, if predicted, are false
/// positives). Matching is one-to-one: each gold toponym and each prediction
/// is used at most once. With `strict`, a match needs identical spans;
/// otherwise the spans need only overlap (share at least one code point), and
/// the number of matches is maximised. Predictions for documents beyond
/// `gold.len()` count as false positives.
pub fn score_recognition(
    gold: &[GoldDoc],
    predicted: &[Vec<(usize, usize)>],
    strict: bool,
) -> RecognitionScores {
    let mut scores = RecognitionScores::default();
    for (d, doc) in gold.iter().enumerate() {
        let spans: Vec<(usize, usize)> = doc
            .toponyms
            .iter()
            .filter(|t| t.counts_for_recognition())
            .map(|t| (t.start, t.end))
            .collect();
        let preds: &[(usize, usize)] = predicted.get(d).map_or(&[], Vec::as_slice);
        scores.gold += spans.len();
        scores.predicted += preds.len();
        scores.matched += if strict {
            match_exact(&spans, preds)
        } else {
            match_overlap(&spans, preds)
        };
    }
    scores.predicted += predicted
        .iter()
        .skip(gold.len())
        .map(Vec::len)
        .sum::<usize>();
    scores.precision = ratio(scores.matched, scores.predicted);
    scores.recall = ratio(scores.matched, scores.gold);
    let sum = scores.precision + scores.recall;
    scores.f1 = if sum > 0.0 {
        2.0 * scores.precision * scores.recall / sum
    } else {
        0.0
    };
    scores
}

fn match_exact(gold: &[(usize, usize)], preds: &[(usize, usize)]) -> usize {
    let mut available: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    for &g in gold {
        *available.entry(g).or_insert(0) += 1;
    }
    preds
        .iter()
        .filter(|p| match available.get_mut(p) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// Maximum one-to-one matching of overlapping intervals: take gold spans by
/// increasing end, each with the unused overlapping prediction that ends
/// first (optimal by an exchange argument on interval graphs).
fn match_overlap(gold: &[(usize, usize)], preds: &[(usize, usize)]) -> usize {
    let mut gold = gold.to_vec();
    gold.sort_by_key(|&(s, e)| (e, s));
    let mut preds = preds.to_vec();
    preds.sort_by_key(|&(s, e)| (e, s));
    let mut used = vec![false; preds.len()];
    let mut matched = 0;
    for (gs, ge) in gold {
        let hit = preds
            .iter()
            .enumerate()
            .position(|(i, &(ps, pe))| !used[i] && ps < ge && gs < pe && ps < pe && gs < ge);
        if let Some(i) = hit {
            used[i] = true;
            matched += 1;
        }
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GWN: &str = r#"<?xml version="1.0" ?>
<articles>
	<!-- a comment -->
	<article file="7">
		<title>Floods in Paris</title>
		<link>http://example.org/x</link>
		<text>Paris flooded. Residents of the French capital left for Lyon.</text>
		<toponyms>
			<toponym>
				<extractedName>Paris</extractedName>
				<normalisedName>Paris</normalisedName>
				<type>Literal</type>
				<modifierType/>
				<nonLocational>No</nonLocational>
				<start>0</start>
				<end>5</end>
				<geonamesID>2988507</geonamesID>
				<latitude>48.85341</latitude>
				<longitude>2.3488</longitude>
			</toponym>
			<toponym>
				<extractedName>Residents</extractedName>
				<normalisedName/>
				<type>Non_Lit_Expression</type>
				<modifierType/>
				<nonLocational>Yes</nonLocational>
				<start>15</start>
				<end>24</end>
			</toponym>
			<toponym>
				<extractedName>French</extractedName>
				<normalisedName>France</normalisedName>
				<type>Literal_Modifier</type>
				<modifierType>Adjective</modifierType>
				<nonLocational>No</nonLocational>
				<start>32</start>
				<end>38</end>
				<geonamesID/>
				<latitude>46</latitude>
				<longitude>2</longitude>
			</toponym>
			<toponym>
				<extractedName>Lyon</extractedName>
				<normalisedName/>
				<type>Homonym</type>
				<modifierType/>
				<nonLocational>No</nonLocational>
				<start>56</start>
				<end>60</end>
			</toponym>
		</toponyms>
	</article>
	<article file="8">
		<title/>
		<link/>
		<text>Nothing here.</text>
		<toponyms/>
	</article>
</articles>
"#;

    const LGL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<articles xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="dataset.xsd">
  <article docid="38543">
    <feedid>1234</feedid>
    <title>
      Alexandria council meets
    </title>
    <domain>www.example.com</domain>
    <url>http://example.com/a</url>
    <dltime>2009-03-10</dltime>
    <text><![CDATA[Alexandria & Pineville <officials> met in Rapides Parish.]]></text>
    <toponyms>
      <toponym>
        <start>0</start>
        <end>10</end>
        <phrase>Alexandria</phrase>
        <gaztag geonameid="4314550">
          <name>Alexandria</name>
          <fclass>P</fclass>
          <fcode>PPLA2</fcode>
          <lat>31.31129</lat>
          <lon>-92.44514</lon>
          <country geonameid="6252001">United States</country>
          <admin1 geonameid="4331987">Louisiana</admin1>
        </gaztag>
      </toponym>
      <toponym>
        <start>13</start>
        <end>22</end>
        <phrase>Pineville</phrase>
      </toponym>
      <toponym>
        <start>42</start>
        <end>56</end>
        <phrase>Rapides Parish</phrase>
        <gaztag geonameid="4338504" lat="31.19" lon="-92.53"><name>Rapides Parish</name></gaztag>
      </toponym>
    </toponyms>
  </article>
</articles>"#;

    #[test]
    fn parses_geowebnews_snippet() {
        let docs = parse_gold_xml(GWN).expect("valid GWN snippet");
        assert_eq!(docs.len(), 2);
        let d = &docs[0];
        assert_eq!(d.id, "7");
        assert_eq!(d.title, "Floods in Paris");
        assert_eq!(d.toponyms.len(), 4);
        let paris = &d.toponyms[0];
        assert_eq!(
            (paris.start, paris.end, paris.name.as_str()),
            (0, 5, "Paris")
        );
        assert_eq!(paris.geonameid, Some(2988507));
        assert_eq!(paris.coordinates(), Some((48.85341, 2.3488)));
        assert_eq!(paris.kind, "Literal");
        assert!(!paris.non_locational && paris.span_valid);
        assert_eq!(paris.surface(&d.text), Some("Paris"));
        let residents = &d.toponyms[1];
        assert!(residents.non_locational);
        assert_eq!(residents.coordinates(), None);
        assert!(!residents.counts_for_recognition());
        let french = &d.toponyms[2];
        assert_eq!(french.geonameid, None, "empty <geonamesID/> is no id");
        assert_eq!(french.normalized_name, "France");
        assert_eq!(french.surface(&d.text), Some("French"));
        let lyon = &d.toponyms[3];
        assert_eq!((lyon.lat, lyon.lon), (None, None));
        assert!(
            lyon.counts_for_recognition(),
            "homonyms are associative toponyms"
        );
        for t in &d.toponyms {
            assert_eq!(t.surface(&d.text), Some(t.name.as_str()));
        }
        assert_eq!(docs[1].id, "8");
        assert!(docs[1].toponyms.is_empty());
    }

    #[test]
    fn parses_lgl_snippet() {
        let docs = parse_gold_xml(LGL).expect("valid LGL snippet");
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.id, "38543");
        assert_eq!(d.title, "Alexandria council meets");
        assert_eq!(
            d.text,
            "Alexandria & Pineville <officials> met in Rapides Parish."
        );
        let a = &d.toponyms[0];
        assert_eq!(
            a.geonameid,
            Some(4314550),
            "gaztag's own id, not its country's"
        );
        assert_eq!(a.coordinates(), Some((31.31129, -92.44514)));
        assert_eq!(
            (a.feature_class.as_str(), a.feature_code.as_str()),
            ("P", "PPLA2")
        );
        assert_eq!(a.normalized_name, "Alexandria");
        assert_eq!(a.kind, "");
        let p = &d.toponyms[1];
        assert_eq!((p.geonameid, p.lat, p.lon), (None, None, None));
        assert!(p.counts_for_recognition());
        let r = &d.toponyms[2];
        assert_eq!(r.coordinates(), Some((31.19, -92.53)), "attribute form");
        for t in &d.toponyms {
            assert_eq!(t.surface(&d.text), Some(t.name.as_str()));
        }
    }

    #[test]
    fn offsets_count_code_points_after_unescaping() {
        // "Tom & Jerry « é » visit Köln\nand 北京 \"now\"" after unescaping.
        let xml = "<articles><article docid=\"x\"><text>Tom &amp; Jerry &#171; &#xE9; &#187; visit K\u{f6}ln\r\nand \u{5317}\u{4eac} &quot;now&quot;</text><toponyms>\
            <toponym><start>24</start><end>28</end><phrase>K\u{f6}ln</phrase></toponym>\
            <toponym><start>33</start><end>35</end><phrase>\u{5317}\u{4eac}</phrase></toponym>\
            <toponym><start>37</start><end>40</end><phrase>now</phrase></toponym>\
            </toponyms></article></articles>";
        let docs = parse_gold_xml(xml).expect("valid");
        let d = &docs[0];
        assert_eq!(
            d.text,
            "Tom & Jerry \u{ab} \u{e9} \u{bb} visit K\u{f6}ln\nand \u{5317}\u{4eac} \"now\""
        );
        for t in &d.toponyms {
            assert!(t.span_valid);
            assert_eq!(t.surface(&d.text), Some(t.name.as_str()), "{t:?}");
        }
    }

    #[test]
    fn char_slice_edges() {
        assert_eq!(char_slice("aé北", 0, 3), Some("aé北"));
        assert_eq!(char_slice("aé北", 1, 2), Some("é"));
        assert_eq!(char_slice("aé北", 3, 3), Some(""));
        assert_eq!(char_slice("aé北", 2, 4), None);
        assert_eq!(char_slice("aé北", 2, 1), None);
        assert_eq!(char_slice("", 0, 0), Some(""));
        assert_eq!(char_slice("", 0, 1), None);
    }

    #[test]
    fn invalid_spans_are_kept_but_flagged() {
        let xml = "<articles><article file=\"1\"><text>abc</text><toponyms>\
            <toponym><extractedName>TITLE</extractedName><type>Literal</type><start>-179</start><end>-174</end></toponym>\
            <toponym><extractedName>x</extractedName><start>2</start><end>9</end></toponym>\
            <toponym><start>1</start><end>3</end></toponym>\
            </toponyms></article></articles>";
        let docs = parse_gold_xml(xml).expect("valid");
        let t = &docs[0].toponyms;
        assert_eq!((t[0].start, t[0].end, t[0].span_valid), (0, 0, false));
        assert!(!t[0].counts_for_recognition());
        assert!(!t[1].span_valid);
        assert_eq!(t[1].surface(&docs[0].text), None);
        assert_eq!(t[2].name, "bc", "name falls back to the span");
    }

    fn err_of(xml: &str) -> String {
        match parse_gold_xml(xml) {
            Ok(d) => panic!("expected an error, parsed {d:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn errors_name_the_article_and_problem() {
        let e = err_of("<articles><article file=\"a\"><text>x</text></article><article file=\"b\"><title/></article></articles>");
        assert!(
            e.contains("article #1") && e.contains("\"b\"") && e.contains("missing <text>"),
            "{e}"
        );

        let e = err_of("<articles><article docid=\"d9\"><text>x</text><toponyms><toponym><start>one</start><end>2</end></toponym></toponyms></article></articles>");
        assert!(
            e.contains("article #0")
                && e.contains("d9")
                && e.contains("toponym #0")
                && e.contains("<start> is not an integer"),
            "{e}"
        );

        let e = err_of("<articles>\n<article docid=\"q\"><text>x</b></article></articles>");
        assert!(
            e.contains("syntax") && e.contains("article #0") && e.contains("line 2"),
            "{e}"
        );

        let e = err_of("<articles><article><text>a &nbsp; b</text></article></articles>");
        assert!(e.contains("unknown entity &nbsp;"), "{e}");

        let e = err_of("<articles><article><text>a</text><toponyms><toponym><start>0</start><end>1</end><latitude>3</latitude></toponym></toponyms></article></articles>");
        assert!(e.contains("no longitude"), "{e}");

        let e = err_of("<articles><article><text>a</text><toponyms><toponym><start>0</start><end>1</end><latitude>95</latitude><longitude>1</longitude></toponym></toponyms></article></articles>");
        assert!(e.contains("latitude"), "{e}");

        let e = err_of("<articles><article><text>a</text><toponyms><toponym><start>0</start><end>1</end><nonLocational>Maybe</nonLocational></toponym></toponyms></article></articles>");
        assert!(e.contains("nonLocational"), "{e}");

        let e = err_of("<articles><article><text>a</text><toponyms><toponym><start>0</start><end>1</end><gaztag geonameid=\"12x\"/></toponym></toponyms></article></articles>");
        assert!(e.contains("geonameid"), "{e}");

        let e = err_of("<articles><article><text>a<b>c</b></text></article></articles>");
        assert!(e.contains("contains an element <b>"), "{e}");

        assert!(err_of("<corpus/>").contains("expected <articles>"));
        assert!(err_of("").contains("no root element"));
        assert!(err_of("<articles><article>").contains("input ends inside"));
        assert!(err_of("<articles/><articles/>").contains("second root"));
        assert!(err_of("hello <articles/>").contains("outside the root"));
    }

    #[test]
    fn byte_order_mark_and_prefixes_are_accepted() {
        let xml = "\u{feff}<?xml version=\"1.0\"?>\n<x:articles xmlns:x=\"urn:x\"><x:article x:docid=\"5\"><x:text>Oslo</x:text>\
            <x:toponyms><x:toponym><x:phrase></x:phrase><x:start>0</x:start><x:end>4</x:end></x:toponym></x:toponyms></x:article></x:articles>";
        let docs = parse_gold_xml(xml).expect("valid");
        assert_eq!(docs[0].id, "5");
        assert_eq!(
            docs[0].toponyms[0].name, "Oslo",
            "empty phrase falls back to the span"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let xml = "<a>".repeat(100_000);
        assert!(err_of(&xml).contains("nested deeper"));
    }

    #[test]
    fn haversine_known_distances() {
        let paris_london = haversine_km(48.8566, 2.3522, 51.5074, -0.1278);
        assert!((paris_london - 344.0).abs() < 2.0, "{paris_london}");
        assert_eq!(haversine_km(10.0, 20.0, 10.0, 20.0), 0.0);
        let antipodes = haversine_km(0.0, 0.0, 0.0, 180.0);
        assert!((antipodes - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-6);
        assert!(antipodes < MAX_ERROR_KM);
    }

    fn toponym(
        start: usize,
        end: usize,
        coords: Option<(f64, f64)>,
        id: Option<u64>,
        kind: &str,
    ) -> GoldToponym {
        GoldToponym {
            start,
            end,
            name: String::new(),
            geonameid: id,
            lat: coords.map(|c| c.0),
            lon: coords.map(|c| c.1),
            non_locational: false,
            kind: kind.to_string(),
            span_valid: true,
            normalized_name: String::new(),
            feature_class: String::new(),
            feature_code: String::new(),
        }
    }

    fn doc(toponyms: Vec<GoldToponym>) -> GoldDoc {
        GoldDoc {
            id: "d".into(),
            title: String::new(),
            text: "x".repeat(100),
            toponyms,
        }
    }

    fn pred(lat: f64, lon: f64, id: Option<u64>) -> Option<Prediction> {
        Some(Prediction {
            start: 0,
            end: 0,
            geonameid: id,
            lat,
            lon,
        })
    }

    #[test]
    fn resolution_scores() {
        let paris = (48.8566, 2.3522);
        let gold = vec![
            doc(vec![
                toponym(0, 5, Some(paris), Some(1), "Literal"),
                toponym(6, 9, None, None, "Non_Lit_Expression"),
                toponym(10, 15, Some(paris), Some(1), "Literal"),
            ]),
            doc(vec![
                toponym(0, 5, Some(paris), Some(2), "Literal"),
                toponym(6, 9, Some(paris), None, "Literal"),
            ]),
        ];
        let predicted = vec![
            // exact; prediction for a coordinate-less gold is ignored; London (~344 km)
            vec![
                pred(paris.0, paris.1, Some(1)),
                pred(0.0, 0.0, None),
                pred(51.5074, -0.1278, Some(1)),
            ],
            // second document: one point ~100 km away with a wrong id, the last one unresolved (short list)
            vec![pred(paris.0 + 0.9, paris.1, Some(3))],
        ];
        let s = score_resolution(&gold, &predicted);
        assert_eq!(s.gold_with_coordinates, 4);
        assert_eq!(s.resolved, 3);
        assert!((s.acc_161 - 0.5).abs() < 1e-12, "{s:?}");
        // sorted errors: 0, ~100, ~344, 20039 → median ≈ (100 + 344) / 2
        let d100 = haversine_km(paris.0, paris.1, paris.0 + 0.9, paris.1);
        let d344 = haversine_km(paris.0, paris.1, 51.5074, -0.1278);
        assert!((s.median_km - (d100 + d344) / 2.0).abs() < 1e-9);
        assert!((s.mean_km - (d100 + d344 + MAX_ERROR_KM) / 4.0).abs() < 1e-9);
        let logs = [0.0, d100.ln_1p(), d344.ln_1p(), MAX_ERROR_KM.ln_1p()];
        let area =
            (logs[0] + logs[1]) / 2.0 + (logs[1] + logs[2]) / 2.0 + (logs[2] + logs[3]) / 2.0;
        assert!((s.auc - area / 3.0 / MAX_ERROR_KM.ln()).abs() < 1e-12);
        // ids: 1 ✓, 1 ✓, 2 ✗ (3) → 2/3
        assert!((s.geonameid_agreement - 2.0 / 3.0).abs() < 1e-12);

        let perfect: Vec<Vec<Option<Prediction>>> = gold
            .iter()
            .map(|d| {
                d.toponyms
                    .iter()
                    .map(|t| {
                        t.coordinates().map(|(la, lo)| Prediction {
                            start: t.start,
                            end: t.end,
                            geonameid: t.geonameid,
                            lat: la,
                            lon: lo,
                        })
                    })
                    .collect()
            })
            .collect();
        let s = score_resolution(&gold, &perfect);
        assert_eq!(
            (
                s.acc_161,
                s.median_km,
                s.mean_km,
                s.auc,
                s.geonameid_agreement
            ),
            (1.0, 0.0, 0.0, 0.0, 1.0)
        );

        let s = score_resolution(&gold, &[]);
        assert_eq!(
            (s.resolved, s.acc_161, s.median_km, s.auc),
            (0, 0.0, MAX_ERROR_KM, 1.0)
        );
        assert_eq!(score_resolution(&[], &[]), ResolutionScores::default());

        // acc@161 boundary: an error of exactly ≤ 161 km counts.
        let g = vec![doc(vec![toponym(0, 1, Some((0.0, 0.0)), None, "")])];
        let deg = ACC_THRESHOLD_KM / (EARTH_RADIUS_KM * std::f64::consts::PI / 180.0);
        let s = score_resolution(&g, &[vec![pred(deg - 1e-9, 0.0, None)]]);
        assert_eq!(s.acc_161, 1.0);
        let s = score_resolution(&g, &[vec![pred(deg + 1e-6, 0.0, None)]]);
        assert_eq!(s.acc_161, 0.0);
        // Non-finite predictions count as unresolved.
        let s = score_resolution(&g, &[vec![pred(f64::NAN, 0.0, None)]]);
        assert_eq!((s.resolved, s.median_km), (0, MAX_ERROR_KM));
    }

    #[test]
    fn recognition_strict_vs_overlap() {
        let mut nonloc = toponym(40, 45, None, None, "Literal_Expression");
        nonloc.non_locational = true;
        let gold = vec![
            doc(vec![
                toponym(0, 5, None, None, "Literal"),
                toponym(10, 20, None, None, "Metonymic"),
                toponym(30, 35, None, None, "Non_Lit_Expression"),
                nonloc,
                toponym(50, 55, None, None, "Demonym"),
            ]),
            doc(vec![toponym(0, 4, None, None, "")]),
        ];
        // gold for recognition: (0,5), (10,20), (50,55), and (0,4) in doc 1 → 4
        let predicted = vec![
            vec![(0, 5), (12, 15), (14, 25), (30, 35), (60, 70)],
            vec![(0, 4), (0, 4)],
            vec![(1, 2)],
        ];
        let s = score_recognition(&gold, &predicted, true);
        assert_eq!((s.gold, s.predicted, s.matched), (4, 8, 2));
        assert!((s.precision - 0.25).abs() < 1e-12 && (s.recall - 0.5).abs() < 1e-12);
        assert!((s.f1 - 2.0 * 0.25 * 0.5 / 0.75).abs() < 1e-12);

        let s = score_recognition(&gold, &predicted, false);
        // (0,5) exact, (10,20) overlapped once by two predictions, (0,4) once.
        assert_eq!((s.gold, s.predicted, s.matched), (4, 8, 3));

        // Adjacent spans do not overlap; maximal matching is found.
        let g = vec![doc(vec![
            toponym(0, 10, None, None, ""),
            toponym(10, 12, None, None, ""),
        ])];
        let s = score_recognition(&g, &[vec![(9, 11), (5, 9)]], false);
        assert_eq!(s.matched, 2);
        let s = score_recognition(&g, &[vec![(12, 14)]], false);
        assert_eq!(s.matched, 0);

        let s = score_recognition(&[], &[], true);
        assert_eq!(s, RecognitionScores::default());
    }

    const SMALL: &str = "<articles><article file=\"0\"><title>T &amp; U</title><text>Rome &amp; Milan</text><toponyms>\
        <toponym><extractedName>Rome</extractedName><type>Literal</type><nonLocational>No</nonLocational><start>0</start><end>4</end>\
        <geonamesID>3169070</geonamesID><latitude>41.89</latitude><longitude>12.51</longitude></toponym>\
        <toponym><phrase>Milan</phrase><start>7</start><end>12</end><gaztag geonameid=\"3173435\"><lat>45.46</lat><lon>9.19</lon></gaztag></toponym>\
        </toponyms></article></articles>";

    fn exercise(docs: &[GoldDoc]) {
        for d in docs {
            for t in &d.toponyms {
                let _ = t.surface(&d.text);
                let _ = char_slice(&d.text, t.start, t.end);
            }
        }
        let spans: Vec<Vec<(usize, usize)>> = docs
            .iter()
            .map(|d| d.toponyms.iter().map(|t| (t.start, t.end)).collect())
            .collect();
        let _ = score_recognition(docs, &spans, true);
        let _ = score_recognition(docs, &spans, false);
        let _ = score_resolution(docs, &[]);
    }

    #[test]
    fn small_document_parses() {
        let docs = parse_gold_xml(SMALL).expect("valid");
        assert_eq!(docs[0].title, "T & U");
        assert_eq!(docs[0].toponyms[1].surface(&docs[0].text), Some("Milan"));
        assert_eq!(docs[0].toponyms[1].geonameid, Some(3173435));
        exercise(&docs);
    }

    fn floor_boundary(s: &str, i: usize) -> usize {
        let mut i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    proptest! {
        #[test]
        fn random_strings_never_panic(s in any::<String>()) {
            if let Ok(docs) = parse_gold_xml(&s) {
                exercise(&docs);
            }
        }

        #[test]
        fn xmlish_strings_never_panic(s in "[<>/&;#x0-9a-z=\"' !\\[\\]?\u{e9}-]{0,80}") {
            let _ = parse_gold_xml(&s);
            let _ = parse_gold_xml(&format!("<articles><article><text>{s}</text></article></articles>"));
        }

        #[test]
        fn mutated_documents_never_panic(
            edits in proptest::collection::vec((0usize..3000, 0usize..20, "[<>/&;#a-z0-9\"\u{e9}-]{0,6}"), 1..6),
            base in prop_oneof![Just(SMALL), Just(GWN), Just(LGL)],
        ) {
            let mut s = base.to_string();
            for (at, del, ins) in edits {
                let a = floor_boundary(&s, at);
                let b = floor_boundary(&s, a.saturating_add(del));
                s.replace_range(a..b, &ins);
            }
            if let Ok(docs) = parse_gold_xml(&s) {
                exercise(&docs);
            }
        }
    }
}
