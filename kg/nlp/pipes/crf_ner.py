"""``kg_crf_ner``: names the statistical layer finds where the rules found none.

The model (``kg/data/models/ner.crfsuite``, trained by ``scripts/train_crf.py`` on CLUENER and
Resume annotations) tags every character (:mod:`kg.nlp.crf`). Its spans of the classes in
``fill`` are added where they lie on token boundaries and overlap nothing the earlier
components found: ents for PER / ORG / LOC (labels PERSON / ORG / GPE), the ``titles`` group for
TITLE. The rules keep the last word on what they recognise (their conventions are the
gold's: the largest natural extent of a body); the model adds what they miss (a company or
club by its short name, a title the vocabulary lacks). Later components filter its ents like
any other (``ent.id_ == "crf"``).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from kg.errors import DataError
from kg.nlp.crf import doc_features, spans_of
from kg.nlp.names import load_name_rules
from kg.nlp.pipes.common import ROLES_KEY, TITLES_KEY, merge_entities
from kg.resources import data_path

SOURCE_CRF = "crf"
#: The model's classes -> ent labels (TITLE goes to the titles span group).
ENT_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}


class CrfEntities:
    """See the module docstring. ``fill``: class -> the lowest marginal probability each
    character of a span may have for the span to be added (the model's own confidence);
    ``extend``: class -> the same bar for reading an ent of that class longer (see
    :meth:`_extensions`).
    ``anchors``: class -> LAC tags one token of a span must have (a proper name, a place, an
    abbreviation) or a word in Latin letters; the annotations the model learned from count
    kinds of body (居民委员会, 公安机关) as organisations, the gold conventions do not."""

    def __init__(self, model: str, fill: dict[str, float], min_chars: int = 2, anchors: dict[str, list[str]] | None = None,
                 extend: dict[str, float] | None = None, max_extension: int = 2) -> None:
        import pycrfsuite

        path = data_path(model)
        if not path.is_file():
            raise DataError("E301", path, detail="the CRF model is missing: run `make crf` (scripts/train_crf.py)")
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        self.fill = dict(fill)
        self.min_chars = min_chars
        self.anchors = {cls: frozenset(tags) for cls, tags in (anchors or {}).items()}
        self.extend = dict(extend or {})
        self.max_extension = max_extension
        self.name_tails = load_name_rules().tail_words  # words that follow names, never grown over

    def _read(self, doc: Doc, text: str) -> list[tuple[int, int, str, float]]:
        """The model's spans with their confidence (the lowest marginal of their characters),
        sentence by sentence, for the sentences where a name or a title stands: the model adds
        titles and reads names longer, and elsewhere it has nothing to do (a third of the cost).
        ``text`` is ``doc.text`` (spaCy builds it from the tokens on each access)."""
        marked = [t.i for e in doc.ents if e.label_ == "PERSON" for t in e[:1]]
        marked += [s.start for key in (TITLES_KEY, ROLES_KEY) for s in doc.spans.get(key, ())]
        if doc.has_annotation("SENT_START"):
            starts = [t.i for t in doc if t.is_sent_start] or [0]
            bounds = list(zip(starts, starts[1:] + [len(doc)]))
            wanted = {bisect_right(starts, i) - 1 for i in marked}
            sentences = [bounds[k] for k in sorted(wanted)]
        else:
            sentences = [(0, len(doc))]
        found = []
        for first, last in sentences:
            base, stop = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
            labels = self.tagger.tag(doc_features(doc, base, stop, text))
            for start, end, cls in spans_of(list(labels)):
                if cls in self.fill or cls in self.extend:  # the others are not used: no marginals
                    confidence = min(self.tagger.marginal(labels[k], k) for k in range(start, end))
                    found.append((base + start, base + end, cls, confidence))
        return found

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        if not text.strip():
            return doc
        spans = self._read(doc, text)
        taken = {t.i for e in doc.ents for t in e}
        titles = list(doc.spans.get(TITLES_KEY, ()))
        titled = {t.i for s in titles for t in s} | {t.i for s in doc.spans.get(ROLES_KEY, ()) for t in s}
        new_ents: list[Span] = []
        grown = self._extensions(doc, spans)
        if grown:
            kept = [e for e in doc.ents if not any(g.start < e.end and e.start < g.end for g in grown)]
            doc.set_ents(sorted(kept + grown, key=lambda e: e.start))
            taken = {t.i for e in doc.ents for t in e}
        for start, end, cls, confidence in spans:
            if cls not in self.fill or end - start < self.min_chars or confidence < self.fill[cls]:
                continue  # the model is not sure enough of every character
            span = doc.char_span(start, end)
            if span is None or any(t.is_space for t in span):
                continue
            if cls in self.anchors and not any(t.tag_ in self.anchors[cls] or t.text.isascii() and t.text.isalpha() for t in span):
                continue  # 居民委员会, 国家机关: kinds of body, no proper name inside
            tokens = {t.i for t in span}
            if cls == "TITLE":
                inside = [t for t in titles if span.start <= t.start and t.end <= span.end]
                if not tokens & taken and {i for t in inside for i in range(t.start, t.end)} == tokens & titled and (inside or not tokens & titled):
                    # a longer title around the rules' ones (业务部|副经理): the model's reading
                    titles = [t for t in titles if t not in inside] + [Span(doc, span.start, span.end, label="TITLE")]
                    titled |= tokens
            elif not tokens & (taken | titled):
                new_ents.append(Span(doc, span.start, span.end, label=ENT_LABELS[cls], span_id=SOURCE_CRF))
                taken |= tokens
        if new_ents:
            merge_entities(doc, new_ents, overwrite=False)
        doc.spans[TITLES_KEY] = sorted(titles, key=lambda s: s.start)
        return doc

    def _extensions(self, doc: Doc, spans) -> list[Span]:
        """Ents of the ``extend`` classes that the model reads one or two characters longer,
        sure of every character (吴为|山 when LAC cut 吴为山 short): the longer span, when it lies
        on token boundaries, takes in nothing another ent holds and no word that follows names
        (``[tails]`` of nlp/name_rules.toml: 欧阳晓菲|摄; the training data has bylines 陈浩摄
        annotated as names)."""
        out: list[Span] = []
        by_label = {ENT_LABELS[c]: c for c in self.extend}
        tails = self.name_tails
        for start, end, cls, confidence in spans:
            if cls not in self.extend or confidence < self.extend[cls]:
                continue
            inner = [e for e in doc.ents if start <= e.start_char and e.end_char <= end and len(e.text) > 1]
            if len(inner) != 1 or by_label.get(inner[0].label_) != cls or (inner[0].start_char, inner[0].end_char) == (start, end):
                continue
            if end - start - len(inner[0].text) > self.max_extension:
                continue
            added = (doc.text[start : inner[0].start_char], doc.text[inner[0].end_char : end])
            if any(part in tails for part in added):
                continue
            span = doc.char_span(start, end, label=inner[0].label_, span_id=inner[0].id_ or SOURCE_CRF)
            others = [e for e in doc.ents if e.start < span.end and span.start < e.end and e != inner[0]] if span is not None else []
            if span is not None and all(len(e.text) == 1 for e in others):  # 吴为|山/ORG: a one-character ent is no name
                out.append(span)
        return out
