"""The bundled seed article: three speech quotes by Mark Rutte, a term, four people."""

from __future__ import annotations

from tests.conftest import SEED_FILE
from tui.core.extract import extract


def _caption_and_body() -> tuple[str, str]:
    raw = SEED_FILE.read_text(encoding="utf-8")
    header, _, body = raw.partition("\n\n")
    caption = header.split(" ", 3)[-1] if header.lstrip().startswith("date") else header
    return caption.strip(), body


def test_seed_body_has_three_speech_quotes_all_by_rutte() -> None:
    _, body = _caption_and_body()
    ex = extract(body)
    speech = [q for q in ex.quotes if q.kind == "speech"]
    assert len(speech) == 3
    assert {q.speaker for q in speech} == {"Mark Rutte"}
    for q in speech:
        assert body[q.start : q.end] == q.text
        assert q.text[0] == '"' and q.text[-1] == '"'


def test_seed_peace_plan_is_a_term_not_speech() -> None:
    _, body = _caption_and_body()
    others = [q for q in extract(body).quotes if q.kind != "speech"]
    assert [q.text for q in others] == ['"peace plan"']
    assert others[0].speaker is None


def test_seed_people_and_roles() -> None:
    caption, body = _caption_and_body()
    ex = extract(body)
    assert {p.name for p in ex.people} == {"Mark Rutte", "Marco Rubio", "Christopher Landau"}
    landau = next(p for p in ex.people if p.name == "Christopher Landau")
    assert landau.text == "Christopher Landau"
    assert landau.roles == ("U.S. Deputy Secretary of State",)
    rutte = next(p for p in ex.people if p.text == "Mark Rutte")
    assert rutte.roles == ("NATO Secretary General",)
    assert all(body[p.start : p.end] == p.text for p in ex.people)
    # "Rutte" alone is the same person
    assert any(p.text == "Rutte" and p.name == "Mark Rutte" for p in ex.people)

    cap = extract(caption)
    assert [(p.name, p.credit) for p in cap.people] == [("Mark Rutte", False), ("Olivier Matthys", True)]


def test_seed_caption_and_body_together() -> None:
    caption, body = _caption_and_body()
    text = caption + "\n\n" + body
    ex = extract(text)
    assert {p.name for p in ex.people} == {"Mark Rutte", "Marco Rubio", "Christopher Landau", "Olivier Matthys"}
    speech = [q for q in ex.quotes if q.kind == "speech"]
    assert len(speech) == 3 and {q.speaker for q in speech} == {"Mark Rutte"}
    credit = next(p for p in ex.people if p.credit)
    assert credit.name == "Olivier Matthys"


def test_seed_reported_claims_by_rutte() -> None:
    _, body = _caption_and_body()
    reported = extract(body).reported
    for r in reported:
        assert body[r.start : r.end] == r.text
    by_rutte = [r.text for r in reported if r.speaker == "Mark Rutte"]
    claims = (
        "there is no consensus in the Alliance on Ukraine's membership",
        "Rubio is very actively involved",
        "Christopher Landau will attend the meeting",
        "this was the initial version",
        "separate the principled from the practical",
    )
    for claim in claims:
        assert any(claim in text for text in by_rutte), claim
    # the quotations' own attributions are no reported speech
    assert not any(r.text.startswith("I am constantly in touch") for r in reported)
    assert {r.cue for r in reported if r.speaker == "Mark Rutte"} >= {"admitted", "said", "confirmed", "stated"}
