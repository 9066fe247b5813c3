"""``byline cache info`` and ``byline cache clear``: the library cache."""

from __future__ import annotations

import argparse

from tui.core.durable import human_size
from tui.core.library import cache


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``cache`` verb and its ``info`` and ``clear`` actions."""
    parser = sub.add_parser(
        "cache",
        description="show or clear the library cache (what indexing found in each "
        "file, so a library opens at once the next time; rebuilt whenever needed)",
        help="show or clear the library cache",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    info = actions.add_parser(
        "info", description="where the cache is, its size and entries", help="where the cache is, its size and entries"
    )
    info.set_defaults(func=run_info)
    clear = actions.add_parser(
        "clear", description="delete the cache (libraries are indexed again when next opened)", help="delete the cache"
    )
    clear.set_defaults(func=run_clear)


def run_info(args: argparse.Namespace) -> int:
    """Print the cache's folder, size, libraries and entries."""
    found = cache.info()
    print(f"path:      {found.path}")
    print(f"size:      {human_size(found.size)}")
    print(f"libraries: {found.libraries}")
    print(f"entries:   {found.entries}")
    return 0


def run_clear(args: argparse.Namespace) -> int:
    """Delete the cache folder."""
    freed = cache.clear()
    print(f"cleared {cache.cache_root()} ({human_size(freed)} freed)")
    return 0
