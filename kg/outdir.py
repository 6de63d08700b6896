"""The output folder of ``kg build`` as one atomic set of files.

Every file of a build is written into a fresh folder beside the output (``.NAME.kg-new-XXXX``);
only when all of them are written is that folder swapped with the output, in one
``renameat2(RENAME_EXCHANGE)`` call where Linux offers it (else two renames, and the next run
puts a stranded previous output back). An error, a full disk or a kill before the swap leaves
the previous output as it was; readers never see new articles beside an old graph.

A second build into the same place waits: builds hold an exclusive ``flock`` on the folder
that holds the output while they write, and a build that finds it taken says so and waits.

Files in the previous output that a build does not write (``show/`` pages of ``kg show``,
``.gitkeep``) are copied into the new folder before the swap. A folder that holds other files
and no kg output is refused before any work (E904): ``kg build … -o ~`` must not swap a home
folder away.

>>> import tempfile; root = Path(tempfile.mkdtemp())
>>> with OutputFolder(root / "out") as out:
...     _ = (out.staging / "graph.json").write_text("{}")
...     out.commit()
>>> sorted(p.name for p in (root / "out").iterdir())
['.kg-output', 'graph.json']
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from kg import __version__
from kg.errors import ExportError, UsageError

#: Written into every output folder: a folder with it is kg's to replace.
MARKER = ".kg-output"
#: Files of older kg outputs (before the marker): a folder with one of them is kg's too.
KNOWN_OUTPUTS = ("graph.json", "report.json")

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _nearest_existing(path: Path) -> Path:
    while not path.exists():
        if path.parent == path:
            break
        path = path.parent
    return path


def check_output(path: str | Path) -> Path:
    """The output folder as an absolute path, or UsageError: E401 when it is a file or cannot
    be created, E904 when it holds files that are not a kg output."""
    path = Path(path).absolute()
    if path.exists() and not path.is_dir():
        raise UsageError("E401", path, detail="exists and is not a folder")
    base = _nearest_existing(path.parent)
    if not base.is_dir():
        raise UsageError("E401", path, detail=f"{base} is not a folder")
    if not os.access(base, os.W_OK | os.X_OK):
        raise UsageError("E401", path, detail=f"{base} is not writable")
    if path.is_dir():
        try:
            names = {p.name for p in path.iterdir()}
        except OSError as exc:
            raise UsageError("E401", path, detail=exc.strerror or str(exc)) from exc
        visible = {n for n in names if not n.startswith(".")}
        if visible and MARKER not in names and not (set(KNOWN_OUTPUTS) & names):
            shown = ", ".join(sorted(visible)[:3]) + (" …" if len(visible) > 3 else "")
            raise UsageError("E904", path, detail=f"{shown}; give an empty folder or a kg output folder")
    return path


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP if hasattr(errno, "ENOTSUP") else errno.EINVAL):
        return False
    raise OSError(err, os.strerror(err), str(b))


class OutputFolder:
    """Context manager: ``staging`` is the folder to write into; :meth:`commit` swaps it in.

    Leaving the block without ``commit()`` (an error, nothing to write) removes the staging
    folder and leaves the output untouched. ``on_wait`` is told (once) when another build holds
    the lock and this one waits for it.
    """

    def __init__(self, path: str | Path, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = check_output(path)
        self.on_wait = on_wait
        self.staging: Path = Path()
        self._lock_fd: int | None = None
        self._committed = False

    # -- lock -------------------------------------------------------------------------------
    def _lock(self) -> None:
        base = _nearest_existing(self.path.parent)
        fd = os.open(base, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if self.on_wait is not None:
                self.on_wait(f"waiting for another kg build writing into {base}")
            fcntl.flock(fd, fcntl.LOCK_EX)
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- life cycle -------------------------------------------------------------------------
    def __enter__(self) -> OutputFolder:
        self._lock()
        try:
            self.path = check_output(self.path)  # again, now that no other build writes
            self._recover()
            base = _nearest_existing(self.path.parent)
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.kg-new-", dir=base))
        except OSError as exc:
            self._unlock()
            raise ExportError("E401", self.path, detail=exc.strerror or str(exc)) from exc
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            if not self._committed and self.staging.name and self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._unlock()

    def _recover(self) -> None:
        """Remove staging folders of killed builds; put back a previous output stranded by a
        kill between the two renames of a swap without RENAME_EXCHANGE."""
        parent = self.path.parent
        if not parent.is_dir():
            return
        old = sorted(parent.glob(f".{self.path.name}.kg-old-*"))
        if old and not self.path.exists():
            os.rename(old[-1], self.path)
            old = old[:-1]
        for stale in old + sorted(parent.glob(f".{self.path.name}.kg-new-*")):
            shutil.rmtree(stale, ignore_errors=True)

    def commit(self) -> None:
        """Swap the staging folder in as the output (see the module docstring)."""
        try:
            (self.staging / MARKER).write_text(f"kg {__version__}\n", encoding="utf-8")
            if self.path.is_dir():
                self._carry_over()
            os.chmod(self.staging, 0o755)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.staging.parent != self.path.parent:  # the parent folder did not exist before
                moved = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.kg-new-", dir=self.path.parent))
                os.rmdir(moved)
                os.rename(self.staging, moved)
                self.staging = moved
            if not self.path.exists():
                os.rename(self.staging, self.path)
            elif _exchange(self.staging, self.path):
                shutil.rmtree(self.staging, ignore_errors=True)  # now the previous output
            else:
                old = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.kg-old-", dir=self.path.parent))
                os.rmdir(old)
                os.rename(self.path, old)
                os.rename(self.staging, self.path)
                shutil.rmtree(old, ignore_errors=True)
            self._committed = True
            _fsync_dir(self.path.parent)
        except OSError as exc:
            raise ExportError("E401", self.path, detail=exc.strerror or str(exc)) from exc

    def _carry_over(self) -> None:
        """Copy what the previous output holds and this build did not write."""
        for entry in self.path.iterdir():
            target = self.staging / entry.name
            if target.exists() or entry.name == MARKER:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, target, symlinks=True)
            else:
                shutil.copy2(entry, target, follow_symlinks=False)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
