"""End to end: the real ``byline`` command in a real terminal (tmux), driven by keys."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.unit.feeds_support import HONG_KONG, full_item, routed_server, rss, send, story

pytestmark = pytest.mark.e2e

BYLINE = Path(sys.executable).with_name("byline")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def wait_for(session: str, needle: str, timeout: float = 20.0) -> str:
    """Poll the pane until ``needle`` shows (returns the screen) or fail with what it shows.
    Runs of spaces and line ends count as one space, so a needle may wrap."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if needle in screen or needle in " ".join(screen.split()):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared; the screen shows:\n{screen}")


def quit_from_the_library(name: str, done: Path) -> None:
    """Press q on the library screen and check that byline exits with 0."""
    tmux("send-keys", "-t", name, "q")
    deadline = time.monotonic() + 10
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert done.exists(), "byline did not exit after q"
    assert done.read_text().strip() == "0"


@pytest.fixture
def start(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Start ``byline ARGS…`` in a new tmux session; returns its name and the exit-code file.
    Its notes, cache and data folder (feeds, read marks, saved articles) are the test's own."""
    if shutil.which("tmux") is None:
        pytest.fail("tmux is required for the end-to-end tests (make test installs it)")
    if not BYLINE.exists():
        pytest.fail(f"the byline command is not installed beside {sys.executable}")
    names: list[str] = []

    def run(*args: str) -> tuple[str, Path]:
        name = f"byline-e2e-{uuid.uuid4().hex[:8]}"
        done = tmp_path / f"exit-code-{name}"
        command = " ".join([str(BYLINE), *(shlex.quote(a) for a in args), f"; echo $? > {done}"])
        tmux(
            "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
            "-e", "TERM=xterm-256color", "-e", f"BYLINE_DB={tmp_path / 'notes.json'}",
            "-e", f"XDG_CACHE_HOME={tmp_path / 'cache'}", "-e", f"XDG_DATA_HOME={tmp_path / 'data'}", command,
        )  # fmt: skip
        names.append(name)
        return name, done

    yield run
    for name in names:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


@pytest.fixture
def session(start):  # type: ignore[no-untyped-def]
    return start()


def test_open_the_seed_article_and_quit(session) -> None:  # type: ignore[no-untyped-def]
    name, done = session
    wait_for(name, "articles")
    tmux("send-keys", "-t", name, "f")
    tmux("send-keys", "-t", name, "-l", "nato")
    wait_for(name, "1 of")
    tmux("send-keys", "-t", name, "Enter")
    time.sleep(0.3)
    tmux("send-keys", "-t", name, "Enter")
    screen = wait_for(name, "Photo caption")
    assert "NATO Secretary General Mark Rutte admitted" in screen
    assert "consensus" in screen
    assert "2025-12-02" in screen
    tmux("send-keys", "-t", name, "q")
    wait_for(name, "articles")
    quit_from_the_library(name, done)


def test_search_from_the_library_opens_the_quote_and_escape_comes_back(session) -> None:  # type: ignore[no-untyped-def]
    name, done = session
    wait_for(name, "articles")
    tmux("send-keys", "-t", name, "/")
    wait_for(name, "SEARCH")
    query = "rutte no concensus on ukrane membership"
    tmux("send-keys", "-t", name, "-l", query)  # all at once: no keystroke may be lost
    screen = wait_for(name, "— Mark Rutte")
    assert query in screen and "quote   In practice" in screen
    tmux("send-keys", "-t", name, "Enter")
    wait_for(name, "match 1 of")
    wait_for(name, "there is no consensus on")  # scrolled to the match (drawn just after the status)
    tmux("send-keys", "-t", name, "Escape")
    wait_for(name, "SEARCH")
    tmux("send-keys", "-t", name, "Escape")
    wait_for(name, "sorted by")  # the library's status line
    quit_from_the_library(name, done)


def test_an_article_with_a_title_escape_leaves_the_terminal_title_alone(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "osc.md").write_text(
        '---\ntitle: "Harbour reopens\x1b]0;PWNED-TITLE\x07 after storm"\n---\n\n'
        "The harbour reopened on Monday\x1b]2;PWNED-AGAIN\x07 after three days of storms, "
        "and the first ferry left at noon with forty passengers on board.\n",
        encoding="utf-8",
    )
    name, done = start(str(folder))
    before = tmux("display-message", "-p", "-t", name, "#{pane_title}").strip()
    wait_for(name, "1 articles")
    tmux("send-keys", "-t", name, "Enter")
    screen = wait_for(name, "first ferry left at noon")
    assert "The harbour reopened on Monday after three days of storms" in " ".join(screen.split())
    assert "with forty passengers on board." in " ".join(screen.split())  # the paragraph is whole
    assert "Harbour reopens after storm" in screen
    title = tmux("display-message", "-p", "-t", name, "#{pane_title}").strip()
    assert "PWNED" not in title and title == before
    tmux("send-keys", "-t", name, "q")
    wait_for(name, "articles")
    quit_from_the_library(name, done)


def test_add_a_feed_fetch_it_and_read_a_new_article_with_its_quotes(start) -> None:  # type: ignore[no-untyped-def]
    feed = rss([full_item(HONG_KONG)], title="Loopback News")
    with routed_server() as server:
        server.routes["/feed.xml"] = lambda handler: send(handler, feed, "application/rss+xml")
        name, done = start()
        wait_for(name, "articles")
        tmux("send-keys", "-t", name, "5")
        wait_for(name, "No feeds yet")
        tmux("send-keys", "-t", name, "a")
        wait_for(name, "Add a feed")
        tmux("send-keys", "-t", name, "-l", server.url("/feed.xml"))
        tmux("send-keys", "-t", name, "Enter")
        wait_for(name, "Subscribed to Loopback News", timeout=60)  # the first check loads the HTTP client
        tmux("send-keys", "-t", name, "r")
        wait_for(name, "Fetched 1 feed: 1 new article.", timeout=60)
        wait_for(name, "1 unread")  # the feed's row, once the library has the article
        tmux("send-keys", "-t", name, "Enter")
        screen = wait_for(name, "feed: Loopback News")
        assert "1 articles" in screen and "1 unread" in screen and story(HONG_KONG).title[:24] in screen
        tmux("send-keys", "-t", name, "Enter")
        screen = wait_for(name, "— Carrie Lam")  # a quote, with its speaker under the paragraph
        assert "The government will fully withdraw the bill" in " ".join(screen.split())
        tmux("send-keys", "-t", name, "q")
        screen = wait_for(name, "feed: Loopback News")
        assert "unread" not in screen.splitlines()[-2]  # opened: read now
        quit_from_the_library(name, done)
