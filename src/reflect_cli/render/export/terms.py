"""What the name matcher knows and what it finds: a ``Term`` and a ``Found``.

Apart from ``names`` (the matcher) so that ``verdicts`` (the weighing of an everyday word
or a lower-case name part) reads a term without importing the matcher that calls it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: A text folded, and where each of its characters came from (``folding.fold_mapped``).
Folded = tuple[str, list[int] | None]


@dataclass
class Term:
    """A folded form of a name, a handle or a place, and whom it may name."""

    text: str
    owners: set[int] = field(default_factory=set)
    #: Weighed as an everyday word is (``verdicts.verdict``): one, or a whole form the
    #: facilitator decided about.
    common: bool = False
    #: An everyday word itself ("grace", "hope"), whatever else it is.
    everyday: bool = False
    #: A family name of four letters or more: found with another language's ending too.
    family: bool = False
    #: Found only inside an e-mail address ("monicah@": "china" is a word elsewhere).
    address_only: bool = False
    #: One word of a name or a handle ("lan", "ed"): in lower case inside a sentence
    #: it may be a word, and the facilitator decides (``verdicts.lower_verdict``).
    part: bool = False
    #: Whose session handle it is: "@grace" is always theirs (``verdicts.mention``).
    handle_of: set[int] = field(default_factory=set)
    #: The name part this is a form of in its script's grammar ("지민에게": "지민"):
    #: the word decided about (``name_forms.inflected_terms``).
    lemma: str = ""


@dataclass(frozen=True)
class Found:
    """A term found in text: the original characters ``start:end`` and whose it may be."""

    start: int
    end: int
    owners: frozenset[int]
    line: int
    #: The folded term found: occurrences are counted per term.
    term: str = ""
    #: An everyday word the text cannot tell from a name, and nobody has decided.
    undecided: bool = False
