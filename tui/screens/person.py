"""One person's page: names, roles with dates, a chart of quotes and mentions per month,
what they said (quotes and reported claims, newest first), who is named with them, and
the articles. Enter opens the article at the quote (or the person named with them)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static
from textual_plotext import PlotextPlot

from tui.core.extract import Person, Quote
from tui.core.extract.model import SPEECH
from tui.core.text import one_line
from tui.core.who.facts import REPORTED
from tui.core.who.profile import QUOTE, Month, Profile, Statement, profile
from tui.messages import OpenArticle
from tui.screens.citing import copy_citation, no_quote
from tui.screens.table_screen import SortKey, TableScreen, marked
from tui.services.context import Context
from tui.widgets.big_table import BigTable
from tui.widgets.index_progress import IndexProgress
from tui.widgets.table_columns import Cell, Column

CHART_TICKS = 6
"""At most this many months are labelled under a line chart."""
BAR_MONTHS = 18
"""Up to this many months are drawn as bars (two per month); more, as lines."""


class PersonScreen(TableScreen[Statement]):
    """A person's page; the main table lists what they said, newest first."""

    HELP_TITLE = "Person"
    HELP = (
        "One person across the library: the names they go by, the roles written beside their "
        "name (with the dates they were first and last seen), quotes and mentions per month, "
        "what they said — quotes and reported claims, newest first — the people named with "
        "them and every article. [b]Enter[/b] opens the article at the quote; [b]tab[/b] moves "
        "to the people named with them (Enter opens their page) and to the articles; [b]y[/b] "
        "copies the quote under the cursor with its citation."
    )
    NOUN = "quotes and claims"
    FILTER_HINT = "Filter what they said (f)…"
    COLUMNS = (
        Column("date", "Date", 10),
        Column("kind", "", 8),
        Column("text", "Quote or reported claim"),
        Column("article", "Article", 26),
    )
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("y", "copy_quote", "Copy with citation"),
    ]

    def __init__(self, context: Context, person: Person) -> None:
        self.person = person
        self.page: Profile | None = None
        super().__init__(context)

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(self.person.name, "bold"), id="person-header")
        yield PlotextPlot(id="person-chart")
        with Horizontal(id="person-main"):
            with Vertical(id="person-said"):
                yield Input(placeholder=self.FILTER_HINT, id="filter", select_on_focus=False)
                yield BigTable(self.COLUMNS, id="table")
            with Vertical(id="person-side"):
                yield Static("Named with", classes="person-list-title")
                yield BigTable(
                    (Column("name", "Person"), Column("count", "Articles", 8, align="right")), id="person-co"
                )
                yield Static("Articles", classes="person-list-title")
                yield BigTable((Column("date", "Date", 10), Column("title", "Title")), id="person-articles")
        yield IndexProgress(self.context.sync, id="indexing")
        yield Static(id="status", classes="status")
        yield Footer()

    # -- the table of what they said ---------------------------------------------------------

    def sort_keys(self) -> list[SortKey[Statement]]:
        return [
            SortKey("date", "date", lambda s: (s.article.ordinal, s.article.id, -s.start), descending=True),
            SortKey("kind", "kind", lambda s: (s.kind, -s.article.ordinal, s.start)),
        ]

    def records(self) -> list[Statement]:
        who = self.context.said
        person = who.person(self.person.name) or self.person
        self.page = profile(who, person)
        return self.page.said

    def record_estimate(self) -> int:
        return 20 * len(self.person.article_ids)  # a busy person is read on a worker thread

    def record_key(self, record: Statement) -> str:
        return f"{record.article.id}:{record.kind}:{record.start}"

    def haystack(self, record: Statement) -> str:
        return f"{record.text}\n{record.article.title}"

    def cells(self, record: Statement, words: Sequence[str]) -> Sequence[Cell]:
        return (
            record.article.date_iso or "",
            "said" if record.kind == QUOTE else "reported",
            marked(one_line(record.text), words),
            marked(record.article.title, words),
        )

    def open_record(self, record: Statement) -> None:
        order = list(dict.fromkeys(s.article.id for s in self.shown))
        self.post_message(OpenArticle(record.article.id, order, record.start))

    def _show(self, shown: list[Statement], keys: list[str], query: str) -> None:
        super()._show(shown, keys, query)
        if self.page is not None:
            self._show_page(self.page)

    # -- the rest of the page ------------------------------------------------------------------

    def _show_page(self, page: Profile) -> None:
        person = page.person
        lines = [Content.styled(person.name, "bold")]
        if person.aliases:
            lines.append(Content("Also named: " + ", ".join(person.aliases[:12])))
        if page.roles:
            lines.append(Content("Roles: " + "; ".join(_role(r.role, r.first, r.last) for r in page.roles[:6])))
        lines.append(Content(page.summary))
        self.query_one("#person-header", Static).update(Content("\n").join(lines))
        self._chart(page.timeline)
        co = self.query_one("#person-co", BigTable)
        co.set_rows([(name, str(count)) for name, count in page.co_mentioned], [n for n, _ in page.co_mentioned])
        articles = self.query_one("#person-articles", BigTable)
        articles.set_rows([(a.date_iso or "", a.title) for a in page.articles], [a.id for a in page.articles])

    def _chart(self, timeline: list[Month]) -> None:
        chart = self.query_one(PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        mentions, quotes = [m.mentions for m in timeline], [m.quotes for m in timeline]
        if 0 < len(timeline) <= BAR_MONTHS:
            plt.multiple_bar([m.month for m in timeline], [mentions, quotes], labels=["mentions", "quotes"])  # type: ignore[call-arg]  # stubs lag plotext
        elif timeline:
            xs = list(range(len(timeline)))
            plt.plot(xs, mentions, label="mentions", marker="braille")
            plt.plot(xs, quotes, label="quotes", marker="braille")
            step = max(1, len(timeline) // CHART_TICKS)
            plt.xticks([float(x) for x in xs[::step]], [m.month for m in timeline][::step])
        plt.title("Quotes and mentions per month")
        chart.refresh()

    def on_big_table_row_selected(self, event: BigTable.RowSelected) -> None:
        page = self.page
        if event.table.id == "person-co" and page is not None:
            event.stop()
            name = page.co_mentioned[event.row][0]
            other = self.context.said.person(name)
            if other is not None:
                self.app.push_screen(PersonScreen(self.context, other))
        elif event.table.id == "person-articles" and page is not None:
            event.stop()
            article = page.articles[event.row]
            order = [a.id for a in page.articles]
            self.post_message(OpenArticle(article.id, order, page.first_mention.get(article.id)))
        else:
            super().on_big_table_row_selected(event)

    def action_copy_quote(self) -> None:
        said = self.highlighted()
        if said is None:
            no_quote(self)
            return
        kind = SPEECH if said.kind == QUOTE else REPORTED
        quote = Quote(said.start, said.end, said.text, kind, said.speaker)
        copy_citation(self, said.article, quote, self.context.said.names_in(said.article.id), said.cue)


def _role(role: str, first: object, last: object) -> str:
    if first is None:
        return role
    return f"{role} ({first})" if first == last else f"{role} ({first} – {last})"
