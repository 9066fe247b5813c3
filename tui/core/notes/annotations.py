"""Annotations after the W3C Web Annotation model (as Hypothesis uses it).

An annotation points into an article's body text (a ``str``) with a selector that holds both
a position (``start``/``end``) and a quote (``exact`` with ~32 characters of ``prefix`` and
``suffix``); :mod:`~tui.core.notes.anchoring` finds it again when the body changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any, Literal, get_args

Kind = Literal["highlight", "note", "quote", "person"]
Colour = Literal["yellow", "green", "blue", "pink"]
AnchorStatus = Literal["exact", "moved", "fuzzy", "orphan"]

KINDS: tuple[str, ...] = get_args(Kind)
COLOURS: tuple[str, ...] = get_args(Colour)
CONTEXT_CHARS = 32
"""How many characters of prefix and suffix a selector keeps."""

EDITABLE_FIELDS = frozenset({"kind", "colour", "note", "tags", "speaker", "selector", "content_hash"})


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string, e.g. ``2026-11-28T17:45:00.123Z``."""
    return utc_iso(datetime.now(UTC))


def utc_iso(moment: datetime) -> str:
    """``moment`` as Byline writes times: ISO 8601 in UTC, milliseconds, ``Z``."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_utc(text: str) -> datetime | None:
    """An ISO 8601 time (``Z`` or an offset; none means UTC) as an aware UTC datetime, or
    None when ``text`` is not one."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags stripped, without empty ones and repeats, in their first order."""
    if isinstance(tags, str):
        raise ValueError("tags must be a list of strings, not one string")
    return tuple(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))


def new_id() -> str:
    """A fresh annotation id (uuid4 hex): two processes never pick the same one."""
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class TextSelector:
    """Where an annotation points: a TextQuoteSelector and a TextPositionSelector in one.

    ``start``/``end`` index the body the annotation was made on; ``exact`` is
    ``body[start:end]``; ``prefix``/``suffix`` are up to :data:`CONTEXT_CHARS` characters
    either side of it.
    """

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"selector offsets must satisfy 0 <= start < end, got {self.start}..{self.end}")
        if len(self.exact) != self.end - self.start:
            raise ValueError(
                f"selector text has {len(self.exact)} characters but its offsets span {self.end - self.start}"
            )

    @classmethod
    def from_body(cls, body: str, start: int, end: int) -> TextSelector:
        """The selector for ``body[start:end]``, with its context taken from ``body``."""
        if not 0 <= start < end <= len(body):
            raise ValueError(f"span {start}..{end} is not a non-empty span of a {len(body)}-character body")
        return cls(
            exact=body[start:end],
            prefix=body[max(0, start - CONTEXT_CHARS) : start],
            suffix=body[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
        )


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight, note, quote or person mark on one article.

    ``content_hash`` fingerprints the body the selector was made on; ``tags`` are kept
    stripped, non-empty and unique in their first order; times are ISO UTC strings.
    """

    article_id: str
    content_hash: str
    selector: TextSelector
    kind: Kind = "highlight"
    colour: Colour = "yellow"
    note: str = ""
    tags: tuple[str, ...] = ()
    speaker: str | None = None
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=utc_now)
    updated: str = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if self.colour not in COLOURS:
            raise ValueError(f"colour must be one of {', '.join(COLOURS)}, got {self.colour!r}")
        object.__setattr__(self, "tags", clean_tags(self.tags))

    @property
    def duplicate_key(self) -> tuple[str, str, int, str]:
        """What makes two annotations the same note when their ids differ."""
        return (self.article_id, self.selector.exact, self.selector.start, self.note)

    def edited(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` (fields in :data:`EDITABLE_FIELDS`) and a new ``updated`` time."""
        unknown = set(changes) - EDITABLE_FIELDS
        if unknown:
            editable = ", ".join(sorted(EDITABLE_FIELDS))
            raise TypeError(f"cannot change {', '.join(sorted(unknown))}; editable: {editable}")
        return replace(self, **changes, updated=utc_now())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, id first; :meth:`from_dict` turns it back into an equal annotation."""
        data = {"id": self.id} | {f.name: getattr(self, f.name) for f in fields(self)}
        data["selector"] = {f.name: getattr(self.selector, f.name) for f in fields(TextSelector)}
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Annotation:
        """Parse a dict made by :meth:`to_dict`; raises ``ValueError`` naming the bad field."""
        if not isinstance(data, Mapping):
            raise ValueError(f"an annotation must be a JSON object, got {type(data).__name__}")
        raw_selector = _field(data, "selector", Mapping)
        selector = TextSelector(
            exact=_field(raw_selector, "exact", str),
            prefix=_field(raw_selector, "prefix", str),
            suffix=_field(raw_selector, "suffix", str),
            start=_field(raw_selector, "start", int),
            end=_field(raw_selector, "end", int),
        )
        tags = _field(data, "tags", list)
        if not all(isinstance(tag, str) for tag in tags):
            raise ValueError("field 'tags' must be a list of strings")
        speaker = data.get("speaker")
        if speaker is not None and not isinstance(speaker, str):
            raise ValueError("field 'speaker' must be a string or null")
        return cls(
            id=_field(data, "id", str),
            article_id=_field(data, "article_id", str),
            content_hash=_field(data, "content_hash", str),
            selector=selector,
            kind=_field(data, "kind", str),
            colour=_field(data, "colour", str),
            note=_field(data, "note", str),
            tags=tuple(tags),
            speaker=speaker,
            created=_field(data, "created", str),
            updated=_field(data, "updated", str),
        )


def _field(data: Mapping[str, Any], name: str, kind: type) -> Any:
    """``data[name]`` if present and of ``kind`` (an ``int`` field refuses ``bool``)."""
    if name not in data:
        raise ValueError(f"missing field {name!r}")
    value = data[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"field {name!r} must be {kind.__name__}, got {type(value).__name__}")
    return value


def make_annotation(
    article_id: str,
    body: str,
    start: int,
    end: int,
    content_hash: str,
    *,
    kind: Kind = "highlight",
    colour: Colour = "yellow",
    note: str = "",
    tags: Iterable[str] = (),
    speaker: str | None = None,
) -> Annotation:
    """A new annotation on ``body[start:end]`` with exact text, prefix and suffix filled in."""
    now = utc_now()
    return Annotation(
        article_id=article_id,
        content_hash=content_hash,
        selector=TextSelector.from_body(body, start, end),
        kind=kind,
        colour=colour,
        note=note,
        tags=clean_tags(tags),
        speaker=speaker,
        created=now,
        updated=now,
    )
