"""Name parts that are also everyday words, and what the text around one tells.

A part on this list (Hope, Grace, May, Justice, Power, Don, Will, Art…) is never
replaced and never kept silently: written in lower case inside a sentence ("racial
justice", "shared power"), or as a contraction ("we don't"), it is a word; capitalised
next to another part of the same person's name ("Hope Diaz", "Diaz, Hope") it is a name;
a month after "in", "on", "by"… or before a number is a month. Anywhere else the text
cannot tell, and the facilitator decides once per word for the folder (``--name`` /
``--word``, kept in the private state folder). The one list; add to it here.
"""

from __future__ import annotations

import re

COMMON_WORDS_TEXT = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    hope will rose grace joy faith mark bill pat sue dawn summer autumn amber spring winter
    ray rich frank grant chase hunter mason park young brown green white black gray
    grey king hall long little hill wood woods ford lane page price love art sky river
    bishop cook miller baker carter parker fisher gill iris ivy holly lily daisy
    justice power don free major noble trust honor liberty mercy patience
    charity unity harmony melody destiny heaven star sunny sandy misty stormy storm
    stone rock reed read wade ward west banks bond booth cross day fair friend good
    hardy kind law lord low bell bush case cash chance clay cliff dale dean drew earl
    field fox glen gold golden guy hart heath honey hunt jack jay jewel marsh miles moon
    nick norm pearl penny pierce pool robin rod royal ruby rush sage sterling wolf wise
    olive hazel heather violet willow ginger ash forest lake rain snow brook brooks
    cherry crystal victor prince duke early sharp strange story wells
    a an as at be by do go he if in is it me my no of on or so to up us we am and are but
    can for had has her him his its not now our out say see she the too two was who why
    yes you all any did get got how let new off old one own put ran saw set sit
    de da di du la le el al
    """

#: Words that say what kind of place or organization something is, or whom it serves,
#: folded: never a person's plural ("Seattle Parks" when Park is decided a name), never
#: on their own a part that names a place ("Northgate Elementary School" is not said
#: "School"; "Black and Latino boys" is not the Boys & Girls Club).
PLACE_KINDS_TEXT = """
    school schools elementary middle high academy college university center centre centers
    library libraries park parks recreation department dept district office program
    programs club clubs community communities services service network foundation
    association coalition alliance partnership partners collaborative council committee
    team project initiative institute house hall church clinic museum youth family
    families public city county state north south east west central new united
    international national american
    boys girls kids children women men parents students teachers families friends
    neighbors elders seniors
    """
PLACE_KINDS = frozenset(PLACE_KINDS_TEXT.split())
_WORDS = frozenset(COMMON_WORDS_TEXT.split())
#: Every everyday word a name part may be: the list above and the kinds of place ("Rosa
#: Parks", "Mia Hall", "Ben Church"): each is never replaced and never kept silently.
COMMON_WORDS = _WORDS | PLACE_KINDS
#: Places everyone in the county names, and words of where: never a place's part alone
#: (a mountain or range names the Rainier Valley, Rainier Avenue and a hundred
#: organizations: "Rainier" alone is not Rainier Beach High School). Next to one, an
#: everyday name part names the place ("Seattle Parks"), not the person.
REGIONS_TEXT = """
    seattle tacoma bellevue kent renton auburn redmond kirkland burien tukwila seatac
    shoreline bothell issaquah sammamish everett federal king county washington puget
    sound pacific northwest northeast southwest southeast downtown
    rainier cascade cascades olympic olympics
    """
REGIONS = frozenset(REGIONS_TEXT.split())
#: Words that head a line of meeting notes ("Agenda: …", "Next steps", "Time: 3:30"):
#: before a colon at a line's start they are the note's heading, not a speaker prefix
#: (which, even mistyped, is replaced). English and Spanish; never someone's name here
#: unless the folder knows one by it (then it is the person's).
HEADINGS_TEXT = """
    agenda update updates time date dates when where who what why how note notes nb ps
    fyi re subject action actions decision decisions question questions answer answers
    summary location next status result results goal goals budget topic topics idea
    ideas issue issues todo reminder reminders deadline deadlines outcome outcomes plan
    plans purpose attendees present absent minutes item items task tasks priority
    priorities concern concerns feedback comment comments example examples total cost
    costs handles link links email phone contact address website step steps option
    options pros cons risk risks challenge challenges success successes strength
    strengths need needs request requests vote votes motion follow followup
    roster owner owners zoom parking facilitator facilitators snack snacks food lunch
    dinner breakfast translation interpretation childcare homework form forms room rooms
    meeting meetings call calls recap highlights wins announcements announcement
    schedule calendar event events program programs transportation bus volunteers
    volunteer supplies materials funding grant grants data survey surveys report reports
    presenter presenters host hosts chair scribe notetaker timekeeper guest guests staff
    attendance regrets quorum approved tabled pending done completed open closed misc
    general welcome intro introductions icebreaker checkin closing opening review
    reflection reflections celebrations shoutouts kudos thanks appreciations cost price
    fee fees due which
    comida almuerzo transporte cuidado traduccion tarea reunion llamada calendario
    """
HEADINGS = frozenset(HEADINGS_TEXT.split())
#: The word straight before or after a word (spaces or a hyphen between, nothing else).
_WORD_BEFORE = re.compile(r"(\w[\w']*)[ \t\-]+$")
_WORD_AFTER = re.compile(r"[ \t\-]+(\w[\w']*)")


def next_to_place_word(folded: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` of folded text stands next to a kind of place or
    a region ("Seattle Parks", "the Parks department", "Hope Family Center"): then an
    everyday name part there is the place's word, not the person."""
    before = _WORD_BEFORE.search(folded, max(0, start - 40), start)
    after = _WORD_AFTER.match(folded, end)
    near = {m[1] for m in (before, after) if m}
    return bool(near & (PLACE_KINDS | REGIONS))


#: Months: "in May", "May 3" is the month.
_MONTHS = frozenset(COMMON_WORDS_TEXT.split()[:12])
_BEFORE_MONTH = frozenset(
    {"in", "on", "by", "of", "since", "until", "till", "from", "to", "early", "late", "mid"}
    | {"next", "last", "this", "each", "every"}
)
#: "don't", "Will've": a contraction is a word, not a name.
CONTRACTION = re.compile(r"'(?:t|re|ve|ll|d|m)(?![^\W\d])")
#: What ends a line (``str.splitlines``): a line's first word starts a sentence.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: Space in a line as folded text has it: what folding keeps of white space (the ogham
#: space mark, U+001F, tab) and the braille blank, which shows as a space.
_IN_LINE = rf"[^\S{_BREAKS}]|\u2800"
#: What follows a speaker prefix ("grace: we agreed"): a colon, then a space or the end.
SPEAKER_AFTER = re.compile(rf"(?:{_IN_LINE})*:(?=\s|$)")
#: What may stand between a sentence's end and its first word: spaces, quotes, brackets,
#: emphasis, list marks, a quotation's or a heading's or a table's mark ("> grace: …").
_OPENING = " \t*_~\"'([{“‘«-\u2800>|#"


def sentence_start(folded: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence (or a line, or follows "name:")."""
    index = start - 1
    while index >= 0 and _opening(folded[index]):
        index -= 1
    return index < 0 or folded[index] in ".!?:;…" or folded[index] in _BREAKS


def _opening(char: str) -> bool:
    return char in _OPENING or (char.isspace() and char not in _BREAKS)


def a_month(term: str, folded: str, start: int, end: int) -> bool:
    """A month's name where the text says it is the month: after "in", "by", "since"…,
    or before a day or a year ("May 3", "May 2026")."""
    if term not in _MONTHS:
        return False
    before = re.search(r"(\w+)[\s,]+$", folded[max(0, start - 20) : start])
    return bool(
        (before and before[1] in _BEFORE_MONTH) or re.match(r"[\s,]+\d", folded[end : end + 4])
    )


def sentence_around(text: str, start: int, end: int, width: int = 100) -> str:
    """The sentence that holds ``text[start:end]``, on one line, shortened around it."""
    left = max(text.rfind(c, 0, start) for c in ".!?\n")
    right_ends = [i for c in ".!?\n" if (i := text.find(c, end)) >= 0]
    right = min(right_ends) + 1 if right_ends else len(text)
    sentence = " ".join(text[left + 1 : right].split())
    if len(sentence) > width:
        at = sentence.find(text[start:end].strip())
        begin = max(0, at - width // 2)
        sentence = ("…" if begin else "") + sentence[begin : begin + width] + "…"
    return sentence
