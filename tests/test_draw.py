"""Static diagrams: valid files, the legend and the highlighted channels (inspected as matplotlib
artists), determinism, and the CLI's file handling."""

from __future__ import annotations

import hashlib

import pytest
from matplotlib.patches import FancyArrowPatch
from typer.testing import CliRunner

from diplonet import queries
from diplonet.cli import app
from diplonet.files import save_figure
from diplonet.layout import LAYOUTS, positions
from diplonet.plot import network_figure

DATE = ["--as-of", "2021-05-20"]


def legend_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.legends[0].get_texts()]


def patches(fig, prefix: str) -> list[FancyArrowPatch]:
    ax = fig.axes[0]
    return [p for p in ax.patches if (p.get_gid() or "").startswith(prefix)]


def test_legend_names_blocs_families_and_highlighted_channels(brief_net):
    fig = network_figure(brief_net, highlight=("US", "Hamas"), top=3)
    texts = legend_texts(fig)
    for bloc in ("West", "Axis of Resistance", "Turkey-Qatar", "Arab status quo"):
        assert bloc in texts
    assert any(t.startswith("hostile:") for t in texts) and any(
        t.startswith("no contact:") for t in texts
    )
    best = queries.channels(brief_net, "US", "Hamas")[:3]
    for k, c in enumerate(best, 1):
        assert f"{k}. {' → '.join(c.path)}  ({c.score:.3f})" in texts
    # each channel is drawn hop by hop, thick and in its own colour
    for k, c in enumerate(best, 1):
        hops = patches(fig, f"channel-{k}")
        assert len(hops) == len(c.path) - 1
        assert {p.get_linewidth() for p in hops} == {5.5}
    colours = {patches(fig, f"channel-{k}")[0].get_edgecolor() for k in (1, 2, 3)}
    assert len(colours) == 3
    # and the rest of the network is dimmed
    assert max(p.get_alpha() for p in patches(fig, "relation-")) < 0.2


def test_every_relation_in_force_is_drawn_with_its_style(brief_net):
    fig = network_figure(brief_net)
    drawn = {p.get_gid(): p for p in patches(fig, "relation-")}
    assert len(drawn) == len(brief_net.relations)
    no_contact = next(r for r in brief_net.relations if r.type == "no_contact")
    hostility = next(r for r in brief_net.relations if r.type == "hostility")
    hosting = next(r for r in brief_net.relations if r.type == "hosting")
    assert drawn[f"relation-{no_contact.line}"].get_linestyle() == "dotted"
    assert drawn[f"relation-{hostility.line}"].get_linestyle() == "dashed"
    # a directed tie has its arrowhead at the target end (pairs are drawn from the smaller id)
    head = (
        "CurveFilledB" if hosting.target == max(hosting.source, hosting.target) else "CurveFilledA"
    )
    assert drawn[f"relation-{hosting.line}"].get_arrowstyle().__class__.__name__ == head
    undirected = next(r for r in brief_net.relations if not r.directed)
    assert drawn[f"relation-{undirected.line}"].get_arrowstyle().__class__.__name__ == "Curve"
    # two ties between one pair bend apart instead of overlapping
    us_israel = [drawn[f"relation-{r.line}"] for r in brief_net.relations_between("US", "Israel")]
    assert len({p.get_connectionstyle().rad for p in us_israel}) == len(us_israel) > 1
    assert not any(p.get_gid().startswith("channel") for p in fig.axes[0].patches)


def test_focus_draws_the_ego_network(brief_net):
    fig = network_figure(brief_net, focus=["Qatar"])
    actors = {c.get_gid() for c in fig.axes[0].collections}
    expected = {"Qatar"} | {r.other("Qatar") for r in brief_net.relations if r.involves("Qatar")}
    assert actors == {f"actor-{a}" for a in expected}


def test_labels_do_not_overlap(brief_net):
    fig = network_figure(brief_net, layout="geo")
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts]
    assert len(boxes) == len(brief_net.actors)
    overlaps = [
        (i, j)
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if boxes[i].overlaps(boxes[j])
    ]
    assert overlaps == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layouts_keep_actors_apart_and_on_the_page(brief_net, layout):
    pos = positions(brief_net, layout=layout)
    assert set(pos) == set(brief_net.actors)
    assert all(-0.01 <= x <= 1.01 and -0.01 <= y <= 1.01 for x, y in pos.values())
    pts = list(pos.values())
    closest = min(
        ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
        for i, a in enumerate(pts)
        for b in pts[i + 1 :]
    )
    assert closest > 0.05


def test_geo_layout_keeps_directions(brief_net):
    pos = positions(brief_net, layout="geo")
    assert pos["US"][0] < pos["Israel"][0] < pos["Iran"][0]  # west to east
    assert pos["Russia"][1] > pos["Israel"][1] > pos["Sudan"][1]  # north to south


@pytest.mark.parametrize(
    "ext, magic", [(".png", b"\x89PNG\r\n\x1a\n"), (".svg", b"<?xml"), (".pdf", b"%PDF-")]
)
def test_files_are_valid_and_deterministic(brief_net, tmp_path, ext, magic):
    digests = []
    for i in range(2):
        path = save_figure(
            network_figure(brief_net, highlight=("US", "Hamas")), tmp_path / f"n{i}{ext}", dpi=60
        )
        data = path.read_bytes()
        assert data.startswith(magic)
        digests.append(hashlib.sha256(data).hexdigest())
    assert digests[0] == digests[1]
    if ext == ".svg":
        assert "<svg" in path.read_text() and "US → Qatar → Hamas" in path.read_text()


# -- CLI -------------------------------------------------------------------------------------


def test_plot_default_file_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["plot", "--highlight", "us", "hamas", *DATE, "--dpi", "50"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "diplonet-US-Hamas-2021-05-20.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "args, message",
    [
        (["plot", "-o", "x.gif"], "unknown extension '.gif'"),
        (["plot", "-o", "/proc/diplonet/x.png"], "folder /proc/diplonet does not exist"),
        (["plot", "-o", "/proc/x.png"], "cannot write /proc/x.png"),
        (["plot", "--size", "13x9"], "expected W,H"),
        (["plot", "--dpi", "5"], "use 30 to 1200"),
        (["plot", "--highlight", "US", "Hamass"], "did you mean: Hamas"),
        (["plot", "--focus", "Atlantis"], "unknown actor 'Atlantis'"),
        (["plot", "--top", "0", "--highlight", "US", "Hamas"], "--top must be at least 1"),
    ],
)
def test_plot_user_errors(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_failed_plot_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "keep.png"
    target.write_bytes(b"old")

    def broken(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("matplotlib.figure.Figure.savefig", broken)
    result = CliRunner().invoke(app, ["plot", "-o", str(target)])
    assert result.exit_code == 2 and "No space left" in result.stderr
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["keep.png"]
