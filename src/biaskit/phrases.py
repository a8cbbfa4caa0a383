"""The phrase a match governs: the clause around a loaded word, for explanations and evaluation.

The lexicon matches words ("окупанти", "киевский режим"), but readers and annotators judge
phrases. The phrase of a match is one general rule, chosen per language pack: the words
around the match up to the nearest mark that ends its unit, and at most ``max_words`` words
on each side of it. Offsets point into the original text.

- **Clause** (the default; English): a sentence end, a line break, ``; : , ( )``, a dash or a
  quotation mark ends the phrase; six words at most on each side.
- **Statement** (``phrase_statements: true`` in ``language.yaml``: Russian, Ukrainian): the
  same marks except the comma, which joins the parts of one statement (an apposition, a list
  of epithets, a participial or relative clause: "оккупанты, которые снова обстреляли
  город"), and the loaded word colours them all; ten words at most on each side. Journalists
  who mark manipulative language in Telegram posts mark a few words to a sentence (in the
  UNLP 2025 annotations of Ukrainian and Russian posts, a median of six words, a mean of ten,
  a third of spans across a comma).
"""

from __future__ import annotations

import re

from biaskit.language import load_language
from biaskit.tokens import WORD_RE

__all__ = ["PHRASE_MAX_WORDS", "STATEMENT_MAX_WORDS", "phrase_around"]

PHRASE_MAX_WORDS = 6  # a clause
STATEMENT_MAX_WORDS = 10  # a statement (phrase_statements packs)
_WINDOW = 400  # characters looked at on each side; a clause mark is found well within it
_CLAUSE_RE = re.compile(r"[.!?…;:,()\[\]\n—–«»“”„\"]|\s-\s")
_STATEMENT_RE = re.compile(r"[.!?…;:()\[\]\n—–«»“”„\"]|\s-\s")  # not the comma


def phrase_around(
    text: str, start: int, end: int, *, language: str = "en", max_words: int | None = None
) -> tuple[int, int]:
    """The ``(start, end)`` offsets of the phrase around ``text[start:end]`` in ``language``
    (see the module); ``max_words`` overrides the pack's cap.

    The match itself is always inside the phrase; the phrase starts and ends on a word.
    """
    statements = load_language(language).phrase_statements
    marks_re = _STATEMENT_RE if statements else _CLAUSE_RE
    if max_words is None:
        max_words = STATEMENT_MAX_WORDS if statements else PHRASE_MAX_WORDS
    lo = max(0, start - _WINDOW)
    left = text[lo:start]
    marks = list(marks_re.finditer(left))
    left_from = lo + (marks[-1].end() if marks else 0)
    if not marks and lo > 0:
        left_from = lo
    words = list(WORD_RE.finditer(text, left_from, start))[-max_words:] if max_words else []
    a = words[0].start() if words else start

    hi = min(len(text), end + _WINDOW)
    mark = marks_re.search(text, end, hi)
    right_to = mark.start() if mark else hi
    words = list(WORD_RE.finditer(text, end, right_to))[:max_words] if max_words else []
    b = words[-1].end() if words else end
    return a, b
