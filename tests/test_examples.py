"""Every example in README.md and in every command's --help runs as written, against a fresh copy of the
shipped glossary (`glossary init`) in a folder holding the files the examples name."""

from __future__ import annotations

import contextlib
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli

from .conftest import ROOT

README = ROOT / "README.md"
SAMPLES = ROOT / "samples"
# Exit codes an example may end with: 0, or 1 where the command documents it (nothing matched, changes shown
# but not applied, term errors found). 2 is a usage or input error: an example that ends so is wrong.
ACCEPTED_EXIT_CODES = (0, 1)


def help_examples() -> list[str]:
    """The example lines of `glossary --help` and of every command's --help."""
    runner = CliRunner()
    examples = []
    for command in [None, *cli.commands]:
        result = runner.invoke(cli, [command, "--help"] if command else ["--help"])
        assert result.exit_code == 0
        block = result.output.split("Example", 1)[1].split("Options:", 1)[0] if "Example" in result.output else ""
        examples += [line.strip() for line in block.splitlines() if line.strip().startswith(("glossary ", "cat "))]
    return examples


def readme_examples() -> list[str]:
    """The commands of README.md's console blocks ($ lines) and of the Commands table's example column."""
    text = README.read_text(encoding="utf-8")
    examples = [line[2:] for line in text.splitlines() if line.startswith("$ glossary ")]
    for line in text.splitlines():
        if line.startswith("| `") and line.count(" | ") >= 2:
            examples += [span.replace("\\|", "|") for span in re.findall(r"`((?:glossary|cat) [^`]+)`",
                                                                        line.rsplit(" | ", 1)[1])]
    return examples


def readme_python() -> str:
    """The Python example of README.md's Library section."""
    text = README.read_text(encoding="utf-8").split("## Library", 1)[1]
    return text.split("```python", 1)[1].split("```", 1)[0]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a fresh `glossary init` copy and every file the examples name."""
    where = tmp_path_factory.mktemp("examples")
    runner = CliRunner()
    with contextlib.chdir(where):
        assert runner.invoke(cli, ["init"]).exit_code == 0
        shutil.copytree(SAMPLES, where / "samples")
        (where / "articles").mkdir()
        (where / "news").mkdir()
        shutil.copy(SAMPLES / "singles_day.txt", where / "articles" / "singles_day.txt")
        shutil.copy(SAMPLES / "smart_china_expo.html", where / "news" / "expo.html")
        shutil.copy(SAMPLES / "alibaba_ceo_letter.md", where / "article.txt")
        shutil.copy(SAMPLES / "workplace_culture.txt", where / "a.txt")
        bilingual = SAMPLES / "bilingual"
        shutil.copy(bilingual / "news.xliff", where / "translations.xliff")
        shutil.copy(bilingual / "news.tmx", where / "memory.tmx")
        shutil.copy(bilingual / "news_en_zh.csv", where / "translations.csv")
        _write_aligned(bilingual / "news_en_zh.csv", where)
        for name in ("terms.xlsx", "vendor.tbx"):
            assert runner.invoke(cli, ["export", name]).exit_code == 0
        shutil.copy(where / "terms.csv", where / "my-terms.csv")
        shutil.copy(where / "terms.csv", where / "team.csv")
        return where


def _write_aligned(pairs: Path, folder: Path) -> None:
    """Line-aligned English and Chinese text files, and a Chinese→English CSV, from the sample pairs."""
    import csv

    rows = list(csv.DictReader(pairs.open(encoding="utf-8")))
    english, chinese = (list(rows[0])[:2])
    (folder / "article.en.txt").write_text("\n".join(r[english] for r in rows) + "\n", encoding="utf-8")
    (folder / "article.zh.txt").write_text("\n".join(r[chinese] for r in rows) + "\n", encoding="utf-8")
    (folder / "en.txt").write_text("\n".join(r[english] for r in rows) + "\n", encoding="utf-8")
    (folder / "zh.txt").write_text("\n".join(r[chinese] for r in rows) + "\n", encoding="utf-8")
    with (folder / "zh-en.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["zh", "en"])
        writer.writerows([r[chinese], r[english]] for r in rows)


def run_example(example: str, folder: Path) -> tuple[int, str, str]:
    """Run one example line in a folder: `cat FILE |` feeds standard input, `| jq …` reads the JSON output."""
    stdin = None
    command, _, consumer = example.partition(" | jq ")
    if command.startswith("cat "):
        source, _, command = command.partition(" | ")
        stdin = (folder / shlex.split(source)[1]).read_text(encoding="utf-8")
    words = shlex.split(command, comments=True)
    assert words[0] == "glossary", example
    if words[1] == "init":  # it makes the file (./terms.csv by default), which the folder already has
        (folder / next((w for w in words[2:] if not w.startswith("-")), "terms.csv")).unlink()
    result = CliRunner().invoke(cli, words[1:], input=stdin, catch_exceptions=False)
    if consumer and result.exit_code == 0:
        json.loads(result.stdout)
        if shutil.which("jq"):
            jq = subprocess.run(["jq", *shlex.split(consumer)], input=result.stdout, capture_output=True, text=True,
                                timeout=30)
            assert jq.returncode == 0, f"{example}: jq: {jq.stderr}"
    return result.exit_code, result.stdout, result.stderr


EXAMPLES = sorted(set(help_examples() + readme_examples()))


def test_the_examples_were_found():
    assert len(help_examples()) >= 40 and len(readme_examples()) >= 15
    assert any("| jq" in e for e in EXAMPLES) and any(e.startswith("cat ") for e in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_runs_as_written(example: str, template: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "work"
    shutil.copytree(template, folder)
    monkeypatch.chdir(folder)
    code, stdout, stderr = run_example(example, folder)
    assert code in ACCEPTED_EXIT_CODES, f"{example} → exit {code}: {stderr}"
    assert "Traceback" not in stderr and "error:" not in stderr, f"{example}: {stderr}"


def test_the_readme_library_example_runs(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "work"
    shutil.copytree(template, folder)
    monkeypatch.chdir(folder)
    namespace: dict[str, object] = {}
    exec(compile(readme_python(), "README.md", "exec"), namespace)
    from glossary.schema import COLUMNS

    assert len(namespace["table"]) > 0 and namespace["terms"].to_frame().shape[1] == len(COLUMNS)
