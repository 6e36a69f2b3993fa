"""Terminal output: user text never read as markup, tables that fit 80 columns without breaking a word."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import render, store
from glossary.schema import TermEntry

BOX = re.compile(r"[\u2500-\u257f]")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


class Terminal(io.StringIO):
    """A stream that says it is a terminal, so render draws rich tables into it."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """An 80-column terminal."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    return Terminal()


TRICKY = TermEntry(id="T1", english="AI眼镜 [proposed]", chinese="[bold]x", note="[red]not red[/red] [link=x]y",
                   category="product", status="proposed")


def test_user_text_with_markup_prints_literally_in_every_rich_output(terminal: Terminal,
                                                                     monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COLUMNS", "200")  # wide enough that no cell wraps
    render.entries_table([TRICKY], terminal, wide=True)
    render.import_diff({"added": [dict(row=2, **TRICKY.to_row())], "changed": [], "removed": [], "conflicts": [],
                        "duplicates": [], "unchanged": 0, "stale": 0}, terminal)
    render.mined_tables([{"english": "[bold]x", "chinese": "AI眼镜 [proposed]", "pinyin": "", "category": "other",
                          "status": "proposed", "frequency": 1, "documents": 1, "score": 0.5, "known": False,
                          "suggestion": "[dim]"}], terminal)
    render.message("added [proposed] entry", terminal, "green")
    render.key_value_table("[b]title", [("[i]key", "[u]value")], terminal)
    text = ANSI.sub("", terminal.getvalue())
    for literal in ("AI眼镜 [proposed]", "[bold]x", "[red]not red[/red]", "[link=x]y", "[dim]", "added [proposed] entry",
                    "[b]title", "[i]key", "[u]value"):
        assert literal in text, literal


def _words_of(rows: list[list[str]], extra: tuple[str, ...] = ()) -> set[str]:
    """Every whitespace-separated word the cells (and headings) hold."""
    words = set()
    for cell in [c for row in rows for c in row] + list(extra):
        words.update(str(cell).split())
    return words


def _broken_words(output: str, words: set[str]) -> list[str]:
    """Pieces of the output that are not whole words of the data (a word broken across lines)."""
    broken = []
    for line in ANSI.sub("", output).splitlines():
        for piece in BOX.split(line):
            for token in piece.split():
                if not CJK.search(token) and token not in words:
                    broken.append(token)
    return broken


HEADINGS = ("English", "中文", "Pinyin", "Category", "Status", "Variants", "Note", "Context", "Match", "Freq", "Docs",
            "Score", "From", "Found in", "appr", "prop", "depr", "forb")


@pytest.mark.parametrize("wide", [False, True])
def test_the_shipped_glossary_in_80_columns_breaks_no_word(terminal: Terminal, wide: bool):
    entries = store.load(store.embedded_path()).entries()
    render.entries_table(entries, terminal, wide=wide, extra={"Match": ["fuzzy 86"] * len(entries)})
    output = terminal.getvalue()
    rows = [[*e.values(), ", ".join(e.variant_list()), "fuzzy 86"] for e in entries]
    assert max(len(ANSI.sub("", line)) for line in output.splitlines()) <= 80
    assert _broken_words(output, _words_of(rows, HEADINGS) | {w.rstrip(",") + "," for w in _words_of(rows)}) == []
    assert "English" in output and "中文" in output and "Match" in output


def test_in_80_columns_low_value_columns_give_way_first(terminal: Terminal):
    rows = [{"english": "Ministry of Industry and Information Technology", "chinese": "工业和信息化部",
             "pinyin": "Gōngyè hé Xìnxīhuà Bù", "category": "organization", "status": "approved", "frequency": 12,
             "documents": 3, "score": 0.875, "known": True, "context": "", "found_in": "a.txt:1", "suggestion": ""}]
    render.mined_tables(rows, terminal, wide=True)
    output = ANSI.sub("", terminal.getvalue())
    header = next(line for line in output.splitlines() if "English" in line)
    assert not {"Score", "Docs", "Pinyin"} & set(header.split()) and {"English", "中文", "Status"} <= set(header.split())
    assert "Information" in output and "Technology" in output
    wide_terminal = Terminal()
    render.table([render.MINED_COLUMNS["english"], render.MINED_COLUMNS["score"]], [["Alibaba", "0.500"]],
                 wide_terminal)
    assert "Score" in wide_terminal.getvalue()


def test_piped_output_is_plain_aligned_text_without_markup_processing():
    stream = io.StringIO()
    render.entries_table([TRICKY], stream)
    assert stream.getvalue().splitlines()[1].startswith("AI眼镜 [proposed]  [bold]x")



@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                    | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4), max_leaves=20))
def test_json_is_written_as_json_writes_it_indented(value):
    import json

    assert render.indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)
    assert render.indented_json({"findings": [value, {"id": value}]}) == json.dumps(
        {"findings": [value, {"id": value}]}, ensure_ascii=False, indent=2)
