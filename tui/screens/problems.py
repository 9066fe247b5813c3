"""A modal list of the problems met while loading the library."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.library.files import LoadProblem


class ProblemsScreen(ModalScreen[None]):
    """Each file that could not be loaded (or loaded with a warning) and why."""

    BINDINGS = [Binding("escape,q,p", "dismiss", "Close")]

    def __init__(self, problems: Sequence[LoadProblem]) -> None:
        super().__init__()
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems-box"):
            errors = sum(p.severity == "error" for p in self.problems)
            yield Static(
                Content(f"Load problems: {errors} skipped, {len(self.problems) - errors} loaded with warnings"),
                classes="help-title",
            )
            if not self.problems:
                yield Static("Every file loaded cleanly.")
            for problem in self.problems:
                label = ("skipped", "$error bold") if problem.severity == "error" else ("warning", "$warning bold")
                yield Static(
                    Content.assemble(label, "  ", (str(problem.path), "bold"), "\n  ", problem.message),
                    classes="problem",
                )
            yield Static(Content("Escape closes"), classes="help-foot")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
