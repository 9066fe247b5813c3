"""A :class:`SearchIndex` saved whole as a derived file (:mod:`tui.core.library.derived`) and
opened again mapped: nothing is read at open but the metadata and a few bytes per batch
and per article; postings, per-doc columns and texts are read (and checked) as searches
touch them.

Saving writes the live batches only (numbered anew, in order) and the words that still
find a doc, sorted, with their postings; what was mapped is copied straight from the old
file, so saving an index opened from a file and grown since makes a new whole file.
Sections: ``kind``, ``start``, ``end``, ``speaker``, ``batch``, ``offset`` (per doc),
``batch_*`` and ``blob_at`` (per batch), ``blobs`` (texts, zlib), ``article_batch``,
``speaker_docs.*``, ``terms.*`` (the sorted words), ``postings.*``, ``buckets.*`` and
``bucket_items.*`` (keys and the words filed under each).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any, cast

from tui.core.library.derived import Chunks, DerivedFile, IntCode, Section, open_derived, write_derived
from tui.core.search.columns import DEAD, Column
from tui.core.search.index import SearchIndex
from tui.core.search.terms import BUCKETED, bucket_keys

KIND = "search-index"
RELEASE_EVERY = 64 << 20
"""Bytes of postings copied between releases of the old file's mapped pages (a save of a
big index would otherwise hold the whole old file in memory)."""


def save_index(index: SearchIndex, path: Path, stamp: str, meta: dict[str, Any], saved: DerivedFile | None) -> int:
    """Write ``index`` whole to ``path`` (``meta``, plain data, is kept beside it); returns
    the file's size. ``saved`` is the file the index was opened from, if any."""
    docs = index.docs
    live_batches = [b for b in range(len(docs.batch_start)) if docs.batch_live[b]]
    new_batch = array("i", [-1]) * len(docs.batch_start)
    for new, b in enumerate(live_batches):
        new_batch[b] = new
    old_docs = array("I")
    for b in live_batches:
        old_docs.extend(range(docs.batch_start[b], docs.batch_end(b)))
    new_doc = None if len(old_docs) == len(docs) else _renumbering(old_docs, len(docs))
    whole = docs.live == len(docs)
    alive = docs.kind.translate(bytes([1] * DEAD + [0]))
    keep = alive.__getitem__

    articles: list[str] = []
    article_batch = array("i")
    batch_next = array("i", [-1]) * len(live_batches)
    batch_article = array("I", [0]) * len(live_batches)
    for no, article_id in enumerate(docs.article_ids):
        chain = []
        batch = docs.article_batch[no]
        while batch >= 0:
            if docs.batch_live[batch]:
                chain.append(new_batch[batch])
            batch = docs.batch_next[batch]
        if not chain:
            continue
        for newer, older in zip(chain, [*chain[1:], -1], strict=True):
            batch_next[newer] = older
            batch_article[newer] = len(articles)
        article_batch.append(chain[0])
        articles.append(article_id)

    def renumbered(ids: Iterator[int]) -> array[int]:
        live = filter(keep, ids)
        return array("I", live if new_doc is None else map(new_doc.__getitem__, live))

    vocab = index.vocab
    terms = sorted(
        ((term.encode("utf-8", "surrogatepass"), tid) for term, tid in vocab.terms() if vocab.df(tid)),
    )
    term_offsets = array("Q", [0])
    kept_terms: list[bytes] = []

    def postings() -> Iterator[bytes | memoryview]:
        copied = 0
        for key, tid in terms:
            parts = vocab.parts(tid)
            if whole:  # nothing to drop or renumber: the parts as they are
                chunks = [memoryview(part).cast("B") for part in parts]  # type: ignore[arg-type]
            else:
                chunks = [memoryview(renumbered(item for part in parts for item in part)).cast("B")]
            size = sum(len(c) for c in chunks) // 4
            if not size:
                continue
            kept_terms.append(key)
            term_offsets.append(term_offsets[-1] + size)
            yield from chunks
            copied += 4 * size
            if saved is not None and copied > RELEASE_EVERY:
                saved.release()
                copied = 0

    buckets: dict[str, list[int]] = {}

    def bucket_items() -> Iterator[bytes]:
        for tid, key in enumerate(kept_terms):
            term = key.decode("utf-8", "surrogatepass")
            if len(term) >= BUCKETED:
                for bucket in bucket_keys(term):
                    buckets.setdefault(bucket, []).append(tid)
        for _, tids in sorted(_encoded(buckets)):
            yield array("I", tids).tobytes()

    def column(values: Callable[[int], int], typecode: IntCode = "I", whole: Column | None = None) -> Chunks:
        if new_doc is None and whole is not None:
            return whole.chunks()
        return _mapped(values, typecode)

    def _mapped(values: Callable[[int], int], typecode: IntCode) -> Iterator[bytes]:
        step = 1 << 16
        for start in range(0, len(old_docs), step):
            yield array(typecode, map(values, old_docs[start : start + step])).tobytes()

    blob_at = array("Q")

    def blobs() -> Iterator[bytes | memoryview]:
        end = copied = 0
        for b in live_batches:
            blob = docs.blob(b)
            end += len(blob)
            blob_at.append(end)
            yield blob
            copied += len(blob)
            if saved is not None and copied > RELEASE_EVERY:
                saved.release()
                copied = 0

    batch_start = array("I")
    at = 0
    for b in live_batches:
        batch_start.append(at)
        at += docs.batch_end(b) - docs.batch_start[b]
    speaker_lists = [renumbered(iter(docs.speaker_docs.items(s))) for s in range(len(docs.speakers))]
    renumber = (lambda d: d) if new_doc is None else new_doc.__getitem__
    meta = {
        **meta,
        "articles": articles,
        "speakers": docs.speakers,
        "tags": {renumber(d): tags for d, tags in docs.tags.items()},
        "refs": {renumber(d): ref for d, ref in docs.refs.items()},
    }
    sections: dict[str, Section] = {
        "kind": Section([docs.kind] if new_doc is None else _mapped(docs.kind.__getitem__, "B")),
        "start": Section(column(docs.start.__getitem__, whole=docs.start)),
        "end": Section(column(docs.end.__getitem__, whole=docs.end)),
        "speaker": Section(column(docs.speaker.__getitem__, whole=docs.speaker)),
        "batch": Section(column(lambda d: new_batch[docs.batch[d]])),
        "offset": Section(column(docs.offset.__getitem__, whole=docs.offset)),
        "batch_start": Section([batch_start]),
        "batch_article": Section([batch_article]),
        "batch_next": Section([batch_next]),
        "batch_live": Section([array("I", (docs.batch_live[b] for b in live_batches))]),
        "blobs": Section(blobs(), checked=False),
        "blob_at": Section(_later(lambda: [blob_at])),
        "article_batch": Section([article_batch]),
        **_lists("speaker_docs", lambda: speaker_lists),
        "postings.items": Section(postings()),
        "postings.offsets": Section(_later(lambda: [term_offsets])),
        **_strings("terms", lambda: kept_terms),
        "bucket_items.items": Section(bucket_items()),
        **_offsets("bucket_items", lambda: [len(t) for _, t in sorted(_encoded(buckets))]),
        **_strings("buckets", lambda: [k for k, _ in sorted(_encoded(buckets))]),
    }
    return write_derived(path, KIND, stamp, meta, sections)


def open_index(path: Path, stamp: str) -> tuple[SearchIndex, dict[str, Any], DerivedFile]:
    """A saved index, mapped, with the metadata saved beside it and the file; raises as
    :func:`~tui.core.library.derived.open_derived` does (and ``ValueError`` for metadata
    that is not what this code writes)."""
    saved = open_derived(path, KIND, stamp)
    meta = saved.meta
    if not isinstance(meta, dict) or not all(isinstance(meta.get(k), list) for k in ("articles", "speakers")):
        raise ValueError("metadata of another shape")
    tags = cast(dict[int, tuple[str, ...]], meta.get("tags"))
    refs = cast(dict[int, Hashable], meta.get("refs"))
    if not isinstance(tags, dict) or not isinstance(refs, dict):
        raise ValueError("metadata of another shape")
    try:
        index = SearchIndex(saved, meta)
    except KeyError as exc:
        raise ValueError(f"no section {exc}") from exc
    if not (
        len(index.docs.start) == len(index.docs)
        and len(index.docs.article_batch) == len(index.docs.article_ids)
        and len(index.docs.batch_live) == len(index.docs.batch_start)
    ):
        raise ValueError("sections of different lengths")
    return index, meta, saved


def _renumbering(old_docs: array[int], size: int) -> array[int]:
    """Old doc number -> new, for the docs kept."""
    new_doc = array("I", [0]) * size
    for new, old in enumerate(old_docs):
        new_doc[old] = new
    return new_doc


def _encoded(buckets: dict[str, list[int]]) -> Iterator[tuple[bytes, list[int]]]:
    return ((key.encode("utf-8", "surrogatepass"), tids) for key, tids in buckets.items())


def _later(make: Callable[[], Chunks]) -> Iterator[bytes | bytearray | memoryview]:
    """Chunks made only when the section is written (after the sections that fill them)."""
    for chunk in make():
        yield memoryview(chunk).cast("B")


def _offsets(name: str, sizes: Callable[[], list[int]]) -> dict[str, Section]:
    def offsets() -> Iterator[bytes]:
        out = array("Q", [0])
        for size in sizes():
            out.append(out[-1] + size)
        yield out.tobytes()

    return {f"{name}.offsets": Section(offsets())}


def _lists(name: str, lists: Callable[[], list[array[int]]]) -> dict[str, Section]:
    return {
        f"{name}.items": Section(_later(lists)),
        **_offsets(name, lambda: [len(items) for items in lists()]),
    }


def _strings(name: str, keys: Callable[[], list[bytes]]) -> dict[str, Section]:
    return {
        f"{name}.blob": Section(_later(keys)),
        **_offsets(name, lambda: [len(k) for k in keys()]),
    }
