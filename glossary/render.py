"""Terminal output: rich tables on a terminal, aligned plain text when piped or NO_COLOR is set, JSON.

The only module (with cli.py) that knows about terminals; rich is imported only when a terminal shows it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from typing import IO, Callable, Iterable, Iterator, Sequence

from .schema import CATEGORY, CHINESE, CONTEXT, ENGLISH, NOTE, PINYIN, STATUS, VARIANTS, TermEntry, printable

# Column headings for entry tables, by schema field.
HEADINGS = {
    ENGLISH: "English", CHINESE: "中文", PINYIN: "Pinyin", CATEGORY: "Category", STATUS: "Status",
    VARIANTS: "Variants", NOTE: "Note", CONTEXT: "Context",
}
NARROW_FIELDS = (ENGLISH, CHINESE, PINYIN, CATEGORY, STATUS)
WIDE_FIELDS = NARROW_FIELDS + (VARIANTS, NOTE, CONTEXT)
STATUS_STYLES = {"approved": "green", "proposed": "yellow", "deprecated": "magenta", "forbidden": "bold red"}
MATCH_STYLES = {"exact": "green", "prefix": "cyan", "substring": "blue", "fuzzy": "yellow"}


def wants_rich(stream: IO[str]) -> bool:
    """Rich output only on a terminal, and never when NO_COLOR is set or TERM is dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: wide and full-width (CJK) characters count two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    """Pad text with spaces to a display width."""
    return text + " " * max(0, width - display_width(text))


def _one_line(text: str) -> str:
    """Cell text on one line (newlines and tabs shown as spaces)."""
    return " ".join(text.split())


def plain_table(headings: Sequence[str], rows: Iterable[Sequence[str]], stream: IO[str]) -> None:
    """Columns aligned with spaces, CJK widths counted; a heading line, no colours."""
    rows = [[printable(_one_line(cell)) for cell in row] for row in rows]
    widths = [display_width(h) for h in headings]
    for row in rows:
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row)]
    lines = [headings] + rows
    for cells in lines:
        line = "  ".join(_pad(cell, width) for cell, width in zip(cells, widths))
        stream.write(line.rstrip() + "\n")


def rich_console(stream: IO[str]):
    """A rich console writing to a stream (colours as the terminal allows)."""
    from rich.console import Console

    return Console(file=stream, highlight=False, soft_wrap=False)


def user_text(text: object, style: str = ""):
    """Text from users or files (terms, notes, file names) for rich, never read as markup: `[bold]x` and
    `AI眼镜 [proposed]` print as written. Every piece of such text goes to rich through here."""
    from rich.text import Text

    return Text("" if text is None else printable(str(text)), style=style)


@dataclass(frozen=True)
class Column:
    """A table column: its heading, how to style a cell, and what may give way in a narrow terminal.

    `drop` ranks the columns that may be left out when the table does not fit (1 goes first, 0 never);
    `short` shortens cells before anything is dropped (statuses to four letters)."""

    heading: str
    drop: int = 0
    justify: str = "left"
    style: Callable[[str], str] | None = None
    short: Callable[[str], str] | None = None


def table(columns: Sequence[Column], rows: Sequence[Sequence[str]], stream: IO[str], *, title: str = "",
          show_lines: bool = False) -> None:
    """A table: rich on a terminal, fitted to its width without breaking a word, plain text otherwise."""
    if not wants_rich(stream):
        if title:
            stream.write(f"# {title}\n")
        plain_table([c.heading for c in columns], rows, stream)
        if title:
            stream.write("\n")
        return
    from rich.table import Table

    console = rich_console(stream)
    columns, rows = fit_columns(list(columns), [list(row) for row in rows], console.width)
    grid = Table(title=user_text(title, "bold") if title else None, title_justify="left", header_style="bold",
                 show_lines=show_lines)
    for column, width in zip(columns, column_widths(columns, rows, console.width)):  # (computed twice: cheap)
        grid.add_column(user_text(column.heading), justify=column.justify, overflow="fold", width=width)
    widths = column_widths(columns, rows, console.width)
    for row in rows:
        grid.add_row(*(user_text(wrap_cell(cell, width), column.style(cell) if column.style else "")
                       for column, cell, width in zip(columns, row, widths)))
    console.print(grid)


def _frame(columns: Sequence[Column]) -> int:
    """The width rich's box takes around and between the cells (a space each side, a line between)."""
    return 3 * len(columns) + 1


def fit_columns(columns: list[Column], rows: list[list[str]], width: int) -> tuple[list[Column], list[list[str]]]:
    """Columns and cells that fit a terminal width with every word whole: shorten what may be shortened,
    then leave out the least useful columns, until the widest word of each column fits."""
    def needed(cols: list[Column], cells: list[list[str]]) -> int:
        return sum(_word_widths(cols, cells)) + _frame(cols)

    if needed(columns, rows) > width:
        shortened = [[c.short(cell) if c.short else cell for c, cell in zip(columns, row)] for row in rows]
        columns = [Column(c.heading, c.drop, c.justify, c.style) if c.short else c for c in columns]
        rows = shortened
    for rank in sorted({c.drop for c in columns if c.drop}):
        if needed(columns, rows) <= width:
            break
        keep = [index for index, column in enumerate(columns) if column.drop != rank]
        columns = [columns[i] for i in keep]
        rows = [[row[i] for i in keep] for row in rows]
    return columns, rows


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """Each column's width: what its longest cell needs, narrowed (widest columns first, never below the
    column's widest word) until the table fits the terminal."""
    least = _word_widths(columns, rows)
    widths = [max(floor, max((display_width(_one_line(row[i])) for row in rows), default=0),
                  display_width(column.heading)) for i, (column, floor) in enumerate(zip(columns, least))]
    excess = sum(widths) + _frame(columns) - width
    while excess > 0:
        slack = [(w - floor, i) for i, (w, floor) in enumerate(zip(widths, least)) if w > floor]
        if not slack:
            break
        _, widest = max(slack)
        widths[widest] -= 1
        excess -= 1
    return widths


MAX_WORD_WIDTH = 30  # a longer "word" (a URL) is folded rather than widening its column further


def _word_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[int]:
    """Per column, the display width of its widest unbreakable piece: a word, or one CJK character
    (Chinese may break between any two characters)."""
    widths = []
    for index, column in enumerate(columns):
        widest = max((_widest_word(row[index]) for row in rows), default=0)
        widths.append(min(MAX_WORD_WIDTH, max(widest, _widest_word(column.heading))))
    return widths


# Wide characters (CJK, Hangul, full-width forms): a line may break beside any of them.
_WIDE = ("\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
         "\U00020000-\U0003fffd")
_BREAK_POINTS = re.compile(f"[\\s{_WIDE}]+")
_PIECES = re.compile(f"\\s+|[{_WIDE}]|[^\\s{_WIDE}]+")  # spaces, one wide character, or a word


def _widest_word(text: str) -> int:
    """The display width of the longest run of text without a space or a CJK character in it
    (a CJK character alone is 2 wide)."""
    text = str(text)
    widest = max((display_width(piece) for piece in _BREAK_POINTS.split(text)), default=0)
    return max(widest, 2) if _BREAK_POINTS.search(text.strip()) and not text.isascii() else widest


def wrap_cell(text: str, width: int) -> str:
    """A cell's text in lines of at most `width` columns, broken at spaces and beside CJK characters (as
    Chinese allows), never inside a word or number (rich alone would fold 中国制造2025 inside 2025)."""
    text = _one_line(str(text))
    if display_width(text) <= width:
        return text
    lines: list[str] = []
    line, used = "", 0
    for piece in _glued(_PIECES.findall(text)):
        if piece.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        size = display_width(piece)
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + piece, used + size
    lines.append(line.rstrip())
    return "\n".join(lines)


_OPENING = tuple("([{'\"“‘（「『《〈【")
_CLOSING = tuple(")]}'\"”’.,;:!?%、。，；：！？）」』》〉】")


def _glued(pieces: list[str]) -> list[str]:
    """Pieces with opening punctuation kept on the next piece and closing punctuation on the previous one:
    a line never ends in '(' nor starts with ')' or '，'."""
    units: list[str] = []
    for piece in pieces:
        if units and not units[-1].isspace() and not piece.isspace() and (
                units[-1][-1] in _OPENING or piece.startswith(_CLOSING)):
            units[-1] += piece
        else:
            units.append(piece)
    return units


def short_status(status: str) -> str:
    """A status in four letters (appr, prop, depr, forb), for narrow terminals."""
    return status[:4] if status in STATUS_STYLES else status


def entries_table(
    entries: Sequence[TermEntry],
    stream: IO[str],
    *,
    wide: bool = False,
    extra: dict[str, Sequence[str]] | None = None,
    title: str | None = None,
) -> None:
    """Print entries as a table (rich on a terminal, plain otherwise); extra columns appended."""
    fields = WIDE_FIELDS if wide else NARROW_FIELDS
    extra = extra or {}
    columns = [ENTRY_COLUMNS[f] for f in fields] + [EXTRA_COLUMNS.get(h, Column(h)) for h in extra]
    rows = []
    for position, entry in enumerate(entries):
        cells = [getattr(entry, f) for f in fields]
        if VARIANTS in fields:
            cells[fields.index(VARIANTS)] = ", ".join(entry.variant_list())
        rows.append(cells + [values[position] for values in extra.values()])
    table(columns, rows, stream, title=title or "", show_lines=wide)


def _status_style(cell: str) -> str:
    """The colour of a status (also when shortened to four letters)."""
    return next((style for status, style in STATUS_STYLES.items() if status.startswith(cell) and cell), "")


def _match_style(cell: str) -> str:
    """The colour of a match kind ('fuzzy 86' included)."""
    return MATCH_STYLES.get(cell.split(" ")[0], "")


def _bold(cell: str) -> str:
    return "bold"


ENTRY_COLUMNS = {
    ENGLISH: Column("English", style=_bold), CHINESE: Column("中文"), PINYIN: Column("Pinyin", drop=2),
    CATEGORY: Column("Category", drop=3), STATUS: Column("Status", style=_status_style, short=short_status),
    VARIANTS: Column("Variants", drop=4), NOTE: Column("Note", drop=5), CONTEXT: Column("Context", drop=1),
}
EXTRA_COLUMNS = {"Match": Column("Match", style=_match_style)}


def match_label(kind: str, score: float) -> str:
    """A Match cell: how the entry matched, with the score of a fuzzy match ('fuzzy 86')."""
    return f"{kind} {score:.0f}" if kind == "fuzzy" else kind


def key_value_table(title: str, pairs: Sequence[tuple[str, str]], stream: IO[str]) -> None:
    """A two-column table of labels and values."""
    if not wants_rich(stream):
        stream.write(f"{title}\n")
        width = max((display_width(k) for k, _ in pairs), default=0)
        for key, value in pairs:
            stream.write(f"  {_pad(key, width)}  {value}\n")
        return
    from rich.table import Table

    grid = Table(title=user_text(title), show_header=False)
    grid.add_column(style="bold")
    grid.add_column(justify="right")
    for key, value in pairs:
        grid.add_row(user_text(key), user_text(value))
    rich_console(stream).print(grid)


def completeness_table(counts: dict[str, int], filled: dict[str, dict[str, int]], stream: IO[str]) -> None:
    """Entries per category and how many of them have each field filled ('412 (98%)')."""
    labels = list(next(iter(filled.values()), {}))
    columns = [Column("Category"), Column("Entries", justify="right")] + [Column(label.capitalize(), justify="right")
                                                                        for label in labels]
    rows = []
    for category, total in counts.items():
        share = lambda n: f"{n} ({100 * n // total}%)" if total else "0"  # noqa: E731
        rows.append([category, str(total)] + [share(filled.get(category, {}).get(label, 0)) for label in labels])
    table(columns, rows, stream, title="by category: entries and how many have each field")


def print_json(data: object, stream: IO[str]) -> None:
    """JSON for scripts: UTF-8 text as is (no \\u escapes), indented."""
    # a lone surrogate (a file name's byte that was not UTF-8) becomes its \\u escape, which JSON reads back
    stream.write(printable(indented_json(data)) + "\n")


def indented_json(data: object) -> str:
    """What json.dumps(data, ensure_ascii=False, indent=2) gives, character for character, written by hand around
    the C string encoder: json's indented output is pure Python, 2 s for the 134,000 findings of a big check."""
    parts: list[str] = []
    try:
        _write_json(data, "\n", parts, {})
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=2)  # json's own answer (and error) for anything else
    return "".join(parts)


class _NotPlain(Exception):
    """A value indented_json leaves to json (a type or a key it does not write itself)."""


_ENCODE = json.encoder.encode_basestring  # the C function json itself uses with ensure_ascii=False
_WORDS = {None: "null", True: "true", False: "false"}


def _write_json(value: object, newline: str, parts: list[str], keys: dict[str, str]) -> None:
    """Append the JSON of one value, indented as json.dumps(indent=2) does at this depth (`newline`); `keys`: each
    key written so far, as written."""
    kind = type(value)
    if kind is str:
        parts.append(_ENCODE(value))
    elif value is None or kind is bool:
        parts.append(_WORDS[value])
    elif kind is int:
        parts.append(int.__repr__(value))
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        between = "[" + inner
        for item in value:
            parts.append(between)
            between = "," + inner
            if type(item) is str:
                parts.append(_ENCODE(item))
            else:
                _write_json(item, inner, parts, keys)
        parts.append(newline + "]")
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        between = "{" + inner
        for key, item in value.items():
            written = keys.get(key)
            if written is None:
                if type(key) is not str:
                    raise _NotPlain
                written = keys[key] = _ENCODE(key) + ": "
            parts.append(between)
            parts.append(written)
            between = "," + inner
            kind = type(item)
            if kind is str:
                parts.append(_ENCODE(item))
            elif kind is int:
                parts.append(int.__repr__(item))
            else:
                _write_json(item, inner, parts, keys)
        parts.append(newline + "}")
    else:
        raise _NotPlain  # floats, subclasses, anything else: json.dumps writes it


def message(text: str, stream: IO[str] | None = None, style: str = "") -> None:
    """A line of feedback (stderr by default), styled on a terminal; bytes that were not UTF-8 (in a file
    name, an argument) and control characters (a newline in a path) are shown escaped: always one line."""
    stream = stream or sys.stderr
    text = one_line_text(printable(text))
    if style and wants_rich(stream):
        rich_console(stream).print(user_text(text, style))
    else:
        stream.write(text + "\n")


_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line_text(text: str) -> str:
    """Text with its control characters escaped (\\n, \\t, \\x1b …), so that it stays on one line."""
    return _CONTROL.sub(lambda match: ascii(match.group())[1:-1], text) if _CONTROL.search(text) else text


def error(text: str) -> None:
    """A one-line error on stderr."""
    message(f"glossary: error: {text}", sys.stderr, "bold red")


@contextlib.contextmanager
def status(text: str, stream: IO[str] | None = None) -> Iterator[None]:
    """A spinner with a message while slow work runs, only on a terminal."""
    stream = stream or sys.stderr
    if not wants_rich(stream):
        yield
        return
    with rich_console(stream).status(user_text(text)):
        yield


MINED_COLUMNS = {
    "english": Column("English", style=_bold), "chinese": Column("中文"), "pinyin": Column("Pinyin", drop=3),
    "category": Column("Category", drop=5), "status": Column("Status", style=_status_style, short=short_status),
    "frequency": Column("Freq", drop=4, justify="right"), "documents": Column("Docs", drop=2, justify="right"),
    "score": Column("Score", drop=1, justify="right"), "suggestion": Column("From", drop=6),
    "confidence": Column("Conf", drop=6, justify="right"),
    "context": Column("Context", drop=7), "found_in": Column("Found in", drop=8),
    "alignments": Column("Translations", drop=9), "alignment_confidence": Column("Conf", drop=10, justify="right"),
}


def mined_tables(rows: Sequence[dict[str, object]], stream: IO[str], *, wide: bool = False) -> None:
    """Mined candidates as two tables: known glossary terms, then new candidates (proposals marked)."""
    known = [r for r in rows if r["known"]]
    new = [r for r in rows if not r["known"]]
    base = ["english", "chinese", "pinyin", "category", "status", "frequency", "documents", "score"]
    extra = ["context", "found_in"] if wide else []
    if wide and rows and "alignments" in rows[0]:  # mined from translations
        extra += ["alignments", "alignment_confidence"]
    otherwise = [r for r in known if r.get("consistency") in ("differs", "mixed")]
    for title, group, fields in (
        (f"Known terms ({len(known)})", known, base + extra),
        (f"New candidates ({len(new)}): the other language is a proposal", new,
         base + ["suggestion", "confidence"] + extra),
        (f"Known terms the translations render otherwise ({len(otherwise)})", otherwise,
         ["english", "chinese", "alignments", "found_in"]),
    ):
        if group:
            table([MINED_COLUMNS[f] for f in fields], [[_format_cell(row.get(f, "")) for f in fields] for row in group],
                  stream, title=title)


def lines(texts: Sequence[str], stream: IO[str]) -> None:
    """Plain lines of text, user text escaped of control characters."""
    for text in texts:
        stream.write(printable(text) + "\n")


def _format_cell(value: object) -> str:
    """Numbers and text as table cells (scores with three decimals)."""
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


@contextlib.contextmanager
def progress_bar(total: int | None, description: str, stream: IO[str] | None = None, in_bytes: bool = False) -> Iterator:
    """A rich progress bar on stderr (only on a terminal); yields a function to call once per step (with
    `in_bytes`: with the number of bytes each step did, of `total` bytes)."""
    stream = stream or sys.stderr
    if not wants_rich(stream) or not total or total < 2:
        yield lambda name="": None
        return
    from rich.progress import BarColumn, DownloadColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    done = DownloadColumn() if in_bytes else MofNCompleteColumn()
    with Progress(TextColumn("{task.description}", markup=False), BarColumn(), done, TimeRemainingColumn(),
                  console=rich_console(stream), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield (lambda size: bar.advance(task, size)) if in_bytes else (lambda name="": bar.advance(task))


def import_diff(plan: dict, stream: IO[str]) -> None:
    """An import plan as a reviewable diff: added, changed (old → new per field, derived fields marked),
    duplicates, removed, conflicts, warnings and ignored columns, then a one-line summary."""
    duplicates = plan.get("duplicates", [])
    merged = [d for d in duplicates if d["merged"] and d["fills"]]
    sections = [
        ("Added", [(str(a["row"]), a["id"] or "(new)", a["english"], f"{a['chinese']} [{a['status']}]")
                   for a in plan["added"]]),
        ("Changed", [(str(c["row"]), c["id"], c["english"], _changes_text(c["changes"])) for c in plan["changed"]]),
        ("Duplicates (rows without an id for terms the glossary has)",
         [(str(d["row"]), d["id"] or f"row {d['earlier_row']}", d["english"] or d["chinese"], _duplicate_text(d))
          for d in duplicates]),
        ("Removed", [("", r["id"], r["english"], r["chinese"]) for r in plan["removed"]]),
        ("Conflicts (changed in the glossary and in the file since the export; not applied)",
         [(str(c["row"]), c["id"], c["english"], _changes_text(c["changes"]) or "removed from the glossary")
          for c in plan["conflicts"]]),
    ]
    columns = [Column("Row", justify="right"), Column("Id"), Column("English", style=_bold), Column("Change")]
    for title, rows in sections:
        if rows:
            table(columns, rows, stream, title=f"{title} ({len(rows)})")
    for warning in plan.get("warnings", []):
        message(f"row {warning['row']}: warning: {warning['message']}", stream, "yellow")
    for name, cells in plan.get("ignored_columns", {}).items():
        message(f"ignored column {name!r} ({cells} non-empty cell{'s' if cells != 1 else ''})", stream, "yellow")
    summary = (f"{len(plan['added'])} added, {len(plan['changed'])} changed, {len(plan['removed'])} removed, "
               f"{len(plan['conflicts'])} conflicts, {plan['unchanged']} unchanged"
               + (f", {len(duplicates)} duplicate{'s' if len(duplicates) != 1 else ''}" if duplicates else "")
               + (f" ({len(merged)} filled)" if merged else "")
               + (f", {plan['stale']} kept as the glossary has them" if plan["stale"] else "")
               + (f", {plan['blank_kept']} blank cells kept (no export fingerprint says they were cleared)"
                  if plan.get("blank_kept") else ""))
    message(summary, stream, "bold")


def _changes_text(changes: list[dict]) -> str:
    """Field changes as 'field: old → new; …', derived ones marked."""
    return "; ".join(f"{c['field']}: {c['old'] or '∅'} → {c['new'] or '∅'}" + (" (derived)" if c.get("derived") else "")
                     for c in changes)


def _duplicate_text(duplicate: dict) -> str:
    """What a duplicate row does: nothing, or which empty fields it fills."""
    where = f"duplicates {duplicate['id']}" if duplicate["id"] else f"duplicates row {duplicate['earlier_row']}"
    if not duplicate["fills"]:
        return f"{where}: nothing changed"
    fills = _changes_text(duplicate["fills"])
    return f"{where}: fills {fills}" if duplicate["merged"] else f"{where}: nothing changed (with --merge-duplicates " \
        f"fill: {fills})"


SEVERITY_STYLES = {"error": "bold red", "warning": "yellow"}


def findings_table(findings: Sequence[dict], stream: IO[str]) -> None:
    """Term QA findings: segment, its line (or unit), source term, the finding in words (expected, found,
    what to use instead), severity, and the segment with the term marked [like this]."""
    rows = []
    for f in findings:
        source = f["source"]
        start, end = f.get("start", 0), f.get("end", 0)
        marked = source[:start] + "[" + source[start:end] + "]" + source[end:] if end > start else source
        rows.append([str(f["segment"]), _finding_place(f), f["term"], f["message"], f["severity"],
                     _one_line(marked)[:160]])
    table(FINDING_COLUMNS, rows, stream)


def _severity_style(cell: str) -> str:
    return SEVERITY_STYLES.get(cell, "")


FINDING_COLUMNS = [Column("Seg", justify="right"), Column("Line", drop=2), Column("Source term", style=_bold),
                   Column("Finding"), Column("Severity", style=_severity_style), Column("Segment", drop=1)]


def _finding_place(finding: dict) -> str:
    """Where a finding's segment is in its file: the row or line, or in an XML file the unit."""
    return str(finding["line"]) if finding.get("line") is not None else finding.get("unit", "")


def concordance_lines(lines: Sequence[dict], stream: IO[str], width: int = 40) -> None:
    """Key word in context: left context right-aligned, the term, right context, then file:line."""
    if not lines:
        return
    term_width = max(display_width(line["term"]) for line in lines)
    rich = wants_rich(stream)
    console = rich_console(stream) if rich else None
    for line in lines:
        left = " " * max(0, width - display_width(line["left"])) + line["left"]
        term = _pad(line["term"], term_width)
        right = _pad(line["right"], width)
        if rich:
            from rich.text import Text

            text = Text(left + "  ")
            text.append(term, style="bold reverse")
            text.append("  " + right + "  ")
            text.append(line["where"], style="dim")
            console.print(text, soft_wrap=True)
        else:
            stream.write(printable(f"{left}  {term}  {right}  {line['where']}") + "\n")
