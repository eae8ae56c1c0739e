"""Static diagrams: valid files, the legend and the highlighted channels (inspected as matplotlib
artists), determinism, and the CLI's file handling."""

from __future__ import annotations

import hashlib

import pytest
from matplotlib.patches import FancyArrowPatch
from typer.testing import CliRunner

from diplonet import paths
from diplonet._files import save_figure
from diplonet._layout import positions
from diplonet.cli import app
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
    best = paths.channels(brief_net, "US", "Hamas")[:3]
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
    assert max(p.get_alpha() for p in patches(fig, "pair-")) < 0.25


def test_one_line_per_pair_listing_its_ties(brief_net, tmp_path):
    fig = network_figure(brief_net)
    drawn = [p.get_gid() for p in patches(fig, "pair-")]
    pairs = {tuple(sorted((r.source, r.target))) for r in brief_net.relations}
    assert sorted(drawn) == sorted(f"pair-{a}-{b}" for a, b in pairs)  # one line, no more
    us_israel = fig.diplonet_pairs["pair-Israel-US"]
    assert len(us_israel.relations) == len(brief_net.relations_between("US", "Israel")) > 2
    # the line's width is the model's channel link, the number `channels` uses
    assert us_israel.strength == brief_net.channel_graph["US"]["Israel"]["strength"]
    # the pair's ties, every one, are the line's tooltip in an SVG
    svg = save_figure(fig, tmp_path / "n.svg").read_text()
    tip = svg.split('<g id="pair-Israel-US"><title>')[1].split("</title>")[0]
    assert len(tip.splitlines()) == len(us_israel.relations)
    # a hostile pair is red and dashed; a mixed pair (allies under sanctions) gets a red cross
    hamas_israel = next(p for p in patches(fig, "pair-Hamas-Israel"))
    assert hamas_israel.get_linestyle() == "dashed"
    assert fig.diplonet_pairs["pair-Turkey-US"].mixed
    assert any(line.get_gid() == "mixed-Turkey-US" for line in fig.axes[0].lines)
    assert not any(p.get_gid().startswith("channel") for p in fig.axes[0].patches)


def test_legends_for_size_width_confidence_and_focus(brief_net):
    texts = legend_texts(network_figure(brief_net, focus=["Qatar"]))
    for header in (
        "Size: ties in force",
        "Width: channel link (or hostility)",
        "Opacity: confidence",
        "Lines: one per pair, by its leading tie",
    ):
        assert header in texts
    assert {"high", "medium", "low", "0.3", "0.9"} <= set(texts)
    assert "ringed: Qatar" in texts


def test_palettes_keep_blocs_and_tie_families_apart():
    """No bloc colour shares a hue with a tie family; ties differ by line style, so the picture
    reads in greyscale; the dimmed fill is no bloc's colour."""
    import colorsys

    from diplonet.style import DIMMED_FILL, PALETTE, hex_to_rgb
    from diplonet.vocab import FAMILIES

    def hls(c):
        return colorsys.rgb_to_hls(*(v / 255 for v in hex_to_rgb(c)))

    tie_hues = [hls(f["color"])[0] for f in FAMILIES.values() if hls(f["color"])[2] > 0.15]
    assert len(tie_hues) == 1  # hostility alone is in colour; the rest are greys
    for c in PALETTE:
        h, _, sat = hls(c)
        assert sat > 0.15  # no grey bloc
        gap = min(abs(h - t) % 1 for t in tie_hues)
        assert min(gap, 1 - gap) * 360 > 20, c
    core = [f for f in ("formal", "working", "support", "hostile", "no contact")]
    looks = {(FAMILIES[f]["linestyle"], round(hls(FAMILIES[f]["color"])[1], 1)) for f in core}
    assert len(looks) == len(core)
    assert DIMMED_FILL not in PALETTE and hls(DIMMED_FILL)[2] < 0.05


def test_focus_draws_the_ego_network(brief_net):
    fig = network_figure(brief_net, focus=["Qatar"])
    actors = {c.get_gid() for c in fig.axes[0].collections}
    expected = {"Qatar"} | {r.other("Qatar") for r in brief_net.relations if r.involves("Qatar")}
    assert actors == {f"actor-{a}" for a in expected}


@pytest.mark.parametrize("layout", ["spring", "map"])
def test_labels_do_not_overlap(brief_net, layout):
    fig = network_figure(brief_net, layout=layout)
    renderer = fig.canvas.get_renderer()
    drawn = 0
    for ax in [*fig.axes, *fig.axes[0].child_axes]:
        boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text()]
        drawn += len(boxes)
        overlaps = [
            (i, j)
            for i in range(len(boxes))
            for j in range(i + 1, len(boxes))
            if boxes[i].overlaps(boxes[j])
        ]
        assert overlaps == []
    assert drawn == len(brief_net.actors)


@pytest.mark.parametrize("layout", ["spring", "circular", "shell"])
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


def assert_geographic_order(net, drawn: dict[str, tuple[float, float]]) -> int:
    """For two actors at least a degree apart in longitude (latitude), the drawn x (y) keeps
    their east-west (north-south) order. Returns how many ordered pairs were checked."""
    checked = 0
    ids = sorted(drawn)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            A, B = net.actors[a], net.actors[b]
            for geo, axis in ((A.lon - B.lon, 0), (A.lat - B.lat, 1)):
                if abs(geo) >= 1:
                    checked += 1
                    assert (drawn[a][axis] - drawn[b][axis]) * geo > 0, (a, b, axis)
    return checked


@pytest.mark.parametrize("layout", ["map", "geo"])
def test_map_layout_never_scrambles_geography(brief_net, layout):
    assert assert_geographic_order(brief_net, positions(brief_net, layout=layout)) > 400
    # the cases: Jordan east of Gaza, Turkey and Sudan; Qatar west of the UAE
    pos = positions(brief_net, layout=layout)
    assert pos["Jordan"][0] > max(pos["Hamas"][0], pos["Turkey"][0], pos["Sudan"][0])
    assert pos["Qatar"][0] < pos["UAE"][0]


def test_drawn_map_points_keep_geographic_order(brief_net):
    """On the picture itself: where each actor's marker is, in display coordinates, on the
    main map and in the Levant inset (labels may move; points do not)."""
    import numpy as np

    fig = network_figure(brief_net, layout="map", highlight=("US", "Hamas"))
    main, inset = {}, {}
    for ax, out in ((fig.axes[0], main), (fig.axes[0].child_axes[0], inset)):
        for c in ax.collections:
            gid = c.get_gid() or ""
            if gid.startswith("actor-"):
                out[gid[6:]] = tuple(ax.transData.transform(np.asarray(c.get_offsets())[0]))
    assert set(main) | set(inset) == set(brief_net.actors)
    assert {"Israel", "PA", "Hamas", "PIJ", "Jordan", "Lebanon", "Hezbollah"} <= set(inset)
    assert assert_geographic_order(brief_net, main) > 100
    assert assert_geographic_order(brief_net, inset) > 5
    # actors beyond the frame are in the margin, in their direction
    pos = positions(brief_net, layout="map")
    assert pos["US"][0] < pos["Morocco"][0] and pos["China"][0] > pos["Oman"][0]


def test_highlighted_routes_do_not_pass_under_other_actors(brief_net):
    import numpy as np

    for layout in ("spring", "map"):
        fig = network_figure(brief_net, layout=layout, highlight=("US", "Hamas"))
        for ax in [*fig.axes, *fig.axes[0].child_axes]:
            centres = {}
            for c in ax.collections:
                gid = c.get_gid() or ""
                if gid.startswith("actor-"):
                    radius = (c.get_sizes()[0] ** 0.5) / 2 * fig.dpi / 72
                    xy = ax.transData.transform(np.asarray(c.get_offsets())[0])
                    centres[gid[6:]] = (xy, radius)
            for p in ax.patches:
                if not (p.get_gid() or "").startswith("channel-"):
                    continue
                k = int(p.get_gid().split("-")[1])
                path = paths.channels(brief_net, "US", "Hamas")[k - 1].path
                pts = np.concatenate(p.get_path().to_polygons(closed_only=False))
                for n, (xy, r) in centres.items():
                    if n in path:
                        continue
                    gap = np.min(np.hypot(*(pts - xy).T)) - r
                    assert gap > 0, (layout, p.get_gid(), n, gap)


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


# -- the channel diagram -----------------------------------------------------------------------


def test_channel_diagram_draws_the_channels_table(brief_net):
    """Every number drawn is the coverage answer the `channels` command prints."""
    from diplonet.diagram import channel_diagram

    through = ["Egypt", "Jordan", "Qatar", "Turkey", "UAE"]
    targets = ["Israel", "PA", "Hamas"]
    fig = channel_diagram(brief_net, "US", targets, through=through)
    cov = paths.coverage(brief_net, "US", targets, through=through)
    assert fig.diplonet_coverage == cov
    gids = {p.get_gid(): p for p in fig.axes[0].patches}
    texts = [t.get_text() for t in fig.axes[0].texts]
    for row in cov.rows:
        assert f"link-US-{row.partner}" in gids
        assert f"{row.source_link.strength:.3f}" in texts
        for t in targets:
            c = row.best[t]
            if c is None:
                assert f"missing-{row.partner}-{t}" in gids  # shown as missing, not left out
                assert gids[f"cell-{row.partner}-{t}"].get_hatch() == "xx"
            else:
                line = gids[f"channel-{row.partner}-{t}"]
                assert line.get_linewidth() == pytest.approx(0.6 + 3.4 * c.score, abs=1e-3)
                assert f"{c.score:.3f}" in texts
    # Jordan and the UAE reach Israel and the PA, not Hamas: the table's "no"
    assert {g for g in gids if g.startswith("missing-")} == {
        "missing-Jordan-Hamas",
        "missing-UAE-Hamas",
    }
    assert texts.count("all") == len(cov.reaching_all) == 3
    assert "no direct channel" in texts and "direct 0.950" in texts


def test_diagram_command_writes_png_svg_and_pdf(tmp_path):
    for ext, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        out = tmp_path / f"d{ext}"
        args = ["diagram", "US", "Israel", "PA", "Hamas", "--through", "Egypt", "-o", str(out)]
        result = CliRunner().invoke(app, [*args, *DATE, "--dpi", "40"])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)
    result = CliRunner().invoke(app, ["diagram", "US", "US", "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2 and "both the source and a target" in result.stderr


def test_timeline_shades_what_lies_beyond_the_curated_date(brief_net):
    from diplonet.dates import PartialDate
    from diplonet.history import channel_series
    from diplonet.plot_time import channel_series_figure

    net = brief_net.as_of("2025-10-15")
    series = channel_series(net, "US", "Hamas")
    until = PartialDate.parse("2027-01-01").last_day()
    fig = channel_series_figure(net, "US", "Hamas", series, until=until)
    shaded = [p for p in fig.axes[0].patches if p.get_gid() == "beyond-curated"]
    assert len(shaded) == 1
    assert "beyond the curated data (2025-10-15)" in [
        t.get_text() for t in fig.axes[0].get_legend().get_texts()
    ]
    fig = channel_series_figure(net, "US", "Hamas", series, until=net.curated_through.last_day())
    assert not [p for p in fig.axes[0].patches if p.get_gid() == "beyond-curated"]
