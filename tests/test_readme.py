"""Everything the README shows works as shown: each console example is run and compared; the
docs as a whole show every command, the vocabulary table matches the code, and the generated CLI
reference matches the CLI. (docs/*.md examples are run by tests/test_docs.py.)"""

from __future__ import annotations

import pytest

from cli_reference import PAGE, command_paths, render
from readme_examples import PAGES, README, examples, run

EXAMPLES = examples(README.read_text(encoding="utf-8"))
ALL_EXAMPLES = [pair for page in PAGES for pair in examples(page.read_text(encoding="utf-8"))]
DATA_PAGE = README.parent / "docs" / "data.md"


def test_the_docs_show_every_command():
    shown = {" ".join(cmd.split()[1:3]) for cmd, _ in ALL_EXAMPLES}
    shown |= {cmd.split()[1] for cmd, _ in ALL_EXAMPLES}
    missing = [" ".join(words) for words in command_paths() if " ".join(words) not in shown]
    assert missing == [], f"commands with no example in README.md or docs/: {missing}"


def test_readme_is_a_front_page():
    assert len(README.read_bytes()) < 16 * 1024
    for page in PAGES[1:]:
        assert f"docs/{page.name}" in README.read_text(encoding="utf-8"), page.name


def test_cli_reference_is_generated_from_the_cli():
    assert PAGE.read_text(encoding="utf-8") == render(), "run `make readme`"


@pytest.mark.parametrize("command, shown", EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_matches_real_output(command, shown, monkeypatch):
    monkeypatch.chdir(README.parent)
    assert run(command) == shown, "README is stale: run `make readme`"


def test_readme_vocabulary_table_matches_the_code():
    from diplonet.vocab import RELATION_TYPES

    rows = {}
    for line in DATA_PAGE.read_text(encoding="utf-8").splitlines():
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
    assert [cmd for cmd, shown in ALL_EXAMPLES if today in shown] == []


def test_the_module_map_lists_every_module():
    text = (README.parent / "docs" / "development.md").read_text(encoding="utf-8")
    modules = sorted(
        p.name
        for p in (README.parent / "src" / "diplonet").rglob("*.py")
        if p.name not in ("__main__.py",)
    )
    assert [m for m in modules if m not in text] == []
