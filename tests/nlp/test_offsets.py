"""Every mention slices its article's text exactly, on every seed page (bodies and headlines)."""

from __future__ import annotations

import pytest

from kg.extract.mentions import doc_mentions
from kg.ingest import read_pages
from tests.conftest import seed_pages


@pytest.mark.parametrize("page", seed_pages(), ids=lambda p: p.stem)
def test_every_mention_slices_its_text(nlp, page):
    checked = 0
    for article in read_pages([page]):
        for text in filter(None, [article.text, article.headline]):
            doc = nlp(text)
            assert doc.text == text
            for m in doc_mentions(doc, article.id):
                assert text[m.start:m.end] == m.text, (article.id, m)
                assert m.article_id == article.id
                assert m.sent_start <= m.start < m.end <= m.sent_end, (article.id, m)
                assert text[m.sent_start:m.sent_end].strip() == text[m.sent_start:m.sent_end]
                checked += 1
    assert checked > 100  # a page of news has many mentions; 0 would mean NER silently failed


def test_mentions_are_sorted_and_unique(nlp):
    doc = nlp("市委常委、组织部部长武晓花参加。武晓花强调，要严肃考风考纪。")
    mentions = doc_mentions(doc, "p/001")
    keys = [(m.start, m.end, m.label) for m in mentions]
    assert keys == sorted(set(keys))
    assert {m.label for m in mentions} >= {"PERSON", "ORG", "TITLE"}
