"""Exporting notes: pick a format, render it, write it where the user said (atomically),
and say what was written. The CLI and the Notes screen both export through here."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.core.durable import atomic_write
from tui.core.library.article import Article
from tui.core.notes.annotations import Annotation
from tui.core.notes.formats.byline_json import export_json
from tui.core.notes.formats.markdown import export_markdown
from tui.core.notes.formats.obsidian import export_obsidian
from tui.core.notes.formats.readwise import export_readwise
from tui.core.notes.formats.w3c import export_w3c

Renderer = Callable[[Sequence[Annotation], Mapping[str, Article]], str]

FILE_FORMATS: dict[str, tuple[str, Renderer]] = {
    "md": (".md", export_markdown),
    "json": (".json", lambda annotations, _: export_json(annotations)),
    "readwise": (".csv", export_readwise),
    "w3c": (".jsonld", export_w3c),
}
"""Formats that are one file: their extension and how to render them."""
FOLDER_FORMATS = ("obsidian",)
"""Formats that are a folder of files."""
EXPORT_FORMATS: tuple[str, ...] = (*FILE_FORMATS, *FOLDER_FORMATS)
DEFAULT_NAME = "byline-notes"
"""The file an export into a folder gets (with the format's extension)."""
LABELS: dict[str, str] = {
    "md": "Markdown, grouped by article (.md)",
    "json": "Byline JSON, every field; imports back (.json)",
    "readwise": "Readwise CSV import (.csv)",
    "w3c": "W3C Web Annotation JSON-LD (.jsonld)",
    "obsidian": "Obsidian vault: a note per article (folder)",
}
"""Each export format in a few words, for people choosing one."""


@dataclass(frozen=True, slots=True)
class Written:
    """What an export wrote: the file (or the folder of notes), how many annotations, in how
    many notes (``changed`` of them written anew), and the files it left as they were, with why."""

    path: Path
    annotations: int
    folder: bool = False
    notes: int = 1
    changed: int = 1
    left_alone: tuple[str, ...] = ()

    def summary(self) -> str:
        """``wrote 12 annotations to PATH`` (for a folder: ``to 5 notes in DIR (2 changed)``)."""
        count = f"{self.annotations} annotation{'s' * (self.annotations != 1)}"
        if not self.folder:
            return f"wrote {count} to {self.path}"
        return f"wrote {count} to {self.notes} note{'s' * (self.notes != 1)} in {self.path} ({self.changed} changed)"


def format_for(path: Path) -> str | None:
    """The file format an output path's extension names (``.markdown`` too), or None."""
    suffix = ".md" if path.suffix.lower() == ".markdown" else path.suffix.lower()
    return next((name for name, (extension, _) in FILE_FORMATS.items() if extension == suffix), None)


def render(fmt: str, annotations: Sequence[Annotation], articles_by_id: Mapping[str, Article]) -> str:
    """A file format's text for the annotations."""
    return FILE_FORMATS[fmt][1](annotations, articles_by_id)


def default_path(fmt: str, folder: Path) -> Path:
    """Where an export in ``fmt`` goes in ``folder`` unless the user says otherwise."""
    return folder / (DEFAULT_NAME + (FILE_FORMATS[fmt][0] if fmt in FILE_FORMATS else ""))


def destination(fmt: str, path: Path) -> Path:
    """Where an export to ``path`` goes: a folder format into ``path``; a file format to
    ``path``, or to :data:`DEFAULT_NAME` with its extension in it when it is a folder."""
    return path if fmt in FOLDER_FORMATS or not path.is_dir() else default_path(fmt, path)


def write_export(
    fmt: str, annotations: Sequence[Annotation], articles_by_id: Mapping[str, Article], path: Path
) -> Written:
    """Write the annotations in ``fmt`` to ``path`` (see :func:`destination`), atomically.

    Raises ``OSError`` when it cannot be written."""
    target = destination(fmt, path)
    if fmt in FOLDER_FORMATS:
        vault = export_obsidian(target, annotations, articles_by_id)
        return Written(target, vault.annotations, True, len(vault.notes), vault.changed, vault.left_alone)
    atomic_write(target, render(fmt, annotations, articles_by_id).encode("utf-8"))
    return Written(target, len(annotations))
