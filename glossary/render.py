"""Terminal output: rich tables on a terminal, aligned plain text when piped or NO_COLOR is set, JSON.

The only module (with cli.py) that knows about terminals; rich is imported only when a terminal shows it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import unicodedata
from typing import IO, Iterable, Iterator, Sequence

from .schema import CATEGORY, CHINESE, CONTEXT, ENGLISH, NOTE, PINYIN, STATUS, VARIANTS, TermEntry

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
    rows = [[_one_line(cell) for cell in row] for row in rows]
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
    headings = [HEADINGS[f] for f in fields] + list(extra)
    rows = []
    for position, entry in enumerate(entries):
        cells = [getattr(entry, f) for f in fields]
        if VARIANTS in fields:
            cells[fields.index(VARIANTS)] = ", ".join(entry.variant_list())
        rows.append(cells + [values[position] for values in extra.values()])
    if not wants_rich(stream):
        plain_table(headings, rows, stream)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, header_style="bold", show_lines=wide)
    for heading in headings:
        table.add_column(heading, overflow="fold")
    for row in rows:
        styled = []
        for heading, cell in zip(headings, row):
            styled.append(Text(cell, style=_cell_style(heading, cell)))
        table.add_row(*styled)
    rich_console(stream).print(table)


def _cell_style(heading: str, cell: str) -> str:
    """Colour for a cell: statuses and match kinds have their own, English terms are bold."""
    if heading == "Status":
        return STATUS_STYLES.get(cell, "")
    if heading == "Match":
        return MATCH_STYLES.get(cell, "")
    return "bold" if heading == "English" else ""


def key_value_table(title: str, pairs: Sequence[tuple[str, str]], stream: IO[str]) -> None:
    """A two-column table of labels and values."""
    if not wants_rich(stream):
        stream.write(f"{title}\n")
        width = max((display_width(k) for k, _ in pairs), default=0)
        for key, value in pairs:
            stream.write(f"  {_pad(key, width)}  {value}\n")
        return
    from rich.table import Table

    table = Table(title=title, show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for key, value in pairs:
        table.add_row(key, value)
    rich_console(stream).print(table)


def print_json(data: object, stream: IO[str]) -> None:
    """JSON for scripts: UTF-8 text as is (no \\u escapes), indented."""
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def message(text: str, stream: IO[str] | None = None, style: str = "") -> None:
    """A line of feedback (stderr by default), styled on a terminal."""
    stream = stream or sys.stderr
    if style and wants_rich(stream):
        from rich.text import Text

        rich_console(stream).print(Text(text, style=style))
    else:
        stream.write(text + "\n")


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
    with rich_console(stream).status(text):
        yield


MINED_HEADINGS = {
    "english": "English", "chinese": "中文", "pinyin": "Pinyin", "category": "Category", "status": "Status",
    "frequency": "Freq", "documents": "Docs", "score": "Score", "suggestion": "From", "context": "Context",
    "source": "Source",
}


def mined_tables(rows: Sequence[dict[str, object]], stream: IO[str], *, wide: bool = False) -> None:
    """Mined candidates as two tables: known glossary terms, then new candidates (proposals marked)."""
    known = [r for r in rows if r["known"]]
    new = [r for r in rows if not r["known"]]
    base = ["english", "chinese", "pinyin", "category", "status", "frequency", "documents", "score"]
    extra = ["context", "source"] if wide else []
    for title, group, fields in (
        (f"Known terms ({len(known)})", known, base + extra),
        (f"New candidates ({len(new)}): Chinese forms are proposals", new, base + ["suggestion"] + extra),
    ):
        if not group:
            continue
        headings = [MINED_HEADINGS[f] for f in fields]
        cells = [[_format_cell(row[f]) for f in fields] for row in group]
        if wants_rich(stream):
            from rich.table import Table
            from rich.text import Text

            table = Table(title=title, title_justify="left", header_style="bold")
            for heading in headings:
                justify = "right" if heading in ("Freq", "Docs", "Score") else "left"
                table.add_column(heading, overflow="fold", justify=justify)
            for row in cells:
                table.add_row(*(Text(cell, style=_cell_style(h, cell)) for h, cell in zip(headings, row)))
            rich_console(stream).print(table)
        else:
            stream.write(f"# {title}\n")
            plain_table(headings, cells, stream)
            stream.write("\n")


def _format_cell(value: object) -> str:
    """Numbers and text as table cells (scores with three decimals)."""
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


@contextlib.contextmanager
def progress_bar(total: int | None, description: str, stream: IO[str] | None = None) -> Iterator:
    """A rich progress bar on stderr (only on a terminal); yields a function to call once per step."""
    stream = stream or sys.stderr
    if not wants_rich(stream) or not total or total < 2:
        yield lambda name="": None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=rich_console(stream), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda name="": bar.advance(task)


def import_diff(plan: dict, stream: IO[str]) -> None:
    """An import plan as a reviewable diff: added, changed (old → new per field), removed, conflicts."""
    rich = wants_rich(stream)
    sections = [
        ("Added", "green", [(str(a["row"]), a["id"] or "(new)", a["english"], f"{a['chinese']} [{a['status']}]")
                            for a in plan["added"]]),
        ("Changed", "cyan", [(str(c["row"]), c["id"], c["english"], _changes_text(c["changes"]))
                             for c in plan["changed"]]),
        ("Removed", "yellow", [("", r["id"], r["english"], r["chinese"]) for r in plan["removed"]]),
        ("Conflicts (changed in the glossary and in the file since the export; not applied)", "bold red",
         [(str(c["row"]), c["id"], c["english"], _changes_text(c["changes"]) or "removed from the glossary")
          for c in plan["conflicts"]]),
    ]
    headings = ["Row", "Id", "English", "Change"]
    for title, style, rows in sections:
        if not rows:
            continue
        if rich:
            from rich.table import Table

            table = Table(title=f"{title} ({len(rows)})", title_justify="left", title_style=style,
                          header_style="bold")
            for heading in headings:
                table.add_column(heading, overflow="fold")
            for row in rows:
                table.add_row(*row)
            rich_console(stream).print(table)
        else:
            stream.write(f"# {title} ({len(rows)})\n")
            plain_table(headings, rows, stream)
            stream.write("\n")
    summary = (f"{len(plan['added'])} added, {len(plan['changed'])} changed, {len(plan['removed'])} removed, "
               f"{len(plan['conflicts'])} conflicts, {plan['unchanged']} unchanged"
               + (f", {plan['stale']} kept as the glossary has them" if plan["stale"] else ""))
    message(summary, stream, "bold")


def _changes_text(changes: list[dict]) -> str:
    """Field changes as 'field: old → new; …'."""
    return "; ".join(f"{c['field']}: {c['old'] or '∅'} → {c['new'] or '∅'}" for c in changes)


SEVERITY_STYLES = {"error": "bold red", "warning": "yellow"}


def findings_table(findings: Sequence[dict], stream: IO[str]) -> None:
    """Term QA findings: segment, its line (or unit), source term, the finding in words (expected, found,
    what to use instead), severity, and the segment with the term marked."""
    headings = ["Seg", "Line", "Source term", "Finding", "Severity", "Segment"]
    rows = []
    for f in findings:
        source = f["source"]
        start, end = f.get("start", 0), f.get("end", 0)
        marked = source[:start] + "[" + source[start:end] + "]" + source[end:] if end > start else source
        rows.append([str(f["segment"]), _finding_place(f), f["term"], f["message"], f["severity"],
                     _one_line(marked)[:160]])
    if not wants_rich(stream):
        plain_table(headings, rows, stream)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold", show_lines=False)
    for heading in headings:
        table.add_column(heading, overflow="fold", max_width=60 if heading in ("Finding", "Segment") else None)
    for f, row in zip(findings, rows):
        segment = Text(_one_line(f["source"])[:300])
        if f.get("end", 0) > f.get("start", 0):
            segment.stylize("bold reverse", f["start"], f["end"])
        # every cell is user text: Text, so that brackets in it are not read as markup
        table.add_row(Text(row[0]), Text(row[1]), Text(row[2], style="bold"), Text(row[3]),
                      Text(row[4], style=SEVERITY_STYLES.get(row[4], "")), segment)
    rich_console(stream).print(table)


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
            stream.write(f"{left}  {term}  {right}  {line['where']}\n")
