"""The quotes screen: every speech quote in the library, by speaker, filterable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding

from tui.core.extract import Quote
from tui.core.library.article import Article
from tui.core.library.library import Entry
from tui.core.text import one_line
from tui.messages import OpenArticle
from tui.screens.table_screen import SortKey, TableScreen, marked
from tui.services.context import Context
from tui.widgets.big_table import Cell, Column

UNKNOWN = "(unattributed)"


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A quote with the article it is in, and its key in the table (made once)."""

    article: Article
    quote: Quote
    key: str

    @property
    def speaker(self) -> str:
        """The speaker's name, or a placeholder when nobody could be named."""
        return self.quote.speaker or UNKNOWN


class QuotesScreen(TableScreen[QuoteRow]):
    """All quotes; Enter opens the article at the quote."""

    HELP_TITLE = "Quotes"
    HELP = (
        "Every direct quote in the library with its speaker. Press [b]f[/b] to filter by "
        "speaker, words of the quote or article title; [b]Enter[/b] opens the article at the quote."
    )
    NOUN = "quotes"
    FILTER_HINT = "Filter quotes by speaker, words or article (f)…"
    COLUMNS = (
        Column("speaker", "Speaker", 22),
        Column("quote", "Quote"),
        Column("article", "Article", 28),
        Column("date", "Date", 10),
    )
    BINDINGS = [Binding("escape,q", "app.switch_mode('library')", "Library")]

    def __init__(self, context: Context, speaker: str | None = None) -> None:
        super().__init__(context)
        self.speaker = speaker
        self._rows_of: dict[str, tuple[Entry, tuple[QuoteRow, ...]]] = {}
        """Each article's rows, kept while its entry stays the same: a refresh while
        indexing decodes only the new articles, not every quote of the library again."""

    def sort_keys(self) -> list[SortKey[QuoteRow]]:
        return [
            SortKey(
                "speaker",
                "speaker",
                lambda r: (r.quote.speaker is None, r.speaker.casefold(), -r.article.ordinal, r.quote.start),
            ),
            SortKey("date", "date", lambda r: (r.article.ordinal, r.article.id, -r.quote.start), descending=True),
            SortKey("article", "article", lambda r: (r.article.title.casefold(), r.quote.start)),
        ]

    def records(self) -> list[QuoteRow]:
        entries = self.context.library.entries()
        known = self._rows_of
        records: list[QuoteRow] = []
        for entry in entries:
            rows = known.get(entry.article.id)
            if rows is None or rows[0] is not entry:
                rows = known[entry.article.id] = (
                    entry,
                    tuple(QuoteRow(entry.article, q, f"{entry.article.id}:{q.start}") for q in entry.speech_quotes),
                )
            records += rows[1]
        if len(known) > len(entries):  # articles were removed
            current = {entry.article.id for entry in entries}
            for article_id in [a for a in list(known) if a not in current]:
                known.pop(article_id, None)
        return records

    def record_estimate(self) -> int:
        return 10 * super().record_estimate()

    def record_key(self, record: QuoteRow) -> str:
        return record.key

    def haystack(self, record: QuoteRow) -> str:
        return f"{record.speaker}\n{record.quote.text}\n{record.article.title}"

    def cells(self, record: QuoteRow, words: Sequence[str]) -> Sequence[Cell]:
        return (
            marked(record.speaker, words),
            marked(one_line(record.quote.text), words),
            marked(record.article.title, words),
            record.article.date_iso or "",
        )

    def open_record(self, record: QuoteRow) -> None:
        order = list(dict.fromkeys(r.article.id for r in self.shown))
        self.post_message(OpenArticle(record.article.id, order, record.quote.start))
