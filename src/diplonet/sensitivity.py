"""How stable a ranking is: rerun it under many plausible versions of the model and the data.

Each draw (seeded, so reproducible) takes a relay factor uniformly from
:data:`diplonet.scoring.RELAY_FACTOR_RANGE` and moves every relation's strength by a relative
amount drawn uniformly within the band its confidence allows
(:data:`diplonet.scoring.CONFIDENCE_BANDS`: ±10 % high, ±20 % medium, ±35 % low), clipped to
(0, 1]. The ranking is recomputed on each draw. For every answer of the unperturbed ranking (and
any that only appear in draws) it reports ``share_first``, the share of draws in which it ranks
first (over draws with at least one answer, so the shares sum to 1), ``share_found``, the share
of draws in which it is found at all, and ``rank_low``/``rank_high``, the 5th and 95th
percentiles of its rank over the draws that find it. It prints nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from .errors import DiplonetError
from .network import Network
from .scoring import CONFIDENCE_BANDS, RELAY_FACTOR_RANGE

__all__ = [
    "annotate",
    "DEFAULT_DRAWS",
    "draw_models",
    "MAX_DRAWS",
    "Stability",
    "stability",
]

#: Draws per sensitivity run by default, and the most allowed.
DEFAULT_DRAWS = 200
MAX_DRAWS = 10_000


@dataclass(frozen=True)
class Stability:
    """The stability of one answer across the draws.

    Attributes
    ----------
    key : hashable
        What identifies the answer (a path, or a mediator's id).
    share_first : float
        Share of draws (with any answer) in which it ranks first.
    share_found : float
        Share of draws in which it appears at all.
    rank_low, rank_high : int or None
        5th and 95th percentile of its rank (1 = first) over the draws that find it.
    """

    key: Hashable
    share_first: float
    share_found: float
    rank_low: int | None
    rank_high: int | None

    def to_dict(self) -> dict:
        """The keys added to an answer's JSON record by ``--sensitivity``."""
        return {
            "share_first": round(self.share_first, 4),
            "share_found": round(self.share_found, 4),
            "rank_low": self.rank_low,
            "rank_high": self.rank_high,
        }


def draw_models(net: Network, draws: int, seed: int = 0):
    """Yield ``draws`` networks like ``net`` with a drawn relay factor and perturbed strengths.

    Parameters
    ----------
    net : Network
    draws : int
        From 1 to :data:`MAX_DRAWS`.
    seed : int
        The random seed: the same seed gives the same draws.

    Yields
    ------
    Network
        ``net`` under a copy of its model with the drawn relay factor (kept as it is when the
        model's is 1, as in v1) and strength overrides for every relation at any date.

    Raises
    ------
    DiplonetError
        When ``draws`` is out of range (raised on the first ``next``).
    """
    if not 1 <= draws <= MAX_DRAWS:
        raise DiplonetError(f"draws must be between 1 and {MAX_DRAWS}, got {draws}")
    rng = random.Random(seed)
    rels = net.relations_at_any_date()
    lo, hi = RELAY_FACTOR_RANGE
    base = net.model
    relay = base.relay_factor < 1.0
    for _ in range(draws):
        rho = rng.uniform(lo, hi) if relay else base.relay_factor
        strengths = {}
        for r in rels:
            band = CONFIDENCE_BANDS.get(r.confidence, CONFIDENCE_BANDS["low"])
            s = r.strength * (1.0 + rng.uniform(-band, band))
            strengths[r.ref] = min(1.0, max(0.01, s))
        yield net.with_model(base.with_(relay_factor=rho, strengths=strengths))


def _percentile(values: Sequence[int], q: float) -> int:
    ordered = sorted(values)
    i = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[i]


def stability(
    net: Network,
    rank: Callable[[Network], Sequence[Hashable]],
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
) -> dict[Hashable, Stability]:
    """Rerun ``rank`` (a function from a network to its ranked answer keys) on ``draws`` draws.

    Parameters
    ----------
    net : Network
    rank : callable
        ``rank(network) -> [key, ...]`` best first.
    draws : int
        From 1 to :data:`MAX_DRAWS`.
    seed : int
        The random seed of :func:`draw_models`.

    Returns
    -------
    dict
        :class:`Stability` by answer key, for every key seen in any draw.

    Examples
    --------
    >>> from diplonet import mediation
    >>> net = Network.load(date="2021-05-20")
    >>> st = stability(net, lambda n: [m.mediator for m in mediation.mediators(n, "Israel", "Hamas")], draws=20)
    >>> round(sum(s.share_first for s in st.values()), 6)
    1.0
    >>> st["Egypt"].share_first > 0.5
    True
    """
    ranks: dict[Hashable, list[int]] = {}
    firsts: dict[Hashable, int] = {}
    answered = 0
    for drawn in draw_models(net, draws, seed):
        keys = list(rank(drawn))
        if keys:
            answered += 1
            firsts[keys[0]] = firsts.get(keys[0], 0) + 1
        for i, key in enumerate(keys, 1):
            ranks.setdefault(key, []).append(i)
    out = {}
    for key, found in ranks.items():
        out[key] = Stability(
            key,
            firsts.get(key, 0) / answered if answered else 0.0,
            len(found) / draws,
            _percentile(found, 0.05),
            _percentile(found, 0.95),
        )
    return out


def annotate(
    records: list[dict], keys: Sequence[Hashable], stab: dict[Hashable, Stability]
) -> list[dict]:
    """Add the stability keys (``share_first``, ``share_found``, ``rank_low``, ``rank_high``) to
    each answer's record, in place; an answer never seen in a draw gets zeros and None.

    Parameters
    ----------
    records : list of dict
        The answers' JSON records, best first.
    keys : sequence of hashable
        Each record's answer key, in the same order (as many as the records).
    stab : dict
        :func:`stability`'s result.

    Returns
    -------
    list of dict
        ``records`` itself, updated.

    Examples
    --------
    >>> annotate([{"path": "A-B"}], ["A-B"], {})
    [{'path': 'A-B', 'share_first': 0.0, 'share_found': 0.0, 'rank_low': None, 'rank_high': None}]
    """
    blank = Stability(None, 0.0, 0.0, None, None)
    for rec, key in zip(records, keys, strict=True):
        rec.update(stab.get(key, blank).to_dict())
    return records
