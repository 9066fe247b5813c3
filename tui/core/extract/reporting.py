"""Cue words: the verbs, nouns and adjectives that introduce reported speech and attributed
claims, grouped by how their content follows them, and :func:`cue_positions`, which finds
them in a text.

Each verb list names lemmas; :func:`_inflect` adds the -s, -ed and -ing forms (irregular
forms are listed with the lemma as ``lemma/form/form``). Entries are lower case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .sentences import DETERMINERS, SUBJECT_STOP, Word, verb_at


def _inflect(spec: str) -> dict[str, str]:
    """Every form of every lemma in ``spec``, mapped to its lemma."""
    out: dict[str, str] = {}
    for entry in spec.split():
        lemma, *irregular = entry.split("/")
        forms = {lemma, *irregular}
        if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
            forms.add(lemma + "es")
        elif lemma.endswith("y") and lemma[-2] not in "aeiou":
            forms.add(lemma[:-1] + "ies")
        else:
            forms.add(lemma + "s")
        if not irregular:
            stem = lemma[:-1] if lemma.endswith("e") else lemma
            if lemma.endswith("y") and lemma[-2] not in "aeiou":
                forms.add(lemma[:-1] + "ied")
            else:
                forms.add(stem + "ed")
            forms.add((stem if not lemma.endswith("ee") else lemma) + "ing")
        elif not any(f.endswith("ing") for f in irregular):
            forms.add((lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma) + "ing")
        for f in forms:
            out.setdefault(f, lemma)
    return out


# Content follows as a clause, with or without "that": "Rutte said (that) Rubio is involved".
CLAUSE_VERBS = _inflect("""
say/said add note argue claim state confirm admit/admitted/admitting acknowledge insist explain
announce declare assert contend stress emphasize emphasise suggest report write/wrote/written/writing
tweet post reply respond concede conclude predict estimate believe think/thought/thinking
feel/felt/feeling know/knew/known/knowing hope fear worry deny recall reveal indicate
show/showed/shown/showing find/found/finding allege charge testify speculate observe remark mention
reiterate repeat agree complain boast caution counter retort clarify recognize recognise realize
realise understand/understood/understanding doubt suspect assume guess reckon signal hint imply
lament warn vow/vowed/vowing pledge promise threaten forecast calculate decide demand propose
recommend posit joke/joked/joking quip/quipped/quipping muse wonder ask question expect concur
affirm attest certify swear/swore/sworn/swearing insinuate intimate proclaim disclose divulge
publish theorize theorise see/saw/seen/seeing learn remember forget/forgot/forgotten/forgetting
discover notice hear/heard/hearing read/reading foresee/foresaw/foreseen/foreseeing surmise
infer/inferred/inferring bet/betting
""")

# An object comes between the verb and the content: "told reporters (that) …".
TELL_VERBS = _inflect("""
tell/told/telling inform assure remind notify convince persuade advise brief warn caution
""")

# The content is the verb's object, a noun phrase or an infinitive: "urged Congress to act".
OBJECT_VERBS = _inflect("""
urge call/called/calling propose endorse oppose support criticize criticise praise condemn reject
dismiss defend accuse blame describe cite tout back want plan/planned/planning seek/sought/seeking
demand vow/vowed/vowing pledge promise threaten refuse decline intend question dispute deride
denounce applaud welcome slam/slammed/slamming blast attack challenge hail laud lambaste mock
ridicule decry express offer address view consider regard prefer/preferred/preferring push name
invoke bemoan release issue unveil outline detail float highlight underscore portray characterize
characterise frame dub/dubbed/dubbing label brand retweet nominate sign rebuke scold chide fault
credit recommend favor favour champion repudiate disavow renounce spurn snub rule/ruled/ruling
order/ordered/ordering approve veto/vetoed/vetoing block
""")

# Lemmas whose plain and -s forms are as often nouns ("the state", "his support", "questions"):
# a verb only right after its subject or an auxiliary.
NOUN_LIKE = frozenset(
    """
state support back tweet attack question call plan post report charge show counter doubt fear hope
promise pledge vow demand claim note comment remark reply answer mention estimate forecast signal
hint guess boast joke quip praise blame challenge welcome blast slam hail decline dispute mock muse
stress urge recall caution suspect brief ridicule wonder worry lament find talk point focus vote
push campaign lobby view offer address release issue outline detail float highlight frame label
brand name order rule block veto credit favor favour champion
""".split()
)

# Verbs whose content follows a preposition: "talked about …", "pointed to …", "referred to …".
_PREPOSITIONS = {
    "talk speak/spoke/spoken/speaking": ("about", "of", "on"),
    "refer/referred/referring point": ("to", "out"),
    "focus": ("on",),
    "vote": ("for", "against"),
    "argue push lobby campaign": ("for", "against"),
    "complain worry boast joke": ("about", "of"),
    "call/called/calling": ("for", "on"),
}
PREPOSITION_VERBS: dict[str, tuple[str, tuple[str, ...]]] = {
    form: (lemma, preps) for spec, preps in _PREPOSITIONS.items() for form, lemma in _inflect(spec).items()
}

# Participles that continue a sentence's speech with more of it: ", adding that …".
PARTICIPLE_CUES = frozenset(
    "saying adding noting arguing explaining insisting stressing warning claiming suggesting stating"
    " telling asking calling acknowledging conceding predicting urging vowing promising pointing"
    " emphasizing emphasising complaining declaring writing recalling citing contending".split()
)

# Words between a verb and its "that" that leave the clause the verb's: "said on Monday that".
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning afternoon"
    " evening night week month year last this earlier later recently previously again also repeatedly"
    " privately publicly openly flatly".split()
)

# Objects of a telling verb that are one word: "told reporters", "assured them".
OBJECT_PRONOUNS = frozenset("me him her us them you it reporters journalists supporters voters".split())

# Nouns that carry what someone said or holds: "his warning that …", "Sanders's call for …".
NOUN_CUES = frozenset(
    """
claim claims statement assertion argument warning warnings promise promises pledge vow vows call calls
demand demands criticism critique attack attacks support opposition endorsement praise complaint
complaints comment comments remarks view views belief position stance proposal plan plans suggestion
concern concerns fear fears hope hopes accusation accusations allegation allegations denial admission
announcement insistence prediction contention message tweet tweets defense defence rejection push
question questions objection objections request requests appeal appeals plea pleas assurance assurances
threat threats recommendation
""".split()
)
NOUN_LINKS = frozenset("that of about for on against to over whether".split())

# Nouns of a feeling or view that a speaker expresses: a cue only after a light verb
# ("Ortiz voiced frustration that …", "made the case that …"), not with an owner alone.
FEELING_NOUNS = frozenset(
    """
doubt doubts worry worries frustration confidence optimism skepticism scepticism alarm regret anger
outrage dismay disappointment reservations misgivings case
""".split()
)
# Verbs that, with a noun of speech or feeling, say or hold its content: "expressed concern that …".
LIGHT_VERBS = frozenset(
    _inflect("express voice raise air share reiterate repeat renew issue make/made have/has/had offer level lodge")
)

# Verbs of appearance: the whole clause is the attributed content ("Clinton seems not to …").
SEEM_VERBS = frozenset(_inflect("seem appear"))

# Adjectives of a view held, after "be" and before its clause: "Ackman is convinced that …".
ADJECTIVE_CUES = frozenset(
    "convinced confident certain sure aware adamant hopeful optimistic skeptical sceptical worried"
    " concerned afraid clear insistent".split()
)

# Every verb form above, mapped to its lemma; the forms whose content is a phrase, not a clause.
VERBS: dict[str, str] = {
    **{w: lemma for w, (lemma, _) in PREPOSITION_VERBS.items()},
    **OBJECT_VERBS,
    **TELL_VERBS,
    **CLAUSE_VERBS,
}
PHRASE_VERBS = (frozenset(OBJECT_VERBS) | frozenset(PREPOSITION_VERBS)) - frozenset(CLAUSE_VERBS)
CUE_WORDS = frozenset(VERBS) | NOUN_CUES | FEELING_NOUNS | SEEM_VERBS | ADJECTIVE_CUES | {"according"}
BE = frozenset("is are was were be been being am".split())
PAST = frozenset("said told thought felt knew known wrote written found sought swore sworn understood".split())

_OPENER_RE = re.compile(r"[.!?\n]\s*([A-Z][a-z]+ing)\b")  # a participle opening a sentence
_FIRST_OPENER_RE = re.compile(r"\s*([A-Z][a-z]+ing)\b")  # … or the text
_NEXT_RE = re.compile(r"\s+([a-z]+)")  # the word after a cue
_NOT_BOUNDARY = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'\u2019-_")
ING_LEADS = frozenset("by after before while without for in on from of".split())  # "by questioning …"
_ING_PREV = BE | ING_LEADS | {"also", "now", "still"}
_OPENING_CUES = ("According", "Asked")
"""Cues looked for capitalised too: they open a sentence ("According to police, …")."""


def cue_positions(text: str, vocab: Iterable[str]) -> list[int]:
    """Offsets of the cue words in ``text`` that may be cues where they stand, found by string
    search for the cue words among ``vocab`` (the lower-case words the text holds). A word after
    a determiner ("the state") or an -ing form inside a phrase ("a group supporting") is none;
    a participle of speech that opens a sentence ("Noting that …, she said") is one."""
    n = len(text)
    openers = [*_OPENER_RE.finditer(text), _FIRST_OPENER_RE.match(text)]
    out = [m.start(1) for m in openers if m is not None and m.group(1).lower() in CLAUSE_VERBS]
    for w in [*CUE_WORDS.intersection(vocab), *_OPENING_CUES]:
        at = text.find(w)
        size = len(w)
        ing, noun, linked, countable = _CUE_KINDS[w]
        while at >= 0:
            end = at + size
            if (at == 0 or text[at - 1] not in _NOT_BOUNDARY) and (end >= n or text[end] not in _NOT_BOUNDARY):
                if noun:
                    nxt = _NEXT_RE.match(text, end)
                    if not linked or (nxt is not None and nxt.group(1) in NOUN_LINKS):
                        out.append(at)
                else:
                    prev = text[text.rfind(" ", max(0, at - 24), at - 1) + 1 : at].strip().lower()
                    determined = prev in DETERMINERS and (countable or prev not in _QUANTIFIERS)
                    modifier = ing and prev not in _ING_PREV and not prev.endswith(",")
                    if not (determined or (modifier and not _that_next(text, end, w))):
                        out.append(at)
            at = text.find(w, end)
    out.sort()
    return out


_QUANTIFIERS = frozenset("one two three some several many".split())


def _that_next(text: str, end: int, w: str) -> bool:
    """Is the cue ``w`` that ends at ``end`` a verb of a clause with its "that" after it: a
    participle after a noun that reports ("articles alleging that …")?"""
    nxt = _NEXT_RE.match(text, end) if w in CLAUSE_VERBS else None
    return nxt is not None and nxt.group(1) == "that"


_NOUN_NEXT = frozenset("of in on at with against is are was were has have".split())


def _noun_next(nxt: str, w: str) -> bool:
    """Does ``nxt``, the word after ``w``, make ``w`` a noun: a preposition that is not the verb's
    own ("attacks on", not "focuses on"), or a verb of its own ("support has")?"""
    return nxt in _NOUN_NEXT and nxt not in PREPOSITION_VERBS.get(w, ("", ()))[1]


def _plain(w: str) -> bool:
    """Is ``w`` the plain or the -s form of its lemma ("show", "shows"), which may be a noun,
    not a participle ("shown", "showed")?"""
    lemma = VERBS[w]
    return w in (lemma, lemma + "s", lemma + "es", lemma[:-1] + "ies")


def _countable(w: str) -> bool:
    """May ``w`` be a noun after a quantifier ("two pledges", "several tweets"), and not only the
    verb of a quantifier subject ("two said", "many argue")?"""
    return VERBS.get(w) in NOUN_LIKE or w.endswith("ing")


def _cue_kind(w: str) -> tuple[bool, bool, bool, bool]:
    """What :func:`cue_positions` tells a cue word ``w`` by: is it an -ing form that may be a
    modifier, a noun or adjective, a noun that is a cue only before its complement, countable?"""
    ing = w.endswith("ing") and w in VERBS and w not in PARTICIPLE_CUES
    noun = w in NOUN_CUES or w in FEELING_NOUNS or w in ADJECTIVE_CUES or w in _OPENING_CUES
    linked = (w in NOUN_CUES or w in FEELING_NOUNS) and w not in VERBS
    return ing, noun, linked, _countable(w)


_CUE_KINDS = {w: _cue_kind(w) for w in [*CUE_WORDS, *_OPENING_CUES]}

_NOUN_FORMS = frozenset(w for w in VERBS if VERBS[w] in NOUN_LIKE and _plain(w))  # "the state", "his tweets"

_SUBJECT_STOPS = SUBJECT_STOP | DETERMINERS | {"this", "his", "its", "us", "was", "is", "has", "as", "few", "more"}
_SUBJECT_ENDS = frozenset(
    "he she they we i you it who which that will would could should can may might must do does did to not also"
    " still often always never".split()
)


def verb_in_use(ws: list[Word], v: int, w: str, person_ends: Callable[[int], bool]) -> bool:
    """Is ``ws[v]`` (the form ``w``) a reporting verb in use here: not a noun ("his support"),
    not a passive ("is expected"), not a modifier ("a group supporting …")? ``person_ends``
    tells whether a person's name ends at an offset ("Trump wants")."""
    if v == 0:
        return False
    prev = ws[v - 1][0].lower()
    before = ws[v - 2][0].lower() if v > 1 else ""
    plural = w == VERBS[w] and prev.endswith("s") and before in DETERMINERS  # "several polls show"
    progressive = w.endswith("ing") and prev in BE  # "was referring to", not a passive as "was revealed"
    if not (verb_at(ws, v, VERBS) or plural or progressive or (w in PAST and prev.isalpha())):  # "the survey found"
        return False
    if w.endswith("ing"):
        if prev == "," or prev in BE or prev in ING_LEADS or (prev.endswith("ly") and before in BE):
            return True
        clause = w in CLAUSE_VERBS and v + 1 < len(ws) and ws[v + 1][0] == "that"  # "a memo warning that"
        return (w in PARTICIPLE_CUES or clause) and prev not in DETERMINERS and prev.isalpha()
    determined = prev in DETERMINERS and (prev not in _QUANTIFIERS or _countable(w))
    if determined or prev in BE or (before in BE and (prev == "not" or prev.endswith("ly"))):
        return False
    if prev[:1].isdigit():
        return False  # "270 pledged delegates"
    if w in _NOUN_FORMS:
        if v + 1 < len(ws) and _noun_next(ws[v + 1][0].lower(), w):
            return False  # "the attacks in Paris", "rules of politics", "his support has grown"
        if prev in _SUBJECT_ENDS or person_ends(ws[v - 1][2]):
            return True
        if w.endswith("s"):  # a singular subject: "Trump wants", "a new poll shows"
            if ws[v - 1][0][0].isupper() and prev not in _SUBJECT_STOPS:
                return True
            return (
                prev.isalpha()
                and prev not in _SUBJECT_STOPS
                and any(x.lower() in DETERMINERS for x, _, _ in ws[max(0, v - 4) : v - 1])
            )
        plural = prev.endswith("s") and not prev.endswith(("'s", "\u2019s"))
        return plural and prev not in _SUBJECT_STOPS  # a plural one: "polls show", not "Clinton's support"
    return True
