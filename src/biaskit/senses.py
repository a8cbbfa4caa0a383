"""Sense conditions: whether an entry's ``when`` holds for the words it matched.

Conditions read the neighbouring words, how the words are written, the part of speech
(TextBlob's PatternTagger for English, pymorphy3 for lemma packs) and the frame words of the
sentence (``frames`` in ``language.yaml``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from biaskit.tokens import WORD_RE

if TYPE_CHECKING:
    from biaskit.context import Context
    from biaskit.lexicon_entry import Sense

__all__ = [
    "NEXT_WORD_RE",
    "PREV_WORD_RE",
    "case_is",
    "in_title",
    "lexicon_tag",
    "listed",
    "may_be_verb",
    "pattern_tags",
    "sense_holds",
]

# The neighbouring word of a match, across white space, quote marks and a comma.
PREV_WORD_RE = re.compile(r"([\w'’-]+)[\s,\"“”«»„‘']*$")
NEXT_WORD_RE = re.compile(r"[\s,\"“”«»„‘’']*([\w'’-]+)")
# A number right after the words ("soared 5%", "rose by $3bn", "fell to 1,200") or right
# before them ("a 5% rise").
_NUMBER_AFTER_RE = re.compile(
    r"\s+(?:by\s+|to\s+|(?:as much as|nearly|almost|about|around|more than|over|some)\s+)?"
    r"[$£€¥]?\d"
)
_NUMBER_BEFORE_RE = re.compile(r"\d[\d.,]*\s*(?:%|percent|per cent|points?|bn|m)?[\s-]*$")
_TITLE_WORD_RE = re.compile(r"[\w'’-]+")
_PENN = {"NN": "noun", "VB": "verb", "JJ": "adj", "RB": "adv"}
_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})


def lexicon_tag(word: str) -> str | None:
    """The most frequent Penn tag of a lowercased English ``word`` in TextBlob's lexicon
    (a dictionary look-up; the lexicon loads on first use)."""
    from textblob.en import lexicon

    return lexicon.get(word)


def may_be_verb(words: list[str]) -> bool:
    """Whether any of the lowercased English ``words`` is most often a verb or a modal, or
    ends in "-ed" ("were", "attacked", "could"): a cheap test for a clause's predicate."""
    return any(w.endswith("ed") or lexicon_tag(w) in _VERB_TAGS for w in words)


def sense_holds(ctx: Context, sense: Sense, start: int, end: int) -> bool:
    """Whether every condition of ``sense`` holds for the words at ``start:end``."""
    text = ctx.text
    if sense.prev or sense.prev_not:
        m = PREV_WORD_RE.search(text, max(0, start - 60), start)
        prev = ctx.word(m.group(1)) if m else None
        if sense.prev and not listed(prev, sense.prev):
            return False
        if prev is not None and listed(prev, sense.prev_not):
            return False
    if sense.next or sense.next_not:
        m = NEXT_WORD_RE.match(text, end)
        nxt = ctx.word(m.group(1)) if m else None
        if sense.next and nxt not in sense.next:
            return False
        if nxt is not None and nxt in sense.next_not:
            return False
    if sense.case == "title":
        if not in_title(ctx, start, end):
            return False
    elif sense.case is not None and not case_is(text[start:end], sense.case):
        return False
    if sense.number and not any(
        (_NUMBER_BEFORE_RE.search(text, max(0, start - 40), start) if side == "before"
         else _NUMBER_AFTER_RE.match(text, end))
        for side in sense.number
    ):
        return False
    if sense.unless_frame or sense.frame or sense.pos:
        a, b = ctx.sentence_span(start, end)
        if sense.unless_frame or sense.frame:
            # the sentence's words other than the match itself ("crusade" is not its
            # own historical frame)
            around = text[a:start] + " " + text[end:b]
            words = {ctx.word(w) for w in WORD_RE.findall(around)}
            words |= {w[:-2] for w in words if w.endswith("'s")}  # "the striker's tackle"
            for frame in sense.unless_frame:
                if not words.isdisjoint(ctx.lang.frames.get(frame, ())):
                    return False
            if sense.frame and all(
                ctx.doc_words.isdisjoint(ctx.lang.frames.get(frame, ())) for frame in sense.frame
            ):
                return False  # none of the frames the sense needs is in the text
        if sense.pos and ctx.pos_at(a, b, start) not in sense.pos:
            return False
    return True


def in_title(ctx: Context, start: int, end: int) -> bool:
    """The words are capitalised and stand in a run of Title Case words ("The Brutal
    Truth", "Resident Evil", "Michael Savage"): a title or a name, not the word's use. The
    capitalised neighbour must not be the sentence's first word alone ("Brutal attacks")."""
    text = ctx.text
    written = text[start:end]
    if not written[:1].isupper() or written.isupper():
        return False
    small = ctx.lang.title_small_words
    a, b = ctx.sentence_span(start, end)
    before = _TITLE_WORD_RE.findall(text, a, start)
    while before and before[-1].lower() in small:
        before.pop()
    after = _TITLE_WORD_RE.findall(text, end, min(b, end + 80))
    while after and after[0].lower() in small:
        after.pop(0)
    cap_before = bool(before) and before[-1][:1].isupper() and (len(before) > 1 or start > a + 40)
    cap_after = bool(after) and after[0][:1].isupper() and not after[0].isupper()
    return cap_before or cap_after


def listed(word: str | None, words: tuple[str, ...]) -> bool:
    """``word`` is one of ``words``; an item starting with an apostrophe matches a word
    ending so (``"'s"``: any possessive)."""
    if word is None:
        return False
    return word in words or any(w[:1] == "'" and word.endswith(w) for w in words)


def case_is(written: str, case: str) -> bool:
    """Whether ``written`` is written in ``case`` (lower, upper or capitalized)."""
    if case == "lower":
        return written == written.lower()
    if case == "upper":
        return written.isupper()
    return written[:1].isupper() and not written.isupper()


def pattern_tags(text: str, a: int, b: int) -> list[tuple[int, int, str | None, str]]:
    """TextBlob's PatternTagger on one sentence, aligned back to offsets: (start, end,
    coarse part of speech, Penn tag)."""
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
        out.append((a + i, a + cursor, pos, tag))
    return out
