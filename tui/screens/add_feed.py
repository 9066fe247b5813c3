"""The dialog that subscribes to a feed: the URL is fetched once to check it is a feed, or a
page that names one (then that feed is subscribed); what went wrong is said in the dialog."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.core.clean import clean_line
from tui.services.feed_service import FeedService, Subscribed


class AddFeedDialog(ModalScreen[Subscribed | None]):
    """Type a URL, Enter checks and subscribes (the dialog closes with what was subscribed);
    a URL that is no feed, names none, or fails stays in the box with the reason under it.
    Escape cancels, also while checking (None)."""

    HELP_TITLE = "Add a feed"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, feeds: FeedService) -> None:
        super().__init__()
        self.feeds = feeds
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Content("Add a feed"), classes="dialog-title")
            yield Static(
                Content("The address of a feed (RSS, Atom, JSON Feed), or of a site's page that names its feed."),
                classes="dialog-quoted",
            )
            yield Input(placeholder="https://…", id="feed-url")
            yield Static(id="feed-outcome")
            yield Static(Content("Enter checks and subscribes · Escape cancels"), classes="dialog-foot")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        url = event.value.strip()
        if not url:
            self.say("Type the address of a feed or of a page.", error=True)
        elif not self.checking:
            self.check(url)

    @work(exclusive=True, group="feed-check")
    async def check(self, url: str) -> None:
        """Fetch the URL once (off the UI thread), then subscribe to the feed it is or names."""
        self.checking = True
        self.say(f"Checking {url} …")
        try:
            found = await self.feeds.check(url)
        except Exception as exc:  # a failure of Byline's own: said, and the dialog stays
            self.say(f"{url}: could not be checked ({type(exc).__name__}: {exc})", error=True)
            return
        finally:
            self.checking = False
        subscribed = self.feeds.subscribe(found)
        if subscribed.error is not None:
            self.say(f"{url}: {subscribed.error}; not subscribed", error=True)
            return
        self.dismiss(subscribed)

    def say(self, text: str, *, error: bool = False) -> None:
        """Show how the check goes under the box (text from outside made safe)."""
        outcome = self.query_one("#feed-outcome", Static)
        outcome.set_class(error, "-error")
        outcome.update(Content(clean_line(text)))

    def action_cancel(self) -> None:
        self.dismiss(None)
