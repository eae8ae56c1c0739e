"""Everything docs/*.md shows works as shown: console examples are run and compared, the SQL
excerpts are the query diplonet prints, and the cost figures are recomputed from the sample."""

from __future__ import annotations

import csv
import re
import shlex

import pytest
from typer.testing import CliRunner

from diplonet.cli import app
from diplonet.gdelt_sql import BIGQUERY_COLUMNS

from readme_examples import PAGES, README, examples, run

DOCS = [p for p in PAGES if p != README]
EXAMPLES = [
    (page.name, cmd, shown) for page in DOCS for cmd, shown in examples(page.read_text("utf-8"))
]
EVENTS = README.parent / "docs" / "events.md"
GDELT = README.parent / "tests" / "data" / "gdelt"


def test_docs_pages_are_checked():
    assert EVENTS in DOCS and any(page == "events.md" for page, _, _ in EXAMPLES)


@pytest.mark.parametrize(
    "page, command, shown", EXAMPLES, ids=[f"{p}: {c}" for p, c, _ in EXAMPLES]
)
def test_docs_example_matches_real_output(page, command, shown, monkeypatch):
    monkeypatch.chdir(README.parent)
    assert run(command) == shown, f"docs/{page} is stale: run `make readme`"


def test_sql_shown_is_the_query_printed():
    text = EVENTS.read_text(encoding="utf-8")
    command = re.search(r"```bash\n(diplonet ingest gdelt .* --print-sql)\n```", text).group(1)
    printed = CliRunner().invoke(app, shlex.split(command)[1:])
    assert printed.exit_code == 0, printed.output
    excerpts = re.findall(r"```sql\n(.*?)```", text, re.S)
    assert len(excerpts) == 3
    for excerpt in excerpts:
        assert excerpt in printed.stdout + "\n"


def test_cost_figures_are_the_samples():
    # BigQuery's sizes: 8 bytes an INTEGER or FLOAT, UTF-8 length + 2 a STRING, 0 a NULL
    with open(
        GDELT / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv", encoding="utf-8"
    ) as fh:
        types = {r["tableId"]: r["dataType"] for r in csv.DictReader(fh)}
    rows = (GDELT / "20191024143000.export.CSV").read_text(encoding="utf-8").splitlines()

    def size(columns, empty_is_null=True):
        total = 0
        for line in rows:
            for name, value in zip(types, line.split("\t"), strict=True):
                if name not in columns or (value == "" and empty_is_null):
                    continue
                total += 8 if types[name] in ("INTEGER", "FLOAT") else len(value.encode()) + 2
        return total / len(rows)

    read = size(BIGQUERY_COLUMNS)
    text = EVENTS.read_text(encoding="utf-8")
    assert f"take **{read:.0f} bytes a row** ({size(BIGQUERY_COLUMNS, False):.0f} if empty" in text
    assert f"all 61 columns take {size(types):.0f} bytes a row" in text
    for records, gb in ((159e6, 28), (360e6, 64)):
        assert round(records * read / 1e9) == gb and f"| about {gb} GB |" in text
    assert f"adds about {round(100e6 * read / 1e9)} GB" in text
