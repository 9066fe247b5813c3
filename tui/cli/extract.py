"""``byline extract``: quotes, speakers, reported speech and people for JSON Lines input or
article folders, as JSON Lines, in this process, on local processes or on a Dask cluster."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tui.cli import common
from tui.core.batch.partitions import PARTITION
from tui.core.library.files import LoadProblem


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``extract`` verb."""
    parser = sub.add_parser(
        "extract",
        description="extract quotes, speakers, reported speech and people from JSON Lines of "
        '{"id", "text"} (files, or standard input as -) or article folders (one line per article: its id '
        "and body); one output line per input line, in input order, whether run here, on --jobs processes "
        "or on a Dask cluster (--dask): the bytes are the same",
        help="extract quotes, speakers, reported speech and people from JSON Lines or article folders",
    )
    parser.add_argument(
        "inputs", nargs="*", default=["-"], metavar="INPUT", help="JSON Lines files, - for standard input, or folders"
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    parser.add_argument(
        "--jobs", type=common.positive, default=1, metavar="N", help="worker processes (default 1: this process)"
    )
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' for a LocalCluster of "
        "--jobs workers on this machine; needs pip install 'byline[dask]'",
    )
    parser.add_argument(
        "--partition",
        type=common.positive,
        default=PARTITION,
        metavar="N",
        help=f"input lines per unit of work sent to a process or a Dask worker (default {PARTITION})",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Extract every input line; 1 when an input could not be read or a line was skipped."""
    from tui.core.batch.inputs import read_inputs
    from tui.core.batch.run import DaskMissing
    from tui.core.batch.run import run as run_batch

    problems: list[LoadProblem] = []
    try:
        with _output(args.output) as out:
            written = run_batch(
                read_inputs(args.inputs, sys.stdin, problems),
                out,
                sys.stderr,
                jobs=args.jobs,
                dask=args.dask,
                size=args.partition,
            )
    except DaskMissing as exc:
        return common.fail(str(exc))
    except OSError as exc:
        return common.fail(f"{exc.filename or args.output}: {exc.strerror or exc}")
    for problem in problems:
        print(f"byline: {problem.severity}: {problem}", file=sys.stderr)
    return 1 if written.skipped or any(p.severity == "error" for p in problems) else 0


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a temporary file beside ``path`` renamed over it once every line is written
    (a run that fails leaves what was there before)."""
    if path is None:
        yield sys.stdout
        return
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)
