"""``kg diff OLD NEW``: what a new day's pages added to a graph — what a newsroom reads each morning.

Compares two builds (their ``graph.json``) and lists, each sorted:

* ``new_people``: person nodes only NEW has;
* ``new_posts``: memberships (person, title, organisation; :mod:`kg.graph.careers`) only NEW has;
* ``ended_posts``: memberships whose end NEW knows from a change (免去, 辞去 …) that OLD did not;
* ``changes``: post changes only NEW has (kind, date, evidence);
* ``new_relations``: edges (subject, predicate, object) only NEW has, apart from the
  bookkeeping predicates ``mentions``, ``coAppearsWith``, ``holdsPost`` and ``postChange``
  (posts and changes have their own lists).

Nodes are matched by id, so two builds with the same profile compare exactly.

>>> from kg.graph.query import example_graph
>>> old, new = example_graph(), example_graph()
>>> new.add_node("person/李强", type="Person", label="李强", aliases=[])
>>> _ = new.add_edge("person/李强", "org/中共太原市委员会", key="postChange|a", predicate="postChange",
...                  title="市委书记", kind="appointed", date="2024-01-02", evidence=[])
>>> d = diff_graphs(old, new)
>>> d["new_people"], [(p["person"], p["title"]) for p in d["new_posts"]], [c["kind"] for c in d["changes"]]
(['李强'], [('李强', '市委书记')], ['appointed'])
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.graph.careers import ENDING_KINDS, HOLDING_KINDS, Membership, memberships

#: Predicates that are not news by themselves (or have their own list).
QUIET_PREDICATES = frozenset({"mentions", "coAppearsWith", "holdsPost", "postChange"})


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return G.nodes[node].get("label", node) if node in G else node


def _post(G: nx.MultiDiGraph, m: Membership) -> dict[str, Any]:
    return {"person": _label(G, m.person), "title": m.title, "org": _label(G, m.org), "begin": m.begin, "end": m.end,
            "begin_from": m.begin_from, "end_from": m.end_from, "articles": list(m.articles)}


def diff_graphs(old: nx.MultiDiGraph, new: nx.MultiDiGraph) -> dict[str, list]:
    """The news of ``new`` against ``old`` (see the module docstring for the lists)."""
    people_old = {n for n, d in old.nodes(data=True) if d.get("type") == "Person"}
    new_people = sorted(_label(new, n) for n, d in new.nodes(data=True) if d.get("type") == "Person" and n not in people_old)

    m_old = {m.key: m for m in memberships(old)}
    m_new = memberships(new)
    # a post the new pages show held (seen, appointed, elected); one they only end is an ended post
    new_posts = [_post(new, m) for m in m_new if m.key not in m_old and (m.seen or m.former or m.begin_from in HOLDING_KINDS)]
    ended = []
    for m in m_new:
        before = m_old.get(m.key)
        if m.end_from in ENDING_KINDS and (before is None or before.end_from != m.end_from or before.end != m.end):
            ended.append(_post(new, m))

    old_changes = {(m.key, c.kind, c.date) for m in m_old.values() for c in m.changes}
    changes = [
        {"person": _label(new, m.person), "kind": c.kind, "title": m.title, "org": _label(new, m.org), "date": c.date,
         "evidence": [ev["sentence"] for ev in c.evidence]}
        for m in m_new for c in m.changes if (m.key, c.kind, c.date) not in old_changes
    ]
    changes.sort(key=lambda c: (c["date"] or "", c["person"], c["kind"], c["title"]))

    old_edges = {(s, d.get("predicate"), o) for s, o, d in old.edges(data=True)}
    seen: set[tuple[str, str, str]] = set()
    relations = []
    for s, o, d in new.edges(data=True):
        key = (s, d.get("predicate"), o)
        if key[1] in QUIET_PREDICATES or key in old_edges or key in seen:
            continue
        seen.add(key)
        evidence = d.get("evidence") or []
        relations.append({"subject": _label(new, s), "predicate": key[1], "object": _label(new, o),
                          "evidence": evidence[0]["sentence"] if evidence else ""})
    relations.sort(key=lambda r: (r["predicate"], r["subject"], r["object"]))
    return {"new_people": new_people, "new_posts": new_posts, "ended_posts": ended, "changes": changes, "new_relations": relations}


def diff_text(d: dict[str, list]) -> str:
    """The diff for people to read.

    >>> print(diff_text({"new_people": ["李强"], "new_posts": [], "ended_posts": [], "changes": [], "new_relations": []}))
    new people (1): 李强
    new posts (0)
    ended posts (0)
    post changes (0)
    new relations (0)
    """
    lines = [f"new people ({len(d['new_people'])})" + (": " + "、".join(d["new_people"]) if d["new_people"] else "")]
    lines.append(f"new posts ({len(d['new_posts'])})")
    lines += [f"  {p['person']}  {p['title']} @ {p['org']}  from {p['begin'] or '?'}" for p in d["new_posts"]]
    lines.append(f"ended posts ({len(d['ended_posts'])})")
    lines += [f"  {p['person']}  {p['title']} @ {p['org']}  until {p['end']} ({p['end_from']})" for p in d["ended_posts"]]
    lines.append(f"post changes ({len(d['changes'])})")
    lines += [f"  {c['date'] or '(undated)'}  {c['person']} {c['kind']} {c['title']} @ {c['org']}" for c in d["changes"]]
    lines.append(f"new relations ({len(d['new_relations'])})")
    lines += [f"  {r['subject']} —{r['predicate']}→ {r['object']}" for r in d["new_relations"]]
    return "\n".join(lines)
