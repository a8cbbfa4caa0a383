"""The lemma view of a text, for languages whose lexicons list lemmas (Russian, Ukrainian).

Each word of the normalised view is replaced by its lemma; words are joined by one space
when only white space stood between them and by `` | `` otherwise, so no phrase matches
across punctuation. Offsets found in the lemma text map back to the original text.

A word masked with asterisks, as channels write obscenities (``бл*дь``, ``нах*й``), is one
word, kept as written (no dictionary knows it), so the lexicon can list the masked forms.

The view is built without a Python loop over the words: one regular-expression split gives
the words and the gaps between them, the lemma table (a dict) maps the words, a small table
maps the gaps to their separators, and running sums of the pieces' lengths give every
lemma's start and end in the view; its word's offsets are summed up only when a match asks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import TypeVar

from biaskit.morph import lemma_table
from biaskit.tokens import WORD_RE, match_view

__all__ = ["GAP_CACHE_SIZE", "LemmaView", "lemma_view"]

# A word with asterisks inside (бл*дь), or else an ordinary word; used only when the text
# has an asterisk, so ordinary text pays nothing.
_MASKED_OR_WORD_RE = re.compile(r"\w++(?:\*++\w++)++|" + WORD_RE.pattern)
# The same, as one group, so that ``split`` returns gaps and words in turn:
# [gap, word, gap, word, ..., word, gap].
_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
_MASKED_SPLIT_RE = re.compile(f"({_MASKED_OR_WORD_RE.pattern})")

#: How many distinct gaps between words (", ", " — ", " «" ...) the separator table keeps
#: before it starts again (a bound on memory; the separator is a pure function of the gap).
GAP_CACHE_SIZE = 4096


def _separator(gap: str) -> str:
    """What joins two lemmas: one space when only white space (no paragraph break, which
    the view keeps as two spaces) stood between their words, else `` | ``."""
    return " " if gap.isspace() and "  " not in gap else " | "


class _Separators(dict[str, str]):
    """Gap -> separator, filled on first look-up (``table[gap]``: a plain dict hit)."""

    def __missing__(self, gap: str) -> str:
        sep = _separator(gap)
        if len(self) >= GAP_CACHE_SIZE:
            self.clear()
        self[gap] = sep
        return sep


_SEPARATORS = _Separators({" ": " "})
T = TypeVar("T")


class LemmaView:
    """Lemmas joined into one string, and where each lemma's word starts and ends.

    ``_at`` holds the start and the end of every lemma in :attr:`text`, in turn (sorted);
    the offsets of the words in the normalised view are summed up from ``_parts`` (the
    split: gaps and words in turn) only when a match asks for one, and mapped on to the
    original text by ``_view_back`` when the view dropped characters.
    """

    __slots__ = ("_at", "_parts", "_view_back", "_word_at", "text")
    squeezed = True

    def __init__(
        self, text: str, at: list[int], parts: list[str], view_back: Callable[[int], int] | None
    ) -> None:
        self.text = text
        self._at = at
        self._parts = parts
        self._view_back = view_back
        self._word_at: list[int] | None = None

    def _index(self, i: int, lo: int = 0) -> int:
        """The index of ``i`` in ``_at`` (the last, should an empty lemma repeat it), or -1."""
        k = bisect_right(self._at, i, lo) - 1
        return k if k >= 0 and self._at[k] == i else -1

    def _words_at(self) -> list[int]:
        """Starts and ends of the words in the normalised view, in turn (summed up once)."""
        if self._word_at is None:
            self._word_at = list(accumulate(map(len, self._parts[:-1])))
        return self._word_at

    def is_boundary(self, i: int) -> bool:
        """Whether ``i`` is where a lemma starts or ends."""
        return self._index(i) >= 0

    def to_original(self, i: int) -> int:
        """The original offset of a lemma start or end."""
        k = self._index(i)
        if k < 0:
            raise KeyError(i)
        j = self._words_at()[k]
        return j if self._view_back is None else self._view_back(j)

    def whole_lemmas(self, spans: list[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
        """The spans ``(start, end, x)`` of :attr:`text` that start and end on whole lemmas,
        as offsets into the original text (the same as keeping those whose ends pass
        :meth:`is_boundary` and mapping both with :meth:`to_original`, in one pass)."""
        at = self._at
        out = []
        for a, b, x in spans:
            i = bisect_right(at, a) - 1
            if i < 0 or at[i] != a:
                continue
            j = bisect_right(at, b, i) - 1
            if at[j] != b:
                continue
            out.append((i, j, x))
        if not out:
            return []
        word_at = self._words_at()
        back = self._view_back
        if back is None:
            return [(word_at[i], word_at[j], x) for i, j, x in out]
        return [(back(word_at[i]), back(word_at[j]), x) for i, j, x in out]


def lemma_view(text: str, language: str) -> LemmaView:
    """The lemma view of ``text`` in ``language`` (see the module docstring)."""
    view = match_view(text)
    low = view.text
    back_of = view.to_original if view.squeezed else None
    masked = "*" in low
    parts = (_MASKED_SPLIT_RE if masked else _SPLIT_RE).split(low)
    if len(parts) == 1:  # no word at all
        return LemmaView("", [], parts, back_of)
    words = parts[1::2]
    lemma = lemma_table(language)
    if masked:  # a masked word stays as written
        lemmas = [w if "*" in w else lemma[w] for w in words]
    else:
        lemmas = list(map(lemma.__getitem__, words))
    pieces = [""] * (2 * len(words) - 1)
    pieces[0::2] = lemmas
    pieces[1::2] = map(_SEPARATORS.__getitem__, parts[2:-1:2])
    # starts and ends of the lemmas in the view, in turn
    at = list(accumulate(map(len, pieces), initial=0))
    return LemmaView("".join(pieces), at, parts, back_of)
