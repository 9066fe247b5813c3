"""How reliable is the annotation store? Prints figures, with plain TinyDB as the peer.

* kill loop: a forked child adds records (and edits notes) in a loop and writes each new
  id to a pipe once the add has returned; the parent SIGKILLs it at a random moment, then checks that the file
  loads and holds every acknowledged id. Repeated for Byline's store and for plain TinyDB
  (``JSONStorage``, the default).
* concurrency: two processes add 500 records each to one file at the same time.
* re-anchoring: random edits of real article text (from ``seeds/`` or the sibling
  ``shared/corpus/``), outside an annotated span, inside it, or removing it.

Usage: python bench/store_reliability.py [--kills N] [--trials N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tinydb import TinyDB  # noqa: E402

from tui.core.durable import TEMP_SUFFIX  # noqa: E402
from tui.core.notes.anchoring import reanchor  # noqa: E402
from tui.core.notes.annotations import make_annotation  # noqa: E402
from tui.core.notes.store import AnnotationStore  # noqa: E402

Emit = Callable[[str], None]
_BODY = (
    "“We will not be rushed,” the minister said on Tuesday, adding that talks would resume "
    "after the summer. Critics called the delay “a failure of nerve”. " * 8
)


@dataclass(frozen=True)
class Subject:
    """A storage under test: how a child writes records, how the parent reads their ids."""

    name: str
    write: Callable[[Path, Emit, int | None], None]  # add `count` records (None: forever)
    load_ids: Callable[[Path], set[str] | None]  # None: the file does not load


def _note(rng: random.Random) -> str:
    return "a note " * rng.randrange(20)


def _byline_write(path: Path, emit: Emit, count: int | None) -> None:
    store = AnnotationStore(path)
    rng = random.Random()
    added: list[str] = []
    while count is None or len(added) < count:
        start = rng.randrange(len(_BODY) - 60)
        annotation = make_annotation("bench", _BODY, start, start + rng.randrange(5, 60), "hash", note=_note(rng))
        added.append(store.add(annotation).id)
        emit(annotation.id)
        if rng.random() < 0.5:  # edit a note: the file may shrink
            store.update(rng.choice(added), note=_note(rng))


def _byline_ids(path: Path) -> set[str] | None:
    store = AnnotationStore(path)
    return None if store.problem else {a.id for a in store.all()}


def _tinydb_write(path: Path, emit: Emit, count: int | None) -> None:
    db = TinyDB(path)
    rng = random.Random()
    added: list[int] = []
    while count is None or len(added) < count:
        record_id = uuid.uuid4().hex
        added.append(db.insert({"id": record_id, "exact": _BODY[: rng.randrange(5, 60)], "note": _note(rng)}))
        emit(record_id)
        if rng.random() < 0.5:
            db.update({"note": _note(rng)}, doc_ids=[rng.choice(added)])


def _tinydb_ids(path: Path) -> set[str] | None:
    try:
        data = json.loads(path.read_bytes() or b"{}")
        return {doc["id"] for doc in data.get("_default", {}).values()}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return None


BYLINE = Subject("Byline AnnotationStore", _byline_write, _byline_ids)
PLAIN_TINYDB = Subject("plain TinyDB JSONStorage", _tinydb_write, _tinydb_ids)


def _fork_writer(subject: Subject, path: Path, count: int | None, pipe: tuple[int, int]) -> int:
    """Fork a child that runs ``subject.write`` and reports ids on the pipe's write end."""
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        os.close(pipe[0])
        subject.write(path, lambda record_id: os.write(pipe[1], f"{record_id}\n".encode()), count)
    except BaseException as exc:  # the child must never return into the parent's code
        print(f"{subject.name} writer died: {exc!r}", file=sys.stderr)
        code = 1
    finally:
        os._exit(code)


def _first_line(fd: int, timeout: float) -> list[str]:
    """Wait (up to ``timeout`` s) for a child's first acknowledged id; returns it (none if the
    child wrote nothing in time). Reads byte by byte, so nothing after it is taken."""
    line = b""
    deadline = time.monotonic() + timeout
    while not line.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return []
        byte = os.read(fd, 1)
        if not byte:
            return []
        line += byte
    return [line.decode().strip()]


def _drain(fd: int) -> list[str]:
    """Everything left in a pipe whose writers have all closed or died, as lines."""
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode().split()


@dataclass(frozen=True)
class KillResult:
    kills: int
    survived: int  # kills after which the file loaded
    acknowledged: int  # adds that returned before their writer was killed
    lost: int  # acknowledged records missing afterwards (all of them, if the file broke)
    writer_failures: int  # children that died of an error before the kill
    mid_write: int  # kills that left a Byline temp file behind: the child was writing


def kill_loop(
    subject: Subject, directory: Path, kills: int, seed: int, max_delay: float = 0.02, kills_per_file: int = 50
) -> KillResult:
    """SIGKILL a child that adds records and edits notes, ``kills`` times, each a random delay
    up to ``max_delay`` seconds after its first acknowledged add (so every kill lands in the
    write loop however loaded the machine is). A new file every ``kills_per_file`` kills (to
    keep files small) and after a kill that broke the file."""
    rng = random.Random(seed)
    survived = acknowledged = lost = failures = mid_write = 0
    path = directory / "unused"
    expected: set[str] = set()
    for round_ in range(kills):
        if round_ % kills_per_file == 0:
            path, expected = directory / f"kill-{round_}.json", set()
        read_end, write_end = os.pipe()
        pid = _fork_writer(subject, path, None, (read_end, write_end))
        os.close(write_end)
        first = _first_line(read_end, timeout=30.0)
        time.sleep(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        failures += not os.WIFSIGNALED(status)
        acked = [*first, *_drain(read_end)]
        acknowledged += len(acked)
        mid_write += any(name.endswith(TEMP_SUFFIX) for name in os.listdir(directory))
        expected.update(acked)
        found = subject.load_ids(path)
        if found is None:
            lost += len(expected)
            path, expected = directory / f"kill-{round_}-fresh.json", set()
            continue
        survived += 1
        missing = expected - found
        lost += len(missing)
        expected -= missing
    return KillResult(kills, survived, acknowledged, lost, failures, mid_write)


@dataclass(frozen=True)
class ConcurrencyResult:
    expected: int
    acknowledged: int  # adds that returned in a writer
    kept: int  # acknowledged records in the file afterwards
    loadable: bool
    writer_failures: int


def concurrent_inserts(subject: Subject, path: Path, processes: int = 2, each: int = 500) -> ConcurrencyResult:
    """``processes`` children add ``each`` records to ``path`` at the same time."""
    read_end, write_end = os.pipe()
    pids = [_fork_writer(subject, path, each, (read_end, write_end)) for _ in range(processes)]
    os.close(write_end)
    acked = set(_drain(read_end))
    failures = sum(os.waitpid(pid, 0)[1] != 0 for pid in pids)
    found = subject.load_ids(path)
    return ConcurrencyResult(
        processes * each, len(acked), len(acked & found) if found else 0, found is not None, failures
    )


# --- re-anchoring --------------------------------------------------------------------------


def load_bodies(root: Path = ROOT) -> list[str]:
    """Article bodies (front matter removed) from ``seeds/`` and the sibling
    ``shared/corpus/``, each file name once; empty if neither is there."""
    files: dict[str, Path] = {}
    for folder in (root / "seeds", root.parent / "shared" / "corpus"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.suffix in {".md", ".txt"} and path.name not in {"README.md", "ATTRIBUTION.md"}:
                files.setdefault(path.name, path)
    bodies = (_strip_front_matter(path.read_text(encoding="utf-8")) for path in files.values())
    return [body for body in bodies if len(body) > 400]


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5 :].lstrip("\n")
    return text


def _words(rng: random.Random, body: str, count: int) -> str:
    """``count`` random words of ``body`` joined by spaces (realistic inserted text)."""
    words = body.split()
    return " ".join(rng.choice(words) for _ in range(count))


def reanchor_trials(bodies: list[str], trials: int, seed: int) -> dict[str, Counter[str]]:
    """Outcomes of re-anchoring after random edits, per scenario.

    ``elsewhere``: one insert/delete/replace outside the span; right = exact or moved to the
    shifted span. ``inside``: up to half of the span replaced by other words; right = an
    anchor overlapping the edited span. ``removed``: the span cut out; right = orphan.
    """
    rng = random.Random(seed)
    outcomes: dict[str, Counter[str]] = {"elsewhere": Counter(), "inside": Counter(), "removed": Counter()}
    for _ in range(trials):
        body = rng.choice(bodies)
        length = rng.randrange(10, 200)
        start = rng.randrange(0, len(body) - length)
        end = start + length
        annotation = make_annotation("a", body, start, end, "h")

        # elsewhere
        at = rng.choice([rng.randrange(0, start + 1), rng.randrange(end, len(body) + 1)])
        cut = min(rng.randrange(0, 40), start - at if at <= start else len(body) - at)
        inserted = _words(rng, body, rng.randrange(0, 8))
        edited = body[:at] + inserted + body[at + cut :]
        shift = len(inserted) - cut if at <= start else 0
        anchor = reanchor(annotation, edited)
        right = anchor.status in ("exact", "moved") and anchor.start == start + shift
        outcomes["elsewhere"]["right" if right else anchor.status] += 1

        # inside
        cut = rng.randrange(1, length // 2 + 1)
        at = rng.randrange(start, end - cut + 1)
        inserted = _words(rng, body, 20)[: rng.randrange(0, cut + 1)]
        edited = body[:at] + inserted + body[at + cut :]
        new_end = end + len(inserted) - cut
        anchor = reanchor(annotation, edited)
        on_target = anchor.found and anchor.start < new_end and anchor.end > start
        outcomes["inside"][f"{anchor.status} on target" if on_target else anchor.status] += 1

        # removed
        anchor = reanchor(annotation, body[:start] + body[end:])
        outcomes["removed"]["right" if not anchor.found else anchor.status] += 1
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300, help="kills per storage (default 300)")
    parser.add_argument("--trials", type=int, default=2000, help="re-anchoring trials (default 2000)")
    parser.add_argument("--seed", type=int, default=20261128)
    args = parser.parse_args()

    print(f"{'storage':<28} {'kills survived':>16} {'acked lost':>14} {'concurrent kept':>18}  seconds")
    for subject in (BYLINE, PLAIN_TINYDB):
        with tempfile.TemporaryDirectory() as tmp:
            began = time.perf_counter()
            kills = kill_loop(subject, Path(tmp), args.kills, args.seed)
            together = concurrent_inserts(subject, Path(tmp) / "concurrent.json")
            kept = f"{together.kept}/{together.expected}" + ("" if together.loadable else " (corrupt)")
            print(
                f"{subject.name:<28} {kills.survived:>7}/{kills.kills:<8} {kills.lost:>6}/{kills.acknowledged:<7}"
                f" {kept:>18}  {time.perf_counter() - began:6.1f}"
            )
            if subject is BYLINE:
                print(f"{'':<28} ({kills.mid_write} kills landed between writing the temp file and the rename)")

    bodies = load_bodies()
    if not bodies:
        print("re-anchoring: skipped, no articles in seeds/ or ../shared/corpus/")
        return 0
    began = time.perf_counter()
    outcomes = reanchor_trials(bodies, args.trials, args.seed)
    print(
        f"re-anchoring over {args.trials} random edits of {len(bodies)} articles ({time.perf_counter() - began:.1f} s):"
    )
    for scenario, counts in outcomes.items():
        total = sum(counts.values())
        right = counts["right"] + sum(v for k, v in counts.items() if k.endswith("on target"))
        detail = ", ".join(f"{key} {value}" for key, value in sorted(counts.items()))
        print(f"  {scenario:<10} {right}/{total} right ({100 * right / total:.1f}%)  [{detail}]")
    print("  (moved after an edit inside or a removal: the original text also occurs elsewhere)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
