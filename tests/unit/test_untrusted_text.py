"""Text from article files passes the border where it enters, and the CLI cleans what it prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.core.library.cache import LibraryCache
from tui.core.library.formats import parse_bytes
from tui.core.library.library import Library
from tui.core.library.loader import load_library
from tui.core.library.records import CachedArticle
from tui.core.notes.anchoring import reanchor
from tui.core.notes.annotations import make_annotation

ESC, BEL = "\x1b", "\x07"
CONTROLS = {chr(c) for c in (*range(9), *range(11, 32), *range(127, 160))}
HOSTILE = (
    "---\n"
    f'title: "Ministers meet{ESC}]0;pwned{BEL} in Brussels"\n'
    f"source: Wire{ESC}[31m Service\n"
    "---\n\n"
    f"The minister said the talks{ESC}]52;c;cm0gLXJm{BEL} would go on.\n\n"
    f"\u201cWe will meet again,\u201d{ESC}[2J she said.\x9b31m Nobody objected.\n"
)
CLEAN_BODY = "The minister said the talks would go on.\n\n\u201cWe will meet again,\u201d she said. Nobody objected.\n"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / f"evil{ESC}]0;x{BEL}.md").write_text(HOSTILE, encoding="utf-8")
    return folder


def test_the_loader_removes_sequences_from_front_matter_body_and_id(hostile: Path) -> None:
    [article] = load_library([hostile]).articles
    assert article.title == "Ministers meet in Brussels"
    assert article.source == "Wire Service"
    assert article.body == CLEAN_BODY
    assert article.id == "evil"


def test_yaml_escapes_cannot_spell_controls_back(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text('---\ntitle: "Rutte \\e]0;pwned\\a speaks \\x9b2J"\n---\n\nBody text here.\n', encoding="utf-8")
    [article] = load_library([tmp_path]).articles
    assert article.title == "Rutte speaks"  # the OSC and CSI the escapes spelled go whole


def test_offsets_refer_to_the_cleaned_text_and_quotes_are_found_there(hostile: Path) -> None:
    library = Library.open([hostile])
    [entry] = library.entries()
    body = entry.article.body
    assert [body[q.start : q.end] for q in entry.extraction.quotes] == ["\u201cWe will meet again,\u201d"]
    assert all(q.text == body[q.start : q.end] for q in entry.extraction.quotes)


def test_a_note_made_before_cleaning_re_anchors_on_the_cleaned_text() -> None:
    dirty = f"The minister said the talks{ESC}]52;c;cm0gLXJm{BEL} would go on, and then left."
    start = dirty.index("would go on")
    note = make_annotation("a", dirty, start, start + len("would go on"), "old-hash")
    cleaned = parse_bytes(Path("a.txt"), dirty.encode())[0]
    assert cleaned is not None
    anchor = reanchor(note, cleaned.body)
    assert anchor.found and cleaned.body[anchor.start : anchor.end] == "would go on"


def test_cached_articles_keep_the_cleaned_text(hostile: Path, tmp_path: Path) -> None:
    from tui.core.library.indexer import Indexer

    Indexer([hostile], cache=LibraryCache([hostile], tmp_path / "cache"), jobs=1).sync()
    again = Indexer([hostile], cache=LibraryCache([hostile], tmp_path / "cache"), jobs=1)
    again.restore()
    [article] = again.library.articles
    assert isinstance(article, CachedArticle)
    assert (article.title, article.body) == ("Ministers meet in Brussels", CLEAN_BODY)


@pytest.mark.parametrize("verb", [["list"], ["list", "--json"], ["show", "evil"], ["quotes"], ["search", "minister"]])
def test_cli_output_carries_no_escape_or_c1_character(
    verb: list[str], hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main([*verb, str(hostile)])
    out, err = capsys.readouterr()
    assert not CONTROLS & set(out + err)
    if "--json" in verb:
        assert json.loads(out)[0]["title"] == "Ministers meet in Brussels"


def test_the_cli_cleans_text_that_reaches_it_raw(
    hostile: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The second guard: a query echoed in a message, and a path in a problem line."""
    assert main(["search", f"qqqzzz{ESC}[2J\x9b1m", str(hostile)]) == 1
    assert main(["list", str(tmp_path / f"gone{ESC}]0;t{BEL}.md")]) == 1
    out, err = capsys.readouterr()
    assert "nothing found for 'qqqzzz" in err and "gone.md: no such file" in err
    assert not CONTROLS & set(out + err)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["a.md", "a.txt"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1),
)
def test_for_any_text_the_loader_returns_no_control_character(name: str, text: str) -> None:
    article, _ = parse_bytes(Path(name), text.encode("utf-8"))
    if article is None:
        return
    fields = (article.id, article.title, article.body, article.source, article.url, article.caption, *article.authors)
    assert not CONTROLS & set("".join(fields))
