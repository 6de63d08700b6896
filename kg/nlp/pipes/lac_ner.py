"""``kg_lac_ner``: LAC's PER/LOC/ORG/TIME words -> PERSON / GPE·LOC·FAC / ORG / DATE ents."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp.pipes.common import LAC_KEY, SOURCE_LAC, SOURCE_SPLIT, merge_entities
from kg.nlp.gazetteer import known_places
from kg.resources import load_list, load_tsv


class PlaceClassifier:
    """GPE / LOC / FAC for a place name by its suffix (``nlp/place_suffixes.tsv``).

    >>> c = PlaceClassifier("nlp/place_suffixes.tsv", "GPE")
    >>> c("迎泽区"), c("汾河"), c("五一广场"), c("莫斯科")
    ('GPE', 'LOC', 'FAC', 'GPE')
    """

    def __init__(self, suffixes: str, default: str) -> None:
        rows = sorted(load_tsv(suffixes, 2), key=lambda r: -len(r[0]))
        self.rows = tuple((suffix, label) for suffix, label in rows)
        self.default = default

    def __call__(self, name: str) -> str:
        for suffix, label in self.rows:
            if name.endswith(suffix) and len(name) > len(suffix):
                return label
        return self.default


class LacEntities:
    """``doc.spans["lac"]`` (LAC's entity words, from the tokenizer) -> ``doc.ents``.

    LAC mixes up the kinds of foreign names: a club or a brand (博尔顿/PER, 拉齐奥/LOC) is an
    ORG when annotated corpora call the name an organisation (``known_orgs``, learned) and the
    gazetteer knows no place of that name (米兰, 罗马 stay places: LAC's tag decides).

    LAC also cuts the generic head off a river or valley named after a place (清水/LOC 河/n):
    a place word of two or more characters (not LAC's one-character slip: 化工|围|江) right before a head of
    ``geo_heads`` (tagged n) takes it in. The same holds for a built place named after its town (拱北/LOC
    口岸/n), but not after a country or province (美国|口岸, 香港|口岸: a kind of place there, no name).

    A two-character place word right after a known country, province, prefecture or county (北京/LOC
    亦庄/LOC) is vouched for by it (longer ones need a place ending anyway: 银川|富洋烧烤店 no), as the pieces of one LAC word are (source ``split``, word_splits.toml): a
    town or district of that place, which the gazetteer need not know.
    """

    #: gazetteer depth of a place that vouches for the place word after it (0 provinces … 2 counties)
    VOUCH_DEPTH = 2

    def __init__(self, labels: dict[str, str], place_suffixes: str, default_place: str, known_orgs: str | None = None,
                 geo_heads: str | None = None) -> None:
        self.labels = dict(labels)
        self.geo_heads = frozenset(load_list(geo_heads)) if geo_heads else frozenset()
        self.places = PlaceClassifier(place_suffixes, default_place)
        self.known_orgs = frozenset(load_list(known_orgs)) if known_orgs else frozenset()

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        previous = None
        for span in doc.spans.get(LAC_KEY, []):
            label = self.labels.get(span.label_)
            if label in ("PERSON", "PLACE") and span.text in self.known_orgs and span.text not in known_places():
                label = "ORG"
            if label == "PLACE":
                end = span.end
                if (len(span.text) >= 2 and end < len(doc) and doc[end].text in self.geo_heads and doc[end].tag_ == "n"
                        and span.text not in known_places(0)):
                    span = Span(doc, span.start, end + 1, label=span.label_, span_id=span.id_)
                label = self.places(span.text)
                source = span.id_ or SOURCE_LAC
                if (previous is not None and previous.end == span.start and previous.text in known_places(self.VOUCH_DEPTH)
                        and len(span.text) == 2):
                    source = SOURCE_SPLIT
                previous = span
                span = Span(doc, span.start, span.end, label=span.label_, span_id=source)
            else:
                previous = None
            if label:
                spans.append(Span(doc, span.start, span.end, label=label, span_id=span.id_ or SOURCE_LAC))
        if LAC_KEY in doc.spans:
            del doc.spans[LAC_KEY]
        merge_entities(doc, spans)
        return doc
