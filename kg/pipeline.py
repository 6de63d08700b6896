"""Run the text stages over a corpus, one article at a time.

``ingest -> nlp -> extract`` streams: each article's spaCy ``Doc`` is reduced to small
records (mentions, posts, claims) and dropped, so memory stays bounded by the records, not by
the Docs. Resolution and graph assembly (``kg.graph``) consume these records.

With ``n_process > 1`` the whole text stage (parsing *and* extraction) runs in worker
processes, each with its own copy of the pipeline built from the same config; only the small
records travel back. Shipping Docs back instead (``nlp.pipe(n_process=…)``) costs about as
much as parsing them, so it gains little.

>>> from kg.pipeline import analyse                                   # doctest: +SKIP
>>> for result in analyse(read_pages(["seeds"]), load_pipeline()):    # doctest: +SKIP
...     print(result.article.id, len(result.mentions))
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice, tee

from spacy.language import Language

from kg.extract import extract_article
from kg.extract.mentions import doc_mentions
from kg.model import Article, Claim, Mention, Post


@dataclass(slots=True)
class ArticleResult:
    """Everything the later stages need from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def _analyse_serial(articles: Iterable[Article], nlp: Language, batch_size: int) -> Iterator[ArticleResult]:
    # Plain texts (not as_tuples) so that kg's pipe tokenizes a whole batch with LAC at once.
    for_texts, for_results = tee(articles)
    docs = nlp.pipe((a.text for a in for_texts), batch_size=batch_size)
    for doc, article in zip(docs, for_results):
        posts, claims = extract_article(doc, article)
        yield ArticleResult(article, doc_mentions(doc, article.id), posts, claims)


# -- worker processes -------------------------------------------------------------------------

_worker_nlp: Language | None = None


def _init_worker(nlp_class: type, config: dict) -> None:
    global _worker_nlp
    _worker_nlp = nlp_class.from_config(config)


def _work(batch: list[Article]) -> list[ArticleResult]:
    assert _worker_nlp is not None
    return list(_analyse_serial(batch, _worker_nlp, len(batch)))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


def analyse(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[ArticleResult]:
    """Yield one :class:`ArticleResult` per article, in input order.

    ``n_process > 1`` parses and extracts in that many worker processes (started with
    ``spawn``, each rebuilding ``nlp`` from its config with one ONNX thread).
    """
    if n_process <= 1:
        yield from _analyse_serial(articles, nlp, batch_size)
        return
    config = nlp.config.copy()
    config["nlp"]["tokenizer"]["threads"] = 1  # the cores go to the processes
    context = multiprocessing.get_context("spawn")
    with context.Pool(n_process, initializer=_init_worker, initargs=(type(nlp), config)) as pool:
        for results in pool.imap(_work, _batches(articles, batch_size)):
            yield from results
