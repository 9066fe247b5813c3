"""The search screen (``/``): fuzzy search over the whole library as you type, and the quote
check, which finds the original of a remembered quote and shows what differs."""

from __future__ import annotations

import time
from collections.abc import Sequence

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.core.library.library import Library
from tui.core.search import (
    ARTICLE,
    NOTE,
    PASSAGE,
    PERSON,
    QUERY_HELP,
    QUERY_SYNTAX,
    QUOTE,
    REPORTED,
    CheckResult,
    Doc,
    Result,
    body_matches,
    parse_query,
)
from tui.core.search.check import ADDED, CHANGED, MISSING
from tui.core.text import one_line
from tui.messages import OpenArticle
from tui.screens.citing import copy_citation, no_quote
from tui.services.context import Context

SEARCH_LIMIT = 50
CHECK_LIMIT = 10
SNIPPET = 240
"""At most this many characters of a result's text are shown, around its first match."""
LABELS = {QUOTE: "quote", REPORTED: "reported", PERSON: "person", ARTICLE: "title", PASSAGE: "passage", NOTE: "note"}
_PLAIN = str.maketrans("\n\r\t\f\v", "     ")

Found = Result | CheckResult


class ResultList(OptionList, can_focus=False):
    """Search results; the query box keeps the focus and moves the highlight."""

    COMPONENT_CLASSES = {
        "result--kind",
        "result--match",
        "result--meta",
        "result--score",
        "result--same",
        "result--missing",
        "result--added",
    }

    def styles_by_name(self) -> dict[str, Style]:
        """The themed style of every component class."""
        return {name: self.get_visual_style(name) for name in self.COMPONENT_CLASSES}


class SearchScreen(Screen[None]):
    """Search everything, or check a quote; Enter opens the article at the match."""

    HELP_TITLE = "Search"
    HELP = (
        "Type to search titles, passages, quotes, people and notes; results update as you "
        "type, best first, each labelled with its kind, matched words highlighted. "
        "[b]ctrl+t[/b] switches to the [b]quote check[/b]: paste or type a quote as you "
        "remember it to see the closest originals, how close they are (%), who said them, "
        "where and when, and a word diff: [strike]struck[/strike] words are the original's "
        "that yours lacks, [u]underlined[/u] ones are yours only.\n\n"
        "[b]Query syntax[/b]\n\n" + escape(QUERY_SYNTAX)
    )
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+t", "toggle_check", "Search / quote check"),
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
        Binding("pagedown", "move(10)", "Results page down", show=False),
        Binding("pageup", "move(-10)", "Results page up", show=False),
        Binding("f1", "app.help", "Help"),
        Binding("ctrl+y", "copy_quote", "Copy quote with citation"),
    ]

    def __init__(self, context: Context, query: str = "", checking: bool = False) -> None:
        super().__init__()
        self.context = context
        self.initial = query
        self.checking = checking
        self.found: list[Found] = []
        self.shown_for: tuple[str, bool] | None = None
        self.partial = False
        """Whether the results shown came from an index still being filled."""

    def compose(self) -> ComposeResult:
        yield Static(id="search-mode")
        yield Input(self.initial, id="search-input")
        yield Static(Content(QUERY_HELP), id="search-hint")
        yield ResultList(id="search-results")
        yield Static(id="search-status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        self._show_mode()
        self.query_box.focus()
        self.refresh_results()

    @property
    def query_box(self) -> Input:
        """The query (or quote) input."""
        return self.query_one("#search-input", Input)

    @property
    def results(self) -> ResultList:
        """The result list."""
        return self.query_one(ResultList)

    def _show_mode(self) -> None:
        mode = self.query_one("#search-mode", Static)
        mode.set_class(self.checking, "-check")
        if self.checking:
            mode.update(
                Content.assemble(("QUOTE CHECK", "bold"), "  paste or type a quote as you remember it · ctrl+t: search")
            )
            self.query_box.placeholder = "A quote as you remember it…"
        else:
            mode.update(
                Content.assemble(("SEARCH", "bold"), "  articles, quotes, people and notes · ctrl+t: quote check")
            )
            self.query_box.placeholder = "Search (typos are fine)…"
        self.query_one("#search-hint", Static).display = not self.checking

    # -- searching -------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refresh_results()

    def refresh_results(self) -> None:
        """Search for what the box holds now, in the background (the last query wins)."""
        text = self.query_box.value
        self.context.last_search = text
        if not text.strip():
            self.found, self.shown_for = [], (text, self.checking)
            self.results.clear_options()
            self._status("Type to search" if not self.checking else "Type a quote to check")
            return
        self._search(text, self.checking)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str, checking: bool) -> None:
        worker = get_current_worker()
        index = self.context.search.index
        started = time.perf_counter()
        cancelled = lambda: worker.is_cancelled  # noqa: E731
        found: Sequence[Found] = (
            index.check(text, CHECK_LIMIT, cancelled) if checking else index.search(text, SEARCH_LIMIT, cancelled)
        )
        elapsed = (time.perf_counter() - started) * 1000
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, text, checking, list(found), elapsed)

    def _show(self, text: str, checking: bool, found: list[Found], elapsed: float) -> None:
        if (text, checking) != (self.query_box.value, self.checking):
            return  # a newer query is on its way
        self.found, self.shown_for = found, (text, checking)
        styles = self.results.styles_by_name()
        library = self.context.library
        self.results.clear_options()
        options: list[Option | None] = []
        for f in found:
            if options:
                options.append(None)  # a separator line between results
            options.append(
                Option(
                    check_content(f, library, styles)
                    if isinstance(f, CheckResult)
                    else result_content(f, library, styles)
                )
            )
        self.results.add_options(options)
        if found:
            self.results.highlighted = 0
        what = ("original" if checking else "result") + ("" if len(found) == 1 else "s")
        parts = [f"{len(found)} {what} in {elapsed:.0f} ms" if found else f"no {what}"]
        parts += list(parse_query(text).problems) if not checking else []
        self.partial = not self.context.search.ready
        if self.partial:
            parts.append("the index is still being built: results cover part of the library")
        self._status("  ·  ".join(parts))

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(text)

    # -- keys ------------------------------------------------------------------------------

    def action_toggle_check(self) -> None:
        self.checking = not self.checking
        self._show_mode()
        self.refresh_results()

    def action_move(self, delta: int) -> None:
        count = self.results.option_count
        if count:
            current = self.results.highlighted or 0
            self.results.highlighted = max(0, min(count - 1, current + delta))

    def action_back(self) -> None:
        self.dismiss()

    def action_copy_quote(self) -> None:
        """Copy the highlighted quote (a quote result or a checked original) with its citation."""
        index = self.results.highlighted
        hit = self.found[index] if index is not None and 0 <= index < len(self.found) else None
        entry = self.context.library.entry(hit.doc.article_id) if hit is not None and hit.doc.kind == QUOTE else None
        quote = next((q for q in entry.extraction.quotes if q.start == hit.doc.start), None) if entry and hit else None
        if entry is None or quote is None:
            no_quote(self)
            return
        copy_citation(self, entry.article, quote, entry.extraction.people)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.results.highlighted is not None:
            self.open(self.results.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open(event.option_index)

    def open(self, index: int) -> None:
        """Open the reader at result ``index``, its match highlighted."""
        if not 0 <= index < len(self.found) or self.shown_for is None:
            return
        doc = self.found[index].doc
        entry = self.context.library.entry(doc.article_id)
        if entry is None:
            self.notify(f"The article {doc.article_id!r} is not in this library", severity="warning")
            return
        text, checking = self.shown_for
        hit = self.found[index]
        spans = hit.match_spans if isinstance(hit, Result) else []
        matches = body_matches(entry.article.body, doc, spans, "" if checking else parse_query(text).text)
        order = list(dict.fromkeys(f.doc.article_id for f in self.found))
        offset = matches[0][0] if matches else None
        self.post_message(OpenArticle(doc.article_id, order, offset, matches))


def result_content(result: Result, library: Library, styles: dict[str, Style]) -> Content:
    """A search result: kind label, text with matches highlighted, then where it is from."""
    doc = result.doc
    text = _snippet(doc.text, result.match_spans, styles["result--match"])
    label = Content.styled(f"{LABELS.get(doc.kind, doc.kind):<8}", styles["result--kind"])
    meta = []
    if doc.speaker:
        meta.append(f"— {doc.speaker}")
    if doc.tags:
        meta.append(" ".join(f"#{t}" for t in doc.tags))
    meta.append(_source(doc, library))
    return Content.assemble(label, text, "\n", " " * 8, Content.styled(" · ".join(meta), styles["result--meta"]))


def check_content(found: CheckResult, library: Library, styles: dict[str, Style]) -> Content:
    """A quote check result: score and speaker, the original, the word diff, its source."""
    doc = found.doc
    head = Content.assemble(
        Content.styled(f"{found.score:5.1f}% ", styles["result--score"]), (doc.speaker or "speaker unknown", "bold")
    )
    original = Content(f"“{one_line(doc.text)}”")
    diff = Content(" ").join(_edit_content(op, text, was, styles) for op, text, was in found.diff)
    return Content("\n").join(
        [
            head,
            original,
            Content.assemble(Content.styled("diff  ", styles["result--meta"]), diff),
            Content.styled(_source(doc, library), styles["result--meta"]),
        ]
    )


def _edit_content(op: str, text: str, was: str, styles: dict[str, Style]) -> Content:
    if op == MISSING:
        return Content.styled(text, styles["result--missing"])
    if op == ADDED:
        return Content.styled(text, styles["result--added"])
    if op == CHANGED:
        return Content.assemble(
            Content.styled(was, styles["result--missing"]), " ", Content.styled(text, styles["result--added"])
        )
    return Content.styled(text, styles["result--same"])


def _source(doc: Doc, library: Library) -> str:
    article = library.get(doc.article_id)
    if article is None:
        return f"({doc.article_id}, not in this library)"
    return " · ".join(
        x for x in (article.title if doc.kind != ARTICLE else article.source, article.date_iso, doc.article_id) if x
    )


def _snippet(text: str, spans: Sequence[tuple[int, int]], match: Style) -> Content:
    """``text`` on one line, matches styled, cut to :data:`SNIPPET` characters around the first."""
    content = Content(text.translate(_PLAIN))
    for start, end in spans:
        content = content.stylize(match, start, end)
    if len(text) <= SNIPPET:
        return content
    first = spans[0][0] if spans else 0
    start = max(0, min(first - SNIPPET // 4, len(text) - SNIPPET))
    end = start + SNIPPET
    return Content.assemble("…" if start else "", content[start:end], "…" if end < len(text) else "")
