//! Near-duplicate articles: MinHash over word shingles, banded for locality-sensitive hashing.
//!
//! Syndicated copies and re-publications of one story differ by a boilerplate paragraph, a
//! dropped paragraph or light edits. Their sets of word 5-grams stay close in Jaccard
//! similarity, which MinHash estimates from fixed-size signatures. The signature is a
//! one-permutation MinHash (Li, Owen & Zhang 2012): each shingle is hashed once, the hash picks
//! one of [`NUM_HASHES`] bins and the bin keeps its smallest value; empty bins borrow from the
//! next filled bin (rotation densification, Shrivastava & Li 2014). That costs one hash per
//! shingle instead of one per shingle and bin.
//!
//! LSH splits a signature into [`BANDS`] bands of [`ROWS`] values; two articles become
//! candidates when one band is equal, which happens with probability `1 - (1 - J^ROWS)^BANDS`
//! — 0.29 at J = 0.2, 0.68 at J = 0.3, 0.94 at J = 0.4, above 0.99 from J = 0.5 with 42 × 3,
//! and 0.04 for unrelated articles on the same topic (J ≈ 0.1). Candidates are then confirmed
//! by [`Signature::is_duplicate_of`]: estimated Jaccard ≥ [`DUPLICATE_THRESHOLD`], or a
//! shorter version mostly contained in a longer one, so the bands only decide what is
//! compared.

/// Number of MinHash values per signature.
pub const NUM_HASHES: usize = 128;
/// Signature values per LSH band.
pub const ROWS: usize = 3;
/// LSH bands (the last `NUM_HASHES % ROWS` bins are in no band).
pub const BANDS: usize = NUM_HASHES / ROWS;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Estimated Jaccard similarity at or above which two articles are one story.
///
/// A copy with one paragraph of eight dropped and a boilerplate paragraph added keeps about
/// 0.75; outlets' versions of one wire dispatch (cut, extended, lightly rewritten) mostly stay
/// above 0.35; two different articles on the same event stay below 0.2 (they share names and
/// quotes, rarely many five-word runs).
pub const DUPLICATE_THRESHOLD: f64 = 0.35;
/// A shorter version of a longer article (a wire dispatch cut by one outlet) has a low
/// Jaccard similarity but is mostly contained in the longer one: at or above
/// [`CONTAINMENT_FLOOR`] Jaccard, this containment also makes a duplicate.
pub const CONTAINMENT_THRESHOLD: f64 = 0.7;
/// The Jaccard similarity below which containment is not considered (estimates are noisy).
pub const CONTAINMENT_FLOOR: f64 = 0.25;

/// Texts with fewer shingles than this are too short to call near-duplicates (a headline or a
/// one-line brief shares most of its shingles with any other one on the same subject); they
/// are only compared byte for byte.
pub const MIN_SHINGLES: u32 = 12;

/// A MinHash signature: the minimum hash of the article's shingles in each bin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub mins: [u32; NUM_HASHES],
    /// How many distinct shingles the text has.
    pub shingles: u32,
}

const fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Calls `each` with the hash of every word of `text`, in order: words are runs of letters
/// and digits, hashed lower-cased (FNV-1a over the UTF-8 bytes of the lower-cased word, then
/// mixed). One pass over the bytes; ASCII, most of any French or English text, takes the
/// short path. Stored signatures depend on these values: they must not change.
fn for_each_word_hash(text: &str, mut each: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            if b.is_ascii_alphanumeric() {
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                in_word = true;
            } else if in_word {
                each(splitmix(h));
                h = FNV_OFFSET;
                in_word = false;
            }
            continue;
        }
        // A multi-byte character: `i` is on its first byte (continuation bytes are skipped
        // with it), so the slice starts on a character boundary.
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in lower.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                }
            }
            in_word = true;
        } else if in_word {
            each(splitmix(h));
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        each(splitmix(h));
    }
}

impl Signature {
    /// The signature of a text: words are runs of letters and digits, compared without case;
    /// shingles are [`SHINGLE_WORDS`] consecutive words (a shorter text is one shingle).
    pub fn of_text(text: &str) -> Signature {
        let mut window = [0u64; SHINGLE_WORDS];
        let mut seen = 0usize;
        let mut hashes: Vec<u64> = Vec::with_capacity(text.len() / 6);
        for_each_word_hash(text, |word| {
            window[seen % SHINGLE_WORDS] = word;
            seen += 1;
            if seen >= SHINGLE_WORDS {
                hashes.push(shingle_hash(&window, seen));
            }
        });
        if (1..SHINGLE_WORDS).contains(&seen) {
            hashes.push(shingle_hash(&window[..seen], seen));
        }
        // Distinct shingles: a page that repeats its body is the same set as the body.
        hashes.sort_unstable();
        hashes.dedup();
        let mut mins = [u32::MAX; NUM_HASHES];
        for &h in &hashes {
            add_shingle(&mut mins, h);
        }
        densify(&mut mins);
        Signature {
            mins,
            shingles: hashes.len().min(u32::MAX as usize) as u32,
        }
    }

    /// True when the text is long enough for near-duplicate detection ([`MIN_SHINGLES`]).
    pub fn is_comparable(&self) -> bool {
        self.shingles >= MIN_SHINGLES
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let equal = self
            .mins
            .iter()
            .zip(other.mins.iter())
            .filter(|(a, b)| a == b && **a != u32::MAX)
            .count();
        equal as f64 / NUM_HASHES as f64
    }

    /// Estimated share of the smaller article's shingles found in the larger one.
    pub fn containment(&self, other: &Signature) -> f64 {
        let j = self.similarity(other);
        let smaller = self.shingles.min(other.shingles);
        if smaller == 0 {
            return 0.0;
        }
        // |A ∩ B| = J (|A| + |B|) / (1 + J)
        let shared = j * f64::from(self.shingles + other.shingles) / (1.0 + j);
        (shared / f64::from(smaller)).min(1.0)
    }

    /// True when the two articles are near-duplicates: similar enough, or one mostly inside
    /// the other.
    pub fn is_duplicate_of(&self, other: &Signature) -> bool {
        if !self.is_comparable() || !other.is_comparable() {
            return false;
        }
        let j = self.similarity(other);
        j >= DUPLICATE_THRESHOLD
            || (j >= CONTAINMENT_FLOOR && self.containment(other) >= CONTAINMENT_THRESHOLD)
    }

    /// One key per band; two signatures sharing any key are near-duplicate candidates. The
    /// band number is mixed in, so keys of different bands never collide by construction.
    pub fn band_keys(&self) -> [i64; BANDS] {
        let mut keys = [0i64; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            let rows = &self.mins[band * ROWS..(band + 1) * ROWS];
            let mut bytes = Vec::with_capacity(ROWS * 4 + 1);
            bytes.push(band as u8);
            for r in rows {
                bytes.extend_from_slice(&r.to_le_bytes());
            }
            *key = vigie_model::stable_hash(&[&bytes]) as i64;
        }
        keys
    }

    /// True when the text had no word at all (such signatures match nothing).
    pub fn is_empty(&self) -> bool {
        self.mins.iter().all(|&v| v == u32::MAX)
    }

    /// Little-endian bytes, for storage: the bins, then the shingle count.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.mins
            .iter()
            .chain(std::iter::once(&self.shingles))
            .flat_map(|v| v.to_le_bytes())
            .collect()
    }

    /// Reads [`Signature::to_bytes`] output; `None` when the length is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != (NUM_HASHES + 1) * 4 {
            return None;
        }
        let mut values = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let mut mins = [0u32; NUM_HASHES];
        for v in mins.iter_mut() {
            *v = values.next()?;
        }
        Some(Signature {
            mins,
            shingles: values.next()?,
        })
    }
}

/// Order-sensitive hash of the words in the ring buffer, oldest first.
fn shingle_hash(window: &[u64], seen: usize) -> u64 {
    let n = window.len();
    let mut h: u64 = 0;
    for i in 0..n {
        let w = window[(seen + i) % n];
        h = splitmix(h ^ w);
    }
    h
}

#[inline]
fn add_shingle(bins: &mut [u32; NUM_HASHES], shingle: u64) {
    let h = splitmix(shingle);
    // NUM_HASHES is 128: the top 7 bits choose the bin, the low 32 bits are the value.
    let bin = (h >> 57) as usize;
    let value = h as u32;
    if value < bins[bin] {
        bins[bin] = value;
    }
}

/// Fills each empty bin from the next filled bin to its right (wrapping), mixed with the
/// distance so that borrowed values do not collide with real ones by accident.
fn densify(bins: &mut [u32; NUM_HASHES]) {
    let Some(first_filled) = bins.iter().position(|&v| v != u32::MAX) else {
        return;
    };
    let original = *bins;
    // Walk leftwards from a filled bin so "next filled to the right" is always known.
    let mut next = first_filled;
    for step in 1..=NUM_HASHES {
        let i = (first_filled + NUM_HASHES - step) % NUM_HASHES;
        if original[i] != u32::MAX {
            next = i;
            continue;
        }
        let distance = (next + NUM_HASHES - i) % NUM_HASHES;
        bins[i] = splitmix(u64::from(original[next]) ^ ((distance as u64) << 40)) as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const STORY: &str = "Les forces syriennes ont repris samedi plusieurs villages du sud de la \
        province d'Idleb après des combats qui ont fait des dizaines de morts. Ankara a \
        dénoncé une violation de l'accord conclu avec Moscou. Le ministre turc de la Défense \
        a annoncé l'envoi de renforts vers les postes d'observation. Des milliers de civils \
        fuient vers la frontière turque, selon les Nations unies. Le Conseil de sécurité doit \
        se réunir lundi à la demande de la France et du Royaume-Uni.";

    #[test]
    fn identical_texts_are_fully_similar() {
        let a = Signature::of_text(STORY);
        assert_eq!(a.similarity(&Signature::of_text(STORY)), 1.0);
        assert_eq!(a.band_keys(), Signature::of_text(STORY).band_keys());
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        let shouted = STORY.to_uppercase().replace(['.', ','], " ; ");
        let sim = Signature::of_text(STORY).similarity(&Signature::of_text(&shouted));
        assert_eq!(sim, 1.0);
    }

    #[test]
    fn a_republished_copy_is_a_duplicate_and_another_story_is_not() {
        let sentences: Vec<&str> = STORY.split_inclusive(". ").collect();
        let copy = format!(
            "{} Cet article vous est proposé par notre partenaire, tous droits réservés.",
            sentences[..sentences.len() - 1].concat()
        );
        let other = "Le président français a reçu lundi à l'Élysée son homologue allemand pour \
            parler du budget européen, de l'agriculture et de la défense commune, avant un \
            sommet prévu à Bruxelles la semaine prochaine.";
        let a = Signature::of_text(STORY);
        let sim_copy = a.similarity(&Signature::of_text(&copy));
        let sim_other = a.similarity(&Signature::of_text(other));
        assert!(
            sim_copy >= DUPLICATE_THRESHOLD,
            "copy similarity {sim_copy}"
        );
        assert!(sim_other < 0.1, "other similarity {sim_other}");
        let shared_band = a
            .band_keys()
            .iter()
            .zip(Signature::of_text(&copy).band_keys().iter())
            .any(|(x, y)| x == y);
        assert!(shared_band, "a close copy must be an LSH candidate");
    }

    #[test]
    fn empty_text_matches_nothing() {
        let empty = Signature::of_text(" … ");
        assert!(empty.is_empty());
        assert_eq!(empty.similarity(&Signature::of_text(" ; ")), 0.0);
    }

    #[test]
    fn short_texts_still_get_a_signature() {
        let s = Signature::of_text("Trêve rompue");
        assert!(!s.is_empty());
        assert_eq!(s.similarity(&Signature::of_text("trêve, rompue !")), 1.0);
    }

    #[test]
    fn estimates_track_the_true_jaccard_similarity() {
        // Texts of distinct words: n shared 5-word shingles out of a known union.
        let words = |from: usize, to: usize| -> String {
            (from..to)
                .map(|i| format!("mot{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        for (a_end, b_start) in [(400, 100), (400, 200), (400, 300), (300, 60)] {
            let a = words(0, a_end);
            let b = words(b_start, a_end + b_start);
            let shared = (a_end - b_start).saturating_sub(SHINGLE_WORDS - 1) as f64;
            let each = (a_end - (SHINGLE_WORDS - 1)) as f64;
            let truth = shared / (2.0 * each - shared);
            let estimate = Signature::of_text(&a).similarity(&Signature::of_text(&b));
            assert!(
                (estimate - truth).abs() < 0.15,
                "true Jaccard {truth:.2}, estimated {estimate:.2}"
            );
        }
    }

    /// The word hashes as first defined (one lower-cased `char` at a time); stored
    /// signatures were computed with them.
    fn reference_word_hashes(text: &str) -> Vec<u64> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|word| {
                let mut h = FNV_OFFSET;
                for c in word.chars().flat_map(char::to_lowercase) {
                    let mut buf = [0u8; 4];
                    for &b in c.encode_utf8(&mut buf).as_bytes() {
                        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                    }
                }
                splitmix(h)
            })
            .collect()
    }

    #[test]
    fn word_hashes_keep_their_stored_values() {
        // Pinned: a signature computed by an older build must still match a new one.
        let mut hashes = Vec::new();
        for_each_word_hash("Éric, l'ÉTÉ 2019", |h| hashes.push(h));
        assert_eq!(hashes, reference_word_hashes("Éric, l'ÉTÉ 2019"));
        assert_eq!(hashes.len(), 4);
        assert_eq!(
            hashes[0], 0x2e72_b22a_9056_5a17,
            "the hash of « Éric » changed"
        );
        assert_eq!(
            Signature::of_text(STORY).band_keys()[0],
            Signature::of_text(&STORY.to_uppercase()).band_keys()[0]
        );
    }

    proptest! {
        #[test]
        fn word_hashes_match_the_reference(text in "\\PC{0,120}") {
            let mut hashes = Vec::new();
            for_each_word_hash(&text, |h| hashes.push(h));
            prop_assert_eq!(hashes, reference_word_hashes(&text));
        }

        #[test]
        fn bytes_round_trip(text in ".{0,200}") {
            let s = Signature::of_text(&text);
            prop_assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s));
        }

        #[test]
        fn similarity_is_symmetric_and_bounded(a in "[a-e ]{0,80}", b in "[a-e ]{0,80}") {
            let (sa, sb) = (Signature::of_text(&a), Signature::of_text(&b));
            let s = sa.similarity(&sb);
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert_eq!(s, sb.similarity(&sa));
        }
    }
}
