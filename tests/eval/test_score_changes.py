"""kg eval's change measures and the post measure beside them, on a hand-made graph: a removal
(免去…职务) is a change, not a post the person takes or keeps (the gold conventions): kg writes
it as a kg:PostChange on an org:Post and no org:Membership, unless a text states the post held."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.eval.gold import Gold
from kg.eval.score import score_page
from kg.export.turtle import turtle_bytes

SENTENCE = "免去唐一军的司法部部长职务，任命贺荣为司法部部长。"


def notice_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node, label in (("person/唐一军", "唐一军"), ("person/贺荣", "贺荣")):
        G.add_node(node, type="Person", label=label, aliases=[], roles=["official"])
    G.add_node("org/中华人民共和国司法部", type="Organization", label="中华人民共和国司法部", aliases=["司法部"], kind="government")
    G.add_node("article/n/001", type="Article", label="任免", headline="任免", date="2023-02-24", source="n.txt")
    ev = lambda rule: [{"article_id": "n/001", "sentence": SENTENCE, "start": 0, "end": len(SENTENCE), "rule": rule}]
    org = "org/中华人民共和国司法部"
    G.add_edge("person/唐一军", org, key="postChange|0", predicate="postChange", title="部长", kind="removed", date="2023-02-24", evidence=ev("change/removed"), confidence=0.9)
    G.add_edge("person/贺荣", org, key="postChange|0", predicate="postChange", title="部长", kind="appointed", date="2023-02-24", evidence=ev("change/appointed"), confidence=0.9)
    G.add_edge("person/贺荣", org, key="holdsPost|0", predicate="holdsPost", title="部长", date="2023-02-24", evidence=ev("change/appointed"), confidence=0.9)
    return G


def gold(changes: list[dict]) -> Gold:
    return Gold(Path("g.json"), "n.txt", {
        "officials": [{"person": "贺荣", "title": "部长", "org_as_written": "司法部", "org": "中华人民共和国司法部", "evidence": ""}],
        "persons": [], "organisations": [], "places": [], "projects": [], "relations": [],
        "changes": changes,
    })


def row(person: str, event: str, org: str = "中华人民共和国司法部") -> dict:
    return {"person": person, "event": event, "title": "部长", "org": org, "date": "2023-02-24", "evidence": ""}


def test_changes_and_posts_are_scored_apart():
    score = score_page(turtle_bytes(notice_graph()), gold([row("唐一军", "removed"), row("贺荣", "appointed")]))
    counts = score.counts
    assert (counts["changes"].tp_pred, counts["changes"].n_pred, counts["changes"].tp_gold, counts["changes"].n_gold) == (2, 2, 2, 2)
    assert (counts["changes+org"].tp_gold, counts["changes+org"].n_gold) == (2, 2)
    # 唐一军's post is named only by its removal: a change on an org:Post, no membership, so no
    # post beside 贺荣's (the page's officials list only the post 贺荣 takes)
    assert (counts["post"].tp_pred, counts["post"].n_pred, counts["post"].n_gold) == (1, 1, 1)


def test_a_post_stated_held_and_then_removed_is_a_membership_and_a_change():
    G = notice_graph()
    ev = G.edges["person/唐一军", "org/中华人民共和国司法部", "postChange|0"]["evidence"]
    G.add_edge("person/唐一军", "org/中华人民共和国司法部", key="holdsPost|0", predicate="holdsPost", title="部长",
               date="2022-06-01", evidence=ev, confidence=0.9)
    score = score_page(turtle_bytes(G), gold([row("唐一军", "removed"), row("贺荣", "appointed")]))
    assert (score.counts["post"].tp_pred, score.counts["post"].n_pred) == (1, 2)
    assert (score.counts["changes"].tp_pred, score.counts["changes"].n_pred) == (2, 2)


def test_a_wrong_kind_or_organisation_is_a_miss():
    score = score_page(turtle_bytes(notice_graph()), gold([row("唐一军", "resigned"), row("贺荣", "appointed", org="中华人民共和国外交部")]))
    counts = score.counts
    assert (counts["changes"].tp_gold, counts["changes+org"].tp_gold) == (1, 0)
    assert {f.text for f in score.findings if f.measure == "changes" and f.kind == "miss"} == {"唐一军 resigned 部长 @ 中华人民共和国司法部"}
