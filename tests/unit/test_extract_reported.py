"""Reported speech rules, each with made-up sentences of its own: the content, its speaker, its cue."""

from __future__ import annotations

import pytest

from tui.core.extract import Extraction, Quote, Reported, extract


def _reported(text: str) -> list[tuple[str, str | None, str]]:
    found = extract(text).reported
    for r in found:
        assert text[r.start : r.end] == r.text
        assert r.text == r.text.strip() and r.text[-1] not in ".,;:"
    return [(r.text, r.speaker, r.cue) for r in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mayor Ana Ortiz said that the bridge will reopen in May.",
            ("the bridge will reopen in May", "Ana Ortiz", "said"),
            id="said_that",
        ),
        pytest.param(
            "Ana Ortiz says the bridge will reopen in May.",
            ("the bridge will reopen in May", "Ana Ortiz", "says"),
            id="said_and_a_clause",
        ),
        pytest.param(
            "Ana Ortiz told reporters on Monday that the bridge will reopen in May.",
            ("the bridge will reopen in May", "Ana Ortiz", "told"),
            id="told_someone_that",
        ),
        pytest.param(
            "According to Ana Ortiz, the bridge will reopen in May.",
            ("the bridge will reopen in May", "Ana Ortiz", "according to"),
            id="according_to_first",
        ),
        pytest.param(
            "The bridge will reopen in May, according to Ana Ortiz.",
            ("The bridge will reopen in May", "Ana Ortiz", "according to"),
            id="according_to_last",
        ),
        pytest.param(
            "Ana Ortiz spoke at noon. The bridge will reopen in May, Ortiz said.",
            ("The bridge will reopen in May", "Ana Ortiz", "said"),
            id="attribution_ending_the_sentence",
        ),
        pytest.param(
            "The bridge will reopen in May, said Sen. Ana Ortiz.",
            ("The bridge will reopen in May", "Ana Ortiz", "said"),
            id="inverted_attribution",
        ),
        pytest.param(
            "Turnout rose sharply this spring, the BBC reported last week.",
            ("Turnout rose sharply this spring", "BBC", "reported"),
            id="an_organisation_reporting_at_the_end",
        ),
        pytest.param(
            "Ana Ortiz confirmed that the bridge will reopen in May.",
            ("the bridge will reopen in May", "Ana Ortiz", "confirmed"),
            id="confirmed_that",
        ),
        pytest.param(
            "Ana Ortiz spoke at noon. She admitted that the repairs had taken too long.",
            ("the repairs had taken too long", "Ana Ortiz", "admitted"),
            id="a_pronoun_speaker",
        ),
        pytest.param(
            "Police Commissioner Ana Ortiz came by. The commissioner warned that the repairs would take months.",
            ("the repairs would take months", "Ana Ortiz", "warned"),
            id="a_role_description_speaker",
        ),
        pytest.param(
            "Mr. Daniel Moss met the council. His warning that the budget would run out went unheeded.",
            ("the budget would run out went unheeded", "Daniel Moss", "warning"),
            id="a_noun_with_its_owner",
        ),
    ],
)
def test_reported_content_speaker_and_cue(text: str, expected: tuple[str, str | None, str]) -> None:
    assert expected in _reported(text)


def test_a_name_with_of_can_end_the_sentence() -> None:
    found = _reported("Turnout rose sharply this spring, the University of Leeds reported.")
    assert [text for text, _, _ in found] == ["Turnout rose sharply this spring"]


def test_a_middle_attribution_leaves_the_whole_sentence_as_content() -> None:
    text = "Daniel Moss spoke at noon. The repairs, Moss said, will take until May."
    assert ("The repairs, Moss said, will take until May", "Daniel Moss", "said") in _reported(text)


def test_a_direct_quote_is_no_reported_speech_but_a_partial_quote_inside_a_claim_is() -> None:
    direct = '"The bridge will reopen in May," Ana Ortiz said.'
    assert _reported(direct) == []
    partial = 'Ana Ortiz said the bridge was "nearly ready" for traffic.'
    assert _reported(partial) == [('the bridge was "nearly ready" for traffic', "Ana Ortiz", "said")]


def test_the_attribution_of_a_quote_does_not_report_what_follows_it() -> None:
    text = '"We are nearly done," Ana Ortiz said on Monday.'
    assert _reported(text) == []


def test_a_participle_continues_the_speech_of_the_sentence_subject() -> None:
    text = "Ana Ortiz defended the plan, saying that the delay had saved money."
    found = _reported(text)
    assert ("the delay had saved money", "Ana Ortiz", "saying") in found


def test_two_cues_in_one_sentence_give_two_contents() -> None:
    text = "Ana Ortiz said the bridge was safe and added that the road would follow."
    found = _reported(text)
    assert ("the bridge was safe", "Ana Ortiz", "said") in found
    assert ("the road would follow", "Ana Ortiz", "added") in found


def test_where_or_when_something_was_said_is_no_content() -> None:
    assert _reported("Ana Ortiz said at a briefing in Brussels.") == []


def test_a_named_subject_that_is_no_person_is_not_the_sentence_opener() -> None:
    text = "Ana Ortiz brought a plan that included a demand that Ukraine renounce its claim to the port."
    assert ("its claim to the port", None, "renounce") in _reported(text)


def test_nouns_and_passives_are_no_cues() -> None:
    assert _reported("The state budget passed. His support grew. She was told nothing.") == []


def test_an_interview_transcript_label_names_the_speaker() -> None:
    text = "MOSS: The council has not voted on the repairs yet, and it may not before May."
    assert _reported(text) == [("The council has not voted on the repairs yet, and it may not before May", "MOSS", ":")]


def test_an_appearance_reports_the_whole_clause_without_a_speaker() -> None:
    text = "By the evening, the council seemed ready to approve the plan."
    assert _reported(text) == [("the council seemed ready to approve the plan", None, "seemed")]


def test_the_extraction_keeps_positional_construction_and_defaults_to_no_reported_speech() -> None:
    quote = Quote(0, 4, '"Hi"')
    assert Extraction([quote], []).reported == []
    assert Extraction([quote], [], [Reported("x", 0, 1)]).reported[0].cue == ""


def test_a_middle_attribution_after_one_word_leaves_the_whole_sentence() -> None:
    text = "Growth, Ms. Ortiz says, depends on cheaper loans for small farms."
    assert ("Growth, Ms. Ortiz says, depends on cheaper loans for small farms", "Ortiz", "says") in _reported(text)
    assert _reported("Sorry, Ortiz said.") == []


def test_a_quantifier_can_be_the_subject_of_a_reporting_verb() -> None:
    found = _reported("All but two said the council should vote on the plan next month.")
    assert [text for text, _, _ in found] == ["the council should vote on the plan next month"]


def test_a_participle_of_a_noun_like_verb_is_a_verb() -> None:
    found = _reported("State polls have shown the mayor with a narrow lead over her rival.")
    assert [(text, cue) for text, _, cue in found] == [("the mayor with a narrow lead over her rival", "shown")]


def test_a_question_put_to_someone_is_the_content_of_the_passive_asked() -> None:
    assert ("the closures she ordered", None, "asked") in _reported("Ortiz was asked about the closures she ordered.")
    text = "At a town hall, Ortiz was asked by a farmer named Joe Reyes whether the dam would hold."
    assert _reported(text) == [("whether the dam would hold", "Joe Reyes", "asked")]


def test_a_participle_that_only_names_is_no_cue() -> None:
    assert _reported("The shop sells a cider called Orchard Gold.") == []
    assert ("Cruz a liar", None, "called") in _reported("The mayor called Cruz a liar.")


def test_a_noun_like_form_before_a_preposition_or_a_verb_is_a_noun() -> None:
    assert _reported("The terrorist attacks in Madrid changed the race.") == []
    assert _reported("Public support has grown for the new bridge.") == []
    assert ("the budget deficit", None, "focuses") in _reported("The mayor focuses on the budget deficit.")
    assert ("the council to act", "Ortiz", "calls") in _reported("Ortiz calls on the council to act.")


def test_an_aside_between_dashes_does_not_end_the_content() -> None:
    text = "Ortiz noted that the records \u2014 which included tax files \u2014 had been altered."
    content = "the records \u2014 which included tax files \u2014 had been altered"
    assert _reported(text) == [(content, "Ortiz", "noted")]
    found = _reported("Ortiz said the records were lost \u2014 nobody knows where.")
    assert ("the records were lost", "Ortiz", "said") in found


def test_another_that_clause_continues_the_same_speech() -> None:
    found = _reported("Ortiz said that rents are rising, and that wages are not.")
    assert found == [("rents are rising, and that wages are not", "Ortiz", "said")]
    found = _reported("Ortiz said that rents are rising, and that is why she resigned.")
    assert ("rents are rising", "Ortiz", "said") in found


def test_a_participle_opening_the_sentence_reports_its_clause() -> None:
    text = "The council met. Noting that the river had risen, Ortiz said the dam would hold."
    assert ("the river had risen", "Ortiz", "noting") in _reported(text)
    assert [cue for _, _, cue in _reported("Speaking at a rally, Ortiz said the dam would hold.")] == ["said"]


def test_a_question_that_opens_the_sentence_ends_at_its_comma() -> None:
    found = _reported("When asked whether the dam would hold, Ortiz said she was confident.")
    assert ("whether the dam would hold", None, "asked") in found
    assert ("the dam", None, "asked") in _reported("Asked about the dam, Ortiz said it would hold.")


def test_a_quotation_that_the_content_runs_past_is_a_partial_quote() -> None:
    text = '"The river is rising" faster than ever, Ortiz said.'
    assert _reported(text) == [('"The river is rising" faster than ever', "Ortiz", "said")]
    assert _reported('"The river is rising," Ortiz said.') == []


def test_a_final_attribution_to_someone_described_by_a_phrase() -> None:
    text = "The talks stalled on Monday, people familiar with the talks said."
    assert _reported(text) == [("The talks stalled on Monday", None, "said")]
    text = "Ortiz will rethink her plan, a source close to him said."
    assert [content for content, _, _ in _reported(text)] == ["Ortiz will rethink her plan"]


def test_what_someone_was_told_follows_that() -> None:
    text = "Ortiz had been told just before the vote that she would probably lose."
    assert _reported(text) == [("she would probably lose", None, "told")]
    assert _reported("Ortiz was told that the dam would hold.") == [("the dam would hold", None, "told")]


def test_a_view_that_there_is_reports_its_clause_without_an_owner() -> None:
    found = _reported("There are fears that the crowds will spread the virus.")
    assert found == [("the crowds will spread the virus", None, "fears")]
    assert _reported("The fears grew.") == []


def test_an_auxiliary_after_and_starts_another_predicate_of_the_subject() -> None:
    found = _reported("An aide to the mayor declined to be named and is not on the council.")
    assert ("to be named", None, "declined") in found


def test_a_setting_with_an_indefinite_article_ends_a_phrase_content() -> None:
    assert [content for content, _, _ in _reported("Ortiz defended her budget plan in a long interview.")] == [
        "her budget plan"
    ]


def test_an_expectation_ends_at_its_first_comma() -> None:
    text = "The ruling is widely expected to favour the city, with costs for the county."
    assert _reported(text) == [("The ruling is widely expected to favour the city", None, "expected")]


def test_an_infinitive_content_ends_at_its_first_comma() -> None:
    found = _reported("Ortiz has pledged to rebuild the dam, reversing years of neglect by the county.")
    assert found == [("to rebuild the dam", "Ortiz", "pledged")]


def test_a_light_verb_subject_holds_what_its_noun_carries() -> None:
    found = _reported("Mayor Ana Ortiz voiced serious concerns about the cost of the new bridge.")
    assert found == [("the cost of the new bridge", "Ana Ortiz", "concerns")]
    found = _reported("Ana Ortiz voiced frustration that the council had delayed the vote.")
    assert found == [("the council had delayed the vote", "Ana Ortiz", "frustration")]
    found = _reported("Mayor Ana Ortiz leveled sharp attacks against the council.")
    assert found == [("the council", "Ana Ortiz", "attacks")]


def test_a_feeling_noun_without_a_light_verb_is_no_cue() -> None:
    assert _reported("Ana Ortiz left. Her frustration that the council had delayed the vote grew.") == []


def test_an_owner_before_modifiers_owns_the_noun() -> None:
    found = _reported("Mr. Daniel Moss spoke. Moss's often sharp criticism of the new budget angered them.")
    assert ("the new budget angered them", "Daniel Moss", "criticism") in found
    assert _reported("It's an open question of how the bridge will be paid for.") == []


def test_a_phrase_after_an_owned_noun_ends_at_the_predicate() -> None:
    found = _reported("Mr. Daniel Moss spoke. His criticism of the new budget has angered the council.")
    assert ("the new budget", "Daniel Moss", "criticism") in found
    found = _reported("Mr. Daniel Moss spoke. His criticism of what the council has done angered them.")
    assert ("what the council has done angered them", "Daniel Moss", "criticism") in found


def test_a_question_reports_nothing() -> None:
    assert _reported("Will the council support the new bridge plan?") == []
    assert _reported("Ana Ortiz asked the council: does it want to reopen the bridge in May?") == []
    assert _reported("The council supports the new bridge plan.") == [("the new bridge plan", None, "supports")]


def test_a_content_never_starts_with_a_conjunction() -> None:
    assert _reported("Ortiz has never sought or served in public office.") == []
    assert _reported("The county sent aid to several Northern states - and to two more in the south.") == []
    assert _reported("Ana Ortiz has never sought the office.") == [("the office", "Ana Ortiz", "sought")]


def test_a_participle_after_a_noun_reports_its_that_clause() -> None:
    found = _reported("Her aides circulated letters alleging that the vote had been rigged.")
    assert found == [("the vote had been rigged", None, "alleging")]
    assert _reported("Her aides circulated letters alleging fraud.") == []


def test_the_agent_of_a_passive_is_no_content() -> None:
    assert _reported("The figures, first reported by the county auditor, show a deficit.") == []
    found = _reported("The council countered by proposing a smaller bridge.")
    assert found == [("by proposing a smaller bridge", None, "countered")]


def test_what_someone_spoke_of_is_no_content() -> None:
    assert _reported('Ana Ortiz spoke. She also said of the repairs, "They are done."') == []
    assert _reported("Ana Ortiz spoke. She said about the repairs in May: none.") == []
    found = _reported("Ana Ortiz said of the repairs that they would end in May.")
    assert found == [("they would end in May", "Ana Ortiz", "said")]


def test_a_progressive_after_be_is_a_verb_in_use() -> None:
    assert _reported("Ana Ortiz was referring to the old bridge.") == [("the old bridge", "Ana Ortiz", "referring")]
    found = _reported("Ana Ortiz is arguing that the bridge must close.")
    assert found == [("the bridge must close", "Ana Ortiz", "arguing")]
    assert _reported("Ana Ortiz was revealed as the donor.") == []
