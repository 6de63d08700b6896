"""Cost of ``kg build`` as the input grows, and on the pages that used to blow it up.

    python benchmarks/scale.py [--only NAME ...] [--engine local|dask] [-j N]

Generated pages (``benchmarks/pages.py``; written to a temporary folder, never the repository):

* ``seeds-1x``, ``seeds-8x``, ``seeds-64x`` — the seed pages repeated;
* ``names-10000`` — one page listing 10,000 names with their units;
* ``page-5mb`` — one page of 5 MB of real articles;
* ``places-line`` — one line of 100,000 characters of place names;
* ``archive`` — issue 10's folder: ../shared/corpus + seeds + a 2,512-name prize list.

Each build runs as its own ``kg build --no-cache`` process, so its peak memory is its own
(``wait4``'s ``ru_maxrss``). Printed per case: input characters, seconds, seconds per million
characters relative to ``seeds-1x`` (1.0 = linear), peak RSS, nodes, edges and coAppearsWith
edges. All ratios come from this one run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.pages import archive, big_page, name_list_page, replicate_seeds  # noqa: E402


def places_line(folder: Path, chars: int = 100_000) -> Path:
    import random

    places = ["迎泽区", "小店区", "杏花岭区", "尖草坪区", "万柏林区", "晋源区", "清徐县", "阳曲县", "娄烦县", "古交市", "大同市", "朔州市"]
    rng = random.Random(1)
    parts, n = [], 0
    while n < chars:
        parts.append(rng.choice(places))
        n += len(parts[-1]) + 1
    path = folder / "places.txt"
    path.write_text("本报讯 " + "、".join(parts) + "。\n", encoding="utf-8")
    return folder


CASES = {
    "seeds-1x": lambda d: replicate_seeds(d, 1),
    "seeds-8x": lambda d: replicate_seeds(d, 8),
    "seeds-64x": lambda d: replicate_seeds(d, 64),
    "names-10000": lambda d: name_list_page(d, 10_000).parent,
    "page-5mb": lambda d: big_page(d, 5).parent,
    "places-line": places_line,
    "archive": archive,
}


def build(folder: Path, out: Path, extra: list[str]) -> tuple[float, float, int]:
    """Seconds, peak RSS (MB) and exit code of one ``kg build`` process."""
    kg = Path(sys.executable).with_name("kg")
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(kg), "build", str(folder), "-o", str(out), "-q", "--no-cache", *extra])
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", action="append", choices=sorted(CASES), help="run these cases only")
    ap.add_argument("--engine", default="local", choices=("local", "dask"))
    ap.add_argument("-j", "--n-process", type=int, default=1)
    args = ap.parse_args(argv)
    extra = ["--engine", args.engine, "-j", str(args.n_process)]
    names = args.only or list(CASES)
    base = None
    print(f"{'case':<12} {'chars':>10} {'s':>7} {'s/Mchar':>8} {'vs 1x':>6} {'peak MB':>8} {'nodes':>7} {'edges':>8} {'coAppear':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            (Path(tmp) / name).mkdir()
            folder = CASES[name](Path(tmp) / name)
            out = Path(tmp) / f"{name}-out"
            seconds, rss, code = build(folder, out, extra)
            if code not in (0, 1):
                print(f"{name:<12} failed with exit code {code}")
                continue
            chars = sum(len(json.loads(line)["text"]) for line in (out / "articles.jsonl").open(encoding="utf-8"))
            report = json.loads((out / "report.json").read_text(encoding="utf-8"))
            per_m = seconds / chars * 1e6
            if name == "seeds-1x":
                base = per_m
            ratio = f"{per_m / base:>6.2f}" if base else f"{'':>6}"
            co = report["counts"]["predicates"].get("coAppearsWith", 0)
            print(f"{name:<12} {chars:>10,} {seconds:>7.1f} {per_m:>8.1f} {ratio} {rss:>8.0f} {report['counts']['nodes']:>7} {report['counts']['edges']:>8} {co:>8}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
