"""Reading the data files that ship inside the installed ``jionlp`` package.

jionlp carries China's administrative divisions (province -> village, with codes) and a world
list in its ``dictionary`` folder. Some files ship zipped (``china_location.zip``) and jionlp
unzips them when it is first imported; kg never imports jionlp (slow, prints a banner, and
writes into site-packages), so it reads the ``.txt`` when present and else the member of the
``.zip`` beside it. Nothing is copied into the repository and nothing is downloaded.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import zipfile
from functools import lru_cache
from pathlib import Path

from kg.errors import DataError


def dictionary_dir() -> Path:
    """jionlp's ``dictionary`` folder, found without importing jionlp."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("E301", "jionlp", detail="jionlp is not installed; it provides the gazetteer")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


def source_file(name: str) -> Path:
    """The file that holds ``name``: ``dictionary/<name>`` or the ``.zip`` of the same stem."""
    folder = dictionary_dir()
    for candidate in (folder / name, folder / f"{Path(name).stem}.zip"):
        if candidate.is_file():
            return candidate
    raise DataError("E301", folder / name, detail="jionlp's gazetteer file is missing (neither .txt nor .zip)")


@lru_cache(maxsize=4)
def read_text(name: str) -> str:
    """The text of a jionlp dictionary file, from the ``.txt`` or its ``.zip``.

    >>> "迎泽区" in read_text("china_location.txt")
    True
    """
    path = source_file(name)
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                return archive.read(name).decode("utf-8")
        return path.read_text(encoding="utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise DataError("E301", path, detail=f"cannot read {name}: {exc}") from exc


def version() -> str:
    try:
        return importlib.metadata.version("jionlp")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=1)
def idioms(min_count: int = 10, length: int = 4) -> frozenset[str]:
    """Four-character idioms (成语) of jionlp's ``chinese_idiom.txt`` seen at least ``min_count``
    times in its source corpus (rarer entries are archaic and collide with names).

    >>> "四平八稳" in idioms(), "迎泽区" in idioms()
    (True, False)
    """
    found = set()
    for line in read_text("chinese_idiom.txt").splitlines():
        word, _, count = line.partition("\t")
        if len(word) == length and count.strip().isdigit() and int(count) >= min_count:
            found.add(word)
    return frozenset(found)
