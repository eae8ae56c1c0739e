"""Analysis commands: ``brokers``, ``balance``, ``resilience``, ``spoilers`` and ``backtest``
(and the table of ``mediators --explain``).

Each command says which rule produced its numbers, and lists the relations behind them.
"""

from pathlib import Path
from typing import Annotated

import typer

from .. import answers
from .._output import table, wrap
from ..answers import Answer
from ..network import Network
from ..vocab import FRUSTRATION_METHODS, GROUPINGS
from ._text import channel_table, evidence, header, num
from .core import choice_enum, command, emit

__all__: list[str] = []  # commands register on the app; their --help is their doc

Method = choice_enum("Method", FRUSTRATION_METHODS)

#: The most actors or ties a table view of balance spells out (JSON and CSV hold them all).
SHOWN = 100

ROLE_HEADERS = {
    "coordinator": "coord",
    "itinerant": "itin",
    "gatekeeper": "gate",
    "representative": "repr",
    "liaison": "liais",
    "total": "total",
}


@command("brokers")
def brokers_cmd(
    groups: Annotated[
        str,
        typer.Option(
            "--groups",
            metavar="GROUPING",
            help=f"Partition for brokerage roles: {' or '.join(GROUPINGS)}, or a coalition name "
            "(members vs the rest).",
        ),
    ] = "bloc",
    k: Annotated[
        int | None,
        typer.Option(
            "-k", "--top", metavar="N", help="How many brokers, best first (default: all)."
        ),
    ] = None,
    *,
    net: Network,
    format: str,
) -> None:
    """Who brokers: Gould-Fernandez roles with z-scores, weighted betweenness, Burt's constraint."""
    ans = answers.brokers(net, groups)
    if k is not None:
        from ..paths import check_k

        check_k(k)
        ans.rows, ans.items = ans.records()[:k], ans.items[:k]
    emit(ans, format, _brokers_text)


def _brokers_text(ans: Answer) -> str:
    net, rows = ans.network, ans.items
    if not rows:
        return header(net, "No actors in the network.")
    headers = [
        "actor",
        "group",
        *ROLE_HEADERS.values(),
        "z total",
        "betweenness",
        "constraint",
        "eff. size",
    ]
    cells = [
        [
            r.actor,
            r.group,
            *(r.roles[k] for k in ROLE_HEADERS),
            num(r.z["total"], 2),
            num(r.betweenness),
            num(r.constraint),
            num(r.effective_size, 2),
        ]
        for r in rows
    ]
    groups = ans.query["groups"]
    notes = [
        f"Brokerage roles (Gould & Fernandez 1989, counted as R's sna::brokerage): ordered pairs a → broker → c "
        f"with no a → c tie, over the channel-carrying relations in force (undirected ties count both ways); "
        f"groups: {groups}.",
        "z total: (total - expected) / sd under a random digraph of the same density and group sizes.",
        "betweenness: share of actor pairs whose best channel passes through the actor, on distance -log(strength). "
        "constraint and eff. size: Burt (1992), weighted by link strength; low constraint = many non-redundant contacts.",
    ]
    if rows[0].betweenness_sources is not None:
        notes.append(
            f"betweenness estimated from the best channels of {rows[0].betweenness_sources:,} of "
            f"the {len(net.actors):,} actors, drawn with seed 0 (Brandes & Pich 2007): an exact count "
            "needs a search from every actor."
        )
    return "\n\n".join(
        [
            header(net, f"Brokers ({len(rows)} actors)"),
            table(headers, cells),
            *[wrap(n, 0) for n in notes],
        ]
    )


@command("balance")
def balance_cmd(
    all_triads: Annotated[bool, typer.Option("--all", help="List balanced triads too.")] = False,
    method: Annotated[
        Method,
        typer.Option("--method", help="Frustration index: auto, exact (MILP) or heuristic."),
    ] = "auto",
    *,
    net: Network,
    format: str,
) -> None:
    """Structural balance: signed triads, the friend of two enemies in each, and the frustration index."""
    emit(answers.balance(net, method=str(method), all_triads=all_triads), format, _balance_text)


def _balance_text(ans: Answer) -> str:
    net, rep, triads = ans.network, ans.result, ans.items
    all_triads = ans.query["all"]
    f = rep.frustration
    counts = rep.triads["by_pattern"]
    total = rep.triads["balanced"] + rep.triads["unbalanced"]
    parts = [header(net, "Structural balance of the net signed ties")]
    parts.append(
        wrap(
            "Each pair's tie is the sign of the sum of sign × strength of its relations in force. A triangle "
            "is balanced when the product of its signs is positive (Heider; Cartwright & Harary 1956).",
            0,
        )
    )
    parts.append(
        table(
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
        if "listed" in ans.info:
            title += (
                f"; the first {ans.info['listed']:,} of {rep.triads['unbalanced']:,}, found from "
                "their hostile ties in name order"
            )
        parts.append(title + "\n\n" + table(["actors", "signs", "hostile pairs", "reading"], rows))
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
    for name, side in (("A", sides[0]), ("B", sides[1])):
        shown = ", ".join(side[:SHOWN])
        if len(side) > SHOWN:
            shown += f", ... ({len(side):,} actors; all in --format json)"
        lines.append(wrap(f"side {name}: {shown}", 2))
    lines.append("ties at odds with the split (hostile within a side, cooperative across):")
    for a, b in f.frustrated[:SHOWN]:
        edge = rep.graph[a][b]
        types = ", ".join(f"{r.type} {r.sign * r.strength:+g}" for r in edge["relations"])
        lines.append(f"  {a} – {b}  net {edge['net']:+.2f}  ({types})")
    if len(f.frustrated) > SHOWN:
        lines.append(f"  ... {len(f.frustrated) - SHOWN:,} more (all in --format json)")
    parts.append("\n".join(lines))
    if rep.ambivalent:
        parts.append(
            "Ambivalent pairs (ties cancel out, left out): "
            + ", ".join(f"{a}–{b}" for a, b, _ in rep.ambivalent)
        )
    return "\n\n".join(parts)


@command("resilience")
def resilience_cmd(
    source: Annotated[
        str, typer.Argument(metavar="SOURCE", help="One end of the channels.", show_default=False)
    ],
    target: Annotated[
        str, typer.Argument(metavar="TARGET", help="The other end.", show_default=False)
    ],
    *,
    net: Network,
    format: str,
) -> None:
    """How many independent channels link two actors, the smallest cut, and single points of failure."""
    emit(answers.resilience(net, source, target), format, _resilience_text)


#: The most disjoint channels and cut members a resilience table lists (JSON lists all).
LISTED = 20


def _resilience_text(ans: Answer) -> str:
    net, rep = ans.network, ans.result
    r = rep.result
    parts = [header(net, f"Resilience of the channels between {r.source} and {r.target}")]
    direct = (
        f"direct channel {r.source}–{r.target}: {rep.direct.score:.3f} (set aside: removing intermediaries cannot cut it)"
        if rep.direct
        else f"no direct channel between {r.source} and {r.target}"
    )
    parts.append(direct)
    if not rep.channels:
        parts.append(f"No channel through intermediaries links {r.source} and {r.target}.")
        return "\n\n".join(parts)
    if r.connectivity == 1:
        lead = "1 channel through intermediaries: no second channel avoids its intermediaries."
    else:
        lead = (
            f"{r.connectivity} node-disjoint channels through intermediaries (Menger): no two share an "
            "intermediary, so each survives the loss of any other's."
        )
    shown = rep.channels[:LISTED]
    more = len(rep.channels) - len(shown)
    note = (
        f"\n\nThe {LISTED} strongest are shown; --format json lists all {r.connectivity:,}."
        if more
        else ""
    )
    parts.append(lead + "\n\n" + channel_table(ans, "channel", shown) + note)
    spof = ", ".join(r.single_points) or "none"
    cut = ", ".join(r.cut[:LISTED]) + (
        f" and {len(r.cut) - LISTED:,} more" if len(r.cut) > LISTED else ""
    )
    parts.append(
        f"Smallest set of intermediaries whose loss cuts every channel ({len(r.cut)}): {cut}\n"
        f"Single points of failure (on every channel): {spof}"
    )
    if rep.impact:
        impact = list(rep.impact.items())
        same = []
        if len(impact) > LISTED:
            # a large cut: list the members whose loss changes the best channel, count the rest
            same = [a for a, c in impact if c is rep.best]
            impact = [(a, c) for a, c in impact if c is not rep.best]
        rows = []
        for actor, c in impact:
            rows.append(
                [
                    actor,
                    " → ".join(c.path) if c else "no channel left",
                    num(c.score) if c else None,
                ]
            )
        best = (
            f"best channel now: {' → '.join(rep.best.path)} ({rep.best.score:.3f})"
            if rep.best
            else ""
        )
        rest = (
            f"Without any one of the other {len(same):,} members of the cut, the best channel stays "
            "the same."
            if same
            else ""
        )
        block = [best]
        if rows:
            block.append(table(["without", "best remaining channel", "score"], rows))
        if rest:
            block.append(rest)
        parts.append("\n\n".join(x for x in block if x))
    return "\n\n".join(parts)


@command("spoilers")
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
    *,
    net: Network,
    format: str,
) -> None:
    """Who can spoil the channels between SOURCE and TARGET: motive and capacity (Stedman), and
    the objectors who have the motive alone."""
    emit(answers.spoilers(net, source, target), format, lambda a: _spoilers_text(a, evidence))


def _spoilers_text(ans: Answer, show_evidence: bool) -> str:
    net = ans.network
    found, objecting = ans.result
    s, t = ans.query["source"], ans.query["target"]
    headers = ["actor", "against", "backs", "score", "hostility", "backing", "also backs"]
    rows = [
        [
            sp.actor,
            sp.against,
            sp.backs,
            num(sp.score),
            num(sp.hostility),
            num(sp.backing),
            ", ".join(sp.also_backs),
        ]
        for sp in found
    ]
    parts = [header(net, f"Spoilers of the channels between {s} and {t}")]
    parts.append(
        wrap(
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
        parts.append(table(headers, rows))
    if objecting:
        parts.append(
            "Objectors: hostile, but the parties themselves or without the capacity to spoil\n\n"
            + table(
                ["actor", "against", "hostility", "why not a spoiler"],
                [
                    [
                        o.actor,
                        o.against,
                        num(o.hostility),
                        _WHY_NOT.get(o.reason, _WHY_NOT["no capacity"]),
                    ]
                    for o in objecting
                ],
            )
        )
    if show_evidence and found:
        blocks = []
        for sp in found:
            lines = [f"{sp.actor} against {sp.against}, backing {sp.backs}"]
            for rel in (*sp.hostile_relations, *sp.backing_relations):
                lines += evidence(rel, 2)
            blocks.append("\n".join(lines))
        parts.append("\n\n".join(blocks))
    return "\n\n".join(parts)


_WHY_NOT = {
    "party": "a party",
    "carrier": "carries a channel itself",
    "no capacity": "no sponsorship, hosting or aid reaching a party",
}


def _profiles_text(ans: Answer) -> str:
    """The table of ``mediators --explain``."""
    net, profiles = ans.network, ans.items
    a, b = ans.query["party_a"], ans.query["party_b"]
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
            num(p.channel.score),
            num(p.tie_a),
            num(p.tie_b),
            "—" if p.lean is None else f"{p.lean:+.2f}",
            "—" if p.lean is None else (p.leans_to() or "even"),
            num(p.leverage_a),
            num(p.leverage_b),
            "; ".join(p.shared_a),
            "; ".join(p.shared_b),
            "; ".join(p.objections) or "—",
        ]
        for i, p in enumerate(profiles, 1)
    ]
    parts = [header(net, f"Mediator profiles between {a} and {b}")]
    parts.append(table(headers, rows))
    notes = [
        "score: the ranking, the mediator's route to both sides (see 'Scoring'); mediators with an objection rank last.",
        f"lean: (tie {a} − tie {b}) / (tie {a} + tie {b}) over the mediator's own direct ties (— when it has none); beyond ±0.2 the mediator leans to one side. Biased "
        "mediators can be credible and effective when they can deliver the side they lean to (Kydd 2003).",
        "leverage: the strongest of the mediator's aid, hosting and sponsorship ties to that side and of their "
        "mutual alliance and security ties, plus the link rule's bounded bonus: what it can offer or withhold.",
        "shared: coalitions the mediator shares with each side (shared memberships, Crescenzi et al. 2011).",
        "These factors are shown beside the ranking, not folded into it: the literature does not agree on their weights.",
    ]
    parts.append("\n".join(wrap(n, 0) for n in notes))
    lev = [p for p in profiles if p.leverage_relations]
    if lev:
        lines = ["Leverage ties:"]
        for p in lev:
            for rel in p.leverage_relations:
                lines += evidence(rel, 2)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


@command("backtest", options=("data", "scenario", "format"))
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
    *,
    net: Network,
    format: str,
) -> None:
    """Replay documented mediation episodes: is history's mediator ranked first (hit@1) or in the
    top three (hit@3), as of the day before each episode, under each model?"""
    emit(answers.backtest(net, models or ("v2", "v1"), episodes), format, _backtest_text)


def _backtest_text(ans: Answer) -> str:
    bt, summary = ans.result, ans.info["summary"]
    names = list(bt.results)
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
    note = wrap(
        "hit@1: the top-ranked mediator is a primary one; hit@3: a credited mediator (primary or "
        "secondary) is in the top three. The credits come from the sources in episodes.csv.",
        0,
    )
    return "\n".join(lines) + "\n\n" + table(headers, rows) + "\n\n" + note
