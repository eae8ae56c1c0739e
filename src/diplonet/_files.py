"""Writing output files safely: checked paths, atomic replacement, one clear error.

A file is written to a temporary file in the same folder and renamed over the target only once
complete, so a failure never leaves half a file nor clobbers a good one. A symlink is written
through (the file it points to is replaced, the link stays); ``-`` means standard output, and a
path that is not a regular file (``/dev/stdout``, a FIFO) is written as a stream, once complete.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import DiplonetError

__all__ = [
    "check_output",
    "default_mode",
    "FIGURE_FORMATS",
    "is_stream",
    "replace_folder",
    "save_figure",
    "STDOUT",
    "write_atomic",
    "write_target",
    "write_text",
]

FIGURE_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


#: The output path that means standard output.
STDOUT = "-"


def is_stream(path: str | os.PathLike) -> bool:
    """Whether ``path`` is written as a stream: ``-`` or an existing file that is not regular.

    Parameters
    ----------
    path : path-like
        An output path as the user gave it.

    Returns
    -------
    bool
        True for ``-`` (standard output), ``/dev/stdout``, ``/dev/null``, a FIFO; False for a
        regular file, a folder or a path that does not exist yet.

    Examples
    --------
    >>> is_stream("-"), is_stream("/dev/null"), is_stream("out.json")
    (True, True, False)
    """
    if str(path) == STDOUT:
        return True
    try:
        mode = os.stat(path).st_mode  # follows symlinks: /dev/stdout -> /proc/self/fd/1 -> ...
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_target(path: str | os.PathLike) -> Path:
    """The file to replace for ``path``: the file a symlink points to, so the link survives.

    >>> write_target("out.json")
    PosixPath('out.json')
    """
    out = Path(path)
    if out.is_symlink():
        return Path(os.path.realpath(out))
    return out


def check_output(path: str | os.PathLike, allowed: dict[str, str] | None = None) -> Path:
    """Validate an output path before any work is done; raise :class:`DiplonetError` if unusable."""
    if is_stream(path) and (allowed is None or str(path) != STDOUT):
        return Path(path)
    out = write_target(path)
    if allowed is not None and str(path) == STDOUT:
        raise DiplonetError(
            f"cannot write a figure to standard output: name a {', '.join(allowed)} file"
        )
    if allowed is not None and out.suffix.lower() not in allowed:
        raise DiplonetError(
            f"cannot write {out}: unknown extension {out.suffix or '(none)'!r}; use {', '.join(allowed)}"
        )
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise DiplonetError(f"cannot write {out}: folder {folder} does not exist")
    if out.is_dir():
        raise DiplonetError(f"cannot write {out}: it is a folder")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise DiplonetError(f"cannot write {out}: permission denied")
    return out


def default_mode(directory: bool = False) -> int:
    """The permissions a new file (or folder) gets under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


def write_atomic(path: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``path`` only if it succeeds.

    A stream (see :func:`is_stream`) gets the bytes once ``write`` has finished.
    """
    if is_stream(path):
        return _write_stream(path, write)
    out = check_output(path)
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DiplonetError(f"cannot write {out}: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        write(Path(tmp))
        # mkstemp makes the file private; give it the mode of the file it replaces, or the usual one
        os.chmod(tmp, out.stat().st_mode & 0o777 if out.exists() else default_mode())
        os.replace(tmp, out)
    except OSError as exc:
        raise DiplonetError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def _write_stream(path: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    with tempfile.TemporaryDirectory(prefix="diplonet-") as folder:
        tmp = Path(folder) / "out"
        write(tmp)
        data = tmp.read_bytes()
    try:
        if str(path) == STDOUT:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            with open(path, "wb") as fh:
                fh.write(data)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise DiplonetError(f"cannot write {path}: {exc.strerror or exc}") from None
    return Path(path)


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _svg_tooltips(path: Path, tips: dict[str, str]) -> None:
    """Give the SVG groups with these ids a ``<title>``: the tooltip a browser shows on hover."""
    import html
    import re

    text = path.read_text(encoding="utf-8")

    def add(m: re.Match) -> str:
        tip = tips.get(m.group(1))
        return m.group(0) if tip is None else m.group(0) + f"<title>{html.escape(tip)}</title>"

    text = re.sub(r'<g id="([^"]+)">', add, text)
    path.write_text(text, encoding="utf-8")


def save_figure(fig, path: str | os.PathLike, dpi: int = 150) -> Path:
    """Save a matplotlib figure as PNG, SVG or PDF (by extension), atomically."""
    out = check_output(path, FIGURE_FORMATS)
    fmt = FIGURE_FORMATS[out.suffix.lower()]
    # fixed metadata keeps SVG and PDF output byte-identical from run to run
    meta = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}.get(fmt)
    import matplotlib

    def write(tmp: Path) -> None:
        # a fixed salt makes SVG element ids the same from run to run
        with matplotlib.rc_context({"svg.hashsalt": "diplonet"}):
            fig.savefig(tmp, format=fmt, dpi=dpi, metadata=meta)
        tips = getattr(fig, "diplonet_tooltips", None)
        if fmt == "svg" and tips:
            _svg_tooltips(tmp, tips)

    return write_atomic(out, write)


def replace_folder(target: Path, build, allowed: set[str]) -> Path:
    """Build a folder next to ``target`` and swap it in, keeping the old one until it succeeds.

    A symlink to a folder is written through: the folder it points to is replaced.

    Parameters
    ----------
    target : Path
        The folder to write.
    build : callable
        ``build(folder)`` writes the new folder's files into ``folder`` (a fresh temporary
        folder beside ``target``); an exception leaves ``target`` as it was.
    allowed : set of str
        The names an existing ``target`` may hold: a folder holding anything else is refused,
        never replaced.

    Returns
    -------
    Path
        The folder written.

    Raises
    ------
    DiplonetError
        When ``target`` is a stream or a file, holds other files, or cannot be written.
    """

    if is_stream(target):
        raise DiplonetError(f"cannot write {target}: a dataset folder cannot go to a stream")
    target = write_target(target)
    if target.exists():
        if not target.is_dir():
            raise DiplonetError(f"cannot write {target}: it is a file (csv export writes a folder)")
        extra = {p.name for p in target.iterdir()} - set(allowed)
        if extra:
            raise DiplonetError(
                f"cannot write {target}: the folder holds other files ({', '.join(sorted(extra)[:3])})"
            )
    parent = target.parent if str(target.parent) else Path(".")
    check_output(parent / ".probe")  # folder exists and is writable
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise DiplonetError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.chmod(tmp, default_mode(directory=True))
    old = None
    try:
        build(tmp)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=parent))
            os.rename(target, old / "x")
        os.rename(tmp, target)
    except OSError as exc:
        if old is not None and (old / "x").exists() and not target.exists():
            os.rename(old / "x", target)
        raise DiplonetError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return target
