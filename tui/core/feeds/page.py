"""A web page -> its main text as Markdown, with the title, date and authors it states.

trafilatura finds the main text (``fast``: no second-opinion extractors, which measured as
good here and a third quicker; comments left out). Runs in worker processes: everything
here is plain data in, plain data out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import trafilatura
from rapidfuzz import fuzz
from trafilatura.xml import xmltotxt

from tui.core.clean import clean_line, clean_text

_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)


_DATES = {"extensive_search": False, "original_date": True}
"""Dates from the page's markup (meta tags, structured data, the URL, <time>) only: the
extensive search also takes any year in the text ("in 2002" became 2002-01-01), and a
missing date is better said than guessed (the fetch time is used, with a warning)."""


@dataclass(frozen=True, slots=True)
class PageText:
    """What a page says: ``body`` is Markdown ("" when no main text was found)."""

    body: str
    title: str = ""
    date: date | None = None
    authors: tuple[str, ...] = ()
    site: str = ""
    url: str = ""


def decode_html(body: bytes, charset: str | None = None) -> str:
    """A page's text. Bytes that are valid UTF-8 are UTF-8 (whatever the server declared:
    a wrong declaration is common, a false UTF-8 match is not); else the declared charset
    (HTTP, then ``<meta>``); else Windows-1252, which decodes anything."""
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for name in (charset, _meta_charset(body)):
        if name:
            try:
                return body.decode(name)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("cp1252", "replace")


def _meta_charset(body: bytes) -> str | None:
    """The charset a page's ``<meta>`` declares in its first 4 KiB, if any."""
    found = _META_CHARSET.search(body[:4096])
    return found.group(1).decode("ascii") if found else None


def extract_page(html: str, url: str = "", *, metadata: bool = True) -> PageText:
    """The main text of a page; with ``metadata`` also its title, date, authors and site
    name (about half again the time: leave it off when the feed already says them)."""
    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        fast=True,
        include_comments=False,
        output_format="markdown",
        with_metadata=metadata,
        date_extraction_params=_DATES,
        include_formatting=True,
        as_dict=False,
    )
    if document is None or isinstance(document, dict):
        return PageText("")
    body = clean_text(unicodedata.normalize("NFC", xmltotxt(document.body, include_formatting=True))).strip()
    if not metadata:
        return PageText(body)
    authors = tuple(a for a in (clean_line(p) for p in (document.author or "").split(";")) if a)
    return PageText(
        body=body,
        title=clean_line(document.title or ""),
        date=_day(document.date),
        authors=authors,
        site=clean_line(document.sitename or ""),
        url=clean_line(document.url or ""),
    )


def without_title_heading(body: str, title: str) -> str:
    """``body`` without a first heading that repeats the title (the title is in the front
    matter and the reader shows it: the page's own ``<h1>`` would show it twice)."""
    first, _, rest = body.partition("\n")
    if not first.startswith("#") or not title:
        return body
    heading, wanted = _words(first.lstrip("#")), _words(title)
    same = heading == wanted or (len(heading) > 20 and heading in wanted) or (len(wanted) > 20 and wanted in heading)
    if not same and fuzz.ratio(heading, wanted) < 85:
        return body
    return rest.lstrip("\n") or body


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.replace("\\", "").casefold()))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def page_from_bytes(body: bytes, charset: str | None, url: str, metadata: bool) -> PageText:
    """:func:`decode_html` then :func:`extract_page`: one call for a worker process."""
    return extract_page(decode_html(body, charset), url, metadata=metadata)
