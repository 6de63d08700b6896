"""``kg_titles``: posts into ``doc.spans["titles"]``, occupations into ``doc.spans["roles"]``.

Both overlap ORG ents (市委常委 holds 市委), so they are span groups, not ents.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp.patterns import title_lexicon
from kg.nlp.pipes.common import ROLES_KEY, TITLES_KEY
from kg.resources import load_list


class Titles:
    """Posts -> ``doc.spans["titles"]`` (label TITLE), occupations -> ``doc.spans["roles"]``
    (label ROLE), longest first.

    A title is a run of up to ``max_tokens`` whole tokens whose text the
    :class:`~kg.nlp.patterns.TitleLexicon`
    knows. The tokenizer cuts LAC words at the curated titles and the atomic heads (see
    ``kg.nlp.SPLIT_LEXICONS``), so titles glued to a department or a name are tokens of their
    own; a title inside an ordinary word (人大常委会) stays inside its token and is not found.
    A post takes in the department word written right before it (see :meth:`_department_start`).
    A run never crosses a PERSON, and a title is a noun: a run whose last token LAC tags as a
    verb (``verb_tags``: 主持/v of 主持会议, 解说/v) is not one.
    """

    def __init__(self, titles: str, key: str = TITLES_KEY, max_tokens: int = 4, roles_key: str = ROLES_KEY,
                 learned: str = "nlp/learned/positions.tsv", prefixes: str = "nlp/learned/title_prefixes.txt",
                 verb_tags: tuple[str, ...] = ("v", "vd"), departments: str = "nlp/department_suffixes.txt",
                 department_tags: tuple[str, ...] = ("n", "nz", "vn", "ORG"), max_department_chars: int = 6) -> None:
        self.lexicon = title_lexicon(titles, learned, prefixes)
        self.verb_tags = frozenset(verb_tags)
        self.departments = tuple(load_list(departments))
        self.department_tags = frozenset(department_tags)
        self.max_department_chars = max_department_chars
        self.key = key
        self.roles_key = roles_key
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        words = [t.text for t in doc]
        persons = [False] * len(doc)  # from the ents: cheaper than each token's ent_type_
        for e in doc.ents:
            if e.label_ == "PERSON":
                persons[e.start : e.end] = [True] * len(e)
        verbs = [t.tag_ in self.verb_tags for t in doc]
        last_chars = self.lexicon.last_chars
        groups: dict[str, list[Span]] = {"post": [], "occupation": []}
        i = 0
        while i < len(words):
            found, kind, text = 0, None, ""
            for j in range(i, min(len(words), i + self.max_tokens)):
                text += words[j]
                if len(text) > self.lexicon.longest or persons[j]:
                    break
                if text[-1] not in last_chars:
                    continue
                k = self.lexicon.kind(text)
                if k is not None and not verbs[j]:
                    found, kind = j + 1, k
            if found:
                start = self._department_start(doc, i) if kind == "post" else i
                groups[kind].append(Span(doc, start, found, label="TITLE" if kind == "post" else "ROLE"))
                i = found
            else:
                i += 1
        doc.spans[self.key] = groups["post"]
        doc.spans[self.roles_key] = groups["occupation"]
        return doc

    def _department_start(self, doc: Doc, i: int) -> int:
        """Where a post starting at token ``i`` starts with the department written before it:
        one word ending like a department (``nlp/department_suffixes.txt``: 财务部|副经理,
        技术中心|副主任), not part of a longer entity, plus one plain noun before it
        (资产|财务部|副部长); else ``i``."""
        j = i - 1
        if j < 0 or not self._department_word(doc[j]):
            return i
        ent = doc[j].ent_type_
        if ent and (doc[j].ent_iob_ != "B" or (j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I")):
            return i  # inside a longer name: the body is an ORG, not a department word
        if j > 0 and doc[j - 1].tag_ in ("n", "nz", "vn") and not doc[j - 1].ent_type_ and not self._department_word(doc[j - 1]):
            j -= 1
        return j

    def _department_word(self, token) -> bool:
        text = token.text
        return (token.tag_ in self.department_tags and len(text) <= self.max_department_chars
                and text.endswith(self.departments) and token.ent_type_ not in ("PERSON", "GPE", "LOC", "FAC"))
