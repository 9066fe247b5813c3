"""``byline quotes``, ``people`` and ``person`` over the who-index."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEED_ID
from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_quotes_json_names_each_quotes_cluster(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quotes", "--json", "--speaker", "rutte")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 3
    assert all(r["cluster"] == f"{SEED_ID}#{r['start']}" and r["reports"] == 1 for r in rows)
    code, again, _ = run(capsys, "quotes", "--json", "--speaker", "rutte")
    assert again == out  # stable across runs (the second from the saved index)


def test_person_json_has_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "person", "Mark Rutte", "--json")
    page = json.loads(out)
    assert code == 0
    assert list(page) == ["name", "aliases", "roles", "quotes", "reported", "articles", "timeline", "co_mentioned"]
    assert page["name"] == "Mark Rutte" and page["aliases"] == ["Rutte"]
    assert page["roles"][0]["role"] == "NATO Secretary General" and page["roles"][0]["first"] == "2025-12-02"
    assert len(page["quotes"]) == 3
    claims = " | ".join(r["text"] for r in page["reported"])
    for claim in ("no consensus", "Rubio is very actively involved", "Landau will attend", "the initial version"):
        assert claim in claims  # the seed's reported claims by Rutte reach his page
    assert all(r["cue"] and r["article"] == SEED_ID for r in page["reported"])
    assert page["timeline"] == [{"month": "2025-12", "quotes": 3, "mentions": 5}]
    assert {"name": "Marco Rubio", "count": 1} in page["co_mentioned"]


def test_person_is_matched_like_at_speaker(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "person", "rute")  # a typo, one word: compared with each word
    assert code == 0 and out.startswith("Mark Rutte")


def test_several_matches_are_listed_with_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "person", "mark", "--json")
    names = [p["name"] for p in json.loads(out)]
    assert code == 1 and len(names) > 1 and "Mark Rutte" in names and "people match" in err


def test_nobody_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "person", "Zzyzx Qwerty")
    assert code == 1 and "nobody" in err


def test_quotes_reported_lists_claims_with_their_cue_in_body_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quotes", "--json", "--reported", "--speaker", "rutte")
    rows = json.loads(out)
    claims = [r for r in rows if r["kind"] == "reported"]
    assert code == 0 and len(claims) >= 5 and all(r["cue"] and r["cluster"] is None for r in claims)
    assert any(r["text"].startswith("Rubio is very actively involved") for r in claims)
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)  # one article: body order
    _, plain, _ = run(capsys, "quotes", "--json", "--speaker", "rutte")
    assert all(r["kind"] == "speech" for r in json.loads(plain))  # only with --reported
