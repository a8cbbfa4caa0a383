"""Voice rules: whether a match is the outlet's own words or someone else's, reported.

Checked in this order by :class:`biaskit.context.Context` (the first rule that applies names
itself):

- ``according-to``: "according to X, ..." before the match in its sentence;
- ``what-x-calls``: "what Moscow calls a ..." right before the match;
- ``denied``: a verb of denial before the match ("denied that the regime ..."): reported
  and negated;
- ``speaker-label``: a naming verb a few words before ("critics call him a ...",
  "described him as a ...");
- ``reported-speech``: a reporting verb with a subject before the match in its clause
  ("Moscow says its ...", "officials said the ...");
- ``attribution-after``: the sentence ends with ", X said" or ", according to X".

Before all of these, ``mention``: a word talked about as a word ("the word dictator", "the
term special military operation", "dictator is a loaded word"; the nouns are
``mention_nouns`` in ``language.yaml``) is mentioned, not used.

A reporting verb makes what follows reported speech only with a content clause after it
(``told reporters the dictator would fall``, ``said that ...``); with a plain object (``She
denounced the brutal crackdown``) the words are the outlet's. A verb form read as a noun
(``the claims``, ``officials' claims``) reports nothing. Describing verbs give a label only
with "as" (``described him as a dictator``, not ``described the brutal scene``). A reporting
verb in an aside (``He is not, as critics say, a tyrant``) governs only the aside.

A reporting verb is always the outlet's own choice, and so is anything before the verb
("The dictator said the vote was fair": "dictator" is the outlet's word). "I think" and
"we believe" are the writer's own voice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from biaskit.morph import finite_verb
from biaskit.senses import PREV_WORD_RE
from biaskit.tokens import WORD_RE

if TYPE_CHECKING:
    from biaskit.language import Language

__all__ = [
    "CLAUSE_MARKS",
    "LABEL_WINDOW",
    "Cue",
    "Token",
    "any_mark_in",
    "attributed_after",
    "attributed_aside",
    "find_cues",
    "is_mentioned",
    "mention_noun_in",
    "phrase_rules",
    "phrases_by_first_word",
    "reporting_rule_in_cues",
    "reporting_rule_in_words",
]

#: (start, end, word) of a word or cue in the text.
Token = tuple[int, int, str]
Cue = tuple[int, int, str]
#: How many words a naming verb may stand before the label it gives ("called him a ...").
LABEL_WINDOW = 5
#: Marks that end a clause for voice and negation.
CLAUSE_MARKS = ",;:()—–"
_HARD_MARKS = ";—–"
#: How far after a reporting verb its content clause or "as" is looked for (characters).
_CLAUSE_REACH = 200
_HARD_BREAK_RE = re.compile(r"[;—–]|\s-\s")
_FIRST_PERSON = frozenset({"i", "we", "я", "мы", "ми"})  # the lemmas of ru and uk "I", "we"
# Determiners that stand alone as the subject of a verb ("some say", "many believe").
_PRONOUN_SUBJECTS = frozenset({"some", "many", "few", "most", "several", "others"})
_NOT_A_LABEL_NEXT = frozenset({"for", "on", "off", "up", "out", "in", "back"})


_PREPOSITIONS = frozenset(
    {"in", "on", "at", "for", "with", "by", "from", "of", "to", "into", "under", "over",
     "after", "before", "during", "since", "like", "needless", "so"}
)
_ASIDE_LEADS_NOT = frozenset(
    {"as", "and", "but", "or", "which", "who", "whom", "while", "that", "if", "when"}
)


@cache
def phrase_rules(
    language: str, speech: frozenset[str], naming: frozenset[str] = frozenset()
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """English-style phrase rules: what X calls, an attribution clause ending the sentence,
    and an attribution aside right after the words (", officials said,", ", as Moscow calls
    it,", ", in the analyst's view,")."""
    verbs = "|".join(sorted(map(re.escape, speech), key=len, reverse=True))
    all_verbs = "|".join(sorted(map(re.escape, speech | naming), key=len, reverse=True))
    what_calls = re.compile(
        r"\bwhat\s+(?:[\w.'’-]+\s+){1,4}(?:calls?|called|terms|termed|dubs|dubbed|describes as|"
        r"described as|refers to as)\s+(?:(?:a|an|the|its|their|his|her)\s+)?$",
        re.IGNORECASE,
    )
    # group 1: the rest of the match's clause; group 2: the speaker before the verb ("" in
    # ", said the minister": then the clause before the comma needs a verb of its own, or
    # the match is the verb's subject: "The dictator, a former general, said ...")
    after = re.compile(
        r"([^;:]*?),\s*(?!(?:and|but|or|which|who|whom|while|that|as|if|when)\b)"
        rf"(?:((?:[\w.'’-]+\s+){{0,6}}?)(?:{verbs})\b|according\s+to\b)[^,;:]{{0,80}}$",
        re.IGNORECASE,
    )
    naming_verbs = "|".join(sorted(map(re.escape, naming), key=len, reverse=True)) or "(?!)"
    # the speaker: one to five words, not starting with a preposition ("in his home
    # state", "in the short term") and not ending with a determiner or "to" ("needless to
    # say"); "in my view" is the writer's own
    not_speakers = "|".join(sorted(_PREPOSITIONS)) + r"|that\s+is"
    leads_not = "|".join(sorted(_ASIDE_LEADS_NOT))
    speaker = (
        rf"(?!(?:{not_speakers})\b)(?:[\w.'’-]+\s+){{0,4}}?"
        r"(?<!\bto\s)(?<!\bthe\s)(?<!\bhis\s)(?<!\bher\s)(?<!\bits\s)(?<!\ba\s)"
        r"[\w.'’-]+\s+"
    )
    aside = re.compile(
        r"(?:\s+[\w'’-]+){0,4}?\s*,\s*"
        rf"(?:(?!(?:{leads_not})\b)"
        rf"{speaker}(?:{all_verbs})(?:\s+(?:it|them|him|her|this))?"
        rf"|as\s+{speaker}(?:{naming_verbs})\s+(?:it|them|him|her|this)"
        r"|in\s+(?!(?:my|our)\b)(?:[\w.'’-]+\s+){1,3}?(?:view|words|opinion|telling)"
        r"|according\s+to\s+(?:[\w.'’-]+\s+){0,3}?[\w.'’-]+)\s*,",
        re.IGNORECASE,
    )
    return what_calls, after, aside


@cache
def _cue_automaton(lang: Language) -> Any:
    """An Aho-Corasick automaton of every word that can decide voice or negation."""
    import ahocorasick

    first_words = {p[0] for p in lang.attribution_phrases} | {"what", "far"}
    words = (
        lang.speech_verbs
        | lang.naming_verbs
        | lang.denial_verbs
        | lang.negators
        | lang.clause_breaks
        | first_words
        | {"n't"}
    )
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, (len(w), w))
    automaton.make_automaton()
    return automaton


def find_cues(low: str, lang: Language, a: int, b: int) -> list[Cue]:
    """Cue words (whole words; "n't" at a word's end) in ``low[a:b]``, sorted."""
    n = len(low)
    found = []
    # pyahocorasick reads its whole argument on every call: pass the sentence only
    for end_idx, (length, word) in _cue_automaton(lang).iter(low[a:b]):
        end = a + end_idx + 1
        start = end - length
        if end < n and (low[end].isalnum() or low[end] in "'-"):
            continue
        if word != "n't" and start > 0 and (low[start - 1].isalnum() or low[start - 1] in "'-"):
            continue
        found.append((start, end, word))
    found.sort()
    return found


@cache
def phrases_by_first_word(lang: Language) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The language's attributing phrases, keyed by their first word."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in lang.attribution_phrases:
        out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


def any_mark_in(text: str, marks: str, a: int, b: int) -> bool:
    """Whether any of ``marks`` (or a spaced hyphen) occurs in ``text[a:b]``."""
    return any(text.find(c, a, b) >= 0 for c in marks) or text.find(" - ", a, b) >= 0


_MENTION: dict[int, tuple[Language, re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def _mention_rules(lang: Language) -> tuple[re.Pattern[str], ...] | None:
    """(nouns, before, after) patterns of a word mentioned as a word, from
    ``mention_nouns``; kept by the pack's identity (hashing a pack is slow)."""
    if not lang.mention_nouns:
        return None
    got = _MENTION.get(id(lang))
    if got is None or got[0] is not lang:
        nouns = "|".join(sorted(map(re.escape, lang.mention_nouns), key=len, reverse=True))
        before = re.compile(
            rf"\b(?:the|a|an|this|that|its|his|her|their|our|my)\s+(?:[\w'’-]+\s+){{0,2}}?"
            rf"(?:{nouns})\s*(?:,\s*)?[\"“”'‘’«]?\s*$"
        )
        after = re.compile(
            rf"\s*[\"”’»]?\s*(?:is|was|are|were|remains|became|has become|sounds)\s+"
            rf"(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{nouns})\b"
        )
        got = _MENTION[id(lang)] = (lang, re.compile(rf"\b(?:{nouns})\b"), before, after)
    return got[1:]


def mention_noun_in(low: str, lang: Language, a: int, b: int) -> bool:
    """Whether ``low[a:b]`` holds one of the pack's mention nouns (a cheap first test)."""
    rules = _mention_rules(lang)
    return rules is not None and rules[0].search(low, a, b) is not None


def is_mentioned(low: str, lang: Language, a: int, b: int, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` are talked about as words ("the word dictator",
    "dictator is a loaded word"): a mention, not a use."""
    rules = _mention_rules(lang)
    if rules is None:
        return False
    _nouns, before, after = rules
    return bool(before.search(low, max(a, start - 60), start) or after.match(low, end, b))


def _in_aside(low: str, a: int, s: int, e: int, start: int) -> bool:
    """The verb at ``s:e`` stands in an aside ", as critics say," that closes before ``start``."""
    lo = max(a, s - 60)  # an aside is short: "as critics say"
    comma = low.rfind(",", lo, s)
    if comma < 0:
        return False
    lead = WORD_RE.match(low, comma + 2) or WORD_RE.match(low, comma + 1)
    return lead is not None and lead.group() == "as" and low.find(",", e, start) >= 0


_GERUND_AFTER_RE = re.compile(
    r"\s*,\s*(?!(?:during|nothing|something|anything|everything|according)\b)([a-z]+ing)\b"
)
_QUOTE_CLOSERS = frozenset("\"”’'»")

def _reports(gerund: str, lang: Language) -> bool:
    """Whether an -ing form is a reporting verb's ("adding that", "saying", "calling")."""
    stem = gerund[:-3]
    verbs = lang.speech_verbs | lang.naming_verbs
    return gerund in verbs or stem in verbs or stem + "e" in verbs or (
        len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in verbs  # "omitting"
    )


def _attribution_aside(low: str, a: int, s: int, e: int, start: int) -> bool:
    """The verb at ``s:e`` ends an attribution aside between commas before ``start``
    (", officials said,"): its speaker, in at most five words after the first comma."""
    comma = low.rfind(",", max(a, s - 60), s)
    if comma < 0 or low[comma + 1 : comma + 2] in _QUOTE_CLOSERS:
        return False  # ',” he said,': the attribution of a quotation, not an aside
    lead = WORD_RE.findall(low, comma + 1, s)
    if (
        not lead
        or len(lead) > 5
        or lead[0] in _ASIDE_LEADS_NOT
        or lead[0] in _PREPOSITIONS
        or lead[-1] in _PREPOSITIONS  # "needless to say"
    ):
        return False
    close = low.find(",", e, start)
    if close < 0 or len(WORD_RE.findall(low, e, close)) > 1:
        return False
    nxt = WORD_RE.match(low, close + 2) or WORD_RE.match(low, close + 1)
    # ", he said, citing ..." or ", he said, as ...": the writer goes on, not the aside
    return nxt is not None and nxt.group() not in _ASIDE_LEADS_NOT and not nxt.group().endswith(
        "ing"
    )


def reporting_rule_in_cues(
    text: str, low: str, lang: Language, cues: list[Cue], a: int, b: int, start: int,
    finite_after: Callable[[int, int], bool],
) -> str:
    """The rule of the last reporting, naming or denial verb governing ``start`` (surface
    packs, from the sentence's cue words), or "". ``finite_after(e, b)`` says whether a
    finite verb follows position ``e`` in the sentence (the tagger's answer)."""
    for s, e, w in reversed(cues):
        if s > a and text[s].isupper():
            continue  # part of a name: "the United States announced"
        if w in lang.clause_breaks or any_mark_in(low, _HARD_MARKS, e, start):
            return ""
        is_speech = w in lang.speech_verbs
        is_label = w in lang.naming_verbs
        is_denial = w in lang.denial_verbs
        if not (is_speech or is_label or is_denial):
            continue
        m = PREV_WORD_RE.search(low, max(a, s - 40), s)
        if m is None or m.start(1) < a:
            continue  # the first word of its sentence: no subject
        prev = m.group(1)
        if prev == "to" and low[max(a, s - 12) : s].rstrip().endswith(("needless to", "so to")):
            continue  # "needless to say", "so to speak"
        if (prev in lang.determiners and not (prev in _PRONOUN_SUBJECTS and w[-1:] != "s")) or (
            prev.endswith(("'s", "s'"))
        ):
            continue  # a noun: "his claims", "the call", "officials' claims" (not "some say")
        if prev in _FIRST_PERSON:
            return ""  # "I think": the writer's own view
        if _in_aside(low, a, s, e, start):
            continue  # "He is not, as critics say, a tyrant"
        gerund = _GERUND_AFTER_RE.match(low, e)
        if gerund and not _reports(gerund.group(1), lang):
            continue  # '"...," he said, citing the crowd': the writer describes the speaker
        if is_speech and _attribution_aside(low, a, s, e, start):
            return "attribution-after"  # "He is, officials said, a dictator"
        if is_denial:
            return "denied"
        if is_label:
            after_verb = WORD_RE.findall(low, e, start)
            needs_as = w in lang.naming_verbs_with_as
            if (
                len(after_verb) <= LABEL_WINDOW
                and (not after_verb or after_verb[0] not in _NOT_A_LABEL_NEXT)
                # with "as", the label is what follows it: in "condemned the crackdown as
                # brutal" the object "crackdown" is the outlet's word
                and (not needs_as or _label_as(after_verb))
            ):
                return "speaker-label"
            if not is_speech:
                continue
        if (
            w in lang.reporting_with_object
            or w in lang.clause_verbs
            or _content_clause(low, lang, e, b)
            or finite_after(e, b)
        ):
            return "reported-speech"
        # a plain object ("She denounced the brutal crackdown"): an earlier verb may still
        # govern ("Officials said the police denounced ...")
    return ""


def _label_as(words: list[str]) -> bool:
    """An "as" that gives a label ("slammed the bill as a disaster"), not "such as" or
    "as well as"."""
    return any(
        w == "as" and (i == 0 or words[i - 1] not in ("such", "well"))
        and (i + 1 >= len(words) or words[i + 1] != "well")
        for i, w in enumerate(words)
    )


def _clause_end(low: str, e: int, b: int) -> int:
    """The end of the clause after ``e``: a semicolon or dash, else the sentence's end."""
    return min((i for i in (low.find(c, e, b) for c in _HARD_MARKS) if i >= 0), default=b)


def _content_clause(low: str, lang: Language, e: int, b: int) -> bool:
    """A word after position ``e`` (to the clause's end) that starts a content clause or is
    a finite auxiliary ("that", "would", "was"): cheap, before asking the tagger."""
    b = min(b, e + _CLAUSE_REACH)  # a long run-on text: look a few words ahead only
    words = WORD_RE.findall(low, e, _clause_end(low, e, b))
    return any(w in lang.content_clause_starts for w in words)


def reporting_rule_in_words(text: str, lang: Language, toks: list[Token], start: int) -> str:
    """The rule of the last reporting, naming or denial verb governing ``start`` (lemma
    packs, from the sentence's words before it), or ""."""
    breaks = list(_HARD_BREAK_RE.finditer(text, toks[0][0] if toks else start, start))
    if breaks:  # a semicolon or dash ends the clause a verb before it governs
        cut = breaks[-1].end()
        toks = [t for t in toks if t[0] >= cut]
    for i in range(len(toks) - 1, 0, -1):
        _s, _e, w = toks[i]
        is_speech = w in lang.speech_verbs
        is_label = w in lang.naming_verbs
        is_denial = w in lang.denial_verbs
        if not (is_speech or is_label or is_denial):
            if w in lang.clause_breaks:
                return ""
            continue
        prev = toks[i - 1][2]
        if prev in lang.determiners:
            continue  # a noun: "his claims", "the call"
        if prev in _FIRST_PERSON:
            return ""  # "I think": the writer's own view
        if is_denial:
            return "denied"
        if is_label and not is_speech:
            nxt = toks[i + 1][2] if i + 1 < len(toks) else None
            if len(toks) - 1 - i <= LABEL_WINDOW and nxt not in _NOT_A_LABEL_NEXT:
                return "speaker-label"
            continue
        if is_label and len(toks) - 1 - i <= LABEL_WINDOW:
            nxt = toks[i + 1][2] if i + 1 < len(toks) else None
            if nxt not in _NOT_A_LABEL_NEXT:
                return "speaker-label"
        return "reported-speech"
    return ""


def attributed_after(text: str, lang: Language, toks: list[Token], end: int, b: int) -> bool:
    """The sentence ends with ", <up to six words> <reporting verb> ..." after ``end``
    ("..., заявили в МИД"), or with an attributing phrase after a comma (lemma packs)."""
    comma = text.rfind(",", end, b)
    if comma < 0 or any(c in text[comma:b] for c in ";:"):
        return False
    after = [(s, e, w) for s, e, w in toks if s > comma]
    if len(after) > 10:
        return False
    finite = finite_verb(lang.code)
    for s, e, w in after[:3]:  # ", заявили в МИД", ", сообщил губернатор"
        if w in lang.speech_verbs and finite(text[s:e].lower()):
            return True
    words = [w for _, _, w in after]
    return any(tuple(words[: len(p)]) == p for p in lang.attribution_phrases)


_AS_WORDS = frozenset({"как", "як"})


def attributed_aside(text: str, lang: Language, toks: list[Token], end: int, b: int) -> bool:
    """An attribution between two commas right after the words ("Оккупанты, как сообщили в
    ВСУ, отступили", "Окупанти, за словами ЗСУ, втратили ..."): the clause is reported
    (lemma packs)."""
    first = text.find(",", end, b)
    if first < 0 or first - end > 40:
        return False
    second = text.find(",", first + 1, b)
    if second < 0:
        return False
    inside = [(s, e, w) for s, e, w in toks if first < s < second]
    if not inside or len(inside) > 6:
        return False
    words = [w for _, _, w in inside]
    if any(tuple(words[: len(p)]) == p for p in lang.attribution_phrases):
        return True
    finite = finite_verb(lang.code)
    lead = 1 if words[0] in _AS_WORDS else 0
    return any(
        w in lang.speech_verbs and finite(text[s:e].lower())
        for s, e, w in inside[lead : lead + 3]
    )
