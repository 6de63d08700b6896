"""Robustness on another paper: 94 THUCNews 时政 articles (../shared/corpus, read in place).

One article per file, each a single line whose headline runs straight into the body. Where an
agency dateline (``新华网北京7月26日电``, ``本报讯``, ``中新社…电``) follows the headline, kg splits
there and reads date, place and a bracketed byline; otherwise the whole line is the text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_pages

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "thucnews-shizheng"


@pytest.fixture(scope="module")
def corpus():
    assert CORPUS.is_dir(), f"{CORPUS} is missing: the shared/ folder must sit beside the repository"
    errors: list[InputError] = []
    articles = list(read_pages([CORPUS], on_error=errors.append))
    return articles, errors


def test_one_article_per_file(corpus):
    articles, errors = corpus
    files = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert errors == []
    assert len(files) == 94
    assert sorted(Counter(a.source for a in articles).items()) == [(f, 1) for f in files]
    assert all(a.text and a.kind == "article" for a in articles)


def test_headlines_split_at_agency_datelines(corpus):
    articles, _ = corpus
    by_file = {a.source: a for a in articles}
    quake = by_file["thucnews_shizheng_002.txt"]
    assert (quake.headline, quake.date, quake.dateline_place) == ("台湾南投县发生5.3级地震", "--07-26", "北京")
    assert quake.text.startswith("据国家地震台网测定")
    drugs = by_file["thucnews_shizheng_004.txt"]
    assert (drugs.headline, drugs.date) == ("最高法公布5起重大制贩毒品案 6人被执行死刑", "--06-25")
    summit = by_file["thucnews_shizheng_005.txt"]
    assert [(a.name, a.role) for a in summit.authors] == [("刘洋", "reporter"), ("张亚晨", "reporter")]
    # measured on this corpus: 74 of 94 files have a dateline or marker to split at
    with_headline = [a for a in articles if a.headline]
    assert len(with_headline) >= 70
    for article in with_headline:
        assert len(article.headline) <= 40
        assert not article.text.startswith(("新华网", "新华社", "中新社", "中新网", "人民网", "中广网", "本报讯"))


def test_files_without_a_marker_keep_the_whole_line(corpus):
    articles, _ = corpus
    article = next(a for a in articles if a.source == "thucnews_shizheng_001.txt")
    raw = (CORPUS / "thucnews_shizheng_001.txt").read_text(encoding="utf-8").strip()
    assert article.headline is None
    assert article.text == raw
