"""What a fetch may cost (:class:`Limits`) and how a run goes about it (:class:`Options`).
Plain data with no imports, so the command line can show the defaults without loading the
HTTP client or the extractors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_JOBS = 32


@dataclass(frozen=True, slots=True)
class Limits:
    """What one fetch may cost. Tests shrink the times; the defaults are the issue's."""

    connect_timeout: float = 10.0
    deadline: float = 30.0
    max_redirects: int = 5
    max_bytes: int = 10 * 1024 * 1024
    per_host: int = 2


@dataclass(frozen=True, slots=True)
class Options:
    """How a run fetches: ``jobs`` feeds at once, ``processes`` extraction workers (None: see
    :mod:`.workers`; 0: a thread here), articles saved under ``into`` (None: the articles
    folder)."""

    limits: Limits = field(default_factory=Limits)
    jobs: int = DEFAULT_JOBS
    processes: int | None = None
    into: Path | None = None
