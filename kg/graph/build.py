"""Assemble resolved entities and evidence-bearing relations into one networkx graph.

:class:`GraphBuilder` takes one :class:`~kg.pipeline.ArticleResult` at a time (so a corpus
streams through it) and resolves every mention, post and claim with a
:class:`~kg.resolve.Resolver`. :meth:`GraphBuilder.graph` then writes the
``networkx.MultiDiGraph`` described in ``docs/graph-model.md``: deterministic node and edge
order, JSON-serialisable attributes only.
"""

from __future__ import annotations

import json
import re
from collections import Counter, deque
from dataclasses import replace
from pathlib import Path
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

from kg import __version__
from kg.extract.posts import plain_title
from kg.graph.careers import HOLDING_KINDS, memberships
from kg.model import Article, Claim, Entity, Evidence, Mention, Relation
from kg.pipeline import ArticleResult
from kg.resolve import Context, Resolved, Resolver
from kg.resolve.identity import PersonIdentities
from kg.resources import load_toml
from kg.schema import SCHEMA

#: Evidence kept per edge: enough to explain it, bounded for edges seen in many articles.
MAX_EVIDENCE = 20

#: Sentence windows, lists and context bounds: see graph/co_appearance.toml.
CO_APPEARANCE = load_toml("graph/co_appearance.toml")
MAX_PEOPLE = int(CO_APPEARANCE["window"]["max_people"])
RECENT = int(CO_APPEARANCE["context"]["recent"])
_LISTS = CO_APPEARANCE["lists"]

#: Names that say where they are (晋源区文体活动中心项目): see relations.toml [name_location].
NAME_LOCATION = load_toml("extract/relations.toml")["name_location"]
#: Sub-units named after their parent (全国人大常委会代表资格审查委员会): relations.toml [structure].
STRUCTURE = {k: tuple(v) if isinstance(v, list) else v for k, v in load_toml("extract/relations.toml")["structure"].items()}
_WRITTEN_TERM = re.compile(STRUCTURE["written_term"])
_NAME_PLACE = re.compile("^(.{1,8}?(?:" + "|".join(map(re.escape, NAME_LOCATION["unit_suffixes"])) + "))")


@dataclass(slots=True)
class _Edge:
    relation: Relation
    sources: set[str] = field(default_factory=set)
    weight: int | None = None  # coAppearsWith: the number of articles with a shared sentence


class GraphBuilder:
    """Collects entities and relations article by article; ``graph()`` returns the result.

    >>> from kg.resolve import Resolver, load_profile            # doctest: +SKIP
    >>> builder = GraphBuilder(Resolver(load_profile()))          # doctest: +SKIP
    >>> for result in analyse(read_pages(["seeds"]), nlp):        # doctest: +SKIP
    ...     builder.add(result)
    >>> G = builder.graph()                                       # doctest: +SKIP
    """

    def __init__(self, resolver: Resolver, identities: str | Path | None = None) -> None:
        self.resolver = resolver
        self.resolvers: dict[str, Resolver] = {resolver.profile.name: resolver}
        self.entities: dict[str, Entity] = {}
        self.edges: dict[tuple, _Edge] = {}
        self.co_appearances: Counter[tuple[str, str]] = Counter()
        self.located_by_name: list[tuple[str, Resolved, Evidence]] = []
        self.sources: set[str] = set()
        self.dropped: Counter[tuple[str, str]] = Counter()  # (predicate, reason) of junk claims
        self.list_names = 0  # person mentions in lists (no co-appearance pairs)
        self.identities = PersonIdentities(resolver.gazetteer, identities) if identities else PersonIdentities(resolver.gazetteer)

    # -- entities -------------------------------------------------------------------------
    def _entity(self, r: Resolved, article_id: str | None = None, surface: str | None = None, count: bool = True) -> str:
        entity = self.entities.get(r.id)
        if entity is None:
            entity = self.entities[r.id] = Entity(r.id, r.type, r.label, attrs=dict(r.attrs))
            if r.type == "Document":  # labels go without 《》; people search with them
                entity.aliases.add(f"《{r.label}》")
        else:
            for key, value in r.attrs.items():
                entity.attrs.setdefault(key, value)
        for alias in (surface, r.alias):
            if alias and alias != entity.label:
                entity.aliases.add(alias)
        if article_id is not None:
            entity.articles.add(article_id)
            if count:
                entity.mentions += 1
        return r.id

    def _role(self, entity_id: str, role: str) -> None:
        roles = self.entities[entity_id].attrs.setdefault("roles", [])
        if role not in roles:
            roles.append(role)

    def _resolve_mention(self, m: Mention, ctx: Context) -> Resolved | None:
        name = m.refers_to or m.text
        if name.startswith("@"):  # @city / @province: the paper's home unit
            unit = self.resolver.profile.home.get(name[1:])
            if unit is None:
                return None
            name = unit.name
        return self.resolver.resolve(name, m.label, ctx)

    # -- relations ------------------------------------------------------------------------
    def _relate(
        self,
        subject: str,
        predicate: str,
        obj: str,
        evidence: Evidence | None,
        confidence: float,
        qualifiers: dict[str, str] | None = None,
        source: str | None = None,
    ) -> _Edge | None:
        if subject == obj:
            return None
        if SCHEMA.predicate(predicate).symmetric and obj < subject:
            subject, obj = obj, subject
        qualifiers = {k: v for k, v in (qualifiers or {}).items() if v}
        key = (subject, predicate, obj, tuple(sorted(qualifiers.items())))
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = _Edge(Relation(subject, predicate, obj, qualifiers=qualifiers, confidence=confidence))
        rel = edge.relation
        rel.confidence = max(rel.confidence, confidence)
        if evidence is not None and evidence not in rel.evidence and len(rel.evidence) < MAX_EVIDENCE:
            rel.evidence.append(evidence)
        if source:
            edge.sources.add(source)
        return edge

    # -- one article ----------------------------------------------------------------------
    def add(self, result: ArticleResult, resolver: Resolver | None = None) -> None:
        """Resolve one article's records into the graph; ``resolver`` is the one of the
        article's newspaper profile (default: the builder's)."""
        if resolver is not None and resolver is not self.resolver:
            self.resolvers.setdefault(resolver.profile.name, resolver)
            saved, self.resolver = self.resolver, resolver
            try:
                self._add(result)
            finally:
                self.resolver = saved
        else:
            self._add(result)

    def _add(self, result: ArticleResult) -> None:
        article = result.article
        self.sources.add(article.source)
        article_node = self._article(article)
        # Places and organisations named so far (the resolution context), the last RECENT only.
        places: deque[str] = deque(maxlen=RECENT)
        orgs: deque[str] = deque(maxlen=RECENT)
        resolved: dict[tuple[int, int], Resolved | None] = {}
        current: list[Context | None] = [None]

        def context() -> Context:
            if current[0] is None:
                current[0] = Context(article.id, article.dateline_place, tuple(places), tuple(orgs))
            return current[0]

        # One person across articles: the provinces this article's posts name decide which
        # identity a name is here (kg.resolve.identity).
        post_orgs: dict[str, list[str]] = {}
        for post in result.posts:
            post_orgs.setdefault(post.person.refers_to or post.person.text, []).append(post.org or "")

        def resolve(m: Mention) -> Resolved | None:
            key = (m.start, m.end)
            if key not in resolved:
                r = resolved[key] = self._resolve_mention(m, context())
                if r is not None and r.type == "Person":
                    regions = self.identities.regions(post_orgs.get(m.refers_to or m.text, ()))
                    pid = self.identities.assign(r.label, r.id, article.id, article.date, regions, article.text)
                    if pid != r.id:
                        r = resolved[key] = replace(r, id=pid)
                if r is not None and r.type == "Place":
                    current[0] = None if _remember(places, m.refers_to or m.text) else current[0]
                elif r is not None and r.type == "Organization":
                    orgs.append(m.text)
                    current[0] = None
            return resolved[key]

        # Events that claims name through a reference (出席表彰大会 -> the award ceremony named
        # before) or after their body (国务院召开第二次廉政工作会议) first: the NER mention at the
        # same span then stands for the same event.
        keep_alias: set[tuple[int, int]] = set()
        for claim in result.claims:
            for side in (claim.subject, claim.object):
                if side.label == "EVENT" and side.refers_to:
                    resolve(side)
                    if not composed_name(side):
                        keep_alias.add((side.start, side.end))

        # Posts first: they fix what a department written alone (组织部) means here.
        for post in result.posts:
            # A bare title (副市长), or one whose written organisation is no name (国家主席):
            # the profile's home body for that title, if it has one.
            written = None if post.former else self.resolver.country_post_body(post.org, post.title)
            if written is None and post.org:
                written = self.resolver.resolve_org(post.org, context(), of_post=True)
                if written is not None:  # the context of the posts after it (央行国际司 … 办公厅主任)
                    orgs.append(post.org)
                    current[0] = None
            org = written or self.resolver.home_body(plain_title(post.title), after_name=post.evidence.rule == "post/title-after-name")
            if post.org_mention is not None and written is not None:
                resolved[(post.org_mention.start, post.org_mention.end)] = written
            person = resolve(post.person)
            if person is None or org is None:
                continue
            pid = self._entity(person, article.id, count=False)
            self._role(pid, "official")
            oid = self._entity(org, article.id, surface=post.org_mention.text if post.org_mention else None, count=False)
            # A post change (kg.extract.changes) is a postChange edge; the post is also held
            # after an appointment or election (docs/graph-model.md, "Careers").
            if post.change is None or post.change in HOLDING_KINDS:
                held = {"title": post.title, "date": post.date or "", "former": "yes" if post.former else ""}
                self._relate(pid, "holdsPost", oid, post.evidence, post.confidence, held)
            if post.change is not None:
                change = {"title": post.title, "kind": post.change, "date": post.date or ""}
                self._relate(pid, "postChange", oid, post.evidence, post.confidence, change)

        windows: dict[tuple[int, int], dict[str, None]] = {}  # sentence -> people named in it
        for m in result.mentions:
            if SCHEMA.type_of_label(m.label) is None:
                continue
            r = resolve(m)
            if r is None:
                continue
            # A mention that stands for another name (省 of 省、市红十字会, 表彰大会 of the
            # award ceremony) is no alias of it.
            stands_for = m.refers_to or (m.start, m.end) in keep_alias
            eid = self._entity(r, article.id, surface=None if stands_for else m.text)
            quoted = _quoted(article.text, m)
            if quoted:  # “百千万工程”: the name as the paper prints it is an alias too
                self.entities[eid].aliases.add(quoted)
            evidence = Evidence(article.id, article.text[m.sent_start : m.sent_end], m.sent_start, m.sent_end, "ner")
            self._relate(article_node, "mentions", eid, evidence, 1.0)
            if m.label in NAME_LOCATION["labels"]:
                self._located_by_name(eid, m, evidence, context())
            if r.type == "Person":
                windows.setdefault((m.sent_start, m.sent_end), {})[eid] = None

        for author in article.authors:
            r = self.resolver.resolve(author.name, "PERSON", context())
            if r is None:
                continue
            pid = self._entity(r, article.id, count=False)
            # 通讯员 (correspondents) write the paper's reports too; the edge keeps the exact role.
            self._role(pid, "reporter" if author.role == "correspondent" else author.role)
            self._relate(pid, "authored", article_node, None, 1.0, {"role": author.role}, source="byline")

        if article.agency:
            r = self.resolver.resolve(article.agency, "ORG", context())
            if r is not None:
                self._relate(self._entity(r, article.id), "supplied", article_node, None, 1.0, source="dateline")
        if article.dateline_place:  # 中新社北京六月二十五日电: the place the item was filed from
            r = self.resolver.resolve(article.dateline_place, "GPE", context())
            if r is not None and r.type == "Place":
                self._relate(article_node, "datelinedAt", self._entity(r, article.id), None, 1.0, source="dateline")

        for claim in result.claims:
            reason = junk_side(claim)
            s, o = (None, None) if reason else (resolve(claim.subject), resolve(claim.object))
            if s is None or o is None:
                # A pronoun, a bare title, a generic noun or a fragment: no node, no relation.
                self.dropped[(claim.predicate, reason or "not a name")] += 1
                continue
            sid = self._entity(s, article.id, surface=_surface(claim.subject), count=False)
            oid = self._entity(o, article.id, surface=_surface(claim.object), count=False)
            self._relate(sid, claim.predicate, oid, claim.evidence, claim.confidence, dict(claim.qualifiers))

        self._co_appear(article, windows)

    def _co_appear(self, article: Article, windows: dict[tuple[int, int], dict[str, None]]) -> None:
        """coAppearsWith pairs of the people named in one sentence, unless the sentence is a
        list (more than MAX_PEOPLE people, or after a list heading): at most MAX_PEOPLE - 1
        pairs per person named, so O(n) edges for n names whatever the article."""
        list_start = _list_start(article.text)
        pairs: set[tuple[str, str]] = set()  # each pair counts once per article
        for (start, end), people in sorted(windows.items()):
            if len(people) < 2:
                continue
            if len(people) > MAX_PEOPLE or start >= list_start:
                self.list_names += len(people)
                continue
            evidence = Evidence(article.id, article.text[start:end], start, end, "coAppearsWith/sentence")
            for a, b in combinations(sorted(people), 2):
                pairs.add((a, b))
                edge = self._relate(a, "coAppearsWith", b, evidence, 1.0, source="same-sentence")
                if edge is not None:
                    edge.weight = edge.weight or 0
        self.co_appearances.update(pairs)

    def _located_by_name(self, eid: str, m: Mention, evidence: Evidence, ctx: Context) -> None:
        """晋源区文体活动中心项目 is in 晋源区: a name that starts with an administrative unit
        the gazetteer knows is located there."""
        match = _NAME_PLACE.match(m.text)
        if match is None or match.group(1) == m.text:
            return
        place = self.resolver.resolve(match.group(1), "GPE", ctx)
        # Only a unit the gazetteer knows: 中国醋都·清徐乡村e镇 does not make a 中国醋都·清徐乡.
        if place is not None and self.resolver.gazetteer.get(tuple(place.attrs.get("path") or ())) is not None:
            rule = Evidence(evidence.article_id, evidence.sentence, evidence.start, evidence.end, "locatedIn/name")
            self.located_by_name.append((eid, place, rule))

    def _locate_by_name(self) -> None:
        """The locatedIn links that names give (see :meth:`_located_by_name`), each to the place
        or its nearest ancestor that an article names as a place: 浙江省委 names no place of its
        own, so it makes no 浙江省 node unless the text names the province."""
        named = {eid for eid, e in self.entities.items() if e.type == "Place"}
        for eid, place, rule in self.located_by_name:
            current, seen = place, set()
            while current is not None and current.id not in named and current.id not in seen:
                seen.add(current.id)
                step = self.resolver.parent_place(current)
                current = step[0] if step else None
            if current is not None and current.id in named:
                self._relate(eid, "locatedIn", current.id, rule, NAME_LOCATION["confidence"])

    def _article(self, article: Article) -> str:
        node = f"article/{article.id}"
        label = article.headline or article.text[:24]
        attrs = {
            "headline": article.headline,
            "date": article.date,
            "source": article.source,
            "section": article.section,
            "dateline_place": article.dateline_place,
            "agency": article.agency,
            "kind": article.kind,
            "authors": [[a.name, a.role] for a in article.authors],
        }
        self.entities[node] = Entity(node, "Article", label, attrs={k: v for k, v in attrs.items() if v}, articles={article.id})
        return node

    # -- hierarchy from data ----------------------------------------------------------------
    def _hierarchies(self) -> None:
        """partOf links of places (gazetteer) and subOrganizationOf links of units (names), each
        to the nearest ancestor the articles name.

        The graph holds what the text names: an ancestor no article mentions (江西省 above a
        赣州市 of the text, 中共太原市委员会 above a 市委组织部) is skipped, and the link goes to
        the next one up that is named (partOf is transitive). A node's id keeps its whole
        gazetteer path (``place/山西省/太原市/迎泽区``) either way.
        """
        named = set(self.entities)
        org_names: dict[str, str] = {}  # every name an organisation goes by -> its id
        for eid in sorted(named):
            entity = self.entities[eid]
            if entity.type == "Organization":
                for name in sorted({entity.label, *entity.aliases}):
                    org_names.setdefault(name, eid)
        for eid in sorted(named):
            entity = self.entities[eid]
            if entity.type not in ("Place", "Organization"):
                continue
            predicate = "partOf" if entity.type == "Place" else "subOrganizationOf"
            current, first_reason, seen = self._as_resolved(entity), None, {eid}
            linked: str | None = None
            while (step := self._parent(current)) is not None:
                parent, reason = step
                first_reason = first_reason or reason
                if parent.id in seen:
                    break
                seen.add(parent.id)
                if parent.id in named:
                    confidence = 1.0 if first_reason in ("gazetteer", "world") else 0.8
                    self._relate(eid, predicate, parent.id, None, confidence, source=first_reason)
                    linked = parent.id
                    break
                current = parent
            if linked is None and entity.type == "Organization":
                linked = self._parent_by_name(entity, org_names)
                if linked is not None:
                    self._relate(eid, predicate, linked, None, 0.8, source="name-prefix")
            if linked is not None and entity.type == "Organization":
                self._name_parent_as_written(entity, self.entities[linked], org_names)

    def _parent(self, me: Resolved) -> tuple[Resolved, str] | None:
        if me.type == "Place":
            return self.resolver.parent_place(me)
        parent = self.resolver.parent_org(me)
        return (parent, self.resolver.parent_org_reason(me) or "name") if parent is not None else None

    @staticmethod
    def _name_parent_as_written(unit: Entity, parent: Entity, org_names: dict[str, str]) -> None:
        """The parent as the text writes it inside a unit's name is one of its names: 山大二院
        妇产科党支部 is 山西医科大学第二医院妇产科 + 党支部, so 山大二院妇产科 names the department
        (gold conventions: a parent body named inside a name is listed as written). Only when
        the unit's full name is its parent's + a tail that the written form ends with, and the
        name left is no other organisation's and starts with no term (``[structure]
        written_term``: 十三届全国人大 is that term's congress)."""
        if not unit.label.startswith(parent.label) or unit.label == parent.label:
            return
        tail = unit.label[len(parent.label) :]
        for written in sorted(unit.aliases - {unit.label}):
            name = written.removesuffix(tail)
            if name != written and len(name) >= 2 and not _WRITTEN_TERM.match(name) and org_names.get(name, parent.id) == parent.id:
                parent.aliases.add(name)

    @staticmethod
    def _parent_by_name(entity: Entity, org_names: dict[str, str]) -> str | None:
        """A unit whose name is another organisation's name followed by a unit word
        (全国人大常委会 + 代表资格审查委员会, 央行 + 天津分行, 中国证监会 + 规划委): that
        organisation, the longest such name first. Unit words: relations.toml [structure]."""
        best: tuple[int, str] | None = None
        for name in sorted({entity.label, *entity.aliases}):
            for k in range(len(name) - STRUCTURE["min_unit"], 1, -1):
                parent = org_names.get(name[:k])
                if parent is None or parent == entity.id or not name.endswith(STRUCTURE["unit_words"]):
                    continue
                if best is None or k > best[0]:
                    best = (k, parent)
                break
        return best[1] if best else None

    @staticmethod
    def _as_resolved(entity: Entity) -> Resolved:
        return Resolved(entity.id, entity.type, entity.label, None, dict(entity.attrs), "graph")

    # -- output ---------------------------------------------------------------------------
    def graph(self) -> nx.MultiDiGraph:
        """The graph, with nodes and edges in a deterministic order."""
        self._locate_by_name()
        self._hierarchies()
        for (a, b), weight in self.co_appearances.items():
            self.edges[(a, "coAppearsWith", b, ())].weight = weight
        resolvers = [self.resolvers[name] for name in sorted(self.resolvers)]
        G = nx.MultiDiGraph()
        G.graph.update(
            {
                "kg_version": __version__,
                "profile": ", ".join(r.profile.name for r in resolvers),
                "sources": sorted(self.sources),
                "merges": _union(r.merges for r in resolvers),
                "dropped_relations": [
                    {"predicate": p, "reason": r, "count": n} for (p, r), n in sorted(self.dropped.items())
                ],
                "unresolved": _union(r.unresolved for r in resolvers),
                "person_identity": list(self.identities.decisions),
            }
        )
        for eid in sorted(self.entities):
            e = self.entities[eid]
            attrs: dict[str, Any] = {"type": e.type, "label": e.label, "aliases": sorted(e.aliases - {e.label})}
            if e.type != "Article":
                attrs["mentions"] = e.mentions
                attrs["articles"] = sorted(e.articles)
            if e.type == "Person":
                attrs["roles"] = sorted(e.attrs.get("roles") or ["other"])
            for key, value in sorted(e.attrs.items()):
                attrs.setdefault(key, value)
            G.add_node(eid, **attrs)
        for key in sorted(self.edges):
            edge = self.edges[key]
            rel = edge.relation
            attrs = {
                "predicate": rel.predicate,
                "evidence": [ev.to_json() for ev in sorted(rel.evidence, key=lambda e: (e.article_id, e.start, e.rule))],
                "confidence": round(rel.confidence, 3),
            }
            attrs.update(sorted(rel.qualifiers.items()))
            if edge.weight is not None:
                attrs["weight"] = edge.weight
            if edge.sources:
                attrs["source"] = ",".join(sorted(edge.sources))
            G.add_edge(rel.subject, rel.object, key=_edge_key(rel), **attrs)
        # Posts over time, as kg.graph.careers reads them from the edges (docs/graph-model.md).
        G.graph["memberships"] = [m.to_json(evidence=False) for m in memberships(G)]
        return G


def composed_name(m: Mention) -> bool:
    """Is ``m`` an event written after its body (第二次廉政工作会议 of 国务院召开第二次廉政工作会议,
    ``refers_to`` 国务院第二次廉政工作会议)? Its written form is then an alias of the event.

    >>> composed_name(Mention("第二次会议", "EVENT", "a/1", 0, 5, refers_to="国务院第二次会议"))
    True
    >>> composed_name(Mention("会议", "EVENT", "a/1", 0, 2, refers_to="全国安全生产工作会议"))
    False
    """
    return bool(m.refers_to) and m.refers_to.endswith(m.text) and len(m.refers_to) > len(m.text) and not junk_event(m.text)


def _surface(m: Mention) -> str | None:
    """The alias a claim side adds to its entity: the text as written, unless it stands for
    another name (他, 该区, 出席会议) — an event named after its body keeps its written form."""
    return m.text if not m.refers_to or composed_name(m) else None


def junk_event(text: str) -> bool:
    """A bare meeting word (会议, 表彰大会, 签约仪式): the ``last_event`` patterns of
    references.toml matched whole."""
    from kg.extract.relations import load_config

    return any(r.kind == "last_event" and r.pattern.fullmatch(text) for r in load_config().refs)


def junk_side(claim: Claim) -> str | None:
    """Why a claim must not become an edge, or None: a side that is a bare meeting word that
    no named event stands behind (``generic event``). Pronouns never reach here (the
    extractor replaces them or drops the claim); bare titles and generic nouns resolve to
    nothing (``not a name``).

    >>> c = Claim(Mention("张三", "PERSON", "a/1", 0, 2), "attended", Mention("成立大会", "EVENT", "a/1", 4, 8), None)
    >>> junk_side(c)
    'generic event'
    """
    for side in (claim.subject, claim.object):
        if side.label == "EVENT" and not side.refers_to and junk_event(side.text):
            return "generic event"
    return None


def _remember(names: deque[str], name: str) -> bool:
    """Add ``name`` to the context unless it is already among the last ones: a name repeated
    (迎泽区 … 迎泽区) adds nothing, so a list of a few names repeated 20,000 times keeps one
    context (and its cached resolutions) instead of a new one per mention. True if added."""
    if name in names:
        return False
    names.append(name)
    return True


def _union(tables: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Rows of several resolvers' logs (merges, unresolved) in one sorted list, no duplicates."""
    tables = list(tables)
    if len(tables) == 1:
        return list(tables[0])
    rows = {json.dumps(row, ensure_ascii=False, sort_keys=True): row for table in tables for row in table}
    return [rows[key] for key in sorted(rows)]


def _list_start(text: str) -> int:
    """Offset of the first line that opens a list of names (``…获奖名单如下：``, a heading
    ``2023年度优秀教师获奖名单``), else ``len(text) + 1``; see co_appearance.toml [lists].

    >>> _list_start("市长出席。\\n获奖名单如下：\\n张三、李四")
    6
    >>> _list_start("名单公布后，群众反映良好，认为评选过程公开透明、程序规范。")
    30
    """
    for line in _LINES.finditer(text):
        body = line.group().strip()
        heading = len(body) <= _LISTS["max_heading"] and not _SENTENCE_MARK.search(body)
        if _LIST_WORD.search(body) and (body[-1:] in _LISTS["line_ends"] or heading):
            return line.start()
    return len(text) + 1


_LIST_WORD = re.compile("|".join(map(re.escape, _LISTS["words"])))
_LINES = re.compile(r"[^\n]+")
_SENTENCE_MARK = re.compile(f"[{re.escape(_LISTS['sentence_marks'])}]")


_QUOTES = {"“": "”", "「": "」", "『": "』", '"': '"'}


def _quoted(text: str, m: Mention) -> str | None:
    """The mention with the quotation marks printed around it, if it is quoted whole."""
    if m.start > 0 and m.end < len(text) and _QUOTES.get(text[m.start - 1]) == text[m.end]:
        return text[m.start - 1 : m.end + 1]
    return None


def _edge_key(rel: Relation) -> str:
    parts = [rel.predicate] + [f"{k}={v}" for k, v in sorted(rel.qualifiers.items())]
    return "|".join(parts)


def assemble(results: Iterable[ArticleResult], resolver: Resolver) -> nx.MultiDiGraph:
    """Build the graph from analysed articles (see :func:`kg.pipeline.analyse`)."""
    builder = GraphBuilder(resolver)
    for result in results:
        builder.add(result)
    return builder.graph()
