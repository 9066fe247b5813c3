"""``byline notes``: add, list, export, import, and a damaged annotation file."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_ID
from tui.cli import main

QUOTE = "there is no consensus on Ukraine's membership in NATO"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str], *db: str) -> list[dict]:
    code, out, _ = run(capsys, "notes", "list", "--json", *db)
    assert code == 0
    return json.loads(out)


def test_add_then_list_json_gives_the_annotation_with_note_and_tags(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "notes", "add", SEED_ID, "--quote", QUOTE, "--note", "check later", "--tag", "nato", "--tag", "ukraine"
    )
    assert code == 0, err
    [note] = listed(capsys)
    assert note["id"] == out.strip()
    assert note["article_id"] == SEED_ID
    assert note["selector"]["exact"] == QUOTE
    assert note["note"] == "check later" and note["tags"] == ["nato", "ukraine"]
    assert note["kind"] == "quote" and note["speaker"] == "Mark Rutte"


def test_add_outside_a_quote_is_a_highlight_and_tolerates_case_and_spacing(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "notes", "add", SEED_ID, "--quote", "NATO  Secretary general")
    assert code == 0, err
    [note] = listed(capsys)
    assert note["kind"] == "highlight" and note["speaker"] is None
    assert note["selector"]["exact"] == "NATO Secretary General"


def test_add_refuses_unknown_article_and_missing_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "notes", "add", "no-such-article", "--quote", "x")
    assert code != 0 and "no-such-article" in err
    code, _, err = run(capsys, "notes", "add", SEED_ID, "--quote", "words the article never had")
    assert code != 0 and "does not contain" in err
    assert listed(capsys) == []


def test_add_returns_only_once_the_annotation_is_on_disk(tmp_path: Path) -> None:
    """A separate process adds; when it has exited 0, a fresh read of the file has it."""
    db = tmp_path / "notes.json"
    env = {**os.environ, "BYLINE_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-m", "tui", "notes", "add", SEED_ID, "--quote", QUOTE],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    records = json.loads(db.read_text())["annotations"]
    assert [r["selector"]["exact"] for r in records.values()] == [QUOTE]


def test_export_markdown_groups_by_article_with_quote_speaker_note_and_tags(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "notes", "add", SEED_ID, "--quote", QUOTE, "--note", "the key line", "--tag", "nato")
    code, out, _ = run(capsys, "notes", "export", "--format", "md")
    assert code == 0
    assert "## NATO Secretary General Mark Rutte" in out
    assert "2025-12-02" in out
    assert f"> {QUOTE}" in out and "Mark Rutte" in out.split(f"> {QUOTE}")[1]
    assert "the key line" in out and "nato" in out


def test_json_export_imports_losslessly_and_reimport_finds_duplicates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "notes", "add", SEED_ID, "--quote", QUOTE, "--note", "one\ntwo lines", "--tag", "a")
    run(capsys, "notes", "add", SEED_ID, "--quote", "peace plan", "--colour", "pink")
    export = tmp_path / "export.json"
    code, _, _ = run(capsys, "notes", "export", "--format", "json", "-o", str(export))
    assert code == 0
    other = ["--db", str(tmp_path / "other.json")]
    code, out, _ = run(capsys, "notes", "import", str(export), *other)
    assert code == 0 and "imported 2" in out
    assert sorted(listed(capsys, *other), key=lambda n: n["id"]) == sorted(listed(capsys), key=lambda n: n["id"])
    code, out, _ = run(capsys, "notes", "import", str(export), *other)
    assert code == 0 and "imported 0, already there 2" in out
    assert len(listed(capsys, *other)) == 2


def test_import_of_a_file_that_is_not_an_export_fails_and_adds_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    code, _, err = run(capsys, "notes", "import", str(bad))
    assert code != 0 and "bad.json" in err
    assert listed(capsys) == []


def test_damaged_file_is_never_overwritten_unless_asked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "damaged.json"
    damaged = b'{"annotations": {"1": {"id": "1", "tru'
    db.write_bytes(damaged)
    code, _, err = run(capsys, "notes", "add", SEED_ID, "--quote", QUOTE, "--db", str(db))
    assert code != 0 and "read-only" in err and "--backup-damaged" in err
    assert db.read_bytes() == damaged
    code, _, err = run(capsys, "notes", "add", SEED_ID, "--quote", QUOTE, "--db", str(db), "--backup-damaged")
    assert code == 0, err
    [backup] = tmp_path.glob("damaged.json.corrupt-*")
    assert backup.read_bytes() == damaged
    assert [n["selector"]["exact"] for n in listed(capsys, "--db", str(db))] == [QUOTE]


def story_library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "story.md").write_text("# Story\n\nThe mayor said the bridge will open in May.\n")
    return folder


def test_add_takes_paths_after_its_options_as_the_readme_shows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    library = str(story_library(tmp_path))
    code, _, err = run(capsys, "notes", "add", "story", "--quote", "the bridge", "--note", "n", "--tag", "t", library)
    assert code == 0, err
    code, _, err = run(capsys, "notes", "add", "--quote", "in May", "story", "--colour", "pink", library)
    assert code == 0, err
    assert sorted(n["selector"]["exact"] for n in listed(capsys)) == ["in May", "the bridge"]


@pytest.mark.parametrize(
    "order",
    [
        ("export", "{library}", "--format", "md", "-o", "{out}"),
        ("export", "--format", "md", "{library}", "-o", "{out}"),
        ("export", "-o", "{out}", "--format", "md", "{library}", "--no-cache"),
    ],
)
def test_export_takes_options_and_paths_in_any_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, order: tuple[str, ...]
) -> None:
    library = story_library(tmp_path)
    run(capsys, "notes", "add", "story", "--quote", "the bridge", str(library))
    out = tmp_path / "notes.md"
    code, _, err = run(capsys, "notes", *(a.format(library=library, out=out) for a in order))
    assert code == 0, err
    assert "## Story" in out.read_text()


def test_import_and_list_take_options_before_or_after_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "notes", "add", SEED_ID, "--quote", QUOTE)
    export = tmp_path / "export.json"
    run(capsys, "notes", "export", "--format", "json", "-o", str(export))
    other = str(tmp_path / "other.json")
    code, out, err = run(capsys, "notes", "import", "--db", other, str(export), "--backup-damaged")
    assert code == 0 and "imported 1" in out, err
    code, out, _ = run(capsys, "notes", "list", "--db", other, "--json", "--tag", "none")
    assert code == 0 and json.loads(out) == []


def test_an_unknown_option_is_still_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["notes", "add", SEED_ID, "--quote", QUOTE, "--bogus"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def hypothesis_row(uri: str, exact: str, annotation_id: str) -> dict:
    selector = [{"type": "TextQuoteSelector", "exact": exact, "prefix": "", "suffix": ""}]
    return {
        "id": annotation_id,
        "uri": uri,
        "text": "",
        "tags": ["h"],
        "target": [{"source": uri, "selector": selector}],
    }


def test_import_of_a_hypothesis_export_names_what_it_left_out_and_saves_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    library = story_library(tmp_path)
    (library / "story.md").write_text(
        "---\ntitle: Story\nurl: https://example.com/story\n---\n\nThe mayor said the bridge will open in May.\n"
    )
    export = tmp_path / "hypothesis.json"
    rows = [
        hypothesis_row("https://www.example.com/story/?utm_source=rss", "the bridge will open", "a"),
        hypothesis_row("https://example.org/unknown", "anything", "b"),
        hypothesis_row("https://example.com/story", "words it never had", "c"),
    ]
    export.write_text(json.dumps({"total": 3, "rows": rows}))
    code, out, err = run(capsys, "notes", "import", str(export), str(library))
    assert code == 1
    assert out.strip() == "imported 1, already there 0, unreadable 0, left out 2"
    assert "left out: https://example.org/unknown: no article in the library has this URL" in err
    assert "left out: https://example.com/story: its quote 'words it never had' is not in 'Story'" in err
    [note] = listed(capsys)
    assert (note["article_id"], note["selector"]["exact"], note["tags"]) == ("story", "the bridge will open", ["h"])
    code, out, _ = run(capsys, "notes", "import", "--format", "hypothesis", str(export), str(library))
    assert code == 1 and out.startswith("imported 0, already there 1")


def big_file(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024 + 1)  # sparse: over the cap without writing 64 MiB


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("{not json"), "not valid JSON: Expecting property name"),
        (lambda p: p.write_text('{"hello": 1}'), "not a notes export Byline reads"),
        (lambda p: p.write_bytes(b'{"rows": "\xff"}'), "not UTF-8 text"),
        (big_file, "over the 64.0 MiB limit"),
        (lambda p: os.mkfifo(p), "a FIFO (named pipe), not a regular file"),
        (lambda p: p.write_text('{"type": "AnnotationCollection", "first": "http://x/p1"}'), "not in the file"),
    ],
)
def test_a_failed_import_leaves_the_annotation_file_byte_identical(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    make,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    run(capsys, "notes", "add", SEED_ID, "--quote", QUOTE)
    db = Path(os.environ["BYLINE_DB"])
    before, stamp = db.read_bytes(), db.stat().st_mtime_ns
    bad = tmp_path / "bad.json"
    make(bad)
    code, out, err = run(capsys, "notes", "import", str(bad))
    assert code == 1 and out == ""
    assert f"{bad}: " in err and message in err and "nothing was imported" in err
    assert db.read_bytes() == before and db.stat().st_mtime_ns == stamp
    assert [p.name for p in db.parent.iterdir() if p.name.startswith(f".{db.name}.")] == []  # no temp file


def test_export_picks_the_format_from_the_output_s_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "notes", "add", SEED_ID, "--quote", QUOTE, "--note", 'said "no", twice', "--tag", "nato")
    code, _, err = run(capsys, "notes", "export", "-o", str(tmp_path / "notes.csv"))
    assert code == 0 and err.strip() == f"byline: wrote 1 annotation to {tmp_path / 'notes.csv'}"
    [row] = csv.DictReader((tmp_path / "notes.csv").open(encoding="utf-8", newline=""))
    assert row["Highlight"] == QUOTE and row["Note"] == '.nato\nsaid "no", twice\n— Mark Rutte'
    code, _, _ = run(capsys, "notes", "export", "-o", str(tmp_path / "notes.jsonld"))
    assert json.loads((tmp_path / "notes.jsonld").read_text())["type"] == "AnnotationCollection"


def test_export_into_a_folder_names_the_file_for_the_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "notes", "add", SEED_ID, "--quote", QUOTE)
    code, _, err = run(capsys, "notes", "export", "--format", "w3c", "-o", str(tmp_path))
    assert code == 0 and str(tmp_path / "byline-notes.jsonld") in err
    code, out, _ = run(capsys, "notes", "export", "--format", "readwise")
    assert code == 0 and out.startswith("Highlight,Title,Author,URL,Note,Location,Date\n")


def test_w3c_export_imports_into_another_file_unchanged(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "notes", "add", SEED_ID, "--quote", QUOTE, "--note", "one\ntwo", "--tag", "a", "--tag", "b")
    run(capsys, "notes", "add", SEED_ID, "--quote", "peace plan", "--colour", "pink")
    export = tmp_path / "notes.jsonld"
    run(capsys, "notes", "export", "-o", str(export))
    other = ["--db", str(tmp_path / "other.json")]
    code, out, _ = run(capsys, "notes", "import", str(export), *other)
    assert code == 0 and out.startswith("imported 2, already there 0")
    assert sorted(listed(capsys, *other), key=lambda n: n["id"]) == sorted(listed(capsys), key=lambda n: n["id"])
    code, out, _ = run(capsys, "notes", "import", str(export), *other)
    assert code == 0 and out.startswith("imported 0, already there 2")


def test_obsidian_export_needs_a_folder_and_writes_a_note_per_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "notes", "add", SEED_ID, "--quote", QUOTE, "--tag", "nato")
    code, _, err = run(capsys, "notes", "export", "--format", "obsidian")
    assert code == 1 and "give it with -o DIR" in err
    vault = tmp_path / "vault"
    code, _, err = run(capsys, "notes", "export", "--format", "obsidian", "-o", str(vault))
    assert code == 0 and f"wrote 1 annotation to 1 note in {vault} (1 changed)" in err
    [note] = vault.iterdir()
    assert note.name.startswith("NATO Secretary General Mark Rutte") and f"> {QUOTE}" in note.read_text()
    code, _, err = run(capsys, "notes", "export", "--format", "obsidian", "-o", str(vault))
    assert code == 0 and "(0 changed)" in err and list(vault.iterdir()) == [note]
