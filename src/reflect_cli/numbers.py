"""What a person means by a number they typed: the one reader of typed numbers.

Every prompt that takes a number (a choice, a scale, a rating, the wrap-up's "Number to
answer it now", ``resume``'s "Which draft?", a roster range) and every answers file reads
it here, so a new prompt cannot bring back ``isdigit()`` then ``int()`` (``"①".isdigit()``
is true and ``int("①")`` a traceback).

A whole number is an optional sign and decimal digits of one script: ASCII ``42``,
Arabic-Indic ``٤٢``, Devanagari ``४२``, fullwidth ``４２`` all mean 42, as a keyboard in that
script types them. Characters that only look like numbers (``①``, ``²``, ``½``, ``Ⅻ``,
``1.5``, ``1_000``) are not a whole number typed as such: they are refused with a reason
the prompt shows before asking again, never guessed at and never a traceback.
"""

from __future__ import annotations

import unicodedata

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _

#: More digits than any count, scale or menu in a meeting could need; also far below
#: Python's own limit on converting digits (4,300), so no length can raise.
MAX_DIGITS = 9
_SIGNS = "+-\u2212"  # ASCII plus and minus, and the minus sign (U+2212)


class NotAWholeNumber(InputError):
    """Typed text holds number characters that are not a whole number typed with digits;
    the message says why, in a way a prompt can show before asking again."""


def whole_number(text: str) -> int | None:
    """The whole number ``text`` is, ``None`` when it holds no number at all (a word, or
    nothing: the caller may look it up as a label), or ``NotAWholeNumber`` saying why
    not (``①``, ``²``, ``½``, ``Ⅻ``, ``1.5``, digits of two scripts, too many digits)."""
    value = text.strip()
    body = value[1:] if value[:1] in _SIGNS else value
    if body and all(unicodedata.category(c) == "Nd" for c in body):
        return _digits(value, body)
    if not holds_number(value):
        return None
    odd = next((c for c in value if _is_number_sign(c)), None)
    if odd is not None:
        where = "" if value == odd else f"{_short(value)}: "
        raise NotAWholeNumber(
            _("{where}{character} is not a digit; {hint}").format(
                where=where, character=_name_of(odd), hint=_hint(odd)
            )
        )
    raise NotAWholeNumber(
        _("{short} is not a whole number; type digits only, such as 3").format(short=_short(value))
    )


def option_number(text: str, option: str, low: int, high: int) -> int:
    """A whole number typed for a command-line ``option``, from ``low`` to ``high``; an
    InputError (one line, exit 2) naming the option otherwise."""
    wanted = _("{option}: a whole number from {low} to {high}").format(
        option=option, low=low, high=high
    )
    try:
        value = whole_number(text)
    except NotAWholeNumber as exc:
        raise InputError(f"{wanted} ({exc})") from None
    if value is None or not low <= value <= high:
        raise InputError(_("{wanted}, not {short}").format(wanted=wanted, short=_short(text)))
    return value


def ascii_digits(text: str) -> str:
    """``text`` with each run of digits written in ASCII, digit for digit (``in ٣ days`` is
    ``in 3 days``, ``2026-١٢-٠١`` is ``2026-12-01``), for a reader of dates and counts
    that knows ASCII digits only; ``NotAWholeNumber`` when a run mixes scripts or the
    text holds a number character that is not a digit (``in ① days``)."""
    if text.isascii():
        return text
    odd = next((c for c in text if _is_number_sign(c)), None)
    if odd is not None:
        raise NotAWholeNumber(
            _("{short}: {character} is not a digit; {hint}").format(
                short=_short(text), character=_name_of(odd), hint=_hint(odd)
            )
        )
    out: list[str] = []
    zero: int | None = None  # the zero of the run's script; None between runs
    for c in text:
        if unicodedata.category(c) != "Nd":
            out.append(c)
            zero = None
            continue
        value = unicodedata.decimal(c)
        if zero is not None and ord(c) - value != zero:
            raise NotAWholeNumber(
                _("{short} mixes digits of different scripts; type it in one").format(
                    short=_short(text)
                )
            )
        zero = ord(c) - value
        out.append(str(value))
    return "".join(out)


def holds_number(text: str) -> bool:
    """Whether ``text`` holds any number character at all (a digit of any script, ``①``,
    ``²``, ``½``, ``Ⅻ``): ``10:30`` and ``shnaa ①`` do, ``Hope`` does not."""
    return any(unicodedata.category(c)[0] == "N" for c in text)


def _digits(value: str, body: str) -> int:
    if len(body) > MAX_DIGITS:
        raise NotAWholeNumber(
            _("{short} has {count:,} digits; the most is {most}").format(
                short=_short(value), count=len(body), most=MAX_DIGITS
            )
        )
    zeros = {ord(c) - unicodedata.decimal(c) for c in body}
    if len(zeros) > 1:
        raise NotAWholeNumber(
            _("{short} mixes digits of different scripts; type it in one").format(
                short=_short(value)
            )
        )
    number = 0
    for c in body:
        number = number * 10 + unicodedata.decimal(c)
    return -number if value[0] in "-\u2212" else number


def _is_number_sign(c: str) -> bool:
    """A number character that is not a decimal digit: circled, superscript, a fraction,
    a Roman numeral."""
    return unicodedata.category(c) in ("No", "Nl")


def _name_of(c: str) -> str:
    name = unicodedata.name(c, "")
    return f"{c!r} ({name.lower()})" if name else repr(c)


def _hint(c: str) -> str:
    """What to type instead: the digits of the same number when it is whole (``①`` → 1),
    else just digits."""
    value = unicodedata.numeric(c, -1.0)
    if value >= 0 and value.is_integer():
        return _("type {number} instead").format(number=f"{value:.0f}")
    return _("type a whole number in digits, such as 3")


def _short(value: str) -> str:
    return repr(value) if len(value) <= 20 else repr(value[:12] + "…")
