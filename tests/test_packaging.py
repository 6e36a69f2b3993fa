"""The package as users install it: a real wheel holds every module and the shipped data."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """A wheel built from a copy of the source tree (so the checkout is not written to)."""
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("running from an installed package without the source tree")
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "terms.csv"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "glossary", source / "glossary", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                             "-w", str(out), str(source)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_holds_every_module_of_the_source_tree(wheel: zipfile.ZipFile):
    names = set(wheel.namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "glossary").rglob("*.py")}
    assert modules and modules <= names, sorted(modules - names)


def test_the_wheel_ships_the_glossary_and_the_dictionary_with_its_licence(wheel: zipfile.ZipFile):
    assert wheel.read("glossary/data/terms.csv") == (ROOT / "terms.csv").read_bytes()
    assert len(wheel.read("glossary/data/cedict_1_0_ts_utf-8_mdbg.txt.gz")) > 3_000_000
    assert b"CC BY-SA 4.0" in wheel.read("glossary/data/CEDICT-LICENSE.txt")
    entry_points = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    assert b"glossary = glossary.__main__:main" in wheel.read(entry_points)
