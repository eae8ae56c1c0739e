"""The pieces of the CLI's text answers that several commands share: the header naming the date
and scenario, a relation with its evidence, the table of channel-shaped answers and its notes.

Tables for people only: JSON and CSV never pass through here (see :func:`diplonet.cli.core.emit`).
"""

from __future__ import annotations

from .._output import score, table, wrap
from ..answers import Answer
from ..dataset import Relation
from ..network import Network
from ..vocab import BRIEF_CITATION

__all__ = [
    "channel_details",
    "channel_table",
    "context_lines",
    "evidence",
    "header",
    "hops_text",
    "num",
    "route_notes",
    "route_text",
    "stability_cells",
]


def num(value: float | None, digits: int = 3) -> str | None:
    """A number for a table cell, or None (shown as ``—``)."""
    return None if value is None else f"{value:.{digits}f}"


def header(net: Network, title: str) -> str:
    """The title, the date described and, when set, the scenario and the model's rules."""
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


def evidence(rel: Relation, indent: int) -> list[str]:
    """A relation in two lines: type, strength, direction, period, confidence; then its
    evidence and source."""
    source = "the brief" if rel.citation == BRIEF_CITATION else rel.citation
    quote = f"“{rel.evidence}”" if rel.citation == BRIEF_CITATION else rel.evidence
    pad = " " * indent
    head = f"{pad}{rel.type} {rel.strength:g}  {rel.arrow()}  {rel.period()}  [{rel.confidence}]"
    return [head, wrap(f"{quote} — {source}", indent + 2)]


def hops_text(channel) -> str:
    """Each hop's strength; ``(n types)`` when a link combines several types of tie, ``↓`` when
    a hostile tie within the pair lowers it."""

    def one(lk) -> str:
        text = f"{lk.a}–{lk.b} {lk.strength:.2f}"
        if lk.n_types > 1:
            text += f" ({lk.n_types} types)"
        if lk.hostile:
            text += " ↓"
        return text

    return " · ".join(one(lk) for lk in channel.links)


def route_text(c) -> str:
    """A route as ``A → B → C``, an intermediary hostile to an end marked ``!``."""
    return " → ".join(f"{a}!" if a in c.hostile_relays else a for a in c.path)


def stability_cells(rec: dict) -> list:
    """The ``first`` and ``rank range`` cells of a record annotated with its stability."""
    if not rec.get("share_found"):
        return ["0%", "—"]
    lo, hi = rec["rank_low"], rec["rank_high"]
    return [f"{100 * rec['share_first']:.0f}%", f"{lo}" if lo == hi else f"{lo}–{hi}"]


def channel_table(answer: Answer, first: str, channels=None) -> str:
    """The ranked table of channel-shaped answers (channels, paths, resilience's channels),
    with the stability columns when the answer was asked with sensitivity."""
    channels = answer.items if channels is None else channels
    stab = "sensitivity" in answer.info
    headers = ["#", first, "score", *(["first", "rank range"] if stab else []), "links"]
    rows = []
    for i, c in enumerate(channels, 1):
        row = [i, route_text(c), score(c.score)]
        if stab:
            row += stability_cells(answer.records()[i - 1])
        rows.append(row + [hops_text(c)])
    return table(headers, rows)


def channel_details(channels) -> str:
    """Every channel with the relations behind each of its links."""
    blocks = []
    for i, c in enumerate(channels, 1):
        lines = [f"{i}. {' → '.join(c.path)}   score {c.score:.3f}"]
        for link in c.links:
            lines.append(f"   {link.a} – {link.b}  {link.strength:.3f}")
            for rel in link.relations:
                lines += evidence(rel, 5)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def route_notes(answer: Answer) -> str:
    """What a route's score and links mean, and (with sensitivity) how stable the ranking is."""
    net = answer.network
    lines = [
        f"score: the product of the link strengths along the route, times "
        f"{net.model.relay_factor:g} per intermediary (see 'Scoring' in the docs).",
        "links: strength of each hop; (n types) when it combines several types of tie, ↓ when "
        "a hostile tie within the pair lowers it.",
    ]
    if net.model.allow_hostile_relays:
        lines.append("! marks an intermediary hostile to (or rejected by) an end of the route.")
    if answer.info.get("more"):
        lines.append(f"The best {answer.query['k']} are shown; there are more: -k N shows N.")
    sens = answer.info.get("sensitivity")
    if sens:
        lines.append(
            f"first: share of {sens['draws']} draws (seed {sens['seed']}) in which the answer "
            "ranks first; rank range: its 5th–95th percentile rank. Each draw takes a relay "
            "factor in 0.6–0.9 and moves every tie's strength within its confidence band "
            "(±10/20/35 %)."
        )
        if sens["others_first"] > 0.0005:
            lines.append(
                f"Answers not listed here rank first in {100 * sens['others_first']:.0f}% of draws."
            )
    return "\n".join(wrap(x, 0) for x in lines)


def context_lines(net: Network, a: str, b: str) -> list[str]:
    """What directly ties ``a`` and ``b``: their channel link, or that there is none, and any
    hostile tie between them."""
    from ..paths import direct_link, hostile_relations

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
