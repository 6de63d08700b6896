"""Engines: how the pages of a build get from files to records (ingest -> nlp -> extract).

Both engines take the planned pages (:func:`kg.ingest.plan_pages`) and yield one
:class:`PageOutcome` per page, in plan order, so that resolution and export downstream see the
same sequence whichever engine ran, and write the same bytes:

* :func:`run_local` — this machine: one process, or ``n_process`` worker processes;
* :func:`kg.engine.dask.run_dask` — a Dask cluster (``kg build --engine dask``).

With a :class:`~kg.cache.Cache`, a page whose key is in the cache is not analysed again, and a
page that is analysed is stored; pages are read (and their keys computed) where the build runs.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from kg.cache import Cache, page_key
from kg.errors import InputError
from kg.ingest.decode import read_page_bytes
from kg.ingest.files import Page, PageJob, articles_of
from kg.model import Article
from kg.pipeline import ArticleResult, Timings, analyse

__all__ = ["PageOutcome", "prepare", "run_local"]


@dataclass(slots=True)
class PageOutcome:
    """What became of one page: its records, or the InputError that stopped it.

    ``cached`` says the records came from the cache; ``key`` is the page's cache key (None
    without a cache); ``data`` the page's bytes, kept only until the page is analysed.
    """

    job: PageJob
    page: Page | None = None
    results: list[ArticleResult] | None = None
    error: InputError | None = None
    cached: bool = False
    key: str | None = None
    data: bytes | None = None
    collected: list[ArticleResult] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return self.results is not None or self.error is not None


def prepare(jobs: Iterable[PageJob], cache: Cache | None, timings: Timings, *, split: bool = True) -> Iterator[PageOutcome]:
    """Read each page, look it up in the cache, and (with ``split``) decode and split a miss.

    Outcomes of bad pages carry their error; hits their results; misses their page (``split``)
    or their bytes (for an engine that splits elsewhere).
    """
    for job in jobs:
        t0 = time.perf_counter()
        try:
            data = read_page_bytes(job.path)
        except InputError as error:
            yield PageOutcome(job, error=error)
            continue
        outcome = PageOutcome(job)
        if cache is not None:
            outcome.key = page_key(cache.version, job, data)
            hit = cache.get(outcome.key, job)
            if hit is not None:
                outcome.page, outcome.results = hit
                outcome.cached = True
                timings.add("cache", time.perf_counter() - t0)
                yield outcome
                continue
        if not split:
            outcome.data = data
            timings.add("ingest", time.perf_counter() - t0)
            yield outcome
            continue
        try:
            outcome.page = articles_of(job, data)
        except InputError as error:
            outcome.error = error
        else:
            if not outcome.page.articles:
                outcome.results = []
        timings.add("ingest", time.perf_counter() - t0)
        yield outcome


def finish(outcome: PageOutcome, cache: Cache | None) -> PageOutcome:
    """Mark an analysed page done and store it in the cache."""
    outcome.results = outcome.collected
    outcome.collected = []
    outcome.data = None
    if cache is not None and outcome.key is not None and outcome.page is not None:
        cache.put(outcome.key, outcome.results, outcome.page.warnings)
    return outcome


def run_local(
    jobs: Iterable[PageJob],
    nlp: Language,
    *,
    cache: Cache | None = None,
    n_process: int = 1,
    timings: Timings | None = None,
) -> Iterator[PageOutcome]:
    """One :class:`PageOutcome` per job, in order; misses are analysed by :func:`kg.pipeline.analyse`
    (in ``n_process`` processes when > 1), batching articles across pages."""
    timings = timings if timings is not None else Timings()
    pending: deque[PageOutcome] = deque()
    lock = threading.Lock()  # with n_process > 1 the pool's feeder thread runs feed()

    def feed() -> Iterator[Article]:
        for outcome in prepare(jobs, cache, timings):
            with lock:
                pending.append(outcome)
            if not outcome.ready:
                yield from outcome.page.articles

    def ready_front() -> Iterator[PageOutcome]:
        while True:
            with lock:
                if not pending or not pending[0].ready:
                    return
                outcome = pending.popleft()
            yield outcome

    for result in analyse(feed(), nlp, n_process=n_process, timings=timings):
        yield from ready_front()
        with lock:
            head = pending[0]
        head.collected.append(result)
        if len(head.collected) == len(head.page.articles):
            with lock:
                pending.popleft()
            yield finish(head, cache)
    yield from ready_front()
    assert not pending, "every page is accounted for"
