"""Character features for kg's statistical NER layer (a linear-chain CRF, python-crfsuite).

The same function builds the features when the model is trained
(``scripts/train_crf.py``) and when ``kg_crf_ner`` tags a Doc, from the Doc that kg's own
tokenizer makes, so that training and tagging see exactly the same words and LAC tags.

Features of a character: the character and its neighbours (±2) and bigrams, its character
class (Han, Latin, digit, punctuation), the LAC tag of the word that holds it with the
character's place in that word (B, M, E, S), and whether that word is a known place, a title,
or ends like an organisation (kg's lexicons: the gazetteer, ``nlp/learned/positions.tsv``,
``nlp/learned/org_endings.txt``).

>>> from spacy.lang.zh import Chinese
>>> from spacy.tokens import Doc
>>> doc = Doc(Chinese().vocab, words=["山西", "银行"], spaces=[False, False], tags=["LOC", "n"])
>>> feats = doc_features(doc)
>>> feats[2]["c"], feats[2]["lac"], feats[0]["w.place"]
('银', 'n-B', True)
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from kg.nlp.gazetteer import known_places
from kg.nlp.patterns import title_lexicon
from kg.resources import load_list

#: Classes the model tags, with BIO prefixes.
CLASSES = ("PER", "ORG", "LOC", "TITLE")
PAD = "<s>"


@lru_cache(maxsize=1)
def _org_endings() -> tuple[str, ...]:
    return tuple(load_list("nlp/suffix/org.txt")) + tuple(load_list("nlp/learned/org_endings.txt"))


def _char_class(c: str) -> str:
    if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf":
        return "han"
    if c.isascii() and c.isalpha():
        return "latin"
    if c.isdigit():
        return "digit"
    if c.isspace():
        return "space"
    return "punct"


def doc_features(doc: Doc, start: int = 0, end: int | None = None, doc_text: str | None = None) -> list[dict[str, object]]:
    """One feature dict per character of ``doc.text[start:end]`` (see the module docstring); the
    range is cut on token boundaries (a sentence), and its edges read as the text's edges, as
    the training sentences do. ``doc_text``: ``doc.text`` when the caller has it already (spaCy
    builds it anew on every access)."""
    text = (doc.text if doc_text is None else doc_text)[start:end]
    n = len(text)
    places = known_places()
    titles = title_lexicon()
    endings = _org_endings()
    word_of: list[tuple[str, dict[str, object]]] = [("", {})] * n  # (tag-position, word features)
    for token in doc.char_span(start, start + n, alignment_mode="expand") if n else ():
        word, tag = token.text, token.tag_ or "x"
        wf: dict[str, object] = {"tag": tag, "w.place": word in places, "w.title": titles.kind(word) is not None,
                                 "w.orgend": word.endswith(endings)}
        for k in range(len(word)):
            pos = "S" if len(word) == 1 else "B" if k == 0 else "E" if k == len(word) - 1 else "M"
            i = token.idx - start + k
            if 0 <= i < n:
                word_of[i] = (f"{tag}-{pos}", wf)
    feats = []
    for i, c in enumerate(text):
        lac, wf = word_of[i]
        f: dict[str, object] = {
            "c": c,
            "c-1": text[i - 1] if i >= 1 else PAD,
            "c+1": text[i + 1] if i + 1 < n else PAD,
            "c-2": text[i - 2] if i >= 2 else PAD,
            "c+2": text[i + 2] if i + 2 < n else PAD,
            "b-1": text[i - 1 : i + 1] if i >= 1 else PAD + c,
            "b+1": text[i : i + 2] if i + 1 < n else c + PAD,
            "cls": _char_class(c),
            "lac": lac,
            "tag": wf.get("tag", ""),
        }
        if wf:
            f["w.place"], f["w.title"], f["w.orgend"] = wf["w.place"], wf["w.title"], wf["w.orgend"]
        feats.append(f)
    return feats


def bio_labels(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    """Per-character BIO labels of ``spans`` (start, end, class); overlaps keep the first.

    >>> bio_labels("王明来了", [(0, 2, "PER")])
    ['B-PER', 'I-PER', 'O', 'O']
    """
    labels = ["O"] * len(text)
    for start, end, cls in spans:
        if any(labels[k] != "O" for k in range(start, end)):
            continue
        labels[start] = f"B-{cls}"
        for k in range(start + 1, end):
            labels[k] = f"I-{cls}"
    return labels


def spans_of(labels: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, class)`` spans of BIO labels (an I- without its B- starts a span).

    >>> spans_of(["B-ORG", "I-ORG", "O", "I-PER"])
    [(0, 2, 'ORG'), (3, 4, 'PER')]
    """
    spans: list[tuple[int, int, str]] = []
    start, cls = None, None
    for i, label in enumerate(labels + ["O"]):
        kind = label[2:] if label != "O" else None
        if start is not None and (label == "O" or label.startswith("B-") or kind != cls):
            spans.append((start, i, cls))
            start, cls = None, None
        if kind is not None and start is None:
            start, cls = i, kind
    return spans
