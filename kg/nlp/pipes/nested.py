"""``kg_nested``: names inside longer names (北涧河 of 北涧河生态复流工程, 省政府 of 省政府民生实事AED项目)
into ``doc.spans["nested"]``: ents cannot overlap, the graph wants both."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp.gazetteer import known_places
from kg.nlp.pipes.common import NESTED_KEY, PARTS_KEY
from kg.nlp.pipes.entity_filter import EntityFilter
from kg.nlp.pipes.lac_ner import PlaceClassifier


class NestedPlaces:
    """Names written inside a longer name -> ``doc.spans["nested"]``.

    ``北涧河生态复流工程`` is a PROJECT ent, and 北涧河 is a river the graph should know too;
    ``doc.ents`` cannot overlap, so the inner names go to a span group:

    * places: a token LAC tagged as a place (``tags``) inside an ent of ``outer`` labels,
      strictly shorter than it and not its head (清徐乡村e镇 heads 中国醋都·清徐乡村e镇), that
      the gazetteer knows or that ends with a place suffix after a name character, labelled
      GPE/LOC/FAC by its suffix;
    * the names ``kg_suffix_entities`` kept in ``doc.spans["parts"]`` (the body of
      省政府民生实事AED项目, the project of a signing ceremony), if they still lie strictly
      inside an ent.

    Every nested name passes the entity filter for its label (the same rules as any ent).
    Outer labels are projects and events by default: the place in a body's name (太原 of
    太原幼师…学校, 尖山 of 尖山铁矿) names the body, not a place the text speaks of — also inside
    a nested body (中华人民共和国 of the congress that holds a session).
    """

    def __init__(self, outer: list[str], tags: list[str], place_suffixes: str, default_place: str, rules: str) -> None:
        self.outer = frozenset(outer)
        self.tags = frozenset(tags)
        self.places = PlaceClassifier(place_suffixes, default_place)
        self.filter = EntityFilter(rules)

    def _is_place(self, text: str) -> bool:
        if text in known_places():
            return True
        return any(text.endswith(suffix) and len(text) > len(suffix) for suffix, _ in self.places.rows)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        outer = [ent for ent in doc.ents if ent.label_ in self.outer and len(ent) >= 2]
        # a place that starts a body's name inside the outer name names that body (中华人民共和国 of
        # 中华人民共和国第十四届全国人民代表大会常务委员会第四次会议), not a place of its own
        bodies = {t for p in doc.spans.get(PARTS_KEY, []) if p.label_ == "ORG" for t in range(p.start, p.end)}
        for ent in outer:
            for token in ent[:-1]:
                text = token.text
                if token.tag_ not in self.tags or not self._is_place(text) or token.i in bodies:
                    continue
                label = self.places(text)
                if self.filter.ok(label, text):
                    spans.append(Span(doc, token.i, token.i + 1, label=label))
        for part in doc.spans.get(PARTS_KEY, []):
            inside = any(e.start <= part.start and part.end <= e.end and len(part) < len(e) for e in outer)
            if inside and self.filter.ok(part.label_, part.text, part.id_):
                spans.append(part)
        if PARTS_KEY in doc.spans:
            del doc.spans[PARTS_KEY]
        unique = {(e.start, e.end, e.label_): e for e in reversed(spans)}  # first of equal spans
        doc.spans[NESTED_KEY] = [unique[k] for k in sorted(unique)]
        return doc
