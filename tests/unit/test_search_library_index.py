"""LibraryIndex: a library's entries and their notes in one index, kept in step with changes."""

from __future__ import annotations

import threading
from pathlib import Path

from tests.conftest import SEED_ID, SEEDS
from tui.core.library.library import Library
from tui.core.notes.notebook import Notebook
from tui.core.notes.store import AnnotationStore
from tui.core.search.library_index import LibraryIndex


def setup(tmp_path: Path) -> tuple[Library, Notebook, LibraryIndex]:
    library = Library.open([SEEDS])
    notebook = Notebook(AnnotationStore(tmp_path / "notes.json"), library)
    return library, notebook, LibraryIndex(notebook)


def test_entries_and_their_notes_are_indexed_and_reindexing_does_not_duplicate(tmp_path: Path) -> None:
    library, notebook, index = setup(tmp_path)
    article = library.get(SEED_ID)
    start = article.body.index("Brussels")
    notebook.annotate(article, start, start + 8, note="zanzibar")
    assert index.add_entries(library.entries()) == len(library)
    size = len(index)
    [note] = index.search("zanzibar")
    assert note.kind == "note" and note.span == (start, start + 8)
    index.add_entries([library.entry(SEED_ID)])
    assert len(index) == size and len(index.search("zanzibar")) == 1


def test_refresh_notes_follows_edits_and_deletes(tmp_path: Path) -> None:
    library, notebook, index = setup(tmp_path)
    index.add_entries(library.entries())
    article = library.get(SEED_ID)
    added = notebook.annotate(article, 0, 4, note="first thought")
    index.refresh_notes(SEED_ID)
    assert [r.doc.ref for r in index.search("thought kind:note")] == [added.id]
    notebook.store.update(added.id, note="second idea")
    index.refresh_notes(SEED_ID)
    assert index.search("thought kind:note") == [] and len(index.search("idea kind:note")) == 1
    notebook.store.delete(added.id)
    index.refresh_notes(SEED_ID)
    assert index.search("idea kind:note") == []


def test_removed_articles_are_not_found(tmp_path: Path) -> None:
    library, _, index = setup(tmp_path)
    index.add_entries(library.entries())
    assert any(r.article_id == SEED_ID for r in index.search("rutte consensus"))
    index.remove_articles([SEED_ID])
    assert all(r.article_id != SEED_ID for r in index.search("rutte consensus"))


def test_adding_stops_when_cancelled(tmp_path: Path) -> None:
    library, _, index = setup(tmp_path)
    asked = iter(range(len(library)))
    assert index.add_entries(library.entries(), lambda: next(asked) == 3) == 3


def test_a_search_cancelled_while_it_waited_returns_nothing(tmp_path: Path) -> None:
    library, _, index = setup(tmp_path)
    index.add_entries(library.entries())
    assert index.search("rutte consensus") and index.check("no consensus on Ukraine")
    assert index.search("rutte consensus", cancelled=lambda: True) == []
    assert index.check("no consensus on Ukraine", cancelled=lambda: True) == []


def test_searching_from_another_thread_while_adding_is_safe(tmp_path: Path) -> None:
    library, _, index = setup(tmp_path)
    entries = list(library.entries())
    errors: list[BaseException] = []

    def search_while_adding() -> None:
        try:
            while not done.is_set():
                index.search("nato consensus")
        except BaseException as exc:
            errors.append(exc)

    done = threading.Event()
    searcher = threading.Thread(target=search_while_adding)
    searcher.start()
    index.add_entries(entries)
    done.set()
    searcher.join()
    assert errors == []
    assert any(r.article_id == SEED_ID for r in index.search("rutte consensus"))
