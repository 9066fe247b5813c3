"""One small JSON document on disk, crash-safe and shared between processes: the storage
under subscriptions and read state.

Reads are bounded and see a whole file (it is only ever replaced by
:func:`~tui.core.durable.atomic_write`); each change re-reads the file under
:func:`~tui.core.durable.file_lock`, so two Byline processes lose nothing. A file that is not
a Byline document of this kind is reported (:class:`DamagedFile`) and never overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tui.core.durable import UnreadableFile, atomic_write, file_lock, make_dirs, read_regular, remove_stray_temps

MAX_BYTES = 64 * 1024 * 1024


class DamagedFile(Exception):
    """A state file that cannot be used; it is kept as it is. ``reason`` in plain words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}; the file is kept as it is (move it aside to start afresh)")
        self.path = path
        self.reason = reason


class JsonDocument:
    """The document at ``path``, marked ``{"format": kind, "schema_version": 1}``."""

    SCHEMA_VERSION = 1

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        remove_stray_temps(path)

    def load(self) -> dict[str, Any]:
        """The document (``{}`` when there is no file yet); raises :class:`DamagedFile`."""
        try:
            raw = read_regular(self.path, MAX_BYTES)
        except FileNotFoundError:
            return {}
        except UnreadableFile as exc:
            raise DamagedFile(self.path, exc.reason) from exc
        except OSError as exc:
            raise DamagedFile(self.path, f"cannot be read ({exc.strerror or exc})") from exc
        if not raw.strip():
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise DamagedFile(self.path, f"not UTF-8 text (a bad byte at offset {exc.start})") from exc
        except json.JSONDecodeError as exc:
            raise DamagedFile(
                self.path, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
            ) from exc
        if not isinstance(data, dict) or data.get("format") != self.kind:
            raise DamagedFile(self.path, f"not a Byline {self.kind} file")
        version = data.get("schema_version")
        if not isinstance(version, int) or not 1 <= version <= self.SCHEMA_VERSION:
            raise DamagedFile(self.path, f"schema version {version!r}, which this Byline does not read")
        return data

    @contextmanager
    def editing(self) -> Iterator[dict[str, Any]]:
        """The document under the lock; changes made to it are written when the block ends
        (nothing is written when it raises)."""
        make_dirs(self.path.parent)
        with file_lock(self.path):
            data = self.load()
            yield data
            data.update(format=self.kind, schema_version=self.SCHEMA_VERSION)
            atomic_write(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
