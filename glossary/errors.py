"""Every error class of the library, one family: the CLI turns each into a one-line message and exit 2."""

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


class FormatError(GlossaryError):
    """A file that cannot be read or written in the format asked for."""


class UnreadableDocument(GlossaryError):
    """A file that cannot be read as text: binary, undecodable, or a broken docx/pdf (mine skips it)."""


class NotAFileError(GlossaryError):
    """A path that is a folder, a device, a pipe or a socket where a regular file is needed."""


class XmlError(GlossaryError):
    """XML that cannot be read: not well-formed, unsafe, or nested too deeply (the message names no file:
    the reader that parses puts its own name and kind of file before it)."""
