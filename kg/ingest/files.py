"""Finding page files, reading their manifest, and streaming their articles.

A folder of pages may hold a ``manifest.toml`` (see ``seeds/manifest.toml``)::

    profile = "taiyuan_daily"
    year = 2023                                   # optional default for every page
    [pages."000_b783142fb1ce736d.txt"]
    date = 2023-01-09                             # the issue date of the page (a TOML date)
    [pages."002_83424e25a61f6bbd.txt"]
    year = 2022                                   # or only its year

(``[files]`` is the older name of ``[pages]`` and still read.) Datelines give month and day
only. A page's dates come, in order, from the ``year`` argument, the page's ``date`` (items
without a dateline get the issue date; a dateline takes the issue's year, or the year before
for a day after the issue's), the page's ``year``, the manifest's ``year``, else stay without
a year (``--01-09``).
"""

from __future__ import annotations

import datetime as _dt
import os
import tomllib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ingest.decode import decode_file
from kg.ingest.split import split_page
from kg.model import Article

MANIFEST = "manifest.toml"
PAGE_SUFFIX = ".txt"
#: Years outside this range in a manifest are a typo, not a date.
YEAR_RANGE = range(1800, 2201)


def iter_page_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders expanded to their ``*.txt`` (recursive); sorted, deduplicated.

    A path that does not exist is kept as given, so that reading it reports E100 for that path
    (see :func:`read_pages`) instead of it vanishing silently.
    """
    found: dict[Path, Path] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = [p for p in path.rglob(f"*{PAGE_SUFFIX}") if p.is_file()]
        else:
            candidates = [path]
        for candidate in candidates:
            key = candidate.resolve() if candidate.exists() else candidate.absolute()
            found.setdefault(key, candidate)
    return sorted(found.values(), key=lambda p: (str(p.parent), p.name))


def _check_year(value: Any, where: str, path: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in YEAR_RANGE:
        raise InputError("E106", path, detail=f"{where}: year must be an integer {YEAR_RANGE.start}-{YEAR_RANGE.stop - 1}, got {value!r}")
    return value


def load_manifest(folder: str | Path) -> dict:
    """``folder/manifest.toml`` as ``{"profile": …, "year": …, "files": {name: entry}}``, an
    entry ``{"year": int}`` and/or ``{"date": datetime.date}`` per page (from ``[pages]``, or
    from the older ``[files]``).

    No manifest gives ``{"files": {}}``. A manifest that is not valid TOML, or whose fields have
    the wrong type, raises InputError E106 naming the file and the problem.
    """
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return {"files": {}}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise InputError("E106", path, detail=str(exc)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("E106", path, detail=str(exc)) from exc
    files: dict[str, dict] = {}
    for table in ("files", "pages"):
        entries = data.pop(table, {})
        if not isinstance(entries, dict):
            raise InputError("E106", path, detail=f"[{table}] must be a table of file names")
        for name, entry in entries.items():
            where = f"{table}.{name!r}"
            if not isinstance(entry, dict):
                raise InputError("E106", path, detail=f"{where} must be a table such as {{ date = 2023-12-15 }}")
            if "year" in entry:
                _check_year(entry["year"], where, path)
            if "date" in entry:
                _check_date(entry["date"], where, path)
                if "year" in entry and entry["year"] != entry["date"].year:
                    raise InputError("E106", path, detail=f"{where}: year {entry['year']} and date {entry['date']} disagree")
            files[name] = {**files.get(name, {}), **entry}
    if "year" in data:
        _check_year(data["year"], "year", path)
    if "profile" in data and not isinstance(data["profile"], str):
        raise InputError("E106", path, detail=f"profile must be a string, got {data['profile']!r}")
    return {**data, "files": files}


def _check_date(value: Any, where: str, path: Path) -> _dt.date:
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date) or value.year not in YEAR_RANGE:
        raise InputError("E106", path, detail=f"{where}: date must be a TOML date such as 2023-12-15 (no quotes, no time), got {value!r}")
    return value


def _dating(path: Path, manifest: dict) -> tuple[int | None, _dt.date | None]:
    """(year, issue date) of a page from its manifest."""
    entry = manifest.get("files", {}).get(path.name, {})
    if "date" in entry:
        return None, entry["date"]
    return entry.get("year", manifest.get("year")), None


def source_names(files: Iterable[Path]) -> dict[Path, str]:
    """The name each page goes by in article ids: its file name, unless two pages read together
    share it — then their paths below the deepest folder they have in common, so that
    ``a/p.txt`` and ``b/p.txt`` give articles ``a/p/001`` and ``b/p/001``, not one ``p/001``.

    >>> source_names([Path("x/a/p.txt"), Path("x/b/p.txt"), Path("x/b/q.txt")])
    {PosixPath('x/a/p.txt'): 'a/p.txt', PosixPath('x/b/p.txt'): 'b/p.txt', PosixPath('x/b/q.txt'): 'q.txt'}
    """
    files = list(files)
    counts: dict[str, int] = {}
    for f in files:
        counts[f.name] = counts.get(f.name, 0) + 1
    clashing = [f.resolve() for f in files if counts[f.name] > 1]
    root = Path(os.path.commonpath(clashing)) if clashing else None
    return {
        f: f.name if counts[f.name] == 1 else f.resolve().relative_to(root).as_posix()
        for f in files
    }


def read_pages(
    paths: Iterable[str | Path],
    *,
    year: int | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Article]:
    """Stream the articles of every page under ``paths`` (files or folders).

    A file that cannot be read (missing, empty, binary, undecodable) or a folder without pages
    (E105) or with a bad manifest (E106) calls ``on_error`` with its :class:`InputError` and
    the other files are still read; with ``on_error=None`` the first error is raised.
    """

    def report(error: InputError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    paths = list(paths)
    for raw in paths:
        folder = Path(raw)
        if folder.is_dir() and not any(p.is_file() for p in folder.rglob(f"*{PAGE_SUFFIX}")):
            report(InputError("E105", folder))
    manifests: dict[Path, dict] = {}
    files = iter_page_files(paths)
    names = source_names(files)
    for path in files:
        if path.parent not in manifests:
            try:
                manifests[path.parent] = load_manifest(path.parent)
            except InputError as error:
                manifests[path.parent] = {"files": {}}
                report(error)
        try:
            text = decode_file(path)
        except InputError as error:
            report(error)
            continue
        page_year, issued = (year, None) if year is not None else _dating(path, manifests[path.parent])
        yield from split_page(text, path, year=page_year, issued=issued, name=names[path])
