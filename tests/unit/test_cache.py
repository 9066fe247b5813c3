"""The library cache: hits, misses, changed, added and deleted files, and every kind of bad
cache file (rejected and rebuilt, never trusted, never a crash)."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tui.core.library import cache as cache_mod
from tui.core.library import indexer as indexer_mod
from tui.core.library.cache import MAGIC, SHARDS, LibraryCache, cache_root
from tui.core.library.indexer import Indexer
from tui.core.library.library import Library

TEXT = '---\ntitle: {title}\ndate: 2024-05-0{day}\n---\n"We will win," said Jane Roe, the mayor.\n'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small library of a few front-matter articles and two seed articles."""
    root = tmp_path / "lib"
    root.mkdir()
    for day, title in enumerate(("Alpha", "Beta", "Gamma"), start=1):
        (root / f"{title.lower()}.md").write_text(TEXT.format(title=title, day=day), encoding="utf-8")
    for seed in sorted((SEEDS / "us-congress-press-releases").glob("*.md"))[:2]:
        shutil.copy(seed, root / seed.name)
    return root


class Calls:
    """Counts the files the indexer reads and the articles it analyses."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read: list[str] = []
        self.analysed = 0
        real_index, real_analyse = indexer_mod.index_file, indexer_mod.analyse

        def index_file(path: str, known: bytes | None = None, **kw: object):  # type: ignore[no-untyped-def]
            self.read.append(Path(path).name)
            return real_index(path, known, **kw)  # type: ignore[arg-type]

        def analyse(article):  # type: ignore[no-untyped-def]
            self.analysed += 1
            return real_analyse(article)

        monkeypatch.setattr(indexer_mod, "index_file", index_file)
        monkeypatch.setattr(indexer_mod, "analyse", analyse)


def sync(root: Path) -> Library:
    return Indexer([root], cache=LibraryCache([root]), jobs=1).sync()


def age(path: Path, seconds: int = 3600) -> None:
    """Make a file look modified an hour ago (not 'racily clean')."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


def summary(library: Library) -> list[tuple]:
    return [
        (
            a.id,
            a.title,
            a.date,
            a.body,
            library.entry(a.id).extraction,  # type: ignore[union-attr]
            library.entry(a.id).caption_people,
            library.entry(a.id).speech_count,  # type: ignore[union-attr]
            library.entry(a.id).people_count,
        )
        for a in library.articles
    ]  # type: ignore[union-attr]


def aged_library(folder: Path) -> Path:
    for path in folder.iterdir():
        age(path)
    return folder


def test_cached_library_equals_a_fresh_load(folder: Path) -> None:
    aged_library(folder)
    first = sync(folder)
    second = sync(folder)
    expected = Library.open([folder])
    assert summary(first) == summary(expected)
    assert summary(second) == summary(expected)
    assert second.get("alpha").path == folder / "alpha.md"  # type: ignore[union-attr]


def test_a_warm_open_reads_no_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sync(aged_library(folder))
    calls = Calls(monkeypatch)
    library = sync(folder)
    assert calls.read == [] and calls.analysed == 0
    assert len(library) == 5


def test_only_a_changed_file_is_read_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sync(aged_library(folder))
    (folder / "beta.md").write_text(TEXT.format(title="Beta, revised", day=2), encoding="utf-8")
    calls = Calls(monkeypatch)
    library = sync(folder)
    assert calls.read == ["beta.md"] and calls.analysed == 1
    assert library.get("beta").title == "Beta, revised"  # type: ignore[union-attr]


def test_a_touched_file_is_hashed_not_analysed(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sync(aged_library(folder))
    age(folder / "gamma.md", 60)  # new mtime, same bytes
    calls = Calls(monkeypatch)
    sync(folder)
    assert calls.read == ["gamma.md"] and calls.analysed == 0
    calls.read.clear()
    sync(folder)
    assert calls.read == [], "the new mtime was saved"


def test_added_and_deleted_files_are_picked_up(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sync(aged_library(folder))
    (folder / "alpha.md").unlink()
    (folder / "delta.md").write_text(TEXT.format(title="Delta", day=4), encoding="utf-8")
    calls = Calls(monkeypatch)
    library = sync(folder)
    assert calls.read == ["delta.md"]
    assert library.get("alpha") is None and library.get("delta") is not None
    assert sorted(LibraryCache([folder]).load()) == sorted(str(p) for p in folder.iterdir())


def test_same_size_and_mtime_but_new_bytes_is_caught(folder: Path) -> None:
    path = folder / "alpha.md"
    sync(folder)  # just written: the record is racily clean
    before = path.stat()
    path.write_text(TEXT.format(title="Omega", day=1), encoding="utf-8")  # same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert sync(folder).get("alpha").title == "Omega"  # type: ignore[union-attr]


def test_skipped_files_are_cached_with_their_problems(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "empty.md").write_text("", encoding="utf-8")
    sync(aged_library(folder))
    calls = Calls(monkeypatch)
    library = sync(folder)
    assert calls.read == []
    assert [(p.path.name, p.message) for p in library.errors] == [("empty.md", "empty file; skipped")]


def test_duplicate_stems_get_the_same_ids_as_a_fresh_load(folder: Path) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "alpha.txt").write_text("Another alpha\n\nBody text here.\n", encoding="utf-8")
    (folder / "alpha-2.md").write_text("# Alpha two\n\nIts own stem is what a suffix would make.\n", encoding="utf-8")
    aged_library(folder)
    sync(folder)
    assert summary(sync(folder)) == summary(Library.open([folder]))


def shard_files(folder: Path) -> list[Path]:
    return sorted(LibraryCache([folder]).folder.glob("shard-*.bin"))


def damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-7])


def damage_garbage(path: Path) -> None:
    path.write_bytes(os.urandom(300))


def damage_flip(path: Path) -> None:
    """One bit of rot in the metadata (the details are checked when decoded: see below)."""
    data = bytearray(path.read_bytes())
    data[len(MAGIC) + cache_mod._HEADER.size + 40] ^= 0x01
    path.write_bytes(bytes(data))


def damage_version(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(MAGIC)] += 1  # the format number, little-endian
    path.write_bytes(bytes(data))


class Boom:
    """Unpickled naively, this runs a shell command that leaves a ``.pwned`` file."""

    def __init__(self, path: Path) -> None:
        self.marker = path.with_suffix(".pwned")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return os.system, (f"touch '{self.marker}'",)


def damage_code(path: Path, rows: object = None) -> None:
    """A well-formed shard whose payload would run code if it were unpickled naively."""
    payload = pickle.dumps((cache_mod.code_stamp(), (), Boom(path) if rows is None else rows), protocol=5)
    header = MAGIC + cache_mod._HEADER.pack(cache_mod.FORMAT, len(payload), cache_mod.zlib.crc32(payload), 0)
    path.write_bytes(header + payload)


def damage_code_in_rows(path: Path) -> None:
    """The same, one level down: in a piece of the rows (each piece is unpickled apart)."""
    damage_code(path, [pickle.dumps([Boom(path)], protocol=5)])


def damage_stamp(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_mod, "code_stamp", lambda: "another version")


@pytest.mark.parametrize(
    "damage",
    [
        damage_truncate,
        damage_garbage,
        damage_flip,
        damage_version,
        damage_code,
        damage_code_in_rows,
        damage_stamp,
        Path.unlink,
    ],
)
def test_a_bad_shard_is_rejected_and_rebuilt(folder: Path, damage, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    aged_library(folder)
    expected = summary(sync(folder))
    shards = shard_files(folder)
    assert shards
    for shard in shards:
        if damage is damage_stamp:
            damage(shard, monkeypatch)
        else:
            damage(shard)
    cache = LibraryCache([folder])
    assert cache.load() == {}
    assert not list(shards[0].parent.glob("*.pwned")), "no code in a shard ever runs"
    if damage is not Path.unlink:
        assert len(cache.rejected) == len(shards)
    assert summary(sync(folder)) == expected
    rebuilt = LibraryCache([folder])
    assert len(rebuilt.load()) == 5 and rebuilt.rejected == {}


def test_a_damaged_detail_is_made_again_from_the_file(folder: Path) -> None:
    aged_library(folder)
    expected = summary(sync(folder))
    for shard in shard_files(folder):
        data = bytearray(shard.read_bytes())
        data[-5] ^= 0xFF  # inside the last record's compressed body and extraction
        shard.write_bytes(bytes(data))
    assert summary(sync(folder)) == expected


def test_a_cache_of_other_roots_is_not_used(folder: Path, tmp_path: Path) -> None:
    sync(aged_library(folder))
    other = tmp_path / "other"
    other.mkdir()
    cache = LibraryCache([other])
    for shard in shard_files(folder):
        shutil.copy(shard, cache.folder / shard.name if cache.folder.is_dir() else _mkdir(cache.folder) / shard.name)
    assert cache.load() == {} and cache.rejected


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def test_a_failed_write_leaves_the_old_shard(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sync(aged_library(folder))
    before = {p.name: p.read_bytes() for p in shard_files(folder)}

    def killed(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # the process dies between writing and renaming

    monkeypatch.setattr(cache_mod.os, "replace", killed)
    cache = LibraryCache([folder])
    with pytest.raises(KeyboardInterrupt):
        cache.save(cache.load().values())
    assert {p.name: p.read_bytes() for p in shard_files(folder)} == before
    assert list(cache.folder.glob("*.tmp")) == []


def test_no_cache_writes_nothing(folder: Path) -> None:
    library = Indexer([folder], cache=None, jobs=1).sync()
    assert summary(library) == summary(Library.open([folder]))
    assert not cache_root().exists()


def test_info_and_clear(folder: Path) -> None:
    sync(folder)
    info = cache_mod.info()
    assert (info.path, info.libraries, info.entries) == (cache_root(), 1, 5)
    assert info.size > 0
    assert cache_mod.clear() == info.size
    assert cache_mod.info().entries == 0 and not cache_root().exists()


def test_shards_spread_files(folder: Path) -> None:
    sync(folder)
    assert 1 < len(shard_files(folder)) <= SHARDS


def test_a_file_that_no_longer_loads_leaves_the_library(folder: Path) -> None:
    sync(aged_library(folder))
    (folder / "beta.md").write_bytes(b"")
    indexer = Indexer([folder], cache=LibraryCache([folder]), jobs=1)
    indexer.restore()
    plan = indexer.plan()
    indexer.begin(plan)
    changes = [indexer.apply(batch) for batch in indexer.run(plan)]
    indexer.finish()
    assert changes == [([], ["beta"])]
    assert indexer.library.get("beta") is None
    assert [(p.path.name, p.message) for p in indexer.library.errors] == [("beta.md", "empty file; skipped")]
