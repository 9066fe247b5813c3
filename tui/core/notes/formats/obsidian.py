"""Notes into an Obsidian vault folder: one Markdown note per annotated article.

Each note has YAML front matter (``title``, ``source``, ``url``, ``date``, ``authors``,
``tags`` and ``byline-article``, the article's id), a ``# title``, then each highlight as a
``> `` block quote (a quote's speaker under it), a block id ``^byline-…`` derived from the
annotation's id (so ``[[Note#^byline-…]]`` links survive every export), the note, and the
tags as ``#tag``. A marker line closes what Byline writes: re-exporting rewrites what is
above it and keeps what the user wrote below it. A note is found again by its
``byline-article``, so it keeps its file (and the links to it) when the title changes; a new
note is named for its title, made safe, with the article id added when the name is taken.
A file that lost its marker is left as it is (and named), never overwritten.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.durable import atomic_write, read_regular
from tui.core.library.article import Article
from tui.core.library.front_matter import read_front_matter
from tui.core.notes.annotations import Annotation
from tui.core.notes.formats.markdown import articles_in_order, by_article, is_orphaned, quote_lines
from tui.core.text import one_line

MARKER = "%% byline: everything above this line is rewritten by each export; write your own notes below it %%"
_MARKER_LINE = re.compile(f"^{re.escape(MARKER)}$", re.MULTILINE)
ARTICLE_KEY = "byline-article"
MAX_NOTE_BYTES = 16 * 1024 * 1024
"""A bigger file in the folder is not read (nor taken for one of Byline's notes)."""
MAX_NAME_BYTES = 200
"""File names stay under the 255 bytes file systems allow, with room for a suffix."""
_UNSAFE = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]+')
"""Characters file systems or Obsidian's links refuse in a note's name."""
_RESERVED = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)", re.IGNORECASE)
"""Names Windows refuses, whatever their extension (a vault may be synced to Windows)."""


@dataclass(frozen=True, slots=True)
class VaultExport:
    """What an export into a vault did: the notes that hold the annotations (``changed`` of
    them written anew), how many annotations, and the files it left as they were."""

    folder: Path
    notes: tuple[Path, ...]
    changed: int
    annotations: int
    left_alone: tuple[str, ...] = ()


def export_obsidian(
    folder: Path, annotations: Iterable[Annotation], articles_by_id: Mapping[str, Article]
) -> VaultExport:
    """Write (or update) one note per annotated article in ``folder``, each atomically.

    Raises ``OSError`` when the folder or a note cannot be written."""
    groups = by_article(annotations)
    existing, taken = _scan(folder)
    notes: list[Path] = []
    left_alone: list[str] = []
    changed = count = 0
    for article_id in articles_in_order(groups, articles_by_id):
        article = articles_by_id.get(article_id)
        path = existing.get(article_id) or _new_name(folder, _title(article_id, article), article_id, taken)
        old, kept = (_read(path), None) if path.exists() else ("", "\n")
        kept = kept or _below_marker(old)
        if kept is None:
            left_alone.append(f"{path}: it has no Byline marker line (or cannot be read), so it is left as it is")
            continue
        text = render_note(article_id, article, groups[article_id]) + MARKER + kept
        if text != old:
            atomic_write(path, text.encode("utf-8"))
            changed += 1
        notes.append(path)
        count += len(groups[article_id])
    return VaultExport(folder, tuple(notes), changed, count, tuple(left_alone))


def render_note(article_id: str, article: Article | None, annotations: list[Annotation]) -> str:
    """The part of a note Byline writes: front matter, title and every annotation, up to
    (not including) the marker line."""
    tags = sorted({tag for a in annotations for tag in map(obsidian_tag, a.tags) if tag}, key=str.casefold)
    meta: dict[str, Any] = {
        "title": _title(article_id, article),
        "source": article.source if article else "",
        "url": article.url if article else "",
        "date": article.date if article else None,
        "authors": list(article.authors) if article else [],
        "tags": tags,
        ARTICLE_KEY: article_id,
    }
    import yaml  # on first use: importing PyYAML costs every CLI call 20 ms

    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1_000_000)
    lines = ["---", front.rstrip("\n"), "---", "", f"# {_title(article_id, article)}", ""]
    if article is None:
        lines += ["*This article is not in the library: its annotations are orphans.*", ""]
    for annotation in annotations:
        lines += [*quote_lines(annotation), "", f"^{block_id(annotation.id)}", ""]
        if is_orphaned(annotation, article):
            lines += ["*Orphaned: this text is no longer in the article.*", ""]
        if annotation.note.strip():  # a note never holds the marker line: it would split the file there
            lines += [_MARKER_LINE.sub(lambda m: "\\" + m.group(), annotation.note.strip()), ""]
        hashtags = " ".join(f"#{tag}" for tag in map(obsidian_tag, annotation.tags) if tag)
        if hashtags:
            lines += [hashtags, ""]
    return "\n".join(lines) + "\n"


def block_id(annotation_id: str) -> str:
    """A block id for the annotation, the same on every export: letters, digits and dashes,
    as Obsidian allows."""
    return "byline-" + hashlib.sha256(annotation_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def obsidian_tag(tag: str) -> str:
    """A tag as Obsidian reads one after ``#``: letters, digits, ``_``, ``-`` and ``/``,
    spaces as ``-``, not all digits (``_`` leads then); empty if nothing is left."""
    word = re.sub(r"[^\w/-]", "", re.sub(r"\s+", "-", tag.strip().lstrip("#")))
    return f"_{word}" if word.isdigit() else word


def safe_name(title: str) -> str:
    """A title as a note's file name (without ``.md``): no character a file system or a
    wiki link refuses, no leading dot, at most :data:`MAX_NAME_BYTES` bytes."""
    name = one_line(_UNSAFE.sub(" ", title)).strip(". ")
    while len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        name = name[:-1].rstrip(". ")
    if _RESERVED.fullmatch(name):
        name += " (note)"
    return name or "Untitled"


def _title(article_id: str, article: Article | None) -> str:
    return one_line(article.title) if article and article.title.strip() else f"Unknown article {article_id}"


def _new_name(folder: Path, title: str, article_id: str, taken: set[str]) -> Path:
    """A free file name for a new note: the title, else the title with the article id,
    else with a number too. Names are compared case-folded (as macOS and Windows do)."""
    stem = safe_name(title)
    candidates = [stem, f"{stem} ({safe_name(article_id)})"]
    candidates += (f"{candidates[1]} {number}" for number in range(2, len(taken) + 3))
    name = next(f"{candidate}.md" for candidate in candidates if f"{candidate}.md".casefold() not in taken)
    taken.add(name.casefold())
    return folder / name


def _scan(folder: Path) -> tuple[dict[str, Path], set[str]]:
    """The folder's notes that Byline wrote, by article id, and every name already taken."""
    if not folder.is_dir():
        return {}, set()
    existing: dict[str, Path] = {}
    taken: set[str] = set()
    for path in sorted(folder.iterdir()):
        taken.add(path.name.casefold())
        if path.suffix == ".md" and path.is_file():
            article_id = _article_id(_read(path))
            if article_id is not None:
                existing.setdefault(article_id, path)
    return existing, taken


def _read(path: Path) -> str:
    """A note's text; "" when it cannot be read (too big, not a regular file, not UTF-8)."""
    try:
        return read_regular(path, MAX_NOTE_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _article_id(text: str) -> str | None:
    """The ``byline-article`` of a note's front matter, or None."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    close = next((number for number, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
    if close is None:
        return None
    value = read_front_matter(lines[1:close]).values.get(ARTICLE_KEY)
    return str(value) if value is not None else None


def _below_marker(text: str) -> str | None:
    """What follows the marker line (from its newline on), or None when there is none."""
    match = _MARKER_LINE.search(text)
    if match is None:
        return None
    return text[match.end() :] or "\n"
