"""What a PDF shows beside its pages' text, read from its bytes: annotations (a
comment's text, subject and author, and its rich text), form fields (the values typed or
chosen, the choices offered, a field's tooltip, a button's caption, an XFA form's data
and captions), alternate text (what a screen reader says for a figure), outline entries
(bookmark titles), a link's address (``/URI``, shown when the pointer rests on it, read
percent-decoded too) and the file a link opens (``/F``, ``/UF``, ``/P`` of a ``/Launch``
or ``/GoToR``), and every XMP metadata packet's text and attribute values (the
document's, a page's, an image's: ``xmp_lines``). Poppler's tools print none of them,
and a name typed there reaches a partner as surely as one on the page.

The file's objects are searched as written and inside every compressed stream (a PDF 1.5
keeps its objects in compressed object streams): every string after ``/Contents``,
``/Subj``, ``/T``, ``/Title``, ``/V``, ``/DV``, ``/TU``, ``/CA``, ``/Opt``, ``/Alt``,
``/RC``, ``/URI``, ``/F``, ``/UF`` or ``/P`` (a name spelled with ``#xx`` escapes too),
every string of an array there (a list's choices, a multiple choice's values), and the
text stream a ``/V`` or ``/RC`` may refer to instead; and the streams an ``/XFA`` form
names. A comment's rich text is XHTML and an XFA form XML, read as HTML is
(``html_text``: ``Gr<span>ace</span>`` is "Grace"). A page's ``/Contents`` is a
reference, not a string, and is passed over. An encrypted PDF's strings cannot be read
this way: `check-names` refuses it (``encrypted``).
"""

from __future__ import annotations

import re
import zlib
from urllib.parse import unquote

from reflect_cli.render.export import html_text


def name_pattern(word: str) -> bytes:
    """A PDF name as a pattern: each letter as written or as its ``#xx`` escape, which a
    reader decodes (``/Encr#79pt`` is ``/Encrypt``)."""
    hexadecimal = ("".join(f"[{d.lower()}{d.upper()}]" for d in f"{ord(c):02x}") for c in word)
    letters = (f"(?:{c}|#{h})" for c, h in zip(word, hexadecimal, strict=True))
    return ("/" + "".join(letters)).encode()


#: The keys whose string a viewer shows, and the field a place there is named by.
_FIELDS = {
    b"Contents": "PDF annotation",
    b"Subj": "PDF annotation subject",
    b"Title": "PDF outline",
    b"TU": "PDF form field",
    b"T": "PDF annotation author",
    b"RC": "PDF annotation",
    b"DV": "PDF form field",
    b"V": "PDF form field",
    b"CA": "PDF form field",
    b"Opt": "PDF form field",
    b"XFA": "PDF form field",
    b"Alt": "PDF alternate text",
    # A link's address and a file a link opens (/Launch, /GoToR, a file specification):
    # shown when the pointer rests on the link, and sent with the file.
    b"URI": "PDF link",
    b"UF": "PDF file link",
    b"F": "PDF file link",
    b"P": "PDF file link",
}
#: Links, whose address may be percent-encoded ("monica%20haugen"): read decoded too.
_ADDRESSES = {b"URI", b"UF", b"F", b"P"}
#: A key (however its name is spelled) and how its value starts: a literal or
#: hexadecimal string, an array, or a reference (``12 0 R``). Longer names first.
_KEY = re.compile(
    b"("
    + b"|".join(name_pattern(k.decode()) for k in _FIELDS)
    + rb")\s*(\(|<(?!<)|\[|\d+\s+\d+\s+R)"
)
#: Keys whose value may be an array of strings (a list's choices, its chosen values).
_ARRAYS = {b"V", b"DV", b"Opt"}
#: Keys whose value may be a reference to a text stream (a long value, rich text), or
#: an array of references to streams (an XFA form's packets: its data, its captions).
_STREAMS = {b"V", b"DV", b"RC", b"XFA"}
#: Rich text (XHTML) and XFA forms (XML): read as a page is, text and attribute values.
_MARKUP = {b"RC", b"XFA"}
_REFERENCE = re.compile(rb"(\d+)\s+(\d+)\s+R")


#: An encrypted file: its trailer (or cross-reference stream) names an /Encrypt dictionary.
_ENCRYPT = re.compile(name_pattern("Encrypt") + rb"\s*(?:\d+\s+\d+\s+R|<<)")
_STREAM = re.compile(rb"stream\r?\n")
#: Bytes inflated at most, over all streams: a small file cannot unpack into gigabytes.
_INFLATED_MOST = 256 * 1024 * 1024
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def shown_strings(data: bytes, streams: list[bytes] | None = None) -> list[tuple[str, str]]:
    """Each annotation's, form field's and outline entry's text in the PDF ``data``:
    (field, text); ``streams``: its streams inflated, when ``inflated`` gave them."""
    found: list[tuple[str, str]] = []
    for chunk in (data, *(inflated(data) if streams is None else streams)):
        for key in _KEY.finditer(chunk):
            name = _unescaped(key[1])
            for raw in _values(data, chunk, name, key):
                text = _decoded(raw)
                if name in _MARKUP:
                    text = html_text.plain(text)
                texts = [text, unquote(text)] if name in _ADDRESSES else [text]
                for each in dict.fromkeys(" ".join(t.split()) for t in texts):
                    if each:
                        found.append((_FIELDS[name], each))
        found += [("PDF XMP metadata", line) for line in xmp_lines(chunk)]
    return found


#: An XMP metadata packet (the document's, a page's, an image's), as XML in a stream:
#: the whole packet, else its ``x:xmpmeta`` or ``rdf:RDF`` element.
_XMP = re.compile(
    rb"<\?xpacket\s+begin.*?<\?xpacket\s+end[^>]*>"
    rb"|<([\w.-]+:)?x[am]pmeta\b.*?</([\w.-]+:)?x[am]pmeta\s*>"
    rb"|<rdf:RDF\b.*?</rdf:RDF\s*>",
    re.DOTALL,
)


def xmp_lines(chunk: bytes) -> list[str]:
    """The text and attribute values of every XMP packet in ``chunk``, line by line: a
    creator (``dc:creator``), a title, a tool's name, whatever a writer put there."""
    found: list[str] = []
    for packet in _XMP.finditer(chunk):
        text = html_text.plain(packet[0].decode("utf-8", errors="replace"))
        found += [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    return found


def encrypted(data: bytes) -> bool:
    """Whether the PDF ``data`` is encrypted: its strings are then unreadable here."""
    return _ENCRYPT.search(data) is not None


def _unescaped(name: bytes) -> bytes:
    """A key's name as the reader decodes it, without its slash (``/#56`` is ``V``)."""
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), name[1:])


def _values(data: bytes, chunk: bytes, name: bytes, key: re.Match[bytes]) -> list[bytes]:
    """The strings of one key's value: a string, an array's strings, or a text stream."""
    start = key[2]
    if start == b"(":
        return [_literal(chunk, key.end())[0]]
    if start == b"<":
        return [_hexadecimal(chunk, key.end())[0]]
    if start == b"[" and name == b"XFA":  # (packet name) reference pairs: the packets
        end = chunk.find(b"]", key.end())
        found: list[bytes] = []
        for number, generation in _REFERENCE.findall(chunk[key.end() : end]):
            found += _streams_of(data, int(number), int(generation))
        return found
    if start == b"[":
        return _array(chunk, key.end()) if name in _ARRAYS else []
    if name in _STREAMS:  # a reference: the text stream it names
        number, generation = start.split()[:2]
        return _streams_of(data, int(number), int(generation))
    return []  # a page's /Contents, an outline's /Title object…: not text here


def _array(chunk: bytes, at: int) -> list[bytes]:
    """The strings of an array from just after its "[", nested arrays too (a choice's
    ``[export shown]`` pair)."""
    found: list[bytes] = []
    depth, index = 1, at
    while index < len(chunk) and depth:
        char = chunk[index : index + 1]
        if char == b"(":
            raw, index = _literal(chunk, index + 1)
            found.append(raw)
            continue
        if char == b"<" and chunk[index + 1 : index + 2] != b"<":
            raw, index = _hexadecimal(chunk, index + 1)
            found.append(raw)
            continue
        depth += {b"[": 1, b"]": -1}.get(char, 0)
        index += 1
    return found


def _streams_of(data: bytes, number: int, generation: int) -> list[bytes]:
    """The contents of every stream object ``number generation`` (each revision of the
    file), inflated when compressed."""
    found: list[bytes] = []
    for start in re.finditer(rb"(?<![0-9])%d\s+%d\s+obj\b" % (number, generation), data):
        end = data.find(b"endobj", start.end())
        body = data[start.end() : end if end >= 0 else len(data)]
        stream = _STREAM.search(body)
        if stream is None:
            continue
        content = body[stream.end() : body.rfind(b"endstream")]
        if b"FlateDecode" in body[: stream.start()]:
            try:
                content = zlib.decompressobj().decompress(content, _INFLATED_MOST)
            except zlib.error:
                continue
        found.append(content)
    return found


def inflated(data: bytes) -> list[bytes]:
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


def _literal(chunk: bytes, at: int) -> tuple[bytes, int]:
    """A literal string's bytes from just after its "(": nested brackets kept, escapes
    undone (``\\n``, ``\\(``, an octal ``\\101``, a backslash before a line end); and
    where it ends."""
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
                return bytes(out), index + 1
        out += char
        index += 1
    return bytes(out), index


def _hexadecimal(chunk: bytes, at: int) -> tuple[bytes, int]:
    """A hexadecimal string's bytes from just after its "<" (an odd last digit is "x0"),
    and where it ends."""
    end = chunk.find(b">", at)
    end = end if end >= 0 else len(chunk)
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", chunk[at:end])
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii")), end + 1


def _decoded(raw: bytes) -> str:
    """A PDF text string: UTF-16 with its byte-order mark, UTF-8 with its own (PDF 2.0),
    else PDFDocEncoding (read as Latin-1, which it equals for letters)."""
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", errors="replace")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    return raw.decode("latin-1")
