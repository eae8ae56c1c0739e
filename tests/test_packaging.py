"""The wheel carries the dataset.

After a (non-editable) install, `diplonet` works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{proc.stdout}\n{proc.stderr}")
    (path,) = out.glob("diplonet-*.whl")
    return path


def test_wheel_contains_the_dataset_and_brief(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for member in ("actors.csv", "relations.csv", "dataset.json", "brief.txt"):
        assert f"diplonet/data/{member}" in names
    assert "diplonet/templates/network.html" in names  # the HTML export's page


def test_installed_wheel_answers_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    env.pop("DIPLONET_DATA", None)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import diplonet, diplonet.dataset as d; print(diplonet.__file__)\n"
            "print(d.default_data_dir())",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert all(line.startswith(str(target)) for line in where), where
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "diplonet",
            "channels",
            "US",
            "Hamas",
            "--as-of",
            "2021-05-20",
            "--format",
            "json",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"Qatar"' in proc.stdout
