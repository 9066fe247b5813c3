"""Person mentions, roles, aliases and credits; cross-article linking."""

from __future__ import annotations

from tui.core.extract import Person, extract
from tui.core.extract.linking import link_people
from tui.core.extract.people import find_people


def _names(text: str) -> list[tuple[str, str]]:
    return [(p.text, p.name) for p in find_people(text)]


def test_roles_split_from_names() -> None:
    text = "Former Arkansas Gov. Mike Huckabee met Senate Majority Leader Mitch McConnell."
    people = find_people(text)
    assert [(p.text, p.roles) for p in people] == [
        ("Mike Huckabee", ("Former Arkansas Gov.",)),
        ("Mitch McConnell", ("Senate Majority Leader",)),
    ]


def test_a_letters_greeting_is_no_part_of_the_role() -> None:
    text = "The mayors sent a letter on Monday.\n\nDear Governor Ada Palmer: our towns need the bridge."
    [person] = extract(text).people
    assert (person.name, person.roles) == ("Ada Palmer", ("Governor",))


def test_organisations_places_and_events_are_not_people() -> None:
    text = (
        "The Clinton Foundation and the University of Texas met in Geneva at the Washington Treaty "
        "summit. NATO and the European Union sent delegates to New York."
    )
    assert find_people(text) == []


def test_aliases_within_an_article() -> None:
    text = "Maria Lopez won the vote. Later, Lopez said she was relieved. Ms. Lopez left at noon."
    assert _names(text) == [("Maria Lopez", "Maria Lopez"), ("Lopez", "Maria Lopez"), ("Lopez", "Maria Lopez")]


def test_person_followed_by_of_place() -> None:
    text = "The winner was Renate Keller of Austria, ahead of Sen. Ben Carter of Maryland."
    assert [p.text for p in find_people(text)] == ["Renate Keller", "Ben Carter"]


def test_possessive_and_sentence_end() -> None:
    text = "He met Anna Berg. Berg's plan was new."
    assert [(p.text, p.name) for p in find_people(text)] == [("Anna Berg", "Anna Berg"), ("Berg", "Anna Berg")]


def test_headline_capitals_match_a_known_surname() -> None:
    text = "SOCCER - KOVAC BACK IN SQUAD.\nCoach Ivo Petrovic recalled Marko Kovac on Friday."
    assert ("KOVAC", "Marko Kovac") in _names(text)


def test_photo_credit_is_a_person_but_never_a_speaker() -> None:
    text = '(Photo: Jane Doe/Reuters)\n\n"We are ready," said Tom Hale.'
    ex = extract(text)
    credit = [p for p in ex.people if p.credit]
    assert [p.name for p in credit] == ["Jane Doe"]
    assert [q.speaker for q in ex.quotes] == ["Tom Hale"]


def test_link_people_merges_short_names_across_articles() -> None:
    a = extract('NATO chief Mark Rutte spoke. "We are united," Rutte said.')
    b = extract('"Talks continue," Rutte said on Monday.')
    c = extract("Maria Lopez and Carlos Lopez met. Lopez spoke first.")
    people = {p.name: p for p in link_people({"a": a, "b": b, "c": c})}
    rutte = people["Mark Rutte"]
    assert isinstance(rutte, Person)
    assert rutte.article_ids == ("a", "b")
    assert "Rutte" in rutte.aliases
    assert rutte.quote_count == 2
    assert rutte.mention_count == 3
    assert "Rutte" not in people
    # "Lopez" alone stays ambiguous between two full names in article c
    assert "Maria Lopez" in people and "Carlos Lopez" in people


def test_a_single_word_after_the_is_not_a_person_even_before_a_speech_verb() -> None:
    names = {p.name for p in extract("The Chronicle cited three sources. Okafor said the report was wrong.").people}
    assert names == {"Okafor"}


def test_teams_in_a_results_line_are_not_people() -> None:
    text = (
        "Weekend results:\nDalton Hart 2 Castle Hill 1 (Tomas Berger 12, Ivo Lund 80)\n"
        "Coach Maria Vale said the win was deserved."
    )
    assert {p.name for p in extract(text).people} == {"Tomas Berger", "Ivo Lund", "Maria Vale"}
