"""The scoring rules of the channel model, written once.

1. Which ties carry a channel: relations whose type has ``channel=True`` in
   :data:`diplonet.vocab.RELATION_TYPES` (all cooperative types). Hostile ties (rivalry,
   severed, sanctions, no_contact, hostility) never carry one; they stay visible to balance and
   spoiler analysis but do not weaken a channel. Direction does not matter for a channel: a
   hosting tie Qatar → Hamas lets messages flow both ways.
2. Link strength: several channel relations between one pair combine by noisy-or,
   ``1 - prod(1 - s_i)``. Each relation is an independent chance that a message gets through, so
   a second tie always helps, never beyond 1, and one strong tie outweighs many weak ones.
3. Path score: the product of link strengths along the path, the chance a message survives
   every hop. It lies in (0, 1]; an extra intermediary can only lower it.
4. Ranking: best score first; ties broken by fewer hops, then by actor ids alphabetically, so
   the same data always gives the same order.

For shortest-path algorithms a link's cost is ``-log(strength)``, so the cheapest path is the
one with the highest score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def link_strength(strengths: Iterable[float]) -> float:
    """Noisy-or of the strengths of the channel relations between one pair.

    >>> round(link_strength([0.5, 0.5]), 4)
    0.75
    >>> link_strength([])
    0.0
    """
    values = list(strengths)
    if len(values) == 1:
        return values[0]  # exact: 1 - (1 - s) would add float noise
    miss = 1.0
    for s in values:
        miss *= 1.0 - s
    return 1.0 - miss


def path_score(link_strengths: Sequence[float]) -> float:
    """Product of the link strengths along a path.

    >>> round(path_score([0.9, 0.5]), 4)
    0.45
    """
    score = 1.0
    for s in link_strengths:
        score *= s
    return score


def link_cost(strength: float) -> float:
    """Additive cost of a link for shortest-path search: ``-log(strength)``, 0 for strength 1."""
    return -math.log(strength) if strength < 1.0 else 0.0


def rank_key(score: float, path: Sequence[str]) -> tuple:
    """Sort key implementing rule 4: best score, then fewer hops, then ids."""
    return (-round(score, 12), len(path), tuple(path))


def rounded(score: float) -> float:
    """A score as published in JSON and tables: six significant digits, never rounded to 0."""
    return float(f"{score:.6g}")
