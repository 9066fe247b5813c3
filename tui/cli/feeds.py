"""``byline feeds add|list|remove|import|export``: the subscriptions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tui.cli import common
from tui.cli.fetch import add_fetch_args, options_from
from tui.core.clean import clean_data, clean_line
from tui.core.durable import UnreadableFile, read_regular
from tui.core.feeds.jsonstore import DamagedFile
from tui.core.feeds.opml import OpmlError, read_opml, write_opml
from tui.core.feeds.subscriptions import FeedStore, Subscription, default_path
from tui.core.feeds.urls import FetchError, check_url
from tui.core.text import counted

MAX_OPML_BYTES = 10 * 1024 * 1024


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``feeds`` verb and its sub-verbs."""
    feeds = sub.add_parser(
        "feeds",
        description="subscriptions to feeds (RSS, Atom, JSON Feed)",
        help="add, list, remove, import, export feeds",
        epilog=f"Subscriptions and each feed's state are kept in {default_path()}.",
    )
    verbs = feeds.add_subparsers(dest="feeds_verb", metavar="SUBVERB", required=True)

    add = verbs.add_parser(
        "add",
        description="subscribe to feeds: each URL is a feed, or a page that names one (then that feed is "
        "subscribed); it is fetched once to check, and one that fails is not subscribed (exit 1)",
        help="subscribe to feeds",
    )
    add.add_argument("urls", nargs="+", metavar="URL", help="a feed's URL, or a page that names its feed")
    add.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeat for several)")
    add.add_argument("--json", action="store_true", help="print a JSON array, one object per URL")
    add_fetch_args(add, into=False)
    add.set_defaults(func=run_add)

    listing = verbs.add_parser("list", description="print the subscriptions and their last fetch", help="list feeds")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(func=run_list)

    remove = verbs.add_parser(
        "remove", description="unsubscribe (the articles already saved stay)", help="unsubscribe from feeds"
    )
    remove.add_argument("urls", nargs="+", metavar="URL", help="a subscribed feed's URL")
    remove.set_defaults(func=run_remove)

    opml_in = verbs.add_parser(
        "import",
        description="subscribe to every feed of an OPML file (1.0 or 2.0; folders become tags), without fetching",
        help="subscribe to the feeds of an OPML file",
    )
    opml_in.add_argument("file", type=Path, metavar="FILE.opml", help="the OPML file")
    opml_in.set_defaults(func=run_import)

    opml_out = verbs.add_parser(
        "export", description="print the subscriptions as OPML 2.0 (feeds import reads it back)", help="export OPML"
    )
    opml_out.set_defaults(func=run_export)


def run_add(args: argparse.Namespace) -> int:
    """Check each URL and subscribe to the feeds found."""
    from tui.core.feeds.subscribe import check_feeds  # the HTTP client loads only here

    store = FeedStore()
    checks = check_feeds(args.urls, options_from(args))
    rows: list[dict[str, Any]] = []
    for check in checks:
        row: dict[str, Any] = {"url": check.url, "ok": False, "feed": check.feed, "title": check.title}
        row.update(new=False, error=check.error)
        if check.feed is not None:
            try:
                sub, new = store.add(check.feed, title=check.title, tags=args.tag)
            except (DamagedFile, FetchError, OSError) as exc:
                row["error"] = str(exc)
            else:
                row.update(ok=True, new=new, title=sub.title)
        rows.append(row)
        if args.json:
            continue
        if row["ok"]:
            how = "subscribed" if row["new"] else "already subscribed"
            found = f" (named by {clean_line(check.url)})" if check.discovered else ""
            print(f"{how}: {clean_line(check.feed or '')}{found} {clean_line(row['title'])}".rstrip())
        else:
            common.fail(f"{clean_line(check.url)}: {clean_line(row['error'] or '')}; not subscribed")
    if args.json:
        common.print_json(clean_data(rows))
    return 0 if all(r["ok"] for r in rows) else 1


def feed_json(sub: Subscription) -> dict[str, Any]:
    """The ``byline feeds list --json`` object."""
    state = sub.state
    return {
        "url": sub.url,
        "title": sub.title,
        "tags": list(sub.tags),
        "last_fetched": state.last_fetched,
        "last_status": state.last_status,
        "http_status": state.http_status,
        "articles": state.articles,
        "last_error": state.last_error,
    }


def run_list(args: argparse.Namespace) -> int:
    """Print the subscriptions."""
    try:
        subscriptions = FeedStore().all()
    except DamagedFile as exc:
        return common.fail(str(exc))
    if args.json:
        common.print_json(clean_data([feed_json(s) for s in subscriptions]))
        return 0
    for sub in subscriptions:
        state = sub.state
        status = state.last_status or "never fetched"
        when = state.last_fetched or ""
        tags = f"  [{', '.join(sub.tags)}]" if sub.tags else ""
        print(clean_line(f"{sub.name}{tags}"))
        print(f"    {clean_line(sub.url)}")
        print(f"    {status}  {when}  {counted(state.articles, 'article')}".rstrip())
        if state.last_error:
            print(f"    error: {clean_line(state.last_error)}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Unsubscribe from each URL."""
    store = FeedStore()
    code = 0
    for url in args.urls:
        try:
            sub = store.remove(url)
        except KeyError:
            code = common.fail(f"{clean_line(url)}: not subscribed")
        except (DamagedFile, OSError) as exc:
            code = common.fail(str(exc))
        else:
            print(f"removed: {clean_line(sub.url)} (its {sub.state.articles} saved articles stay)")
    return code


def run_import(args: argparse.Namespace) -> int:
    """Subscribe to the feeds of an OPML file."""
    try:
        outlines = read_opml(read_regular(args.file, MAX_OPML_BYTES))
    except (OpmlError, UnreadableFile) as exc:
        return common.fail(f"{args.file}: {exc}")
    except OSError as exc:
        return common.fail(f"{args.file}: cannot be read ({exc.strerror or exc})")
    good, code = [], 0
    for outline in outlines:
        try:
            good.append((check_url(outline.url), outline.title, outline.tags))
        except FetchError as exc:
            code = common.fail(f"{args.file}: {clean_line(outline.url)}: {exc.reason}; skipped")
    try:
        added = FeedStore().add_many(good)
    except (DamagedFile, OSError) as exc:
        return common.fail(str(exc))
    new = sum(1 for _, is_new in added if is_new)
    print(f"imported {len(outlines)} feeds from {args.file}: {new} new, {len(added) - new} already subscribed")
    return code


def run_export(args: argparse.Namespace) -> int:
    """Print the subscriptions as OPML 2.0."""
    try:
        subscriptions = FeedStore().all()
    except DamagedFile as exc:
        return common.fail(str(exc))
    sys.stdout.write(write_opml((s.url, s.title, s.tags) for s in subscriptions).decode("utf-8"))
    return 0
