"""Hostile and broken input (issue 14): every case found by the corruption fuzzer or by hand,
each with the one clear message it must now give (file, line, column, exit code 2), or the
output it must now write. The property-based fuzzing itself is in ``test_fuzz.py``."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from diplonet.cli import app
from diplonet.dataset import load_dataset
from diplonet.errors import DataError

from conftest import CHROMIUM, REPO, need_tool, rel, write_dataset

runner = CliRunner()


def fails(*args) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stderr


def problems(folder) -> list[str]:
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    return [str(p) for p in info.value.problems]


@pytest.fixture
def shipped(tmp_path):
    """A copy of the shipped dataset to damage."""
    return shutil.copytree(REPO / "data", tmp_path / "ds")


def set_info(folder, **changes) -> None:
    meta = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))
    meta.update(changes)
    (folder / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")


# -- 1. files named by dataset.json stay inside the dataset's folder ---------------------------


@pytest.mark.parametrize(
    "name, message",
    [
        ("../brief.txt", "no '..'"),
        ("/etc/hostname", "not an absolute one"),
        ("sub/../../brief.txt", "no '..'"),
        ("", "expected a file name"),
    ],
)
def test_brief_must_stay_inside_the_folder(shipped, name, message):
    (shipped.parent / "brief.txt").write_text("outside", encoding="utf-8")
    set_info(shipped, brief=name)
    found = problems(shipped)
    assert any("dataset.json" in p and "'brief'" in p and message in p for p in found), found


def test_relation_file_must_stay_inside_the_folder(shipped):
    shutil.copy(shipped / "relations.csv", shipped.parent / "extra.csv")
    set_info(shipped, relations=["relations.csv", "../extra.csv"])
    found = problems(shipped)
    assert any("'relations'" in p and "no '..'" in p for p in found), found


def test_symlink_leading_out_is_refused(shipped):
    (shipped.parent / "secret.txt").write_text("not data", encoding="utf-8")
    (shipped / "brief.txt").unlink()
    os.symlink(shipped.parent / "secret.txt", shipped / "brief.txt")
    found = problems(shipped)
    assert any("leads out of the dataset folder" in p for p in found), found


def test_symlink_inside_the_folder_is_fine(shipped):
    (shipped / "brief.txt").rename(shipped / "the-brief.txt")
    os.symlink("the-brief.txt", shipped / "brief.txt")
    assert load_dataset(shipped).brief_text


# -- 3. only regular files, bounded in size ---------------------------------------------------


def test_fifo_as_brief_is_refused_without_waiting(shipped):
    (shipped / "brief.txt").unlink()
    os.mkfifo(shipped / "brief.txt")
    found = problems(shipped)
    assert any("not a regular file" in p for p in found), found


def test_dev_zero_is_refused(shipped):
    os.symlink("/dev/zero", shipped / "zero")
    set_info(shipped, brief="zero")
    found = problems(shipped)  # a symlink leading out, and not a regular file either
    assert any("'brief'" in p for p in found), found


def test_device_inside_is_refused_as_not_regular(tmp_path):
    from diplonet._reading import FileProblem, read_bytes

    with pytest.raises(FileProblem, match="not a regular file"):
        read_bytes("/dev/zero")


def test_files_over_the_size_limit_are_refused(shipped, monkeypatch):
    import diplonet.dataset

    real = diplonet.dataset.read_text
    monkeypatch.setattr(diplonet.dataset, "read_text", lambda p, inside=None: real(p, inside, 100))
    found = problems(shipped)
    assert any("actors.csv" in p and "too large" in p for p in found), found


# -- 4. damaged datasets: a message, never a traceback ----------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"title": ' + "9" * 5000 + "}", "not valid JSON"),
        ('{"title": "x\\ud800"}', "lone surrogate U+D800"),
        ('{"title": "a\\u0001"}', "control character U+0001"),
    ],
)
def test_damaged_dataset_json(shipped, text, message):
    (shipped / "dataset.json").write_text(text, encoding="utf-8")
    found = problems(shipped)
    assert any("dataset.json" in p and message in p for p in found), found
    assert message in fails("validate", "--data", shipped)


def test_symlink_loop(shipped):
    (shipped / "actors.csv").unlink()
    os.symlink("loop", shipped / "actors.csv")
    os.symlink("actors.csv", shipped / "loop")
    assert any("actors.csv" in p and "cannot read" in p for p in problems(shipped))
    loop = shipped.parent / "loop"
    os.symlink(loop, loop)
    err = fails("validate", "--data", loop)
    assert "cannot read the dataset folder" in err


def test_unreadable_folder_from_the_api(shipped, monkeypatch):
    import diplonet as dn

    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "listdir", denied)
    with pytest.raises(DataError, match="Permission denied"):
        dn.load(shipped)


def test_brokers_on_an_empty_network(tmp_path):
    import diplonet as dn

    folder = write_dataset(tmp_path / "ds", [], [])
    for fmt, expected in [("table", "No actors in the network."), ("json", "[]"), ("csv", "")]:
        result = runner.invoke(app, ["brokers", "--data", str(folder), "-f", fmt])
        assert result.exit_code == 0 and expected in result.stdout, result.output
    assert dn.load(folder).brokers().empty


# -- 6. invalid data rejected -----------------------------------------------------------------


def test_empty_brief_is_rejected(shipped):
    (shipped / "brief.txt").write_text("  \n", encoding="utf-8")
    found = problems(shipped)
    assert any("'brief'" in p and "is empty" in p for p in found), found


@pytest.mark.parametrize(
    "changes, key, message",
    [
        ({"title": 7}, "title", "got a number"),
        ({"title": {"a": 1}}, "title", "got an object"),
        ({"brief_title": ["x"]}, "brief_title", "got a list"),
        ({"curated_through": False}, "curated_through", "got true/false"),
        ({"curated_through": "2999-01"}, "curated_through", "in the future"),
        ({"relations": "../x.csv"}, "relations", "no '..'"),
    ],
)
def test_wrong_types_in_dataset_json(shipped, changes, key, message):
    set_info(shipped, **changes)
    found = problems(shipped)
    assert any(f"column '{key}'" in p and message in p for p in found), found
    # the problem is located on the key's line
    assert any(p.startswith(str(shipped / "dataset.json") + ":1:") or ":1: " in p for p in found)


def test_duplicate_key_in_dataset_json(shipped):
    (shipped / "dataset.json").write_text(
        '{\n  "title": "a",\n  "title": "b"\n}\n', encoding="utf-8"
    )
    found = problems(shipped)
    assert found[0] == f"{shipped / 'dataset.json'}:3: column 'title': key appears twice"


def test_unterminated_quote_at_the_end_of_a_csv(shipped):
    path = shipped / "relations.csv"
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1  # the row appended below
    with open(path, "a", encoding="utf-8") as fh:
        fh.write('US,Israel,diplomatic,+1,0.8,false,2000,,"never closed,x,high,\n')
    found = problems(shipped)
    assert any(f"relations.csv:{line}" in p and "never closed" in p for p in found), found


# -- 7. valid data not rejected or misplaced --------------------------------------------------


@pytest.mark.parametrize("sep", ["\u2028", "\u0085", "\x1c", "\x1d", "\x1e"])
def test_only_real_line_breaks_split_lines(tmp_path, sep):
    rows = [rel("A", "B", "diplomatic", note=f"one{sep}two"), rel("A", "B", "contact")]
    folder = write_dataset(tmp_path / "ds", ["A", "B"], rows)
    if sep in "\x1c\x1d\x1e":  # control characters: refused, on the right line
        assert problems(folder) == [
            f"{folder / 'relations.csv'}:2: column 'note': "
            f"control character U+{ord(sep):04X} at character 4: not allowed in data"
        ]
    else:
        ds = load_dataset(folder)
        assert [r.line for r in ds.relations] == [2, 3]
        assert ds.relations[0].note == f"one{sep}two"


def test_form_feed_and_vertical_tab_are_reported_on_their_line(tmp_path):
    rows = [rel("A", "B", "diplomatic"), rel("A", "B", "contact", note="x\x0cy")]
    folder = write_dataset(tmp_path / "ds", ["A", "B"], rows)
    assert problems(folder)[0].startswith(f"{folder / 'relations.csv'}:3: column 'note'")


def test_carriage_return_in_a_quoted_field_is_kept(tmp_path):
    folder = write_dataset(tmp_path / "ds", ["A", "B"], [rel("A", "B", "diplomatic", note="a\rb")])
    assert load_dataset(folder).relations[0].note == "a\rb"


def test_long_fields_are_accepted(tmp_path):
    long = "x" * 200_000
    folder = write_dataset(tmp_path / "ds", ["A", "B"], [rel("A", "B", "diplomatic", note=long)])
    assert load_dataset(folder).relations[0].note == long


def test_bom_in_dataset_json(shipped):
    data = (shipped / "dataset.json").read_bytes()
    (shipped / "dataset.json").write_bytes(b"\xef\xbb\xbf" + data)
    assert load_dataset(shipped).info.brief_file == "brief.txt"


def test_encoding_errors_are_located_by_line_and_character(shipped):
    lines = (shipped / "actors.csv").read_bytes().split(b"\n")
    lines[2] = lines[2][:5] + b"\xff" + lines[2][5:]
    (shipped / "actors.csv").write_bytes(b"\n".join(lines))
    assert problems(shipped)[0] == (
        f"{shipped / 'actors.csv'}:3:6: not UTF-8 text (byte 0xff): save it as UTF-8"
    )


def test_utf16_is_named(shipped):
    text = (shipped / "actors.csv").read_text(encoding="utf-8")
    (shipped / "actors.csv").write_bytes(text.encode("utf-16"))
    assert "UTF-16 text: save it as UTF-8" in problems(shipped)[0]


# -- 1. merge writes only inside its output folder --------------------------------------------

GDELT = REPO / "tests" / "data" / "gdelt" / "events-2019-10.csv"


def test_merge_never_writes_outside_its_folder(shipped, tmp_path):
    dst = tmp_path / "dst"
    dst.mkdir()
    (dst / "brief.txt").write_text("mine", encoding="utf-8")
    (shipped / "brief.txt").rename(shipped.parent / "brief.txt")
    set_info(shipped, brief="../brief.txt")
    err = fails("merge", GDELT, "-o", dst / "merged", "--data", shipped)
    assert "no '..'" in err
    assert (dst / "brief.txt").read_text(encoding="utf-8") == "mine"
    assert not (dst / "merged").exists()


def test_merge_keeps_a_brief_in_a_subfolder_and_never_overwrites_its_own_files(shipped, tmp_path):
    (shipped / "docs").mkdir()
    (shipped / "brief.txt").rename(shipped / "docs" / "brief.txt")
    set_info(shipped, brief="docs/brief.txt")
    events = tmp_path / "actors.csv"  # named like a dataset file
    shutil.copy(GDELT, events)
    result = runner.invoke(
        app, ["merge", str(events), "-o", str(tmp_path / "m"), "--data", str(shipped)]
    )
    assert result.exit_code == 0, result.output
    merged = load_dataset(tmp_path / "m")
    assert merged.info.brief_file == "docs/brief.txt"
    assert merged.info.relation_files == ("relations.csv", "events.csv")
    assert (tmp_path / "m" / "actors.csv").read_bytes() == (shipped / "actors.csv").read_bytes()


# -- 5. exports that read back ----------------------------------------------------------------


def test_event_ids_stay_text_in_json(tmp_path):
    import diplonet.export as ex
    from diplonet.network import Network

    events = tmp_path / "ev.csv"
    text = GDELT.read_text(encoding="utf-8").splitlines()
    head = text[0].split(",")
    rows = list(__import__("csv").reader(text[1:2]))
    rows[0][head.index("event_ids")] = "nan"
    with open(events, "w", newline="", encoding="utf-8") as fh:
        w = __import__("csv").writer(fh, lineterminator="\n")
        w.writerow(head)
        w.writerows(rows)
    net = Network(load_dataset(REPO / "data", extra_relations=[events]), date="2019-10-31")
    out = ex.export(net, "json", tmp_path / "out.json")
    data = json.loads(out.read_text(encoding="utf-8"), parse_constant=lambda c: 1 / 0)
    ids = [link["event_ids"] for link in data["links"] if "event_ids" in link]
    assert ids == ["nan"]


def test_csv_export_round_trips_separators_and_carriage_returns(tmp_path):
    note = "one\u2028two\u2029three\rfour"
    folder = write_dataset(tmp_path / "ds", ["A", "B"], [rel("A", "B", "diplomatic", note=note)])
    result = runner.invoke(
        app,
        ["export", "csv", "-o", str(tmp_path / "out"), "--data", str(folder), "--as-of", "2010"],
    )
    assert result.exit_code == 0, result.output
    assert load_dataset(tmp_path / "out").relations[0].note == note


# -- 8. the HTML page -------------------------------------------------------------------------


def test_title_with_the_data_placeholder_stays_a_title(shipped, tmp_path):
    set_info(shipped, title="My __DATA__ and __TITLE__")
    out = tmp_path / "p.html"
    result = runner.invoke(app, ["export", "html", "-o", str(out), "--data", str(shipped)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<title>My __DATA__ and __TITLE__</title>" in page
    assert page.count('"nodes":[') == 1


@pytest.mark.slow
def test_malformed_fragment_does_not_stop_the_page(tmp_path):
    from test_export import body_data, render

    need_tool(CHROMIUM, "chromium")
    from diplonet.export import export
    from diplonet.network import Network

    page = export(Network.load(date="2021-05-20"), "html", tmp_path / "p.html")
    data = body_data(render(page, "#select=%E0%A4%A"))
    assert data.get("status") == "ready" and "errors" not in data


# -- 9. outputs: symlinks and standard output -------------------------------------------------


def test_output_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    os.symlink(real, link)
    result = runner.invoke(app, ["export", "json", "-o", str(link), "--as-of", "2021-05-20"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["nodes"]


def test_folder_output_through_a_symlink_keeps_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "link")
    result = runner.invoke(app, ["export", "csv", "-o", str(tmp_path / "link")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "link").is_symlink() and (tmp_path / "real" / "actors.csv").is_file()


@pytest.mark.parametrize("fmt", ["json", "gexf", "graphml", "dot", "cytoscape", "html"])
def test_dash_writes_to_standard_output(fmt):
    result = runner.invoke(app, ["export", fmt, "-o", "-", "--as-of", "2021-05-20"])
    assert result.exit_code == 0, result.output
    assert "Hamas" in result.stdout and "wrote -" in result.stderr


def test_dev_stdout_writes_to_standard_output(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "diplonet", "export", "json", "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["nodes"]


def test_folder_and_figure_outputs_refuse_standard_output():
    assert "cannot go to a stream" in fails("export", "csv", "-o", "-")
    assert "standard output" in fails("plot", "-o", "-")


# -- 4, 5, 6. ingest gdelt on damaged input ---------------------------------------------------

SAMPLE = REPO / "tests" / "data" / "gdelt" / "20191024143000.export.CSV"


def ingest_fails(tmp_path, path) -> str:
    out = tmp_path / "out.csv"
    out.write_text("keep", encoding="utf-8")
    err = fails("ingest", "gdelt", path, "-o", out)
    assert out.read_text(encoding="utf-8") == "keep"
    return err


def zipped(tmp_path, data: bytes, **kw) -> Path:
    import zipfile

    path = tmp_path / "e.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, **kw) as zf:
        zf.writestr("e.CSV", data)
    return path


from pathlib import Path  # noqa: E402


@pytest.mark.parametrize("damage", ["crc", "deflate", "encrypted", "method", "truncated"])
def test_damaged_zips(tmp_path, damage):
    data = SAMPLE.read_bytes()
    path = zipped(tmp_path, data)
    raw = bytearray(path.read_bytes())
    if damage == "crc":
        raw[14] ^= 0xFF  # the local header's CRC-32
        raw[raw.rindex(b"PK\x01\x02") + 16] ^= 0xFF  # and the central directory's
    elif damage == "deflate":
        raw[30 + len("e.CSV") + 5 : 30 + len("e.CSV") + 45] = b"\xff" * 40
    elif damage == "encrypted":
        raw[6] |= 1
        raw[raw.rindex(b"PK\x01\x02") + 8] |= 1
    elif damage == "method":
        raw[8] = 99
        raw[raw.rindex(b"PK\x01\x02") + 10] = 99
    else:
        raw = raw[: len(raw) // 2]
    path.write_bytes(bytes(raw))
    err = ingest_fails(tmp_path, path)
    assert str(path) in err and "zip" in err


@pytest.mark.parametrize(
    "data, message",
    [
        (SAMPLE.read_text(encoding="utf-8").encode("utf-16"), "not UTF-8"),
        (bytes(range(256)) * 4, "not"),
        (b"", "empty file"),
    ],
)
def test_not_an_export(tmp_path, data, message):
    path = tmp_path / "e.CSV"
    path.write_bytes(data)
    assert message in ingest_fails(tmp_path, path)


@pytest.mark.parametrize("date", ["00210101", "+0210101", "2019١٠٢٤", "29990101", "0000"])
def test_malformed_sqldate_is_a_bad_row(tmp_path, date):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    fields = lines[1].split("\t")
    fields[1] = date
    lines[1] = "\t".join(fields)
    path = tmp_path / "e.CSV"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["ingest", "gdelt", str(path), "-o", str(out), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["bad"] == 1 and report["bad_lines"][0]["line"] == 2
    # what ingest writes, compare accepts
    result = runner.invoke(app, ["compare", str(out)])
    assert result.exit_code == 0, result.output


def test_fifo_input_is_refused(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    assert "not a regular file" in ingest_fails(tmp_path, tmp_path / "fifo")


def test_a_folder_where_a_file_should_be(shipped):
    # found by the fuzzer: open() of a folder raised IsADirectoryError
    (shipped / "actors.csv").unlink()
    (shipped / "actors.csv").mkdir()
    assert any("actors.csv" in p and "is a folder" in p for p in problems(shipped))


def test_column_names_are_shown_escaped(shipped):
    # found by the fuzzer: a header holding U+0085 broke the message over two lines
    text = (shipped / "actors.csv").read_text(encoding="utf-8")
    (shipped / "actors.csv").write_text("0\x850" + text[2:], encoding="utf-8")
    assert f"{shipped / 'actors.csv'}:1: column '0\\x850': unknown column" in problems(shipped)[0]
