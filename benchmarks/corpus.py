"""kg on text it was not written for: the 94 THUCNews 时政 articles (another paper, 2005-2011).

    python benchmarks/corpus.py [--corpus DIR] [--profile peoples_daily]

Reads ../shared/corpus/thucnews-shizheng in place (never copied into the repository) and
prints what each stage made of it: articles with a headline / date / byline, entities per
type, posts, relations per predicate, names that look like junk (one character, punctuation,
digits only), unresolved places, and the run time.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "thucnews-shizheng"
JUNK = re.compile(r"^(.|[\d\W_]+)$")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--profile", default="peoples_daily", help="a national paper: no home city")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: not found (the shared/ folder sits beside the repository)", file=sys.stderr)
        return 2

    from kg.graph import GraphBuilder
    from kg.ingest import read_pages
    from kg.nlp import load_pipeline
    from kg.pipeline import analyse
    from kg.resolve import Resolver, load_profile

    errors: list = []
    t0 = time.perf_counter()
    nlp = load_pipeline()
    builder = GraphBuilder(Resolver(load_profile(args.profile)))
    articles = headlines = dated = bylined = chars = 0
    for result in analyse(read_pages([args.corpus], on_error=errors.append), nlp):
        a = result.article
        articles += 1
        headlines += bool(a.headline)
        dated += bool(a.date)
        bylined += bool(a.authors)
        chars += len(a.text)
        builder.add(result)
    G = builder.graph()
    seconds = time.perf_counter() - t0

    types = Counter(d["type"] for _, d in G.nodes(data=True))
    predicates = Counter(d["predicate"] for *_, d in G.edges(data=True))
    junk = sorted(d["label"] for _, d in G.nodes(data=True) if d["type"] != "Article" and JUNK.match(d["label"]))
    print(f"files: {len(list(args.corpus.glob('*.txt')))}, failed: {len(errors)}, articles: {articles}")
    print(f"with headline: {headlines}, with date: {dated}, with byline: {bylined}")
    print(f"characters: {chars:,}, {seconds:.1f} s ({chars / seconds:,.0f} chars/s, model load included)")
    print("entities:", dict(sorted(types.items())))
    print("relations:", dict(sorted(predicates.items())))
    print(f"junk-looking names ({len(junk)}):", "、".join(junk[:40]))
    print(f"unresolved places: {len(G.graph['unresolved'])}; merges: {len(G.graph['merges'])}")
    officials = sorted({G.nodes[u]["label"] for u, _, d in G.edges(data=True) if d["predicate"] == "holdsPost"})
    print(f"people with posts ({len(officials)}):", "、".join(officials[:30]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
