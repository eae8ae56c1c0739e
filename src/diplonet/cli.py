"""The ``diplonet`` command line: a thin layer that parses options, calls the library, prints.

Every query takes the same scenario options (``--data``, ``--as-of``, ``--without``,
``--without-relation``) and ``--format table|json|csv``. Bad input of any kind exits with code 2
and one message on stderr, never a traceback. Only networkx and typer load on this path: pandas
and matplotlib stay out of it so queries answer instantly.
"""

import enum
import functools
import inspect
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import output, progress
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
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
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
        help="Only relations in force on this date (YYYY[-MM[-DD]]). Default: the date the data are curated through.",
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
# the arguments of the two views of the brief's question, `channels` and `diagram`
SourceArg = Annotated[
    str,
    typer.Argument(
        metavar="SOURCE", help="The actor who wants to reach the targets.", show_default=False
    ),
]
TargetsArg = Annotated[
    list[str],
    typer.Argument(metavar="TARGET...", help="One or more actors to reach.", show_default=False),
]
ChannelHopsOpt = Annotated[
    int,
    typer.Option(
        "--max-hops", metavar="N", help="Longest channel, in hops (2 = one intermediary)."
    ),
]
ModelOpt = Annotated[
    str,
    typer.Option(
        "--model",
        metavar="NAME",
        help="Rules of the channel model: v2 (current) or v1 (the first round's, for comparison).",
    ),
]
HostileRelaysOpt = Annotated[
    bool,
    typer.Option(
        "--allow-hostile-relays",
        help="Let intermediaries hostile to either end (or rejected by it) carry routes, marked.",
    ),
]
SensitivityOpt = Annotated[
    bool,
    typer.Option(
        "--sensitivity",
        help="Rerun the ranking on seeded draws (relay factor and tie strengths within their "
        "confidence bands) and show how often each answer ranks first and its rank range.",
    ),
]
DrawsOpt = Annotated[
    int, typer.Option("--draws", metavar="N", help="Draws for --sensitivity (1-10000).")
]
SeedOpt = Annotated[int, typer.Option("--seed", metavar="N", help="Random seed for --sensitivity.")]
HistoryOpt = Annotated[
    bool, typer.Option("--history", help="Include relations not in force on the date (all dates).")
]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


#: Library parameter names as the CLI spells them, for error messages.
_FLAGS = {
    "as_of": "--as-of",
    "without_relation": "--without-relation",
    "groups": "--groups",
    "dynamic": "--dynamic",
    "period": "--period",
    "color_by": "--color-by",
    "top": "--top",
    "max_hops": "--max-hops",
    "k": "-k",
    "through": "--through",
    "via": "--via",
    "avoid": "--avoid",
    "draws": "--draws",
}


def _flagged(message: str) -> str:
    """A library message with its parameter names spelt as the CLI's flags: the leading word,
    and ``(without X)`` in a scenario's message. The library speaks of parameters only."""
    word = message.split(" ", 1)[0].rstrip(":")
    if word in _FLAGS:
        message = _FLAGS[word] + message[len(word) :]
    return message.replace("(without ", "(--without ")


_ROUTE_SCORE = (
    "Score: the product of the link strengths along the route, times 0.8 per intermediary "
    "(docs/model.md)."
)

#: What every command's --help ends with: what its score means (where it prints one) and an
#: example that runs on the shipped data. One table, so no command goes without.
HELP_EXTRA: dict[str, tuple[str, str]] = {
    "channels": (_ROUTE_SCORE, "diplonet channels US Hamas --as-of 2021-05-20"),
    "mediators": (
        "Score: the route's score from party A through the mediator (and its relays) to party "
        "B; mediators a party objects to rank last.",
        "diplonet mediators Israel Hamas --as-of 2021-05-20 --sensitivity",
    ),
    "paths": (_ROUTE_SCORE, "diplonet paths Egypt Hamas -k 3 --as-of 2021-05-20"),
    "actors": ("", "diplonet actors --as-of 2021-05-20"),
    "show": ("", "diplonet show Qatar --as-of 2021-05-20"),
    "relations": ("", "diplonet relations Qatar Hamas --history"),
    "types": ("", "diplonet types"),
    "validate": ("", "diplonet validate --data my-dataset"),
    "backtest": (
        "hit@1: the top-ranked mediator is a primary one; hit@3: a credited mediator is in "
        "the top three.",
        "diplonet backtest --format json",
    ),
    "brokers": (
        "Counts are Gould-Fernandez brokerage roles; betweenness is the share of best routes "
        "through the actor.",
        "diplonet brokers --as-of 2021-05-20",
    ),
    "balance": ("", "diplonet balance --as-of 2021-05-20"),
    "resilience": (_ROUTE_SCORE, "diplonet resilience US Hamas --as-of 2021-05-20"),
    "spoilers": (
        "Score: hostility (min(1, -net tie)) times the strength of the support reaching a party.",
        "diplonet spoilers US Hamas --as-of 2021-05-20",
    ),
    "plot": ("", "diplonet plot --layout map --highlight US Hamas -o channels.png"),
    "export": ("", "diplonet export html -o network.html"),
    "diagram": (
        _ROUTE_SCORE,
        "diplonet diagram US Israel PA Hamas --through Egypt --through Qatar -o partners.svg",
    ),
    "gdelt": ("", "diplonet ingest gdelt 20191024143000.export.CSV -o events.csv"),
    "merge": ("", "diplonet merge events.csv -o merged"),
    "compare": ("", "diplonet compare events.csv --disagreements"),
    "diff": ("", "diplonet diff 2019 2021-05-20 --channels US Hamas"),
    "timeline": ("", "diplonet timeline --channel US Hamas -o us-hamas.png"),
}


def _command(*args, on: typer.Typer | None = None, **kwargs):
    """Register a command (on ``app``, or the sub-app ``on``) whose user errors become one
    message and exit code 2, its help ending with its line of :data:`HELP_EXTRA`."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            fmt = k.get("format")
            progress.enable(progress.wanted(None if fmt is None else str(fmt)))
            try:
                return fn(*a, **k)
            except DiplonetError as exc:
                _fail(_flagged(str(exc)))

        score, example = HELP_EXTRA[args[0]]
        doc = inspect.cleandoc(fn.__doc__ or "")
        if score:
            doc += f"\n\n{score}"
        # "\b" keeps click from rewrapping the example
        wrapper.__doc__ = doc + f"\n\n\b\nExample:\n  {example}\n"
        (on or app).command(*args, **kwargs)(wrapper)
        return fn

    return decorate


def _network(
    data: Path | None,
    as_of: str | None,
    without: list[str] | None,
    without_relation: list[str] | None,
    model: str = "v2",
    hostile_relays: bool = False,
) -> Network:
    from .scoring import get_model

    try:
        rules = get_model(model)
    except ValueError as exc:
        raise DiplonetError(f"--model: {exc}") from None
    if hostile_relays:
        rules = rules.with_(allow_hostile_relays=True)
    net = Network.load(data, date=as_of, cache="on").with_model(rules)
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
    m = net.model
    if m.name != "v2" or m.allow_hostile_relays:
        rules = f"model {m.name}"
        if m.allow_hostile_relays:
            rules += ", hostile relays allowed (marked !)"
        lines.append(rules)
    return "\n".join(lines)


_SCORE_NOTE = (
    "score: the product of the link strengths along the route, times {rho:g} per intermediary "
    "(see 'Scoring' in the docs)."
)


def _stability(net: Network, rank, keys, draws: int, seed: int):
    """Stability of each answer (aligned with ``keys``) and the share of firsts for others."""
    from .sensitivity import stability

    st = stability(net, rank, draws=draws, seed=seed)
    listed = [st.get(k) for k in keys]
    others = 1.0 - sum(x.share_first for x in listed if x) if st else 0.0
    return listed, max(0.0, others)


def _stability_cells(x) -> list:
    if x is None:
        return ["0%", "—"]
    span = f"{x.rank_low}" if x.rank_low == x.rank_high else f"{x.rank_low}–{x.rank_high}"
    return [f"{100 * x.share_first:.0f}%", span]


def _stability_keys(x) -> dict:
    from .sensitivity import Stability

    return (x or Stability(None, 0.0, 0.0, None, None)).to_dict()


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
    # a link combining several types of tie says how many (scoring rule 1), one lowered by a
    # hostile tie in the pair is marked "↓"
    def one(lk) -> str:
        text = f"{lk.a}–{lk.b} {lk.strength:.2f}"
        if lk.n_types > 1:
            text += f" ({lk.n_types} types)"
        if lk.hostile:
            text += " ↓"
        return text

    return " · ".join(one(lk) for lk in channel.links)


def _route_text(c) -> str:
    return " → ".join(f"{a}!" if a in c.hostile_relays else a for a in c.path)


def _channel_rows(channels, stab=None) -> list[list]:
    rows = []
    for i, c in enumerate(channels, 1):
        row = [i, _route_text(c), output.score(c.score)]
        if stab is not None:
            row += _stability_cells(stab[i - 1])
        rows.append(row + [_hops_text(c)])
    return rows


def _channel_headers(first: str, stab) -> list[str]:
    return ["#", first, "score", *(["first", "rank range"] if stab is not None else []), "links"]


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


def _channel_csv(channels, net: Network, extra=None, stab=None) -> str:
    headers = ["rank", "path", "via", "score", "hops", "relations", "hostile_relays", "as_of"]
    extra = dict(extra or {})
    if stab is not None:
        for key in ("share_first", "share_found", "rank_low", "rank_high"):
            extra[key] = lambda i, key=key: _stability_keys(stab[i])[key]
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
            ";".join(c.hostile_relays),
            str(net.date),
        ]
        row += [fn(i - 1) for fn in extra.values()]
        rows.append(row)
    return output.to_csv(headers, rows)


def _json_with(records: list[dict], stab) -> str:
    if stab is not None:
        for rec, x in zip(records, stab, strict=True):
            rec.update(_stability_keys(x))
    return output.to_json(records)


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
    source: SourceArg,
    targets: TargetsArg,
    through: Annotated[
        list[str] | None,
        typer.Option(
            "--through",
            metavar="ACTOR",
            help="Only channels whose first intermediary is one of these (repeatable).",
        ),
    ] = None,
    max_hops: ChannelHopsOpt = 2,
    evidence: Annotated[
        bool,
        typer.Option("--evidence/--no-evidence", help="Show the relations behind each channel."),
    ] = True,
    allow_hostile_relays: HostileRelaysOpt = False,
    sensitivity: SensitivityOpt = False,
    draws: DrawsOpt = 200,
    seed: SeedOpt = 0,
    model: ModelOpt = "v2",
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """The "by, with, and through" channels from SOURCE to one or more TARGETS.

    With one target: the intermediaries with channel-carrying ties to both ends, best first.
    With several: a partner × target coverage table and the partners that reach every target.
    An intermediary hostile to either end carries no channel (unless --allow-hostile-relays).
    """
    from . import queries

    net = _network(data, as_of, without, without_relation, model, allow_hostile_relays)
    if len(targets) == 1:
        found = queries.channels(net, source, targets[0], through=through, max_hops=max_hops)
        s, t = net.resolve(source), net.resolve(targets[0])
        stab = None
        if sensitivity:
            stab, others = _stability(
                net,
                lambda n: [
                    c.path for c in queries.channels(n, s, t, through=through, max_hops=max_hops)
                ],
                [c.path for c in found],
                draws,
                seed,
            )
        if format is Format.json:
            return _emit(_json_with([c.to_dict(net) for c in found], stab))
        if format is Format.csv:
            return _emit(_channel_csv(found, net, stab=stab))
        limit = f"up to {max_hops} hops" if max_hops > 2 else "one intermediary"
        parts = [_header(net, f"Channels from {s} to {t} ({limit})")]
        parts.append("\n".join(_context_lines(net, s, t)))
        if not found:
            why = queries.why_no_channel(net, s, t, through or ())
            via = f" through {', '.join(net.resolve(p) for p in through)}" if through else ""
            parts.append(f"No channel from {s} to {t}{via}: {why}.")
        else:
            parts.append(
                output.table(_channel_headers("channel", stab), _channel_rows(found, stab))
            )
            parts.append(_notes(net, stab, others if stab is not None else 0.0, draws, seed))
            if evidence:
                parts.append(_channel_details(found))
        return _emit("\n\n".join(parts))
    if sensitivity:
        raise DiplonetError("--sensitivity ranks the channels to one target: name one TARGET")
    cov = queries.coverage(net, source, targets, through=through, max_hops=max_hops)
    _emit(_coverage_text(net, cov, format, max_hops, through=bool(through)))


def _notes(net: Network, stab, others: float, draws: int, seed: int) -> str:
    lines = [_SCORE_NOTE.format(rho=net.model.relay_factor)]
    lines.append(
        "links: strength of each hop; (n types) when it combines several types of tie, ↓ when "
        "a hostile tie within the pair lowers it."
    )
    if net.model.allow_hostile_relays:
        lines.append("! marks an intermediary hostile to (or rejected by) an end of the route.")
    if stab is not None:
        lines.append(
            f"first: share of {draws} draws (seed {seed}) in which the answer ranks first; rank "
            "range: its 5th–95th percentile rank. Each draw takes a relay factor in 0.6–0.9 and "
            "moves every tie's strength within its confidence band (±10/20/35 %)."
        )
        if others > 0.0005:
            lines.append(f"Answers not listed here rank first in {100 * others:.0f}% of draws.")
    return "\n".join(output.wrap(x, 0) for x in lines)


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
    allow_hostile_relays: HostileRelaysOpt = False,
    sensitivity: SensitivityOpt = False,
    draws: DrawsOpt = 200,
    seed: SeedOpt = 0,
    model: ModelOpt = "v2",
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """Third parties able to mediate between PARTY_A and PARTY_B, ranked by their reach to both.

    A mediator reaches each party directly or through one relay of its own; one hostile to a
    party, or rejected by it, ranks below every acceptable one.
    """
    from . import queries

    net = _network(data, as_of, without, without_relation, model, allow_hostile_relays)
    found = queries.mediators(net, party_a, party_b)
    a, b = net.resolve(party_a), net.resolve(party_b)
    if explain:
        from .cli_analysis import mediator_profiles_text

        return _emit(mediator_profiles_text(net, a, b, format))
    stab = None
    others = 0.0
    if sensitivity:
        stab, others = _stability(
            net,
            lambda n: [m.mediator for m in queries.mediators(n, a, b)],
            [m.mediator for m in found],
            draws,
            seed,
        )
    if format is Format.json:
        return _emit(_json_with([m.to_dict(net) for m in found], stab))
    if format is Format.csv:
        extra = {
            "mediator": lambda i: found[i].mediator,
            "reach_a": lambda i: round(found[i].reach_a, 6),
            "reach_b": lambda i: round(found[i].reach_b, 6),
            "acceptable": lambda i: found[i].acceptable,
            "objections": lambda i: ";".join(found[i].objections),
        }
        return _emit(_channel_csv([m.channel for m in found], net, extra, stab=stab))
    parts = [_header(net, f"Mediators between {a} and {b}")]
    context = _context_lines(net, a, b)
    if not queries.hostile_relations(net, a, b):
        context.append(f"note: {a} and {b} have no hostile tie in force")
    parts.append("\n".join(context))
    if not found:
        parts.append(f"No actor reaches both {a} and {b}.")
        return _emit("\n\n".join(parts))
    rows = []
    for i, m in enumerate(found, 1):
        row = [i, m.mediator, output.score(m.channel.score)]
        if stab is not None:
            row += _stability_cells(stab[i - 1])
        row += [
            output.score(m.reach_a),
            output.score(m.reach_b),
            _route_text(m.channel),
            "; ".join(m.objections) or "—",
        ]
        rows.append(row)
    headers = ["#", "mediator", "score"]
    headers += ["first", "rank range"] if stab is not None else []
    headers += [f"reach {a}", f"reach {b}", "route", "objections"]
    parts.append(output.table(headers, rows))
    notes = [
        _notes(net, stab, others, draws, seed),
        output.wrap(
            "reach: the mediator's link to the party, or its relay's route (times the relay "
            "factor). Mediators with an objection (hostile to a party, or rejected by it) rank "
            "below every acceptable one.",
            0,
        ),
    ]
    parts.append("\n".join(notes))
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
    k: Annotated[
        int, typer.Option("-k", "--top", metavar="N", help="How many paths (1-1000).")
    ] = 5,
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
    allow_hostile_relays: HostileRelaysOpt = False,
    sensitivity: SensitivityOpt = False,
    draws: DrawsOpt = 200,
    seed: SeedOpt = 0,
    model: ModelOpt = "v2",
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """The K best routes from SOURCE to TARGET, best first (direct tie included).

    Every intermediary costs the relay factor; intermediaries hostile to either end are left out
    (unless --allow-hostile-relays).
    """
    from . import queries

    net = _network(data, as_of, without, without_relation, model, allow_hostile_relays)
    options = {"k": k, "max_hops": max_hops, "via": via or (), "avoid": avoid or ()}
    found = queries.best_paths(net, source, target, **options)
    s, t = net.resolve(source), net.resolve(target)
    stab = None
    others = 0.0
    if sensitivity:
        stab, others = _stability(
            net,
            lambda n: [c.path for c in queries.best_paths(n, s, t, **options)],
            [c.path for c in found],
            draws,
            seed,
        )
    if format is Format.json:
        return _emit(_json_with([c.to_dict(net) for c in found], stab))
    if format is Format.csv:
        return _emit(_channel_csv(found, net, stab=stab))
    parts = [_header(net, f"Best {k} paths from {s} to {t} (at most {max_hops} hops)")]
    if not found:
        parts.append(f"No path from {s} to {t} under these conditions.")
    else:
        parts.append(output.table(_channel_headers("path", stab), _channel_rows(found, stab)))
        parts.append(_notes(net, stab, others, draws, seed))
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
    actors: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ACTOR...]",
            help="One actor: its relations; several: the relations among them.",
            show_default=False,
        ),
    ] = None,
    history: HistoryOpt = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """List relations in force (all, one ACTOR's, or those among several), in file order."""
    net = _network(data, as_of, without, without_relation)
    names = tuple(actors or ())
    pool = net.relations_of(names, history)
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
    ids = [net.resolve(a, present=not history) for a in names]
    title = f"{len(pool)} relations"
    if len(ids) == 1:
        title += f" of {ids[0]}"
    elif ids:
        title += f" among {', '.join(ids)}"
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
        ds = load_dataset(directory, cache="refresh")
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


@_command("backtest")
def backtest_cmd(
    models: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            metavar="NAME",
            help="Models to compare (repeatable; default: v2 and v1).",
            show_default=False,
        ),
    ] = None,
    episodes: Annotated[
        Path | None,
        typer.Option(
            "--episodes",
            metavar="FILE",
            help="Episodes file (default: episodes.csv in the dataset's folder).",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """Replay documented mediation episodes: is history's mediator ranked first (hit@1) or in the
    top three (hit@3), as of the day before each episode, under each model?"""
    from .backtest import backtest, load_episodes

    net = _network(data, None, without, without_relation)
    eps = load_episodes(net.dataset, episodes)
    bt = backtest(net, eps, tuple(dict.fromkeys(models or ("v2", "v1"))))
    summary = bt.summary()
    if format is Format.json:
        return _emit(
            output.to_json(
                {
                    "summary": summary,
                    "episodes": [r.to_dict() for rows in bt.results.values() for r in rows],
                }
            )
        )
    names = list(bt.results)
    if format is Format.csv:
        keys = [
            "id",
            "date",
            "party_a",
            "party_b",
            "model",
            "as_of",
            "top3",
            "rank",
            "hit1",
            "hit3",
        ]
        rows = []
        for rows_m in bt.results.values():
            for r in rows_m:
                d = r.to_dict()
                d["top3"] = ";".join(d["top3"])
                rows.append([d[k] for k in keys] + [d["skipped"] or ""])
        return _emit(output.to_csv(keys + ["skipped"], rows))
    first = bt.results[names[0]]
    headers = ["episode", "parties", "credited (primary; secondary)"]
    for name in names:
        headers += [f"{name} top 3", f"{name} hit"]
    rows = []
    for i, r in enumerate(first):
        e = r.episode
        credit = ", ".join(e.primary) + ("; " + ", ".join(e.secondary) if e.secondary else "")
        row = [f"{e.id}", f"{e.party_a}–{e.party_b}", credit]
        for name in names:
            x = bt.results[name][i]
            if x.skipped:
                row += [f"({x.skipped})", ""]
            else:
                row += [
                    ", ".join(x.ranking[:3]) or "none",
                    "@1" if x.hit1 else "@3" if x.hit3 else "miss",
                ]
        rows.append(row)
    lines = [
        f"Backtest: {len(first)} mediation episodes, each as of the day before it was first announced"
    ]
    for name in names:
        m = summary[name]
        n = m["episodes"]
        if n:
            lines.append(
                f"{name}: hit@1 {m['hit1']}/{n} ({100 * m['hit1'] / n:.0f}%), "
                f"hit@3 {m['hit3']}/{n} ({100 * m['hit3'] / n:.0f}%)"
                + (f"; {m['skipped']} skipped" if m["skipped"] else "")
            )
    note = output.wrap(
        "hit@1: the top-ranked mediator is a primary one; hit@3: a credited mediator (primary or "
        "secondary) is in the top three. The credits come from the sources in episodes.csv.",
        0,
    )
    _emit("\n".join(lines) + "\n\n" + output.table(headers, rows) + "\n\n" + note)


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
