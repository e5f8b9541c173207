#!/usr/bin/env python3
"""Build data/gazetteer/given_names.txt and surnames.txt, for telling people from places.

Source: the actor dictionaries already in the repository, data/lexicon/actors_phoenix.tsv
(PETRARCH2 Phoenix dictionaries, MIT licence, (c) 2014 Open Event Data Alliance) and
data/lexicon/actors_curated.tsv (Vigie authors, MIT OR Apache-2.0). A given name is the
first word of a proper-name pattern (lang `*`) of two or three capitalised words ("Francois
Hollande", "Jean-Yves Le Drian"), kept when at least MIN_PEOPLE different patterns start
with it: a word that opens many people's names is a given name (or a surname written first,
"Kim", "Nguyen"), one that opens a single organisation's name is not.

Surnames: the last words of those people's names ("Bush", "Kennedy"), at least 4 letters.

Output: one name per line, sorted, under `#` comment lines. Usage:
    python3 scripts/build_given_names.py [DATA_DIR]   (default: data)
"""

import collections
import os
import sys

MIN_PEOPLE = 3
# Words that open many organisation or title patterns rather than people's names.
NOT_NAMES = {
    "The", "National", "Islamic", "Free", "United", "Democratic", "Popular", "People",
    "Peoples", "Front", "Army", "Party", "Union", "Movement", "Council", "Republic", "Royal",
    "Grand", "General", "President", "Prime", "Minister", "King", "Queen", "Prince",
    "Sheikh", "Shaykh", "Lyonpo", "Dasho", "Sir", "Lord", "Saint", "San", "Santa", "New",
    "North", "South", "East", "West", "Central", "Supreme", "Federal", "Revolutionary",
    "Liberation", "Socialist", "Communist", "Labour", "Labor", "Al", "El", "Le", "La", "Los",
    "Las", "De", "Del", "Da", "Dos", "Van", "Von", "Ben", "Bin", "Abu", "Ould", "Mac",
}


def main() -> None:
    data = sys.argv[1] if len(sys.argv) > 1 else "data"
    patterns_by_first = collections.defaultdict(set)
    for name in ("actors_phoenix.tsv", "actors_curated.tsv"):
        path = os.path.join(data, "lexicon", name)
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 8 or cols[7] != "*":
                    continue
                words = cols[0].split()
                if not 2 <= len(words) <= 3:
                    continue
                if not all(w[:1].isupper() and w[1:2].islower() for w in words):
                    continue
                first = words[0]
                if first in NOT_NAMES or len(first) < 3 or not first.replace("-", "").isalpha():
                    continue
                patterns_by_first[first].add(cols[0])
    names = sorted(n for n, p in patterns_by_first.items() if len(p) >= MIN_PEOPLE)
    # Surnames: the last word of a name opened by one of these given names ("Bush",
    # "Kennedy"), at least 4 letters.
    given = set(names)
    surnames = sorted(
        {
            p.split()[-1]
            for first, pats in patterns_by_first.items()
            if first in given
            for p in pats
            if len(p.split()[-1]) >= 4 and p.split()[-1].replace("-", "").isalpha()
        }
    )
    write_list(
        os.path.join(data, "gazetteer", "given_names.txt"),
        "# Given names, one per line: the first words of at least %d people's names in\n"
        "# data/lexicon/actors_phoenix.tsv (PETRARCH2 Phoenix dictionaries, MIT licence,\n"
        "# (c) 2014 Open Event Data Alliance) and actors_curated.tsv (Vigie authors).\n"
        % MIN_PEOPLE,
        names,
        "given names",
    )
    write_list(
        os.path.join(data, "gazetteer", "surnames.txt"),
        "# Surnames, one per line: the last words of people's names opened by a given name\n"
        "# of given_names.txt, from the same sources (PETRARCH2 Phoenix dictionaries, MIT\n"
        "# licence, (c) 2014 Open Event Data Alliance; actors_curated.tsv, Vigie authors).\n",
        surnames,
        "surnames",
    )


def write_list(path: str, header: str, names: list, what: str) -> None:
    """One name per line under `header` and the do-not-edit line."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        f.write("# Built by scripts/build_given_names.py; do not edit by hand.\n")
        for n in names:
            f.write(n + "\n")
    print(f"{path}: {len(names)} {what}")

if __name__ == "__main__":
    main()
