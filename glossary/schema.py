"""The term-entry schema: columns, categories, statuses and validation, defined once."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, fields, replace
from operator import attrgetter
from typing import Iterable

from .scripts import has_han

ID = "id"
ENGLISH = "english"
CHINESE = "chinese"
TRADITIONAL = "traditional"
PINYIN = "pinyin"
CATEGORY = "category"
STATUS = "status"
VARIANTS = "variants"
CHINESE_VARIANTS = "chinese_variants"
NOTE = "note"
CONTEXT = "context"
SOURCE = "source"
UPDATED = "updated"

COLUMNS: tuple[str, ...] = (
    ID, ENGLISH, CHINESE, TRADITIONAL, PINYIN, CATEGORY, STATUS, VARIANTS, CHINESE_VARIANTS, NOTE, CONTEXT, SOURCE,
    UPDATED,
)
# Columns a glossary file may lack (files written before they existed load all the same; saving adds them).
OPTIONAL_COLUMNS: tuple[str, ...] = (CHINESE_VARIANTS,)
CATEGORIES: tuple[str, ...] = (
    "person", "organization", "business unit", "product", "place", "event", "title", "jargon", "other",
)
STATUSES: tuple[str, ...] = ("approved", "proposed", "deprecated", "forbidden")
DEFAULT_CATEGORY = "other"
DEFAULT_STATUS = "proposed"

VARIANT_SEPARATOR = "|"
# The most a field may hold: what one spreadsheet cell holds (Excel's limit), so that every entry can be
# exported to a workbook, and far below what the CSV reader accepts, so that every saved file loads again.
MAX_FIELD_CHARS = 32_767
# Characters no glossary file can carry: NUL, lone surrogates (bytes that were not UTF-8), U+FFFE and U+FFFF.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SPACES = re.compile(r"\s+")


def normalise_category(value: str) -> str:
    """Map user spellings ('Business-Unit', 'business_unit') to the canonical category."""
    return _SPACES.sub(" ", value.replace("-", " ").replace("_", " ")).strip().lower()


def split_variants(value: str) -> list[str]:
    """The non-empty variants of a `|`-separated cell, in order, without duplicates."""
    seen: list[str] = []
    for part in value.split(VARIANT_SEPARATOR):
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen


def join_variants(variants: Iterable[str]) -> str:
    """The `|`-separated cell for a list of variants."""
    return VARIANT_SEPARATOR.join(v.strip() for v in variants if v.strip())


def english_identity(text: str) -> str:
    """The form under which two English strings count as the same term (case and spacing folded)."""
    return " ".join(text.split()).casefold()  # str.split's white space is the same as \s+


def today() -> str:
    """Today's date in ISO form, as stored in `updated`."""
    return _dt.date.today().isoformat()


_CELLS = attrgetter(*COLUMNS)  # an entry's cells in schema order, as one tuple, in C


@dataclass(frozen=True)
class TermEntry:
    """One glossary entry: a concept with its English and Chinese forms."""

    id: str
    english: str = ""
    chinese: str = ""
    traditional: str = ""
    pinyin: str = ""
    category: str = DEFAULT_CATEGORY
    status: str = DEFAULT_STATUS
    variants: str = ""
    chinese_variants: str = ""  # other accepted simplified forms (阿里 for 阿里巴巴), '|'-separated
    note: str = ""
    context: str = ""
    source: str = ""
    updated: str = ""

    @classmethod
    def from_row(cls, row: dict[str, str]) -> "TermEntry":
        """Build an entry from a CSV row keyed by column name (missing cells are empty)."""
        return cls(**{name: (row.get(name) or "") for name in COLUMNS})

    def to_row(self) -> dict[str, str]:
        """The entry as a column-name → text mapping in schema order."""
        return {name: getattr(self, name) for name in COLUMNS}

    def values(self) -> list[str]:
        """The cells in schema order."""
        return list(_CELLS(self))

    def variant_list(self) -> list[str]:
        """The English variants as a list."""
        return split_variants(self.variants)

    def english_forms(self) -> list[str]:
        """The canonical English term followed by its variants."""
        forms = [self.english] if self.english else []
        return forms + [v for v in self.variant_list() if v != self.english]

    def simplified_forms(self) -> list[str]:
        """The simplified Chinese form followed by the other accepted ones (chinese_variants)."""
        forms = [self.chinese] if self.chinese else []
        return forms + [v for v in split_variants(self.chinese_variants) if v not in forms]

    def traditional_forms(self) -> list[str]:
        """The traditional forms (the traditional column may hold several, '|'-separated)."""
        return split_variants(self.traditional)

    def chinese_forms(self) -> list[str]:
        """Every Chinese form of the entry: simplified ones, then traditional ones."""
        simplified = self.simplified_forms()
        return simplified + [f for f in self.traditional_forms() if f not in simplified]

    def with_changes(self, **changes: str) -> "TermEntry":
        """A copy with some fields replaced."""
        return replace(self, **changes)


assert tuple(f.name for f in fields(TermEntry)) == COLUMNS, "TermEntry fields must follow COLUMNS"


def check_header(header: list[str]) -> list[str]:
    """Problems with a glossary file's header row (missing or unknown columns)."""
    problems = []
    missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL_COLUMNS]
    unknown = [c for c in header if c not in COLUMNS]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if missing:
        problems.append(f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    if unknown:
        problems.append(
            f"unknown column{'s' if len(unknown) > 1 else ''}: {', '.join(repr(c) for c in unknown)} "
            f"(expected {', '.join(COLUMNS)})"
        )
    if duplicated:
        problems.append(f"repeated column{'s' if len(duplicated) > 1 else ''}: {', '.join(duplicated)}")
    return problems


def check_text(name: str, value: str) -> str | None:
    """Why a field's text cannot be stored (too long, a NUL, not valid Unicode), or None."""
    if len(value) > MAX_FIELD_CHARS:
        return f"{name} has {len(value):,} characters; a field holds at most {MAX_FIELD_CHARS:,} (as a spreadsheet cell)"
    bad = _UNSTORABLE.search(value)
    if bad is None:
        return None
    char = bad.group()
    if char == "\x00":
        return f"{name} contains a NUL character"
    if "\ud800" <= char <= "\udfff":
        return f"{name} is not valid text: it holds bytes that are not UTF-8 (or a lone surrogate, U+{ord(char):04X})"
    return f"{name} holds U+{ord(char):04X}, a non-character that files cannot carry"


def printable(text: str) -> str:
    """Text safe to print: lone surrogates (bytes that were not UTF-8, as in some file names) as \\udcXX escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if _SURROGATE.search(text) else text


def clean_text(value: str) -> str:
    """A field as stored: leading and trailing white space removed (the same on every way in)."""
    return value.strip()


def check_entry(entry: TermEntry, english_forms: list[str] | None = None) -> list[str]:
    """Problems within one entry, independent of the others (`english_forms`: its english_forms(), when known)."""
    values = entry.values()
    if max(map(len, values)) <= MAX_FIELD_CHARS and _UNSTORABLE.search("\n".join(values)) is None:
        problems = []  # every cell storable (most entries): one search, not one a cell
    else:
        problems = [problem for name, value in zip(COLUMNS, values) if (problem := check_text(name, value))]
    if not entry.id.strip():
        problems.append("empty id")
    elif entry.id.split() != [entry.id]:  # white space at its edges or inside
        problems.append(f"id {entry.id!r} contains white space")
    if not entry.english.strip() and not entry.chinese.strip():
        problems.append("empty english and chinese: an entry needs at least one of them")
    elif entry.status != "proposed" and not (entry.english.strip() and entry.chinese.strip()):
        missing = ENGLISH if not entry.english.strip() else CHINESE
        problems.append(f"empty {missing} in a '{entry.status}' entry (only 'proposed' entries may lack one side)")
    for form in entry.english_forms() if english_forms is None else english_forms:
        if has_han(form):
            problems.append(f"english {form!r} holds Chinese characters (Chinese goes in chinese or traditional)")
    if entry.category not in CATEGORIES:
        problems.append(f"unknown category {entry.category!r} (expected {', '.join(CATEGORIES)})")
    if entry.status not in STATUSES:
        problems.append(f"unknown status {entry.status!r} (expected {', '.join(STATUSES)})")
    if entry.updated and not _valid_date(entry.updated):
        problems.append(f"updated {entry.updated!r} is not an ISO date (YYYY-MM-DD)")
    return problems


def _valid_date(text: str) -> bool:
    """True for a real calendar date in YYYY-MM-DD form."""
    if not _ISO_DATE.match(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def check_entries(entries: Iterable[TermEntry], rows: Iterable[int] | None = None) -> list[tuple[int, str]]:
    """Every problem in a list of entries, as (row, message), including clashes between entries."""
    entries = list(entries)
    rows = list(rows) if rows is not None else list(range(2, len(entries) + 2))
    problems: list[tuple[int, str]] = []
    first_row_of_id: dict[str, int] = {}
    owner_of_english: dict[str, tuple[int, str]] = {}
    for row, entry in zip(rows, entries):
        forms = entry.english_forms()
        problems.extend((row, message) for message in check_entry(entry, forms))
        if entry.id in first_row_of_id:
            problems.append((row, f"duplicate id {entry.id!r} (first used in row {first_row_of_id[entry.id]})"))
        elif entry.id:
            first_row_of_id[entry.id] = row
        for form in forms:
            key = english_identity(form)
            owner = owner_of_english.get(key)
            if owner is None:
                owner_of_english[key] = (row, entry.id)
            elif owner[1] != entry.id:
                problems.append(
                    (row, f"{form!r} is claimed by two entries (also row {owner[0]}, id {owner[1]})")
                )
    return sorted(problems, key=lambda p: p[0])


# --- the miner's output table ------------------------------------------------------------------

KNOWN = "known"
FREQUENCY = "frequency"
DOCUMENTS = "documents"
SCORE = "score"
SUGGESTION = "suggestion"
# How sure a Chinese proposal is (0–1): 1 for an approved glossary entry, 0 when nothing is proposed.
CONFIDENCE = "confidence"
# Where a mined term was first seen (file:line); not the glossary's `source`, which is provenance.
FOUND_IN = "found_in"

MINED_COLUMNS: tuple[str, ...] = (
    ENGLISH, CHINESE, PINYIN, CATEGORY, STATUS, KNOWN, FREQUENCY, DOCUMENTS, SCORE, CONTEXT, FOUND_IN, SUGGESTION,
    CONFIDENCE,
)
