"""The who-index: the same people as Library.people, kept in step as articles come and go,
persisted, and rebuilt (never trusted) when its file is damaged or foreign."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import SEED_ID, SEEDS
from tui.core.library.library import Library
from tui.core.who import store
from tui.core.who.index import WhoIndex
from tui.core.who.profile import profile


def people_of(people):  # type: ignore[no-untyped-def]
    return {p.name: (set(p.aliases), set(p.roles), set(p.article_ids), p.quote_count, p.mention_count) for p in people}


def test_people_are_those_the_library_links() -> None:
    library = Library.open([SEEDS])
    assert people_of(WhoIndex(library).people()) == people_of(library.people)


def test_removing_and_adding_articles_matches_a_fresh_index() -> None:
    library = Library.open([SEEDS])
    who = WhoIndex(library)
    who.refresh()
    entries = library.entries()
    library.remove(e.article.id for e in entries[: len(entries) // 2])
    assert people_of(who.people()) == people_of(WhoIndex(library).people())
    library.add(entries[: len(entries) // 2])
    fresh = WhoIndex(library)
    assert people_of(who.people()) == people_of(fresh.people())
    ids = {who.cluster(n)[0] for n in range(len(who.clusters.to_plain()[0])) if who.clusters.to_plain()[0][n]}
    assert ids == {
        fresh.cluster(n)[0] for n in range(len(fresh.clusters.to_plain()[0])) if fresh.clusters.to_plain()[0][n]
    }


def test_the_index_is_saved_and_read_back(tmp_path: Path) -> None:
    library = Library.open([SEEDS])
    WhoIndex(library, tmp_path).refresh()
    assert (tmp_path / store.FILE_NAME).is_file()
    again = WhoIndex(library, tmp_path)
    assert again.refresh() is False and again.problem == ""  # nothing to redo
    assert people_of(again.people()) == people_of(library.people)
    rutte = again.person("Mark Rutte")
    assert rutte is not None and len(profile(again, rutte).quotes) == 3


def test_a_damaged_or_foreign_file_is_rebuilt(tmp_path: Path) -> None:
    library = Library.open([SEEDS])
    WhoIndex(library, tmp_path).refresh()
    path = tmp_path / store.FILE_NAME
    data = bytearray(path.read_bytes())
    data[len(store.MAGIC) + 40] ^= 0xFF
    path.write_bytes(bytes(data))
    damaged = WhoIndex(library, tmp_path)
    assert damaged.refresh() is True and damaged.problem
    assert people_of(damaged.people()) == people_of(library.people)
    path.write_bytes(b"\x80\x04cos\nsystem\n.")  # a pickle that would run code
    assert WhoIndex(library, tmp_path).refresh() is True
    other = tmp_path / "other"
    shutil.copytree(SEEDS, other)
    shutil.copy(path, tmp_path / "keep.bin")
    WhoIndex(library, tmp_path).refresh()
    foreign = WhoIndex(Library.open([other]), tmp_path)
    assert foreign.refresh() is True and "another library" in foreign.problem


def test_a_person_page_has_roles_with_dates_timeline_and_co_mentions() -> None:
    who = WhoIndex(Library.open([SEEDS]))
    [rutte] = who.find("rutte")
    page = profile(who, rutte)
    assert [r.role for r in page.roles] == ["NATO Secretary General"]
    assert str(page.roles[0].first) == "2025-12-02"
    assert [(m.month, m.quotes, m.mentions) for m in page.timeline] == [("2025-12", 3, rutte.mention_count)]
    assert {"Marco Rubio", "Christopher Landau"} <= {name for name, _ in page.co_mentioned}
    assert [a.id for a in page.articles] == [SEED_ID]
    assert any("Landau will attend" in s.text for s in page.reported)  # the seed's reported claims


def test_reported_claims_from_the_extractor_reach_the_person_page() -> None:
    """When the extractor provides ``reported`` (the reported-speech branch), it flows in."""
    from dataclasses import dataclass
    from types import SimpleNamespace

    library = Library.open([SEEDS])
    entry = library.entry(SEED_ID)
    assert entry is not None

    @dataclass
    class Reported:
        text: str
        start: int
        end: int
        speaker: str | None
        cue: str

    body = entry.article.body
    claim = "Rubio is very actively involved"
    start = body.index(claim)
    claims = [Reported(claim, start, start + len(claim), "Mark Rutte", "said")]
    entry.extraction = SimpleNamespace(  # type: ignore[misc]  # as the reported-speech branch will make it
        quotes=entry.extraction.quotes, people=entry.extraction.people, reported=claims
    )
    who = WhoIndex(library)
    page = profile(who, who.find("Mark Rutte")[0])
    assert [(s.text, s.cue) for s in page.reported] == [(claim, "said")]
