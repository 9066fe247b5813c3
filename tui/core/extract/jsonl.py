"""JSON Lines in, extractions out: the engine behind ``byline extract``."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any, TextIO

from .model import Extraction
from .pipeline import extract


@dataclass(frozen=True, slots=True)
class Written:
    """What :func:`write_extractions` did: lines written and lines skipped as bad."""

    done: int
    skipped: int


def extraction_record(doc_id: Any, text: str, ex: Extraction) -> dict[str, Any]:
    """The JSON shape of one extraction; an interrupted quote gives one object per span."""
    quotes = [
        {"text": text[s:e], "start": s, "end": e, "speaker": q.speaker, "kind": q.kind}
        for q in ex.quotes
        for s, e in (q.spans or ((q.start, q.end),))
    ]
    people = [{"text": p.text, "start": p.start, "end": p.end, "name": p.name} for p in ex.people]
    reported = [
        {"text": r.text, "start": r.start, "end": r.end, "speaker": r.speaker, "cue": r.cue} for r in ex.reported
    ]
    return {"id": doc_id, "quotes": quotes, "people": people, "reported": reported}


def read_document(line: str) -> tuple[Any, str] | str:
    """``(id, text)`` from one input line, or why the line cannot be read, in plain words."""
    try:
        doc = json.loads(line)
    except ValueError:
        return "not JSON"
    if not isinstance(doc, dict):
        return "not a JSON object"
    if "text" not in doc:
        return 'no "text" field'
    text = doc["text"]
    if not isinstance(text, str):
        return '"text" is not a string'
    return doc.get("id"), text


def write_extractions(infile: TextIO, outfile: TextIO, name: str = "<stdin>", errors: TextIO | None = None) -> Written:
    """Read ``{"id", "text"}`` lines, write one extraction line for each good one.

    A bad line is reported on ``errors`` (stderr unless told) as ``NAME line N: why`` and
    skipped; blank lines are ignored.
    """
    errors = errors or sys.stderr
    done = skipped = 0
    for n, line in enumerate(infile, 1):
        if not line.strip():
            continue
        doc = read_document(line)
        if isinstance(doc, str):
            print(f"{name} line {n}: {doc}", file=errors)
            skipped += 1
            continue
        doc_id, text = doc
        outfile.write(json.dumps(extraction_record(doc_id, text, extract(text)), ensure_ascii=False) + "\n")
        done += 1
    return Written(done, skipped)
