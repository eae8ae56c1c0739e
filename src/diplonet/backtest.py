"""Judge the mediator ranking on history: documented mediation episodes, replayed.

``episodes.csv`` (in the dataset's folder) lists mediation episodes between two actors with the
mediators history credits (primary: the one or ones who carried the talks; secondary: a
supporting role) and a dated public source, built from the record, not from the model. For each
episode the ranking of :func:`diplonet.mediation.mediators` is computed as of the day before it,
and scored: **hit@1** when the top-ranked mediator is a primary one, **hit@3** when a credited
mediator (primary or secondary) is among the top three. It prints nothing.
"""

from __future__ import annotations

import csv
import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .dataset import Dataset
from .dates import DateError, PartialDate
from .errors import DataError, DiplonetError, Problem
from .mediation import mediators
from .network import Network
from .scoring import MODELS, Model

__all__ = [
    "Backtest",
    "backtest",
    "Episode",
    "EPISODE_COLUMNS",
    "EPISODE_KINDS",
    "EpisodeResult",
    "EPISODES_FILE",
    "load_episodes",
    "replay",
]

EPISODE_COLUMNS = (
    "id",
    "date",
    "party_a",
    "party_b",
    "kind",
    "primary",
    "secondary",
    "description",
    "source",
    "source_date",
)

#: Kinds of episode, for the ``kind`` column.
EPISODE_KINDS = (
    "ceasefire",
    "truce",
    "prisoner_exchange",
    "reconciliation",
    "normalization",
    "restoration",
    "agreement",
)

EPISODES_FILE = "episodes.csv"


@dataclass(frozen=True)
class Episode:
    """One documented mediation episode.

    Attributes
    ----------
    id : str
    date : datetime.date
        When the agreement took effect.
    announced : datetime.date or None
        When it was first made public, if earlier.
    party_a, party_b : str
        Actor ids.
    kind : str
        One of :data:`EPISODE_KINDS`.
    primary, secondary : tuple of str
        Credited mediators (actor ids).
    description, source, source_date, note : str
    line : int
        Line of ``episodes.csv``.
    """

    id: str
    date: _dt.date
    announced: _dt.date | None
    party_a: str
    party_b: str
    kind: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    description: str
    source: str
    source_date: str
    note: str = ""
    line: int = 0

    @property
    def cutoff(self) -> _dt.date:
        """The day the replay describes: the day before the episode was first public."""
        first = min(self.date, self.announced) if self.announced else self.date
        return first - _dt.timedelta(days=1)

    @property
    def credited(self) -> tuple[str, ...]:
        """Primary and secondary mediators."""
        return self.primary + self.secondary


def load_episodes(dataset: Dataset, path: str | Path | None = None) -> list[Episode]:
    """Read and check ``episodes.csv`` (default: the dataset's own).

    Every problem (unknown actor, bad date, unknown kind, empty credit, duplicate id) is
    collected and raised together as a :class:`~diplonet.errors.DataError` naming file, line
    and column.

    Parameters
    ----------
    dataset : Dataset
        Supplies the actor ids.
    path : path, optional
        Another episodes file.

    Returns
    -------
    list of Episode

    Raises
    ------
    DataError
        Listing every problem found, or a header without the columns of
        :data:`EPISODE_COLUMNS`.
    DiplonetError
        When the file is missing or cannot be read as UTF-8 text.
    """
    file = Path(path) if path is not None else dataset.info.directory / EPISODES_FILE
    label = file.name
    if not file.is_file():
        raise DiplonetError(f"{label}: no episodes file at {file}")
    problems: list[Problem] = []
    out: list[Episode] = []
    seen: set[str] = set()
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DiplonetError(f"{label}: cannot read: {exc}") from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in EPISODE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError([Problem(label, 1, None, f"missing columns: {', '.join(missing)}")])
    actors = dataset.actors
    for line, row in enumerate(reader, 2):
        here = len(problems)

        def bad(col: str, msg: str, line: int = line) -> None:
            problems.append(Problem(label, line, col, msg))

        eid = (row["id"] or "").strip()
        if not eid:
            bad("id", "empty")
        elif eid in seen:
            bad("id", f"duplicate id {eid!r}")
        seen.add(eid)
        try:
            date = PartialDate.parse((row["date"] or "").strip())
            if date.day is None:
                bad("date", "needs a full date YYYY-MM-DD")
        except DateError as exc:
            bad("date", str(exc))
            date = None
        announced = None
        text = (row.get("announced") or "").strip()
        if text:
            try:
                day = PartialDate.parse(text)
                if day.day is None:
                    bad("announced", "needs a full date YYYY-MM-DD")
                else:
                    announced = day.first_day()
                    if date is not None and announced > date.first_day():
                        bad("announced", f"{text} is after the episode's date {date}")
            except DateError as exc:
                bad("announced", str(exc))
        parties = []
        for col in ("party_a", "party_b"):
            who = (row[col] or "").strip()
            if who not in actors:
                bad(col, f"unknown actor {who!r}")
            parties.append(who)
        if parties[0] == parties[1]:
            bad("party_b", "the same actor as party_a")
        credits = {}
        for col in ("primary", "secondary"):
            ids = tuple(x.strip() for x in (row[col] or "").split(";") if x.strip())
            for x in ids:
                if x not in actors:
                    bad(col, f"unknown actor {x!r}")
                elif x in parties:
                    bad(col, f"{x} is a party, not a mediator")
            credits[col] = ids
        if not credits["primary"]:
            bad("primary", "at least one primary mediator is needed")
        if (row["kind"] or "").strip() not in EPISODE_KINDS:
            bad("kind", f"unknown kind {row['kind']!r} (one of {', '.join(EPISODE_KINDS)})")
        if not (row["source"] or "").strip():
            bad("source", "every episode needs its source")
        if len(problems) == here and date is not None:
            out.append(
                Episode(
                    eid,
                    date.first_day(),
                    announced,
                    parties[0],
                    parties[1],
                    row["kind"].strip(),
                    credits["primary"],
                    credits["secondary"],
                    (row["description"] or "").strip(),
                    row["source"].strip(),
                    (row["source_date"] or "").strip(),
                    (row.get("note") or "").strip(),
                    line,
                )
            )
    if problems:
        raise DataError(problems)
    return out


@dataclass(frozen=True)
class EpisodeResult:
    """One episode replayed under one model.

    ``ranking`` is the mediators' ids, best first (acceptable ones first); ``skipped`` says why
    an episode could not be replayed (a party not yet in the data), else it is empty.

    Attributes
    ----------
    episode : Episode
        The episode replayed.
    model : str
        The name of the model it was replayed under.
    as_of : str
        The date of the network it was replayed on (the episode's cutoff), ``YYYY-MM-DD``.
    ranking : tuple of str
        The mediators' ids, best first (empty when skipped).
    skipped : str
        Why the episode could not be replayed, or ``""``.
    """

    episode: Episode
    model: str
    as_of: str
    ranking: tuple[str, ...]
    skipped: str = ""

    @property
    def hit1(self) -> bool:
        """The top-ranked mediator is a primary one."""
        return bool(self.ranking) and self.ranking[0] in self.episode.primary

    @property
    def hit3(self) -> bool:
        """A credited mediator is among the top three."""
        return any(m in self.episode.credited for m in self.ranking[:3])

    @property
    def rank(self) -> int | None:
        """Rank of the best-placed credited mediator (1 = first), or None."""
        for i, m in enumerate(self.ranking, 1):
            if m in self.episode.credited:
                return i
        return None

    def to_dict(self) -> dict:
        """The episode's record in ``backtest --format json``."""
        e = self.episode
        return {
            "id": e.id,
            "date": str(e.date),
            "announced": str(e.announced) if e.announced else None,
            "party_a": e.party_a,
            "party_b": e.party_b,
            "kind": e.kind,
            "primary": list(e.primary),
            "secondary": list(e.secondary),
            "model": self.model,
            "as_of": self.as_of,
            "top3": list(self.ranking[:3]),
            "rank": self.rank,
            "hit1": self.hit1,
            "hit3": self.hit3,
            "skipped": self.skipped or None,
        }


@dataclass(frozen=True)
class Backtest:
    """Every episode replayed under each model, with the summary figures.

    Attributes
    ----------
    results : dict of str to list of EpisodeResult
        Model name → one result per episode, in the order of the episodes.
    """

    results: dict[str, list[EpisodeResult]]

    def summary(self) -> dict[str, dict]:
        """Per model: episodes replayed, skipped, hit@1 and hit@3 (counts and shares)."""
        out = {}
        for name, rows in self.results.items():
            done = [r for r in rows if not r.skipped]
            n = len(done)
            h1 = sum(r.hit1 for r in done)
            h3 = sum(r.hit3 for r in done)
            out[name] = {
                "episodes": n,
                "skipped": len(rows) - n,
                "hit1": h1,
                "hit3": h3,
                "hit1_rate": round(h1 / n, 4) if n else None,
                "hit3_rate": round(h3 / n, 4) if n else None,
            }
        return out


def replay(net: Network, episode: Episode, model: Model) -> EpisodeResult:
    """Rank the mediators of one episode as of the day before it, under ``model``.

    Parameters
    ----------
    net : Network
        The network to replay on; its scenario applies, its date and model do not.
    episode : Episode
    model : Model
        The rules to rank under.

    Returns
    -------
    EpisodeResult
        Skipped (with an empty ranking) when a party is not in the network on the cutoff day.
    """
    day = episode.cutoff
    at = net.as_of(day.isoformat()).with_model(model)
    missing = [p for p in (episode.party_a, episode.party_b) if p not in at.actors]
    if missing:
        return EpisodeResult(
            episode, model.name, day.isoformat(), (), f"{', '.join(missing)} not in the data then"
        )
    ranking = tuple(m.mediator for m in mediators(at, episode.party_a, episode.party_b))
    return EpisodeResult(episode, model.name, day.isoformat(), ranking)


def backtest(
    net: Network, episodes: Sequence[Episode], models: Sequence[str] = ("v2", "v1")
) -> Backtest:
    """Replay every episode under each named model (see :data:`diplonet.scoring.MODELS`).

    Parameters
    ----------
    net : Network
        The network (its scenario applies; its date does not).
    episodes : sequence of Episode
    models : sequence of str
        Names of :data:`diplonet.scoring.MODELS`.

    Returns
    -------
    Backtest

    Raises
    ------
    DiplonetError
        For an unknown model name.

    Examples
    --------
    >>> net = Network.load()
    >>> bt = backtest(net, load_episodes(net.dataset))
    >>> bt.summary()["v2"]["hit3"] >= bt.summary()["v1"]["hit3"]
    True
    """
    for name in models:
        if name not in MODELS:
            raise DiplonetError(f"unknown model {name!r} (one of {', '.join(MODELS)})")
    return Backtest({name: [replay(net, e, MODELS[name]) for e in episodes] for name in models})
