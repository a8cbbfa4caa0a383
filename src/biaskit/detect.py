"""Which language pack a document needs: script and function words, offline.

Only the packaged languages are told apart (English, Russian, Ukrainian). Cyrillic text is
Ukrainian when its letters and function words are (і ї є ґ; що, це, та, від), Russian when
they are (ы э ъ ё; что, это, от, как: the packs' stop words that the other language lacks);
anything else with Latin letters is English.
"""

from __future__ import annotations

import re
from functools import cache

from biaskit.language import load_language

__all__ = ["detect_language"]

_CYRILLIC_RE = re.compile(r"[а-яёіїєґўА-ЯЁІЇЄҐЎ]")
_LATIN_RE = re.compile(r"[a-zA-Z]")
_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_RU_LETTERS = frozenset("ыэъёЫЭЪЁ")
_WORD_RE = re.compile(r"[^\W\d_]+")


@cache
def _function_words() -> tuple[frozenset[str], frozenset[str]]:
    """Stop words only Ukrainian has, and only Russian has (from the language packs)."""
    uk, ru = load_language("uk").stopwords, load_language("ru").stopwords
    return uk - ru, ru - uk


def detect_language(text: str, *, default: str = "en") -> str:
    """``"en"``, ``"ru"`` or ``"uk"`` for ``text``; ``default`` when there is nothing to go on."""
    sample = text[:5000]
    cyrillic = len(_CYRILLIC_RE.findall(sample))
    latin = len(_LATIN_RE.findall(sample))
    if not cyrillic and not latin:
        return default
    if latin >= cyrillic:
        return "en"
    uk = sum(c in _UK_LETTERS for c in sample)
    ru = sum(c in _RU_LETTERS for c in sample)
    uk_words, ru_words = _function_words()
    words = [w.lower() for w in _WORD_RE.findall(sample)]
    uk += 2 * sum(w in uk_words for w in words)
    ru += 2 * sum(w in ru_words for w in words)
    return "uk" if uk > ru else "ru"
