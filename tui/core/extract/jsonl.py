"""JSON Lines in, extractions out: one input line read, one output line made (the batch
runner, :mod:`tui.core.batch`, runs these over whole archives)."""

from __future__ import annotations

import json
from typing import Any

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


def extraction_line(doc_id: Any, text: str) -> str:
    """One output line of ``byline extract``: the extraction of ``text`` as JSON (no newline)."""
    return json.dumps(extraction_record(doc_id, text, extract(text)), ensure_ascii=False)


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
