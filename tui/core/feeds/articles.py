"""Saved articles: one Markdown file with front matter per article, in
``<articles>/<feed>/<date>-<slug>.md``, written atomically and never over another file.

The front matter holds ``title``, ``date`` (YYYY-MM-DD), ``source`` (the feed's or site's
name), ``url``, ``authors``, ``feed`` (the feed URL as subscribed, "" for a single page) and
``fetched`` (UTC), every value a JSON string, which is valid YAML.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tui.core.durable import TEMP_SUFFIX, UnreadableFile, fsync_dir, human_size, make_dirs, read_regular
from tui.core.library.files import MAX_BYTES
from tui.core.paths import data_dir

ENV_VAR = "BYLINE_ARTICLES"
SLUG_CHARS = 80


class ArticleTooBig(ValueError):
    """An article over the size the library reads (it would be skipped there)."""


@dataclass(frozen=True, slots=True)
class Draft:
    """An article about to be saved; every text already cleaned."""

    title: str
    body: str
    date: date
    source: str
    url: str
    feed: str = ""
    authors: tuple[str, ...] = ()
    fetched: datetime | None = None


def articles_dir(override: str | Path | None = None) -> Path:
    """Where saved articles go: ``override`` (``--into``), else ``$BYLINE_ARTICLES``, else
    ``articles`` in the data folder."""
    chosen = override or os.environ.get(ENV_VAR)
    return Path(chosen).expanduser().absolute() if chosen else data_dir() / "articles"


def slugify(text: str, limit: int = SLUG_CHARS) -> str:
    """``text`` as a file-name part: lower-case ASCII letters and digits joined by ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "untitled"


def render(draft: Draft) -> bytes:
    """The file's bytes: front matter, a blank line, the body."""
    fetched = (draft.fetched or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        "---",
        f"title: {_quoted(draft.title)}",
        f"date: {_quoted(draft.date.isoformat())}",
        f"source: {_quoted(draft.source)}",
        f"url: {_quoted(draft.url)}",
        "authors: []" if not draft.authors else "authors:",
        *(f"  - {_quoted(name)}" for name in draft.authors),
        f"feed: {_quoted(draft.feed)}",
        f"fetched: {_quoted(fetched)}",
        "---",
        "",
        draft.body.strip("\n"),
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes, and the two line separators YAML folds)."""
    return json.dumps(value, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _without_fetched(payload: bytes) -> bytes:
    return re.sub(rb"(?m)^fetched: .*\n", b"", payload, count=1)


def save_article(folder: Path, draft: Draft, *, sync_folder: bool = True) -> Path:
    """Write ``draft`` into ``folder`` as ``<date>-<slug>.md`` (``-2``, ``-3``… when the name
    holds another article; the same article saved again keeps its file) and return the path.
    The file is on disk when this returns, and its name too unless ``sync_folder`` is False
    (a caller saving many then syncs the folder once: :func:`~tui.core.durable.fsync_dir`).
    Raises :class:`ArticleTooBig` over the library's size limit, ``OSError`` when the disk
    refuses."""
    payload = render(draft)
    if len(payload) > MAX_BYTES:
        raise ArticleTooBig(f"the article is {human_size(len(payload))}, over the {human_size(MAX_BYTES)} limit")
    make_dirs(folder)
    stem = f"{draft.date.isoformat()}-{slugify(draft.title)}"
    fd, temp = tempfile.mkstemp(prefix=f".{stem}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        number = 1
        while True:
            target = folder / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
            try:
                os.link(temp, target)  # fails if the name is taken: nothing is ever overwritten
            except FileExistsError:
                if _same_article(target, payload):
                    return target
                number += 1
                continue
            if sync_folder:
                fsync_dir(folder)
            return target
    finally:
        Path(temp).unlink(missing_ok=True)


def _same_article(path: Path, payload: bytes) -> bool:
    """Whether ``path`` already holds this article (its fetch time aside)."""
    try:
        return _without_fetched(read_regular(path, MAX_BYTES)) == _without_fetched(payload)
    except (UnreadableFile, OSError):
        return False
