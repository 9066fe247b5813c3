"""The reader: one article with who said what highlighted, a cursor, and keys to move through the library."""

from __future__ import annotations

from typing import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..core.library import Entry, Library
from ..core.navigation import PARAGRAPH, PERSON, QUOTE, SENTENCE, Span, Targets
from ..widgets.article_view import ArticleView, BlockView, Highlight
from .people import PersonScreen


class ReaderScreen(Screen[None]):
    """Shows one article; ``[``/``]`` move through ``order`` (the rows of the screen it came from)."""

    HELP_TITLE = "Reader"
    HELP = ("Quotes are highlighted with their speaker under the paragraph; scare quotes and "
            "titles are shown in italics; named people stand out. The cursor (reverse video) "
            "moves by quote, person, sentence or paragraph; on a person, a panel shows their "
            "roles, quote count and the other articles that mention them.")
    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("j", "scroll('down')", "Scroll down", show=False),
        Binding("k", "scroll('up')", "Scroll up", show=False),
        Binding("space", "page('down')", "Page down", show=False),
        Binding("b", "page('up')", "Page up", show=False),
        Binding("g", "edge('home')", "Top", show=False),
        Binding("G", "edge('end')", "Bottom", show=False),
        Binding("o", "move('quote', 1)", "Next quote"),
        Binding("O", "move('quote', -1)", "Previous quote", show=False),
        Binding("p", "move('person', 1)", "Next person"),
        Binding("P", "move('person', -1)", "Previous person", show=False),
        Binding("right_parenthesis", "move('sentence', 1)", "Next sentence", show=False),
        Binding("left_parenthesis", "move('sentence', -1)", "Previous sentence", show=False),
        Binding("right_curly_bracket", "move('paragraph', 1)", "Next paragraph", show=False),
        Binding("left_curly_bracket", "move('paragraph', -1)", "Previous paragraph", show=False),
        Binding("enter", "open_person", "Person details", show=False),
        Binding("left_square_bracket", "step(-1)", "Previous article"),
        Binding("right_square_bracket", "step(1)", "Next article"),
    ]

    def __init__(self, library: Library, article_id: str, order: Sequence[str] = (),
                 offset: int | None = None) -> None:
        super().__init__()
        self.library = library
        self.order = list(order) or [a.id for a in library.articles]
        self.article_id = article_id
        self.start_offset = offset
        self.entry: Entry | None = None
        self.targets = Targets()
        self.cursor: Span | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="reader-main"):
            with Container(id="reader-body"):
                yield ArticleView(id="article")
            yield Static(id="person-panel")
        yield Static(id="reader-status", classes="status")
        yield Footer()

    async def on_mount(self) -> None:
        await self.show_article(self.article_id, self.start_offset)

    @property
    def view(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)

    async def show_article(self, article_id: str, offset: int | None = None) -> None:
        """Show the article with this id, with the cursor at ``offset`` when given."""
        entry = self.library.entry(article_id)
        if entry is None:
            self.notify(f"No article with id {article_id!r}", severity="error")
            return
        self.article_id, self.entry, self.cursor = article_id, entry, None
        self.targets = Targets.of(entry.article, entry.extraction)
        labels = [(q.end, f"— {q.speaker or 'speaker unknown'}")
                  for q in entry.extraction.quotes if q.kind == "speech"]
        credits = [Highlight(p.start, p.end, "article--person") for p in entry.caption_people]
        await self.view.show(entry.article, self.highlights(), labels, credits)
        self.view.focus()
        self.sub_title = entry.article.title
        if offset is not None:
            self.place_cursor(offset)
        self.update_status()

    def highlights(self) -> list[Highlight]:
        """Everything to style in the body: quotes, people, then the cursor on top."""
        assert self.entry is not None
        extraction = self.entry.extraction
        marks = [Highlight(s, e, "article--quote" if q.kind == "speech" else "article--scare")
                 for q in extraction.quotes for s, e in (q.spans or ((q.start, q.end),))]
        marks += [Highlight(p.start, p.end, "article--person") for p in extraction.people]
        if self.cursor is not None:
            marks.append(Highlight(self.cursor.start, self.cursor.end, "article--current"))
        return marks

    def place_cursor(self, offset: int) -> None:
        """Put the cursor on the quote or person at ``offset``, else on its sentence."""
        for kind in (QUOTE, PERSON, SENTENCE, PARAGRAPH):
            span = self.targets.at(kind, offset)
            if span is not None:
                self.set_cursor(span)
                return

    def set_cursor(self, span: Span | None) -> None:
        """Move the cursor, restyle what changed, keep it in view, update panel and status."""
        old = self.cursor
        self.cursor = span
        lows = [s.start for s in (old, span) if s is not None]
        highs = [s.end for s in (old, span) if s is not None]
        if lows:
            self.view.restyle(self.highlights(), min(lows), max(highs))
        if span is not None:
            block = self.view.block_at(span.start)
            if block is not None:
                self.call_after_refresh(self._scroll_into_view, block)
        self.update_panel()
        self.update_status()

    def _scroll_into_view(self, block: BlockView) -> None:
        region = block.region
        viewport = self.view.region
        if region.y < viewport.y or region.bottom > viewport.bottom:
            self.view.scroll_to_widget(block, animate=False, top=region.height > viewport.height // 2)

    def update_panel(self) -> None:
        """Show the person under the cursor: roles, quotes, other articles."""
        panel = self.query_one("#person-panel", Static)
        person = self.library.person(self.cursor.label) if self.cursor and self.cursor.kind == PERSON else None
        panel.display = person is not None
        if person is None:
            return
        lines = [Content.styled(person.name, "bold")]
        if person.roles:
            lines += [Content(""), Content.styled("Roles", "underline")]
            lines += [Content(f"• {role}") for role in person.roles[:6]]
        lines += [Content(""), Content(f"{person.quote_count} quotes · {person.mention_count} mentions")]
        others = [self.library.get(a) for a in person.article_ids if a != self.article_id]
        if others:
            lines += [Content(""), Content.styled(f"Also in {len(others)} articles", "underline")]
            lines += [Content(f"• {a.title}") for a in others[:8] if a is not None]
            if len(others) > 8:
                lines.append(Content(f"  … and {len(others) - 8} more"))
        lines += [Content(""), Content.styled("Enter: all quotes and mentions", "italic")]
        panel.update(Content("\n").join(lines))

    def update_status(self) -> None:
        """Article position in the list, and what the cursor is on."""
        position = self.order.index(self.article_id) + 1 if self.article_id in self.order else 0
        parts = [self.article_id, f"article {position} of {len(self.order)}"]
        if self.entry is not None:
            parts.append(f"{self.entry.speech_count} quotes, {self.entry.people_count} people")
        cursor = self.cursor
        if cursor is not None:
            count = len(self.targets.spans.get(cursor.kind, []))
            where = f"{cursor.kind} {self.targets.index(cursor)} of {count}"
            if cursor.kind == QUOTE:
                where += f" — {cursor.label or 'speaker unknown'}"
            elif cursor.kind == PERSON:
                where += f" — {cursor.label}"
            parts.append(where)
        self.query_one("#reader-status", Static).update("  ·  ".join(parts))

    def action_back(self) -> None:
        self.dismiss()

    def action_scroll(self, direction: str) -> None:
        if direction == "down":
            self.view.scroll_down(animate=False)
        else:
            self.view.scroll_up(animate=False)

    def action_page(self, direction: str) -> None:
        if direction == "down":
            self.view.scroll_page_down(animate=False)
        else:
            self.view.scroll_page_up(animate=False)

    def action_edge(self, edge: str) -> None:
        if edge == "home":
            self.view.scroll_home(animate=False)
        else:
            self.view.scroll_end(animate=False)

    def action_move(self, kind: str, direction: int) -> None:
        position = self.cursor.start if self.cursor else (-1 if direction > 0 else 1 << 60)
        span = self.targets.step(kind, position, direction)
        if span is None:
            self.notify(f"No {'next' if direction > 0 else 'previous'} {kind}", timeout=2)
            return
        self.set_cursor(span)

    def action_open_person(self) -> None:
        cursor = self.cursor
        if cursor is None or cursor.kind not in (PERSON, QUOTE) or not cursor.label:
            return
        person = self.library.person(cursor.label)
        if person is not None:
            self.app.push_screen(PersonScreen(person))

    async def action_step(self, delta: int) -> None:
        if self.article_id not in self.order:
            return
        index = self.order.index(self.article_id) + delta
        if 0 <= index < len(self.order):
            await self.show_article(self.order[index])
            self.update_panel()
        else:
            self.notify("No more articles that way", timeout=2)
