"""``kg_sentences``: sentence starts after 。！？；… (and the closing quotes after them), at line breaks."""

from __future__ import annotations

import numpy as np
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from kg.resources import load_list


class SentenceSplitter:
    """Sentence starts: after a token holding a sentence end (plus any closing quotes or brackets
    that follow it), and after a line break. Whitespace joins the sentence before it.
    """

    def __init__(self, ends: str, closers: str) -> None:
        self.ends = frozenset(load_list(ends))
        self.closers = frozenset(load_list(closers))

    def __call__(self, doc: Doc) -> Doc:
        # Computed as one array and set in bulk: assigning token.is_sent_start one token at a
        # time makes spaCy re-scan the doc on every assignment (quadratic on long articles).
        starts = np.full(len(doc), -1, dtype=np.int64)
        boundary = True  # the next non-space token starts a sentence
        for token in doc:
            text = token.text
            if token.is_space:
                starts[token.i] = 1 if boundary and token.i == 0 else -1
                if "\n" in text:
                    boundary = True
                continue
            if boundary and text not in self.closers:
                starts[token.i] = 1
                boundary = False
            elif token.i == 0:
                starts[token.i] = 1
            if text[-1] in self.ends or (text in self.closers and self._after_end(doc, token.i)):
                boundary = True
        if len(doc):
            doc.from_array([SENT_START], starts.astype(np.uint64).reshape(-1, 1))
        return doc

    def _after_end(self, doc: Doc, i: int) -> bool:
        """A closer right after a sentence end (。” or ！）) keeps the sentence open until it."""
        j = i - 1
        while j >= 0 and doc[j].text in self.closers:
            j -= 1
        return j >= 0 and doc[j].text[-1] in self.ends
