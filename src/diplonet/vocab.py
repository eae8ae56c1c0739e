"""The controlled vocabularies of diplonet: relation types, actor kinds, confidence levels.

This is the one place where a relation type gets its meaning, sign, direction and whether it
carries a channel. The loader, the channel model, the CLI and the README table all read it;
nothing else may hard-code a type name.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ACTOR_KINDS",
    "BRIEF_CITATION",
    "COLOR_BY",
    "CONFIDENCE_LEVELS",
    "EXPORT_FORMATS",
    "FAMILIES",
    "FRUSTRATION_METHODS",
    "GROUPINGS",
    "INGEST_ENGINES",
    "LAYOUTS",
    "OUTPUT_FORMATS",
    "PERIODS",
    "RELATION_TYPES",
    "RelationType",
]


@dataclass(frozen=True)
class RelationType:
    """One entry of the relation vocabulary.

    Attributes
    ----------
    name : str
        The identifier used in ``relations.csv`` (``type`` column).
    meaning : str
        What a tie of this type asserts, in one sentence.
    sign : int
        +1 for cooperative ties, -1 for hostile ones: a relation's ``sign`` must equal it. 0 for
        types whose sign each relation states (``events``, derived from the data).
    channel : bool
        Whether a message can travel along this tie (see :mod:`diplonet.scoring`).
    directed : bool
        Whether the tie goes from ``source`` to ``target`` (aid, hosting, sponsorship, ...)
        rather than binding both ends equally.
    leverage : str or None
        Whether the tie gives leverage (aid, security or patronage ties, after the mediation
        literature): ``"source"`` (the source over the target), ``"mutual"`` (each over the
        other) or None.
    family : str
        How diagrams draw it (see :data:`FAMILIES`): ``formal``, ``working``, ``support``,
        ``hostile`` or ``no contact``.
    """

    name: str
    meaning: str
    sign: int
    channel: bool
    directed: bool
    leverage: str | None = None
    family: str = "formal"


RELATION_TYPES: dict[str, RelationType] = {
    t.name: t
    for t in (
        RelationType(
            name="alliance",
            meaning="Formal alliance or designated strategic partnership (NATO, basing treaties).",
            sign=+1,
            channel=True,
            directed=False,
            leverage="mutual",
            family="formal",
        ),
        RelationType(
            name="diplomatic",
            meaning="Formal diplomatic relations or an equivalent standing mission.",
            sign=+1,
            channel=True,
            directed=False,
            leverage=None,
            family="formal",
        ),
        RelationType(
            name="peace_treaty",
            meaning="A signed peace treaty between former belligerents.",
            sign=+1,
            channel=True,
            directed=False,
            leverage=None,
            family="formal",
        ),
        RelationType(
            name="normalization",
            meaning="A normalization accord establishing relations (e.g. the 2020 Abraham Accords).",
            sign=+1,
            channel=True,
            directed=False,
            leverage=None,
            family="formal",
        ),
        RelationType(
            name="security_cooperation",
            meaning="Standing security, military or intelligence coordination.",
            sign=+1,
            channel=True,
            directed=False,
            leverage="mutual",
            family="working",
        ),
        RelationType(
            name="contact",
            meaning="Regular working contacts or talks without (or beyond) formal relations.",
            sign=+1,
            channel=True,
            directed=False,
            leverage=None,
            family="working",
        ),
        RelationType(
            name="mediation",
            meaning="The source has brokered agreements or ceasefires involving the target.",
            sign=+1,
            channel=True,
            directed=True,
            leverage=None,
            family="working",
        ),
        RelationType(
            name="aid",
            meaning="The source gives economic, military or humanitarian assistance to the target.",
            sign=+1,
            channel=True,
            directed=True,
            leverage="source",
            family="support",
        ),
        RelationType(
            name="hosting",
            meaning="The source hosts the target's offices or leaders on its soil.",
            sign=+1,
            channel=True,
            directed=True,
            leverage="source",
            family="support",
        ),
        RelationType(
            name="sponsorship",
            meaning="The source funds, arms or trains the target (patronage).",
            sign=+1,
            channel=True,
            directed=True,
            leverage="source",
            family="support",
        ),
        RelationType(
            name="rivalry",
            meaning="Strained relations or open political rivalry short of armed conflict.",
            sign=-1,
            channel=False,
            directed=False,
            leverage=None,
            family="hostile",
        ),
        RelationType(
            name="severed",
            meaning="Diplomatic relations cut or a boycott imposed; offices closed, envoys expelled.",
            sign=-1,
            channel=False,
            directed=False,
            leverage=None,
            family="hostile",
        ),
        RelationType(
            name="sanctions",
            meaning="The source imposes sanctions on the target.",
            sign=-1,
            channel=False,
            directed=True,
            leverage=None,
            family="hostile",
        ),
        RelationType(
            name="no_contact",
            meaning="The source has a standing policy of no contact with the target (e.g. a terrorist designation).",
            sign=-1,
            channel=False,
            directed=True,
            leverage=None,
            family="no contact",
        ),
        RelationType(
            name="hostility",
            meaning="Armed conflict or declared enmity.",
            sign=-1,
            channel=False,
            directed=False,
            leverage=None,
            family="hostile",
        ),
        RelationType(
            name="rejects_mediator",
            meaning="The source has publicly refused the target as a mediator or broker (a documented statement).",
            sign=-1,
            channel=False,
            directed=True,
            leverage=None,
            family="hostile",
        ),
        RelationType(
            name="events",
            meaning="Machine-coded events from the source to the target in one period (GDELT); sign and strength derived from the Goldstein scale.",
            sign=0,
            channel=False,
            directed=True,
            leverage=None,
            family="events",
        ),
    )
}

#: How diagrams draw each family of relation types: colour, line style, and what it means.
#: Ties are drawn in greys told apart by line style, hostility alone in red, so no tie shares a
#: hue with an actor's bloc (:data:`diplonet.style.PALETTE`) and the picture reads in greyscale.
FAMILIES: dict[str, dict[str, str]] = {
    "formal": {
        "color": "#262626",
        "linestyle": "solid",
        "meaning": "treaty, alliance, diplomatic relations",
    },
    "working": {
        "color": "#7a7a7a",
        "linestyle": "solid",
        "meaning": "contacts, security cooperation, mediation",
    },
    "support": {
        "color": "#262626",
        "linestyle": "dashdot",
        "meaning": "aid, hosting, sponsorship",
    },
    "hostile": {
        "color": "#b2182b",
        "linestyle": "dashed",
        "meaning": "hostility, rivalry, sanctions, severed ties, a mediator rejected",
    },
    "no contact": {
        "color": "#8c8c8c",
        "linestyle": "dotted",
        "meaning": "standing no-contact policy",
    },
    "events": {
        "color": "#a6a6a6",
        "linestyle": "dashdot",
        "meaning": "event data (GDELT), one tie per period",
    },
}

#: Kinds of actor, for the ``kind`` column of ``actors.csv``.
ACTOR_KINDS: dict[str, str] = {
    "state": "A sovereign state.",
    "governing authority": "A body that governs territory without full statehood (the PA).",
    "non-state armed group": "An armed movement outside state control (Hamas, Hezbollah).",
    "international organisation": "An organisation of states (the EU, the UN).",
}

#: Confidence levels for the ``confidence`` column of ``relations.csv``.
CONFIDENCE_LEVELS: dict[str, str] = {
    "high": "Documented by treaty, official statement or consistent wide reporting.",
    "medium": "Widely reported, but its extent or dates are debated.",
    "low": "Reported by few sources or inferred; treat as a lead, not a fact.",
}

#: The ``citation`` value that marks evidence quoted verbatim from the dataset's brief.
BRIEF_CITATION = "brief"


# -- the choices a user has, listed once (the CLI builds its option types from these) -----------

#: Output formats of every query (``--format``).
OUTPUT_FORMATS = ("table", "json", "csv")
#: Layouts of a diagram (``geo`` is ``map``'s older name).
LAYOUTS = ("spring", "circular", "shell", "geo", "map")
#: What colours an actor in a diagram or export.
COLOR_BY = ("bloc", "kind")
#: File formats of ``export``.
EXPORT_FORMATS = ("gexf", "graphml", "json", "cytoscape", "dot", "csv", "html")
#: How the frustration index may be found: exact (MILP) up to a size, else heuristic; or one of
#: the two always.
FRUSTRATION_METHODS = ("auto", "exact", "heuristic")
#: Partitions for brokerage roles besides a named coalition.
GROUPINGS = ("bloc", "kind")
#: Periods event data are aggregated over.
PERIODS = ("month", "quarter", "year")
#: Engines that aggregate GDELT events: DuckDB over the files (the default), the streaming
#: reference reader, BigQuery on GDELT's public table.
INGEST_ENGINES = ("duckdb", "stream", "bigquery")
