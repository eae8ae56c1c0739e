"""Everything the README shows works as shown: each console example is run and compared."""

from __future__ import annotations

import pytest

from readme_examples import README, examples, run

EXAMPLES = examples(README.read_text(encoding="utf-8"))


def test_readme_has_examples_for_every_command():
    shown = {cmd.split()[1] for cmd, _ in EXAMPLES}
    expected = {
        "channels",
        "mediators",
        "paths",
        "actors",
        "show",
        "relations",
        "types",
        "validate",
    }
    assert expected <= shown, expected - shown


@pytest.mark.parametrize("command, shown", EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_matches_real_output(command, shown, monkeypatch):
    monkeypatch.chdir(README.parent)
    assert run(command) == shown, "README is stale: run `make readme`"


def test_readme_vocabulary_table_matches_the_code():
    from diplonet.vocab import RELATION_TYPES

    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 5 and cells[0].strip("`") in RELATION_TYPES:
            rows[cells[0].strip("`")] = cells
    assert set(rows) == set(RELATION_TYPES)
    for name, (_, sign, channel, directed, meaning) in rows.items():
        t = RELATION_TYPES[name]
        stated = 0 if sign == "±1" else int(sign)  # ±1: each relation states its sign
        assert (stated, channel == "yes", directed == "yes", meaning) == (
            t.sign,
            t.channel,
            t.directed,
            t.meaning,
        )


def test_readme_examples_do_not_depend_on_today():
    # an example that prints today's date would go stale tomorrow: give it --as-of or --to
    import datetime

    today = str(datetime.date.today())
    assert [cmd for cmd, shown in EXAMPLES if today in shown] == []
