"""Shared fixtures: a small real glossary file, an isolated cache and working folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HEADER = "id,english,chinese,traditional,pinyin,category,status,variants,note,context,source,updated\n"
SMALL_GLOSSARY = HEADER + (
    "T001,Tongyi Qianwen,通义千问,通義千問,,product,approved,Qwen|Tongyi,Alibaba Cloud's LLM,,,2026-11-01\n"
    "T002,Alibaba Cloud,阿里云,阿里雲,,organization,approved,Aliyun,,,,2026-11-01\n"
    "T003,Eddie Wu,吴泳铭,吳泳銘,,person,approved,Wu Yongming|Eddie Yongming Wu,Alibaba Group CEO,,,2026-11-01\n"
    "T004,Chongqing,重庆,重慶,,place,approved,,,,,2026-11-01\n"
    "T005,business group,业务集团,業務集團,,jargon,proposed,,,,,2026-11-01\n"
    "T006,post-85s,85后,85後,,jargon,approved,born after 1985|post-85 generation,,,,2026-11-01\n"
    "T007,Ant Financial,蚂蚁金服,螞蟻金服,,organization,deprecated,,now Ant Group,,,2026-11-01\n"
)


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs in an empty folder with its own index cache and no $GLOSSARY_FILE or NO_COLOR."""
    work = tmp_path_factory.mktemp("work")
    monkeypatch.chdir(work)
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(work / ".cache"))
    monkeypatch.delenv("GLOSSARY_FILE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return work


@pytest.fixture(scope="session")
def prepared_cache_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder a real first run filled (prepared word lists, dictionary suggestions, the tagger's model),
    made once a session by `glossary mine` in a separate process."""
    import subprocess

    folder = tmp_path_factory.mktemp("prepared") / ".cache"
    sentence = folder.parent / "one.txt"
    sentence.write_text("Alibaba Cloud said developers in Hangzhou liked its Qwen model.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "glossary", "mine", str(sentence)], capture_output=True, text=True,
                          env={**os.environ, "GLOSSARY_CACHE_DIR": str(folder)}, timeout=600)
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture
def prepared_cache(isolated: Path, prepared_cache_template: Path) -> Path:
    """The test's own cache folder, holding copies of what a first run prepares: for tests whose worker
    processes or real runs mine (each would otherwise prepare them again), not for tests of preparing."""
    import shutil

    cache = isolated / ".cache"
    shutil.copytree(prepared_cache_template, cache, dirs_exist_ok=True)
    return cache


@pytest.fixture
def small_glossary(tmp_path: Path) -> Path:
    """A real seven-entry terms.csv on disk."""
    path = tmp_path / "terms.csv"
    path.write_text(SMALL_GLOSSARY, encoding="utf-8")
    return path


def run_python(code: str, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
    """Run Python code in a fresh interpreter (a real separate process)."""
    import subprocess

    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout)


def run_glossary(*args: str | os.PathLike, timeout: float = 60):
    """Run the command line in a fresh interpreter (for inputs that could hang it or abort it); the timeout
    bounds a hang."""
    import subprocess

    return subprocess.run([sys.executable, "-m", "glossary", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def one_stderr_line(result) -> str:
    """The single line a finished process wrote on stderr (asserting there is exactly one, and no traceback)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def flag_encrypted(archive: Path) -> None:
    """Mark every member of a zip file as encrypted (bit 0 of its flags, in its local and central headers),
    as a password-protected archive does; zipfile cannot write one itself."""
    data = bytearray(archive.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            data[start + flags_at] |= 0x1
            start = data.find(signature, start + 4)
    archive.write_bytes(bytes(data))


def workbook_with_a_far_cell(path: Path, reference: str) -> Path:
    """A real two-row English/Chinese workbook (sheet "Glossary") with one more numeric cell far away at
    `reference` ('XFD1048576', or past Excel's grid: 'A4000000000'), written into its sheet XML."""
    import re
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Glossary"
    book.active.append(["english", "chinese"])
    book.active.append(["Alibaba Cloud", "阿里云"])
    book.save(path)
    row = re.search(r"\d+", reference).group()
    far = f'<row r="{row}"><c r="{reference}"><v>1</v></c></row></sheetData>'
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", far.encode("ascii"))
            target.writestr(info, data)
    return path
