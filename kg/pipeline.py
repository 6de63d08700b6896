"""Run the text stages over a corpus, one batch of articles at a time.

``ingest -> nlp -> extract`` streams: each article's spaCy ``Doc`` is reduced to small
records (mentions, posts, claims) and dropped, so memory stays bounded by the records, not by
the Docs. Resolution and graph assembly (``kg.graph``) consume these records.

Cost per article is bounded whatever the article holds: a very long article is parsed in
chunks of whole lines, and a very long line in pieces (limits in ``kg/data/pipeline.toml``);
the records of the chunks are put back together with offsets into the whole article, so a
chunked article looks like any other to the later stages.

With ``n_process > 1`` the whole text stage (parsing *and* extraction) runs in worker
processes, each with its own copy of the pipeline built from the same config; only the small
records travel back. :class:`Timings` collects seconds per stage (LAC, each component,
extraction) in whichever process did the work.

>>> from kg.pipeline import analyse                                   # doctest: +SKIP
>>> for result in analyse(read_pages(["seeds"]), load_pipeline()):    # doctest: +SKIP
...     print(result.article.id, len(result.mentions))
"""

from __future__ import annotations

import multiprocessing
import queue
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from spacy.language import Language

from kg.extract import extract_article
from kg.extract.mentions import doc_mentions
from kg.model import Article, Claim, Evidence, Mention, Post
from kg.resources import load_toml

_CONFIG = load_toml("pipeline.toml")
BATCH_SIZE = int(_CONFIG["batch"]["articles"])
MAX_CHARS = int(_CONFIG["chunks"]["max_chars"])
MAX_LINE = int(_CONFIG["chunks"]["max_line"])
#: Batches tokenized ahead of the one being analysed (one process: LAC runs in a second thread).
PREFETCH = 2
_CUT_AFTER = [re.compile(f"[{re.escape(chars)}]") for chars in (_CONFIG["chunks"]["sentence_ends"], _CONFIG["chunks"]["separators"])]


@dataclass(slots=True)
class ArticleResult:
    """Everything the later stages need from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


class Timings(Counter):
    """Seconds per stage, e.g. ``{"nlp:lac": 3.1, "nlp:kg_titles": 0.2, "extract": 1.0}``;
    ``+=`` of two adds them up (worker processes send theirs back with their results)."""

    def add(self, stage: str, seconds: float) -> None:
        self[stage] += seconds

    def shares(self) -> list[tuple[str, float, float]]:
        """``(stage, seconds, share of the total)``, largest first."""
        total = sum(self.values()) or 1.0
        return [(stage, s, s / total) for stage, s in self.most_common()]


# -- chunks ---------------------------------------------------------------------------------------


def _line_pieces(start: int, end: int, text: str, limit: int) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``limit`` characters, each ending after a
    sentence end if there is one in reach, else after a list separator, else hard."""
    while end - start > limit:
        cut = None
        for pattern in _CUT_AFTER:
            last = None
            for m in pattern.finditer(text, start + limit // 2, start + limit):
                last = m.end()
            if last is not None:
                cut = last
                break
        cut = cut or start + limit
        yield start, cut
        start = cut
    yield start, end


def chunks(text: str, max_chars: int = MAX_CHARS, max_line: int = MAX_LINE) -> list[tuple[int, int]]:
    """``(start, end)`` spans that cover ``text`` in order: the whole text when it has at most
    ``max_chars`` characters and no line over ``max_line``; else runs of whole lines of at most
    ``max_chars`` (a newline stays with the line it ends), and each over-long line cut into
    pieces of at most ``max_line`` (see ``kg/data/pipeline.toml``).

    >>> chunks("甲乙\\n丙丁\\n", max_chars=10)
    [(0, 6)]
    >>> chunks("甲乙\\n丙丁\\n戊", max_chars=4, max_line=4)
    [(0, 3), (3, 7)]
    >>> chunks("张三、李四、王五、赵六", max_chars=100, max_line=5)
    [(0, 3), (3, 6), (6, 11)]
    """
    if len(text) <= max_chars and all(len(line) <= max_line for line in text.split("\n")):
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    run_start = pos = 0
    for line in re.finditer(r"[^\n]*\n|[^\n]+$", text):
        start, end = line.span()
        if end - start > max_line:
            if pos > run_start:
                out.append((run_start, pos))
            out.extend(_line_pieces(start, end, text, max_line))
            run_start = pos = end
            continue
        if end - run_start > max_chars and pos > run_start:
            out.append((run_start, pos))
            run_start = pos
        pos = end
    if pos > run_start:
        out.append((run_start, pos))
    return out


def _shift_mention(m: Mention | None, by: int) -> Mention | None:
    if m is None or by == 0:
        return m
    return replace(m, start=m.start + by, end=m.end + by, sent_start=m.sent_start + by, sent_end=m.sent_end + by)


def _shift_evidence(e: Evidence, by: int) -> Evidence:
    return e if by == 0 else replace(e, start=e.start + by, end=e.end + by)


# -- serial ---------------------------------------------------------------------------------------


def _tokenize(texts: list[str], nlp: Language, timings: Timings) -> list:
    """LAC over a whole batch: ``nlp.tokenizer.pipe``, timed."""
    t0 = time.perf_counter()
    docs = list(nlp.tokenizer.pipe(texts, batch_size=max(1, len(texts))))
    timings.add("nlp:lac", time.perf_counter() - t0)
    return docs


def _components(docs: list, nlp: Language, timings: Timings) -> list:
    """Each pipeline component over every Doc, one component at a time (as ``nlp.pipe``)."""
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        docs = [proc(doc) for doc in docs]
        timings.add(f"nlp:{name}", time.perf_counter() - t0)
    return docs


def _units(batch: list[Article]) -> list[tuple[int, int, int]]:
    return [(i, start, end) for i, article in enumerate(batch) for start, end in chunks(article.text)]


def analyse_batch(batch: list[Article], nlp: Language, timings: Timings | None = None) -> list[ArticleResult]:
    """The :class:`ArticleResult` of each article of ``batch``, in order (see :func:`analyse`)."""
    timings = timings if timings is not None else Timings()
    units = _units(batch)
    docs = _tokenize([batch[i].text[start:end] for i, start, end in units], nlp, timings)
    return _finish_batch(batch, units, docs, nlp, timings)


def _finish_batch(batch: list[Article], units: list[tuple[int, int, int]], docs: list, nlp: Language, timings: Timings) -> list[ArticleResult]:
    """Components and extraction over tokenized chunks; records shifted back into each article."""
    docs = _components(docs, nlp, timings)
    results = [ArticleResult(article) for article in batch]
    t0 = time.perf_counter()
    for (i, start, end), doc in zip(units, docs):
        article = batch[i]
        part = article if (start, end) == (0, len(article.text)) else replace(article, text=article.text[start:end], body_start=max(0, article.body_start - start))
        posts, claims = extract_article(doc, part)
        mentions = doc_mentions(doc, article.id)
        result = results[i]
        result.mentions += [_shift_mention(m, start) for m in mentions]
        result.posts += [
            replace(p, person=_shift_mention(p.person, start), org_mention=_shift_mention(p.org_mention, start), evidence=_shift_evidence(p.evidence, start))
            for p in posts
        ] if start else posts
        result.claims += [
            replace(c, subject=_shift_mention(c.subject, start), object=_shift_mention(c.object, start), evidence=_shift_evidence(c.evidence, start))
            for c in claims
        ] if start else claims
    timings.add("extract", time.perf_counter() - t0)
    return results


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


def _analyse_overlapped(articles: Iterable[Article], nlp: Language, batch_size: int, timings: Timings) -> Iterator[ArticleResult]:
    """One process, two threads: a reader thread reads the articles and runs LAC on the next
    batches (onnxruntime and numpy release the GIL) while this thread runs the components and
    extraction on the current one. Same records, in the same order, as one thread would make."""
    ahead: queue.Queue = queue.Queue(maxsize=PREFETCH)
    stop = threading.Event()
    lac_timings = Timings()

    def put(item) -> bool:
        """Queue ``item`` unless the consumer has stopped (then never block)."""
        while not stop.is_set():
            try:
                ahead.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def reader() -> None:
        try:
            for batch in _batches(articles, batch_size):
                units = _units(batch)
                docs = _tokenize([batch[i].text[start:end] for i, start, end in units], nlp, lac_timings)
                if not put((batch, units, docs)):
                    return
            put(None)
        except BaseException as exc:  # re-raised in the consuming thread
            put(exc)

    thread = threading.Thread(target=reader, name="kg-lac", daemon=True)
    thread.start()
    try:
        while True:
            item = ahead.get()
            if item is None:
                break
            if isinstance(item, BaseException):
                raise item
            batch, units, docs = item
            yield from _finish_batch(batch, units, docs, nlp, timings)
    finally:
        stop.set()
        thread.join()
        timings.update(lac_timings)


# -- worker processes -----------------------------------------------------------------------------

_worker_nlp: Language | None = None


def _init_worker(nlp_class: type, config: dict) -> None:
    global _worker_nlp
    _worker_nlp = nlp_class.from_config(config)


def _work(batch: list[Article]) -> tuple[list[ArticleResult], Timings]:
    assert _worker_nlp is not None
    timings = Timings()
    return analyse_batch(batch, _worker_nlp, timings), timings


def worker_config(nlp: Language) -> dict:
    """``nlp``'s config for a worker process: one ONNX thread (the cores go to the processes)."""
    config = nlp.config.copy()
    config["nlp"]["tokenizer"]["threads"] = 1
    return config


def analyse(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    timings: Timings | None = None,
) -> Iterator[ArticleResult]:
    """Yield one :class:`ArticleResult` per article, in input order.

    ``n_process > 1`` parses and extracts in that many worker processes (started with
    ``spawn``, each rebuilding ``nlp`` from its config with one ONNX thread). Seconds per
    stage are added to ``timings`` when given.
    """
    timings = timings if timings is not None else Timings()
    if n_process <= 1:
        yield from _analyse_overlapped(articles, nlp, batch_size, timings)
        return
    context = multiprocessing.get_context("spawn")
    # Pool.imap reads its input as fast as it can: a semaphore keeps a few batches in flight,
    # so that memory stays bounded by them, not by the corpus.
    in_flight = threading.BoundedSemaphore(4 * n_process)

    def gated() -> Iterator[list[Article]]:
        for batch in _batches(articles, batch_size):
            in_flight.acquire()
            yield batch

    with context.Pool(n_process, initializer=_init_worker, initargs=(type(nlp), worker_config(nlp))) as pool:
        for results, worker_timings in pool.imap(_work, gated()):
            in_flight.release()
            timings.update(worker_timings)
            yield from results
