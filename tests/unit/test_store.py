"""The annotation store: paths, the API, durability, locking, damaged and foreign files."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import re
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import platformdirs
import pytest

from tui.core.durable import TEMP_SUFFIX, lock_path
from tui.core.notes.anchoring import reanchor
from tui.core.notes.annotations import Annotation, make_annotation
from tui.core.notes.db_file import StoreError, backup_damaged
from tui.core.notes.store import AnnotationStore, StoreReadOnly, default_db_path, resolve_db_path

BODY = (
    "The mayor said the bridge would reopen in May. \u201cWe owe the town that much,\u201d she said. "
    "Engineers disagreed, saying repairs could take until the autumn."
)


def note(article_id: str = "article-1", start: int = 4, end: int = 9, **extra: object) -> Annotation:
    return make_annotation(article_id, BODY, start, end, "hash-1", **extra)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "annotations.json"


# --- where the file lives ------------------------------------------------------------------


def test_default_path_is_in_the_user_data_dir() -> None:
    expected = Path(platformdirs.user_data_dir("byline", appauthor=False)) / "annotations.json"
    assert default_db_path() == expected


def test_cli_value_beats_env_beats_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BYLINE_DB", raising=False)
    assert resolve_db_path(None) == default_db_path()
    monkeypatch.setenv("BYLINE_DB", str(tmp_path / "env.json"))
    assert resolve_db_path(None) == tmp_path / "env.json"
    assert resolve_db_path(str(tmp_path / "cli.json")) == tmp_path / "cli.json"


def test_paths_are_expanded_and_absolute(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert resolve_db_path("~/notes.json") == tmp_path / "notes.json"
    assert resolve_db_path("rel.json") == tmp_path / "rel.json"


# --- the API -------------------------------------------------------------------------------


def test_missing_file_is_an_empty_store_and_is_not_created_by_reading(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "annotations.json"
    store = AnnotationStore(path)
    assert (store.problem, store.read_only, store.all(), store.tags()) == (None, False, [], [])
    assert not path.parent.exists()


def test_first_write_creates_missing_directories(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "annotations.json"
    a = AnnotationStore(path).add(note())
    assert AnnotationStore(path).all() == [a]


def test_zero_byte_file_is_an_empty_store(db: Path) -> None:
    db.write_bytes(b"")
    store = AnnotationStore(db)
    assert (store.problem, store.all()) == (None, [])
    a = store.add(note())
    assert AnnotationStore(db).all() == [a]


def test_file_records_format_and_schema_version(db: Path) -> None:
    a = AnnotationStore(db).add(note())
    data = json.loads(db.read_text())
    assert data["_meta"] == {"1": {"format": "byline.annotations", "schema_version": 1}}
    assert data["annotations"] == {a.id: a.to_dict()}


def test_add_get_all_round_trip_every_field(db: Path) -> None:
    store = AnnotationStore(db)
    a = store.add(note(kind="quote", colour="blue", note="line one\nline two", tags=["x", "y"], speaker="The mayor"))
    fresh = AnnotationStore(db)
    assert fresh.get(a.id) == a
    assert fresh.all() == [a]
    assert fresh.get("no-such-id") is None


def test_adding_a_taken_id_is_refused(db: Path) -> None:
    store = AnnotationStore(db)
    a = store.add(note())
    with pytest.raises(StoreError, match="already exists"):
        store.add(dataclasses.replace(note(start=20, end=30), id=a.id))
    assert store.all() == [a]


def test_for_article_returns_only_that_article_in_body_order(db: Path) -> None:
    store = AnnotationStore(db)
    late = store.add(note(start=30, end=40))
    store.add(note("article-2"))
    early = store.add(note(start=0, end=3))
    assert store.for_article("article-1") == [early, late]
    assert store.for_article("nothing") == []


def test_tags_are_unique_and_sorted_for_completion(db: Path) -> None:
    store = AnnotationStore(db)
    store.add(note(tags=["nato", "Budget"]))
    store.add(note(start=10, end=12, tags=["nato", "ukraine", "alpha"]))
    assert store.tags() == ["alpha", "Budget", "nato", "ukraine"]


def test_update_changes_fields_and_keeps_identity(db: Path) -> None:
    store = AnnotationStore(db)
    a = store.add(note())
    b = store.update(a.id, note="rewritten", tags=["t"], colour="green")
    assert (b.id, b.created, b.selector) == (a.id, a.created, a.selector)
    assert (b.note, b.tags, b.colour) == ("rewritten", ("t",), "green")
    assert AnnotationStore(db).get(a.id) == b


def test_bad_update_changes_nothing(db: Path) -> None:
    store = AnnotationStore(db)
    a = store.add(note())
    before = db.read_bytes()
    with pytest.raises(TypeError):
        store.update(a.id, id="hijack")
    with pytest.raises(ValueError):
        store.update(a.id, colour="mauve")
    with pytest.raises(KeyError):
        store.update("missing", note="x")
    assert store.all() == [a]
    assert json.loads(db.read_bytes()) == json.loads(before)


def test_delete_returns_the_annotation_and_restore_puts_it_back_unchanged(db: Path) -> None:
    store = AnnotationStore(db)
    a = store.add(note(note="keep me"))
    removed = store.delete(a.id)
    assert removed == a and store.all() == []
    assert store.restore(removed) == a
    store.restore(removed)  # undo twice: still one copy
    assert AnnotationStore(db).all() == [a]
    with pytest.raises(KeyError):
        store.delete("missing")


def test_add_many_skips_duplicates_by_id_and_by_content(db: Path) -> None:
    store = AnnotationStore(db)
    existing = store.add(note(note="n"))
    same_id = existing.edited(note="different text")
    same_content = note(note="n")  # new id, same article + text + start + note
    new = note(start=20, end=25)
    new_twice = dataclasses.replace(new, id="0" * 32)
    added, duplicates = store.add_many([same_id, same_content, new, new_twice])
    assert added == [new]
    assert duplicates == [same_id, same_content, new_twice]
    assert {a.id for a in store.all()} == {existing.id, new.id}


def test_orphans_are_kept(db: Path) -> None:
    store = AnnotationStore(db)
    a = store.add(note())
    assert reanchor(a, "A completely different article.").status == "orphan"
    store.add(note(start=20, end=30))
    assert a in AnnotationStore(db).all()


def test_two_stores_on_one_file_in_one_process_see_each_others_writes(db: Path) -> None:
    first, second = AnnotationStore(db), AnnotationStore(db)
    a = first.add(note())
    b = second.add(note(start=10, end=20))
    c = first.add(note(start=20, end=30))
    second.update(a.id, note="edited elsewhere")
    assert {x.id for x in first.all()} == {a.id, b.id, c.id}
    assert first.get(a.id).note == "edited elsewhere"  # type: ignore[union-attr]


def test_unreadable_records_are_skipped_and_left_untouched(db: Path) -> None:
    store = AnnotationStore(db)
    good = store.add(note())
    data = json.loads(db.read_text())
    data["annotations"]["bad"] = {"id": "bad", "note": "no selector"}
    db.write_text(json.dumps(data))
    assert store.all() == [good]
    assert store.skipped == ("bad",)
    store.add(note(start=10, end=20))
    assert json.loads(db.read_text())["annotations"]["bad"] == {"id": "bad", "note": "no selector"}


# --- durability and locking ----------------------------------------------------------------


def test_add_writes_a_synced_temp_file_renames_it_and_syncs_the_directory(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = AnnotationStore(db)
    store.add(note())  # the directory and file exist from here on
    events: list[tuple[object, ...]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", "dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"))
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        temp = Path(src)
        events.append(("replace", temp.parent == db.parent and temp.name.endswith(TEMP_SUFFIX), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store.add(note(start=10, end=20))
    assert events == [("fsync", "file"), ("replace", True, db), ("fsync", "dir")]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = AnnotationStore(db)
    a = store.add(note())
    before = db.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(StoreError, match="cannot write annotations"):
        store.add(note(start=10, end=20))
    monkeypatch.undo()
    assert db.read_bytes() == before
    assert [p.name for p in db.parent.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []
    assert store.all() == [a]


def test_writes_wait_for_the_inter_process_lock(db: Path) -> None:
    store = AnnotationStore(db)
    store.add(note())
    fd = os.open(lock_path(db), os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as another process would hold it
    writer = threading.Thread(target=store.add, args=(note(start=10, end=20),))
    try:
        writer.start()
        writer.join(0.5)
        assert writer.is_alive()
        assert len(AnnotationStore(db).all()) == 1
    finally:
        os.close(fd)  # releases the lock
    writer.join(5)
    assert not writer.is_alive()
    assert len(AnnotationStore(db).all()) == 2


def test_file_permissions_survive_a_rewrite(db: Path) -> None:
    store = AnnotationStore(db)
    store.add(note())
    db.chmod(0o640)
    store.add(note(start=10, end=20))
    assert stat.S_IMODE(db.stat().st_mode) == 0o640


def test_stray_temp_files_are_removed_at_start_and_nothing_else(db: Path) -> None:
    AnnotationStore(db).add(note())
    stray = db.parent / f".{db.name}.k1ll3d{TEMP_SUFFIX}"
    other_db_temp = db.parent / f".other.json.abc{TEMP_SUFFIX}"
    unrelated = [db.parent / f".{db.name}.swp", db.parent / "notes.txt", other_db_temp]
    for path in (stray, *unrelated):
        path.write_text("partial")
    AnnotationStore(db)
    assert not stray.exists()
    assert all(path.exists() for path in unrelated)


# --- damaged and foreign files -------------------------------------------------------------


def _valid_file_cut_in_half(path: Path) -> bytes:
    AnnotationStore(path).add(note(note="a long note " * 20))
    return path.read_bytes()[: len(path.read_bytes()) // 2]


BAD_FILES: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "invalid JSON": (lambda p: b'{"annotations": {]}', "not valid JSON: .* at line 1, column 18"),
    "truncated": (_valid_file_cut_in_half, r"not valid JSON: .*line 1, column \d+ \(the file looks truncated\)"),
    "whitespace only": (lambda p: b"  \n\n ", r"not valid JSON: .*line 3, column 2 \(the file looks truncated\)"),
    "NUL bytes": (lambda p: b"\x00" * 64, "not valid JSON: .* at line 1, column 1"),
    "binary garbage": (lambda p: b'{"a": "\xff\xfe"}', "not UTF-8 text: a bad byte at line 1, column 8"),
    "a JSON array": (lambda p: b"[1, 2, 3]", "not a Byline annotations file: the top level is an array"),
    "a JSON string": (lambda p: b'"hello"', "the top level is a string"),
    "an empty object": (lambda p: b"{}", r"no '_meta' record \(top-level keys: none\)"),
    "another app's TinyDB": (lambda p: b'{"_default": {"1": {"x": 1}}}', "no '_meta' record .*'_default'"),
    "a newer schema": (
        lambda p: json.dumps(
            {"_meta": {"1": {"format": "byline.annotations", "schema_version": 7}}, "annotations": {}}
        ).encode(),
        r"written by a newer Byline \(schema version 7; this version reads up to 1\)",
    ),
    "a broken table": (
        lambda p: json.dumps(
            {"_meta": {"1": {"format": "byline.annotations", "schema_version": 1}}, "annotations": [1, 2]}
        ).encode(),
        "table 'annotations' is not an object of records",
    ),
}


@pytest.fixture(params=list(BAD_FILES))
def bad_db(request: pytest.FixtureRequest, db: Path) -> tuple[Path, bytes, str]:
    make, message = BAD_FILES[request.param]
    content = make(db)
    db.write_bytes(content)
    return db, content, message


def test_bad_file_is_reported_with_path_and_what_is_wrong(bad_db: tuple[Path, bytes, str]) -> None:
    path, _, message = bad_db
    store = AnnotationStore(path)
    assert store.read_only
    assert store.problem is not None and store.problem.startswith(f"{path}: ")
    assert re.search(message, store.problem), store.problem


def test_bad_file_makes_every_write_fail_and_stays_byte_identical(bad_db: tuple[Path, bytes, str]) -> None:
    path, content, _ = bad_db
    store = AnnotationStore(path)
    a = note()
    writes: list[Callable[[], object]] = [
        lambda: store.add(a),
        lambda: store.add_many([a]),
        lambda: store.update(a.id, note="x"),
        lambda: store.delete(a.id),
        lambda: store.restore(a),
    ]
    for write in writes:
        with pytest.raises(StoreReadOnly, match="read-only"):
            write()
    assert store.all() == [] and store.get(a.id) is None and store.tags() == []
    assert path.read_bytes() == content


def test_backup_moves_a_bad_file_aside_and_a_fresh_store_works(bad_db: tuple[Path, bytes, str]) -> None:
    path, content, _ = bad_db
    backup = backup_damaged(path)
    assert backup.parent == path.parent
    assert re.fullmatch(r"annotations\.json\.corrupt-\d{8}T\d{6}Z", backup.name)
    assert backup.read_bytes() == content and not path.exists()
    store = AnnotationStore(path)
    assert store.problem is None
    a = store.add(note())
    assert AnnotationStore(path).all() == [a]


def test_two_backups_in_one_second_do_not_overwrite_each_other(db: Path) -> None:
    db.write_bytes(b"garbage one")
    first = backup_damaged(db)
    db.write_bytes(b"garbage two")
    second = backup_damaged(db)
    assert first != second
    assert (first.read_bytes(), second.read_bytes()) == (b"garbage one", b"garbage two")


@pytest.mark.parametrize("content", [None, b"", "healthy"])
def test_backup_refuses_missing_empty_or_healthy_files(db: Path, content: bytes | str | None) -> None:
    if content == "healthy":
        AnnotationStore(db).add(note())
    elif content is not None:
        db.write_bytes(content)
    before = db.read_bytes() if db.exists() else None
    with pytest.raises(StoreError, match="nothing to back up"):
        backup_damaged(db)
    assert (db.read_bytes() if db.exists() else None) == before


def test_newer_schema_is_read_but_never_written(db: Path) -> None:
    a = note()
    content = json.dumps(
        {
            "_meta": {"1": {"format": "byline.annotations", "schema_version": 2}},
            "annotations": {a.id: {**a.to_dict(), "new_field": 1}},
        }
    ).encode()
    db.write_bytes(content)
    store = AnnotationStore(db)
    assert store.read_only and "newer Byline" in (store.problem or "")
    assert store.all() == [a]
    with pytest.raises(StoreReadOnly):
        store.update(a.id, note="x")
    assert db.read_bytes() == content


def test_file_damaged_after_opening_is_not_overwritten(db: Path) -> None:
    store = AnnotationStore(db)
    store.add(note())
    db.write_bytes(b'{"truncat')
    with pytest.raises(StoreReadOnly, match="not valid JSON"):
        store.add(note(start=10, end=20))
    assert db.read_bytes() == b'{"truncat'
    assert store.read_only and store.all() == []


def test_unreadable_file_is_reported_not_overwritten(db: Path) -> None:
    AnnotationStore(db).add(note())
    content = db.read_bytes()
    db.chmod(0)
    try:
        if os.access(db, os.R_OK):
            pytest.skip("running with privileges that ignore file permissions")
        store = AnnotationStore(db)
        assert "cannot be read (Permission denied)" in (store.problem or "")
        with pytest.raises(StoreReadOnly):
            store.add(note(start=10, end=20))
    finally:
        db.chmod(0o600)
    assert db.read_bytes() == content
