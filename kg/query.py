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

import io
import json
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import QueryError, UsageError, printable
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
    or JSON-LD (json). See :func:`stream_query` to write a large answer as it comes.
    """
    buffer = io.BytesIO()
    stream_query(ttl_paths, sparql, buffer, fmt)
    return buffer.getvalue().decode("utf-8")


def stream_query(ttl_paths: Sequence[str | Path], sparql: str, out: BinaryIO, fmt: str = "table") -> None:
    """Run one query (see :func:`run_query`) and write the answer to ``out`` (bytes, UTF-8) as
    the store produces it: CSV and JSON rows go straight through; a table is measured in a first
    pass over a temporary file, so memory holds one row at a time, not the answer."""
    if fmt not in QUERY_FORMATS:
        raise UsageError("E901", detail=f"unknown output format {fmt!r}; use one of {', '.join(QUERY_FORMATS)}")
    store = load_store(ttl_paths)
    try:
        result = store.query(sparql, prefixes=_PREFIXES)
        if isinstance(result, ox.QuerySolutions):
            _solutions(result, fmt, out)
        elif isinstance(result, ox.QueryBoolean):
            out.write(_boolean(bool(result), fmt).encode("utf-8"))
        else:
            out.write(_triples(result, fmt).encode("utf-8"))
    except SyntaxError as exc:
        raise QueryError("E501", detail=f"syntax error in the query: {exc}") from exc
    except (ValueError, RuntimeError) as exc:
        raise QueryError("E501", detail=str(exc)) from exc
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        raise QueryError("E501", detail=str(exc)) from exc


class _LF(io.RawIOBase):
    """A writable byte stream that turns CRLF (SPARQL CSV) into LF on its way to ``out``."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.cr = False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        chunk = bytes(data)
        size = len(chunk)
        if self.cr:
            chunk = b"\r" + chunk
        self.cr = chunk.endswith(b"\r")
        if self.cr:
            chunk = chunk[:-1]
        self.out.write(chunk.replace(b"\r\n", b"\n"))
        return size

    def close(self) -> None:
        if self.cr:
            self.out.write(b"\r")
            self.cr = False
        super().close()


def _solutions(result: ox.QuerySolutions, fmt: str, out: BinaryIO) -> None:
    if fmt == "json":
        result.serialize(out, ox.QueryResultsFormat.JSON)
        out.write(b"\n")
        return
    if fmt == "csv":
        lf = _LF(out)
        result.serialize(lf, ox.QueryResultsFormat.CSV)
        lf.close()
        return
    names = [v.value for v in result.variables]
    widths = [_width(n) for n in names]
    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as rows:
        for solution in result:
            cells = [printable(_show(solution[name]).replace("\n", " ")) for name in names]
            widths = [max(w, _width(c)) for w, c in zip(widths, cells)]
            rows.write(json.dumps(cells, ensure_ascii=False) + "\n")
            count += 1
        rows.seek(0)
        out.write((_line(names, widths) + "\n" + "  ".join("-" * w for w in widths) + "\n").encode("utf-8"))
        for line in rows:
            out.write((_line(json.loads(line), widths) + "\n").encode("utf-8"))
    out.write(f"({count} row{'' if count == 1 else 's'})\n".encode("utf-8"))


def _line(values: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()


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
    out = [_line(names, widths), "  ".join("-" * w for w in widths)]
    out += [_line(r, widths) for r in cells]
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out)
