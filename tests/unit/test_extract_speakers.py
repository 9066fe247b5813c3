"""Speaker attribution rules, each with made-up sentences of its own."""

from __future__ import annotations

from tui.core.extract import extract


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract(text).quotes if q.kind == "speech"]


def test_a_persons_office_or_statement_speaks_for_them() -> None:
    text = ("Senator Walter Brandt faces a recall vote.\n\n"
            "Brandt's office dismissed the petition, calling it \"a stunt by sore losers.\"\n\n"
            "Mayor Irene Cole answered quickly. Cole's written statement was short: \"We have the signatures.\"")
    assert _speakers(text) == ["Walter Brandt", "Irene Cole"]


def test_a_plain_mention_beats_a_possessive_owner() -> None:
    text = "Governor Ada Quinn's spokesman Tom Reyes said: \"The governor is resting.\""
    assert _speakers(text) == ["Tom Reyes"]


def test_an_organisation_before_the_verb_speaks() -> None:
    text = ("Secretary of State Nora Hale met the press.\n\n"
            "The Transport Department has said the bridge is \"structurally sound.\"\n\n"
            "Later the Evening Herald reported: \"Inspectors found cracks in two pillars.\"")
    assert _speakers(text) == ["The Transport Department", "Evening Herald"]


def test_a_name_inside_a_longer_phrase_is_not_an_organisation() -> None:
    text = "Governor Amy Stone is leaving. From Stone's Facebook post: \"Thank you, Ohio.\""
    assert _speakers(text) == ["Amy Stone"]


def test_attribution_at_the_end_of_a_longer_sentence() -> None:
    text = ('Rents keep rising in the valley. "Nobody can afford a flat here anymore," '
            'not even nurses or teachers, said Carla Jensen, who runs a tenants\' group in Brookfield.\n\n'
            '"A rent cap" would be a start, council member Omar Haddad said on Friday.')
    assert _speakers(text) == ["Carla Jensen", "Omar Haddad"]


def test_a_title_stays_a_title_before_a_late_attribution() -> None:
    text = 'She appeared on "The Late Hour" last week, the network said in a statement.'
    assert [q.kind for q in extract(text).quotes] == ["title"]
