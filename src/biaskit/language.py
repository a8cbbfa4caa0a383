"""Language packs: the word lists the text rules read, one folder per language.

A pack is ``biaskit/lang/<code>/``: ``language.yaml`` (quote marks, abbreviations, reporting
verbs, negators, frames, stop words, role nouns ...) and ``lexicon/*.yaml``. Adding a
language is adding a folder. Word lists are YAML lists or folded blocks of space-separated
words; a phrase is written with underscores (``according_to``) or as a list item with spaces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

__all__ = ["Language", "available_languages", "load_language"]

Phrase = tuple[str, ...]


class LanguageError(ValueError):
    """A language pack is missing or invalid."""


@dataclass(frozen=True)
class Language:
    """One language's data. Word sets hold lowercased words (lemmas for ``match="lemma"``)."""

    code: str
    name: str
    name_native: str = ""
    match: Literal["surface", "lemma"] = "surface"
    lemmatizer: str | None = None
    quote_pairs: tuple[str, ...] = ("“”", '""')
    single_quote_pairs: tuple[str, ...] = ()
    apostrophes: tuple[str, ...] = ("'", "’")
    abbreviations: frozenset[str] = frozenset()
    reporting_words: frozenset[str] = frozenset()
    utterance_nouns: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    role_nouns: frozenset[str] = frozenset()
    not_title: frozenset[str] = frozenset()
    title_small_words: frozenset[str] = frozenset()
    speaker_nouns: frozenset[str] = frozenset()
    speaker_pronouns: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    attribution_phrases: tuple[Phrase, ...] = ()
    determiners: frozenset[str] = frozenset()
    what_calls: frozenset[str] = frozenset()
    negators: frozenset[str] = frozenset()
    negation_phrases: tuple[Phrase, ...] = ()
    negation_undone: frozenset[str] = frozenset()
    negation_copulas: frozenset[str] = frozenset()
    denial_verbs: frozenset[str] = frozenset()
    clause_breaks: frozenset[str] = frozenset()
    negation_scope_breaks: frozenset[str] = frozenset()
    mention_nouns: frozenset[str] = frozenset()
    content_clause_starts: frozenset[str] = frozenset()
    naming_verbs_with_as: frozenset[str] = frozenset()
    reporting_with_object: frozenset[str] = frozenset()
    clause_verbs: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    label_verbs: frozenset[str] = frozenset()
    opinion_markers: tuple[Phrase, ...] = ()
    distancing_phrases: tuple[Phrase, ...] = ()
    quoted_names: bool = False  # names of firms, units, works are quoted («Азов»): not scare quotes
    phrase_statements: bool = False  # a match's phrase runs across commas (biaskit.phrases)
    frames: dict[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)

    @property
    def quote_marks(self) -> str:
        """Every double quotation mark of the language, opening and closing."""
        return "".join(dict.fromkeys("".join(self.quote_pairs)))


# Keys of packs written with other names for the same list (ru, uk).
_ALIASES = {
    "reporting_verbs": "speech_verbs",
    "calls_verbs": "naming_verbs",
    "negation": "negators",
    "pronouns": None,  # kept in the file for people; not read by the rules
}
_WORD_SETS = {
    "abbreviations",
    "reporting_words",
    "utterance_nouns",
    "stopwords",
    "role_nouns",
    "not_title",
    "title_small_words",
    "speaker_nouns",
    "speaker_pronouns",
    "speech_verbs",
    "naming_verbs",
    "determiners",
    "what_calls",
    "negators",
    "negation_undone",
    "negation_copulas",
    "denial_verbs",
    "clause_breaks",
    "negation_scope_breaks",
    "mention_nouns",
    "content_clause_starts",
    "naming_verbs_with_as",
    "reporting_with_object",
    "clause_verbs",
    "auxiliaries",
    "copulas",
    "label_verbs",
}
_PHRASES = {"attribution_phrases", "negation_phrases", "opinion_markers", "distancing_phrases"}
_TEXT = {"code", "name", "name_native", "match", "lemmatizer"}
_TUPLES = {"quote_pairs", "single_quote_pairs", "apostrophes"}
_FLAGS = {"quoted_names", "phrase_statements"}


def _words(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return [str(v) for v in value]
    raise LanguageError(f"{where}: expected a list of words or a block of words")


def _phrase(item: str) -> Phrase:
    return tuple(item.lower().replace("_", " ").split())


def available_languages() -> list[str]:
    """Codes of the packaged languages (folders of ``biaskit/lang`` with a language.yaml)."""
    root = resources.files("biaskit").joinpath("lang")
    return sorted(
        p.name for p in root.iterdir() if p.is_dir() and p.joinpath("language.yaml").is_file()
    )


@cache
def load_language(code: str = "en") -> Language:
    """The packaged language pack ``code`` (``"en"``, ``"ru"``, ``"uk"`` ...)."""
    path = resources.files("biaskit").joinpath("lang", code, "language.yaml")
    if not path.is_file():
        raise LanguageError(
            f"no language pack {code!r} (available: {', '.join(available_languages())})"
        )
    where = f"biaskit:lang/{code}/language.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict):
        raise LanguageError(f"{where}: expected a mapping")
    kwargs: dict[str, Any] = {}
    for key, value in doc.items():
        key = _ALIASES.get(key, key) if key in _ALIASES else key
        if key is None:
            continue
        if key in _TEXT:
            kwargs[key] = str(value)
        elif key in _FLAGS:
            if not isinstance(value, bool):
                raise LanguageError(f"{where}: {key}: expected true or false")
            kwargs[key] = value
        elif key in _TUPLES:
            kwargs[key] = tuple(_words(value, f"{where}: {key}"))
        elif key in _WORD_SETS:
            words = {w.lower() for w in _words(value, f"{where}: {key}")}
            kwargs[key] = frozenset(kwargs.get(key, frozenset()) | words)
        elif key in _PHRASES:
            kwargs[key] = tuple(_phrase(w) for w in _words(value, f"{where}: {key}"))
        elif key == "frames":
            if not isinstance(value, dict):
                raise LanguageError(f"{where}: frames: expected a mapping of name to words")
            kwargs["frames"] = {
                str(k): frozenset(w.lower() for w in _words(v, f"{where}: frames: {k}"))
                for k, v in value.items()
            }
        elif key == "reporting_nouns":
            nouns = {w.lower() for w in _words(value, f"{where}: {key}")}
            kwargs["utterance_nouns"] = frozenset(kwargs.get("utterance_nouns", set()) | nouns)
        else:
            raise LanguageError(f"{where}: unknown key {key!r}")
    if kwargs.get("code") != code:
        raise LanguageError(f"{where}: code is {kwargs.get('code')!r}, expected {code!r}")
    lang = Language(**kwargs)
    if not lang.reporting_words:  # packs that list verbs and nouns apart
        object.__setattr__(lang, "reporting_words", lang.speech_verbs | lang.utterance_nouns)
    return lang
