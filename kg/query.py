"""SPARQL over kg's Turtle exports, in pyoxigraph (an embedded store that stays fast at
millions of triples; see benchmarks/sparql.py).

The ontology (``ontology/*.ttl``) is loaded next to the data, so ``rdfs:subClassOf*`` queries
see the class hierarchy (kg:Official ⊂ kg:Person). kg's prefixes (kg:, kgr:, org:, schema:,
prov:, dcterms:, skos:, rdfs: …) are predeclared: a query may use them without PREFIX lines.

>>> from pathlib import Path; import tempfile
>>> ttl = Path(tempfile.mkdtemp()) / "g.ttl"
>>> _ = ttl.write_text('<https://w3id.org/kg/id/person/周计伟> a <https://w3id.org/kg/ontology#Official> ; '
...                    '<http://www.w3.org/2000/01/rdf-schema#label> "周计伟"@zh .', encoding="utf-8")
>>> print(run_query([ttl], "SELECT ?name WHERE { ?p a/rdfs:subClassOf* kg:Person ; rdfs:label ?name }"), end="")
name
------
周计伟
(1 row)
>>> print(run_query([ttl], "SELECT ?name WHERE { ?p a kg:Official ; rdfs:label ?name }", fmt="csv"), end="")
name
周计伟
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, UsageError
from kg.export.namespaces import ONTOLOGY_DIR, PREFIXES

QUERY_FORMATS = ("table", "csv", "json")

_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def load_store(ttl_paths: Iterable[str | Path], *, ontology: bool = True) -> ox.Store:
    """An in-memory pyoxigraph store holding the given RDF files (and kg's ontology)."""
    store = ox.Store()
    paths = [Path(p) for p in ttl_paths]
    if ontology:
        if not (ONTOLOGY_DIR / "kg.ttl").is_file():
            raise QueryError("E502", ONTOLOGY_DIR / "kg.ttl", detail="the kg ontology is missing (run from a kg checkout)")
        paths += sorted(ONTOLOGY_DIR.glob("*.ttl"))
    for path in paths:
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
        if not path.is_file():
            raise QueryError("E502", path, detail="no such file")
        try:
            store.bulk_load(path=str(path), format=fmt)
        except SyntaxError as exc:
            raise QueryError("E502", path, detail=f"{fmt.name} syntax error: {exc}") from exc
        except (OSError, ValueError) as exc:
            raise QueryError("E502", path, detail=str(exc)) from exc
    return store


def run_query(ttl_paths: Sequence[str | Path], sparql: str, fmt: str = "table") -> str:
    """Run one SPARQL query over the files and format the answer as ``table``, ``csv`` or ``json``.

    SELECT gives rows (a text table, SPARQL CSV, or SPARQL JSON results); ASK gives
    ``true``/``false`` (or its JSON); CONSTRUCT/DESCRIBE give Turtle (table), N-Triples (csv)
    or JSON-LD (json).
    """
    if fmt not in QUERY_FORMATS:
        raise UsageError("E901", detail=f"unknown output format {fmt!r}; use one of {', '.join(QUERY_FORMATS)}")
    store = load_store(ttl_paths)
    try:
        result = store.query(sparql, prefixes=_PREFIXES)
        if isinstance(result, ox.QuerySolutions):
            return _solutions(result, fmt)
        if isinstance(result, ox.QueryBoolean):
            return _boolean(bool(result), fmt)
        return _triples(result, fmt)
    except SyntaxError as exc:
        raise QueryError("E501", detail=f"syntax error in the query: {exc}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError("E501", detail=str(exc)) from exc


def _solutions(result: ox.QuerySolutions, fmt: str) -> str:
    if fmt == "json":
        return _serialized(result, ox.QueryResultsFormat.JSON)
    if fmt == "csv":
        return _serialized(result, ox.QueryResultsFormat.CSV)
    names = [v.value for v in result.variables]
    rows = [[_show(solution[name]) for name in names] for solution in result]
    return format_table(names, rows) + "\n"


def _serialized(result: ox.QuerySolutions, fmt: ox.QueryResultsFormat) -> str:
    text = result.serialize(format=fmt).decode("utf-8").replace("\r\n", "\n")
    if fmt == ox.QueryResultsFormat.JSON:
        return json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"
    return text


def _boolean(value: bool, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}) + "\n"
    return "true\n" if value else "false\n"


def _triples(result: ox.QueryTriples, fmt: str) -> str:
    rdf_format = {"table": ox.RdfFormat.TURTLE, "csv": ox.RdfFormat.N_TRIPLES, "json": ox.RdfFormat.JSON_LD}[fmt]
    triples = sorted(result, key=str)
    prefixes = _PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None
    return ox.serialize(triples, format=rdf_format, prefixes=prefixes).decode("utf-8")


def _show(term: object) -> str:
    """A term for people: literals by value, IRIs with a known prefix (``kgr:person/周计伟``)."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in _PREFIXES.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _width(text: str) -> int:
    """Display width in a terminal: CJK (wide/full-width) characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(names: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded by display width, a rule under the header, and a row count.

    >>> print(format_table(["人", "n"], [["周计伟", "1"]]))
    人      n
    ------  -
    周计伟  1
    (1 row)
    """
    cells = [[c.replace("\n", " ") for c in row] for row in rows]
    widths = [max([_width(n)] + [_width(r[i]) for r in cells]) for i, n in enumerate(names)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(names), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out)
