"""A picture of the best channel between two actors over time (matplotlib).

Returns a :class:`matplotlib.figure.Figure` built without pyplot, so no global state is touched
and nothing is shown; saving goes through :func:`diplonet._files.save_figure`.
"""

from __future__ import annotations

import datetime as _dt

from matplotlib.figure import Figure

from .history import SeriesPoint
from .network import Network

__all__ = [
    "channel_series_figure",
]


def _label(point: SeriesPoint) -> str:
    best = " → ".join(point.best.path) + f" {point.score:.2f}" if point.best else "no channel"
    if not point.events:
        return f"{point.date.isoformat()}  {best}"
    first = point.events[0]
    more = f" (+{len(point.events) - 1} more)" if len(point.events) > 1 else ""
    return f"{point.date.isoformat()}  {first.kind} {first.describe()}{more}  ⇒ {best}"


def channel_series_figure(
    net: Network,
    source: str,
    target: str,
    series: list[SeriesPoint],
    until: _dt.date | None = None,
    size: tuple[float, float] = (11, 5.5),
) -> Figure:
    """A step plot of the best channel's score, the direct link if any, and the events that moved them.

    Each change is marked by a dot and labelled with the event that caused it (the first one
    of that day, with a count of the others).

    Parameters
    ----------
    net : Network
        The network the series was computed on: its date ends the plot (unless ``until``) and
        its curation date shades what lies beyond.
    source, target : str
        The two actors, as shown in the legend and title.
    series : list of SeriesPoint
        :func:`diplonet.history.channel_series` of the two actors; empty draws a note instead.
    until : datetime.date, optional
        The last day plotted (default: the last day of the network's date).
    size : (float, float)
        Width and height of the plot in inches; the key below it adds a line per change.

    Returns
    -------
    matplotlib.figure.Figure
    """
    marked = [p for p in series if p.events]
    fig = Figure(figsize=(size[0], size[1] + 0.22 * len(marked)), layout="constrained")
    grid = fig.add_gridspec(2, 1, height_ratios=[size[1], 0.3 + 0.22 * len(marked)])
    ax = fig.add_subplot(grid[0])
    key = fig.add_subplot(grid[1])
    key.axis("off")
    end = until or net.date.last_day()
    if not series:
        ax.text(
            0.5,
            0.5,
            f"No channel between {source} and {target} in this period",
            ha="center",
            transform=ax.transAxes,
        )
    else:
        xs = [p.date for p in series] + [end]
        ys = [p.score for p in series] + [series[-1].score]
        ax.step(
            xs,
            ys,
            where="post",
            color="#1f5fa8",
            linewidth=2.2,
            label=f"best channel {source} → {target}",
        )
        if any(p.direct is not None for p in series):
            ds = [p.direct or 0.0 for p in series] + [series[-1].direct or 0.0]
            ax.step(
                xs,
                ds,
                where="post",
                color="#888888",
                linewidth=1.4,
                linestyle="--",
                label="direct link",
            )
        ax.scatter(
            [p.date for p in marked],
            [p.score for p in marked],
            color="#c0392b",
            zorder=3,
            s=30,
            label="change (see key)",
        )
        for i, p in enumerate(marked, 1):
            ax.annotate(
                str(i),
                (p.date, p.score),
                xytext=(-4, 6),
                textcoords="offset points",
                ha="right",
                fontsize=8,
                fontweight="bold",
                color="#c0392b",
            )
        lines = [f"{i}.  {_label(p)}" for i, p in enumerate(marked, 1)]
        key.text(
            0.0,
            1.0,
            "\n".join(lines),
            va="top",
            ha="left",
            fontsize=8,
            family="DejaVu Sans",
            transform=key.transAxes,
        )
    limit = net.curated_through
    if limit is not None and series and end > limit.last_day():
        # the data say nothing after the curation date: shade it, so a flat line there is not
        # read as "nothing changed"
        ax.axvspan(
            limit.last_day(),
            end,
            facecolor="#e2e8f0",
            edgecolor="#a0aec0",
            hatch="//",
            linewidth=0,
            zorder=0,
            label=f"beyond the curated data ({limit})",
            gid="beyond-curated",
        )
    ax.set_ylim(0, 1.12)
    ax.set_ylabel("channel score (0–1)")
    ax.grid(axis="y", color="#eeeeee")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    note = f"up to {end.isoformat()}" + (f"; data curated through {limit}" if limit else "")
    ax.set_title(
        f"Best channel from {source} to {target} over time\n{note}", fontsize=11, loc="left"
    )
    return fig
