#!/usr/bin/env python3
"""Train kg's statistical NER layer: a character CRF over kg's tokens and LAC tags.

    python scripts/train_crf.py [--shared ../shared] [--iterations 150]   (or: make crf)

Training rows: CLUENER2020 train and Resume NER train, read in place from ../shared/data/ner,
without the rows ``kg/data/eval/ner_sets.toml`` holds out for measurement. Labels are mapped to
PER / ORG / LOC / TITLE as that file says. Features: :func:`kg.nlp.crf.doc_features` on the Doc
kg's tokenizer makes (so tagging sees what training saw). The model is written to
``kg/data/models/ner.crfsuite`` (python-crfsuite; L1 regularisation keeps it small) and the
script prints exact-span P/R/F1 of the CRF alone on the held-out rows and on the other
public sets, class by class. Deterministic: the same data and settings give the same model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.eval.ner import is_held_out, set_config  # noqa: E402
from kg.nlp.crf import bio_labels, doc_features, spans_of  # noqa: E402

MODEL = ROOT / "kg" / "data" / "models" / "ner.crfsuite"
TRAIN = ["cluener_train.jsonl", "resume_train.jsonl"]
CHECK = ["cluener_train.jsonl", "resume_dev.jsonl", "pd1998_dev.jsonl"]


def rows(path: Path, held_out: bool):
    """(text, [(start, end, class)]) of the training (``held_out=False``) or scored rows."""
    _, entry = set_config(path)
    labels = entry["labels"]
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if entry.get("holdout") and is_held_out(i, entry) != held_out:
                continue
            if not entry.get("holdout") and not held_out:
                continue  # a set nobody learns from
            row = json.loads(line)
            yield row["text"], [(s, e, labels[lab]) for s, e, lab in row["entities"] if lab in labels]


def featurise(texts: list[str], nlp) -> list[list[dict]]:
    return [[{k: v for k, v in f.items()} for f in doc_features(nlp.make_doc(t))] for t in texts]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--c1", type=float, default=0.2, help="L1 weight (larger: smaller model)")
    ap.add_argument("--c2", type=float, default=0.05, help="L2 weight")
    args = ap.parse_args(argv)
    data = args.shared / "data" / "ner"
    if not data.is_dir():
        print(f"train_crf.py: {data}: not found", file=sys.stderr)
        return 2
    import pycrfsuite

    from kg.nlp import load_pipeline

    nlp = load_pipeline()
    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for name in TRAIN:
        for text, spans in rows(data / name, held_out=False):
            if not text.strip():
                continue
            trainer.append(featurise([text], nlp)[0], bio_labels(text, spans))
            n += 1
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True})
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(MODEL))
    print(f"trained on {n} sentences in {time.perf_counter() - t0:.0f} s -> {MODEL} ({MODEL.stat().st_size // 1024} KB)")

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    for name in CHECK:
        gold, pred = set(), set()
        for i, (text, spans) in enumerate(rows(data / name, held_out=True)):
            gold.update((i, *s) for s in spans)
            pred.update((i, *s) for s in spans_of(tagger.tag(featurise([text], nlp)[0])))
        print(name)
        for cls in ("PER", "ORG", "LOC", "TITLE"):
            g = {s for s in gold if s[3] == cls}
            p = {s for s in pred if s[3] == cls}
            if not g:
                continue
            tp = len(g & p)
            prec, rec = tp / len(p) if p else 0.0, tp / len(g)
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            print(f"  {cls:6} P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f}  (gold {len(g)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
