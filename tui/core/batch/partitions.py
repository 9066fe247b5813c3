"""The unit of work: a partition of input lines in, its output lines and bad-line reports
out. :func:`extract_partition` is what every worker runs — here, in a local process, or on a
Dask worker — so every way writes the same bytes. It takes and returns plain tuples of
strings and numbers, and is imported by reference from the installed package: nothing is
pickled that a worker could not import itself."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from tui.core.batch.inputs import Line
from tui.core.extract.jsonl import extraction_line, read_document

PARTITION = 256
"""Lines per partition: a second or so of work, few enough tasks for a scheduler."""

Partition = tuple[tuple[str, int, str], ...]
"""(source, line number, line text) for each line."""
Output = tuple[tuple[bool, str], ...]
"""For each line: (True, the output line) or (False, ``SOURCE line N: why``)."""


def partitions(lines: Iterable[Line], size: int = PARTITION) -> Iterator[Partition]:
    """The lines in order, ``size`` at a time, as plain tuples."""
    stream = iter(lines)
    while chunk := tuple((line.source, line.number, line.text) for line in islice(stream, size)):
        yield chunk


def extract_partition(partition: Partition) -> Output:
    """Extract every document of a partition: its output line, or why the line was skipped."""
    out: list[tuple[bool, str]] = []
    for source, number, text in partition:
        document = read_document(text)
        if isinstance(document, str):
            out.append((False, f"{source} line {number}: {document}"))
        else:
            out.append((True, extraction_line(*document)))
    return tuple(out)
