"""The HTML page driven in Debian's chromium with Playwright, as a reader would use it.

The page's own channel model (JavaScript) must give the CLI's answers for the same date and
pair; the page must stay offline (no request of any kind), silent (no console message), and
keep its whole state in the URL fragment. Pictures are checked by their properties, not pixels.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from diplonet.export import export
from diplonet.network import Network

from conftest import CHROMIUM, need_tool

pytestmark = pytest.mark.slow

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: Pairs and dates the page must answer exactly as the CLI does (docs/model.md's examples).
CASES = [
    ("US", "Hamas", "2021-05-20"),
    ("Israel", "Hamas", "2021-05-20"),
    ("Israel", "Hezbollah", "2024-11-25"),
    ("Israel", "Iran", "2025-06-22"),
    ("PA", "Hamas", "2007-02"),  # a month: ties regraded during it, the latest holds
]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page") / "network.html"
    return export(Network.load(date="2021-05-20"), "html", out, layout="geo")


@pytest.fixture(scope="module")
def browser():
    need_tool(CHROMIUM, "chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        # Debian's chromium, never a browser downloaded by Playwright
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """One tab on the page, recording every console message and every request."""

    def __init__(self, browser, url: str, downloads: bool = False):
        self.context = browser.new_context(
            accept_downloads=downloads, viewport={"width": 1400, "height": 900}
        )
        self.tab = self.context.new_page()
        self.console: list[str] = []
        self.requests: list[str] = []
        self.tab.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.tab.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.tab.on("request", lambda r: self.requests.append(r.url))
        self.url = url
        self.tab.goto(url)
        self.tab.wait_for_function("document.body.dataset.status === 'ready'")

    def js(self, expression: str):
        return self.tab.evaluate(expression)

    def body(self, key: str):
        return self.js(f"document.body.dataset[{key!r}]")

    def fetched(self) -> list[str]:
        """Requests other than the page itself (and the data: pictures it draws for a PNG)."""
        page = self.url.split("#")[0]
        return [u for u in self.requests if u.split("#")[0] != page and not u.startswith("data:")]

    def close(self):
        self.context.close()


@pytest.fixture
def page(browser, page_file):
    tab = Page(browser, page_file.as_uri())
    yield tab
    assert tab.console == [], tab.console
    assert tab.fetched() == [], tab.fetched()
    assert tab.body("errors") is None
    tab.close()


def cli(*args: str):
    proc = subprocess.run(
        [sys.executable, "-m", "diplonet", *args, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


@pytest.mark.parametrize(("a", "b", "date"), CASES)
def test_api_ranks_paths_and_mediators_as_the_cli(page, a, b, date):
    assert page.js(f"diplonet.setDate({date!r})") == date
    paths = page.js(f"diplonet.channels({a!r}, {b!r})")
    want = cli("paths", a, b, "--as-of", date, "-k", "5")
    assert [p["path"] for p in paths] == [p["path"] for p in want]
    for got, exp in zip(paths, want, strict=True):
        assert got["score"] == pytest.approx(exp["score"], abs=1e-6)
    meds = page.js(f"diplonet.mediators({a!r}, {b!r})")
    want = cli("mediators", a, b, "--as-of", date, "-k", "1000")  # the page lists every one
    assert [m["mediator"] for m in meds] == [m["mediator"] for m in want]
    for got, exp in zip(meds, want, strict=True):
        assert got["path"] == exp["path"] and got["objections"] == exp["objections"]
        assert got["score"] == pytest.approx(exp["score"], abs=1e-6)
        assert got["reach_a"] == pytest.approx(exp["reach_a"], abs=1e-6)


def test_date_control_redraws_the_network_of_that_date(page):
    for date in ("2021-05-20", "2024-11-25", "2007", "1999-03"):
        page.tab.fill("#date-text", date)
        page.tab.press("#date-text", "Enter")
        net = Network.load(date=date)
        shown = page.js("diplonet.visible()")
        assert sorted(shown["actors"]) == sorted(net.actors)
        assert sorted(shown["ties"]) == sorted(f"r{r.ref}" for r in net.relations)
        assert page.body("date") == date
        assert page.js("document.querySelectorAll('#links path').length") == len(net.relations)
    page.tab.fill("#date-text", "2021-02-30")
    page.tab.press("#date-text", "Enter")
    assert "is not a date" in page.tab.inner_text("#date-msg")
    assert page.body("date") == "1999-03"  # a bad date changes nothing


def test_filters_by_family_type_and_sign(page):
    page.js("diplonet.setDate('2021-05-20')")
    rels = Network.load(date="2021-05-20").relations
    page.tab.uncheck("#families input[value='hostile']")
    ties = set(page.js("diplonet.visible()")["ties"])
    from diplonet.style import relation_style

    assert ties == {f"r{r.ref}" for r in rels if relation_style(r)["family"] != "hostile"}
    page.js("diplonet.filter({signs: [-1]})")
    assert set(page.js("diplonet.visible()")["ties"]) == {f"r{r.ref}" for r in rels if r.sign < 0}
    assert page.tab.is_checked("#signs input[value='-1']")
    assert not page.tab.is_checked("#signs input[value='1']")
    page.js("diplonet.filter({types: ['hosting', 'sponsorship']})")
    want = {f"r{r.ref}" for r in rels if r.type in ("hosting", "sponsorship")}
    assert set(page.js("diplonet.visible()")["ties"]) == want
    # actors stay drawn whatever the filter: they exist on the date
    assert len(page.js("diplonet.visible()")["actors"]) == len(
        Network.load(date="2021-05-20").actors
    )
    with pytest.raises(Exception, match="unknown types: friendship"):
        page.js("diplonet.filter({types: ['friendship']})")
    page.js("diplonet.filter()")
    assert len(page.js("diplonet.visible()")["ties"]) == len(rels)


def test_query_panel_shows_the_clis_ranking(page):
    page.tab.fill("#date-text", "2024-11-25")
    page.tab.press("#date-text", "Enter")
    page.tab.fill("#query-a", "Israel")
    page.tab.fill("#query-b", "hezbollah")  # any case, as the CLI
    page.tab.click("#query-go")
    tables = page.tab.locator("#query-results table.results")
    assert page.tab.locator("#query-results").inner_text().count("No channel within 2 hops") == 1
    assert tables.count() == 1  # no path (every relay is hostile to one end), mediators only
    rows = tables.nth(0).locator("tr[data-route]")
    want = cli("mediators", "Israel", "Hezbollah", "--as-of", "2024-11-25", "-k", "1000")
    assert rows.count() == len(want)
    first = rows.nth(0).locator("td")
    assert first.nth(1).inner_text() == want[0]["mediator"] == "US"
    assert first.nth(2).inner_text() == f"{want[0]['score']:.3f}"
    assert first.nth(3).inner_text() == " → ".join(want[0]["path"])
    # a row traces its route on the network: its actors stay, every other one is dimmed
    rows.nth(0).click()
    lit = page.js(
        "[...document.querySelectorAll('#nodes .node:not(.dimmed)')].map(g => g.dataset.id)"
    )
    assert sorted(lit) == sorted(want[0]["path"])
    assert page.js("document.querySelectorAll('#links path.route').length") >= 3


def test_state_round_trips_through_the_url(page, browser):
    page.js("diplonet.setDate('2024-11-25')")
    page.js("diplonet.filter({families: ['formal', 'working'], signs: [1]})")
    page.js("diplonet.query('US', 'Hamas')")
    page.js("diplonet.select('Qatar')")
    url = page.js("location.href")
    assert "date=2024-11-25" in url and "a=US" in url and "select=Qatar" in url
    before = page.js("diplonet.visible()")
    other = Page(browser, url)  # a colleague opens the shared link
    try:
        assert other.js("diplonet.date()") == "2024-11-25"
        assert other.js("diplonet.visible()") == before
        assert other.body("selected") == "Qatar" and other.body("query") == "US→Hamas"
        assert other.tab.input_value("#query-a") == "US"
        assert not other.tab.is_checked("#families input[value='hostile']")
        assert other.console == [] and other.fetched() == []
    finally:
        other.close()


@pytest.mark.parametrize(
    "fragment",
    [
        "#select=%E0%A4%A",
        "#date=2021-13-45&sign=x&family=%FF",
        "#a=Nobody&b=Hamas",
        "#%%%&&==",
        "#date=0000",
    ],
)
def test_a_malformed_fragment_never_stops_the_page(browser, page_file, fragment):
    tab = Page(browser, page_file.as_uri() + fragment)
    try:
        assert tab.body("errors") is None and tab.console == []
        assert len(tab.js("diplonet.visible()")["ties"]) > 0
    finally:
        tab.close()


def test_downloads_are_the_current_view(browser, page_file, tmp_path):
    tab = Page(browser, page_file.as_uri() + "#date=2021-05-20&family=hostile", downloads=True)
    try:
        with tab.tab.expect_download() as got:
            tab.tab.click("#download-svg")
        svg = tmp_path / "view.svg"
        got.value.save_as(svg)
        assert got.value.suggested_filename == "diplonet-2021-05-20.svg"
        root = ET.parse(svg).getroot()  # well-formed, standalone
        ns = {"s": "http://www.w3.org/2000/svg"}
        drawn = root.findall(".//s:g[@id='links']/s:path", ns)
        assert len(drawn) == len(tab.js("diplonet.visible()")["ties"])
        assert "as of 2021-05-20" in "".join(root.itertext())
        with tab.tab.expect_download() as got:
            tab.tab.click("#download-png")
        png = tmp_path / "view.png"
        got.value.save_as(png)
        head = png.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(head[16:20], "big") == 2000  # twice the 1000-unit view
        assert tab.console == [] and tab.fetched() == []
    finally:
        tab.close()


def test_legends_for_size_and_width(page):
    text = page.tab.inner_text("#scales")
    assert "10+ ties" in text and "strength 0.9" in text
    widths = page.js(
        "[...document.querySelectorAll('#scales line')].map(l => +l.getAttribute('stroke-width'))"
    )
    assert widths == sorted(widths) and len(widths) == 3
