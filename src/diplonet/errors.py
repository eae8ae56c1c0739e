"""Errors a user can cause, each carrying everything needed for one clear message.

Every error here is a user's mistake or bad data, never a bug: the CLI prints it without a
traceback and exits with code 2.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DataError",
    "DiplonetError",
    "Problem",
    "UnknownActorError",
]


class DiplonetError(Exception):
    """Base class for errors caused by bad input (data, names, dates, options)."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a dataset file, located by file, line and column.

    ``column`` names a CSV column or a ``dataset.json`` key; ``char`` is the character position
    on the line (1-based) when the problem sits at one, e.g. a byte that is not UTF-8.

    Attributes
    ----------
    file : str
        The file's name as shown to the user (e.g. ``relations.csv``).
    line : int or None
        The line number (1-based), or None for a problem with the whole file.
    column : str or None
        The CSV column or ``dataset.json`` key, or None.
    message : str
        What is wrong, in one sentence.
    char : int or None
        The character position on the line (1-based), when the problem sits at one.

    Examples
    --------
    >>> str(Problem("relations.csv", 12, "strength", "must be between 0 and 1"))
    "relations.csv:12: column 'strength': must be between 0 and 1"
    """

    file: str
    line: int | None
    column: str | None
    message: str
    char: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.char is not None:
                where += f":{self.char}"
        if self.column:
            # a column name is the user's text: escape what a terminal would not show as is
            shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in self.column)
            where += f": column '{shown}'"
        return f"{where}: {self.message}"


class DataError(DiplonetError):
    """A dataset that failed validation; ``problems`` lists every problem found.

    Parameters
    ----------
    problems : list of Problem
        Every problem found; the message counts them and lists one per line.

    Attributes
    ----------
    problems : list of Problem
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the dataset"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class UnknownActorError(DiplonetError):
    """A name that matches no actor id, name or alias.

    Parameters
    ----------
    name : str
        The name as the user gave it.
    suggestions : list of str
        Close matches to offer (empty: the message points to ``diplonet actors``).

    Attributes
    ----------
    name : str
    suggestions : list of str
    """

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        msg = f"unknown actor {name!r}"
        if suggestions:
            msg += f" (did you mean: {', '.join(suggestions)}?)"
        else:
            msg += " (run 'diplonet actors' for the list)"
        super().__init__(msg)
