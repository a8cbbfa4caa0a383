"""Negation: whether the sentence rejects a matched word ("is not a dictator").

A negator ("not", "never", "no", "n't", "far from") among the five words before the match
in its clause negates it, unless "not only" undoes it. A verb of denial is decided with the
voice rules (:mod:`biaskit.voice`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from biaskit.tokens import WORD_RE
from biaskit.voice import CLAUSE_MARKS, Cue, Token, any_mark_in

if TYPE_CHECKING:
    from biaskit.language import Language

__all__ = ["NEGATION_WINDOW", "negated_by_cues", "negated_in_words"]

#: How many words before a match a negator may stand.
NEGATION_WINDOW = 5
_CLAUSE_PUNCT_RE = re.compile(r"[,;:—–()]|\s-\s")


def negated_by_cues(low: str, lang: Language, cues: list[Cue], start: int) -> bool:
    """A negator among the cue words before ``start`` in its clause (surface packs)."""
    for _s, e, w in reversed(cues):
        if w in lang.clause_breaks or any_mark_in(low, CLAUSE_MARKS, e, start):
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


def negated_in_words(text: str, lang: Language, toks: list[Token], start: int) -> bool:
    """A negator among the last words of the clause before ``start`` (lemma packs)."""
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
