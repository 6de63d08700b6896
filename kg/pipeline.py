"""Run the text stages over a corpus, one article at a time.

``ingest -> nlp -> extract`` streams: each article's spaCy ``Doc`` is reduced to small
records (mentions, posts, claims) and dropped, so memory stays bounded by the records, not by
the Docs. Resolution and graph assembly (``kg.graph``) consume these records.

>>> from kg.pipeline import analyse                                   # doctest: +SKIP
>>> for result in analyse(read_pages(["seeds"]), load_pipeline()):    # doctest: +SKIP
...     print(result.article.id, len(result.mentions))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

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


def analyse(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[ArticleResult]:
    """Yield one :class:`ArticleResult` per article, in input order.

    ``n_process > 1`` parses in worker processes (``nlp.pipe``); extraction runs in this
    process on each Doc as it arrives.
    """
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        posts, claims = extract_article(doc, article)
        yield ArticleResult(article, doc_mentions(doc, article.id), posts, claims)
