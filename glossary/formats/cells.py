"""Spreadsheet cell safety: text that a spreadsheet program would run as a formula is neutralised."""

from __future__ import annotations

# Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula, including the
# full-width forms Chinese input methods produce (＝ ＋ － ＠), and tab, CR and LF.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
GUARD = "'"


def neutralise_formula(text: str) -> str:
    """Prefix a text that a spreadsheet would run as a formula with an apostrophe (undone by restore_formula)."""
    if text.startswith(FORMULA_STARTS) or (text.startswith(GUARD) and text[1:].startswith(FORMULA_STARTS + (GUARD,))):
        return GUARD + text
    return text


def restore_formula(text: str) -> str:
    """Undo neutralise_formula."""
    if text.startswith(GUARD) and text[1:].startswith(FORMULA_STARTS + (GUARD,)):
        return text[1:]
    return text
