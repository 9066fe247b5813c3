"""The search index saved in the library cache: warm answers like cold, follows added, changed
and removed articles and changed notes, and every kind of bad file is rebuilt, never trusted."""

from __future__ import annotations

import os
import pickle
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tui.core.library import derived
from tui.core.library.cache import LibraryCache
from tui.core.library.indexer import Indexer
from tui.core.library.library import Library
from tui.core.notes.notebook import Notebook
from tui.core.notes.store import AnnotationStore
from tui.core.search import index_store
from tui.core.search.index_store import CHANGES, WHOLE
from tui.core.search.library_index import LibraryIndex

TEXT = '---\ntitle: {title}\ndate: 2024-05-0{day}\n---\n"We will {verb}," said Jane Roe, the mayor of {town}.\n'
QUERIES = ("mayor", "jane roe win", "@roe", "kind:quote", "kind:person roe", "budget", "veterans", "quokka")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small library: three front-matter articles and a few seed articles."""
    folder = tmp_path / "lib"
    folder.mkdir()
    for day, (title, town) in enumerate((("Alpha", "Avalon"), ("Beta", "Brigadoon"), ("Gamma", "Camelot")), 1):
        write(folder, title, day, town)
    for seed in sorted((SEEDS / "us-congress-press-releases").glob("*.md"))[:4]:
        shutil.copy(seed, folder / seed.name)
    return folder


def write(folder: Path, title: str, day: int, town: str, verb: str = "win") -> None:
    path = folder / f"{title.lower()}.md"
    path.write_text(TEXT.format(title=title, day=day, town=town, verb=verb), encoding="utf-8")
    os.utime(path, (1_700_000_000 + day, 1_700_000_000 + day))  # not racily clean


def sync(root: Path) -> tuple[Library, Path]:
    cache = LibraryCache([root])
    return Indexer([root], cache=cache, jobs=1).sync(), cache.folder


def answers(index: LibraryIndex, queries: tuple[str, ...] = QUERIES) -> list[list[tuple[object, ...]]]:
    return [[(r.doc, r.score, r.match_spans) for r in index.search(q, 20)] for q in queries]


def opened(library: Library, folder: Path, notebook: Notebook | None = None) -> tuple[LibraryIndex, int]:
    """The saved index caught up with the library; and how many articles that re-indexed."""
    index = LibraryIndex(notebook, folder)
    count = index.catch_up(library.entries())
    index.save()
    return index, count


def test_a_warm_index_answers_exactly_like_a_cold_one(root: Path) -> None:
    library, folder = sync(root)
    cold = LibraryIndex.of(library, folder=folder)
    assert (folder / WHOLE).is_file() and not cold.rejected
    warm, count = opened(library, folder)
    assert count == 0 and answers(warm) == answers(cold) == answers(LibraryIndex.of(library))
    assert any(answers(warm))


def test_added_changed_and_removed_articles_are_caught_up(root: Path) -> None:
    library, folder = sync(root)
    LibraryIndex.of(library, folder=folder)
    write(root, "Delta", 4, "Lyonesse")  # added
    write(root, "Alpha", 1, "Avalon", verb="prevail")  # changed
    (root / "beta.md").unlink()  # removed
    library, _ = sync(root)
    warm, count = opened(library, folder)
    assert count == 2
    assert {r.article_id for r in warm.search("lyonesse")} == {"delta"}
    assert warm.search("brigadoon") == []
    assert {r.article_id for r in warm.search('"will prevail"')} == {"alpha"}
    assert all(r.article_id != "alpha" for r in warm.search('"will win"'))
    assert (folder / CHANGES).is_file(), "a small change is saved as changes"
    again, count = opened(library, folder)
    assert count == 0 and answers(again) == answers(warm)


def test_notes_added_edited_and_deleted_are_caught_up(root: Path, tmp_path: Path) -> None:
    library, folder = sync(root)
    notebook = Notebook(AnnotationStore(tmp_path / "notes.json"), library)
    LibraryIndex.of(library, notebook, folder=folder)
    article = library.get("gamma")
    start = article.body.index("Camelot")
    note = notebook.annotate(article, start, start + 7, note="zanzibar meeting", tags=("travel",))
    warm, count = opened(library, folder, notebook)
    assert count == 0
    [found] = warm.search("zanzibar #travel")
    assert found.kind == "note" and found.span == (start, start + 7)
    notebook.store.update(note.id, note="kilimanjaro trip")
    warm, _ = opened(library, folder, notebook)
    assert warm.search("zanzibar kind:note") == [] and len(warm.search("kilimanjaro")) == 1
    notebook.store.delete(note.id)
    warm, _ = opened(library, folder, notebook)
    assert warm.search("kilimanjaro") == []


def test_saving_whole_again_after_big_changes_keeps_answers(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library, folder = sync(root)
    LibraryIndex.of(library, folder=folder)
    monkeypatch.setattr(index_store, "MAX_CHANGES", 0)
    write(root, "Alpha", 1, "Avalon", verb="prevail")
    library, _ = sync(root)
    warm, count = opened(library, folder)
    assert count == 1 and not (folder / CHANGES).exists(), "saved whole"
    again, count = opened(library, folder)
    assert count == 0 and answers(again) == answers(warm) == answers(LibraryIndex.of(library))


def replace(path: Path, data: bytes) -> None:
    """Put other bytes at ``path`` as a new file (one mapped by an index stays whole: a file
    cut short under a mapping would fault its reader)."""
    temp = path.with_suffix(".new")
    temp.write_bytes(data)
    temp.replace(path)


def damage_truncate(path: Path) -> None:
    replace(path, path.read_bytes()[: path.stat().st_size // 2])


def damage_head(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-60] ^= 0xFF  # inside the head, just before the footer
    replace(path, bytes(data))


def damage_foreign(path: Path) -> None:
    replace(path, b"PK\x03\x04 certainly not an index" * 100)


def damage_other_kind(path: Path) -> None:
    derived.write_derived(path, "something-else", index_store.index_stamp(), {}, {})


@pytest.mark.parametrize("damage", [damage_truncate, damage_head, damage_foreign, damage_other_kind])
def test_a_bad_index_file_is_rejected_and_rebuilt(root: Path, damage) -> None:  # type: ignore[no-untyped-def]
    library, folder = sync(root)
    cold = LibraryIndex.of(library, folder=folder)
    damage(folder / WHOLE)
    warm, count = opened(library, folder)
    assert warm.rejected and count == len(library)
    assert answers(warm) == answers(cold)
    assert not opened(library, folder)[0].rejected, "the rebuilt index is saved"


def test_a_flipped_byte_in_the_postings_is_found_while_searching(root: Path) -> None:
    library, folder = sync(root)
    cold = LibraryIndex.of(library, folder=folder)
    data = bytearray((folder / WHOLE).read_bytes())
    start, length = _section(folder / WHOLE, "postings.items")
    for at in range(start + 3, start + length, derived.BLOCK):  # a bit of every block
        data[at] ^= 0x40
    replace(folder / WHOLE, bytes(data))
    warm, count = opened(library, folder)
    assert count == 0 and not warm.rejected, "the head is whole: the damage is found when read"
    told: list[bool] = []
    warm.on_damaged = lambda: told.append(True)
    for query in QUERIES:
        warm.search(query)
    assert told == [True] and warm.damaged and "damaged" in warm.rejected
    assert not (folder / WHOLE).exists(), "a damaged index is dropped"
    warm.catch_up(library.entries())
    assert answers(warm) == answers(cold)


def _section(path: Path, name: str) -> tuple[int, int]:
    data = path.read_bytes()
    footer = struct.Struct("<IQQI")
    _, head_at, head_length, _ = footer.unpack_from(data, len(data) - footer.size - len(derived.MAGIC))
    _, _, _, table = pickle.loads(data[head_at : head_at + head_length])
    return next((at, length) for section, at, length, _ in table if section == name)


class Planted:
    """A pickle that would run a command when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_that_would_run_a_command_never_runs(root: Path, tmp_path: Path) -> None:
    library, folder = sync(root)
    cold = LibraryIndex.of(library, folder=folder)
    marker = tmp_path / "pwned"
    head = pickle.dumps(Planted(marker))
    path = folder / WHOLE
    footer = struct.pack("<IQQI", derived.FORMAT, len(derived.MAGIC), len(head), zlib.crc32(head))
    replace(path, derived.MAGIC + head + footer + derived.MAGIC)
    warm, count = opened(library, folder)
    assert "not plain data" in warm.rejected and count == len(library)
    assert not marker.exists()
    assert answers(warm) == answers(cold)


def test_an_index_of_another_version_is_rebuilt(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library, folder = sync(root)
    cold = LibraryIndex.of(library, folder=folder)
    monkeypatch.setattr(index_store, "index_stamp", lambda: "another version")
    warm, count = opened(library, folder)
    assert "another version of Byline" in warm.rejected and count == len(library)
    assert answers(warm) == answers(cold)


def test_a_bad_changes_file_is_dropped_and_the_whole_one_caught_up(root: Path) -> None:
    library, folder = sync(root)
    LibraryIndex.of(library, folder=folder)
    write(root, "Alpha", 1, "Avalon", verb="prevail")
    library, _ = sync(root)
    opened(library, folder)
    damage_head(folder / CHANGES)
    warm, count = opened(library, folder)
    assert CHANGES in warm.rejected and count == 1
    assert {r.article_id for r in warm.search('"will prevail"')} == {"alpha"}
