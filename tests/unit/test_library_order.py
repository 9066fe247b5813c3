"""Library.ordered (and .articles) stays newest first (ties by id) as articles are added, replaced and removed."""

from __future__ import annotations

import random
from types import SimpleNamespace

from tui.core.library.library import Library


def entry(article_id: str, day: int) -> SimpleNamespace:
    return SimpleNamespace(article=SimpleNamespace(id=article_id, ordinal=day))


def test_order_after_adds_replacements_and_removals_equals_a_full_sort() -> None:
    rng = random.Random(7)
    library = Library()
    for step in range(30):
        library.add(entry(f"a{rng.randrange(3000)}", rng.randrange(60)) for _ in range(200))
        if step % 4 == 0:
            library.remove(f"a{rng.randrange(3000)}" for _ in range(40))
        expected = sorted((e.article for e in library.entries()), key=lambda a: (a.ordinal, a.id), reverse=True)
        assert [a.id for a in library.articles] == [a.id for a in expected]
        assert all(library.get(a.id) is a for a in library.articles)  # replaced ones are current


def test_the_order_is_one_shared_snapshot_until_the_library_changes() -> None:
    library = Library()
    library.add([entry("a", 1), entry("b", 2)])
    first = library.ordered()
    assert library.ordered() is first, "no copy per caller"
    library.add([entry("c", 3)])
    assert [e.article.id for e in first] == ["b", "a"], "a snapshot taken earlier stays as it was"
    assert [e.article.id for e in library.ordered()] == ["c", "b", "a"]
