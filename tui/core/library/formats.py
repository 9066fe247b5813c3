"""A file's bytes -> an Article, whatever the format: Markdown with front matter, the scraped
form (``date YYYY-MM-DD caption`` first line), plain text. Bad input becomes a warning or
a :class:`~tui.core.library.files.Skip`, never an exception out of :func:`parse_bytes`.

The decoded text passes the border for untrusted text (:func:`~tui.core.clean.clean_text`)
before anything is parsed, so every offset into the body refers to the cleaned text; front
matter values are cleaned again after YAML read them (its escapes can spell controls).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from tui.core.clean import clean_data, clean_text
from tui.core.library.article import MARKDOWN, SCRAPED, TEXT, Article
from tui.core.library.files import LoadProblem, Skip
from tui.core.library.front_matter import FrontMatter, read_front_matter
from tui.core.text import first_sentence, one_line

_SCRAPED_HEAD = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*(.*)$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_TITLE_WIDTH = 80
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode article bytes; returns the text and a warning when bytes had to be replaced."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise Skip(f"starts like UTF-16 but is not valid UTF-16 ({exc.reason})") from exc
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


def parse_bytes(path: Path, data: bytes) -> tuple[Article | None, list[LoadProblem]]:
    """Turn a file's bytes into an article (None when it must be skipped); never raises.
    The article's id is the file stem (cleaned)."""
    problems: list[LoadProblem] = []
    try:
        if not data.strip():
            raise Skip("empty file; skipped")
        if not data.startswith(_UTF16_BOMS) and looks_binary(data):
            raise Skip("binary file (not text); skipped")
        text, warning = decode(data)
        if warning:
            problems.append(LoadProblem(path, warning, "warning"))
        article = _parse(path, clean_text(text.replace("\r\n", "\n").replace("\r", "\n")), problems)
    except Skip as exc:
        return None, [*problems, LoadProblem(path, str(exc))]
    return article, problems


def _parse(path: Path, text: str, problems: list[LoadProblem]) -> Article:
    stripped = text.lstrip("\n")
    if stripped.startswith("---\n") or stripped == "---":
        return _parse_front_matter(path, stripped, problems)
    first_line = stripped.split("\n", 1)[0]
    head = _SCRAPED_HEAD.match(first_line)
    if head:
        return _parse_scraped(path, stripped, head, problems)
    if path.suffix.lower() in (".md", ".markdown"):
        return _parse_markdown(path, stripped, FrontMatter(), problems)
    return _parse_text(path, stripped)


def _parse_scraped(path: Path, text: str, head: re.Match[str], problems: list[LoadProblem]) -> Article:
    body = text.split("\n", 1)[1].lstrip("\n") if "\n" in text else ""
    if not body.strip():
        raise Skip("has a date line but no body text; skipped")
    when = _parse_date(head.group(1), path, problems)
    return Article(
        id=_stem(path),
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
    return Article(id=_stem(path), path=path, title=title, body=body or text, date=_date_from_name(path), format=TEXT)


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
        return _parse_markdown(path, "\n".join(lines[1:]), FrontMatter(), problems)
    meta = read_front_matter(lines[1:close])
    meta.values = clean_data(meta.values)
    problems += [LoadProblem(path, warning, "warning") for warning in meta.warnings]
    body = "\n".join(lines[close + 1 :]).lstrip("\n")
    return _parse_markdown(path, body, meta, problems)


def _parse_markdown(path: Path, body: str, meta: FrontMatter, problems: list[LoadProblem]) -> Article:
    title = meta.text("title")
    if not title:
        first, _, rest = body.lstrip("\n").partition("\n")
        if first.startswith("# "):
            title, body = first[2:].strip(), rest.lstrip("\n")
    if not body.strip():
        raise Skip("has no body text; skipped")
    raw_date = meta.text("date")
    when = _parse_date(raw_date, path, problems) if raw_date else _date_from_name(path)
    return Article(
        id=_stem(path),
        path=path,
        title=one_line(title) or derive_title(body),
        body=body,
        date=when,
        source=one_line(meta.text("source")),
        url=meta.text("url").strip(),
        authors=meta.names("authors", "author"),
        license=one_line(meta.text("license")),
        caption=one_line(meta.text("caption")),
        format=MARKDOWN,
        feed=meta.text("feed").strip(),
    )


def _stem(path: Path) -> str:
    """The article id a file gives: its name without extension, without control characters
    (a file name is outside text too); other characters, spaces included, as they are."""
    return clean_text(path.stem).replace("\n", " ").replace("\t", " ") or "article"


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
