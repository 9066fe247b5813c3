"""Where a reported content starts and ends around its cue, read from the words of its sentence.

After a reporting verb the content starts past "that", adverbials ("said on Monday that"),
the object of a telling verb ("told reporters") or the preposition of a prepositional one
("talked about"); it runs to the sentence end unless a later cue continues the speech
(", adding", "and said") or a new clause starts (", and he …"). A phrase (the object of
"endorsed", "urged") ends at its first comma or adjunct ("during the debate").
"""

from __future__ import annotations

from collections.abc import Callable

from .names import FUNCTION_WORDS, PRONOUNS, ROLE_WORDS
from .reporting import (
    CLAUSE_VERBS,
    OBJECT_PRONOUNS,
    OBJECT_VERBS,
    PAST,
    PREPOSITION_VERBS,
    TELL_VERBS,
    TIME_WORDS,
    VERBS,
)
from .sentences import AUXILIARIES, CLAUSE_STOP, DETERMINERS, SUBJECT_STOP, Word, verb_at

MARKS = frozenset('"\u201c\u201d\u00ab\u00bb')
OPENERS = frozenset("\"\u201c\u00ab'\u2018")  # a quotation, even in single marks, opens here
LEADS = frozenset("in on at during".split())  # "said in a statement that", "said on Monday that"
SUBORDINATORS = frozenset("while although though if when as because since whereas after before to".split())
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DASHES = frozenset("\u2014\u2013") | {"-", "--"}
_HARD_STOPS = _DASHES | {";"}
# Words that end a verb's object and start an adjunct: "endorsed Cruz [during the debate]"
_ADJUNCTS = frozenset("during after before when while since until because ago through following".split())
_ENDINGS = _HARD_STOPS | CLAUSE_STOP | _ADJUNCTS | LEADS | {"and", "but", "while", "whereas"}  # what content_end reads
_NEW_SUBJECTS = frozenset("he she they we i it the a an this that these those there his her their its".split())
_NO_CONTENT = frozenset("from up off under through into over".split())
# Words no content starts with: the verb has no object and another shares its subject ("has
# never sought or served in office"), or the cue was a noun ("Southern states - and …")
_COORDINATORS = frozenset("and or but nor than".split()) | _DASHES
_RELATIVES = frozenset("which who whom".split())
_TELL_LEMMAS = frozenset(TELL_VERBS.values())
_NAMING = frozenset("call name dub".split())  # lemmas that also name: "a beer called Gold"
_GROUP_BEFORE = frozenset(", ; : and but while as so the".split())  # what may precede a subject


def content_start(text: str, ws: list[Word], v: int, w: str) -> tuple[int, int] | None:
    """Where the content of the verb ``ws[v]`` (``w``) starts: (word index, offset), or None when
    none follows ("said: \"…\"" introduces a direct quotation)."""
    n = len(ws)
    j = v + 1
    lemma = VERBS[w]
    if w in PREPOSITION_VERBS:
        if j < n and ws[j][0] in PREPOSITION_VERBS[w][1]:
            return (j + 1, ws[j + 1][1]) if j + 1 < n else None
        if w not in OBJECT_VERBS and w not in CLAUSE_VERBS:
            return None
    if lemma in _NAMING and _naming(ws, v):
        return None  # naming: "a group called Occupy", "a farmer named Reyes"
    comma = j < n and ws[j][0] == ","
    if j < n and ws[j][0] in (",", ":"):
        if quote_opens(text, ws[j][2]):
            return None  # said: "…": a direct quotation
        j += 1
    that = next((k for k in range(j, min(n, j + 9)) if ws[k][0].lower() == "that"), None)
    if (
        that is not None
        and all(x not in CLAUSE_STOP or x == "," for x, _, _ in ws[j:that])
        and not any(verb_at(ws, k, VERBS) for k in range(j, that))
        and not any(x.lower() in PRONOUNS or x.lower() in AUXILIARIES for x, _, _ in ws[j:that])
    ):
        j = that + 1
    elif comma:
        return None  # "is hard to predict, especially …": no content follows
    elif lemma in _TELL_LEMMAS and j < n:
        if ws[j][0].lower() in OBJECT_PRONOUNS:
            j += 1
        elif ws[j][0][0].isupper():
            while j < n and (ws[j][0][0].isupper() or ws[j][0] == "of"):
                j += 1
        elif ws[j][0].lower() in DETERMINERS:
            j += 2
    else:
        while j < n and (ws[j][0].lower() in _DAYS or ws[j][0].endswith("ly")):
            j += 1
        if j + 1 < n and ws[j][0] in LEADS and ws[j + 1][0].lower() in _DAYS:
            j += 2
    if j >= n or (ws[j][0] in VERBS and (ws[j][0].endswith("ed") or ws[j][0] in PAST)):
        return None  # no content, or another verb: "He said that said at …"
    if ws[j][0].lower() in _NO_CONTENT:
        return None  # where or how it was said: "said from his office", "signed up for"
    if ws[j][0].lower() in _COORDINATORS:
        return None
    if _agent(ws, j) or (lemma == "say" and ws[j][0] in ("of", "about")):
        return None  # who did it ("released by the council") or whom it was about ("said of Lee")
    at = ws[j][1]
    gap = text[ws[j - 1][2] : at]
    for k, ch in enumerate(gap):
        if ch in MARKS:
            at = ws[j - 1][2] + k
            break
    return j, at


def content_end(
    ws: list[Word], j: int, e: int, phrase: bool, subordinate: bool, quoted: Callable[[int], bool] = lambda _: False
) -> int:
    """Where the content that starts at ``ws[j]`` ends: the sentence end, a later cue that
    continues the speech (", adding", "and said"), a comma that opens another clause
    (", and he …", ", which …"), a dash or semicolon; for a phrase, or a cue in a
    subordinate clause ("While most agree …, some fear"), its first comma. Punctuation inside a
    quotation (``quoted``) ends nothing: 'called it a "rush to judgment," because …'."""
    closing = -1
    for k in range(j + 1, len(ws)):
        w = ws[k][0]
        low = w.lower()
        if low not in _ENDINGS or k <= closing:
            continue  # a word no rule below reads, or inside an aside between dashes ("- who has chafed -")
        if w in _DASHES and not phrase:
            closing = next((i for i in range(k + 1, len(ws)) if ws[i][0] == w), -1)
            if closing > 0 or _another_that(ws, k + 1):
                continue
        if (w in _HARD_STOPS or ((phrase or subordinate) and w in CLAUSE_STOP)) and not quoted(ws[k][1]):
            return ws[k][1]
        if phrase and (low in _ADJUNCTS or (low in LEADS and k + 1 < len(ws) and ws[k + 1][0] in ("a", "an"))):
            return ws[k][1]  # "endorsed Cruz after the debate", "defended Cruz in an interview"
        if phrase and low in ("and", "but") and k + 1 < len(ws) and verb_like(ws[k + 1][0]):
            return ws[k][1]  # "picked Clinton and worked to clear the field"
        if ws[k - 1][0] == "," and low in ("while", "whereas"):
            return ws[k - 1][1]  # ", whereas Petraeus acknowledged …": a contrast of someone else's
        if k + 1 < len(ws) and low in ("and", "but") and ws[k - 1][0] == ",":
            nxt = ws[k + 1][0]
            if (nxt[0].isupper() or nxt.lower() in _NEW_SUBJECTS) and not _another_that(ws, k):
                return ws[k - 1][1]  # ", and the ACLU has sued …": another clause
        if k + 1 < len(ws) and w in (",", "and", "but"):
            nxt = ws[k + 1][0].rstrip(".")
            if nxt.endswith("ing") and nxt in VERBS and w == ",":
                return ws[k][1]
            if w != "," and nxt in CLAUSE_VERBS and verb_at(ws, k + 1, VERBS):
                return ws[k][1]
    return e


def _agent(ws: list[Word], j: int) -> bool:
    """Do the words from ``ws[j]`` name the agent of a passive, "by the council", not a means,
    "by suggesting"?"""
    return ws[j][0] == "by" and j + 1 < len(ws) and not ws[j + 1][0].endswith("ing")


def _another_that(ws: list[Word], k: int) -> bool:
    """Do the words from ``ws[k]`` add another clause to the same speech: "and that wages are not",
    not "and that is why"?"""
    if k + 3 >= len(ws) or ws[k][0] not in ("and", "but") or ws[k + 1][0] != "that":
        return False
    nxt = ws[k + 2][0].lower()
    return nxt not in AUXILIARIES and nxt not in VERBS and nxt not in CLAUSE_STOP


def _naming(ws: list[Word], v: int) -> bool:
    """Does the verb ``ws[v]`` only give a name, after a common noun and before the name alone
    ("a beer called Orchard Gold.", "a farmer named Reyes, who …"), not an object and its
    description ("the mayor called Cruz a liar")?"""
    k = v + 1
    while k < len(ws) and ws[k][0][0].isupper():
        k += 1
    if k == v + 1 or not _common_noun(ws[v - 1][0]):
        return False
    return k == len(ws) or ws[k][0].lower() in SUBJECT_STOP or ws[k][0] in ("whether", "whose")


def _common_noun(w: str) -> bool:
    """Can ``w`` be a common noun that a participle modifies ("a group [called …]"), not the
    subject of a verb ("he", "who", "has", "Trump", "repeatedly")?"""
    low = w.lower()
    return (
        w.isalpha()
        and w.islower()
        and low not in PRONOUNS
        and low not in AUXILIARIES
        and low not in FUNCTION_WORDS
        and low not in _RELATIVES
        and not low.endswith("ly")
    )


def clause_start(ws: list[Word], v: int, at: int) -> int:
    """Where content that starts at ``at`` really starts: with the relative pronoun when the cue
    stands in a relative clause ("which the OECD says had …")."""
    for k in range(v - 1, max(-1, v - 9), -1):
        low = ws[k][0].lower()
        if low in _RELATIVES:  # with its own subject: "which the OECD says", not "who has said"
            own = any(x.lower() not in AUXILIARIES and not x.endswith("ly") for x, _, _ in ws[k + 1 : v])
            return ws[k][1] if own else at
        if ws[k][0] in CLAUSE_STOP or low in VERBS or (low in SUBJECT_STOP and low not in ("the", "a")):
            break
    return at


def adverbial(ws: list[Word], k: int) -> bool:
    """Do the words from ``ws[k]`` to the next clause stop only say when, where or to whom
    ("Thursday", "in a statement", "on MSNBC's Morning Joe", "reporters")?"""
    n = 0
    lead = k < len(ws) and ws[k][0].lower() in LEADS
    while k < len(ws) and ws[k][0] not in CLAUSE_STOP:
        w = ws[k][0].rstrip(".") or "."
        low = w.lower()
        plain = lead or low in TIME_WORDS or low in LEADS or low in DETERMINERS or low in OBJECT_PRONOUNS
        if not (plain or w[0].isupper() or low.endswith("ly")):
            return False
        n += 1
        if n > 7:
            return False
        k += 1
    return True


def group(ws: list[Word], v: int) -> str | None:
    """A capitalised subject right before the verb ``ws[v]`` that names no person but a party,
    a people, a place or an organisation: "Republicans have refused", "Israel refuses"."""
    k = _before_auxiliaries(ws, v)
    j = k
    while j > 0 and k - j < 4 and ws[j - 1][0][0].isupper() and ws[j - 1][0].lower() not in PRONOUNS:
        j -= 1
    if j == k or (j > 0 and ws[j - 1][0].lower() not in _GROUP_BEFORE):
        return None
    names = [w for w, _, _ in ws[j:k]]
    while names and names[0].lower() in FUNCTION_WORDS:
        names.pop(0)  # "Several Democrats", "Even Latino Republicans"
    if not names or names[-1].lower() in FUNCTION_WORDS or names[-1].endswith(("'s", "\u2019s")):
        return None
    return " ".join(names)


def verb_like(w: str) -> bool:
    """Does ``w`` look like a verb that starts another predicate ("worked", "accusing", "said",
    "is")?"""
    return w.islower() and (w.endswith(("ed", "ing")) or w in VERBS or w in PAST or w in AUXILIARIES)


def in_name(w: str) -> bool:
    """Can ``w`` stand in a name or a short description ("Sen. Smith", "the airline's spokesman")?"""
    low = w.lower()
    return w[0].isupper() or low in DETERMINERS or low in ROLE_WORDS or low.endswith(("'s", "\u2019s"))


def quote_opens(text: str, pos: int) -> bool:
    """Does a speech quotation open right after ``pos`` (spaces aside)?"""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos < len(text) and text[pos] in OPENERS


def named_subject(ws: list[Word], v: int) -> bool:
    """Does a capitalised word that is no person stand right before the verb ``ws[v]``, as its
    subject ("that Ukraine renounce …")? Then the sentence's first person did not say it."""
    k = _before_auxiliaries(ws, v)
    return k > 1 and ws[k - 1][0][:1].isupper() and ws[k - 2][0].lower() in ("that", "which", "as", "and", "but")


def name_link(ws: list[Word], k: int) -> bool:
    """Does ``ws[k]`` link the words of a name: "University of Michigan"?"""
    return ws[k][0] == "of" and 0 < k < len(ws) - 1 and ws[k - 1][0][0].isupper() and ws[k + 1][0][0].isupper()


def _before_auxiliaries(ws: list[Word], v: int) -> int:
    """The index after the subject of the verb ``ws[v]``: auxiliaries, adverbs and "not" skipped."""
    k = v
    while k > 0 and (ws[k - 1][0].lower() in AUXILIARIES or ws[k - 1][0].endswith("ly") or ws[k - 1][0] == "not"):
        k -= 1
    return k
