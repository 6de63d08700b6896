#!/usr/bin/env python3
"""Learn kg's corpus-derived vocabularies from the public NER sets (one command, no network).

    python scripts/learn_lexicons.py [--shared ../shared]      (or: make lexicons)

Reads the training rows of ``../shared/data/ner`` (CLUENER2020 train, Resume NER train) in
place; rows that ``kg/data/eval/ner_sets.toml`` holds out for measurement are skipped, so that
``kg eval`` scores kg on sentences it did not learn from. People's Daily 1998 (dev) and Resume
dev are never read. Writes, under ``kg/data/nlp/learned/`` (each file says how it was made):

* ``given_name_chars.txt`` — last characters of annotated three-character names, seen in at
  least ``MIN_GIVEN`` different names (中 of 刘国中): a two-character name LAC cut before one
  of them may be one character longer (``kg.nlp.names``);
* ``org_endings.txt``  — how annotated organisation names end (司, 会, 院, 银行, 证券 …): an ORG of
  LAC must end like one (``kg_entity_filter``: endings);
* ``org_names.txt``    — organisation names annotated at least ``MIN_ORG_NAME`` times and in at
  least ``MIN_PRECISION`` of the places the training text holds them (美联储, 中储粮, 锡耶纳):
  a brand or club name that ends like no body and may share a city's name (米兰). When LAC tags
  one ORG, the filter does not second-guess its spelling (``kg_entity_filter``: known_names);
* ``positions.tsv``    — posts and occupations (CLUENER ``position``, Resume ``TITLE``) seen at
  least ``MIN_POSITION`` times and annotated in at least ``MIN_PRECISION`` of the places the
  training text holds them (魔兽 of 魔兽世界 is seldom a position), each with its kind: ``post`` (a position held in a body: 董事,
  局长, 教授) or ``occupation`` (记者, 导演, 学生: not a post under the gold conventions). A
  word is a post when Resume, a corpus of executives' posts, uses it, or when it ends with a
  post head (``kg/data/nlp/post_heads.txt``); the descriptions the gold conventions exclude
  (``kg/data/nlp/occupations.txt``) are occupations whatever their source;
* ``title_prefixes.txt`` — modifiers that make a title of another title (副, 常务, 执行, 独立,
  首席, 高级 …): the ``p`` of every learned ``p + t`` where ``t`` is itself a learned title,
  seen with at least ``MIN_PREFIX`` different titles.

The output is deterministic (sorted) and small; commit it. Tests check the learned lists.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.eval.ner import is_held_out, set_config  # noqa: E402
from kg.resources import load_list  # noqa: E402

OUT = ROOT / "kg" / "data" / "nlp" / "learned"
TRAIN_FILES = ["cluener_train.jsonl", "resume_train.jsonl"]
PERSON_LABELS = {"name", "NAME"}
POSITION_LABELS = {"position": "cluener", "TITLE": "resume"}
ORG_LABELS = {"government", "organization", "company", "ORG"}
MIN_GIVEN = 2
MIN_ORG_END = {1: 20, 2: 8}
MIN_ORG_NAME = 2
MIN_POSITION = 2
MIN_PREFIX = 3
MIN_PRECISION = 0.5
MAX_POSITION_CHARS = 10
HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def training_rows(shared: Path):
    """(set file name, row) for every training row kept for learning."""
    for name in TRAIN_FILES:
        path = shared / "data" / "ner" / name
        _, entry = set_config(path)
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if entry.get("holdout") and is_held_out(i, entry):
                    continue
                yield name, json.loads(line)


def _precise(candidates: set[str], texts: list[tuple[str, list[str]]]) -> set[str]:
    """The candidates annotated in at least ``MIN_PRECISION`` of their occurrences in the texts
    (each text with its annotated spans of the kind): 魔兽 of 魔兽世界 is seldom a position."""
    seen: Counter[str] = Counter()  # occurrences in the text
    inside: Counter[str] = Counter()  # occurrences inside an annotated span
    for text, spans in texts:
        for word in candidates:
            if word in text:
                seen[word] += text.count(word)
                inside[word] += sum(span.count(word) for span in spans)
    return {w for w in candidates if inside[w] >= MIN_PRECISION * seen[w]}


def learn(shared: Path) -> dict[str, str]:
    """The learned files' texts, by file name."""
    last_chars: dict[str, set[str]] = defaultdict(set)
    org_ends: dict[str, set[str]] = defaultdict(set)
    positions: Counter[str] = Counter()
    org_names: Counter[str] = Counter()
    sources: dict[str, set[str]] = defaultdict(set)
    texts: list[tuple[str, list[str]]] = []  # (text, its position spans) for the precision check
    org_texts: list[tuple[str, list[str]]] = []  # (text, its organisation spans), the same for names
    for _, row in training_rows(shared):
        text = row["text"]
        texts.append((text, [text[a:b] for a, b, lab in row["entities"] if lab in POSITION_LABELS]))
        org_texts.append((text, [text[a:b] for a, b, lab in row["entities"] if lab in ORG_LABELS]))
        for start, end, label in row["entities"]:
            span = text[start:end].strip()
            if label in PERSON_LABELS and 2 <= len(span) <= 3 and HAN.match(span):
                if len(span) == 3:
                    last_chars[span[-1]].add(span)
            elif label in ORG_LABELS and len(span) >= 2:
                org_names[span] += 1
                if len(span) >= 3 and HAN.match(span[-2:]):
                    for n in (1, 2):
                        org_ends[span[-n:]].add(span)
            elif label in POSITION_LABELS and HAN.match(span) and len(span) <= MAX_POSITION_CHARS:
                positions[span] += 1
                sources[span].add(POSITION_LABELS[label])

    given = sorted(c for c, names in last_chars.items() if len(names) >= MIN_GIVEN)
    ends1 = {e for e, names in org_ends.items() if len(e) == 1 and len(names) >= MIN_ORG_END[1]}
    ends2 = {e for e, names in org_ends.items() if len(e) == 2 and len(names) >= MIN_ORG_END[2] and e[-1] not in ends1}
    org_endings = sorted(ends1 | ends2, key=lambda e: (-len(org_ends[e]), e))

    heads = tuple(load_list("nlp/post_heads.txt"))
    occupations = set(load_list("nlp/occupations.txt"))
    kept = {p: positions[p] for p in _precise({p for p, n in positions.items() if n >= MIN_POSITION}, texts)}
    known_orgs = sorted(_precise({o for o, n in org_names.items() if n >= MIN_ORG_NAME}, org_texts))

    def kind(word: str) -> str:
        if word.endswith(tuple(occupations)):
            return "occupation"
        return "post" if "resume" in sources[word] or word.endswith(heads) else "occupation"

    prefix_titles: dict[str, set[str]] = defaultdict(set)
    for word in kept:
        for cut in range(1, min(3, len(word) - 1) + 1):
            prefix, rest = word[:cut], word[cut:]
            if rest in kept and kind(rest) == "post" and kind(word) == "post":
                prefix_titles[prefix].add(word)
    prefixes = sorted(p for p, ws in prefix_titles.items() if len(ws) >= MIN_PREFIX)

    header = "# Learned by scripts/learn_lexicons.py from the training rows of CLUENER2020 and Resume NER\n# (../shared/data/ner; held-out rows of kg/data/eval/ner_sets.toml excluded). Do not edit: rerun it.\n"
    files = {
        "given_name_chars.txt": header + f"# Last characters of >= {MIN_GIVEN} different annotated 3-character names (刘国中, 张成中).\n"
        + "".join(f"{c}\n" for c in given),
        "org_endings.txt": header + f"# Endings of annotated organisation names (3+ chars): one character with >= {MIN_ORG_END[1]} different\n"
        + f"# names, two characters with >= {MIN_ORG_END[2]} (not already covered). Most frequent first.\n"
        + "".join(f"{e}\n" for e in org_endings),
        "org_names.txt": header + f"# Organisation names annotated >= {MIN_ORG_NAME} times and in >= {MIN_PRECISION:.0%} of their places in the text.\n"
        + "".join(f"{o}\n" for o in known_orgs),
        "positions.tsv": header + f"# Positions seen >= {MIN_POSITION} times: word, kind (post | occupation), count.\n"
        + "".join(f"{w}\t{kind(w)}\t{n}\n" for w, n in sorted(kept.items(), key=lambda x: (-x[1], x[0]))),
        "title_prefixes.txt": header + f"# p of learned titles p + t (t a learned post too), with >= {MIN_PREFIX} different t.\n"
        + "".join(f"{p}\n" for p in sorted(prefixes, key=lambda p: (-len(prefix_titles[p]), p))),
    }
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    if not (args.shared / "data" / "ner").is_dir():
        print(f"learn_lexicons.py: {args.shared}/data/ner: not found", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in learn(args.shared).items():
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"wrote {OUT / name} ({text.count(chr(10)) - 3} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
