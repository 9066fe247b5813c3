"""The people screen: everyone named across the library, with roles and counts."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding

from tui.core.extract import Person
from tui.screens.person import PersonScreen
from tui.screens.table_screen import SortKey, TableScreen, marked
from tui.widgets.table_columns import Cell, Column


class PeopleScreen(TableScreen[Person]):
    """People with their roles and counts; Enter opens the person's page."""

    HELP_TITLE = "People"
    HELP = (
        "Everyone named in the library, with aliases merged (Rutte → Mark Rutte). "
        "Press [b]f[/b] to filter by name, alias or role; [b]Enter[/b] opens the person's "
        "page: roles with dates, a chart of quotes and mentions per month, what they said, "
        "who is named with them and the articles."
    )
    NOUN = "people"
    FILTER_HINT = "Filter people by name, alias or role (f)…"
    COLUMNS = (
        Column("name", "Name", 28),
        Column("roles", "Roles"),
        Column("quotes", "Quotes", 6, align="right"),
        Column("articles", "Articles", 8, align="right"),
        Column("mentions", "Mentions", 8, align="right"),
    )
    BINDINGS = [Binding("escape,q", "app.switch_mode('library')", "Library")]

    def sort_keys(self) -> list[SortKey[Person]]:
        return [
            SortKey("quotes", "quotes", lambda p: (p.quote_count, len(p.article_ids)), descending=True),
            SortKey("articles", "articles", lambda p: (len(p.article_ids), p.quote_count), descending=True),
            SortKey("mentions", "mentions", lambda p: p.mention_count, descending=True),
            SortKey("name", "name", lambda p: p.name.casefold()),
        ]

    def records(self) -> list[Person]:
        return self.context.said.people()

    def record_key(self, record: Person) -> str:
        return record.name

    def haystack(self, record: Person) -> str:
        return "\n".join((record.name, *record.aliases, *record.roles))

    def cells(self, record: Person, words: Sequence[str]) -> Sequence[Cell]:
        return (
            marked(record.name, words),
            marked("; ".join(record.roles), words),
            str(record.quote_count),
            str(len(record.article_ids)),
            str(record.mention_count),
        )

    def open_record(self, record: Person) -> None:
        self.app.push_screen(PersonScreen(self.context, record))
