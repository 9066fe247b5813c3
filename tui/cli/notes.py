"""``byline notes``: list, add, export and import annotations from scripts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.cli import common
from tui.core.notes.anchoring import find_quote
from tui.core.notes.annotations import COLOURS
from tui.core.notes.db_file import StoreError
from tui.core.notes.formats.exporting import (
    DEFAULT_NAME,
    EXPORT_FORMATS,
    FOLDER_FORMATS,
    format_for,
    render,
    write_export,
)
from tui.core.notes.formats.importing import IMPORT_FORMATS, parse_import, read_import, save_import
from tui.core.notes.formats.parsed import BadImport
from tui.core.notes.notebook import Notebook, annotation_kind
from tui.core.notes.store import AnnotationStore, open_store, resolve_db_path
from tui.core.text import one_line


class IntermixedParser(argparse.ArgumentParser):
    """A verb's parser that takes its options and positionals in any order
    (``notes add ID --quote TEXT PATHS``): the parser above hands it its arguments through
    ``parse_known_args``, which here parses them as ``parse_intermixed_args`` does."""

    _intermixing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._intermixing:  # the two passes of the intermixed parse itself
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``notes`` verb and its sub-verbs list, add, export and import."""
    notes = sub.add_parser(
        "notes",
        description="annotations (highlights, notes, tags) for scripts",
        help="list, add, export and import annotations",
    )
    verbs = notes.add_subparsers(dest="notes_verb", metavar="SUBVERB", required=True, parser_class=IntermixedParser)

    listing = verbs.add_parser("list", description="print every annotation", help="print every annotation")
    listing.add_argument("--tag", help="only annotations with this tag")
    listing.add_argument("--json", action="store_true", help="print a JSON array of annotation objects")
    listing.set_defaults(func=run_list)

    add = verbs.add_parser(
        "add",
        description="annotate the first place an article reads TEXT; "
        "exits 0 only once the annotation is durably on disk",
        help="annotate a quote or passage of an article",
    )
    add.add_argument("article", metavar="ARTICLE_ID", help="the article's id (see byline list)")
    add.add_argument(
        "--quote",
        required=True,
        metavar="TEXT",
        help="the text to annotate, as the article has it (case, curly quotes and spacing may differ)",
    )
    add.add_argument("--note", default="", help="the note's text")
    add.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeat for several)")
    add.add_argument("--colour", choices=COLOURS, default="yellow", help="highlight colour")
    common.add_library_args(add)
    add.set_defaults(func=run_add)

    export = verbs.add_parser(
        "export",
        description="write every annotation as Markdown (grouped by article), Byline JSON (which 'notes import' "
        "reads back), Readwise CSV, W3C Web Annotation JSON-LD, or an Obsidian vault folder (a note per article; "
        "exporting again updates the same notes and keeps what you wrote below their marker line)",
        help="export annotations (Markdown, JSON, Readwise, W3C, Obsidian)",
    )
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help="output format (default: the one -o FILE's extension names, .md .json .csv .jsonld; else md)",
    )
    export.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE|DIR",
        help=f"write to FILE instead of stdout (into DIR: {DEFAULT_NAME}.EXT; obsidian: the notes go in DIR)",
    )
    common.add_library_args(export)
    export.set_defaults(func=run_export)

    imported = verbs.add_parser(
        "import",
        description="add the annotations of an export: Byline JSON, W3C Web Annotation JSON-LD (Byline's own "
        "comes back exactly) or Hypothesis JSON, whose annotations are matched to the library's articles by URL "
        "and found by their quote; those already there are recognised and skipped, those with no article or no "
        "place in it are named on stderr and left out (exit 1)",
        help="import Byline JSON, W3C Web Annotation or Hypothesis exports",
    )
    imported.add_argument("file", type=Path, metavar="FILE", help="the export to read (up to 64 MiB)")
    imported.add_argument(
        "--format", choices=IMPORT_FORMATS, help="the file's format (default: recognised from its content)"
    )
    common.add_library_args(imported)
    imported.set_defaults(func=run_import)

    for parser in (listing, add, export, imported):
        common.add_db_arg(parser)
        parser.add_argument(
            "--backup-damaged",
            action="store_true",
            help="if the annotation file is damaged, move it aside to a timestamped backup and start a new one",
        )


def notes_store(args: argparse.Namespace, *, writing: bool) -> AnnotationStore | None:
    """The annotation store named by ``--db``; a damaged file is reported, moved aside only
    with ``--backup-damaged``, and otherwise refused for writing (None)."""
    try:
        store, notice = open_store(resolve_db_path(args.db), backup=args.backup_damaged)
    except StoreError as exc:
        common.fail(str(exc))
        return None
    if notice:
        print(f"byline: {'warning: ' if store.read_only else ''}{notice}", file=sys.stderr)
    if writing and store.read_only:
        common.fail(
            "annotations are read-only; the file is left as it is "
            "(--backup-damaged moves it aside and starts a new one)"
        )
        return None
    return store


def run_list(args: argparse.Namespace) -> int:
    """Print the annotations (those the file still holds, even when it is damaged)."""
    store = notes_store(args, writing=False)
    if store is None:
        return 1
    annotations = [a for a in store.all() if args.tag is None or args.tag in a.tags]
    if args.json:
        common.print_json([a.to_dict() for a in annotations])
        return 0
    for a in annotations:
        tags = " ".join(f"#{tag}" for tag in a.tags)
        print(f"{a.id}  {a.article_id}  {a.kind}/{a.colour}  {a.updated}  {tags}".rstrip())
        print(f'    "{one_line(a.selector.exact)}"')
        if a.note:
            print("    " + a.note.replace("\n", "\n    "))
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Annotate the first occurrence of ``--quote`` in the article; 0 once it is on disk."""
    store = notes_store(args, writing=True)
    if store is None:
        return 1
    library = common.open_library(args)
    article = library.get(args.article)
    if article is None:
        return common.fail(f"no article with id {args.article!r} (see byline list)")
    span = find_quote(article.body, args.quote)
    if span is None:
        return common.fail(f"article {args.article} does not contain {args.quote!r}")
    fields = annotation_kind(library.extraction(args.article), *span)
    try:
        annotation = Notebook(store, library).annotate(
            article, *span, note=args.note, tags=args.tag, colour=args.colour, **fields
        )
    except StoreError as exc:
        return common.fail(str(exc))
    print(annotation.id)
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write every annotation in the chosen format, to stdout or to ``-o``; non-zero when a
    note of a vault was left as it was."""
    fmt = args.format or (args.output and format_for(args.output)) or "md"
    if fmt in FOLDER_FORMATS and args.output is None:
        return common.fail(f"{fmt} writes a folder of notes: give it with -o DIR")
    store = notes_store(args, writing=False)
    if store is None:
        return 1
    annotations = store.all()
    articles = {} if fmt == "json" else {a.id: a for a in common.open_library(args).articles}
    if args.output is None:
        sys.stdout.write(render(fmt, annotations, articles))
        return 0
    try:
        written = write_export(fmt, annotations, articles, args.output)
    except OSError as exc:
        return common.fail(f"{args.output}: cannot write ({exc.strerror or exc})")
    for message in written.left_alone:
        print(f"byline: warning: {message}", file=sys.stderr)
    print(f"byline: {written.summary()}", file=sys.stderr)
    return 1 if written.left_alone else 0


def run_import(args: argparse.Namespace) -> int:
    """Add the annotations of an export, skipping duplicates; non-zero when any record could
    not be read or any annotation was left out. A file that cannot be imported changes nothing."""
    try:
        _, parsed = parse_import(read_import(args.file), args.format)
    except BadImport as exc:
        return common.fail(f"{args.file}: {exc}; nothing was imported")
    store = notes_store(args, writing=True)
    if store is None:
        return 1
    library = common.open_library(args) if parsed.foreign else None
    try:
        result = save_import(store, parsed, library)
    except StoreError as exc:
        return common.fail(str(exc))
    for error in result.errors:
        print(f"byline: error: {args.file}: {error}", file=sys.stderr)
    for left in result.left_out:
        print(f"byline: left out: {left.uri}: {left.reason}", file=sys.stderr)
    print(
        f"imported {result.added}, already there {result.duplicates}, "
        f"unreadable {len(result.errors)}, left out {len(result.left_out)}"
    )
    return 1 if result.errors or result.left_out else 0
