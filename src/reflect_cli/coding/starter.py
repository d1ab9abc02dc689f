"""The starter codebook (`reflect codes init`): the seed documents' own themes, each
described in the seeds' exact words (quoted, with the document they come from), so an
evaluator codes with the evaluation's vocabulary from the first passage."""

from __future__ import annotations

from reflect_cli.coding.codebook import Code

_REPORT = "Exploring Equitable School Partnerships, year 1 data snapshot"
_TOOL = "Reflection on a Human-Centered Approach to Partnership"


def _said(*quotes: tuple[str, str]) -> str:
    return " ".join(f"“{text}” ({source})" for text, source in quotes)


#: The seeds' themes, in the order the evaluation's findings name them.
CODES: tuple[Code, ...] = (
    Code(
        "trust-relationships",
        "Trust and relationships",
        _said(
            ("Strong relationships and trust are the foundation of equitable school "
             "partnerships.", _REPORT),
        ),
        colour="#2a7ab0",
        keywords=("trust", "relationship", "relationships", "trust-building"),
    ),
    Code(
        "turnover",
        "Turnover",
        _said(
            ("leadership and staff changes among partners, which disrupt relationships "
             "and trust", _REPORT),
            ("turnover in leadership", _TOOL),
        ),
        colour="#c0392b",
        keywords=("turnover", "staff changes", "new principal", "left", "leaving", "vacancy"),
    ),
    Code(
        "power-dynamics",
        "Power dynamics",
        _said(
            ("power dynamics within schools", _REPORT),
            ("attend to power dynamics, create opportunities for shared power", _TOOL),
        ),
        colour="#8e44ad",
        keywords=("power", "power dynamics", "authority", "hierarchy"),
    ),
    Code(
        "shared-leadership",
        "Shared leadership",
        _said(
            ("The hallmarks of such partnerships are shared leadership, effective "
             "coordination, and synergy within and across strategies and programs.", _REPORT),
            ("school-wide shifts in leadership and decision-making", _REPORT),
        ),
        colour="#16a085",
        keywords=("shared leadership", "co-lead", "decision-making", "decide together"),
    ),
    Code(
        "family-engagement",
        "Family engagement",
        _said(
            ("efforts to increase parent engagement", _REPORT),
            ("how families and youth are engaged in the partnership", _TOOL),
        ),
        colour="#d35400",
        keywords=("family", "families", "parent", "parents", "caregivers"),
    ),
    Code(
        "student-leadership",
        "Student leadership",
        _said(
            ("inclusion of students in leadership roles", _REPORT),
            ("increasing and deepening student engagement", _REPORT),
        ),
        colour="#f39c12",
        keywords=("student", "students", "youth", "youth voice", "student voice"),
    ),
    Code(
        "resource-sharing",
        "Resource sharing",
        _said(
            ("resource-sharing (space, meeting time, staff) to improve coordination and "
             "communication", _REPORT),
        ),
        colour="#27ae60",
        keywords=("space", "share", "shared", "resources", "meeting time", "funding"),
    ),
    Code(
        "coordination-communication",
        "Coordination and communication",
        _said(
            ("developing coordination structures that alleviate workload", _REPORT),
            ("alignment across organizations, communication, decision-making", _TOOL),
        ),
        colour="#2c3e50",
        keywords=("coordination", "communication", "calendar", "meeting", "schedule"),
    ),
    Code(
        "data-access",
        "Data access",
        _said(
            ("support access to critical data", _REPORT),
            ("using data to inform your work", _TOOL),
        ),
        colour="#7f8c8d",
        keywords=("data", "attendance", "records", "data sharing"),
    ),
    Code(
        "repair-feedback",
        "Repair and feedback",
        _said(
            ("to give and receive feedback, work through conflict, and meet needs for "
             "repair", _TOOL),
        ),
        colour="#b03a7a",
        keywords=("feedback", "repair", "conflict", "apologize", "check-in"),
    ),
)  # fmt: skip
