"""terms.csv: which file, loading with validation, and atomic, locked, deterministic saving."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import secrets
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from .errors import GlossaryError, ValidationError
from .files.atomic import real_path, write_atomically
from .files.reading import os_reason, read_bytes, shown
from .schema import (
    CATEGORY, CHINESE, CHINESE_VARIANTS, COLUMNS, CONTEXT, ENGLISH, PINYIN, SOURCE, TRADITIONAL, VARIANTS, TermEntry,
    check_entries,
    check_entry, check_header, check_text, clean_text, english_identity, printable, split_variants, join_variants,
    today,
)

ENV_GLOSSARY = "GLOSSARY_FILE"
DEFAULT_FILENAME = "terms.csv"
LOCK_TIMEOUT_SECONDS = 30.0
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_ID_EPOCH_MS = 1_704_067_200_000  # 2024-01-01T00:00:00Z
_last_id_ms = 0


# --- which glossary ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossarySource:
    """Where a glossary comes from, and whether it may be written."""

    path: Path
    embedded: bool = False
    reason: str = ""

    def require_writable(self) -> Path:
        """The path, or an error saying how to get a writable glossary."""
        if self.embedded:
            raise GlossaryError(
                "the shipped glossary is read-only: run `glossary init` to copy it to ./terms.csv "
                "(or `glossary init --empty`), or name a file with --glossary PATH or $GLOSSARY_FILE"
            )
        return self.path


def embedded_path() -> Path:
    """The terms.csv shipped inside the package (the default glossary)."""
    return Path(str(resources.files("glossary").joinpath("data").joinpath(DEFAULT_FILENAME)))


def resolve(explicit: str | os.PathLike | None = None) -> GlossarySource:
    """Pick the glossary: --glossary PATH, else $GLOSSARY_FILE, else ./terms.csv, else the shipped one."""
    if explicit:
        return GlossarySource(Path(explicit), reason="--glossary")
    from_env = os.environ.get(ENV_GLOSSARY)
    if from_env:
        return GlossarySource(Path(from_env), reason=f"${ENV_GLOSSARY}")
    local = Path.cwd() / DEFAULT_FILENAME
    if local.is_file():
        return GlossarySource(local, reason="./terms.csv")
    return GlossarySource(embedded_path(), embedded=True, reason="shipped default")


# --- reading ----------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """A glossary file's text: UTF-8 (a BOM is accepted), with a clear error otherwise."""
    if not os.path.lexists(path):
        raise GlossaryError(f"{shown(path)}: no such glossary file (create one with `glossary init {shown(path)}`)")
    data = read_bytes(path, "glossary file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(
            f"{path} row {row}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8 CSV"
        ) from None


def parse_rows(text: str, path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the (row number, cells by column) records of CSV text; blank lines skipped."""
    from .files.sheets import csv_rows

    if "\x00" in text:
        raise GlossaryError(f"{path}: contains NUL bytes; this is not a CSV text file")
    rows = csv_rows(text, path, delimiter=",")
    first = next(rows, None)
    if first is None:
        raise GlossaryError(f"{path} row 1: empty file; a glossary needs the header {','.join(COLUMNS)}")
    header = [name.strip() for name in first[1]]
    problems = check_header(header)
    if problems:
        raise ValidationError(str(path), [(1, p) for p in problems])
    records = []
    for number, cells in rows:
        if any(map(str.strip, cells)):
            if len(cells) != len(header):
                raise ValidationError(str(path), [(number, f"{len(cells)} cells where the header has {len(header)}")])
            records.append((number, dict(zip(header, cells))))
    return header, records


def read_entries(path: Path) -> list[TermEntry]:
    """Load and validate a glossary file; every problem is reported with its row, nothing repaired."""
    _, records = parse_rows(read_text(path), path)
    entries = [TermEntry.from_row(cells) for _, cells in records]
    problems = check_entries(entries, [row for row, _ in records])
    if problems:
        raise ValidationError(str(path), problems)
    return entries


# --- the in-memory glossary -------------------------------------------------------------------


def new_id(existing: Iterable[str] = ()) -> str:
    """A fresh id: 'T' + milliseconds since 2024 + random bits (Crockford base32), sortable by creation."""
    global _last_id_ms
    taken = set(existing)
    while True:
        now_ms = max(int(time.time() * 1000) - _ID_EPOCH_MS, _last_id_ms + 1)
        _last_id_ms = now_ms
        number = (now_ms << 10) | secrets.randbits(10)
        text = "".join(_CROCKFORD[(number >> shift) & 31] for shift in range(45, -1, -5))
        candidate = "T" + text
        if candidate not in taken:
            return candidate


class Glossary:
    """A glossary in memory: entries by id, with checked add, update and remove."""

    def __init__(self, entries: Iterable[TermEntry] = (), path: Path | None = None) -> None:
        self.path = path
        self._entries: dict[str, TermEntry] = {}
        self._owners: dict[str, str] = {}  # English identity of a term or variant → entry id
        self._chinese: dict[str, set[str]] = {}  # simplified or traditional form → ids of the entries using it
        for entry in entries:
            self._entries[entry.id] = entry
            self._claim(entry)
        self.changed = False

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[TermEntry]:
        return iter(self.entries())

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def entries(self) -> list[TermEntry]:
        """All entries, sorted by id (the order they are saved in)."""
        return [self._entries[key] for key in sorted(self._entries)]

    def by_id(self, entry_id: str) -> TermEntry | None:
        """The entry with this id, or None."""
        return self._entries.get(entry_id)

    def get(self, entry_id: str) -> TermEntry:
        """The entry with this id, or an error naming it."""
        try:
            return self._entries[entry_id]
        except KeyError:
            raise GlossaryError(f"no entry with id {entry_id!r}") from None

    def owner_of(self, english: str) -> TermEntry | None:
        """The entry whose English term or variant is this string (case-insensitive), if any."""
        owner = self._owners.get(english_identity(english))
        return self._entries.get(owner) if owner else None

    def owners_of_chinese(self, chinese: str) -> list[TermEntry]:
        """The entries whose simplified or traditional form is exactly this text, by id."""
        return [self._entries[i] for i in sorted(self._chinese.get(chinese.strip(), ()))]

    def find(self, selector: str) -> TermEntry:
        """The entry named by an id, or by its exact English term or variant."""
        if selector in self._entries:
            return self._entries[selector]
        owner = self.owner_of(selector)
        if owner is None:
            raise GlossaryError(f"no entry with id or English term {selector!r}")
        return owner

    def find_term(self, term: str) -> TermEntry | None:
        """The entry a term names: by its English term or variant, else by its Chinese form in either script."""
        owner = self.owner_of(term)
        if owner is None:
            owner = next(iter(self.owners_of_chinese(term)), None)
        return owner

    def select(self, category: str | None = None, status: str | None = None) -> list[TermEntry]:
        """The entries of a category and status (either may be None for any), sorted by English (else Chinese)."""
        chosen = [e for e in self._entries.values() if (not category or e.category == category)
                  and (not status or e.status == status)]
        return sorted(chosen, key=lambda e: ((e.english or e.chinese).casefold(), e.id))

    def add(self, entry: TermEntry) -> TermEntry:
        """Add a new entry (id assigned when empty, pinyin and traditional derived, date stamped); refuses clashes."""
        if entry.id and entry.id in self._entries:
            raise GlossaryError(f"id {entry.id!r} is already used by {self._entries[entry.id].english!r}")
        _refuse_unstorable(entry.to_row())
        if entry.chinese.strip() and not entry.traditional:
            from .chinese import to_traditional

            entry = entry.with_changes(traditional=to_traditional(entry.chinese.strip()))
        entry = complete_entry(entry.with_changes(id=entry.id or new_id(self._entries)))
        self._check_fits(entry, adding=True)
        self._entries[entry.id] = entry
        self._claim(entry)
        self.changed = True
        return entry

    def update(self, entry_id: str, add_variants: Iterable[str] = (), remove_variants: Iterable[str] = (),
               **changes: str) -> TermEntry:
        """Change fields of an entry; variants can be added and removed one by one (a removed variant must be
        there); pinyin and traditional follow a changed Chinese form (see derived_changes)."""
        old = self.get(entry_id)
        add_variants, remove_variants = list(add_variants), list(remove_variants)
        if add_variants or remove_variants:
            current = split_variants(changes.get(VARIANTS, old.variants))
            missing = [v for v in remove_variants if v not in current]
            if missing:
                raise GlossaryError(f"{old.english!r} has no variant {missing[0]!r}")
            changes[VARIANTS] = join_variants([v for v in current if v not in remove_variants] + add_variants)
        _refuse_unstorable(changes, old.english or old.chinese)
        changes = {**changes, **derived_changes(old, changes)[0]}
        for name in (VARIANTS, CHINESE_VARIANTS, TRADITIONAL):
            if name in changes:
                changes[name] = join_variants(split_variants(changes[name]))
        new = complete_entry(old.with_changes(**changes), derive=False)
        if new == old:
            return old
        new = new.with_changes(updated=today())
        self._check_fits(new)
        self._release(old)
        self._entries[entry_id] = new
        self._claim(new)
        self.changed = True
        return new

    def remove(self, entry_id: str) -> TermEntry:
        """Remove an entry and return it."""
        entry = self.get(entry_id)
        del self._entries[entry_id]
        self._release(entry)
        self.changed = True
        return entry

    def _check_fits(self, entry: TermEntry, adding: bool = False) -> None:
        """Refuse an entry that breaks the schema or claims another entry's English term."""
        label = entry.english or entry.chinese
        problems = check_entry(entry)
        if problems:
            raise GlossaryError(f"{label!r}: {problems[0]}")
        for form in entry.english_forms():
            owner = self._owners.get(english_identity(form))
            if owner is None or owner == entry.id:
                continue
            existing = self._entries[owner]
            if adding:
                named = "" if english_identity(form) == english_identity(existing.english) else \
                    f", a variant of {existing.english!r}"
                raise GlossaryError(f"{form!r} already exists ({owner}{named}); use `glossary edit {owner}` "
                                    "to change that entry")
            raise GlossaryError(f"{label!r}: {form!r} is already a form of another entry ({owner}, "
                                f"{existing.english!r})")

    def _claim(self, entry: TermEntry) -> None:
        """Record the entry as owner of its English term and variants, and as a user of its Chinese forms."""
        for form in entry.english_forms():
            self._owners.setdefault(english_identity(form), entry.id)
        for form in entry.chinese_forms():
            self._chinese.setdefault(form, set()).add(entry.id)

    def _release(self, entry: TermEntry) -> None:
        """Forget the entry as owner of its English forms and user of its Chinese forms."""
        for form in entry.english_forms():
            if self._owners.get(english_identity(form)) == entry.id:
                del self._owners[english_identity(form)]
        for form in entry.chinese_forms():
            self._chinese.get(form, set()).discard(entry.id)

    def to_frame(self):
        """The entries as a pandas DataFrame with the schema's columns (all text)."""
        import pandas as pd

        return pd.DataFrame([e.values() for e in self.entries()], columns=list(COLUMNS), dtype="string")


def _refuse_unstorable(fields: dict[str, str], label: str = "") -> None:
    """Refuse, before anything is derived from it, text that no glossary file can carry."""
    for name, value in fields.items():
        problem = check_text(name, value)
        if problem:
            label = label or fields.get(ENGLISH) or fields.get(CHINESE) or "new entry"
            raise GlossaryError(f"{printable(label)[:80]!r}: {problem}")


def derived_changes(old: TermEntry, changes: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The fields that follow from changing an entry, and warnings about fields that may not.

    A new Chinese form re-derives the pinyin (unless the change gives one) and the traditional form when
    that was a plain character conversion of the old one; a traditional form that was not (Taiwan
    vocabulary such as 輝達) is kept, with the warning 'traditional may be stale'. A pinyin that was the
    derived one follows a change of category (people's names are spelt surname apart)."""
    from .chinese import to_pinyin, to_traditional

    chinese = changes.get(CHINESE, old.chinese).strip()
    category = changes.get(CATEGORY, old.category)
    derived: dict[str, str] = {}
    warnings: list[str] = []
    chinese_changed = chinese != old.chinese
    if not changes.get(PINYIN):
        follows_category = category != old.category and old.pinyin == to_pinyin(old.chinese, old.category)
        if chinese_changed or PINYIN in changes or follows_category:
            derived[PINYIN] = to_pinyin(chinese, category) if chinese else ""
    if chinese_changed and TRADITIONAL not in changes and old.traditional:
        if old.traditional == to_traditional(old.chinese):
            derived[TRADITIONAL] = to_traditional(chinese)
        else:
            warnings.append(f"traditional may be stale: {old.traditional} was written for {old.chinese}, "
                            f"not converted from it")
    return {k: v for k, v in derived.items() if v != changes.get(k, getattr(old, k))}, warnings


def complete_entry(entry: TermEntry, derive: bool = True) -> TermEntry:
    """Trim every field (clean_text), stamp today's date when missing and (with `derive`) fill the pinyin.

    Updates pass derive=False: what follows from a change is derived_changes' work, shown to the user;
    an entry stored without pinyin keeps it empty (lookups derive it for display)."""
    changes = {name: clean_text(getattr(entry, name)) for name in COLUMNS}
    for name in (VARIANTS, CHINESE_VARIANTS, TRADITIONAL):  # '|'-separated forms, tidied the same way
        changes[name] = join_variants(split_variants(changes[name]))
    changes = {name: value for name, value in changes.items() if value != getattr(entry, name)}
    entry = entry.with_changes(**changes) if changes else entry
    if derive and entry.chinese and not entry.pinyin:
        from .chinese import to_pinyin

        entry = entry.with_changes(pinyin=to_pinyin(entry.chinese, entry.category))
    return entry if entry.updated else entry.with_changes(updated=today())


def load(path: str | os.PathLike | None = None) -> Glossary:
    """Load a glossary (resolved like the CLI's --glossary when no path is given)."""
    source = resolve(path)
    return Glossary(read_entries(source.path), path=source.path)


# --- writing ----------------------------------------------------------------------------------


def serialise(entries: Iterable[TermEntry]) -> str:
    """The CSV text of a glossary: header, then rows sorted by id; same entries, same bytes."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    # csv quotes a lone carriage return only when it is part of the line terminator: such rows are fully quoted
    quoting_writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    for entry in sorted(entries, key=lambda e: e.id):
        values = entry.values()
        (quoting_writer if any("\r" in value for value in values) else writer).writerow(values)
    return buffer.getvalue()


def content_hash(entries: Iterable[TermEntry]) -> str:
    """A fingerprint of a whole glossary's content: of its canonical terms.csv text."""
    from hashlib import sha256

    return sha256(serialise(entries).encode("utf-8")).hexdigest()[:16]


def save(glossary: Glossary, path: str | os.PathLike | None = None) -> Path:
    """Save a glossary atomically to its own path (or another one)."""
    target = Path(path) if path else glossary.path
    if target is None:
        raise GlossaryError("no path to save the glossary to")
    if target.resolve() == embedded_path().resolve():
        GlossarySource(target, embedded=True).require_writable()
    entries = glossary.entries()
    problems = check_entries(entries)
    if problems:  # never write a file that loading would refuse
        row, message = problems[0]
        raise GlossaryError(f"not saved: entry {entries[row - 2].id or row - 1}: {message} (nothing was changed)")
    write_atomically(target, serialise(entries))
    glossary.changed = False
    return target


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold the glossary's lock file (PATH.lock) so that concurrent writers take turns."""
    from filelock import FileLock, Timeout

    lock_path = Path(str(real_path(Path(path))) + ".lock")  # one lock for every link to the same file
    if not lock_path.parent.is_dir():
        raise GlossaryError(f"cannot write {path}: {lock_path.parent} is not a directory (nothing was changed)")
    lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise GlossaryError(
            f"{path}: another glossary process has held the lock for {LOCK_TIMEOUT_SECONDS:.0f} s; try again"
        ) from None
    except OSError as error:
        problem = "is a folder" if lock_path.is_dir() else f"cannot be opened: {os_reason(error)}"
        raise GlossaryError(f"cannot write {path}: its lock file {lock_path.name} {problem} (nothing was changed)") \
            from None
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def editing(path: str | os.PathLike) -> Iterator[Glossary]:
    """Lock the file, load it fresh, let the caller change it, and save it if it changed."""
    path = Path(path)
    with file_lock(path):
        glossary = Glossary(read_entries(path), path=path)
        yield glossary
        if glossary.changed:
            save(glossary)


def create(path: str | os.PathLike, entries: Iterable[TermEntry] = (), overwrite: bool = False) -> Path:
    """Create a new glossary file (refusing to replace an existing one unless asked)."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise GlossaryError(f"{path} already exists (use --force to replace it)")
    if not path.parent.exists():
        raise GlossaryError(f"{path.parent}: no such folder")
    with file_lock(path):
        write_atomically(path, serialise(entries))
    return path


# The fields whose completeness `glossary stats` reports, by the name it shows them under.
COMPLETENESS_FIELDS = {"context": CONTEXT, "variants": VARIANTS, "chinese variants": CHINESE_VARIANTS,
                       "traditional": TRADITIONAL, "source": SOURCE}


def summarise(entries: Iterable[TermEntry]) -> dict[str, object]:
    """Counts for `glossary stats`: entries by category and status, filled fields overall and per category,
    last change."""
    from .schema import CATEGORIES, STATUSES

    entries = list(entries)
    by_category = {name: 0 for name in CATEGORIES}
    by_status = {name: 0 for name in STATUSES}
    completeness = {name: {label: 0 for label in COMPLETENESS_FIELDS} for name in CATEGORIES}
    for entry in entries:
        by_category[entry.category] = by_category.get(entry.category, 0) + 1
        by_status[entry.status] = by_status.get(entry.status, 0) + 1
        filled = completeness.setdefault(entry.category, {label: 0 for label in COMPLETENESS_FIELDS})
        for label, name in COMPLETENESS_FIELDS.items():
            filled[label] += bool(getattr(entry, name))
    return {
        "entries": len(entries),
        "by_category": by_category,
        "by_status": by_status,
        "with_chinese": sum(1 for e in entries if e.chinese),
        "with_traditional": sum(1 for e in entries if e.traditional),
        "with_pinyin": sum(1 for e in entries if e.pinyin),
        "with_variants": sum(1 for e in entries if e.variants),
        "variants": sum(len(e.variant_list()) for e in entries),
        "with_chinese_variants": sum(1 for e in entries if e.chinese_variants),
        "with_context": sum(1 for e in entries if e.context),
        "with_source": sum(1 for e in entries if e.source),
        "completeness_by_category": completeness,
        "last_updated": max((e.updated for e in entries if e.updated), default=""),
    }
