"""Decoding a dump's text so that a bad byte costs only the field it sits in.

:func:`detect_encoding` names a file's encoding from a sample of its bytes; decoding with the
error handler :data:`ESCAPE_ERRORS` never stops at an undecodable byte but keeps it as a lone
surrogate (U+DC00 + byte), which :func:`has_escapes` finds and :func:`unescape` repairs (read as
cp1252 in a UTF-8 file, U+FFFD otherwise), field by field (``crawler.imports``).
"""

from __future__ import annotations

import codecs
import io
import re

#: The codec error handler registered here (``bytes.decode(encoding, ESCAPE_ERRORS)``).
ESCAPE_ERRORS = "mljobs-escape"
#: Bytes sampled to detect an encoding.
SAMPLE_BYTES = 1 << 18

_ESCAPED = re.compile("[\udc00-\udcff]+")
#: How many times :func:`_escape_bytes` has run in this process: while it has not changed, the
#: text decoded since holds no escaped byte and need not be searched for one.
_escapes = [0]
_NON_ASCII = re.compile("[^\x00-\x7f\udc00-\udcff]")


def _escape_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each undecodable byte b becomes the lone surrogate U+DC00 + b (as
    ``surrogateescape``, for every byte value), so decoding never stops at a bad byte and the
    field holding it can be found and repaired (:func:`unescape`)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _escapes[0] += 1
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + b) for b in bad), error.end


codecs.register_error(ESCAPE_ERRORS, _escape_bytes)


def escapes_met() -> int:
    """How many undecodable runs of bytes the handler has met in this process: while the count
    has not changed, text decoded since holds none (no need to search it)."""
    return _escapes[0]


def has_escapes(text: str) -> bool:
    """Does ``text`` hold bytes kept by the :data:`ESCAPE_ERRORS` handler?"""
    return not text.isascii() and _ESCAPED.search(text) is not None


def is_utf8(encoding: str) -> bool:
    """Is ``encoding`` UTF-8 (with or without a byte-order mark)?"""
    return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")


def unescape(text: str, encoding: str) -> str:
    """``text`` with the escaped bad bytes of :func:`_escape_bytes` decoded: as cp1252 in a
    UTF-8 file (a stray byte from a Windows export, "£" = 0xA3), else as U+FFFD each."""
    if is_utf8(encoding):
        return _ESCAPED.sub(
            lambda m: bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252", "replace"), text
        )
    return _ESCAPED.sub(lambda m: "\ufffd" * len(m.group()), text)


def detect_encoding(sample: bytes) -> str:
    """The text encoding of a file that starts with ``sample`` (Python codec name).

    A byte-order mark decides first (UTF-8, UTF-16, UTF-32). A sample without NUL bytes whose
    non-ASCII bytes are nearly all valid UTF-8 sequences is UTF-8 (a handful of stray bytes are
    repaired field by field, not a reason to read the whole file otherwise); else one that
    cp1252 decodes is cp1252 (the Windows code page of UK exports: charset-normalizer tends to
    take such text for cp1250, where 0xA3 is "Ł", not "£"); anything else is detected by
    charset-normalizer, ASCII read as UTF-8. Raises ``LookupError`` when no
    encoding fits."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if sample.startswith(bom):
            return name
    if b"\x00" not in sample:
        text = sample.decode("utf-8", ESCAPE_ERRORS)
        bad = len(_ESCAPED.findall(text))
        good = len(_NON_ASCII.findall(text))
        if bad == 0 or (good and bad <= max(1, good // 20)):
            return "utf-8"
        if _decodes(sample, "cp1252"):
            return "cp1252"  # a UK Windows export; charset-normalizer may say cp1250 (£ = Ł)
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise LookupError("cannot tell the text encoding: give --encoding")
    return "utf-8" if best.encoding == "ascii" else best.encoding


def sample_of(handle: io.BufferedReader) -> bytes:
    """The first :data:`SAMPLE_BYTES` of ``handle``, cut after its last line break."""
    sample = handle.read(SAMPLE_BYTES)
    if len(sample) == SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    return sample


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
