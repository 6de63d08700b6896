"""Mentions: a Doc's entities and titles as ``kg.model.Mention`` rows with exact offsets.

``doc.text`` is the article text (the tokenizer keeps every character), so token offsets are
article offsets: ``article.text[m.start:m.end] == m.text`` for every mention.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.model import Mention

#: Span group whose spans also become mentions (label TITLE).
TITLES_KEY = "titles"

#: Span group of names written inside a longer name (places, owner bodies, projects; their
#: own labels).
NESTED_KEY = "nested"

#: Span group of level words standing for a whole name in a coordination (省 of 省、市红十字会);
#: the whole name is the span's ``kb_id_``.
ELIDED_KEY = "elided"


def _sentence(span: Span) -> Span:
    """The sentence holding the span's first token, without whitespace tokens at its edges."""
    sent = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
    start, end = sent.start, sent.end
    while start < span.start and sent.doc[start].is_space:
        start += 1
    while end > span.end and sent.doc[end - 1].is_space:
        end -= 1
    return sent.doc[start:end]


def _mention(span: Span, article_id: str, label: str, refers_to: str | None = None) -> Mention:
    sent = _sentence(span)
    return Mention(
        text=span.text,
        label=label,
        article_id=article_id,
        start=span.start_char,
        end=span.end_char,
        sent_start=sent.start_char,
        sent_end=sent.end_char,
        refers_to=refers_to,
    )


def doc_mentions(doc: Doc, article_id: str) -> list[Mention]:
    """Every ``doc.ents`` entity, every ``doc.spans["titles"]`` span (label TITLE), every
    ``doc.spans["nested"]`` name (its own label; it lies inside an entity) and every
    ``doc.spans["elided"]`` word (refers to the whole name it stands for), sorted by position.

    The sentence span is the sentence that holds the mention's first token, trimmed of
    surrounding whitespace.

    >>> from spacy.tokens import Doc, Span
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["副市长", "李永强", "出席", "。"], spaces=[False] * 4)
    >>> doc.ents = [Span(doc, 1, 2, "PERSON")]
    >>> doc.spans["titles"] = [Span(doc, 0, 1, "TITLE")]
    >>> [(m.text, m.label, m.start, m.end) for m in doc_mentions(doc, "p/001")]
    [('副市长', 'TITLE', 0, 3), ('李永强', 'PERSON', 3, 6)]
    >>> doc = Doc(Vocab(), words=["北涧河", "生态", "工程"], spaces=[False] * 3)
    >>> doc.ents = [Span(doc, 0, 3, "PROJECT")]
    >>> doc.spans["nested"] = [Span(doc, 0, 1, "LOC")]
    >>> [(m.text, m.label, m.start, m.end) for m in doc_mentions(doc, "p/001")]
    [('北涧河', 'LOC', 0, 3), ('北涧河生态工程', 'PROJECT', 0, 7)]
    >>> doc = Doc(Vocab(), words=["省", "、", "市红十字会"], spaces=[False] * 3)
    >>> doc.ents = [Span(doc, 2, 3, "ORG")]
    >>> doc.spans["elided"] = [Span(doc, 0, 1, "ORG", kb_id="省红十字会")]
    >>> [(m.text, m.label, m.refers_to) for m in doc_mentions(doc, "p/001")]
    [('省', 'ORG', '省红十字会'), ('市红十字会', 'ORG', None)]
    """
    mentions = [_mention(ent, article_id, ent.label_) for ent in doc.ents]
    mentions += [_mention(span, article_id, "TITLE") for span in doc.spans.get(TITLES_KEY, [])]
    mentions += [_mention(span, article_id, span.label_) for span in doc.spans.get(NESTED_KEY, [])]
    mentions += [_mention(span, article_id, span.label_, span.kb_id_) for span in doc.spans.get(ELIDED_KEY, [])]
    return sorted(set(mentions), key=lambda m: (m.start, m.end, m.label, m.text))
