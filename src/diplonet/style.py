"""Colours and line styles shared by every picture and export (static plot, HTML, GEXF, DOT).

One place decides how an actor and a tie look, so the PNG, the interactive page and Gephi agree.
Relation styles come from the ``family`` of each type in :mod:`diplonet.vocab`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import Actor, Relation
from .errors import DiplonetError
from .vocab import COLOR_BY, FAMILIES, RELATION_TYPES

__all__ = [
    "actor_group",
    "COLOR_BY",
    "CONFIDENCE_ALPHA",
    "DIMMED_FILL",
    "group_colors",
    "hex_to_rgb",
    "line_width",
    "node_area",
    "pair_styles",
    "PairStyle",
    "PALETTE",
    "PARALLEL_BEND",
    "PATH_COLORS",
    "relation_style",
    "SVG_DASHES",
    "WEB_LINESTYLE",
]

#: Qualitative palette for blocs or kinds: Okabe-Ito and Paul Tol's colour-blind-safe colours,
#: ordered so that neighbours differ in lightness as well as hue (they stay apart in greyscale).
#: No red and no grey: red means hostility and grey the tie families (:data:`FAMILIES`).
PALETTE = (
    "#E69F00",
    "#332288",
    "#F0E442",
    "#0072B2",
    "#88CCEE",
    "#117733",
    "#CC79A7",
    "#999933",
    "#44AA99",
    "#AA4499",
    "#DDCC77",
    "#56B4E9",
)

#: The fill of an actor set back in a highlighted or focused view: a light neutral that is no
#: bloc's colour (the actor keeps its bloc as a ring), so a dimmed actor never reads as another bloc.
DIMMED_FILL = "#ececec"

#: Colours for highlighted channels, one per path (none red or grey, which mean hostility).
PATH_COLORS = ("#6B46C1", "#D69E2E", "#00A3C4", "#38A169", "#ED64A6")


def actor_group(actor: Actor, by: str = "bloc") -> str:
    """The label an actor is coloured by: its bloc (or kind when it has none), or its kind.

    Parameters
    ----------
    actor : Actor
    by : {"bloc", "kind"}
        What to colour by (:data:`COLOR_BY`); any value other than ``"kind"`` is taken as
        ``"bloc"``.

    Returns
    -------
    str
        The actor's kind with ``by="kind"``; else its bloc, or its kind when it has no bloc.
    """
    if by == "kind":
        return actor.kind
    return actor.bloc or actor.kind


def group_colors(actors: list[Actor], by: str = "bloc") -> dict[str, str]:
    """A stable colour for each group label (sorted, so the same data always get the same colours).

    Parameters
    ----------
    actors : list of Actor
        Every actor that may be drawn (pass the whole dataset's, so that a focused or dated
        view keeps the colours of the full picture).
    by : {"bloc", "kind"}
        What to colour by, as :func:`actor_group`.

    Returns
    -------
    dict of str to str
        Each group label of ``actors`` to a ``#RRGGBB`` colour of :data:`PALETTE`, assigned in
        sorted label order; beyond twelve labels the palette repeats.
    """
    if by not in COLOR_BY:
        raise DiplonetError(f"color_by {by!r}: use {' or '.join(COLOR_BY)}")
    labels = sorted({actor_group(a, by) for a in actors})
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels)}


def relation_style(rel: Relation) -> dict:
    """Colour, line style, family and width (by strength) of a relation.

    Parameters
    ----------
    rel : Relation

    Returns
    -------
    dict
        ``family`` (its type's family in :data:`~diplonet.vocab.FAMILIES`), that family's
        ``color`` and matplotlib ``linestyle``, and ``width`` (:func:`line_width` of the
        relation's own strength).
    """
    family = RELATION_TYPES[rel.type].family
    spec = FAMILIES[family]
    return {
        "family": family,
        "color": spec["color"],
        "linestyle": spec["linestyle"],
        "width": line_width(rel.strength),
    }


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``#RRGGBB`` → (r, g, b).

    Parameters
    ----------
    color : str
        Six hexadecimal digits, with or without the leading ``#``.

    Returns
    -------
    tuple of (int, int, int)
        Red, green and blue, each 0–255.

    Examples
    --------
    >>> hex_to_rgb("#E69F00")
    (230, 159, 0)
    """
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


@dataclass(frozen=True)
class PairStyle:
    """How the one line drawn for a pair of actors looks, and the ties it stands for.

    Attributes
    ----------
    a, b : str
        The pair, ``a < b``.
    relations : tuple of Relation
        Every tie in force between them, strongest first: what a legend or tooltip lists.
    family : str
        The family that sets the line's colour and style: ``hostile`` or ``no contact`` when the
        pair's net tie is negative, else the family of its strongest cooperative tie.
    strength : float
        The channel link of the pair (rule 1 of :mod:`diplonet.scoring`, the model's own
        number) when it carries channels, else its strongest hostile tie.
    confidence : str
        The confidence of the tie that sets the family.
    mixed : bool
        Whether cooperative and hostile ties are in force at once (US–Turkey in 2021).
    arrow : str
        ``""``, ``"a"`` or ``"b"``: the end an arrowhead points at when every tie of the
        family runs one way.
    """

    a: str
    b: str
    relations: tuple
    family: str
    strength: float
    confidence: str
    mixed: bool
    arrow: str

    @property
    def color(self) -> str:
        return FAMILIES[self.family]["color"]

    @property
    def linestyle(self) -> str:
        return FAMILIES[self.family]["linestyle"]

    @property
    def width(self) -> float:
        return line_width(self.strength)

    @property
    def alpha(self) -> float:
        return CONFIDENCE_ALPHA.get(self.confidence, 0.6)

    def describe(self) -> list[str]:
        """One line per tie: ``type (strength, start–end, confidence)``."""
        out = []
        for r in self.relations:
            arrow = f"{r.source} → {r.target}" if r.directed else f"{r.source} – {r.target}"
            out.append(
                f"{arrow}: {r.type} {r.strength:g} ({r.start}–{r.end or ''}, {r.confidence})"
            )
        return out


#: How opaque a tie is drawn, by its confidence: a lead is drawn faint.
CONFIDENCE_ALPHA = {"high": 0.9, "medium": 0.62, "low": 0.34}


def line_width(strength: float) -> float:
    """Line width for a strength in (0, 1]: points in matplotlib, pixels on the HTML page, pen
    width in DOT; the one width rule of every picture and export.

    Parameters
    ----------
    strength : float

    Returns
    -------
    float

    Examples
    --------
    >>> line_width(0.5)
    2.3
    """
    return round(0.6 + 3.4 * strength, 3)


#: The line styles a browser or Graphviz can draw, for each of matplotlib's (no dash-dot there).
WEB_LINESTYLE = {"solid": "solid", "dashed": "dashed", "dotted": "dotted", "dashdot": "dashed"}

#: SVG ``stroke-dasharray`` of each of matplotlib's line styles (the HTML page).
SVG_DASHES = {"solid": "", "dashed": "7 5", "dotted": "2 4", "dashdot": "8 3 2 3"}

#: How far apart parallel lines between the same two actors bend (``arc3`` curvature per line),
#: on the HTML page: the i-th of n lines bends by ``PARALLEL_BEND × (i − (n − 1)/2)``.
PARALLEL_BEND = 0.16


def node_area(ties: int) -> float:
    """Marker area (points²) of an actor with ``ties`` ties in force.

    Parameters
    ----------
    ties : int
        The actor's number of ties.

    Returns
    -------
    float
        ``200 + 50 × ties``, capped at 1100.

    Examples
    --------
    >>> node_area(3), node_area(50)
    (350.0, 1100.0)
    """
    return float(min(200 + 50 * ties, 1100))


def pair_styles(net, relations) -> list[PairStyle]:
    """One :class:`PairStyle` per pair of actors with ties among ``relations``, in pair order.

    The link strength comes from the network's channel graph, so a line's width is the number
    the ``channels`` command uses.

    Parameters
    ----------
    net : Network
        The network the relations are drawn from; its channel graph gives the link strengths.
    relations : iterable of Relation
        The ties to draw (usually ``net.relations``, or a subset of them).

    Returns
    -------
    list of PairStyle
        One per unordered pair with at least one tie in ``relations``, sorted by ``(a, b)``.
    """
    from .scoring import net_tie

    pairs: dict[tuple[str, str], list[Relation]] = {}
    for r in relations:
        pairs.setdefault(tuple(sorted((r.source, r.target))), []).append(r)
    G = net.channel_graph
    out = []
    for (a, b), rels in sorted(pairs.items()):
        rels = sorted(rels, key=lambda r: (-r.strength, r.line))
        friendly = [r for r in rels if r.sign > 0]
        hostile = [r for r in rels if r.sign < 0]
        if hostile and (not friendly or net_tie(rels) < 0):
            lead = hostile[0]
            strength = lead.strength
        else:
            lead = friendly[0]
            strength = G[a][b]["strength"] if G.has_edge(a, b) else lead.strength
        family = RELATION_TYPES[lead.type].family
        same = [r for r in rels if RELATION_TYPES[r.type].family == family]
        arrow = ""
        if all(r.directed for r in same):
            heads = {r.target for r in same}
            if len(heads) == 1:
                arrow = "a" if heads == {a} else "b"
        out.append(
            PairStyle(
                a,
                b,
                tuple(rels),
                family,
                strength,
                lead.confidence,
                bool(friendly and hostile),
                arrow,
            )
        )
    return out
