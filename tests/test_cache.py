"""Incremental builds: one new page is analysed alone and the result is byte-identical to a
clean build; corrupt or foreign cache entries are ignored with a warning, never trusted."""

from __future__ import annotations

import gzip
import json
import shutil

import pytest

from kg.build import OUTPUT_NAMES, run_build
from kg.cache import result_from_json, result_to_json
from tests.conftest import SEEDS

PAGES = sorted(SEEDS.glob("*.txt"))


def outputs(folder):
    return {name: (folder / name).read_bytes() for name in OUTPUT_NAMES if name != "graph.html"}


@pytest.fixture(scope="module")
def clean(tmp_path_factory, nlp):
    """A build of all seed pages without the cache."""
    out = tmp_path_factory.mktemp("clean") / "out"
    run_build([str(SEEDS)], out, cache=False)
    return out


def copy_pages(folder, pages):
    folder.mkdir(exist_ok=True)
    shutil.copy(SEEDS / "manifest.toml", folder)
    for page in pages:
        shutil.copy(page, folder)


def test_adding_one_page_analyses_only_that_page(tmp_path, clean, nlp):
    cache, pages = tmp_path / "cache", tmp_path / "seeds"
    copy_pages(pages, PAGES[:-1])
    first = run_build([str(pages)], tmp_path / "out", cache=cache)
    assert (first.analysed, first.cached) == (len(PAGES) - 1, 0)
    copy_pages(pages, PAGES[-1:])
    second = run_build([str(pages)], tmp_path / "out", cache=cache)
    assert (second.analysed, second.cached) == (1, len(PAGES) - 1)
    assert outputs(tmp_path / "out") == outputs(clean)


def test_no_cache_neither_reads_nor_writes(tmp_path, nlp):
    cache = tmp_path / "cache"
    summary = run_build([str(PAGES[3])], tmp_path / "out", cache=False)
    assert summary.analysed == 1 and not cache.exists()


def _entries(cache):
    return sorted(cache.rglob("*.json.gz"))


@pytest.mark.parametrize("damage", ["truncated", "foreign", "tampered", "not gzip"])
def test_bad_cache_entries_are_ignored_with_a_warning(tmp_path, clean, damage, nlp, capsys):
    cache = tmp_path / "cache"
    run_build([str(SEEDS)], tmp_path / "out", cache=cache)
    entries = _entries(cache)
    assert len(entries) == len(PAGES)
    victim = entries[0]
    if damage == "truncated":
        victim.write_bytes(victim.read_bytes()[:100])
    elif damage == "foreign":
        victim.write_bytes(entries[1].read_bytes())  # another page's entry under this key
    elif damage == "tampered":
        entry = json.loads(gzip.decompress(victim.read_bytes()))
        entry["payload"]["results"][0]["mentions"][0]["text"] = "假名"
        victim.write_bytes(gzip.compress(json.dumps(entry, ensure_ascii=False).encode()))
    else:
        victim.write_bytes(b"not a cache entry")
    from kg.cli import Console

    summary = run_build([str(SEEDS)], tmp_path / "out", cache=cache, console=Console(1))
    assert (summary.analysed, summary.cached) == (1, len(PAGES) - 1)
    warnings = summary.cache_warnings
    assert not summary.warnings  # about the cache, not the pages: not in the report
    assert len(warnings) == 1 and "ignored" in str(warnings[0]) and str(victim) in str(warnings[0])
    assert "W104" in capsys.readouterr().err
    assert outputs(tmp_path / "out") == outputs(clean)
    # The entry was rewritten: the next build takes every page from the cache.
    assert run_build([str(SEEDS)], tmp_path / "out", cache=cache).cached == len(PAGES)


def test_records_survive_the_round_trip(nlp):
    from kg.ingest import read_pages
    from kg.pipeline import analyse

    results = list(analyse(read_pages([SEEDS]), nlp))
    assert any(r.claims for r in results) and any(r.posts for r in results)
    for r in results:
        assert result_from_json(json.loads(json.dumps(result_to_json(r), ensure_ascii=False))) == r
