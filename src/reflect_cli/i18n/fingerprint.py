"""A short fingerprint of a source text, so a translation knows what it translated.

Spacing and Unicode normalisation do not count (re-wrapping a YAML paragraph is not a
change of text); any other change does, and the translation is then out of date.
"""

from __future__ import annotations

import hashlib
import unicodedata

LENGTH = 8


def fingerprint(text: str) -> str:
    """Eight hex digits of the SHA-256 of the text, spaces collapsed, NFC."""
    plain = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()[:LENGTH]
