"""The ``diplonet`` command line: a thin layer that parses options, calls the library, prints.

Every query takes the same scenario options (``--data``, ``--as-of``, ``--without``,
``--without-relation``) and ``--format table|json|csv``. Bad input of any kind exits with code 2
and one message on stderr, never a traceback. Only networkx and typer load on this path: pandas
and matplotlib stay out of it so queries answer instantly.
"""

import enum
import functools
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import output
from .dataset import Relation, display_path, load_dataset, resolve_data_dir
from .errors import DataError, DiplonetError
from .network import Network
from .records import (
    actor_records,
    actor_relations,
    coverage_records,
    relation_records,
    show_record,
    type_records,
)
from .vocab import BRIEF_CITATION, RELATION_TYPES

app = typer.Typer(
    name="diplonet",
    help="Map a conflict as a network of typed, signed, dated, sourced relations, and ask who "
    "can carry a message between any two actors.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"diplonet {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Map a conflict as a network of typed, signed, dated, sourced relations, and ask who can
    carry a message between any two actors."""


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        envvar="DIPLONET_DATA",
        help="Dataset directory (actors.csv, relations.csv). Default: the shipped dataset.",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Only relations in force on this date (YYYY[-MM[-DD]]). Default: today.",
    ),
]
WithoutOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--without",
        metavar="ACTOR",
        help="Remove an actor and all its ties (repeatable).",
        show_default=False,
    ),
]
WithoutRelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--without-relation",
        metavar="A:B[:TYPE]",
        help="Remove the ties between A and B, or only those of TYPE: A:B[:TYPE] (repeatable).",
        show_default=False,
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
HistoryOpt = Annotated[
    bool, typer.Option("--history", help="Include relations not in force on the date (all dates).")
]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _command(*args, on: typer.Typer | None = None, **kwargs):
    """Register a command (on ``app``, or the sub-app ``on``) whose user errors become one
    message and exit code 2."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            try:
                return fn(*a, **k)
            except DiplonetError as exc:
                _fail(str(exc))

        (on or app).command(*args, **kwargs)(wrapper)
        return fn

    return decorate


def _network(
    data: Path | None,
    as_of: str | None,
    without: list[str] | None,
    without_relation: list[str] | None,
) -> Network:
    net = Network.load(data, date=as_of)
    for name in without or ():
        net = net.without(name)
    for spec in without_relation or ():
        parts = spec.split(":")
        if len(parts) not in (2, 3) or not all(p.strip() for p in parts):
            raise DiplonetError(f"--without-relation {spec!r}: expected A:B or A:B:TYPE")
        net = net.without_relation(*[p.strip() for p in parts])
    return net


def _header(net: Network, title: str) -> str:
    lines = [title, net.date_note()]
    if net.scenario():
        lines.append("scenario: " + "; ".join(net.scenario()))
    return "\n".join(lines)


def _emit(text: str, err: bool = False) -> None:
    typer.echo(text, err=err)


def _evidence(rel: Relation, indent: int) -> list[str]:
    source = "the brief" if rel.citation == BRIEF_CITATION else rel.citation
    quote = f"“{rel.evidence}”" if rel.citation == BRIEF_CITATION else rel.evidence
    pad = " " * indent
    head = f"{pad}{rel.type} {rel.strength:g}  {rel.arrow()}  {rel.period()}  [{rel.confidence}]"
    return [head, output.wrap(f"{quote} — {source}", indent + 2)]


# -- channel-shaped results ----------------------------------------------------------------------


def _hops_text(channel) -> str:
    return " · ".join(f"{lk.a}–{lk.b} {lk.strength:.2f}" for lk in channel.links)


def _channel_rows(channels) -> list[list]:
    return [
        [i, " → ".join(c.path), output.score(c.score), _hops_text(c)]
        for i, c in enumerate(channels, 1)
    ]


def _channel_details(channels) -> str:
    blocks = []
    for i, c in enumerate(channels, 1):
        lines = [f"{i}. {' → '.join(c.path)}   score {c.score:.3f}"]
        for link in c.links:
            lines.append(f"   {link.a} – {link.b}  {link.strength:.3f}")
            for rel in link.relations:
                lines += _evidence(rel, 5)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _channel_csv(channels, net: Network, extra=None) -> str:
    headers = ["rank", "path", "via", "score", "hops", "relations", "as_of"]
    extra = extra or {}
    headers += list(extra)
    rows = []
    for i, c in enumerate(channels, 1):
        row = [
            i,
            ">".join(c.path),
            ";".join(c.via),
            round(c.score, 6),
            ";".join(f"{lk.a}-{lk.b}:{lk.strength:.6g}" for lk in c.links),
            ";".join(f"{r.source}>{r.target}:{r.type}" for r in c.relations),
            str(net.date),
        ]
        row += [fn(i - 1) for fn in extra.values()]
        rows.append(row)
    return output.to_csv(headers, rows)


def _context_lines(net: Network, a: str, b: str) -> list[str]:
    """What directly ties a and b: their channel link, or why there is none."""
    from .queries import direct_link, hostile_relations

    lines = []
    link = direct_link(net, a, b)
    if link:
        lines.append(f"direct channel {a}–{b}: {link.strength:.3f} ({link.types()})")
    else:
        lines.append(f"no direct channel between {a} and {b}")
    hostile = hostile_relations(net, a, b)
    if hostile:
        lines.append(
            "hostile ties: " + ", ".join(f"{r.type} {r.arrow()} ({r.period()})" for r in hostile)
        )
    return lines


# -- queries -------------------------------------------------------------------------------------


@_command("channels")
def channels_cmd(
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
            help="Only channels whose first intermediary is one of these (repeatable).",
        ),
    ] = None,
    max_hops: Annotated[
        int,
        typer.Option(
            "--max-hops", metavar="N", help="Longest channel, in hops (2 = one intermediary)."
        ),
    ] = 2,
    evidence: Annotated[
        bool,
        typer.Option("--evidence/--no-evidence", help="Show the relations behind each channel."),
    ] = True,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """The "by, with, and through" channels from SOURCE to one or more TARGETS.

    With one target: the intermediaries with channel-carrying ties to both ends, best first.
    With several: a partner × target coverage table and the partners that reach every target.
    """
    from . import queries

    net = _network(data, as_of, without, without_relation)
    if len(targets) == 1:
        found = queries.channels(net, source, targets[0], through=through, max_hops=max_hops)
        s, t = net.resolve(source), net.resolve(targets[0])
        if format is Format.json:
            return _emit(output.to_json([c.to_dict(net) for c in found]))
        if format is Format.csv:
            return _emit(_channel_csv(found, net))
        limit = f"up to {max_hops} hops" if max_hops > 2 else "one intermediary"
        parts = [_header(net, f"Channels from {s} to {t} ({limit})")]
        parts.append("\n".join(_context_lines(net, s, t)))
        if not found:
            parts.append(f"No channel from {s} to {t}.")
        else:
            parts.append(output.table(["#", "channel", "score", "links"], _channel_rows(found)))
            if evidence:
                parts.append(_channel_details(found))
        return _emit("\n\n".join(parts))
    cov = queries.coverage(net, source, targets, through=through, max_hops=max_hops)
    _emit(_coverage_text(net, cov, format, max_hops, through=bool(through)))


def _coverage_text(net: Network, cov, format: Format, max_hops: int, through: bool) -> str:
    if format is Format.json:
        return output.to_json(coverage_records(net, cov))
    headers = ["partner", f"{cov.source} link", *cov.targets, "reaches all"]
    rows = []
    for row in cov.rows:
        cells = [row.partner, row.source_link.strength if row.source_link else None]
        cells += [row.best[t].score if row.best[t] else None for t in cov.targets]
        cells.append(row.reaches_all)
        rows.append(cells)
    if format is Format.csv:
        return output.to_csv(headers + ["as_of"], [r + [str(net.date)] for r in rows])
    shown = [[c if not isinstance(c, float) else output.score(c) for c in r] for r in rows]
    title = f"Coverage of {', '.join(cov.targets)} from {cov.source}"
    if through:
        title += f" through {', '.join(r.partner for r in cov.rows)}"
    parts = [_header(net, title)]
    parts.append(
        "Each cell is the score of the best channel source → partner → target "
        f"({'one intermediary' if max_hops == 2 else f'up to {max_hops} hops'}); — means none."
    )
    parts.append(output.table(headers, shown))
    reach = cov.reaching_all
    parts.append("Partners reaching every target: " + (", ".join(reach) if reach else "none"))
    direct = [f"{t} {lk.strength:.3f}" if lk else f"{t} none" for t, lk in cov.direct.items()]
    parts.append(f"Direct channels from {cov.source}: " + ", ".join(direct))
    return "\n\n".join(parts)


@_command("mediators")
def mediators_cmd(
    party_a: Annotated[
        str, typer.Argument(metavar="PARTY_A", help="One party to the dispute.", show_default=False)
    ],
    party_b: Annotated[
        str, typer.Argument(metavar="PARTY_B", help="The other party.", show_default=False)
    ],
    evidence: Annotated[
        bool, typer.Option("--evidence/--no-evidence", help="Show the ties behind each mediator.")
    ] = True,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Profile each mediator: lean, leverage, shared coalitions."),
    ] = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """Third parties able to mediate between PARTY_A and PARTY_B, ranked by their ties to both."""
    from . import queries

    net = _network(data, as_of, without, without_relation)
    found = queries.mediators(net, party_a, party_b)
    a, b = net.resolve(party_a), net.resolve(party_b)
    if explain:
        from .cli_analysis import mediator_profiles_text

        return _emit(mediator_profiles_text(net, a, b, format))
    if format is Format.json:
        return _emit(output.to_json([m.to_dict(net) for m in found]))
    if format is Format.csv:
        extra = {
            "mediator": lambda i: found[i].mediator,
            "tie_a": lambda i: round(found[i].tie_a.strength, 6),
            "tie_b": lambda i: round(found[i].tie_b.strength, 6),
        }
        return _emit(_channel_csv([m.channel for m in found], net, extra))
    parts = [_header(net, f"Mediators between {a} and {b}")]
    context = _context_lines(net, a, b)
    if not queries.hostile_relations(net, a, b):
        context.append(f"note: {a} and {b} have no hostile tie in force")
    parts.append("\n".join(context))
    if not found:
        parts.append(f"No actor has channel ties to both {a} and {b}.")
        return _emit("\n\n".join(parts))
    rows = [
        [
            i,
            m.mediator,
            output.score(m.channel.score),
            output.score(m.tie_a.strength),
            output.score(m.tie_b.strength),
            f"{m.tie_a.types()} | {m.tie_b.types()}",
        ]
        for i, m in enumerate(found, 1)
    ]
    parts.append(
        output.table(["#", "mediator", "score", f"tie to {a}", f"tie to {b}", "ties"], rows)
    )
    if evidence:
        parts.append(_channel_details([m.channel for m in found]))
    _emit("\n\n".join(parts))


@_command("paths")
def paths_cmd(
    source: Annotated[
        str, typer.Argument(metavar="SOURCE", help="Where the path starts.", show_default=False)
    ],
    target: Annotated[
        str, typer.Argument(metavar="TARGET", help="Where the path ends.", show_default=False)
    ],
    k: Annotated[int, typer.Option("-k", metavar="N", help="How many paths.")] = 5,
    max_hops: Annotated[
        int, typer.Option("--max-hops", metavar="N", help="Longest path, in hops.")
    ] = 4,
    via: Annotated[
        list[str] | None,
        typer.Option(
            "--via", metavar="ACTOR", help="Paths must pass through this actor (repeatable)."
        ),
    ] = None,
    avoid: Annotated[
        list[str] | None,
        typer.Option(
            "--avoid", metavar="ACTOR", help="Paths must not touch this actor (repeatable)."
        ),
    ] = None,
    evidence: Annotated[
        bool, typer.Option("--evidence/--no-evidence", help="Show the relation behind each hop.")
    ] = True,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """The K best intermediary paths from SOURCE to TARGET, best first (direct tie included)."""
    from . import queries

    net = _network(data, as_of, without, without_relation)
    found = queries.best_paths(
        net, source, target, k=k, max_hops=max_hops, via=via or (), avoid=avoid or ()
    )
    s, t = net.resolve(source), net.resolve(target)
    if format is Format.json:
        return _emit(output.to_json([c.to_dict(net) for c in found]))
    if format is Format.csv:
        return _emit(_channel_csv(found, net))
    parts = [_header(net, f"Best {k} paths from {s} to {t} (at most {max_hops} hops)")]
    if not found:
        parts.append(f"No path from {s} to {t} under these conditions.")
    else:
        parts.append(output.table(["#", "path", "score", "links"], _channel_rows(found)))
        if evidence:
            parts.append(_channel_details(found))
    _emit("\n\n".join(parts))


# -- browsing ------------------------------------------------------------------------------------


@_command("actors")
def actors_cmd(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """List the actors, with their kind, groups and number of ties in force."""
    net = _network(data, as_of, without, without_relation)
    records = actor_records(net)
    if format is Format.json:
        return _emit(output.to_json(records))
    headers = ["id", "name", "kind", "bloc", "groups", "ties"]
    rows = [
        [r["id"], r["name"], r["kind"], r["bloc"], "; ".join(r["groups"]), r["ties"]]
        for r in records
    ]
    if format is Format.csv:
        return _emit(output.to_csv(headers + ["as_of"], [r + [str(net.date)] for r in rows]))
    _emit(_header(net, f"{len(rows)} actors") + "\n\n" + output.table(headers, rows))


_REL_HEADERS = ["source", "target", "type", "sign", "strength", "start", "end", "citation"]


def _relation_row(r: Relation) -> list:
    return [
        r.source,
        r.target,
        r.type,
        f"{r.sign:+d}",
        r.strength,
        str(r.start),
        str(r.end or ""),
        r.citation,
    ]


@_command("show")
def show_cmd(
    actor: Annotated[
        str, typer.Argument(metavar="ACTOR", help="Actor id, name or alias.", show_default=False)
    ],
    history: HistoryOpt = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """One actor: who it is and its ties, grouped by type, with dates and evidence."""
    net = _network(data, as_of, without, without_relation)
    a = net.actors[net.resolve(actor)]
    rels = actor_relations(net, a.id, history)
    if format is Format.json:
        return _emit(output.to_json(show_record(net, a.id, history)))
    if format is Format.csv:
        return _emit(
            output.to_csv(
                _REL_HEADERS + ["evidence", "as_of"],
                [_relation_row(r) + [r.evidence, str(net.date)] for r in rels],
            )
        )
    lines = [_header(net, f"{a.id}: {a.name} ({a.kind})" + ("; all dates" if history else ""))]
    lines.append(f"groups: {'; '.join(a.groups) or '—'}; bloc: {a.bloc or '—'}")
    lines.append(f"aliases: {'; '.join(a.aliases) or '—'}")
    if a.note:
        lines.append(f"note: {a.note}")
    if not rels:
        lines.append("\nNo ties in force." if not history else "\nNo ties at any date.")
    by_type: dict[str, list[Relation]] = {}
    for r in rels:
        by_type.setdefault(r.type, []).append(r)
    for rtype in RELATION_TYPES:
        if rtype not in by_type:
            continue
        meta = RELATION_TYPES[rtype]
        lines.append(
            f"\n{rtype} ({'cooperative' if meta.sign > 0 else 'hostile'}, {len(by_type[rtype])})"
        )
        for r in by_type[rtype]:
            lines += _evidence(r, 2)
    _emit("\n".join(lines))


@_command("relations")
def relations_cmd(
    actor: Annotated[
        str | None,
        typer.Argument(metavar="[ACTOR]", help="Only this actor's relations.", show_default=False),
    ] = None,
    history: HistoryOpt = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """List relations in force (all, or one ACTOR's), in file order."""
    net = _network(data, as_of, without, without_relation)
    pool = net.history() if history else net.relations
    if actor is not None:
        who = net.resolve(actor)
        pool = tuple(r for r in pool if r.involves(who))
    if format is Format.json:
        return _emit(output.to_json(relation_records(pool, net)))
    if format is Format.csv:
        return _emit(
            output.to_csv(
                _REL_HEADERS + ["directed", "evidence", "confidence", "line", "as_of"],
                [
                    _relation_row(r) + [r.directed, r.evidence, r.confidence, r.line, str(net.date)]
                    for r in pool
                ],
            )
        )
    title = f"{len(pool)} relations" + (f" of {net.resolve(actor)}" if actor else "")
    title += " at any date" if history else ""
    _emit(
        _header(net, title) + "\n\n" + output.table(_REL_HEADERS, [_relation_row(r) for r in pool])
    )


@_command("types")
def types_cmd(format: FormatOpt = Format.table) -> None:
    """The relation-type vocabulary: meaning, sign, direction, and whether it carries a channel."""
    items = list(RELATION_TYPES.values())
    if format is Format.json:
        return _emit(output.to_json(type_records()))
    headers = ["type", "sign", "channel", "directed", "meaning"]
    rows = [
        [t.name, f"{t.sign:+d}" if t.sign else "±1", t.channel, t.directed, t.meaning]
        for t in items
    ]
    if format is Format.csv:
        return _emit(output.to_csv(headers, rows))
    _emit(output.table(headers, rows))


@_command("validate")
def validate_cmd(data: DataOpt = None) -> None:
    """Check a dataset and report every problem (file, line, column). Exit 0 if clean, 2 if not."""
    directory = resolve_data_dir(data)
    try:
        ds = load_dataset(directory)
    except DataError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        n = len(exc.problems)
        typer.echo(
            f"{n} problem{'s' if n != 1 else ''} found in {display_path(directory)}", err=True
        )
        raise typer.Exit(2) from None
    curated = ds.info.curated_through
    typer.echo(
        f"OK: {display_path(directory)}: {len(ds.actors)} actors, {len(ds.relations)} relations"
        + (f"; curated through {curated}" if curated else "; no curation date (dataset.json)")
    )
    briefs = sum(r.citation == BRIEF_CITATION for r in ds.relations)
    if briefs:
        typer.echo(f"{briefs} quotes checked against the brief ({ds.info.brief_file})")


# The analysis commands register themselves on `app` (kept apart to keep this module small).
from . import cli_analysis, cli_draw, cli_events, cli_history  # noqa: E402, F401


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:
        # `diplonet relations | head`: the reader left; exit quietly like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
