"""The HTML explorer on a graph of 20,000 nodes, in headless Chromium (Debian's chromium).

    python benchmarks/explorer.py [--nodes 20000] [--selects 20] [--corpus DIR]

The graph: kg's own build of the seeds and of the corpora in ../shared/corpus (read in
place, never copied), filled up to ``--nodes`` with kg.export.synthetic's generated graph of
the same shape (the corpora alone give about two thousand nodes). The page is written by
kg.export.write_html and opened from file:// with the network off. Printed, from one run:

* the page's size; first contentful paint (the page shell) and first view (the overview laid
  out and drawn), both in ms since navigation;
* select: ms from ``kg.select(id)`` to the focused view drawn (rings laid out, side panel
  filled), median and worst over the most connected nodes and as many others;
* the same for the 501-node seed page, and the ratio of the two.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CHROMIUM = "/usr/bin/chromium"


def real_graph(corpus: Path):
    import networkx as nx

    from kg.graph import build_graph
    from kg.nlp import load_pipeline

    nlp = load_pipeline()
    graphs = [build_graph([ROOT / "seeds"], nlp=nlp)]
    folders = sorted(p for p in corpus.iterdir() if p.is_dir()) if corpus.is_dir() else []
    for folder in folders:
        graphs.append(build_graph([folder], nlp=nlp, profile="peoples_daily", on_error=lambda e: None))
    return nx.compose_all(graphs), [f.name for f in folders]


def measure(browser, path: Path, selects: int) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.kgReady === true && window.kgView === 'overview'", timeout=300_000)
    fcp = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null")
    first = page.evaluate("window.kgTimings.firstView")
    ids = page.evaluate(f"""() => {{
        const n = window.kg.data.nodes.filter(n => !n[0].startsWith('article/'));
        const top = n.slice().sort((a, b) => b[6] - a[6]).slice(0, {selects // 2}).map(n => n[0]);
        const step = Math.max(1, Math.floor(n.length / {selects - selects // 2}));
        return top.concat(n.filter((_, i) => i % step === 0).slice(0, {selects - selects // 2}).map(n => n[0]));
    }}""")
    times = []
    for node in ids:
        page.evaluate("id => window.kg.select(id)", node)
        page.wait_for_function("window.kgReady === true && window.kgView === 'focus'", timeout=60_000)
        times.append(page.evaluate("window.kgTimings.focus"))
    shown = page.evaluate("window.kg.data.nodes.length")
    context.close()
    return {"fcp": fcp, "first": first, "select_median": statistics.median(times), "select_max": max(times),
            "selects": len(times), "nodes": shown}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=20_000)
    ap.add_argument("--selects", type=int, default=20)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM}: not found (make test installs it)", file=sys.stderr)
        return 2

    import networkx as nx
    from playwright.sync_api import sync_playwright

    from kg.export import write_html
    from kg.export.synthetic import synthetic_graph

    t = time.perf_counter()
    G, folders = real_graph(args.corpus)
    real = G.number_of_nodes()
    people = 10
    while True:  # the synthetic graph has about 2 nodes per person
        S = synthetic_graph(n_people=people, seed=1)
        if real + S.number_of_nodes() >= args.nodes:
            break
        people = max(people + 1, int(people * (args.nodes - real) / max(S.number_of_nodes(), 1)))
    G = nx.compose(G, S)
    print(f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
          f"({real} from kg builds of seeds + {', '.join(folders) or 'no corpus'}, the rest synthetic); "
          f"built in {time.perf_counter() - t:.0f} s")
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big.html", Path(tmp) / "seeds.html"
        t = time.perf_counter()
        write_html(G, big)
        print(f"page: {big.stat().st_size / 1e6:.1f} MB, written in {time.perf_counter() - t:.1f} s")
        from kg.graph import build_graph

        write_html(build_graph([ROOT / "seeds"]), small)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            rows = [("seeds", measure(browser, small, args.selects)), (f"{G.number_of_nodes()} nodes", measure(browser, big, args.selects))]
            browser.close()
    print(f"\n{'page':14} {'nodes':>7} {'FCP ms':>7} {'first view ms':>14} {'select ms median / max':>24}")
    for name, r in rows:
        print(f"{name:14} {r['nodes']:>7} {r['fcp'] or 0:>7.0f} {r['first']:>14} {r['select_median']:>14.0f} / {r['select_max']:.0f}")
    (_, a), (_, b) = rows
    print(f"\nratio big / seeds: first view {b['first'] / a['first']:.2f}x, select median {b['select_median'] / max(a['select_median'], 1):.2f}x"
          f" for {b['nodes'] / a['nodes']:.0f}x the nodes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
