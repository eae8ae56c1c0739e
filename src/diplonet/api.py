"""The Python API: the CLI's queries as methods that return pandas DataFrames.

``import diplonet as dn; net = dn.load()`` gives a :class:`StakeholderNetwork`. Every CLI query
has a method of the same name and options; both call the same query of :mod:`diplonet.answers`,
so a method's DataFrame has one row per record of the CLI's ``--format json`` answer
(:meth:`~diplonet.answers.Answer.to_frame`), and ``df.attrs`` holds the answer's metadata
(:meth:`~diplonet.answers.Answer.meta`): what the JSON carries beside its records (counts, the
frustration index, ...) and the resolved ``query``. Scenarios return new networks and never change the one they are called on.
pandas and matplotlib load here, never on the CLI's quick path.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Iterable, Sequence

import pandas as pd

from . import answers, paths
from .network import Network, PartialDate
from .paths import DEFAULT_MAX_HOPS

__all__ = [
    "load",
    "StakeholderNetwork",
    "to_records",
]


def to_records(df: pd.DataFrame) -> list[dict]:
    """A DataFrame of this API back to JSON-like records (missing numbers become None).

    Parameters
    ----------
    df : pandas.DataFrame
        A DataFrame returned by a :class:`StakeholderNetwork` method (its index is dropped).

    Returns
    -------
    list of dict
        One dict per row, column → value, with float NaN replaced by None.

    Examples
    --------
    >>> to_records(pd.DataFrame({"a": [1.0, float("nan")]}))
    [{'a': 1.0}, {'a': None}]
    """
    out = []
    for row in df.to_dict("records"):
        out.append(
            {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        )
    return out


class StakeholderNetwork:
    """A diplonet network for notebooks and scripts.

    Parameters
    ----------
    network : diplonet.network.Network
        The core network (a dataset seen at one date, under one scenario).

    Examples
    --------
    >>> import diplonet as dn
    >>> net = dn.load(date="2021-05-20")
    >>> net.channels("US", "Hamas")["via"].str[0].tolist()[:2]
    ['Qatar', 'Egypt']
    >>> net.without("Qatar").channels("US", "Hamas")["via"].str[0].tolist()[0]
    'Egypt'
    """

    def __init__(self, network: Network):
        self.network = network

    # -- scenarios ---------------------------------------------------------------------------
    def as_of(self, date: str | PartialDate) -> StakeholderNetwork:
        """The same network on another date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> "normalization" in set(net.as_of("2019").relations("UAE")["type"])
        False
        """
        return StakeholderNetwork(self.network.as_of(date))

    def with_model(
        self, model: str = "v2", allow_hostile_relays: bool = False
    ) -> StakeholderNetwork:
        """The same network under other rules of the channel model (``"v2"`` or ``"v1"``).

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> net.with_model("v1").paths("Egypt", "Hamas", k=1, max_hops=4)["path"].tolist()
        [['Egypt', 'Israel', 'US', 'Qatar', 'Hamas']]
        """
        from .scoring import get_model

        rules = get_model(model)
        if allow_hostile_relays:
            rules = rules.with_(allow_hostile_relays=True)
        return StakeholderNetwork(self.network.with_model(rules))

    def without(self, *actors: str) -> StakeholderNetwork:
        """A network without these actors and their ties.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> net.without("Qatar").summary()["actors"]
        24
        """
        return StakeholderNetwork(self.network.without(*actors))

    def without_relation(self, a: str, b: str, type: str | None = None) -> StakeholderNetwork:
        """A network without the ties between ``a`` and ``b`` (only of ``type``, if given).

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> net.without_relation("Qatar", "Hamas").channels("US", "Hamas")["via"].str[0].tolist()[0]
        'Egypt'
        """
        return StakeholderNetwork(self.network.without_relation(a, b, type))

    # -- what it holds -----------------------------------------------------------------------
    @property
    def date(self) -> PartialDate:
        """The date this network describes."""
        return self.network.date

    @property
    def graph(self):
        """Every relation in force as a networkx MultiDiGraph (see :attr:`Network.graph`)."""
        return self.network.graph

    @property
    def channel_graph(self):
        """Channel links as a networkx Graph with ``strength`` and ``cost`` on each edge."""
        return self.network.channel_graph

    @property
    def signed_graph(self):
        """Net signed ties as a networkx Graph with ``sign`` on each edge."""
        from .balance import signed_graph

        return signed_graph(self.network)

    # -- browsing ----------------------------------------------------------------------------
    def actors(self) -> pd.DataFrame:
        """The actors, as ``diplonet actors --format json``.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> net.actors().set_index("id").loc["PA", "name"]
        'Palestinian Authority'
        """
        return answers.actors(self.network).to_frame()

    def relations(self, *actors: str, history: bool = False) -> pd.DataFrame:
        """Relations in force (or at any date with ``history``): of one actor, or among several
        (both ends named), as ``diplonet relations``.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> sorted(set(net.relations("Qatar").query("target == 'Hamas'")["type"]))
        ['aid', 'hosting']
        """
        return answers.relations(self.network, actors, history).to_frame()

    def show(self, actor: str, history: bool = False) -> pd.DataFrame:
        """One actor's relations; the actor's own attributes are in ``df.attrs``.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> df = net.show("Jordan")
        >>> df.attrs["bloc"], "severed" in set(df["type"])
        ('Arab status quo', True)
        """
        return answers.show(self.network, actor, history).to_frame()

    @staticmethod
    def types() -> pd.DataFrame:
        """The relation vocabulary.

        >>> import diplonet as dn
        >>> bool(dn.StakeholderNetwork.types().set_index("name").loc["no_contact", "channel"])
        False
        """
        return answers.types().to_frame()

    # -- mediation queries -------------------------------------------------------------------
    def channels(
        self,
        source: str,
        *targets: str,
        through: Iterable[str] | None = None,
        via: Iterable[str] = (),
        avoid: Iterable[str] = (),
        max_hops: int = DEFAULT_MAX_HOPS,
        k: int | None = None,
        sensitivity: bool = False,
        draws: int = 200,
        seed: int = 0,
    ) -> pd.DataFrame:
        """The "by, with, and through" channels, as ``diplonet channels``.

        With one target, one row per channel, best first (with ``sensitivity``, the columns
        ``share_first``, ``share_found``, ``rank_low`` and ``rank_high`` of
        :mod:`diplonet.sensitivity`). With several, one row per partner and target that have a
        channel (``partner``, ``target``, ``reaches_all``), and ``df.attrs["reaching_all"]``
        lists the partners that reach every target; :meth:`coverage` gives the same as a
        partner × target table.
        """
        if not targets:
            raise TypeError("channels() needs at least one target")
        return answers.channels(
            self.network,
            source,
            targets,
            through=through,
            via=via,
            avoid=avoid,
            max_hops=max_hops,
            k=k,
            sensitivity=sensitivity,
            draws=draws,
            seed=seed,
        ).to_frame()

    def coverage(
        self,
        source: str,
        targets: Sequence[str],
        through: Iterable[str] | None = None,
        max_hops: int = DEFAULT_MAX_HOPS,
    ) -> pd.DataFrame:
        """Partner × target table of best channel scores (NaN where there is none).

        >>> import diplonet as dn
        >>> table = dn.load(date="2021-05-20").coverage("US", ["Israel", "Hamas"], through=["Jordan"])
        >>> bool(table.isna().loc["Jordan", "Hamas"]), round(float(table.loc["Jordan", "Israel"]), 3)
        (True, 0.64)
        """
        net = self.network
        cov = paths.coverage(
            net,
            source,
            list(targets),
            through=None if through is None else list(through),
            max_hops=max_hops,
        )
        rows = {
            r.partner: {
                f"{cov.source} link": r.source_link.strength if r.source_link else None,
                **{t: (c.score if c else None) for t, c in r.best.items()},
                "reaches all": r.reaches_all,
            }
            for r in cov.rows
        }
        df = pd.DataFrame.from_dict(rows, orient="index", dtype=object).astype(
            {t: float for t in cov.targets}
        )
        df.index.name = "partner"
        df.attrs.update(reaching_all=cov.reaching_all, as_of=str(self.date))
        return df

    def mediators(
        self,
        party_a: str,
        party_b: str,
        k: int | None = None,
        explain: bool = False,
        sensitivity: bool = False,
        draws: int = 200,
        seed: int = 0,
    ) -> pd.DataFrame:
        """Third parties able to mediate, as ``diplonet mediators`` (``--explain`` profiles).

        Each row names the credited actor in ``mediator`` beside ``path``/``via``, with
        ``acceptable`` and ``objections``; ``sensitivity`` adds the stability columns.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> profiles = net.mediators("Israel", "Hamas", explain=True).set_index("mediator")
        >>> profiles.loc["Qatar", "leans_to"], round(float(profiles.loc["Egypt", "lean"]), 2)
        ('Hamas', 0.08)
        """
        return answers.mediators(
            self.network,
            party_a,
            party_b,
            k=k,
            explain=explain,
            sensitivity=sensitivity,
            draws=draws,
            seed=seed,
        ).to_frame()

    def paths(
        self,
        source: str,
        target: str,
        k: int = 5,
        max_hops: int = DEFAULT_MAX_HOPS,
        through: Iterable[str] | None = None,
        via: Iterable[str] = (),
        avoid: Iterable[str] = (),
        sensitivity: bool = False,
        draws: int = 200,
        seed: int = 0,
    ) -> pd.DataFrame:
        """The k best paths, as ``diplonet paths`` (``sensitivity`` adds the stability columns).

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> net.paths("US", "Hamas", k=2, max_hops=3, avoid=["Qatar"])["path"].tolist()
        [['US', 'Egypt', 'Hamas'], ['US', 'Kuwait', 'Egypt', 'Hamas']]
        """
        return answers.paths(
            self.network,
            source,
            target,
            k=k,
            max_hops=max_hops,
            through=through,
            via=via,
            avoid=avoid,
            sensitivity=sensitivity,
            draws=draws,
            seed=seed,
        ).to_frame()

    # -- analysis ----------------------------------------------------------------------------
    def brokers(self, groups: str = "bloc") -> pd.DataFrame:
        """Brokerage roles, z-scores, betweenness, constraint, as ``diplonet brokers``.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> net.brokers()["actor"].tolist()[:2]
        ['US', 'Israel']
        """
        return answers.brokers(self.network, groups).to_frame()

    def balance(self, all: bool = False, method: str = "auto") -> pd.DataFrame:
        """Signed triads (unbalanced, or ``all``); counts and the frustration index in ``attrs``.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> triads = net.balance()
        >>> triads.attrs["frustration"]["index"], len(triads) == triads.attrs["unbalanced"]
        (36, True)
        """
        return answers.balance(self.network, method=method, all_triads=all).to_frame()

    def resilience(self, source: str, target: str) -> pd.DataFrame:
        """Node-disjoint channels; cut, single points of failure and impact in ``attrs``.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> res = net.resilience("US", "Hamas")
        >>> res.attrs["connectivity"], res.attrs["single_points_of_failure"]
        (5, [])
        """
        return answers.resilience(self.network, source, target).to_frame()

    def spoilers(self, source: str, target: str) -> pd.DataFrame:
        """Spoilers (``role`` "spoiler") then objectors (``role`` "objector"), as
        ``diplonet spoilers``.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> found = net.spoilers("US", "Hamas")
        >>> found[found["role"] == "spoiler"]["actor"].tolist()[:1]
        ['Iran']
        """
        return answers.spoilers(self.network, source, target).to_frame()

    def backtest(self, models: Sequence[str] = ("v2", "v1"), episodes=None) -> pd.DataFrame:
        """Replay the documented mediation episodes, as ``diplonet backtest``: one row per
        episode and model; the hit@1/hit@3 summary per model in ``attrs["summary"]``.

        >>> import diplonet as dn
        >>> bt = dn.load().backtest()
        >>> sorted(bt.attrs["summary"])
        ['v1', 'v2']
        """
        return answers.backtest(self.network, models, episodes).to_frame()

    # -- time --------------------------------------------------------------------------------
    def diff(
        self,
        date1: str,
        date2: str,
        channels: tuple[str, str] | None = None,
        max_hops: int = DEFAULT_MAX_HOPS,
    ) -> pd.DataFrame:
        """Relation changes between two dates; sign and channel changes in ``attrs``.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> d = net.diff("2019", "2021-05-20")
        >>> sorted(set(d.query("change == 'appeared' and type == 'normalization'")["source"]))
        ['Bahrain', 'Morocco', 'Sudan', 'UAE']
        """
        return answers.diff(
            self.network, date1, date2, channel_ends=channels, max_hops=max_hops
        ).to_frame()

    def timeline(
        self,
        *actors: str,
        since: str | None = None,
        until: str | None = None,
        between: bool = False,
        channel: tuple[str, str] | None = None,
        max_hops: int = DEFAULT_MAX_HOPS,
    ) -> pd.DataFrame:
        """Dated events (``diplonet timeline``), or with ``channel`` the best channel over time.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> net.timeline("US", "PA", between=True)["date"].tolist()[-2:]
        ['2021-01-31', '2021-04-07']
        >>> net.timeline(channel=("US", "Hamas"))["best"].tolist()[-1]
        ['US', 'Qatar', 'Hamas']
        """
        net = self.network if until is None else self.network.as_of(until)
        if channel is not None:
            return answers.channel_series(net, *channel, since=since, max_hops=max_hops).to_frame()
        return answers.timeline(net, actors, since=since, between=between).to_frame()

    def compare(self, events: str | os.PathLike, min_events: int = 1) -> pd.DataFrame:
        """Event-derived ties (``diplonet ingest gdelt``) against the curated ones, as
        ``diplonet compare``: disagreements first.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> table = net.compare("tests/data/gdelt/events-2019-10.csv")
        >>> table.query("source == 'Israel' and target == 'Hamas'")["verdict"].tolist()
        ['disagrees']
        """
        return answers.compare(
            events, self.network.dataset.info.directory, min_events=min_events
        ).to_frame()

    # -- pictures and files ------------------------------------------------------------------
    def plot(self, **options):
        """A matplotlib Figure of the network (options of :func:`diplonet.plot.network_figure`).

        Nothing is shown and no global state changes: display the figure or save it.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> fig = net.plot(highlight=("US", "Hamas"), layout="geo")
        >>> fig.legends[0].get_texts()[-3].get_text()
        '1. US → Qatar → Hamas  (0.643)'
        """
        from .plot import network_figure

        return network_figure(self.network, **options)

    def plot_channel_history(
        self, source: str, target: str, since: str | None = None, max_hops: int = DEFAULT_MAX_HOPS
    ):
        """A matplotlib Figure of the best channel between two actors over time.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> net.plot_channel_history("US", "Hamas").axes[0].get_ylabel()
        'channel score (0–1)'
        """
        from . import history
        from .plot_time import channel_series_figure

        series = history.channel_series(
            self.network, source, target, since=since, max_hops=max_hops
        )
        s, t = (self.network.resolve(a, present=False) for a in (source, target))
        return channel_series_figure(self.network, s, t, series)

    def export(self, fmt: str, path: str | os.PathLike, **options):
        """Write the network in ``fmt`` (see :func:`diplonet.export.export`); returns the path.

        >>> import tempfile, pathlib
        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> path = net.export("graphml", pathlib.Path(tempfile.mkdtemp()) / "net.graphml")
        >>> path.name, path.stat().st_size > 0
        ('net.graphml', True)
        """
        from .export import export

        return export(self.network, fmt, path, **options)

    # -- display -----------------------------------------------------------------------------
    def summary(self) -> dict:
        """Actors, relations, channel links, the date described and the scenario.

        >>> import diplonet as dn
        >>> net = dn.load(date="2021-05-20")
        >>> net.summary()["as of"], net.summary()["curated through"]
        ('2021-05-20', '2025-10-15')
        """
        net = self.network
        return {
            "title": net.dataset.info.title,
            "actors": len(net.actors),
            "relations": len(net.relations),
            "channel links": net.channel_graph.number_of_edges(),
            "as of": str(net.date),
            "curated through": str(net.curated_through or "unknown"),
            "scenario": "; ".join(net.scenario()) or "none",
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"<StakeholderNetwork: {s['actors']} actors, {s['relations']} relations, "
            f"{self.network.date_note()}"
            + (f"; {s['scenario']}" if s["scenario"] != "none" else "")
            + ">"
        )

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td style='text-align:left'>{html.escape(str(v))}</td></tr>"
            for k, v in self.summary().items()
        )
        buf = io.StringIO()
        fig = self.plot(size=(10, 7))
        fig.savefig(buf, format="svg", metadata={"Date": None})
        svg = buf.getvalue()
        svg = svg[svg.index("<svg") :]
        return f"<div><table>{rows}</table><div style='max-width:900px'>{svg}</div></div>"


def load(
    data: str | os.PathLike | None = None, date: str | PartialDate | None = None
) -> StakeholderNetwork:
    """Load a dataset directory (default: the shipped one) for exploration.

    Parameters
    ----------
    data : path-like, optional
        A dataset directory with ``actors.csv`` and ``relations.csv``.
    date : str or PartialDate, optional
        Only relations in force on this date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); default
        the dataset's curated_through (else today).

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    diplonet.errors.DataError
        Listing every problem in the dataset (a missing directory is one).
    diplonet.errors.DiplonetError
        When ``date`` is not a date.

    Examples
    --------
    >>> import diplonet as dn
    >>> net = dn.load(date="2021-05-20")
    >>> net.summary()["actors"]
    25
    """
    return StakeholderNetwork(Network.load(data, date=date))
