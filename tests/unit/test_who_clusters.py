"""Quote clusters: re-reports of one quotation join, other quotations do not, and the result
does not depend on the order reports came in."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from tui.core.who.clusters import Clusters, cluster_id, first_report

QUOTE = (
    "We are working incredibly intensively with our allies on every part of this plan, "
    "and nobody should read anything between the lines of what was said today"
)
OTHER = "The budget for next year will be presented to parliament in the spring, as every year before it"


def groups(clusters: Clusters, nodes: dict[str, int]) -> set[frozenset[str]]:
    by_root: dict[int, set[str]] = {}
    for name, node in nodes.items():
        by_root.setdefault(clusters.root(node), set()).add(name)
    return {frozenset(g) for g in by_root.values()}


def file_all(items: list[tuple[str, str, str | None]]) -> tuple[Clusters, dict[str, int]]:
    clusters = Clusters()
    nodes = {name: clusters.add((name, 0), text, speaker) for name, text, speaker in items}
    return clusters, nodes


REPORTS = [
    ("verbatim", f"\u201c{QUOTE},\u201d", "Mark Rutte"),
    ("marks", f'"{QUOTE.upper()}."', "Rutte"),
    ("trimmed", " ".join(QUOTE.split()[:17]), "Mark Rutte"),
    ("changed", QUOTE.replace("incredibly", "very").replace("allies", "partners"), "Mark Rutte"),
    ("dropped", QUOTE.replace(" incredibly", "").replace(" every", ""), "Mark Rutte"),
    ("other", OTHER, "Mark Rutte"),
    ("someone else", QUOTE, "Marco Rubio"),
    ("fragment", "read anything between the lines", "Mark Rutte"),
]


def test_re_reports_join_and_other_quotations_do_not() -> None:
    clusters, nodes = file_all(REPORTS)
    assert frozenset({"verbatim", "marks", "trimmed", "changed", "dropped"}) in groups(clusters, nodes)
    for alone in ("other", "someone else", "fragment"):
        assert frozenset({alone}) in groups(clusters, nodes)
    assert len(clusters.reports(nodes["verbatim"])) == 5


def test_a_report_without_a_speaker_may_join_either() -> None:
    clusters, nodes = file_all([("known", QUOTE, "Mark Rutte"), ("unknown", QUOTE, None)])
    assert len(groups(clusters, nodes)) == 1


def test_short_quotes_join_only_the_same_words_by_the_same_speaker() -> None:
    clusters, nodes = file_all(
        [("a", '"No comment"', "Ann Lee"), ("b", "no comment.", "Ann Lee"), ("c", "No comment", "Bo Li")]
    )
    assert groups(clusters, nodes) == {frozenset({"a", "b"}), frozenset({"c"})}


@given(st.randoms(use_true_random=False))
def test_clusters_do_not_depend_on_the_order_reports_come_in(rng: random.Random) -> None:
    items = list(REPORTS)
    rng.shuffle(items)
    clusters, nodes = file_all(items)
    reference, ref_nodes = file_all(REPORTS)
    assert groups(clusters, nodes) == groups(reference, ref_nodes)


def test_removing_a_report_splits_the_cluster_it_held_together() -> None:
    long = QUOTE
    trimmed = " ".join(QUOTE.split()[:17])
    shorter = " ".join(QUOTE.split()[:10])  # alike the trimmed one, not the whole quote
    clusters, nodes = file_all([("long", long, None), ("trimmed", trimmed, None), ("shorter", shorter, None)])
    assert len(groups(clusters, nodes)) == 1
    clusters.remove(("trimmed", 0), nodes["trimmed"])
    del nodes["trimmed"]
    assert groups(clusters, nodes) == {frozenset({"long"}), frozenset({"shorter"})}


def test_plain_data_round_trip_keeps_the_clusters() -> None:
    clusters, nodes = file_all(REPORTS)
    again = Clusters.from_plain(clusters.to_plain())
    assert groups(again, nodes) == groups(clusters, nodes)
    extra = again.add(("late", 0), QUOTE.lower(), None)
    assert again.root(extra) == again.root(nodes["verbatim"])


def test_a_cluster_is_named_by_its_earliest_report() -> None:
    dates = {"b": 738000, "a": 738000, "c": 0}
    reports = [("c", 5), ("b", 9), ("a", 40), ("a", 12)]
    assert first_report(reports, dates.__getitem__) == ("a", 12)
    assert cluster_id(("a", 12)) == "a#12"


def test_a_reported_claim_is_cited_as_reported_never_in_quotation_marks() -> None:
    from datetime import date
    from pathlib import Path

    from tui.core.extract import Quote
    from tui.core.library.article import Article
    from tui.core.who.citation import cite

    body = "The minister said that the bridge would reopen in May."
    article = Article("a", Path("a.md"), "Bridge", body, date(2024, 5, 1), source="The Daily")
    start = body.index("the bridge")
    claim = Quote(start, len(body) - 1, body[start:-1], "reported", "Ana Lima")
    text = cite(article, claim, cue="said")
    assert text == "Reported: the bridge would reopen in May — Ana Lima (said; The Daily, 2024-05-01)"
    assert '"' not in text
