//! The compiled gazetteer: the parsed places and the sorted name index in one binary file,
//! built the first time the source files are loaded and read back in a fraction of the time
//! (no decompression, no folding, no sorting).
//!
//! The file lives in `$VIGIE_CACHE_DIR`, else `<temp dir>/vigie-cache/`; its name carries a
//! fingerprint of the source files (size and modification time), of this format and of the
//! name folding, so an edited gazetteer or a new Vigie never reads a stale cache. A cache that
//! fails any check is ignored and rebuilt.

use crate::gazetteer::{name_key, Gazetteer, Place, SortedKeys};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"VIGIEGZ1";

fn fingerprint(dir: &Path) -> Option<u64> {
    let mut parts: Vec<Vec<u8>> =
        vec![MAGIC.to_vec(), name_key("Saint-Étienne d'Œ Ğ").into_bytes()];
    for file in ["places.tsv.gz", "supplement.tsv"] {
        let path = dir.join(file);
        match std::fs::metadata(&path) {
            Ok(meta) => {
                let modified = meta
                    .modified()
                    .ok()?
                    .duration_since(std::time::UNIX_EPOCH)
                    .ok()?
                    .as_nanos();
                parts.push(format!("{file}:{}:{modified}", meta.len()).into_bytes());
            }
            Err(_) => parts.push(format!("{file}:absent").into_bytes()),
        }
    }
    let canonical = std::fs::canonicalize(dir).ok()?;
    parts.push(canonical.to_string_lossy().as_bytes().to_vec());
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    Some(vigie_model::stable_hash(&refs))
}

/// Where the cache for the gazetteer in `dir` is (or would be).
pub fn cache_path(dir: &Path) -> Option<PathBuf> {
    let base = std::env::var_os("VIGIE_CACHE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("vigie-cache"));
    Some(base.join(format!("gazetteer-{:016x}.bin", fingerprint(dir)?)))
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn f64(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        for &x in v {
            self.u32(x);
        }
    }
    fn bytes(&mut self, v: &[u8]) {
        self.u32(v.len() as u32);
        self.0.extend_from_slice(v);
    }
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.data.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn f64(&mut self) -> Option<f64> {
        Some(f64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.u32()? as usize;
        let raw = self.take(n.checked_mul(4)?)?;
        Some(
            raw.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
    fn bytes(&mut self) -> Option<Vec<u8>> {
        let n = self.u32()? as usize;
        Some(self.take(n)?.to_vec())
    }
}

/// Serialises a gazetteer.
pub fn to_bytes(gaz: &Gazetteer) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(32 << 20));
    w.0.extend_from_slice(MAGIC);
    w.u32(gaz.places.len() as u32);
    for p in &gaz.places {
        w.u64(p.geonameid as u64);
        w.f64(p.lat);
        w.f64(p.lon);
        w.u64(p.population);
        w.u32(p.feature_class as u32);
        w.0.push(u8::from(p.curated));
        w.str(&p.name);
        w.str(&p.feature_code);
        w.str(&p.country);
        w.str(&p.admin1);
    }
    w.str(&gaz.keys.blob);
    w.u32s(&gaz.keys.ends);
    w.u32s(&gaz.posting_ends);
    w.u32s(&gaz.postings);
    w.str(&gaz.first_words.blob);
    w.u32s(&gaz.first_words.ends);
    w.bytes(&gaz.first_longest);
    let mut lower: Vec<&String> = gaz.lower_first_words.iter().collect();
    lower.sort();
    w.u32(lower.len() as u32);
    for word in lower {
        w.str(word);
    }
    w.u32(gaz.warnings.len() as u32);
    for warning in &gaz.warnings {
        w.str(warning);
    }
    w.0
}

/// Reads [`to_bytes`] output; `None` for anything malformed.
pub fn from_bytes(data: &[u8]) -> Option<Gazetteer> {
    let mut r = Reader { data, at: 0 };
    if r.take(8)? != MAGIC {
        return None;
    }
    let n = r.u32()? as usize;
    // Each place takes at least 53 bytes: refuse counts the data cannot hold.
    if n > data.len() / 53 {
        return None;
    }
    let mut places = Vec::with_capacity(n);
    for _ in 0..n {
        let geonameid = r.u64()? as i64;
        let lat = r.f64()?;
        let lon = r.f64()?;
        let population = r.u64()?;
        let feature_class = char::from_u32(r.u32()?)?;
        let curated = r.take(1)?[0] != 0;
        places.push(Place {
            geonameid,
            lat,
            lon,
            population,
            feature_class,
            curated,
            name: r.str()?,
            feature_code: r.str()?,
            country: r.str()?,
            admin1: r.str()?,
        });
    }
    let mut keys = SortedKeys {
        blob: r.str()?,
        ends: r.u32s()?,
        ..SortedKeys::default()
    };
    let posting_ends = r.u32s()?;
    let postings = r.u32s()?;
    let mut first_words = SortedKeys {
        blob: r.str()?,
        ends: r.u32s()?,
        ..SortedKeys::default()
    };
    let first_longest = r.bytes()?;
    let n_lower = r.u32()? as usize;
    let mut lower_first_words = Vec::new();
    for _ in 0..n_lower {
        lower_first_words.push(r.str()?);
    }
    let n_warnings = r.u32()? as usize;
    let mut warnings = Vec::new();
    for _ in 0..n_warnings {
        warnings.push(r.str()?);
    }
    if r.at != data.len() || !keys.is_consistent() || !first_words.is_consistent() {
        return None;
    }
    keys.hash_keys();
    first_words.hash_keys();
    Gazetteer::from_index(
        places,
        keys,
        posting_ends,
        postings,
        first_words,
        first_longest,
        lower_first_words,
        warnings,
    )
}

/// The cached gazetteer at `path`, if present and sound.
pub fn read(path: &Path) -> Option<Gazetteer> {
    from_bytes(&std::fs::read(path).ok()?)
}

/// Writes the cache atomically (a temporary file renamed into place), so a concurrent reader
/// sees either no cache or a whole one.
pub fn write(gaz: &Gazetteer, path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, to_bytes(gaz))?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Gazetteer {
        let mut g = Gazetteer::default();
        g.read(
            Path::new("t.tsv"),
            "2761369\tVienna\t48.2\t16.37\tP\tPPLC\tAT\t09\t1691468\tVienne|Wien\n\
             -4\tGhouta orientale\t33.55\t36.4\tL\tRGN\tSY\t08\t\tEastern Ghouta\n\
             -5\tBlack Sea\t43.0\t35.0\tH\tSEA\t\t\t\tmer Noire\nbad\n"
                .as_bytes(),
            true,
        )
        .unwrap();
        g
    }

    #[test]
    fn round_trip_keeps_places_names_and_warnings() {
        let g = sample();
        let back = from_bytes(&to_bytes(&g)).expect("round trip");
        assert_eq!(back.places, g.places);
        assert_eq!(back.lookup("vienne"), g.lookup("vienne"));
        assert_eq!(back.lookup("eastern ghouta"), [1]);
        assert_eq!(back.longest_name_from("ghouta"), 2);
        assert!(back.lower_case_name_starts_with("mer"));
        assert_eq!(back.warnings, g.warnings);
    }

    #[test]
    fn damaged_caches_are_refused() {
        let bytes = to_bytes(&sample());
        for cut in [0, 7, 8, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(from_bytes(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(from_bytes(&extra).is_none());
    }

    proptest! {
        #[test]
        fn flipped_bytes_never_panic(at in 0usize..400, value: u8) {
            let mut bytes = to_bytes(&sample());
            let i = at % bytes.len();
            bytes[i] = value;
            let _ = from_bytes(&bytes);
        }
    }
}
