"""The non-interactive CLI: list, show, --version, --help, JSON shape and errors."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REPO, SEED_FILE, SEED_ID, SEEDS
from tui import __version__
from tui.cli import common, main
from tui.core.clean import clean_data
from tui.core.text import counted


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_has_the_seed_with_its_iso_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and err == ""
    articles = json.loads(out)
    seed = next(a for a in articles if a["id"] == SEED_ID)
    assert seed["date"] == "2025-12-02"
    assert seed["path"].endswith(f"{SEED_ID}.txt")
    for key in ("id", "title", "date", "source", "path"):
        assert all(key in a for a in articles)
    assert len({a["id"] for a in articles}) == len(articles)


def test_list_text_has_one_line_per_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", str(SEEDS))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(list(SEEDS.rglob("*.md"))) - 1 + 1  # minus ATTRIBUTION, plus the seed
    assert any(SEED_ID in line and line.startswith("2025-12-02") for line in lines)


def test_show_prints_the_caption_as_a_caption_not_body(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", SEED_ID)
    assert code == 0
    header, _, body = out.partition("\n\n")
    assert "Caption: Mark Rutte (Photo: Olivier Matthys/EPA)" in header
    assert "Olivier Matthys" not in body
    assert "there is no consensus on Ukraine's membership in NATO" in " ".join(body.split())


def test_show_json_has_body_and_blocks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", SEED_ID, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["caption"] == "Mark Rutte (Photo: Olivier Matthys/EPA)"
    assert data["body"].startswith("NATO Secretary General")
    for block in data["blocks"]:
        assert data["body"][block["start"] : block["end"]] == block["text"]


def test_show_unknown_id_fails_on_stderr_with_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "000_0d8a2504")
    assert code == 1 and out == ""
    assert "no article with id '000_0d8a2504'" in err and SEED_ID in err


def test_list_missing_path_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "list", str(tmp_path / "nope"))
    assert code == 1
    assert "no such file or directory" in err
    assert out == ""


def test_bad_files_are_reported_on_stderr_and_the_rest_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "ok.md").write_text("# Fine\n\nBody.\n")
    (tmp_path / "bin.md").write_bytes(b"\x00" * 64)
    code, out, err = run(capsys, "list", "--json", str(tmp_path))
    assert code == 0
    assert [a["title"] for a in json.loads(out)] == ["Fine"]
    assert "bin.md" in err and "binary" in err


def test_version_and_help() -> None:
    for args, needle in (
        (["--version"], __version__),
        (["--help"], "verbs"),
        (["list", "--help"], "--json"),
        (["show", "--help"], "ID"),
        (["extract", "--help"], "JSON Lines"),
    ):
        result = subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert needle in result.stdout


def test_list_json_has_quote_and_people_counts(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "list", "--json")
    seed = next(a for a in json.loads(out) if a["id"] == SEED_ID)
    assert (seed["quotes"], seed["people"]) == (3, 4)


def test_quotes_by_speaker_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quotes", "--speaker", "rutte", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 3
    body = json.loads(
        subprocess.run([sys.executable, "-m", "tui", "show", SEED_ID, "--json"], capture_output=True, text=True).stdout
    )["body"]
    for row in rows:
        assert row["speaker"] == "Mark Rutte" and row["kind"] == "speech"
        assert body[row["start"] : row["end"]] == row["text"]


def test_quotes_all_includes_the_scare_quote(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "quotes", str(SEEDS / f"{SEED_ID}.txt"), "--all", "--json")
    kinds = {row["text"]: row["kind"] for row in json.loads(out)}
    assert kinds['"peace plan"'] != "speech"


def test_quotes_for_an_unknown_speaker_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "quotes", "--speaker", "Nobody Atall")
    assert code == 1 and "no quotes by 'Nobody Atall'" in err


def test_people_json_merges_aliases(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "people", str(SEEDS / f"{SEED_ID}.txt"), "--json")
    assert code == 0
    people = {p["name"]: p for p in json.loads(out)}
    assert set(people) == {"Mark Rutte", "Marco Rubio", "Christopher Landau", "Olivier Matthys"}
    assert "Rutte" in people["Mark Rutte"]["aliases"]
    assert people["Mark Rutte"]["quotes"] == 3
    assert people["Mark Rutte"]["articles"] == [SEED_ID]


def test_extract_reads_and_writes_json_lines() -> None:
    lines = "\n".join(
        json.dumps({"id": i, "text": t})
        for i, t in enumerate(['"We will," said Jane Doe, "and soon."', "No quotes here."])
    )
    result = subprocess.run([sys.executable, "-m", "tui", "extract", "-"], input=lines, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert first["id"] == 0 and second == {"id": 1, "quotes": [], "people": [], "reported": []}
    text = '"We will," said Jane Doe, "and soon."'
    assert [q["text"] for q in first["quotes"]] == ['"We will,"', '"and soon."']
    assert {q["speaker"] for q in first["quotes"]} == {"Jane Doe"}
    for item in first["quotes"] + first["people"]:
        assert text[item["start"] : item["end"]] == item["text"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_dumps_prints_what_json_dumps_prints_of_the_cleaned_data(value: object) -> None:
    assert common.dumps(value) == json.dumps(clean_data(value), ensure_ascii=False, indent=2)


def test_list_json_paths_are_resolved_through_links(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    shutil.copy(SEED_FILE, real / SEED_FILE.name)
    (real / "linked.txt").symlink_to(real / SEED_FILE.name)
    (tmp_path / "via").symlink_to(real)
    code, out, _ = run(capsys, "list", "--json", str(tmp_path / "via"))
    paths = {a["id"]: a["path"] for a in json.loads(out)}
    assert code == 0 and len(paths) == 2
    assert all(path == str(Path(path).resolve()) == str(real / SEED_FILE.name) for path in paths.values())


rows = st.lists(
    st.fixed_dictionaries(
        {"id": st.text(), "n": st.integers(), "authors": st.lists(st.text(), max_size=2), "e": st.none() | st.text()}
    ),
    min_size=2,
    max_size=5,
)


@given(rows)
def test_dumps_prints_rows_of_the_same_keys_as_json_dumps_does(value: list[dict[str, object]]) -> None:
    assert common.dumps(value) == json.dumps(clean_data(value), ensure_ascii=False, indent=2)


@given(rows | st.lists(json_values, max_size=5), st.integers(min_value=1, max_value=3))
def test_rows_printed_a_chunk_at_a_time_print_what_print_json_prints(value: list[object], chunk: int) -> None:
    whole, chunked = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(whole):
        common.print_json(value)
    with contextlib.redirect_stdout(chunked):
        common.print_json_rows(iter(value), chunk)
    assert chunked.getvalue() == whole.getvalue()


def test_starting_the_cli_imports_no_parser_a_warm_call_does_not_use() -> None:
    # markdown-it and PyYAML are 30-40 ms of every CLI call's start; a warm list or search
    # parses no article, so they are imported when a file is first read
    code = "import sys, tui.cli; print(sorted(m for m in ('yaml', 'markdown_it') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("count", "noun", "plural", "expected"),
    [
        (1, "quote", None, "1 quote"),
        (0, "quote", None, "0 quotes"),
        (2, "person", "people", "2 people"),
        (1, "person", "people", "1 person"),
        (12345, "article", None, "12,345 articles"),
    ],
)
def test_counts_read_as_english(count: int, noun: str, plural: str | None, expected: str) -> None:
    assert counted(count, noun, plural) == expected
