"""The reader: the article screen with its keys: scrolling, moving the cursor by word,
sentence, paragraph, quote or person, finding in the article, the person's page, the next
and previous article, and annotating."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from tui.core.extract import Quote
from tui.core.reading.navigation import CLAIM, PERSON, QUOTE
from tui.core.search import within
from tui.core.who.facts import REPORTED
from tui.core.who.quotes import said
from tui.screens.citing import copy_citation, no_quote
from tui.screens.person import PersonScreen
from tui.screens.quotes import ReportsScreen
from tui.screens.reader.annotating import AnnotatingScreen
from tui.screens.reader.article import MATCH


class ReaderScreen(AnnotatingScreen):
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
        "An article opened from search (/) starts at the match, highlighted.\n\n"
        "[b]Reported speech[/b] (what someone is reported to have said, without quote marks: "
        '"Rutte said that Rubio is involved", "according to police, …") is marked more quietly '
        'than quotes, with "— speaker, reported" under the paragraph; [b]r[/b]/[b]R[/b] move '
        "to the next/previous claim.\n\n"
        "[b]Who said what[/b]: on a quote, the panel shows the other reports of the same "
        "quotation across the library with a word diff against the earliest; [b]e[/b] lists "
        "every report, [b]y[/b] copies the quote with its citation, and [b]Enter[/b] on a "
        "quote or a name opens the person's page."
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
        Binding("r", "move('claim', 1)", "Next reported claim", show=False),
        Binding("R", "move('claim', -1)", "Previous reported claim", show=False),
        Binding("p", "move('person', 1)", "Next person"),
        Binding("P", "move('person', -1)", "Previous person", show=False),
        Binding("right_parenthesis", "move('sentence', 1)", "Next sentence", show=False),
        Binding("left_parenthesis", "move('sentence', -1)", "Previous sentence", show=False),
        Binding("right_curly_bracket", "move('paragraph', 1)", "Next paragraph", show=False),
        Binding("left_curly_bracket", "move('paragraph', -1)", "Previous paragraph", show=False),
        Binding("w", "move('word', 1)", "Next word", show=False),
        Binding("W", "move('word', -1)", "Previous word", show=False),
        Binding("enter", "open_person", "Person page", show=False),
        Binding("y", "copy_quote", "Copy quote with citation"),
        Binding("e", "every_report", "Every report of this quote", show=False),
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
        if cursor is None or cursor.kind not in (PERSON, QUOTE, CLAIM) or not cursor.label:
            return
        person = self.context.said.person(cursor.label, fresh=False)
        if person is not None:
            self.app.push_screen(PersonScreen(self.context, person))

    def quote_at_cursor(self) -> Quote | None:
        """The quote the cursor is on (None: it is on something else)."""
        cursor, entry = self.cursor, self.entry
        if cursor is None or cursor.kind != QUOTE or entry is None:
            return None
        return next((q for q in entry.extraction.quotes if q.start == cursor.start), None)

    def action_copy_quote(self) -> None:
        cursor, entry = self.cursor, self.entry
        if cursor is not None and cursor.kind == CLAIM and entry is not None:
            claim = next((r for r in entry.extraction.reported if r.start == cursor.start), None)
            if claim is not None:
                reported = Quote(claim.start, claim.end, claim.text, REPORTED, claim.speaker)
                copy_citation(self, entry.article, reported, entry.extraction.people, claim.cue)
                return
        quote = self.quote_at_cursor()
        if quote is None or entry is None:
            no_quote(self)
            return
        copy_citation(self, entry.article, quote, entry.extraction.people)

    def action_every_report(self) -> None:
        quote = self.quote_at_cursor()
        if quote is None or self.entry is None:
            self.notify("e lists every report of a quote: move to a quote first (o)", timeout=3)
            return
        who = self.context.said
        fact = next((f for f in who.said_in(self.article_id) if f.start == quote.start and f.node >= 0), None)
        if fact is None:
            self.notify("This quote is not filed yet (the library is still being indexed)", timeout=3)
            return
        self.app.push_screen(ReportsScreen(self.context, said(self.entry.article, fact)))

    async def action_step(self, delta: int) -> None:
        if self.article_id not in self.order:
            return
        index = self.order.index(self.article_id) + delta
        if 0 <= index < len(self.order):
            await self.show_article(self.order[index])
            self.update_panel()
        else:
            self.notify("No more articles that way", timeout=2)
