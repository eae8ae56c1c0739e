"""Large networks: what changes above a size (a refused picture, a sampled betweenness) is
said plainly, and the small answers stay exact. Checked on tiny hand-made data with the limits
lowered."""

from __future__ import annotations

import io
import json

import pytest
from typer.testing import CliRunner

from diplonet import _progress as progress
from diplonet import brokerage
from diplonet.cli import app
from diplonet.cli import draw as cli_draw

from conftest import rel, write_dataset


@pytest.fixture
def ring(tmp_path):
    """Six actors in a ring of diplomatic ties, with one chord."""
    ids = ["A", "B", "C", "D", "E", "F"]
    ties = [rel(a, b, "diplomatic", 0.6) for a, b in zip(ids, ids[1:] + ids[:1], strict=True)]
    ties.append(rel("A", "D", "aid", 0.8))
    return write_dataset(tmp_path / "ring", ids, ties)


def test_plot_refuses_a_network_above_the_limit(ring, tmp_path, monkeypatch):
    monkeypatch.setattr(cli_draw, "PLOT_ACTOR_LIMIT", 4)
    out = tmp_path / "x.png"
    result = CliRunner().invoke(app, ["plot", "--data", str(ring), "-o", str(out)])
    assert result.exit_code == 2
    message = result.stderr
    assert "the network has 6 actors" in message and "the limit is 4" in message
    for hint in ("--focus", "--top", "diplonet export html"):
        assert hint in message
    assert not out.exists()  # refused before any work


def test_plot_focus_within_the_limit_is_drawn(ring, tmp_path, monkeypatch):
    monkeypatch.setattr(cli_draw, "PLOT_ACTOR_LIMIT", 3)
    out = tmp_path / "x.png"
    result = CliRunner().invoke(app, ["plot", "--data", str(ring), "--focus", "B", "-o", str(out)])
    assert result.exit_code == 0, result.output  # B, A and C
    assert out.stat().st_size > 0
    # a focus that keeps too many (A, its ring neighbours and D) is refused, naming the focus
    result = CliRunner().invoke(app, ["plot", "--data", str(ring), "--focus", "A", "-o", str(out)])
    assert result.exit_code == 2
    assert "--focus A keeps 4 actors" in result.stderr


def test_brokers_above_the_limits_say_the_sample(ring, monkeypatch):
    monkeypatch.setattr(brokerage, "PAIR_AWARE_LIMIT", 2)
    monkeypatch.setattr(brokerage, "EXACT_BETWEENNESS_LIMIT", 3)
    monkeypatch.setattr(brokerage, "BETWEENNESS_SOURCES", 3)
    runner = CliRunner()
    table = runner.invoke(app, ["brokers", "--data", str(ring)])
    assert table.exit_code == 0, table.output
    assert "betweenness estimated from the best channels of 3 of the 6 actors" in table.stdout
    rows = json.loads(runner.invoke(app, ["brokers", "--data", str(ring), "-f", "json"]).stdout)
    assert {r["betweenness_sources"] for r in rows} == {3}


def test_brokers_exact_answers_carry_no_sample_key(ring):
    rows = json.loads(
        CliRunner().invoke(app, ["brokers", "--data", str(ring), "-f", "json"]).stdout
    )
    assert all("betweenness_sources" not in r for r in rows)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_and_erased(monkeypatch):
    screen = FakeTerminal()
    clock = iter(range(0, 100))
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    p = progress.Progress("checking relations.csv", unit="rows", stream=screen)
    p.advance(1000)
    p.done()
    text = screen.getvalue()
    assert "checking relations.csv: 1,000 rows (" in text and "/s)" in text
    assert text.endswith("\r\x1b[K")  # the line is erased: the answer starts clean


@pytest.mark.parametrize(
    "stdout_tty, stderr_tty, fmt, shown",
    [
        (True, True, "table", True),
        (True, True, None, True),
        (True, True, "json", False),
        (True, True, "csv", False),
        (False, True, "table", False),  # piped: `diplonet brokers | less`
        (True, False, "table", False),  # standard error redirected
    ],
)
def test_progress_only_for_tables_on_a_terminal(monkeypatch, stdout_tty, stderr_tty, fmt, shown):
    monkeypatch.setattr(progress.sys.stdout, "isatty", lambda: stdout_tty, raising=False)
    monkeypatch.setattr(progress.sys.stderr, "isatty", lambda: stderr_tty, raising=False)
    assert progress.wanted(fmt) is shown


def test_cli_shows_no_progress_when_piped(ring, monkeypatch):
    monkeypatch.setattr(progress.Progress, "advance", _always_draw)
    for fmt in ("table", "json", "csv"):
        result = CliRunner().invoke(app, ["brokers", "--data", str(ring), "-f", fmt])
        assert result.exit_code == 0
        assert "\r" not in result.stderr and "rows (" not in result.stderr
    assert progress._enabled is False


def _always_draw(self, n=1):
    self.count += n
    if self.on:
        self._draw(progress.time.monotonic())
