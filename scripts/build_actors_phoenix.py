#!/usr/bin/env python3
"""Build data/lexicon/actors_phoenix.tsv from the PETRARCH2 Phoenix actor dictionaries.

Usage:
    python3 scripts/build_actors_phoenix.py [DICT_DIR] [OUTPUT]

DICT_DIR defaults to ../shared/data/petrarch2-dictionaries (relative to the repository root);
OUTPUT defaults to data/lexicon/actors_phoenix.tsv. Python 3.11, standard library only.

Source: Phoenix.Countries.actors.txt, Phoenix.International.actors.txt and
Phoenix.MilNonState.actors.txt from the PETRARCH2 dictionaries (MIT licence,
(c) 2014 Open Event Data Alliance; CountryInfo by the Computational Event Data System Project).

Input format (TABARI/PETRARCH actor dictionaries):
    NAME_WORDS_  [CODE DATES] ...  # comment      entry header, roles may be inline
    +VARIANT_                                     name variants (several per line allowed)
    <TAB>[CODE DATES]                             role lines
DATES: none, ">D" (from D on), "<D" (until D), "D1-D2"; D is YYMMDD or YYYYMMDD.
An undated role listed together with dated roles is TABARI's fallback code; here it is
emitted for the periods not covered by any dated role of the same entry.

Output (see data/README.md): pattern, code, sector, cameo_code, name, start, end, lang,
one row per name variant x role period.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO / ".." / "shared" / "data" / "petrarch2-dictionaries"
DEFAULT_OUT = REPO / "data" / "lexicon" / "actors_phoenix.tsv"
FILES = [
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
]

# Single-word variants that are ordinary English (or French) words, very common given names,
# or ambiguous surnames: as a lone pattern they would cause false matches. Compared
# case-insensitively after punctuation removal. Surnames of major leaders (Putin, Assad,
# Lavrov, Obama, Merkel...) are deliberately NOT listed.
STOPLIST = set(
    """
    a an the and or of in on at to for by with from as is it its be are was were this that
    may bush price brown rice wang li lee kim park king young white black green gray grey
    wood woods hill hills rock stone bird fox wolf lamb bell bells church chapel hall
    long short little small large great grand high low new old north south east west
    rich poor hope faith grace joy love peace war law rule power state nation union
    will bill mark rose lily daisy iris ruby pearl amber jade jewel crystal dawn eve
    christian christians muslim muslims jew jews jewish catholic protestant arab arabs
    moon sun star stars sky cloud rain snow frost storm field fields ford cross bridge
    baker barber butcher carter cook cooper farmer fisher fletcher gardener hunter
    mason miller porter potter sawyer shepherd smith tailor taylor turner walker weaver
    wright page bishop pope dean judge marshal major sergeant colonel general admiral
    captain chancellor prince princess duke earl lord baron count knight sheikh shah
    emir king queen president minister premier governor mayor senator deputy envoy
    chief head leader chair speaker council congress senate parliament assembly court
    army navy police guard guards force forces militia troops soldiers rebels party
    front group movement league alliance coalition government regime cabinet office
    ministry agency bank fund trust foundation society company corp inc ltd
    man men woman women boy girl child children people person family house home
    city town village country island islands river lake sea ocean bay port harbor
    mountain mountains valley desert forest park garden gardens street road way
    one two three four five six seven eight nine ten first second third last
    good bad best better well fine free fair just right left middle center centre
    gold silver iron steel oil gas coal salt sugar corn wheat cotton silk
    red blue yellow orange purple pink
    said says told asked called made took gave went came saw
    can could would should shall must might
    day days week month year years time times today tomorrow
    march april june july august
    monday tuesday wednesday thursday friday saturday sunday
    chase case hunt rush bass pike frank earnest noble sterling gay
    dole gore edwards ryan paul carter ford johnson
    jackson james john johns jones william williams davis evans thomas roberts lewis
    harris martin clark clarke allen scott adams baker nelson hall mitchell campbell
    collins stewart morris rogers reed cook morgan bailey bell murphy cooper
    richardson cox howard ward torres peterson gray james watson brooks kelly sanders
    price bennett wood barnes ross henderson coleman jenkins perry powell long
    patterson hughes flores washington butler simmons foster gonzales bryant
    alexander russell griffin diaz hayes myers ford hamilton graham sullivan wallace
    woods cole west jordan owens reynolds fisher ellis harrison gibson mcdonald
    cruz marshall ortiz gomez murray freeman wells webb simpson stevens tucker
    porter hunter hicks crawford henry boyd mason morales kennedy warren dixon
    ramos reyes burns gordon shaw holmes rice robertson hunt black daniels palmer
    mills nichols grant knight ferguson rose stone hawkins dunn perkins hudson
    spencer gardner stephens payne pierce berry matthews arnold wagner willis ray
    watkins olson carroll duncan snyder hart cunningham bradley lane andrews ruiz
    harper fox riley armstrong carpenter weaver greene lawrence elliott chavez
    sims austin peters kelley franklin lawson fields gutierrez ryan schmidt carr
    vasquez castillo wheeler chapman oliver montgomery richards williamson johnston
    banks meyer bishop mccoy howell alvarez morrison hansen fernandez garza harvey
    little burton stanley nguyen george jacobs reid fuller lynch dean gilbert
    garrett romero welch larson frazier burke hanson day mendoza moreno bowman
    medina fowler brewer hoffman carlson silva pearson holland douglas fleming
    jensen vargas byrd davidson hopkins may terry herrera wade soto walters curtis
    neal caldwell lowe jennings barnett graves jimenez horton shelton barrett
    obrien sutton gregory mckinney lucas miles craig rodriquez chambers holt
    lambert fletcher watts bates hale rhodes pena beck newman haynes mcdaniel
    mendez bush vaughn parks dawson santiago norris hardy love steele curry powers
    schultz barker guzman page munoz ball keller chandler weber leonard walsh lyons
    ramsey wolfe schneider mullins benson sharp bowen daniel barber cummings hines
    baldwin griffith valdez hubbard salazar reeves warner stevenson burgess santos
    tate cross garner mann mack moss thornton dennis mcgee farmer delgado aguilar
    vega glover manning cohen harmon rodgers robbins newton todd blair higgins
    ingram reese cannon strickland townsend potter goodwin walton rowe hampton
    ortega patton swanson joseph francis goodman maldonado yates becker erickson
    hodges rios conner adkins webster norman malone hammond flowers cobb moody
    quinn blake maxwell pope floyd osborne paul mccarthy guerrero lindsey estrada
    sandoval gibbs tyler gross fitzgerald stokes doyle sherman saunders wise colon
    gill alvarado greer padilla simon waters nunez ballard schwartz mcbride houston
    christensen klein pratt briggs parsons mclaughlin zimmerman french buchanan
    moran copeland roy pittman brady mccormick holloway brock poole frank logan
    owen bass marsh drake wong jefferson park morton abbott sparks patrick norton
    huff clayton massey lloyd figueroa carson bowers roberson barton tran lamb
    harrington casey boone cortez clarke mathis singleton wilkins cain bryan
    underwood hogan mckenzie collier luna phelps mcguire allison bridges wilkerson
    nash summers atkins
    mohammed muhammad mohammad mohamed ali ahmed ahmad hassan hussein hussain omar
    abdullah abdul abu ibrahim ismail khalid khaled mahmoud mustafa yusuf youssef
    said saeed saleh salem salim karim rahman hamid aziz nasser
    singh kumar khan shah patel das ram ray sharma gupta
    chen zhang liu yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng
    liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang
    yu du ye cheng wei su lu ding ren shen yao jin fu zhong tan
    nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly
    choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song hong jeon
    go yoo moon
    sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato
    garcia rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez
    occupied organization organisation republic paradise olive machete falcon male moron
    mavericks phoenix providence natal kiwi buffalo hippo vladimir youth zero tigers saga
    tara sodom gomorrah yahweh pole poles dane danes finn finns swede swedes scot jersey
    zain sheepland moonland yankeeland americay olympus
    """.split()
)

# Lowercase English words that make a variant a descriptive English phrase (lang=en) and,
# in first position, are written lowercase so that the capitalisation rule does not apply.
COMMON_WORDS = set(
    """
    a an the of and or in on at to for by with from 's
    government governments minister ministers ministry ministries army armies forces force
    president presidential prime premier secretary secretary-general general chief head
    deputy vice foreign defense defence interior affairs office spokesman spokeswoman
    spokesperson official officials troops soldiers soldier leader leaders leadership
    party council committee commission police military navy naval air airforce
    intelligence security service services guard guards border cabinet regime
    administration authorities authority parliament parliamentary congress senate
    senator senators congressman congresswoman representative representatives ambassador
    envoy mr. mrs. ms. dr. sir former ex acting king queen prince crown commander
    commanders governor mayor judge judges court supreme justice state department
    embassy consulate delegation delegate mission militia militias rebels rebel
    insurgents militants fighters group groups movement front organization
    organisation union national nationalist people people's popular republic republican
    democratic liberation revolutionary brigade brigades battalion division corps
    unit units agency agents agent bank fund world international federal central
    opposition ruling coalition alliance league association society institute
    foundation company corporation members member staff officer officers
    """.split()
)
# Extra English words that only mark a phrase as English (lang=en), without changing case.
ENGLISH_ONLY = set(
    """
    united nations states islamic kingdom european african american arab human rights red
    crescent cross atomic energy health trade monetary criminal holy war peace north south
    east west new free liberation army western eastern northern southern central gulf
    """.split()
)
FUNCTION_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by",
                  "with", "from", "de", "du", "des", "la", "le", "les", "da", "do", "dos",
                  "das", "van", "von", "der", "den", "y", "e"}
NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint"}
VOWELS = set("AEIOUY")
KNOWN_ACRONYMS = {"UN", "UNSC", "NATO", "ISIS", "ISIL", "IAEA", "UNHCR", "UNICEF", "UNESCO",
                  "OPEC", "OSCE", "ASEAN", "IMF", "WHO", "ICRC", "ICC", "ICJ", "OAS", "AU",
                  "EU", "UNDP", "UNEP", "WFP", "FAO", "ILO", "WTO", "NGO", "USA", "US", "UK",
                  "PLO", "PKK", "YPG", "SDF", "FSA", "HTS", "AQAP", "AQIM", "AQI", "ETA",
                  "IRA", "FARC", "ELN", "LTTE", "PFLP", "DFLP", "UNRWA", "UNIFIL", "MONUC",
                  "MONUSCO", "MINUSMA", "UNAMA", "UNAMI", "OHCHR", "IPCC", "IEA", "OECD",
                  "G8", "G7", "G20", "EC", "ECB", "ECOWAS", "SADC", "IGAD", "GCC", "OIC",
                  "CIS", "CSTO", "SCO", "APEC", "BRICS", "NAFTA", "MERCOSUR", "OAU",
                  "UNSG", "UNGA", "UNHRC", "AMISOM", "KFOR", "SFOR", "ISAF", "EULEX"}
MIN_SINGLE_LEN = 4

MONTHS = ("january|february|march|april|may|june|july|august|september|october|"
          "november|december")
DATE_LIKE = re.compile(rf"^(\d{{1,2}}(st|nd|rd|th)? ({MONTHS})|({MONTHS}) \d{{1,2}}(st|nd|rd|th)?)$",
                       re.IGNORECASE)
DATE_RE = re.compile(r"^\d{6}$|^\d{8}$")
ROLE_RE = re.compile(
    r"^(?P<code>[A-Z]{3,})"
    r"(?:\s*(?:(?P<op>[<>])\s*(?P<d>\d+)|(?P<d1>\d+)\s*-\s*(?P<d2>\d+)))?\s*$"
)


def parse_date(s: str) -> dt.date | None:
    """YYMMDD (pivot: 00-29 -> 20xx) or YYYYMMDD; None if invalid."""
    if not DATE_RE.match(s):
        return None
    try:
        if len(s) == 6:
            yy = int(s[:2])
            year = 2000 + yy if yy < 30 else 1900 + yy
            return dt.date(year, int(s[2:4]), int(s[4:6]))
        return dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    except ValueError:
        return None


def parse_role(text: str, stats: Counter):
    """'RUSGOV >20040309' -> (code, start, end) or None (counted in stats)."""
    text = text.strip()
    if not text or set(text) <= {"-", " "}:
        stats["role_empty_or_dash"] += 1
        return None
    m = ROLE_RE.match(text)
    if not m:
        stats["role_unparsable"] += 1
        return None
    code = m.group("code")
    start = end = None
    if m.group("op"):
        d = parse_date(m.group("d"))
        if d is None:
            stats["role_bad_date"] += 1
            return None
        if m.group("op") == ">":
            start = d
        else:
            end = d
    elif m.group("d1"):
        start, end = parse_date(m.group("d1")), parse_date(m.group("d2"))
        if start is None or end is None:
            stats["role_bad_date"] += 1
            return None
        if end < start:
            stats["role_reversed_dates"] += 1
            return None
    return code, start, end


def split_roles(text: str, stats: Counter):
    """Extract all [..] groups from a line; return (rest_without_brackets, roles)."""
    roles = []
    for grp in re.findall(r"\[([^\]]*)\]", text):
        r = parse_role(grp, stats)
        if r:
            roles.append(r)
    rest = re.sub(r"\[[^\]]*\]?", " ", text)
    return rest, roles


def raw_variants(text: str) -> list[str]:
    """'+TAIOAN_ +TAWIAN_' -> ['TAIOAN_', 'TAWIAN_']; header text -> [name]."""
    parts = [p.strip() for p in text.split("+")]
    return [p for p in parts if p and re.search(r"[A-Za-z0-9]", p)]


def parse_file(path: Path, stats: Counter):
    """Yield entries: dict(name=raw, variants=[raw...], roles=[(code,start,end)...])."""
    entry = None
    with path.open(encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n\r")
            body = line.split("#", 1)[0]
            if not body.strip():
                continue
            stripped = body.strip()
            if stripped.startswith("["):
                if entry is None:
                    stats["role_without_entry"] += 1
                    continue
                _, roles = split_roles(stripped, stats)
                entry["roles"].extend(roles)
            elif stripped.startswith("+"):
                if entry is None:
                    stats["variant_without_entry"] += 1
                    continue
                rest, roles = split_roles(stripped, stats)
                entry["variants"].extend(raw_variants(rest))
                entry["roles"].extend(roles)
            else:
                if entry is not None:
                    yield entry
                rest, roles = split_roles(stripped, stats)
                vs = raw_variants(rest)
                if not vs:
                    stats["header_without_name"] += 1
                    entry = None
                    continue
                entry = {"name": vs[0], "variants": vs, "roles": roles,
                         "src": f"{path.name}:{lineno}"}
    if entry is not None:
        yield entry


def clean_tokens(raw: str) -> list[str]:
    """'SERGEY_V._LAVROV_' -> ['SERGEY', 'V.', 'LAVROV']; drops parenthesised acronyms."""
    s = raw.replace("_", " ")
    s = re.sub(r"\([^)]*\)", " ", s)  # '(ETA)' handled separately
    s = s.replace("(", " ").replace(")", " ")
    s = s.replace("]", " ").replace("[", " ")
    toks = []
    for t in s.split():
        t = t.strip(",;:-/")
        if t:
            toks.append(t)
    return toks


def paren_acronyms(raw: str) -> list[str]:
    return [m.strip() for m in re.findall(r"\(([^)]*)\)", raw.replace("_", " ")) if m.strip()]


def case_word(w: str, first: bool, lower_common: bool) -> str:
    """Title-case one token, keeping acronyms and lowering particles/function words."""
    lw = w.lower()
    letters = re.sub(r"[^A-Za-z]", "", w)
    if w.upper() in KNOWN_ACRONYMS or (
        letters == w and len(letters) <= 5 and w == w.upper()
        and not (set(letters.upper()) & VOWELS) and len(letters) >= 2
    ):
        return w.upper()
    if re.fullmatch(r"([A-Za-z]\.){2,}", w):  # U.N., U.S.
        return w.upper()
    if not first and (lw in FUNCTION_WORDS or lw in NAME_PARTICLES):
        return lw
    if lower_common and lw in COMMON_WORDS:
        return lw
    # hyphenated: al-Assad, Secretary-General
    parts = w.split("-")
    out = []
    for i, p in enumerate(parts):
        lp = p.lower()
        if len(parts) > 1 and i == 0 and lp in ("al", "el", "ad", "as", "ash", "at", "az", "ar", "an"):
            out.append(lp)
        else:
            out.append(_cap(p))
    return "-".join(out)


def _cap(p: str) -> str:
    if not p:
        return p
    p = p.lower()
    # O'Brien, D'Alema; keep "'s" lowercase
    if "'" in p:
        head, _, tail = p.partition("'")
        if tail == "s" or tail == "":
            return head[:1].upper() + head[1:] + "'" + tail
        return head[:1].upper() + head[1:] + "'" + tail[:1].upper() + tail[1:]
    if p.startswith("mc") and len(p) > 2:
        return "Mc" + p[2:3].upper() + p[3:]
    return p[:1].upper() + p[1:]


def make_pattern(tokens: list[str]) -> str:
    lower_common = tokens[0].lower() in COMMON_WORDS and len(tokens) > 1
    out = []
    for i, t in enumerate(tokens):
        out.append(case_word(t, i == 0, lower_common))
    # leading Arabic article before a name: "al Qaeda", "al-Baghdadi"
    if len(out) > 1 and out[0] in ("Al", "El"):
        out[0] = out[0].lower()
    return " ".join(out)


def is_english_phrase(tokens: list[str]) -> bool:
    for t in tokens:
        lt = t.lower()
        if lt in COMMON_WORDS or lt in ENGLISH_ONLY or lt.endswith("'s"):
            return True
        for part in lt.split("-"):
            if part in COMMON_WORDS and part not in ("a", "an"):
                return True
    return False


def keep_single(token: str, stats: Counter) -> bool:
    key = re.sub(r"[^a-z0-9]", "", token.lower())
    if len(key) < MIN_SINGLE_LEN and token.upper() not in KNOWN_ACRONYMS:
        stats["variant_dropped_short"] += 1
        return False
    if token.upper() in KNOWN_ACRONYMS and len(key) < 3:
        # two-letter acronyms (UN, EU, US) would match ordinary words ("Un", "Us")
        stats["variant_dropped_short"] += 1
        return False
    if key in STOPLIST or token.upper() in ("WHO", "US", "UN"):
        stats["variant_dropped_stoplist"] += 1
        return False
    if key.isdigit():
        stats["variant_dropped_numeric"] += 1
        return False
    return True


def expand_periods(roles):
    """Dated roles as-is; undated roles become fallback rows over uncovered periods."""
    dated = [r for r in roles if r[1] is not None or r[2] is not None]
    undated = [r for r in roles if r[1] is None and r[2] is None]
    out = list(dict.fromkeys(dated))
    if not undated:
        return out
    if not dated:
        return list(dict.fromkeys(undated))
    # gaps not covered by any dated interval
    one = dt.timedelta(days=1)
    ivs = sorted(((s or dt.date.min), (e or dt.date.max)) for _, s, e in dated)
    merged = []
    for s, e in ivs:
        if merged and s <= (merged[-1][1] + one if merged[-1][1] < dt.date.max else dt.date.max):
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    gaps = []
    cur = dt.date.min
    for s, e in merged:
        if s > cur:
            gaps.append((cur, s - one))
        if e >= dt.date.max - one:
            cur = None
            break
        cur = e + one
    if cur is not None:
        gaps.append((cur, dt.date.max))
    for code, _, _ in dict.fromkeys(undated):
        for s, e in gaps:
            out.append((code,
                        None if s == dt.date.min else s,
                        None if e == dt.date.max else e))
    return out


def fmt(d):
    return d.isoformat() if d else ""


def canonical_name(raw: str) -> str:
    toks = clean_tokens(raw)
    if len(toks) > 1 and toks[0].lower() == "the":
        toks = toks[1:]
    if not toks:
        return ""
    lower_common = False
    return " ".join(case_word(t, i == 0, lower_common) for i, t in enumerate(toks))


NON_STATE_CODES = {"IGO", "IMG", "NGO", "MNC", "UAF", "REB", "OPP", "CVL", "BUS"}


def main(argv: list[str]) -> int:
    src_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    out_path = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    if not src_dir.is_absolute() and len(argv) > 1:
        src_dir = (Path.cwd() / src_dir)
    stats: Counter = Counter()
    rows = []
    seen = set()
    for fname in FILES:
        path = src_dir / fname
        if not path.exists():
            print(f"error: {path} not found", file=sys.stderr)
            return 1
        for entry in parse_file(path, stats):
            stats["entries"] += 1
            periods = expand_periods(entry["roles"])
            if not periods:
                stats["entry_dropped_no_roles"] += 1
                continue
            name = canonical_name(entry["name"])
            if not name:
                stats["entry_dropped_no_name"] += 1
                continue
            patterns = []
            for rv in entry["variants"]:
                toks = clean_tokens(rv)
                cands = []
                if toks:
                    cands.append(toks)
                for acr in paren_acronyms(rv):
                    cands.append(acr.split())
                for t in cands:
                    if any("\ufffd" in x for x in t):
                        stats["variant_dropped_bad_encoding"] += 1
                        continue
                    if len(t) == 1 and not keep_single(t[0], stats):
                        continue
                    if not re.search(r"[A-Za-z]", " ".join(t)):
                        stats["variant_dropped_noletters"] += 1
                        continue
                    if DATE_LIKE.match(" ".join(t)):
                        stats["variant_dropped_date_like"] += 1
                        continue
                    p = make_pattern(t)
                    lang = "en" if is_english_phrase(t) else "*"
                    patterns.append((p, lang))
            if not patterns:
                stats["entry_dropped_no_patterns"] += 1
                continue
            for p, lang in dict.fromkeys(patterns):
                for code, s, e in periods:
                    # A bare country code marks a country name, a city or a region in
                    # Phoenix: places are not actors (countries.tsv holds the country names
                    # and capitals used as metonyms; the gazetteer holds places).
                    if len(code) == 3 and code not in NON_STATE_CODES:
                        stats["row_dropped_place"] += 1
                        continue
                    row = (p, code[:3], code[3:6], code, name, fmt(s), fmt(e), lang)
                    if row in seen:
                        stats["row_duplicate"] += 1
                        continue
                    seen.add(row)
                    rows.append(row)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# actors_phoenix.tsv -- GENERATED by scripts/build_actors_phoenix.py; do not edit by hand.\n"
            "# Source: PETRARCH2 Phoenix dictionaries (Phoenix.Countries/International/MilNonState"
            ".actors.txt), MIT licence, (c) 2014 Open Event Data Alliance.\n"
            "# Columns: pattern<TAB>code<TAB>sector<TAB>cameo_code<TAB>name<TAB>start<TAB>end<TAB>lang\n"
            "# One row per name variant x role period. Undated fallback roles of an entry are\n"
            "# emitted only for periods not covered by its dated roles. lang: * = proper name,\n"
            "# en = English descriptive phrase. Single common words and names < 4 letters dropped.\n"
        )
        for r in rows:
            fh.write("\t".join(r) + "\n")
    size = out_path.stat().st_size
    print(f"wrote {out_path} rows={len(rows)} bytes={size}", file=sys.stderr)
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
