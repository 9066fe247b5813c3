"""A plain, non-editable ``pip install .`` into a fresh venv gives a working ``byline``."""

from __future__ import annotations

import json
import subprocess
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_ID

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_wheel_install_works_from_any_directory(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(REPO)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    listing = subprocess.run(
        [str(env_dir / "bin" / "byline"), "list", "--json"], capture_output=True, text=True, cwd=elsewhere
    )
    assert listing.returncode == 0, listing.stderr
    articles = {a["id"]: a for a in json.loads(listing.stdout)}
    assert articles[SEED_ID]["date"] == "2025-12-02"
    assert len(articles) > 30
    assert "site-packages" in articles[SEED_ID]["path"], "the seeds ship inside the wheel"
    styles = subprocess.run(
        [str(python), "-c", "from tui.core.paths import styles_dir; print(styles_dir())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
    )
    assert "site-packages" in styles.stdout and Path(styles.stdout.strip(), "app.tcss").is_file()
