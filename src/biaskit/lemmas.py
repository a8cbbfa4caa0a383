"""The lemma view of a text, for languages whose lexicons list lemmas (Russian, Ukrainian).

Each word of the normalised view is replaced by its lemma; words are joined by one space
when only white space stood between them and by `` | `` otherwise, so no phrase matches
across punctuation. Offsets found in the lemma text map back to the original text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from biaskit.morph import lemmatizer
from biaskit.tokens import WORD_RE, match_view

__all__ = ["LemmaView", "lemma_view"]


@dataclass(frozen=True, slots=True)
class LemmaView:
    """Lemmas joined into one string, and where each lemma's word starts and ends."""

    text: str
    _back: dict[int, int] = field(default_factory=dict)

    squeezed = True

    def to_original(self, i: int) -> int:
        """The original offset of a lemma start or end."""
        return self._back[i]


def lemma_view(text: str, language: str) -> LemmaView:
    """The lemma view of ``text`` in ``language`` (see the module docstring)."""
    view = match_view(text)
    low = view.text
    lemma = lemmatizer(language)
    pieces: list[str] = []
    back: dict[int, int] = {}
    pos = 0
    prev_end = None
    for m in WORD_RE.finditer(low):
        if prev_end is not None:
            gap = low[prev_end : m.start()]
            sep = " " if gap.isspace() and "  " not in gap else " | "
            pieces.append(sep)
            pos += len(sep)
        word = lemma(m.group())
        back[pos] = view.to_original(m.start())
        pieces.append(word)
        pos += len(word)
        back[pos] = view.to_original(m.end())
        prev_end = m.end()
    return LemmaView("".join(pieces), back)
