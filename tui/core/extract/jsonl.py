"""JSON Lines in, extractions out: the engine behind ``byline extract``."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from .model import Extraction
from .pipeline import extract


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


def write_extractions(infile: TextIO, outfile: TextIO) -> int:
    """Read ``{"id", "text"}`` lines, write one extraction line each; return the lines processed.

    A line that is not a JSON object with a string ``text`` is reported on stderr with its
    line number and skipped; blank lines are ignored.
    """
    done = 0
    for n, line in enumerate(infile, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            text = doc["text"]
            if not isinstance(text, str):
                raise TypeError("'text' is not a string")
            doc_id = doc.get("id")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            print(f"line {n}: skipped: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        record = extraction_record(doc_id, text, extract(text))
        outfile.write(json.dumps(record, ensure_ascii=False) + "\n")
        done += 1
    return done
