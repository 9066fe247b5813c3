"""The reader's article screen: one article shown with who said what highlighted, the
cursor on it, the side panel and the status line. The reader adds its keys on top."""

from __future__ import annotations

from collections.abc import Sequence

from textual import work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.core.extract.model import SPEECH
from tui.core.library.library import Entry
from tui.core.notes.annotations import Annotation
from tui.core.notes.notebook import Placed
from tui.core.reading.navigation import CLAIM, PARAGRAPH, PERSON, QUOTE, SENTENCE, Span, Targets
from tui.core.search import within
from tui.core.text import counted
from tui.core.who.quotes import reports_of
from tui.screens.reader.panel import note_lines, person_lines, report_lines
from tui.services.context import Context
from tui.widgets.article_view import ArticleView, BlockView, Highlight, Label

MATCH = "match"
"""The cursor kind of a find (or search) match."""


class ArticleScreen(Screen[None]):
    """One article, its highlights, the cursor, the side panel and the status line."""

    def __init__(
        self,
        context: Context,
        article_id: str,
        order: Sequence[str] = (),
        offset: int | None = None,
        matches: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.library = context.library
        self.notebook = context.notebook
        self.placed: list[Placed] = []
        self.selection_start: Span | None = None
        self.deleted: list[Annotation] = []
        self.order = list(order) or [a.id for a in self.library.articles]
        self.article_id = article_id
        self.start_offset = offset
        self.start_matches = matches
        self.find_text = ""
        self.entry: Entry | None = None
        self.targets = Targets()
        self.cursor: Span | None = None
        self.quote_lines: list[Content] = []
        """The panel's lines for the quote under the cursor (its other reports), made on a worker."""
        self._reports_for: tuple[str, int] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="reader-main"):
            with Container(id="reader-body"):
                yield ArticleView(id="article")
            yield Static(id="person-panel")
        yield Input(placeholder="Find in this article (Enter keeps the matches, Escape clears)", id="find")
        yield Static(id="reader-status", classes="status")
        yield Footer()

    async def on_mount(self) -> None:
        await self.show_article(self.article_id, self.start_offset, self.start_matches)

    @property
    def view(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)

    async def show_article(
        self, article_id: str, offset: int | None = None, matches: Sequence[tuple[int, int]] | None = None
    ) -> None:
        """Show the article with this id, with the cursor at ``offset`` when given. ``matches``
        (body spans) are highlighted and n/N step through them; by default they are the
        matches of the ctrl+f text, if any."""
        entry = self.library.entry(article_id)
        if entry is None:
            self.notify(f"No article with id {article_id!r}", severity="error")
            return
        self.article_id, self.entry, self.cursor = article_id, entry, None
        problem = self.context.read.opened(entry.article)
        if problem:
            self.notify(problem, severity="error", timeout=10, markup=False)
        self.selection_start = None
        self.targets = Targets.of(entry.article, entry.extraction)
        self.set_matches(within(entry.article.body, self.find_text) if matches is None else matches)
        self.placed = self.notebook.for_article(article_id)
        labels = [Label(q.end, f"— {q.speaker or 'speaker unknown'}") for q in entry.speech_quotes]
        labels += [
            Label(r.end, f"— {r.speaker or 'speaker unknown'}, reported", "article--reported-speaker")
            for r in entry.extraction.reported
        ]
        labels.sort(key=lambda label: label.at)
        credits = [Highlight(p.start, p.end, "article--person") for p in entry.caption_people]
        await self.view.show(entry.article, self.highlights(), labels, credits)
        self.view.focus()
        self.sub_title = entry.article.title
        if offset is not None:
            after = self.targets.step(MATCH, offset - 1, 1) if matches else None
            if after is not None:
                self.set_cursor(after)
            else:
                self.place_cursor(offset)
        self.update_status()

    def set_matches(self, matches: Sequence[tuple[int, int]]) -> None:
        """Make these body spans the matches that are highlighted and that n/N visit."""
        self.targets.spans[MATCH] = [Span(s, e, MATCH) for s, e in sorted(matches)]

    def highlights(self) -> list[Highlight]:
        """Everything to style in the body: reported claims, quotes, people, notes, matches,
        then the cursor on top."""
        assert self.entry is not None
        extraction = self.entry.extraction
        marks = [
            Highlight(s, e, "article--quote" if q.kind == SPEECH else "article--scare")
            for q in extraction.quotes
            for s, e in (q.spans or ((q.start, q.end),))
        ]
        marks[:0] = [Highlight(r.start, r.end, "article--reported") for r in extraction.reported]  # under quotes
        marks += [Highlight(p.start, p.end, "article--person") for p in extraction.people]
        marks += [
            Highlight(p.anchor.start, p.anchor.end, f"article--note-{p.annotation.colour}")
            for p in self.placed
            if not p.orphan
        ]
        marks += [Highlight(m.start, m.end, "article--match") for m in self.targets.spans.get(MATCH, ())]
        target = self.target()
        if target is not None:
            marks.append(Highlight(target.start, target.end, "article--current"))
        return marks

    def target(self) -> Span | None:
        """What annotation keys act on: the selection when one is open, else the cursor."""
        cursor, start = self.cursor, self.selection_start
        if cursor is None or start is None:
            return cursor
        return Span(min(start.start, cursor.start), max(start.end, cursor.end), "selection")

    def placed_at(self, span: Span | None) -> Placed | None:
        """The annotation overlapping the span (the innermost, the newest on a tie)."""
        if span is None:
            return None
        hits = [p for p in self.placed if not p.orphan and p.anchor.start < span.end and span.start < p.anchor.end]
        hits.sort(key=lambda p: (p.anchor.end - p.anchor.start, p.annotation.created))
        return hits[0] if hits else None

    def place_cursor(self, offset: int) -> None:
        """Put the cursor on the quote or person at ``offset``, else on its sentence."""
        for kind in (QUOTE, PERSON, CLAIM, SENTENCE, PARAGRAPH):
            span = self.targets.at(kind, offset)
            if span is not None:
                self.set_cursor(span)
                return

    def set_cursor(self, span: Span | None) -> None:
        """Move the cursor, restyle what changed, keep it in view, update panel and status."""
        old = self.target()
        if span != self.cursor:
            self.quote_lines, self._reports_for = [], None
        self.cursor = span
        self.restyle(old, self.target())
        if span is not None:
            block = self.view.block_at(span.start)
            if block is not None:
                self.call_after_refresh(self._scroll_into_view, block)
        self.update_panel()
        self.update_status()

    def restyle(self, *spans: Span | None) -> None:
        """Redraw the blocks that the given spans touch."""
        present = [s for s in spans if s is not None]
        if present:
            self.view.restyle(self.highlights(), min(s.start for s in present), max(s.end for s in present))

    def _scroll_into_view(self, block: BlockView) -> None:
        region = block.region
        viewport = self.view.region
        if region.y < viewport.y or region.bottom > viewport.bottom:
            self.view.scroll_to_widget(block, animate=False, top=region.height > viewport.height // 2)

    def update_panel(self) -> None:
        """Show the note, and the person or the other reports of the quote, under the cursor."""
        panel = self.query_one("#person-panel", Static)
        cursor = self.cursor
        who = self.context.said
        person = who.person(cursor.label, fresh=False) if cursor and cursor.kind == PERSON else None
        lines = note_lines(self.placed_at(cursor)) + person_lines(person, self.library, self.article_id)
        if cursor is not None and cursor.kind == QUOTE:
            lines += self.quote_lines
            if self._reports_for != (self.article_id, cursor.start):
                self._reports_for = (self.article_id, cursor.start)
                self._find_reports(self.article_id, cursor.start)
        panel.display = bool(lines)
        if lines:
            panel.update(Content("\n").join(lines))

    def update_status(self) -> None:
        """Article position in the list, and what the cursor is on."""
        position = self.order.index(self.article_id) + 1 if self.article_id in self.order else 0
        parts = [self.article_id, f"article {position} of {len(self.order)}"]
        if self.entry is not None:
            parts.append(
                f"{counted(self.entry.speech_count, 'quote')}, {counted(self.entry.people_count, 'person', 'people')}"
            )
        cursor = self.cursor
        if cursor is not None:
            count = len(self.targets.spans.get(cursor.kind, []))
            where = f"{cursor.kind} {self.targets.index(cursor)} of {count}"
            if cursor.kind in (QUOTE, CLAIM):
                where += f" — {cursor.label or 'speaker unknown'}"
            elif cursor.kind == PERSON:
                where += f" — {cursor.label}"
            parts.append(where)
        if self.find_text and (cursor is None or cursor.kind != MATCH):
            parts.append(f"{len(self.targets.spans.get(MATCH, ()))} matches for {self.find_text!r}")
        if self.selection_start is not None:
            parts.append("selecting (Escape cancels)")
        if self.notebook.store.read_only:
            parts.append("notes read-only")
        self.query_one("#reader-status", Static).update("  ·  ".join(parts))

    @work(thread=True, exclusive=True, group="reader-reports")
    def _find_reports(self, article_id: str, start: int) -> None:
        """Find the quote's other reports (the who-index may be catching up: off the UI)."""
        who = self.context.said
        lines = report_lines(reports_of(who, who.node_at(article_id, start)), article_id, start)
        self.app.call_from_thread(self._show_reports, article_id, start, lines)

    def _show_reports(self, article_id: str, start: int, lines: list[Content]) -> None:
        cursor = self.cursor
        if (
            lines
            and cursor is not None
            and cursor.kind == QUOTE
            and (self.article_id, cursor.start) == (article_id, start)
        ):
            self.quote_lines = lines
            self.update_panel()
