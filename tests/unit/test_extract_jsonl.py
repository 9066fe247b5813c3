"""The JSON Lines front end used by ``byline extract``."""

from __future__ import annotations

import io
import json

from tui.core.extract.jsonl import write_extractions


def test_writes_one_line_per_document_and_reports_bad_lines(capsys) -> None:
    src = io.StringIO(
        json.dumps({"id": "a", "text": '"We will," she said, "and soon." Anna Berg nodded.', "x": 1})
        + "\n"
        + "not json\n"
        + json.dumps({"id": "b"})
        + "\n"
        + "\n"
        + json.dumps({"id": "c", "text": ""})
        + "\n"
    )
    out = io.StringIO()
    assert write_extractions(src, out) == 2
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [d["id"] for d in lines] == ["a", "c"]
    quotes = lines[0]["quotes"]
    assert [q["text"] for q in quotes] == ['"We will,"', '"and soon."']
    assert all(set(q) == {"text", "start", "end", "speaker", "kind"} for q in quotes)
    assert quotes[0]["speaker"] == quotes[1]["speaker"]
    assert lines[0]["people"] == [{"text": "Anna Berg", "start": 33, "end": 42, "name": "Anna Berg"}]
    err = capsys.readouterr().err
    assert "line 2" in err and "line 3" in err
