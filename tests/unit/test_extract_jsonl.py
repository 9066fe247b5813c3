"""The JSON Lines front end used by ``byline extract``: records, bad lines, inputs and the exit code."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.batch.inputs import numbered
from tui.core.batch.run import Written, run


def write_extractions(
    infile: io.StringIO, out: io.StringIO, name: str = "<stdin>", errors: io.StringIO | None = None
) -> Written:
    """Run the extraction over one input stream named ``name``, in partitions of two lines."""
    return run(numbered(name, infile), out, errors or io.StringIO(), size=2)


GOOD = json.dumps({"id": "a", "text": '"We will," she said, "and soon." Anna Berg nodded.', "x": 1})


def test_writes_one_line_per_document_and_skips_bad_lines() -> None:
    src = io.StringIO(
        GOOD + "\n" + "not json\n" + json.dumps({"id": "b"}) + "\n" + "\n" + json.dumps({"id": "c", "text": ""}) + "\n"
    )
    out, err = io.StringIO(), io.StringIO()
    written = write_extractions(src, out, "in.jsonl", err)
    assert (written.done, written.skipped) == (2, 2)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [d["id"] for d in lines] == ["a", "c"]
    quotes = lines[0]["quotes"]
    assert [q["text"] for q in quotes] == ['"We will,"', '"and soon."']
    assert all(set(q) == {"text", "start", "end", "speaker", "kind"} for q in quotes)
    assert quotes[0]["speaker"] == quotes[1]["speaker"]
    assert lines[0]["people"] == [{"text": "Anna Berg", "start": 33, "end": 42, "name": "Anna Berg"}]
    assert lines[1] == {"id": "c", "quotes": [], "people": [], "reported": []}
    assert err.getvalue().splitlines() == ["in.jsonl line 2: not JSON", 'in.jsonl line 3: no "text" field']


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('"text"', "not a JSON object"),
        ('{"id": 1}', 'no "text" field'),
        ('{"id": 1, "text": 5}', '"text" is not a string'),
        ('{"id": 1, "text": null}', '"text" is not a string'),
    ],
)
def test_each_bad_line_says_why_in_plain_words(line: str, why: str) -> None:
    err = io.StringIO()
    written = write_extractions(io.StringIO(GOOD + "\n" + line + "\n"), io.StringIO(), "<stdin>", err)
    assert (written.done, written.skipped) == (1, 1)
    assert err.getvalue() == f"<stdin> line 2: {why}\n"
    assert "Error" not in err.getvalue()  # no Python exception names


def test_reported_speech_is_in_the_record() -> None:
    text = "Anna Berg said that the bridge will reopen in May."
    out = io.StringIO()
    write_extractions(io.StringIO(json.dumps({"id": 7, "text": text}) + "\n"), out)
    (rec,) = [json.loads(line) for line in out.getvalue().splitlines()]
    (r,) = rec["reported"]
    assert set(r) == {"text", "start", "end", "speaker", "cue"}
    assert text[r["start"] : r["end"]] == r["text"] == "the bridge will reopen in May"
    assert (r["speaker"], r["cue"]) == ("Anna Berg", "said")


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "extract", *args], input=stdin, capture_output=True, text=True)


def test_the_cli_names_the_file_and_exits_1_when_a_line_was_skipped(tmp_path: Path) -> None:
    path = tmp_path / "IN.jsonl"
    path.write_text(GOOD + "\n" + '{"id": 2, "text": ["x"]}\n' + GOOD + "\n", encoding="utf-8")
    result = _cli(str(path))
    assert result.returncode == 1
    assert result.stderr == f'{path} line 2: "text" is not a string\n'
    assert len(result.stdout.splitlines()) == 2  # every good line is still written


def test_the_cli_calls_standard_input_stdin_and_exits_0_when_all_lines_are_good() -> None:
    bad = _cli("-", stdin="oops\n")
    assert bad.returncode == 1 and bad.stderr == "<stdin> line 1: not JSON\n" and bad.stdout == ""
    good = _cli(stdin=GOOD + "\n")
    assert good.returncode == 0 and good.stderr == "" and len(good.stdout.splitlines()) == 1
