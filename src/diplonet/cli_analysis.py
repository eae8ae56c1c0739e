"""Analysis commands of the ``diplonet`` CLI: brokers, balance, resilience, spoilers.

Registered on the app of :mod:`diplonet.cli`; same options, same output rules. Each command
says which rule produced its numbers, and lists the relations behind them.
"""

from typing import Annotated

import typer

from . import output
from .cli import (
    AsOfOpt,
    DataOpt,
    Format,
    FormatOpt,
    WithoutOpt,
    WithoutRelOpt,
    _channel_rows,
    _command,
    _emit,
    _evidence,
    _header,
    _network,
)
from .network import Network
from .records import balance_record

ROLE_HEADERS = {
    "coordinator": "coord",
    "itinerant": "itin",
    "gatekeeper": "gate",
    "representative": "repr",
    "liaison": "liais",
    "total": "total",
}


def _num(value, digits: int = 3):
    return None if value is None else f"{value:.{digits}f}"


@_command("brokers")
def brokers_cmd(
    groups: Annotated[
        str,
        typer.Option(
            "--groups",
            metavar="GROUPING",
            help="Partition for brokerage roles: bloc, kind, or a coalition name (members vs the rest).",
        ),
    ] = "bloc",
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """Who brokers: Gould-Fernandez roles with z-scores, weighted betweenness, Burt's constraint."""
    from .assess import brokers

    net = _network(data, as_of, without, without_relation)
    rows = brokers(net, groups) if net.actors else []  # networkx refuses an empty graph
    if not rows and format is not Format.json:
        return _emit("" if format is Format.csv else _header(net, "No actors in the network."))
    if format is Format.json:
        return _emit(output.to_json([r.to_dict(net) for r in rows]))
    if format is Format.csv:
        dicts = [r.to_dict(net) for r in rows]
        return _emit(output.to_csv(list(dicts[0]), [list(d.values()) for d in dicts]))
    headers = [
        "actor",
        "group",
        *ROLE_HEADERS.values(),
        "z total",
        "betweenness",
        "constraint",
        "eff. size",
    ]
    table = [
        [
            r.actor,
            r.group,
            *(r.roles[k] for k in ROLE_HEADERS),
            _num(r.z["total"], 2),
            _num(r.betweenness),
            _num(r.constraint),
            _num(r.effective_size, 2),
        ]
        for r in rows
    ]
    notes = [
        f"Brokerage roles (Gould & Fernandez 1989, counted as R's sna::brokerage): ordered pairs a → broker → c "
        f"with no a → c tie, over the channel-carrying relations in force (undirected ties count both ways); "
        f"groups: {groups}.",
        "z total: (total - expected) / sd under a random digraph of the same density and group sizes.",
        "betweenness: share of actor pairs whose best channel passes through the actor, on distance -log(strength). "
        "constraint and eff. size: Burt (1992), weighted by link strength; low constraint = many non-redundant contacts.",
    ]
    if rows and rows[0].betweenness_sources is not None:
        notes.append(
            f"betweenness estimated from the best channels of {rows[0].betweenness_sources:,} of "
            f"the {len(rows):,} actors, drawn with seed 0 (Brandes & Pich 2007): an exact count "
            "needs a search from every actor."
        )
    _emit(
        "\n\n".join(
            [
                _header(net, f"Brokers ({len(rows)} actors)"),
                output.table(headers, table),
                *[output.wrap(n, 0) for n in notes],
            ]
        )
    )


@_command("balance")
def balance_cmd(
    all_triads: Annotated[bool, typer.Option("--all", help="List balanced triads too.")] = False,
    method: Annotated[
        str,
        typer.Option(
            "--method", metavar="METHOD", help="Frustration index: auto, exact (MILP) or heuristic."
        ),
    ] = "auto",
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """Structural balance: signed triads, the friend of two enemies in each, and the frustration index."""
    from .assess import balance
    from .errors import DiplonetError

    if method not in ("auto", "exact", "heuristic"):
        raise DiplonetError(f"--method {method!r}: use auto, exact or heuristic")
    net = _network(data, as_of, without, without_relation)
    rep = balance(net, method=method)
    triads = [t for t in rep.triads["triads"] if all_triads or not t.balanced]
    f = rep.frustration

    if format is Format.json:
        return _emit(output.to_json(balance_record(net, rep, all_triads)))
    if format is Format.csv:
        rows = []
        for t in triads:
            rows.append(
                [";".join(sorted(t.nodes)), t.pattern, t.balanced, t.pivot or "", str(net.date)]
            )
        return _emit(output.to_csv(["actors", "pattern", "balanced", "pivot", "as_of"], rows))
    counts = rep.triads["by_pattern"]
    total = rep.triads["balanced"] + rep.triads["unbalanced"]
    parts = [_header(net, "Structural balance of the net signed ties")]
    parts.append(
        output.wrap(
            "Each pair's tie is the sign of the sum of sign × strength of its relations in force. A triangle "
            "is balanced when the product of its signs is positive (Heider; Cartwright & Harary 1956).",
            0,
        )
    )
    parts.append(
        output.table(
            ["triangles", "balanced", "unbalanced", "+++", "+--", "++-", "---"],
            [
                [
                    total,
                    rep.triads["balanced"],
                    rep.triads["unbalanced"],
                    counts["+++"],
                    counts["+--"],
                    counts["++-"],
                    counts["---"],
                ]
            ],
        )
    )
    if triads:
        rows = []
        for t in triads:
            neg = [f"{'–'.join(sorted(p))}" for p, s in t.signs.items() if s < 0]
            note = ""
            if t.pattern == "++-":
                note = f"{t.pivot} is friendly with both {' and '.join(sorted(set(t.nodes) - {t.pivot}))}"
            elif t.pattern == "---":
                note = "three mutual enemies (balanced only in Davis's weak sense)"
            rows.append([" · ".join(sorted(t.nodes)), t.pattern, ", ".join(neg) or "—", note])
        title = (
            "Triads"
            if all_triads
            else "Unbalanced triads (the pivot of a ++- triad is where a mediator can stand)"
        )
        parts.append(
            title + "\n\n" + output.table(["actors", "signs", "hostile pairs", "reading"], rows)
        )
    sides = {0: [], 1: []}
    for node, side in sorted(f.partition.items()):
        sides[side].append(node)
    if f.method == "milp (time limit)" and not f.exact:
        kind = f"MILP stopped at its time limit: at least {f.lower_bound}, gap {f.gap:.0%}"
    else:
        kind = (
            "exact (MILP, HiGHS)"
            if f.exact and f.method.startswith("milp")
            else ("exact" if f.exact else f"heuristic; at least {f.lower_bound}")
        )
    lines = [
        f"Frustration index: {f.index} ({kind}): the fewest ties whose removal makes the network balanced."
    ]
    lines.append(output.wrap("side A: " + ", ".join(sides[0]), 2))
    lines.append(output.wrap("side B: " + ", ".join(sides[1]), 2))
    lines.append("ties at odds with the split (hostile within a side, cooperative across):")
    for a, b in f.frustrated:
        edge = rep.graph[a][b]
        types = ", ".join(f"{r.type} {r.sign * r.strength:+g}" for r in edge["relations"])
        lines.append(f"  {a} – {b}  net {edge['net']:+.2f}  ({types})")
    parts.append("\n".join(lines))
    if rep.ambivalent:
        parts.append(
            "Ambivalent pairs (ties cancel out, left out): "
            + ", ".join(f"{a}–{b}" for a, b, _ in rep.ambivalent)
        )
    _emit("\n\n".join(parts))


@_command("resilience")
def resilience_cmd(
    source: Annotated[
        str, typer.Argument(metavar="SOURCE", help="One end of the channels.", show_default=False)
    ],
    target: Annotated[
        str, typer.Argument(metavar="TARGET", help="The other end.", show_default=False)
    ],
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """How many independent channels link two actors, the smallest cut, and single points of failure."""
    from .assess import channel_resilience

    net = _network(data, as_of, without, without_relation)
    rep = channel_resilience(net, source, target)
    r = rep.result
    if format is Format.json:
        return _emit(output.to_json(rep.to_dict(net)))
    if format is Format.csv:
        rows = [
            [i, " > ".join(c.path), round(c.score, 6), str(net.date)]
            for i, c in enumerate(rep.channels, 1)
        ]
        return _emit(output.to_csv(["channel", "path", "score", "as_of"], rows))
    parts = [_header(net, f"Resilience of the channels between {r.source} and {r.target}")]
    direct = (
        f"direct channel {r.source}–{r.target}: {rep.direct.score:.3f} (set aside: removing intermediaries cannot cut it)"
        if rep.direct
        else f"no direct channel between {r.source} and {r.target}"
    )
    parts.append(direct)
    if not rep.channels:
        parts.append(f"No channel through intermediaries links {r.source} and {r.target}.")
        return _emit("\n\n".join(parts))
    if r.connectivity == 1:
        lead = "1 channel through intermediaries: no second channel avoids its intermediaries."
    else:
        lead = (
            f"{r.connectivity} node-disjoint channels through intermediaries (Menger): no two share an "
            "intermediary, so each survives the loss of any other's."
        )
    parts.append(
        lead
        + "\n\n"
        + output.table(["#", "channel", "score", "links"], _channel_rows(rep.channels))
    )
    spof = ", ".join(r.single_points) or "none"
    parts.append(
        f"Smallest set of intermediaries whose loss cuts every channel ({len(r.cut)}): {', '.join(r.cut)}\n"
        f"Single points of failure (on every channel): {spof}"
    )
    if rep.impact:
        rows = []
        for actor, c in rep.impact.items():
            rows.append(
                [
                    actor,
                    " → ".join(c.path) if c else "no channel left",
                    _num(c.score) if c else None,
                ]
            )
        best = (
            f"best channel now: {' → '.join(rep.best.path)} ({rep.best.score:.3f})"
            if rep.best
            else ""
        )
        parts.append(
            best + "\n\n" + output.table(["without", "best remaining channel", "score"], rows)
        )
    _emit("\n\n".join(parts))


@_command("spoilers")
def spoilers_cmd(
    source: Annotated[
        str, typer.Argument(metavar="SOURCE", help="The actor reaching out.", show_default=False)
    ],
    target: Annotated[
        str,
        typer.Argument(metavar="TARGET", help="The actor it wants to reach.", show_default=False),
    ],
    evidence: Annotated[
        bool, typer.Option("--evidence/--no-evidence", help="Show the ties behind each spoiler.")
    ] = True,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    without: WithoutOpt = None,
    without_relation: WithoutRelOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """Who can spoil the channels between SOURCE and TARGET: motive and capacity (Stedman), and
    the objectors who have the motive alone."""
    from .assess import objectors, spoilers

    net = _network(data, as_of, without, without_relation)
    found = spoilers(net, source, target)
    objecting = objectors(net, source, target)
    s, t = net.resolve(source), net.resolve(target)
    if format is Format.json:
        return _emit(output.to_json([x.to_dict(net) for x in (*found, *objecting)]))
    headers = ["actor", "role", "against", "backs", "score", "hostility", "backing", "also backs"]
    rows = [
        [
            sp.actor,
            "spoiler",
            sp.against,
            sp.backs,
            _num(sp.score),
            _num(sp.hostility),
            _num(sp.backing),
            ", ".join(sp.also_backs),
        ]
        for sp in found
    ]
    obj_rows = [
        [o.actor, "objector", o.against, None, None, _num(o.hostility), None, o.reason]
        for o in objecting
    ]
    if format is Format.csv:
        return _emit(
            output.to_csv(headers + ["as_of"], [r + [str(net.date)] for r in rows + obj_rows])
        )
    parts = [_header(net, f"Spoilers of the channels between {s} and {t}")]
    parts.append(
        output.wrap(
            "A spoiler (Stedman 1997) has the motive, a hostile net tie to a party or to an "
            "intermediary of their channels, and the capacity: sponsorship, hosting or aid of "
            "its own reaching a party. score = hostility (min(1, -net tie)) × backing (the "
            "strength of that support).",
            0,
        )
    )
    if not found:
        parts.append("No spoilers.")
    else:
        parts.append(output.table(headers[:1] + headers[2:], [r[:1] + r[2:] for r in rows]))
    if objecting:
        parts.append(
            "Objectors: hostile, but the parties themselves or without the capacity to spoil\n\n"
            + output.table(
                ["actor", "against", "hostility", "why not a spoiler"],
                [
                    [
                        o.actor,
                        o.against,
                        _num(o.hostility),
                        _WHY_NOT.get(o.reason, _WHY_NOT["no capacity"]),
                    ]
                    for o in objecting
                ],
            )
        )
    if evidence and found:
        blocks = []
        for sp in found:
            lines = [f"{sp.actor} against {sp.against}, backing {sp.backs}"]
            for rel in (*sp.hostile_relations, *sp.backing_relations):
                lines += _evidence(rel, 2)
            blocks.append("\n".join(lines))
        parts.append("\n\n".join(blocks))
    _emit("\n\n".join(parts))


_WHY_NOT = {
    "party": "a party",
    "carrier": "carries a channel itself",
    "no capacity": "no sponsorship, hosting or aid reaching a party",
}


def mediator_profiles_text(net: Network, a: str, b: str, format: Format) -> str:
    """The ``mediators --explain`` output."""
    from .assess import mediator_profiles

    profiles = mediator_profiles(net, a, b)
    if format is Format.json:
        return output.to_json([p.to_dict(net) for p in profiles])
    headers = [
        "#",
        "mediator",
        "score",
        f"tie {a}",
        f"tie {b}",
        "lean",
        "leans to",
        f"leverage {a}",
        f"leverage {b}",
        f"shared with {a}",
        f"shared with {b}",
        "objections",
    ]
    rows = [
        [
            i,
            p.mediator,
            _num(p.channel.score),
            _num(p.tie_a),
            _num(p.tie_b),
            "—" if p.lean is None else f"{p.lean:+.2f}",
            "—" if p.lean is None else (p.leans_to() or "even"),
            _num(p.leverage_a),
            _num(p.leverage_b),
            "; ".join(p.shared_a),
            "; ".join(p.shared_b),
            "; ".join(p.objections) or "—",
        ]
        for i, p in enumerate(profiles, 1)
    ]
    if format is Format.csv:
        return output.to_csv(headers + ["as_of"], [r + [str(net.date)] for r in rows])
    parts = [_header(net, f"Mediator profiles between {a} and {b}")]
    parts.append(output.table(headers, rows))
    notes = [
        "score: the ranking, the mediator's route to both sides (see 'Scoring'); mediators with an objection rank last.",
        f"lean: (tie {a} − tie {b}) / (tie {a} + tie {b}) over the mediator's own direct ties (— when it has none); beyond ±0.2 the mediator leans to one side. Biased "
        "mediators can be credible and effective when they can deliver the side they lean to (Kydd 2003).",
        "leverage: the strongest of the mediator's aid, hosting and sponsorship ties to that side and of their "
        "mutual alliance and security ties, plus the link rule's bounded bonus: what it can offer or withhold.",
        "shared: coalitions the mediator shares with each side (shared memberships, Crescenzi et al. 2011).",
        "These factors are shown beside the ranking, not folded into it: the literature does not agree on their weights.",
    ]
    parts.append("\n".join(output.wrap(n, 0) for n in notes))
    lev = [p for p in profiles if p.leverage_relations]
    if lev:
        lines = ["Leverage ties:"]
        for p in lev:
            for rel in p.leverage_relations:
                lines += _evidence(rel, 2)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
