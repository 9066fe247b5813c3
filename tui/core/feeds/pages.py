"""Single web pages saved as articles (``byline add``): fetched, or read from saved HTML
files, their main text extracted with the title, date and authors they state."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from tui.core.durable import UnreadableFile, read_regular
from tui.core.feeds.articles import ArticleTooBig, Draft, articles_dir, save_article, slugify
from tui.core.feeds.fetch import HTML_ACCEPT
from tui.core.feeds.http import Client
from tui.core.feeds.options import Options
from tui.core.feeds.page import PageText, page_from_bytes, without_title_heading
from tui.core.feeds.urls import FetchError
from tui.core.feeds.workers import Workers
from tui.core.library.formats import derive_title


@dataclass(frozen=True, slots=True)
class PageResult:
    """How one argument of ``byline add`` went; ``id`` is the saved article's id."""

    source: str
    ok: bool
    id: str | None = None
    path: Path | None = None
    title: str = ""
    url: str = ""
    error: str | None = None
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The ``byline add --json`` object."""
        return {
            "source": self.source,
            "ok": self.ok,
            "id": self.id,
            "path": str(self.path) if self.path else None,
            "title": self.title,
            "url": self.url,
            "error": self.error,
            "warnings": list(self.warnings),
        }


def is_url(source: str) -> bool:
    """Whether an argument names a URL (``scheme://``) rather than a file."""
    return "://" in source


def add_pages(sources: Sequence[str], options: Options | None = None) -> list[PageResult]:
    """Save each URL or HTML file as an article; one result each, in order."""
    return asyncio.run(_add_all(sources, options or Options()))


async def _add_all(sources: Sequence[str], options: Options) -> list[PageResult]:
    workers = Workers(options.processes)
    root = articles_dir(options.into)
    try:
        async with Client(options.limits) as client:
            jobs = (_add_one(s, client, workers, root, options) for s in sources)
            return list(await asyncio.gather(*jobs))
    finally:
        workers.close()


async def _add_one(source: str, client: Client, workers: Workers, root: Path, options: Options) -> PageResult:
    try:
        return await _add_page(source, client, workers, root, options)
    except Exception as exc:  # one page never stops the others
        return PageResult(source, ok=False, error=f"unexpected error: {type(exc).__name__}: {exc}")


async def _add_page(source: str, client: Client, workers: Workers, root: Path, options: Options) -> PageResult:
    try:
        if is_url(source):
            response = await client.get(source, accept=HTML_ACCEPT)
            body, charset, url = response.body, response.charset, response.url
        else:
            body = await asyncio.to_thread(read_regular, Path(source), options.limits.max_bytes)
            charset, url = None, ""
    except FetchError as exc:
        return PageResult(source, ok=False, error=exc.reason)
    except UnreadableFile as exc:
        return PageResult(source, ok=False, error=f"cannot be used: {exc.reason}")
    except OSError as exc:
        return PageResult(source, ok=False, error=f"cannot be read ({exc.strerror or exc})")
    page = await workers.run(page_from_bytes, body, charset, url, True)
    if not page.body.strip():
        return PageResult(source, ok=False, url=url, error="no article text found on the page")
    draft, warnings = page_draft(page, url)
    try:
        path = await asyncio.to_thread(save_article, root / _folder(page, draft.url), draft)
    except ArticleTooBig as exc:
        return PageResult(source, ok=False, url=draft.url, error=str(exc))
    except OSError as exc:
        return PageResult(source, ok=False, url=draft.url, error=f"cannot be saved ({exc.strerror or exc})")
    return PageResult(source, True, path.stem, path, draft.title, draft.url, None, warnings)


def page_draft(page: PageText, fetched_from: str) -> tuple[Draft, tuple[str, ...]]:
    """The article a page makes, and what had to be guessed."""
    warnings = []
    now = datetime.now(UTC)
    title = page.title
    if not title:
        title = derive_title(page.body)
        warnings.append("the page states no title: took it from the text")
    if page.date is None:
        warnings.append("the page states no date: used the fetch time")
    url = fetched_from or page.url
    host = urlsplit(url).hostname or ""
    draft = Draft(
        title=title,
        body=without_title_heading(page.body, title),
        date=page.date or now.date(),
        source=page.site or host,
        url=url,
        authors=page.authors,
        fetched=now,
    )
    return draft, tuple(warnings)


def _folder(page: PageText, url: str) -> str:
    """Single pages are filed by site: its name, else its host, else ``saved-pages``."""
    name = page.site or urlsplit(url).hostname or ""
    return slugify(name, 60) if name else "saved-pages"
