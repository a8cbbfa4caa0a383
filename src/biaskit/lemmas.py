"""The lemma view of a text, for languages whose lexicons list lemmas (Russian, Ukrainian).

Each word of the normalised view is replaced by its lemma; words are joined by one space
when only white space stood between them and by `` | `` otherwise, so no phrase matches
across punctuation. Offsets found in the lemma text map back to the original text.

A word masked with asterisks, as channels write obscenities (``бл*дь``, ``нах*й``), is one
word, kept as written (no dictionary knows it), so the lexicon can list the masked forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from biaskit.morph import lemma_table
from biaskit.tokens import WORD_RE, match_view

__all__ = ["LemmaView", "lemma_view"]

# A word with asterisks inside (бл*дь), or else an ordinary word; used only when the text
# has an asterisk, so ordinary text pays nothing.
_MASKED_OR_WORD_RE = re.compile(r"\w++(?:\*++\w++)++|" + WORD_RE.pattern)


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
    words_re = _MASKED_OR_WORD_RE if "*" in low else WORD_RE
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
        word = surface if "*" in surface else lemma[surface]  # a masked word stays as written
        if back_of is None:
            back[pos] = a
            pos += len(word)
            back[pos] = b
        else:
            back[pos] = back_of(a)
            pos += len(word)
            back[pos] = back_of(b)
        pieces.append(word)
        prev_end = b
    return LemmaView("".join(pieces), back)
