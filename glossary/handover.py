"""Hand-over: export a glossary for translators and CAT tools, and import their file back as a reviewed plan.

Import never loses work. Rows are matched to entries by id. A row without an id is a new entry, unless
its English term (or variant) is already in the glossary: then it is a duplicate, listed with the entry
it duplicates, and changes nothing unless asked to fill that entry's empty fields. When the file carries
export fingerprints (the Excel workbook and TBX do), each field of each exported row tells which side
changed it since the export: a field changed only in the file is applied (a blank cell that was not
blank at export is a deletion), one changed only in the glossary is kept, one changed on both sides is
a conflict, never resolved silently. Without fingerprints every difference is shown as a change to
review, and a blank cell never deletes. Fields derived from others (pinyin, traditional) follow a new
Chinese form, and show in the plan like any other change.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .version import version
from .errors import GlossaryError
from .files.reading import regular_file
from .formats import (
    ExportOptions, ImportedTable, entry_fingerprint, field_hash, format_for, module_for,
    read_fingerprint,
)
from .schema import (
    CATEGORY, CHINESE, CHINESE_VARIANTS, COLUMNS, CONTEXT, ENGLISH, ID, STATUS, TRADITIONAL, UPDATED, VARIANTS,
    TermEntry, check_entry,
    clean_text, english_identity, join_variants, normalise_category, split_variants,
)
from .store import Glossary, content_hash, derived_changes

# Resolving a conflict explicitly: keep the glossary's version, or take the file's.
PREFER_GLOSSARY, PREFER_FILE = "glossary", "file"
# What to do with a row that duplicates an existing entry: nothing (default), or fill its empty fields.
MERGE_FILL = "fill"
# Fields a duplicate row may fill: never the English term (that would rename the entry), the status or
# the category (they are never empty).
FILLABLE = tuple(c for c in COLUMNS if c not in (ID, ENGLISH, STATUS, CATEGORY, UPDATED))


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    format: str
    entries: int
    warnings: list[str] = field(default_factory=list)  # what the format could not carry, for the user


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
            "tool_version": version(),
            "source_path": str(glossary.path.resolve()) if glossary.path else "",
            "source_hash": content_hash(glossary.entries()),
            "columns": ",".join(columns),
        },
        row_hashes={entry.id: entry_fingerprint(entry, columns) for entry in entries},
    )
    warnings = module_for(name).write(entries, path, options) or []
    return ExportResult(path, name, len(entries), list(warnings))


@dataclass
class FieldChange:
    """One field of one entry, before and after; `derived` when it follows from another change."""

    field: str
    old: str
    new: str
    derived: bool = False

    def to_dict(self) -> dict[str, object]:
        """The change as plain data."""
        return {"field": self.field, "old": self.old, "new": self.new, "derived": self.derived}


@dataclass
class Duplicate:
    """A row without an id for a term the glossary (or an earlier row of the file) already has."""

    row: int
    english: str  # as the row writes it
    chinese: str
    entry: TermEntry | None  # the existing entry; None when it duplicates an earlier new row
    earlier_row: int = 0
    fills: list[FieldChange] = field(default_factory=list)  # the entry's empty fields the row would fill
    merged: bool = False  # the fills are part of the plan

    def to_dict(self) -> dict[str, object]:
        """The duplicate as plain data."""
        return {"row": self.row, "english": self.english, "chinese": self.chinese,
                "id": self.entry.id if self.entry else "", "earlier_row": self.earlier_row,
                "fills": [c.to_dict() for c in self.fills], "merged": self.merged}


@dataclass
class ImportPlan:
    """What an import would do, for review before anything is written."""

    path: Path
    added: list[tuple[int, TermEntry]] = field(default_factory=list)
    changed: list[tuple[int, TermEntry, list[FieldChange]]] = field(default_factory=list)
    removed: list[TermEntry] = field(default_factory=list)
    conflicts: list[tuple[int, TermEntry, list[FieldChange]]] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (row, message)
    ignored: dict[str, int] = field(default_factory=dict)  # unknown column → its non-empty cells
    unchanged: int = 0
    stale: int = 0  # rows the file did not change while the glossary did (the glossary's version stays)
    blank_kept: int = 0  # blank cells that did not delete anything (no fingerprint says they were emptied)

    @property
    def has_changes(self) -> bool:
        """Whether applying the plan would change the glossary."""
        return bool(self.added or self.changed or self.removed or any(d.merged and d.fills for d in self.duplicates))

    def to_dict(self) -> dict[str, object]:
        """The plan as plain data (for --json)."""
        def changed(items):
            return [{"row": row, "id": e.id, "english": e.english, "changes": [c.to_dict() for c in cs]}
                    for row, e, cs in items]

        return {
            "file": str(self.path),
            "added": [dict(row=row, **entry.to_row()) for row, entry in self.added],
            "changed": changed(self.changed),
            "removed": [e.to_row() for e in self.removed],
            "conflicts": changed(self.conflicts),
            "duplicates": [d.to_dict() for d in self.duplicates],
            "warnings": [{"row": row, "message": message} for row, message in self.warnings],
            "ignored_columns": dict(self.ignored),
            "unchanged": self.unchanged,
            "stale": self.stale,
            "blank_kept": self.blank_kept,
        }


def read_file(path: str | Path, format: str | None = None) -> ImportedTable:
    """Read a glossary file in any importable format."""
    path = regular_file(path)  # a pipe or a device would never end
    name = format_for(path, format)
    module = module_for(name)
    if not hasattr(module, "read"):
        raise GlossaryError(f"{path}: the {name} format can be exported but not imported")
    return module.read(path)


def plan_import(glossary: Glossary, path: str | Path, *, format: str | None = None,
                prefer: str | None = None, merge_duplicates: str | None = None) -> ImportPlan:
    """Compare a file with the glossary: added, changed (per field), removed, conflicts, duplicates.

    Writes nothing; the plan is rehearsed on a copy, so that what `apply_import` would refuse is refused
    here, with its row. A mined table (`glossary mine -o`) adds its rows as proposed entries and, for rows
    of terms the glossary has, fills only an empty `context`."""
    table = read_file(path, format)
    plan = ImportPlan(table.path, ignored=dict(table.ignored))
    exported_columns = table.metadata.get("columns", "").split(",") if table.metadata.get("columns") else None
    fill_fields = (CONTEXT,) if table.is_mined else FILLABLE if merge_duplicates == MERGE_FILL else ()
    seen_ids: set[str] = set()
    new_rows: dict[str, int] = {}  # English identity (or Chinese) of a new row → its row number
    for row_number, raw in table.rows:
        values = _normalised(raw, table.path, row_number)
        entry_id = values.get(ID, "")
        if entry_id and entry_id in seen_ids:
            raise GlossaryError(f"{table.path} row {row_number}: id {entry_id!r} appears twice in the file")
        seen_ids.add(entry_id)
        if not entry_id:
            _plan_new_row(plan, glossary, table, row_number, raw, values, new_rows, fill_fields)
            continue
        current = glossary.by_id(entry_id)
        if current is None:
            entry = _new_entry(values, table, row_number)
            if entry_id in table.row_hashes:  # exported, then removed from the glossary, still in the file
                plan.conflicts.append((row_number, entry, []))
            else:
                plan.added.append((row_number, entry))
            continue
        fingerprint = read_fingerprint(table.row_hashes.get(entry_id, ""), exported_columns or table.columns)
        _plan_matched_row(plan, current, values, table.columns, fingerprint, prefer, row_number)
    if table.row_hashes:
        plan.removed = [glossary.get(i) for i in table.row_hashes if glossary.by_id(i) and i not in seen_ids]
    _rehearse(glossary, plan)
    return plan


def _plan_new_row(plan: ImportPlan, glossary: Glossary, table: ImportedTable, row: int, raw: dict[str, str],
                  values: dict[str, str], new_rows: dict[str, int], fill_fields: Sequence[str]) -> None:
    """A row without an id: a duplicate of an existing entry or of an earlier row, or a new entry."""
    english, chinese = values.get(ENGLISH, ""), values.get(CHINESE, "")
    existing = glossary.owner_of(english) if english else None
    if existing is None and not english and chinese:
        existing = next(iter(glossary.owners_of_chinese(chinese)), None)
    if existing is not None:
        fills = [FieldChange(name, "", values[name]) for name in (fill_fields or FILLABLE)
                 if values.get(name) and not getattr(existing, name)]
        derived, _ = derived_changes(existing, {c.field: c.new for c in fills})
        fills += [FieldChange(name, getattr(existing, name), value, derived=True) for name, value in derived.items()]
        plan.duplicates.append(Duplicate(row, english, chinese, existing, fills=fills, merged=bool(fill_fields)))
        return
    identity = english_identity(english) if english else "zh:" + chinese
    if identity in new_rows:
        plan.duplicates.append(Duplicate(row, english, chinese, None, earlier_row=new_rows[identity]))
        return
    new_rows[identity] = row
    if table.is_mined:
        from .mining.proposals import entry_from_mined_row

        entry = entry_from_mined_row({**raw, **values})
    else:
        entry = _new_entry(values, table, row)
    plan.added.append((row, entry))
    for owner in glossary.owners_of_chinese(chinese) if chinese else ():
        plan.warnings.append((row, f"{chinese} is also the Chinese of {owner.id} ({owner.english or owner.chinese})"))


def _plan_matched_row(plan: ImportPlan, current: TermEntry, values: dict[str, str], columns: Sequence[str],
                      fingerprint: dict[str, str] | None, prefer: str | None, row: int) -> None:
    """Field by field, what a row matched by id changes, keeps or conflicts on (three-way with a fingerprint)."""
    clean: list[FieldChange] = []
    conflicting: list[FieldChange] = []
    stale = False
    for name in COLUMNS:
        if name in (ID, UPDATED) or name not in columns or name not in values:
            continue
        new, old = values[name], getattr(current, name)
        if new == clean_text(old) or (name in (STATUS, CATEGORY) and not new):
            continue  # an entry is never without status or category: an empty cell leaves them
        change = FieldChange(name, old, new)
        exported = fingerprint.get(name) if fingerprint else None
        if exported is None:
            if new:
                clean.append(change)
            else:
                plan.blank_kept += 1  # nothing says the cell was emptied on purpose
        elif field_hash(new) == exported:
            stale = True  # the file still has what was exported; the glossary changed it since
        elif field_hash(old) == exported or prefer == PREFER_FILE:
            clean.append(change)
        elif prefer == PREFER_GLOSSARY:
            stale = True
        else:
            conflicting.append(change)
    if clean:
        derived, warnings = derived_changes(current, {c.field: c.new for c in clean})
        clean = [c for c in clean if c.field not in derived]
        clean += [FieldChange(name, getattr(current, name), value, derived=True) for name, value in derived.items()]
        clean = [c for c in clean if c.new != c.old]
        plan.warnings.extend((row, f"{current.id}: {message}") for message in warnings)
    if clean:
        problems = check_entry(current.with_changes(**{c.field: c.new for c in clean}))
        if problems:
            raise GlossaryError(f"{plan.path} row {row}: {problems[0]}")
        plan.changed.append((row, current, clean))
    if conflicting:
        plan.conflicts.append((row, current, conflicting))
    plan.stale += stale and not clean and not conflicting
    plan.unchanged += not (clean or conflicting or stale)


def _rehearse(glossary: Glossary, plan: ImportPlan) -> None:
    """Apply the plan to a copy of the glossary, so that a clash (a variant another entry owns) is refused now."""
    apply_import(Glossary(glossary.entries(), path=glossary.path), plan)


def apply_import(glossary: Glossary, plan: ImportPlan) -> None:
    """Carry out a plan on a glossary in memory (the caller saves it); conflicts are left as they are."""
    steps = [(row, lambda e=entry: glossary.add(e)) for row, entry in plan.added]
    steps += [(row, lambda e=entry, cs=changes: glossary.update(e.id, **{c.field: c.new for c in cs}))
              for row, entry, changes in plan.changed]
    steps += [(d.row, lambda d=d: glossary.update(d.entry.id, **{c.field: c.new for c in d.fills}))
              for d in plan.duplicates if d.merged and d.fills and d.entry is not None]
    for row, step in steps:
        try:
            step()
        except GlossaryError as error:
            raise GlossaryError(f"{plan.path} row {row}: {error}") from None
    for entry in plan.removed:
        glossary.remove(entry.id)


def _normalised(raw: dict[str, str], path: Path, row: int) -> dict[str, str]:
    """A file row cleaned up: spaces trimmed, category/status spelled the schema's way, variants tidied."""
    values = {name: clean_text(value or "") for name, value in raw.items() if name in COLUMNS}
    if values.get(CATEGORY):
        values[CATEGORY] = normalise_category(values[CATEGORY])
    if values.get(STATUS):
        values[STATUS] = values[STATUS].lower()
    for name in (VARIANTS, CHINESE_VARIANTS, TRADITIONAL):
        if name in values:
            values[name] = join_variants(split_variants(values[name]))
    values.pop(UPDATED, None)  # the store stamps changes itself
    return values


def _new_entry(values: dict[str, str], table: ImportedTable, row: int) -> TermEntry:
    """A new entry from a row without a known id (checked now, so that bad rows are named before any write)."""
    entry = TermEntry.from_row({"category": "other", "status": "proposed", **{k: v for k, v in values.items() if v}})
    problems = [p for p in check_entry(entry.with_changes(id=entry.id or "new")) if "id" not in p]
    if problems:
        raise GlossaryError(f"{table.path} row {row}: {problems[0]}")
    return entry
