"""Errors with codes, in the style of spaCy's ``errors.py``.

Every message names the thing that is wrong and, where it helps, what to do. The CLI prints
them as ``kg: <file>: <message>`` so that a user can grep a log for one code.

>>> str(InputError("E101", path="seeds/x.txt", detail="byte 0x9f at 1203"))
'seeds/x.txt: [E101] not UTF-8 or GB18030 text (byte 0x9f at 1203)'
"""

from __future__ import annotations

import re
from pathlib import Path

#: Message templates by code. E1xx input, E2xx NLP, E3xx resolution data, E4xx export,
#: E5xx query, E6xx evaluation data, E9xx usage; W1xx warnings about input (the run goes on, exit
#: code unchanged).
MESSAGES: dict[str, str] = {
    "E100": "no such file or directory ({detail})",
    "E101": "not UTF-8 or GB18030 text ({detail})",
    "E102": "empty file",
    "E103": "binary file, not text ({detail})",
    "E104": "cannot read file ({detail})",
    "E105": "no .txt pages found",
    "E106": "bad manifest ({detail})",
    "W101": "article {detail} has no year: give its page an issue date in manifest.toml ([pages.\"<file>\"] date = YYYY-MM-DD) or run with --year",
    "E107": "not Chinese text in an encoding kg reads: UTF-8, GB18030, Big5, UTF-16 ({detail})",
    "E108": "file too large ({detail})",
    "E109": "no page could be read: nothing written",
    "W102": "{detail}",
    "W103": "{detail}",
    "W104": "{detail}",
    "E201": "pkuseg segmenter needs a model path; spacy-pkuseg has no model offline ({detail})",
    "E202": "unknown pipeline component or setting ({detail})",
    "E301": "bad data file ({detail})",
    "E302": "unknown newspaper profile ({detail})",
    "E401": "cannot write output ({detail})",
    "E402": "graph file is not a kg graph ({detail})",
    "E403": "no font with Chinese glyphs for plots ({detail})",
    "E501": "SPARQL query failed ({detail})",
    "E601": "bad gold file ({detail})",
    "E602": "the page this gold file names is not found ({detail})",
    "E603": "bad NER data file ({detail})",
    "E502": "cannot load RDF ({detail})",
    "E901": "usage error ({detail})",
    "E902": "no entity named {detail}",
    "E903": "output folder is being written by another kg build ({detail})",
    "E904": "output folder holds files that are not kg's ({detail})",
    "E999": "unexpected error, please report it with the command that caused it ({detail})",
}


class KGError(Exception):
    """Base class: carries a code, the path it concerns (if any) and a formatted message."""

    def __init__(self, code: str, path: str | Path | None = None, **fields: object) -> None:
        self.code = code
        self.path = str(path) if path is not None else None
        fields.setdefault("detail", "")
        self.fields = fields
        template = MESSAGES.get(code, "{detail}")
        message = template.format(**fields).replace(" ()", "")
        self.message = f"[{code}] {message}"
        super().__init__(printable(f"{self.path}: {self.message}" if self.path else self.message))

    def __reduce__(self):
        # Pickled as its code, path and fields (worker processes and Dask send errors back).
        return (_rebuild, (type(self), self.code, self.path, self.fields))


def _rebuild(cls: type[KGError], code: str, path: str | None, fields: dict) -> KGError:
    return cls(code, path, **fields)


def printable(text: str, keep: str = "") -> str:
    """``text`` safe to print on a terminal or in a log: control characters (C0, DEL, C1, and
    line or paragraph separators) escaped as Python writes them, except those in ``keep``.

    A file name with a newline cannot fake a second log line, an ESC cannot recolour the
    terminal.

    >>> printable("a\\nb\\x1b[31m\\u2028c"), printable("x\\ny", keep="\\n")
    ('a\\\\nb\\\\x1b[31m\\\\u2028c', 'x\\ny')
    """
    return _UNPRINTABLE.sub(lambda m: m.group() if m.group() in keep else repr(m.group())[1:-1], text)


#: Control characters (C0, DEL, C1), line/paragraph separators and bidirectional overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class InputError(KGError):
    """A page that cannot be read as text. The build goes on with the other pages."""


class InputWarning(KGError):
    """Something an input lacks or holds that the build works around (an article without a
    year, an encoding guessed, characters removed, a cache entry ignored). Reported, never
    raised by the pipeline; the page counts as read."""


class DataError(KGError):
    """A lexicon, profile, alias table or gazetteer that is malformed."""


class ExportError(KGError):
    """An output that cannot be written or an input graph that cannot be read."""


class QueryError(KGError):
    """A SPARQL query or an RDF file that the store rejects."""


class UsageError(KGError):
    """Wrong command-line arguments (exit code 2)."""
