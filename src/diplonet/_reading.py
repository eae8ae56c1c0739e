"""Reading input files safely: inside the dataset's folder, regular files only, bounded in size,
decoded as UTF-8 with any error located by line and character.

Every dataset file and every user-given input goes through :func:`read_text`, so a FIFO, a
device, a symlink leading out of the folder or a file too large to be data is refused with one
clear message instead of hanging or exhausting memory. Nothing here parses CSV or JSON.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from .errors import DiplonetError

__all__ = [
    "check_name",
    "CONTROL",
    "control_character",
    "decode",
    "has_control",
    "FileProblem",
    "MAX_FILE_BYTES",
    "position",
    "read_bytes",
    "read_text",
    "surrogate",
]

#: The largest file read as data (dataset files, event relations, actor maps): 256 MiB.
MAX_FILE_BYTES = 256 * 2**20

#: Characters no data file may hold: C0 controls other than tab, newline and carriage return,
#: and the noncharacters U+FFFE and U+FFFF. XML (GEXF, GraphML) cannot carry them at all.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Every byte but the C0 controls of :data:`CONTROL`: what UTF-8 text may hold and still pass.
_ALLOWED_BYTES = bytes(b for b in range(256) if b >= 0x20 or b in b"\t\n\r")
_BREAK = re.compile(r"\r\n|\r|\n")


class FileProblem(DiplonetError):
    """A file that cannot be read as data; ``line`` and ``char`` locate it when known."""

    def __init__(self, message: str, line: int | None = None, char: int | None = None):
        self.message, self.line, self.char = message, line, char
        where = f"line {line}" + (f", character {char}" if char else "") + ": " if line else ""
        super().__init__(where + message)


def check_name(name: object, directory: Path) -> Path:
    """The path of a file that ``dataset.json`` names, checked to stay inside ``directory``.

    Parameters
    ----------
    name : object
        The value found in ``dataset.json``; it must be a relative path without ``..``.
    directory : Path
        The dataset's folder.

    Returns
    -------
    Path
        ``directory / name``, whose real location (symlinks followed) lies inside the real
        location of ``directory``.

    Raises
    ------
    FileProblem
        If ``name`` is not a non-empty string, is absolute, climbs with ``..`` or leads out of
        the folder through a symlink.

    Examples
    --------
    >>> check_name("brief.txt", Path("data")).name
    'brief.txt'
    >>> check_name("../brief.txt", Path("data"))
    Traceback (most recent call last):
    ...
    diplonet._reading.FileProblem: '../brief.txt' must stay inside the dataset folder (no '..')
    """
    if not isinstance(name, str) or not name.strip():
        raise FileProblem(f"expected a file name, got {name!r}")
    if "\x00" in name or CONTROL.search(name):
        raise FileProblem(f"{name!r} holds a control character")
    pure = Path(name)
    if pure.is_absolute() or name.startswith(("/", "\\")) or pure.drive:
        raise FileProblem(f"{name!r} must be a path inside the dataset folder, not an absolute one")
    if ".." in pure.parts or ".." in re.split(r"[\\/]", name):
        raise FileProblem(f"{name!r} must stay inside the dataset folder (no '..')")
    path = directory / pure
    if not _inside(path, directory):
        raise FileProblem(f"{name!r} is a symlink that leads out of the dataset folder")
    return path


def _inside(path: Path, directory: Path) -> bool:
    try:
        real = Path(os.path.realpath(path))
        root = Path(os.path.realpath(directory))
    except (OSError, ValueError):
        return False
    return real == root or root in real.parents


def read_bytes(
    path: str | os.PathLike, inside: Path | None = None, limit: int = MAX_FILE_BYTES
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, never blocking.

    Parameters
    ----------
    path : path-like
        The file to read.
    inside : Path, optional
        When given, the file's real location must lie inside this folder (a dataset's own
        files may not be symlinks leading out of it).
    limit : int
        The largest size accepted, in bytes.

    Returns
    -------
    bytes

    Raises
    ------
    FileProblem
        If the file is missing, not a regular file (a FIFO, a device, a folder), larger than
        ``limit``, unreadable, or outside ``inside``.
    """
    if inside is not None and not _inside(Path(path), inside):
        raise FileProblem("a symlink that leads out of the dataset folder")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused by fstat
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise FileProblem("file not found") from None
    except OSError as exc:
        raise FileProblem(f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)  # before fdopen, which refuses a folder with its own error
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("not a regular file (a FIFO, socket or device): refused")
        if info.st_size > limit:
            raise FileProblem(f"too large: {info.st_size:,} bytes (the limit is {limit:,})")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise FileProblem(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileProblem(f"too large: over {limit:,} bytes")
    return data


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and character of ``text[index]``; lines end at ``\\n``, ``\\r\\n``, ``\\r``.

    >>> position("ab\\r\\ncd", 5)
    (2, 2)
    """
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, index):
        line, start = line + 1, m.end()
    return line, index - start + 1


def decode(data: bytes) -> str:
    """UTF-8 text (a leading BOM dropped); raise :class:`FileProblem` at the first bad byte.

    >>> decode(b"id\\nQ\\xe9")
    Traceback (most recent call last):
    ...
    diplonet._reading.FileProblem: line 2, character 2: not UTF-8 text (byte 0xe9): save it as UTF-8
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem("UTF-16 text: save it as UTF-8", 1, 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        skip = 3 if data.startswith(codecs.BOM_UTF8) else 0
        before = data[skip : exc.start].decode("utf-8", errors="replace")
        line, char = position(before, len(before))
        raise FileProblem(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}): save it as UTF-8", line, char
        ) from None


def read_text(
    path: str | os.PathLike, inside: Path | None = None, limit: int = MAX_FILE_BYTES
) -> str:
    """The UTF-8 text of a regular file: :func:`read_bytes`, then :func:`decode`.

    Parameters
    ----------
    path : path-like
        The file to read.
    inside : Path, optional
        The folder the file must stay inside (see :func:`read_bytes`).
    limit : int
        The largest size accepted, in bytes.

    Returns
    -------
    str
        The text, line endings untouched (a ``\\r`` in a quoted CSV field stays a ``\\r``).

    Raises
    ------
    FileProblem
        As :func:`read_bytes`, or at the first byte that is not UTF-8, by line and character.

    Examples
    --------
    >>> from diplonet.dataset import default_data_dir
    >>> read_text(default_data_dir() / "actors.csv").startswith("id,name,kind")
    True
    """
    return decode(read_bytes(path, inside, limit))


def control_character(text: str) -> str | None:
    """A description of the first character no data file may hold, or None.

    >>> control_character("Qatar\\x00")
    'control character U+0000 at character 6'
    >>> control_character("line\\tand\\nnext") is None
    True
    """
    m = CONTROL.search(text)
    if m is None:
        return None
    return f"control character U+{ord(m.group()):04X} at character {m.start() + 1}"


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`CONTROL`: the same answer as
    ``CONTROL.search(text) is not None``, five times faster on a whole file (the C0 controls
    looked for in its UTF-8 bytes, where no other character has a byte below 0x20).

    >>> has_control("Qatar\\x00"), has_control("Qatar\\t\\u00e9\\r\\n"), has_control("\\uffff")
    (True, False, True)
    """
    if "\ufffe" in text or "\uffff" in text:
        return True
    data = text.encode("utf-8", "surrogatepass")
    return bool(data.translate(None, _ALLOWED_BYTES))


def surrogate(text: str) -> str | None:
    """A description of the first lone surrogate (only JSON escapes can make one), or None.

    >>> surrogate("a\\ud800")
    'lone surrogate U+D800 at character 2 (not a character)'
    """
    m = _SURROGATE.search(text)
    if m is None:
        return None
    return f"lone surrogate U+{ord(m.group()):04X} at character {m.start() + 1} (not a character)"
