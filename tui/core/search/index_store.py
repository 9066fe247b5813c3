"""The search index kept in a library's cache folder, beside the shards of its records.

Two derived files (:mod:`tui.core.library.derived`): ``search-index.bin``, the index saved
whole (:mod:`~tui.core.search.index_file`), and ``search-changes.bin``, what changed since
it was saved: the docs killed in it and the batches added since, as plain tuples. A small
change rewrites only the changes; once they pass :data:`MAX_CHANGES` docs, the index is
saved whole again and the changes file removed. Both carry the library's state
they hold (per article the hash of its file and the annotations indexed with it), so
whoever opens them brings them up to date with the library by what differs.

Both are stamped with :func:`index_stamp` (the cache's code stamp, for what records hold,
and the sources of the modules that make and store docs); the changes file also names the
whole file it follows. Anything that fails a check is not used: a whole file that fails is
rebuilt from the library, a changes file that fails is dropped (the library state saved in
the whole file is caught up with instead).
"""

from __future__ import annotations

import hashlib
import uuid
from array import array
from collections.abc import Hashable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

from tui.core.durable import TEMP_SUFFIX
from tui.core.library import derived
from tui.core.library.cache import code_stamp
from tui.core.library.derived import DerivedFile, open_derived, write_derived
from tui.core.search import columns, docs, index_file, postings, terms, text
from tui.core.search.columns import DEAD
from tui.core.search.docs import KINDS, Doc
from tui.core.search.index import SearchIndex

WHOLE = "search-index.bin"
CHANGES = "search-changes.bin"
CHANGES_KIND = "search-changes"
MAX_CHANGES = 20_000
"""Changes touching more docs than this (about 1,000 articles) are saved as a new whole
file: opening replays the changes, and replaying 20k docs takes a few tenths of a second."""

Key = bytes
"""What an article's docs are made from: the hash of its file's bytes."""
Notes = tuple[tuple[str, str], ...]
"""The annotations indexed with an article: (id, updated) each, sorted."""


@cache
def index_stamp() -> str:
    """A fingerprint of the code whose output a saved index holds."""
    digest = hashlib.sha1(code_stamp().encode(), usedforsecurity=False)
    for module in (docs, text, columns, terms, postings, index_file, derived):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


@dataclass
class Opened:
    """A saved index brought back: the index and the library state it holds."""

    index: SearchIndex
    keys: dict[str, Key] = field(default_factory=dict)
    notes: dict[str, Notes] = field(default_factory=dict)
    rejected: str = ""
    """Why the saved files (or the changes file) were not used, if they were not."""


class IndexStore:
    """The saved search index of one library's cache folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._whole: DerivedFile | None = None
        self._generation = ""  # names the whole file the changes follow
        self._saved_docs = 0  # docs in the whole file
        self._touched: set[str] = set()  # articles whose state changed since the whole file

    @property
    def whole_path(self) -> Path:
        return self.folder / WHOLE

    @property
    def changes_path(self) -> Path:
        return self.folder / CHANGES

    def open(self) -> Opened:
        """The saved index, or an empty one (saying why) when there is none to trust."""
        try:
            index, meta, whole = index_file.open_index(self.whole_path, index_stamp())
            keys, notes = _state(meta)
        except FileNotFoundError:
            return Opened(SearchIndex())
        except Exception as exc:
            return Opened(SearchIndex(), rejected=f"{WHOLE}: {_reason(exc)}")
        self._whole, self._generation, self._saved_docs = whole, str(meta.get("generation")), len(index.docs)
        self._touched = set()
        opened = Opened(index, keys, notes)
        try:
            self._apply_changes(opened)
        except FileNotFoundError:
            pass
        except Exception as exc:
            opened.rejected = f"{CHANGES}: {_reason(exc)}"
        return opened

    def _apply_changes(self, opened: Opened) -> None:
        found = open_derived(self.changes_path, CHANGES_KIND, f"{index_stamp()}:{self._generation}").meta
        killed = array("I")
        killed.frombytes(found["killed"])
        if any(d >= self._saved_docs for d in killed):
            raise ValueError("kills a doc the index does not have")
        batches = [[_doc(t) for t in batch] for batch in found["batches"]]
        keys, notes = _state(found)
        opened.index.docs.kill(killed)
        for batch in batches:
            opened.index.add(batch)
        for article_id, key in keys.items():
            _put(opened.keys, article_id, key)
        for article_id, sig in notes.items():
            _put(opened.notes, article_id, sig)
        self._touched = set(keys) | set(notes)

    def touched(self, article_ids: Sequence[str]) -> None:
        """Note articles whose saved state must be rewritten at the next save."""
        self._touched.update(article_ids)

    def save(
        self, index: SearchIndex, keys: dict[str, Key], notes: dict[str, Notes], lock: AbstractContextManager[object]
    ) -> SearchIndex | None:
        """Save what changed since the whole file (or the index whole, when the changes are
        big); returns the index opened anew from a new whole file, else None. Only the
        thread that changes the index may call it; ``lock`` is held while the changes are
        read (searches read texts through a shared cache), not while a whole file is written."""
        docs = index.docs
        base = self._saved_docs if self._whole is not None else 0
        killed = _dead(docs.kind, base)
        if self._whole is not None and len(killed) + len(docs) - base <= MAX_CHANGES:
            with lock:
                self._save_changes(index, killed, keys, notes)
            return None
        generation = uuid.uuid4().hex
        meta = {"generation": generation, "keys": keys, "notes": notes}
        index_file.save_index(index, self.whole_path, index_stamp(), meta, self._whole)
        self.changes_path.unlink(missing_ok=True)
        reopened, _, whole = index_file.open_index(self.whole_path, index_stamp())
        self._whole, self._generation, self._saved_docs = whole, generation, len(reopened.docs)
        self._touched = set()
        return reopened

    def _save_changes(
        self, index: SearchIndex, killed: array[int], keys: dict[str, Key], notes: dict[str, Notes]
    ) -> None:
        docs = index.docs
        batches = []
        for batch in range(len(docs.batch_start)):
            if docs.batch_start[batch] < self._saved_docs or not docs.batch_live[batch]:
                continue
            ids = [d for d in range(docs.batch_start[batch], docs.batch_end(batch)) if docs.kind[d] != DEAD]
            texts = docs.texts(ids)
            batches.append([_plain(docs.doc(d, texts[d])) for d in ids])
        meta = {
            "killed": killed.tobytes(),
            "batches": batches,
            "keys": {a: keys.get(a) for a in self._touched},
            "notes": {a: notes.get(a) for a in self._touched},
        }
        write_derived(self.changes_path, CHANGES_KIND, f"{index_stamp()}:{self._generation}", meta, {})

    def clear(self) -> None:
        """Remove the saved files (a damaged index found while searching)."""
        for path in (self.whole_path, self.changes_path):
            path.unlink(missing_ok=True)
        self._whole, self._saved_docs, self._touched = None, 0, set()


def _dead(kind: bytearray, below: int) -> array[int]:
    """The dead docs numbered below ``below``."""
    found = array("I")
    at = kind.find(DEAD, 0, below)
    while at >= 0:
        found.append(at)
        at = kind.find(DEAD, at + 1, below)
    return found


def _state(meta: Any) -> tuple[dict[str, Key], dict[str, Notes]]:
    """The library state in a file's metadata, checked for shape."""
    keys, notes = meta.get("keys"), meta.get("notes")
    if not isinstance(keys, dict) or not isinstance(notes, dict):
        raise ValueError("no library state")
    return cast(dict[str, Key], keys), cast(dict[str, Notes], notes)


def _put(table: dict[str, Any], key: str, value: object) -> None:
    if value is None:
        table.pop(key, None)
    else:
        table[key] = value


def _plain(doc: Doc) -> tuple[Any, ...]:
    return (doc.kind, doc.article_id, doc.text, doc.start, doc.end, doc.speaker, doc.tags, doc.ref)


def _doc(fields: Any) -> Doc:
    """A doc from its plain tuple; ValueError for one of another shape."""
    if not isinstance(fields, tuple) or len(fields) != 8 or fields[0] not in KINDS:
        raise ValueError("a doc of another shape")
    kind, article_id, doc_text, start, end, speaker, tags, ref = fields
    if not (isinstance(article_id, str) and isinstance(doc_text, str) and isinstance(tags, tuple)):
        raise ValueError("a doc of another shape")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end < 1 << 32):
        raise ValueError("a doc of another shape")
    return Doc(kind, article_id, doc_text, start, end, speaker, tags, cast(Hashable, ref))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"unreadable ({exc.strerror or exc})"
    return str(exc) or type(exc).__name__


def remove_temporaries(folder: Path) -> None:
    """Remove temporary files a killed save left behind."""
    for path in folder.glob(f"search-*{TEMP_SUFFIX}"):
        path.unlink(missing_ok=True)
