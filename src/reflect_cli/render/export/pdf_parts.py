"""What a PDF shows beside its pages' text, read from its bytes: annotations (a comment's
text, subject and author), outline entries (bookmark titles). Poppler's tools print
neither, and a name typed there reaches a partner as surely as one on the page.

The file's objects are searched as written and inside every compressed stream (a PDF
1.5 keeps its objects in compressed object streams): every string after ``/Contents``,
``/Subj``, ``/T`` or ``/Title``. A page's ``/Contents`` is a reference, not a string,
and is passed over. An encrypted PDF's strings cannot be read this way.
"""

from __future__ import annotations

import re
import zlib

#: The keys whose string a viewer shows, and the field a place there is named by.
_FIELDS = {
    b"Contents": "PDF annotation",
    b"Subj": "PDF annotation subject",
    b"T": "PDF annotation author",
    b"Title": "PDF outline",
}
_KEY = re.compile(rb"/(Contents|Subj|T|Title)\s*(\(|<(?!<))")
_STREAM = re.compile(rb"stream\r?\n")
#: Bytes inflated at most, over all streams: a small file cannot unpack into gigabytes.
_INFLATED_MOST = 256 * 1024 * 1024
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def shown_strings(data: bytes) -> list[tuple[str, str]]:
    """Each annotation's and outline entry's text in the PDF ``data``: (field, text)."""
    found: list[tuple[str, str]] = []
    for chunk in (data, *_inflated(data)):
        for key in _KEY.finditer(chunk):
            read = _literal if key[2] == b"(" else _hexadecimal
            raw = read(chunk, key.end())
            text = " ".join(_decoded(raw).split())
            if text:
                found.append((_FIELDS[key[1]], text))
    return found


def _inflated(data: bytes) -> list[bytes]:
    """Every stream that inflates (a Flate-compressed one), as far as the budget goes."""
    out: list[bytes] = []
    left = _INFLATED_MOST
    for start in _STREAM.finditer(data):
        end = data.find(b"endstream", start.end())
        if end < 0 or left <= 0:
            break
        try:
            inflated = zlib.decompressobj().decompress(data[start.end() : end], left)
        except zlib.error:
            continue
        left -= len(inflated)
        out.append(inflated)
    return out


def _literal(chunk: bytes, at: int) -> bytes:
    """A literal string's bytes from just after its "(": nested brackets kept, escapes
    undone (``\\n``, ``\\(``, an octal ``\\101``, a backslash before a line end)."""
    out = bytearray()
    depth = 1
    index = at
    while index < len(chunk):
        char = chunk[index : index + 1]
        if char == b"\\":
            following = chunk[index + 1 : index + 2]
            octal = re.match(rb"[0-7]{1,3}", chunk[index + 1 : index + 4])
            if octal:
                out.append(int(octal[0], 8) & 0xFF)
                index += 1 + len(octal[0])
                continue
            if following in (b"\r", b"\n"):
                index += 2 + (chunk[index + 1 : index + 3] == b"\r\n")
                continue
            out += _ESCAPES.get(following, following)
            index += 2
            continue
        if char == b"(":
            depth += 1
        elif char == b")":
            depth -= 1
            if depth == 0:
                break
        out += char
        index += 1
    return bytes(out)


def _hexadecimal(chunk: bytes, at: int) -> bytes:
    """A hexadecimal string's bytes from just after its "<" (an odd last digit is "x0")."""
    end = chunk.find(b">", at)
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", chunk[at : end if end >= 0 else len(chunk)])
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


def _decoded(raw: bytes) -> str:
    """A PDF text string: UTF-16 with its byte-order mark, UTF-8 with its own (PDF 2.0),
    else PDFDocEncoding (read as Latin-1, which it equals for letters)."""
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", errors="replace")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    return raw.decode("latin-1")
