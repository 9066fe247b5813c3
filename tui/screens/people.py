"""The people screen (everyone named across the library) and one person's quotes and mentions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from tui.core.extract import Person
from tui.core.library.article import Article
from tui.screens.table_screen import SortKey, TableScreen, marked
from tui.widgets.big_table import Cell, Column


class PeopleScreen(TableScreen[Person]):
    """People with their roles and counts; Enter lists their quotes and articles."""

    HELP_TITLE = "People"
    HELP = (
        "Everyone named in the library, with aliases merged (Rutte → Mark Rutte). "
        "Press [b]f[/b] to filter by name, alias or role; [b]Enter[/b] shows the person's "
        "quotes and the articles that mention them."
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
        return list(self.app.library.people)  # type: ignore[attr-defined]

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
        self.app.push_screen(PersonScreen(record))


@dataclass(frozen=True, slots=True)
class Appearance:
    """Where a person appears: a quote of theirs, or a mention, in one article."""

    article: Article
    kind: str
    start: int
    text: str


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

    def __init__(self, person: Person) -> None:
        self.person = person
        super().__init__()

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
            SortKey(
                "date",
                "date",
                lambda a: (a.article.date.toordinal() if a.article.date else 0, a.article.id, -a.start),
                descending=True,
            ),
            SortKey("kind", "kind", lambda a: (a.kind, a.article.id, a.start)),
        ]

    def records(self) -> list[Appearance]:
        library = self.app.library  # type: ignore[attr-defined]
        names = {self.person.name, *self.person.aliases}
        found: list[Appearance] = []
        for article_id in self.person.article_ids:
            entry = library.entry(article_id)
            if entry is None:
                continue
            found += [
                Appearance(entry.article, "quote", q.start, q.text)
                for q in entry.extraction.quotes
                if q.kind == "speech" and q.speaker in names
            ]
            found += [
                Appearance(entry.article, "mention", m.start, _context(entry.article.body, m.start, m.end))
                for m in entry.extraction.people
                if m.name in names or m.text in names
            ]
        return found

    def record_estimate(self) -> int:
        return self.person.quote_count + self.person.mention_count

    def record_key(self, record: Appearance) -> str:
        return f"{record.article.id}:{record.kind}:{record.start}"

    def haystack(self, record: Appearance) -> str:
        return f"{record.text}\n{record.article.title}"

    def cells(self, record: Appearance, words: Sequence[str]) -> Sequence[Cell]:
        return (
            record.kind,
            marked(" ".join(record.text.split()), words),
            marked(record.article.title, words),
            record.article.date_iso or "",
        )

    def open_record(self, record: Appearance) -> None:
        order = list(dict.fromkeys(a.article.id for a in self.shown))
        self.app.open_article(record.article.id, order, record.start)  # type: ignore[attr-defined]


def _context(body: str, start: int, end: int, width: int = 60) -> str:
    """The mention with some words around it, for one line of a table."""
    left = body.rfind(" ", 0, max(0, start - width))
    right = body.find(" ", min(len(body), end + width))
    text = body[left + 1 if left >= 0 else 0 : right if right >= 0 else len(body)]
    return ("…" if left > 0 else "") + text + ("…" if right >= 0 else "")
