"""The spaCy tokenizer: LAC words and tags, split further where kg's lexicons need a boundary.

LAC segments ``组织部部长武晓花`` or ``党支部书记`` into words that do not line up with what
the rule layer wants to annotate (the title ``部长``, the organisation ``组织部``). Rather than
annotating approximate spans, the tokenizer cuts LAC's words at every occurrence of an entry of
the *split lexicons* (titles, organisation heads …, listed in the pipeline config), so every rule
match starts and ends on a token boundary. A piece cut out by a lexicon gets that lexicon's tag
(``n``); the rest of the word keeps LAC's tag.

Before that, LAC entity words that hold two names are cut in two (``kg.nlp.splits``:
``省邮政管理局联合省人力资源和社会保障厅``/ORG, ``侯村乡侯村``/LOC), as if LAC had cut them, and
person names LAC cut short are repaired where the context shows their end (``kg.nlp.names``:
``刘国|中|同志`` -> ``刘国中``).

LAC's own entities (words tagged PER / LOC / ORG / TIME) are kept as a span group
``doc.spans["lac"]`` (label = LAC tag), trimmed of lexicon pieces at their edges
(``部长武晓花``/PER -> ``武晓花``); the ``kg_lac_ner`` component turns them into ``doc.ents``.

Whitespace never reaches a word: each whitespace run is its own token with tag ``_SP`` (as in
spaCy), so ``doc.text == text`` always.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

from kg.errors import KGError
from kg.nlp.lac import LacTagger, shared_tagger
from kg.nlp.patterns import load_patterns
from kg.nlp.names import repair_names
from kg.nlp.splits import load_split_rules, split_words

#: ``span.id_`` of a LAC entity that lost a joiner LAC glued to it (山西农担 of 山西农担与).
SPLIT_ID = "split"

#: LAC tags that are entities, not parts of speech.
LAC_ENTITY_TAGS = frozenset({"PER", "LOC", "ORG", "TIME"})
SPACE_TAG = "_SP"
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)]*")


def valid_cuts(text: str, lexicons: Sequence[str], words: list[tuple[int, str, str]]) -> set[tuple[int, int]]:
    """Lexicon matches that may become tokens of their own, as (start, end) char offsets.

    A match may re-cut LAC's words only where the cut is plausible: it covers whole words, or it
    ends a word (``组织部部长`` -> ``组织部|部长``), or it starts a word LAC tagged as a person
    (``部长武晓花``/PER), or it takes at least two closing characters of a word plus whole words
    after it (``坞城街道党工委`` + ``书记`` -> ``坞城街道|党工委书记``). A match that ends inside
    a word (``社区|长效`` holds ``区长``) or sits inside one (``人大常委会``) is ignored, so
    lexicon entries do not break ordinary words.
    """
    if not words:
        return set()
    word_start = {}
    word_end = {}
    for start, word, tag in words:
        for k in range(start, start + len(word)):
            word_start[k] = start
            word_end[k] = (start + len(word), tag)
    boundaries = set(word_start.values()) | {end for end, _ in word_end.values()}
    found = set()
    for a, b in sorted({span for name in lexicons for p in load_patterns(name) for span in p.spans(text)}):
        if a not in word_start:
            continue
        if a in boundaries and b in boundaries:
            found.add((a, b))
            continue
        end, tag = word_end[a]
        same_word = b - 1 in word_start and word_start[b - 1] == word_start[a]
        if same_word and (b == end or (a == word_start[a] and tag == "PER")):
            found.add((a, b))
        elif not same_word and b in boundaries and end - a >= 2:
            found.add((a, b))  # 坞城街道[党工委|书记]: takes the word's last part and whole words after it
    return found


def paragraphs(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """(offset, text) of each line of ``text`` with its outer whitespace removed.

    Lines longer than ``max_chars`` are cut after a sentence end (``。！？；`` and closing
    quotes) so that one LAC call stays bounded; shorter lines go to LAC whole, as raw LAC sees them.
    """
    for line in re.finditer(r"[^\n]+", text):
        stripped = line.group().strip()
        if not stripped:
            continue
        start = line.start() + line.group().index(stripped)
        if len(stripped) <= max_chars:
            yield start, stripped
            continue
        piece_start = 0
        cuts = [m.end() for m in _SENTENCE_END.finditer(stripped)] + [len(stripped)]
        last = 0
        for cut in cuts:
            if cut - piece_start > max_chars and last > piece_start:
                yield start + piece_start, stripped[piece_start:last]
                piece_start = last
            while cut - piece_start > max_chars:  # no sentence end in sight: hard cut
                yield start + piece_start, stripped[piece_start : piece_start + max_chars]
                piece_start += max_chars
            last = cut
        if piece_start < len(stripped):
            yield start + piece_start, stripped[piece_start:]


class LacTokenizer:
    """``nlp.tokenizer``: text -> Doc with LAC words (re-cut by lexicons) and LAC tags.

    ``segmenter="pkuseg"`` takes word boundaries from a user-supplied spacy-pkuseg model and
    keeps LAC for tags and entities (LAC's entity words are then cut out as tokens too).
    """

    def __init__(
        self,
        vocab: Vocab,
        *,
        split_lexicons: Sequence[str] = (),
        split_tag: str = "n",
        max_chars: int = 2000,
        threads: int = 0,
        segmenter: str = "lac",
        pkuseg_model: str | None = None,
        word_splits: str | None = None,
        name_repairs: bool = True,
    ) -> None:
        self.vocab = vocab
        self.name_repairs = name_repairs
        self.split_rules = load_split_rules(word_splits) if word_splits else ()
        self.split_lexicons = tuple(split_lexicons)
        self.split_tag = split_tag
        self.max_chars = max_chars
        self.threads = threads
        self.segmenter = segmenter
        self.pkuseg_model = pkuseg_model
        self._pkuseg = _load_pkuseg(segmenter, pkuseg_model)
        self._tagger: LacTagger | None = None
        self._pid = -1

    @property
    def tagger(self) -> LacTagger:
        # One ONNX session per process: a session inherited through fork (nlp.pipe with
        # n_process > 1) must not be shared with the parent's thread pool.
        if self._tagger is None:
            self._tagger = shared_tagger(self.threads)
        elif self._pid != os.getpid():  # a forked worker: its own session
            self._tagger = LacTagger(self.threads)
        self._pid = os.getpid()
        return self._tagger

    def __call__(self, text: str) -> Doc:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        """Docs for many texts; their paragraphs share LAC's batched decoding."""
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self._docs(batch)
                batch = []
        if batch:
            yield from self._docs(batch)

    def _docs(self, texts: list[str]) -> list[Doc]:
        units = [(i, off, para) for i, text in enumerate(texts) for off, para in paragraphs(text, self.max_chars)]
        tagged = self.tagger.tag([para for _, _, para in units])
        per_text: list[list[tuple[int, str, str]]] = [[] for _ in texts]  # (offset, word, tag)
        for (i, off, _), words in zip(units, tagged):
            pos = off
            for word, tag in words:
                per_text[i].append((pos, word, tag))
                pos += len(word)
        docs = []
        for text, words in zip(texts, per_text):
            words, edged = split_words(words, self.split_rules)
            docs.append(self._make_doc(text, repair_names(words) if self.name_repairs else words, edged))
        return docs

    def _make_doc(self, text: str, lac_words: list[tuple[int, str, str]], edged: Collection[tuple[int, int]] = ()) -> Doc:
        split_pieces = valid_cuts(text, self.split_lexicons, lac_words)
        cuts = self._cuts(text, lac_words, split_pieces)
        tags = ["" for _ in text]  # char -> tag of the LAC word that covers it
        for start, word, tag in lac_words:
            for k in range(start, start + len(word)):
                tags[k] = tag
        words: list[str] = []
        word_tags: list[str] = []
        starts: list[int] = []
        bounds = sorted(cuts)
        for a, b in zip(bounds, bounds[1:]):
            piece = text[a:b]
            if piece.isspace():
                tag = SPACE_TAG
            elif (a, b) in split_pieces:
                tag = self.split_tag
            else:
                tag = tags[a] or "w"
            words.append(piece)
            word_tags.append(tag)
            starts.append(a)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words), tags=word_tags)
        doc.spans["lac"] = self._lac_entities(doc, lac_words, starts, split_pieces, edged)
        return doc

    def _cuts(self, text: str, lac_words: list[tuple[int, str, str]], pieces: set[tuple[int, int]]) -> set[int]:
        """Token boundaries: LAC words, whitespace runs, lexicon matches (and pkuseg words)."""
        cuts = {0, len(text)}
        for start, word, tag in lac_words:
            if self._pkuseg is None or tag in LAC_ENTITY_TAGS:
                cuts.update((start, start + len(word)))
        for m in _SPACE.finditer(text):
            cuts.update((m.start(), m.end()))
        if self._pkuseg is not None:
            pos = 0
            for word in self._pkuseg.cut(text):
                found = text.find(word, pos)
                if found >= 0:
                    cuts.update((found, found + len(word)))
                    pos = found + len(word)
        for a, b in pieces:
            cuts.update((a, b))
        return cuts

    def _lac_entities(
        self,
        doc: Doc,
        lac_words: list[tuple[int, str, str]],
        starts: list[int],
        split_pieces: set[tuple[int, int]],
        edged: Collection[tuple[int, int]],
    ) -> list[Span]:
        """LAC's entity words as spans, without lexicon pieces at their edges; a word that lost
        a glued joiner gets ``span_id`` SPLIT_ID."""
        token_at = {s: i for i, s in enumerate(starts)}
        token_at[doc[-1].idx + len(doc[-1]) if len(doc) else 0] = len(doc)  # doc.text would rebuild the text

        def is_piece(i: int) -> bool:
            return (doc[i].idx, doc[i].idx + len(doc[i])) in split_pieces

        spans = []
        for start, word, tag in lac_words:
            if tag not in LAC_ENTITY_TAGS:
                continue
            first, end = token_at[start], token_at[start + len(word)]
            while first < end and (is_piece(first) or doc[first].is_space):
                first += 1
            while end > first and (is_piece(end - 1) or doc[end - 1].is_space):
                end -= 1
            if first < end:
                source = SPLIT_ID if (start, start + len(word)) in edged else ""
                spans.append(Span(doc, first, end, label=tag, span_id=source))
        return spans

    # spaCy serialisation hooks: the tokenizer has no state beyond its settings.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "LacTokenizer":
        return self

    def to_disk(self, path: str | Path, **kwargs) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs) -> "LacTokenizer":
        return self


def _load_pkuseg(segmenter: str, model: str | None):
    """The optional spacy-pkuseg segmenter; it has no model offline, so a path is required."""
    if segmenter == "lac":
        return None
    if segmenter != "pkuseg":
        raise KGError("E202", detail=f"segmenter {segmenter!r}: use 'lac' (default) or 'pkuseg'")
    if not model:
        raise KGError("E201", detail="pass load_pipeline(segmenter='pkuseg', pkuseg_model=PATH)")
    if not Path(model).exists():
        raise KGError("E201", path=model, detail="no such model file or folder")
    import spacy_pkuseg

    return spacy_pkuseg.pkuseg(str(model))


@registry.tokenizers("kg.LacTokenizer.v1")
def create_lac_tokenizer(
    split_lexicons: list[str],
    split_tag: str = "n",
    max_chars: int = 2000,
    threads: int = 0,
    segmenter: str = "lac",
    pkuseg_model: str | None = None,
    word_splits: str | None = "nlp/word_splits.toml",
    name_repairs: bool = True,
):
    """Config entry ``[nlp.tokenizer] @tokenizers = "kg.LacTokenizer.v1"``."""

    def make(nlp) -> LacTokenizer:
        return LacTokenizer(
            nlp.vocab,
            split_lexicons=split_lexicons,
            split_tag=split_tag,
            max_chars=max_chars,
            threads=threads,
            segmenter=segmenter,
            pkuseg_model=pkuseg_model,
            word_splits=word_splits,
            name_repairs=name_repairs,
        )

    return make
