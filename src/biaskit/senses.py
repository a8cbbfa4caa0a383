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

__all__ = ["NEXT_WORD_RE", "PREV_WORD_RE", "case_is", "listed", "pattern_tags", "sense_holds"]

# The neighbouring word of a match, across white space, quote marks and a comma.
PREV_WORD_RE = re.compile(r"([\w'’-]+)[\s,\"“”«»„‘']*$")
NEXT_WORD_RE = re.compile(r"[\s,\"“”«»„‘’']*([\w'’-]+)")
_PENN = {"NN": "noun", "VB": "verb", "JJ": "adj", "RB": "adv"}


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
    if sense.case is not None and not case_is(text[start:end], sense.case):
        return False
    if sense.unless_frame or sense.pos:
        a, b = ctx.sentence_span(start, end)
        if sense.unless_frame:
            # the sentence's words other than the match itself ("crusade" is not its
            # own historical frame)
            around = text[a:start] + " " + text[end:b]
            words = {ctx.word(w) for w in WORD_RE.findall(around)}
            for frame in sense.unless_frame:
                if not words.isdisjoint(ctx.lang.frames.get(frame, ())):
                    return False
        if sense.pos and ctx.pos_at(a, b, start) not in sense.pos:
            return False
    return True


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
