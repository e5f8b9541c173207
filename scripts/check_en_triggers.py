#!/usr/bin/env python3
"""Naive coverage check of data/lexicon/en/triggers.tsv on the PLOVER gold-standard dev set.

For every sentence of ../shared/data/plover-gsr-dev/plover_gsr_dev.jsonl the text is lower-cased
and split into word tokens, each token gets a few candidate lemmas from a crude suffix
stripper (plus the irregular forms listed in CAMEO.2.0.txt), and every trigger pattern is
matched (token = surface or candidate lemma, `*` = gap of 0-3 tokens, overlapping matches
resolved longest-first). Reports
  recall     share of sentences whose gold type is among the matched types
  precision  mean over sentences of [gold in matched] / |distinct matched types|
  false types: the most frequent wrongly matched types and the triggers behind them.
This is only a lexicon sanity check: no syntax, negation or actor logic.

Usage: python3 scripts/check_en_triggers.py [--strong] [--top N] [--misses]
  --strong   ignore `weak` triggers when a non-weak trigger matched in the sentence
  --misses   list the sentences whose gold type was not matched
"""
from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DEV = SHARED / "plover-gsr-dev" / "plover_gsr_dev.jsonl"
TRIGGERS = ROOT / "data" / "lexicon" / "en" / "triggers.tsv"
CAMEO_DICT = SHARED / "petrarch2-dictionaries" / "CAMEO.2.0.txt"
OLD = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower().replace("’", "'"))


def irregulars() -> dict[str, str]:
    irr = {}
    for line in CAMEO_DICT.read_text(encoding="latin-1").splitlines():
        if line.startswith(("-", "#", "&", "+")) or "{" not in line:
            continue
        head, _, rest = line.partition("{")
        head = head.strip().lower()
        if not re.fullmatch(r"[a-z]+", head):
            continue
        for form in rest.split("}")[0].split():
            if re.fullmatch(r"[A-Z]+", form):
                irr[form.lower()] = head
    irr.update({"met": "meet", "held": "hold", "fought": "fight", "struck": "strike",
                "shot": "shoot", "sent": "send", "led": "lead", "left": "leave", "paid": "pay",
                "sought": "seek", "withdrew": "withdraw", "withdrawn": "withdraw",
                "took": "take", "taken": "take", "gave": "give", "given": "give",
                "broke": "break", "broken": "break", "threw": "throw", "thrown": "throw",
                "drew": "draw", "drawn": "draw", "won": "win", "froze": "freeze",
                "frozen": "freeze", "spoke": "speak", "spoken": "speak", "bore": "bear",
                "beaten": "beat", "forbade": "forbid", "forbidden": "forbid", "stole": "steal",
                "stolen": "steal", "hid": "hide", "overthrew": "overthrow",
                "overthrown": "overthrow", "undertook": "undertake", "arose": "arise",
                "slain": "slay", "slew": "slay", "fled": "flee", "sold": "sell",
                "bought": "buy", "brought": "bring", "caught": "catch", "kept": "keep",
                "lost": "lose", "made": "make", "rode": "ride", "ran": "run", "sat": "sit",
                "stood": "stand", "told": "tell", "thought": "think", "wrote": "write",
                "written": "write", "men": "man", "women": "woman", "people": "person",
                "children": "child"})
    return irr


IRR = irregulars()


def lemmas(tok: str) -> set[str]:
    c = {tok}
    if tok in IRR:
        c.add(IRR[tok])
    if len(tok) > 3:
        if tok.endswith("ies"):
            c.add(tok[:-3] + "y")
        if tok.endswith("es"):
            c.add(tok[:-2])
        if tok.endswith("s") and not tok.endswith("ss"):
            c.add(tok[:-1])
        if tok.endswith("ied"):
            c.add(tok[:-3] + "y")
        for suf in ("ed", "ing"):
            if tok.endswith(suf) and len(tok) - len(suf) >= 2:
                stem = tok[: -len(suf)]
                c.update({stem, stem + "e"})
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    c.add(stem[:-1])
    return c


def load_triggers(path: Path):
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 6)[:6]
        pat = []
        for t in cols[0].replace("*", " * ").split():
            pat.extend(["*"] if t == "*" else tokens(t))
        if pat and pat[0] != "*":
            rows.append((pat, cols[1], "weak" in cols[5].split(","), cols[0]))
    index = collections.defaultdict(list)
    for r in rows:
        index[r[0][0]].append(r)
    return index


def match_at(pat, toks, lems, i):
    """Return the matched token positions of pat starting at i, or None."""
    def rec(pi, ti, acc):
        if pi == len(pat):
            return acc
        if pat[pi] == "*":
            for gap in range(0, 4):
                r = rec(pi + 1, ti + gap, acc)
                if r is not None:
                    return r
            return None
        if ti < len(toks) and pat[pi] in lems[ti]:
            return rec(pi + 1, ti + 1, acc + [ti])
        return None
    return rec(0, i, [])


def find(index, text):
    toks = tokens(text)
    lems = [lemmas(t) for t in toks]
    found = []
    for i in range(len(toks)):
        for lem in lems[i]:
            for pat, typ, weak, raw in index.get(lem, ()):
                pos = match_at(pat, toks, lems, i)
                if pos:
                    found.append((len(pos), pos, typ, weak, raw))
    found.sort(key=lambda f: -f[0])
    used, kept = set(), []
    for n, pos, typ, weak, raw in found:
        if used.isdisjoint(pos):
            used.update(pos)
            kept.append((typ, weak, raw))
    return kept


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--strong", action="store_true")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--triggers", default=str(TRIGGERS))
    args = ap.parse_args()
    index = load_triggers(Path(args.triggers))
    n = hit = 0
    prec = 0.0
    n_types = 0
    false_types = collections.Counter()
    false_trig = collections.Counter()
    per_gold = collections.defaultdict(lambda: [0, 0])
    misses = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        gold = OLD.get(d["event"], d["event"])
        kept = find(index, d["text"])
        if args.strong and any(not w for _, w, _ in kept):
            kept = [k for k in kept if not k[1]]
        types = {t for t, _, _ in kept}
        n += 1
        n_types += len(types)
        per_gold[gold][1] += 1
        if gold in types:
            hit += 1
            per_gold[gold][0] += 1
            prec += 1 / len(types)
        else:
            misses.append((gold, d["text"], sorted(types)))
        for t, _, raw in kept:
            if t != gold:
                false_types[t] += 1
                false_trig[(raw, t)] += 1
    print(f"sentences {n}  recall {hit / n:.3f}  precision {prec / n:.3f}  mean distinct types {n_types / n:.2f}")
    print("per gold type (hit/total): " + ", ".join(f"{g} {a}/{b}" for g, (a, b) in sorted(per_gold.items())))
    print("most frequent false types: " + ", ".join(f"{t} {c}" for t, c in false_types.most_common(args.top)))
    print("most frequent false triggers: " + ", ".join(f"{r}->{t} {c}" for (r, t), c in false_trig.most_common(args.top)))
    if args.misses:
        for gold, text, types in misses:
            print(f"MISS {gold}: {text}  [{' '.join(types)}]")


if __name__ == "__main__":
    main()
