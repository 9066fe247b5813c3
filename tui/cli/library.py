"""``byline list`` and ``byline show``: the library's articles, for scripts."""

from __future__ import annotations

import argparse
import os
import textwrap
from collections.abc import Callable
from typing import Any

from rapidfuzz import process

from tui.cli import common
from tui.core.bulk import long_lived
from tui.core.library.library import Entry
from tui.core.library.records import CachedArticle


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``list`` and ``show`` verbs."""
    listing = sub.add_parser("list", description="list the library's articles", help="list the library's articles")
    common.add_library_args(listing)
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(func=run_list)

    show = sub.add_parser("show", description="print one article", help="print one article")
    show.add_argument("id", metavar="ID", help="the article id (its file name without extension)")
    common.add_library_args(show)
    show.add_argument("--json", action="store_true", help="print a JSON object")
    show.set_defaults(func=run_show)


class RealPaths:
    """``str(Path(path).resolve())`` for many paths without a system call each: each folder
    is resolved once and listed once to learn which of its files are symbolic links (only
    those are resolved on their own)."""

    def __init__(self) -> None:
        self._folders: dict[str, tuple[str, frozenset[str] | None]] = {}

    def __call__(self, path: str) -> str:
        folder, slash, name = path.rpartition(os.sep)
        known = self._folders.get(folder)
        if known is None:
            where = folder or (os.sep if slash else os.curdir)
            known = self._folders[folder] = (os.path.join(os.path.realpath(where), ""), _links(where))
        prefix, links = known  # the folder's real path, ending in a separator
        if name in ("", ".", "..") or (os.path.islink(path) if links is None else name in links):
            return os.path.realpath(path)
        return prefix + name


def _links(folder: str) -> frozenset[str] | None:
    """The names of the symbolic links in a folder (from its listing: no call per file);
    None when it cannot be listed (each file is asked then)."""
    try:
        with os.scandir(folder) as listing:
            return frozenset(entry.name for entry in listing if entry.is_symlink())
    except OSError:
        return None


def article_json(entry: Entry, real_path: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The stable JSON form of an article's metadata and counts (see the README)."""
    article = entry.article
    path = article.record.path if isinstance(article, CachedArticle) else str(article.path)
    return {
        "id": article.id,
        "title": article.title,
        "date": article.date_iso,
        "source": article.source,
        "path": (real_path or RealPaths())(path),
        "url": article.url,
        "authors": list(article.authors),
        "license": article.license,
        "caption": article.caption,
        "format": article.format,
        "content_hash": article.content_hash,
        "quotes": entry.speech_count,
        "people": entry.people_count,
    }


def run_list(args: argparse.Namespace) -> int:
    """Print every article: a table, or JSON with ``--json``."""
    library = common.open_library(args)
    if args.json:
        real_path = RealPaths()
        with long_lived():  # 100k rows: no collector passes over them
            common.print_json_rows(article_json(entry, real_path) for entry in library.ordered())
    else:
        for article in library.articles:
            print(f"{article.date_iso or '          '}  {article.id:<40.40}  {article.title}")
    return 1 if common.missing_roots(library) else 0


def run_show(args: argparse.Namespace) -> int:
    """Print one article's header and body, or its JSON with ``--json``."""
    library = common.open_library(args, quiet=True)
    entry = library.entry(args.id)
    if entry is None:
        ids = [a.id for a in library.articles]
        close = [m[0] for m in process.extract(args.id, ids, limit=3, score_cutoff=60)]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return common.fail(f"no article with id {args.id!r}{hint}")
    article = entry.article
    if args.json:
        data = article_json(entry)
        data["body"] = article.body
        data["blocks"] = [{"kind": b.kind, "start": b.start, "end": b.end, "text": b.text} for b in article.blocks]
        common.print_json(data)
        return 0
    print(article.title)
    print(" · ".join(x for x in (article.date_iso, article.source) if x))
    if article.url:
        print(article.url)
    if article.caption:
        print(f"Caption: {article.caption}")
    print()
    for block in article.blocks:
        prefix = "#" * block.level + " " if block.kind == "heading" else "> " * block.quote_depth
        if block.list_marker:
            prefix += block.list_marker + " "
        print(textwrap.fill(block.text, width=78, initial_indent=prefix, subsequent_indent=" " * len(prefix)) or prefix)
        print()
    return 0
