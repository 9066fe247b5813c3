"""The reader: one article, rendered for reading, with keys to move through the library."""

from __future__ import annotations

from typing import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..core.library import Library
from ..widgets.article_view import ArticleView


class ReaderScreen(Screen[None]):
    """Shows one article; ``[``/``]`` move through ``order`` (the library screen's rows)."""

    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("j", "scroll('down')", "Scroll down", show=False),
        Binding("k", "scroll('up')", "Scroll up", show=False),
        Binding("space", "page('down')", "Page down", show=False),
        Binding("b", "page('up')", "Page up", show=False),
        Binding("g", "edge('home')", "Top", show=False),
        Binding("G", "edge('end')", "Bottom", show=False),
        Binding("left_square_bracket", "step(-1)", "Previous article"),
        Binding("right_square_bracket", "step(1)", "Next article"),
    ]

    def __init__(self, library: Library, article_id: str, order: Sequence[str] = ()) -> None:
        super().__init__()
        self.library = library
        self.order = list(order) or [a.id for a in library.articles]
        self.article_id = article_id

    def compose(self) -> ComposeResult:
        with Container(id="reader-body"):
            yield ArticleView(id="article")
        yield Static(id="reader-status")
        yield Footer()

    async def on_mount(self) -> None:
        await self.show_article(self.article_id)

    @property
    def view(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)

    async def show_article(self, article_id: str) -> None:
        """Show the article with this id."""
        article = self.library.get(article_id)
        if article is None:
            self.notify(f"No article with id {article_id!r}", severity="error")
            return
        self.article_id = article_id
        await self.view.show(article)
        self.view.focus()
        position = self.order.index(article_id) + 1 if article_id in self.order else 0
        self.query_one("#reader-status", Static).update(
            f"{article.id}  ·  article {position} of {len(self.order)}"
        )
        self.sub_title = article.title

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

    async def action_step(self, delta: int) -> None:
        if self.article_id not in self.order:
            return
        index = self.order.index(self.article_id) + delta
        if 0 <= index < len(self.order):
            await self.show_article(self.order[index])
        else:
            self.notify("No more articles that way", timeout=2)
