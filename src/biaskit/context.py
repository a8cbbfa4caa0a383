"""Context of one text: its sentences and words, computed once, and the decision of how a
match counts: whose voice it is in (:mod:`biaskit.voice`), whether it is negated
(:mod:`biaskit.negation`) and whether an entry's sense holds (:mod:`biaskit.senses`).
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import TYPE_CHECKING

from biaskit.morph import finite_verb, lemma_table, lemmatizer, pos_tagger
from biaskit.negation import NEGATION_WINDOW, negated_by_cues, negated_in_words
from biaskit.senses import may_be_verb, pattern_tags, sense_holds
from biaskit.tokens import WORD_RE, Bounds, normalize_for_matching, sentence_bounds
from biaskit.voice import (
    Cue,
    Token,
    attributed_after,
    attributed_aside,
    find_cues,
    is_mentioned,
    mention_noun_in,
    phrase_rules,
    phrases_by_first_word,
    reporting_rule_in_cues,
    reporting_rule_in_words,
)

if TYPE_CHECKING:
    from biaskit.language import Language
    from biaskit.lexicon_entry import Sense

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
    "negated": "inside the scope of a negation ('not', 'never', 'nobody' ... up to the end "
    "of its clause): the sentence rejects the word",
    "negated-verb": "a negation before it negates a verb ('did not meet', 'never trusted'), "
    "not this word: still the outlet's own word",
    "mention": "talked about as a word ('the word ...', '... is a loaded word'): mentioned, "
    "not used",
}
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SIMPLE_END_RE = re.compile(r"[.!?…][\"”’»)\]]*\s|\n")


def _join(*rules: str) -> str:
    return "+".join(r for r in rules if r)


class Context:
    """Context of one text; sentences, their words and part-of-speech tags are computed
    once, on demand."""

    def __init__(self, text: str, lang: Language) -> None:
        self.text = text
        self.lang = lang
        self._lemma = lemmatizer(lang.code) if lang.match == "lemma" else None
        self._tags: dict[int, list[tuple[int, int, str | None, str]]] = {}
        self._words: dict[int, tuple[list[int], list[Token]]] = {}
        self._cues: dict[int, tuple[list[int], list[Cue]]] = {}
        self._mentions: dict[int, bool] = {}
        self._according: dict[int, list[tuple[int, int]]] = {}
        self._attributed: dict[tuple[int, int, int], bool] = {}
        self._rules = phrase_rules(lang.code, lang.speech_verbs, lang.naming_verbs)

    @cached_property
    def low(self) -> str:
        """The text lowercased, apostrophes and white space folded, same length."""
        return normalize_for_matching(self.text)

    def use_view(self, low: str) -> None:
        """Reuse the matcher's lowercased view as :attr:`low` (same length as the text)."""
        if len(low) == len(self.text):
            self.__dict__["low"] = low

    # -- words and sentences ----------------------------------------------------------------
    def word(self, word: str) -> str:
        """``word`` as the word lists hold it: lowercased (a lemma for lemma packs)."""
        low = word.lower().replace("’", "'")
        return self._lemma(low) if self._lemma else low

    @cached_property
    def doc_words(self) -> frozenset[str]:
        """Every word of the text as the word lists hold it (for a sense's ``frame``)."""
        return frozenset(self.word(w) for w in WORD_RE.findall(self.text))

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

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """Start and end of the sentence holding ``start:end`` (enough to bound a match's
        context; :attr:`bounds` is the careful split)."""
        marks, after = self._ends
        i = bisect.bisect_left(after, start + 1) - 1
        while i >= 0 and self._after_abbreviation(marks[i]):
            i -= 1
        a = after[i] if i >= 0 else 0
        j = bisect.bisect_left(marks, end)
        while j < len(marks) and self._after_abbreviation(marks[j]):
            j += 1
        b = marks[j] + 1 if j < len(marks) else len(self.text)
        return a, b

    def _after_abbreviation(self, dot: int) -> bool:
        """Whether the full stop at ``dot`` ends an abbreviation or an initial."""
        low = self.low
        if low[dot] != ".":
            return False
        word = low[low.rfind(" ", max(0, dot - 12), dot) + 1 : dot]
        return len(word) == 1 or word in self.lang.abbreviations

    def sentence_words(self, a: int, b: int) -> tuple[list[int], list[Token]]:
        """The words of the sentence ``a:b`` (lemmas for lemma packs) and their starts."""
        cached = self._words.get(a)
        if cached is None:
            table = lemma_table(self.lang.code) if self._lemma else None
            toks = []
            for m in WORD_RE.finditer(self.text, a, b):
                low = m.group().lower().replace("’", "'")
                toks.append((m.start(), m.end(), table[low] if table is not None else low))
            cached = self._words[a] = ([t[0] for t in toks], toks)
        return cached

    def _according_to(self, a: int, toks: list[Token]) -> list[tuple[int, int]]:
        """(start of its last word, end) of every attributing phrase in the sentence
        starting at ``a`` (lemma packs; computed once per sentence)."""
        found = self._according.get(a)
        if found is None:
            found = []
            words = [w for _, _, w in toks]
            firsts = self._firsts
            for j, w in enumerate(words):
                for phrase in firsts.get(w, ()):
                    k = len(phrase)
                    if tuple(words[j : j + k]) == phrase:
                        found.append((toks[j + k - 1][0], toks[j + k - 1][1]))
            self._according[a] = found
        return found

    @cached_property
    def _firsts(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        return phrases_by_first_word(self.lang)

    def _cues_between(self, a: int, b: int, start: int) -> list[Cue]:
        """Cue words of the sentence ``a:b`` that start before ``start``."""
        cached = self._cues.get(a)
        if cached is None:
            found = find_cues(self.low, self.lang, a, b)
            cached = self._cues[a] = ([c[0] for c in found], found)
        starts, cues = cached
        return cues[: bisect.bisect_left(starts, start)]

    # -- senses -------------------------------------------------------------------------
    def sense_holds(self, sense: Sense, start: int, end: int) -> bool:
        """Whether every condition of ``sense`` holds for the words at ``start:end``."""
        return sense_holds(self, sense, start, end)

    def pos_at(self, a: int, b: int, start: int) -> str | None:
        """Coarse part of speech of the word starting at ``start`` (sentence a:b)."""
        if self.lang.match == "lemma":
            m = WORD_RE.match(self.text, start)
            return pos_tagger(self.lang.code)(m.group().lower()) if m else None
        for s, e, pos, _penn in self._penn_tags(a, b):
            if s <= start < e:
                return pos
        return None

    def _penn_tags(self, a: int, b: int) -> list[tuple[int, int, str | None, str]]:
        tags = self._tags.get(a)
        if tags is None:
            tags = self._tags[a] = pattern_tags(self.text, a, b)
        return tags

    def finite_verb_after(self, a: int, b: int, e: int) -> bool:
        """Whether the tagger finds a finite verb after ``e`` in the sentence ``a:b`` (in a
        long run-on text, in the 200 characters after ``e``)."""
        if b - a > 600:
            a, b = e, min(b, e + 200)
        return any(s >= e and penn in _FINITE for s, _e, _pos, penn in self._penn_tags(a, b))

    def _attribution_after(
        self, after: re.Pattern[str], a: int, start: int, end: int, b: int
    ) -> bool:
        """The sentence ``a:b`` ends with an attribution (", officials said", ", said the
        minister") that the words at ``start:end`` are not the subject of."""
        m = after.match(self.low, end, b)
        if m is None:
            return False
        if m.group(2) == "":  # ", said ...": the clause before needs a verb of its own
            return may_be_verb(WORD_RE.findall(self.low, a, end + len(m.group(1))))
        return True

    # -- voice and negation ---------------------------------------------------------------
    def voice_and_negation(
        self, start: int, end: int, category: str, weight: float
    ) -> tuple[str, bool, str]:
        """(voice, negated, rule) of the words at ``start:end`` outside quotation marks."""
        if weight == 0 and category != "naming":
            return "own", False, ""  # weighs nothing (a neutral verb, a guard): nothing to decide
        text, lang = self.text, self.lang
        a, b = self.sentence_span(start, end)
        if lang.match != "lemma":
            return self._surface_voice(a, b, start, end, category)
        if not text[start].isalnum():  # an emoji or "!!" (lemmas.py): the author's own sign
            return "own", False, ""
        starts, words_of_sentence = self.sentence_words(a, b)
        toks = words_of_sentence[: bisect.bisect_left(starts, start)]
        neg_rule = (
            "" if category in ("naming", "hedge") else negated_in_words(text, lang, toks, start)
        )
        negated = neg_rule == "negated"
        if category == "attribution":
            return "own", negated, neg_rule
        # according to X, ...
        if any(
            s < start and "," in text[e:start] for s, e in self._according_to(a, words_of_sentence)
        ):
            return "reported", negated, _join("according-to", neg_rule)
        what_calls, _after, _aside = self._rules
        if (
            lang.code == "en"
            and any(w == "what" for _, _, w in toks)
            and what_calls.search(text, a, start)
        ):
            return "reported", negated, _join("what-x-calls", neg_rule)
        voice_rule = reporting_rule_in_words(text, lang, toks, start)
        if voice_rule == "denied":
            return "reported", True, "denied"
        if voice_rule:
            return "reported", negated, _join(voice_rule, neg_rule)
        comma = text.rfind(",", end, b)
        if comma >= 0:
            # the answer depends on the last comma only: kept per sentence and comma
            key = (a, b, comma)
            after = self._attributed.get(key)
            if after is None:
                after = self._attributed[key] = attributed_after(
                    text, lang, words_of_sentence, comma, b
                )
            if after and self._has_finite_verb(words_of_sentence, start, comma):
                # not "Диктатор, бывший генерал, заявил ...": there the match is the subject
                return "reported", negated, _join("attribution-after", neg_rule)
        if attributed_aside(text, lang, words_of_sentence, end, b):
            return "reported", negated, _join("attribution-after", neg_rule)
        return "own", negated, neg_rule

    def _has_finite_verb(self, toks: list[Token], start: int, stop: int) -> bool:
        """Whether a word from ``start`` to ``stop`` is a finite verb (lemma packs)."""
        finite = finite_verb(self.lang.code)
        return any(finite(self.text[s:e].lower()) for s, e, _w in toks if start <= s < stop)

    def _surface_voice(
        self, a: int, b: int, start: int, end: int, category: str
    ) -> tuple[str, bool, str]:
        """Voice and negation from cue words found by one automaton pass (fast path)."""
        lang, low = self.lang, self.low
        has_noun = self._mentions.get(a)
        if has_noun is None:
            has_noun = self._mentions[a] = mention_noun_in(low, lang, a, b)
        if has_noun and is_mentioned(low, lang, a, b, start, end):
            return "mentioned", False, "mention"
        cues = self._cues_between(a, b, start)
        neg_rule = (
            "" if category in ("naming", "hedge") else negated_by_cues(low, lang, cues, start)
        )
        negated = neg_rule == "negated"
        if category == "attribution":
            return "own", negated, neg_rule
        what_calls, after, aside = self._rules
        words = {c[2] for c in cues}
        for phrase in lang.attribution_phrases:
            if phrase[0] in words:
                k = low.find(" ".join(phrase), a, start)
                if k >= 0 and "," in low[k:start]:
                    return "reported", negated, _join("according-to", neg_rule)
        if "what" in words and what_calls.search(low, a, start):
            return "reported", negated, _join("what-x-calls", neg_rule)
        voice_rule = reporting_rule_in_cues(
            self.text, low, lang, cues, a, b, start,
            lambda e, end_: self.finite_verb_after(a, end_, e),
        )
        if voice_rule == "denied":
            return "reported", True, "denied"
        if voice_rule:
            return "reported", negated, _join(voice_rule, neg_rule)
        if "," in low[end:b] and (
            self._attribution_after(after, a, start, end, b) or aside.match(low, end, b)
        ):
            return "reported", negated, _join("attribution-after", neg_rule)
        return "own", negated, neg_rule
