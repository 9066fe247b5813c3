"""Front matter as Obsidian, Hugo and Jekyll write it loads as written; bad YAML is named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tui.core.library.loader import load_library


def load(tmp_path: Path, text: str, name: str = "a.md"):  # type: ignore[no-untyped-def]
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = load_library([tmp_path])
    return result.articles, [p.message for p in result.problems]


def test_obsidian_style_block_lists_and_tags(tmp_path: Path) -> None:
    [article], problems = load(
        tmp_path,
        "---\ntitle: Budget talks stall\nauthors:\n  - Ana Lima\n  - Tom Reed\ntags:\n  - politics\n"
        "aliases: [budget]\ndate: 2024-03-05\n---\n\nThe talks stalled on Tuesday.\n",
    )
    assert problems == []
    assert article.authors == ("Ana Lima", "Tom Reed")
    assert article.date == date(2024, 3, 5)


def test_hugo_style_multi_line_strings_and_nested_keys(tmp_path: Path) -> None:
    [article], problems = load(
        tmp_path,
        "---\ntitle: >\n  A long title folded\n  over two lines\ncaption: |\n  Photo: Ana Lima\n"
        "params:\n  source: ignored because nested\nsource: The Daily\ndate: 2023-11-30T08:15:00+01:00\n---\n\n"
        "Body of the story.\n",
    )
    assert problems == []
    assert article.title == "A long title folded over two lines"
    assert article.caption == "Photo: Ana Lima"
    assert article.source == "The Daily"
    assert article.date == date(2023, 11, 30)


def test_jekyll_style_single_author_and_quoted_values(tmp_path: Path) -> None:
    [article], _ = load(
        tmp_path, "---\nlayout: post\ntitle: 'It''s done: the vote'\nauthor: Ana Lima and Tom Reed\n---\n\nText.\n"
    )
    assert article.title == "It's done: the vote"
    assert article.authors == ("Ana Lima", "Tom Reed")


def test_bad_yaml_is_named_with_its_line_and_plain_lines_and_body_still_read(tmp_path: Path) -> None:
    [article], problems = load(tmp_path, "---\nsource: Wire\ntitle: Breaking: the news\n---\n\nThe body is read.\n")
    [problem] = problems
    assert "line 3" in problem and "not valid YAML" in problem
    assert (article.title, article.source, article.body) == ("Breaking: the news", "Wire", "The body is read.\n")


def test_front_matter_that_is_not_a_mapping_is_ignored_with_a_warning(tmp_path: Path) -> None:
    [article], problems = load(tmp_path, "---\n- just\n- a list\n---\n\nBody here.\n")
    assert any("not 'key: value' pairs" in p for p in problems)
    assert article.body == "Body here.\n"


def test_a_bad_date_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    [article], problems = load(tmp_path, "---\ntitle: T\ndate: 2020-13-45\n---\n\nBody.\n")
    assert article.date is None and any("2020-13-45" in p for p in problems)


def test_the_feed_key_is_kept(tmp_path: Path) -> None:
    [article], _ = load(tmp_path, '---\ntitle: T\nfeed: "https://example.org/rss.xml"\n---\n\nBody.\n')
    assert article.feed == "https://example.org/rss.xml"
