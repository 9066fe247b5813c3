"""The border for untrusted text: what comes from outside never drives the terminal.

Article files, their front matter, fetched feeds and pages, imported notes: any of them may
hold terminal escape sequences (``ESC ] 0 ; title BEL`` retitles the terminal, OSC 52 writes
the clipboard, CSI sequences move the cursor or erase the screen) or other control
characters. :func:`clean_text` removes them where such text enters Byline; the CLI cleans
again before it prints (a second guard for text that entered before this border existed).

Removed: whole escape sequences (CSI ``ESC [`` … final byte; OSC ``ESC ]``, DCS ``ESC P``,
SOS, PM and APC strings up to BEL or ST; any other ``ESC`` sequence; their one-character C1
forms), then every remaining C0 control but newline and tab, DEL and every C1 control. The
visible text around them is kept: a string sequence with no terminator on its line loses
only its introducer, never the text after it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from tui.core.text import one_line

_STRING_OPEN = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])"
_STRING_END = r"(?:\x07|\x1b\\|\x9c)"
_SEQUENCE = re.compile(
    _STRING_OPEN
    + r"[^\x07\x1b\x9c\n]*"
    + _STRING_END  # OSC, DCS, SOS, PM, APC strings
    + r"|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"  # CSI
    + r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"  # any other ESC sequence, or a lone ESC
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (newline and tab
    kept). Text without any control character is returned as it is, at once."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def clean_line(text: str) -> str:
    """``text`` cleaned and on one line: every run of whitespace (newlines too) one space."""
    return one_line(clean_text(text))


def clean_data(value: Any) -> Any:
    """A JSON-like value with every string in it (keys too) cleaned; other values as they are."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_data(v) for v in value]
    return value
