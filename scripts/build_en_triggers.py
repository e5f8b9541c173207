#!/usr/bin/env python3
"""Build data/lexicon/en/triggers.tsv.

Sources
  * PETRARCH2 CAMEO verb dictionary  ../shared/data/petrarch2-dictionaries/CAMEO.2.0.txt
    (c) 2015 Open Event Data Alliance, MIT licence.
  * CAMEO -> PLOVER table             ../shared/data/plover/CAMEO2PLOVER-2021.txt
    (Open Event Data Alliance, CC BY-SA 4.0).
  * hand-curated supplement           data/lexicon/en/triggers_curated.tsv
    (Vigie authors, MIT OR Apache-2.0); curated rows win on conflict.

Conversion (deliberately conservative)
  * every verb of a verb block whose code (the verb's own code, else the block default)
    maps to a PLOVER type becomes `verb_lemma -> type`;
  * simple object patterns `- * WORD (PREP WORD) {A B} &SMALLSET [code]` become
    `verb * word ...` (the verb is the one named in the pattern's comment, else every
    verb of the block); patterns with actor slots ($ + ^ %), with words before the verb,
    or with large synonym sets are skipped;
  * CAMEO codes map to PLOVER via the most specific entry of CAMEO2PLOVER (4 -> 3 -> 2
    digits); codes 01x/02x, `---` and anything without a PLOVER type are skipped;
  * modes are kept only when they are in the PLOVER manual's mode table for that type;
    a few table entries are normalised to the manual (see OVERRIDES).

Usage: python3 scripts/build_en_triggers.py   (run from the repository root or anywhere)
"""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
CAMEO_DICT = SHARED / "petrarch2-dictionaries" / "CAMEO.2.0.txt"
C2P = SHARED / "plover" / "CAMEO2PLOVER-2021.txt"
CURATED = ROOT / "data" / "lexicon" / "en" / "triggers_curated.tsv"
OUT = ROOT / "data" / "lexicon" / "en" / "triggers.tsv"

# Modes listed in the PLOVER manual (draft 0.8), per event type.
MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}
CONTEXT_FIX = {"democracy": "pro_democracy"}
# code -> (type, mode, context): places where the 2021 table disagrees with the manual
# text or uses names outside the manual's mode tables.
OVERRIDES = {
    # manual, SANCTION: "International (political or economic) sanctions are coded as
    # 'discontinue'" (the table sends 163 to COERCE restrict).
    "163": ("SANCTION", "discontinue", "economic"),
    "175": ("ASSAULT", "", "repression"),
    "185": ("ASSAULT", "targeted", ""),
    "186": ("ASSAULT", "targeted", ""),
    "195": ("ASSAULT", "aerial", "military"),
    "1322": ("THREATEN", "restrict", "pro_autocracy"),
    "1321": ("THREATEN", "restrict", "rights_freedoms"),
    "1722": ("COERCE", "restrict", "pro_autocracy"),
    "0874": ("RETREAT", "withdraw", "military"),
    "200": ("ASSAULT", "targeted", "military"),
    "202": ("ASSAULT", "targeted", "religion_ethnicity"),
}
# Over-general verbs: kept but flagged `weak` (the coder lowers confidence).
WEAK_VERBS = {
    "hit", "match", "pit", "struggle", "conflict", "hammer", "strike", "storm", "stone",
    "take", "get", "hold", "give", "make", "put", "set", "keep", "bring", "send", "move",
    "leave", "return", "close", "open", "end", "stop", "free", "back", "order", "call",
    "meet", "see", "follow", "press", "push", "charge", "fire", "shoot", "handle",
    "receive", "host", "join", "accept", "agree", "approve", "support", "sign", "offer",
    "seek", "want", "plan", "prepare", "consider", "discuss", "address", "pay", "provide",
    "grant", "deliver", "share", "help", "reach", "hand", "turn", "cut", "drop", "lift",
    "ease", "claim", "blame", "battle", "fight", "block", "ban", "deny", "decline",
    "refuse", "reject", "warn", "urge", "ask", "demand", "expel", "withdraw", "pull",
    "release", "capture", "seize", "arrest", "attack", "kill",
}
# …but these are clear event verbs despite appearing above: keep them strong.
STRONG_OVERRIDE = {"attack", "kill", "arrest", "seize", "capture", "expel", "withdraw",
                   "reject", "refuse", "demand", "urge", "warn", "release", "fight",
                   "battle", "block", "ban", "meet", "sign", "agree", "accept",
                   "approve", "support", "deny", "blame", "claim", "decline", "ask", "free"}
# Words that are never emitted as bare single-token verb triggers: too ambiguous in news
# text, or auxiliaries / reporting verbs (statements are handled elsewhere).
STOP_VERBS = {
    "be", "have", "do", "will", "would", "can", "may", "say", "tell", "go", "come", "get",
    "make", "take", "give", "put", "set", "see", "look", "appear", "seem", "let", "use",
    "run", "base", "place", "post", "position", "pose", "stage", "match", "pit", "back",
    "like", "need", "try", "know", "think", "find", "show", "report", "state", "note",
    "add", "include", "work", "mean", "keep", "hold", "bring", "turn", "move", "lead",
    "leave", "follow", "close", "open", "end", "start", "begin", "continue", "hit",
    "call", "face", "form", "head", "draw", "stand", "point", "raise", "order", "pass",
    "cover", "carry", "land", "mark", "view", "level", "field", "host", "reach", "handle",
    "stop", "return", "press", "push", "pull", "drop", "lift", "cut", "check", "test",
    "visit_",
}


def load_c2p(path: Path) -> dict[str, tuple[str, str, str]]:
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.groups()
        parts = [p.strip() for p in rest.split(",")]
        typ = parts[0].upper()
        mode = parts[1] if len(parts) > 1 else ""
        ctx = parts[2] if len(parts) > 2 else ""
        ctx = ";".join(CONTEXT_FIX.get(c.strip(), c.strip()) for c in ctx.split(";") if c.strip())
        if code not in table:  # first entry wins (175 is listed twice identically)
            table[code] = (typ, mode.strip(), ctx)
    return table


PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                "MOBILIZE", "COERCE", "ASSAULT"}


def plover(code: str, table) -> tuple[str, str, str] | None:
    if not code or not code.isdigit() or code[:2] in ("01", "02"):
        return None
    if code in OVERRIDES:
        typ, mode, ctx = OVERRIDES[code]
        return typ, mode, ctx
    for k in (code, code[:3], code[:2]):
        if k in table:
            typ, mode, ctx = table[k]
            if typ not in PLOVER_TYPES:
                return None
            if mode not in MODES.get(typ, set()):
                mode = ""
            return typ, mode, ctx
    return None


def parse_code(raw: str) -> str:
    """'[042:043]' -> '042'; '[:173]' -> '173'; '[---]' -> ''."""
    raw = raw.strip("[] ")
    for part in raw.split(":"):
        part = part.strip()
        if part and part != "---":
            return part
    return ""


def word(tok: str) -> str:
    return tok.replace("_", " ").strip().lower()


IRREGULAR_PLURAL_KEEP = {"arms", "news", "talks", "series", "means", "headquarters", "forces",
                         "affairs", "relations", "troops", "sanctions", "goods", "us",
                         "its", "his", "this", "as", "was", "has", "is", "across", "thus",
                         "politics", "economics", "species", "always", "perhaps", "besides"}


def singular(w: str) -> str:
    """Crude singulariser for pattern nouns (README: nouns in the singular)."""
    if w in IRREGULAR_PLURAL_KEEP:
        if w in ("talks", "forces", "relations", "troops", "sanctions", "affairs"):
            return w[:-1]
        return w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and re.search(r"(ches|shes|sses|xes)$", w):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not re.search(r"(ss|us|is|os)$", w):
        return w[:-1]
    return w


def load_sets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    cur = None
    for line in lines:
        s = line.split("#", 1)[0].strip()
        if s.startswith("&"):
            cur = s
            sets[cur] = []
        elif s.startswith("+") and cur:
            w = word(s[1:].split("{")[0].strip())
            if w:
                sets[cur].append(w)
        elif not s:
            continue
        else:
            if "VERB PATTERNS" in line:
                break
    return sets


FUNCTION_WORDS = {"a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "with", "from",
                  "into", "over", "against", "about", "up", "down", "out", "off", "back",
                  "as", "and", "or", "it", "its", "his", "her", "their", "them", "him",
                  "that", "this", "if", "since", "after", "before", "during", "under",
                  "through", "away", "along", "behind", "near", "toward", "towards", "upon",
                  "not", "no", "all", "any", "some", "more", "new", "way", "way"}
# CAMEO 173 also covers "charge with legal action"; PLOVER codes suing/indicting as ACCUSE.
LEGAL_ACCUSE_VERBS = {"sue", "indict", "prosecute", "charge", "try", "accuse"}
MAX_SET = 8  # expand synonym sets up to this size; larger sets -> pattern skipped


def expand_pattern(toks: list[str], sets) -> list[list[str]] | None:
    out: list[list[str]] = [[]]
    for t in toks:
        alts: list[list[str]]
        if t.startswith("&"):
            members = sets.get(t)
            if not members or len(members) > MAX_SET:
                return None
            alts = [m.split() for m in members]
        elif "/" in t:
            alts = [[a] for a in t.split("/") if a]
        else:
            alts = [[t]]
        out = [o + a for o in out for a in alts]
        if len(out) > 16:
            return None
    return out


def parse_dictionary(path: Path, table):
    text = path.read_text(encoding="latin-1").splitlines()
    sets = load_sets(text)
    start = next(i for i, l in enumerate(text) if "VERB PATTERNS" in l)
    # (pattern) -> Counter of codes ; (pattern) -> set of block defaults ; flags
    votes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    defaults: dict[str, set[str]] = collections.defaultdict(set)
    kinds: dict[str, str] = {}
    block_default = ""
    block_verbs: list[str] = []
    verb_codes: dict[str, str] = {}

    def add(pattern: str, code: str, default: str, kind: str) -> None:
        if not code or plover(code, table) is None:
            return
        votes[pattern][code] += 1
        if code == default:
            defaults[pattern].add(code)
        kinds.setdefault(pattern, kind)

    for raw in text[start + 1:]:
        if raw.startswith("####### ") and "TRANSFORMATIONS" in raw:
            break
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("---"):
            m = re.match(r"^---\s+(\S+)\s+(\[[^\]]*\])\s+---", line)
            block_default = parse_code(m.group(2)) if m else ""
            block_verbs = []
            continue
        if line.startswith("-"):
            body, _, comment = line[1:].partition("#")
            m = re.search(r"\[([^\]]*)\]", body)
            if not m:
                continue
            code = parse_code(m.group(1))
            body = body[: m.start()].strip()
            if any(c in body for c in "$^+%<>|=@"):
                continue
            toks = body.replace("{", " { ").replace("}", " } ").replace("(", " ").replace(")", " ").split()
            if not toks or toks[0] != "*":
                continue
            toks = [t for t in toks[1:] if t not in ("{", "}")]
            if not toks:
                continue
            expanded = expand_pattern(toks, sets)
            if not expanded:
                continue
            src = [word(v) for v in re.split(r"[,\s]+", comment.strip()) if v.strip()]
            src_verbs = [v for v in src if v in block_verbs and re.fullmatch(r"[a-z\- ]+", v)]
            verbs = src_verbs[:1] or [v for v in block_verbs[:1]]
            for v in verbs:
                if v in STOP_VERBS and len(v.split()) == 1 and v in ("be", "have", "do", "will", "would", "can", "may"):
                    continue
                for obj in expanded:
                    obj_words = [singular(word(t)) for t in obj]
                    if not obj_words or all(w in FUNCTION_WORDS or len(w) <= 2 for w in obj_words):
                        continue  # e.g. `sue * for`: nothing but function words
                    add(f"{v} * {' '.join(obj_words)}", code, block_default, "pattern")
            continue
        # verb line
        body = line.split("#", 1)[0]
        m = re.search(r"\[([^\]]*)\]\s*$", body.strip())
        code = parse_code(m.group(1)) if m else block_default
        head = re.sub(r"\{[^}]*\}", " ", body)
        head = re.sub(r"\[[^\]]*\]", " ", head).strip()
        if not head:
            continue
        multi = head.startswith("+")
        v = word(head.lstrip("+"))
        if not v or not re.fullmatch(r"[a-z][a-z\- ]*", v):
            continue
        block_verbs.append(v)
        verb_codes[v] = code
        if v.endswith((" and", " by", " of", " to")):
            continue  # fragments such as SHOT_AND, ANGERED_BY
        if not multi and v in STOP_VERBS:
            continue
        add(v, code, block_default, "verb")
    return votes, defaults, kinds


def choose(votes, defaults, table):
    rows = {}
    for pattern, counter in votes.items():
        ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0] not in defaults[pattern], kv[0]))
        code = ranked[0][0]
        typ, mode, ctx = plover(code, table)
        if code == "173" and pattern.split(" * ")[0] in LEGAL_ACCUSE_VERBS:
            typ, code, mode, ctx = "ACCUSE", "115" if pattern.startswith("sue") else "112", "allege", "legal"
        rows[pattern] = (typ, code, mode, ctx)
    return rows


def flags_for(pattern: str, typ: str, code: str) -> str:
    flags = []
    head = pattern.split(" * ")[0]
    if code in ("1823", "186", "202", "200") or head in ("kill", "murder", "execute", "slay", "slaughter", "massacre", "assassinate"):
        if typ == "ASSAULT":
            flags.append("kill")
    if head in ("wound", "injure", "maim"):
        flags.append("injure")
    if typ == "COERCE" and code == "173" and head in ("arrest", "detain", "jail", "imprison", "apprehend", "round up", "nab", "incarcerate", "intern"):
        flags.append("arrest")
    if " * " not in pattern and " " not in pattern and head in WEAK_VERBS and head not in STRONG_OVERRIDE:
        flags.append("weak")
    if head in ("meet", "clash", "negotiate", "confer", "skirmish", "duel", "wrestle", "talk"):
        flags.append("reciprocal")
    return ",".join(flags)


def load_curated(path: Path):
    """Curated rows as a list (a pattern may carry several rows, e.g. verb and noun
    readings), plus the set of derived patterns to remove (rows whose type is `-`)."""
    rows, removals = [], set()
    if not path.exists():
        return rows, removals
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        pat = " ".join(cols[0].split())
        if len(cols) >= 2 and cols[1] == "-":
            removals.add(pat)
            continue
        if len(cols) < 3:
            sys.exit(f"{path}:{n}: expected >= 3 tab-separated columns")
        cols += [""] * (6 - len(cols))
        row = (pat, *cols[1:6])
        if row not in rows:
            rows.append(row)
    return rows, removals


HEADER = """\
# Vigie English event triggers — GENERATED by scripts/build_en_triggers.py; do not edit by hand
# (edit data/lexicon/en/triggers_curated.tsv and rebuild).
# Sources: PETRARCH2 CAMEO verb dictionary CAMEO.2.0.txt (c) 2015 Open Event Data Alliance, MIT;
#          CAMEO2PLOVER-2021 conversion table and PLOVER manual draft 0.8 (Open Event Data Alliance, CC BY-SA 4.0);
#          triggers_curated.tsv (Vigie authors, MIT OR Apache-2.0), whose rows win on conflict.
# Columns: pattern<TAB>event_type<TAB>cameo<TAB>mode<TAB>context<TAB>flags
# `*` = gap of 0-3 tokens; verbs as base forms, nouns in the singular; flags: kill, injure, arrest, noun, reciprocal, weak.
"""


def main() -> None:
    table = load_c2p(C2P)
    votes, defaults, _ = parse_dictionary(CAMEO_DICT, table)
    rows = choose(votes, defaults, table)
    out = {p: (t, c, m, x, flags_for(p, t, c)) for p, (t, c, m, x) in rows.items()}
    derived = len(out)
    curated, removals = load_curated(CURATED)
    curated_patterns = {r[0] for r in curated}
    removed = sum(1 for p in removals if p in out and p not in curated_patterns)
    for p in removals | curated_patterns:
        out.pop(p, None)  # curated rows replace every derived row of the same pattern
    all_rows = [(p, *r) for p, r in out.items()] + curated
    lines = [HEADER]
    for row in sorted(all_rows, key=lambda r: (r[0].lower(), r)):
        lines.append("\t".join(row) + "\n")
    OUT.write_text("".join(lines), encoding="utf-8")
    print(f"{derived} derived rows, {removed} removed, {len(curated)} curated rows -> "
          f"{len(all_rows)} rows in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
