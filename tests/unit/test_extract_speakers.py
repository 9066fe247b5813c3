"""Speaker attribution rules, each with made-up sentences of its own."""

from __future__ import annotations

from tui.core.extract import extract


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract(text).quotes if q.kind == "speech"]


def test_a_persons_office_or_statement_speaks_for_them() -> None:
    text = ("Senator Walter Brandt faces a recall vote.\n\n"
            "Brandt's office dismissed the petition, calling it \"a stunt by sore losers.\"\n\n"
            "Mayor Irene Cole answered quickly. Cole's written statement was short: \"We have the signatures.\"")
    assert _speakers(text) == ["Walter Brandt", "Irene Cole"]


def test_a_plain_mention_beats_a_possessive_owner() -> None:
    text = "Governor Ada Quinn's spokesman Tom Reyes said: \"The governor is resting.\""
    assert _speakers(text) == ["Tom Reyes"]
