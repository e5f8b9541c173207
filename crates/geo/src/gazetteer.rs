//! The gazetteer: GeoNames places (cities, first-level regions, countries) plus a curated
//! supplement, indexed by folded name.
//!
//! Files (format in `data/README.md`): `data/gazetteer/places.tsv.gz` (built by
//! `scripts/build_gazetteer.py`) and `data/gazetteer/supplement.tsv` (hand-curated), both
//! `geonameid, name, lat, lon, feature_class, feature_code, country_code, admin1_code,
//! population, names` with `|` between alternate names. A bad line is a warning naming file and
//! line; the rest loads.

use rustc_hash::FxHashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// GeoNames id; negative for curated places GeoNames lacks.
    pub geonameid: i64,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// GeoNames feature class: `P` populated place, `A` country or region, `L` area, `H` water.
    pub feature_class: char,
    pub feature_code: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// GeoNames admin1 code within the country.
    pub admin1: String,
    pub population: u64,
    /// From the curated supplement.
    pub curated: bool,
}

impl Place {
    pub fn is_country(&self) -> bool {
        self.feature_class == 'A' && self.feature_code.starts_with("PCL")
    }

    pub fn is_admin1(&self) -> bool {
        self.feature_class == 'A' && self.feature_code == "ADM1"
    }

    /// Precision of an event located here (`event_loc.precision`).
    pub fn precision(&self) -> &'static str {
        if self.is_country() {
            "country"
        } else if self.feature_class == 'A'
            || self.feature_class == 'L'
            || self.feature_class == 'H'
        {
            "admin1"
        } else {
            "city"
        }
    }
}

/// Problems while loading: fatal (no gazetteer) or per line (skipped).
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Places and their names.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub places: Vec<Place>,
    /// Name key (see [`name_key`]) → indexes into `places`.
    names: FxHashMap<String, Vec<u32>>,
    /// First word of every name key, to skip tokens that start no name.
    first_words: FxHashMap<String, u8>,
    /// (country, admin1 code) → the ADM1 place.
    admin1: FxHashMap<(String, String), u32>,
    /// Country code → the country place.
    countries: FxHashMap<String, u32>,
    /// Lines skipped while loading, as `file:line: why`.
    pub warnings: Vec<String>,
}

/// The lookup key of a name: folded (lower case, no accents), words of letters and digits
/// separated by one space, an elided article kept with its apostrophe (« d'Idleb » →
/// `d' idleb`), as the text tokeniser splits it.
pub fn name_key(name: &str) -> String {
    let folded = vigie_text::fold_str(name);
    let mut key = String::with_capacity(folded.len());
    let mut boundary = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            if boundary && !key.is_empty() {
                key.push(' ');
            }
            boundary = false;
            key.push(c);
        } else if c == '\'' && !key.is_empty() && !boundary {
            key.push('\'');
            boundary = true;
        } else {
            boundary = true;
        }
    }
    key
}

impl Gazetteer {
    /// Loads `dir/places.tsv.gz` (when present) and `dir/supplement.tsv`.
    pub fn load(dir: &Path) -> Result<Gazetteer, GazetteerError> {
        let mut gaz = Gazetteer::default();
        let main = dir.join("places.tsv.gz");
        if main.exists() {
            let file = std::fs::File::open(&main).map_err(|source| GazetteerError::Io {
                path: main.clone(),
                source,
            })?;
            let reader = BufReader::with_capacity(1 << 20, flate2::read::GzDecoder::new(file));
            gaz.read(&main, reader, false)?;
        } else {
            gaz.warnings.push(format!(
                "{}: missing (run scripts/build_gazetteer.py); only the supplement is loaded",
                main.display()
            ));
        }
        let supplement = dir.join("supplement.tsv");
        if supplement.exists() {
            let file = std::fs::File::open(&supplement).map_err(|source| GazetteerError::Io {
                path: supplement.clone(),
                source,
            })?;
            gaz.read(&supplement, BufReader::new(file), true)?;
        }
        Ok(gaz)
    }

    /// Reads gazetteer lines from any reader (tests, fixtures).
    pub fn read(
        &mut self,
        path: &Path,
        reader: impl Read,
        curated: bool,
    ) -> Result<(), GazetteerError> {
        let mut reader = BufReader::new(reader);
        let mut line = String::new();
        let mut number = 0usize;
        loop {
            line.clear();
            let n = reader
                .read_line(&mut line)
                .map_err(|source| GazetteerError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
            if n == 0 {
                break;
            }
            number += 1;
            let row = line.trim_end_matches(['\n', '\r']);
            if row.is_empty() || row.starts_with('#') {
                continue;
            }
            match parse_row(row, curated) {
                Ok((place, names)) => self.add(place, names),
                Err(why) => self
                    .warnings
                    .push(format!("{}:{number}: {why}", path.display())),
            }
        }
        Ok(())
    }

    fn add(&mut self, place: Place, names: Vec<&str>) {
        let index = self.places.len() as u32;
        if place.is_admin1() {
            self.admin1
                .insert((place.country.clone(), place.admin1.clone()), index);
        }
        if place.is_country() {
            self.countries.insert(place.country.clone(), index);
        }
        let mut keys: Vec<String> = std::iter::once(place.name.as_str())
            .chain(names)
            .filter(|n| starts_upper(n))
            .map(name_key)
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            let first = key.split(' ').next().unwrap_or("").to_string();
            let words = key.split(' ').count().min(255) as u8;
            let longest = self.first_words.entry(first).or_insert(0);
            *longest = (*longest).max(words);
            self.names.entry(key).or_default().push(index);
        }
        self.places.push(place);
    }

    /// Places called `key` (a [`name_key`]).
    pub fn lookup(&self, key: &str) -> &[u32] {
        self.names.get(key).map_or(&[], Vec::as_slice)
    }

    /// The most words a name starting with `first_word` has, or 0 when none starts with it.
    pub fn longest_name_from(&self, first_word: &str) -> usize {
        self.first_words
            .get(first_word)
            .map_or(0, |&n| usize::from(n))
    }

    pub fn place(&self, index: u32) -> &Place {
        &self.places[index as usize]
    }

    /// The first-level region a place is in, if the gazetteer has it.
    pub fn admin1_of(&self, place: &Place) -> Option<&Place> {
        if place.admin1.is_empty() {
            return None;
        }
        self.admin1
            .get(&(place.country.clone(), place.admin1.clone()))
            .map(|&i| self.place(i))
    }

    pub fn country(&self, code: &str) -> Option<&Place> {
        self.countries.get(code).map(|&i| self.place(i))
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn name_count(&self) -> usize {
        self.names.len()
    }
}

fn starts_upper(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

fn parse_row(row: &str, curated: bool) -> Result<(Place, Vec<&str>), String> {
    let cols: Vec<&str> = row.split('\t').collect();
    if cols.len() < 9 {
        return Err(format!(
            "expected 10 tab-separated columns, found {}",
            cols.len()
        ));
    }
    let number = |i: usize, what: &str| -> Result<f64, String> {
        cols[i]
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{what} {:?} is not a number", cols[i]))
    };
    let geonameid = cols[0]
        .trim()
        .parse::<i64>()
        .map_err(|_| format!("geonameid {:?} is not an integer", cols[0]))?;
    let lat = number(2, "latitude")?;
    let lon = number(3, "longitude")?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("coordinates {lat},{lon} out of range"));
    }
    let feature_class = cols[4].trim().chars().next().unwrap_or('P');
    let population = if cols[8].trim().is_empty() {
        0
    } else {
        cols[8]
            .trim()
            .parse::<u64>()
            .map_err(|_| format!("population {:?} is not an integer", cols[8]))?
    };
    let name = cols[1].trim();
    if name.is_empty() {
        return Err("empty name".into());
    }
    let names = cols
        .get(9)
        .map(|n| {
            n.split('|')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Ok((
        Place {
            geonameid,
            name: name.to_string(),
            lat,
            lon,
            feature_class,
            feature_code: cols[5].trim().to_string(),
            country: cols[6].trim().to_string(),
            admin1: cols[7].trim().to_string(),
            population,
            curated,
        },
        names,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const FIXTURE: &str = "\
# geonameid\tname\tlat\tlon\tfeature_class\tfeature_code\tcountry_code\tadmin1_code\tpopulation\tnames
2761369\tVienna\t48.20849\t16.37208\tP\tPPLC\tAT\t09\t1691468\tVienne|Wien|fyyna
2969679\tVienne\t45.52569\t4.87484\tP\tPPL\tFR\t84\t29306\tVienne
169389\tIdlib\t35.93062\t36.63393\tP\tPPLA\tSY\t12\t128840\tIdleb|Idlib
-12\tIdlib Governorate\t35.83\t36.63\tA\tADM1\tSY\t12\t\tGouvernorat d'Idleb|Idleb|Idlib
163843\tSyria\t35.0\t38.0\tA\tPCLI\tSY\t\t22198110\tSyrie|Syrian Arab Republic
bad line
";

    fn fixture() -> Gazetteer {
        let mut g = Gazetteer::default();
        g.read(Path::new("fixture.tsv"), FIXTURE.as_bytes(), false)
            .unwrap();
        g
    }

    #[test]
    fn names_are_folded_keys() {
        assert_eq!(name_key("Deir ez-Zor"), "deir ez zor");
        assert_eq!(name_key("Gouvernorat d'Idleb"), "gouvernorat d' idleb");
        assert_eq!(name_key("Ghouta orientale"), "ghouta orientale");
        assert_eq!(name_key("  Saint-Étienne "), "saint etienne");
    }

    #[test]
    fn loads_rows_indexes_names_and_reports_bad_lines() {
        let g = fixture();
        assert_eq!(g.len(), 5);
        assert_eq!(g.warnings.len(), 1);
        assert!(
            g.warnings[0].starts_with("fixture.tsv:7:"),
            "{:?}",
            g.warnings
        );
        let vienne: Vec<&str> = g
            .lookup("vienne")
            .iter()
            .map(|&i| g.place(i).country.as_str())
            .collect();
        assert_eq!(vienne, ["AT", "FR"]);
        assert!(
            g.lookup("fyyna").is_empty(),
            "only names written like names are kept"
        );
        let idlib = g.place(g.lookup("idleb")[0]);
        assert_eq!(g.admin1_of(idlib).unwrap().name, "Idlib Governorate");
        assert_eq!(g.country("SY").unwrap().name, "Syria");
        assert_eq!(g.longest_name_from("gouvernorat"), 3);
    }
}
