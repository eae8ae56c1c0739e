"""Colours and line styles shared by every picture and export (static plot, HTML, GEXF, DOT).

One place decides how an actor and a tie look, so the PNG, the interactive page and Gephi agree.
Relation styles come from the ``family`` of each type in :mod:`diplonet.vocab`.
"""

from __future__ import annotations

from .dataset import Actor, Relation
from .vocab import FAMILIES, RELATION_TYPES

#: Qualitative palette for blocs or kinds (colour-blind-safe Okabe-Ito, then Tableau).
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
    "#8C564B",
    "#17BECF",
    "#BCBD22",
    "#7F7F7F",
)

#: Colours for highlighted channels, one per path (none red or grey, which mean hostility).
PATH_COLORS = ("#6B46C1", "#D69E2E", "#00A3C4", "#38A169", "#ED64A6")

COLOR_BY = ("bloc", "kind")


def actor_group(actor: Actor, by: str = "bloc") -> str:
    """The label an actor is coloured by: its bloc (or kind when it has none), or its kind."""
    if by == "kind":
        return actor.kind
    return actor.bloc or actor.kind


def group_colors(actors: list[Actor], by: str = "bloc") -> dict[str, str]:
    """A stable colour for each group label (sorted, so the same data always get the same colours)."""
    labels = sorted({actor_group(a, by) for a in actors})
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels)}


def relation_style(rel: Relation) -> dict:
    """Colour, line style, family and width (by strength) of a relation."""
    family = RELATION_TYPES[rel.type].family
    spec = FAMILIES[family]
    return {
        "family": family,
        "color": spec["color"],
        "linestyle": spec["linestyle"],
        "width": 0.8 + 2.6 * rel.strength,
    }


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``#RRGGBB`` → (r, g, b)."""
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)
