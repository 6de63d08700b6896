#!/usr/bin/env python3
"""SPARQL benchmark: pyoxigraph at ~1M triples, and pyoxigraph vs rdflib on a smaller graph.

    python benchmarks/sparql.py [--people 11000] [--small-people 300] [--repeat 3]

1. Generates a graph in kg's shape (kg.export.synthetic), exports it with the real exporter
   (kg.export.turtle.triples) as N-Triples, and reports the export rate.
2. Loads it into pyoxigraph and reports triples/s, then times the queries of queries/ (their
   VALUES rebound to names of the generated graph) plus two aggregate queries.
3. Does the same on a smaller graph with both pyoxigraph and rdflib's in-memory store and prints
   the ratios measured in this one run (absolute times depend on the machine; ratios less so).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.export.namespaces import ONTOLOGY_DIR, PREFIXES
from kg.export.synthetic import synthetic_graph
from kg.export.turtle import triples

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"

#: The names the example queries ask about, and the generated names that stand in for them.
REBIND = {
    '"中共太原市委员会"@zh': '"机构0"@zh',
    '"周计伟"@zh': '"人物1"@zh',
    '"晋源区"@zh': '"区0_0"@zh',
    '"迎泽区"@zh': '"区1_1"@zh',
}

EXTRA = {
    "count_by_type": """SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a ?type . FILTER(STRSTARTS(STR(?type), STR(kg:))) }
                        GROUP BY ?type ORDER BY DESC(?n)""",
    "top_visited_places": """SELECT ?place (COUNT(?ev) AS ?visits) WHERE {
                               ?ev kg:predicate kg:visited ; kg:object ?p . ?p a kg:Place ; rdfs:label ?place }
                             GROUP BY ?place ORDER BY DESC(?visits) ?place LIMIT 10""",
}


def write_ntriples(n_people: int, path: Path) -> tuple[int, float, dict[str, str]]:
    """Generate, export with the real exporter, write N-Triples.

    Returns (triples, seconds, the queries of queries/ rebound to names of this graph).
    """
    G = synthetic_graph(n_people=n_people, seed=1)
    s, o = next((s, o) for s, o, p in sorted(G.edges(data="predicate")) if p == "visited" and s == "person/人物1")
    rebound = queries(G.nodes[s]["label"], G.nodes[o]["label"])
    start = time.perf_counter()
    seen: set[tuple] = set()
    with path.open("w", encoding="utf-8") as fh:
        for t in triples(G):
            if t not in seen:
                seen.add(t)
                fh.write(f"{t[0].n3()} {t[1].n3()} {t[2].n3()} .\n")
    return len(seen), time.perf_counter() - start, rebound


def queries(edge_subject: str, edge_object: str) -> dict[str, str]:
    out = {}
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        text = text.replace('("周计伟"@zh kg:visited "老军营街道"@zh)', f'("{edge_subject}"@zh kg:visited "{edge_object}"@zh)')
        for old, new in REBIND.items():
            text = text.replace(old, new)
        out[path.stem] = text
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    out.update({k: prologue + v for k, v in EXTRA.items()})
    return out


def oxigraph_load(path: Path) -> tuple[ox.Store, float]:
    store = ox.Store()
    start = time.perf_counter()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    for onto in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        store.bulk_load(path=str(onto), format=ox.RdfFormat.TURTLE)
    return store, time.perf_counter() - start


def rdflib_load(path: Path) -> tuple[rdflib.Graph, float]:
    graph = rdflib.Graph()
    start = time.perf_counter()
    graph.parse(path, format="nt")
    for onto in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(onto, format="turtle")
    return graph, time.perf_counter() - start


def timed(run, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(list(run()))
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=11000, help="people in the big graph (~90 triples each)")
    ap.add_argument("--small-people", type=int, default=300, help="people in the graph compared with rdflib (rdflib is slow: keep it small)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query (median reported)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big.nt", Path(tmp) / "small.nt"
        n, secs, qs = write_ntriples(args.people, big)
        print(f"export   {n:>9,} triples in {secs:6.1f} s  ({n / secs:,.0f} triples/s, kg.export.turtle.triples)")
        store, secs = oxigraph_load(big)
        print(f"load     {len(store):>9,} triples in {secs:6.1f} s  ({len(store) / secs:,.0f} triples/s, pyoxigraph bulk_load)")
        print(f"\npyoxigraph, {len(store):,} triples (median of {args.repeat})")
        for name, text in qs.items():
            t, rows = timed(lambda: store.query(text), args.repeat)
            print(f"  {name:<24} {t * 1000:9.1f} ms  {rows:>6} rows")
        store = None  # free the big store before the comparison

        n, _, qs = write_ntriples(args.small_people, small)
        ox_store, ox_load = oxigraph_load(small)
        rdf_graph, rdf_load = rdflib_load(small)
        print(f"\nsmaller graph, {n:,} triples: pyoxigraph vs rdflib (in-memory), same run")
        print(f"  {'load':<24} {ox_load * 1000:9.1f} ms  vs {rdf_load * 1000:9.1f} ms   rdflib/pyoxigraph = {rdf_load / ox_load:6.1f}x")
        ratios = []
        for name, text in qs.items():
            t_ox, rows_ox = timed(lambda: ox_store.query(text), args.repeat)
            t_rdf, rows_rdf = timed(lambda: rdf_graph.query(text), 1)
            ratios.append(t_rdf / t_ox)
            same = "" if rows_ox == rows_rdf else f"  (rows differ: {rows_ox} vs {rows_rdf})"
            print(f"  {name:<24} {t_ox * 1000:9.1f} ms  vs {t_rdf * 1000:9.1f} ms   rdflib/pyoxigraph = {t_rdf / t_ox:6.1f}x{same}")
        print(f"  {'geometric mean':<24} {statistics.geometric_mean(ratios):44.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
