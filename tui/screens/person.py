"""One person: roles and aliases, and every quote and mention; Enter opens the article there."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from tui.core.extract import Person
from tui.core.text import one_line
from tui.core.who.quotes import Appearance, appearances
from tui.messages import OpenArticle
from tui.screens.table_screen import SortKey, TableScreen, marked
from tui.services.context import Context
from tui.widgets.big_table import Cell, Column


class PersonScreen(TableScreen[Appearance]):
    """One person: roles, aliases, and every quote and mention; Enter opens the article there."""

    HELP_TITLE = "Person"
    NOUN = "appearances"
    FILTER_HINT = "Filter this person's quotes and mentions (f)…"
    COLUMNS = (
        Column("kind", "", 7),
        Column("text", "Quote or mention"),
        Column("article", "Article", 30),
        Column("date", "Date", 10),
    )
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def __init__(self, context: Context, person: Person) -> None:
        self.person = person
        super().__init__(context)

    def compose(self) -> ComposeResult:
        person = self.person
        lines = [Content.styled(person.name, "bold")]
        if person.roles:
            lines.append(Content("Roles: " + "; ".join(person.roles)))
        if person.aliases:
            lines.append(Content("Also named: " + ", ".join(person.aliases)))
        lines.append(
            Content(
                f"{person.quote_count} quotes · {len(person.article_ids)} articles · {person.mention_count} mentions"
            )
        )
        yield Static(Content("\n").join(lines), id="person-header")
        yield from super().compose()

    def sort_keys(self) -> list[SortKey[Appearance]]:
        return [
            SortKey("date", "date", lambda a: (a.article.ordinal, a.article.id, -a.start), descending=True),
            SortKey("kind", "kind", lambda a: (a.kind, a.article.id, a.start)),
        ]

    def records(self) -> list[Appearance]:
        return appearances(self.context.library, self.person)

    def record_estimate(self) -> int:
        return self.person.quote_count + self.person.mention_count

    def record_key(self, record: Appearance) -> str:
        return f"{record.article.id}:{record.kind}:{record.start}"

    def haystack(self, record: Appearance) -> str:
        return f"{record.text}\n{record.article.title}"

    def cells(self, record: Appearance, words: Sequence[str]) -> Sequence[Cell]:
        return (
            record.kind,
            marked(one_line(record.text), words),
            marked(record.article.title, words),
            record.article.date_iso or "",
        )

    def open_record(self, record: Appearance) -> None:
        order = list(dict.fromkeys(a.article.id for a in self.shown))
        self.post_message(OpenArticle(record.article.id, order, record.start))
