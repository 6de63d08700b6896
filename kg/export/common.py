"""What every writer of the export shares: checking the input graph, stable ordering, and
atomic writes (a failed run never leaves a half-written file behind).

The graph contract is docs/graph-model.md: node ``type`` and ``label`` on every node, a schema
``predicate`` on every edge, evidence as a list of dicts.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import tempfile
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.errors import ExportError
from kg.schema import SCHEMA

EVIDENCE_KEYS = ("article_id", "sentence", "start", "end", "rule")

# XML Schema lexical forms of the two date shapes the graph carries (Article.date).
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH_DAY = re.compile(r"--(\d{2})-(\d{2})")
# A change dated only by year or month (1999年…被任命为…, 2013年3月当选…).
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")

Edge = tuple[str, str, Any, dict[str, Any]]


def check_graph(G: nx.MultiDiGraph, path: str | Path | None = None) -> None:
    """Raise ExportError E402 naming the first node or edge that breaks the graph contract
    (and ``path``, when the graph was read from a file)."""
    if not isinstance(G, nx.MultiDiGraph):
        raise ExportError("E402", path, detail=f"expected a networkx.MultiDiGraph, got {type(G).__name__}")
    for node, data in G.nodes(data=True):
        if not isinstance(node, str):
            raise ExportError("E402", path, detail=f"node {node!r}: ids are strings like 'person/周计伟'")
        kind = data.get("type")
        if kind not in SCHEMA.types:
            raise ExportError("E402", path, detail=f"node {node!r}: unknown type {kind!r} (known: {', '.join(SCHEMA.types)})")
        if not isinstance(data.get("label"), str) or not data["label"].strip():
            raise ExportError("E402", path, detail=f"node {node!r}: missing label")
        if data.get("date") is not None:
            check_date(data["date"], f"node {node!r}", path)
    for s, o, key, data in G.edges(keys=True, data=True):
        where = f"edge {s!r} -> {o!r} ({key!r})"
        if data.get("predicate") not in SCHEMA.predicates:
            raise ExportError("E402", path, detail=f"{where}: unknown predicate {data.get('predicate')!r}")
        for ev in data.get("evidence") or ():
            missing = [k for k in EVIDENCE_KEYS if k not in ev]
            if missing:
                raise ExportError("E402", path, detail=f"{where}: evidence without {', '.join(missing)}")
            if not all(isinstance(ev[k], int) and not isinstance(ev[k], bool) and ev[k] >= 0 for k in ("start", "end")):
                raise ExportError("E402", path, detail=f"{where}: evidence offsets must be non-negative integers, got {ev['start']!r}, {ev['end']!r}")
        if data.get("date") is not None:
            check_date(data["date"], where, path)


def check_date(value: Any, where: str, path: str | Path | None = None) -> str:
    """The XSD datatype local name (``date``, ``gMonthDay``, ``gYearMonth`` or ``gYear``) of a
    graph date, or E402.

    >>> check_date("2023-01-07", "x"), check_date("--01-07", "x"), check_date("2013-03", "x"), check_date("1999", "x")
    ('date', 'gMonthDay', 'gYearMonth', 'gYear')
    """
    text = str(value)
    try:
        if _ISO_DATE.fullmatch(text):
            _dt.date.fromisoformat(text)
            return "date"
        if m := _MONTH_DAY.fullmatch(text):
            _dt.date(2000, int(m[1]), int(m[2]))  # a leap year accepts --02-29
            return "gMonthDay"
        if m := _YEAR_MONTH.fullmatch(text):
            _dt.date(int(m[1]), int(m[2]), 1)
            return "gYearMonth"
        if _YEAR.fullmatch(text):
            return "gYear"
    except ValueError:
        pass
    raise ExportError("E402", path, detail=f"{where}: date {text!r} is none of YYYY-MM-DD, --MM-DD, YYYY-MM, YYYY")


def sorted_nodes(G: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any]]]:
    return sorted(G.nodes(data=True), key=lambda nd: nd[0])


def sorted_edges(G: nx.MultiDiGraph) -> list[Edge]:
    """Edges in a stable order: subject, object, predicate, then edge key as text."""
    return sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[3]["predicate"], str(e[2])))


def edge_evidence(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Evidence dicts of an edge, sorted (article, offsets, rule) so output does not depend on order."""
    return sorted(data.get("evidence") or (), key=lambda ev: (ev["article_id"], ev["start"], ev["end"], ev["rule"], ev["sentence"]))


@contextmanager
def atomic_open(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path`` (text mode writes UTF-8 with LF); on success it is
    synced and renamed onto ``path``, on any failure removed: a reader never sees half a file."""
    path = Path(path)
    tmp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "b" not in mode
        with tempfile.NamedTemporaryFile(
            mode, dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False,
            **({"encoding": "utf-8", "newline": "\n"} if text else {}),
        ) as fh:
            tmp_name = fh.name
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise ExportError("E401", path, detail=exc.strerror or str(exc)) from exc
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_open`)."""
    with atomic_open(path, "wb") as fh:
        fh.write(data)


def iter_list(value: Any) -> Iterator[Any]:
    """A node attribute that should be a list, tolerating a single value or None."""
    if value is None:
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        yield from sorted(value, key=str)
    else:
        yield value
