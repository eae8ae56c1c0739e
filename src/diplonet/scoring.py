"""The rules of the channel model, written once: every command and the API read them here.

A *channel* is a route along which a message can travel from one actor to another. The model
answers "who can carry a message from A to B, and how well?" with four rules, each a parameter
of :class:`Model` (the current rules are :data:`V2`; the first round's are kept as :data:`V1`
so the backtest can compare them).

1. **Link strength** (a pair's channel-carrying ties combined). The link is the strongest tie
   ``m``, plus half of what the pair's other *types* of tie would add by noisy-or
   (multiplexity: a pair tied by diplomacy, aid and security cooperation talks through more
   doors than one tied by diplomacy alone; Verbrugge 1979), never more than ``link_cap`` by
   combination: ``min(m + ½ (1 - Π_types (1 - s_type) - m), max(cap, m))``, each type counted
   once at its strongest. The bonus is bounded by ``½ (1 - m)``: a second tie never closes more
   than half the gap to certainty, and a weak one adds little. A hostile tie in force within the
   same pair (envoys expelled, sanctions, a rivalry) lowers the link:
   ``link × (1 - damping × h)``, with ``h`` the strongest hostile tie of the pair.
   *Example*: diplomatic 0.6 and aid 0.5 make 0.6 + ½ (0.8 - 0.6) = 0.7. US–Israel on
   2021-05-20 (alliance, security cooperation and aid 0.9, diplomatic 0.8) makes 0.9499, not
   v1's 0.9998. US–Turkey (alliance 0.6, CAATSA sanctions 0.4): 0.6 × (1 - 0.5 × 0.4) = 0.48.
2. **Each intermediary costs.** A route's score is the product of its links times the relay
   factor ``ρ`` for each intermediary: ``score = ρ^(hops-1) × Π link_i``. This is Katz's (1953)
   attenuation per step, and the trade-off between tie strength and the number of
   intermediaries that Opsahl, Agneessens & Skvoretz (2010) make explicit. With ``ρ = 0.8`` a
   direct tie of 0.6 beats a one-relay route of two 0.75 links (0.6 > 0.45); a relay is worth
   taking only when its links are clearly stronger than the direct tie.
3. **No hostile relays.** An intermediary whose net tie (:func:`net_tie`) to either end of the
   route is hostile, or whom either end has publicly rejected as a mediator
   (``rejects_mediator``), does not carry a channel between those ends: Israel does not carry
   the US's messages to Hamas. Allowed on request (``allow_hostile_relays``), and then marked.
4. **Ranking**: best score first; ties broken by fewer hops, then by actor ids, so the same
   data always give the same order.

For shortest-path search each link gets the additive cost ``-log(link) - log(ρ)``: a route of
``h`` hops costs ``-log(score) - log(ρ)``, so the cheapest route is the best-scoring one and
every hop costs something (no free hops, no zero weights).

Mediators (see :func:`diplonet.mediation.mediators`) follow the same rules, with two additions:
a mediator may reach each party through one relay of its own (the US reached Hezbollah in 2024
through Lebanon's government), and a mediator hostile to a party or rejected by it ranks below
every acceptable one (Touval 1975; Kydd 2003: a biased mediator can deliver, a rejected one
cannot be heard).

References
----------
Katz, L. (1953). A new status index derived from sociometric analysis. *Psychometrika* 18(1).
Opsahl, T., Agneessens, F. & Skvoretz, J. (2010). Node centrality in weighted networks:
generalizing degree and shortest paths. *Social Networks* 32(3), 245-251.
Verbrugge, L. M. (1979). Multiplexity in adult friendships. *Social Forces* 57(4), 1286-1309.
Touval, S. (1975). Biased intermediaries. *Jerusalem Journal of International Relations* 1(1).
Kydd, A. (2003). Which side are you on? Bias, credibility, and mediation. *American Journal of
Political Science* 47(4), 597-611.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .errors import DiplonetError

if TYPE_CHECKING:  # pragma: no cover
    from .dataset import Relation

__all__ = [
    "CONFIDENCE_BANDS",
    "distinct_pair",
    "get_model",
    "hostile_pair",
    "Model",
    "MODELS",
    "net_tie",
    "rank_key",
    "rejects",
    "REJECTS_MEDIATOR",
    "RELAY_FACTOR_RANGE",
    "rounded",
    "V1",
    "V2",
    "V2_FLAT",
]

#: Relation type that records a party's documented refusal of a mediator (source refuses target).
REJECTS_MEDIATOR = "rejects_mediator"

#: Relative half-width of the band within which sensitivity draws perturb a tie's strength, by
#: the tie's confidence: a well-documented tie moves little, a lead moves a lot.
CONFIDENCE_BANDS: dict[str, float] = {"high": 0.10, "medium": 0.20, "low": 0.35}

#: The documented range of the relay factor, swept by sensitivity draws.
RELAY_FACTOR_RANGE: tuple[float, float] = (0.6, 0.9)


@dataclass(frozen=True)
class Model:
    """The parameters of the channel model (see the module docstring for each rule).

    Attributes
    ----------
    name : str
        ``"v2"`` (the current rules) or ``"v1"`` (the first round's), or a label of your own.
    relay_factor : float
        ``ρ`` in (0, 1]: what each intermediary multiplies a route's score by.
    combine : str
        ``"strongest+share"`` (rule 1), ``"strongest+bonus"`` (a flat bonus per extra type,
        evaluated beside it) or ``"noisy-or"`` (v1: ``1 - Π(1 - s_i)``).
    multiplex_share : float
        Share of what the pair's other types of tie would add by noisy-or that rule 1 adds.
    multiplex_bonus, multiplex_max : float
        For ``"strongest+bonus"``: bonus per extra type of tie, and the most it may add.
    link_cap : float
        Highest link strength reachable by combining ties (a single tie keeps its own strength).
    hostile_damping : float
        How much the pair's strongest hostile tie lowers its link (0 = not at all).
    allow_hostile_relays : bool
        Whether intermediaries hostile to either end (or rejected by it) may carry a channel.
    mediator_relays : bool
        Whether a mediator may reach a party through one relay of its own.
    mediator_tiers : bool
        Whether mediators hostile to, or rejected by, a party rank below the acceptable ones.
    acceptability : str
        ``"party"``: a mediator is hostile to a party when the party's net tie toward it (their
        mutual relations and those the party directs at it) is negative; ``"mutual"``: over all
        their relations, whoever directs them.
    armed_group_relays : bool
        Whether a non-state armed group may relay a mediator's messages.
    strengths : mapping, optional
        Strength overrides by relation reference (``Relation.ref``), used by sensitivity draws.
    """

    name: str = "v2"
    relay_factor: float = 0.8
    combine: str = "strongest+share"
    multiplex_bonus: float = 0.05
    multiplex_max: float = 0.10
    multiplex_share: float = 0.5
    link_cap: float = 0.95
    hostile_damping: float = 0.5
    allow_hostile_relays: bool = False
    mediator_relays: bool = True
    mediator_tiers: bool = True
    acceptability: str = "party"
    armed_group_relays: bool = False
    strengths: Mapping[str, float] | None = field(default=None, compare=False, repr=False)

    def with_(self, **changes) -> Model:
        """A copy of the model with some parameters changed."""
        return replace(self, **changes)

    def strength(self, rel: Relation) -> float:
        """A relation's strength under this model (its own, unless a draw overrides it)."""
        if self.strengths is not None:
            return self.strengths.get(rel.ref, rel.strength)
        return rel.strength

    # -- rule 1 ----------------------------------------------------------------------------
    def link_strength(self, channel: Sequence[Relation], hostile: Sequence[Relation] = ()) -> float:
        """The link of one pair from its channel-carrying and its hostile relations in force.

        Examples
        --------
        >>> from diplonet.dataset import Relation
        >>> from diplonet.dates import PartialDate
        >>> def tie(t, s, sign=1):
        ...     return Relation("A", "B", t, sign, s, False, PartialDate.parse("2000"), None, "", "", "high")
        >>> V2.link_strength([tie("diplomatic", 0.6), tie("aid", 0.5)])
        0.7
        >>> V2.link_strength([tie("alliance", 0.9), tie("aid", 0.9), tie("contact", 0.8)])
        0.949
        >>> V2.link_strength([tie("alliance", 0.6)], [tie("sanctions", 0.4, -1)])
        0.48
        >>> round(V1.link_strength([tie("alliance", 0.9), tie("aid", 0.9)]), 4)
        0.99
        """
        if self.strengths is None:  # the common case: no method call per relation
            values = [r.strength for r in channel]
        else:
            values = [self.strength(r) for r in channel]
        if not values:
            return 0.0
        if self.combine == "noisy-or":
            if len(values) == 1:
                link = values[0]
            else:
                miss = 1.0
                for s in values:
                    miss *= 1.0 - s
                link = 1.0 - miss
        elif self.combine == "strongest+share":
            # the strongest tie, plus a share of what the other types of tie would add by
            # noisy-or (each type counted once, at its strongest)
            best: dict[str, float] = {}
            for r, s in zip(channel, values, strict=True):
                best[r.type] = max(best.get(r.type, 0.0), s)
            strongest = max(best.values())
            miss = 1.0
            for s in best.values():
                miss *= 1.0 - s
            bonus = self.multiplex_share * ((1.0 - miss) - strongest)
            link = min(strongest + bonus, max(self.link_cap, strongest))
        else:
            strongest = max(values)
            types = len({r.type for r in channel})
            bonus = min(self.multiplex_bonus * (types - 1), self.multiplex_max)
            link = min(strongest + bonus, max(self.link_cap, strongest))
        if hostile and self.hostile_damping:
            h = min(1.0, max(self.strength(r) for r in hostile))
            link *= 1.0 - self.hostile_damping * h
        return round(link, 12)

    # -- rule 2 ----------------------------------------------------------------------------
    def path_score(self, links: Sequence[float]) -> float:
        """Score of a route from its link strengths: ``ρ^(hops-1) × Π link``.

        >>> round(V2.path_score([0.9, 0.5]), 4)
        0.36
        >>> V2.path_score([0.8])
        0.8
        """
        score = 1.0
        for s in links:
            score *= s
        if len(links) > 1:
            score *= self.relay_factor ** (len(links) - 1)
        return score

    def link_cost(self, strength: float) -> float:
        """Additive cost of a link for shortest-path search: ``-log(strength) - log(ρ)``.

        Always positive under V2, so every hop costs something.
        """
        cost = -math.log(strength) if strength < 1.0 else 0.0
        if self.relay_factor < 1.0:
            cost -= math.log(self.relay_factor)
        return cost


#: The current rules.
V2 = Model()

#: The first round's rules, kept for the backtest: noisy-or links, free intermediaries, hostile
#: relays allowed, mediators with direct ties only, no acceptability tiers.
V1 = Model(
    name="v1",
    relay_factor=1.0,
    combine="noisy-or",
    hostile_damping=0.0,
    allow_hostile_relays=True,
    mediator_relays=False,
    mediator_tiers=False,
)

#: Models by name, for ``--model``.
#: The flat multiplex bonus evaluated beside v2's (see docs/model.md, "Backtest").
V2_FLAT = V2.with_(name="v2-flat", combine="strongest+bonus")

MODELS: dict[str, Model] = {"v2": V2, "v1": V1, "v2-flat": V2_FLAT}


def get_model(name: str) -> Model:
    """The named model (``"v2"`` or ``"v1"``); raise ``ValueError`` for another name.

    Parameters
    ----------
    name : str
        A key of :data:`MODELS`: ``"v2"``, ``"v1"`` or ``"v2-flat"``.

    Returns
    -------
    Model

    Raises
    ------
    ValueError
        For any other name (the CLI turns it into a ``--model`` error).

    Examples
    --------
    >>> get_model("v1").relay_factor
    1.0
    """
    try:
        return MODELS[name]
    except KeyError:
        raise ValueError(f"model must be one of {', '.join(MODELS)}, got {name!r}") from None


# -- pair rules ------------------------------------------------------------------------------


def net_tie(relations: Iterable[Relation]) -> float:
    """A pair's net signed tie: the sum of ``sign × strength`` over its relations in force.

    Positive is cooperative, negative hostile. Balance, spoilers and the hostile-relay rule read
    it. US–Turkey in May 2021 (alliance 0.6, sanctions 0.4) is +0.2: allies at odds, not
    enemies.

    Parameters
    ----------
    relations : iterable of Relation
        The pair's relations in force, in both directions. Their own strengths are summed (a
        model's strength overrides are not applied).

    Returns
    -------
    float
        The net tie; 0.0 for no relations.

    Examples
    --------
    >>> from diplonet.dataset import Relation
    >>> from diplonet.dates import PartialDate
    >>> d = PartialDate.parse("2000")
    >>> round(net_tie([Relation("A", "B", "alliance", 1, 0.6, False, d, None, "", "", "high"),
    ...                Relation("A", "B", "sanctions", -1, 0.4, True, d, None, "", "", "high")]), 6)
    0.2
    """
    return sum(r.sign * r.strength for r in relations)


def distinct_pair(a: str, b: str) -> None:
    """Refuse a question about an actor and itself (the one "same actor" rule).

    Parameters
    ----------
    a, b : str
        Resolved actor ids: the two ends of a route, or the two parties of a dispute.

    Raises
    ------
    DiplonetError
        When ``a`` and ``b`` are the same actor.
    """
    if a == b:
        raise DiplonetError(f"source and target are the same actor ({a})")


def hostile_pair(relations: Sequence[Relation]) -> bool:
    """Whether a pair is hostile: its net tie is negative (rule 3).

    Parameters
    ----------
    relations : sequence of Relation
        The pair's relations in force.

    Returns
    -------
    bool
        True when :func:`net_tie` is below zero (beyond rounding noise of 1e-12).
    """
    return net_tie(relations) < -1e-12


def rejects(relations: Iterable[Relation], party: str, mediator: str) -> list[Relation]:
    """The ``rejects_mediator`` relations by which ``party`` refuses ``mediator``.

    Parameters
    ----------
    relations : iterable of Relation
        Relations to look through (typically the pair's relations in force).
    party, mediator : str
        Actor ids: the relation must run from ``party`` to ``mediator``.

    Returns
    -------
    list of Relation
        The matching relations, in the order given; empty when the party does not refuse the
        mediator.
    """
    return [
        r
        for r in relations
        if r.type == REJECTS_MEDIATOR and r.source == party and r.target == mediator
    ]


def rank_key(score: float, path: Sequence[str]) -> tuple:
    """Sort key implementing rule 4: best score, then fewer hops, then ids.

    Parameters
    ----------
    score : float
        The route's score (rounded to 12 decimals, so float noise does not split ties).
    path : sequence of str
        The route's actor ids, ends included.

    Returns
    -------
    tuple
        ``(-score, len(path), tuple(path))``: sorting ascending puts the best route first.

    Examples
    --------
    >>> sorted([(0.5, ("A", "C", "B")), (0.5, ("A", "B"))], key=lambda r: rank_key(*r))[0][1]
    ('A', 'B')
    """
    return (-round(score, 12), len(path), tuple(path))


def rounded(score: float) -> float:
    """A score as published in JSON and tables: six significant digits, never rounded to 0.

    Parameters
    ----------
    score : float

    Returns
    -------
    float
        ``score`` to six significant digits.

    Examples
    --------
    >>> rounded(0.123456789), rounded(0.0000123456789)
    (0.123457, 1.23457e-05)
    """
    return float(f"{score:.6g}")
