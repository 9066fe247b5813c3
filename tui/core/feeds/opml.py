"""OPML subscription lists, read (1.0 and 2.0, nested outlines: every enclosing folder and
the ``category`` attribute become tags) and written (2.0, one folder per first tag, all
tags in ``category``, so an export imports back the same).

OPML comes from anywhere: it is parsed with defusedxml, which refuses DTDs with entity
declarations and external references outright (the standard library's parser would expand
nested entities or, in other parsers, fetch them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.etree import ElementTree

import defusedxml
import defusedxml.ElementTree

from tui.core.clean import clean_line


class OpmlError(ValueError):
    """A file that is no usable OPML; the message says why (with line and column)."""


@dataclass(frozen=True, slots=True)
class Outline:
    """One feed in an OPML list."""

    url: str
    title: str = ""
    tags: tuple[str, ...] = ()


def read_opml(data: bytes) -> list[Outline]:
    """The feeds an OPML document lists, in document order (each URL once)."""
    try:
        root = defusedxml.ElementTree.fromstring(data)
    except defusedxml.DefusedXmlException as exc:
        raise OpmlError(f"refused: the XML declares entities or a DTD ({type(exc).__name__})") from exc
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise OpmlError(f"not well-formed XML (line {line}, column {column + 1})") from exc
    if _local(root.tag) != "opml":
        raise OpmlError(f"not OPML: the document is <{_local(root.tag)}>, not <opml>")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise OpmlError("OPML without a <body>")
    found: dict[str, Outline] = {}
    _walk(body, (), found)
    return list(found.values())


def _walk(parent: ElementTree.Element, folders: tuple[str, ...], found: dict[str, Outline]) -> None:
    for node in parent:
        if _local(node.tag) != "outline":
            continue
        attrs = {k.lower(): v for k, v in node.attrib.items()}
        title = clean_line(attrs.get("title") or attrs.get("text") or "")
        url = clean_line(attrs.get("xmlurl") or "")
        if url:
            categories = [clean_line(c.strip("/")) for c in attrs.get("category", "").split(",")]
            tags = tuple(dict.fromkeys(t for t in (*folders, *categories) if t))
            found.setdefault(url, Outline(url, title, tags))
        _walk(node, (*folders, title) if not url and title else folders, found)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower()


def write_opml(feeds: Iterable[tuple[str, str, Sequence[str]]], title: str = "Byline subscriptions") -> bytes:
    """An OPML 2.0 document of ``(url, title, tags)``: untagged feeds at the top level, the
    others in a folder named by their first tag."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = ElementTree.SubElement(root, "body")
    folders: dict[str, ElementTree.Element] = {}
    for url, name, tags in feeds:
        parent = body
        if tags:
            parent = folders.get(tags[0]) or ElementTree.SubElement(body, "outline", text=tags[0], title=tags[0])
            folders[tags[0]] = parent
        attrs = {"type": "rss", "text": name or url, "title": name or url, "xmlUrl": url}
        if tags:
            attrs["category"] = ",".join(tags)
        ElementTree.SubElement(parent, "outline", attrs)
    ElementTree.indent(root)
    document: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
