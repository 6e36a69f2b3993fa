"""Hostile input: attacks on every command, run against one or more source trees, outcomes counted.

Run:  python benchmarks/hostile.py [--tree PATH ...] [--timeout 30] [--only TEXT] [--verbose]

Default tree: this checkout. To compare before and after in one run, add an older checkout:
    git worktree add --detach /tmp/before <commit> && python benchmarks/hostile.py --tree . --tree /tmp/before

Each attack builds its files in a fresh temporary folder, runs one command in a fresh process
(`python -m glossary` with the tree first on sys.path, its own cache folder) and is classified:

    clean       the documented exit code, at most one line on stderr, no traceback, the right answer
    wrong       the command ended cleanly but answered wrongly (stale or damaged index, output unguarded)
    traceback   a Python traceback, or an 'internal error' (exit 3: a bug caught by the error boundary)
    crash       killed by a signal or aborted (a Rust panic)
    hang        still running after --timeout seconds
    data lost   the glossary changed although the command failed, no longer loads, or a save went astray

The tmpfs attacks (full disk, read-only folder) need root to mount; elsewhere they are reported as skipped.
Nothing here is part of the test suite (tests/test_faults.py holds one test per class).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "samples" / "alibaba_ceo_letter.md"
HEADER = "id,english,chinese,traditional,pinyin,category,status,variants,note,context,source,updated\n"
GLOSSARY = HEADER + (
    "T001,Tongyi Qianwen,通义千问,通義千問,,product,approved,Qwen|Tongyi,Alibaba Cloud's LLM,,,2026-11-01\n"
    "T002,Alibaba Cloud,阿里云,阿里雲,,organization,approved,Aliyun,,,,2026-11-01\n"
    "T003,Eddie Wu,吴泳铭,吳泳銘,,person,approved,Wu Yongming,Alibaba Group CEO,,,2026-11-01\n"
    "T004,Chongqing,重庆,重慶,,place,approved,,,,,2026-11-01\n"
)
OUTCOMES = ("clean", "wrong", "traceback", "crash", "hang", "data lost")


@dataclass
class Case:
    """One prepared attack: the command, what a clean end looks like, and what must stay true."""

    args: list[str]
    codes: tuple[int, ...] = (2,)
    stdin: bytes = b""
    glossary: Path | None = None  # must be byte-identical afterwards (unless `changes` says otherwise)
    check: Callable[[subprocess.CompletedProcess], str | None] | None = None  # a reason it is wrong, or None
    lost: Callable[[], str | None] | None = None  # a reason data was lost, or None
    interrupt_after: float | None = None  # send SIGINT after this many seconds
    cleanup: Callable[[], None] | None = None


@dataclass
class Attack:
    """A named attack of one class (the issue's section) and how to build it in a folder."""

    name: str
    section: str
    build: Callable[["Context"], Case | None]


@dataclass
class Context:
    """What an attack's builder gets: its folder and a way to run the tree's glossary beforehand."""

    folder: Path
    tree: Path
    env: dict[str, str] = field(default_factory=dict)

    def glossary(self, name: str = "terms.csv", text: str = GLOSSARY) -> Path:
        """A small glossary file in the folder."""
        path = self.folder / name
        path.write_text(text, encoding="utf-8")
        return path

    def run(self, *args: str) -> subprocess.CompletedProcess:
        """Run the tree's glossary once (to prepare a later attack)."""
        return run_glossary(self.tree, list(args), self.folder, self.env, b"", 120)


ATTACKS: list[Attack] = []


def attack(section: str):
    """Register an attack builder under its section."""
    def register(build: Callable[[Context], Case | None]) -> Callable[[Context], Case | None]:
        ATTACKS.append(Attack(build.__name__.removeprefix("attack_").replace("_", " "), section, build))
        return build
    return register


# --- the runner --------------------------------------------------------------------------------------------

RUNNER = ("import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'glossary'; "
          "runpy.run_module('glossary', run_name='__main__', alter_sys=True)")


def run_glossary(tree: Path, args: list, cwd: Path, env: dict[str, str], stdin: bytes, timeout: float,
                 interrupt_after: float | None = None) -> subprocess.CompletedProcess:
    """One `glossary` process of a tree; a hang is returned with returncode None."""
    command = [sys.executable, "-c", RUNNER, str(tree), *args]
    full_env = {**os.environ, "NO_COLOR": "1", **env}
    process = subprocess.Popen(command, cwd=cwd, env=full_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        if interrupt_after is not None:
            time.sleep(interrupt_after)
            process.send_signal(signal.SIGINT)
        out, err = process.communicate(stdin, timeout=timeout)
        return subprocess.CompletedProcess(command, process.returncode, out, err)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        return subprocess.CompletedProcess(command, None, out, err)


def classify(case: Case, result: subprocess.CompletedProcess, before: bytes | None) -> tuple[str, str]:
    """The outcome of one attack and a short reason."""
    err = result.stderr.decode("utf-8", "replace")
    if result.returncode is None:
        return "hang", "timed out"
    if result.returncode < 0 or result.returncode == 134:
        return "crash", f"exit {result.returncode}"
    if "Traceback" in err or result.returncode == 3 or "internal error" in err:
        return "traceback", (err.strip().splitlines() or [""])[-1][:120]
    if case.glossary is not None and before is not None and case.lost is None:
        try:
            after = case.glossary.read_bytes()
        except OSError as error:
            return "data lost", f"glossary unreadable: {error}"
        if after != before:
            return "data lost", "the glossary changed"
    if case.lost is not None:
        reason = case.lost()
        if reason:
            return "data lost", reason
    if result.returncode not in case.codes:
        return "wrong", f"exit {result.returncode}, expected {case.codes}: {err.strip()[:100]}"
    if len(err.strip().splitlines()) > 1 and result.returncode != 0:
        return "wrong", f"{len(err.strip().splitlines())} stderr lines"
    if case.check is not None:
        reason = case.check(result)
        if reason:
            return "wrong", reason
    return "clean", ""


def run_attack(item: Attack, tree: Path, timeout: float) -> tuple[str, str]:
    """Build and run one attack against a tree; (outcome, reason), or ('skipped', why)."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as work:
        folder = Path(work)
        context = Context(folder, tree, {"GLOSSARY_CACHE_DIR": str(folder / ".cache")})
        case = item.build(context)
        if case is None:
            return "skipped", "cannot be built here"
        try:
            before = case.glossary.read_bytes() if case.glossary is not None else None
            result = run_glossary(tree, case.args, folder, context.env, case.stdin, timeout, case.interrupt_after)
            return classify(case, result, before)
        finally:
            if case.cleanup:
                case.cleanup()


# --- helpers for building attacks --------------------------------------------------------------------------


def mount_tmpfs(folder: Path, kilobytes: int) -> bool:
    """Mount a tiny tmpfs on a new folder (root only)."""
    folder.mkdir()
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def unmount(folder: Path) -> Callable[[], None]:
    """A cleanup that unmounts a folder."""
    return lambda: subprocess.run(["umount", "-l", str(folder)], capture_output=True) and None


def fill(folder: Path) -> None:
    """Fill a file system until no space is left."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    with contextlib.suppress(OSError):
        while True:
            os.write(fd, b"\0" * 65536)
    with contextlib.suppress(OSError):
        while True:
            os.write(fd, b"\0" * 512)
    os.close(fd)


def loads(path: Path) -> Callable[[], str | None]:
    """A data check: the glossary still loads and is what it was."""
    before = path.read_bytes()

    def lost() -> str | None:
        if path.read_bytes() != before:
            return "the glossary changed"
        return None
    return lost


def expect_json(predicate: Callable[[object], bool], what: str) -> Callable[[subprocess.CompletedProcess], str | None]:
    """A check that stdout is JSON meeting a condition."""
    def check(result: subprocess.CompletedProcess) -> str | None:
        try:
            data = json.loads(result.stdout.decode("utf-8"))
        except ValueError:
            return f"stdout is not JSON ({what})"
        return None if predicate(data) else what
    return check


def workbook(path: Path, sheet_xml: str, rows: list[list[str]] | None = None) -> Path:
    """A minimal xlsx whose sheet1.xml is given (or built from rows of inline strings)."""
    if sheet_xml is None:
        cells = "".join(
            f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                                        for c, v in enumerate(row)) + "</row>" for r, row in enumerate(rows, 1))
        sheet_xml = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                     f'main"><sheetData>{cells}</sheetData></worksheet>')
    members = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
        'name="Glossary" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in members.items():
            book.writestr(name, text)
    return path


def docx(path: Path, body: str, encrypted: bool = False) -> Path:
    """A minimal .docx with the given body XML (a member flagged encrypted on request)."""
    xml = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("word/document.xml")
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(info, xml)
    if encrypted:  # set bit 0 (encrypted) of the general-purpose flags in both headers
        data = bytearray(path.read_bytes())
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = 0
            while (found := data.find(signature, start)) >= 0:
                data[found + offset] |= 1
                start = found + 4
        path.write_bytes(bytes(data))
    return path


def xliff(path: Path, source: str, target: str) -> Path:
    """A one-unit XLIFF 2.0 file."""
    path.write_text('<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                    'srcLang="en" trgLang="zh"><file id="f"><unit id="u1"><segment>'
                    f"<source>{source}</source><target>{target}</target></segment></unit></file></xliff>",
                    encoding="utf-8")
    return path


def dead_pid() -> int:
    """The id of a process that has ended."""
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(finished.stdout)


WRITERS = {
    "add": lambda c: ["add", "Tmall", "天猫"],
    "edit": lambda c: ["edit", "T001", "--note", "changed"],
    "remove": lambda c: ["remove", "T004"],
    "import": lambda c: ["import", str(c.glossary("back.csv", "id,english,chinese\n,Tmall,天猫\n")), "--yes"],
    "mine --save": lambda c: ["mine", str(SAMPLE), "--save"],
    "export xlsx": lambda c: ["export", "{disk}/out.xlsx"],
    "export csv": lambda c: ["export", "{disk}/out.csv"],
    "mine -o": lambda c: ["mine", str(SAMPLE), "-o", "{disk}/mined.xlsx"],
}


# --- 0. exit codes and interrupts --------------------------------------------------------------------------

for _delay in (0.05, 0.15, 0.3, 0.6, 1.0):
    def _interrupt(c: Context, delay: float = _delay) -> Case:
        return Case(["mine", str(SAMPLE)], codes=(130, 0, -2), interrupt_after=delay,
                    check=lambda r: None if r.returncode != 130 or r.stderr.strip().endswith(b"interrupted")
                    else "no 'interrupted' line")
    ATTACKS.append(Attack(f"ctrl-c after {_delay} s", "0", _interrupt))


@attack("0")
def attack_mine_of_only_unreadable_inputs(c: Context) -> Case:
    (c.folder / "scan.pdf").write_bytes(b"%PDF-1.4 broken" + bytes(range(256)))
    return Case(["mine", str(c.folder / "scan.pdf")])


# --- 1. operating-system errors ----------------------------------------------------------------------------

def _disk_attack(command: str, read_only: bool) -> Callable[[Context], Case | None]:
    """A writing command on a full or read-only tiny tmpfs."""
    def build(c: Context) -> Case | None:
        disk = c.folder / "disk"
        args = WRITERS[command](c)
        if not mount_tmpfs(disk, 1024 if read_only else 256):
            return None
        glossary = disk / "terms.csv"
        glossary.write_text(GLOSSARY, encoding="utf-8")
        if read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
        else:
            (disk / "terms.csv.lock").touch()
            fill(disk)
        args = [a.replace("{disk}", str(disk)) for a in args]
        return Case(["-g", str(glossary), *args], glossary=glossary, cleanup=unmount(disk))
    return build


for _command in WRITERS:
    ATTACKS.append(Attack(f"full disk: {_command}", "1", _disk_attack(_command, read_only=False)))
    ATTACKS.append(Attack(f"read-only folder: {_command}", "1", _disk_attack(_command, read_only=True)))


for _command in ("export out.csv", "export out.xlsx", "mine -o out.csv", "init new.csv"):
    def _under_a_file(c: Context, command: str = _command) -> Case:
        (c.folder / "file").write_text("x")
        verb, *rest = command.split()
        target = str(c.folder / "file" / rest[-1])
        args = {"export": ["export", target], "mine": ["mine", str(SAMPLE), "-o", target], "init": ["init", target]}
        return Case(["-g", str(c.glossary()), *args[verb]], glossary=c.folder / "terms.csv")
    ATTACKS.append(Attack(f"parent is a file: {_command}", "1", _under_a_file))


@attack("1")
def attack_lock_file_is_a_folder(c: Context) -> Case:
    glossary = c.glossary()
    (c.folder / "terms.csv.lock").mkdir()
    return Case(["-g", str(glossary), "add", "Tmall", "天猫"], glossary=glossary)


# --- 2. never write what cannot be read back ---------------------------------------------------------------

def _reloads(glossary: Path, c: Context) -> Callable[[], str | None]:
    """A data check: whatever the command did, every command can still load the glossary."""
    def lost() -> str | None:
        result = c.run("-g", str(glossary), "validate")
        return None if result.returncode == 0 else "saved a glossary that no longer loads"
    return lost


@attack("2")
def attack_add_with_two_huge_variants(c: Context) -> Case:
    glossary = c.glossary()
    return Case(["-g", str(glossary), "add", "Tmall", "天猫", "-v", "x" * 100_000, "-v", "y" * 100_000],
                glossary=glossary, lost=_reloads(glossary, c))


@attack("2")
def attack_import_of_a_huge_note_from_json(c: Context) -> Case:
    glossary = c.glossary()
    back = c.folder / "back.json"
    back.write_text(json.dumps([{"english": "Tmall", "chinese": "天猫", "note": "n" * 200_000}]))
    return Case(["-g", str(glossary), "import", str(back), "--yes"], glossary=glossary, lost=_reloads(glossary, c))


@attack("2")
def attack_import_of_a_nul_from_json(c: Context) -> Case:
    glossary = c.glossary()
    back = c.folder / "back.json"
    back.write_text('[{"english": "Tmall", "chinese": "天猫", "note": "a\\u0000b"}]')
    return Case(["-g", str(glossary), "import", str(back), "--yes"], glossary=glossary, lost=_reloads(glossary, c))


@attack("2")
def attack_import_of_a_nul_from_xlsx(c: Context) -> Case:
    glossary = c.glossary()
    book = workbook(c.folder / "back.xlsx", None, [["english", "chinese", "note"], ["Tmall", "天猫", "a_x0000_b"]])
    return Case(["-g", str(glossary), "import", str(book), "--yes"], glossary=glossary, lost=_reloads(glossary, c))


@attack("2")
def attack_import_of_a_lone_surrogate_from_json(c: Context) -> Case:
    glossary = c.glossary()
    back = c.folder / "back.json"
    back.write_text('[{"english": "Tmall", "chinese": "\\ud800"}]')
    return Case(["-g", str(glossary), "import", str(back), "--yes"], glossary=glossary, lost=_reloads(glossary, c))


@attack("2")
def attack_add_with_bytes_that_are_not_utf8(c: Context) -> Case:
    glossary = c.glossary()
    return Case(["-g", str(glossary), "add", os.fsdecode(b"Tmall\xff"), "天猫"], glossary=glossary,
                lost=_reloads(glossary, c))


@attack("2")
def attack_check_an_xliff_with_a_lone_surrogate_code_point(c: Context) -> Case:
    path = xliff(c.folder / "t.xliff", 'Alibaba Cloud <cp hex="D800"/>', "阿里云")
    return Case(["-g", str(c.glossary()), "check", str(path)], codes=(0, 1, 2))


@attack("2")
def attack_export_import_round_trip_of_padded_cells(c: Context) -> Case:
    glossary = c.glossary("terms.csv", HEADER + "T1,Tmall,天猫,天貓,,product,approved,,  a note ,,,2026-11-01\n")
    c.run("-g", str(glossary), "export", str(c.folder / "out.json"))
    return Case(["-g", str(glossary), "import", str(c.folder / "out.json"), "--dry-run"], codes=(0,),
                glossary=glossary)


# --- 3. links and special files ----------------------------------------------------------------------------

@attack("3")
def attack_save_through_a_linked_glossary(c: Context) -> Case:
    real = c.glossary("real.csv")
    link = c.folder / "terms.csv"
    link.symlink_to(real)
    return Case(["-g", str(link), "add", "Tmall", "天猫"], codes=(0,), lost=lambda: (
        None if link.is_symlink() and b"Tmall" in real.read_bytes() else "the link was replaced; the real file "
        "never got the entry"))


@attack("3")
def attack_export_to_a_link(c: Context) -> Case:
    real = c.folder / "real.csv"
    real.write_text("old")
    link = c.folder / "out.csv"
    link.symlink_to(real)
    return Case(["-g", str(c.glossary()), "export", str(link)], codes=(0,), check=lambda r: (
        None if link.is_symlink() and real.read_text().startswith("id,") else "the link was replaced"))


@attack("3")
def attack_stale_temporary_of_a_killed_writer(c: Context) -> Case:
    glossary = c.glossary()
    stale = c.folder / f".terms.csv.{dead_pid()}-0123abcd.tmp"
    stale.write_bytes(b"x" * 1000)
    return Case(["-g", str(glossary), "add", "Tmall", "天猫"], codes=(0,),
                check=lambda r: "a killed writer's temporary file is still there" if stale.exists() else None)


for _name, _target in (("/dev/zero as the glossary", ["-g", "/dev/zero", "list"]),
                       ("a FIFO as the glossary", ["-g", "{fifo}", "list"]),
                       ("a folder as the glossary", ["-g", "{folder}", "list"]),
                       ("/dev/zero as a document", ["mine", "/dev/zero"]),
                       ("/dev/zero as a check target", ["check", "{en}", "/dev/zero"]),
                       ("a FIFO as an XLIFF file", ["check", "{fifo}.xlf"])):
    def _special(c: Context, target: list[str] = _target) -> Case:
        os.mkfifo(c.folder / "fifo")
        os.mkfifo(c.folder / "fifo.xlf")
        (c.folder / "folder").mkdir()
        (c.folder / "en.txt").write_text("Alibaba Cloud\n")
        args = [a.format(fifo=c.folder / "fifo", folder=c.folder / "folder", en=c.folder / "en.txt") for a in target]
        return Case(args)
    ATTACKS.append(Attack(_name, "3", _special))


@attack("3")
def attack_a_fifo_inside_a_mined_folder(c: Context) -> Case:
    docs = c.folder / "docs"
    docs.mkdir()
    os.mkfifo(docs / "pipe.txt")
    (docs / "news.txt").write_text("Alibaba Cloud released Qwen. Alibaba Cloud grew.")
    return Case(["mine", str(docs), "--json"], codes=(0,))


# --- 4. the lookup cache -----------------------------------------------------------------------------------

def _index_of(c: Context) -> Path:
    """The cached index file the tree built for the folder's glossary."""
    return next((c.folder / ".cache").glob("index-*.sqlite3"))


def _answers(english: str) -> Callable[[subprocess.CompletedProcess], str | None]:
    """A check that lookup's first match is this entry."""
    return expect_json(lambda data: bool(data) and data[0]["english"] == english, f"first match is not {english}")


def _damaged_index(damage: Callable[[Path], None]) -> Callable[[Context], Case]:
    """Build the index, damage it, look up again."""
    def build(c: Context) -> Case:
        glossary = c.glossary()
        c.run("-g", str(glossary), "lookup", "qwen")
        damage(_index_of(c))
        return Case(["-g", str(glossary), "lookup", "qwen", "--json"], codes=(0,), check=_answers("Tongyi Qianwen"))
    return build


def _flip_bytes(seed: int) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        rng = random.Random(seed)
        for _ in range(20):
            data[rng.randrange(100, len(data))] ^= 0xFF
        path.write_bytes(bytes(data))
    return damage


def _sql(*statements: str) -> Callable[[Path], None]:
    """Damage an index with the first statement its layout accepts (index layouts differ between versions)."""
    def damage(path: Path) -> None:
        with contextlib.closing(sqlite3.connect(path)) as connection:
            for statement in statements:
                try:
                    connection.executescript(statement)
                    return
                except sqlite3.Error:
                    continue
    return damage


_DAMAGES = {
    **{f"index with bytes flipped ({seed})": _flip_bytes(seed) for seed in range(5)},
    "index truncated": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 3]),
    "index of zero bytes": lambda p: p.write_bytes(b""),
    "index that is not SQLite": lambda p: p.write_bytes(b"hello" * 1000),
    "index with a table dropped": _sql("DROP TABLE IF EXISTS keys"),
    "index with NULL for text": _sql("UPDATE entries SET english = NULL", "UPDATE entries SET texts = NULL"),
    "index answering with another entry": _sql(
        "UPDATE entries SET english = 'Wrong Answer', chinese = '错'",
        "UPDATE entries SET texts = (SELECT texts FROM entries ORDER BY pos DESC LIMIT 1), crc = "
        "(SELECT crc FROM entries ORDER BY pos DESC LIMIT 1)"),
}
for _name, _damage in _DAMAGES.items():
    ATTACKS.append(Attack(_name, "4", _damaged_index(_damage)))


def _stale(edit: Callable[[Path], None]) -> Callable[[Context], Case]:
    """Build the index, change the glossary so that size and mtime are as before, look up again."""
    def build(c: Context) -> Case:
        glossary = c.glossary()
        c.run("-g", str(glossary), "lookup", "chongqing")
        edit(glossary)
        return Case(["-g", str(glossary), "lookup", "chongqing", "--json"], codes=(0,),
                    check=expect_json(lambda d: bool(d) and d[0]["chinese"] == "重广", "stale answer (old Chinese)"))
    return build


def _edit_in_place_keeping_mtime(whole_seconds: bool) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        info = path.stat()
        path.write_bytes(path.read_bytes().replace("重庆".encode(), "重广".encode()))
        mtime = (info.st_mtime_ns // 1_000_000_000) * 1_000_000_000 if whole_seconds else info.st_mtime_ns
        if whole_seconds:
            os.utime(path, ns=(mtime, mtime))
            return
        os.utime(path, ns=(info.st_atime_ns, mtime))
    return edit


def _swap_same_size_same_mtime(path: Path) -> None:
    info = path.stat()
    other = path.with_name("other.csv")
    other.write_bytes(path.read_bytes().replace("重庆".encode(), "重广".encode()))
    os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns))
    data = other.read_bytes()
    path.write_bytes(data)  # the same inode, same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


ATTACKS.append(Attack("stale: edited in place, ns mtime restored", "4", _stale(_edit_in_place_keeping_mtime(False))))
ATTACKS.append(Attack("stale: edited in place, whole-second mtime", "4", _stale(_edit_in_place_keeping_mtime(True))))
ATTACKS.append(Attack("stale: same size, same mtime, copied in", "4", _stale(_swap_same_size_same_mtime)))


@attack("4")
def attack_cache_folder_is_a_file(c: Context) -> Case:
    (c.folder / ".cache").write_text("not a folder")
    return Case(["-g", str(c.glossary()), "lookup", "qwen", "--json"], codes=(0,), check=_answers("Tongyi Qianwen"))


@attack("4")
def attack_stale_index_temporary_of_a_killed_rebuild(c: Context) -> Case:
    glossary = c.glossary()
    c.run("-g", str(glossary), "lookup", "qwen")
    index = _index_of(c)
    stale = index.with_name(f".{index.name}.{dead_pid()}-0123abcd.tmp")
    stale.write_bytes(b"x" * 1000)
    glossary.write_text(GLOSSARY + "T005,Tmall,天猫,天貓,,product,approved,,,,,2026-11-01\n", encoding="utf-8")
    return Case(["-g", str(glossary), "lookup", "tmall", "--json"], codes=(0,), check=lambda r: (
        "a killed rebuild's temporary file is still there"
        if any(p.name.endswith(".tmp") for p in (c.folder / ".cache").iterdir()) else None))


# --- 5. hostile structure ----------------------------------------------------------------------------------

@attack("5")
def attack_docx_nested_1500_deep(c: Context) -> Case:
    body = "<w:sdt>" * 1500 + "<w:p><w:r><w:t>Alibaba Cloud</w:t></w:r></w:p>" + "</w:sdt>" * 1500
    return Case(["mine", str(docx(c.folder / "deep.docx", body))], codes=(0, 2))


@attack("5")
def attack_xliff_nested_100000_deep(c: Context) -> Case:
    path = xliff(c.folder / "deep.xliff", "<pc id='1'>" * 100_000 + "Alibaba Cloud" + "</pc>" * 100_000, "阿里云")
    return Case(["-g", str(c.glossary()), "check", str(path)], codes=(0, 1, 2))


@attack("5")
def attack_tmx_nested_hi_5000_deep(c: Context) -> Case:
    seg = "<hi>" * 5000 + "Alibaba Cloud" + "</hi>" * 5000
    path = c.folder / "deep.tmx"
    path.write_text(f'<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
                    f'<seg>{seg}</seg></tuv><tuv xml:lang="zh"><seg>阿里云</seg></tuv></tu></body></tmx>')
    return Case(["-g", str(c.glossary()), "check", str(path)], codes=(0, 1, 2))


@attack("5")
def attack_json_nested_100000_deep(c: Context) -> Case:
    glossary = c.glossary()
    (c.folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    return Case(["-g", str(glossary), "import", str(c.folder / "deep.json"), "--yes"], glossary=glossary)


@attack("5")
def attack_json_number_of_5000_digits(c: Context) -> Case:
    glossary = c.glossary()
    (c.folder / "big.json").write_text('[{"english": "Tmall", "chinese": "天猫", "note": ' + "9" * 5000 + "}]")
    return Case(["-g", str(glossary), "import", str(c.folder / "big.json"), "--yes"], codes=(0, 2),
                glossary=None, lost=_reloads(glossary, c))


@attack("5")
def attack_docx_member_flagged_encrypted(c: Context) -> Case:
    return Case(["mine", str(docx(c.folder / "locked.docx", "<w:p/>", encrypted=True))])


@attack("5")
def attack_html_declaring_charset_rot13(c: Context) -> Case:
    (c.folder / "page.html").write_bytes(b'<html><head><meta charset="rot13"></head><body>Alibaba Cloud</body></html>')
    return Case(["mine", str(c.folder / "page.html")], codes=(0, 2))


@attack("5")
def attack_encoding_option_base64(c: Context) -> Case:
    (c.folder / "a.txt").write_text("Alibaba Cloud released Qwen.")
    return Case(["mine", str(c.folder / "a.txt"), "--encoding", "base64"])


@attack("5")
def attack_a_line_of_a_million_equals_signs(c: Context) -> Case:
    (c.folder / "line.txt").write_text("=" * 1_000_000)
    return Case(["mine", str(c.folder / "line.txt")], codes=(0,))


@attack("5")
def attack_workbook_with_a_cell_at_xfd1048576(c: Context) -> Case:
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>english</t>'
             '</is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
             "</sheetData></worksheet>")
    glossary = c.glossary()
    return Case(["-g", str(glossary), "import", str(workbook(c.folder / "far.xlsx", sheet)), "--yes"],
                glossary=glossary)


@attack("5")
def attack_workbook_with_row_four_billion(c: Context) -> Case:
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>english</t></is></c></row><row r="4000000000">'
             '<c r="A4000000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')
    glossary = c.glossary()
    return Case(["-g", str(glossary), "import", str(workbook(c.folder / "far.xlsx", sheet)), "--yes"],
                glossary=glossary)


@attack("5")
def attack_check_a_workbook_with_a_cell_at_xfd1048576(c: Context) -> Case:
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c><c r="B1" t="inlineStr"><is>'
             '<t>target</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
             "</row></sheetData></worksheet>")
    return Case(["-g", str(c.glossary()), "check", str(workbook(c.folder / "far.xlsx", sheet))], codes=(0, 1, 2))


@attack("5")
def attack_folder_with_a_file_name_not_in_utf8(c: Context) -> Case:
    docs = c.folder / "docs"
    docs.mkdir()
    (docs / os.fsdecode(b"caf\xe9.txt")).write_text("Alibaba Cloud released Qwen. Alibaba Cloud grew.")
    return Case(["mine", str(docs), "-o", str(c.folder / "out.csv")], codes=(0,))


# --- 6. the formula guard ----------------------------------------------------------------------------------

def _unguarded(path: Path) -> Callable[[subprocess.CompletedProcess], str | None]:
    def check(result: subprocess.CompletedProcess) -> str | None:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        cells = [cell for line in text.splitlines() for cell in line.replace("\t", ",").split(",")]
        return "a formula was written unguarded" if any(cell.startswith(("=", "+", "@")) for cell in cells) else None
    return check


@attack("6")
def attack_deepl_export_of_a_formula(c: Context) -> Case:
    glossary = c.glossary("terms.csv", HEADER + 'T1,"=HYPERLINK(""http://x"",""y"")",天猫,,,product,approved,,,,,\n')
    return Case(["-g", str(glossary), "export", str(c.folder / "d.tsv"), "--format", "deepl"], codes=(0,),
                check=_unguarded(c.folder / "d.tsv"))


@attack("6")
def attack_mined_csv_of_a_formula(c: Context) -> Case:
    (c.folder / "evil.txt").write_text('=HYPERLINK("http://x.test","click") Tencent denied it. Tencent grew.')
    return Case(["mine", str(c.folder / "evil.txt"), "-o", str(c.folder / "m.csv")], codes=(0,),
                check=_unguarded(c.folder / "m.csv"))


# --- 7. odd queries and arguments --------------------------------------------------------------------------

for _query in ("!!!", "...", "?", "？", "·", "-", "“”", "_"):
    ATTACKS.append(Attack(f"lookup {_query!r}", "7", lambda c, q=_query: Case(["-g", str(c.glossary()), "lookup", q],
                                                                            codes=(1,))))
ATTACKS.append(Attack("lookup of spaces only", "7", lambda c: Case(["-g", str(c.glossary()), "lookup", "   "],
                                                                   codes=(1, 2))))


@attack("7")
def attack_a_newline_inside_a_path(c: Context) -> Case:
    return Case(["mine", str(c.folder / "no\nsuch.txt")], check=lambda r: None if len(
        r.stderr.strip().splitlines()) == 1 else "the path broke the error over two lines")


# --- the report --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", type=Path, help="a source tree to attack (repeatable)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a run counts as hung")
    parser.add_argument("--only", default="", help="only attacks whose name contains this")
    parser.add_argument("--verbose", action="store_true", help="print every attack's outcome")
    options = parser.parse_args()
    trees = [tree.resolve() for tree in (options.tree or [ROOT])]
    attacks = [a for a in ATTACKS if options.only in a.name]
    results: dict[Path, list[tuple[Attack, str, str]]] = {tree: [] for tree in trees}
    for item in attacks:
        for tree in trees:
            outcome, reason = run_attack(item, tree, options.timeout)
            results[tree].append((item, outcome, reason))
            if options.verbose or outcome not in ("clean", "skipped"):
                print(f"  [{tree.name}] §{item.section} {item.name}: {outcome} {reason}", flush=True)
    print(f"\n{len(attacks)} attacks (timeout {options.timeout:g} s)")
    print(f"{'tree':<24}" + "".join(f"{name:>11}" for name in ("attacks", *OUTCOMES, "skipped")))
    for tree, rows in results.items():
        counts = {name: sum(1 for _, outcome, _ in rows if outcome == name) for name in (*OUTCOMES, "skipped")}
        ran = len(rows) - counts["skipped"]
        print(f"{str(tree)[-24:]:<24}{ran:>11}" + "".join(f"{counts[name]:>11}" for name in (*OUTCOMES, "skipped")))


if __name__ == "__main__":
    main()
