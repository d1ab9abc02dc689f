"""A scale's width and values are bounded by one rule (``reflect_cli.scales``): the record
decoder and round codec refuse what the protocol schema refuses, the writer never writes
what the reader would refuse, and whatever reads renders without a traceback."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_PROTOCOL
from reflect_cli.errors import RecordError
from reflect_cli.model import (
    AnswerRecord,
    Band,
    DomainRecord,
    Kind,
    Participant,
    ProtocolRef,
    Rating,
    RoundKind,
    Scale,
    Session,
    SessionStatus,
)
from reflect_cli.records import codec
from reflect_cli.render.export import render
from reflect_cli.render.export.base import Options


def _session(low: int, high: int, ratings: list[int], answer: int, band: int) -> Session:
    """A complete session: a named round and a plain scale question on one scale."""
    scale = Scale(low, high, {low: "Not yet", high: "Fully"})
    trust = AnswerRecord(
        "trust",
        "How strong is trust?",
        Kind.SCALE,
        answer="mh: better than last year",
        scale=scale,
        round=RoundKind.NAMED,
        ratings=[
            Rating(v, participant=h) for v, h in zip(ratings, ["mh", "lan", "hope"], strict=False)
        ],
        bands=(Band(band, "Strength"),),
        round_ended=True,
    )
    lead = AnswerRecord("lead", "Shared leadership?", Kind.SCALE, answer=answer, scale=scale)
    return Session(
        id="2026-11-23-northgate-ost-1a2b",
        protocol=ProtocolRef("rounds", 1, "Rounds"),
        collaborative="Northgate OST",
        date="2026-11-23",
        status=SessionStatus.COMPLETE,
        participants=[
            Participant("Monica Haugen", "Seattle Parks and Recreation", "", "mh"),
            Participant("Nguyễn Thị Lan", "Thư viện Hà Nội", "", "lan"),
            Participant("Hope Lee", "Seattle Parks and Recreation", "", "hope"),
        ],
        domains=[DomainRecord("hallmarks", "Hallmarks", [trust, lead])],
    )


def _allowed(low: int, high: int, values: list[int]) -> bool:
    """The rule as the docs state it, written out apart from the code under test."""
    ends_ok = -1000 <= low < high <= 1000 and high - low <= 100
    return ends_ok and all(low <= v <= high for v in values)


#: Small numbers near the edges, and the huge ones a hand-edited record holds.
NUMBERS = st.one_of(
    st.integers(-1100, 1100),
    st.integers(-20, 120),
    st.integers(-(10**99), 10**99),
)


def _near(data: st.DataObject, low: int, high: int, on_scale: bool) -> int:
    """A value on the scale, or (when not ``on_scale``) just off it or huge."""
    if on_scale and low <= high:
        return data.draw(st.integers(low, high))
    if low <= high and high - low <= 10**6:
        return data.draw(st.integers(low - 2, high + 2) | NUMBERS)
    return data.draw(NUMBERS)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_record_s_scale_and_ratings_read_within_bounds_or_are_one_line(
    data: st.DataObject,
) -> None:
    """Whatever scale and values a record holds: it reads exactly when the rule allows
    it, and then renders; otherwise it is one RecordError line. The writer refuses
    exactly what the reader refuses (the model built with the same values)."""
    # Mostly scales a protocol could hold; edges and huge ends often enough.
    low = data.draw(st.integers(-1000, 995) | st.integers(-1100, 1100) | NUMBERS, label="low")
    width = st.integers(1, 100) | st.integers(-2, 104) | NUMBERS
    high = low + data.draw(width, label="width")
    on_scale = data.draw(st.booleans(), label="values on the scale")
    ratings = [_near(data, low, high, on_scale) for _ in range(data.draw(st.integers(0, 3)))]
    answer, band = _near(data, low, high, on_scale), _near(data, low, high, on_scale)
    # What a hand edit makes: a record written on a 1-5 scale, changed in place.
    record = copy.deepcopy(codec.to_dict(_session(1, 5, [1, 2, 3][: len(ratings)], 2, 4)))
    trust, lead = record["domains"][0]["questions"]
    for question in (trust, lead):
        question["scale"] = {"min": low, "max": high}
    trust["ratings"] = [
        {"participant": r["participant"], "value": v}
        for r, v in zip(trust["ratings"], ratings, strict=True)
    ]
    trust["bands"] = [{"min": band, "label": "Strength"}]
    lead["answer"] = answer
    allowed = _allowed(low, high, [*ratings, answer, band])
    event("reads" if allowed else "refused")
    try:
        session = codec.from_dict(record, "r.yaml")
    except RecordError as exc:
        assert not allowed, exc
        assert str(exc).startswith("r.yaml: domains[0].questions[") and "\n" not in str(exc)
    else:
        assert allowed
        for fmt in ("html", "md", "csv", "json"):
            assert "".join(render([session], fmt, Options()))
    # The writer keeps the reader's rule.
    model = _session(low, high, ratings, answer, band)
    try:
        written = codec.dump(model)
    except RecordError as exc:
        assert not allowed and "not written" in str(exc) and "\n" not in str(exc)
    else:
        assert allowed and codec.parse(written, "w.yaml") == model


@pytest.mark.parametrize(
    ("scale", "message"),
    [
        ("{min: 0, max: 1000000000000}", "scale max must be from -1,000 to 1,000"),
        ("{min: 0, max: 101}", "spans 101 steps; a scale spans at most 100"),
        ("{min: -2000, max: -1950}", "scale min must be from -1,000 to 1,000, not -2000"),
        ("{min: 0, max: " + "9" * 99 + "}", "not a 99-digit number"),
    ],
)
def test_a_protocol_with_too_wide_a_scale_fails_validate(
    cli: Any, write_yaml: Any, scale: str, message: str
) -> None:
    wide = write_yaml(
        "wide.yaml",
        MINIMAL_PROTOCOL.replace("{min: 1, max: 5, labels: {1: Weak, 5: Strong}}", scale),
    )
    result = cli("protocols", "validate", str(wide))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    (line,) = [x for x in result.stderr.splitlines() if "scale" in x]
    assert line.startswith(f"reflect: {wide}:20: ") and message in line, result.stderr


def test_the_widest_scale_validates_and_is_asked(cli: Any, write_yaml: Any) -> None:
    wide = write_yaml(
        "wide.yaml",
        MINIMAL_PROTOCOL.replace(
            "{min: 1, max: 5, labels: {1: Weak, 5: Strong}}", "{min: 0, max: 100}"
        ),
    )
    assert cli("protocols", "validate", str(wide)).exit_code == 0


def test_a_rating_off_the_scale_in_a_folder_is_one_warning(cli: Any, sessions_dir: Path) -> None:
    sessions_dir.mkdir(mode=0o700)
    good = _session(1, 5, [4, 2], 3, 4)
    (sessions_dir / f"{good.id}.yaml").write_text(codec.dump(good), encoding="utf-8")
    bad = codec.dump(good).replace("value: 4", "value: 99999999999", 1)
    (sessions_dir / "2026-11-24-bad-0000.yaml").write_text(bad, encoding="utf-8")
    result = cli("export", "-f", "html")
    assert result.exit_code == 0 and "<svg" in result.stdout
    (warning,) = result.stderr.strip().splitlines()
    assert "2026-11-24-bad-0000.yaml" in warning and "99999999999 is outside 1 to 5" in warning
