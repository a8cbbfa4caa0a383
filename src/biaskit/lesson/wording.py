"""The words of the lesson site and its exercises, read from package data.

``site_text.yaml`` holds the site's words in each article language (en, ru, uk);
``exercises.yaml`` the exercise questions and the general part of each answer. A language
without its own words falls back to English.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["LANGUAGES", "Exercise", "exercises", "words"]

LANGUAGES: tuple[str, ...] = ("en", "ru", "uk")


def _read(name: str) -> Any:
    text = resources.files("biaskit.lesson").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def _all_words() -> dict[str, dict[str, str]]:
    data = _read("site_text.yaml")
    missing = {lang: set(data["en"]) - set(data.get(lang, {})) for lang in LANGUAGES}
    bad = {lang: sorted(keys) for lang, keys in missing.items() if keys}
    if bad:
        raise ValueError(f"site_text.yaml: words missing for {bad}")
    return data


def words(language: str | None) -> dict[str, str]:
    """The site's words in ``language`` (English when there are none in that language)."""
    data = _all_words()
    return data.get(str(language or "en"), data["en"])


@dataclass(frozen=True)
class Exercise:
    """One exercise: its id, the kind of computed answer, question and comment per language."""

    id: str
    kind: str
    question: dict[str, str]
    comment: dict[str, str]

    def ask(self, language: str) -> str:
        """The question in ``language`` (English as fallback)."""
        return self.question.get(language, self.question["en"])

    def remark(self, language: str) -> str:
        """The general part of the answer in ``language`` (English as fallback)."""
        return self.comment.get(language, self.comment.get("en", ""))


KINDS = ("predict", "naming", "scare_quotes", "verbs", "labels", "fewest", "concept")


@cache
def exercises() -> tuple[Exercise, ...]:
    """The exercises, in order."""
    out = []
    for i, item in enumerate(_read("exercises.yaml")):
        if item.get("kind") not in KINDS:
            raise ValueError(f"exercises.yaml item {i}: kind must be one of {KINDS}")
        if "en" not in item.get("question", {}):
            raise ValueError(f"exercises.yaml item {i}: needs an English question")
        out.append(Exercise(item["id"], item["kind"], item["question"], item.get("comment", {})))
    return tuple(out)
