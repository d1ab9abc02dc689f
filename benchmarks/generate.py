"""Write N realistic sessions into DIR through reflect's real record writer.

    python benchmarks/generate.py 10000 /tmp/sessions

Both built-in protocols, 110 school sites in a few dozen collaboratives, dates over
five years, multi-paragraph answers with credits and unicode, commitments and notes.
The same seed gives the same sessions.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from reflect_cli.model import (
    Action,
    Note,
    Participant,
    Protocol,
    Question,
    Rating,
    RoundKind,
    Session,
)
from reflect_cli.protocols import catalog
from reflect_cli.records.store import Store
from reflect_cli.session.snapshot import new_session

PHRASES = (
    "families youth partners school gym calendar trust power leadership coordination",
    "equity access afterschool program staff principal counselor data meeting space",
    "decisions feedback repair conflict turnover community café niños familias",
    "élèves communauté relationships shared goals vision values students safe",
    "respected supported listening schedule transportation snacks volunteers grant funding",
)
WORDS = [word for phrase in PHRASES for word in phrase.split()]
FIRST = ["Monica", "Shana", "Jo", "Ana", "Sam", "Lee", "Fatima", "Nguyen", "José", "Aiyana"]
FIRST += ["Kwame", "Mei"]
LAST = ["Haugen", "Beckwith", "Park", "Ruiz", "Lee", "Ali", "Tran", "García", "Begay", "Mensah"]
LAST += ["Chen"]
ORGS = [
    ("Seattle Parks and Recreation", "Site lead"),
    ("STEMPaths Innovation Network", "Director"),
    ("Northgate PTA", "Parent"),
    ("Seattle Public Schools", "Principal"),
    ("Youth Council", "Student"),
    ("Boys & Girls Club", "Program manager"),
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def text_answer(rng: random.Random, people: list[Participant]) -> str:
    lines = []
    for _ in range(rng.randint(2, 4)):
        speaker = rng.choice(people)
        said = " ".join(sentence(rng) for _ in range(rng.randint(1, 2)))
        lines.append(f"{speaker.handle}: {said}")
    return "\n".join(lines)


def value(question: Question, rng: random.Random) -> int | str | bool:
    """A choice, scale or yes-no value for this question."""
    if question.kind == "choice":
        return rng.choice(question.choices).label
    if question.kind == "scale" and question.scale:
        return rng.randint(question.scale.min, question.scale.max)
    return rng.random() < 0.5


def make(protocol: Protocol, rng: random.Random, number: int) -> Session:
    site = f"School {number % 110:03d} Elementary"
    collaborative = f"{site} OST Collaborative"
    year = 2022 + number % 5
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    session = new_session(protocol, collaborative, date)
    session.site, session.facilitator = site, f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    taken: set[str] = set()
    for _ in range(rng.randint(3, 6)):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        handle = name.split()[0].lower()
        while handle in taken:
            handle += "x"
        taken.add(handle)
        organization, role = rng.choice(ORGS)
        session.participants.append(Participant(name, organization, role, handle))
    questions = {q.id: q for _, q in protocol.questions()}
    for _, record in session.answers():
        question = questions[record.id]
        if question.round is not None:  # each person rates; the answer is the discussion
            record.ratings = [
                Rating(
                    value(question, rng),
                    p.handle if question.round == RoundKind.NAMED else "",
                    "" if question.round == RoundKind.NAMED else p.organization,
                )
                for p in session.participants
            ]
            record.answer = text_answer(rng, session.participants)
        elif question.kind == "text":
            record.answer = text_answer(rng, session.participants)
            record.credits = sorted({line.split(":")[0] for line in record.answer.splitlines()})
        elif question.kind == "multi":
            record.answer = [c.label for c in question.choices if rng.random() < 0.5]
        else:
            record.answer = value(question, rng)
    for _ in range(rng.randint(1, 3)):
        owner = rng.choice(session.participants).handle
        status = rng.choice(["open", "done"])
        session.actions.append(Action(sentence(rng), owner, f"{year}-12-15", status))
    session.notes.append(Note(sentence(rng), session.domains[0].questions[0].id))
    session.status = "complete" if rng.random() < 0.9 else "draft"
    return session


def generate(count: int, folder: Path, seed: int = 7) -> None:
    """Write ``count`` sessions into ``folder``."""
    rng = random.Random(seed)
    builtins = [
        catalog.load_file(catalog.builtin_dir() / f"{name}.yaml")
        for name in ("partnership-reflection", "equitable-partnerships")
    ]
    store = Store(folder)
    for number in range(count):
        store.create(make(builtins[number % 2], rng, number))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many sessions")
    parser.add_argument("folder", type=Path, help="the sessions folder to write into")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    generate(args.count, args.folder, args.seed)
    seconds = time.perf_counter() - started
    print(f"wrote {args.count} sessions to {args.folder} in {seconds:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
