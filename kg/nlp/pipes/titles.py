"""``kg_titles``: titles / posts into ``doc.spans["titles"]`` (they overlap ORG ents)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp.pipes.common import TITLES_KEY
from kg.resources import load_list


class Titles:
    """Titles and posts (``nlp/titles.txt``) -> ``doc.spans["titles"]``, longest first.

    A title is a run of up to ``max_tokens`` whole tokens whose text is in the lexicon. The
    tokenizer lists the same file (and the atomic heads) among its split lexicons, so titles
    glued to a department or a name are tokens of their own; a title inside an ordinary word
    (人大常委会) stays inside its token and is not found. Titles are a span group, not ents,
    because they overlap ORG ents (市委常委 holds 市委).
    """

    def __init__(self, titles: str, key: str = TITLES_KEY, max_tokens: int = 4) -> None:
        self.titles = frozenset(load_list(titles))
        self.longest = max(map(len, self.titles), default=0)
        self.key = key
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        words = [t.text for t in doc]
        persons = [t.ent_type_ == "PERSON" for t in doc]
        spans = []
        i = 0
        while i < len(words):
            found, text = 0, ""
            for j in range(i, min(len(words), i + self.max_tokens)):
                text += words[j]
                if len(text) > self.longest or persons[j]:
                    break
                if text in self.titles:
                    found = j + 1
            if found:
                spans.append(Span(doc, i, found, label="TITLE"))
                i = found
            else:
                i += 1
        doc.spans[self.key] = spans
        return doc
