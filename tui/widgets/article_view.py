"""The reader's scrollable view of one article: header, blocks, and highlighted spans."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Offset
from textual.selection import Selection
from textual.style import Style
from textual.widgets import Static

from tui.core.library.article import Article, Block


@dataclass(frozen=True, slots=True)
class Label:
    """A line shown under the block that holds body offset ``at`` (a speaker, "— X, reported"),
    styled as the ArticleView component ``component``."""

    at: int
    text: str
    component: str = "article--speaker"


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of the body to style: ``component`` names an ArticleView component class."""

    start: int
    end: int
    component: str


def display_offset(block: Block, offset: int, *, at_end: bool = False) -> int:
    """Map a body offset to a position in the block's displayed text (clamped to the block)."""
    position = 0
    for run in block.runs:
        length = len(run.text)
        if offset < run.end or (at_end and offset == run.end):
            if offset <= run.start:
                return position
            if run.end - run.start == length:
                return position + (offset - run.start)
            return position + (length if at_end else 0)
        position += length
    return position


def body_offset(block: Block, position: int) -> int:
    """Map a position in the block's displayed text back to a body offset (the inverse of
    :func:`display_offset`; inside a run that does not map one to one, its start)."""
    shown = 0
    for run in block.runs:
        length = len(run.text)
        if position < shown + length:
            if run.end - run.start == length:
                return run.start + (position - shown)
            return run.start
        shown += length
    return block.end


_MARK_STYLES = {"em": "italic", "strong": "bold", "code": "reverse"}


def block_content(block: Block, highlights: Iterable[Highlight], styles: dict[str, Style]) -> Content:
    """The block's displayed text with inline Markdown styles and the highlights applied."""
    content = Content(block.text)
    position = 0
    for run in block.runs:
        end = position + len(run.text)
        for mark in run.marks:
            if mark in _MARK_STYLES:
                content = content.stylize(_MARK_STYLES[mark], position, end)
        if "link" in run.marks:
            content = content.stylize(styles["article--link"] + Style(link=run.href), position, end)
        position = end
    for highlight in highlights:
        if highlight.end <= block.start or highlight.start >= block.end:
            continue
        start = display_offset(block, max(highlight.start, block.start))
        stop = display_offset(block, min(highlight.end, block.end), at_end=True)
        style = styles.get(highlight.component)
        if style is not None and stop > start:
            content = content.stylize(style, start, stop)
    return content


class BlockView(Static):
    """One displayed block; remembers which body offsets it covers and the labels under it."""

    def __init__(self, block: Block, classes: str, labels: Sequence[Label] = ()) -> None:
        super().__init__(classes=classes)
        self.block = block
        self.labels = tuple(labels)

    @property
    def prefix(self) -> str:
        """What is shown before the block's text (a list marker)."""
        return f"{self.block.list_marker} " if self.block.list_marker else ""

    def body_span(self, selection: Selection) -> tuple[int, int]:
        """The body offsets that a mouse selection of this block's text covers."""
        lines = (self.prefix + self.block.text).split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)

        def position(offset: Offset | None, default: int) -> int:
            if offset is None:
                return default
            line = min(offset.y, len(lines) - 1)
            shown = starts[line] + min(offset.x, len(lines[line])) - len(self.prefix)
            return body_offset(self.block, max(0, shown))

        return position(selection.start, self.block.start), position(selection.end, self.block.end)

    def show(self, highlights: Iterable[Highlight], styles: dict[str, Style]) -> None:
        """Render the block with these highlights (and its labels, one per line, below)."""
        block = self.block
        if block.kind == "rule":
            self.update(Content("⁂"))
            return
        content = block_content(block, highlights, styles)
        if block.list_marker:
            content = Content(self.prefix) + content
        for label in self.labels:
            content += Content("\n") + Content.styled(f"    {label.text}", styles[label.component])
        self.update(content)


class ArticleView(VerticalScroll, can_focus=True):
    """The article's header and body at a comfortable reading width."""

    HELP_TITLE = "Article (scrolling)"

    COMPONENT_CLASSES = {
        "article--link",
        "article--quote",
        "article--scare",
        "article--speaker",
        "article--reported",
        "article--reported-speaker",
        "article--person",
        "article--match",
        "article--current",
        "article--note-yellow",
        "article--note-green",
        "article--note-blue",
        "article--note-pink",
    }
    DEFAULT_CSS = """
    ArticleView { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None

    def component_styles(self) -> dict[str, Style]:
        """The themed style of every component class, for building block content."""
        return {name: self.get_visual_style(name) for name in self.COMPONENT_CLASSES}

    async def show(
        self,
        article: Article,
        highlights: Sequence[Highlight] = (),
        labels: Sequence[Label] = (),
        caption_highlights: Sequence[Highlight] = (),
    ) -> None:
        """Replace what is shown with ``article``, scrolled to the top, each of ``labels``
        under the block holding its offset."""
        self.article = article
        await self.remove_children()
        views = self._blocks(article, labels)
        await self.mount_all([*self._header(article, caption_highlights), *views])
        styles = self.component_styles()
        for view in views:
            view.show(highlights, styles)
        self.scroll_home(animate=False)

    def restyle(self, highlights: Sequence[Highlight], start: int = 0, end: int | None = None) -> None:
        """Re-apply highlights to the blocks shown that overlap ``start``..``end``."""
        styles = self.component_styles()
        for view in self.query(BlockView):
            if view.block.end >= start and (end is None or view.block.start <= end):
                view.show(highlights, styles)

    def _header(self, article: Article, caption_highlights: Sequence[Highlight]) -> list[Static]:
        meta = " · ".join(x for x in (article.date_iso, article.source) if x)
        header = [Static(Content(article.title), classes="title")]
        if meta:
            header.append(Static(Content(meta), classes="meta"))
        if article.caption:
            styles = self.component_styles()
            prefix = "Photo caption: "
            caption = Content(prefix + article.caption)
            for mark in caption_highlights:
                caption = caption.stylize(styles[mark.component], len(prefix) + mark.start, len(prefix) + mark.end)
            header.append(Static(caption, classes="caption"))
        if article.url:
            header.append(Static(Content(article.url).stylize(Style(link=article.url)), classes="url"))
        return header

    def _blocks(self, article: Article, labels: Sequence[Label]) -> list[BlockView]:
        views = []
        for block in article.blocks:
            classes = [f"block -{block.kind}"]
            if block.kind == "heading":
                classes.append(f"-h{min(block.level, 3)}")
            if block.quote_depth:
                classes.append("-blockquote")
            if block.indent:
                classes.append(f"-indent{min(block.indent, 3)}")
            below = [label for label in labels if block.start < label.at <= block.end]
            views.append(BlockView(block, " ".join(classes), below))
        return views

    def block_at(self, offset: int) -> BlockView | None:
        """The block view that holds the body offset, or the next one after it."""
        for view in self.query(BlockView):
            if view.block.end >= offset:
                return view
        return None

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the block holding ``offset`` is in view, near the top."""
        view = self.block_at(offset)
        if view is not None:
            self.scroll_to_widget(view, animate=False, top=True)
