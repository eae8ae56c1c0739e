"""Read a dataset directory (``actors.csv``, ``relations.csv``, ``dataset.json``) and validate it.

Validation collects every problem, each located by file, line and column, and raises them
together as one :class:`~diplonet.errors.DataError`; nothing downstream ever sees invalid data.
This module reads files and checks values; it knows nothing of graphs or queries.
"""

from __future__ import annotations

import csv
import difflib
import gc
import io
import json
import math
import operator
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice, repeat
from pathlib import Path

from ._progress import Progress
from ._reading import (
    MAX_FILE_BYTES,
    FileProblem,
    check_name,
    control_character,
    has_control,
    read_bytes,
    read_text,
    surrogate,
)
from .dates import DateError, PartialDate
from .errors import DataError, DiplonetError, Problem
from .vocab import ACTOR_KINDS, BRIEF_CITATION, CONFIDENCE_LEVELS, RELATION_TYPES

__all__ = [
    "Actor",
    "ACTOR_COLUMNS",
    "ACTOR_OPTIONAL",
    "close_matches",
    "Dataset",
    "DatasetInfo",
    "default_data_dir",
    "display_path",
    "EVENT_COLUMNS",
    "INFO_KEYS",
    "life_problems",
    "load_dataset",
    "MAIN_RELATIONS",
    "normalise_space",
    "read_info_json",
    "Relation",
    "RELATION_COLUMNS",
    "RELATION_OPTIONAL",
    "resolve_data_dir",
]

ACTOR_COLUMNS = ("id", "name", "kind", "groups", "aliases")
ACTOR_OPTIONAL = ("bloc", "lat", "lon", "start", "end", "note")
RELATION_COLUMNS = (
    "source",
    "target",
    "type",
    "sign",
    "strength",
    "directed",
    "start",
    "end",
    "evidence",
    "citation",
    "confidence",
)
#: Columns that event-derived relations (``type`` = ``events``, see :mod:`diplonet.gdelt`) carry.
EVENT_COLUMNS = (
    "events",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "goldstein_mean",
    "goldstein_sum",
    "event_ids",
    "source_urls",
)
RELATION_OPTIONAL = ("note", *EVENT_COLUMNS)
MAIN_RELATIONS = "relations.csv"

_YEAR = re.compile(r"\b(1[5-9]|20)\d\d\b")
_BAD_ID_CHARS = re.compile(r"[:;,\s]")
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


@dataclass(frozen=True)
class Actor:
    """A stakeholder: a state, an authority, an armed group or an organisation.

    One row of ``actors.csv``, validated.

    Attributes
    ----------
    id : str
        The short unique id relations name it by (no spaces, ``:``, ``;`` or ``,``).
    name : str
        Its full name.
    kind : str
        One of :data:`~diplonet.vocab.ACTOR_KINDS`.
    groups : tuple of str
        The groupings it belongs to (e.g. ``NATO``, ``Quartet``).
    aliases : tuple of str
        Other names it may be called by (any case).
    bloc : str
        The bloc it is coloured by; empty when none.
    lat, lon : float or None
        Where it is drawn on the map layout; both or neither.
    start, end : PartialDate or None
        When it came into and ceased to exist; None when the data do not say (it always
        existed, or still exists).
    note : str
        Free text.
    """

    id: str
    name: str
    kind: str
    groups: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    bloc: str = ""
    lat: float | None = None
    lon: float | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    note: str = ""

    def period(self) -> str:
        """``start–end`` as text; empty when the actor has no dates."""
        if self.start is None and self.end is None:
            return ""
        return f"{self.start or ''}–{self.end or ''}"


@dataclass(frozen=True)
class Relation:
    """One typed, signed, dated, sourced tie between two actors.

    ``line`` is the line of ``relations.csv`` it came from, so every answer can point back to
    its evidence.

    Attributes
    ----------
    source, target : str
        The actor ids at its two ends (for a directed type, from ``source`` to ``target``).
    type : str
        One of :data:`~diplonet.vocab.RELATION_TYPES`.
    sign : int
        ``+1`` (cooperative) or ``-1`` (hostile).
    strength : float
        In (0, 1].
    directed : bool
        Whether it runs one way (as its type does).
    start : PartialDate
        When it began.
    end : PartialDate or None
        The last date it was in force; None while it still is.
    evidence : str
        A quote from the brief, or a description of the public record.
    citation : str
        :data:`~diplonet.vocab.BRIEF_CITATION`, or a public reference naming its year.
    confidence : str
        One of :data:`~diplonet.vocab.CONFIDENCE_LEVELS`.
    note : str
        Free text.
    line : int
        Its line in its relations file (the header is line 1).
    file : str
        The relations file it came from: :data:`MAIN_RELATIONS`, another file the dataset
        lists, or an extra file (by name, or by path when the name is taken).
    extra : tuple of (str, str)
        The event columns (:data:`EVENT_COLUMNS`) of a relation of type ``events``, as
        ``(column, text)`` pairs; empty for every other type.
    """

    source: str
    target: str
    type: str
    sign: int
    strength: float
    directed: bool
    start: PartialDate
    end: PartialDate | None
    evidence: str
    citation: str
    confidence: str
    note: str = ""
    line: int = 0
    file: str = MAIN_RELATIONS
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def ref(self) -> str:
        """A short unique reference: the line, prefixed by the file when not ``relations.csv``."""
        return (
            str(self.line) if self.file == MAIN_RELATIONS else f"{Path(self.file).stem}:{self.line}"
        )

    def event_columns(self) -> dict[str, str]:
        """The event columns of an event-derived relation as a dict (empty for curated ones);
        :attr:`extra` holds them as ``(column, value)`` pairs."""
        return dict(self.extra)

    @property
    def key(self) -> tuple:
        """What identifies a tie across dates: its ends (ordered when directed) and its type."""
        a, b = self.source, self.target
        if self.directed or a <= b:
            return (a, b, self.type)
        return (b, a, self.type)

    @property
    def channel(self) -> bool:
        """Whether this relation's type carries a channel (see :mod:`diplonet.vocab`)."""
        return RELATION_TYPES[self.type].channel

    def involves(self, a: str, b: str | None = None) -> bool:
        """Whether the relation touches ``a`` (and, if given, links ``a`` with ``b``)."""
        ends = {self.source, self.target}
        return a in ends and (b is None or (b in ends and a != b))

    def other(self, actor: str) -> str:
        """The end of the relation that is not ``actor``."""
        return self.target if actor == self.source else self.source

    def period(self) -> str:
        """``start–end`` as text, with an open end shown as ``start–``."""
        return f"{self.start}–{self.end or ''}"

    def arrow(self) -> str:
        """``A → B`` for directed relations, ``A – B`` otherwise."""
        return f"{self.source} {'→' if self.directed else '–'} {self.target}"

    def to_dict(self) -> dict:
        """The relation as a JSON-ready dict: the one JSON shape of a relation, in every answer
        (``docs/schema.md``); ``line`` is its line in its relations file."""
        return {
            "source": self.source,
            "target": self.target,
            "type": self.type,
            "sign": self.sign,
            "strength": self.strength,
            "directed": self.directed,
            "start": str(self.start),
            "end": str(self.end) if self.end else None,
            "evidence": self.evidence,
            "citation": self.citation,
            "confidence": self.confidence,
            "note": self.note,
            "line": self.line,
        }


@dataclass(frozen=True)
class DatasetInfo:
    """What a dataset says about itself (``dataset.json``); every field is optional.

    Attributes
    ----------
    directory : Path
        The dataset's folder.
    title : str
        Its title; empty when none.
    curated_through : PartialDate or None
        The last date its curated relations describe (event-derived ones may go further).
    brief_file : str or None
        The brief's file name in the folder, which ``brief`` citations quote; None when none.
    brief_title : str
        The brief's title.
    relation_files : tuple of str
        Its relation files, in reading order (``relations.csv`` unless it lists others).
    """

    directory: Path
    title: str = ""
    curated_through: PartialDate | None = None
    brief_file: str | None = None
    brief_title: str = ""
    relation_files: tuple[str, ...] = (MAIN_RELATIONS,)


@dataclass(frozen=True)
class Dataset:
    """A validated dataset: actors by id, relations in file order, and its description.

    Attributes
    ----------
    actors : dict of str to Actor
        Every actor by id, in file order.
    relations : tuple of Relation
        Every relation at any date, file after file, each in line order.
    info : DatasetInfo
        What ``dataset.json`` says.
    brief_text : str
        The brief's text as read and checked (empty when there is none).
    """

    actors: dict[str, Actor]
    relations: tuple[Relation, ...]
    info: DatasetInfo
    brief_text: str = field(default="", repr=False)

    def __getstate__(self) -> dict:
        # what a pickle (the dataset cache) keeps: the fields, not what networks derived and
        # kept here (``_columns``, see :mod:`diplonet.network`)
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}


def default_data_dir() -> Path:
    """The shipped dataset: inside the installed package, or ``data/`` in a source checkout.

    Returns
    -------
    Path
        The package's ``data`` folder when it holds ``actors.csv``, else the checkout's.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    if (packaged / "actors.csv").is_file():
        return packaged
    return here.parent.parent / "data"


def resolve_data_dir(data: str | os.PathLike | None = None) -> Path:
    """The dataset directory to use: ``data`` if given, else ``$DIPLONET_DATA``, else shipped.

    Parameters
    ----------
    data : path-like, optional
        A dataset folder; empty or None to fall back on the environment or the shipped one.

    Returns
    -------
    Path
        The folder, not checked to exist (:func:`load_dataset` does that).
    """
    if data:
        return Path(data)
    env = os.environ.get("DIPLONET_DATA")
    if env:
        return Path(env)
    return default_data_dir()


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it, else as given.

    Parameters
    ----------
    path : Path

    Returns
    -------
    str
        The path as shown in messages; as given when it cannot be resolved.
    """
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return str(path)


def normalise_space(text: str) -> str:
    """Collapse runs of white space, so a quote wrapped differently still matches the brief.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        ``text`` with every run of white space (line breaks included) made one space, and
        none at either end.

    Examples
    --------
    >>> normalise_space(" a  quote\\n wrapped ")
    'a quote wrapped'
    """
    return " ".join(text.split())


def close_matches(word: str, candidates: dict[str, str], n: int = 3) -> list[str]:
    """Suggestions for a misspelt ``word``: ``candidates`` maps lowercased spellings to ids.

    Parameters
    ----------
    word : str
        The unknown spelling (matched in lower case).
    candidates : dict of str to str
        Lowercased spellings (ids, names, aliases) to the id each names.
    n : int
        The most suggestions to return.

    Returns
    -------
    list of str
        Up to ``n`` distinct ids, closest spelling first; empty when nothing is close.

    Examples
    --------
    >>> close_matches("Hamaz", {"hamas": "Hamas", "hezbollah": "Hezbollah"})
    ['Hamas']
    """
    hits = difflib.get_close_matches(word.lower(), list(candidates), n=n * 2, cutoff=0.6)
    out: list[str] = []
    for hit in hits:
        if candidates[hit] not in out:
            out.append(candidates[hit])
    return out[:n]


class _Reader:
    """Reads one CSV file row by row, recording problems instead of raising.

    ``inside`` is the dataset folder the file must stay in (None for a file the user names).
    """

    def __init__(self, path: Path, label: str, problems: list[Problem], inside: Path | None = None):
        self.path = path
        self.label = label
        self.problems = problems
        self.inside = inside
        self.header: list[str] = []
        self.today = PartialDate.today()
        # a file of thousands of ties repeats a few thousand dates: parse each text once
        self.dates: dict[str, PartialDate] = {}
        self.future: set[str] = set()  # the texts of those dates that are after today
        self._read: tuple[str | None, FileProblem | None] | None = None
        self._table: tuple[list[int], dict[str, list[str]]] | None = None

    def forget(self) -> None:
        """Let go of the file's text and table (read again if asked for)."""
        self._read = self._table = None

    def text(self) -> str:
        """The file's text, read once (:meth:`table`, then :meth:`rows`, may both want it);
        raises :class:`FileProblem` as :func:`read_text` does, each time it is asked."""
        if self._read is None:
            try:
                self._read = (read_text(self.path, self.inside), None)
            except FileProblem as exc:
                self._read = (None, exc)
        text, problem = self._read
        if problem is not None:
            raise problem
        return text

    def problem(
        self, line: int | None, column: str | None, message: str, char: int | None = None
    ) -> None:
        self.problems.append(Problem(self.label, line, column, message, char))

    def rows(
        self, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> Iterator[tuple[int, dict]]:
        if self._table is not None:
            # table() read the file without a problem of its own (a header, a row's width, a
            # control character): its rows are those the text below would give, in order
            lines, columns = self._table
            self.header = list(columns)
            cells = zip(*columns.values(), strict=True)
            yield from zip(lines, map(dict, map(zip, repeat(self.header), cells)), strict=True)
            return
        try:
            text = self.text()
        except FileProblem as exc:
            self.problem(exc.line, None, exc.message, exc.char)
            return
        # fields may be as long as a file may be (the csv module stops at 131,072 characters)
        csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
        # newline="": lines end only at \n, \r\n or \r (not U+2028, \x0c...), and a \r inside
        # a quoted field stays a \r; strict: a quote left open at the end of the file is an error
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            self.header = [h.strip() for h in next(reader)]
        except StopIteration:
            self.problem(1, None, "file is empty (expected a header row)")
            return
        except csv.Error as exc:
            self.problem(1, None, _csv_message(exc))
            return
        if not self._check_header(required, optional):
            return
        # one search of the whole text spares a search of every cell of a clean file
        clean = not has_control(text)
        last = reader.line_num
        while True:
            first = last + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.problem(first, None, _csv_message(exc))
                return
            last = reader.line_num
            if not row or (not row[0].strip() and all(not cell.strip() for cell in row)):
                continue
            if len(row) != len(self.header):
                self.problem(
                    first,
                    None,
                    f"expected {len(self.header)} fields, found {len(row)} "
                    "(an unquoted comma in a text field?)",
                )
                continue
            if not clean:
                bad = [(h, control_character(c)) for h, c in zip(self.header, row, strict=True)]
                bad = [(h, why) for h, why in bad if why]
                for column, why in bad:
                    self.problem(first, column, f"{why}: not allowed in data")
                if bad:
                    continue
            yield first, dict(zip(self.header, map(str.strip, row), strict=True))

    def _check_header(self, required: tuple[str, ...], optional: tuple[str, ...]) -> bool:
        found = _header_problems(self.header, required, optional)
        for column, message in found:
            self.problem(1, column, message)
        return not found

    def table(
        self, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> tuple[list[int], dict[str, list[str]]] | None:
        """The whole file at once, for the fast paths: each row's line and every column's
        cells (stripped, as :meth:`rows` gives them), or None when anything is off (the file
        cannot be read, its header is wrong, a row is malformed, blank or of the wrong length,
        or a cell holds a control character). None records no problem: :meth:`rows` then
        reads the file row by row and says what is wrong, where."""
        try:
            text = self.text()
        except FileProblem:
            return None
        if has_control(text):
            return None
        csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = [h.strip() for h in next(reader)]
        except (StopIteration, csv.Error):
            return None
        if _header_problems(header, required, optional):
            return None
        width = len(header)
        # block by block: each block of rows is still in the processor's cache when its cells
        # are read column by column (twice as fast as zip(*rows) at 200,000 rows), and only
        # one block of rows is alive at a time
        columns: list[list[str]] = [[] for _ in header]
        odd: list[list[str]] = []  # rows of another width; each then stands as a blank row
        count = 0
        try:
            while block := list(islice(reader, _BLOCK)):
                if set(map(len, block)) - {width}:
                    odd += [row for row in block if len(row) != width]
                    block = [row if len(row) == width else [""] * width for row in block]
                for column, cells in zip(columns, zip(*block, strict=True), strict=True):
                    column += map(str.strip, cells)
                count += len(block)
        except csv.Error:
            return None
        if any(cell.strip() for row in odd for cell in row):
            return None  # a row of the wrong length (blank lines are skipped, as rows() does)
        # each row on one line (no line break inside a quoted cell): row i is on line i + 2;
        # else the reader says where each row ends. Lines end at \n, \r\n or \r.
        breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
        if breaks + (not text.endswith(("\n", "\r"))) == count + 1:
            lines = list(range(2, count + 2))
        else:
            reader = csv.reader(io.StringIO(text, newline=""), strict=True)
            next(reader)
            lines, last = [], reader.line_num
            for _ in reader:
                lines.append(last + 1)
                last = reader.line_num
        if columns and "" in columns[0]:
            # rows of blank cells are skipped too (rows() looks at the first cell, then all)
            blank = {i for i, cell in enumerate(columns[0]) if not cell}
            blank = {i for i in blank if not any(column[i] for column in columns)}
            if blank:
                lines = [line for i, line in enumerate(lines) if i not in blank]
                columns = [[c for i, c in enumerate(col) if i not in blank] for col in columns]
        self._table = lines, dict(zip(header, columns, strict=True))
        return self._table


def _header_problems(
    header: list[str], required: tuple[str, ...], optional: tuple[str, ...]
) -> list[tuple[str, str]]:
    """What is wrong with a header row, as (column, message) pairs; empty when nothing."""
    known = set(required) | set(optional)
    found = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            found.append((name, "column appears twice"))
        seen.add(name)
        if name not in known:
            hint = difflib.get_close_matches(name, sorted(known), n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            found.append((name, f"unknown column{extra}; known: {', '.join(sorted(known))}"))
    for name in required:
        if name not in seen:
            found.append((name, "required column is missing"))
    return found


def _csv_message(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return "malformed CSV: a quoted field is never closed (a missing '\"'?)"
    return f"malformed CSV: {text}"


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


INFO_KEYS = ("title", "curated_through", "brief", "brief_title", "notes", "relations")


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _key_line(text: str, key: str, nth: int = 1) -> int | None:
    """The line of the ``nth`` occurrence of ``"key":`` in a JSON text, if found."""
    pattern = re.compile(re.escape(json.dumps(key)) + r"\s*:")
    for i, m in enumerate(pattern.finditer(text), start=1):
        if i == nth:
            return text.count("\n", 0, m.start()) + 1
    return None


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def read_info_json(directory: Path) -> tuple[dict, list[Problem]]:
    """The raw object of ``dataset.json`` (empty when absent) and the problems of its syntax.

    Parameters
    ----------
    directory : Path
        The dataset's folder.

    Returns
    -------
    (dict, list of Problem)
        The object with its keys as written, and every problem that makes it unusable: not
        a regular file, not UTF-8, not JSON (by line and character), nested too deeply, a
        duplicate key, a lone surrogate or control character in a string, not an object.

    Examples
    --------
    >>> raw, problems = read_info_json(default_data_dir())
    >>> raw["brief"], problems
    ('brief.txt', [])
    """
    raw, _, problems = _info_json(directory)
    return raw, problems


def _info_json(directory: Path) -> tuple[dict, str, list[Problem]]:
    path = directory / "dataset.json"
    label = display_path(path)
    try:
        if not os.path.lexists(path):
            return {}, "", []
        text = read_text(path, inside=directory)
    except FileProblem as exc:
        return {}, "", [Problem(label, exc.line, None, exc.message, exc.char)]
    except OSError as exc:
        return {}, "", [Problem(label, None, None, f"cannot read: {exc.strerror or exc}")]
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        return {}, text, [Problem(label, exc.lineno, None, f"not valid JSON: {exc.msg}", exc.colno)]
    except _DuplicateKey as exc:
        key = str(exc)
        return {}, text, [Problem(label, _key_line(text, key, 2), key, "key appears twice")]
    except RecursionError:
        return {}, text, [Problem(label, 1, None, "not valid JSON: nested too deeply")]
    except ValueError as exc:  # e.g. an integer beyond Python's digit limit
        return {}, text, [Problem(label, None, None, f"not valid JSON: {exc}")]
    if not isinstance(raw, dict):
        return {}, text, [Problem(label, 1, None, "expected a JSON object")]
    for key in raw:
        for value in [key, *_strings(raw[key])]:
            why = surrogate(value) or control_character(value)
            if why:
                return {}, text, [Problem(label, _key_line(text, key), key, f"{why}: not allowed")]
    return raw, text, []


def _json_type(value: object) -> str:
    kinds = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "an object",
    }
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def _read_info(directory: Path, problems: list[Problem]) -> tuple[DatasetInfo, str]:
    raw, text, trouble = _info_json(directory)
    problems += trouble
    if not raw:
        return DatasetInfo(directory=directory), ""
    label = display_path(directory / "dataset.json")

    def bad(key: str, message: str) -> None:
        problems.append(Problem(label, _key_line(text, key), key, message))

    for key in sorted(set(raw) - set(INFO_KEYS)):
        bad(key, "unknown key")
    for key in ("title", "brief_title", "notes", "brief", "curated_through"):
        if key in raw and not isinstance(raw[key], str):
            bad(key, f"expected text in quotes, got {_json_type(raw[key])}")
            raw[key] = None
    curated = None
    if raw.get("curated_through"):
        try:
            curated = PartialDate.parse(raw["curated_through"])
        except DateError as exc:
            bad("curated_through", str(exc))
        else:
            if curated.compare(PartialDate.today()) > 0:
                bad("curated_through", f"{curated} is in the future")
                curated = None
    brief_text = ""
    brief = raw.get("brief") if isinstance(raw.get("brief"), str) else None
    if brief is not None:
        try:
            brief_text = read_text(check_name(brief, directory), inside=directory)
        except FileProblem as exc:
            if exc.line is None:
                bad("brief", f"cannot read {brief!r}: {exc.message}")
            else:
                problems.append(
                    Problem(display_path(directory / brief), exc.line, None, exc.message, exc.char)
                )
            brief = None
        else:
            why = control_character(brief_text)
            if not brief_text.strip():
                bad("brief", f"the brief {brief!r} is empty: no quote can be checked against it")
                brief = None
            elif why:
                bad("brief", f"the brief {brief!r} holds a {why}")
                brief = None
    files = raw.get("relations", [MAIN_RELATIONS])
    if isinstance(files, str):
        files = [files]
    if not isinstance(files, list) or not files or not all(isinstance(f, str) and f for f in files):
        bad("relations", "expected a list of relation file names")
        files = [MAIN_RELATIONS]
    safe = []
    for name in files:
        try:
            check_name(name, directory)
        except FileProblem as exc:
            bad("relations", exc.message)
        else:
            safe.append(name)
    info = DatasetInfo(
        directory=directory,
        title=raw["title"] if isinstance(raw.get("title"), str) else "",
        curated_through=curated,
        brief_file=brief,
        brief_title=raw["brief_title"] if isinstance(raw.get("brief_title"), str) else "",
        relation_files=tuple(dict.fromkeys(safe)),
    )
    return info, brief_text


def _read_actors(directory: Path, problems: list[Problem]) -> tuple[dict[str, Actor], dict]:
    path = directory / "actors.csv"
    reader = _Reader(path, display_path(path), problems, inside=directory)
    actors: dict[str, Actor] = {}
    first_line: dict[str, int] = {}
    spellings: dict[str, tuple[str, int]] = {}  # lowercased id/name/alias -> (id, line)
    for line, row in reader.rows(ACTOR_COLUMNS, ACTOR_OPTIONAL):
        before = len(problems)
        actor_id = row["id"]
        if not actor_id:
            reader.problem(line, "id", "empty id")
            continue
        if _BAD_ID_CHARS.search(actor_id):
            reader.problem(line, "id", f"id {actor_id!r} must not contain spaces, ':', ';' or ','")
        if actor_id in first_line:
            reader.problem(
                line, "id", f"duplicate id {actor_id!r} (first on line {first_line[actor_id]})"
            )
            continue
        first_line[actor_id] = line
        if not row["name"]:
            reader.problem(line, "name", "empty name")
        kind = row["kind"]
        if kind not in ACTOR_KINDS:
            hint = difflib.get_close_matches(kind, list(ACTOR_KINDS), n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            reader.problem(
                line, "kind", f"unknown kind {kind!r}{extra}; known: {', '.join(ACTOR_KINDS)}"
            )
        aliases = _split(row["aliases"])
        for column, spelling in [("id", actor_id), ("name", row["name"])] + [
            ("aliases", a) for a in aliases
        ]:
            key = spelling.lower()
            if not key:
                continue
            owner = spellings.get(key)
            if owner and owner[0] != actor_id:
                reader.problem(
                    line,
                    column,
                    f"{spelling!r} already names actor {owner[0]!r} (line {owner[1]})",
                )
            else:
                spellings[key] = (actor_id, line)
        coords: list[float | None] = []
        for column in ("lat", "lon"):
            text = row.get(column, "")
            if not text:
                coords.append(None)
                continue
            limit = 90 if column == "lat" else 180
            try:
                value = float(text)
            except ValueError:
                reader.problem(line, column, f"{text!r} is not a number")
                coords.append(None)
                continue
            if not -limit <= value <= limit:
                reader.problem(line, column, f"{value} is outside -{limit}..{limit}")
            coords.append(value)
        if bool(row.get("lat")) != bool(row.get("lon")):
            reader.problem(
                line, "lat" if coords[0] is None else "lon", "give both lat and lon, or neither"
            )
        life = _read_dates(row, line, reader, required=False)
        if len(problems) == before:
            actors[actor_id] = Actor(
                id=actor_id,
                name=row["name"],
                kind=kind,
                groups=_split(row["groups"]),
                aliases=aliases,
                bloc=row.get("bloc", ""),
                lat=coords[0],
                lon=coords[1],
                start=life["start"],
                end=life["end"],
                note=row.get("note", ""),
            )
    lookup = {spelling: owner for spelling, (owner, _) in spellings.items()}
    lives = {a.id: (a.start, a.end) for a in actors.values() if a.start or a.end}
    return actors, {"known_ids": set(first_line), "lookup": lookup, "lives": lives}


def life_problems(
    actor: str,
    born: PartialDate | None,
    died: PartialDate | None,
    start: PartialDate,
    end: PartialDate | None,
) -> list[tuple[str, str]]:
    """The one rule for a relation inside an actor's existence: it may not start before the
    actor exists, nor outlive it (a relation with no end outlives an actor that ends).

    Parameters
    ----------
    actor : str
        The actor's id, for the messages.
    born, died : PartialDate or None
        The actor's ``start`` and ``end`` (``actors.csv``).
    start, end : PartialDate, PartialDate or None
        The relation's dates.

    Returns
    -------
    list of (str, str)
        The column at fault (``"start"`` or ``"end"``) and why; empty when the relation fits.

    Examples
    --------
    >>> y = PartialDate.parse
    >>> life_problems("USSR", y("1922"), y("1991-12-26"), y("1950"), None)
    [('end', 'the relation outlives USSR, which ends 1991-12-26')]
    """
    found = []
    if born and start.compare(born) < 0:
        found.append(("start", f"{start} is before {actor} exists (from {born})"))
    if died and (end is None or end.compare(died) > 0):
        found.append(("end", f"the relation outlives {actor}, which ends {died}"))
    return found


def _read_dates(
    row: dict, line: int, reader: _Reader, required: bool
) -> dict[str, PartialDate | None]:
    """The ``start`` and ``end`` of a row, with their problems recorded."""
    dates: dict[str, PartialDate | None] = {"start": None, "end": None}
    today = reader.today
    for column in ("start", "end"):
        text = row.get(column, "")
        if not text:
            if column == "start" and required:
                reader.problem(line, "start", "empty start date (give at least the year)")
            continue
        parsed = reader.dates.get(text)
        if parsed is None:
            try:
                parsed = reader.dates[text] = PartialDate.parse(text)
            except DateError as exc:
                reader.problem(line, column, str(exc))
                continue
            if parsed.compare(today) > 0:  # each date's text checked once, when first seen
                reader.future.add(text)
        dates[column] = parsed
        if text in reader.future:
            reader.problem(line, column, f"{dates[column]} is in the future")
    if dates["start"] and dates["end"] and dates["end"].compare(dates["start"]) < 0:
        reader.problem(line, "end", f"end {dates['end']} is before start {dates['start']}")
    return dates


def _checked(cls, **fields):
    """An instance of the frozen dataclass ``cls`` from values already checked, every field
    given: what ``cls(**fields)`` makes, without the ``object.__setattr__`` call per field that
    a frozen dataclass's ``__init__`` pays (a third of loading 200,000 relations)."""
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


_SIGNS = {"+1": 1, "1": 1, "+": 1, "-1": -1, "-": -1}
_TYPE_NAMES = {name: name for name in RELATION_TYPES}
_LEVEL_NAMES = {name: name for name in CONFIDENCE_LEVELS}


def _parse_sign(text: str) -> int | None:
    return _SIGNS.get(text)


def _relations_at_once(
    reader: _Reader,
    known: dict,
    brief: tuple[str, str],
    info: DatasetInfo,
    seen: dict,
    tag: str,
) -> tuple[list[Relation], dict[str, list]] | None:
    """The relations of a file checked column by column: every check of the row-by-row loop
    of :func:`_read_relations`, on whole columns (set look-ups, each distinct text parsed or
    matched once). Returns None, recording nothing and leaving ``seen`` as it was, as soon as
    any check fails: the row-by-row loop then reports every problem, in order, with its
    message. When it returns relations, they are those the loop makes, field for field,
    with the columns they were made from (by field name)."""
    table = reader.table(RELATION_COLUMNS, RELATION_OPTIONAL)
    if table is None:
        return None
    lines, cols = table
    n = len(lines)
    if not n:
        return [], {name: [] for name in Relation.__dataclass_fields__}
    # ids, types and levels are looked up in their vocabulary, and each cell replaced by the
    # vocabulary's own string: one object per distinct value (a sixth of the strings), so
    # every later look-up, here, in the cache and in networks, finds it by identity
    try:
        ids = known["known_ids"]
        ids = dict(zip(ids, ids, strict=True))
        sources = list(map(ids.__getitem__, cols["source"]))
        targets = list(map(ids.__getitem__, cols["target"]))
        types = list(map(_TYPE_NAMES.__getitem__, cols["type"]))
        levels = list(map(_LEVEL_NAMES.__getitem__, cols["confidence"]))
    except KeyError:
        return None  # an unknown or empty id, type or level (or a blank row)
    if any(map(operator.is_, sources, targets)):
        return None  # a self-tie
    kinds = set(types)
    # sign and direction depend on the type and the two cells only: each triple checked once
    sign_texts, directed_texts = cols["sign"], cols["directed"]
    for name, sign_text, directed_text in set(zip(types, sign_texts, directed_texts, strict=True)):
        rtype = RELATION_TYPES[name]
        sign = _parse_sign(sign_text) if sign_text else rtype.sign
        if not sign or (rtype.sign and sign != rtype.sign):
            return None
        lowered = directed_text.lower()
        if lowered and lowered not in _TRUE and lowered not in _FALSE:
            return None
        if lowered and (lowered in _TRUE) != rtype.directed:
            return None
    # so a relation's direction is its type's, and its sign the one its cell states (its
    # type's when the cell is empty)
    directed_column = list(map({t: RELATION_TYPES[t].directed for t in kinds}.__getitem__, types))
    if "" in set(sign_texts):
        sign_column = [
            _SIGNS[text] if text else RELATION_TYPES[name].sign
            for name, text in zip(types, sign_texts, strict=True)
        ]
    else:
        sign_column = list(map(_SIGNS.__getitem__, sign_texts))
    strengths: dict[str, float] = {}
    for text in set(cols["strength"]):
        try:
            value = float(text)
        except ValueError:
            return None
        if not 0 < value <= 1:  # also rejects nan
            return None
        strengths[text] = value
    # dates: each distinct text parsed once (as _read_dates does, through reader.dates)
    starts, ends = cols["start"], cols["end"]
    if not all(starts):
        return None
    texts = set(starts)
    texts.update(ends)
    texts.discard("")
    parsed: dict[str, PartialDate] = {}
    for text in texts:
        try:
            date = parsed[text] = PartialDate.parse(text)
        except DateError:
            return None
        if date.compare(reader.today) > 0:
            return None
    # an end before its start: each distinct (start, end) pair compared once, found as one
    # number per relation (a start's place times the count, plus its end's place)
    by_place = [None, *parsed.values()]
    place = dict(zip(["", *parsed], range(len(by_place)), strict=True))
    count = len(by_place)
    first = {text: i * count for text, i in place.items()}
    pairs = map(operator.add, map(first.__getitem__, starts), map(place.__getitem__, ends))
    for pair in set(pairs):
        start, end = divmod(pair, count)
        if end and by_place[end].compare(by_place[start]) < 0:
            return None
    limit = info.curated_through
    if limit is not None:
        late = {text for text, date in parsed.items() if date.compare(limit) > 0}
        if late and any(
            name != "events" and (start in late or end in late)
            for name, start, end in zip(types, starts, ends, strict=True)
        ):
            return None
    start_dates = list(map(parsed.__getitem__, starts))
    end_dates = list(map(parsed.get, ends))
    lives = known["lives"]
    if lives and not (lives.keys().isdisjoint(sources) and lives.keys().isdisjoint(targets)):
        for a, b, start, end in zip(sources, targets, start_dates, end_dates, strict=True):
            for actor in (a, b):
                life = lives.get(actor)
                if life is not None and life_problems(actor, *life, start, end):
                    return None
    evidence, citations = cols["evidence"], cols["citation"]
    if not (all(evidence) and all(citations)):
        return None
    cited = set(citations)
    citations = list(map(dict(zip(cited, cited, strict=True)).__getitem__, citations))
    if BRIEF_CITATION in cited:
        if not info.brief_file:
            return None
        brief_text, brief_norm = brief  # the brief's text, and its white space collapsed
        if brief_text:
            quoted = {e for e, c in zip(evidence, citations, strict=True) if c == BRIEF_CITATION}
            if any(normalise_space(e) not in brief_norm for e in quoted):
                return None
    if any(not _YEAR.search(c) for c in cited if c != BRIEF_CITATION):
        return None
    extras: list = [()] * n
    if any(c in cols for c in EVENT_COLUMNS) or "events" in kinds:
        present = [(c, cols[c]) for c in EVENT_COLUMNS if c in cols]
        events = RELATION_TYPES["events"]
        failed: list = []
        for i, name in enumerate(types):
            row = {c: column[i] for c, column in present}
            if name != "events":
                if any(row.values()):
                    return None
                continue
            extras[i] = _event_columns(row, events, lambda *_: failed.append(1))
            if failed:
                return None
    # the key of a tie, as the loop makes it: its ends sorted unless directed, type, start
    keys = [
        (a, b, t, s) if d or a <= b else (b, a, t, s)
        for a, b, t, s, d in zip(sources, targets, types, starts, directed_column, strict=True)
    ]
    fresh = dict(zip(keys, zip([tag] * n, lines, strict=True), strict=True))
    if len(fresh) != n or (seen and not seen.keys().isdisjoint(fresh.keys())):
        return None  # a duplicate, in this file or an earlier one
    seen.update(fresh)
    # from here on nothing can fail: let go of what the relations do not keep (the file's
    # text, the cells turned into numbers, dates or shared strings) before making them
    reader.forget()
    del keys, fresh
    columns = {
        "source": sources,
        "target": targets,
        "type": types,
        "sign": sign_column,
        "strength": list(map(strengths.__getitem__, cols.pop("strength"))),
        "directed": directed_column,
        "start": start_dates,
        "end": end_dates,
        "evidence": cols.pop("evidence"),
        "citation": citations,
        "confidence": levels,
        "note": cols.pop("note", [""] * n),
        "line": lines,
        "file": [tag] * n,
        "extra": extras,
    }
    del table, cols, evidence, starts, ends, sign_texts, directed_texts
    return _made(Relation, n, columns), columns


def _made(cls, n: int, columns: dict[str, list]) -> list:
    """``n`` instances of the frozen dataclass ``cls`` from checked columns (one per field,
    in field order): what :func:`_checked` makes row by row, each field set in its field
    order, filled column by column within blocks of rows (half the time)."""
    new = object.__new__
    made = [new(cls) for _ in range(n)]
    fields = [obj.__dict__ for obj in made]
    named = [(name, columns[name]) for name in cls.__dataclass_fields__]
    if any(len(column) != n for _, column in named):
        raise ValueError("columns of another length")
    for low in range(0, n, _BLOCK):
        block = fields[low : low + _BLOCK]
        for name, column in named:
            for values, value in zip(block, column[low : low + _BLOCK], strict=True):
                values[name] = value
    return made


#: Rows handled at once by the column-by-column code: a block's objects stay in the
#: processor's cache while each of its columns is read or filled.
_BLOCK = 2048


def _read_relations(
    directory: Path,
    known: dict,
    brief_text: str,
    info: DatasetInfo,
    problems: list[Problem],
    file: str = MAIN_RELATIONS,
    seen: dict | None = None,
    tag: str | None = None,
    inside: bool = True,
    read: list | None = None,
) -> list[Relation]:
    tag = tag or file  # the name relations keep of their file
    label = display_path(directory / file)
    reader = _Reader(directory / file, label, problems, inside=directory if inside else None)
    brief_norm = normalise_space(brief_text) if brief_text else ""
    relations: list[Relation] = []
    seen = {} if seen is None else seen
    known_ids: set[str] = known["known_ids"]
    cited: set[str] = set()  # citations already found to name a year
    event_header = None
    after_limit: dict[int, bool] = {}
    fast = _relations_at_once(reader, known, (brief_text, brief_norm), info, seen, tag)
    if read is not None:  # the columns of the relations, for the dataset cache (None: none)
        read.append(fast and fast[1])
    if fast is not None:
        return fast[0]
    # something is wrong (or unusual) in this file: row by row, saying what and where
    shown = Progress(f"checking {label}", unit="rows")
    for line, row in reader.rows(RELATION_COLUMNS, RELATION_OPTIONAL):
        shown.advance()
        before = len(problems)
        if event_header is None:
            event_header = any(c in reader.header for c in EVENT_COLUMNS)

        def bad(column: str, message: str, line: int = line) -> None:
            reader.problem(line, column, message)

        for column in ("source", "target"):
            actor = row[column]
            if not actor:
                bad(column, "empty actor id")
            elif actor not in known_ids:
                hints = close_matches(actor, known["lookup"])
                owner = known["lookup"].get(actor.lower())
                if owner:
                    bad(column, f"{actor!r} is not an actor id; use the id {owner!r}")
                else:
                    extra = f" (did you mean: {', '.join(hints)}?)" if hints else ""
                    bad(column, f"unknown actor {actor!r}{extra}")
        if row["source"] and row["source"] == row["target"]:
            bad("target", f"self-tie: {row['source']!r} is both source and target")
        rtype = RELATION_TYPES.get(row["type"])
        if rtype is None:
            hint = difflib.get_close_matches(row["type"], list(RELATION_TYPES), n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            bad("type", f"unknown type {row['type']!r}{extra}; known: {', '.join(RELATION_TYPES)}")
        sign = _parse_sign(row["sign"]) if row["sign"] else (rtype.sign if rtype else None)
        if sign == 0:
            bad("sign", f"type {rtype.name!r} needs its sign stated: +1 or -1")
        elif sign is None:
            bad("sign", f"{row['sign']!r} is not a sign (use +1 or -1)")
        elif rtype and rtype.sign and sign != rtype.sign:
            bad(
                "sign",
                f"sign {sign:+d} contradicts type {rtype.name!r}, which is always {rtype.sign:+d}",
            )
        strength = None
        try:
            strength = float(row["strength"])
        except ValueError:
            bad("strength", f"{row['strength']!r} is not a number in (0, 1]")
        else:
            if not 0 < strength <= 1:  # also rejects nan
                bad("strength", f"{row['strength']} is outside (0, 1]")
        directed_text = row["directed"].lower()
        if not directed_text:
            directed = rtype.directed if rtype else False
        elif directed_text in _TRUE or directed_text in _FALSE:
            directed = directed_text in _TRUE
            if rtype and directed != rtype.directed:
                bad(
                    "directed",
                    f"type {rtype.name!r} is {'directed' if rtype.directed else 'undirected'}; "
                    f"got {row['directed']!r}",
                )
        else:
            bad("directed", f"{row['directed']!r} is not true or false")
            directed = False
        dates = _read_dates(row, line, reader, required=True)
        limit = info.curated_through
        if limit is not None and row["type"] != "events":
            # curated data describe nothing after their curation date (machine-coded events may)
            for column in ("start", "end"):
                date = dates[column]
                if date is None:
                    continue
                # dates are shared (parsed once per text): each compared once
                late = after_limit.get(id(date))
                if late is None:
                    late = after_limit[id(date)] = date.compare(limit) > 0
                if late:
                    bad(column, f"{date} is after curated_through ({limit}, dataset.json)")
        for column in ("source", "target"):
            life = known["lives"].get(row[column])
            if life is None or dates["start"] is None:
                continue
            for where, why in life_problems(row[column], *life, dates["start"], dates["end"]):
                bad(where, why)
        evidence, citation = row["evidence"], row["citation"]
        if not evidence:
            bad("evidence", "empty evidence: quote the brief or describe the public record")
        if not citation:
            bad(
                "citation",
                f"empty citation: use '{BRIEF_CITATION}' or name a public reference with its year",
            )
        elif citation == BRIEF_CITATION:
            if not info.brief_file:
                bad("citation", "cites the brief, but dataset.json names no brief file")
            elif brief_text and evidence and normalise_space(evidence) not in brief_norm:
                bad(
                    "evidence",
                    f"quote not found in the brief ({info.brief_file}): {evidence[:60]!r}",
                )
        elif citation not in cited:
            if _YEAR.search(citation):
                cited.add(citation)
            else:
                bad(
                    "citation",
                    f"{citation!r} names no year: say when the treaty, accord or event was",
                )
        if row["confidence"] not in CONFIDENCE_LEVELS:
            bad("confidence", f"{row['confidence']!r} is not one of {', '.join(CONFIDENCE_LEVELS)}")
        extra = _event_columns(row, rtype, bad) if event_header or row["type"] == "events" else ()
        if len(problems) > before:
            continue
        ends = (row["source"], row["target"])
        # a valid date's text is its canonical form (str(PartialDate.parse(text)) == text)
        key = (ends if directed else tuple(sorted(ends))) + (row["type"], row["start"])
        if key in seen:
            first_tag, first_line = seen[key]
            where = f"line {first_line}"
            if first_tag != MAIN_RELATIONS:
                where = f"{first_tag} {where}"
            bad("type", f"duplicate of the relation on {where} (same actors, type and start)")
            continue
        seen[key] = (tag, line)
        relations.append(
            _checked(
                Relation,
                source=row["source"],
                target=row["target"],
                type=row["type"],
                sign=sign,
                strength=strength,
                directed=directed,
                start=dates["start"],
                end=dates["end"],
                evidence=evidence,
                citation=citation,
                confidence=row["confidence"],
                note=row.get("note", ""),
                line=line,
                file=tag,
                extra=extra,
            )
        )
    shown.done()
    return relations


_EVENT_INTS = (
    "events",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
)


def _event_columns(row: dict, rtype, bad) -> tuple[tuple[str, str], ...]:
    """Check the event columns: required and numeric on ``events`` rows, absent on others."""
    present = {c: row.get(c, "") for c in EVENT_COLUMNS if row.get(c, "")}
    if rtype is None:
        return ()
    if rtype.name != "events":
        for column in present:
            bad(column, f"event columns belong to type 'events' rows, not {rtype.name!r}")
        return ()
    for column in (*_EVENT_INTS, "goldstein_mean", "goldstein_sum"):
        text = row.get(column, "")
        if not text:
            bad(column, "required on an 'events' row")
            continue
        try:
            if column in _EVENT_INTS and not re.fullmatch(r"-?[0-9]+", text):
                raise ValueError
            value = int(text) if column in _EVENT_INTS else float(text)
            if not math.isfinite(value):
                raise ValueError
        except ValueError:
            bad(
                column,
                f"{text!r} is not {'a whole number' if column in _EVENT_INTS else 'a number'}",
            )
            continue
        if column in _EVENT_INTS and value < 0:
            bad(column, f"{value} is negative")
        if column == "goldstein_mean" and not -10 <= value <= 10:
            bad(column, f"{value} is outside the Goldstein scale (-10..10)")
    return tuple((c, row.get(c, "")) for c in EVENT_COLUMNS)


def _fingerprint(
    directory: Path, extra_relations, min_bytes: int = 0
) -> tuple[list[tuple[str, bytes]], int] | None:
    """Every file the loader will read, as (name, bytes), and their total size; None when one
    cannot be read cleanly (the ordinary load then reports why)."""
    try:
        parts = []
        info = directory / "dataset.json"
        raw: dict = {}
        if os.path.lexists(info):
            data = read_bytes(info, inside=directory)
            parts.append(("dataset.json", data))
            raw = json.loads(data)
            if not isinstance(raw, dict):
                return None
        names = ["actors.csv"]
        if isinstance(raw.get("brief"), str):
            names.append(raw["brief"])
        files = raw.get("relations", [MAIN_RELATIONS])
        names += [files] if isinstance(files, str) else list(files)
        paths = [check_name(name, directory) for name in names]
        size = sum(os.stat(p).st_size for p in paths) + sum(len(d) for _, d in parts)
        if size < min_bytes:
            return [], size  # too small to cache: not worth reading twice
        for name, path in zip(names, paths, strict=True):
            parts.append((name, read_bytes(path, inside=directory)))
        for extra in extra_relations:
            parts.append((f"extra:{Path(extra).resolve()}", read_bytes(extra)))
        if extra_relations:  # an extra file may be tagged by its path from here
            parts.append(("cwd", os.getcwd().encode("utf-8", "surrogateescape")))
    except (FileProblem, OSError, ValueError, TypeError, RecursionError):
        return None
    return parts, sum(len(data) for _, data in parts)


def load_dataset(
    data: str | os.PathLike | None = None,
    extra_relations: list[str | os.PathLike] = (),
    cache: str = "off",
) -> Dataset:
    """Read and validate a dataset directory; raise :class:`DataError` listing every problem.

    Parameters
    ----------
    data : path-like, optional
        The dataset directory. Defaults to ``$DIPLONET_DATA`` or the shipped dataset.
    extra_relations : list of path-like
        More relation files to read with the dataset's own (e.g. ingested GDELT events),
        validated the same way.
    cache : {"off", "on", "refresh"}
        ``"on"``: reuse the validated dataset stored in the user's cache folder when every
        file read is byte for byte the same (:mod:`diplonet._cache`; datasets of at least
        :data:`diplonet._cache.MIN_BYTES` only), else validate and store it. ``"refresh"``:
        always validate, then store. ``"off"`` (the default): neither.

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        If any file is missing or malformed, or any value fails a check.
    DiplonetError
        If ``cache`` is not one of its three values.

    Examples
    --------
    >>> ds = load_dataset()
    >>> "Hamas" in ds.actors
    True
    """
    # Hundreds of thousands of long-lived objects set off the cyclic garbage collector again
    # and again (a third of the time on 200,000 ties), and they hold no cycles: pause it.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load_dataset(data, extra_relations, cache)
    finally:
        if paused:
            gc.enable()


def _load_dataset(
    data: str | os.PathLike | None, extra_relations: list[str | os.PathLike], cache: str
) -> Dataset:
    directory = resolve_data_dir(data)
    problems: list[Problem] = []
    try:
        os.listdir(directory)  # a folder we may read (raises for a file, a loop, no permission)
    except OSError as exc:
        if isinstance(exc, NotADirectoryError):
            what = "is a file, not a dataset folder"
        elif isinstance(exc, FileNotFoundError):
            what = "dataset directory not found"
        else:
            what = f"cannot read the dataset folder: {exc.strerror or exc}"
        raise DataError([Problem(display_path(directory), None, None, what)]) from None
    entry = None
    if cache in ("on", "refresh"):
        from . import _cache as store  # light: pickle loads only for a large dataset

        found = _fingerprint(directory, extra_relations, store.MIN_BYTES)
        if found is not None and found[1] >= store.MIN_BYTES:
            entry = store.key(found[0])
            found = None  # every file's bytes: not kept while loading
            cached = store.load(entry, (Dataset, Relation)) if cache == "on" else None
            if cached is not None:
                # the same bytes may sit in another folder: the answer names this one
                info = replace(cached.info, directory=directory)
                found = Dataset(cached.actors, cached.relations, info, cached.brief_text)
                if "_raw_columns" in cached.__dict__:  # the columns the cache read them from
                    found.__dict__["_raw_columns"] = cached.__dict__["_raw_columns"]
                return found
    elif cache != "off":
        raise DiplonetError(f"cache must be 'off', 'on' or 'refresh', got {cache!r}")
    info, brief_text = _read_info(directory, problems)
    actors, known = _read_actors(directory, problems)
    relations: list[Relation] = []
    seen: dict = {}
    read: list = []  # each file's columns, when checked at once
    for file in info.relation_files:
        relations += _read_relations(
            directory, known, brief_text, info, problems, file, seen, read=read
        )
    for extra in extra_relations:
        path = Path(extra)
        tag = path.name if path.name not in info.relation_files else display_path(path)
        relations += _read_relations(
            path.parent, known, brief_text, info, problems, path.name, seen, tag, False, read
        )
    if problems:
        raise DataError(problems)
    dataset = Dataset(actors=actors, relations=tuple(relations), info=info, brief_text=brief_text)
    if entry is not None:
        from . import _cache as store

        columns = None  # the relations' columns, when every file gave them: not read again
        if len(read) == 1:
            columns = read[0]
        elif read and all(part is not None for part in read):
            columns = {
                name: list(chain.from_iterable(part[name] for part in read))
                for name in Relation.__dataclass_fields__
            }
        store.store(entry, dataset, columns)
    return dataset
