"""A generated graph in the shape of docs/graph-model.md, for benchmarks and scale tests.

Names are generated (``人物17``, ``机构3``): no word list is involved, and nothing here is
used by the pipeline. The same arguments always give the same graph.

>>> G = synthetic_graph(n_people=20, seed=1)
>>> sorted({d["type"] for _, d in G.nodes(data=True)})
['Article', 'Event', 'Organization', 'Person', 'Place', 'Project']
>>> G.number_of_nodes() == synthetic_graph(n_people=20, seed=1).number_of_nodes()
True
"""

from __future__ import annotations

import random

import networkx as nx


def synthetic_graph(n_people: int = 1000, seed: int = 0) -> nx.MultiDiGraph:
    """About ``n_people`` persons with posts, visits and co-appearances over a place hierarchy.

    Sizes scale together: one organisation per 5 people, one article per 2, one project per 4;
    one province, 4 cities, 8 counties per city, 6 towns per county.
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph(profile="synthetic", kg_version="synthetic", sources=[])
    places: list[str] = []

    def place(label: str, level: str, parent: str | None) -> str:
        node = f"{parent}/{label}" if parent else f"place/{label}"
        G.add_node(node, type="Place", label=label, aliases=[], admin_level=level, mentions=1, articles=[])
        if parent:
            G.add_edge(node, parent, key="partOf|0", predicate="partOf", evidence=[], confidence=1.0, source="gazetteer")
        places.append(node)
        return node

    province = place("省0", "province", None)
    for c in range(4):
        city = place(f"市{c}", "city", province)
        for k in range(8):
            county = place(f"区{c}_{k}", "county", city)
            for t in range(6):
                place(f"街道{c}_{k}_{t}", "town", county)

    articles = [f"{i // 10:03d}_synthetic/{i % 10:03d}" for i in range(max(1, n_people // 2))]
    for i, art in enumerate(articles):
        date = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
        G.add_node(f"article/{art}", type="Article", label=f"报道{i}", headline=f"报道{i}", date=date, aliases=[],
                   source=f"{art.split('/')[0]}.txt", section="政务之要", kind="article", authors=[])

    orgs = [f"org/机构{i}" for i in range(max(1, n_people // 5))]
    for i, node in enumerate(orgs):
        G.add_node(node, type="Organization", label=f"机构{i}", aliases=[f"机{i}"], kind="government", mentions=2, articles=[])
        if i:
            G.add_edge(node, orgs[rng.randrange(i)], key="subOrganizationOf|0", predicate="subOrganizationOf",
                       evidence=[], confidence=1.0, source="alias-table")
    projects = [f"project/项目{i}" for i in range(max(1, n_people // 4))]
    for i, node in enumerate(projects):
        G.add_node(node, type="Project", label=f"项目{i}", aliases=[], mentions=1, articles=[])
        _relate(G, rng, node, rng.choice(places), "locatedIn", rng.choice(articles))
        _relate(G, rng, rng.choice(orgs), node, "undertakes", rng.choice(articles))
    events = [f"event/会议{i}" for i in range(max(1, n_people // 20))]
    for i, node in enumerate(events):
        G.add_node(node, type="Event", label=f"会议{i}", aliases=[], mentions=1, articles=[])
        _relate(G, rng, rng.choice(orgs), node, "organized", rng.choice(articles))

    people = [f"person/人物{i}" for i in range(n_people)]
    for i, node in enumerate(people):
        art = rng.choice(articles)
        G.add_node(node, type="Person", label=f"人物{i}", aliases=[], roles=["official"], mentions=2, articles=[art])
        _relate(G, rng, node, rng.choice(orgs), "holdsPost", art, title=f"职务{rng.randrange(30)}")
        _relate(G, rng, node, rng.choice(places), "visited", art)
        if events and rng.random() < 0.5:
            _relate(G, rng, node, rng.choice(events), "attended", art)
        if i:
            other = people[rng.randrange(i)]
            a, b = sorted((node, other))
            _relate(G, rng, a, b, "coAppearsWith", art, weight=1)
        G.add_edge(f"article/{art}", node, key="mentions|0", predicate="mentions", evidence=[], confidence=1.0, source="ner")
    return G


def _relate(G: nx.MultiDiGraph, rng: random.Random, s: str, o: str, predicate: str, article: str, **attrs: object) -> None:
    start = rng.randrange(2000)
    sentence = f"{G.nodes[s]['label']}与{G.nodes[o]['label']}的句子{start}。"
    date = G.nodes[f"article/{article}"]["date"]
    n = G.number_of_edges(s, o)
    G.add_edge(s, o, key=f"{predicate}|{n}", predicate=predicate, confidence=round(0.5 + rng.random() / 2, 3), date=date,
               evidence=[{"article_id": article, "sentence": sentence, "start": start, "end": start + len(sentence), "rule": f"{predicate}_rule"}],
               **attrs)
