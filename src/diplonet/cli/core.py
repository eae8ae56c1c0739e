"""The ``diplonet`` app and what every command shares: its options, declared once; the error
wrapper; the network every query is asked of; and :func:`emit`, the one way an answer is printed.

A command is a function registered with :func:`command`, naming the shared option groups it
takes (:data:`OPTION_GROUPS`). The decorator adds those options to the command's signature (as
sqlite-utils' option decorators do), builds the :class:`~diplonet.network.Network` they describe
and passes it as ``net``; a :class:`~diplonet.errors.DiplonetError` raised anywhere becomes one
message naming the CLI's flags, and exit code 2. Only networkx and typer load on this path.
"""

from __future__ import annotations

import enum
import functools
import gc
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from .. import _progress
from ..answers import Answer
from ..errors import DiplonetError
from ..network import Network
from ..paths import DEFAULT_MAX_HOPS
from ..vocab import OUTPUT_FORMATS

__all__ = [
    "DEFAULT_MAX_HOPS",
    "HELP_EXTRA",
    "MaxHopsOpt",
    "OPTION_GROUPS",
    "DEFAULT_TOP",
    "TopOpt",
    "Format",
    "app",
    "choice_enum",
    "command",
    "emit",
    "fail",
    "flagged",
    "say",
    "set_aside",
]

APP_HELP = (
    "Map a conflict as a network of typed, signed, dated, sourced relations, and ask who can "
    "carry a message between any two actors."
)

app = typer.Typer(
    name="diplonet",
    help=APP_HELP,
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

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


def choice_enum(name: str, choices) -> type[enum.StrEnum]:
    """A CLI choice type built from a library's list of choices (the list stays the one home).

    Parameters
    ----------
    name : str
        The enum's name.
    choices : iterable of str
        The library's choices, in order.

    Returns
    -------
    enum.StrEnum
        One member per choice, named and valued by it.

    Examples
    --------
    >>> [m.value for m in choice_enum("Fmt", ("table", "json"))]
    ['table', 'json']
    """
    return enum.StrEnum(name, {c.replace("-", "_"): c for c in choices})


Format = choice_enum("Format", OUTPUT_FORMATS)

# -- the shared options, declared once -----------------------------------------------------------

_SHARED: dict[str, tuple[object, object]] = {
    "data": (
        Annotated[
            Path | None,
            typer.Option(
                "--data",
                metavar="DIR",
                envvar="DIPLONET_DATA",
                help="Dataset directory (actors.csv, relations.csv). Default: the shipped dataset.",
                show_default=False,
            ),
        ],
        None,
    ),
    "as_of": (
        Annotated[
            str | None,
            typer.Option(
                "--as-of",
                metavar="DATE",
                help="Only relations in force on this date (YYYY[-MM[-DD]]). Default: the date "
                "the data are curated through.",
            ),
        ],
        None,
    ),
    "without": (
        Annotated[
            list[str] | None,
            typer.Option(
                "--without",
                metavar="ACTOR",
                help="Remove an actor and all its ties (repeatable).",
                show_default=False,
            ),
        ],
        None,
    ),
    "without_relation": (
        Annotated[
            list[str] | None,
            typer.Option(
                "--without-relation",
                metavar="A:B[:TYPE]",
                help="Remove the ties between A and B, or only those of TYPE (repeatable).",
                show_default=False,
            ),
        ],
        None,
    ),
    "model": (
        Annotated[
            str,
            typer.Option(
                "--model",
                metavar="NAME",
                help="Rules of the channel model: v2 (current) or v1 (the first round's, for "
                "comparison).",
            ),
        ],
        "v2",
    ),
    "allow_hostile_relays": (
        Annotated[
            bool,
            typer.Option(
                "--allow-hostile-relays",
                help="Let intermediaries hostile to either end (or rejected by it) carry routes, "
                "marked.",
            ),
        ],
        False,
    ),
    "sensitivity": (
        Annotated[
            bool,
            typer.Option(
                "--sensitivity",
                help="Rerun the ranking on seeded draws (relay factor and tie strengths within "
                "their confidence bands) and show how often each answer ranks first and its rank "
                "range.",
            ),
        ],
        False,
    ),
    "draws": (
        Annotated[
            int, typer.Option("--draws", metavar="N", help="Draws for --sensitivity (1-10000).")
        ],
        200,
    ),
    "seed": (
        Annotated[int, typer.Option("--seed", metavar="N", help="Random seed for --sensitivity.")],
        0,
    ),
    "max_hops": (
        Annotated[
            int,
            typer.Option(
                "--max-hops",
                metavar="N",
                help="Longest route, in hops (2 = one intermediary; at most 6).",
            ),
        ],
        DEFAULT_MAX_HOPS,
    ),
    "through": (
        Annotated[
            list[str] | None,
            typer.Option(
                "--through",
                metavar="ACTOR",
                help="Only routes whose first intermediary (the partner) is one of these "
                "(repeatable).",
                show_default=False,
            ),
        ],
        None,
    ),
    "via": (
        Annotated[
            list[str] | None,
            typer.Option(
                "--via",
                metavar="ACTOR",
                help="Only routes passing through this actor, anywhere (repeatable).",
                show_default=False,
            ),
        ],
        None,
    ),
    "avoid": (
        Annotated[
            list[str] | None,
            typer.Option(
                "--avoid",
                metavar="ACTOR",
                help="Only routes that do not touch this actor (repeatable).",
                show_default=False,
            ),
        ],
        None,
    ),
    "format": (Annotated[Format, typer.Option("--format", "-f", help="Output format.")], "table"),
}

#: ``-k/--top``: how many answers, in every command that ranks (a command gives its default).
TopOpt = Annotated[
    int,
    typer.Option("-k", "--top", metavar="N", help="How many answers, best first (1-1000)."),
]

#: The answers a ranking shows unless told (``-k``): every one on a map of a conflict, the best
#: twenty where thousands of actors reach both ends.
DEFAULT_TOP = 20

#: ``--max-hops`` for commands that take it without the route filters (diff, timeline, plot,
#: diagram): the same declaration as the route group's.
MaxHopsOpt = _SHARED["max_hops"][0]

#: The shared option groups a command may take, in the order they are listed in its help.
OPTION_GROUPS: dict[str, tuple[str, ...]] = {
    "routes": ("through", "via", "avoid", "max_hops"),
    "sensitivity": ("sensitivity", "draws", "seed"),
    "model": ("allow_hostile_relays", "model"),
    "data": ("data",),
    "as_of": ("as_of",),
    "scenario": ("without", "without_relation"),
    "format": ("format",),
}

#: The options that describe the network a query is asked of.
_NETWORK = ("data", "as_of", "without", "without_relation", "model", "allow_hostile_relays")

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
    "sensitivity": "--sensitivity",
    "method": "--method",
    "layout": "--layout",
    "model": "--model",
    "episodes": "--episodes",
    "from": "--from",
    "to": "--to",
    "engine": "--engine",
}


def flagged(message: str) -> str:
    """A library message with its parameter names spelt as the CLI's flags.

    The library speaks of parameters only: the leading word of a message, ``(without X)`` in a
    scenario's message and the words "via and avoid", "through actor" are turned into flags.

    Parameters
    ----------
    message : str
        A :class:`~diplonet.errors.DiplonetError`'s message.

    Returns
    -------
    str
        The message with the parameter names it starts with or quotes spelt as flags; other
        text unchanged.

    Examples
    --------
    >>> flagged("max_hops must be at most 6, got 9")
    '--max-hops must be at most 6, got 9'
    """
    word = message.split(" ", 1)[0].rstrip(":")
    if word in _FLAGS:
        message = _FLAGS[word] + message[len(word) :]
    message = message.replace("(without ", "(--without ")
    for name in ("via", "avoid", "through", "sensitivity"):
        message = message.replace(f" in {name} ", f" in --{name} ").replace(
            f" {name} and ", f" --{name} and "
        )
    return message.replace(" and avoid", " and --avoid").replace("also in avoid", "also in --avoid")


def fail(message: str) -> None:
    """Print one error message on stderr and exit with code 2.

    Parameters
    ----------
    message : str
        The message, printed after ``error:``.

    Raises
    ------
    typer.Exit
        Always, with code 2.
    """
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


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
    "paths": (_ROUTE_SCORE, "diplonet paths Egypt Hamas -k 3 --max-hops 4 --as-of 2021-05-20"),
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


def set_aside(dataset) -> None:
    """Freeze a large dataset's objects out of the cyclic garbage collector (``gc.freeze``).

    A command runs once and its dataset lives until the process ends, so the collector need
    not walk its hundreds of thousands of objects again: one full collection over 200,000
    relations took over a second in the middle of a query. Large is the network's own
    threshold (:data:`diplonet.network.COLUMNWISE_ABOVE` relations); the library leaves a
    notebook's collector alone.

    Parameters
    ----------
    dataset : Dataset
        The dataset the command loaded.
    """
    from ..network import COLUMNWISE_ABOVE

    if len(dataset.relations) > COLUMNWISE_ABOVE:
        gc.freeze()


def _network(
    data: Path | None = None,
    as_of: str | None = None,
    without: list[str] | None = None,
    without_relation: list[str] | None = None,
    model: str = "v2",
    allow_hostile_relays: bool = False,
) -> Network:
    from ..scoring import get_model

    try:
        rules = get_model(model)
    except ValueError as exc:
        raise DiplonetError(f"model: {exc}") from None
    if allow_hostile_relays:
        rules = rules.with_(allow_hostile_relays=True)
    net = Network.load(data, date=as_of, cache="on").with_model(rules)
    set_aside(net.dataset)
    for name in without or ():
        net = net.without(name)
    for spec in without_relation or ():
        parts = spec.split(":")
        if len(parts) not in (2, 3) or not all(p.strip() for p in parts):
            raise DiplonetError(f"without_relation {spec!r}: expected A:B or A:B:TYPE")
        net = net.without_relation(*[p.strip() for p in parts])
    return net


def command(
    name: str,
    *,
    options: tuple[str, ...] = ("data", "as_of", "scenario", "format"),
    on: typer.Typer | None = None,
    **kwargs,
) -> Callable:
    """Register a command with the shared option groups it takes.

    The command's own parameters come first in its help, then those of ``options`` (groups of
    :data:`OPTION_GROUPS`). When the function has a ``net`` parameter, it receives the network
    that ``--data``, ``--as-of``, ``--without``, ``--without-relation`` and the model options
    describe (the options themselves are not passed); every other shared option is passed by
    name. A :class:`DiplonetError` becomes one message and exit code 2; the help ends with the
    command's line of :data:`HELP_EXTRA`.

    Parameters
    ----------
    name : str
        The command's name (a key of :data:`HELP_EXTRA`).
    options : tuple of str
        Shared option groups, keys of :data:`OPTION_GROUPS`.
    on : typer.Typer, optional
        A sub-app to register on (default: :data:`app`).
    **kwargs
        Passed to ``typer.Typer.command``.

    Returns
    -------
    callable
        A decorator returning the function unchanged.
    """
    shared = [opt for group in options for opt in OPTION_GROUPS[group]]

    def decorate(fn: Callable) -> Callable:
        sig = inspect.signature(fn)
        wants_net = "net" in sig.parameters
        own = [
            p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
            for p in sig.parameters.values()
            if p.name != "net" and p.name not in shared
        ]
        params = own + [
            inspect.Parameter(
                opt,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=_SHARED[opt][0],
                default=_SHARED[opt][1],
            )
            for opt in shared
        ]

        @functools.wraps(fn)
        def wrapper(**kw):
            fmt = kw.get("format")
            _progress.enable(_progress.wanted(None if fmt is None else str(fmt)))
            try:
                if wants_net:
                    spec = {k: kw.pop(k) for k in _NETWORK if k in kw and k not in sig.parameters}
                    kw["net"] = _network(**spec)
                if "format" in kw:
                    kw["format"] = str(kw["format"])
                return fn(**kw)
            except DiplonetError as exc:
                fail(flagged(str(exc)))

        wrapper.__signature__ = sig.replace(parameters=params)
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        del wrapper.__wrapped__  # typer must read the new signature, not the function's
        score, example = HELP_EXTRA[name]
        doc = inspect.cleandoc(fn.__doc__ or "")
        if score:
            doc += f"\n\n{score}"
        # "\b" keeps click from rewrapping the example
        wrapper.__doc__ = doc + f"\n\n\b\nExample:\n  {example}\n"
        (on or app).command(name, **kwargs)(wrapper)
        return fn

    return decorate


def say(text: str, err: bool = False) -> None:
    """Print a line of prose (a confirmation, a report) on stdout, or stderr with ``err``.

    Parameters
    ----------
    text : str
        The line to print (a newline is added).
    err : bool
        Print on stderr instead of stdout.
    """
    typer.echo(text, err=err)


def emit(answer: Answer, format: str, text: Callable[[Answer], str], err: bool = False) -> None:
    """Print an answer: its JSON, its CSV, or for people the text ``text`` makes of it.

    The one way every query's answer reaches the terminal: JSON and CSV come from the answer
    itself (:meth:`Answer.to_json`, :meth:`Answer.to_csv`), so no command builds them.

    Parameters
    ----------
    answer : Answer
        The query's answer.
    format : {"table", "json", "csv"}
        The ``--format`` chosen; any other value prints the table.
    text : callable
        The command's table view of the answer.
    err : bool
        Print on stderr (when the command's own output goes to stdout).
    """
    if format == "json":
        typer.echo(answer.to_json(), err=err)
    elif format == "csv":
        typer.echo(answer.to_csv(), err=err)
    else:
        typer.echo(text(answer), err=err)
