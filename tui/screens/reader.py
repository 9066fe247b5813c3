"""The reader: one article with who said what highlighted, a cursor, and keys to move through the library."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.core.library.library import Entry, Library
from tui.core.notes.annotations import COLOURS, Annotation
from tui.core.notes.notebook import Notebook, Placed
from tui.core.notes.store import StoreError
from tui.core.reading.navigation import PARAGRAPH, PERSON, QUOTE, SENTENCE, Span, Targets
from tui.core.search import within
from tui.screens.dialogs import NoteEditor, TagEditor
from tui.screens.people import PersonScreen
from tui.widgets.article_view import ArticleView, BlockView, Highlight

MATCH = "match"
"""The cursor kind of a find (or search) match."""


class ReaderScreen(Screen[None]):
    """Shows one article; ``[``/``]`` move through ``order`` (the rows of the screen it came from)."""

    HELP_TITLE = "Reader"
    HELP = (
        "Quotes are highlighted with their speaker under the paragraph; scare quotes and "
        "titles are shown in italics; named people stand out. The cursor (reverse video) "
        "moves by word, sentence, paragraph, quote or person; on a person, a panel shows their "
        "roles, quote count and the other articles that mention them.\n\n"
        "[b]Annotating[/b]: [b]h[/b] highlights what the cursor is on (a quote or a person is "
        "kept as such, with its speaker); [b]v[/b] starts a selection that the movement keys "
        "extend; dragging the mouse over text selects it too. [b]a[/b] adds or edits a note, "
        "[b]t[/b] edits tags, [b]c[/b] changes the "
        "colour, [b]x[/b] deletes and [b]u[/b] undoes the delete. A note under the cursor "
        "shows in the side panel. Notes are saved at once, safely, and re-found when an "
        "article changes.\n\n"
        "[b]Finding[/b]: [b]ctrl+f[/b] finds words in the article as you type (typos are "
        "forgiven when nothing matches exactly) and highlights every match; [b]Enter[/b] keeps "
        "them, [b]n[/b]/[b]N[/b] go to the next/previous match, [b]Escape[/b] clears them. "
        "An article opened from search (/) starts at the match, highlighted."
    )
    BINDINGS = [
        Binding("escape,q", "back", "Back / cancel selection"),
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
        Binding("w", "move('word', 1)", "Next word", show=False),
        Binding("W", "move('word', -1)", "Previous word", show=False),
        Binding("enter", "open_person", "Person details", show=False),
        Binding("v", "toggle_selection", "Select from here", show=False),
        Binding("h", "highlight", "Highlight"),
        Binding("c", "cycle_colour", "Change highlight colour", show=False),
        Binding("a", "note", "Note"),
        Binding("t", "tags", "Tags", show=False),
        Binding("x", "delete_note", "Delete annotation", show=False),
        Binding("u", "undo_delete", "Undo delete", show=False),
        Binding("left_square_bracket", "step(-1)", "Previous article"),
        Binding("right_square_bracket", "step(1)", "Next article"),
        Binding("ctrl+f", "find", "Find"),
        Binding("n", "move('match', 1)", "Next match", show=False),
        Binding("N", "move('match', -1)", "Previous match", show=False),
    ]

    class NotesChanged(Message):
        """An annotation of the article was added, edited or deleted."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(
        self,
        library: Library,
        notebook: Notebook,
        article_id: str,
        order: Sequence[str] = (),
        offset: int | None = None,
        matches: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.notebook = notebook
        self.placed: list[Placed] = []
        self.selection_start: Span | None = None
        self.deleted: list[Annotation] = []
        self.order = list(order) or [a.id for a in library.articles]
        self.article_id = article_id
        self.start_offset = offset
        self.start_matches = matches
        self.find_text = ""
        self.entry: Entry | None = None
        self.targets = Targets()
        self.cursor: Span | None = None

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
        self.selection_start = None
        self.targets = Targets.of(entry.article, entry.extraction)
        self.set_matches(within(entry.article.body, self.find_text) if matches is None else matches)
        self.placed = self.notebook.for_article(article_id)
        labels = [(q.end, f"— {q.speaker or 'speaker unknown'}") for q in entry.extraction.quotes if q.kind == "speech"]
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
        """Everything to style in the body: quotes, people, then the cursor on top."""
        assert self.entry is not None
        extraction = self.entry.extraction
        marks = [
            Highlight(s, e, "article--quote" if q.kind == "speech" else "article--scare")
            for q in extraction.quotes
            for s, e in (q.spans or ((q.start, q.end),))
        ]
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
        for kind in (QUOTE, PERSON, SENTENCE, PARAGRAPH):
            span = self.targets.at(kind, offset)
            if span is not None:
                self.set_cursor(span)
                return

    def set_cursor(self, span: Span | None) -> None:
        """Move the cursor, restyle what changed, keep it in view, update panel and status."""
        old = self.target()
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
        """Show the note and the person under the cursor."""
        panel = self.query_one("#person-panel", Static)
        lines = self._note_lines() + self._person_lines()
        panel.display = bool(lines)
        if lines:
            panel.update(Content("\n").join(lines))

    def _note_lines(self) -> list[Content]:
        placed = self.placed_at(self.cursor)
        if placed is None:
            return []
        note = placed.annotation
        lines = [Content.styled(f"{note.kind.capitalize()} · {note.colour}", "bold")]
        if note.note:
            lines += [Content(""), Content(note.note)]
        if note.tags:
            lines += [Content(""), Content("Tags: " + ", ".join(f"#{t}" for t in note.tags))]
        lines += [Content(""), Content.styled(f"Updated {note.updated[:16].replace('T', ' ')}", "italic")]
        if placed.anchor.status == "fuzzy":
            lines.append(Content.styled("Re-found after the article changed", "italic"))
        return [*lines, Content("")]

    def _person_lines(self) -> list[Content]:
        person = self.library.person(self.cursor.label) if self.cursor and self.cursor.kind == PERSON else None
        if person is None:
            return []
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
        return lines

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
        if self.find_text and (cursor is None or cursor.kind != MATCH):
            parts.append(f"{len(self.targets.spans.get(MATCH, ()))} matches for {self.find_text!r}")
        if self.selection_start is not None:
            parts.append("selecting (Escape cancels)")
        if self.notebook.store.read_only:
            parts.append("notes read-only")
        self.query_one("#reader-status", Static).update("  ·  ".join(parts))

    def action_back(self) -> None:
        if self.selection_start is not None:
            old = self.target()
            self.selection_start = None
            self.restyle(old)
            self.update_status()
            return
        if self.query_one("#find", Input).display:
            self.close_find()
            return
        self.dismiss()

    # -- finding in the article ------------------------------------------------------------

    def action_find(self) -> None:
        box = self.query_one("#find", Input)
        box.display = True
        box.focus()

    def close_find(self) -> None:
        """Hide the find box and clear the matches."""
        box = self.query_one("#find", Input)
        box.display = False
        box.value = ""
        self._find("")
        self.view.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "find":
            event.stop()
            self._find(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "find":
            return
        event.stop()
        event.input.display = False
        self.view.focus()
        if self.targets.spans.get(MATCH):
            self.action_move(MATCH, 1)

    def _find(self, text: str) -> None:
        """Highlight every match of ``text`` in the article."""
        self.find_text = text
        if self.entry is None:
            return
        self.set_matches(within(self.entry.article.body, text))
        if self.cursor is not None and self.cursor.kind == MATCH:
            self.cursor = None
        self.view.restyle(self.highlights())
        self.update_status()

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
        if kind == MATCH and not self.targets.spans.get(MATCH):
            self.notify("No matches: ctrl+f finds words in this article", timeout=2)
            return
        position = self.cursor.start if self.cursor else (-1 if direction > 0 else 1 << 60)
        span = self.targets.step(kind, position, direction)
        if span is None and kind == MATCH:  # matches wrap around, as in a pager
            span = self.targets.step(kind, -1 if direction > 0 else 1 << 60, direction)
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

    # -- annotations -------------------------------------------------------------------------

    def action_toggle_selection(self) -> None:
        if self.cursor is None:
            self.notify("Move the cursor first (w, ), }, o or p), then v to select", timeout=3)
            return
        old = self.target()
        self.selection_start = None if self.selection_start is not None else self.cursor
        self.restyle(old, self.target())
        self.update_status()

    def on_text_selected(self, event: events.TextSelected) -> None:
        """A mouse selection in the body becomes the reader's selection, for h, a and t."""
        spans = [
            view.body_span(selection) for view, selection in self.selections.items() if isinstance(view, BlockView)
        ]
        self.clear_selection()
        if self.entry is None or not spans:
            return
        body = self.entry.article.body
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if end <= start:
            return
        span = Span(start, end, "selection")
        self.selection_start = span
        self.set_cursor(span)

    def _write(self, what: str, action) -> object | None:  # type: ignore[no-untyped-def]
        """Run a store write; on failure say so and keep everything as it was."""
        try:
            return action()
        except StoreError as exc:
            self.notify(f"Could not {what}: {exc}", severity="error", timeout=8)
            return None

    def _refresh_notes(self) -> None:
        """Re-read the article's annotations and redraw it."""
        self.placed = self.notebook.for_article(self.article_id)
        self.view.restyle(self.highlights())
        self.update_panel()
        self.update_status()
        self.post_message(self.NotesChanged(self.article_id))

    def _annotate(self, **fields: object) -> Annotation | None:
        """Store a new annotation on the target span (quote and person kinds kept)."""
        target, entry = self.target(), self.entry
        if target is None or entry is None:
            self.notify("Move the cursor to something first (w, ), }, o or p)", timeout=3)
            return None
        if target.kind == QUOTE:
            fields.setdefault("kind", "quote")
            fields.setdefault("speaker", target.label or None)
        elif target.kind == PERSON:
            fields.setdefault("kind", "person")
        note = self._write(
            "save the annotation", lambda: self.notebook.annotate(entry.article, target.start, target.end, **fields)
        )
        self.selection_start = None
        self._refresh_notes()
        return note  # type: ignore[return-value]

    def action_highlight(self) -> None:
        if self.selection_start is None and self.placed_at(self.cursor) is not None:
            self.action_cycle_colour()
            return
        if self._annotate() is not None:
            self.notify("Highlighted", timeout=1.5)

    def action_cycle_colour(self) -> None:
        placed = self.placed_at(self.cursor)
        if placed is None:
            self.notify("No annotation under the cursor", timeout=2)
            return
        colour = COLOURS[(COLOURS.index(placed.annotation.colour) + 1) % len(COLOURS)]
        self._save(placed, "colour", colour=colour)

    def _editing(self) -> tuple[Placed | None, Span | None, str] | None:
        """What a note or tags edit applies to: the annotation under the cursor (unless a
        selection is open), else the cursor or selection; and the text it covers."""
        placed = self.placed_at(self.cursor) if self.selection_start is None else None
        target = self.target()
        if placed is None and target is None:
            self.notify("Move the cursor to something first (w, ), }, o or p)", timeout=3)
            return None
        body = self.entry.article.body if self.entry else ""
        quoted = placed.annotation.selector.exact if placed else body[target.start : target.end]  # type: ignore[union-attr]
        return placed, target, quoted

    def _save(self, placed: Placed | None, what: str, **fields: object) -> None:
        """Change the annotation under the cursor, or annotate the target with ``fields``."""
        if placed is None:
            self._annotate(**fields)
            return
        self._write(f"save the {what}", lambda: self.notebook.store.update(placed.annotation.id, **fields))
        self._refresh_notes()

    def action_note(self) -> None:
        editing = self._editing()
        if editing is None:
            return
        placed, target, quoted = editing

        def done(text: str | None) -> None:
            if text is None:
                return
            plain = placed is None and target is not None and target.kind not in (QUOTE, PERSON)
            self._save(placed, "note", note=text, **({"kind": "note"} if plain else {}))

        self.app.push_screen(NoteEditor(quoted, placed.annotation.note if placed else ""), done)

    def action_tags(self) -> None:
        editing = self._editing()
        if editing is None:
            return
        placed, _, quoted = editing

        def done(tags: tuple[str, ...] | None) -> None:
            if tags is not None:
                self._save(placed, "tags", tags=tags)

        known = self.notebook.store.tags()
        self.app.push_screen(TagEditor(quoted, placed.annotation.tags if placed else (), known), done)

    def action_delete_note(self) -> None:
        placed = self.placed_at(self.cursor)
        if placed is None:
            self.notify("No annotation under the cursor", timeout=2)
            return
        removed = self._write("delete the annotation", lambda: self.notebook.store.delete(placed.annotation.id))
        if removed is not None:
            self.deleted.append(removed)  # type: ignore[arg-type]
            self.notify("Annotation deleted — u undoes", timeout=3)
        self._refresh_notes()

    def action_undo_delete(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo", timeout=2)
            return
        annotation = self.deleted.pop()
        if self._write("restore the annotation", lambda: self.notebook.store.restore(annotation)) is None:
            self.deleted.append(annotation)
            return
        self.notify("Annotation restored", timeout=2)
        self._refresh_notes()
