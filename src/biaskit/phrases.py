"""The phrase a match governs: the clause around a loaded word, for explanations and evaluation.

The lexicon matches words ("окупанти", "киевский режим"), but readers and annotators judge
phrases: journalists who mark manipulative language mark a few words to a sentence (in the
UNLP 2025 annotations of Ukrainian and Russian posts, a median of six words, a mean of ten, a
third of spans across a comma). The phrase of a match is one general rule, the same for every
language and every input: the words around the match up to the nearest mark that starts
another statement (a sentence end, a line break, ``; :``, a bracket, a dash or a quotation
mark), and at most ``max_words`` words on each side of the match. A comma is not such a mark:
it joins the parts of one statement (an apposition, a list of epithets, a participial or
relative clause: "оккупанты, которые снова обстреляли город"), and the loaded word colours
them all. Offsets point into the original text.
"""

from __future__ import annotations

import re

from biaskit.tokens import WORD_RE

__all__ = ["PHRASE_MAX_WORDS", "phrase_around"]

PHRASE_MAX_WORDS = 10
_WINDOW = 400  # characters looked at on each side; a clause mark is found well within it
_MARK_RE = re.compile(r"[.!?…;:()\[\]\n—–«»“”„\"]|\s-\s")  # not the comma: see above


def phrase_around(
    text: str, start: int, end: int, *, max_words: int = PHRASE_MAX_WORDS
) -> tuple[int, int]:
    """The ``(start, end)`` offsets of the clause around ``text[start:end]`` (see the module).

    The match itself is always inside the phrase; the phrase starts and ends on a word.
    """
    lo = max(0, start - _WINDOW)
    left = text[lo:start]
    marks = list(_MARK_RE.finditer(left))
    left_from = lo + (marks[-1].end() if marks else 0)
    if not marks and lo > 0:
        left_from = lo
    words = list(WORD_RE.finditer(text, left_from, start))[-max_words:] if max_words else []
    a = words[0].start() if words else start

    hi = min(len(text), end + _WINDOW)
    mark = _MARK_RE.search(text, end, hi)
    right_to = mark.start() if mark else hi
    words = list(WORD_RE.finditer(text, end, right_to))[:max_words] if max_words else []
    b = words[-1].end() if words else end
    return a, b
