//! A picture of zones, posts and events over country borders, as SVG.

use crate::geometry::{BBox, Position};
use crate::ZoneSet;
use std::fmt::Write;

/// An event to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct MapEvent {
    pub lon: f64,
    pub lat: f64,
    pub violation: bool,
    pub dead: u64,
    pub label: String,
}

/// Reads the MultiLineString borders file (`data/maps/borders-50m.geojson`).
pub fn parse_borders(json: &str) -> Result<Vec<Vec<Position>>, String> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("invalid JSON: {e}"))?;
    let mut lines = Vec::new();
    for f in v["features"]
        .as_array()
        .ok_or("expected a FeatureCollection")?
    {
        let Some(list) = f["geometry"]["coordinates"].as_array() else {
            continue;
        };
        for line in list {
            let pts: Vec<Position> = line
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .filter_map(|p| Some([p.get(0)?.as_f64()?, p.get(1)?.as_f64()?]))
                        .collect()
                })
                .unwrap_or_default();
            if pts.len() >= 2 {
                lines.push(pts);
            }
        }
    }
    Ok(lines)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn zone_colour(kind: &str) -> &'static str {
    match kind {
        "demilitarised" => "#d95f02",
        "ceasefire" => "#7570b3",
        "buffer" => "#e7298a",
        _ => "#1b9e77",
    }
}

/// The map: `bbox` (`[min_lon, min_lat, max_lon, max_lat]`) defaults to the zones and posts
/// with a margin; `width` in pixels.
pub fn render_svg(
    set: &ZoneSet,
    borders: &[Vec<Position>],
    events: &[MapEvent],
    bbox: Option<BBox>,
    width: f64,
    title: &str,
) -> String {
    let b = bbox.unwrap_or_else(|| {
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        let mut grow = |p: Position| {
            b[0] = b[0].min(p[0]);
            b[1] = b[1].min(p[1]);
            b[2] = b[2].max(p[0]);
            b[3] = b[3].max(p[1]);
        };
        for z in &set.zones {
            let zb = z.area.bbox();
            grow([zb[0], zb[1]]);
            grow([zb[2], zb[3]]);
        }
        for p in &set.posts {
            grow(p.position);
        }
        if !b[0].is_finite() {
            return [-180.0, -60.0, 180.0, 80.0];
        }
        let (dx, dy) = ((b[2] - b[0]) * 0.15 + 0.2, (b[3] - b[1]) * 0.15 + 0.2);
        [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy]
    });
    let mid = ((b[1] + b[3]) / 2.0).to_radians().cos().max(0.1);
    let scale = width / ((b[2] - b[0]) * mid);
    let height = (b[3] - b[1]) * scale;
    let x = |lon: f64| (lon - b[0]) * mid * scale;
    let y = |lat: f64| (b[3] - lat) * scale;
    let inside = |p: &Position| {
        p[0] >= b[0] - 1.0 && p[0] <= b[2] + 1.0 && p[1] >= b[1] - 1.0 && p[1] <= b[3] + 1.0
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.1} {h:.1}" font-family="sans-serif">"#,
        w = width,
        h = height + 40.0
    );
    let _ = write!(
        svg,
        r##"<rect width="100%" height="100%" fill="#eef3f7"/>"##
    );
    // Borders and coasts.
    for line in borders.iter().filter(|l| l.iter().any(inside)) {
        let pts: Vec<String> = line
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p[0]), y(p[1])))
            .collect();
        let _ = write!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#555" stroke-width="0.8"/>"##,
            pts.join(" ")
        );
    }
    // Zones, holes cut out by the even-odd rule.
    for (zi, z) in set.zones.iter().enumerate() {
        let mut d = String::new();
        for poly in &z.area.polygons {
            for ring in &poly.rings {
                for (i, p) in ring.iter().enumerate() {
                    let _ = write!(
                        d,
                        "{}{:.1},{:.1} ",
                        if i == 0 { "M" } else { "L" },
                        x(p[0]),
                        y(p[1])
                    );
                }
                d.push('Z');
            }
        }
        let colour = zone_colour(&z.kind);
        let _ = write!(
            svg,
            r#"<path d="{d}" fill="{colour}" fill-opacity="0.25" fill-rule="evenodd" stroke="{colour}" stroke-width="1.2"><title>{}</title></path>"#,
            escape(&format!("{} ({})", z.name_en, z.kind))
        );
        let zb = z.area.bbox();
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" fill="{colour}">{}</text>"#,
            x(zb[0]),
            // Zones sharing a corner (a strip inside a zone) get their labels on two lines.
            y(zb[3]) - 3.0 - 13.0 * (zi % 2) as f64,
            escape(if z.name_en.is_empty() {
                &z.id
            } else {
                &z.name_en
            })
        );
    }
    for p in &set.posts {
        let (px, py) = (x(p.position[0]), y(p.position[1]));
        let _ = write!(
            svg,
            r##"<path d="M{:.1},{:.1} l4,7 l-8,0 Z" fill="#7a0177"><title>{}</title></path>"##,
            px,
            py - 4.0,
            escape(&format!("{} ({}, {})", p.name, p.kind, p.owner))
        );
    }
    for e in events {
        let r = 3.0 + (e.dead as f64).sqrt().min(8.0);
        let colour = if e.violation { "#d7191c" } else { "#2b83ba" };
        let _ = write!(
            svg,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{r:.1}" fill="{colour}" fill-opacity="0.7"><title>{}</title></circle>"#,
            x(e.lon),
            y(e.lat),
            escape(&e.label)
        );
    }
    let _ = write!(
        svg,
        r##"<text x="8" y="{:.1}" font-size="13">{}</text><text x="8" y="{:.1}" font-size="11">zones: green de-escalation, orange demilitarised; purple triangles: posts; events: red violations, blue others</text>"##,
        height + 18.0,
        escape(title),
        height + 34.0
    );
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_zones_posts_events_and_borders() {
        let json = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"id":"z","name_en":"Zone <A>","kind":"de-escalation"},
           "geometry":{"type":"Polygon","coordinates":[[[36,35],[37,35],[37,36],[36,36],[36,35]],[[36.4,35.4],[36.4,35.6],[36.6,35.6],[36.6,35.4],[36.4,35.4]]]}},
          {"type":"Feature","properties":{"id":"p","name":"Post","kind":"observation-post","owner":"TUR"},
           "geometry":{"type":"Point","coordinates":[36.5,35.8]}}]}"#;
        let set = crate::parse_zones("t", json).unwrap();
        let borders = parse_borders(r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[35.5,36.2],[37.5,36.2]],[[100,0],[101,1]]]}}]}"#).unwrap();
        let events = vec![MapEvent {
            lon: 36.7,
            lat: 35.3,
            violation: true,
            dead: 14,
            label: "ASSAULT".into(),
        }];
        let svg = render_svg(&set, &borders, &events, None, 600.0, "Idlib");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        assert_eq!(
            svg.matches("<polyline").count(),
            1,
            "far borders are left out"
        );
        assert!(svg.contains("fill-rule=\"evenodd\""));
        assert!(svg.contains("Zone &lt;A&gt;"));
        assert!(svg.contains("<circle") && svg.contains("#d7191c"));
    }
}
