"""The Markdown record: user text never changes the document's structure."""

from __future__ import annotations

from markdown_it import MarkdownIt

from reflect_cli.model import (
    Action,
    AnswerRecord,
    CommitmentStatus,
    DomainRecord,
    Participant,
    ProtocolRef,
    Session,
)
from reflect_cli.render import markdown

HOSTILE = "\n".join(
    [
        "# heading",
        "---",
        "<script>alert(1)</script>",
        "| a | b |",
        "1. list",
        "- item",
        "> quote",
        "===",
        "    code",
        "[x](javascript:alert(1))",
    ]
)


def session() -> Session:
    return Session(
        id="2026-11-22-x-0a0a",
        protocol=ProtocolRef("p", 1, "Title # not a heading"),
        collaborative="C | D",
        date="2026-11-22",
        participants=[Participant("<b>Jo</b>", "Org", "Role", "jo")],
        domains=[
            DomainRecord(
                "d1", "One", [AnswerRecord("q", "Prompt *x*?", answer=HOSTILE, credits=["jo"])]
            ),
            DomainRecord("d2", "Two", [AnswerRecord("r", "Other?", skipped=True)]),
        ],
        actions=[Action("Do <it>", "jo", "2026-12-01")],
    )


def test_hostile_text_keeps_the_structure() -> None:
    text = markdown.render_session(session())
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [
        (t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert [tag for tag, _ in headings] == ["h1", "h2", "h2", "h3", "h2", "h3", "h2"]
    kinds = {t.type for t in tokens}
    assert "html_block" not in kinds and "hr" not in kinds and "blockquote_open" not in kinds
    assert "code_block" not in kinds and "ordered_list_open" not in kinds
    inline_children = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert not any(c.type in ("html_inline", "link_open") for c in inline_children)
    html = MarkdownIt("commonmark").render(text)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_private_notes_never_rendered() -> None:
    s = session()
    from reflect_cli.model import Note

    s.notes.append(Note("secret about Jo", "q"))
    assert "secret" not in markdown.render_session(s)


def test_record_shows_ratings_with_their_scale_and_multi_as_bullets() -> None:
    from reflect_cli.model import Choice, Kind, Scale

    record = session()
    record.domains[1].questions = [
        AnswerRecord("s", "How strong?", Kind.SCALE, answer=3, scale=Scale(1, 5, {3: "Partly"})),
        AnswerRecord(
            "m",
            "Which?",
            Kind.MULTI,
            (Choice("Space, staff and time"), Choice("Families")),
            answer=["Space, staff and time", "Families"],
        ),
    ]
    text = markdown.render_session(record)
    assert "3 of 5 — Partly" in text
    assert "- Space, staff and time\n- Families" in text


def test_record_shows_follow_up_notes_and_who_left_or_was_absent() -> None:
    made = session()
    made.participants += [
        Participant("Monica Haugen", "Seattle Parks", "Lead", "mh", left=True),
        Participant("Dana Okafor", "Northgate Elementary", "", "dana", present=False),
    ]
    made.follow_up = [
        Action(
            "Share the space",
            "jo",
            "2026-11-01",
            CommitmentStatus.DONE,
            note="sent by email on Nov 2",
        )
    ]
    text = markdown.render_session(made)
    done = "- [x] Share the space (owner: \\<b\\>Jo\\</b\\>; due 2026-11-01; "
    assert done + "note: sent by email on Nov 2)" in text
    assert "- **Monica Haugen**, Seattle Parks, Lead (handle mh) — left" in text
    assert "- **Dana Okafor**, Northgate Elementary (handle dana) — not present" in text
    assert "\\<b\\>Jo\\</b\\>**, Org, Role (handle jo)\n" in text  # here to the end: nothing added
