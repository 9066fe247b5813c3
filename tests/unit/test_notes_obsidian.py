"""An Obsidian vault folder: a note per article named for its title, front matter, quotes
with speakers, tags, stable block ids; re-exporting updates the same files, keeps what the
user wrote below the marker and never duplicates."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.unit.notes_examples import mark, rutte_quote
from tui.core.library.article import Article
from tui.core.notes.formats.obsidian import MARKER, block_id, export_obsidian, obsidian_tag, safe_name

BODY = (
    "Rutte said there was no consensus.\n\n\u201cIn practice, accession requires the consensus "
    "of all allies,\u201d Rutte said. The treaty of 1949 remains valid."
)
NATO = Article(
    id="nato",
    path=Path("/library/nato.md"),
    title="No consensus: Rutte",
    body=BODY,
    date=date(2025, 12, 2),
    source="Reuters",
    url="https://example.com/nato",
    authors=("Jane Doe",),
)


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text[4 : text.index("\n---\n")])


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return tmp_path / "vault"


def test_a_note_per_article_with_front_matter_quotes_speaker_note_tags_and_block_ids(vault: Path) -> None:
    quote = rutte_quote(NATO, note="The key admission.", tags=["nato", "peace talks"])
    plain = mark(NATO, "The treaty of 1949 remains valid.", tags=["history"])
    result = export_obsidian(vault, [plain, quote], {"nato": NATO})
    assert result.notes == (vault / "No consensus Rutte.md",) and (result.changed, result.annotations) == (1, 2)
    text = result.notes[0].read_text(encoding="utf-8")
    assert front_matter(text) == {
        "title": "No consensus: Rutte",
        "source": "Reuters",
        "url": "https://example.com/nato",
        "date": date(2025, 12, 2),
        "authors": ["Jane Doe"],
        "tags": ["history", "nato", "peace-talks"],
        "byline-article": "nato",
    }
    body = text[text.index("\n---\n") + 5 :]
    assert body == (
        "\n# No consensus: Rutte\n\n"
        "> In practice, accession requires the consensus of all allies,\n>\n> — Mark Rutte\n\n"
        f"^{block_id(quote.id)}\n\n"
        "The key admission.\n\n"
        "#nato #peace-talks\n\n"
        "> The treaty of 1949 remains valid.\n\n"
        f"^{block_id(plain.id)}\n\n"
        "#history\n\n"
        f"{MARKER}\n"
    )


def test_block_ids_come_from_the_annotation_id_and_obsidian_accepts_them() -> None:
    assert block_id("0123456789abcdef0123456789abcdef") == block_id("0123456789abcdef0123456789abcdef")
    assert block_id("a") != block_id("b")
    assert re.fullmatch(r"[A-Za-z0-9-]+", block_id("any id: with / odd ^ characters"))


@pytest.mark.parametrize(
    ("tag", "as_obsidian"),
    [("nato", "nato"), ("peace talks", "peace-talks"), ("#eu", "eu"), ("2024", "_2024"), ("a/b", "a/b"), ("!?", "")],
)
def test_tags_become_what_obsidian_reads_as_a_tag(tag: str, as_obsidian: str) -> None:
    assert obsidian_tag(tag) == as_obsidian


def test_re_exporting_updates_the_same_file_and_keeps_the_user_s_text_below_the_marker(vault: Path) -> None:
    first, second = mark(NATO, "Rutte said there"), mark(NATO, "remains valid")
    [path] = export_obsidian(vault, [first, second], {"nato": NATO}).notes
    text = path.read_text(encoding="utf-8")
    mine = "\n## My thoughts\n\nCompare with the 2008 summit. [[Other note]]\n"
    path.write_text(text.replace("Rutte said there", "I edited this (lost)") + mine, encoding="utf-8")
    third = mark(NATO, "no consensus", note="new")
    result = export_obsidian(vault, [first, third], {"nato": NATO})  # second was deleted, third added
    assert result.notes == (path,) and sorted(vault.iterdir()) == [path]
    again = path.read_text(encoding="utf-8")
    assert again.endswith(f"{MARKER}\n{mine}")
    assert again.count(MARKER) == 1 and again.count("> Rutte said there") == 1 and "(lost)" not in again
    assert "> no consensus" in again and "> remains valid" not in again
    assert export_obsidian(vault, [first, third], {"nato": NATO}).changed == 0
    assert path.read_text(encoding="utf-8") == again


def test_a_note_is_replaced_atomically_not_rewritten_in_place(vault: Path) -> None:
    [path] = export_obsidian(vault, [mark(NATO, "Rutte said there")], {"nato": NATO}).notes
    before = path.stat().st_ino
    export_obsidian(vault, [mark(NATO, "remains valid")], {"nato": NATO})
    assert path.stat().st_ino != before  # a new file renamed over the old one
    assert [p.name for p in vault.iterdir()] == [path.name]  # and no temporary file left


def test_two_articles_with_one_title_get_two_notes_that_stay_theirs(vault: Path) -> None:
    twin = Article(id="nato-2", path=Path("/library/nato-2.md"), title=NATO.title, body=BODY, date=date(2025, 12, 3))
    notes = [mark(NATO, "Rutte said there"), mark(twin, "Rutte said there")]
    result = export_obsidian(vault, notes, {"nato": NATO, "nato-2": twin})
    assert [p.name for p in result.notes] == ["No consensus Rutte.md", "No consensus Rutte (nato-2).md"]
    assert [front_matter(p.read_text())["byline-article"] for p in result.notes] == ["nato", "nato-2"]
    assert export_obsidian(vault, notes, {"nato": NATO, "nato-2": twin}).notes == result.notes


def test_a_renamed_article_keeps_its_note_and_a_user_file_of_the_same_name_is_never_touched(vault: Path) -> None:
    [path] = export_obsidian(vault, [mark(NATO, "Rutte said there")], {"nato": NATO}).notes
    renamed = dataclasses.replace(NATO, title="A new title")
    assert export_obsidian(vault, [mark(renamed, "Rutte said there")], {"nato": renamed}).notes == (path,)
    assert "# A new title" in path.read_text()
    other = Article(id="o", path=Path("/library/o.md"), title="Mine", body="Some body text.")
    (vault / "mine.md").write_text("my own note", encoding="utf-8")
    result = export_obsidian(vault, [mark(other, "Some body")], {"o": other})
    assert result.notes == (vault / "Mine (o).md",) and (vault / "mine.md").read_text() == "my own note"


def test_a_note_that_lost_its_marker_is_left_as_it_is_and_named(vault: Path) -> None:
    [path] = export_obsidian(vault, [mark(NATO, "Rutte said there")], {"nato": NATO}).notes
    edited = path.read_text().replace(MARKER, "my notes") + "more of mine\n"
    path.write_text(edited)
    result = export_obsidian(vault, [mark(NATO, "remains valid")], {"nato": NATO})
    assert result.notes == () and result.annotations == 0 and path.read_text() == edited
    assert result.left_alone == (f"{path}: it has no Byline marker line (or cannot be read), so it is left as it is",)


def test_a_note_holding_the_marker_line_cannot_split_the_file(vault: Path) -> None:
    tricky = mark(NATO, "Rutte said there", note=f"before\n{MARKER}\nafter")
    [path] = export_obsidian(vault, [tricky], {"nato": NATO}).notes
    (path.parent / path.name).write_text(path.read_text() + "mine\n")
    export_obsidian(vault, [tricky], {"nato": NATO})
    text = path.read_text()
    assert text.count("> Rutte said there") == 1 and text.endswith(f"\n{MARKER}\nmine\n")


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("No consensus: Rutte", "No consensus Rutte"),
        ('A/B "tests" #1 [draft] ^x | y?', "A B tests 1 draft x y"),
        ("...hidden", "hidden"),
        ("", "Untitled"),
        ("CON", "CON (note)"),
    ],
)
def test_titles_become_safe_file_names(title: str, name: str) -> None:
    assert safe_name(title) == name


def test_a_long_title_is_cut_to_fit_a_file_name() -> None:
    name = safe_name("Überschrift " * 40)
    assert len(name.encode("utf-8")) <= 200 and name.startswith("Überschrift Überschrift")
