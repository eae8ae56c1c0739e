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

from conftest import REPO, rel, write_dataset

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
    from diplonet.reading import FileProblem, read_bytes

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
    with open(shipped / "relations.csv", "a", encoding="utf-8") as fh:
        fh.write('US,Israel,diplomatic,+1,0.8,false,2000,,"never closed,x,high,\n')
    found = problems(shipped)
    assert any("relations.csv:105" in p and "never closed" in p for p in found), found


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
