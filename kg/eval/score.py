"""Score one page's Turtle against its gold, exactly as ``../shared/tools/score_kg.py`` does.

The Turtle is read by pyoxigraph (not by the code that wrote it) together with kg's ontology,
and every measure is computed from SPARQL answers, so what is scored is what a user of
``graph.ttl`` sees:

* entities (person, org, place, project): an entity is a node whose class is, through
  ``rdfs:subClassOf*``, a class with that local name; it matches a gold item when one of its
  labels (``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``) is one of the item's names
  (organisations: as written or canonical). Precision counts predicted entities with any gold
  name, recall gold items found;
* posts: ``org:Membership`` rows (member, organization, role); a post matches on the person's
  name and a title that equals or ends with the other; ``post+org`` also needs an organisation
  label equal to the gold ``org`` or ``org_as_written`` (中共 / 中国共产党 ignored). Every
  membership counts, as in the reference scorer. kg writes a membership only for a post a text
  states held or taken; a post that only a removal names (免去…职务) is a change on an
  ``org:Post`` (see :mod:`kg.export.turtle`), as the gold lists only the posts a person takes
  or keeps;
* relations: recall over every gold relation (``cooperatesWith`` either way); precision over
  the event predicates, whose gold lists are complete by convention (:data:`EVENT_PREDICATES`);
* changes (only when the gold lists them): ``kg:PostChange`` activities whose ``kg:changeKind``
  equals the gold ``event``, with person (``kg:person``) and title (and organisation) of its
  ``kg:post`` matched as for posts.

Scores keep their counts (:class:`Counts`) so that many pages add up to one micro-average.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.eval.gold import Gold
from kg.export.namespaces import ONTOLOGY_DIR

#: Predicates whose gold lists are complete, so that precision can be measured.
EVENT_PREDICATES = ("visited", "attended", "organized", "cooperatesWith", "undertakes", "issued")
#: Entity measures: measure -> class local name.
ENTITY_CLASSES = {"person": "Person", "org": "Organization", "place": "Place", "project": "Project"}

_PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX kg: <https://w3id.org/kg/ontology#>
"""
_LABEL = "rdfs:label|skos:prefLabel|skos:altLabel"


def norm(text: str | None) -> str:
    """Whitespace removed, as the reference scorer compares names.

    >>> norm(" 冯 镭 ")
    '冯镭'
    """
    return re.sub(r"\s+", "", text or "")


@dataclass(slots=True)
class Counts:
    """``tp_pred`` of ``n_pred`` predictions are right; ``tp_gold`` of ``n_gold`` gold items found."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp_pred += other.tp_pred
        self.n_pred += other.n_pred
        self.tp_gold += other.tp_gold
        self.n_gold += other.n_gold
        return self

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Finding:
    """A gold item kg missed (``kind="miss"``) or a prediction the gold does not have (``"false"``)."""

    measure: str
    kind: str
    text: str
    sentence: str = ""


@dataclass(slots=True)
class PageScore:
    """Every measure of one page; ``counts[measure]`` and the findings behind them."""

    gold: Gold
    counts: dict[str, Counts] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the page's article texts, when built
    #: claims the graph dropped because a side was junk: (predicate, reason) -> count
    dropped: dict[tuple[str, str], int] = field(default_factory=dict)


class _Graph:
    """The answers the measures need, read once from a store."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.labels: dict[str, set[str]] = defaultdict(set)  # entity -> normalised labels
        self.own: dict[str, set[str]] = defaultdict(set)  # rdfs:label only (a membership's title)
        for e, p, label in self._rows("SELECT ?e ?p ?l WHERE { ?e ?p ?l . VALUES ?p { rdfs:label skos:prefLabel skos:altLabel } }"):
            self.labels[e].add(norm(label))
            if p.endswith("#label"):
                self.own[e].add(norm(label))

    def _rows(self, sparql: str) -> list[list[str | None]]:
        return [[t.value if t is not None else None for t in row] for row in self.store.query(_PREFIXES + sparql)]

    def entities(self, local_name: str) -> dict[str, set[str]]:
        """entity -> its labels (stripped), for entities of a class with this local name."""
        rows = self._rows(f"""SELECT ?e ?l WHERE {{ ?e a ?c . ?c rdfs:subClassOf* ?k .
            FILTER(STRENDS(STR(?k), "#{local_name}") || STRENDS(STR(?k), "/{local_name}"))
            ?e {_LABEL} ?l }}""")
        found: dict[str, set[str]] = {}
        for e, label in rows:
            found.setdefault(e, set()).add(label.strip())
        return found

    def posts(self) -> list[tuple[str, frozenset[str], frozenset[str]]]:
        """Distinct (person name, titles, organisation labels) of every membership."""
        rows = self._rows("SELECT ?m ?p ?o ?r WHERE { ?m org:member ?p ; org:organization ?o . OPTIONAL { ?m org:role ?r } }")
        return self._distinct((p, (self.labels.get(r, set()) if r else set()) | self.own.get(m, set()), self.labels.get(o, set())) for m, p, o, r in rows)

    def changes(self) -> list[tuple[str, frozenset[str], frozenset[str], str]]:
        """Distinct (person, titles, organisation labels, kind) of every ``kg:PostChange``."""
        rows = self._rows("""SELECT ?c ?k ?p ?o ?r WHERE { ?c a kg:PostChange ; kg:changeKind ?k ; kg:person ?p ; kg:post ?post .
            OPTIONAL { ?post org:postIn ?o } OPTIONAL { ?post org:role ?r } }""")
        seen, out = set(), []
        for _c, kind, p, o, r in rows:
            titles = frozenset((self.labels.get(r, set()) if r else set()))
            orgs = frozenset(self.labels.get(o, set()) if o else set())
            for name in self.labels.get(p, set()):
                key = (name, titles, orgs, kind)
                if key not in seen:
                    seen.add(key)
                    out.append(key)
        return out

    def _distinct(self, rows) -> list[tuple[str, frozenset[str], frozenset[str]]]:
        seen, out = set(), []
        for p, titles, orgs in rows:
            for name in self.labels.get(p, set()):
                key = (name, frozenset(titles), frozenset(orgs))
                if key not in seen:
                    seen.add(key)
                    out.append(key)
        return out

    def relations(self) -> dict[str, list[tuple[str, str]]]:
        """predicate local name -> (subject, object) pairs, for every IRI-valued triple."""
        found: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for s, p, o in self._rows("SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(isIRI(?o)) }"):
            found[re.split(r"[#/]", p)[-1]].append((s, o))
        return found


def load_store(turtle: bytes) -> ox.Store:
    """A store with the page's Turtle and kg's ontology (``*.ttl`` of the ontology folder)."""
    store = ox.Store()
    store.load(turtle, format=ox.RdfFormat.TURTLE)
    for path in sorted(Path(ONTOLOGY_DIR).glob("*.ttl")):
        store.load(path.read_bytes(), format=ox.RdfFormat.TURTLE)
    return store


def title_ok(gold: str, predicted: str) -> bool:
    """A title matches when equal, or when one ends with the other (部长 / 组织部部长).

    >>> title_ok("部长", "组织部部长"), title_ok("副市长", "市长"), title_ok("市长", "")
    (True, True, False)
    """
    gold, predicted = norm(gold), norm(predicted)
    return bool(predicted) and (gold == predicted or gold.endswith(predicted) or predicted.endswith(gold))


def _party_free(name: str) -> str:
    return name.replace("中共", "").replace("中国共产党", "")


def org_ok(row: dict[str, str], labels: frozenset[str] | set[str]) -> bool:
    """A gold row's organisation is among ``labels`` (中共 / 中国共产党 ignored); no gold org is a match.

    >>> org_ok({"org": "中国共产党太原市委员会", "org_as_written": "市委"}, {"中共太原市委员会"})
    True
    """
    wanted = {norm(row.get("org")), norm(row.get("org_as_written"))} - {""}
    if not wanted:
        return True
    have = {norm(x) for x in labels}
    return bool(have & wanted) or bool({_party_free(x) for x in have} & {_party_free(x) for x in wanted})


def score_page(turtle: bytes, gold: Gold, sentence_of=lambda *names: "") -> PageScore:
    """Every measure of one page. ``sentence_of(*names)`` finds a sentence holding all the names,
    for the findings; it defaults to none."""
    graph = _Graph(load_store(turtle))
    result = PageScore(gold)
    for measure, local_name in ENTITY_CLASSES.items():
        _score_entities(result, measure, graph.entities(local_name), gold_names(gold, measure), sentence_of)
    _score_posts(result, graph.posts(), gold["officials"], sentence_of)
    _score_relations(result, graph, gold["relations"], sentence_of)
    if gold.has_changes:
        _score_changes(result, graph.changes(), gold["changes"], sentence_of)
    return result


def gold_names(gold: Gold, measure: str) -> list[set[str]]:
    """One set of acceptable names per gold item of an entity measure (organisations: as written
    or canonical), whitespace removed."""
    if measure == "person":
        return [{norm(p["name"])} for p in gold["persons"]]
    if measure == "org":
        return [{norm(o["as_written"]), norm(o.get("canonical", ""))} - {""} for o in gold["organisations"]]
    if measure == "place":
        return [{norm(p["name"])} for p in gold["places"]]
    return [{norm(p["name"])} for p in gold["projects"]]


def _score_entities(result: PageScore, measure: str, predicted: dict[str, set[str]], gold: list[set[str]], sentence_of) -> None:
    all_gold = set().union(*gold) if gold else set()
    counts = Counts(n_pred=len(predicted), n_gold=len(gold))
    for names in gold:
        if any(labels & names for labels in predicted.values()):
            counts.tp_gold += 1
        else:
            name = _shortest(names)
            result.findings.append(Finding(measure, "miss", name, sentence_of(name)))
    for entity, labels in sorted(predicted.items()):
        if labels & all_gold:
            counts.tp_pred += 1
        else:
            label = _shortest(labels)
            result.findings.append(Finding(measure, "false", label, next(filter(None, map(sentence_of, sorted(labels, key=len, reverse=True))), "")))
    result.counts[measure] = counts


def _post_text(person: str, titles, orgs) -> str:
    return f"{person} | {'/'.join(sorted(titles)) or '-'} @ {'/'.join(sorted(orgs)) or '-'}"


def _held(row, pred, with_org: bool) -> bool:
    """A gold official row and a predicted (person, titles, orgs) post agree."""
    return norm(row["person"]) == pred[0] and any(title_ok(row["title"], t) for t in pred[1]) and (not with_org or org_ok(row, pred[2]))


def _score_pairs(result: PageScore, measures: tuple[str, str], predicted, gold, match, gold_text, pred_text, sentence_of) -> None:
    """Counts and findings of one kind of post-like row, without and with the organisation
    (``measures``); ``match(row, pred, with_org)`` says whether a gold row and a prediction agree."""
    for measure, with_org in zip(measures, (False, True)):
        counts = Counts(n_pred=len(predicted), n_gold=len(gold))
        for row in gold:
            if any(match(row, pred, with_org) for pred in predicted):
                counts.tp_gold += 1
            else:
                result.findings.append(Finding(measure, "miss", gold_text(row), row.get("evidence") or sentence_of(row["person"])))
        for pred in predicted:
            if any(match(row, pred, with_org) for row in gold):
                counts.tp_pred += 1
            else:
                result.findings.append(Finding(measure, "false", pred_text(pred), sentence_of(pred[0])))
        result.counts[measure] = counts


def _score_posts(result: PageScore, predicted, gold: list[dict[str, str]], sentence_of) -> None:
    _score_pairs(result, ("post", "post+org"), predicted, gold, _held,
                 lambda row: f"{row['person']} | {row['title']} @ {row.get('org') or row.get('org_as_written') or '-'}",
                 lambda pred: _post_text(*pred), sentence_of)


def _score_changes(result: PageScore, predicted, gold: list[dict[str, str]], sentence_of) -> None:
    _score_pairs(result, ("changes", "changes+org"), predicted, gold,
                 lambda row, pred, with_org: row["event"] == pred[3] and _held(row, pred, with_org),
                 lambda row: f"{row['person']} {row['event']} {row['title']} @ {row.get('org') or '-'}",
                 lambda pred: f"{pred[3]} {_post_text(*pred[:3])}", sentence_of)


def _score_relations(result: PageScore, graph: _Graph, gold: list[dict[str, str]], sentence_of) -> None:
    """``relation:<p>`` counts per predicate; ``relations`` (recall over all gold relations,
    precision over the event predicates) as the reference scorer reports them."""
    found = graph.relations()
    labels = graph.labels

    def holds(row, s: str, o: str) -> bool:
        gs, go = norm(row["s"]), norm(row["o"])
        if gs in labels.get(s, ()) and go in labels.get(o, ()):
            return True
        return row["p"] == "cooperatesWith" and go in labels.get(s, ()) and gs in labels.get(o, ())

    total = Counts(n_gold=len(gold))
    per: dict[str, Counts] = defaultdict(Counts)
    for row in gold:
        per[row["p"]].n_gold += 1
        if any(holds(row, s, o) for s, o in found.get(row["p"], ())):
            total.tp_gold += 1
            per[row["p"]].tp_gold += 1
        else:
            result.findings.append(Finding(f"relation:{row['p']}", "miss", f"{row['s']} —{row['p']}→ {row['o']}", row.get("evidence") or sentence_of(row["s"])))
    event_gold = [row for row in gold if row["p"] in EVENT_PREDICATES]
    for p in EVENT_PREDICATES:
        for s, o in sorted(set(found.get(p, ()))):
            total.n_pred += 1
            per[p].n_pred += 1
            if any(row["p"] == p and holds(row, s, o) for row in event_gold):
                total.tp_pred += 1
                per[p].tp_pred += 1
            else:
                sl, ol = _one_label(labels, s), _one_label(labels, o)
                result.findings.append(Finding(f"relation:{p}", "false", f"{sl} —{p}→ {ol}", sentence_of(sl, ol)))
    result.counts["relations"] = total
    for p, counts in sorted(per.items()):
        result.counts[f"relation:{p}"] = counts


def _shortest(names) -> str:
    """The shortest of ``names``, the first in code-point order among equals: the same name
    whatever the set's iteration order (findings are compared run to run)."""
    return min(names, key=lambda x: (len(x), x))


def _one_label(labels: dict[str, set[str]], entity: str) -> str:
    return _shortest(labels.get(entity) or {entity.rsplit("/", 1)[-1]})
