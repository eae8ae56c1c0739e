"""Drawing and export commands: ``plot``, ``diagram`` and ``export``.

matplotlib loads only here, when a picture is asked for; every file is checked before any work
and written atomically.
"""

from pathlib import Path
from typing import Annotated

import typer

from ..errors import DiplonetError
from ..network import Network
from ..vocab import COLOR_BY, EXPORT_FORMATS, LAYOUTS
from .core import DEFAULT_MAX_HOPS, MaxHopsOpt, choice_enum, command, say

__all__: list[str] = []  # commands register on the app; their --help is their doc

Layout = choice_enum("Layout", LAYOUTS)
ColorBy = choice_enum("ColorBy", COLOR_BY)
ExportFormat = choice_enum("ExportFormat", EXPORT_FORMATS)

FocusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--focus", metavar="ACTOR", help="Only this actor and those it has ties with (repeatable)."
    ),
]
LayoutOpt = Annotated[
    Layout,
    typer.Option(
        "--layout",
        help="Where actors go: spring, circular, shell, or map (country outlines, actors at"
        " their capitals; geo is its older name).",
    ),
]
ColorOpt = Annotated[ColorBy, typer.Option("--color-by", help="Colour actors by bloc or kind.")]


def _size(text: str) -> tuple[float, float]:
    try:
        w, h = (float(x) for x in text.split(","))
    except ValueError:
        raise DiplonetError(f"--size {text!r}: expected W,H in inches, e.g. 13,9") from None
    if not (2 <= w <= 60 and 2 <= h <= 60):
        raise DiplonetError(f"--size {text!r}: width and height must be between 2 and 60 inches")
    return w, h


def _slug(*parts: str) -> str:
    return "-".join(p.replace(" ", "_").replace("/", "_") for p in parts if p)


#: The most actors ``plot`` draws: beyond it a picture is a blot, and its layout takes minutes.
PLOT_ACTOR_LIMIT = 400


def _check_plot_size(net, focus: list[str] | None) -> None:
    """Refuse a picture of more than :data:`PLOT_ACTOR_LIMIT` actors, before any layout work."""
    if focus:
        from ..network import ego_nodes

        count = len(ego_nodes(net, focus))
        what = f"--focus {' '.join(focus)} keeps {count:,} actors"
    else:
        count = len(net.actors)
        what = f"the network has {count:,} actors"
    if count > PLOT_ACTOR_LIMIT:
        raise DiplonetError(
            f"plot: {what}, more than a picture can show (the limit is {PLOT_ACTOR_LIMIT}). "
            "Draw a part: --focus ACTOR (an actor and its ties), or --highlight SOURCE TARGET "
            "--top N with --focus on the two ends; or open the whole network in a browser: "
            "diplonet export html"
        )


@command("plot", options=("data", "as_of", "scenario"))
def plot_cmd(
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="PNG, SVG or PDF, by extension. Default: diplonet-[...]-DATE.png",
        ),
    ] = None,
    highlight: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--highlight",
            metavar="SOURCE TARGET",
            help="Draw the best channels between two actors over the network.",
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option(
            "-k", "--top", metavar="N", help="With --highlight: how many channels, best first."
        ),
    ] = 3,
    max_hops: MaxHopsOpt = DEFAULT_MAX_HOPS,
    focus: FocusOpt = None,
    layout: LayoutOpt = Layout.spring,
    color_by: ColorOpt = ColorBy.bloc,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="Title (default: from the data).")
    ] = None,
    dpi: Annotated[int, typer.Option("--dpi", metavar="N", help="Resolution of a PNG.")] = 150,
    size: Annotated[
        str, typer.Option("--size", metavar="W,H", help="Figure size in inches.")
    ] = "13,9",
    *,
    net: Network,
) -> None:
    """Draw the network (PNG, SVG or PDF): blocs, styled ties, highlighted channels."""
    from .._files import FIGURE_FORMATS, check_output, is_stream

    if not 30 <= dpi <= 1200:
        raise DiplonetError(f"--dpi {dpi}: use 30 to 1200")
    dims = _size(size)
    _check_plot_size(net, focus)
    if out is None:
        ends = (
            [net.resolve(a) for a in highlight]
            if highlight
            else [net.resolve(a) for a in focus or ()]
        )
        out = Path(f"{_slug('diplonet', *ends, str(net.date))}.png")
    check_output(out, FIGURE_FORMATS)
    from .._files import save_figure
    from ..plot import network_figure

    fig = network_figure(
        net,
        highlight=highlight,
        top=top,
        max_hops=max_hops,
        focus=focus,
        layout=layout.value,
        title=title,
        size=dims,
        color_by=color_by.value,
    )
    path = save_figure(fig, out, dpi=dpi)
    say(f"wrote {path} ({net.date_note()})", err=is_stream(out))


@command("export", options=("data", "as_of", "scenario"))
def export_cmd(
    fmt: Annotated[
        ExportFormat,
        typer.Argument(
            metavar="FORMAT",
            help="gexf, graphml, json, cytoscape, dot, csv or html.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Where to write (csv: a folder; '-': standard output). Default: diplonet-DATE.EXT",
        ),
    ] = None,
    focus: FocusOpt = None,
    layout: LayoutOpt = Layout.spring,
    color_by: ColorOpt = ColorBy.bloc,
    dynamic: Annotated[
        bool,
        typer.Option(
            "--dynamic",
            help="gexf: every relation at any date, with its spell, for Gephi's timeline.",
        ),
    ] = False,
    *,
    net: Network,
) -> None:
    """Write the network for another tool: Gephi, yEd, D3, Cytoscape, Graphviz, a spreadsheet, a browser."""
    from .._files import is_stream
    from ..export import EXTENSIONS, export

    if out is None:
        out = Path(f"diplonet-{'all-dates' if dynamic else net.date}{EXTENSIONS[fmt.value]}")
    path = export(
        net,
        fmt.value,
        out,
        focus=focus,
        layout=layout.value,
        color_by=color_by.value,
        dynamic=dynamic,
    )
    what = "every relation at any date" if dynamic else net.date_note()
    say(f"wrote {path} ({fmt.value}; {what})", err=is_stream(out))
    if fmt.value != "csv":  # a large network is laid out another way: say so where it happens
        from .._layout import note
        from ..network import ego_nodes

        n = len(ego_nodes(net, focus)) if focus else len(net.actors)
        how = note(layout.value, n)
        if how:
            say(f"layout: {how}", err=True)


@command("diagram", options=("data", "as_of", "scenario"))
def diagram_cmd(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE", help="The actor who wants to reach the targets.", show_default=False
        ),
    ],
    targets: Annotated[
        list[str],
        typer.Argument(
            metavar="TARGET...", help="One or more actors to reach.", show_default=False
        ),
    ],
    through: Annotated[
        list[str] | None,
        typer.Option(
            "--through",
            metavar="ACTOR",
            help="The partners to draw (repeatable; default: every partner of SOURCE).",
        ),
    ] = None,
    max_hops: MaxHopsOpt = DEFAULT_MAX_HOPS,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="PNG, SVG or PDF, by extension. Default: diplonet-channels-SOURCE-[...]-DATE.png",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="Title (default: the query).")
    ] = None,
    dpi: Annotated[int, typer.Option("--dpi", metavar="N", help="Resolution of a PNG.")] = 150,
    *,
    net: Network,
) -> None:
    """Draw the channels table (PNG, SVG or PDF): SOURCE, its partners, the TARGETS.

    The same answer as `channels SOURCE TARGET... --through ...`: width and label give each
    link's strength and each channel's score; a strip shows each partner's coverage of the
    targets; missing channels are drawn as such.
    """
    from .._files import FIGURE_FORMATS, check_output, is_stream

    if not 30 <= dpi <= 1200:
        raise DiplonetError(f"--dpi {dpi}: use 30 to 1200")
    if out is None:
        ends = [net.resolve(a) for a in (source, *targets)]
        out = Path(f"{_slug('diplonet-channels', *ends, str(net.date))}.png")
    check_output(out, FIGURE_FORMATS)
    from .._files import save_figure
    from ..diagram import channel_diagram

    fig = channel_diagram(net, source, targets, through=through, max_hops=max_hops, title=title)
    path = save_figure(fig, out, dpi=dpi)
    say(f"wrote {path} ({net.date_note()})", err=is_stream(out))
