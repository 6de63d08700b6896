"""``kg build --engine dask``: ingest + nlp + extract on a Dask cluster, the rest here.

The build reads each page and looks it up in the analysis cache where ``kg build`` runs; the
pages to analyse go to the cluster in tasks of a few pages (their bytes travel with the task,
so workers need no shared file system). Each worker loads the spaCy pipeline once, when it
joins (:class:`PipelinePlugin`), decodes and splits its pages, parses and extracts them, and
sends back plain JSON records (:func:`kg.cache.page_to_json`). The build takes the results in
page order, with a bounded number of tasks in flight, then resolves and exports as the local
engine does: the outputs are byte-identical.

Pointing it at a cluster::

    dask scheduler                                   # on one machine: tcp://10.0.0.5:8786
    dask worker tcp://10.0.0.5:8786 --nthreads 1     # on each worker machine (kg installed)
    kg build pages/ -o out --engine dask --scheduler tcp://10.0.0.5:8786

Without ``--scheduler`` a ``LocalCluster`` of ``-j`` worker processes is started and stopped.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from kg.cache import Cache, page_from_json, page_to_json
from kg.engine import PageOutcome, prepare
from kg.errors import InputError, UsageError
from kg.ingest.files import PageJob, articles_of
from kg.pipeline import Timings, analyse_batch

#: A task holds pages until it has this many bytes or pages (LAC batches across them).
TASK_BYTES = 256 * 1024
TASK_PAGES = 16
#: Tasks in flight per worker: enough to keep workers busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 3
#: How long to try to reach a scheduler given with --scheduler.
CONNECT_TIMEOUT = "10s"
#: Page bytes above this are scattered to the cluster ahead of the task (not inlined in it).
SCATTER_BYTES = 1024 * 1024

_nlp = None  # the worker's pipeline


def _worker_pipeline():
    global _nlp
    if _nlp is None:
        from kg.nlp import load_pipeline

        _nlp = load_pipeline(threads=1)
    return _nlp


def _plugin_class():
    from distributed.diagnostics.plugin import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Loads kg's pipeline once per worker, when the worker starts (or joins later)."""

        name = "kg-pipeline"

        def setup(self, worker) -> None:
            _worker_pipeline()

    return PipelinePlugin


def analyse_pages(items: list[tuple[PageJob, Any]]) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """On a worker: each page's records as plain JSON, or its error; and seconds per stage.

    ``items`` are (job, page bytes); a page that cannot be decoded gives ``{"error": err}``.
    """
    nlp = _worker_pipeline()
    timings = Timings()
    out: list[dict[str, Any]] = []
    pages = []
    t0 = time.perf_counter()
    for job, data in items:
        try:
            pages.append(articles_of(job, data))
            out.append({})
        except InputError as error:
            pages.append(None)
            out.append({"error": error})
    timings.add("ingest", time.perf_counter() - t0)
    articles = [a for page in pages if page is not None for a in page.articles]
    results = iter(analyse_batch(articles, nlp, timings) if articles else [])
    for page, slot in zip(pages, out):
        if page is not None:
            slot["page"] = page_to_json([next(results) for _ in page.articles], page.warnings)
    return out, dict(timings)


def connect(scheduler: str | None, n_workers: int = 1):
    """A ``distributed.Client`` with the pipeline plugin registered: to ``scheduler``, or to a new
    ``LocalCluster`` of ``n_workers`` single-threaded processes. UsageError E901 if the scheduler
    cannot be reached."""
    from distributed import Client, LocalCluster

    try:
        if scheduler:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        else:
            cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError("E901", detail=f"cannot reach the Dask scheduler {scheduler!r}: {exc}") from exc
    client.register_plugin(_plugin_class()())
    return client


def close(client) -> None:
    """Close a client from :func:`connect` (and the local cluster it started)."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def run_dask(
    jobs: Iterable[PageJob],
    client,
    *,
    cache: Cache | None = None,
    timings: Timings | None = None,
) -> Iterator[PageOutcome]:
    """One :class:`~kg.engine.PageOutcome` per job, in order (see the module docstring)."""
    timings = timings if timings is not None else Timings()
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = IN_FLIGHT_PER_WORKER * workers
    pending: deque[PageOutcome] = deque()
    in_flight: deque[tuple[Any, list[PageOutcome]]] = deque()
    batch: list[PageOutcome] = []

    def submit() -> None:
        items = []
        for o in batch:
            data = client.scatter(o.data) if len(o.data) > SCATTER_BYTES else o.data
            items.append((o.job, data))
            o.data = None
        in_flight.append((client.submit(analyse_pages, items, pure=False), list(batch)))
        batch.clear()

    def complete_oldest() -> None:
        future, outcomes = in_flight.popleft()
        t0 = time.perf_counter()
        slots, worker_timings = future.result()
        timings.add("dask: waiting", time.perf_counter() - t0)
        timings.update(worker_timings)
        for outcome, slot in zip(outcomes, slots):
            if "error" in slot:
                outcome.error = slot["error"]
                continue
            outcome.page, outcome.results = page_from_json(outcome.job, slot["page"])
            if cache is not None and outcome.key is not None:
                cache.put(outcome.key, outcome.results, outcome.page.warnings)

    def ready_front() -> Iterator[PageOutcome]:
        while pending and pending[0].ready:
            yield pending.popleft()

    size = 0
    for outcome in prepare(jobs, cache, timings, split=False):
        pending.append(outcome)
        if not outcome.ready:
            batch.append(outcome)
            size += len(outcome.data)
            if size >= TASK_BYTES or len(batch) >= TASK_PAGES:
                submit()
                size = 0
        while len(in_flight) > window:
            complete_oldest()
        yield from ready_front()
    if batch:
        submit()
    while in_flight:
        complete_oldest()
        yield from ready_front()
    yield from ready_front()
    assert not pending, "every page is accounted for"
