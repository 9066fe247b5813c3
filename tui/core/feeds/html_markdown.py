"""HTML from a feed entry -> Markdown, the way saved articles are written.

Only text and a few shapes survive: paragraphs, headings, block quotes, lists, preformatted
text, emphasis, code and http(s) links (resolved against the entry's URL). Scripts, styles,
frames, forms, embedded objects and every attribute but ``href`` are dropped, so whatever the
HTML tried to do, what comes out is plain text with Markdown punctuation.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

_DROP = frozenset(
    "script style noscript iframe frame frameset object embed applet form input button select textarea "
    "svg math canvas template head title meta link video audio source track map nav".split()
)
_BLOCKS = frozenset(
    "p div section article main header footer aside figure figcaption address center dl dt dd table thead "
    "tbody tfoot tr caption details summary".split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_INLINE_MARKS = {"em": "*", "i": "*", "cite": "*", "strong": "**", "b": "**"}
_ESCAPE = re.compile(r"([\\`*_\[\]<])")
_BLOCK_START = re.compile(r"^(\d+(?=[.)]\s)|[#>+\-](?=\s))")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def html_to_markdown(html: str, base_url: str = "") -> str:
    """The Markdown text of an HTML fragment (empty when it holds no text)."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    writer = _Writer(base_url)
    writer.block(root)
    return writer.text()


def text_to_markdown(text: str) -> str:
    """Plain text as Markdown: its blank-line paragraphs kept, markup characters escaped."""
    return html_to_markdown("".join(f"<p>{html.escape(p)}</p>" for p in re.split(r"\n\s*\n", text)))


class _Writer:
    """Walks the tree once and gathers Markdown blocks."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.blocks: list[str] = []
        self.line: list[str] = []
        self.prefix: list[str] = []

    def text(self) -> str:
        self.flush()
        return "\n\n".join(self.blocks)

    def flush(self, marker: str = "") -> None:
        """End the current paragraph, if it holds any text."""
        text = _SPACES.sub(" ", "".join(self.line)).strip()
        self.line = []
        if not text:
            return
        lead = "".join(self.prefix)
        self.blocks.append(lead + marker + _BLOCK_START.sub(_escape_start, text, count=1))

    def block(self, element: HtmlElement) -> None:
        self._text(element.text)
        for child in element:
            self.element(child)
            self._text(child.tail)

    def element(self, element: HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _DROP:
            return
        if tag in _HEADINGS:
            self.flush()
            self.block_inline(element)
            self.flush("#" * _HEADINGS[tag] + " ")
        elif tag in ("ul", "ol"):
            self.flush()
            self.list_items(element, ordered=tag == "ol")
        elif tag == "blockquote":
            self.flush()
            self.prefix.append("> ")
            self.block(element)
            self.flush()
            self.prefix.pop()
        elif tag == "pre":
            self.flush()
            code = element.text_content().strip("\n")
            if code.strip():
                fence = "~~~" if "```" in code else "```"
                self.blocks.append(f"{fence}\n{code}\n{fence}")
        elif tag in ("br", "hr"):
            self.flush()
        elif tag in _BLOCKS or tag == "li":
            self.flush()
            self.block(element)
            self.flush()
        else:
            self.inline(element, tag)

    def block_inline(self, element: HtmlElement) -> None:
        """A heading's content: inline text only."""
        self.line.append(_escape(_SPACES.sub(" ", element.text_content())))

    def list_items(self, element: HtmlElement, *, ordered: bool) -> None:
        number = 0
        for item in element:
            if not isinstance(item.tag, str) or item.tag.lower() != "li":
                continue
            number += 1
            marker = f"{number}. " if ordered else "- "
            self.block(item)
            self.flush(marker)

    def inline(self, element: HtmlElement, tag: str) -> None:
        if tag == "img":
            return
        mark = _INLINE_MARKS.get(tag, "")
        start = len(self.line)
        if tag == "code":
            self.line.append("`" + element.text_content().replace("`", "'") + "`")
            return
        self.block(element)
        inner = "".join(self.line[start:])
        if not inner.strip():
            return
        if mark:
            self.line[start:] = [f"{mark}{inner.strip()}{mark}" + (" " if inner.endswith(" ") else "")]
        href = element.get("href") if tag == "a" else None
        if href:
            target = urljoin(self.base_url, href.strip())
            if urlsplit(target).scheme in ("http", "https"):
                label = "".join(self.line[start:]).strip()
                safe = target.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
                self.line[start:] = [f"[{label}]({safe})"]

    def _text(self, text: str | None) -> None:
        if text:
            self.line.append(_escape(text))


def _escape(text: str) -> str:
    """Text with the inline characters Markdown would read as markup escaped."""
    return _ESCAPE.sub(r"\\\1", text)


def _escape_start(match: re.Match[str]) -> str:
    """A paragraph's first characters that would start a heading, quote or list: ``\\#``,
    ``1986\\.``."""
    lead = match.group(1)
    return lead + "\\" if lead[0].isdigit() else "\\" + lead
