"""The help screen: every key of the screen beneath, read from its live bindings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


@dataclass(frozen=True, slots=True)
class KeyHelp:
    """One line of help: the key as shown, what it does, and where it applies."""

    key: str
    description: str
    group: str


def screen_keys(screen: Screen[Any]) -> list[KeyHelp]:
    """The keys active on ``screen`` (focused widget, screen, app), one line per action."""
    lines: list[KeyHelp] = []
    where: dict[tuple[str, str], int] = {}
    app = screen.app
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description:
            continue
        node = active.node
        group = (
            "Everywhere"
            if node is app
            else ("This screen" if node is screen else getattr(node, "HELP_TITLE", type(node).__name__))
        )
        shown = app.get_key_display(binding)
        ident = (binding.action, group)
        if ident in where:
            line = lines[where[ident]]
            lines[where[ident]] = KeyHelp(f"{line.key}, {shown}", line.description, group)
            continue
        where[ident] = len(lines)
        lines.append(KeyHelp(shown, binding.description, group))
    order = {"This screen": 0, "Everywhere": 2}
    return sorted(lines, key=lambda line: order.get(line.group, 1))


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen it was opened over, plus that screen's own notes."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help")]

    def __init__(self, over: Screen[Any]) -> None:
        super().__init__()
        self.keys = screen_keys(over)
        self.title_text = f"Keys — {getattr(over, 'HELP_TITLE', type(over).__name__)}"
        self.notes = getattr(over, "HELP", "")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content(self.title_text), classes="help-title")
            group = ""
            for line in self.keys:
                if line.group != group:
                    group = line.group
                    yield Static(Content(group), classes="help-group")
                text = Content.assemble((f"{line.key:>16}", "bold"), "  ", line.description)
                yield Static(text, classes="help-line")
            if self.notes:
                yield Static(Content.from_markup(self.notes), classes="help-notes")
            yield Static(Content("Escape closes this help · ctrl+p finds any command"), classes="help-foot")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
