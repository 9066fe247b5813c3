"""The quotes screen: every speech quote in the library, by speaker, filterable; ``c`` groups
the reports of one quotation across outlets into one row, and Enter on it lists them all."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding

from tui.core.extract.model import SPEECH
from tui.core.text import one_line
from tui.core.who.facts import REPORTED
from tui.core.who.quotes import QuoteRows, Said, cluster_of, is_first_report, reports_of
from tui.messages import OpenArticle
from tui.screens.citing import copy_citation, no_quote
from tui.screens.table_screen import SortKey, TableScreen, marked
from tui.services.context import Context
from tui.widgets.table_columns import Cell, Column

UNKNOWN = "(unattributed)"


def speaker(said: Said) -> str:
    """The speaker's name, or a placeholder when nobody could be named."""
    return said.quote.speaker or UNKNOWN


def quote_cell(said: Said) -> str:
    """The quote's text, or a reported claim marked with the words that report it."""
    return f"[{said.cue or 'reported'}] {said.quote.text}" if said.quote.kind == REPORTED else said.quote.text


class SaidTable(TableScreen[Said]):
    """A table of quotes: Enter opens the article at the quote, ``y`` copies it with its
    citation."""

    NOUN = "quotes"
    COLUMNS = (
        Column("speaker", "Speaker", 22),
        Column("quote", "Quote"),
        Column("reports", "Reports", 7, align="right"),
        Column("article", "Article", 28),
        Column("date", "Date", 10),
    )
    BINDINGS = [Binding("y", "copy_quote", "Copy with citation")]

    def sort_keys(self) -> list[SortKey[Said]]:
        return [
            SortKey(
                "speaker",
                "speaker",
                lambda r: (r.quote.speaker is None, speaker(r).casefold(), -r.article.ordinal, r.quote.start),
            ),
            SortKey("date", "date", lambda r: (r.article.ordinal, r.article.id, -r.quote.start), descending=True),
            SortKey("reports", "reports", lambda r: (self.reports(r), r.article.ordinal), descending=True),
            SortKey("article", "article", lambda r: (r.article.title.casefold(), r.quote.start)),
        ]

    def record_key(self, record: Said) -> str:
        return f"{record.article.id}:{record.quote.start}"

    def haystack(self, record: Said) -> str:
        return f"{speaker(record)}\n{record.quote.text}\n{record.article.title}\n{record.article.source}"

    def cells(self, record: Said, words: Sequence[str]) -> Sequence[Cell]:
        return (
            marked(speaker(record), words),
            marked(one_line(quote_cell(record)), words),
            str(self.reports(record) or ""),
            marked(record.article.title, words),
            record.article.date_iso or "",
        )

    def reports(self, record: Said) -> int:
        """How many reports the quote's quotation has in the library now."""
        return cluster_of(self.context.said, record)[1]

    def open_record(self, record: Said) -> None:
        order = list(dict.fromkeys(r.article.id for r in self.shown))
        self.post_message(OpenArticle(record.article.id, order, record.quote.start))

    def action_copy_quote(self) -> None:
        said = self.highlighted()
        if said is None:
            no_quote(self)
            return
        copy_citation(self, said.article, said.quote, self.context.said.names_in(said.article.id), said.cue)


class QuotesScreen(SaidTable):
    """All quotes, or (``c``) one row per quotation with its count and first report."""

    HELP_TITLE = "Quotes"
    HELP = (
        "Every direct quote in the library with its speaker and how many times the same "
        "quotation is reported across the library (trimmed, a few words changed, other quote "
        "marks: still the same quotation). Press [b]f[/b] to filter by speaker, words of the "
        "quote, article title or source; [b]c[/b] groups the reports of each quotation into one "
        "row (its first report: date and source) and [b]Enter[/b] then lists every report; "
        "otherwise [b]Enter[/b] opens the article at the quote. [b]y[/b] copies the quote with "
        "its citation. [b]r[/b] shows reported claims too (what someone is reported to have "
        "said, without quote marks), each marked with the words that report it."
    )
    FILTER_HINT = "Filter quotes by speaker, words, article or source (f)…"
    BINDINGS = [
        Binding("escape,q", "app.switch_mode('library')", "Library"),
        Binding("c", "toggle_grouping", "Group by quotation / every quote"),
        Binding("r", "toggle_reported", "Show / hide reported claims"),
    ]

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.grouped = False
        self.reported = False
        self.rows = QuoteRows(context.said)

    def records(self) -> list[Said]:
        found = self.rows.rows()
        if self.grouped:
            return [s for s in found if s.quote.kind == SPEECH and is_first_report(self.context.said, s)]
        return found if self.reported else [s for s in found if s.quote.kind == SPEECH]

    def record_estimate(self) -> int:
        return 10 * super().record_estimate()

    def cells(self, record: Said, words: Sequence[str]) -> Sequence[Cell]:
        cells = list(super().cells(record, words))
        if self.grouped and record.article.source:
            cells[3] = marked(record.article.source, words)
        return cells

    def status_parts(self) -> list[str]:
        grouping = "one row per quotation (c: every quote)" if self.grouped else "c: group by quotation"
        return [grouping, "with reported claims (r: hide)" if self.reported else "r: reported claims too"]

    def action_toggle_grouping(self) -> None:
        self.grouped = not self.grouped
        self.reload()

    def action_toggle_reported(self) -> None:
        self.reported = not self.reported
        self.reload()

    def open_record(self, record: Said) -> None:
        if self.grouped and self.reports(record) > 1:
            self.app.push_screen(ReportsScreen(self.context, record))
        else:
            super().open_record(record)


class ReportsScreen(SaidTable):
    """Every report of one quotation, earliest first."""

    HELP_TITLE = "Reports of one quotation"
    HELP = (
        "Every article that reports this quotation, earliest first, as each worded it. "
        "[b]Enter[/b] opens the article at the quote; [b]y[/b] copies it with its citation."
    )
    NOUN = "reports"
    FILTER_HINT = "Filter the reports (f)…"
    RECORDS_IN_DEFAULT_ORDER = True
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def __init__(self, context: Context, said: Said) -> None:
        self.said = said
        super().__init__(context)

    def sort_keys(self) -> list[SortKey[Said]]:
        first: SortKey[Said] = SortKey(
            "date", "date", lambda r: (r.article.ordinal or 1 << 30, r.article.id, r.quote.start)
        )
        return [first, *(k for k in super().sort_keys() if k.column != "date")]

    def records(self) -> list[Said]:
        return reports_of(self.context.said, self.said.node)

    def record_estimate(self) -> int:
        return self.reports(self.said)
