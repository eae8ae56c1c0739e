"""Fuzzing (Hypothesis): corrupt the shipped dataset and a real GDELT export, then hold every
command to the contract of docs/hardening.md.

Each example damages a fresh copy (bytes, encodings, rows, columns, values, dates,
``dataset.json``, file-system oddities) and runs ``validate``, a query and the exports
in-process under a timer (a hang fails the example). The contract: exit 2 with the file and,
for damage inside a file, its line for invalid data; exit 0 and an export that its own reader
reads back for valid data; never a traceback; never a change to the dataset or to an existing
output file on failure. ``make test`` runs a short derandomized budget, ``make fuzz`` a long
one (``DIPLONET_FUZZ=long``, ``DIPLONET_FUZZ_EXAMPLES`` to change its size).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from diplonet.cli import app
from diplonet.dataset import load_dataset
from diplonet.network import Network

from conftest import REPO

LONG = os.environ.get("DIPLONET_FUZZ") == "long"
EXAMPLES = int(os.environ.get("DIPLONET_FUZZ_EXAMPLES", 1000 if LONG else 30))
settings.register_profile(
    "diplonet",
    max_examples=EXAMPLES,
    derandomize=not LONG,  # make test: the same examples every run
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("diplonet")

DATA = REPO / "data"
FILES = ["actors.csv", "relations.csv", "dataset.json", "brief.txt"]
SAMPLE = REPO / "tests" / "data" / "gdelt" / "20191024143000.export.CSV"
TIMEOUT = 20  # seconds for one command; the slowest takes well under 2
runner = CliRunner()

# messages about a whole file, which have no line to point at
WHOLE_FILE = re.compile(
    r"file not found|not a regular file|is a folder|cannot read|too large|leads out|"
    r"directory not found|is a file, not a dataset folder|file is empty|UTF-16|"
    r"names no brief file|is empty: no quote|required column is missing"
)

pytestmark = pytest.mark.slow


class Hang(Exception):
    """A command ran past its time."""


@contextmanager
def time_limit(seconds: float):
    def alarm(signum, frame):
        raise Hang(f"no answer after {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run(*args):
    with time_limit(TIMEOUT):
        result = runner.invoke(app, [str(a) for a in args])
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), f"{args}: {exc!r}\n{result.output}"
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 2), (args, result.exit_code, result.output)
    return result


def digest(folder: Path) -> dict:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            out[str(path)] = "-> " + os.readlink(path)
        elif path.is_file():
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


# -- corruptions: each a strategy of functions that damage a dataset folder in place ------------

hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            '"',
            '""',
            ",",
            "\n",
            "\r",
            "\r\n",
            "\u2028",
            "\u2029",
            "\x85",
            "\x0b",
            "\x0c",
            "\x00",
            "\ufeff",
            "\ufffe",
            "nan",
            "inf",
            "-0",
            "1e999",
            "9" * 5000,
            "0.5",
            "+1",
            "-1",
            "true",
            "US",
            "Hamas",
            "brief",
            "../x",
            "x" * 140_000,
        ]
    ),
)
dates = st.one_of(
    st.dates().map(str),
    st.dates().map(lambda d: str(d)[:7]),
    st.integers(-5, 12000).map(str),
    st.from_regex(r"[0-9+\-]{0,12}", fullmatch=True),
)


def _regular(path: Path) -> Path:
    """``path`` if it is a regular file; damage meant for text never opens a FIFO or device."""
    if path.is_symlink() or not path.is_file():
        raise OSError(f"{path} is no longer a regular file")
    return path


def _rows(path: Path) -> list[str]:
    return _regular(path).read_bytes().decode("utf-8").split("\n")


def _save(path: Path, lines: list[str]) -> None:
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))


def byte_damage(draw):
    name = draw(st.sampled_from(FILES))
    op = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
    at = draw(st.floats(0, 1))
    junk = draw(st.binary(min_size=1, max_size=8))

    def apply(folder: Path) -> None:
        path = _regular(folder / name)
        data = bytearray(path.read_bytes())
        i = int(at * (len(data) - 1))
        if op == "flip":
            data[i] ^= junk[0] or 0x80
        elif op == "insert":
            data[i:i] = junk
        elif op == "delete":
            del data[i : i + len(junk)]
        else:
            del data[i:]
        path.write_bytes(bytes(data))

    return f"{op} bytes of {name} at {at:.3f} ({junk!r})", apply


def encoding_damage(draw):
    name = draw(st.sampled_from(FILES))
    codec = draw(st.sampled_from(["utf-16", "utf-16-le", "latin-1", "cp1252", "utf-8-sig"]))

    def apply(folder: Path) -> None:
        path = _regular(folder / name)
        path.write_bytes(path.read_text(encoding="utf-8").encode(codec, errors="replace"))

    return f"{name} saved as {codec}", apply


def row_damage(draw):
    name = draw(st.sampled_from(["actors.csv", "relations.csv"]))
    op = draw(st.sampled_from(["duplicate", "delete", "swap", "blank", "extra field", "cut field"]))
    a, b = draw(st.floats(0, 1)), draw(st.floats(0, 1))

    def apply(folder: Path) -> None:
        path = folder / name
        lines = _rows(path)
        i, j = int(a * (len(lines) - 1)), int(b * (len(lines) - 1))
        if op == "duplicate":
            lines.insert(j, lines[i])
        elif op == "delete":
            del lines[i]
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "blank":
            lines.insert(i, "")
        elif op == "extra field":
            lines[i] += ",x"
        else:
            lines[i] = lines[i].rsplit(",", 1)[0]
        _save(path, lines)

    return f"{op} line {a:.3f}/{b:.3f} of {name}", apply


def column_damage(draw):
    name = draw(st.sampled_from(["actors.csv", "relations.csv"]))
    op = draw(st.sampled_from(["drop", "rename", "reorder"]))
    a = draw(st.floats(0, 1))
    new = draw(st.text(min_size=1, max_size=12).filter(lambda t: "\x00" not in t))

    def apply(folder: Path) -> None:
        import csv
        import io

        path = _regular(folder / name)
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        k = int(a * (len(rows[0]) - 1))
        if op == "drop":
            rows = [r[:k] + r[k + 1 :] for r in rows]
        elif op == "rename":
            rows[0][k] = new
        else:
            rows = [r[k:] + r[:k] for r in rows]
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        path.write_bytes(buf.getvalue().encode("utf-8", "surrogatepass"))

    return f"{op} column {a:.3f} of {name} ({new!r})", apply


def value_damage(draw):
    name = draw(st.sampled_from(["actors.csv", "relations.csv"]))
    a, b = draw(st.floats(0, 1)), draw(st.floats(0, 1))
    value = draw(hostile_text | dates)

    def apply(folder: Path) -> None:
        import csv
        import io

        path = _regular(folder / name)
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        i = 1 + int(a * (len(rows) - 2))
        rows[i][int(b * (len(rows[i]) - 1))] = value
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        path.write_bytes(buf.getvalue().encode("utf-8", "surrogatepass"))

    return f"cell {a:.3f},{b:.3f} of {name} = {value[:60]!r}", apply


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


def info_damage(draw):
    key = draw(
        st.sampled_from(["title", "curated_through", "brief", "brief_title", "relations", "x"])
    )
    value = draw(json_values | dates | st.sampled_from(["/etc/hostname", "../brief.txt"]))

    def apply(folder: Path) -> None:
        path = _regular(folder / "dataset.json")
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta[key] = value
        path.write_text(json.dumps(meta), encoding="utf-8")

    return f"dataset.json {key} = {str(value)[:60]!r}", apply


def fs_damage(draw):
    name = draw(st.sampled_from(FILES))
    op = draw(
        st.sampled_from(["fifo", "symlink out", "loop", "folder", "empty", "missing", "devnull"])
    )

    def apply(folder: Path) -> None:
        path = folder / name
        path.unlink()
        if op == "fifo":
            os.mkfifo(path)
        elif op == "symlink out":
            outside = folder.parent / f"outside-{name}"
            shutil.copy(DATA / name, outside)
            os.symlink(outside, path)
        elif op == "loop":
            os.symlink(path.name, path)
        elif op == "folder":
            path.mkdir()
        elif op == "empty":
            path.write_bytes(b"")
        elif op == "devnull":
            os.symlink("/dev/null", path)

    return f"{name}: {op}", apply


corruptions = st.lists(
    st.one_of(
        [
            st.composite(f)()
            for f in (
                byte_damage,
                encoding_damage,
                row_damage,
                column_damage,
                value_damage,
                info_damage,
                fs_damage,
            )
        ]
    ),
    min_size=1,
    max_size=3,
)


# -- the contract ---------------------------------------------------------------------------


def check_problems(stderr: str, folder: Path) -> None:
    """Every problem names a file of the dataset; damage inside a file also has its line."""
    lines = [ln for ln in stderr.split("\n") if ln.strip() and not re.match(r"\d+ problems? ", ln)]
    assert lines, stderr
    for line in lines:
        assert line.startswith(str(folder)), line
        located = re.match(r"^[^:]+:(\d+)(:\d+)?: ", line)
        assert located or WHOLE_FILE.search(line), f"no line in: {line}"


def check_reads_back(out: Path, fmt: str, folder: Path) -> None:
    if fmt == "json":
        json.loads(out.read_text(encoding="utf-8"), parse_constant=lambda c: 1 / 0)
    elif fmt == "gexf":
        nx.read_gexf(out)
    elif fmt == "graphml":
        nx.read_graphml(out)
    elif fmt == "csv":
        exported = load_dataset(out)
        net = Network(load_dataset(folder))  # today, as the export

        def rows(relations):
            return sorted(
                (r.source, r.target, r.type, r.sign, r.strength, str(r.start), str(r.end))
                + (r.evidence, r.citation, r.confidence, r.note)
                for r in relations
            )

        assert rows(exported.relations) == rows(net.relations)
        assert {a.id: a.name for a in exported.actors.values()} == {
            a: x.name for a, x in net.actors.items()
        }


@FUZZ
@given(corruptions)
def test_damaged_datasets_keep_the_contract(damage):
    with tempfile.TemporaryDirectory() as tmp:
        folder = shutil.copytree(DATA, Path(tmp) / "ds")
        for _, apply in damage:
            try:
                with time_limit(TIMEOUT):  # the damage itself may meet a FIFO made before it
                    apply(folder)
            except (OSError, UnicodeError, IndexError, ValueError, Hang):
                pass  # this damage does not apply after an earlier one
        before = digest(folder)
        checked = run("validate", "--data", folder)
        if checked.exit_code == 2:
            check_problems(checked.stderr, folder)
        run("relations", "--data", folder, "-f", "json", "--history")
        for fmt in ("json", "gexf", "graphml", "csv"):
            out = Path(tmp) / f"out.{fmt}"
            if fmt != "csv":
                out.write_text("an existing file", encoding="utf-8")
            result = run("export", fmt, "-o", out, "--data", folder, "--layout", "circular")
            assert result.exit_code == checked.exit_code, (fmt, result.output)
            if result.exit_code == 0:
                check_reads_back(out, fmt, folder)
            elif fmt != "csv":
                assert out.read_text(encoding="utf-8") == "an existing file"
            else:
                assert not out.exists()
        assert digest(folder) == before, "a command changed the dataset"


@FUZZ
@given(
    st.lists(
        st.builds(
            lambda *a: a,
            st.sampled_from(["bytes", "field", "line", "zip"]),
            st.floats(0, 1),
            st.floats(0, 1),
            hostile_text | dates,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_damaged_gdelt_exports_keep_the_contract(damage):
    """ingest gdelt exits 0 or 2, never a traceback; what it writes, compare accepts."""
    with tempfile.TemporaryDirectory() as tmp:
        data = bytearray(SAMPLE.read_bytes()[:60_000])
        zipped = False
        for kind, a, b, value in damage:
            lines = bytes(data).split(b"\n")
            i = int(a * (len(lines) - 1))
            if kind == "bytes":
                data[int(a * (len(data) - 1))] ^= 1 + int(b * 254)
                continue
            if kind == "zip":
                zipped = True
                continue
            if kind == "field":
                fields = lines[i].split(b"\t")
                fields[int(b * (len(fields) - 1))] = value.encode("utf-8", "surrogatepass")
                lines[i] = b"\t".join(fields)
            else:
                lines.insert(i, value.encode("utf-8", "surrogatepass"))
            data = bytearray(b"\n".join(lines))
        path = Path(tmp) / "e.CSV"
        path.write_bytes(bytes(data))
        if zipped:
            zpath = Path(tmp) / "e.zip"
            with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.write(path, "e.CSV")
            path = zpath
        out = Path(tmp) / "out.csv"
        out.write_text("an existing file", encoding="utf-8")
        result = run("ingest", "gdelt", path, "-o", out)
        if result.exit_code == 2:
            assert str(path) in result.stderr
            assert out.read_text(encoding="utf-8") == "an existing file"
        else:
            assert run("compare", out).exit_code == 0, "ingest wrote what compare refuses"
