"""Bytes to text: BOMs, UTF-16 without BOM, GB18030 and Big5 told apart, detection for the rest.

Knows nothing of documents or glossaries; a text that cannot be had is an UnreadableDocument, an
encoding that is not a text encoding a GlossaryError.
"""

from __future__ import annotations

import codecs

from ..errors import GlossaryError, UnreadableDocument

# charset-normalizer guesses badly on tiny samples (< ~1.2 KB), so short CJK-looking input is tried as
# GB18030 (which covers GBK and GB2312) and Big5 first, keeping whichever yields common characters.
# Any guess can be wrong on a few bytes of text; `--encoding` (the `encoding` argument) always overrides it.
SHORT_SAMPLE_BYTES = 1200
# The encodings worth guessing for English/Chinese documents (UTF-8 and UTF-16 are recognised before).
GUESSABLE_ENCODINGS = ("gb18030", "big5", "cp1252", "latin_1")
_BIG5_CODECS = ("big5", "cp950", "big5hkscs")
_CONTROL_SHARE_LIMIT = 0.05
BOMS = (  # UTF-32 before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes as text with "\\n" line ends: forced encoding, else BOM, UTF-8, UTF-16 or a CJK/Western guess."""
    if encoding:
        return normalise_newlines(_decode_forced(data, name, encoding))
    for bom, codec in BOMS:
        if data.startswith(bom):
            return normalise_newlines(_decode_strict(data, name, codec))
    if b"\x00" in data:  # before UTF-8, which accepts NUL: BOM-less UTF-16 or binary
        codec = _utf16_without_bom(data)
        if codec is None:
            raise UnreadableDocument(f"{name}: binary file (contains NUL bytes), not text")
        return normalise_newlines(_decode_strict(data, name, codec))
    try:
        return normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text = _decode_guessed(data)
    if _looks_binary(text):
        raise UnreadableDocument(f"{name}: binary file (mostly control characters), not text")
    return normalise_newlines(text)


def check_encoding(encoding: str) -> str:
    """The codec's canonical name, or an error for an encoding Python does not know or that is not a
    text encoding (base64, rot13, zlib: Python's codecs turn bytes into bytes or text into text)."""
    codec = text_codec(encoding)
    if codec is None:
        problem = f"{encoding!r} is not a text encoding" if _known_codec(encoding) else f"unknown encoding {encoding!r}"
        raise GlossaryError(f"{problem} (try utf-8, gb18030, big5, utf-16 or cp1252)")
    return codec


def _known_codec(label: str) -> bool:
    """Whether Python has a codec of that name, text or not."""
    try:
        codecs.lookup(label)
    except (LookupError, TypeError, ValueError):
        return False
    return True


def text_codec(label: str) -> str | None:
    """The canonical name of the text encoding a label names ('GBK' → 'gbk'), or None when there is none."""
    try:
        codec = codecs.lookup(label).name
        "".encode(codec)  # refuses bytes-to-bytes and text-to-text codecs (base64, rot13) and "undefined"
    except (LookupError, UnicodeError, TypeError, ValueError):
        return None
    return codec


def not_valid_in(name: str, encoding: str, position: int) -> UnreadableDocument:
    """The error for a document that is not valid in the encoding the user named, at a byte position."""
    return UnreadableDocument(
        f"{name}: not valid {encoding} at byte {position} (try another --encoding, or none to guess)")


def _decode_forced(data: bytes, name: str, encoding: str) -> str:
    """Decode with the encoding the user named; a failure says where."""
    codec = check_encoding(encoding)
    try:
        return data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise not_valid_in(name, encoding, error.start) from None
    except UnicodeError as error:  # codecs such as idna fail without a position
        raise UnreadableDocument(f"{name}: not valid {encoding} ({error}; try another --encoding, or none to guess)") \
            from None


def _decode_strict(data: bytes, name: str, codec: str) -> str:
    """Decode with a detected codec; a failure suggests --encoding."""
    try:
        return data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            f"{name}: looks like {codec} but byte {error.start} is invalid (name the encoding with --encoding)"
        ) from None


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NUL bytes sit where UTF-16 puts them, else None (binary)."""
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    # Text in UTF-16 has a NUL in the high byte of every ASCII character (newlines, spaces, digits)
    # and rarely in the low byte (U+8A00 言 does); binary formats scatter NULs over both.
    if odd_nuls >= 0.2 * half and even_nuls <= 0.05 * half:
        codec = "utf-16-le"
    elif even_nuls >= 0.2 * half and odd_nuls <= 0.05 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else codec


def _decode_guessed(data: bytes) -> str:
    """Non-UTF-8 bytes decoded with the likeliest of GB18030, Big5, cp1252 and latin-1."""
    cjk = _looks_cjk(data[:SHORT_SAMPLE_BYTES * 8])
    if cjk and len(data) < SHORT_SAMPLE_BYTES:
        text = _decode_chinese(data)
        if text is not None:
            return text
    guess = _charset_normalizer_guess(data)
    fallbacks = ("gb18030", *_BIG5_CODECS, "cp1252") if cjk else ("cp1252", "gb18030", *_BIG5_CODECS)
    for codec in (guess, *fallbacks):
        if codec is None:
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    # latin-1 maps every byte, so this text is never wrong by an exception, only possibly by meaning
    return data.decode("latin_1")


def _charset_normalizer_guess(data: bytes) -> str | None:
    """charset-normalizer's best encoding among GUESSABLE_ENCODINGS, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(GUESSABLE_ENCODINGS)).best()
    return best.encoding if best is not None else None


def _looks_cjk(data: bytes) -> bool:
    """True when most bytes above 0x7F come in runs, as double-byte Chinese does (cp1252 quotes stand alone)."""
    high = [byte >= 0x80 for byte in data]
    total = sum(high)
    if total < 2:
        return False
    paired = sum(
        1 for index, is_high in enumerate(high)
        if is_high and ((index > 0 and high[index - 1]) or (index + 1 < len(high) and high[index + 1]))
    )
    return paired / total >= 0.6


def _decode_chinese(data: bytes) -> str | None:
    """Short Chinese bytes as GB18030 or Big5, whichever gives common characters; None if neither fits."""
    best_text, best_score = None, 0.0
    for codec in ("gb18030", *_BIG5_CODECS):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _common_share(text, codec)
        if score > best_score:  # strict '>' so GB18030 wins ties
            best_text, best_score = text, score
        if codec != "gb18030":
            break  # one Big5 variant that decodes is enough
    return best_text if best_score >= 0.5 else None


def _common_share(text: str, codec: str) -> float:
    """Share of non-ASCII characters that fall in the codec's frequent rows (punctuation, level-1 hanzi)."""
    gb = codec == "gb18030"
    common_leads = range(0xB0, 0xD8) if gb else range(0xA4, 0xC7)
    lowest_trail = 0xA1 if gb else 0x40  # GB2312 trail bytes are all high; Big5 ones need not be
    wide = [char for char in text if ord(char) > 0x7F]
    if not wide:
        return 0.0
    common = 0
    for char in wide:
        encoded = char.encode(codec, errors="ignore")
        if len(encoded) == 2 and encoded[1] >= lowest_trail and (
            encoded[0] in common_leads or 0xA1 <= encoded[0] <= 0xA3
        ):
            common += 1
    return common / len(wide)


def _looks_binary(text: str) -> bool:
    """True when control characters other than whitespace make up a noticeable share of the start."""
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for char in sample if (ord(char) < 32 and char not in "\t\n\r\f\v\x1b") or char == "\x7f")
    return controls / len(sample) > _CONTROL_SHARE_LIMIT
