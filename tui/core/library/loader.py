"""Files and folders -> Articles and LoadProblems, whatever the input looks like."""

from __future__ import annotations

import errno
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tui.core.durable import human_size
from tui.core.library.article import MARKDOWN, SCRAPED, TEXT, Article
from tui.core.text import first_sentence, one_line

MAX_BYTES = 5 * 1024 * 1024
ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text"})
NOT_ARTICLES = re.compile(r"^(readme|attribution|license|licence|changelog|copying)(\.|$)", re.I)

_SCRAPED_HEAD = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*(.*)$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_FM_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_FM_ITEM = re.compile(r"^[ \t]+-[ \t]+(.*)$")
_TITLE_WIDTH = 80
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_FM_KEYS = ("title", "date", "source", "url", "license", "authors", "author", "caption")


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """Something wrong with one file: ``error`` means it was skipped, ``warning`` loaded anyway."""

    path: Path
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(slots=True)
class LoadResult:
    """A loaded library: the articles that could be read and what went wrong with the rest."""

    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)


class _Skip(Exception):
    """Raised inside the loader when a file can't become an article."""


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode article bytes; returns the text and a warning when bytes had to be replaced."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise _Skip(f"starts like UTF-16 but is not valid UTF-16 ({exc.reason})") from exc
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
        return text, (
            f"not valid UTF-8 (first bad byte at offset {exc.start}); "
            f"{bad} undecodable byte sequence(s) shown as \ufffd"
        )


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def load_file(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Article | None, list[LoadProblem]]:
    """Load one file; never raises. The article's id is the file stem."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Skip(f"file is {human_size(size)}, over the {human_size(max_bytes)} limit; skipped")
        data = path.read_bytes()
    except _Skip as exc:
        return None, [LoadProblem(path, str(exc))]
    except OSError as exc:
        return None, [LoadProblem(path, _os_reason(exc))]
    return parse_bytes(path, data)


def parse_bytes(path: Path, data: bytes) -> tuple[Article | None, list[LoadProblem]]:
    """Turn a file's bytes into an article (None when it must be skipped); never raises."""
    problems: list[LoadProblem] = []
    try:
        if not data.strip():
            raise _Skip("empty file; skipped")
        if not data.startswith(_UTF16_BOMS) and looks_binary(data):
            raise _Skip("binary file (not text); skipped")
        text, warning = decode(data)
        if warning:
            problems.append(LoadProblem(path, warning, "warning"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        article = _parse(path, text, problems)
    except _Skip as exc:
        return None, [*problems, LoadProblem(path, str(exc))]
    return article, problems


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop; skipped"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno == errno.EACCES or isinstance(exc, PermissionError):
        return "permission denied; skipped"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    return f"cannot read ({exc.strerror or exc}); skipped"


def _parse(path: Path, text: str, problems: list[LoadProblem]) -> Article:
    stripped = text.lstrip("\n")
    if stripped.startswith("---\n") or stripped == "---":
        return _parse_front_matter(path, stripped, problems)
    first_line = stripped.split("\n", 1)[0]
    head = _SCRAPED_HEAD.match(first_line)
    if head:
        return _parse_scraped(path, stripped, head, problems)
    if path.suffix.lower() in (".md", ".markdown"):
        return _parse_markdown(path, stripped, {}, problems)
    return _parse_text(path, stripped)


def _parse_scraped(path: Path, text: str, head: re.Match[str], problems: list[LoadProblem]) -> Article:
    body = text.split("\n", 1)[1].lstrip("\n") if "\n" in text else ""
    if not body.strip():
        raise _Skip("has a date line but no body text; skipped")
    when = _parse_date(head.group(1), path, problems)
    return Article(
        id=path.stem,
        path=path,
        title=derive_title(body),
        body=body,
        date=when,
        caption=head.group(2).strip(),
        format=SCRAPED,
    )


def _parse_text(path: Path, text: str) -> Article:
    first, _, rest = text.partition("\n")
    if _looks_like_title(first, rest):
        body = rest.lstrip("\n")
        title = first.strip()
    else:
        body, title = text, derive_title(text)
    return Article(id=path.stem, path=path, title=title, body=body or text, date=_date_from_name(path), format=TEXT)


def _looks_like_title(line: str, rest: str) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= 150
        and len(line.split()) <= 20
        and not line.endswith((".", ",", ";", ":"))
        and (rest.startswith("\n") or not rest.strip())
        and bool(rest.strip())
    )


def _parse_front_matter(path: Path, text: str, problems: list[LoadProblem]) -> Article:
    lines = text.split("\n")
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        problems.append(
            LoadProblem(path, "front matter starts with '---' but is never closed; read as plain text", "warning")
        )
        return _parse_markdown(path, "\n".join(lines[1:]), {}, problems)
    meta = _front_matter(lines[1:close], path, problems)
    body = "\n".join(lines[close + 1 :]).lstrip("\n")
    return _parse_markdown(path, body, meta, problems)


def _front_matter(lines: list[str], path: Path, problems: list[LoadProblem]) -> dict[str, str | list[str]]:
    """Read the simple YAML subset used by article front matter: scalars and lists."""
    meta: dict[str, str | list[str]] = {}
    key: str | None = None
    for number, line in enumerate(lines, start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _FM_ITEM.match(line)
        if item and key is not None:
            current = meta.get(key)
            values = current if isinstance(current, list) else []
            values.append(_scalar(item.group(1), path, number, problems))
            meta[key] = values
            continue
        match = _FM_LINE.match(line)
        if not match:
            problems.append(
                LoadProblem(
                    path, f"front matter line {number} is not 'key: value' ({line.strip()[:40]!r}); ignored", "warning"
                )
            )
            continue
        key, raw = match.group(1).lower(), match.group(2).strip()
        if raw.startswith("[") and raw.endswith("]"):
            meta[key] = [_scalar(v.strip(), path, number, problems) for v in raw[1:-1].split(",") if v.strip()]
        else:
            meta[key] = _scalar(raw, path, number, problems)
    return meta


def _scalar(raw: str, path: Path, number: int, problems: list[LoadProblem]) -> str:
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        inner = raw[1:-1]
        if raw[0] == "'":
            return inner.replace("''", "'")
        try:
            return str(json.loads(raw))
        except ValueError:
            problems.append(
                LoadProblem(
                    path, f"front matter line {number} has a malformed quoted string; used as written", "warning"
                )
            )
            return inner
    return raw.split(" #", 1)[0].strip()


def _parse_markdown(path: Path, body: str, meta: dict[str, str | list[str]], problems: list[LoadProblem]) -> Article:
    title = _text(meta.get("title"))
    if not title:
        first, _, rest = body.lstrip("\n").partition("\n")
        if first.startswith("# "):
            title, body = first[2:].strip(), rest.lstrip("\n")
    if not body.strip():
        raise _Skip("has no body text; skipped")
    raw_date = _text(meta.get("date"))
    when = _parse_date(raw_date, path, problems) if raw_date else _date_from_name(path)
    authors = meta.get("authors", meta.get("author", []))
    if isinstance(authors, str):
        authors = [a.strip() for a in re.split(r",| and ", authors) if a.strip()]
    return Article(
        id=path.stem,
        path=path,
        title=one_line(title) or derive_title(body),
        body=body,
        date=when,
        source=_text(meta.get("source")),
        url=_text(meta.get("url")),
        authors=tuple(authors),
        license=_text(meta.get("license")),
        caption=_text(meta.get("caption")),
        format=MARKDOWN,
    )


def _text(value: str | list[str] | None) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return value or ""


def _parse_date(raw: str, path: Path, problems: list[LoadProblem]) -> date | None:
    match = _ISO_DATE.match(raw.strip())
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            pass
    problems.append(LoadProblem(path, f"date {raw!r} is not a valid YYYY-MM-DD date; ignored", "warning"))
    return None


def _date_from_name(path: Path) -> date | None:
    match = _ISO_DATE.match(path.name)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def derive_title(body: str, width: int = _TITLE_WIDTH) -> str:
    """A title from the body's first sentence, shortened on a word boundary."""
    sentence = first_sentence(body.lstrip("\n#>*- "))
    if len(sentence) <= width:
        return sentence or "(untitled)"
    cut = sentence.rfind(" ", 0, width)
    return sentence[: cut if cut > width // 2 else width].rstrip(" ,;:–-") + "…"


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[LoadProblem]]:
    """Expand files and folders (recursively, following links safely) into article files."""
    found, problems = scan(paths)
    return [Path(name) for name, _ in found], problems


def scan(paths: Sequence[Path], limit: int | None = None) -> tuple[list[tuple[str, os.stat_result]], list[LoadProblem]]:
    """Like :func:`discover`, but cheap at 100k files: paths as strings, each with its stat
    (one ``stat`` per file; what a cache compares to know whether a file changed). With a
    ``limit``, the walk stops once more than ``limit`` files are found."""
    found: list[tuple[str, os.stat_result]] = []
    problems: list[LoadProblem] = []
    for path in paths:
        if limit is not None and len(found) > limit:
            break
        if path.is_dir():
            _walk(str(path), set(), found, problems, limit)
            continue
        try:
            found.append((str(path), path.stat()))
        except OSError as exc:
            problems.append(LoadProblem(path, _missing_reason(path, exc)))
    return found, problems


def _missing_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT and path.is_symlink():
        return "broken symbolic link; skipped"
    return _os_reason(exc)


def _walk(
    folder: str,
    seen: set[tuple[int, int]],
    found: list[tuple[str, os.stat_result]],
    problems: list[LoadProblem],
    limit: int | None = None,
) -> None:
    """Depth first, names sorted, files of a folder before its subfolders (as ``os.walk``)."""
    try:
        here = os.stat(folder)
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        problems.append(LoadProblem(Path(exc.filename or folder), _os_reason(exc)))
        return
    if (here.st_dev, here.st_ino) in seen:
        problems.append(LoadProblem(Path(folder), "symbolic link loop (folder already visited); skipped"))
        return
    seen.add((here.st_dev, here.st_ino))
    folders = []
    for entry in entries:
        if limit is not None and len(found) > limit:
            return
        name = entry.name
        if name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            folders.append(entry.path)
            continue
        if NOT_ARTICLES.match(name) or os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
            continue
        try:
            found.append((entry.path, entry.stat()))
        except OSError as exc:
            problems.append(LoadProblem(Path(entry.path), _missing_reason(Path(entry.path), exc)))
    for sub in folders:
        if limit is not None and len(found) > limit:
            return
        _walk(sub, seen, found, problems, limit)


def unique_ids(articles: list[Article]) -> None:
    """Make article ids unique inside a library by suffixing ``-2``, ``-3``… in order."""
    taken: set[str] = set()
    for article in articles:
        base, candidate, n = article.id, article.id, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        article.id = candidate
        taken.add(candidate)


def load_library(paths: Sequence[Path], *, max_bytes: int = MAX_BYTES) -> LoadResult:
    """Load every article under ``paths``; problems are collected, never raised."""
    files, problems = discover(paths)
    result = LoadResult(problems=problems)
    for path in files:
        article, file_problems = load_file(path, max_bytes=max_bytes)
        result.problems.extend(file_problems)
        if article is not None:
            result.articles.append(article)
    unique_ids(result.articles)
    return result
