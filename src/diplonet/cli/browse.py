"""Browsing commands: ``actors``, ``show``, ``relations``, ``types`` and ``validate``."""

from typing import Annotated

import typer

from .. import answers
from .._output import table
from ..answers import Answer
from ..dataset import Relation
from ..network import Network
from ..vocab import BRIEF_CITATION, RELATION_TYPES
from ._text import evidence, header
from .core import command, emit, say, set_aside

__all__: list[str] = []  # commands register on the app; their --help is their doc

HistoryOpt = Annotated[
    bool, typer.Option("--history", help="Include relations not in force on the date (all dates).")
]

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


@command("actors")
def actors_cmd(*, net: Network, format: str) -> None:
    """List the actors, with their kind, groups and number of ties in force."""
    emit(answers.actors(net), format, _actors_text)


def _actors_text(ans: Answer) -> str:
    headers = ["id", "name", "kind", "bloc", "groups", "ties"]
    rows = [
        [r["id"], r["name"], r["kind"], r["bloc"], "; ".join(r["groups"]), r["ties"]]
        for r in ans.records()
    ]
    return header(ans.network, f"{len(rows)} actors") + "\n\n" + table(headers, rows)


@command("show")
def show_cmd(
    actor: Annotated[
        str, typer.Argument(metavar="ACTOR", help="Actor id, name or alias.", show_default=False)
    ],
    history: HistoryOpt = False,
    *,
    net: Network,
    format: str,
) -> None:
    """One actor: who it is and its ties, grouped by type, with dates and evidence."""
    emit(answers.show(net, actor, history), format, _show_text)


def _show_text(ans: Answer) -> str:
    a, history = ans.result, ans.query["history"]
    lines = [
        header(ans.network, f"{a.id}: {a.name} ({a.kind})" + ("; all dates" if history else ""))
    ]
    lines.append(f"groups: {'; '.join(a.groups) or '—'}; bloc: {a.bloc or '—'}")
    lines.append(f"aliases: {'; '.join(a.aliases) or '—'}")
    if a.note:
        lines.append(f"note: {a.note}")
    if not ans.items:
        lines.append("\nNo ties in force." if not history else "\nNo ties at any date.")
    by_type: dict[str, list[Relation]] = {}
    for r in ans.items:
        by_type.setdefault(r.type, []).append(r)
    for rtype in RELATION_TYPES:
        if rtype not in by_type:
            continue
        meta = RELATION_TYPES[rtype]
        lines.append(
            f"\n{rtype} ({'cooperative' if meta.sign > 0 else 'hostile'}, {len(by_type[rtype])})"
        )
        for r in by_type[rtype]:
            lines += evidence(r, 2)
    return "\n".join(lines)


@command("relations")
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
    *,
    net: Network,
    format: str,
) -> None:
    """List relations in force (all, one ACTOR's, or those among several), in file order."""
    emit(answers.relations(net, tuple(actors or ()), history), format, _relations_text)


def _relations_text(ans: Answer) -> str:
    ids, history = ans.query["actors"], ans.query["history"]
    title = f"{len(ans.items)} relations"
    if len(ids) == 1:
        title += f" of {ids[0]}"
    elif ids:
        title += f" among {', '.join(ids)}"
    title += " at any date" if history else ""
    return (
        header(ans.network, title)
        + "\n\n"
        + table(_REL_HEADERS, [_relation_row(r) for r in ans.items])
    )


@command("types", options=("format",))
def types_cmd(*, format: str) -> None:
    """The relation-type vocabulary: meaning, sign, direction, and whether it carries a channel."""
    emit(answers.types(), format, _types_text)


def _types_text(ans: Answer) -> str:
    headers = ["type", "sign", "channel", "directed", "meaning"]
    rows = [
        [t.name, f"{t.sign:+d}" if t.sign else "±1", t.channel, t.directed, t.meaning]
        for t in ans.items
    ]
    return table(headers, rows)


@command("validate", options=("data",))
def validate_cmd(*, data) -> None:
    """Check a dataset and report every problem (file, line, column). Exit 0 if clean, 2 if not."""
    from ..dataset import display_path, load_dataset, resolve_data_dir
    from ..errors import DataError

    directory = resolve_data_dir(data)
    try:
        ds = load_dataset(directory, cache="refresh")
        set_aside(ds)  # 0.3-0.5 s at 200,000 relations, counting the collector's walk at exit
    except DataError as exc:
        for problem in exc.problems:
            say(str(problem), err=True)
        n = len(exc.problems)
        say(f"{n} problem{'s' if n != 1 else ''} found in {display_path(directory)}", err=True)
        raise typer.Exit(2) from None
    curated = ds.info.curated_through
    say(
        f"OK: {display_path(directory)}: {len(ds.actors)} actors, {len(ds.relations)} relations"
        + (f"; curated through {curated}" if curated else "; no curation date (dataset.json)")
    )
    briefs = sum(r.citation == BRIEF_CITATION for r in ds.relations)
    if briefs:
        say(f"{briefs} quotes checked against the brief ({ds.info.brief_file})")
