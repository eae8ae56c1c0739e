"""The controlled vocabularies of diplonet: relation types, actor kinds, confidence levels.

This is the one place where a relation type gets its meaning, sign, direction and whether it
carries a channel. The loader, the channel model, the CLI and the README table all read it;
nothing else may hard-code a type name.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        +1 for cooperative ties, -1 for hostile ones. A relation's ``sign`` must equal it.
    channel : bool
        Whether a message can travel along this tie (see :mod:`diplonet.scoring`).
    directed : bool
        Whether the tie goes from ``source`` to ``target`` (aid, hosting, sponsorship, ...)
        rather than binding both ends equally.
    leverage : str or None
        Whether the tie gives leverage (aid, security or patronage ties, after the mediation
        literature): ``"source"`` (the source over the target), ``"mutual"`` (each over the
        other) or None.
    """

    name: str
    meaning: str
    sign: int
    channel: bool
    directed: bool
    leverage: str | None = None


RELATION_TYPES: dict[str, RelationType] = {
    t.name: t
    for t in (
        RelationType(
            "alliance",
            "Formal alliance or designated strategic partnership (NATO, basing treaties).",
            +1,
            True,
            False,
            "mutual",
        ),
        RelationType(
            "diplomatic",
            "Formal diplomatic relations or an equivalent standing mission.",
            +1,
            True,
            False,
        ),
        RelationType(
            "peace_treaty",
            "A signed peace treaty between former belligerents.",
            +1,
            True,
            False,
        ),
        RelationType(
            "normalization",
            "A normalization accord establishing relations (e.g. the 2020 Abraham Accords).",
            +1,
            True,
            False,
        ),
        RelationType(
            "security_cooperation",
            "Standing security, military or intelligence coordination.",
            +1,
            True,
            False,
            "mutual",
        ),
        RelationType(
            "contact",
            "Regular working contacts or talks without (or beyond) formal relations.",
            +1,
            True,
            False,
        ),
        RelationType(
            "mediation",
            "The source has brokered agreements or ceasefires involving the target.",
            +1,
            True,
            True,
        ),
        RelationType(
            "aid",
            "The source gives economic, military or humanitarian assistance to the target.",
            +1,
            True,
            True,
            "source",
        ),
        RelationType(
            "hosting",
            "The source hosts the target's offices or leaders on its soil.",
            +1,
            True,
            True,
            "source",
        ),
        RelationType(
            "sponsorship",
            "The source funds, arms or trains the target (patronage).",
            +1,
            True,
            True,
            "source",
        ),
        RelationType(
            "rivalry",
            "Strained relations or open political rivalry short of armed conflict.",
            -1,
            False,
            False,
        ),
        RelationType(
            "severed",
            "Diplomatic relations cut or a boycott imposed; offices closed, envoys expelled.",
            -1,
            False,
            False,
        ),
        RelationType(
            "sanctions",
            "The source imposes sanctions on the target.",
            -1,
            False,
            True,
        ),
        RelationType(
            "no_contact",
            "The source has a standing policy of no contact with the target (e.g. a terrorist "
            "designation).",
            -1,
            False,
            True,
        ),
        RelationType(
            "hostility",
            "Armed conflict or declared enmity.",
            -1,
            False,
            False,
        ),
    )
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
