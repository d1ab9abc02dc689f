"""The evaluation's fixture: 33 `equitable-partnerships` sessions (32 complete, 1 draft)
of ten partnerships at ten sites over the school years 2023-24 to 2025-26, written through
real answers files and the same path as `reflect start --answers FILE --no-input`.

The trends built in (what tests recompute from ``PARTNERSHIPS`` on their own):
- types move: mostly Cooperative in 2023-24, mostly Collaborative in 2025-26, three
  Integrated by then; Highline Bridges' room is split two against two in 2024-25 (a tie);
- "Resource-sharing" as a helping factor peaks in 2024-25;
- Rainier Vista's partners diverge on shared leadership (school staff 5, community and
  family 1 or 2) while Lake Hills rates 5, 5, 5, 4 (one parent said 4: not divergence);
- Lake Hills meets twice in 2024-25 (the later session is its state in that year) and
  Tukwila Together meets on 2024-07-31 and 2024-08-01 (either side of the school year's
  start); an abandoned draft of Auburn Roots never counts;
- each session makes one commitment, and the partnership's next session says where it
  stands (done, in progress, dropped, or left open);
- every meeting answers the equity question (``EQUITY``, ``inequities-addressed``) in
  two or three lines credited to the people there.

People as they are: family name first (Nguyễn Thị Lan, Trần Văn Minh), a decomposed
accent (José Ramírez typed as J-o-s-e + combining acute), CJK and Ethiopic names, two
Marias in one room, names that are words (Hope, Grace, May, Justice, Faith, Destiny),
one-person organizations.

Use ``evaluation_sessions`` (a copy of the folder in the test's own sessions folder) or
``evaluation_folder`` (the one built folder: read only).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import json
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

PROTOCOL = "equitable-partnerships"
TYPES = {"K": "Cooperative", "C": "Collaborative", "I": "Integrated"}
HELPING = {
    "T": "Strong relationships and trust",
    "L": "School-wide shifts in leadership and decision-making",
    "P": "Efforts to increase parent engagement",
    "S": "Inclusion of students in leadership roles",
    "R": "Resource-sharing (space, meeting time, staff) to improve coordination and communication",
}
HINDERING = {
    "C": "Leadership and staff changes among partners, which disrupt relationships and trust",
    "W": "Power dynamics within schools",
    "K": "Lack of capacity to provide services to students in need",
}


@dataclass(frozen=True)
class Person:
    name: str
    organization: str
    role: str
    sector: str
    handle: str


@dataclass(frozen=True)
class Meeting:
    """One session as planned: who came (indexes into the partnership's people), each
    one's type (a letter of ``TYPES``) and shared-leadership rating (None: passed), the
    room's helping and hindering factors (None: skipped), its effective-coordination
    value, the commitment it made (text, owner's index, days until due) and where the
    partnership's earlier open commitments stand (text → status)."""

    date: str
    people: tuple[int, ...]
    types: str
    leadership: tuple[int | None, ...]
    helping: str | None
    hindering: str | None
    coordination: int
    commitment: tuple[str, int, int]
    follow_up: dict[str, str] = field(default_factory=dict)
    draft: bool = False


@dataclass(frozen=True)
class Partnership:
    collaborative: str
    site: str
    people: tuple[Person, ...]
    meetings: tuple[Meeting, ...]


def _p(name: str, organization: str, role: str, sector: str, handle: str) -> Person:
    return Person(name, organization, role, sector, handle)


M = Meeting
# fmt: off
PARTNERSHIPS: tuple[Partnership, ...] = (
    Partnership(
        "Lake Hills Partners", "Lake Hills Elementary",
        (
            _p("Hope Tesfaye", "Lake Hills Elementary", "Principal", "school", "hope"),
            _p("Grace Kim", "Boys & Girls Club of Bellevue", "Site director",
               "community organization", "grace"),
            _p("Nguyễn Thị Lan", "Lake Hills PTA", "Parent", "family", "lan"),
            _p("Maria Lopez", "Lake Hills Elementary", "Counselor", "school", "maria"),
        ),
        (
            M("2023-10-12", (0, 1, 2), "KKK", (4, 4, 4), "TP", "C", 3,
              ("Share the gym calendar", 0, 30)),
            M("2024-10-10", (0, 1, 2), "KKC", (4, 5, 4), "TR", "", 3,
              ("Invite families to the planning night", 2, 400),
              {"Share the gym calendar": "done"}),
            M("2025-04-17", (0, 1, 2, 3), "CCCK", (5, 5, 4, 5), "TRP", "W", 4,
              ("Draft a shared data agreement", 3, 300),
              {"Invite families to the planning night": "done"}),
            M("2025-10-09", (0, 1, 2, 3), "CCCC", (5, 5, 4, 5), "TP", "", 4,
              ("Co-plan the spring family night", 1, 120),
              {"Draft a shared data agreement": "in progress"}),
        ),
    ),
    Partnership(
        "Rainier Vista Collaborative", "Rainier Vista Elementary",
        (
            _p("Justice Amadi", "Rainier Vista Elementary", "Assistant principal", "school",
               "justice"),
            _p("May Chen", "Rainier Vista Elementary", "Teacher", "school", "may"),
            _p("Maria Tuilagi", "Pacific Islander Community Association", "Program manager",
               "community organization", "maria"),
            _p("Maria Santos", "Pacific Islander Community Association", "Youth worker",
               "community organization", "mariasantos"),
            _p("ሰላም ተስፋዬ", "Rainier Vista Families", "Parent", "family", "selam"),
        ),
        (
            M("2023-11-02", (0, 1, 2, 4), "KKKC", (4, 4, 3, 3), "T", "WC", 3,
              ("Name a shared point of contact", 0, 30)),
            M("2024-11-07", (0, 1, 2, 3, 4), "KKKCK", (5, 5, 2, 2, 2), "TR", "W", 2,
              ("Rotate who chairs the meeting", 2, 200),
              {"Name a shared point of contact": "dropped"}),
            M("2025-11-06", (0, 1, 2, 3, 4), "KKCKK", (5, 4, 2, 2, 1), "T", "WK", 2,
              ("Bring budget decisions to the whole group", 0, 90),
              {"Rotate who chairs the meeting": "done"}),
        ),
    ),
    Partnership(
        "Kent Youth Alliance", "Kent-Meridian High",
        (
            _p("王秀英", "Kent School District", "Coordinator", "district", "xiuying"),
            _p("Jose\u0301 Rami\u0301rez", "Kent Youth and Family Services", "Counselor",
               "community organization", "jose"),
            _p("Amina Yusuf", "Kent Youth Council", "Youth member", "youth", "amina"),
        ),
        (
            M("2023-12-05", (0, 1, 2), "KKC", (3, 3, 3), "RS", "K", 3,
              ("Set up a referral form", 1, 45)),
            M("2024-12-03", (0, 1, 2), "CCC", (4, 3, 4), "RST", "K", 3,
              ("Youth council seat on the steering group", 2, 365),
              {"Set up a referral form": "done"}),
            M("2025-12-02", (0, 1, 2), "IIC", (4, 4, 4), "RST", "", 4,
              ("Publish the referral numbers", 0, 60),
              {"Youth council seat on the steering group": "done"}),
        ),
    ),
    Partnership(
        "White Center Family Network", "Cascade Middle School",
        (
            _p("Sofia Reyes", "Cascade Middle School", "Principal", "school", "sofia"),
            _p("Trần Văn Minh", "White Center Community Development Association",
               "Family advocate", "community organization", "minh"),
            _p("Faith Okafor", "Cascade Families", "Parent", "family", "faith"),
        ),
        (
            M("2024-01-18", (0, 1, 2), "KKK", (3, 3, 2), "P", "C", 2,
              ("Translate the newsletter", 1, 30)),
            M("2025-01-16", (0, 1, 2), "KKC", (3, 3, 3), "PR", "C", 3,
              ("Hold conferences at the community center", 0, 300),
              {"Translate the newsletter": "done"}),
            M("2026-01-15", (0, 1, 2), "CCC", (4, 3, 4), "TP", "C", 3,
              ("Family liaison at every staff meeting", 2, 90)),
        ),
    ),
    Partnership(
        "Tukwila Together", "Foster High School",
        (
            _p("Daniel Park", "Foster High School", "Dean", "school", "daniel"),
            _p("Fatuma Hassan", "Somali Family Association", "Parent liaison",
               "community organization", "fatuma"),
            _p("Hope Martinez", "Tukwila Youth Council", "Youth member", "youth", "hope"),
        ),
        (
            M("2023-11-15", (0, 1, 2), "KKC", (3, 3, 3), "T", "K", 3,
              ("Open the library after school", 0, 60)),
            M("2024-07-31", (0, 1, 2), "CCK", (3, 4, 3), "TS", "K", 3,
              ("Summer bridge sign-ups", 1, 20),
              {"Open the library after school": "done"}),
            M("2024-08-01", (0, 1, 2), "CCC", (4, 4, 3), "TSR", "", 4,
              ("Weekly check-in between dean and liaison", 0, 200),
              {"Summer bridge sign-ups": "done"}),
            M("2025-09-18", (0, 1, 2), "IIC", (4, 4, 4), "TS", "", 4,
              ("Youth council reports each term", 2, 120),
              {"Weekly check-in between dean and liaison": "done"}),
        ),
    ),
    Partnership(
        "Highline Bridges", "Highline High",
        (
            _p("Kenji Watanabe", "Highline High", "Teacher", "school", "kenji"),
            _p("Lucía Fernández", "Highline Public Schools", "Family engagement lead",
               "district", "lucia"),
            _p("Omar Farah", "Global Connections", "Mentor", "community organization", "omar"),
            _p("Mele Fifita", "Highline High PTSA", "Parent", "family", "mele"),
        ),
        (
            M("2024-02-08", (0, 1, 2, 3), "KKKC", (3, 3, 2, 3), "TL", "W", 3,
              ("Mentors meet the counselors monthly", 2, 30)),
            M("2025-02-06", (0, 1, 2, 3), "KCKC", (3, 3, 3, 4), None, "WC", 3,
              ("A shared calendar of events", 1, 365),
              {"Mentors meet the counselors monthly": "in progress"}),
            M("2026-02-05", (0, 1, 2, 3), "CCCK", (4, 4, 3, 4), "TL", "C", 3,
              ("Family night planned together", 3, 60),
              {"A shared calendar of events": "done",
               "Mentors meet the counselors monthly": "done"}),
        ),
    ),
    Partnership(
        "Skyway Learning Circle", "Dimmitt Middle School",
        (
            _p("Rose Williams", "Dimmitt Middle School", "Principal", "school", "rose"),
            _p("Ahmed Ali", "Skyway Solutions", "Director", "community organization", "ahmed"),
            _p("Destiny Jones", "Skyway Youth Voice", "Youth member", "youth", "destiny"),
        ),
        (
            M("2024-03-07", (0, 1, 2), "CCK", (4, 3, 4), "RS", "K", 3,
              ("Share room bookings", 0, 30)),
            M("2025-03-06", (0, 1, 2), "CCC", (4, 4, 4), "RST", "", 4,
              ("Students co-lead one assembly", 2, 300),
              {"Share room bookings": "done"}),
            M("2026-03-05", (0, 1, 2), "CCI", (4, 4, 5), "ST", "", 4,
              ("Renew the space agreement", 1, 90),
              {"Students co-lead one assembly": "done"}),
        ),
    ),
    Partnership(
        "Federal Way Connect", "Totem Middle School",
        (
            _p("Ivan Petrov", "Totem Middle School", "Counselor", "school", "ivan"),
            _p("Priya Natarajan", "Federal Way Public Schools", "Coordinator", "district",
               "priya"),
            _p("Grace Lee", "Multicultural Family Hope", "Executive director",
               "community organization", "grace"),
        ),
        (
            M("2024-04-11", (0, 1, 2), "KKC", (2, 3, None), "P", "KC", 2,
              ("Send the attendance data monthly", 1, 30)),
            M("2025-04-10", (0, 1, 2), "KKK", (3, 3, 2), "PR", "K", 2,
              ("A family advisory group", 2, 365)),
            M("2025-10-16", (0, 1, 2), "CCK", (3, 3, 3), "", "K", 3,
              ("Meet the principal each quarter", 0, 90),
              {"Send the attendance data monthly": "done", "A family advisory group": "done"}),
        ),
    ),
    Partnership(
        "Shoreline Families First", "Einstein Middle School",
        (
            _p("Leilani Kahale", "Einstein Middle School", "Principal", "school", "leilani"),
            _p("Bao Nguyen", "Center for Human Services", "Program lead",
               "community organization", "bao"),
            _p("Carmen Ortiz", "Einstein Families", "Parent", "family", "carmen"),
            _p("Will Harris", "Best Starts for Kids", "Program officer", "funder", "will"),
        ),
        (
            M("2024-05-09", (0, 1, 2, 3), "IIIC", (5, 4, 4, 4), "TLP", "", 4,
              ("Share the counseling caseload numbers", 1, 30)),
            M("2025-05-08", (0, 1, 2), "III", (5, 5, 4), "TLP", "C", 5,
              ("Joint hiring panel for the new coordinator", 0, 365),
              {"Share the counseling caseload numbers": "done"}),
            M("2026-04-09", (0, 1, 2, 3), "IIIC", (5, 5, 5, 4), "TLR", "", 5,
              ("Write up the hiring process for other sites", 3, 60),
              {"Joint hiring panel for the new coordinator": "done"}),
        ),
    ),
    Partnership(
        "Auburn Roots", "Olympic Middle School",
        (
            _p("Chloe Martin", "Olympic Middle School", "Teacher", "school", "chloe"),
            _p("Tomás Silva", "Auburn Youth Resources", "Case manager",
               "community organization", "tomas"),
            _p("May Thompson", "Olympic Families", "Parent", "family", "may"),
        ),
        (
            M("2023-10-26", (0, 1, 2), "CCK", (3, 4, 3), "T", "C", 3,
              ("Case manager office hours at school", 1, 30)),
            M("2024-10-24", (0, 1, 2), "CCC", (4, 4, 3), "TR", "", 3,
              ("Families tour the youth center", 2, 400),
              {"Case manager office hours at school": "done"}),
            M("2025-10-23", (0, 1, 2), "CCI", (4, 4, 4), "TRL", "", 4,
              ("Shared intake form", 0, 60),
              {"Families tour the youth center": "done"}),
            M("2026-01-22", (0, 1), "II", (4, 5), "T", "", 4,
              ("Abandoned draft", 0, 30), draft=True),
        ),
    ),
)
# fmt: on

#: What the partners said to "Which racial and other inequities is our partnership working
#: to address, and how?" (``inequities-addressed``) at each meeting: lines credited to
#: the people there (handles), some in Spanish, Vietnamese, Amharic or Chinese with the
#: English beside them; names that are words only where the text decides them (a speaker
#: prefix, "we hope", "racial justice", "since May", "Faith Okafor").
EQUITY: dict[tuple[str, str], tuple[str, ...]] = {
    ("Lake Hills Partners", "2023-10-12"): (
        "lan: Many Vietnamese families never got the newsletter; it was only in English.",
        "hope: We started sending notices home in Vietnamese and Spanish this fall.",
        "grace: Club scholarships now go first to students on free lunch.",
    ),
    ("Lake Hills Partners", "2024-10-10"): (
        "lan: Phụ huynh muốn được hỏi ý kiến, không chỉ được thông báo. Families want to be"
        " asked, not just told.",
        "grace: We moved pickup to six so working parents can make it.",
    ),
    ("Lake Hills Partners", "2025-04-17"): (
        "maria: Discipline referrals for our Black and Latino boys dropped after we changed"
        " the referral steps together.",
        "hope: We still decide the budget without families in the room; that is a power imbalance.",
        "lan: Có tiến bộ: there is progress, but interpreters are still booked at the last minute.",
    ),
    ("Lake Hills Partners", "2025-10-09"): (
        "grace: Every family night now has interpreters for Vietnamese, Spanish and Amharic.",
        "maria: Absences among newcomer students fell once the counselor called families in"
        " their own language.",
        "hope: Staff turnover means we explain all of this again every fall; we hope the"
        " district keeps the liaison.",
    ),
    ("Rainier Vista Collaborative", "2023-11-02"): (
        "maria: Pacific Islander students are almost invisible in the district's data.",
        "selam: ቤተሰቦች ድምፅ ይፈልጋሉ. Families need a voice in decisions about their children.",
        "justice: We want racial justice to be more than a poster in the hallway.",
    ),
    ("Rainier Vista Collaborative", "2024-11-07"): (
        "mariasantos: The school decides and tells us after; that is the inequity we live.",
        "may: Teachers are paid for planning time and partners are not.",
        "selam: Amharic-speaking parents still wait weeks for an interpreter.",
    ),
    ("Rainier Vista Collaborative", "2025-11-06"): (
        "maria: Budget decisions still happen in the principal's office.",
        "justice: We agreed to bring every budget decision to this table.",
        "may: Suspensions of Pacific Islander students are down by half since last year.",
    ),
    ("Kent Youth Alliance", "2023-12-05"): (
        "amina: Somali and Oromo students get sent to the office for things others do not.",
        "jose: Referrals to counseling take three weeks for families without insurance.",
        "xiuying: 我们需要按种族和语言分列的数据。We need the data broken down by race and"
        " language.",
    ),
    ("Kent Youth Alliance", "2024-12-03"): (
        "jose: Las familias no sabían que el servicio era gratis. Families did not know the"
        " service was free.",
        "amina: The youth council now reviews the discipline numbers every term.",
    ),
    ("Kent Youth Alliance", "2025-12-02"): (
        "xiuying: Referral numbers are published by school, race and language now.",
        "amina: Youth of color sit on the steering group with a vote, not only a seat.",
        "jose: The wait for counseling is down to one week.",
    ),
    ("White Center Family Network", "2024-01-18"): (
        "minh: Nhiều phụ huynh không đọc được thư của trường. Many parents cannot read the"
        " school's letters.",
        "faith: Families who work nights never make the four o'clock conferences.",
        "sofia: We are translating the newsletter into Vietnamese, Spanish and Somali.",
    ),
    ("White Center Family Network", "2025-01-16"): (
        "faith: Conferences at the community center brought in families we had never met.",
        "sofia: Thanks to Faith Okafor, the parent group now runs the welcome table.",
        "minh: We want the family advocate paid, not volunteering.",
    ),
    ("White Center Family Network", "2026-01-15"): (
        "sofia: The family liaison now sits in every staff meeting.",
        "minh: Cảm ơn: families are finally asked before the calendar is set.",
        "faith: Discipline still falls hardest on Black girls; we want restorative circles,"
        " not suspensions.",
    ),
    ("Tukwila Together", "2023-11-15"): (
        "fatuma: Somali families did not know the library was open after school.",
        "hope: Students who ride the late bus cannot stay for tutoring.",
    ),
    ("Tukwila Together", "2024-07-31"): (
        "daniel: Summer bridge sign-ups were online only; families without internet were left out.",
        "fatuma: We signed up twelve families by phone, in Somali.",
    ),
    ("Tukwila Together", "2024-08-01"): (
        "hope: The youth council asked for a late bus so everyone can stay.",
        "daniel: The late bus is funded for the fall.",
    ),
    ("Tukwila Together", "2025-09-18"): (
        "hope: Students of color now lead the council's reports to the board.",
        "fatuma: There is still no Somali-speaking counselor at the school.",
    ),
    ("Highline Bridges", "2024-02-08"): (
        "lucia: Las familias latinas no vienen porque nadie les habla en español. Latino"
        " families stay away because no one speaks Spanish with them.",
        "mele: Pacific Islander parents feel the school does not want them there.",
        "omar: Our mentors match students by language, not only by schedule.",
    ),
    ("Highline Bridges", "2025-02-06"): (
        "kenji: Advanced classes are still mostly white and Asian students.",
        "omar: Mentees who came as refugees get fewer advanced course offers.",
        "mele: We want families in the room when placement is decided.",
    ),
    ("Highline Bridges", "2026-02-05"): (
        "lucia: Placement is now reviewed with families, in their language.",
        "kenji: More Latino and Pacific Islander students enrolled in advanced classes this year.",
    ),
    ("Skyway Learning Circle", "2024-03-07"): (
        "destiny: Students on our side of the highway have no safe way to the after-school space.",
        "ahmed: We share room bookings so programs stop competing for the same rooms.",
    ),
    ("Skyway Learning Circle", "2025-03-06"): (
        "rose: Students co-led an assembly about race and belonging.",
        "destiny: Youth voice is real when students are paid for their time.",
    ),
    ("Skyway Learning Circle", "2026-03-05"): (
        "ahmed: East African families now use the space on weekends.",
        "rose: Chronic absence fell most for our Black students this year.",
    ),
    ("Federal Way Connect", "2024-04-11"): (
        "grace: Immigrant families are marked absent when they travel; no one asks why.",
        "priya: The district shares attendance data only after the term ends.",
        "ivan: Counselors see the same few students; the others wait.",
    ),
    ("Federal Way Connect", "2025-04-10"): (
        "grace: The family advisory group met twice, in Korean, Spanish and Russian.",
        "priya: We now get attendance data monthly, by home language.",
    ),
    ("Federal Way Connect", "2025-10-16"): (
        "ivan: The principal still decides alone what the data means.",
        "grace: Families asked for a seat when the data is discussed.",
    ),
    ("Shoreline Families First", "2024-05-09"): (
        "bao: Gia đình người Việt cần người phiên dịch ở các buổi họp. Vietnamese families"
        " need interpreters at meetings.",
        "carmen: Los padres quieren saber cómo ayudar con la tarea. Parents want to know how"
        " to help with homework.",
        "will: Funding follows the students with the highest needs first.",
    ),
    ("Shoreline Families First", "2025-05-08"): (
        "leilani: The hiring panel for the coordinator included two parents.",
        "carmen: Por primera vez we were asked before the decision, not after.",
        "bao: Counseling caseloads are shared openly now.",
    ),
    ("Shoreline Families First", "2026-04-09"): (
        "leilani: We wrote up the hiring process so other sites can share power the same way.",
        "carmen: Family voice is built into how we hire.",
        "will: We pay families for the time they spend in these meetings.",
    ),
    ("Auburn Roots", "2023-10-26"): (
        "tomas: Youth on probation are turned away from after-school programs.",
        "may: Families in the mobile home park never hear about the programs.",
    ),
    ("Auburn Roots", "2024-10-24"): (
        "chloe: Families toured the youth center; many had never been inside.",
        "tomas: Los jóvenes necesitan un lugar seguro. Young people need a safe place after"
        " school.",
    ),
    ("Auburn Roots", "2025-10-23"): (
        "may: Since May the intake form is in English and Spanish.",
        "tomas: Youth on probation now meet a case manager at school.",
        "chloe: Students with disabilities still miss out on field trips.",
    ),
    ("Auburn Roots", "2026-01-22"): ("chloe: We did not finish this one.",),
}
#: The question the equity answers are given to (a question of ``PROTOCOL``).
EQUITY_QUESTION = "inequities-addressed"


def answers_file(partnership: Partnership, meeting: Meeting) -> dict[str, object]:
    """The answers file of one meeting, as plain data."""
    people = [partnership.people[i] for i in meeting.people]
    roster = []
    for person in people:
        roster.append(
            {
                "name": person.name,
                "organization": person.organization,
                "role": person.role,
                "handle": person.handle,
                "sector": person.sector,
            }
        )
    answers: dict[str, object] = {
        "partnership-type-now": {
            "ratings": {
                p.handle: TYPES[letter] for p, letter in zip(people, meeting.types, strict=True)
            }
        },
        "partnership-type-wanted": "Integrated",
        "shared-leadership": {
            "answer": f"{people[0].handle}: We decide more of it together than last year.",
            "ratings": {
                p.handle: "pass" if value is None else value
                for p, value in zip(people, meeting.leadership, strict=True)
            },
        },
        "effective-coordination": meeting.coordination,
        "hallmarks-evidence": f"{people[-1].handle}: The calendar is shared now.",
    }
    equity = EQUITY.get((partnership.collaborative, meeting.date))
    if equity:
        answers[EQUITY_QUESTION] = "\n".join(equity)
    if meeting.helping is not None:
        answers["helping-factors"] = [HELPING[c] for c in meeting.helping]
    if meeting.hindering is not None:
        answers["hindering-factors"] = [HINDERING[c] for c in meeting.hindering]
    text, owner, days = meeting.commitment
    due = dt.date.fromisoformat(meeting.date) + dt.timedelta(days=days)
    data: dict[str, object] = {
        "collaborative": partnership.collaborative,
        "site": partnership.site,
        "facilitator": "Alex Rivera",
        "date": meeting.date,
        "participants": roster,
        "answers": answers,
        "actions": [{"text": text, "owner": people[owner].handle, "due": due.isoformat()}],
    }
    if meeting.follow_up:
        data["follow_up"] = [{"text": t, "status": s} for t, s in meeting.follow_up.items()]
    return data


def build(folder: Path, answers_dir: Path) -> dict[tuple[str, str], str]:
    """Write every meeting's answers file and run it as ``reflect start --answers FILE
    --no-input`` does (in process: the same loading, checking and flow); the ids by
    (collaborative, date). A draft is left as an interrupted meeting leaves it."""
    from reflect_cli.protocols import catalog

    protocol, _ = catalog.find(PROTOCOL)
    answers_dir.mkdir(parents=True, exist_ok=True)
    with _same_ids():
        return _write(folder, answers_dir, protocol)


@contextlib.contextmanager
def _same_ids() -> Iterator[None]:
    """Session ids end in four random hex digits; here they are the same at every build,
    so the pages that show this folder's output (docs/evaluation.md) show real ids."""
    counter = itertools.count()
    random_hex = secrets.token_hex

    def same(nbytes: int | None = None) -> str:
        digest = hashlib.sha256(f"evaluation {next(counter)}".encode()).hexdigest()
        return digest[: 2 * (nbytes or 32)]

    secrets.token_hex = same
    try:
        yield
    finally:
        secrets.token_hex = random_hex


def _write(folder: Path, answers_dir: Path, protocol: Any) -> dict[tuple[str, str], str]:
    from reflect_cli.model import SessionStatus
    from reflect_cli.records.store import Store
    from reflect_cli.session import prefill
    from reflect_cli.session.console import ScriptedConsole
    from reflect_cli.session.flow import Facilitator

    ids: dict[tuple[str, str], str] = {}
    meetings = sorted(((p, m) for p in PARTNERSHIPS for m in p.meetings), key=lambda pm: pm[1].date)
    for number, (partnership, meeting) in enumerate(meetings):
        path = answers_dir / f"{number:02d}.yaml"
        path.write_text(
            yaml.safe_dump(answers_file(partnership, meeting), allow_unicode=True),
            encoding="utf-8",
        )
        plan = prefill.load(path)
        prefill.check_against(plan, protocol, str(path))
        store = Store.at(folder)
        with store.live():
            session = Facilitator(ScriptedConsole(interactive=False), store, protocol, plan).start()
        if meeting.draft:
            session.status = SessionStatus.DRAFT
            store.save(session)
        ids[(partnership.collaborative, meeting.date)] = session.id
    return ids


@dataclass(frozen=True)
class Built:
    folder: Path
    ids: dict[tuple[str, str], str]


def _fingerprint() -> str:
    """What the built folder depends on: this file, the code and the built-in protocols."""
    here = Path(__file__).resolve()
    digest = hashlib.sha256(here.read_bytes())
    for root in (here.parents[1] / "src", here.parents[1] / "questions"):
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".yaml"):
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def evaluation_folder(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Built:
    """The fixture's folder (read only: copy it to change it), built once and kept in
    pytest's cache until this file, the code or a protocol changes (once per run when
    the cache is off)."""
    cache = getattr(request.config, "cache", None)
    name = f"evaluation-{_fingerprint()}"
    root = cache.mkdir(name) if cache is not None else tmp_path_factory.mktemp(name)
    folder, done = root / "sessions", root / "ids.json"
    if not done.is_file():
        for old in (folder, root / "answers"):
            shutil.rmtree(old, ignore_errors=True)
        ids = build(folder, root / "answers")
        done.write_text(json.dumps([[c, d, i] for (c, d), i in ids.items()]), encoding="utf-8")
    ids = {(c, d): i for c, d, i in json.loads(done.read_text(encoding="utf-8"))}
    return Built(folder, ids)


@pytest.fixture
def evaluation_sessions(evaluation_folder: Built, sessions_dir: Path) -> Built:
    """A copy of the fixture's folder as this test's sessions folder."""
    if sessions_dir.exists():
        shutil.rmtree(sessions_dir)
    shutil.copytree(evaluation_folder.folder, sessions_dir, symlinks=True)
    return Built(sessions_dir, evaluation_folder.ids)


def main() -> None:
    """``python tests/evaluation_fixture.py DIR``: the fixture's folder in DIR/sessions
    (and its answers files in DIR/answers), to try the evaluator's commands on."""
    import sys

    if len(sys.argv) != 2:
        sys.exit("usage: python tests/evaluation_fixture.py DIR (a new folder)")
    target = Path(sys.argv[1])
    if target.exists() and any(target.iterdir()):
        sys.exit(f"{target} is not empty: give a new folder")
    ids = build(target / "sessions", target / "answers")
    print(f"wrote {len(ids)} sessions to {target / 'sessions'}")
    print(f"try: export REFLECT_SESSIONS_DIR={target / 'sessions'}; reflect trends")


if __name__ == "__main__":
    main()
