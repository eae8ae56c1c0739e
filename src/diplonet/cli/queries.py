"""Route commands: ``channels``, ``mediators`` and ``paths``.

Each calls its query in :mod:`diplonet.answers` and prints the answer with
:func:`~diplonet.cli.core.emit`; the functions here only make the table view.
"""

from typing import Annotated

import typer

from .. import answers
from .._output import score, table, wrap
from ..answers import Answer
from ..network import Network
from ._text import (
    channel_details,
    channel_table,
    context_lines,
    header,
    route_notes,
    route_text,
    stability_cells,
)
from .core import DEFAULT_TOP, TopOpt, command, emit

__all__: list[str] = []  # commands register on the app; their --help is their doc

EvidenceOpt = Annotated[
    bool,
    typer.Option("--evidence/--no-evidence", help="Show the relations behind each answer."),
]
ROUTES = ("routes", "sensitivity", "model", "data", "as_of", "scenario", "format")


def _limit(max_hops: int) -> str:
    return "one intermediary" if max_hops == 2 else f"up to {max_hops} hops"


@command("channels", options=ROUTES)
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
    k: TopOpt = DEFAULT_TOP,
    evidence: EvidenceOpt = True,
    *,
    net: Network,
    through: list[str] | None,
    via: list[str] | None,
    avoid: list[str] | None,
    max_hops: int,
    sensitivity: bool,
    draws: int,
    seed: int,
    format: str,
) -> None:
    """The "by, with, and through" channels from SOURCE to one or more TARGETS.

    With one target: the intermediaries with channel-carrying ties to both ends, best first.
    With several: a partner × target coverage table and the partners that reach every target.
    An intermediary hostile to either end carries no channel (unless --allow-hostile-relays).
    """
    ans = answers.channels(
        net,
        source,
        targets,
        through=through,
        via=via or (),
        avoid=avoid or (),
        max_hops=max_hops,
        k=k,
        sensitivity=sensitivity,
        draws=draws,
        seed=seed,
    )
    emit(ans, format, lambda a: _channels_text(a, evidence))


def _channels_text(ans: Answer, evidence: bool) -> str:
    if ans.kind == "coverage":
        return _coverage_text(ans)
    from ..paths import why_no_channel

    net, q = ans.network, ans.query
    s, t = q["source"], q["targets"][0]
    parts = [header(net, f"Channels from {s} to {t} ({_limit(q['max_hops'])})")]
    parts.append("\n".join(context_lines(net, s, t)))
    if not ans.items:
        filters = []
        if q["through"]:
            filters.append("through " + ", ".join(net.resolve(p) for p in q["through"]))
        if q["via"]:
            filters.append("via " + ", ".join(net.resolve(p) for p in q["via"]))
        if q["avoid"]:
            filters.append("avoiding " + ", ".join(net.resolve(p) for p in q["avoid"]))
        why = why_no_channel(net, s, t, q["through"] or ())
        parts.append(
            f"No channel from {s} to {t}{' ' if filters else ''}{', '.join(filters)}: {why}."
        )
        return "\n\n".join(parts)
    parts.append(channel_table(ans, "channel"))
    parts.append(route_notes(ans))
    if evidence:
        parts.append(channel_details(ans.items))
    return "\n\n".join(parts)


def _coverage_text(ans: Answer) -> str:
    net, cov, q = ans.network, ans.result, ans.query
    headers = ["partner", f"{cov.source} link", *cov.targets, "reaches all"]
    rows = []
    for row in cov.rows:
        cells = [row.partner, score(row.source_link.strength) if row.source_link else None]
        cells += [score(row.best[t].score) if row.best[t] else None for t in cov.targets]
        cells.append(row.reaches_all)
        rows.append(cells)
    title = f"Coverage of {', '.join(cov.targets)} from {cov.source}"
    if q["through"]:
        title += f" through {', '.join(r.partner for r in cov.rows)}"
    parts = [header(net, title)]
    parts.append(
        "Each cell is the score of the best channel source → partner → target "
        f"({_limit(q['max_hops'])}); — means none."
    )
    parts.append(table(headers, rows))
    reach = cov.reaching_all
    parts.append("Partners reaching every target: " + (", ".join(reach) if reach else "none"))
    direct = [f"{t} {lk.strength:.3f}" if lk else f"{t} none" for t, lk in cov.direct.items()]
    parts.append(f"Direct channels from {cov.source}: " + ", ".join(direct))
    return "\n\n".join(parts)


@command("mediators", options=("sensitivity", "model", "data", "as_of", "scenario", "format"))
def mediators_cmd(
    party_a: Annotated[
        str, typer.Argument(metavar="PARTY_A", help="One party to the dispute.", show_default=False)
    ],
    party_b: Annotated[
        str, typer.Argument(metavar="PARTY_B", help="The other party.", show_default=False)
    ],
    k: TopOpt = DEFAULT_TOP,
    evidence: EvidenceOpt = True,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Profile each mediator: lean, leverage, shared coalitions."),
    ] = False,
    *,
    net: Network,
    sensitivity: bool,
    draws: int,
    seed: int,
    format: str,
) -> None:
    """Third parties able to mediate between PARTY_A and PARTY_B, ranked by their reach to both.

    A mediator reaches each party directly or through one relay of its own; one hostile to a
    party, or rejected by it, ranks below every acceptable one.
    """
    ans = answers.mediators(
        net, party_a, party_b, k=k, explain=explain, sensitivity=sensitivity, draws=draws, seed=seed
    )
    if explain:
        from .analysis import _profiles_text

        return emit(ans, format, _profiles_text)
    emit(ans, format, lambda a: _mediators_text(a, evidence))


def _mediators_text(ans: Answer, evidence: bool) -> str:
    from ..paths import hostile_relations

    net, q = ans.network, ans.query
    a, b = q["party_a"], q["party_b"]
    parts = [header(net, f"Mediators between {a} and {b}")]
    context = context_lines(net, a, b)
    if not hostile_relations(net, a, b):
        context.append(f"note: {a} and {b} have no hostile tie in force")
    parts.append("\n".join(context))
    if not ans.items:
        parts.append(f"No actor reaches both {a} and {b}.")
        return "\n\n".join(parts)
    stab = "sensitivity" in ans.info
    rows = []
    for i, (m, rec) in enumerate(zip(ans.items, ans.records(), strict=True), 1):
        row = [i, m.mediator, score(m.channel.score)]
        if stab:
            row += stability_cells(rec)
        row += [
            score(m.reach_a),
            score(m.reach_b),
            route_text(m.channel),
            "; ".join(m.objections) or "—",
        ]
        rows.append(row)
    headers = ["#", "mediator", "score"]
    headers += ["first", "rank range"] if stab else []
    headers += [f"reach {a}", f"reach {b}", "route", "objections"]
    parts.append(table(headers, rows))
    parts.append(
        route_notes(ans)
        + "\n"
        + wrap(
            "reach: the mediator's link to the party, or its relay's route (times the relay "
            "factor). Mediators with an objection (hostile to a party, or rejected by it) rank "
            "below every acceptable one.",
            0,
        )
    )
    if evidence:
        parts.append(channel_details([m.channel for m in ans.items]))
    return "\n\n".join(parts)


@command("paths", options=ROUTES)
def paths_cmd(
    source: Annotated[
        str, typer.Argument(metavar="SOURCE", help="Where the path starts.", show_default=False)
    ],
    target: Annotated[
        str, typer.Argument(metavar="TARGET", help="Where the path ends.", show_default=False)
    ],
    k: Annotated[
        int, typer.Option("-k", "--top", metavar="N", help="How many paths, best first (1-1000).")
    ] = 5,
    evidence: EvidenceOpt = True,
    *,
    net: Network,
    through: list[str] | None,
    via: list[str] | None,
    avoid: list[str] | None,
    max_hops: int,
    sensitivity: bool,
    draws: int,
    seed: int,
    format: str,
) -> None:
    """The K best routes from SOURCE to TARGET, best first (direct tie included).

    Every intermediary costs the relay factor; intermediaries hostile to either end are left out
    (unless --allow-hostile-relays). Longer routes: --max-hops 3 or 4.
    """
    ans = answers.paths(
        net,
        source,
        target,
        k=k,
        max_hops=max_hops,
        through=through,
        via=via or (),
        avoid=avoid or (),
        sensitivity=sensitivity,
        draws=draws,
        seed=seed,
    )
    emit(ans, format, lambda a: _paths_text(a, evidence))


def _paths_text(ans: Answer, evidence: bool) -> str:
    q = ans.query
    s, t = q["source"], q["target"]
    parts = [
        header(ans.network, f"Best {q['k']} paths from {s} to {t} (at most {q['max_hops']} hops)")
    ]
    if not ans.items:
        parts.append(f"No path from {s} to {t} under these conditions.")
        return "\n\n".join(parts)
    parts.append(channel_table(ans, "path"))
    parts.append(route_notes(ans))
    if evidence:
        parts.append(channel_details(ans.items))
    return "\n\n".join(parts)
