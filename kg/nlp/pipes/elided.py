"""``kg_elided``: level words standing for a whole name (省 of 省、市红十字会) into ``doc.spans["elided"]``."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp.pipes.common import ELIDED_KEY, SOURCE_ELIDED
from kg.nlp.pipes.entity_filter import EntityFilter
from kg.resources import load_list


class EllipticalNames:
    """Names shortened by a coordination: ``省、市红十字会`` is 省红十字会 and 市红十字会.

    The last name is an ent (市红十字会); each level word before it, joined by a separator
    (、, 和 …), stands for the same name at its own level. Ents cannot say that (省 alone is no
    name), so each such word becomes a span of ``doc.spans["elided"]`` over the word as written,
    with the whole name in ``kb_id_`` (``kg.extract.mentions`` turns it into a mention that
    refers to 省红十字会). A level word is an entry of ``levels`` that starts the ent and leaves
    at least ``min_head`` characters of shared head, which must pass the entity filter for the
    label (市、区两级政府: 两级政府 is a count, no name).
    """

    def __init__(
        self, levels: str, separators: list[str], labels: list[str], rules: str, key: str = ELIDED_KEY, min_head: int = 2
    ) -> None:
        self.levels = tuple(sorted(load_list(levels), key=len, reverse=True))
        self.separators = frozenset(w for name in separators for w in load_list(name))
        self.labels = frozenset(labels)
        self.filter = EntityFilter(rules)
        self.key = key
        self.min_head = min_head

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            if ent.label_ not in self.labels:
                continue
            level = next((w for w in self.levels if ent.text.startswith(w) and len(ent.text) - len(w) >= self.min_head), None)
            if level is None:
                continue
            head = ent.text[len(level) :]
            if not self.filter.ok(ent.label_, head, SOURCE_ELIDED):
                continue
            i = ent.start - 1
            while i >= 1 and doc[i].text in self.separators and doc[i - 1].text in self.levels and doc[i - 1].text != level:
                word = doc[i - 1]
                if word.ent_type_:
                    break
                spans.append(Span(doc, word.i, word.i + 1, label=ent.label_, kb_id=word.text + head))
                i -= 2
        doc.spans[self.key] = sorted(spans, key=lambda s: s.start)
        return doc
