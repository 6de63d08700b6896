"""Loading kg's data files (lexicons, patterns, profiles, aliases) from ``kg/data``.

All word lists live in data files so that a new trigger verb, title or alias is one line in a
file, not a code change. Formats:

* ``*.txt``   one entry per line; ``#`` starts a comment; blank lines ignored.
* ``*.tsv``   tab-separated columns; ``#`` comments.
* ``*.jsonl`` one JSON object per line (spaCy pattern files).
* ``*.toml``  structured data (schema, profiles).

Errors name the file and the line (E301).
"""

from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from pathlib import Path

from kg.errors import DataError

DATA_DIR = Path(__file__).parent / "data"


def data_path(name: str | Path) -> Path:
    """Resolve a name relative to ``kg/data`` (absolute paths are kept as they are)."""
    path = Path(name)
    return path if path.is_absolute() else DATA_DIR / path


def _lines(name: str | Path) -> list[tuple[int, str]]:
    path = data_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError("E301", path, detail=exc.strerror or str(exc)) from exc
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append((number, line))
    return rows


@lru_cache(maxsize=None)
def load_list(name: str | Path) -> tuple[str, ...]:
    """Entries of a one-per-line ``.txt`` file, in file order, without duplicates."""
    return tuple(dict.fromkeys(line for _, line in _lines(name)))


@lru_cache(maxsize=None)
def load_tsv(name: str | Path, columns: int) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated file; every row must have ``columns`` fields."""
    path = data_path(name)
    rows = []
    for number, line in _lines(name):
        fields = tuple(f.strip() for f in line.split("\t"))
        if len(fields) != columns:
            raise DataError("E301", path, detail=f"line {number}: {len(fields)} fields, expected {columns}")
        rows.append(fields)
    return tuple(rows)


@lru_cache(maxsize=None)
def load_jsonl(name: str | Path) -> tuple[dict, ...]:
    """Objects of a JSON-lines file."""
    path = data_path(name)
    rows = []
    for number, line in _lines(name):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise DataError("E301", path, detail=f"line {number}: {exc.msg}") from exc
    return tuple(rows)


@lru_cache(maxsize=None)
def load_toml(name: str | Path) -> dict:
    """A TOML file as a dict."""
    path = data_path(name)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise DataError("E301", path, detail=exc.strerror or str(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise DataError("E301", path, detail=str(exc)) from exc
