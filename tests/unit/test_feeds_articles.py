"""Saved articles: the file the library reads, written once and never over another."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.unit.feeds_support import DORIS, story
from tui.core.feeds.articles import ArticleTooBig, Draft, articles_dir, render, save_article, slugify
from tui.core.library.files import MAX_BYTES
from tui.core.library.loader import load_file


def draft(**changes: object) -> Draft:
    doris = story(DORIS)
    values: dict[str, object] = {
        "title": doris.title,
        "body": "\n\n".join(doris.paragraphs),
        "date": date(2019, 5, 16),
        "source": 'Wikinews "mirror"',
        "url": doris.url,
        "feed": "http://feeds.test/wikinews.xml",
        "authors": ("Wikinews contributors", "Ann O'Neil, Jr."),
        "fetched": datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
    }
    values.update(changes)
    return Draft(**values)  # type: ignore[arg-type]


def test_the_loader_reads_every_field_back(tmp_path: Path) -> None:
    path = save_article(tmp_path / "wikinews", draft())
    assert path == tmp_path / "wikinews" / "2019-05-16-actor-doris-day-dies-at-97.md"
    article, problems = load_file(path)
    assert problems == [] and article is not None
    assert article.title == "Actor Doris Day dies at 97" and article.date == date(2019, 5, 16)
    assert article.source == 'Wikinews "mirror"' and article.url == story(DORIS).url
    assert article.authors == ("Wikinews contributors", "Ann O'Neil, Jr.")
    assert article.body.startswith("US singer, actor")


def test_the_front_matter_is_valid_yaml(tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    text = render(draft(title='Colons: "quotes" \\ and \u2028 separators', authors=())).decode()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta == {
        "title": 'Colons: "quotes" \\ and \u2028 separators',
        "date": "2019-05-16",
        "source": 'Wikinews "mirror"',
        "url": story(DORIS).url,
        "authors": [],
        "feed": "http://feeds.test/wikinews.xml",
        "fetched": "2024-01-02T03:04:05Z",
    }


def test_another_article_of_the_same_name_gets_a_number(tmp_path: Path) -> None:
    first = save_article(tmp_path, draft())
    second = save_article(tmp_path, draft(body="A different article with the same title."))
    assert second.name == "2019-05-16-actor-doris-day-dies-at-97-2.md"
    assert "US singer" in first.read_text() and "different" in second.read_text()


def test_the_same_article_saved_again_keeps_its_file(tmp_path: Path) -> None:
    first = save_article(tmp_path, draft())
    again = save_article(tmp_path, draft(fetched=datetime(2025, 1, 1, tzinfo=UTC)))
    assert again == first and len(list(tmp_path.iterdir())) == 1


def test_a_file_the_user_put_there_is_never_overwritten(tmp_path: Path) -> None:
    mine = tmp_path / "2019-05-16-actor-doris-day-dies-at-97.md"
    mine.write_text("my own notes")
    saved = save_article(tmp_path, draft())
    assert mine.read_text() == "my own notes" and saved.name.endswith("-2.md")


def test_no_temp_files_are_left(tmp_path: Path) -> None:
    save_article(tmp_path, draft())
    assert [p.name for p in tmp_path.iterdir()] == ["2019-05-16-actor-doris-day-dies-at-97.md"]


def test_an_article_over_the_library_limit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArticleTooBig, match=r"over the 5\.0 MiB limit"):
        save_article(tmp_path, draft(body="x" * MAX_BYTES))
    assert list(tmp_path.iterdir()) == []


def test_slugs_and_where_articles_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert slugify("Zürich: “Naïve” café — 2024!") == "zurich-naive-cafe-2024"
    assert slugify("!!!") == "untitled" and len(slugify("word " * 50)) <= 80
    monkeypatch.setenv("BYLINE_ARTICLES", str(tmp_path / "env"))
    assert articles_dir() == tmp_path / "env" and articles_dir(tmp_path / "cli") == tmp_path / "cli"
    monkeypatch.delenv("BYLINE_ARTICLES")
    assert articles_dir() == Path(os.environ["XDG_DATA_HOME"]) / "byline" / "articles"
