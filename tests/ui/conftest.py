"""UI test helpers: an app over the bundled seeds, with a fixed size and no cursor blink."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tui.app import BylineApp, make_app
from tui.core.library.library import Library

SIZE = (110, 36)


def seed_app(paths: list[Path] | None = None) -> BylineApp:
    """A Byline app over the bundled seeds (or other paths)."""
    return make_app(Library.open(paths or [SEEDS]))


@pytest.fixture
def app() -> BylineApp:
    return seed_app()


def screen_text(app: BylineApp) -> str:
    """Everything the screen shows now, as plain text lines (what a person would read)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def until(pilot, condition) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds (the test fails if it never does)."""
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")
