"""Capitalised sequences: those opening with a capital, and those opening with a name prefix."""

from __future__ import annotations

from tui.core.extract.capitals import sequences


def test_sequences_open_with_capitals_or_name_prefixes() -> None:
    text = "They met al-Assad Regime aides, President al-Assad, then Valéry d'Estaing and O'Brien."
    assert [m[0] for m in sequences(text)] == [
        "They",
        "al-Assad Regime",
        "President al-Assad",
        "Valéry d'Estaing",
        "O'Brien.",
    ]


def test_no_sequence_starts_inside_a_word() -> None:
    assert [m[0] for m in sequences("the Coca-Cola bid and salad-Bar")] == ["Coca-Cola"]
