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
from kg.resources import data_path, load_jsonl, load_list


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
