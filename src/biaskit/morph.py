"""Lemmas for languages that inflect heavily (Russian, Ukrainian), cached by word form.

pymorphy3 with its Russian and Ukrainian dictionaries (installed from PyPI with the package;
nothing is downloaded at run time). A word form is analysed once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

__all__ = ["finite_verb", "lemmatizer", "pos_tagger"]


@cache
def lemmatizer(language: str) -> Callable[[str], str]:
    """A function from a lowercased word form to its lemma (``ё`` folded to ``е``)."""
    import pymorphy3

    analyzer = pymorphy3.MorphAnalyzer(lang=language)

    @lru_cache(maxsize=500_000)
    def lemma(word: str) -> str:
        parses = analyzer.parse(word)
        return (parses[0].normal_form if parses else word).replace("ё", "е")

    return lemma


_PYMORPHY_POS = {
    "NOUN": "noun",
    "VERB": "verb",
    "INFN": "verb",
    "PRTF": "adj",
    "PRTS": "verb",
    "GRND": "verb",
    "ADJF": "adj",
    "ADJS": "adj",
    "COMP": "adj",
    "ADVB": "adv",
}


@cache
def pos_tagger(language: str) -> Callable[[str], str | None]:
    """A function from a lowercased word to its likeliest coarse part of speech."""
    import pymorphy3

    analyzer = pymorphy3.MorphAnalyzer(lang=language)

    @lru_cache(maxsize=100_000)
    def pos(word: str) -> str | None:
        parses = analyzer.parse(word)
        return _PYMORPHY_POS.get(str(parses[0].tag.POS)) if parses else None

    return pos


@cache
def finite_verb(language: str) -> Callable[[str], bool]:
    """A function telling whether a lowercased word is most likely a finite verb (not a
    participle, an infinitive or a gerund): "заявили" yes, "объявлены" no."""
    import pymorphy3

    analyzer = pymorphy3.MorphAnalyzer(lang=language)

    @lru_cache(maxsize=100_000)
    def finite(word: str) -> bool:
        parses = analyzer.parse(word)
        return bool(parses) and str(parses[0].tag.POS) == "VERB"

    return finite
