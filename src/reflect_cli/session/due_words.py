"""A due date said in Spanish, read as the English form ``due_dates`` reads: ``mañana``
is ``tomorrow``, ``el próximo viernes`` and ``el viernes que viene`` are ``next friday``,
``en dos semanas`` is ``in 2 weeks``, ``15 de diciembre`` is ``15 december``.

A Spanish-speaking room types these when the meeting is asked in Spanish (the prompt
lists them); they are read whatever the language, as English words always are, since a
word of one never means a date in the other. Accents are optional (``miercoles``).
"""

from __future__ import annotations

import unicodedata

_WORDS = {
    "hoy": "today",
    "manana": "tomorrow",
    "lunes": "monday",
    "martes": "tuesday",
    "miercoles": "wednesday",
    "jueves": "thursday",
    "viernes": "friday",
    "sabado": "saturday",
    "domingo": "sunday",
    "enero": "january",
    "febrero": "february",
    "marzo": "march",
    "abril": "april",
    "mayo": "may",
    "junio": "june",
    "julio": "july",
    "agosto": "august",
    "septiembre": "september",
    "setiembre": "september",
    "octubre": "october",
    "noviembre": "november",
    "diciembre": "december",
    "ene": "jan",
    "abr": "apr",
    "ago": "aug",
    "dic": "dec",
    "dia": "day",
    "dias": "days",
    "semana": "week",
    "semanas": "weeks",
    "quincena": "fortnight",
    "mes": "month",
    "meses": "months",
    "ano": "year",
    "anos": "years",
    "un": "a",
    "una": "a",
    "uno": "one",
    "dos": "two",
    "tres": "three",
    "cuatro": "four",
    "cinco": "five",
    "seis": "six",
    "siete": "seven",
    "ocho": "eight",
    "nueve": "nine",
    "diez": "ten",
    "once": "eleven",
    "doce": "twelve",
    "en": "in",
    "dentro": "in",
}
#: Words that only join the others ("el", "de"), or say "the coming one" (which is what
#: a weekday, week or month alone already means to the reader of English forms).
_JOINING = {"el", "la", "de", "del", "este", "esta"}
_COMING = {"proximo", "proxima", "siguiente", "que", "viene"}


def _folded(text: str) -> str:
    """Lower case without accents: ``Miércoles`` -> ``miercoles``, ``mañana`` ->
    ``manana`` (what people type on a keyboard without them)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def as_english(text: str) -> str | None:
    """The English form of a Spanish due date (``None`` when no word is Spanish)."""
    words = _folded(text).split()
    if not any(w in _WORDS or w in _COMING for w in words):
        return None
    coming = any(w in _COMING for w in words)
    said = [_WORDS.get(w, w) for w in words if w not in _JOINING and w not in _COMING]
    if coming and len(said) == 1:
        # "el viernes que viene", "la próxima semana", "el próximo mes"
        return f"next {said[0]}"
    return " ".join(said)
