"""An article's front matter, read by a YAML library: what Obsidian, Hugo and Jekyll write
(block lists, multi-line strings, nested keys, dates) loads as written.

PyYAML's safe loader (its C loader where present: about 40 µs a header, a few per cent of
indexing an article) builds plain data only, never objects. Front matter that is not valid
YAML is named with its line; its plain ``key: value`` lines are still read (a title such as
``Breaking: the news`` is a common slip), and the body is read either way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml


@cache
def _loader() -> type[yaml.SafeLoader]:
    """The safe loader (in C where present), with dates left as text: the article's date is
    read by the loader's own rules, and a bad one is a warning, not an exception. Made on
    first use: importing PyYAML costs every CLI call 20 ms, and a warm one reads no file."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    Loader.yaml_implicit_resolvers = {
        first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


_PLAIN_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


@dataclass(slots=True)
class FrontMatter:
    """The keys of a front matter block (lower-cased, values as YAML gave them) and the
    warnings met reading it."""

    values: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def text(self, key: str) -> str:
        """A value as one string ("" when absent; a list is joined with commas)."""
        value = self.values.get(key)
        if value is None:
            return ""
        if isinstance(value, list | tuple):
            return ", ".join(_scalar(v) for v in value if v is not None)
        return _scalar(value)

    def names(self, *keys: str) -> tuple[str, ...]:
        """The first of ``keys`` present as a list of names: a YAML list, or one string of
        names split at commas and "and"."""
        for key in keys:
            value = self.values.get(key)
            if isinstance(value, list | tuple):
                return tuple(s for s in (_scalar(v).strip() for v in value if v is not None) if s)
            if value is not None and not isinstance(value, Mapping):
                return tuple(s.strip() for s in re.split(r",| and ", _scalar(value)) if s.strip())
        return ()


def read_front_matter(lines: list[str]) -> FrontMatter:
    """Read the lines between the ``---`` fences (the first is line 2 of the file)."""
    import yaml

    source = "\n".join(lines)
    try:
        data = yaml.load(source, Loader=_loader())  # a safe loader: plain data, never objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}" if mark is not None else "a line"
        problem = getattr(exc, "problem", None) or "cannot be read"
        warning = f"front matter {where} is not valid YAML ({problem}); its plain 'key: value' lines are read"
        return FrontMatter(_plain_lines(lines), [warning])
    if data is None:
        return FrontMatter()
    if not isinstance(data, Mapping):
        return FrontMatter({}, [f"front matter is {type(data).__name__}, not 'key: value' pairs; ignored"])
    return FrontMatter({str(key).lower(): value for key, value in data.items()})


def _plain_lines(lines: list[str]) -> dict[str, Any]:
    """The ``key: value`` lines of a block YAML could not read, values as written."""
    values: dict[str, Any] = {}
    for line in lines:
        match = _PLAIN_LINE.match(line)
        if match and match.group(2):
            values.setdefault(match.group(1).lower(), _unquote(match.group(2)))
    return values


def _unquote(raw: str) -> str:
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return raw[1:-1]
    return raw


def _scalar(value: Any) -> str:
    """A YAML scalar as text: dates as ISO, booleans and numbers as written by ``str``."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return ""
    return str(value)
