"""``kg_char_patterns``: regex patterns over the text (abbreviated bodies 市卫健委, 《documents》)."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.nlp.patterns import load_patterns
from kg.nlp.pipes.common import SOURCE_PATTERN, merge_entities


class CharPatterns:
    """Entities from regexes over ``doc.text``. The tokenizer cuts at the same patterns
    (``split_patterns`` in the config), so a match lines up with tokens; one that does not
    (rejected by the tokenizer as straddling LAC's words) is skipped, never approximated.
    """

    def __init__(self, patterns: str) -> None:
        self.patterns = load_patterns(patterns)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = doc.text  # built from the tokens on each access: once per Doc, not per pattern
        for p in self.patterns:
            for a, b in p.spans(text):
                span = doc.char_span(a, b, label=p.label, span_id=SOURCE_PATTERN)
                if span is not None and not any(t.tag_ in p.reject_tags for t in span):
                    spans.append(span)
        merge_entities(doc, spans)
        return doc
