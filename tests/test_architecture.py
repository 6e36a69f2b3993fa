"""The shape of the house, checked by tools: the import contract in pyproject.toml (layers, term QA apart
from the miner, formats apart from the store, no cycles), and what the contract cannot say."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "glossary"


def test_the_import_contract_holds(capsys: pytest.CaptureFixture[str]):
    pytest.importorskip("importlinter")
    from importlinter.cli import lint_imports

    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("running from an installed package without pyproject.toml")
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


def _imports(path: Path) -> list[tuple[int, str | None, list[str]]]:
    """(level, module, names) of every import statement in a file (relative imports keep their level)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.append((node.level, node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((0, alias.name, []) for alias in node.names)
    return found


def test_no_format_imports_the_package_root():
    for path in (PACKAGE / "formats").glob("*.py"):
        for level, module, names in _imports(path):
            assert not (level == 2 and module is None), f"{path.name} imports the package root: {names}"
            assert not (level == 0 and module == "glossary"), f"{path.name} imports the package root"


def test_only_the_command_line_knows_click_and_only_render_knows_rich():
    for path in PACKAGE.rglob("*.py"):
        modules = {module for _, module, _ in _imports(path) if module}
        if path.name not in ("cli.py", "__main__.py"):
            assert not {m for m in modules if m.split(".")[0] == "click"}, path
        if path.name != "render.py":
            assert not {m for m in modules if m.split(".")[0] == "rich"}, path
