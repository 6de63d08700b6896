"""Bounded cost per article, whatever it holds: co-appearance within a sentence, lists of names
recognised, O(n) edges for n names, resolution context bounded, long articles parsed in chunks."""

from __future__ import annotations

import random

import pytest

from kg.graph import GraphBuilder
from kg.graph.build import MAX_PEOPLE, RECENT
from kg.model import Article, Mention
from kg.pipeline import ArticleResult, analyse, chunks
from kg.resolve import Resolver

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"


def names(n: int) -> list[str]:
    rng = random.Random(n)
    out: dict[str, None] = {}
    while len(out) < n:
        out[rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)] = None
    return list(out)


def article_of(sentences: list[list[str]], head: str = "", article_id: str = "p/001") -> ArticleResult:
    """An article whose sentences name the given people (``、``-joined, one per line)."""
    text, mentions = head, []
    for people in sentences:
        start = len(text)
        line = "、".join(people) + "出席会议。\n"
        pos = start
        for name in people:
            mentions.append((name, pos))
            pos += len(name) + 1
        text += line
        end = start + len(line) - 1
        mentions = [(n, p, start, end) if len(m) == 2 else m for m in mentions for n, p in [m[:2]]]
    article = Article(article_id, "p.txt", 1, text)
    rows = [Mention(n, "PERSON", article_id, p, p + len(n), s, e) for n, p, s, e in mentions]
    return ArticleResult(article, rows)


def co_edges(G):
    return [(u, v, d) for u, v, d in G.edges(data=True) if d["predicate"] == "coAppearsWith"]


@pytest.fixture(scope="module")
def resolver():
    return Resolver()


def test_people_of_one_sentence_co_appear_with_its_evidence(resolver):
    b = GraphBuilder(resolver)
    b.add(article_of([["张伟明", "李娜娜"], ["王芳芳"]]))
    b.add(article_of([["张伟明", "李娜娜", "王芳芳"]], article_id="q/001"))
    edges = {(u, v): d for u, v, d in co_edges(b.graph())}
    assert edges[("person/张伟明", "person/李娜娜")]["weight"] == 2  # two articles
    assert edges[("person/张伟明", "person/王芳芳")]["weight"] == 1  # not in one sentence in p/001
    ev = edges[("person/张伟明", "person/李娜娜")]["evidence"][0]
    assert ev["sentence"] == "张伟明、李娜娜出席会议。" and ev["rule"] == "coAppearsWith/sentence"


@pytest.mark.parametrize("n", [100, 2512])  # 10,000 names: benchmarks/scale.py
def test_a_list_of_n_names_adds_no_quadratic_edges(resolver, n):
    people = names(n)
    one_sentence = article_of([people])
    per_line = article_of([people[i : i + 3] for i in range(0, n, 3)], head="2023年度优秀教师获奖名单\n")
    mixed = article_of([people[i : i + 5] for i in range(0, n, 5)])
    for result, most in ((one_sentence, 0), (per_line, 0), (mixed, 2 * n)):
        b = GraphBuilder(resolver)
        b.add(result)
        assert len(co_edges(b.graph())) <= most
    bound = (MAX_PEOPLE - 1) / 2 * n  # whatever the sentences, O(n)
    worst = article_of([people[i : i + MAX_PEOPLE] for i in range(0, n, MAX_PEOPLE)])
    b = GraphBuilder(resolver)
    b.add(worst)
    assert 0 < len(co_edges(b.graph())) <= bound


def test_resolution_context_is_bounded(resolver, monkeypatch):
    seen = []
    real = resolver.resolve

    def spy(name, label, context=None):
        seen.append(len(context.places) if context else 0)
        return real(name, label, context)

    monkeypatch.setattr(resolver, "resolve", spy)

    def run(places: list[str]) -> int:
        seen.clear()
        text = "、".join(places) + "。"
        rows, pos = [], 0
        for p in places:
            rows.append(Mention(p, "GPE", "p/001", pos, pos + len(p), 0, len(text)))
            pos += len(p) + 1
        GraphBuilder(resolver).add(ArticleResult(Article("p/001", "p.txt", 1, text), rows))
        assert len(seen) == len(places)
        return max(seen)

    distinct = [f"{a}{b}区" for a in SURNAMES for b in GIVEN][:300]
    assert run(distinct) == RECENT  # the last RECENT places only
    assert run(["迎泽区", "小店区", "杏花岭区", "晋源区", "清徐县"] * 400) == 5  # repeats add nothing


def test_chunks_cover_the_text_and_keep_short_articles_whole():
    text = "第一段。\n" * 10
    assert chunks(text) == [(0, len(text))]
    long_line = "、".join(["迎泽区"] * 5000)
    parts = chunks("开头。\n" + long_line + "\n结尾。", max_chars=2000, max_line=1000)
    assert parts[0][0] == 0 and all(a[1] == b[0] for a, b in zip(parts, parts[1:]))
    assert all(end - start <= 2000 for start, end in parts)


def test_a_long_line_is_parsed_in_pieces_with_offsets_into_the_article(nlp):
    line = "、".join(["迎泽区", "小店区", "杏花岭区", "晋源区"] * 2500)  # ~ 30,000 characters
    article = Article("p/001", "p.txt", 1, "本报讯 市领导调研。\n" + line + "。\n")
    [result] = analyse([article], nlp)
    places = [m for m in result.mentions if m.label in ("GPE", "LOC")]
    assert len(places) > 9000
    for m in result.mentions:
        assert article.text[m.start : m.end] == m.text
        assert m.sent_start <= m.start and m.end <= m.sent_end
        assert m.sent_end - m.sent_start <= 8000  # the sentence of a piece, not the whole line
    assert places[-1].start > len(article.text) - 20  # the end of the line was read too
