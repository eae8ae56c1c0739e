"""A picture of the ``channels SOURCE TARGET... --through ...`` table (matplotlib).

The source on the left, the partners it works through in the middle, the targets on the right.
Every number comes from :func:`diplonet.paths.coverage`, the answer the ``channels`` command
prints, so the picture and the table cannot disagree; nothing here scores anything. Built
without pyplot; :func:`diplonet._files.save_figure` writes PNG, SVG or PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Rectangle

from .network import Network
from .paths import Coverage, coverage
from .style import actor_group, group_colors, line_width

INK = "#1a202c"
MISSING = "#b2182b"
#: Shades of the coverage strip, by channel score: darker is stronger (reads in greyscale).
SHADES = ((0.6, "#08306b"), (0.4, "#2171b5"), (0.2, "#6baed6"), (0.0, "#c6dbef"))


def shade(score: float) -> str:
    """The fill of a coverage cell for a channel score.

    Parameters
    ----------
    score : float
        A channel score, 0 or more.

    Returns
    -------
    str
        The hex colour of the first of :data:`SHADES` whose lower limit the score reaches:
        darker for stronger channels.

    Examples
    --------
    >>> shade(0.64), shade(0.1)
    ('#08306b', '#c6dbef')
    """
    return next(color for limit, color in SHADES if score >= limit)


def channel_diagram(
    net: Network,
    source: str,
    targets: Sequence[str],
    through: Iterable[str] | None = None,
    max_hops: int = 2,
    title: str | None = None,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Draw who carries the source's channels to each target, and how well.

    Parameters
    ----------
    net : Network
    source : str
        The actor who wants to reach the targets.
    targets : list of str
        One or more actors to reach.
    through : list of str, optional
        The partners (default: every actor with a channel link to the source).
    max_hops : int
        Longest channel, as in :func:`diplonet.paths.coverage`.
    title : str, optional
    size : (width, height) in inches, optional
        Default: tall enough for every partner.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig.diplonet_coverage`` holds the :class:`~diplonet.paths.Coverage` drawn. Links
        carry gids ``link-<source>-<partner>`` and ``channel-<partner>-<target>``; missing
        channels ``missing-<partner>-<target>``; coverage cells ``cell-<partner>-<target>``.

    Examples
    --------
    >>> net = Network.load(date="2021-05-20")
    >>> fig = channel_diagram(net, "US", ["Israel", "PA", "Hamas"], through=["Egypt", "Jordan"])
    >>> sorted(p.get_gid() for p in fig.axes[0].patches if p.get_gid().startswith("missing"))
    ['missing-Jordan-Hamas']
    """
    cov: Coverage = coverage(net, source, targets, through=through, max_hops=max_hops)
    rows = cov.rows
    n_rows = max(len(rows), len(cov.targets), 1)
    fig = Figure(figsize=size or (12.5, 2.4 + 0.62 * n_rows), layout="constrained")
    FigureCanvasAgg(fig)
    fig.diplonet_coverage = cov
    ax = fig.add_subplot()
    ax.axis("off")
    ax.set_xlim(-0.02, 1.18)
    ax.set_ylim(-0.6, n_rows - 0.4)
    colors = group_colors(list(net.dataset.actors.values()))

    def ys(count: int) -> list[float]:
        # spread over the rows, top to bottom
        if count == 1:
            return [(n_rows - 1) / 2]
        step = (n_rows - 1) / (count - 1)
        return [n_rows - 1 - i * step for i in range(count)]

    xs, xp, xt = 0.04, 0.42, 0.86
    y_src = (n_rows - 1) / 2
    y_part = dict(zip([r.partner for r in rows], ys(len(rows)), strict=True))
    y_tgt = dict(zip(cov.targets, ys(len(cov.targets)), strict=True))

    def node(x, y, actor, ha, bold=False):
        a = net.actors[actor]
        ax.scatter(
            [x],
            [y],
            s=420,
            color=colors[actor_group(a)],
            edgecolors=INK,
            linewidths=1.0,
            zorder=3,
            gid=f"actor-{actor}",
        )
        dx = -0.025 if ha == "right" else 0.025
        ax.text(
            x + dx,
            y,
            actor,
            ha=ha,
            va="center",
            fontsize=11.5,
            fontweight="bold",
            color=INK,
            zorder=4,
        )

    def label(x, y, text, color=INK, size=8.5):
        ax.text(
            x,
            y,
            text,
            ha="center",
            va="center",
            fontsize=size,
            color=color,
            zorder=4,
            bbox={"boxstyle": "round,pad=0.18", "facecolor": "white", "edgecolor": "none"},
        )

    node(xs, y_src, cov.source, "right")
    for t in cov.targets:
        node(xt, y_tgt[t], t, "left")
        d = cov.direct.get(t)
        note = f"direct {d.strength:.3f}" if d else "no direct channel"
        ax.text(xt + 0.025, y_tgt[t] - 0.28, note, fontsize=8, color="#4a5568", va="center")

    for r in rows:
        y = y_part[r.partner]
        node(xp, y, r.partner, "center")
        ax.texts[-1].set_position((xp, y + 0.3))
        ax.texts[-1].set_ha("center")
        link = r.source_link
        if link is not None:
            patch = FancyArrowPatch(
                (xs, y_src),
                (xp, y),
                arrowstyle="-|>",
                mutation_scale=12,
                linewidth=line_width(link.strength),
                color="#4a5568",
                shrinkA=13,
                shrinkB=13,
                zorder=1,
            )
            patch.set_gid(f"link-{cov.source}-{r.partner}")
            ax.add_patch(patch)
            label(xs + (xp - xs) * 0.62, y_src + (y - y_src) * 0.62, f"{link.strength:.3f}")
        else:
            patch = FancyArrowPatch(
                (xs, y_src),
                (xp, y),
                arrowstyle="-",
                linewidth=1.0,
                color=MISSING,
                linestyle=":",
                shrinkA=13,
                shrinkB=13,
                zorder=1,
            )
            patch.set_gid(f"link-missing-{cov.source}-{r.partner}")
            ax.add_patch(patch)
            label(xs + (xp - xs) * 0.62, y_src + (y - y_src) * 0.62, "no link", MISSING)
        for t in cov.targets:
            c = r.best[t]
            yt = y_tgt[t]
            if c is not None:
                patch = FancyArrowPatch(
                    (xp, y),
                    (xt, yt),
                    arrowstyle="-|>",
                    mutation_scale=12,
                    linewidth=line_width(c.score),
                    color="#262626",
                    alpha=0.8,
                    shrinkA=13,
                    shrinkB=13,
                    zorder=1,
                )
                patch.set_gid(f"channel-{r.partner}-{t}")
                ax.add_patch(patch)
                via = " via " + " → ".join(c.via[1:]) if len(c.via) > 1 else ""
                label(xp + (xt - xp) * 0.2, y + (yt - y) * 0.2, f"{c.score:.3f}{via}", size=7.5)
            else:
                patch = FancyArrowPatch(
                    (xp, y),
                    (xt, yt),
                    arrowstyle="-",
                    linewidth=1.0,
                    color=MISSING,
                    linestyle=(0, (1, 3)),
                    alpha=0.8,
                    shrinkA=13,
                    shrinkB=13,
                    zorder=1,
                )
                patch.set_gid(f"missing-{r.partner}-{t}")
                ax.add_patch(patch)
                label(xp + (xt - xp) * 0.2, y + (yt - y) * 0.2, "× none", MISSING, 7.5)
        # the coverage strip: one cell per target, in the targets' order, at the right edge
        for j, t in enumerate(cov.targets):
            c = r.best[t]
            x = 1.02 + j * 0.045
            cell = Rectangle(
                (x, y - 0.18),
                0.04,
                0.36,
                facecolor=shade(c.score) if c else "white",
                edgecolor=INK if c else MISSING,
                linewidth=0.8,
                hatch=None if c else "xx",
                zorder=2,
            )
            cell.set_gid(f"cell-{r.partner}-{t}")
            ax.add_patch(cell)
            if c is not None:
                ax.text(
                    x + 0.02,
                    y,
                    f"{c.score:.2f}".lstrip("0"),
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    color="white" if c.score >= 0.4 else INK,
                    zorder=3,
                )
        reached = sum(c is not None for c in r.best.values())
        ax.text(
            1.02 + len(cov.targets) * 0.045 + 0.005,
            y,
            "all" if r.reaches_all else f"{reached}/{len(cov.targets)}",
            va="center",
            fontsize=9,
            fontweight="bold" if r.reaches_all else "normal",
            color=INK if r.reaches_all else MISSING,
        )
    top = n_rows - 0.4
    for j, t in enumerate(cov.targets):
        ax.text(1.04 + j * 0.045, top - 0.05, t, rotation=60, fontsize=8, ha="left", va="bottom")
    if not rows:
        label(xp, y_src, "no partner with a channel link to the source")

    limit = f"up to {max_hops} hops" if max_hops > 2 else "one intermediary"
    heading = title or (
        f"Channels from {cov.source} to {', '.join(cov.targets)} ({limit})"
        + (f" through {', '.join(r.partner for r in rows)}" if through else "")
    )
    sub = net.date_note()
    if net.scenario():
        sub += " · scenario: " + "; ".join(net.scenario())
    fig.suptitle(f"{heading}\n{sub}", fontsize=13, x=0.01, ha="left")
    handles = [
        Line2D([], [], color="#4a5568", linewidth=line_width(0.9)),
        Line2D([], [], color="#262626", linewidth=line_width(0.5)),
        Line2D([], [], color=MISSING, linestyle=":", linewidth=1.0),
        *[
            Rectangle((0, 0), 1, 1, facecolor=color, edgecolor=INK, linewidth=0.6)
            for _, color in SHADES
        ],
        Rectangle((0, 0), 1, 1, facecolor="white", edgecolor=MISSING, hatch="xx"),
    ]
    labels = [
        f"{cov.source} → partner: the channel link (width and label)",
        "partner → target: score of the best channel through that partner",
        "no channel (or no link)",
        *[f"score ≥ {limit:.1f}" for limit, _ in SHADES],
        "no channel to this target",
    ]
    fig.legend(handles, labels, loc="outside lower center", ncol=4, frameon=False, fontsize=8.5)
    return fig


__all__ = ["channel_diagram", "shade"]
