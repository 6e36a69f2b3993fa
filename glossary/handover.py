"""Hand-over: export a glossary for translators and CAT tools, and import their file back as a reviewed diff.

Import matches rows to entries by id; a row without an id is a new entry, unless its English term is
already in the glossary (then it updates that entry: importing a file twice adds nothing twice). When the file carries
export metadata (the Excel workbook does), each exported row's fingerprint tells which side changed
since the export: a change on both sides is a conflict, never resolved silently.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import GlossaryError
from .formats import (
    ExportOptions, ImportedTable, content_hash, entry_hash, format_for, module_for, values_hash,
)
from .schema import (
    CATEGORY, COLUMNS, ID, PINYIN, STATUS, UPDATED, VARIANTS, TermEntry, check_entry, join_variants,
    normalise_category, split_variants,
)
from .store import Glossary

# Resolving a conflict explicitly: keep the glossary's version, or take the file's.
PREFER_GLOSSARY, PREFER_FILE = "glossary", "file"


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    format: str
    entries: int


def export_glossary(glossary: Glossary, path: str | Path, *, format: str | None = None,
                    statuses: Sequence[str] = (), categories: Sequence[str] = (),
                    columns: Sequence[str] = COLUMNS, bom: bool = False, tbx_version: int = 3) -> ExportResult:
    """Write the glossary (optionally filtered) to a file; the format comes from the name or `format`."""
    path = Path(path)
    if not path.parent.exists():
        raise GlossaryError(f"{path.parent}: no such folder")
    name = format_for(path, format)
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise GlossaryError(f"unknown column {unknown[0]!r} (expected some of {', '.join(COLUMNS)})")
    columns = [c for c in COLUMNS if c in columns]
    if ID not in columns:
        columns.insert(0, ID)  # without ids nothing could be matched on import
    entries = [e for e in glossary.entries()
               if (not statuses or e.status in statuses) and (not categories or e.category in categories)]
    options = ExportOptions(
        format=name, columns=columns, bom=bom, tbx_version=tbx_version,
        metadata={
            "exported_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "tool_version": __version__,
            "source_path": str(glossary.path.resolve()) if glossary.path else "",
            "source_hash": content_hash(glossary.entries()),
            "columns": ",".join(columns),
        },
        row_hashes={entry.id: entry_hash(entry, columns) for entry in entries},
    )
    module_for(name).write(entries, path, options)
    return ExportResult(path, name, len(entries))


@dataclass
class FieldChange:
    """One field of one entry, before and after."""

    field: str
    old: str
    new: str


@dataclass
class ImportPlan:
    """What an import would do, for review before anything is written."""

    path: Path
    added: list[tuple[int, TermEntry]] = field(default_factory=list)
    changed: list[tuple[int, TermEntry, list[FieldChange]]] = field(default_factory=list)
    removed: list[TermEntry] = field(default_factory=list)
    conflicts: list[tuple[int, TermEntry, list[FieldChange]]] = field(default_factory=list)
    unchanged: int = 0
    stale: int = 0  # rows the file did not change while the glossary did (the glossary's version stays)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def to_dict(self) -> dict[str, object]:
        """The plan as plain data (for --json)."""
        change = lambda c: {"field": c.field, "old": c.old, "new": c.new}  # noqa: E731
        return {
            "file": str(self.path),
            "added": [dict(row=row, **entry.to_row()) for row, entry in self.added],
            "changed": [{"row": row, "id": e.id, "english": e.english, "changes": [change(c) for c in cs]}
                        for row, e, cs in self.changed],
            "removed": [e.to_row() for e in self.removed],
            "conflicts": [{"row": row, "id": e.id, "english": e.english, "changes": [change(c) for c in cs]}
                          for row, e, cs in self.conflicts],
            "unchanged": self.unchanged,
            "stale": self.stale,
        }


def read_file(path: str | Path, format: str | None = None) -> ImportedTable:
    """Read a glossary file in any importable format."""
    path = Path(path)
    if not path.exists():
        raise GlossaryError(f"{path}: no such file")
    name = format_for(path, format)
    module = module_for(name)
    if not hasattr(module, "read"):
        raise GlossaryError(f"{path}: the {name} format can be exported but not imported")
    return module.read(path)


def plan_import(glossary: Glossary, path: str | Path, *, format: str | None = None,
                prefer: str | None = None) -> ImportPlan:
    """Compare a file with the glossary: added, changed (per field), removed, conflicts. Writes nothing."""
    table = read_file(path, format)
    plan = ImportPlan(table.path)
    exported_columns = table.metadata.get("columns", "").split(",") if table.metadata.get("columns") else None
    seen_ids: set[str] = set()
    for row_number, raw in table.rows:
        values = _normalised(raw, table.path, row_number)
        entry_id = values.get(ID, "")
        if entry_id and entry_id in seen_ids:
            raise GlossaryError(f"{table.path} row {row_number}: id {entry_id!r} appears twice in the file")
        seen_ids.add(entry_id)
        current = glossary.by_id(entry_id) if entry_id else None
        if current is None and not entry_id and values.get("english"):
            current = glossary.owner_of(values["english"])  # a new row for a term the glossary already has
            if current is not None:
                values[ID] = current.id
        if current is None:
            if entry_id and entry_id in table.row_hashes:
                # exported, then removed from the glossary, still in the file
                plan.conflicts.append((row_number, _new_entry(values, table, row_number), []))
                continue
            plan.added.append((row_number, _new_entry(values, table, row_number)))
            continue
        changes = _field_changes(current, values, table.columns)
        if not changes:
            plan.unchanged += 1
            continue
        problems = check_entry(current.with_changes(**{c.field: c.new for c in changes}))
        if problems:
            raise GlossaryError(f"{table.path} row {row_number}: {problems[0]}")
        exported = table.row_hashes.get(entry_id)
        if exported is None:
            plan.changed.append((row_number, current, changes))
            continue
        columns = exported_columns or table.columns
        file_changed = values_hash({**current.to_row(), **values}, columns) != exported
        glossary_changed = entry_hash(current, columns) != exported
        if not file_changed:
            plan.stale += 1
        elif not glossary_changed or prefer == PREFER_FILE:
            plan.changed.append((row_number, current, changes))
        elif prefer == PREFER_GLOSSARY:
            plan.stale += 1
        else:
            plan.conflicts.append((row_number, current, changes))
    if table.row_hashes:
        plan.removed = [glossary.get(i) for i in table.row_hashes if glossary.by_id(i) and i not in seen_ids]
    return plan


def apply_import(glossary: Glossary, plan: ImportPlan) -> None:
    """Carry out a plan on a glossary in memory (the caller saves it); conflicts are left as they are."""
    for row, entry in plan.added:
        try:
            glossary.add(entry)
        except GlossaryError as error:
            raise GlossaryError(f"{plan.path} row {row}: {error}") from None
    for row, entry, changes in plan.changed:
        try:
            glossary.update(entry.id, **{c.field: c.new for c in changes})
        except GlossaryError as error:
            raise GlossaryError(f"{plan.path} row {row}: {error}") from None
    for entry in plan.removed:
        glossary.remove(entry.id)


def _normalised(raw: dict[str, str], path: Path, row: int) -> dict[str, str]:
    """A file row cleaned up: spaces trimmed, category/status spelled the schema's way, variants tidied."""
    values = {name: (value or "").strip() for name, value in raw.items() if name in COLUMNS}
    if values.get(CATEGORY):
        values[CATEGORY] = normalise_category(values[CATEGORY])
    if values.get(STATUS):
        values[STATUS] = values[STATUS].lower()
    if VARIANTS in values:
        values[VARIANTS] = join_variants(split_variants(values[VARIANTS]))
    values.pop(UPDATED, None)  # the store stamps changes itself
    return values


def _field_changes(current: TermEntry, values: dict[str, str], columns: Sequence[str]) -> list[FieldChange]:
    """The fields the file gives a different value (only columns the file has)."""
    changes = []
    for name in COLUMNS:
        if name in (ID, UPDATED) or name not in columns or name not in values:
            continue
        if name in (PINYIN, STATUS, CATEGORY) and not values[name]:
            continue  # an empty pinyin cell means "derive it"; an entry cannot be without status or category
        if values[name] != getattr(current, name):
            changes.append(FieldChange(name, getattr(current, name), values[name]))
    return changes


def _new_entry(values: dict[str, str], table: ImportedTable, row: int) -> TermEntry:
    """A new entry from a row without a known id (checked now, so that bad rows are named before any write)."""
    entry = TermEntry.from_row({"category": "other", "status": "proposed", **{k: v for k, v in values.items() if v}})
    problems = [p for p in check_entry(entry.with_changes(id=entry.id or "new")) if "id" not in p]
    if problems:
        raise GlossaryError(f"{table.path} row {row}: {problems[0]}")
    return entry
