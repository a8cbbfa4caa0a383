"""Lemmas for languages that inflect heavily (Russian, Ukrainian), cached by word form.

pymorphy3 with its Russian and Ukrainian dictionaries (installed from PyPI with the package;
nothing is downloaded at run time). A word form is analysed once per process.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import Any

__all__ = ["LEMMA_CACHE_SIZE", "finite_verb", "lemma_table", "lemmatizer", "pos_tagger"]


#: How many word forms a language's lemma table keeps before it starts again (a bound on
#: memory; lemmas are pure functions of the form, so clearing never changes a result).
LEMMA_CACHE_SIZE = 500_000


class _LemmaTable(dict[str, str]):
    """Word form -> lemma, filled on first look-up (``table[word]``: a plain dict hit)."""

    def __init__(self, analyzer: Any) -> None:
        super().__init__()
        self._parse = analyzer.parse

    def __missing__(self, word: str) -> str:
        if word.isascii() and word == word.lower():
            lemma = word  # digits and Latin words are their own lemmas in both dictionaries
        else:
            parses = self._parse(word)
            lemma = (parses[0].normal_form if parses else word).replace("ё", "е")
        if len(self) >= LEMMA_CACHE_SIZE:
            self.clear()
        self[word] = lemma
        return lemma


@cache
def _analyzer(language: str) -> Any:
    """One pymorphy3 analyser per language (its dictionaries load once per process)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@cache
def lemma_table(language: str) -> Mapping[str, str]:
    """A mapping from a lowercased word form to its lemma (``ё`` folded to ``е``), filled
    on demand and cached by form; ``table[word]`` is the fastest way to read it."""
    return _LemmaTable(_analyzer(language))


@cache
def lemmatizer(language: str) -> Callable[[str], str]:
    """A function from a lowercased word form to its lemma (``ё`` folded to ``е``)."""
    return lemma_table(language).__getitem__


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
    analyzer = _analyzer(language)

    @lru_cache(maxsize=100_000)
    def pos(word: str) -> str | None:
        parses = analyzer.parse(word)
        return _PYMORPHY_POS.get(str(parses[0].tag.POS)) if parses else None

    return pos


@cache
def finite_verb(language: str) -> Callable[[str], bool]:
    """A function telling whether a lowercased word is most likely a finite verb (not a
    participle, an infinitive or a gerund): "заявили" yes, "объявлены" no."""
    analyzer = _analyzer(language)

    @lru_cache(maxsize=100_000)
    def finite(word: str) -> bool:
        parses = analyzer.parse(word)
        return bool(parses) and str(parses[0].tag.POS) == "VERB"

    return finite
