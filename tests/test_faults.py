"""Faults and hostile input: every command ends with one line on stderr and a documented exit code, and
never leaves a glossary it cannot read back (issue 9)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli

from .conftest import ROOT, SMALL_GLOSSARY

GLOSSARY_COMMAND = Path(sys.executable).parent / "glossary"
SAMPLE = ROOT / "samples" / "alibaba_ceo_letter.md"


def run(*args: str, **options):
    """Invoke the CLI in-process (click's runner keeps stdout and stderr apart)."""
    return CliRunner().invoke(cli, list(args), **options)


def one_line_error(result) -> str:
    """The single stderr line of a failed command (asserting there is exactly one and no traceback)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# --- 0. one exit code per meaning ----------------------------------------------------------------


def test_an_unexpected_error_is_one_line_with_its_own_exit_code_3(small_glossary: Path,
                                                                  monkeypatch: pytest.MonkeyPatch):
    from glossary import search

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(search, "lookup", broken)
    result = run("-g", str(small_glossary), "lookup", "qwen")
    assert result.exit_code == 3
    assert one_line_error(result) == ("glossary: error: internal error: ZeroDivisionError: division by zero "
                                      "(run with --debug for the traceback, and please report it)")
    debugged = run("--debug", "-g", str(small_glossary), "lookup", "qwen")
    assert isinstance(debugged.exception, ZeroDivisionError)


@pytest.mark.skipif(not GLOSSARY_COMMAND.exists(), reason="the glossary command is not installed beside Python")
def test_ctrl_c_at_any_moment_ends_with_one_line_and_exit_130(tmp_path: Path):
    outcomes = []
    for delay in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 1.2):
        process = subprocess.Popen([str(GLOSSARY_COMMAND), "mine", str(SAMPLE), "--top", "0"], cwd=tmp_path,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
        if _before_our_code(err):
            continue  # the signal came while Python was starting or finding the package: out of our reach
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, (delay, err)
        # 0: it finished first; -SIGINT: the signal came before Python had set up its own handler
        assert process.returncode in (130, 0, -signal.SIGINT), (delay, process.returncode, err)
        if process.returncode == 130:
            assert err.strip().splitlines()[-1] == "glossary: interrupted" and len(err.strip().splitlines()) == 1
        outcomes.append(process.returncode)
    assert 130 in outcomes


_NO_GROUPS = not GLOSSARY_COMMAND.exists() or not hasattr(os, "killpg")
_NO_GROUPS_REASON = "the glossary command is not installed beside Python, or no process groups here"


@pytest.mark.skipif(_NO_GROUPS, reason=_NO_GROUPS_REASON)
def test_ctrl_c_at_the_terminal_during_a_first_run_on_two_cores_is_one_line_and_leaves_no_process(tmp_path: Path):
    # A terminal's Ctrl-C reaches every process of the command: the one preparing half the word lists too.
    outcomes = [_ctrl_c_at_the_terminal(["mine", str(SAMPLE), "--top", "0"], delay, tmp_path,
                                        GLOSSARY_CACHE_DIR=str(tmp_path / f"cache-{number}"))  # a first run each time
                for number, delay in enumerate((0.8, 2.0, 3.5))]
    assert 130 in outcomes


@pytest.mark.skipif(_NO_GROUPS, reason=_NO_GROUPS_REASON)
def test_ctrl_c_at_the_terminal_while_mining_workers_start_is_one_line(tmp_path: Path, prepared_cache: Path):
    # Each worker is started with Ctrl-C ignored and reads the glossary from a file after: none prints a traceback
    # of the modules it was importing when the terminal's Ctrl-C reached it.
    articles = [str(path) for path in sorted((ROOT / "samples").glob("*.*")) if path.suffix in (".md", ".txt", ".html")]
    outcomes = [_ctrl_c_at_the_terminal(["mine", *articles, "--jobs", "2", "--top", "0"], delay, tmp_path)
                for delay in (0.4, 0.7, 1.0, 1.3)]
    assert 130 in outcomes


def _ctrl_c_at_the_terminal(arguments: list[str], delay: float, folder: Path, **env: str) -> int | None:
    """Run the command in a process group of its own and send the group SIGINT after `delay` seconds, as a
    terminal's Ctrl-C does; assert it ended in one line (or finished first) and left no process of its group
    running. Its exit code, or None when the signal came before any of the package's code ran."""
    process = subprocess.Popen([str(GLOSSARY_COMMAND), *arguments], cwd=folder, env=dict(os.environ, **env),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    if _before_our_code(err):
        return None
    assert "Traceback" not in err and "KeyboardInterrupt" not in err and "SpawnProcess" not in err, (delay, err)
    assert process.returncode in (130, 0), (delay, process.returncode, err)
    if process.returncode == 130:
        assert err.strip().splitlines() == ["glossary: interrupted"], (delay, err)
    for _ in range(50):  # its workers are stopped with it, not left running on their own
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"a process of the interrupted command is still running ({delay} s)")
    return process.returncode


def _before_our_code(stderr: str) -> bool:
    """Whether a traceback comes from Python's start-up or the launcher script's first import, before any line of
    the glossary package ran (no frame in a file of the package)."""
    package = str(ROOT / "glossary")
    started = stderr.startswith("Fatal Python error: init_import_site") or f'File "{GLOSSARY_COMMAND}"' in stderr
    return started and package not in stderr and "/site-packages/glossary/" not in stderr


def test_mine_whose_every_input_is_unreadable_exits_2_in_one_line(tmp_path: Path):
    for name in ("scan.pdf", "photo.txt"):
        (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    result = run("mine", str(tmp_path / "scan.pdf"), str(tmp_path / "photo.txt"))
    assert result.exit_code == 2
    line = one_line_error(result)
    assert line.startswith("glossary: error: nothing could be read: ") and "(and 1 more unreadable input)" in line
    mixed = run("mine", str(tmp_path / "scan.pdf"), str(SAMPLE), "--json")
    assert mixed.exit_code == 0 and "warning: skipped" in mixed.stderr and "scan.pdf" in mixed.stderr


# --- 1. operating-system errors are messages, not tracebacks -------------------------------------------------


@contextlib.contextmanager
def tmpfs(folder: Path, kilobytes: int):
    """A tiny tmpfs mounted on a new folder (root only); skips the test where one cannot be mounted."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(folder)],
                             capture_output=True, text=True) if os.geteuid() == 0 else None
    if mounted is None or mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the injected-error tests cover the same path")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _fill(folder: Path) -> None:
    """Fill a file system until it has no space left."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


def _listing(folder: Path) -> set[str]:
    """The files in a folder, lock files aside (a lock file stays, as flock-based locks must)."""
    return {p.name for p in folder.iterdir() if not p.name.endswith(".lock")}


WRITES = [
    ("add", "Tmall", "天猫"), ("edit", "T001", "--note", "changed"), ("remove", "T004"),
    ("import", "{back}", "--yes"), ("mine", "{doc}", "--save"), ("export", "{folder}/out.xlsx"),
    ("export", "{folder}/out.csv"), ("mine", "{doc}", "-o", "{folder}/mined.xlsx"),
]


def _args(command: tuple[str, ...], folder: Path, back: Path, doc: Path) -> list[str]:
    """A command's arguments with the paths of one test filled in."""
    return [word.format(folder=folder, back=back, doc=doc) for word in command]


@pytest.mark.parametrize("command", WRITES, ids=lambda c: " ".join(c[:2]))
def test_a_full_disk_is_one_line_and_the_glossary_is_untouched(tmp_path: Path, command: tuple[str, ...]):
    back, doc = tmp_path / "back.csv", tmp_path / "doc.txt"
    back.write_text("id,english,chinese\r\n,Tmall,天猫\r\n", encoding="utf-8")
    doc.write_text("Hangzhou Robotics Alliance members met. The Hangzhou Robotics Alliance grew.", encoding="utf-8")
    with tmpfs(tmp_path / "disk", 256) as disk:
        glossary = disk / "terms.csv"
        glossary.write_text(SMALL_GLOSSARY, encoding="utf-8")
        (disk / "terms.csv.lock").touch()
        _fill(disk)
        before = _listing(disk)
        result = run("-g", str(glossary), *_args(command, disk, back, doc))
        assert result.exit_code == 2, result.output
        line = one_line_error(result)
        assert line.startswith("glossary: error: cannot write ") and "no space left on device (nothing was changed)" in line
        assert glossary.read_text(encoding="utf-8") == SMALL_GLOSSARY and _listing(disk) == before


@pytest.mark.parametrize("command", WRITES + [("init", "{folder}/new.csv")], ids=lambda c: " ".join(c[:2]))
def test_a_read_only_folder_is_one_line_and_the_glossary_is_untouched(tmp_path: Path, command: tuple[str, ...]):
    back, doc = tmp_path / "back.csv", tmp_path / "doc.txt"
    back.write_text("id,english,chinese\r\n,Tmall,天猫\r\n", encoding="utf-8")
    doc.write_text("Hangzhou Robotics Alliance members met. The Hangzhou Robotics Alliance grew.", encoding="utf-8")
    with tmpfs(tmp_path / "ro", 1024) as folder:
        glossary = folder / "terms.csv"
        glossary.write_text(SMALL_GLOSSARY, encoding="utf-8")
        assert subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True).returncode == 0
        before = _listing(folder)
        result = run("-g", str(glossary), *_args(command, folder, back, doc))
        assert result.exit_code == 2, result.output
        line = one_line_error(result)
        assert line.startswith("glossary: error: cannot write ") and "read-only file system" in line
        assert glossary.read_text(encoding="utf-8") == SMALL_GLOSSARY and _listing(folder) == before


@pytest.mark.parametrize("command", [("export", "{parent}/out.csv"), ("export", "{parent}/out.xlsx"),
                                     ("mine", str(SAMPLE), "-o", "{parent}/out.csv"), ("init", "{parent}/new.csv")])
def test_writing_under_a_path_whose_folder_is_a_file_is_one_line(small_glossary: Path, tmp_path: Path,
                                                                  command: tuple[str, ...]):
    parent = tmp_path / "not-a-folder"
    parent.write_text("x", encoding="utf-8")
    result = run("-g", str(small_glossary), *[word.format(parent=parent) for word in command])
    assert result.exit_code == 2
    assert "not a directory" in one_line_error(result)


def test_a_lock_file_that_is_a_folder_is_one_line(small_glossary: Path):
    Path(str(small_glossary) + ".lock").mkdir()
    result = run("-g", str(small_glossary), "add", "Tmall", "天猫")
    assert result.exit_code == 2
    assert one_line_error(result).endswith("its lock file terms.csv.lock is a folder (nothing was changed)")
    assert small_glossary.read_text(encoding="utf-8") == SMALL_GLOSSARY


# --- 2. we never write a file we refuse to read ----------------------------------------------------------------


def test_add_with_huge_variants_is_refused_naming_the_field(small_glossary: Path):
    result = run("-g", str(small_glossary), "add", "Tmall", "天猫", "-v", "x" * 100_000, "-v", "y" * 100_000)
    assert result.exit_code == 2
    assert "variants has 200,001 characters; a field holds at most 32,767" in one_line_error(result)
    assert small_glossary.read_text(encoding="utf-8") == SMALL_GLOSSARY


def _hostile_files(folder: Path, note: str) -> list[Path]:
    """The same row, its note `note`, as an xlsx workbook, a JSON file and a TBX file."""
    import json

    from glossary import handover, store
    from glossary.schema import TermEntry

    entry = TermEntry(id="", english="Tmall", chinese="天猫", category="product", status="proposed")
    paths = []
    for suffix in ("xlsx", "tbx"):
        path = folder / f"hostile.{suffix}"
        handover.export_glossary(store.Glossary([entry.with_changes(id="X1", note="placeholder")]), path)
        paths.append(path)
    json_path = folder / "hostile.json"
    json_path.write_text(json.dumps([{"english": "Tmall", "chinese": "天猫", "note": note}]), encoding="utf-8")
    _replace_in_zip(paths[0], "placeholder", _excel_escaped(note))
    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("placeholder", _xml_escaped(note)),
                        encoding="utf-8")
    return paths + [json_path]


def _excel_escaped(text: str) -> str:
    """Text as Excel stores it in a cell (control characters as _xHHHH_)."""
    return "".join(f"_x{ord(ch):04X}_" if ord(ch) < 32 else ch for ch in text)


def _xml_escaped(text: str) -> str:
    """Text as XML character data (a NUL cannot be written in XML at all: such a file is malformed)."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _replace_in_zip(path: Path, old: str, new: str) -> None:
    """Replace text in every XML member of a zip (a workbook), as another program might have written it."""
    import zipfile

    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename.endswith(".xml"):
                data = data.decode("utf-8").replace(old, new).encode("utf-8")
            target.writestr(member, data)
    copy.replace(path)


@pytest.mark.parametrize("note, message", [
    ("n" * 200_000, "note has 200,000 characters"),
    ("before\x00after", "note contains a NUL character"),
])
def test_an_import_of_a_field_no_file_can_carry_is_refused_in_one_line(small_glossary: Path, tmp_path: Path,
                                                                        note: str, message: str):
    for path in _hostile_files(tmp_path, note):
        if path.suffix == ".tbx" and "\x00" in note:
            continue  # XML cannot hold a NUL at all; the TBX reader refuses such a file as malformed
        result = run("-g", str(small_glossary), "import", str(path), "--yes")
        assert result.exit_code == 2, (path, result.output)
        assert message in one_line_error(result), path
        assert small_glossary.read_text(encoding="utf-8") == SMALL_GLOSSARY


def test_a_lone_surrogate_from_json_is_refused_in_one_line(small_glossary: Path, tmp_path: Path):
    path = tmp_path / "surrogate.json"
    path.write_text('[{"english": "Tmall", "chinese": "\\ud800"}]', encoding="utf-8")
    result = run("-g", str(small_glossary), "import", str(path), "--yes")
    assert result.exit_code == 2 and "chinese is not valid text" in one_line_error(result)


def test_bytes_that_are_not_utf8_in_an_argument_are_refused_in_one_line(small_glossary: Path):
    result = subprocess.run([sys.executable, "-m", "glossary", "-g", str(small_glossary), "add", b"Tmall\xff", "天猫"],
                            capture_output=True, timeout=120)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2 and len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert "english is not valid text" in stderr and "\\udcff" in stderr
    assert small_glossary.read_text(encoding="utf-8") == SMALL_GLOSSARY


def test_an_export_import_round_trip_of_a_glossary_with_padded_cells_reports_no_change(tmp_path: Path):
    from .conftest import HEADER

    path = tmp_path / "padded.csv"
    path.write_text(HEADER + "T1,Tmall,天猫,天貓,,product,approved,,  a note with spaces ,,,2026-11-01\n",
                    encoding="utf-8")
    for suffix in ("csv", "json", "xlsx", "tbx"):
        exported = tmp_path / f"round.{suffix}"
        assert run("-g", str(path), "export", str(exported)).exit_code == 0
        result = run("-g", str(path), "import", str(exported), "--dry-run")
        assert result.exit_code == 0 and "0 changed" in result.stdout, (suffix, result.stdout)


# --- 3. symbolic links and special files -------------------------------------------------------------------------


def test_saving_a_glossary_that_is_a_link_writes_the_file_it_points_to_and_keeps_the_link(tmp_path: Path):
    shared = tmp_path / "team" / "terms.csv"
    shared.parent.mkdir()
    shared.write_text(SMALL_GLOSSARY, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "terms.csv").symlink_to(shared)
    assert run("-g", str(project / "terms.csv"), "add", "Tmall", "天猫").exit_code == 0
    assert (project / "terms.csv").is_symlink() and "Tmall" in shared.read_text(encoding="utf-8")
    assert sorted(p.name for p in project.iterdir()) == ["terms.csv"]  # the lock sits beside the real file
    assert (shared.parent / "terms.csv.lock").exists()


def test_exporting_to_a_link_writes_through_it_even_into_a_pipe(small_glossary: Path, tmp_path: Path):
    import threading

    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run("-g", str(small_glossary), "export", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("id,english")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    (tmp_path / "to-pipe.csv").symlink_to(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    result = run("-g", str(small_glossary), "export", str(tmp_path / "to-pipe.csv"))
    reader.join(timeout=30)
    assert result.exit_code == 0 and received and received[0].startswith(b"id,english")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_the_next_writer_removes_the_temporaries_of_a_killed_writer_and_no_others(small_glossary: Path):
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(finished.stdout)  # that process has ended
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        folder = small_glossary.parent
        stale = folder / f".terms.csv.{dead}-0123abcd.tmp"
        stale_rows = folder / f".out.xlsx.{dead}-0123abcd.tmp.rows"
        busy = folder / f".terms.csv.{alive.pid}-89abcdef.tmp"
        other = folder / ".terms.csv.notes.tmp"  # not of our naming: never touched
        for path in (stale, stale_rows, busy, other):
            path.write_text("x", encoding="utf-8")
        assert run("-g", str(small_glossary), "add", "Tmall", "天猫").exit_code == 0
        assert not stale.exists() and busy.exists() and other.exists() and stale_rows.exists()
        assert run("-g", str(small_glossary), "export", str(folder / "out.xlsx")).exit_code == 0
        assert not stale_rows.exists()
    finally:
        alive.kill()
        alive.wait()


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_a_glossary_or_document_that_is_not_a_regular_file_is_refused_at_once(tmp_path: Path, kind: str):
    target = {"device": Path("/dev/zero"), "fifo": tmp_path / "fifo", "folder": tmp_path / "folder"}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    commands = [["-g", str(target), "lookup", "qwen"], ["-g", str(target), "list"], ["validate", str(target)]]
    if kind != "folder":
        commands.append(["mine", str(target)])
    cache = tmp_path / "cache"
    for command in commands:
        result = subprocess.run([sys.executable, "-m", "glossary", *command], capture_output=True, text=True,
                                timeout=60, env={**os.environ, "GLOSSARY_CACHE_DIR": str(cache)})
        assert result.returncode == 2, (command, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, (command, result.stderr)
        assert any(reason in lines[0] for reason in ("not a regular file", "is a folder", "is a directory")), lines[0]
    # refused before a first run prepares its word lists (seconds of work for nothing)
    assert not list(cache.glob("lexicon-*")) if cache.exists() else True


# --- 6. the formula guard on every spreadsheet-bound file -----------------------------------------------------


def test_a_deepl_pair_a_spreadsheet_would_run_as_a_formula_is_left_out_with_a_warning(tmp_path: Path):
    from .conftest import HEADER

    path = tmp_path / "terms.csv"
    path.write_text(HEADER + 'T1,"=HYPERLINK(""http://x.test"",""y"")",天猫,,,product,approved,,,,,2026-11-01\n'
                    "T2,Tmall Global,天猫国际,,,product,approved,,,,,2026-11-01\n"
                    "T3,DDE link,=DDE(1),,,other,proposed,,,,,2026-11-01\n", encoding="utf-8")
    out = tmp_path / "deepl.tsv"
    result = run("-g", str(path), "export", str(out), "--format", "deepl")
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == "Tmall Global\t天猫国际\n"
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 2 and "left out T1" in warnings[0] and "left out T3" in warnings[1]


# --- 7. odd arguments --------------------------------------------------------------------------------------------


def test_a_newline_inside_a_path_is_shown_escaped_on_one_line(tmp_path: Path):
    result = run("mine", str(tmp_path / "no\nsuch.txt"))
    assert result.exit_code == 2 and one_line_error(result).endswith("no\\nsuch.txt: no such file or folder")


def test_check_of_an_xliff_holding_a_surrogate_code_point_ends_cleanly(tmp_path: Path, small_glossary: Path):
    path = tmp_path / "t.xliff"
    path.write_text('<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                    'srcLang="en" trgLang="zh"><file id="f"><unit id="u1"><segment><source>Alibaba Cloud '
                    '<cp hex="D800"/></source><target>阿里云<cp hex="DFFF"/></target></segment></unit></file></xliff>',
                    encoding="utf-8")
    result = run("-g", str(small_glossary), "check", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.stderr
