"""Loading articles: the formats, the seed above all, and every kind of bad input."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import SEED_FILE, SEED_ID, SEEDS, SHARED
from tui.core.library.article import MARKDOWN, SCRAPED, TEXT
from tui.core.library.formats import derive_title
from tui.core.library.loader import load_file, load_library


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# --- the seed -----------------------------------------------------------------------------


def test_seed_is_byte_identical_to_the_original() -> None:
    original = SHARED / "seeds" / SEED_FILE.name
    if not original.exists():
        pytest.skip("the shared seed is not available")
    assert SEED_FILE.read_bytes() == original.read_bytes()


def test_seed_date_caption_and_title() -> None:
    article, problems = load_file(SEED_FILE)
    assert problems == []
    assert article is not None
    assert article.id == SEED_ID
    assert article.format == SCRAPED
    assert article.date == date(2025, 12, 2)
    assert article.caption == "Mark Rutte (Photo: Olivier Matthys/EPA)"
    assert article.title.startswith("NATO Secretary General Mark Rutte admitted")
    assert len(article.title) <= 81 and article.title.endswith("…")
    assert " " not in article.title[-2:], "shortened on a word boundary"


def test_seed_caption_is_not_body_text() -> None:
    article, _ = load_file(SEED_FILE)
    assert article is not None
    assert "Olivier Matthys" not in article.body
    assert "date 2025" not in article.body
    assert article.body.startswith("NATO Secretary General Mark Rutte admitted")


def test_seed_blocks_are_its_paragraphs_with_offsets() -> None:
    article, _ = load_file(SEED_FILE)
    assert article is not None
    assert len(article.blocks) == 8
    for block in article.blocks:
        assert block.kind == "paragraph"
        assert article.body[block.start : block.end] == block.text
    assert "no consensus on Ukraine's membership" in article.blocks[-1].text


def test_content_hash_is_stable_and_tracks_the_body(tmp_path: Path) -> None:
    first, _ = load_file(SEED_FILE)
    copy = write(tmp_path, "copy.txt", SEED_FILE.read_bytes())
    second, _ = load_file(copy)
    changed = write(tmp_path, "changed.txt", SEED_FILE.read_bytes() + b" More.")
    third, _ = load_file(changed)
    assert first and second and third
    assert first.content_hash == second.content_hash
    assert first.content_hash != third.content_hash


# --- formats ----------------------------------------------------------------------------


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.md",
        (
            "---\n"
            'title: "VIDEO: A \\"quoted\\" title"\n'
            "date: 2021-08-06\n"
            "source: Wikinews\n"
            "url: https://example.org/a\n"
            "license: CC BY 2.5\n"
            "authors: [Ann Lee, Bo Chen]\n"
            "---\n\n"
            "First *paragraph* with a [link](https://example.org).\n\n"
            "> A block quote\n\n"
            "- one\n- two\n\n"
            "## A heading\n"
        ),
    )
    article, problems = load_file(path)
    assert problems == []
    assert article is not None and article.format == MARKDOWN
    assert article.title == 'VIDEO: A "quoted" title'
    assert article.date == date(2021, 8, 6)
    assert (article.source, article.url, article.license) == ("Wikinews", "https://example.org/a", "CC BY 2.5")
    assert article.authors == ("Ann Lee", "Bo Chen")
    kinds = [(b.kind, b.quote_depth, b.list_marker) for b in article.blocks]
    assert kinds == [
        ("paragraph", 0, ""),
        ("paragraph", 1, ""),
        ("paragraph", 0, "•"),
        ("paragraph", 0, "•"),
        ("heading", 0, ""),
    ]
    first = article.blocks[0]
    assert first.text == "First paragraph with a link."
    assert {m for run in first.runs for m in run.marks} == {"em", "link"}
    for block in article.blocks:
        for run in block.runs:
            if run.end - run.start == len(run.text):
                assert article.body[run.start : run.end] == run.text


def test_plain_text_with_a_title_line(tmp_path: Path) -> None:
    path = write(tmp_path, "note.txt", "Storm hits the coast\n\nThe storm arrived at dawn. It was loud.\n")
    article, _ = load_file(path)
    assert article is not None and article.format == TEXT
    assert article.title == "Storm hits the coast"
    assert article.body.startswith("The storm arrived")


def test_plain_text_without_a_title_line_derives_one(tmp_path: Path) -> None:
    path = write(tmp_path, "note.txt", "The storm arrived at dawn. It was loud.\n\nMore text.\n")
    article, _ = load_file(path)
    assert article is not None
    assert article.title == "The storm arrived at dawn"
    assert article.body.startswith("The storm arrived")


def test_derive_title_shortens_on_a_word_boundary() -> None:
    title = derive_title("word " * 40)
    assert title.endswith("…") and len(title) <= 81
    assert title[:-1].split() == ["word"] * len(title[:-1].split())
    assert (
        derive_title("U.S. officials met Mr. Smith on Monday. Then left.") == "U.S. officials met Mr. Smith on Monday"
    )


def test_folder_walk_is_recursive_and_skips_non_articles(tmp_path: Path) -> None:
    write(tmp_path, "a/one.md", "# One\n\nBody one.\n")
    write(tmp_path, "a/b/two.txt", "Two\n\nBody two.\n")
    write(tmp_path, "README.md", "# Not an article\n\nText.\n")
    write(tmp_path, "picture.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path, ".hidden/three.md", "# Three\n\nBody.\n")
    result = load_library([tmp_path])
    assert sorted(a.title for a in result.articles) == ["One", "Two"]
    assert result.problems == []


def test_ids_are_unique_inside_a_library(tmp_path: Path) -> None:
    write(tmp_path, "x/same.md", "# A\n\nBody.\n")
    write(tmp_path, "y/same.md", "# B\n\nBody.\n")
    result = load_library([tmp_path])
    assert sorted(a.id for a in result.articles) == ["same", "same-2"]


def test_the_bundled_library_loads_cleanly() -> None:
    result = load_library([SEEDS])
    assert result.problems == []
    assert 31 <= len(result.articles) <= 61
    assert SEED_ID in {a.id for a in result.articles}
    assert all(a.date is not None for a in result.articles)


# --- bad input --------------------------------------------------------------------------


def only_problem(path: Path) -> str:
    result = load_library([path.parent])
    assert [p.path for p in result.problems] == [path]
    return result.problems[0].message


def test_non_utf8_bytes_are_decoded_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.txt", "Caf\xe9 news\n\nThe caf\xe9 opened.\n".encode("latin-1"))
    result = load_library([tmp_path])
    assert len(result.articles) == 1
    assert "opened" in result.articles[0].body and "\ufffd" in result.articles[0].body
    [problem] = result.problems
    assert problem.path == path and problem.severity == "warning"
    assert "not valid UTF-8" in problem.message and "offset 3" in problem.message


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "blob.md", bytes(range(256)) * 10)
    write(tmp_path, "good.md", "# Good\n\nBody.\n")
    assert "binary" in only_problem(path)
    assert [a.title for a in load_library([tmp_path]).articles] == ["Good"]


def test_empty_file_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.md", "")
    assert "empty" in only_problem(path)


def test_whitespace_only_file_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", "  \n\n \n")
    assert "empty" in only_problem(path)


def test_file_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.txt", "Big\n\n" + "x" * 2048)
    result = load_library([tmp_path], max_bytes=1024)
    [problem] = result.problems
    assert problem.path == path and "over the 1.0 KiB limit" in problem.message
    assert result.articles == []


def test_unterminated_front_matter_loads_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "open.md", "---\ntitle: Never closed\n\nBody text here.\n")
    result = load_library([tmp_path])
    [problem] = result.problems
    assert problem.path == path and problem.severity == "warning"
    assert "never closed" in problem.message
    assert len(result.articles) == 1


def test_malformed_front_matter_line_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", "---\ntitle: Fine\nthis is not yaml\ndate: 2020-13-45\n---\n\nBody.\n")
    result = load_library([tmp_path])
    messages = [p.message for p in result.problems]
    assert all(p.path == path for p in result.problems)
    assert any("line 3" in m and "not valid YAML" in m for m in messages)
    assert any("2020-13-45" in m for m in messages)
    [article] = result.articles
    assert article.title == "Fine" and article.date is None


def test_front_matter_without_body_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "nobody.md", "---\ntitle: Only a title\n---\n")
    assert "no body" in only_problem(path)


def test_missing_path_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = load_library([missing, SEED_FILE])
    assert [p.path for p in result.problems] == [missing]
    assert "no such file" in result.problems[0].message
    assert [a.id for a in result.articles] == [SEED_ID]


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.md", "# Secret\n\nBody.\n")
    write(tmp_path, "open.md", "# Open\n\nBody.\n")
    real_open = os.open

    def deny(name: str | Path, flags: int, *args: int) -> int:
        if Path(name).name == "secret.md":
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", deny)
    result = load_library([tmp_path])
    assert [p.path for p in result.problems] == [path]
    assert "permission denied" in result.problems[0].message
    assert [a.title for a in result.articles] == ["Open"]


def test_symlink_loops_are_reported_not_followed_forever(tmp_path: Path) -> None:
    write(tmp_path, "lib/one.md", "# One\n\nBody.\n")
    os.symlink(tmp_path / "lib", tmp_path / "lib" / "again")
    os.symlink(tmp_path / "lib" / "self.md", tmp_path / "lib" / "self.md")
    result = load_library([tmp_path / "lib"])
    assert [a.title for a in result.articles] == ["One"]
    messages = {p.path.name: p.message for p in result.problems}
    assert "loop" in messages["again"]
    assert "loop" in messages["self.md"]


def test_broken_symlink_is_reported(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.md", tmp_path / "link.md")
    assert "broken symbolic link" in only_problem(tmp_path / "link.md")


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.txt", "Wide title\n\nWide body.\n".encode("utf-16"))
    article, problems = load_file(path)
    assert problems == [] and article is not None
    assert article.title == "Wide title"
