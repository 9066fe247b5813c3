"""Crash-safe, multi-process annotation storage on TinyDB.

Plain TinyDB ``JSONStorage`` rewrites its file in place, so a kill mid-write or a second
process corrupts it, and ``CachingMiddleware`` loses acknowledged writes. Here:

* :class:`AtomicJSONStorage` serialises in memory, writes a temp file in the same directory,
  fsyncs it, ``os.replace``-s it over the old file and fsyncs the directory; every read
  re-reads the path. A reader always sees a whole old or a whole new file.
* :class:`AnnotationStore` takes an ``fcntl.flock`` on ``<db>.lock`` around each whole
  read-modify-write, so concurrent processes lose nothing. Documents are keyed by the
  annotations' own uuid ids and no TinyDB query is used, so TinyDB's per-process caches
  (next document id, query results) never serve stale data.
* A file that is not a readable Byline annotations file is never overwritten: the store
  reports the problem and turns read-only; :func:`~tui.core.notes.db_file.backup_damaged`
  moves it aside when the user agrees. The file's layout and checks:
  :mod:`~tui.core.notes.db_file`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from tui.core.durable import (
    atomic_write,
    file_lock,
    make_dirs,
    remove_stray_temps,
)
from tui.core.notes.annotations import Annotation
from tui.core.notes.db_file import (
    FORMAT,
    META_TABLE,
    SCHEMA_VERSION,
    TABLE,
    StoreError,
    UnusableFile,
    backup_damaged,
    read_db_file,
    salvage,
)
from tui.core.paths import data_dir

ENV_VAR = "BYLINE_DB"


class StoreReadOnly(StoreError):
    """A write was refused because the file could not be used; nothing was changed."""


# --- where the file lives ------------------------------------------------------------------


def default_db_path() -> Path:
    """``annotations.json`` in the per-user data directory."""
    return data_dir() / "annotations.json"


def resolve_db_path(cli_value: str | None) -> Path:
    """The database path: ``--db`` if given, else ``$BYLINE_DB`` if set, else the default."""
    chosen = cli_value or os.environ.get(ENV_VAR)
    return Path(chosen).expanduser().absolute() if chosen else default_db_path()


# --- writing -------------------------------------------------------------------------------


class AtomicJSONStorage(Storage):
    """A TinyDB storage that re-reads its file on every read and replaces it atomically on
    every write (see :func:`atomic_write`); each write stamps the Byline format record."""

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole database, freshly read; raises :class:`UnusableFile` if damaged."""
        return read_db_file(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Durably replace the file with ``data``."""
        tables = {META_TABLE: {"1": {"format": FORMAT, "schema_version": SCHEMA_VERSION}}}
        tables.update((name, table) for name, table in data.items() if name != META_TABLE)
        atomic_write(self.path, json.dumps(tables, separators=(",", ":")).encode("ascii"))


class _IdTable(Table):
    """Documents keyed by annotation ids (str), always inserted with an explicit id.
    (TinyDB's type hints say ids are ints; the store reaches the table as ``Any``.)"""

    document_id_class = str  # type: ignore[assignment]


def _document(annotation: Annotation) -> Document:
    """The TinyDB document of an annotation, keyed by its id."""
    return Document(annotation.to_dict(), doc_id=annotation.id)  # type: ignore[arg-type]  # str ids: see _IdTable


class _Database(TinyDB):
    table_class = _IdTable


# --- the store -----------------------------------------------------------------------------


class AnnotationStore:
    """All annotations in one file, safe against crashes and concurrent Byline processes.

    Reads are lock-free and always see a whole file. Every write re-reads the file under the
    lock, changes it and returns only once the result is durably on disk. If the file is not
    usable, :attr:`problem` says why, writes raise :class:`StoreReadOnly`, and reads return
    the records that could still be parsed (none for invalid JSON); once the user agrees to
    :func:`backup_damaged`, open a new store on the path. Orphaned annotations are never
    removed. Records that fail to parse are skipped on reads (their ids are in
    :attr:`skipped`) and left untouched in the file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).absolute()
        self.problem: str | None = None
        self.skipped: tuple[str, ...] = ()
        self._table: Any = _Database(self.path, storage=AtomicJSONStorage).table(TABLE)
        remove_stray_temps(self.path)
        try:
            read_db_file(self.path)
        except UnusableFile as exc:
            self.problem = str(exc)

    @property
    def read_only(self) -> bool:
        """Whether writes are refused because the file could not be used."""
        return self.problem is not None

    @contextmanager
    def _writing(self) -> Iterator[Any]:
        """The table, under the inter-process lock, for one read-modify-write."""
        if self.problem:
            raise StoreReadOnly(f"annotations are read-only: {self.problem}")
        try:
            make_dirs(self.path.parent)
            with file_lock(self.path):
                yield self._table
        except UnusableFile as exc:
            self.problem = str(exc)
            raise StoreReadOnly(f"annotations are read-only: {self.problem}") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write annotations ({exc.strerror or exc})") from exc

    def _records(self) -> list[Mapping[str, Any]]:
        """The raw annotation records as they are in the file now."""
        try:
            return list(self._table.all())
        except UnusableFile as exc:
            self.problem = str(exc)
            return salvage(self.path)

    def all(self) -> list[Annotation]:
        """Every annotation that can be read, in file order."""
        annotations, self.skipped = _parse(self._records())
        return annotations

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation with this id, or None."""
        return next((a for a in self.all() if a.id == annotation_id), None)

    def for_article(self, article_id: str) -> list[Annotation]:
        """The annotations on one article, in body order."""
        found = [a for a in self.all() if a.article_id == article_id]
        return sorted(found, key=lambda a: (a.selector.start, a.selector.end, a.created))

    def tags(self) -> list[str]:
        """Every tag in use, sorted case-insensitively (for completion)."""
        return sorted({tag for a in self.all() for tag in a.tags}, key=lambda tag: (tag.casefold(), tag))

    def add(self, annotation: Annotation) -> Annotation:
        """Store a new annotation; returns once it is durably on disk.

        Raises :class:`StoreError` if its id is already taken.
        """
        with self._writing() as table:
            try:
                table.insert(_document(annotation))
            except ValueError as exc:  # TinyDB refuses an id that is already in the file
                raise StoreError(f"an annotation with id {annotation.id} already exists") from exc
        return annotation

    def add_many(self, annotations: Iterable[Annotation]) -> tuple[list[Annotation], list[Annotation]]:
        """Store the annotations that are not already there, in one durable write.

        An annotation is already there if its id is, or its :attr:`Annotation.duplicate_key`
        (same article, text, start and note); this holds within the batch too. Returns
        ``(added, duplicates)``.
        """
        added: list[Annotation] = []
        duplicates: list[Annotation] = []
        with self._writing() as table:
            records = table.all()
            ids = {record.doc_id for record in records}
            keys = {a.duplicate_key for a in _parse(records)[0]}
            for annotation in annotations:
                if annotation.id in ids or annotation.duplicate_key in keys:
                    duplicates.append(annotation)
                    continue
                ids.add(annotation.id)
                keys.add(annotation.duplicate_key)
                added.append(annotation)
            if added:
                table.insert_multiple(_document(a) for a in added)
        return added, duplicates

    def update(self, annotation_id: str, **changes: Any) -> Annotation:
        """Change fields of an annotation (see :meth:`Annotation.edited`); returns the new
        version once it is durably on disk. Raises ``KeyError`` if there is no such id."""
        changed: list[Annotation] = []

        def edit(record: dict[str, Any]) -> None:
            changed.append(Annotation.from_dict(record).edited(**changes))
            record.clear()
            record.update(changed[0].to_dict())

        with self._writing() as table:
            if not table.update(edit, doc_ids=[annotation_id]):
                raise KeyError(annotation_id)
        return changed[0]

    def delete(self, annotation_id: str) -> Annotation:
        """Remove an annotation and return it (keep it to :meth:`restore` on undo).
        Raises ``KeyError`` if there is no such id."""
        with self._writing() as table:
            record = table.get(doc_id=annotation_id)
            if record is None:
                raise KeyError(annotation_id)
            removed = Annotation.from_dict(record)
            table.remove(doc_ids=[annotation_id])
        return removed

    def restore(self, annotation: Annotation) -> Annotation:
        """Put back a deleted annotation exactly as it was (idempotent: it replaces any
        annotation with the same id)."""
        with self._writing() as table:
            if table.contains(doc_id=annotation.id):
                table.update(annotation.to_dict(), doc_ids=[annotation.id])
            else:
                table.insert(_document(annotation))
        return annotation


def _parse(records: Iterable[Mapping[str, Any]]) -> tuple[list[Annotation], tuple[str, ...]]:
    """The records that parse as annotations, and the ids of those that do not."""
    annotations: list[Annotation] = []
    skipped: list[str] = []
    for record in records:
        try:
            annotations.append(Annotation.from_dict(record))
        except ValueError:
            skipped.append(str(record.get("id", "?")))
    return annotations, tuple(skipped)


def answer_damaged(store: AnnotationStore, *, backup: bool) -> tuple[AnnotationStore, str]:
    """Do what the user chose for a damaged annotation file: keep it as it is (the store
    stays read-only) or move it aside and start a new file. Returns the store to use and
    what to tell the user. Raises :class:`StoreError` when the file cannot be moved."""
    if not backup:
        return store, f"{store.problem}; notes are read-only and the file is left as it is"
    try:
        moved = backup_damaged(store.path)
    except OSError as exc:
        raise StoreError(f"could not move {store.path} aside ({exc.strerror or exc})") from exc
    return AnnotationStore(store.path), f"the damaged file was kept as {moved}; new notes go to {store.path}"


def open_store(path: Path, *, backup: bool = False) -> tuple[AnnotationStore, str | None]:
    """The annotation store at ``path``, and what to tell the user when its file is damaged
    (see :func:`answer_damaged`: moved aside only with ``backup``)."""
    store = AnnotationStore(path)
    if store.problem is None:
        return store, None
    return answer_damaged(store, backup=backup)
