//! Parses the GeoWebNews gold standard when it is present on this machine.

use vigie_geo::goldxml::{parse_gold_xml, score_recognition, score_resolution, Prediction};

const GWN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/geoparsing-dev/GWN.xml"
);

#[test]
fn geowebnews_parses_with_code_point_offsets() {
    let xml = match std::fs::read_to_string(GWN) {
        Ok(xml) => xml,
        Err(e) => {
            eprintln!("skipping: cannot read {GWN}: {e}");
            return;
        }
    };
    let docs = parse_gold_xml(&xml).expect("GWN.xml parses");
    assert_eq!(docs.len(), 200);

    let toponyms: Vec<_> = docs
        .iter()
        .flat_map(|d| d.toponyms.iter().map(move |t| (d, t)))
        .collect();
    assert_eq!(toponyms.len(), 6612);
    let with_coordinates = toponyms
        .iter()
        .filter(|(_, t)| t.coordinates().is_some())
        .count();
    assert_eq!(with_coordinates, 2601);
    let with_id = toponyms
        .iter()
        .filter(|(_, t)| t.geonameid.is_some())
        .count();
    assert_eq!(with_id, 2401);

    let matching = toponyms
        .iter()
        .filter(|(d, t)| t.surface(&d.text) == Some(t.name.as_str()))
        .count();
    let fraction = matching as f64 / toponyms.len() as f64;
    eprintln!(
        "GWN: {matching} of {} spans equal extractedName ({:.2}%)",
        toponyms.len(),
        100.0 * fraction
    );
    assert!(fraction >= 0.95, "only {fraction:.4} of spans match");
    // The misses are the five title annotations with negative offsets.
    let invalid = toponyms.iter().filter(|(_, t)| !t.span_valid).count();
    assert_eq!(invalid, toponyms.len() - matching);

    // Scoring the gold against itself.
    let spans: Vec<Vec<(usize, usize)>> = docs
        .iter()
        .map(|d| {
            d.toponyms
                .iter()
                .filter(|t| t.counts_for_recognition())
                .map(|t| (t.start, t.end))
                .collect()
        })
        .collect();
    let rec = score_recognition(&docs, &spans, true);
    assert_eq!(rec.gold, 2718, "{rec:?}");
    assert_eq!((rec.precision, rec.recall), (1.0, 1.0));

    let perfect: Vec<Vec<Option<Prediction>>> = docs
        .iter()
        .map(|d| {
            d.toponyms
                .iter()
                .map(|t| {
                    t.coordinates().map(|(lat, lon)| Prediction {
                        start: t.start,
                        end: t.end,
                        geonameid: t.geonameid,
                        lat,
                        lon,
                    })
                })
                .collect()
        })
        .collect();
    let res = score_resolution(&docs, &perfect);
    assert_eq!(res.gold_with_coordinates, 2601);
    assert_eq!(
        (res.resolved, res.acc_161, res.auc, res.geonameid_agreement),
        (2601, 1.0, 0.0, 1.0)
    );
}
