"""The docs of an index as columns: per doc its kind, span, speaker, batch and where its text
starts; per batch (the docs of one article added together, numbered consecutively) its
first doc, article, the article's batch before it, live docs and texts as one zlib blob;
per article its id and latest batch; the speakers with the docs of each; tags and refs.

Columns of a saved index are mapped (per doc) or copied at open (kinds, per batch and per
article: a few bytes each, and they change); what is added since is appended in memory.
Removing docs marks them dead (kind :data:`DEAD`).
"""

from __future__ import annotations

import zlib
from array import array
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from tui.core.library.derived import DamagedFile, IntCode, MappedArray
from tui.core.search.docs import KINDS, Doc
from tui.core.search.postings import Lists, Mapped
from tui.core.search.text import WORD_RE, fold, is_term, words

DEAD = 255
"""The kind code of a removed doc."""
CODES = {kind: code for code, kind in enumerate(KINDS)}
_TEXTS_KEPT = 512
"""Batches whose texts stay decoded (the most recently read)."""


class Column:
    """A column of unsigned ints: a saved part mapped, then a part appended in memory."""

    def __init__(self, saved: MappedArray | None = None, typecode: IntCode = "I") -> None:
        self._saved: MappedArray | Sequence[int] = saved if saved is not None else ()
        self._count = len(self._saved)
        self._new = array(typecode)
        self.append = self._new.append

    def __len__(self) -> int:
        return self._count + len(self._new)

    def __getitem__(self, i: int) -> int:
        return self._saved[i] if i < self._count else self._new[i - self._count]

    def chunks(self) -> list[memoryview]:
        """The whole column as raw bytes, in pieces."""
        saved = self._saved.view() if isinstance(self._saved, MappedArray) else memoryview(b"")
        return [saved.cast("B"), memoryview(self._new).cast("B")]


def _copied(saved: Mapped | None, name: str, typecode: IntCode) -> array[int]:
    """A saved section copied into a growable array (an empty one without a saved index)."""
    out = array(typecode)
    if saved is not None:
        out.frombytes(saved.array(name, typecode).view().cast("B"))
    return out


class DocTable:
    """Docs, batches, articles, speakers, tags and refs; see the module docstring."""

    def __init__(self, saved: Mapped | None = None, meta: dict[str, Any] | None = None) -> None:
        meta = meta or {}
        self.kind = bytearray(_copied(saved, "kind", "B"))
        self.start = Column(saved.array("start", "I") if saved else None)
        self.end = Column(saved.array("end", "I") if saved else None)
        self.speaker = Column(saved.array("speaker", "I") if saved else None)
        self.batch = Column(saved.array("batch", "I") if saved else None)
        self.offset = Column(saved.array("offset", "I") if saved else None)
        self.tags: dict[int, tuple[str, ...]] = dict(meta.get("tags", {}))
        self.refs: dict[int, Hashable] = dict(meta.get("refs", {}))
        self.batch_start = _copied(saved, "batch_start", "I")
        self.batch_article = _copied(saved, "batch_article", "I")
        self.batch_next = _copied(saved, "batch_next", "i")
        self.batch_live = _copied(saved, "batch_live", "I")
        self._blob_at = _copied(saved, "blob_at", "Q")  # saved batches: where each blob ends
        self._saved_blobs = saved.array("blobs", "B") if saved else None
        self._saved_batches = len(self.batch_start)
        self._blobs: list[bytes | None] = []  # batches added since
        self._texts: OrderedDict[int, str] = OrderedDict()
        self.article_ids: list[str] = list(meta.get("articles", ()))
        self.article_no = {article_id: no for no, article_id in enumerate(self.article_ids)}
        self.article_batch = _copied(saved, "article_batch", "i")
        self.ref_docs: dict[Hashable, list[int]] = {}
        self.tag_docs: dict[str, set[int]] = {}
        for d, tags in self.tags.items():
            for tag in tags:
                self.tag_docs.setdefault(fold(tag), set()).add(d)
        for d, ref in self.refs.items():
            self.ref_docs.setdefault(ref, []).append(d)
        self.speakers: list[str] = []
        self.speaker_keys: list[str] = []
        self.speaker_words: list[tuple[str, ...]] = []
        self.speaker_name_words: list[str] = []
        self.speaker_of_word = array("I")
        self.speaker_no: dict[str, int] = {}
        self.speaker_docs = Lists(saved, "speaker_docs")
        for name in meta.get("speakers", [""]):
            self._new_speaker(name, saved=saved is not None)
        self.live = len(self.kind) - self.kind.count(DEAD)

    def __len__(self) -> int:
        """How many doc numbers are taken (dead docs too)."""
        return len(self.kind)

    # -- adding ------------------------------------------------------------------------------

    def add_batch(self, article_id: str, docs: Sequence[Doc]) -> list[tuple[int, set[str]]]:
        """Add one article's docs as a batch; returns each doc's number with the words it is
        found by (its text's, its speaker's and its tags', stop words left in)."""
        no = self.article_no.get(article_id)
        if no is None:
            no = self.article_no[article_id] = len(self.article_ids)
            self.article_ids.append(article_id)
            self.article_batch.append(-1)
        batch = len(self.batch_start)
        self.batch_start.append(len(self.kind))
        self.batch_article.append(no)
        self.batch_next.append(self.article_batch[no])
        self.article_batch[no] = batch
        texts: list[str] = []
        found_by: list[tuple[int, set[str]]] = []
        offset = 0
        for doc in docs:
            d = len(self.kind)
            speaker = self.speaker_number(doc.speaker) if doc.speaker else 0
            self.kind.append(CODES[doc.kind])
            self.start.append(doc.start)
            self.end.append(doc.end)
            self.speaker.append(speaker)
            self.batch.append(batch)
            self.offset.append(offset)
            texts.append(doc.text)
            offset += len(doc.text)
            found = set(WORD_RE.findall(doc.text.lower()))
            found.update(self.speaker_words[speaker])
            if doc.tags:
                self.tags[d] = doc.tags
                for tag in doc.tags:
                    self.tag_docs.setdefault(fold(tag), set()).add(d)
                    found.update(words(tag))
            if doc.ref is not None:
                self.refs[d] = doc.ref
                self.ref_docs.setdefault(doc.ref, []).append(d)
            if speaker:
                self.speaker_docs.append(speaker, d)
            found_by.append((d, found))
        self._blobs.append(zlib.compress("".join(texts).encode("utf-8", "surrogatepass")))
        self.batch_live.append(len(docs))
        self.live += len(docs)
        return found_by

    def speaker_number(self, name: str) -> int:
        """The number of a speaker (added when new)."""
        no = self.speaker_no.get(name)
        return self._new_speaker(name) if no is None else no

    def _new_speaker(self, name: str, *, saved: bool = False) -> int:
        no = self.speaker_no[name] = len(self.speakers)
        self.speakers.append(name)
        name_words = words(name)
        self.speaker_keys.append(" ".join(name_words))
        self.speaker_words.append(tuple(w for w in name_words if is_term(w)))
        self.speaker_name_words.extend(name_words)
        self.speaker_of_word.extend([no] * len(name_words))
        if not saved:
            self.speaker_docs.new()
        return no

    # -- removing ----------------------------------------------------------------------------

    def article_docs(self, article_id: str) -> list[range]:
        """The doc numbers of every batch of an article, which no longer has any."""
        no = self.article_no.get(article_id)
        if no is None:
            return []
        batch, self.article_batch[no] = self.article_batch[no], -1
        found = []
        while batch >= 0:
            found.append(range(self.batch_start[batch], self.batch_end(batch)))
            batch = self.batch_next[batch]
        return found

    def kill(self, ids: Iterable[int]) -> int:
        """Mark docs dead; returns how many were alive."""
        killed = 0
        for d in ids:
            if self.kind[d] == DEAD:
                continue
            self.kind[d] = DEAD
            killed += 1
            for tag in self.tags.pop(d, ()):
                self.tag_docs[fold(tag)].discard(d)
            ref = self.refs.pop(d, None)
            if ref is not None and ref in self.ref_docs:
                self.ref_docs[ref].remove(d)
                if not self.ref_docs[ref]:
                    del self.ref_docs[ref]
            batch = self.batch[d]
            self.batch_live[batch] -= 1
            if not self.batch_live[batch]:
                if batch >= self._saved_batches:
                    self._blobs[batch - self._saved_batches] = None
                self._texts.pop(batch, None)
        self.live -= killed
        return killed

    # -- reading -----------------------------------------------------------------------------

    def batch_end(self, batch: int) -> int:
        """The doc number after the batch's last doc."""
        return self.batch_start[batch + 1] if batch + 1 < len(self.batch_start) else len(self.kind)

    def blob(self, batch: int) -> bytes | memoryview:
        """A live batch's texts, compressed."""
        if batch >= self._saved_batches:
            blob = self._blobs[batch - self._saved_batches]
            assert blob is not None, "a live doc's batch is never freed"
            return blob
        assert self._saved_blobs is not None
        start = self._blob_at[batch - 1] if batch else 0
        return self._saved_blobs.bytes(start, self._blob_at[batch])

    def texts(self, ids: Iterable[int]) -> dict[int, str]:
        """The texts of live docs."""
        out: dict[int, str] = {}
        for d in ids:
            batch = self.batch[d]
            text = self._batch_text(batch)
            end = self.offset[d + 1] if d + 1 < self.batch_end(batch) else len(text)
            out[d] = text[self.offset[d] : end]
        return out

    def _batch_text(self, batch: int) -> str:
        cache = self._texts
        text = cache.get(batch)
        if text is None:
            try:
                text = zlib.decompress(self.blob(batch)).decode("utf-8", "surrogatepass")
            except (zlib.error, UnicodeDecodeError) as exc:
                raise DamagedFile(f"the texts of batch {batch} are damaged ({exc})") from exc
            cache[batch] = text
            if len(cache) > _TEXTS_KEPT:
                cache.popitem(last=False)
        else:
            cache.move_to_end(batch)
        return text

    def place(self, d: int) -> tuple[str, int, int]:
        """Where doc ``d`` points: its article, start and end."""
        return self.article_ids[self.batch_article[self.batch[d]]], self.start[d], self.end[d]

    def doc(self, d: int, text: str) -> Doc:
        """Doc ``d`` as it was added (its text given)."""
        speaker = self.speaker[d]
        return Doc(
            KINDS[self.kind[d]],
            self.article_ids[self.batch_article[self.batch[d]]],
            text,
            self.start[d],
            self.end[d],
            self.speakers[speaker] if speaker else None,
            self.tags.get(d, ()),
            self.refs.get(d),
        )
