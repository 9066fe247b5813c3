"""Subscriptions, per-feed state and read state: crash-safe JSON, damage kept, never lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core.feeds.jsonstore import DamagedFile
from tui.core.feeds.readstate import ReadState
from tui.core.feeds.subscriptions import OK, SEEN_KEPT, FeedStore, FetchRecord
from tui.core.feeds.urls import FetchError


def test_subscribe_list_remove(tmp_path: Path) -> None:
    store = FeedStore(tmp_path / "feeds.json")
    sub, new = store.add("http://a.test/feed", title="A News", tags=["world"])
    assert new and sub.folder == "a-news" and sub.tags == ("world",)
    again, new = store.add("http://a.test/feed", tags=["daily"])
    assert not new and again.tags == ("world", "daily") and again.title == "A News"
    store.add("http://b.test/rss")
    assert [s.url for s in FeedStore(tmp_path / "feeds.json").all()] == ["http://a.test/feed", "http://b.test/rss"]
    assert store.get("http://b.test/rss").folder == "b-test-rss"  # type: ignore[union-attr]
    assert store.remove("http://a.test/feed").title == "A News"
    with pytest.raises(KeyError):
        store.remove("http://a.test/feed")


def test_two_feeds_of_one_title_get_two_folders(tmp_path: Path) -> None:
    store = FeedStore(tmp_path / "feeds.json")
    folders = [store.add(u, title="News")[0].folder for u in ("http://a.test/", "http://b.test/")]
    assert folders == ["news", "news-2"]


def test_only_http_urls_are_subscribed(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="not an http or https URL"):
        FeedStore(tmp_path / "feeds.json").add("file:///etc/passwd")


def test_a_fetch_record_keeps_validators_seen_ids_and_counts(tmp_path: Path) -> None:
    store = FeedStore(tmp_path / "feeds.json")
    store.add("http://a.test/feed")
    record = FetchRecord(OK, 200, etag='"v1"', last_modified="yesterday", title="A", saved_ids=("1", "2"),
                         current_ids=("1", "2"), saved=2, validators=True)  # fmt: skip
    sub = store.record("http://a.test/feed", record)
    assert sub is not None and sub.title == "A"
    state = sub.state
    assert (state.etag, state.last_modified, state.seen, state.articles) == ('"v1"', "yesterday", ("1", "2"), 2)
    assert state.last_status == OK and state.http_status == 200 and state.last_fetched
    assert store.record("http://gone.test/", record) is None


def test_seen_ids_are_bounded_but_keep_the_latest_document(tmp_path: Path) -> None:
    store = FeedStore(tmp_path / "feeds.json")
    store.add("http://a.test/feed")
    old = tuple(str(n) for n in range(SEEN_KEPT + 50))
    store.record("http://a.test/feed", FetchRecord(OK, saved_ids=old, current_ids=old[:10], saved=len(old)))
    sub = store.record("http://a.test/feed", FetchRecord(OK, saved_ids=("new",), current_ids=("new", "0", "1")))
    seen = sub.state.seen  # type: ignore[union-attr]
    assert {"new", "0", "1"} <= set(seen) and len(seen) == SEEN_KEPT + 3


def test_a_damaged_file_is_reported_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "feeds.json"
    path.write_text('{"format": "byline.feeds", "feeds": {')
    store = FeedStore(path)
    with pytest.raises(DamagedFile, match="not valid JSON") as caught:
        store.all()
    assert str(path) in str(caught.value) and "kept" in str(caught.value)
    with pytest.raises(DamagedFile):
        store.add("http://a.test/feed")
    assert path.read_text() == '{"format": "byline.feeds", "feeds": {'


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"format": "something else"}', "not a Byline byline.feeds file"),
        ('{"format": "byline.feeds", "schema_version": 99}', "schema version 99"),
        ("[1, 2]", "not a Byline"),
        (
            '{"format": "byline.feeds", "schema_version": 1, "feeds": {"http://a/": {"state": {"bogus": 1}}}}',
            "not understood",
        ),
    ],
)
def test_foreign_or_newer_files_are_not_touched(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "feeds.json"
    path.write_text(content)
    with pytest.raises(DamagedFile, match=words):
        FeedStore(path).all()
    assert path.read_text() == content


def test_read_state_marks_toggles_and_survives_a_new_instance(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    one, two = root / "feed" / "2024-01-01-one.md", root / "feed" / "2024-01-02-two.md"
    seed = tmp_path / "seeds" / "x.md"
    state = ReadState(tmp_path / "read.json", root)
    assert state.is_unread(one) and state.is_unread(two)
    assert not state.is_unread(seed)  # not fetched: never unread
    state.set_read([one])
    assert state.unread([one, two, seed]) == [two]
    assert state.toggle(two) is True and state.toggle(one) is False
    fresh = ReadState(tmp_path / "read.json", root)
    assert fresh.is_unread(one) and not fresh.is_unread(two)
    data = json.loads((tmp_path / "read.json").read_text())
    assert data["format"] == "byline.read" and list(data["read"]) == ["feed/2024-01-02-two.md"]


def test_read_state_sees_what_another_process_wrote(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    mine, theirs = ReadState(tmp_path / "read.json", root), ReadState(tmp_path / "read.json", root)
    theirs.set_read([root / "a.md"])
    mine.set_read([root / "b.md"])  # re-reads under the lock: a.md is not lost
    assert not mine.is_unread(root / "a.md")
    theirs.refresh()
    assert not theirs.is_unread(root / "b.md")


def test_damaged_read_state_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "read.json"
    path.write_bytes(b"\xff\xfe garbage")
    with pytest.raises(DamagedFile, match="not UTF-8"):
        ReadState(path, tmp_path)
    assert path.read_bytes() == b"\xff\xfe garbage"


def test_the_feeds_core_imports_neither_textual_nor_the_cli() -> None:
    import ast

    from tests.conftest import REPO

    for path in (REPO / "tui" / "core" / "feeds").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert not name.lstrip(".").startswith(("textual", "rich", "tui.cli", "cli")), (path, name)
                assert not (node.__class__ is ast.ImportFrom and name.startswith("...") and "cli" in name), (path, name)
