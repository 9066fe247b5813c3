"""Shared fixtures: where the repository, the bundled seeds and the sibling shared/ folder are."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# The same examples on every run: a property test that fails, fails everywhere, not at
# random in CI. To hunt for new counterexamples, load a profile without derandomize.
settings.register_profile("byline", derandomize=True)
settings.load_profile("byline")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_ID = "000_0d8a2504ec654811"
SEED_FILE = SEEDS / f"{SEED_ID}.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_corpus() -> Path:
    """The shared corpus of real articles; tests that need it skip where it is absent."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("the shared corpus is not available")
    return corpus


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own annotation file and cache folder, never the user's."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("BYLINE_DB", str(home / "annotations.json"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    return home
