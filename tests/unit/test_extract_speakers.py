"""Speaker attribution rules, each with made-up sentences of its own."""

from __future__ import annotations

import pytest

from tui.core.extract import extract


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract(text).quotes if q.kind == "speech"]


# (rule, text, the speakers of its speech quotes in order)
CASES = [
    pytest.param(
        "Senator Walter Brandt faces a recall vote.\n\n"
        'Brandt\'s office dismissed the petition, calling it "a stunt by sore losers."\n\n'
        'Mayor Irene Cole answered quickly. Cole\'s written statement was short: "We have the signatures."',
        ["Walter Brandt", "Irene Cole"],
        id="a_persons_office_or_statement_speaks_for_them",
    ),
    pytest.param(
        'Governor Ada Quinn\'s spokesman Tom Reyes said: "The governor is resting."',
        ["Tom Reyes"],
        id="a_plain_mention_beats_a_possessive_owner",
    ),
    pytest.param(
        "Secretary of State Nora Hale met the press.\n\n"
        'The Transport Department has said the bridge is "structurally sound."\n\n'
        'Later the Evening Herald reported: "Inspectors found cracks in two pillars."',
        ["The Transport Department", "Evening Herald"],
        id="an_organisation_before_the_verb_speaks",
    ),
    pytest.param(
        'Governor Amy Stone is leaving. From Stone\'s Facebook post: "Thank you, Ohio."',
        ["Amy Stone"],
        id="a_name_inside_a_longer_phrase_is_not_an_organisation",
    ),
    pytest.param(
        'Rents keep rising in the valley. "Nobody can afford a flat here anymore," '
        "not even nurses or teachers, said Carla Jensen, who runs a tenants' group in Brookfield.\n\n"
        '"A rent cap" would be a start, council member Omar Haddad said on Friday.',
        ["Carla Jensen", "Omar Haddad"],
        id="attribution_at_the_end_of_a_longer_sentence",
    ),
    pytest.param(
        'At a town hall, Senator Lena Brooks said the tax is "simply unfair." '
        'Governor Hal Moss, her rival, called the plan "reckless" in an interview.',
        ["Lena Brooks", "Hal Moss"],
        id="the_next_sentence_does_not_claim_a_quote_that_ends_the_previous",
    ),
    pytest.param(
        "The debate grew heated, as Mayor Rosa Vance repeated her charge, saying "
        'Councilman Ed Pratt "never read the budget."',
        ["Rosa Vance"],
        id="subject_of_a_clause_opened_by_a_conjunction",
    ),
    pytest.param(
        "Ever since she beat Dan Hurley, Judge Mia Ortiz has toured the county with Sam Wells "
        'and one message: "Fair trials for all."',
        ["Mia Ortiz"],
        id="a_sentence_ending_in_a_colon_takes_its_subject_not_its_last_name",
    ),
    pytest.param(
        "When Ben Ross was a student he worked for Tess Lowe, the novelist; "
        'Lowe\'s motto, pinned above her desk, was "Write every single day."',
        ["Tess Lowe"],
        id="a_semicolon_starts_a_new_subject",
    ),
    pytest.param(
        'Mayor Kim Doyle, who toured the state this week, tweeted, "Great crowd in Millbrook!"\n\n'
        'In a subsequent tweet, Doyle said she would return "before the harvest."',
        ["Kim Doyle", "Kim Doyle"],
        id="a_speech_word_after_a_determiner_is_a_noun",
    ),
    pytest.param(
        "Senator Joan Pike spoke at length about Governor Luis Ortega and said his budget "
        'was "a fantasy."\n\nContrast that with Ortega, who has called it "prudent."',
        ["Joan Pike", "Luis Ortega"],
        id="the_object_of_a_preposition_is_not_the_subject",
    ),
    pytest.param(
        'Senator Dora Finch accused the mayor of "wasting every cent."\n\n'
        'Mayor Carl Ibsen interjected: "That is false."',
        ["Dora Finch", "Carl Ibsen"],
        id="common_reporting_verbs",
    ),
    pytest.param(
        'Aide Nina Marsh said Senator Ted Volk keeps "trying to go after" Governor Ann Perez.',
        ["Nina Marsh"],
        id="a_name_right_after_a_quote_that_runs_on_is_an_object",
    ),
    pytest.param(
        'Mayor Ana Reyes said the plan was sound, to which Councillor Ben Holt replied: "It is not."',
        ["Ben Holt"],
        id="the_verb_that_introduces_the_quote_comes_first",
    ),
    pytest.param(
        'Mayor Ana Reyes said the report was written by commissioner Bill Dunn and added, "We will publish it."',
        ["Ana Reyes"],
        id="a_coordinated_verb_takes_the_sentence_subject",
    ),
    pytest.param(
        "Senator Tom Avery, asked about the arrests of reporters under President Omar Vell, "
        'had said, "It is a disgrace."',
        ["Tom Avery"],
        id="the_object_of_under_is_not_the_subject",
    ),
    pytest.param(
        "Governor Paula Grant met the farmers on Monday. "
        'She also defended the plan as "the only way to feed every child in the county" before leaving.',
        ["Paula Grant"],
        id="a_pronoun_opening_the_sentence_is_its_subject",
    ),
    pytest.param(
        '"I love the work," said Robin Vale, an electrician at the plant. '
        'He has two degrees and trains apprentices. "But my back hurts."',
        ["Robin Vale", "Robin Vale"],
        id="a_quote_that_opens_a_sentence_is_not_given_the_last_sentence_subject",
    ),
    pytest.param(
        'Coach Dana Reed was furious. The referee, Omar Fitch, said later that "he had it coming" in the second half.',
        ["Omar Fitch"],
        id="a_pronoun_inside_a_quote_is_not_a_subject",
    ),
    pytest.param(
        'Mayor Tina Kerr is under fire. Budget Watch stated on Tuesday that the audit "found nothing."',
        ["Budget Watch"],
        id="an_organisation_name_may_hold_a_common_word",
    ),
    pytest.param(
        'The vote is "too close to call," as Senator Gus Pell said on the radio.\n\n'
        'But as the historian Ada Lind put it, "Close votes are the rule."',
        ["Gus Pell", "Ada Lind"],
        id="as_someone_said_or_put_it",
    ),
    pytest.param(
        'Campaign chief Lou Bragg spoke to the donors. Mr. Bragg, citing "the grit of our volunteers," '
        "said the candidate could still win Ohio.",
        ["Lou Bragg"],
        id="a_named_subject_before_beats_a_nameless_attribution_after",
    ),
    pytest.param(
        "Governor Lea Marsh toured the docks on Monday, while Senator Paul Kent, her old rival, "
        'proposed that the port "open its books to the public."',
        ["Paul Kent"],
        id="the_clause_nearest_the_quote_gives_its_subject",
    ),
    pytest.param(
        'Mayor Ivan Roth once backed councillor Ada Stein, but now says the council "has lost its way."',
        ["Ivan Roth"],
        id="a_verb_after_but_now_takes_the_sentence_subject",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speakers(text: str, expected: list[str | None]) -> None:
    assert _speakers(text) == expected


def test_a_title_stays_a_title_before_a_late_attribution() -> None:
    text = 'She appeared on "The Late Hour" last week, the network said in a statement.'
    assert [q.kind for q in extract(text).quotes] == ["title"]


def test_an_institution_after_named_people_is_not_the_speaker() -> None:
    text = (
        '"The model is flawed," engineers Ruth Lang and Pavel Sorin of the Centre for Applied Safety '
        "and Structural Research wrote in May."
    )
    assert _speakers(text) != ["Structural Research"]


def test_term_and_title_cues_are_whole_words() -> None:
    kinds = [q.kind for q in extract('Governor Hal Moss called the plan "reckless" in an interview.').quotes]
    assert kinds == ["speech"]  # "plan" does not end in the article "an"
    kinds = [q.kind for q in extract('Stick to your "principles" and vote.').quotes]
    assert kinds == ["term"]


def test_a_passive_speech_verb_is_no_attribution() -> None:
    text = (
        "When Mr. Ray Tolan was revealed as a donor, a writer for the Harbor Gazette said she was "
        '"deeply disappointed."'
    )
    assert _speakers(text) != ["Ray Tolan"]


def test_a_quote_with_its_own_attribution_is_not_merged_into_the_last() -> None:
    text = '"It will pass," said Sen. Ida Holm. "The votes are there," added Rep. Max Ruiz. "We counted twice."'
    quotes = [q for q in extract(text).quotes if q.kind == "speech"]
    assert [len(q.spans) for q in quotes] == [1, 2]  # Ruiz's two sentences are one quotation
    assert [q.speaker for q in quotes] == ["Ida Holm", "Max Ruiz"]


def test_a_title_case_work_is_a_title_even_in_an_attributed_sentence() -> None:
    text = '"We will win," Governor Ray Lund said on WXYZ\'s "Morning Coffee Hour" on Sunday.'
    kinds = [(q.text, q.kind) for q in extract(text).quotes]
    assert kinds == [('"We will win,"', "speech"), ('"Morning Coffee Hour"', "title")]


def test_a_quote_paragraph_takes_the_subject_of_the_narrative_before() -> None:
    text = (
        "Defence chief Ana Kovac said that critics had long predicted a withdrawal.\n\n"
        '"That will not happen while I serve."\n\n'
        "Critics disagreed with the plan.\n\n"
        '"It is a mistake," one of them said. "A big one."'
    )
    assert _speakers(text) == ["Ana Kovac", None]


def test_initials_alone_are_no_person_and_no_speaker() -> None:
    text = 'Officials in D.C. said no. "We will appeal," said the mayor\'s office in D.C.'
    ex = extract(text)
    assert ex.people == [] and [q.speaker for q in ex.quotes] == [None]


def test_a_nameless_attribution_after_a_sentence_opening_quote_stands() -> None:
    text = (
        'Fans of "Morning Table" were upset, Acme Broadcasting announced. '
        '"A sad day for us all," one viewer wrote on a forum.'
    )
    assert [(q.kind, q.speaker) for q in extract(text).quotes] == [("title", None), ("speech", None)]


def test_a_title_lends_no_speaker_to_the_next_quote() -> None:
    text = 'Acme Broadcasting announced the end of its show "Morning Table" on Friday. "A sad day."'
    assert [(q.kind, q.speaker) for q in extract(text).quotes] == [("title", None), ("speech", None)]
