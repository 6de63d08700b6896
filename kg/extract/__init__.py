"""Extraction: mentions, posts and relation claims from a parsed article.

Every function here reads a spaCy ``Doc`` (through the char-offset view in
:mod:`kg.extract.spans`) and the :class:`~kg.model.Article` it came from, and yields records
that carry their own evidence. Word lists and rule shapes are data in ``kg/data/extract/``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.posts import extract_posts_from_sentences
from kg.extract.relations import extract_claims_from_sentences
from kg.extract.spans import Sentence, sentences
from kg.model import Article, Claim, Post

__all__ = ["extract_article", "Sentence", "sentences"]


def extract_article(doc: Doc, article: Article) -> tuple[list[Post], list[Claim]]:
    """Posts and relation claims of one parsed article.

    Posts come first: the people they name are the officials that group references such as
    巡视领导 ("the inspecting leaders") stand for in the relation rules.
    """
    sents = sentences(doc)
    posts = list(extract_posts_from_sentences(sents, article))
    claims = list(extract_claims_from_sentences(sents, article, officials=[p.person for p in posts]))
    return posts, claims
