"""Where Byline's bundled files and per-user data live."""

from __future__ import annotations

from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent.parent
APP_NAME = "byline"


def _bundled(name: str) -> Path:
    """A folder shipped in the wheel (``tui/_data/NAME``) or, in a source checkout, beside ``tui/``."""
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def seeds_dir() -> Path:
    """The bundled article library, the default when no paths are given."""
    return _bundled("seeds")


def styles_dir() -> Path:
    """The folder of Textual ``.tcss`` style sheets."""
    return _bundled("styles")


def data_dir() -> Path:
    """The per-user data folder (annotations live here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The per-user cache folder (the library cache lives here)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
