"""Context rules for one text: whose voice a match is in, whether it is negated, and whether
an entry's sense condition holds.

Voice (checked in this order; the first rule that applies names itself):

- ``according-to``: "according to X, ..." before the match in its sentence;
- ``what-x-calls``: "what Moscow calls a ..." right before the match;
- ``denied``: a verb of denial before the match ("denied that the regime ..."): reported
  and negated;
- ``speaker-label``: a naming verb a few words before ("critics call him a ...",
  "described him as a ...");
- ``reported-speech``: a reporting verb with a subject before the match in its clause
  ("Moscow says its ...", "officials said the ...");
- ``attribution-after``: the sentence ends with ", X said" or ", according to X".

A reporting verb is always the outlet's own choice, and so is anything before the verb
("The dictator said the vote was fair": "dictator" is the outlet's word). "I think" and
"we believe" are the writer's own voice.

Negation (``negated``): a negator ("not", "never", "no", "n't", "far from") among the five
words before the match in its clause, unless "not only" undoes it; or a verb of denial.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from biaskit.morph import finite_verb, lemmatizer, pos_tagger
from biaskit.tokens import WORD_RE, Bounds, normalize_for_matching, sentence_bounds

if TYPE_CHECKING:
    from biaskit.language import Language
    from biaskit.lexicon import Sense

__all__ = ["NEGATION_WINDOW", "RULE_NOTES", "Context"]

#: Plain-words explanations of the context rules, shown with a match.
RULE_NOTES: dict[str, str] = {
    "inside-quotation": "inside a direct quotation: the speaker's words, not the outlet's",
    "inside-scare-quote": "inside scare quotes: the quote marks count, the words do not",
    "inside-mention-quote": "inside quotation marks that name a title or a word",
    "according-to": "attributed with 'according to': reported, not the outlet's own claim",
    "what-x-calls": "presented as what someone else calls it",
    "speaker-label": "a label someone else gives ('critics call him ...')",
    "reported-speech": "in reported speech after a reporting verb ('Moscow says ...')",
    "attribution-after": "in a clause the sentence attributes to a speaker (', X said')",
    "denied": "inside a denial ('denied that ...'): reported and negated",
    "negated": "negated ('not', 'never', 'no'): the sentence rejects the word",
}
#: How many words before a match a negator may stand.
NEGATION_WINDOW = 5
#: How many words a naming verb may stand before the label it gives ("called him a ...").
LABEL_WINDOW = 5
_CLAUSE_PUNCT_RE = re.compile(r"[,;:—–()]|\s-\s")
_HARD_BREAK_RE = re.compile(r"[;—–]|\s-\s")
_FIRST_PERSON = frozenset({"i", "we"})
_NOT_A_LABEL_NEXT = frozenset({"for", "on", "off", "up", "out", "in", "back"})
# The neighbouring word of a match, across white space, quote marks and a comma.
_PREV_WORD_RE = re.compile(r"([\w'’-]+)[\s,\"“”«»„‘']*$")
_NEXT_WORD_RE = re.compile(r"[\s,\"“”«»„‘’']*([\w'’-]+)")
_PENN = {"NN": "noun", "VB": "verb", "JJ": "adj", "RB": "adv"}


@cache
def _rules(language: str, speech: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """English-style phrase rules: what X calls, and an attribution clause ending the sentence."""
    verbs = "|".join(sorted(map(re.escape, speech), key=len, reverse=True))
    what_calls = re.compile(
        r"\bwhat\s+(?:[\w.'’-]+\s+){1,4}(?:calls?|called|terms|termed|dubs|dubbed|describes as|"
        r"described as|refers to as)\s+(?:(?:a|an|the|its|their|his|her)\s+)?$",
        re.IGNORECASE,
    )
    after = re.compile(
        r"[^;:]*?,\s*(?!(?:and|but|or|which|who|whom|while|that|as|if|when)\b)"
        rf"(?:(?:[\w.'’-]+\s+){{0,6}}?(?:{verbs})\b|according\s+to\b)[^,;:]{{0,80}}$",
        re.IGNORECASE,
    )
    return what_calls, after


_CLAUSE_MARKS = ",;:()—–"
#: How far the local sentence scan looks either side of a match.
_REACH = 400
_SIMPLE_END_RE = re.compile(r"[.!?…][\"”’»)\]]*\s|\n")
_HARD_MARKS = ";—–"


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


def _find_cues(low: str, lang: Language, a: int, b: int) -> list[tuple[int, int, str]]:
    """Cue words (whole words; "n't" at a word's end) and clause marks in ``low[a:b]``."""
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
def _phrases_by_first_word(lang: Language) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The language's attributing phrases, keyed by their first word."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in lang.attribution_phrases:
        out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


class Context:
    """Context of one text; sentences, their words and part-of-speech tags are computed
    once, on demand."""

    def __init__(self, text: str, lang: Language) -> None:
        self.text = text
        self.lang = lang
        self._lemma = lemmatizer(lang.code) if lang.match == "lemma" else None
        self._tags: dict[int, list[tuple[int, int, str | None]]] = {}
        self._words: dict[int, tuple[list[int], list[tuple[int, int, str]]]] = {}
        self._cues: dict[int, tuple[list[int], list[tuple[int, int, str]]]] = {}

    @cached_property
    def low(self) -> str:
        """The text lowercased, apostrophes and white space folded, same length."""
        return normalize_for_matching(self.text)

    def _cues_between(self, a: int, b: int, start: int) -> list[tuple[int, int, str]]:
        """Cue words and marks of the sentence ``a:b`` that start before ``start``."""
        cached = self._cues.get(a)
        if cached is None:
            found = _find_cues(self.low, self.lang, a, b)
            cached = self._cues[a] = ([c[0] for c in found], found)
        starts, cues = cached
        return cues[: bisect.bisect_left(starts, start)]

    # -- helpers ------------------------------------------------------------------------
    def _word(self, word: str) -> str:
        low = word.lower().replace("’", "'")
        return self._lemma(low) if self._lemma else low

    @cached_property
    def bounds(self) -> Bounds:
        """Start and end offsets of every sentence (computed once)."""
        return sentence_bounds(self.text, self.lang.code)

    @cached_property
    def _ends(self) -> tuple[list[int], list[int]]:
        """Candidate sentence ends from one quick scan (terminal punctuation followed by
        white space, and line breaks): their start and end offsets. Whether a full stop
        ends an abbreviation is checked only for the ends a match needs."""
        found = [(m.start(), m.end()) for m in _SIMPLE_END_RE.finditer(self.low)]
        return [f[0] for f in found], [f[1] for f in found]

    def _sentence(self, start: int, end: int) -> tuple[int, int, int]:
        """(key, start, end) of the sentence holding ``start:end`` (enough to bound a
        match's context; :attr:`bounds` is the careful split)."""
        marks, after = self._ends
        i = bisect.bisect_left(after, start + 1) - 1
        while i >= 0 and self._after_abbreviation(marks[i]):
            i -= 1
        a = after[i] if i >= 0 else 0
        j = bisect.bisect_left(marks, end)
        while j < len(marks) and self._after_abbreviation(marks[j]):
            j += 1
        b = marks[j] + 1 if j < len(marks) else len(self.text)
        return a, a, b

    def _after_abbreviation(self, dot: int) -> bool:
        """Whether the full stop at ``dot`` ends an abbreviation or an initial."""
        low = self.low
        if low[dot] != ".":
            return False
        word = low[low.rfind(" ", max(0, dot - 12), dot) + 1 : dot]
        return len(word) == 1 or word in self.lang.abbreviations

    def use_view(self, low: str) -> None:
        """Reuse the matcher's lowercased view as :attr:`low` (same length as the text)."""
        if len(low) == len(self.text):
            self.__dict__["low"] = low

    def _sentence_words(
        self, i: int, a: int, b: int
    ) -> tuple[list[int], list[tuple[int, int, str]]]:
        cached = self._words.get(i)
        if cached is None:
            toks = [
                (m.start(), m.end(), self._word(m.group()))
                for m in WORD_RE.finditer(self.text, a, b)
            ]
            cached = self._words[i] = ([t[0] for t in toks], toks)
        return cached

    # -- senses -------------------------------------------------------------------------
    def sense_holds(self, sense: Sense, start: int, end: int) -> bool:
        """Whether every condition of ``sense`` holds for the words at ``start:end``."""
        text = self.text
        if sense.prev or sense.prev_not:
            m = _PREV_WORD_RE.search(text, max(0, start - 60), start)
            prev = self._word(m.group(1)) if m else None
            if sense.prev and not _listed(prev, sense.prev):
                return False
            if prev is not None and _listed(prev, sense.prev_not):
                return False
        if sense.next or sense.next_not:
            m = _NEXT_WORD_RE.match(text, end)
            nxt = self._word(m.group(1)) if m else None
            if sense.next and nxt not in sense.next:
                return False
            if nxt is not None and nxt in sense.next_not:
                return False
        if sense.case is not None and not _case_is(text[start:end], sense.case):
            return False
        if sense.unless_frame or sense.pos:
            _, a, b = self._sentence(start, end)
            if sense.unless_frame:
                # the sentence's words other than the match itself ("crusade" is not its
                # own historical frame)
                around = text[a:start] + " " + text[end:b]
                words = {self._word(w) for w in WORD_RE.findall(around)}
                for frame in sense.unless_frame:
                    if not words.isdisjoint(self.lang.frames.get(frame, ())):
                        return False
            if sense.pos and self._pos_at(a, b, start) not in sense.pos:
                return False
        return True

    def _pos_at(self, a: int, b: int, start: int) -> str | None:
        """Coarse part of speech of the word starting at ``start`` (sentence a:b)."""
        if self.lang.match == "lemma":
            m = WORD_RE.match(self.text, start)
            return pos_tagger(self.lang.code)(m.group().lower()) if m else None
        tags = self._tags.get(a)
        if tags is None:
            tags = self._tags[a] = _pattern_tags(self.text, a, b)
        for s, e, pos in tags:
            if s <= start < e:
                return pos
        return None

    # -- voice and negation ---------------------------------------------------------------
    def voice_and_negation(
        self, start: int, end: int, category: str, weight: float
    ) -> tuple[str, bool, str]:
        """(voice, negated, rule) of the words at ``start:end`` outside quotation marks."""
        if weight == 0 and category != "naming":
            return "own", False, ""  # weighs nothing (a neutral verb, a guard): nothing to decide
        text, lang = self.text, self.lang
        i, a, b = self._sentence(start, end)
        if lang.match != "lemma":
            return self._surface_voice(a, b, start, end, category)
        starts, words_of_sentence = self._sentence_words(i, a, b)
        toks = words_of_sentence[: bisect.bisect_left(starts, start)]
        negated = category not in ("naming", "hedge") and self._negated(toks, start)
        neg_rule = "negated" if negated else ""
        if category == "attribution":
            return "own", negated, neg_rule
        words = [w for _, _, w in toks]
        # according to X, ...
        firsts = _phrases_by_first_word(lang)
        for j, w in enumerate(words):
            for phrase in firsts.get(w, ()):
                k = len(phrase)
                if tuple(words[j : j + k]) == phrase and "," in text[toks[j + k - 1][1] : start]:
                    return "reported", negated, _join("according-to", neg_rule)
        what_calls, _after = _rules(lang.code, lang.speech_verbs)
        if lang.code == "en" and "what" in words and what_calls.search(text, a, start):
            return "reported", negated, _join("what-x-calls", neg_rule)
        voice_rule = self._reporting_verb(toks, start)
        if voice_rule == "denied":
            return "reported", True, "denied"
        if voice_rule:
            return "reported", negated, _join(voice_rule, neg_rule)
        if self._attributed_after(words_of_sentence, end, b):
            return "reported", negated, _join("attribution-after", neg_rule)
        return "own", negated, neg_rule

    def _attributed_after(self, toks: list[tuple[int, int, str]], end: int, b: int) -> bool:
        """The sentence ends with ", <up to six words> <reporting verb> ..." after ``end``
        ("..., заявили в МИД"), or with an attributing phrase after a comma."""
        comma = self.text.rfind(",", end, b)
        if comma < 0 or any(c in self.text[comma:b] for c in ";:"):
            return False
        after = [(s, e, w) for s, e, w in toks if s > comma]
        if len(after) > 10:
            return False
        finite = finite_verb(self.lang.code)
        for s, e, w in after[:3]:  # ", заявили в МИД", ", сообщил губернатор"
            if w in self.lang.speech_verbs and finite(self.text[s:e].lower()):
                return True
        words = [w for _, _, w in after]
        return any(tuple(words[: len(p)]) == p for p in self.lang.attribution_phrases)

    def _surface_voice(
        self, a: int, b: int, start: int, end: int, category: str
    ) -> tuple[str, bool, str]:
        """Voice and negation from cue words found by one regex pass (fast path)."""
        lang, low = self.lang, self.low
        cues = self._cues_between(a, b, start)
        negated = category not in ("naming", "hedge") and self._negated_cues(cues, start)
        neg_rule = "negated" if negated else ""
        if category == "attribution":
            return "own", negated, neg_rule
        what_calls, after = _rules(lang.code, lang.speech_verbs)
        words = {c[2] for c in cues}
        for phrase in lang.attribution_phrases:
            if phrase[0] in words:
                k = low.find(" ".join(phrase), a, start)
                if k >= 0 and "," in low[k:start]:
                    return "reported", negated, _join("according-to", neg_rule)
        if "what" in words and what_calls.search(low, a, start):
            return "reported", negated, _join("what-x-calls", neg_rule)
        voice_rule = self._reporting_cue(cues, a, start)
        if voice_rule == "denied":
            return "reported", True, "denied"
        if voice_rule:
            return "reported", negated, _join(voice_rule, neg_rule)
        if "," in low[end:b] and after.match(low, end, b):
            return "reported", negated, _join("attribution-after", neg_rule)
        return "own", negated, neg_rule

    def _negated_cues(self, cues: list[tuple[int, int, str]], start: int) -> bool:
        lang, low = self.lang, self.low
        for _s, e, w in reversed(cues):
            if w in lang.clause_breaks or _any_in(low, _CLAUSE_MARKS, e, start):
                return False
            between = WORD_RE.findall(low, e, start)
            if len(between) >= NEGATION_WINDOW:
                return False
            if w == "far":
                if low.startswith(" from", e):
                    return True
                continue
            if w in lang.negators or w == "n't":
                nxt = between[0] if between else None
                if nxt not in lang.negation_undone:
                    return True
        return False

    def _reporting_cue(self, cues: list[tuple[int, int, str]], a: int, start: int) -> str:
        lang, low = self.lang, self.low
        for s, e, w in reversed(cues):
            if w in lang.clause_breaks or _any_in(low, _HARD_MARKS, e, start):
                return ""
            is_speech = w in lang.speech_verbs
            is_label = w in lang.naming_verbs
            is_denial = w in lang.denial_verbs
            if not (is_speech or is_label or is_denial):
                continue
            m = _PREV_WORD_RE.search(low, max(a, s - 40), s)
            if m is None or m.start(1) < a:
                continue  # the first word of its sentence: no subject
            prev = m.group(1)
            if prev in lang.determiners:
                continue  # a noun: "his claims", "the call"
            if prev in _FIRST_PERSON:
                return ""  # "I think": the writer's own view
            if is_denial:
                return "denied"
            if is_label:
                after_verb = WORD_RE.findall(low, e, start)
                if len(after_verb) <= LABEL_WINDOW and (
                    not after_verb or after_verb[0] not in _NOT_A_LABEL_NEXT
                ):
                    return "speaker-label"
                if not is_speech:
                    continue
            return "reported-speech"
        return ""

    def _negated(self, toks: list[tuple[int, int, str]], start: int) -> bool:
        """A negator among the last words of the clause before ``start``."""
        lang, text = self.lang, self.text
        window = toks[-NEGATION_WINDOW:]
        for i in range(len(window) - 1, -1, -1):
            _s, e, w = window[i]
            if _CLAUSE_PUNCT_RE.search(text, e, start):
                break
            nxt = window[i + 1][2] if i + 1 < len(window) else None
            if (w in lang.negators or w.endswith("n't")) and nxt not in lang.negation_undone:
                return True
            if w in lang.clause_breaks:
                break
        joined = " ".join(w for _, _, w in window)
        return any(" ".join(p) in joined for p in lang.negation_phrases if len(p) > 1) or (
            lang.code == "en" and bool(re.search(r"\bfar from$", joined))
        )

    def _reporting_verb(self, toks: list[tuple[int, int, str]], start: int) -> str:
        """The rule of the last reporting, naming or denial verb governing ``start``, or ""."""
        lang, text = self.lang, self.text
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


def _any_in(text: str, marks: str, a: int, b: int) -> bool:
    """Whether any of ``marks`` (or a spaced hyphen) occurs in ``text[a:b]``."""
    return any(text.find(c, a, b) >= 0 for c in marks) or text.find(" - ", a, b) >= 0


def _listed(word: str | None, words: tuple[str, ...]) -> bool:
    """``word`` is one of ``words``; an item starting with an apostrophe matches a word
    ending so (``"'s"``: any possessive)."""
    if word is None:
        return False
    return word in words or any(w[:1] == "'" and word.endswith(w) for w in words)


def _join(*rules: str) -> str:
    return "+".join(r for r in rules if r)


def _case_is(written: str, case: str) -> bool:
    if case == "lower":
        return written == written.lower()
    if case == "upper":
        return written.isupper()
    return written[:1].isupper() and not written.isupper()


def _pattern_tags(text: str, a: int, b: int) -> list[tuple[int, int, str | None]]:
    """TextBlob's PatternTagger on one sentence, aligned back to offsets."""
    from textblob.en.taggers import PatternTagger

    sentence = text[a:b]
    out = []
    cursor = 0
    for word, tag in PatternTagger().tag(sentence):
        i = sentence.find(word, cursor)
        if i < 0:
            continue
        cursor = i + len(word)
        pos = "propn" if tag.startswith("NNP") else _PENN.get(tag[:2])
        out.append((a + i, a + cursor, pos))
    return out
