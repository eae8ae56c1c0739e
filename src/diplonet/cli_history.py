"""Time commands of the ``diplonet`` CLI: diff and timeline.

Registered on the app of :mod:`diplonet.cli`; matplotlib is imported only when a picture is
asked for.
"""

from pathlib import Path
from typing import Annotated

import typer

from . import output
from .cli import (
    DataOpt,
    Format,
    FormatOpt,
    WithoutOpt,
    WithoutRelOpt,
    _command,
    _emit,
    _evidence,
    _network,
)
from .errors import DiplonetError
from .queries import check_max_hops


def _scenario_line(net) -> str:
    return ("scenario: " + "; ".join(net.scenario())) if net.scenario() else ""


@_command("diff")
def diff_cmd(
    date1: Annotated[
        str, typer.Argument(metavar="DATE1", help="The earlier date.", show_default=False)
    ],
    date2: Annotated[
        str, typer.Argument(metavar="DATE2", help="The later date.", show_default=False)
    ],
    channels: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--channels",
            metavar="SOURCE TARGET",
            help="Also compare the channels between two actors.",
        ),
    ] = None,
    max_hops: Annotated[
        int, typer.Option("--max-hops", metavar="N", help="Longest channel compared, in hops.")
    ] = 2,
    evidence: Annotated[
        bool,
        typer.Option("--evidence/--no-evidence", help="Show each changed relation's evidence."),
    ] = False,
    data: DataOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """What changed between DATE1 and DATE2: relations, signs of ties, and channels."""
    from .history import diff
    from .network import parse_date

    net = _network(data, None, without, without_relation)
    d = diff(
        net,
        parse_date(date1, "DATE1"),
        parse_date(date2, "DATE2"),
        channel_ends=channels,
        max_hops=max_hops,
    )
    if format is Format.json:
        return _emit(output.to_json(d.to_dict()))
    headers = ["change", "source", "target", "type", "before", "after", "start", "end", "citation"]
    rows = []
    for c in d.relations:
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
    if format is Format.csv:
        return _emit(
            output.to_csv(
                headers + ["from", "to"],
                [row + [str(d.net1.date), str(d.net2.date)] for row in rows],
            )
        )
    limit = net.curated_through
    head = [
        f"Changes from {d.net1.date} to {d.net2.date}"
        + (f" (data curated through {limit})" if limit else "")
    ]
    if net.scenario():
        head.append(_scenario_line(net))
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
            "between: began and ended in between)\n\n" + output.table(headers, rows)
        )
    else:
        parts.append("No relation changed.")
    if d.signs:
        parts.append(
            "Ties that changed sign (net of sign × strength)\n\n"
            + output.table(
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
                output.score(c.before.score) if c.before else None,
                output.score(c.after.score) if c.after else None,
            ]
            for c in d.channels
        ]
        body = (
            output.table(["channel", "change", str(d.net1.date), str(d.net2.date)], crow)
            if crow
            else "No channel on either date."
        )
        parts.append(f"Channels from {s} to {t}\n\n{body}")
    if evidence and d.relations:
        lines = ["Evidence"]
        for c in d.relations:
            for r in (c.before, c.after):
                if r is not None:
                    lines += _evidence(r, 2)
        parts.append("\n".join(lines))
    _emit("\n\n".join(parts))


@_command("timeline")
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
        str | None, typer.Option("--to", metavar="DATE", help="Last date shown (default: today).")
    ] = None,
    channel: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--channel",
            metavar="SOURCE TARGET",
            help="Track the best channel between two actors over time.",
        ),
    ] = None,
    max_hops: Annotated[
        int,
        typer.Option("--max-hops", metavar="N", help="With --channel: longest channel, in hops."),
    ] = 2,
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
    data: DataOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """The dataset's dated events in order; with --channel, the best channel's strength over time."""
    from . import history
    from .network import parse_date

    net = _network(data, until, without, without_relation)
    lo = parse_date(since, "--from") if since else None
    if lo is not None and lo.sort_key() > net.date.sort_key():
        raise DiplonetError(f"--from {lo} is after --to {net.date}")
    if channel is None:
        if out is not None:
            raise DiplonetError("-o draws the --channel picture: give --channel SOURCE TARGET")
        if between and not actors:
            raise DiplonetError("--between needs the actors to look between")
        events = history.timeline(net, actors or None, since=lo, until=net.date, between=between)
        if format is Format.json:
            return _emit(output.to_json([e.to_dict() for e in events]))
        headers = ["date", "event", "relation", "citation"]
        rows = [
            [str(e.date), e.kind, e.describe(), e.relation.citation if e.relation else ""]
            for e in events
        ]
        if format is Format.csv:
            return _emit(output.to_csv(headers, rows))
        names = [net.resolve(a, present=False) for a in actors or ()]
        who = (" between " if between else " of ") + ", ".join(names) if names else ""
        span = f"from {lo} " if lo else ""
        title = f"Timeline{who}: {len(events)} events {span}up to {net.date}"
        return _emit(title + "\n\n" + (output.table(headers, rows) if rows else "No events."))
    if out is not None:
        from .files import FIGURE_FORMATS, check_output

        check_output(out, FIGURE_FORMATS)
    check_max_hops(max_hops, 2)
    s, t = (net.resolve(a, present=False) for a in channel)
    series = history.channel_series(net, s, t, since=lo, max_hops=max_hops)
    if out is not None:
        from .files import save_figure
        from .plot_time import channel_series_figure

        fig = channel_series_figure(net, s, t, series)
        path = save_figure(fig, out, dpi=dpi)
        return _emit(
            f"wrote {path} ({len(series)} changes of the best channel {s} → {t} up to {net.date})"
        )
    if format is Format.json:
        return _emit(output.to_json([p.to_dict(net) for p in series]))
    headers = ["from", "best channel", "score", "direct", "events"]
    rows = [
        [
            p.date.isoformat(),
            " → ".join(p.best.path) if p.best else "none",
            output.score(p.score),
            None if p.direct is None else output.score(p.direct),
            "; ".join(f"{e.kind} {e.describe()}" for e in p.events),
        ]
        for p in series
    ]
    if format is Format.csv:
        return _emit(output.to_csv(headers, rows))
    _emit(
        f"Best channel from {s} to {t} over time, up to {net.date}\n\n"
        + output.table(headers, rows)
    )
