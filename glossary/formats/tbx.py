"""TBX glossaries (ISO 30042): TBX-Basic in TBX v3 by default, or the TBX v2 `martif` form that
Translate Toolkit, Weblate and OmegaT read.

One entry is one concept entry (`conceptEntry` in v3, `termEntry` in v2), its id the entry's id:
    english, chinese, traditional  a term in the language section en, zh-Hans, zh-Hant
    variants                       more English terms, each marked <termNote type="termType">variant</termNote>
    chinese_variants               more zh-Hans terms, termType shortForm (inside the main form) or variant
    traditional A|B                zh-Hant terms: the first the main one, the others termType variant
    status                         <termNote type="administrativeStatus"> on each main term: approved →
                                   preferredTerm-admn-sts, proposed → admittedTerm-, deprecated → deprecatedTerm-,
                                   forbidden → supersededTerm-admn-sts (TBX-Basic has no "forbidden")
    category                       <termNote type="partOfSpeech">noun</termNote> on each term, and the category
                                   itself in a concept-level <note>category: …</note>
    pinyin                         <note>pinyin: …</note> on the Chinese term (TBX-Basic has no pronunciation)
    context                        <descrip type="context"> on the first term (the only level TBX-Basic allows)
    note, source                   a concept-level <note> and <admin type="source">
    updated                        a concept-level transacGrp: transac "modification" with its date
An id that is not a valid XML id (TBX requires one) gets a made-up one and the real id in <note>id: …</note>;
a note of the user's that starts like a labelled one is written behind "note: ".
The header's source description says the file comes from glossary and carries the exported columns, the
export metadata and the row fingerprints, so that an export reads back exactly.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from ..schema import (
    CATEGORY, CHINESE, CHINESE_VARIANTS, COLUMNS, CONTEXT, ENGLISH, ID, NOTE, PINYIN, SOURCE, STATUS, TRADITIONAL,
    UPDATED, VARIANTS,
    TermEntry, join_variants, split_variants,
)
from ..files.atomic import produce_atomically
from ..languages import COLUMN_TAGS, column_of_language
from . import ExportOptions, FormatError, ImportedTable

FORMATS = {"tbx": (".tbx",)}  # format name → the file name endings it claims
# XML 1.0 cannot carry the C0 control characters but tab, line feed and carriage return: an entry holding one
# is refused with a one-line error rather than written into a file no reader would open.
CANNOT_HOLD = "".join(chr(code) for code in range(1, 32) if chr(code) not in "\t\n\r")

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGE_CODES = {column: COLUMN_TAGS[column] for column in (ENGLISH, CHINESE, TRADITIONAL)}
STATUS_VALUES = {
    "approved": "preferredTerm-admn-sts",
    "proposed": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "forbidden": "supersededTerm-admn-sts",
}
# Spellings met in other tools' files (the "-admn-sts" suffix and "Term" removed, lower case).
_STATUS_READINGS = {
    "preferred": "approved", "standardized": "approved", "regulated": "approved", "legal": "approved",
    "approved": "approved", "admitted": "proposed", "proposed": "proposed", "deprecated": "deprecated",
    "superseded": "forbidden", "forbidden": "forbidden", "obsolete": "deprecated",
}
PART_OF_SPEECH = "noun"  # glossary terms are names and noun phrases
VARIANT_TYPE = "variant"
SHORT_FORM_TYPE = "shortForm"  # a Chinese variant inside the main form (阿里 of 阿里巴巴)
OTHER_FORM_TYPES = (VARIANT_TYPE, SHORT_FORM_TYPE)
MODIFICATION = "modification"
# Labelled notes carry the fields TBX-Basic has no data category for; a user's note that starts like one is
# written behind "note: " so that it reads back as a note.
NOTE_LABELS = {"id": ID, "category": CATEGORY, "pinyin": PINYIN, "note": NOTE}
HEADER_PREFIX = "glossary:"
COLUMNS_KEY, ROW_HASHES_KEY = "columns", "row-hashes"
PROVENANCE = "Exported from glossary, a bilingual English/Chinese terminology tool."

_SAFE_XML_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")  # an xsd:ID (NCName), kept to ASCII
_NOT_XML_CHARACTER = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class _Dialect:
    """Element names of one TBX version."""

    root: str
    header: str
    entry: str
    language: str
    term_group: str
    namespace: str = ""

    def add(self, parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
        """A new child element with optional text."""
        element = ET.SubElement(parent, name, attributes)
        element.text = text
        return element


V3 = _Dialect("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec", namespace=TBX_NAMESPACE)
V2 = _Dialect("martif", "martifHeader", "termEntry", "langSet", "tig")


# --- writing ----------------------------------------------------------------------------------


def write(entries: Sequence[TermEntry], path: Path, options: ExportOptions) -> None:
    """Write TBX-Basic: v3 (`tbx`, ISO 30042:2019) unless options.tbx_version is 2 (`martif`).

    The document around the entries is built once; the entries are serialised one at a time into the
    file, so a 100,000-entry glossary is never held as one element tree."""
    path = Path(path)
    if options.tbx_version not in (2, 3):
        raise FormatError(f"{path}: unknown TBX version {options.tbx_version} (expected 2 or 3)")
    dialect = V3 if options.tbx_version == 3 else V2
    columns = list(options.columns)
    root = _document(bool(entries), options, dialect, path)
    ET.indent(root, space="  ")
    before, _, after = _xml_text(root).partition(f"<{_PLACEHOLDER} />")

    def produce(temporary: Path) -> None:
        with open(temporary, "w", encoding="utf-8", newline="") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + before.rstrip(" "))
            holder = ET.Element("body")
            for entry, element_id in zip(entries, _element_ids(entries, columns)):
                _concept_entry(holder, entry, element_id, columns, dialect, path)
                concept = holder[0]
                ET.indent(concept, space="  ", level=3)
                out.write("      " + _xml_text(concept).rstrip() + "\n")
                holder.remove(concept)
            out.write("    " + after.lstrip() + "\n")

    produce_atomically(path, produce)


_PLACEHOLDER = "glossary-entries-go-here"


def _xml_text(element: ET.Element) -> str:
    """An element as XML text; a raw carriage return would come back as a line feed, so it is a reference."""
    return ET.tostring(element, encoding="unicode").replace("\r", "&#13;")


def _document(has_entries: bool, options: ExportOptions, dialect: _Dialect, path: Path) -> ET.Element:
    """The document without its entries: a placeholder element stands where they go."""
    attributes = {"type": "TBX-Basic"} | ({"style": "dca"} if dialect is V3 else {}) | {XML_LANG: "en"}
    # ElementTree's default_namespace refuses plain attribute names, so the namespace is declared by hand.
    root = ET.Element(dialect.root, attributes | ({"xmlns": dialect.namespace} if dialect.namespace else {}))
    _header(root, options, dialect, path)
    text = dialect.add(root, "text")
    if has_entries or dialect is V2:  # a v3 body needs at least one concept entry
        body = dialect.add(text, "body")
        ET.SubElement(body, _PLACEHOLDER)
    else:
        ET.SubElement(text, _PLACEHOLDER)
    return root


def _header(root: ET.Element, options: ExportOptions, dialect: _Dialect, path: Path) -> None:
    """Where the file comes from, its columns, the export metadata and the row fingerprints."""
    header = dialect.add(root, dialect.header)
    source = dialect.add(dialect.add(header, "fileDesc"), "sourceDesc")
    dialect.add(source, "p", PROVENANCE)
    dialect.add(source, "p", ",".join(options.columns), type=HEADER_PREFIX + COLUMNS_KEY)
    for key, value in options.metadata.items():
        if key not in (COLUMNS_KEY, ROW_HASHES_KEY):
            dialect.add(source, "p", _checked_text(value, f"metadata {key}", path), type=HEADER_PREFIX + key)
    if options.row_hashes:
        dialect.add(source, "p", json.dumps(options.row_hashes, ensure_ascii=False, separators=(",", ":")),
                    type=HEADER_PREFIX + ROW_HASHES_KEY)
    if dialect is V2:
        dialect.add(dialect.add(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")


def _element_ids(entries: Sequence[TermEntry], columns: list[str]) -> list[str]:
    """An XML id per entry: its own id when that is a valid, unique XML id, a made-up one otherwise."""
    own = {e.id for e in entries if ID in columns and _SAFE_XML_ID.match(e.id)}
    used: set[str] = set()
    made = (f"glossary-entry-{n}" for n in range(1, 1 << 62) if f"glossary-entry-{n}" not in own)
    ids = []
    for entry in entries:
        element_id = entry.id if entry.id in own and entry.id not in used else next(made)
        used.add(element_id)
        ids.append(element_id)
    return ids


def _concept_entry(body: ET.Element, entry: TermEntry, element_id: str, columns: list[str],
                   dialect: _Dialect, path: Path) -> None:
    """One entry as a concept entry: what belongs to the concept, then its language sections."""
    value = _Values(entry, columns, path)
    concept = dialect.add(body, dialect.entry, id=element_id)
    if value(ID) and element_id != entry.id:
        dialect.add(concept, "note", f"id: {entry.id}")
    if value(UPDATED):
        group = dialect.add(concept, "transacGrp")
        dialect.add(group, "transac", MODIFICATION, type="transactionType")
        dialect.add(group, "date", _checked_date(entry, path))
    if value(CATEGORY):
        dialect.add(concept, "note", f"category: {value(CATEGORY)}")
    if value(NOTE):
        note = value(NOTE)
        labelled = any(note.startswith(label + ": ") for label in NOTE_LABELS)
        dialect.add(concept, "note", f"note: {note}" if labelled else note)
    if value(SOURCE):
        dialect.add(concept, "admin", value(SOURCE), type="source")
    if value(PINYIN) and not value(CHINESE).strip():
        dialect.add(concept, "note", f"pinyin: {value(PINYIN)}")
    _language_sections(concept, entry, value, dialect, path)


def _language_sections(concept: ET.Element, entry: TermEntry, value: _Values, dialect: _Dialect,
                       path: Path) -> None:
    """en (term, then variants), zh-Hans and zh-Hant; the first term written carries the context."""
    status = _status_value(entry, path) if value(STATUS) else ""
    variants = split_variants(value(VARIANTS))
    sections = [(column, value(column)) for column in (ENGLISH, CHINESE, TRADITIONAL) if value(column).strip()]
    if variants and not any(column == ENGLISH for column, _ in sections):
        sections.insert(0, (ENGLISH, ""))
    if not sections:
        raise FormatError(f"{path}: entry {entry.id!r} has no English or Chinese term to write")
    groups = []
    others = {ENGLISH: variants, CHINESE: split_variants(value(CHINESE_VARIANTS))}
    for column, term in sections:
        language = dialect.add(concept, dialect.language, **{XML_LANG: LANGUAGE_CODES[column]})
        forms = split_variants(term) if column == TRADITIONAL else [term] if term else []
        main, *more = forms or [""]
        if main:
            groups.append(_term_group(language, main, status, dialect))
            if column == CHINESE and value(PINYIN):
                dialect.add(groups[-1], "note", f"pinyin: {value(PINYIN)}")
        for variant in others.get(column, []) + more:
            # With no main term, the first variant carries the status.
            kind = SHORT_FORM_TYPE if column != ENGLISH and main and variant in main else VARIANT_TYPE
            groups.append(_term_group(language, variant, "" if groups else status, dialect, kind))
    if value(CONTEXT):
        # After the term notes, the order both grammars require.
        dialect.add(groups[0], "descrip", value(CONTEXT), type="context")


def _term_group(language: ET.Element, term: str, status: str, dialect: _Dialect, term_type: str = "") -> ET.Element:
    """A termSec (v3) or tig (v2): the term, then its term notes (the order both grammars require)."""
    group = dialect.add(language, dialect.term_group)
    dialect.add(group, "term", term)
    dialect.add(group, "termNote", PART_OF_SPEECH, type="partOfSpeech")
    if term_type:
        dialect.add(group, "termNote", term_type, type="termType")
    if status:
        dialect.add(group, "termNote", status, type="administrativeStatus")
    return group


@dataclass
class _Values:
    """An entry's exported fields, each checked for characters XML cannot hold ('' for columns not exported)."""

    entry: TermEntry
    columns: list[str]
    path: Path

    def __call__(self, column: str) -> str:
        if column not in self.columns:
            return ""
        return _checked_text(getattr(self.entry, column), f"entry {self.entry.id!r} {column}", self.path)


def _checked_text(text: str, where: str, path: Path | None = None) -> str:
    """The text itself, or an error when it holds a character XML 1.0 cannot represent."""
    bad = _NOT_XML_CHARACTER.search(text)
    if bad:
        prefix = f"{path}: " if path else ""
        raise FormatError(f"{prefix}{where}: character U+{ord(bad.group()):04X} cannot be stored in XML")
    return text


def _checked_date(entry: TermEntry, path: Path) -> str:
    """The `updated` date, which TBX requires to be a real ISO date."""
    try:
        if _ISO_DATE.fullmatch(entry.updated):
            _dt.date.fromisoformat(entry.updated)
            return entry.updated
    except ValueError:
        pass
    raise FormatError(f"{path}: entry {entry.id!r} updated {entry.updated!r} is not an ISO date (YYYY-MM-DD)")


def _status_value(entry: TermEntry, path: Path) -> str:
    """The TBX-Basic administrative status of an entry's status."""
    try:
        return STATUS_VALUES[entry.status]
    except KeyError:
        raise FormatError(
            f"{path}: entry {entry.id!r} has unknown status {entry.status!r} (expected {', '.join(STATUS_VALUES)})"
        ) from None


# --- reading ----------------------------------------------------------------------------------


def read(path: Path) -> ImportedTable:
    """The entries of a TBX v3 or v2 file, TBX-Basic or not; row numbers are the 1-based positions of the
    concept entries (`conceptEntry`/`termEntry`) in the file, counting skipped ones.

    Languages map by code in any common spelling (en-US → english; zh, zh-CN, zh_Hans → chinese; zh-TW,
    zh_Hant → traditional); other languages are ignored, and so are entries without a term in any of them.
    Ids are read only from files glossary wrote: another tool's concept ids ("1", "c42") mean nothing here.
    """
    path = Path(path)
    header: dict[str, str] = {}
    exported_columns: str | None = None
    found_rows: list[tuple[int, dict[str, str]]] = []
    found_columns: set[str] = set()
    number = 0
    # streamed: each concept entry is read when it ends, then dropped (a 100,000-entry file is never one tree)
    for event, element in _parse_events(path):
        tag = _local(element.tag)
        if event == "start":
            if tag not in (V3.root, V2.root):
                raise FormatError(f"{path}: not a TBX file (the root element is <{tag}>, "
                                  f"expected <{V3.root}> or <{V2.root}>)")
            continue
        if tag in (V3.header, V2.header):
            header = _header_values(element)
            exported_columns = header.pop(COLUMNS_KEY, None)
        elif tag in (V3.entry, V2.entry):
            number += 1
            reader = _EntryReader(element)
            values, languages, concept_id = reader.values, reader.languages, element.get("id", "")
            element.clear()
            if not any(values.get(c, "").strip() for c in (ENGLISH, CHINESE, TRADITIONAL, VARIANTS)):
                continue
            if exported_columns is not None:
                values.setdefault(ID, concept_id)
            else:
                values.pop(ID, None)
            found_columns.update(values, languages)
            found_rows.append((number, values))
    ours = exported_columns is not None
    row_hashes = _row_hashes(header.pop(ROW_HASHES_KEY, ""), path)
    if ours:
        columns = [c for c in exported_columns.split(",") if c in COLUMNS]
    else:
        columns = [c for c in COLUMNS if c in found_columns]
    rows = [(number, {c: values.get(c, "") for c in columns}) for number, values in found_rows]
    metadata = ({COLUMNS_KEY: exported_columns} | header) if ours else {}
    return ImportedTable(path, rows, columns, metadata=metadata, row_hashes=row_hashes)


def _parse_events(path: Path):
    """(event, element) pairs: the root's start, then every element's end; entity declarations, external
    references and deep nesting refused, and anything but a regular file (a pipe would never end)."""
    from ..files.reading import os_reason, regular_file
    from ..files.safexml import XmlError, iterparse

    try:
        with open(regular_file(path, "TBX file"), "rb") as stream:
            started = False
            for event, element in iterparse(stream, entities_hint="a TBX file"):
                if event == "start":
                    if not started:
                        started = True
                        yield event, element
                    continue
                yield event, element
    except XmlError as error:
        raise FormatError(f"{path}: {error}") from None
    except OSError as error:
        raise FormatError(f"{path}: cannot read ({os_reason(error)})") from None


def _local(tag: object) -> str:
    """An element's name without its namespace ('' for comments and processing instructions)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element: ET.Element) -> str:
    """All the text inside an element (inline markup such as <hi> dropped)."""
    return "".join(element.itertext())


def _header_values(header: ET.Element) -> dict[str, str]:
    """The glossary:… paragraphs of a tbxHeader/martifHeader, by key."""
    values: dict[str, str] = {}
    for paragraph in header.iter():
        kind = paragraph.get("type") or ""
        if _local(paragraph.tag) == "p" and kind.startswith(HEADER_PREFIX):
            values.setdefault(kind[len(HEADER_PREFIX):], _text(paragraph))
    return values


def _row_hashes(text: str, path: Path) -> dict[str, str]:
    """The row fingerprints stored at export."""
    if not text:
        return {}
    try:
        hashes = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, a number too long to convert, or nested too deeply
        hashes = None
    if not isinstance(hashes, dict) or not all(isinstance(v, str) for v in hashes.values()):
        raise FormatError(f"{path}: the header's row fingerprints ({HEADER_PREFIX}{ROW_HASHES_KEY}) are damaged")
    return hashes


def language_column(code: str) -> str | None:
    """The column of a language section's code (english, chinese, traditional), or None for other languages."""
    column = column_of_language(code)
    return column if column in (ENGLISH, CHINESE, TRADITIONAL) else None


def status_reading(value: str) -> str:
    """The glossary status of an administrative status ('preferredTerm-admn-sts' → 'approved'); an unknown
    value is returned as it is, for the importer to report."""
    key = value.strip().lower().removesuffix("-admn-sts").removesuffix("term")
    return _STATUS_READINGS.get(key, value.strip())


@dataclass
class _Term:
    """One term group as read: the term and what its term notes say."""

    text: str = ""
    term_type: str = ""
    status: str = ""


@dataclass
class _EntryReader:
    """Reads one concept entry into {column: text}."""

    concept: ET.Element
    values: dict[str, str] = field(default_factory=dict)
    languages: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    status: str = ""

    def __post_init__(self) -> None:
        terms: dict[str, list[_Term]] = {}
        for child in self.concept:
            if _local(child.tag) in (V3.language, V2.language):
                column = language_column(child.get(XML_LANG) or child.get("lang") or "")
                if column is not None:
                    self.languages.add(column)
                    terms.setdefault(column, []).extend(self._language(child))
            else:
                self._auxiliary(child)
        self._terms(terms)
        if self.status:
            self.values[STATUS] = status_reading(self.status)
        if self.notes:
            self.values[NOTE] = "\n".join(self.notes)
        if self.dates:
            dates = [d[:10] for d in self.dates if _ISO_DATE.match(d)]
            self.values[UPDATED] = max(dates) if dates else self.dates[0]

    def _terms(self, terms: dict[str, list[_Term]]) -> None:
        """The main term of each language; the other English terms as variants, the other simplified Chinese
        ones as chinese_variants, the other traditional ones after the main one in the traditional column."""
        for column, found in terms.items():
            found = [t for t in found if t.text.strip()]
            main = next((t for t in found if t.term_type not in OTHER_FORM_TYPES), None)
            if main is None and column != ENGLISH and found:
                main = found[0]
            others = [t.text for t in found if t is not main]
            if column == TRADITIONAL:
                self.values.setdefault(column, join_variants(([main.text] if main else []) + others))
                continue
            if main is not None:
                self.values.setdefault(column, main.text)
            if others and column in (ENGLISH, CHINESE):
                self.values[VARIANTS if column == ENGLISH else CHINESE_VARIANTS] = join_variants(others)

    def _language(self, language: ET.Element) -> Iterator[_Term]:
        """The term groups of a language section (termSec, tig, or ntig)."""
        for child in language:
            if _local(child.tag) in ("termSec", "tig", "ntig"):
                yield self._term_group(child, _Term())
            else:
                self._auxiliary(child)

    def _term_group(self, group: ET.Element, term: _Term) -> _Term:
        """A term with its term notes, nested groups read in place (with a stack of pending elements, not by
        recursion, so that any depth the parser allows is read); other information goes where the concept's
        would."""
        pending = list(reversed(group))
        while pending:
            child = pending.pop()
            kind = _local(child.tag)
            if kind == "term":
                term.text = term.text or _text(child)
            elif kind in ("termGrp", "termNoteGrp"):
                pending.extend(reversed(child))
            elif kind == "termNote":
                note_type, text = child.get("type") or "", _text(child).strip()
                if note_type == "termType":
                    term.term_type = text
                elif note_type in ("administrativeStatus", "normativeAuthorization") and text:
                    term.status = text
                    self.status = self.status or text
            else:
                self._auxiliary(child)
        return term

    def _auxiliary(self, element: ET.Element) -> None:
        """Notes, descriptions, sources and dates, at any level (groups walked with a stack, in document order)."""
        pending = [(element, False)]  # (element, inside a descripGrp)
        while pending:
            element, in_description = pending.pop()
            kind, kind_type = _local(element.tag), element.get("type") or ""
            if kind == "note":
                self._note(_text(element))
            elif kind == "descrip" and kind_type == "context":
                self.values.setdefault(CONTEXT, _text(element))
            elif kind == "descrip" and kind_type == "definition":
                self.notes.append(_text(element))
            elif kind == "admin" and kind_type == "source" and not in_description:
                self.values.setdefault(SOURCE, _text(element))
            elif kind == "date":
                self.dates.append(_text(element).strip())
            elif kind.endswith("Grp"):
                inside = in_description or kind == "descripGrp"
                pending.extend((child, inside) for child in reversed(element))

    def _note(self, text: str) -> None:
        """A labelled note fills its field (the first one wins); any other note is kept as a note."""
        label, separator, rest = text.partition(": ")
        column = NOTE_LABELS.get(label) if separator else None
        if column is None or column == NOTE:
            self.notes.append(rest if column == NOTE else text)
        else:
            self.values.setdefault(column, rest)
