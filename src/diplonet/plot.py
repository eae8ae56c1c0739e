"""The network as a diagram (matplotlib): coloured actors, styled ties, highlighted channels.

:func:`network_figure` returns a :class:`matplotlib.figure.Figure` built without pyplot (no
global state, nothing shown); :func:`diplonet.files.save_figure` writes it. The same input and
options give the same picture: layouts are seeded and nothing depends on the clock.

Drawing rules: actors are coloured by bloc (or kind), sized by their number of ties; ties take
the colour and line style of their family (:data:`diplonet.vocab.FAMILIES`: formal blue, working
green, support orange, hostile dashed red, no contact dotted grey), a width growing with
strength, and an arrow when directed; several ties between one pair bend apart so none hides
another. ``highlight`` draws the best channels between two actors thick, each path in its own
colour and listed with its score, and dims the rest.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from . import layout as layouts
from .dataset import Relation
from .errors import DiplonetError
from .network import Network
from .queries import Channel, channels
from .style import PATH_COLORS, actor_group, group_colors, relation_style
from .vocab import FAMILIES, RELATION_TYPES

FAMILY_ORDER = list(FAMILIES)


def ego_nodes(net: Network, focus: Sequence[str]) -> list[str]:
    """The focus actors and everyone they have a relation with (any type), in dataset order."""
    ids = {net.resolve(a) for a in focus}
    keep = set(ids)
    for r in net.relations:
        if r.source in ids or r.target in ids:
            keep |= {r.source, r.target}
    return [a for a in net.actors if a in keep]


def _node_sizes(nodes: list[str], rels: list[Relation]) -> dict[str, float]:
    degree = dict.fromkeys(nodes, 0)
    for r in rels:
        degree[r.source] += 1
        degree[r.target] += 1
    return {n: min(220 + 55 * degree[n], 1100) for n in nodes}


def _radius_points(size: float) -> float:
    return math.sqrt(size) / 2


def network_figure(
    net: Network,
    *,
    highlight: tuple[str, str] | None = None,
    top: int = 3,
    max_hops: int = 2,
    focus: Sequence[str] | None = None,
    layout: str = "spring",
    title: str | None = None,
    size: tuple[float, float] = (13.0, 9.0),
    color_by: str = "bloc",
) -> Figure:
    """Draw the network (or an ego network with ``focus``), optionally highlighting channels.

    Parameters
    ----------
    net : Network
    highlight : (source, target), optional
        Draw the ``top`` best channels of :func:`diplonet.queries.channels` (up to
        ``max_hops``) over the network and dim the rest.
    focus : list of actor names, optional
        Draw only these actors and those they have a relation with.
    layout : {"spring", "circular", "shell", "geo"}
    title : str, optional
    size : (width, height) in inches
    color_by : {"bloc", "kind"}

    Returns
    -------
    matplotlib.figure.Figure
        Tie artists carry the gid ``relation-<line>``; highlighted channel hops carry
        ``channel-<rank>``.

    Examples
    --------
    >>> fig = network_figure(Network.load(date="2021-05-20"), highlight=("US", "Hamas"))
    >>> [t.get_text() for t in fig.legends[0].get_texts()][-3]
    '1. US → Qatar → Hamas  (0.643)'
    """
    if color_by not in ("bloc", "kind"):
        raise DiplonetError(f"--color-by {color_by!r}: use bloc or kind")
    if top < 1:
        raise DiplonetError(f"--top must be at least 1, got {top}")
    nodes = ego_nodes(net, focus) if focus else list(net.actors)
    node_set = set(nodes)
    rels = [r for r in net.relations if r.source in node_set and r.target in node_set]
    chans: list[Channel] = []
    if highlight is not None:
        s, t = net.resolve(highlight[0]), net.resolve(highlight[1])
        chans = channels(net, s, t, max_hops=max_hops)[:top]
        for c in chans:
            for n in c.path:
                if n not in node_set:
                    nodes.append(n)
                    node_set.add(n)
    pos = layouts.positions(net, nodes, layout)
    sizes = _node_sizes(nodes, rels)
    actors = [net.actors[n] for n in nodes]
    # colours over the whole dataset, so an actor keeps its colour in every view
    colors = group_colors(list(net.dataset.actors.values()), color_by)

    fig = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.05, 1.03)
    ax.axis("off")
    dim = bool(highlight)

    # ties: several between one pair bend apart, drawn in one orientation so offsets don't cross
    pairs: dict[tuple[str, str], list[Relation]] = {}
    for r in rels:
        pairs.setdefault(tuple(sorted((r.source, r.target))), []).append(r)
    for (a, b), group in pairs.items():
        group.sort(
            key=lambda r: (FAMILY_ORDER.index(RELATION_TYPES[r.type].family), r.type, r.line)
        )
        for i, r in enumerate(group):
            st = relation_style(r)
            rad = 0.0 if len(group) == 1 else 0.14 * (i - (len(group) - 1) / 2)
            if r.directed:
                arrow = "-|>" if r.source == a else "<|-"
            else:
                arrow = "-"
            patch = FancyArrowPatch(
                pos[a],
                pos[b],
                arrowstyle=arrow,
                connectionstyle=f"arc3,rad={rad}",
                mutation_scale=11,
                linewidth=st["width"],
                color=st["color"],
                linestyle=st["linestyle"],
                alpha=0.16 if dim else 0.78,
                shrinkA=_radius_points(sizes[a]) + 2,
                shrinkB=_radius_points(sizes[b]) + 2,
                zorder=1,
            )
            patch.set_gid(f"relation-{r.ref}")
            ax.add_patch(patch)

    # highlighted channels: one colour per path, hops shared by paths bend apart
    for k, c in enumerate(chans):
        rad = 0.0 if len(chans) == 1 else 0.22 * (k - (len(chans) - 1) / 2)
        for u, v in zip(c.path, c.path[1:], strict=False):
            patch = FancyArrowPatch(
                pos[u],
                pos[v],
                arrowstyle="-|>",
                connectionstyle=f"arc3,rad={rad}",
                mutation_scale=18,
                linewidth=5.5,
                color=PATH_COLORS[k % len(PATH_COLORS)],
                alpha=0.8,
                shrinkA=_radius_points(sizes[u]) + 3,
                shrinkB=_radius_points(sizes[v]) + 3,
                zorder=2,
            )
            patch.set_gid(f"channel-{k + 1}")
            ax.add_patch(patch)

    on_paths = {n for c in chans for n in c.path} | {net.resolve(a) for a in focus or ()}
    for n in nodes:
        faded = dim and n not in on_paths
        ax.scatter(
            [pos[n][0]],
            [pos[n][1]],
            s=sizes[n],
            color=colors[actor_group(net.actors[n], color_by)],
            edgecolors="#1a202c" if n in on_paths else "white",
            linewidths=2.2 if n in on_paths else 1.2,
            alpha=0.45 if faded else 1.0,
            zorder=3,
            gid=f"actor-{n}",
        )
    _place_labels(fig, ax, pos, sizes, faded={n for n in nodes if dim and n not in on_paths})
    _legend(fig, net, actors, colors, color_by, rels, chans)
    heading = title or _default_title(net, highlight, focus, chans)
    sub = net.date_note()
    if net.scenario():
        sub += " · scenario: " + "; ".join(net.scenario())
    fig.suptitle(f"{heading}\n{sub}", fontsize=13, x=0.01, ha="left")
    return fig


def _default_title(net: Network, highlight, focus, chans) -> str:
    if highlight:
        s, t = net.resolve(highlight[0]), net.resolve(highlight[1])
        return f"Channels from {s} to {t}" + ("" if chans else ": none")
    if focus:
        return "Ego network of " + ", ".join(net.resolve(a) for a in focus)
    return net.dataset.info.title.split(",")[0] if net.dataset.info.title else "Stakeholder network"


def _legend(fig, net, actors, colors, color_by, rels, chans) -> None:
    handles, labels, headers = [], [], []

    def header(text: str) -> None:
        handles.append(Line2D([], [], linestyle="none"))
        labels.append(text)
        headers.append(text)

    header("Blocs" if color_by == "bloc" else "Kinds")
    used = sorted({actor_group(a, color_by) for a in actors})
    for g in used:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                markersize=9,
                markerfacecolor=colors[g],
                markeredgecolor="white",
            )
        )
        labels.append(g)
    header("Ties")
    families = [f for f in FAMILY_ORDER if any(RELATION_TYPES[r.type].family == f for r in rels)]
    for f in families:
        spec = FAMILIES[f]
        handles.append(
            Line2D([], [], color=spec["color"], linestyle=spec["linestyle"], linewidth=2.4)
        )
        labels.append(f"{f}: {spec['meaning']}")
    handles.append(Line2D([], [], color="#4a5568", marker=">", markersize=6, linewidth=1.2))
    labels.append("arrow: directed (aid, hosting, mediation, ...)")
    handles.append(Line2D([], [], color="#4a5568", linewidth=4))
    labels.append("width: strength of the tie")
    if chans:
        header("Best channels (score)")
        for k, c in enumerate(chans):
            handles.append(
                Line2D([], [], color=PATH_COLORS[k % len(PATH_COLORS)], linewidth=5, alpha=0.8)
            )
            labels.append(f"{k + 1}. {' → '.join(c.path)}  ({c.score:.3f})")
    legend = fig.legend(
        handles, labels, loc="outside right upper", frameon=False, fontsize=8.5, handlelength=2.6
    )
    for text in legend.get_texts():
        if text.get_text() in headers:
            text.set_fontweight("bold")


def _place_labels(fig, ax, pos, sizes, faded) -> None:
    """Put each actor's name next to it where it overlaps neither another name nor an actor."""
    renderer = fig.canvas.get_renderer()
    fig.canvas.draw()
    to_px = ax.transData.transform
    scale = fig.dpi / 72
    circles = {n: (*to_px(pos[n]), _radius_points(sizes[n]) * scale) for n in pos}
    placed: list = []
    order = sorted(pos, key=lambda n: (-sizes[n], n))
    for n in order:
        r = _radius_points(sizes[n]) + 3
        candidates = [
            ((0, -r), "center", "top"),
            ((0, r), "center", "bottom"),
            ((r, 0), "left", "center"),
            ((-r, 0), "right", "center"),
            ((r * 0.8, -r * 0.8), "left", "top"),
            ((-r * 0.8, -r * 0.8), "right", "top"),
            ((r * 0.8, r * 0.8), "left", "bottom"),
            ((-r * 0.8, r * 0.8), "right", "bottom"),
            ((0, -r - 12), "center", "top"),
            ((0, r + 12), "center", "bottom"),
        ]
        best, best_cost = None, math.inf
        for offset, ha, va in candidates:
            text = ax.annotate(
                n,
                pos[n],
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=9.5,
                fontweight="bold",
                color="#1a202c",
                alpha=0.55 if n in faded else 1.0,
                zorder=4,
                bbox={
                    "boxstyle": "round,pad=0.15",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.75,
                },
            )
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            cost = sum(_overlap(box, other) for other in placed)
            cost += sum(_circle_overlap(box, c) for m, c in circles.items() if m != n)
            axes_box = ax.get_window_extent(renderer)
            if (
                box.x0 < axes_box.x0
                or box.x1 > axes_box.x1
                or box.y0 < axes_box.y0
                or box.y1 > axes_box.y1
            ):
                cost += box.width * box.height
            if cost < best_cost:
                if best is not None:
                    best[0].remove()
                best, best_cost = (text, box), cost
            else:
                text.remove()
            if cost == 0:
                break
        placed.append(best[1])


def _overlap(a, b) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _circle_overlap(box, circle) -> float:
    cx, cy, r = circle
    nx_ = min(max(cx, box.x0), box.x1)
    ny_ = min(max(cy, box.y0), box.y1)
    d = math.hypot(cx - nx_, cy - ny_)
    return (r - d) * r if d < r else 0.0
