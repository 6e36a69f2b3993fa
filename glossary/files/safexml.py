"""XML read safely, the one way every XML reader (docx, XLIFF, TMX, TBX) parses its file.

Entity declarations and external references are refused (defusedxml), so XXE and billion-laughs files
fail at once; elements nested deeper than MAX_DEPTH are refused while parsing, so no reader's walk over
the tree can run out of stack; the input is fed in chunks, so a reader that handles each element as it
ends holds no more than it keeps. The elements are ElementTree's C elements (`iter`, `itertext` and
freeing a tree need no recursion).
"""

from __future__ import annotations

import contextlib
import io
import xml.etree.ElementTree as ET
from typing import BinaryIO, Iterator

from ..errors import XmlError

MAX_DEPTH = 1_000  # real files nest a few dozen levels; deeper is an attack or a broken generator
CHUNK_BYTES = 16 * 1024  # the events of one chunk are held at once; larger chunks parse no faster


class _DepthLimitedBuilder(ET.TreeBuilder):
    """ElementTree's tree builder, refusing elements nested more than MAX_DEPTH levels."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0

    def start(self, tag, attrs):
        """Open an element, unless it is one level too deep."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise XmlError(f"refused: elements nested more than {MAX_DEPTH:,} levels deep")
        return super().start(tag, attrs)

    def end(self, tag):
        """Close an element."""
        self.depth -= 1
        return super().end(tag)


def iterparse(source: bytes | BinaryIO, entities_hint: str = "") -> Iterator[tuple[str, ET.Element]]:
    """("start", element) and ("end", element) for every element of an XML document, in document order.

    An element's text, tail and children are complete at its "end"; a caller that streams detaches or
    clears what it has handled. `entities_hint` ends the message refusing entities ("a TBX file")."""
    from defusedxml.ElementTree import DefusedXMLParser

    stream = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    parser = DefusedXMLParser(target=_DepthLimitedBuilder(), forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    pull = ET.XMLPullParser(events=("start", "end"), _parser=parser)
    with _xml_errors(entities_hint):
        for chunk in iter(lambda: stream.read(CHUNK_BYTES), b""):
            pull.feed(chunk)
            yield from pull.read_events()
        pull.close()
        yield from pull.read_events()


def parse(source: bytes | BinaryIO, entities_hint: str = "") -> ET.Element:
    """The root element of a whole XML document (see iterparse for what is refused)."""
    root = None
    for event, element in iterparse(source, entities_hint):
        if root is None:
            root = element
    return root


@contextlib.contextmanager
def _xml_errors(entities_hint: str) -> Iterator[None]:
    """The parser's complaints as one-line XmlErrors."""
    from defusedxml import DefusedXmlException

    try:
        yield
    except DefusedXmlException as error:
        name = getattr(error, "name", None)
        detail = f"it declares the entity {name!r}" if name else type(error).__name__
        hint = f" ({entities_hint} needs no entities)" if entities_hint else ""
        raise XmlError(f"unsafe XML refused: {detail}{hint}") from None
    except ET.ParseError as error:
        raise XmlError(f"not well-formed XML ({_one_line(error)})") from None
    except (LookupError, UnicodeError, ValueError) as error:
        # an encoding declaration Python cannot decode with (encoding="base64"), or bytes it cannot decode
        raise XmlError(f"not readable XML ({_one_line(error)}; save the file as UTF-8)") from None


def _one_line(error: BaseException) -> str:
    """An exception as one short line."""
    return (" ".join(str(error).split()) or type(error).__name__)[:200]
