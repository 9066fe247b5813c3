"""The border for untrusted text: every family of escape sequence and control goes, text stays."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.clean import clean_data, clean_line, clean_text

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"
CONTROLS = {chr(c) for c in (*range(9), *range(11, 32), *range(127, 160))}


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (f"before{ESC}]0;pwned{BEL}after", "beforeafter"),  # OSC title, ended by BEL
        (f"before{ESC}]0;pwned{ST}after", "beforeafter"),  # … ended by ST
        (f"copy{ESC}]52;c;cm0gLXJmIH4={BEL} this", "copy this"),  # OSC 52 clipboard write
        (f"{ESC}]8;;https://evil.example{ST}link{ESC}]8;;{ST}", "link"),  # OSC 8 hyperlink
        ("a\x9d0;title\x9cb", "ab"),  # OSC and ST in their C1 forms
        (f"red {ESC}[31mtext{ESC}[0m here", "red text here"),  # CSI SGR
        (f"x{ESC}[2J{ESC}[H{ESC}[?1049hy", "xy"),  # erase, home, alternate screen
        ("a\x9b31mb", "ab"),  # CSI in its C1 form
        (f"a{ESC}P1$r0m{ST}b", "ab"),  # DCS
        (f"a{ESC}_payload{ST}b{ESC}^pm{ST}c{ESC}Xsos{ST}d", "abcd"),  # APC, PM, SOS
        (f"a{ESC}(Bb{ESC}7c{ESC}cd", "abcd"),  # charset, save cursor, reset
        (f"trailing{ESC}", "trailing"),  # a lone ESC
        ("bell\x07 back\x08space\x00nul\x7fdel\x85nel", "bell backspacenuldelnel"),
        ("carriage\rreturn\x0bvt\x0cff", "carriagereturnvtff"),
    ],
)
def test_each_family_of_sequences_is_removed_whole(dirty: str, clean: str) -> None:
    assert clean_text(dirty) == clean


def test_newlines_tabs_and_unicode_text_are_kept() -> None:
    text = "Rutte said: “I am constantly in touch.”\n\n\tÉlysée — 東京 — résumé"
    assert clean_text(text) == text
    assert clean_text(text) is text  # nothing to clean: no copy made


def test_an_unterminated_string_sequence_loses_only_its_introducer() -> None:
    assert clean_text(f"{ESC}]0;looks like a title\nThe paragraph goes on.") == (
        "0;looks like a title\nThe paragraph goes on."
    )


def test_clean_line_joins_lines_and_runs_of_space() -> None:
    assert clean_line(f"  A {ESC}[1mbold{ESC}[0m\n title\t ") == "A bold title"


def test_clean_data_cleans_every_string_and_keeps_json_valid() -> None:
    data = {"title\x9b": f"x{ESC}]0;t{BEL}y", "n": 3, "list": ["a\x85", None, True], "nested": {"k": "\x1b[1mv"}}
    cleaned = clean_data(data)
    assert cleaned == {"title": "xy", "n": 3, "list": ["a", None, True], "nested": {"k": "v"}}
    assert json.loads(json.dumps(cleaned, ensure_ascii=False)) == cleaned


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))))
def test_no_control_character_survives_and_cleaning_is_idempotent(text: str) -> None:
    cleaned = clean_text(text)
    assert not CONTROLS & set(cleaned)
    assert clean_text(cleaned) == cleaned


@given(
    st.lists(st.text(alphabet=st.characters(exclude_characters="".join(CONTROLS), exclude_categories=("Cs",)))),
    st.lists(st.sampled_from([f"{ESC}]0;x{BEL}", f"{ESC}[31m", "\x9b2J", f"{ESC}P1{ST}", "\x07", "\x00", f"{ESC}7"])),
)
def test_visible_text_around_sequences_is_kept(pieces: list[str], sequences: list[str]) -> None:
    mixed = "".join(p + (sequences[i] if i < len(sequences) else "") for i, p in enumerate(pieces))
    assert clean_text(mixed) == "".join(pieces)
