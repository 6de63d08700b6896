"""Finding page files, reading their manifests, and streaming their articles.

A folder of pages may hold a ``manifest.toml`` (see ``seeds/manifest.toml``)::

    profile = "taiyuan_daily"
    year = 2023                                   # optional default for every page
    [pages."000_b783142fb1ce736d.txt"]
    date = 2023-01-09                             # the issue date of the page (a TOML date)
    [pages."002_83424e25a61f6bbd.txt"]
    year = 2022                                   # or only its year (or its profile)

(``[files]`` is the older name of ``[pages]`` and still read; a page in a sub-folder is named
by its path below the manifest's folder, ``"2023/p.txt"``.) Datelines give month and day
only. A page's dates come, in order, from the ``year`` argument, the page's ``date`` (items
without a dateline get the issue date; a dateline takes the issue's year, or the year before
for a day after the issue's), the page's ``year``, the manifest's ``year``, else stay without
a year (``--01-09``); its profile from the ``profile`` argument, the page's entry, the
manifest's ``profile``, else the default.

A folder may instead (or as well) hold a corpus ``index.json`` — ``{"items": [{"file":
"xwlb_20230213_02.txt", "date": "20230213"}, …]}``, as the corpora of THUCNews and 新闻联播
transcripts are distributed — whose dates count as the pages' ``date`` where the manifest gives
none (the manifest wins).

A manifest's settings apply to the pages of its folder and of its sub-folders (a nearer
manifest wins, setting by setting), whatever the order of the arguments of ``kg build``; it is
looked for up to the folder given on the command line, never above it.

Reading is in two steps so that every input is checked before any work: :func:`plan_pages`
walks the arguments and the manifests without reading a page (missing paths, dangling links,
FIFOs and devices, unreadable folders, folders without pages and bad manifests are reported
here, one :class:`~kg.errors.InputError` each); :func:`read_page` then reads one planned page.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import stat
import tomllib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError, InputWarning
from kg.ingest.decode import Decoded, decode_page, read_page_bytes, remove_controls
from kg.ingest.split import split_page
from kg.model import Article, Segment

MANIFEST = "manifest.toml"
CORPUS_INDEX = "index.json"
PAGE_SUFFIX = ".txt"
#: Years outside this range in a manifest are a typo, not a date.
YEAR_RANGE = range(1800, 2201)

OnError = Callable[[InputError], None]


@dataclass(frozen=True, slots=True)
class PageJob:
    """One page to read: its ``path``, the ``name`` its article ids use (see
    :func:`source_names`), and the ``year``, issue date (``issued``) and ``profile`` its
    manifests (or the arguments) give it, None when nothing does."""

    path: Path
    name: str
    year: int | None = None
    profile: str | None = None
    issued: _dt.date | None = None


@dataclass(slots=True)
class Page:
    """A page read: its job, the articles, and warnings about it (W102 encoding guessed, W103
    control characters removed)."""

    job: PageJob
    articles: list[Article] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)


# -- finding files --------------------------------------------------------------------------------


def _walk(folder: Path, report: OnError) -> list[Path]:
    """``*.txt`` below ``folder`` (not following links to folders), in no particular order.

    An unreadable sub-folder, a dangling link and a page that is not a regular file (a FIFO,
    a device) are reported, not skipped silently.
    """
    found: list[Path] = []

    def on_walk_error(exc: OSError) -> None:
        where = exc.filename or folder
        report(InputError("E104", where, detail=f"cannot list folder: {exc.strerror or exc}"))

    for root, _dirs, files in os.walk(folder, onerror=on_walk_error):
        for name in files:
            if not name.endswith(PAGE_SUFFIX):
                continue
            path = Path(root) / name
            problem = _not_a_page(path)
            if problem is not None:
                report(problem)
            else:
                found.append(path)
    return found


def _not_a_page(path: Path) -> InputError | None:
    """Why ``path`` cannot be read as a page without opening it (None if it may be)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return InputError("E100", path, detail="dangling symbolic link" if path.is_symlink() else "")
    except OSError as exc:
        return InputError("E104", path, detail=exc.strerror or str(exc))
    if stat.S_ISDIR(st.st_mode):
        return None  # a folder given as an argument is walked, not read
    if not stat.S_ISREG(st.st_mode):
        try:
            read_page_bytes(path)
        except InputError as error:
            return error
    return None


def iter_page_files(paths: Iterable[str | Path], on_error: OnError | None = None) -> list[Path]:
    """Files as given, folders expanded to their ``*.txt`` (recursive); sorted, deduplicated.

    With ``on_error=None`` a path that does not exist is kept as given, so that reading it
    reports E100 for that path; with ``on_error``, it and every other path that cannot be a page
    (see :func:`plan_pages`) is reported there and left out.
    """
    return [job.path for job in _files(paths, on_error)[0]]


@dataclass(frozen=True, slots=True)
class _Found:
    path: Path
    roots: tuple[Path, ...]  # the argument folders it lies in (resolved), for manifests


def _files(paths: Iterable[str | Path], on_error: OnError | None) -> tuple[list[_Found], list[Path]]:
    """The pages under ``paths`` and the argument folders that held none."""
    keep_missing = on_error is None

    def report(error: InputError) -> None:
        if on_error is not None:
            on_error(error)

    found: dict[Path, tuple[Path, set[Path]]] = {}
    empty: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            pages = _walk(path, report)
            if not pages:
                empty.append(path)
            root = path.resolve()
            for page in pages:
                found.setdefault(page.resolve(), (page, set()))[1].add(root)
            continue
        problem = _not_a_page(path) if os.path.lexists(path) else InputError("E100", path)
        if problem is not None and not keep_missing:
            report(problem)
            continue
        key = path.resolve() if path.exists() else path.absolute()
        found.setdefault(key, (path, set()))
    pages = [_Found(p, tuple(sorted(roots))) for p, roots in found.values()]
    return sorted(pages, key=lambda f: (str(f.path.parent), f.path.name)), empty


# -- manifests ------------------------------------------------------------------------------------


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
    indexed = _index_dates(Path(folder) / CORPUS_INDEX)
    if not path.is_file():
        return {"files": indexed}
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
            if "profile" in entry and not isinstance(entry["profile"], str):
                raise InputError("E106", path, detail=f"{where}: profile must be a string, got {entry['profile']!r}")
            files[name] = {**files.get(name, {}), **entry}
    if "year" in data:
        _check_year(data["year"], "year", path)
    if "profile" in data and not isinstance(data["profile"], str):
        raise InputError("E106", path, detail=f"profile must be a string, got {data['profile']!r}")
    for name, entry in indexed.items():
        files[name] = {**entry, **files.get(name, {})}  # the manifest wins
    return {**data, "files": files}


def _index_dates(path: Path) -> dict[str, dict]:
    """``{file name: {"date": datetime.date}}`` from a corpus ``index.json`` (see the module
    docstring); none when there is no such file. A file that is not such an index raises
    InputError E106 naming it."""
    if not path.is_file():
        return {}
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        out = {}
        for item in items:
            raw = str(item.get("date") or "")
            if not raw:
                continue
            day = _dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])) if re.fullmatch(r"\d{8}", raw) else _dt.date.fromisoformat(raw)
            out[str(item["file"])] = {"date": _check_date(day, f"items[{item['file']!r}]", path)}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError("E106", path, detail=f"not a corpus index ({{\"items\": [{{\"file\", \"date\": \"YYYYMMDD\"}}]}}): {exc}") from exc
    return out


def _check_date(value: Any, where: str, path: Path) -> _dt.date:
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date) or value.year not in YEAR_RANGE:
        raise InputError("E106", path, detail=f"{where}: date must be a TOML date such as 2023-12-15 (no quotes, no time), got {value!r}")
    return value


class _Manifests:
    """Manifests by folder, each read once; a bad one is reported once and counts as none."""

    def __init__(self, report: OnError) -> None:
        self.report = report
        self.by_folder: dict[Path, dict] = {}

    def get(self, folder: Path) -> dict:
        if folder not in self.by_folder:
            try:
                manifest = load_manifest(folder)
            except InputError as error:
                self.report(error)
                manifest = {"files": {}}
            self.by_folder[folder] = manifest
        return self.by_folder[folder]

    def chain(self, page: _Found) -> Iterator[tuple[Path, dict]]:
        """(folder, manifest) from the page's folder up to the highest argument folder holding
        it (only its own folder for a page given by name), nearest first."""
        folder = page.path.parent.resolve()
        top = min(page.roots, key=lambda r: len(r.parts)) if page.roots else folder
        while True:
            yield folder, self.get(folder)
            if folder == top or folder.parent == folder or not folder.is_relative_to(top):
                return
            folder = folder.parent

    def settings(self, page: _Found) -> tuple[int | None, _dt.date | None, str | None]:
        """(year, issue date, profile) of a page from its manifests, nearest setting first."""
        year = issued = profile = None
        name = page.path.parent.resolve() / page.path.name
        for folder, manifest in self.chain(page):
            entry = manifest["files"].get(name.relative_to(folder).as_posix(), {})
            if year is None and issued is None:
                if "date" in entry:
                    issued = entry["date"]
                else:
                    year = entry.get("year", manifest.get("year"))
            if profile is None:
                profile = entry.get("profile", manifest.get("profile"))
                if profile is not None and profile.endswith(".toml") and (folder / profile).is_file():
                    profile = str(folder / profile)
        return year, issued, profile


def source_names(files: Iterable[Path]) -> dict[Path, str]:
    """The name each page goes by in article ids: its file name, unless two pages read
    together share it — then their paths below the deepest folder they have in common, so that
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
        f: _CONTROL_IN_NAME.sub("_", f.name if counts[f.name] == 1 else f.resolve().relative_to(root).as_posix())
        for f in files
    }


#: Control characters in a file name become ``_`` in article ids and sources (labels, IRIs).
_CONTROL_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f]")


def plan_pages(
    paths: Iterable[str | Path],
    *,
    year: int | None = None,
    profile: str | None = None,
    on_error: OnError | None = None,
) -> list[PageJob]:
    """Every page under ``paths`` with its id name, year and profile, without reading a page.

    Reported to ``on_error`` (or raised, with ``on_error=None``), one InputError each: a path
    that does not exist or a dangling link (E100), a folder that cannot be listed, a FIFO or a
    device (E104), a folder without ``.txt`` pages (E105), a bad manifest (E106). ``year`` and
    ``profile`` override every manifest.
    """

    def report(error: InputError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    found, empty = _files(paths, report)
    for folder in empty:
        report(InputError("E105", folder))
    manifests = _Manifests(report)
    names = source_names([f.path for f in found])
    jobs = []
    for page in found:
        page_year, issued, page_profile = manifests.settings(page)
        if year is not None:
            page_year, issued = year, None
        jobs.append(PageJob(page.path, names[page.path], page_year, profile or page_profile, issued))
    return jobs


# -- reading --------------------------------------------------------------------------------------


def _remap(segments: list[Segment], removed: list[int]) -> list[Segment]:
    """Segments over the text without control characters -> segments over the page text
    (``removed``: ascending offsets of the characters taken out); a segment that spanned a
    removed character becomes two.

    >>> _remap([Segment(0, 0, 4)], [2])
    [Segment(start=0, source_start=0, length=2), Segment(start=2, source_start=3, length=2)]
    """
    if not removed:
        return segments
    # original offset of clean offset c = c + (number of removed offsets r with r - index(r) <= c)
    shifted = [r - i for i, r in enumerate(removed)]  # clean offset each removed char sat before
    out: list[Segment] = []
    for seg in segments:
        start, source, length = seg.start, seg.source_start, seg.length
        while length > 0:
            k = bisect_left(shifted, source + 1)  # removed chars at or before this clean offset
            origin = source + k
            run = (shifted[k] - source) if k < len(shifted) else length
            run = min(run, length)
            out.append(Segment(start, origin, run))
            start, source, length = start + run, source + run, length - run
    return out


def articles_of(job: PageJob, data: bytes) -> Page:
    """The articles of a page's bytes: decoded, control characters removed (offsets still
    point into the decoded text), split. Raises InputError if the bytes are no page."""
    decoded: Decoded = decode_page(data, job.path)
    page = Page(job)
    if decoded.warning:
        page.warnings.append(InputWarning("W102", job.path, detail=decoded.warning))
    text, removed = remove_controls(decoded.text)
    if removed:
        page.warnings.append(InputWarning("W103", job.path, detail=f"{len(removed)} control characters removed (first at offset {removed[0]})"))
    articles = split_page(text, job.path, year=job.year, issued=job.issued, name=job.name)
    for article in articles:
        article.segments = _remap(article.segments, removed)
    page.articles = articles
    return page


def read_page(job: PageJob) -> Page:
    """Read one planned page (see :func:`articles_of`); raises InputError for a bad file."""
    return articles_of(job, read_page_bytes(job.path))


def read_pages(
    paths: Iterable[str | Path],
    *,
    year: int | None = None,
    on_error: OnError | None = None,
    on_warning: Callable[[InputWarning], None] | None = None,
) -> Iterator[Article]:
    """Stream the articles of every page under ``paths`` (files or folders).

    A file that cannot be read (missing, empty, binary, undecodable, not a file) or a folder
    without pages (E105) or with a bad manifest (E106) calls ``on_error`` with its
    :class:`InputError` and the other files are still read; with ``on_error=None`` the first
    error is raised. Warnings about pages that were read go to ``on_warning``.
    """

    def report(error: InputError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    for job in plan_pages(paths, year=year, on_error=report):
        try:
            page = read_page(job)
        except InputError as error:
            report(error)
            continue
        for warning in page.warnings:
            if on_warning is not None:
                on_warning(warning)
        yield from page.articles
