"""The one exception family the library raises; the CLI turns it into a one-line message."""

from __future__ import annotations


class GlossaryError(Exception):
    """A problem the user can act on: bad input, a missing file, a refused write."""

    exit_code = 2


class ValidationError(GlossaryError):
    """A glossary file breaks the schema; carries every problem found, each with its row."""

    def __init__(self, path: str, problems: list[tuple[int, str]]) -> None:
        self.path = path
        self.problems = problems
        row, message = problems[0]
        more = len(problems) - 1
        text = f"{path} row {row}: {message}"
        if more:
            text += f" (and {more} more problem{'s' if more > 1 else ''}; run `glossary validate` to see all)"
        super().__init__(text)

    def lines(self) -> list[str]:
        """Every problem as its own 'file row N: message' line."""
        return [f"{self.path} row {row}: {message}" for row, message in self.problems]
