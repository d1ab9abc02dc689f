"""What the round tests share: one rounds protocol built from its questions, and one
partnership of four partners from three organizations.

Realistic on purpose: handles that are not first names (``mh`` for Monica Haugen), a
name that is also a word (Hope), two people called Ana in different organizations, and
two people from one organization (Parks), so organization medians and anonymity rules
have something to work on.
"""

from __future__ import annotations

from pathlib import Path

#: A named 1–5 scale round with labels and bands.
TRUST = """
      - id: trust
        prompt: How strong is trust between us?
        kind: scale
        round: named
        scale: {min: 1, max: 5, labels: {1: Not yet, 3: Partly, 4: Mostly, 5: Fully}}
        bands: [{min: 4, label: Strength}, {min: 3, label: Borderline}, {min: 1, label: Concern}]
"""
#: An anonymous choice round: the partnership type.
TYPE = """
      - id: type
        prompt: Which type best describes our partnership today?
        kind: choice
        round: anonymous
        choices: [Cooperative, Collaborative, Integrated]
"""
#: A yes-no question without a round (``/round`` can start one).
READY = """
      - id: ready
        prompt: Are we ready to share data?
        kind: yes-no
"""
#: The discussion behind the ratings: a text question.
STORY = """
      - id: story
        prompt: What is behind these ratings?
"""

#: Four partners from three organizations: ``Name | Organization | Role | handle``.
ROSTER = [
    "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
    "Shana Beckwith | STEMPaths Innovation Network | Director | shana",
    "Ana Ruiz | Northgate Elementary | Counselor | ana",
    "Hope Lee | Seattle Parks and Recreation | Coach | hope",
]
#: The same room with a second Ana (at Parks) in Hope's place.
TWO_ANAS = [*ROSTER[:3], "Ana Lopez | Seattle Parks and Recreation | Coach | alopez"]


def protocol(*questions: str) -> str:
    """The rounds protocol with these questions, in this order, in one domain."""
    head = """
id: rounds
version: 1
title: Rounds protocol
domains:
  - id: hallmarks
    title: Hallmarks
    questions:"""
    return head + "".join(questions)


def write_protocol(folder: Path, *questions: str) -> Path:
    """Write ``rounds.yaml`` into ``folder`` (made if need be); the folder is returned."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rounds.yaml").write_text(protocol(*questions), encoding="utf-8")
    return folder


def participants_yaml(roster: list[str] = ROSTER) -> str:
    """The roster as an answers file's ``participants:`` mappings."""
    lines = ["participants:"]
    for person in roster:
        name, organization, role, handle = person.split(" | ")
        lines.append(
            f"  - {{name: {name}, organization: {organization}, role: {role}, handle: {handle}}}"
        )
    return "\n".join(lines) + "\n"
