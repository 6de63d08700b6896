"""Gold files: hand annotations of one article or page, in the format of ``gold-dev/README.md``.

One JSON object per file::

    {"file": "xwlb_20221102_02.txt",
     "officials":     [{"person", "title", "org_as_written", "org", "evidence"}],
     "persons":       [{"name", "kind"}],
     "organisations": [{"as_written", "canonical"}],
     "places":        [{"name", "parent", "type"}],
     "projects":      [{"name", "place"}],
     "relations":     [{"s", "p", "o", "evidence"}],
     "changes":       [{"person", "event", "title", "org", "date", "evidence"}]}

Every list is optional (an absent list is empty); ``file`` is required. A file that is not
JSON, or whose rows lack the field a measure needs, raises :class:`kg.errors.DataError` E601
naming the file and the row, so that one bad file is reported and the others are scored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import DataError

#: list name -> fields every row must have (strings). Other fields are kept as they are.
REQUIRED: dict[str, tuple[str, ...]] = {
    "officials": ("person", "title"),
    "persons": ("name",),
    "organisations": ("as_written",),
    "places": ("name",),
    "projects": ("name",),
    "relations": ("s", "p", "o"),
    "changes": ("person", "event", "title"),
}


@dataclass(slots=True)
class Gold:
    """The annotations of one page: ``file`` is the page's file name (``000_b78….txt``)."""

    path: Path
    file: str
    lists: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> list[dict[str, str]]:
        return self.lists.get(name, [])

    @property
    def has_changes(self) -> bool:
        """True when the annotator listed post changes (``changes`` present, even empty)."""
        return "changes" in self.lists


def load_gold(path: str | Path) -> Gold:
    """Read and check one gold file.

    >>> import tempfile, os
    >>> f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    >>> _ = f.write('{"file": "p.txt", "persons": [{"name": "王明"}]}'); f.close()
    >>> load_gold(f.name)["persons"]
    [{'name': '王明'}]
    >>> os.unlink(f.name)

    Raises DataError E601 when the file cannot be read, is not JSON, has no ``file``, or a row
    of a list lacks a required string field.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError("E601", path, detail=exc.strerror or str(exc)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError("E601", path, detail=f"not JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("file"), str) or not data["file"]:
        raise DataError("E601", path, detail='no "file" naming the page it annotates')
    lists: dict[str, list[dict[str, str]]] = {}
    for name, required in REQUIRED.items():
        if name not in data:
            continue
        rows = data[name]
        if not isinstance(rows, list):
            raise DataError("E601", path, detail=f'"{name}" must be a list')
        for i, row in enumerate(rows):
            _check_row(path, name, i, row, required)
        lists[name] = rows
    return Gold(path, data["file"], lists)


def _check_row(path: Path, name: str, i: int, row: Any, required: tuple[str, ...]) -> None:
    if not isinstance(row, dict):
        raise DataError("E601", path, detail=f"{name}[{i}] must be an object")
    for key in required:
        if not isinstance(row.get(key), str):
            raise DataError("E601", path, detail=f'{name}[{i}] has no string "{key}"')


def gold_files(paths: list[str | Path]) -> list[Path]:
    """Gold JSON files as given, folders expanded to their ``*.json`` (not recursive), sorted.

    >>> gold_files([])
    []
    """
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        found.extend(sorted(p.glob("*.json")) if p.is_dir() else [p])
    return list(dict.fromkeys(found))
