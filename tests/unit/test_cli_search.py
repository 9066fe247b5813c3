"""``byline search`` and ``byline check``: JSON shape, ranking on the seeds, notes, errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import SEED_ID, SEEDS
from tui.cli import main
from tui.cli.common import default_paths
from tui.core.library.cache import LibraryCache
from tui.core.library.library import Library
from tui.core.notes.notebook import Notebook
from tui.core.notes.store import AnnotationStore
from tui.core.search.index_store import WHOLE

RUTTE = "there is no consensus on Ukraine's membership in NATO"
KEYS = ["kind", "article", "title", "date", "text", "score", "start", "end"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_finds_the_rutte_quote_from_a_misspelled_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "rutte no concensus on ukrane", "--json")
    assert code == 0 and err == ""
    results = json.loads(out)
    best = results[0]
    assert list(best) == [*KEYS, "speaker"]
    assert best["kind"] == "quote" and best["article"] == SEED_ID and best["speaker"] == "Mark Rutte"
    assert RUTTE in best["text"] and best["date"] == "2025-12-02"
    body = Library.open([SEEDS]).get(SEED_ID).body
    assert RUTTE in body[best["start"] : best["end"]]
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all("speaker" not in r for r in results if r["kind"] not in ("quote", "reported"))


def test_search_kind_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "rutte", "--kind", "person", "--limit", "2", "--json")
    results = json.loads(out)
    assert code == 0 and 1 <= len(results) <= 2
    assert all(r["kind"] == "person" for r in results)
    assert results[0]["text"].startswith("Mark Rutte")


def test_search_text_output_is_one_result_per_two_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "@rutte consensus kind:quote", "--limit", "1")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert "quote" in lines[0] and "Mark Rutte: " in lines[0] and RUTTE in lines[0]
    assert SEED_ID in lines[1] and "2025-12-02" in lines[1]


def test_search_finds_notes_from_the_annotation_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "notes.json"
    library = Library.open([SEEDS])
    article = library.get(SEED_ID)
    start = article.body.index("Marco Rubio")
    Notebook(AnnotationStore(db), library).annotate(
        article, start, start + len("Marco Rubio"), note="ask about the zanzibar meeting", tags=("diplomacy",)
    )
    code, out, _ = run(capsys, "search", "zanzibar #diplomacy", "--db", str(db), "--json")
    [note] = json.loads(out)
    assert code == 0 and note["kind"] == "note" and note["article"] == SEED_ID
    assert (note["start"], note["end"]) == (start, start + len("Marco Rubio")) and note["tags"] == ["diplomacy"]
    assert os.environ["BYLINE_DB"] != str(db)
    code, out, err = run(capsys, "search", "zanzibar", "--json")  # the default file has no notes
    assert code == 1 and json.loads(out) == [] and "nothing found" in err


def test_check_json_puts_the_original_first_with_a_word_diff(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "there is no concensus about Ukraines membership in NATO", "--json")
    assert code == 0 and err == ""
    found = json.loads(out)
    best = found[0]
    assert list(best) == [*KEYS, "speaker", "diff", "reports"]
    assert [r["article"] for r in best["reports"]] == [SEED_ID]  # every report of the best match
    assert all("reports" not in other for other in found[1:])
    assert best["kind"] == "quote" and best["article"] == SEED_ID and best["speaker"] == "Mark Rutte"
    assert RUTTE in best["text"] and best["title"].startswith("NATO Secretary General")
    assert {"op": "changed", "text": "concensus about", "original": "consensus on"} in best["diff"]
    assert {"op": "same", "text": "there is no"} in best["diff"]


def test_check_text_marks_the_diff(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "no concensus on Ukraine's membership in NATO", "--limit", "1")
    assert code == 0
    assert "%  Mark Rutte — NATO Secretary General" in out.splitlines()[0]
    assert "[-consensus-] {+concensus+}" in out


@pytest.mark.parametrize(
    "args, code",
    [
        (["search", ""], 2),
        (["check", "  "], 2),
        (["search", "qqzzxxyy"], 1),
        (["search", "nato", "/no/such/folder"], 1),
    ],
)
def test_errors_go_to_stderr_with_a_non_zero_exit(
    capsys: pytest.CaptureFixture[str], args: list[str], code: int
) -> None:
    got, out, err = run(capsys, *args)
    assert got == code and out == "" and err.startswith("byline:")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["search", "x", "--kind", "film"])
    assert exit_.value.code == 2 and "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["search", "rutte no concensus on ukrane", "--json"],
        ["search", "@rutte", "--kind", "quote", "--json"],
        ["check", "there is no concensus about Ukraines membership in NATO", "--json"],
    ],
)
def test_results_are_the_same_from_a_cold_and_a_warm_index(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    folder = LibraryCache(default_paths()).folder  # what a run without PATHS reads
    assert not (folder / WHOLE).exists()
    cold = run(capsys, *args)
    assert (folder / WHOLE).is_file(), "the cold run saved the index"
    saved = (folder / WHOLE).stat().st_mtime_ns
    warm = run(capsys, *args)
    assert warm == cold and cold[0] == 0 and json.loads(cold[1])
    assert (folder / WHOLE).stat().st_mtime_ns == saved, "the warm run used it as it was"
    assert run(capsys, *args, "--no-cache") == cold


def test_reported_claims_are_searchable_by_kind_and_speaker(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "@rutte rubio involved kind:reported", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results and all(r["kind"] == "reported" and r["speaker"] == "Mark Rutte" for r in results)
    assert results[0]["text"].startswith("Rubio is very actively involved")
    assert main(["search", "@rutte landau attend", "--json"]) == 0  # @speaker alone finds claims too
    kinds = {r["kind"] for r in json.loads(capsys.readouterr().out)}
    assert "reported" in kinds
