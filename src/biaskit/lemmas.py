"""The lemma view of a text, for languages whose lexicons list lemmas (Russian, Ukrainian).

Each word of the normalised view is replaced by its lemma; words are joined by one space
when only white space stood between them and by `` | `` otherwise, so no phrase matches
across punctuation. Offsets found in the lemma text map back to the original text.

The parts of a hyphenated compound whose lemma keeps its parts ("негодяи-ревизоры" ->
"негодяй-ревизор") are words too, so "негодяй" matches inside it.

A word masked with asterisks, as channels write obscenities (``бл*дь``, ``нах*й``), is one
word, kept as written (no dictionary knows it), so the lexicon can list the masked forms.

Emoji and runs of exclamation and question marks are tokens too, so the lexicon can list the
expressive ones (a clown or a vomiting face after a politician's name, "!!!", "?!"): a run of
one emoji is that emoji, a run of marks is ``!!``, ``??`` or ``?!`` (the three kinds).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from biaskit.morph import lemma_table
from biaskit.tokens import WORD_RE, match_view

__all__ = ["LemmaView", "lemma_view"]

# A word with asterisks inside (бл*дь), or else an ordinary word; used only when the text
# has an asterisk, so ordinary text pays nothing.
_MASKED_OR_WORD_RE = re.compile(r"\w++(?:\*++\w++)++|" + WORD_RE.pattern)
# Emoji (pictographs, dingbats and symbols) and runs of two or more "!"/"?"; looked for only
# when the text has one, so ordinary text pays one search.
_EXPRESSIVE = r"([\U0001F300-\U0001FAFF\u2600-\u27BF])\1*+|[!?]{2,}+"
_HAS_EXPRESSIVE_RE = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]|[!?][!?]")
_EXPRESSIVE_OR_WORD_RE = re.compile(_EXPRESSIVE + "|" + _MASKED_OR_WORD_RE.pattern)


def _expressive_or_lemma(surface: str, lemma: Mapping[str, str]) -> str:
    """The token of an emoji run, a run of marks or a masked word; else the word's lemma."""
    c = surface[0]
    if c in "!?":
        return "?!" if "?" in surface and "!" in surface else c + c
    if not c.isalnum() and c != "_":
        return c  # a run of one emoji
    return surface if "*" in surface else lemma[surface]


@dataclass(frozen=True, slots=True)
class LemmaView:
    """Lemmas joined into one string, and where each lemma's word starts and ends."""

    text: str
    _back: dict[int, int] = field(default_factory=dict)

    squeezed = True

    def is_boundary(self, i: int) -> bool:
        """Whether ``i`` is where a lemma starts or ends."""
        return i in self._back

    def to_original(self, i: int) -> int:
        """The original offset of a lemma start or end."""
        return self._back[i]


def lemma_view(text: str, language: str) -> LemmaView:
    """The lemma view of ``text`` in ``language`` (see the module docstring)."""
    view = match_view(text)
    low = view.text
    lemma = lemma_table(language)
    if _HAS_EXPRESSIVE_RE.search(low):
        words_re = _EXPRESSIVE_OR_WORD_RE
    else:
        words_re = _MASKED_OR_WORD_RE if "*" in low else WORD_RE
    plain = words_re is WORD_RE
    back_of = view.to_original if view.squeezed else None
    pieces: list[str] = []
    back: dict[int, int] = {}
    pos = 0
    prev_end = -1
    for m in words_re.finditer(low):
        a, b = m.span()
        if prev_end >= 0:
            if a - prev_end == 1 and low[prev_end] == " ":
                sep = " "  # the common case: one space
            else:
                gap = low[prev_end:a]
                sep = " " if gap.isspace() and "  " not in gap else " | "
            pieces.append(sep)
            pos += len(sep)
        surface = m.group()
        word = lemma[surface] if plain else _expressive_or_lemma(surface, lemma)
        if back_of is None:
            back[pos] = a
            pos += len(word)
            back[pos] = b
        else:
            back[pos] = back_of(a)
            pos += len(word)
            back[pos] = back_of(b)
        if "-" in word and word.count("-") == surface.count("-"):
            _part_bounds(surface, word, a, pos - len(word), back, back_of)
        pieces.append(word)
        prev_end = b
    return LemmaView("".join(pieces), back)


def _part_bounds(
    surface: str, word: str, a: int, at: int, back: dict[int, int], back_of: Any
) -> None:
    """Make the parts of a hyphenated compound lemmatised part by part ("негодяи-ревизоры"
    -> "негодяй-ревизор") boundaries too, so a loaded part matches on its own."""
    sp, wp = a, at
    for s_part, w_part in zip(surface.split("-"), word.split("-"), strict=True):
        back[wp] = back_of(sp) if back_of else sp
        back[wp + len(w_part)] = back_of(sp + len(s_part)) if back_of else sp + len(s_part)
        sp += len(s_part) + 1
        wp += len(w_part) + 1
