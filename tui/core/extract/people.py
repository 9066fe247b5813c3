"""Named people: mentions with titles and roles, and their aliases within an article (across
articles: :mod:`.linking`).

Heuristics, no model: capitalised token sequences are split into a role prefix
("U.S. Deputy Secretary of State") and a name ("Christopher Landau"); a name is accepted
on a title cue, a known given name, or a shape typical of names, and single words are
accepted when they are the short form of a full name in the same text or stand next to
a speech verb. Organisation, place and calendar words veto a candidate.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from .capitals import TOKEN_RE, UPPER, sequences
from .model import PersonMention
from .names import (
    FEMALE_NAMES,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    HONORIFICS,
    MALE_NAMES,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORG_WORDS,
    PLACE_WORDS,
    ROLE_WORDS,
    SALUTATIONS,
    SPEECH_VERBS,
    is_abbreviation,
)

_WORD_RE = re.compile(r"[a-z](?<!\w.)[a-z'-]*\b")  # \b[a-z]…, the class first: the engine skips to it
_CREDIT_RE = re.compile(
    r"\((?:[A-Z]+ )?(?:Photo|Photograph|Picture|Image|Foto|Credit|Video)s?(?: by)?\s*[:/]\s*"
    r"(?P<name>[^/()\n]{3,60}?)\s*(?:/[^()\n]*)?\)"
)
_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
_SPEECH_AFTER_RE = re.compile(r" (?:\w+ly )?(?P<verb>[a-z]+)")
_TEAM = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}"
_RESULT_LINE_RE = re.compile(rf"^[ \t]*{_TEAM} \d{{1,3}} {_TEAM} \d{{1,3}}\b", re.M)
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")
_ARTICLE_BEFORE_RE = re.compile(r"\b[Tt]he\s+$")
_SENT_END = '.!?:"\u201d\n'
_LOWER_SUFFIX_RE = re.compile(r"\w-[a-z]")
_DEMONYM_RE = re.compile(
    r"(?:an|ese|ish|i|ic|er|ed|-\w+)$|^(?:swede|croat|serb|dane|pole|briton|scot|turk|czech|slovak|thai)$"
)
_STRONG_DEMONYM_RE = re.compile(r"(?:ian|ean|ese|ish)$")
_ROLE_LEAD = frozenset({"former", "then", "presidential", "vice", "deputy", "acting", "interim", "senior"})


@dataclass(slots=True)
class _Candidate:
    """A name found in one capitalised sequence, before alias resolution."""

    start: int
    end: int
    tokens: list[str]
    roles: tuple[str, ...]
    cue: bool  # a title or role precedes the name
    credit: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def _key(tok: str) -> str:
    return tok.lower().rstrip(".")


def _strip_possessive(text: str, start: int, end: int) -> int:
    if not text.endswith(_POSSESSIVE, start, end):
        return end
    for suf in _POSSESSIVE:
        if text.endswith(suf, start, end) and end - len(suf) > start:
            return end - len(suf)
    return end


def _sentence_initial(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\u00a0\"\u201c'(\u2018":
        j -= 1
    return j < 0 or text[j] in _SENT_END


def _candidates(text: str, lower_vocab: set[str]) -> list[_Candidate]:
    """Name candidates from every capitalised sequence, role prefix split off.

    A sequence seen before in the same text (same words, and for more than one word the
    same sentence position) reuses the earlier analysis.
    """
    out: list[_Candidate] = []
    seen: dict[tuple[str, bool], tuple[int, list[_Candidate]]] = {}  # where first seen, what was found
    for m in sequences(text):
        word = m[0]
        start = m.start()
        single = " " not in word and "\u00a0" not in word  # one word: most are plain capitalised words
        if single:
            k = _key(word)
            if k in FUNCTION_WORDS or k in ORG_WORDS or len(word) < 2:
                continue
            key = (word, False)  # one token, whose analysis does not depend on where the sentence starts
        else:
            key = (word, _sentence_initial(text, start))
        cached = seen.get(key)
        if cached is None:
            found: list[_Candidate] = []
            if single:
                _analyse_word(text, start, m.end(), found)
            else:
                _analyse_sequence(text, start, m.end(), lower_vocab, found)
            seen[key] = (start, found)
            out.extend(found)
        else:
            d = start - cached[0]
            out.extend(_Candidate(c.start + d, c.end + d, c.tokens, c.roles, c.cue) for c in cached[1])
    return out


def _analyse_sequence(text: str, start: int, end: int, lower_vocab: set[str], out: list[_Candidate]) -> None:
    """Split a sequence after possessives and full stops, then analyse each part."""
    # a possessive ends a name: "Obama's Secretary of State John Kerry" is two sequences
    groups: list[list[tuple[int, int]]] = [[]]
    for m in TOKEN_RE.finditer(text, start, end):
        s, e = m.span()
        e2 = _token_end(text, s, e)
        groups[-1].append((s, e2))
        if e2 != e and text[s].isupper():
            groups.append([])
    for group in groups:
        if group:
            _analyse(text, group, lower_vocab, out)


def _analyse_word(text: str, start: int, end: int, out: list[_Candidate]) -> None:
    """:func:`_analyse_sequence` for a sequence of one token: a name word is a candidate."""
    end = _token_end(text, start, end)
    word = text[start:end]
    if _name_word(_key(word), word):
        out.append(_Candidate(start, end, [word], (), False))


def _token_end(text: str, s: int, e: int) -> int:
    """Where the name part of the token ``text[s:e]`` ends: before a possessive, and before a
    full stop that is not an abbreviation's (the sentence, and the name, ends there)."""
    last = text[e - 1]
    if last == "." and not is_abbreviation(text[s : e - 1]):
        return e - 1
    return _strip_possessive(text, s, e) if last in "s'\u2019" else e


def _name_word(k: str, w: str) -> bool:
    """Can this word be part of a person's name?"""
    if k in FUNCTION_WORDS or k in ORG_WORDS or k in ("of", "the"):
        return False
    if (len(w) == 1 and w.isalpha()) or (len(w) > 1 and w.isupper() and "." not in w):
        return False  # an initial, or an acronym without dots: "J", "NATO"
    if "-" in k and (any(part in PLACE_WORDS for part in k.split("-")) or _LOWER_SUFFIX_RE.search(w)):
        return False  # "Dallas-Fort", "Australia-West", "Trump-style", "Clinton-era"
    return w[0].isupper() or k in NAME_PARTICLES


def _analyse(text: str, toks: list[tuple[int, int]], lower_vocab: set[str], out: list[_Candidate]) -> None:
    """Split one sequence into role prefix and name, append the name candidate if any.

    The name is the last run of name words; what precedes it is a role when it ends in a
    title or role word ("Outagmie County Circuit Court Judge", "Secretary of State").
    """
    if len(toks) == 1:  # what the rules below come to for one word: any name word will do
        s, e = toks[0]
        word = text[s:e]
        if _name_word(_key(word), word):
            out.append(_Candidate(s, e, [word], (), False))
        return
    words = [text[s:e] for s, e in toks]
    keys = list(map(_key, words))
    n = len(words)
    lo = 0
    while lo < n - 1 and keys[lo] in SALUTATIONS:  # a letter's "Dear President Biden"
        lo += 1
    if _sentence_initial(text, toks[0][0]):
        # a capitalised first word that is a plain English word ("Following", "Asked")
        while (
            lo < n - 1
            and len(keys[lo]) > 2
            and keys[lo] not in GIVEN_NAMES
            and keys[lo] not in HONORIFICS
            and (keys[lo] in lower_vocab or keys[lo].endswith(("ing", "ly")))
            and keys[lo] not in NAME_PARTICLES
        ):
            lo += 1
    # the last run of name words that ends the sequence or is followed by "of"; a run of
    # place words after "of" is skipped ("Sen. Ben Cardin of Maryland")
    j = n
    while True:
        org = False  # an organisation word since the last "of": "Clinton Foundation"
        while j > lo and not _name_word(keys[j - 1], words[j - 1]):
            org = (org or keys[j - 1] in ORG_WORDS) and keys[j - 1] != "of"
            j -= 1
        if org:  # skip the organisation's own words back to an "of", else give up
            while j > lo and keys[j - 1] != "of":
                j -= 1
            if j == lo:
                return
            continue
        i = j - 1 if j > lo else j  # the loop above stopped at a name word
        while i > lo and _name_word(keys[i - 1], words[i - 1]):
            i -= 1
        p = i
        while p > lo and keys[p - 1] != "of" and keys[p - 1] in FUNCTION_WORDS:
            p -= 1  # "of New Mexico", "of the Netherlands"
        if (
            p > lo
            and keys[p - 1] == "of"
            and (j - i == 1 or all(k in PLACE_WORDS or k not in GIVEN_NAMES for k in keys[i:j]))
        ):
            j = p
            continue
        break
    if i == j:
        return
    # titles and role words at the start of the run belong to the prefix ("President Obama")
    while (
        i < j - 1
        and (keys[i] in HONORIFICS or keys[i] in ROLE_WORDS or keys[i] in PLACE_WORDS)
        and not (keys[i] in GIVEN_NAMES and keys[i + 1] not in ROLE_WORDS and keys[i + 1] not in HONORIFICS)
    ):
        i += 1
    for r in range(j - 2, i - 1, -1):  # a title inside the run: "Zulu Chief Mangosuthu Buthelezi"
        if (keys[r] in HONORIFICS or keys[r] in ROLE_WORDS) and keys[r] not in GIVEN_NAMES:
            i = r + 1
            break
    cue = i > lo and (keys[i - 1] in HONORIFICS or keys[i - 1] in ROLE_WORDS)
    if cue:
        roles: tuple[str, ...] = (text[toks[lo][0] : toks[i - 1][1]],)
    else:
        roles = ()
        # a nationality or other word before a known first name: "Moroccan Mohamed Benchaou"
        while (
            i < j - 2
            and keys[i] not in GIVEN_NAMES
            and (
                keys[i + 1] in GIVEN_NAMES
                or _STRONG_DEMONYM_RE.search(keys[i])
                or (_sentence_initial(text, toks[i][0]) and _DEMONYM_RE.search(keys[i]))
            )
        ):
            i += 1
    name = words[i:j]
    nkeys = keys[i:j]
    if not cue and not _looks_like_name(nkeys, name, lower_vocab):
        return
    if all(k in PLACE_WORDS or k in ROLE_WORDS for k in nkeys) and (cue or len(nkeys) > 1):
        return
    out.append(_Candidate(toks[i][0], toks[j - 1][1], name, roles, cue))


def _looks_like_name(keys: list[str], words: list[str], lower_vocab: set[str]) -> bool:
    """Without a title cue: is this word sequence shaped like a person's name?"""
    if len(keys) == 1:
        return True  # decided later: alias of a full name or next to a speech verb
    if keys[0] in GIVEN_NAMES:
        return not all(k in PLACE_WORDS for k in keys[1:]) or len(keys) == 2
    if keys[0] in PLACE_WORDS or keys[0] in ROLE_WORDS or keys[-1] in ROLE_WORDS:
        return False
    if keys[0] in lower_vocab or all(k in lower_vocab for k in keys):
        return False  # common words ("Morning Joe"); a surname may be one ("Nate Silver")
    for k, w in zip(keys, words, strict=False):
        if k in PLACE_WORDS or (w.isupper() and len(w) > 1 and "." not in w):
            return False
    return True


def _lead_roles(text: str, start: int) -> tuple[str, ...]:
    """Lower-case role words right before a name: "spokeswoman Haley Morris"."""
    j = start
    words: list[str] = []
    while len(words) < 5:
        k = j - 1
        while k >= 0 and text[k] == " ":
            k -= 1
        e = k + 1
        while k >= 0 and (text[k].isalpha() or text[k] in "-."):
            k -= 1
        w = text[k + 1 : e].lower()
        if not w or not (w in ROLE_WORDS or w in _ROLE_LEAD or w in PLACE_WORDS):
            break
        words.append(w)
        j = k + 1
    if not any(w in ROLE_WORDS for w in words):
        return ()
    return (text[j:start].strip(),)


def _credits(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _CREDIT_RE.finditer(text):
        s, e = m.span("name")
        toks = text[s:e].split()
        if 1 < len(toks) <= 4 and all(t[0].isupper() for t in toks):
            out.append(_Candidate(s, e, toks, (), False, credit=True))
    return out


def _speech_next_to(text: str, start: int, end: int) -> bool:
    """Is the word right after ``end`` (or before ``start``) a speech verb? A word after
    "the" is a title or an organisation ("The Guardian cited"), not a person."""
    if _ARTICLE_BEFORE_RE.search(text, max(0, start - 5), start):
        return False
    m = _SPEECH_AFTER_RE.match(text, end)
    if m and m.group("verb") in SPEECH_VERBS:
        return True
    before = text[max(0, start - 20) : start].rstrip(" ,").rsplit(" ", 2)
    return (
        len(before) > 0
        and before[-1].lower() in ("said", "says", "told", "wrote", "added", "to")
        and (before[-1] != "to" or (len(before) > 1 and before[-2].lower() == "according"))
    )


def gender_of(tokens: list[str] | tuple[str, ...], roles: tuple[str, ...] = ()) -> str | None:
    """'m', 'f' or None from a first name or an honorific."""
    for r in roles:
        g = HONORIFICS.get(_key(r.split()[-1]))
        if g:
            return g
    if tokens:
        k = _key(tokens[0])
        if k in MALE_NAMES and k not in FEMALE_NAMES:
            return "m"
        if k in FEMALE_NAMES and k not in MALE_NAMES:
            return "f"
    return None


def lower_words(text: str) -> set[str]:
    """The lower-case words of ``text``: which capitalised words are also plain words there."""
    return set(_WORD_RE.findall(text))


def find_people(text: str, lower_vocab: set[str] | None = None) -> list[PersonMention]:
    """Person mentions in ``text`` with canonical full names resolved within the text;
    ``lower_vocab`` is :func:`lower_words` of ``text`` when the caller has it already."""
    if lower_vocab is None:
        lower_vocab = lower_words(text)
    cands = _candidates(text, lower_vocab)
    if "\n" in text:
        results = _result_lines(text)
        if results:  # "Schalke 2 Hansa Rostock 0": teams, not people
            cands = [c for c in cands if not any(s <= c.start < e for s, e in results)]
    credits = _credits(text)
    if credits:
        spans = [(c.start, c.end) for c in credits]
        cands = [c for c in cands if not any(s <= c.start < e for s, e in spans)] + credits
        cands.sort(key=lambda c: c.start)
    full = [c for c in cands if len(c.tokens) > 1]
    by_last: dict[str, list[_Candidate]] = defaultdict(list)
    by_first: dict[str, list[_Candidate]] = defaultdict(list)
    for c in full:
        by_last[_key(c.tokens[-1]) if _key(c.tokens[-1]) not in NAME_SUFFIXES else _key(c.tokens[-2])].append(c)
        by_first[_key(c.tokens[0])].append(c)
    people: list[PersonMention] = []
    for c in cands:
        name = c.text
        if len(c.tokens) == 1:
            k = _key(c.tokens[0])
            owner = _nearest(by_last.get(k) or by_first.get(k) if k in GIVEN_NAMES else by_last.get(k), c.start)
            if owner is not None:
                name = owner.text
            elif (
                not (c.cue or (k not in lower_vocab and _speech_next_to(text, c.start, c.end)))
                or k in PLACE_WORDS
                or k in ROLE_WORDS
                or _INITIALS_RE.fullmatch(c.tokens[0])
            ):
                continue  # ... or initials alone: "D.C."
        roles = c.roles if c.cue or c.credit else _lead_roles(text, c.start)
        people.append(PersonMention(c.start, c.end, text[c.start : c.end], name, roles, c.credit))
    people.extend(_caps_aliases(text, by_last, people))
    people.sort(key=lambda p: p.start)
    return _canonical(people)


def _result_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines that give a match result ("Schalke 2 Hansa Rostock 0"). The regex is
    tried at each line start, the only places it can match, not at every character."""
    out = []
    pos = 0
    while True:
        m = _RESULT_LINE_RE.match(text, pos)
        if m is not None:
            out.append(m.span())
        nl = text.find("\n", pos)
        if nl < 0:
            return out
        pos = nl + 1


def _nearest(cands: list[_Candidate] | None, pos: int) -> _Candidate | None:
    """The full-name candidate a short form refers to: the last one before ``pos``, else the first."""
    if not cands:
        return None
    first = cands[0].tokens
    if all(c.tokens == first for c in cands):  # one name (tokens hold no spaces: same words, same text)
        return cands[0]
    before = [c for c in cands if c.start < pos]
    return before[-1] if before else cands[0]


_CAPS_RE = re.compile(rf"[{UPPER}](?<!\w.)[{UPPER}]{{2,}}\b")  # \b before the first, checked after it


def _caps_aliases(
    text: str, by_last: Mapping[str, list[_Candidate]], found: list[PersonMention]
) -> list[PersonMention]:
    """Surnames written in capitals (headlines) that match a full name in the text."""
    if not by_last:
        return []
    taken = {p.start for p in found}
    out = []
    for m in _CAPS_RE.finditer(text):
        owner = by_last.get(m.group().lower())
        if owner and m.start() not in taken:
            out.append(PersonMention(m.start(), m.end(), m.group(), owner[0].text))
    return out


def _canonical(people: list[PersonMention]) -> list[PersonMention]:
    """Give every mention the longest full name with its first and last word ("Hillary Rodham
    Clinton" for "Hillary Clinton")."""
    longest: dict[tuple[str, str], str] = {}
    for name in {p.name for p in people}:
        toks = name.split()
        if len(toks) >= 2:
            key = (toks[0], toks[-1])
            if len(name) > len(longest.get(key, "")):
                longest[key] = name
    out = []
    for p in people:
        toks = p.name.split()
        best = longest.get((toks[0], toks[-1]), p.name) if len(toks) >= 2 else p.name
        out.append(p if best == p.name else PersonMention(p.start, p.end, p.text, best, p.roles, p.credit))
    return out
