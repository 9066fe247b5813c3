"""The ``byline`` command: the TUI by default, or a non-interactive verb for scripts."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from types import ModuleType

from tui import __version__
from tui.cli import cache, common, extract, feeds, fetch, library, notes, search, who
from tui.cli.output import guarded
from tui.core.library.cache import cache_root
from tui.core.library.indexer import INDEX_BEFORE_UI, PLAN_BEFORE_UI, POLL_SECONDS
from tui.core.notes.store import ENV_VAR, AnnotationStore, resolve_db_path

# Each verb module has ``register(subparsers)``, which adds its parsers with ``func`` set.
VERB_MODULES: tuple[ModuleType, ...] = (library, who, extract, notes, search, cache, feeds, fetch)


def _verb_line(name: str, description: str) -> str:
    """A verb and its description for ``byline --help``, wrapped under the description."""
    return textwrap.fill(description, width=79, initial_indent=f"  {name:<10} ", subsequent_indent=" " * 13)


def build_parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser, frozenset[str]]:
    """The TUI parser (``byline [PATHS]``), the verb parser (``byline VERB …``) and the verbs."""
    verbs = argparse.ArgumentParser(prog="byline", description="Byline's non-interactive verbs.")
    verbs.add_argument("--version", action="version", version=f"byline {__version__}")
    sub = verbs.add_subparsers(dest="verb", metavar="VERB", required=True)
    for module in VERB_MODULES:
        module.register(sub)
    names = "\n".join(_verb_line(name, action.description or "") for name, action in sub.choices.items())
    tui = argparse.ArgumentParser(
        prog="byline",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="A keyboard-driven terminal reader for news articles: who said what, "
        "fuzzy quote search and durable notes.\nWith no PATHS it opens the bundled articles.",
        epilog=f"verbs (byline VERB --help for each):\n{names}\n\n"
        f"annotations are kept in {resolve_db_path(None)}\n"
        f"(change it with --db PATH or the {ENV_VAR} environment variable)\n\n"
        f"what indexing found is cached in {cache_root()} (byline cache info|clear);\n"
        f"while the app is open the folders are checked every {POLL_SECONDS:g} s for added,\n"
        "changed and deleted articles",
    )
    tui.add_argument("--version", action="version", version=f"byline {__version__}")
    common.add_library_args(tui)
    common.add_db_arg(tui)
    tui.add_argument("--theme", choices=("dark", "light"), help="colour theme (default: dark)")
    return tui, verbs, frozenset(sub.choices)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``byline`` command; returns the exit code."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    tui_parser, verb_parser, verb_names = build_parser()
    first = next((a for a in args_in if not a.startswith("-")), None)
    try:
        if first in verb_names:
            with guarded():
                args = verb_parser.parse_args(args_in)
                return int(args.func(args) or 0)
        with guarded():  # a usage error echoes what was typed
            args = tui_parser.parse_args(args_in)
        return run_tui(args)
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("byline: interrupted", file=sys.stderr)
        return 130


def run_tui(args: argparse.Namespace) -> int:
    """Open the terminal UI on the given library."""
    from tui.app import make_app

    indexer = common.library_indexer(args)
    indexer.restore()  # the cached library shows at once
    plan = indexer.plan(limit=PLAN_BEFORE_UI)  # None for a big library: the app plans it
    if plan is not None and len(plan.todo) <= INDEX_BEFORE_UI:  # the first screen is complete
        indexer.update(plan)
    app = make_app(indexer.library, AnnotationStore(resolve_db_path(args.db)), theme=args.theme, indexer=indexer)
    app.run()
    indexer.save()  # what a run cut short by quitting had indexed
    return app.return_code or 0
