"""Progress of long work, shown on a terminal: what is being done, how far, and how fast.

Shown only when the CLI turned it on (:func:`enable`) and both standard output and standard
error are terminals and the answer is a table: never in JSON or CSV, never when piped, never
for library callers. One line on standard error, redrawn at most four times a second and
erased when the work is done, so the answer itself is untouched.
"""

from __future__ import annotations

import sys
import time

__all__ = [
    "enable",
    "Progress",
    "wanted",
]

_enabled = False


def wanted(format: str | None) -> bool:
    """Whether a command answering in ``format`` (None: a file or a message) may show progress."""
    if format not in (None, "table"):
        return False
    try:
        return sys.stdout.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def enable(on: bool) -> None:
    """Turn progress display on or off for this process (the CLI decides, per command)."""
    global _enabled
    _enabled = on


class Progress:
    """A counter of ``what`` is done, out of ``total`` if known.

    >>> p = Progress("reading relations.csv", unit="rows")  # silent: not enabled
    >>> p.advance(10); p.done()
    """

    def __init__(self, what: str, total: int | None = None, unit: str = "", stream=None):
        self.what, self.total, self.unit = what, total, unit
        self.stream = stream if stream is not None else sys.stderr
        self.on = _enabled or stream is not None
        self.count = 0
        self.start = self.last = time.monotonic()
        self.shown = False

    def advance(self, n: int = 1) -> None:
        self.count += n
        if self.on and self.count % 1000 < n:  # look at the clock every thousand steps
            now = time.monotonic()
            if now - self.last >= 0.25:
                self.last = now
                self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.count / max(now - self.start, 1e-9)
        far = f"{self.count:,}" + (f"/{self.total:,}" if self.total else "")
        unit = f" {self.unit}" if self.unit else ""
        self.stream.write(f"\r{self.what}: {far}{unit} ({rate:,.0f}/s)\x1b[K")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        """Erase the line, if one was drawn."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
