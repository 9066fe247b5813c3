"""``byline fetch`` (every subscription, or those named) and ``byline add`` (single pages)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli import common
from tui.cli.progress import Bar
from tui.core.clean import clean_data, clean_line
from tui.core.feeds.articles import ENV_VAR, articles_dir
from tui.core.feeds.jsonstore import DamagedFile
from tui.core.feeds.options import DEFAULT_JOBS, Limits, Options
from tui.core.feeds.subscriptions import FeedStore

if TYPE_CHECKING:
    from tui.core.feeds.fetch import FetchProgress

DEFAULT_LIMITS = Limits()


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``fetch`` and ``add`` verbs."""
    fetch = sub.add_parser(
        "fetch",
        description="fetch the subscriptions and save their new entries as articles",
        epilog="Fetches every subscription, or the URLs named. Exit status 0 when every feed is ok, 1 when any "
        "failed (the others are saved all the same). A progress bar shows on stderr in a terminal.",
        help="fetch the subscriptions and save new articles",
    )
    fetch.add_argument("urls", nargs="*", metavar="URL", help="subscribed feeds to fetch (default: all)")
    fetch.add_argument("--json", action="store_true", help="print a JSON array, one object per feed")
    fetch.add_argument(
        "--jobs", type=common.positive, default=DEFAULT_JOBS, metavar="N",
        help=f"feeds fetched at the same time (default {DEFAULT_JOBS}; never more than 2 connections a host)",
    )  # fmt: skip
    add_fetch_args(fetch)
    fetch.set_defaults(func=run_fetch_verb)

    add = sub.add_parser(
        "add",
        description="save web pages (URLs or saved HTML files) as articles",
        epilog="Each page's main text is saved as Markdown, with the title, date and authors the page states. "
        "Exit status 0 when every page was saved, 1 when any failed.",
        help="save single web pages as articles",
    )
    add.add_argument("sources", nargs="+", metavar="URL|FILE", help="a page's URL or a saved HTML file")
    add.add_argument("--json", action="store_true", help="print a JSON array, one object per URL or file")
    add_fetch_args(add)
    add.set_defaults(func=run_add)


def add_fetch_args(parser: argparse.ArgumentParser, *, into: bool = True) -> None:
    """Add ``--timeout S`` and (with ``into``) ``--into DIR``."""
    if into:
        parser.add_argument(
            "--into", type=Path, metavar="DIR",
            help=f"save articles under DIR (default: ${ENV_VAR}, else {articles_dir(None)})",
        )  # fmt: skip
    parser.add_argument(
        "--timeout", type=seconds, default=DEFAULT_LIMITS.deadline, metavar="S",
        help=f"seconds a whole response may take (default {DEFAULT_LIMITS.deadline:g}; connecting, at most "
        f"{DEFAULT_LIMITS.connect_timeout:g})",
    )  # fmt: skip


def seconds(text: str) -> float:
    """An argparse type: a positive number of seconds."""
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def options_from(args: argparse.Namespace) -> Options:
    """The fetch options the command line asks for."""
    limits = Limits(deadline=args.timeout, connect_timeout=min(DEFAULT_LIMITS.connect_timeout, args.timeout))
    return Options(limits=limits, jobs=getattr(args, "jobs", DEFAULT_JOBS), into=getattr(args, "into", None))


class FetchBar(Bar):
    """``fetching ▕████····▏ 12 / 200 feeds · 340 articles`` on a terminal, cleared at the end."""

    def __call__(self, progress: FetchProgress) -> None:
        detail = f"{progress.feeds_done:,} / {progress.feeds_total:,} feeds · {progress.articles_saved:,} articles"
        self.draw("fetching", progress.feeds_done, progress.feeds_total, detail)


def run_fetch_verb(args: argparse.Namespace) -> int:
    """Fetch and report; 0 when every feed is ok, 1 when any failed."""
    store = FeedStore()
    try:
        subscriptions = store.all()
    except DamagedFile as exc:
        return common.fail(str(exc))
    if not subscriptions and not args.urls:
        print("byline: no subscriptions yet (add one: byline feeds add URL)", file=sys.stderr)
        if args.json:
            common.print_json([])
        return 0
    from tui.core.feeds.fetch import fetch_feeds  # the HTTP client and extractors load only here

    bar = FetchBar()
    try:
        results = fetch_feeds(store, args.urls or None, options=options_from(args), progress=bar)
    finally:
        bar.close()
    for result in results:
        for warning in result.warnings:
            print(f"byline: warning: {clean_line(result.feed)}: {clean_line(warning)}", file=sys.stderr)
    if args.json:
        common.print_json(clean_data([r.to_json() for r in results]))
    else:
        for result in results:
            name = clean_line(result.title or result.feed)
            if result.ok:
                print(f"ok      {name}: {result.new} new" + (" (not modified)" if result.http_status == 304 else ""))
            else:
                print(f"failed  {name}: {clean_line(result.error or '')}")
    failed = sum(not r.ok for r in results)
    print(
        f"byline: {len(results)} feeds, {len(results) - failed} ok, {failed} failed; "
        f"{sum(r.new for r in results)} new articles in {articles_dir(args.into)}",
        file=sys.stderr,
    )
    return 1 if failed else 0


def run_add(args: argparse.Namespace) -> int:
    """Save the pages; 0 when every one was saved, 1 when any failed."""
    from tui.core.feeds.pages import add_pages

    results = add_pages(args.sources, options_from(args))
    if args.json:
        common.print_json(clean_data([r.to_json() for r in results]))
    for result in results:
        for warning in result.warnings:
            print(f"byline: warning: {clean_line(result.source)}: {clean_line(warning)}", file=sys.stderr)
        if args.json:
            continue
        if result.ok:
            print(f"saved   {result.id}  {clean_line(result.title)}\n        {result.path}")
        else:
            print(f"failed  {clean_line(result.source)}: {clean_line(result.error or '')}")
    return 1 if any(not r.ok for r in results) else 0
