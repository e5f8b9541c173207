#!/usr/bin/env python3
"""Build data/lexicon/countries.tsv from the npm package `world-countries`.

Usage:
    python3 scripts/build_countries.py [--from-file countries.json] [--out PATH]

Without --from-file the script runs `npm pack world-countries` in a temporary directory,
untars the tarball and reads package/countries.json (the npm client must be installed).
OUTPUT defaults to data/lexicon/countries.tsv. Python 3.11, standard library only.

Source: world-countries by Mohammed Le Doze, https://github.com/mledoze/countries,
Open Database License (ODbL) 1.0. The hand tables below (French capital exonyms,
alternate names, English plural nouns, stop list) are this project's own.

Output (see data/README.md): pattern, code, kind, lang
    code = ISO 3166-1 alpha-3 (cca3; Kosovo's user-assigned "UNK" is written XKX),
    kind ∈ name, capital, demonym, lang ∈ fr, en, * (same row in both languages).
Patterns keep their natural capitalisation: a pattern whose first letter is uppercase only
matches a capitalised text token (country names, capitals, English demonyms), French
demonyms are written lowercase (adjectives: turc, turque, turcs, turques) so that they match
both the adjective and the capitalised noun (les Turcs).

When two countries claim the same pattern (Congolese, Dominican, Samoan...), the pattern goes
to the independent country, then to the larger one (area), unless OVERRIDE says otherwise.
Output is sorted and deterministic.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "data" / "lexicon" / "countries.tsv"
NPM_PACKAGE = "world-countries"

# cca3 codes in the source that are not ISO alpha-3 codes used by the coder.
CODE_REMAP = {"UNK": "XKX"}

# Uppercase acronyms kept although shorter than 4 letters (the capital-letter rule applies).
ACRONYMS = [
    ("USA", "USA", "*"), ("US", "USA", "en"), ("UK", "GBR", "*"), ("RDC", "COD", "fr"),
    ("DRC", "COD", "en"), ("RCA", "CAF", "fr"), ("EAU", "ARE", "fr"), ("UAE", "ARE", "en"),
    ("DPRK", "PRK", "en"), ("RPDC", "PRK", "fr"),
]

# Alternate, historical and short names not (or not cleanly) in the source: (pattern, code, lang).
EXTRA_NAMES = [
    # French short forms used by the press
    ("États-Unis", "USA", "fr"), ("Etats-Unis", "USA", "fr"), ("États-Unis d'Amérique", "USA", "fr"),
    ("Royaume-Uni", "GBR", "fr"), ("Grande-Bretagne", "GBR", "fr"),
    ("Corée du Nord", "PRK", "fr"), ("Corée du Sud", "KOR", "fr"),
    ("Émirats arabes unis", "ARE", "fr"), ("Émirats", "ARE", "fr"),
    ("Birmanie", "MMR", "fr"), ("Myanmar", "MMR", "*"), ("Burma", "MMR", "en"),
    ("Côte d'Ivoire", "CIV", "*"), ("Ivory Coast", "CIV", "en"),
    ("Tchéquie", "CZE", "fr"), ("République tchèque", "CZE", "fr"), ("Czech Republic", "CZE", "en"),
    ("Russie", "RUS", "fr"), ("Biélorussie", "BLR", "fr"), ("Bélarus", "BLR", "*"),
    ("Palestine", "PSE", "*"), ("territoires palestiniens", "PSE", "fr"),
    ("Territoires palestiniens", "PSE", "fr"), ("Palestinian territories", "PSE", "en"),
    ("Cisjordanie", "PSE", "fr"), ("West Bank", "PSE", "en"),
    ("Gaza", "PSE", "*"), ("bande de Gaza", "PSE", "fr"), ("Gaza Strip", "PSE", "en"),
    ("Kosovo", "XKX", "*"),
    ("Vatican", "VAT", "*"), ("Saint-Siège", "VAT", "fr"), ("Holy See", "VAT", "en"),
    ("Turkey", "TUR", "en"), ("Turkiye", "TUR", "en"),
    ("Britain", "GBR", "en"), ("Great Britain", "GBR", "en"),
    ("Czechia", "CZE", "en"), ("Swaziland", "SWZ", "*"), ("Eswatini", "SWZ", "*"),
    ("East Timor", "TLS", "en"), ("Timor-Leste", "TLS", "*"),
    ("République démocratique du Congo", "COD", "fr"), ("RD Congo", "COD", "fr"),
    ("DR Congo", "COD", "en"), ("Democratic Republic of Congo", "COD", "en"),
    ("Congo", "COD", "en"),  # English wire style: "Congo" = DR Congo; French « Congo » = COG
    ("Congo-Kinshasa", "COD", "*"), ("Congo-Brazzaville", "COG", "*"),
    ("Macédoine", "MKD", "fr"), ("Macedonia", "MKD", "en"),
    ("Moldova", "MDA", "*"), ("Cap-Vert", "CPV", "fr"), ("Cabo Verde", "CPV", "*"),
    ("Vietnam", "VNM", "*"), ("Viet Nam", "VNM", "*"),
    ("État hébreu", "ISR", "fr"), ("Arabie saoudite", "SAU", "fr"),
    ("Centrafrique", "CAF", "fr"), ("Palaos", "PLW", "fr"), ("Palau", "PLW", "*"),
    ("Syrie", "SYR", "fr"), ("Irak", "IRQ", "fr"), ("Iraq", "IRQ", "*"),
    ("île de la Réunion", "REU", "fr"), ("Réunion Island", "REU", "en"),
    ("Taiwan", "TWN", "*"), ("Taïwan", "TWN", "fr"),
]

# Capitals (and seats of government) used as metonyms for governments, beyond the source's
# English `capital` field: French exonyms and a few English forms. Written by hand for this
# project. Article-bearing French names are given without the article (« Le Caire » ->
# Caire, « La Havane » -> Havane): the coder handles articles and « au Caire ».
EXTRA_CAPITALS = [
    ("Moscou", "RUS", "fr"), ("Pékin", "CHN", "fr"), ("Londres", "GBR", "fr"),
    ("Washington", "USA", "*"), ("Ankara", "TUR", "*"), ("Damas", "SYR", "fr"),
    ("Téhéran", "IRN", "fr"), ("Bagdad", "IRQ", "fr"), ("Beyrouth", "LBN", "fr"),
    ("Caire", "EGY", "fr"), ("Jérusalem", "ISR", "fr"), ("Tel-Aviv", "ISR", "*"),
    ("Tel Aviv", "ISR", "*"), ("Alger", "DZA", "fr"), ("Riyad", "SAU", "fr"),
    ("Abou Dhabi", "ARE", "fr"), ("Koweït", "KWT", "fr"), ("Mascate", "OMN", "fr"),
    ("Sanaa", "YEM", "*"), ("Kaboul", "AFG", "fr"), ("New Delhi", "IND", "*"),
    ("Séoul", "KOR", "fr"), ("Hanoï", "VNM", "fr"), ("Varsovie", "POL", "fr"),
    ("Vienne", "AUT", "fr"), ("Berne", "CHE", "fr"), ("Lisbonne", "PRT", "fr"),
    ("Athènes", "GRC", "fr"), ("Copenhague", "DNK", "fr"), ("Bucarest", "ROU", "fr"),
    ("Chisinau", "MDA", "*"), ("Kichinev", "MDA", "fr"), ("Kiev", "UKR", "*"),
    ("Kyiv", "UKR", "*"), ("Erevan", "ARM", "fr"), ("Bakou", "AZE", "fr"),
    ("Tbilissi", "GEO", "fr"), ("Achgabat", "TKM", "fr"), ("Tachkent", "UZB", "fr"),
    ("Douchanbé", "TJK", "fr"), ("Bichkek", "KGZ", "fr"), ("Nur-Sultan", "KAZ", "*"),
    ("Oulan-Bator", "MNG", "fr"), ("Nicosie", "CYP", "fr"), ("Valette", "MLT", "fr"),
    ("Addis-Abeba", "ETH", "fr"), ("Mogadiscio", "SOM", "fr"), ("N'Djamena", "TCD", "*"),
    ("Ndjamena", "TCD", "*"), ("Abidjan", "CIV", "*"), ("Cotonou", "BEN", "*"),
    ("Tananarive", "MDG", "fr"), ("Havane", "CUB", "fr"), ("Mexico", "MEX", "fr"),
    ("Bogota", "COL", "*"), ("Brasilia", "BRA", "*"), ("La Paz", "BOL", "*"),
    ("Manille", "PHL", "fr"), ("Djakarta", "IDN", "fr"), ("Singapour", "SGP", "fr"),
    ("Rangoun", "MMR", "fr"), ("Rangoon", "MMR", "en"), ("Katmandou", "NPL", "fr"),
    ("Dacca", "BGD", "fr"), ("Thimphou", "BTN", "fr"), ("Taipei", "TWN", "*"),
    ("Taïpei", "TWN", "fr"), ("Ramallah", "PSE", "*"), ("Pristina", "XKX", "*"),
    ("Tripoli", "LBY", "*"), ("Khartoum", "SDN", "*"),
    ("Le Cap", "ZAF", "fr"), ("Prétoria", "ZAF", "fr"), ("Édimbourg", "GBR", "fr"),
]

# English demonym nouns and plurals the source does not give (its demonyms are adjectives).
EXTRA_DEMONYMS_EN = [
    ("Turk", "TUR"), ("Turks", "TUR"), ("Briton", "GBR"), ("Britons", "GBR"), ("Brits", "GBR"),
    ("Spaniard", "ESP"), ("Spaniards", "ESP"), ("Poles", "POL"), ("Dane", "DNK"),
    ("Danes", "DNK"), ("Finn", "FIN"), ("Finns", "FIN"), ("Swede", "SWE"), ("Swedes", "SWE"),
    ("Serb", "SRB"), ("Serbs", "SRB"), ("Croat", "HRV"), ("Croats", "HRV"),
    ("Kazakh", "KAZ"), ("Kazakhs", "KAZ"), ("Tajik", "TJK"), ("Tajiks", "TJK"),
    ("Uzbek", "UZB"), ("Uzbeks", "UZB"), ("Kyrgyz", "KGZ"), ("Azeri", "AZE"), ("Azeris", "AZE"),
    ("Frenchman", "FRA"), ("Frenchmen", "FRA"), ("Frenchwoman", "FRA"), ("Frenchwomen", "FRA"),
    ("Dutchman", "NLD"), ("Dutchmen", "NLD"), ("Irishman", "IRL"), ("Irishmen", "IRL"),
    ("Saudi", "SAU"), ("Saudis", "SAU"), ("Filipina", "PHL"), ("Filipinas", "PHL"),
    ("Slovenian", "SVN"), ("Slovenians", "SVN"), ("Somalian", "SOM"), ("Somalians", "SOM"),
    ("Djiboutian", "DJI"), ("Djiboutians", "DJI"), ("Belarusian", "BLR"),
    ("Emirati", "ARE"), ("Emiratis", "ARE"), ("Kosovar", "XKX"), ("Kosovars", "XKX"),
    ("Burmese", "MMR"), ("Czechs", "CZE"), ("Slovaks", "SVK"), ("Thais", "THA"),
    ("Palestinian", "PSE"), ("Palestinians", "PSE"), ("Congolese", "COD"),
]

# French demonyms missing from or wrong in the source (masculine singular; inflected by rule).
EXTRA_DEMONYMS_FR = [
    ("kosovar", "XKX"), ("palestinien", "PSE"), ("biélorusse", "BLR"), ("bélarusse", "BLR"),
    ("congolais", "COD"), ("nord-coréen", "PRK"), ("sud-coréen", "KOR"), ("émirati", "ARE"),
    ("émirien", "ARE"), ("saoudien", "SAU"), ("britannique", "GBR"), ("israélien", "ISR"),
    ("tchèque", "CZE"), ("ivoirien", "CIV"), ("birman", "MMR"), ("centrafricain", "CAF"),
    ("sahraoui", "ESH"), ("taïwanais", "TWN"), ("vénézuélien", "VEN"), ("néo-zélandais", "NZL"),
    ("kirghiz", "KGZ"), ("ouzbek", "UZB"), ("tadjik", "TJK"), ("kazakh", "KAZ"), ("azéri", "AZE"),
    ("suisse", "CHE"),
]

# Pattern owners forced by hand when the independence/area rule would pick badly
# (keys are normalised: lowercase, no accents).
OVERRIDE = {
    "congolais": "COD", "congolaise": "COD", "congolaises": "COD", "congolese": "COD",
}

# Patterns never written: ordinary words, given names, other places, and metonyms that mean
# something else (Brussels/Bruxelles = the EU far more often than Belgium). Normalised keys.
STOPLIST = {
    # given names, ordinary words, other places
    "dominique", "grenade", "reunion", "victoria", "douglas", "hamilton", "stanley",
    "plymouth", "jamestown", "sucre", "male", "roseau", "hollande", "holland", "jersey",
    "mann", "island", "the valley", "george town", "saint john's", "kingston", "castries",
    "la valette", "brussels", "bruxelles", "city of victoria", "vaticans",
}

# Countries whose French demonyms in the source are wrong (MNP: "Américan", a typo that
# would be inflected into forms competing with américain).
SKIP_DEMONYM_FR = {"MNP"}

FR_ARTICLE = re.compile(r"^(?:les|le|la)\s+|^l['’]\s*", re.IGNORECASE)


def norm(s: str) -> str:
    """Lowercase, accents removed, typographic apostrophe folded: the matcher's view."""
    s = unicodedata.normalize("NFD", s.replace("’", "'"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " ".join(s.lower().split())


def letters(s: str) -> int:
    return sum(1 for c in s if c.isalpha())


def clean_name(s: str, lang: str) -> list[str]:
    """Tidy a source name; split 'X (Y)' into X and Y; drop article and junk."""
    s = " ".join(s.replace("’", "'").split())
    s = s.replace(" -", "-").replace("- ", "-").replace("d' ", "d'").replace("l' ", "l'")
    out = []
    if "." in s:  # "Congo (Rép. dém.)", "Washington D.C.": hand tables cover these
        return []
    s = re.sub(r"\s*\([^)]*\)\s+", " ", s)  # "Cocos (Keeling) Islands" -> "Cocos Islands"
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", s)  # "Palaos (Palau)" -> both
    parts = [m.group(1), m.group(2)] if m else [s]
    for p in parts:
        p = p.strip()
        if not p or norm(p) in {"keeling"}:
            continue
        if lang == "fr":
            stripped = FR_ARTICLE.sub("", p)
            if stripped != p:
                p = stripped[:1].upper() + stripped[1:]
        out.append(p)
    return out


def split_demonym(s: str, lang: str) -> list[str]:
    sep = r",| or " if lang == "en" else r",| et "
    return [p.strip() for p in re.split(sep, s) if p.strip()]


# ---- French inflection -------------------------------------------------------------------

def fr_feminine(m: str) -> str:
    if m.endswith("e"):
        return m
    if m.endswith("grec"):  # grec -> grecque
        return m + "que"
    if m.endswith("c"):  # turc -> turque
        return m[:-1] + "que"
    if m.endswith("en"):  # syrien -> syrienne, coréen -> coréenne, libyen -> libyenne
        return m + "ne"
    if m.endswith("on") and not m.endswith("letton"):  # breton -> bretonne (but lettone)
        return m + "ne"
    return m + "e"  # -ain, -ais, -ois, -an, -in, -ol, -z, -i, -kh


def fr_plural(w: str) -> str:
    if w.endswith(("s", "x", "z")):
        return w
    if w.endswith("al"):
        return w[:-2] + "aux"
    return w + "s"


def fr_inflections(m: str, f: str | None) -> list[str]:
    m = m.lower()
    f = (f or fr_feminine(m)).lower()
    return sorted({m, f, fr_plural(m), fr_plural(f)})


# ---- English plural ----------------------------------------------------------------------

def en_plural(w: str) -> str | None:
    last = w.split()[-1]
    if last.endswith(("ese", "ish", "ch", "ss", "sh", "x", "z", "ic", "men", "s")) or last in {
            "Burkinabe", "Ni-Vanuatu", "I-Kiribati", "Motswana", "Mosotho", "Malagasy"}:
        return None
    if last.endswith(("chman", "shman", "chwoman")):  # Frenchman -> Frenchmen (not German)
        return w[:-3] + "men"
    return w + "s"


# ---- Collection --------------------------------------------------------------------------

def collect(countries: list[dict]) -> list[tuple[str, str, str, str]]:
    """Candidate rows (pattern, code, kind, lang) before conflict resolution."""
    rows: list[tuple[str, str, str, str]] = []

    def add(pattern: str, code: str, kind: str, lang: str) -> None:
        pattern = " ".join(pattern.replace("’", "'").split())
        if not pattern:
            return
        rows.append((pattern, code, kind, lang))

    for c in countries:
        code = CODE_REMAP.get(c["cca3"], c["cca3"])
        name = c.get("name", {})
        for key in ("common", "official"):
            for p in clean_name(name.get(key, ""), "en"):
                add(p, code, "name", "en")
        fra = c.get("translations", {}).get("fra", {})
        for key in ("common", "official"):
            for p in clean_name(fra.get(key, ""), "fr"):
                add(p, code, "name", "fr")
        # Capitals: only for independent states (dependencies' capitals are small towns whose
        # names clash with other places: Kingston, Douglas, Hamilton, Jamestown...).
        if c.get("independent") or code == "XKX":
            for cap in c.get("capital", []):
                for p in clean_name(cap, "en"):  # most capitals are spelt alike in French
                    add(p, code, "capital", "*")
        dem = c.get("demonyms", {})
        common_norm = norm(name.get("common", ""))
        eng = dem.get("eng", {})
        for g in ("m", "f"):
            for d in split_demonym(eng.get(g, ""), "en"):
                if norm(d) == common_norm:  # "Djibouti", "Gibraltar": not a demonym
                    continue
                add(d, code, "demonym", "en")
                pl = en_plural(d)
                if pl:
                    add(pl, code, "demonym", "en")
        fr = dem.get("fra", {}) if code not in SKIP_DEMONYM_FR else {}
        ms, fs = split_demonym(fr.get("m", ""), "fr"), split_demonym(fr.get("f", ""), "fr")
        if len(ms) != len(fs):
            fs = [None] * len(ms)
        for m, f in zip(ms, fs):
            # trust the source feminine only when it looks like an inflection of m
            if f and not norm(f).startswith(norm(m)[: max(3, len(m) - 3)]):
                f = None
            if f and norm(f) == "malouinne":  # source typo
                f = None
            for form in fr_inflections(m, f):
                add(form, code, "demonym", "fr")

    for p, code, lang in EXTRA_NAMES:
        add(p, code, "name", lang)
    for p, code, lang in ACRONYMS:
        add(p, code, "name", lang)
    for p, code, lang in EXTRA_CAPITALS:
        add(p, code, "capital", lang)
    for p, code in EXTRA_DEMONYMS_EN:  # plurals are listed explicitly
        add(p, code, "demonym", "en")
    for m, code in EXTRA_DEMONYMS_FR:
        for form in fr_inflections(m, None):
            add(form, code, "demonym", "fr")
    return rows


def resolve(rows, info) -> list[tuple[str, str, str, str]]:
    acronyms = {p for p, _, _ in ACRONYMS}
    kind_rank = {"name": 0, "capital": 1, "demonym": 2}
    # 1. filter
    kept = []
    for p, code, kind, lang in rows:
        n = norm(p)
        if n in STOPLIST:
            continue
        if letters(p) < 4 and p not in acronyms:
            continue
        kept.append((p, code, kind, lang))

    # 2. one code per (normalised pattern, language): override > independent > area > code
    def rank(code: str, n: str):
        if OVERRIDE.get(n) == code:
            return (0,)
        indep, area = info.get(code, (False, 0.0))
        return (1, not indep, -area, code)

    by_key: dict[tuple[str, str], set[str]] = {}
    for p, code, kind, lang in kept:
        by_key.setdefault((norm(p), lang), set()).add(code)
    winner = {k: min(codes, key=lambda c: rank(c, k[0])) for k, codes in by_key.items()}
    # a hand row with lang * must not be shadowed by a per-language winner
    kept = [r for r in kept if r[3] == "*" or winner[(norm(r[0]), r[3])] == r[1]]

    # 3. one kind per (first-letter case, normalised pattern, code, language): name > capital > demonym
    best: dict[tuple[bool, str, str, str], tuple[str, str]] = {}
    for p, code, kind, lang in kept:
        key = (p[:1].isupper(), norm(p), code, lang)
        cur = best.get(key)
        # name > capital > demonym; then the accented spelling (États-Unis over Etats-Unis)
        if cur is None or (kind_rank[kind], -len(p.encode()), p) < (
                kind_rank[cur[1]], -len(cur[0].encode()), cur[0]):
            best[key] = (p, kind)

    # 4. merge en + fr into *
    merged: dict[tuple[bool, str, str, str], set[str]] = {}
    surface: dict[tuple[bool, str, str, str], str] = {}
    for (upper, n, code, lang), (p, kind) in best.items():
        k = (upper, n, code, kind)
        merged.setdefault(k, set()).add(lang)
        # prefer the accented spelling as the written form
        if k not in surface or (p != surface[k] and len(p.encode()) > len(surface[k].encode())):
            surface[k] = p
    out = set()
    for k, langs in merged.items():
        if "*" in langs or {"en", "fr"} <= langs:
            langs = {"*"}
        for lang in langs:
            out.add((surface[k], k[2], k[3], lang))
    # drop rows shadowed by a row for the same pattern and code that covers the same language
    # with a better or equal kind (a * name hides an en demonym "Vatican" and a * capital
    # "Djibouti"; a * row hides the identical en/fr row)
    def covers(a: tuple, b: tuple) -> bool:
        if a == b or (norm(a[0]), a[0][:1].isupper(), a[1]) != (norm(b[0]), b[0][:1].isupper(), b[1]):
            return False
        if not (a[3] == "*" or a[3] == b[3]):
            return False
        return (kind_rank[a[2]], a[3] != "*") < (kind_rank[b[2]], b[3] != "*")
    groups: dict[tuple, list] = {}
    for r in out:
        groups.setdefault((norm(r[0]), r[0][:1].isupper(), r[1]), []).append(r)
    out = {r for g in groups.values() for r in g if not any(covers(o, r) for o in g)}
    return sorted(out, key=lambda r: (norm(r[0]), r[0], r[1], r[2], r[3]))


def fetch_npm() -> tuple[list[dict], str]:
    with tempfile.TemporaryDirectory() as tmp:
        res = subprocess.run(["npm", "pack", NPM_PACKAGE, "--silent"], cwd=tmp,
                             check=True, capture_output=True, text=True)
        tgz = Path(tmp) / res.stdout.strip().splitlines()[-1]
        with tarfile.open(tgz) as tf:
            tf.extractall(tmp, filter="data")
        pkg = json.loads((Path(tmp) / "package" / "package.json").read_text("utf-8"))
        data = json.loads((Path(tmp) / "package" / "countries.json").read_text("utf-8"))
        return data, pkg["version"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--from-file", type=Path, help="use this countries.json instead of npm")
    ap.add_argument("--version", default=None, help="source version written in the header")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()

    if args.from_file:
        countries = json.loads(args.from_file.read_text("utf-8"))
        version = args.version or "unknown (--from-file)"
        pj = args.from_file.parent / "package.json"
        if args.version is None and pj.exists():
            version = json.loads(pj.read_text("utf-8")).get("version", version)
    else:
        countries, version = fetch_npm()

    info = {CODE_REMAP.get(c["cca3"], c["cca3"]): (bool(c.get("independent")) or c["cca3"] == "UNK",
                                                   float(c.get("area") or 0))
            for c in countries}
    rows = resolve(collect(countries), info)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Country names, capitals (as metonyms for governments) and demonyms.\n")
        f.write("# columns: pattern<TAB>code<TAB>kind<TAB>lang; code = ISO 3166-1 alpha-3;"
                " kind = name|capital|demonym\n")
        f.write(f"# Built by scripts/build_countries.py from npm world-countries {version}\n")
        f.write("# Source: world-countries by Mohammed Le Doze (https://github.com/mledoze/countries),"
                " Open Database License (ODbL) 1.0; hand tables in the script by the Vigie project.\n")
        f.write("# Do not edit by hand: change the script and rebuild.\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
