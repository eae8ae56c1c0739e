"""Time commands: ``diff`` and ``timeline``. matplotlib loads only when a picture is asked for."""

from pathlib import Path
from typing import Annotated

import typer

from .. import answers
from .._output import score, table
from ..answers import Answer
from ..errors import DiplonetError
from ..network import Network
from ._text import evidence
from .core import DEFAULT_MAX_HOPS, MaxHopsOpt, command, emit, say

__all__: list[str] = []  # commands register on the app; their --help is their doc

#: The most changed relations the table view lists (JSON and CSV hold them all).
SHOWN = 1_000

ChannelEnds = Annotated[
    tuple[str, str] | None,
    typer.Option(
        "--channel",
        "--channels",
        metavar="SOURCE TARGET",
        help="Also follow the best channels between two actors.",
    ),
]


@command("diff", options=("data", "scenario", "format"))
def diff_cmd(
    date1: Annotated[
        str, typer.Argument(metavar="DATE1", help="The earlier date.", show_default=False)
    ],
    date2: Annotated[
        str, typer.Argument(metavar="DATE2", help="The later date.", show_default=False)
    ],
    channels: ChannelEnds = None,
    max_hops: MaxHopsOpt = DEFAULT_MAX_HOPS,
    show_evidence: Annotated[
        bool,
        typer.Option("--evidence/--no-evidence", help="Show each changed relation's evidence."),
    ] = False,
    *,
    net: Network,
    format: str,
) -> None:
    """What changed between DATE1 and DATE2: relations, signs of ties, and channels."""
    from ..network import parse_date

    ans = answers.diff(
        net,
        parse_date(date1, "DATE1"),
        parse_date(date2, "DATE2"),
        channel_ends=channels,
        max_hops=max_hops,
    )
    emit(ans, format, lambda a: _diff_text(a, show_evidence))


def _diff_text(ans: Answer, show_evidence: bool) -> str:
    net, d = ans.network, ans.result
    headers = ["change", "source", "target", "type", "before", "after", "start", "end", "citation"]
    rows = []
    for c in d.relations[:SHOWN]:
        r = c.relation
        rows.append(
            [
                c.change,
                r.source,
                r.target,
                r.type,
                c.before.strength if c.before else None,
                c.after.strength if c.after else None,
                str(r.start),
                str(r.end or ""),
                r.citation,
            ]
        )
    limit = net.curated_through
    head = [
        f"Changes from {d.net1.date} to {d.net2.date}"
        + (f" (data curated through {limit})" if limit else "")
    ]
    if net.scenario():
        head.append("scenario: " + "; ".join(net.scenario()))
    parts = ["\n".join(head)]
    if d.actors_appeared or d.actors_gone:
        parts.append(
            "actors appeared: "
            + (", ".join(d.actors_appeared) or "none")
            + "; actors gone: "
            + (", ".join(d.actors_gone) or "none")
        )
    if rows:
        parts.append(
            "Relations (appeared/ended: in force on only one date; stronger/weaker: the tie was regraded; "
            "between: began and ended in between)\n\n"
            + table(headers, rows)
            + (
                f"\n... {len(d.relations) - SHOWN:,} more changes (all in --format csv or json)"
                if len(d.relations) > SHOWN
                else ""
            )
        )
    else:
        parts.append("No relation changed.")
    if d.signs:
        parts.append(
            "Ties that changed sign (net of sign × strength)\n\n"
            + table(
                ["pair", "before", "after"],
                [[f"{s.a}–{s.b}", f"{s.before:+.2f}", f"{s.after:+.2f}"] for s in d.signs],
            )
        )
    if d.channels is not None:
        s, t = d.channel_ends
        crow = [
            [
                " → ".join((s, *c.via, t)),
                c.change,
                score(c.before.score) if c.before else None,
                score(c.after.score) if c.after else None,
            ]
            for c in d.channels
        ]
        body = (
            table(["channel", "change", str(d.net1.date), str(d.net2.date)], crow)
            if crow
            else "No channel on either date."
        )
        parts.append(f"Channels from {s} to {t}\n\n{body}")
    if show_evidence and d.relations:
        lines = ["Evidence"]
        for c in d.relations:
            for r in (c.before, c.after):
                if r is not None:
                    lines += evidence(r, 2)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


@command("timeline", options=("data", "scenario", "format"))
def timeline_cmd(
    actors: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ACTOR]...", help="Only events touching these actors.", show_default=False
        ),
    ] = None,
    between: Annotated[
        bool, typer.Option("--between", help="Only relations among the actors named.")
    ] = False,
    since: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="First date shown.")
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DATE",
            help="Last date shown (default: the date the data are curated through).",
        ),
    ] = None,
    channel: ChannelEnds = None,
    max_hops: MaxHopsOpt = DEFAULT_MAX_HOPS,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="With --channel: draw it to FILE (.png, .svg, .pdf).",
        ),
    ] = None,
    dpi: Annotated[int, typer.Option("--dpi", metavar="N", help="Resolution of a PNG.")] = 150,
    *,
    net: Network,
    format: str,
) -> None:
    """The dataset's dated events in order; with --channel, the best channel's strength over time."""
    from ..network import parse_date

    if until is not None:
        net = net.as_of(parse_date(until, "to"))
    lo = parse_date(since, "from") if since else None
    if lo is not None and lo.sort_key() > net.date.sort_key():
        raise DiplonetError(f"--from {lo} is after --to {net.date}")
    if channel is None:
        if out is not None:
            raise DiplonetError("-o draws the --channel picture: give --channel SOURCE TARGET")
        if between and not actors:
            raise DiplonetError("--between needs the actors to look between")
        ans = answers.timeline(net, actors or (), since=lo, between=between)
        return emit(ans, format, _timeline_text)
    if out is not None:
        from .._files import FIGURE_FORMATS, check_output

        check_output(out, FIGURE_FORMATS)
    ans = answers.channel_series(net, *channel, since=lo, max_hops=max_hops)
    if out is not None:
        from .._files import save_figure
        from ..plot_time import channel_series_figure

        s, t = ans.info["channel"]
        fig = channel_series_figure(net, s, t, ans.items)
        path = save_figure(fig, out, dpi=dpi)
        return say(
            f"wrote {path} ({len(ans.items)} changes of the best channel {s} → {t} up to {net.date})"
        )
    emit(ans, format, _series_text)


def _timeline_text(ans: Answer) -> str:
    net, q, events = ans.network, ans.query, ans.items
    headers = ["date", "event", "relation", "citation"]
    rows = [
        [str(e.date), e.kind, e.describe(), e.relation.citation if e.relation else ""]
        for e in events
    ]
    names, between = q["actors"], q["between"]
    who = (" between " if between else " of ") + ", ".join(names) if names else ""
    span = f"from {q['since']} " if q["since"] else ""
    title = f"Timeline{who}: {len(events)} events {span}up to {net.date}"
    return title + "\n\n" + (table(headers, rows) if rows else "No events.")


def _series_text(ans: Answer) -> str:
    net, (s, t) = ans.network, ans.info["channel"]
    headers = ["from", "best channel", "score", "direct", "events"]
    rows = [
        [
            p.date.isoformat(),
            " → ".join(p.best.path) if p.best else "none",
            score(p.score),
            None if p.direct is None else score(p.direct),
            "; ".join(f"{e.kind} {e.describe()}" for e in p.events),
        ]
        for p in ans.items
    ]
    return f"Best channel from {s} to {t} over time, up to {net.date}\n\n" + table(headers, rows)
