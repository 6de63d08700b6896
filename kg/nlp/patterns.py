"""Compiled lexicons and regex patterns, shared by the tokenizer and the rule components.

The tokenizer cuts words at the matches of the same files that the components annotate, so
both must see exactly the same matches: they get them from here, compiled once per process.

* a ``.txt`` list becomes one alternation of its entries, longest first;
* a ``.jsonl`` file holds ``{"label", "pattern" | "lexicon", "group"?, "not_suffix"?,
  "reject_tags"?}`` rows (``lexicon``: a list file whose entries are matched literally);
  ``group`` is the regex group that is the entity (``《(…)》`` -> the name without the marks);
  ``not_suffix`` list file(s) of endings the match must not have (an abbreviated body does not
  end in a title or in 布局); ``reject_tags`` LAC tags no token of the match may have (a verb
  or a numeral inside 市首次举办 shows it is not a name; applied by the component).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import DataError
from kg.resources import data_path, load_jsonl, load_list, load_tsv


@dataclass(frozen=True, slots=True)
class CharPattern:
    """One regex that yields entity spans (``group`` of each match) with ``label``."""

    label: str
    regex: re.Pattern[str]
    group: int = 0
    not_suffix: tuple[str, ...] = ()
    reject_tags: frozenset[str] = frozenset()

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Char spans of the matches in ``text``.

        >>> CharPattern("LAW", re.compile("《(.+?)》"), 1).spans("印发《太原市条例》")
        [(3, 8)]
        """
        out = []
        for m in self.regex.finditer(text):
            a, b = m.span(self.group)
            if a < b and not any(text.endswith(s, a, b) for s in self.not_suffix):
                out.append((a, b))
        return out


@lru_cache(maxsize=None)
def lexicon_regex(name: str) -> re.Pattern[str] | None:
    """One alternation over the entries of a list file, longest entries first.

    >>> lexicon_regex("nlp/title_heads.txt").search("组织部部长武晓花").group()
    '部长'
    """
    entries = sorted(set(load_list(name)), key=lambda e: (-len(e), e))
    if not entries:
        return None
    return re.compile("|".join(map(re.escape, entries)))


@lru_cache(maxsize=None)
def load_patterns(name: str) -> tuple[CharPattern, ...]:
    """The patterns of a ``.txt`` lexicon (label ``""``) or a ``.jsonl`` pattern file."""
    if name.endswith(".txt"):
        regex = lexicon_regex(name)
        return (CharPattern("", regex),) if regex is not None else ()
    out = []
    for number, row in enumerate(load_jsonl(name), 1):
        try:
            out.append(
                CharPattern(
                    label=row["label"],
                    regex=re.compile(row["pattern"]) if "pattern" in row else _require(lexicon_regex(row["lexicon"])),
                    group=int(row.get("group", 0)),
                    not_suffix=_entries(row.get("not_suffix")),
                    reject_tags=frozenset(row.get("reject_tags", ())),
                )
            )
        except (KeyError, re.error, IndexError) as exc:
            raise DataError("E301", data_path(name), detail=f"pattern {number}: {exc}") from exc
    return tuple(out)


def _entries(names: str | list[str] | None) -> tuple[str, ...]:
    if not names:
        return ()
    return tuple(w for name in ([names] if isinstance(names, str) else names) for w in load_list(name))


def _require(regex: re.Pattern[str] | None) -> re.Pattern[str]:
    if regex is None:
        raise KeyError("lexicon is empty")
    return regex


class TitleLexicon:
    """Which strings are titles: a vocabulary plus its productive morphology.

    A post is an entry of the curated lexicon (``nlp/titles.txt``) or of the learned positions
    of kind ``post`` (``nlp/learned/positions.tsv``, from CLUENER and Resume annotations), or
    such an entry after one or more modifiers (``nlp/learned/title_prefixes.txt``: 副, 常务,
    执行, 首席, 高级 …, learned as the ``p`` of titles ``p + t``): 常务副总经理, 首席执行官.
    A learned prefix that names a body (ends with an organisation unit word of
    ``nlp/suffix/org.txt``: 财务部, 党委) or a place (中国) is a department, not a
    modifier, and is not used. Occupations (``kind = occupation``: 记者, 导演, 学生) are
    recognised the same way but are no posts.

    >>> lex = TitleLexicon()
    >>> lex.kind("常务副总经理"), lex.kind("委员长"), lex.kind("记者"), lex.kind("总之")
    ('post', 'post', 'occupation', None)
    """

    def __init__(self, titles: str = "nlp/titles.txt", learned: str = "nlp/learned/positions.tsv",
                 prefixes: str = "nlp/learned/title_prefixes.txt", units: str = "nlp/suffix/org.txt") -> None:
        self.words: dict[str, str] = {}
        for word, kind, _count in load_tsv(learned, 3):
            self.words[word] = kind
        for word in load_list(titles):  # the curated lexicon wins: 代表 may be learned as an occupation
            self.words[word] = "post"
        from kg.nlp.gazetteer import known_places

        unit_words = tuple(load_list(units))
        places = known_places()
        self.prefixes = tuple(sorted(
            (p for p in load_list(prefixes) if not p.endswith(unit_words) and p not in places),
            key=len, reverse=True,
        ))
        self.longest = max(map(len, self.words), default=0) + 2 * max(map(len, self.prefixes), default=0)
        #: last characters of every entry: a string ending otherwise is no title (a cheap test first)
        self.last_chars = frozenset(w[-1] for w in self.words if w)
        self.kind = lru_cache(maxsize=65536)(self._kind)

    def _kind(self, text: str) -> str | None:
        """``"post"``, ``"occupation"`` or None for a candidate string."""
        if text in self.words:
            return self.words[text]
        for p in self.prefixes:
            if text.startswith(p) and len(text) > len(p):
                found = self._kind(text[len(p):])
                if found is not None:
                    return found
        return None


@lru_cache(maxsize=None)
def title_lexicon(titles: str = "nlp/titles.txt", learned: str = "nlp/learned/positions.tsv",
                  prefixes: str = "nlp/learned/title_prefixes.txt") -> TitleLexicon:
    """The :class:`TitleLexicon` of these files, built once per process (the tokenizer and
    ``kg_titles`` share it)."""
    return TitleLexicon(titles, learned, prefixes)
