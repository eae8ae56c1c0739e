"""The GDELT aggregation as SQL, written once for every engine.

One query turns raw GDELT 2.0 event rows and the actor mapping table into the relations that
:func:`diplonet.gdelt.ingest` (the streaming reference) computes: the mapping rules in order, the
CAMEO event-code and Goldstein checks, periods, counts per QuadClass, the Goldstein sum and mean,
sign, strength, confidence, and the first event ids and source URLs of each pair and period.

The query is in the SQL that DuckDB and BigQuery share; only two things differ by dialect and
are chosen here, never in the rules: how string literals are escaped, and the ``source`` that
turns each engine's rows into the same columns (text exports read by DuckDB, or the typed table
``gdelt-bq.gdeltv2.events``). The mapping table and the CAMEO table travel inside the query as
literal rows, so a query printed for the BigQuery console needs nothing else.

It runs in two stages. :func:`stage_events` reads every row once and keeps one row per kept
event, per row that fails a check, and per count of everything else; :func:`stage_relations`
aggregates that small table into relations, counts and unmapped codes. BigQuery runs both as one
query (:func:`bigquery_query`); DuckDB fills the first stage file batch by file batch and runs
the second once (:mod:`diplonet.gdelt_duckdb`). Nothing here imports an engine.
"""

from __future__ import annotations

import datetime as _dt
import re

from .dates import PartialDate
from .errors import DiplonetError
from .gdelt import (
    FIRST_YEAR,
    MAX_BAD_LINES,
    MAX_ID,
    MAX_IDS,
    MAX_URL,
    MAX_URLS,
    PERIODS,
    ActorMap,
    cameo_codes,
)

__all__ = [
    "actor_map_table",
    "BIGQUERY_COLUMNS",
    "bigquery_query",
    "bigquery_source",
    "BIGQUERY_TABLE",
    "bounds",
    "cameo_table",
    "DIALECTS",
    "literal",
    "segment_pattern",
    "stage_events",
    "stage_relations",
    "STATUSES",
]

DIALECTS = ("duckdb", "bigquery")
BIGQUERY_TABLE = "gdelt-bq.gdeltv2.events"

#: The columns of GDELT's BigQuery table that the query reads (and that a scan is billed for).
BIGQUERY_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2Type1Code",
    "EventCode",
    "QuadClass",
    "GoldsteinScale",
    "SOURCEURL",
)

#: What each status of a row means; the ``bad_*`` ones are rows that fail a check.
STATUSES = (
    "bad_value",
    "bad_code",
    "bad_goldstein",
    "bad_quad",
    "out_of_range",
    "unmapped",
    "same_actor",
    "kept",
)


#: An RE2 class of the characters an event id or source URL may not hold to be kept with a
#: relation, as :func:`diplonet.gdelt._clean` decides: whitespace (``str.isspace``, Unicode's
#: too), C0 controls and the noncharacters U+FFFE and U+FFFF (tests/test_gdelt_engines.py checks
#: it against ``_clean`` for every code point).
UNKEPT_CHARACTERS = (
    r"[\x{0}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}"
    r"\x{3000}\x{fffe}\x{ffff}]"
)


def kept_text(expr: str, limit: int, dialect: str) -> str:
    """SQL: whether the text ``expr`` can be kept with a relation (an id or a URL), as
    :func:`diplonet.gdelt._clean` decides: not empty, at most ``limit`` characters, none of
    :data:`UNKEPT_CHARACTERS`. The same functions in DuckDB and BigQuery; a replacement that
    changes nothing is a pattern that matches nowhere."""
    pattern = literal(UNKEPT_CHARACTERS, dialect)
    return (
        f"(LENGTH({expr}) BETWEEN 1 AND {limit} AND REGEXP_REPLACE({expr}, {pattern}, '') = {expr})"
    )


def literal(text: str | None, dialect: str) -> str:
    """``text`` as an SQL string literal of the dialect (or NULL).

    Parameters
    ----------
    text : str or None
        The value; None gives a typed NULL.
    dialect : {'duckdb', 'bigquery'}
        BigQuery escapes backslashes, quotes and newlines with backslashes; any other dialect
        gets standard SQL, where only the quote is doubled.

    Returns
    -------
    str
        The literal, quotes included.

    Examples
    --------
    >>> literal("PEOPLE'S ARMY", "duckdb"), literal("PEOPLE'S ARMY", "bigquery")
    ("'PEOPLE''S ARMY'", "'PEOPLE\\\\'S ARMY'")
    """
    if text is None:
        return "CAST(NULL AS STRING)"
    if dialect == "bigquery":  # backslash escapes, as in C
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
    return "'" + text.replace("'", "''") + "'"  # standard SQL: no escapes but the doubled quote


def _rows(rows: list[tuple], names: tuple[str, ...]) -> str:
    """A literal table: SELECT ... UNION ALL SELECT ..., four rows a line."""
    if not rows:  # an empty table of the right columns
        cols = ", ".join(f"CAST(NULL AS STRING) AS {n}" for n in names)
        return f"SELECT {cols} FROM (SELECT 1 AS one) AS empty WHERE 1 = 0"
    first = "SELECT " + ", ".join(f"{v} AS {n}" for v, n in zip(rows[0], names, strict=True))
    rest = ["SELECT " + ", ".join(r) for r in rows[1:]]
    lines, line = [first], []
    for i, part in enumerate(rest):
        line.append(part)
        if len(line) == 4 or i == len(rest) - 1:
            lines.append("    UNION ALL " + " UNION ALL ".join(line))
            line = []
    return "\n".join(lines)


def cameo_table(dialect: str) -> str:
    """The CAMEO codes as literal rows (code, Goldstein in integer tenths).

    Parameters
    ----------
    dialect : {'duckdb', 'bigquery'}
        How the codes are quoted (:func:`literal`).

    Returns
    -------
    str
        A ``SELECT ... UNION ALL SELECT ...`` of the columns ``code`` and ``tenths``, one row
        per CAMEO event code.
    """
    from .gdelt import tenths

    rows = [(literal(code, dialect), str(tenths(g))) for code, g in cameo_codes().items()]
    return _rows(rows, ("code", "tenths"))


def actor_map_table(amap: ActorMap, dialect: str) -> str:
    """The mapping rules as literal rows (rule, value, role, actor); actor NULL excludes.

    Parameters
    ----------
    amap : ActorMap
        The mapping rules: its names, groups and countries (one row per country and role).
    dialect : {'duckdb', 'bigquery'}
        How values are quoted (:func:`literal`).

    Returns
    -------
    str
        A ``SELECT ... UNION ALL SELECT ...`` of the columns ``rule`` (``name``, ``group`` or
        ``country``), ``value``, ``role`` (empty but for countries) and ``actor``; an empty
        table of those columns when the map has no rules.
    """
    rows = []
    for value, actor in amap.names.items():
        rows.append(("name", value, "", actor))
    for value, actor in amap.groups.items():
        rows.append(("group", value, "", actor))
    for value, (actor, roles) in amap.countries.items():
        rows.extend(("country", value, role, actor) for role in sorted(roles))
    return _rows(
        [tuple(literal(v, dialect) for v in row) for row in rows],
        ("rule", "value", "role", "actor"),
    )


def segment_pattern(amap: ActorMap) -> str:
    """An RE2 pattern whose first group is the first known-group segment of an actor code.

    The code is read in three-letter segments after the country (``PSEREBHMS`` → ``REB``,
    ``HMS``); lazily, so the first segment that is a known group wins, as in
    :meth:`ActorMap.actor`. A code with none matches the empty second branch.

    Parameters
    ----------
    amap : ActorMap
        Its known-group codes of one to three letters become the alternatives (a code of one or
        two letters can only match the actor code's last, short segment).

    Returns
    -------
    str
        The pattern; one that never captures a segment when the map has no group codes.

    Examples
    --------
    >>> segment_pattern(ActorMap(groups={"HMS": "Hamas", "HEZ": "Hezbollah"}))
    '^(?:.{3}(?:.{3})*?(HEZ|HMS).*|.*)$'
    """
    # a value of one or two letters can only be the code's short last segment
    alternatives = sorted(
        re.escape(v) + ("" if len(v) == 3 else "$") for v in amap.groups if 0 < len(v) <= 3
    )
    if not alternatives:
        return "^(.{0})(?:.*)$"  # never a segment
    return "^(?:.{3}(?:.{3})*?(" + "|".join(alternatives) + ").*|.*)$"


def _side(n: int, amap: ActorMap, dialect: str) -> tuple[str, str]:
    """The joins and the expression mapping side ``n`` (1 or 2) of an event to an actor."""
    s = f"a{n}"
    role = f"CASE WHEN x.{s}_role = '' THEN 'none' ELSE x.{s}_role END"
    seg = f"REGEXP_REPLACE(x.{s}_code, {literal(segment_pattern(amap), dialect)}, {literal(chr(92) + '1', dialect)})"
    # most codes hold no known group at all: look for one before running the pattern
    holds = " OR ".join(
        f"STRPOS(x.{s}_code, {literal(v, dialect)}) > 0" for v in sorted(amap.groups)
    )
    if holds:
        seg = f"CASE WHEN LENGTH(x.{s}_code) > 3 AND ({holds}) THEN {seg} ELSE '' END"
    joins = f"""
  LEFT JOIN actor_map AS {s}_name ON {s}_name.rule = 'name' AND {s}_name.value = UPPER(TRIM(x.{s}_name))
  LEFT JOIN actor_map AS {s}_group ON {s}_group.rule = 'group' AND {s}_group.value = x.{s}_group
  LEFT JOIN actor_map AS {s}_seg ON {s}_seg.rule = 'group' AND {s}_seg.value = {seg}
  LEFT JOIN actor_map AS {s}_country ON {s}_country.rule = 'country' AND {s}_country.value = x.{s}_country
    AND {s}_country.role = {role} AND STARTS_WITH(x.{s}_code, {s}_country.value)"""
    # the first rule that matches wins, even when it maps to no actor (an excluded name)
    actor = f"""CASE
      WHEN {s}_name.value IS NOT NULL THEN {s}_name.actor
      WHEN {s}_group.value IS NOT NULL THEN {s}_group.actor
      WHEN {s}_seg.value IS NOT NULL THEN {s}_seg.actor
      WHEN {s}_country.value IS NOT NULL THEN {s}_country.actor
    END"""
    return joins, actor


def _period(period: str) -> tuple[str, str, str]:
    """SQL for the label, start and end of the period holding the day ``x.day`` (YYYYMMDD)."""
    y, m = "SUBSTR(x.day, 1, 4)", "SUBSTR(x.day, 5, 2)"
    if period == "year":
        return y, y, y
    if period == "quarter":
        q = f"CASE WHEN {m} <= '03' THEN 1 WHEN {m} <= '06' THEN 2 WHEN {m} <= '09' THEN 3 ELSE 4 END"
        first = f"CASE WHEN {m} <= '03' THEN '01' WHEN {m} <= '06' THEN '04' WHEN {m} <= '09' THEN '07' ELSE '10' END"
        last = f"CASE WHEN {m} <= '03' THEN '03' WHEN {m} <= '06' THEN '06' WHEN {m} <= '09' THEN '09' ELSE '12' END"
        return (
            f"{y} || '-Q' || CAST({q} AS STRING)",
            f"{y} || '-' || {first}",
            f"{y} || '-' || {last}",
        )
    label = f"{y} || '-' || {m}"
    return label, label, label


def _valid_day() -> str:
    """SQL: whether the eight digits of ``x.day`` are a calendar date from
    :data:`diplonet.gdelt.FIRST_YEAR` to today (the dataset refuses later dates), as the
    streaming reader checks."""
    y = "CAST(SUBSTR(x.day, 1, 4) AS INT64)"
    m = "CAST(SUBSTR(x.day, 5, 2) AS INT64)"
    d = "CAST(SUBSTR(x.day, 7, 2) AS INT64)"
    leap = f"(MOD({y}, 4) = 0 AND (MOD({y}, 100) <> 0 OR MOD({y}, 400) = 0))"
    days = f"CASE WHEN {m} = 2 THEN CASE WHEN {leap} THEN 29 ELSE 28 END WHEN {m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END"
    today = _dt.date.today().strftime("%Y%m%d")
    return (
        f"(x.day IS NOT NULL AND {y} >= {FIRST_YEAR} AND x.day <= '{today}' "
        f"AND {m} BETWEEN 1 AND 12 AND {d} BETWEEN 1 AND {days})"
    )


def bounds(since: PartialDate | None, until: PartialDate | None) -> tuple[str, str]:
    """The first and last day (YYYYMMDD) that --from/--to keep: a month keeps all its days.

    Parameters
    ----------
    since, until : PartialDate or None
        The first and last period to keep; None leaves that end open.

    Returns
    -------
    (str, str)
        The first and last day kept, ``"00010101"`` and ``"99991231"`` for open ends.

    Examples
    --------
    >>> bounds(PartialDate.parse("2019-02"), None)
    ('20190201', '99991231')
    """
    lo = since.first_day().strftime("%Y%m%d") if since else "00010101"
    hi = until.last_day().strftime("%Y%m%d") if until else "99991231"
    return lo, hi


def stage_events(
    source: str,
    amap: ActorMap,
    dialect: str,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    period: str = "month",
    raw: str = "CAST(NULL AS STRING)",
) -> str:
    """Stage one: classify every row of ``source`` once.

    Parameters
    ----------
    source : str
        A query giving the columns every engine's rows are turned into: ``file_index`` and
        ``ord_event`` (the order of events), ``event_id``, ``day`` (the SQLDATE's eight digits,
        NULL when it has others), ``sqldate_text``, ``code``, ``quad``, ``g`` (the Goldstein value,
        NULL when not a number), ``g_text``, ``a1_code``, ``a1_name``, ``a1_country``,
        ``a1_group``, ``a1_role``, the same five for ``a2``, and ``url``; text never NULL.
    amap : ActorMap
        The mapping rules; they travel in the query as literal rows.
    dialect : {'duckdb', 'bigquery'}
        How literals are written.
    since, until : PartialDate, optional
        Keep the events of these days (inclusive); the others are counted as out of range.
    period : {'month', 'quarter', 'year'}
    raw : str
        SQL over ``x`` giving the row's raw line, kept for rows that fail a check (DuckDB).

    Returns
    -------
    str
        ``WITH ... SELECT`` of the columns ``status``, ``file_index``, ``ord_event``,
        ``event_id``, ``a``, ``b``, ``label``, ``pstart``, ``pend``, ``quad``, ``tenths``,
        ``url``, ``unmapped_1``, ``unmapped_2``, ``sqldate_text``, ``g_text``, ``code``, ``raw``
        and ``n``, the number of rows alike. Kept events and failed rows keep their own row;
        everything else is counted by status (and unmapped actor code). A kept event's
        ``event_id`` is NULL and its ``url`` empty when the streaming reader would not keep
        them with the relation (:func:`kept_text`): the event still counts.

    Raises
    ------
    DiplonetError
        For an unknown period or dialect.
    """
    if period not in PERIODS:
        raise DiplonetError(f"period {period!r}: use {', '.join(PERIODS)}")
    if dialect not in DIALECTS:
        raise DiplonetError(f"dialect {dialect!r}: use {', '.join(DIALECTS)}")
    lo, hi = bounds(since, until)
    joins1, actor1 = _side(1, amap, dialect)
    joins2, actor2 = _side(2, amap, dialect)
    label, start, end = _period(period)
    keep = "x.status = 'kept'"
    bad = "x.status LIKE 'bad%'"
    # the ids and URLs the streaming reader keeps: the others still count as events
    id_kept = f"{kept_text('x.event_id', MAX_ID, dialect)} AND STRPOS(x.event_id, ';') = 0"
    url_kept = kept_text("x.url", MAX_URL, dialect)
    return f"""WITH
cameo AS (
{cameo_table(dialect)}
),
actor_map AS (
{actor_map_table(amap, dialect)}
),
source AS (
{source}
),
mapped AS (
  SELECT x.*, cameo.tenths AS cameo_tenths,
    {actor1} AS a,
    {actor2} AS b
  FROM source AS x
  LEFT JOIN cameo ON cameo.code = x.code{joins1}{joins2}
),
checked AS (
  SELECT x.*,
    CASE
      WHEN NOT {_valid_day()} OR x.g IS NULL THEN 'bad_value'
      WHEN x.cameo_tenths IS NULL THEN 'bad_code'
      WHEN ABS(x.cameo_tenths / 10 - x.g) > 0.05 THEN 'bad_goldstein'
      WHEN x.quad NOT IN ('1', '2', '3', '4') OR x.g < -10 OR x.g > 10 THEN 'bad_quad'
      WHEN x.day < '{lo}' OR x.day > '{hi}' THEN 'out_of_range'
      WHEN x.a IS NULL OR x.b IS NULL THEN 'unmapped'
      WHEN x.a = x.b THEN 'same_actor'
      ELSE 'kept'
    END AS status
  FROM mapped AS x
),
events AS (
  SELECT x.status,
    CASE WHEN {keep} OR {bad} THEN x.file_index END AS file_index,
    CASE WHEN {keep} OR {bad} THEN x.ord_event END AS ord_event,
    CASE WHEN {bad} OR ({keep} AND {id_kept}) THEN x.event_id END AS event_id,
    CASE WHEN {keep} THEN x.a END AS a,
    CASE WHEN {keep} THEN x.b END AS b,
    CASE WHEN {keep} THEN {label} END AS label,
    CASE WHEN {keep} THEN {start} END AS pstart,
    CASE WHEN {keep} THEN {end} END AS pend,
    CASE WHEN {keep} OR {bad} THEN x.quad END AS quad,
    CASE WHEN {keep} THEN CAST(FLOOR(x.g * 10 + 0.5) AS INT64) END AS tenths,
    CASE WHEN {keep} THEN CASE WHEN {url_kept} THEN x.url ELSE '' END END AS url,
    CASE WHEN x.status = 'unmapped' AND x.a IS NULL AND (x.a1_code <> '' OR x.a1_name <> '')
      THEN CASE WHEN x.a1_code <> '' THEN x.a1_code ELSE x.a1_name END END AS unmapped_1,
    CASE WHEN x.status = 'unmapped' AND x.b IS NULL AND (x.a2_code <> '' OR x.a2_name <> '')
      THEN CASE WHEN x.a2_code <> '' THEN x.a2_code ELSE x.a2_name END END AS unmapped_2,
    CASE WHEN {bad} THEN x.sqldate_text END AS sqldate_text,
    CASE WHEN {bad} THEN x.g_text END AS g_text,
    CASE WHEN {bad} THEN x.code END AS code,
    CASE WHEN {bad} THEN {raw} END AS raw
  FROM checked AS x
)
SELECT status, file_index, ord_event, event_id, a, b, label, pstart, pend, quad, tenths, url,
  unmapped_1, unmapped_2, sqldate_text, g_text, code, raw, COUNT(*) AS n
FROM events
GROUP BY status, file_index, ord_event, event_id, a, b, label, pstart, pend, quad, tenths, url,
  unmapped_1, unmapped_2, sqldate_text, g_text, code, raw"""


def stage_relations(events: str) -> str:
    """Stage two: relations, counts, unmapped codes and failed rows from stage one's rows.

    Parameters
    ----------
    events : str
        A table name (or a parenthesised query) holding stage one's rows.

    Returns
    -------
    str
        A query whose rows each have a ``kind``: ``relation`` (``source``, ``target``,
        ``period``, ``pstart``, ``pend``, ``events``, ``q1`` to ``q4``, ``tenths``,
        ``goldstein_sum``, ``goldstein_mean``, ``sign``, ``strength``, ``confidence``,
        ``event_ids``, ``source_urls``), ``count`` (the status in ``source``, the rows in
        ``events``), ``unmapped`` (the code in ``source``, the rows in ``events``) or ``bad``
        (the first failed rows, in event order, with their fields).
    """
    order = "file_index, ord_event, event_id, url"
    by = "a, b, label"
    return f"""WITH
kept AS (
  SELECT * FROM {events} AS e WHERE e.status = 'kept'
),
ranked AS (
  SELECT k.*,
    CAST(SUM(k.n) OVER (PARTITION BY {by} ORDER BY {order} ROWS UNBOUNDED PRECEDING) AS INT64) AS upto
  FROM kept AS k
  WHERE k.event_id IS NOT NULL
),
ids AS (
  -- the first {MAX_IDS} event ids, repeated when one event was read more than once
  SELECT {by}, STRING_AGG(
      REPEAT(r.event_id || ';', LEAST(r.n, {MAX_IDS} - (r.upto - r.n)) - 1) || r.event_id,
      ';' ORDER BY {order}) AS event_ids
  FROM ranked AS r
  WHERE r.upto - r.n < {MAX_IDS}
  GROUP BY {by}
),
first_urls AS (
  SELECT k.*, ROW_NUMBER() OVER (PARTITION BY {by}, url ORDER BY {order}) AS seen
  FROM kept AS k
  WHERE k.url <> ''
),
url_rank AS (
  SELECT f.*, ROW_NUMBER() OVER (PARTITION BY {by} ORDER BY {order}) AS rank_
  FROM first_urls AS f
  WHERE f.seen = 1
),
urls AS (
  -- the first {MAX_URLS} distinct source URLs, in the order they were first seen
  SELECT {by}, STRING_AGG(u.url, ' ' ORDER BY {order}) AS source_urls
  FROM url_rank AS u
  WHERE u.rank_ <= {MAX_URLS}
  GROUP BY {by}
),
totals AS (
  SELECT {by}, MIN(pstart) AS pstart, MIN(pend) AS pend, SUM(n) AS events,
    SUM(CASE WHEN quad = '1' THEN n ELSE 0 END) AS q1,
    SUM(CASE WHEN quad = '2' THEN n ELSE 0 END) AS q2,
    SUM(CASE WHEN quad = '3' THEN n ELSE 0 END) AS q3,
    SUM(CASE WHEN quad = '4' THEN n ELSE 0 END) AS q4,
    SUM(tenths * n) AS tenths
  FROM kept
  GROUP BY {by}
),
unmapped AS (
  SELECT unmapped_1 AS code, n FROM {events} AS e WHERE e.unmapped_1 IS NOT NULL
  UNION ALL
  SELECT unmapped_2 AS code, n FROM {events} AS e WHERE e.unmapped_2 IS NOT NULL
)
SELECT 'relation' AS kind, t.a AS source, t.b AS target, t.label AS period, t.pstart, t.pend,
  t.events, t.q1, t.q2, t.q3, t.q4, t.tenths,
  t.tenths / 10 AS goldstein_sum,
  t.tenths / (10 * t.events) AS goldstein_mean,
  CASE WHEN t.tenths >= 0 THEN 1 ELSE -1 END AS sign,
  GREATEST(0.05, LEAST(1.0, ABS(t.tenths / (10 * t.events)) / 10)) AS strength,
  CASE WHEN t.events >= 10 THEN 'medium' ELSE 'low' END AS confidence,
  ids.event_ids, urls.source_urls,
  CAST(NULL AS INT64) AS file_index, CAST(NULL AS STRING) AS event_id,
  CAST(NULL AS STRING) AS sqldate_text, CAST(NULL AS STRING) AS g_text,
  CAST(NULL AS STRING) AS code, CAST(NULL AS STRING) AS quad, CAST(NULL AS STRING) AS raw
FROM totals AS t
LEFT JOIN ids ON ids.a = t.a AND ids.b = t.b AND ids.label = t.label
LEFT JOIN urls ON urls.a = t.a AND urls.b = t.b AND urls.label = t.label
UNION ALL
SELECT 'count', status, NULL, NULL, NULL, NULL, SUM(n), NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM {events} AS e
GROUP BY status
UNION ALL
SELECT 'unmapped', code, NULL, NULL, NULL, NULL, SUM(n), NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM unmapped
GROUP BY code
UNION ALL
(SELECT 'bad', status, NULL, NULL, NULL, NULL, n, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, file_index, event_id, sqldate_text, g_text, code, quad, raw
FROM {events} AS e
WHERE e.status LIKE 'bad%'
ORDER BY file_index, ord_event, event_id
LIMIT {MAX_BAD_LINES})"""


def bigquery_source(since: PartialDate | None, until: PartialDate | None) -> str:
    """The rows of GDELT's BigQuery table, in the columns :func:`stage_events` reads.

    Only the days between ``since`` and ``until`` are read: the table is not partitioned, so
    this saves work but not bytes billed (BigQuery bills the whole of each column read).

    Parameters
    ----------
    since, until : PartialDate or None
        The first and last period to read (inclusive); None leaves that end open.

    Returns
    -------
    str
        A ``SELECT`` over :data:`BIGQUERY_TABLE` giving the columns :func:`stage_events` takes
        as its ``source``.
    """
    lo, hi = bounds(since, until)

    def text(column: str) -> str:
        return f"IFNULL({column}, '')"

    return f"""  SELECT 0 AS file_index, GLOBALEVENTID AS ord_event,
    CAST(GLOBALEVENTID AS STRING) AS event_id,
    CASE WHEN SQLDATE BETWEEN 10000101 AND 99991231 THEN CAST(SQLDATE AS STRING) END AS day,
    IFNULL(CAST(SQLDATE AS STRING), '') AS sqldate_text,
    {text("EventCode")} AS code,
    IFNULL(CAST(QuadClass AS STRING), '') AS quad,
    CASE WHEN IS_NAN(GoldsteinScale) THEN NULL ELSE GoldsteinScale END AS g,
    IFNULL(CAST(GoldsteinScale AS STRING), '') AS g_text,
    {text("Actor1Code")} AS a1_code, {text("Actor1Name")} AS a1_name,
    {text("Actor1CountryCode")} AS a1_country, {text("Actor1KnownGroupCode")} AS a1_group,
    {text("Actor1Type1Code")} AS a1_role,
    {text("Actor2Code")} AS a2_code, {text("Actor2Name")} AS a2_name,
    {text("Actor2CountryCode")} AS a2_country, {text("Actor2KnownGroupCode")} AS a2_group,
    {text("Actor2Type1Code")} AS a2_role,
    {text("SOURCEURL")} AS url
  FROM `{BIGQUERY_TABLE}`
  WHERE SQLDATE BETWEEN {int(lo)} AND {int(hi)}"""


def bigquery_query(
    amap: ActorMap,
    since: PartialDate | None,
    until: PartialDate | None,
    period: str = "month",
) -> str:
    """The whole aggregation as one BigQuery (GoogleSQL) query over ``gdelt-bq.gdeltv2.events``.

    Parameters
    ----------
    amap : ActorMap
        The mapping rules, written into the query.
    since, until : PartialDate or None
        The days to read (inclusive).
    period : {'month', 'quarter', 'year'}

    Returns
    -------
    str
        A standard-SQL query returning :func:`stage_relations`'s rows.

    Examples
    --------
    >>> from diplonet.gdelt import load_actor_map
    >>> sql = bigquery_query(load_actor_map(), PartialDate.parse("2019-10"), PartialDate.parse("2019-10"))
    >>> "WHERE SQLDATE BETWEEN 20191001 AND 20191031" in sql
    True
    """
    first = stage_events(bigquery_source(since, until), amap, "bigquery", since, until, period)
    head, select = first.rsplit("\nSELECT status, file_index", 1)
    events = f"{head},\nstage_events AS (\nSELECT status, file_index{select}\n)"
    second = stage_relations("stage_events")
    assert second.startswith("WITH\n")
    return f"-- diplonet ingest gdelt: GDELT 2.0 events between mapped actors, per {period}\n{events},\n{second[len('WITH') + 1 :]}\n"
