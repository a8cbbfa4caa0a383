"""The lexicon's entry model: :class:`Entry`, its sense conditions (:class:`Sense`), its
example sentences, the field names and the values they may take.

Validation lives in :mod:`biaskit.lexicon_fields`; reading files and the matcher in
:mod:`biaskit.lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from biaskit.categories import GRADES, LEXICON_CATEGORIES

__all__ = [
    "CASES",
    "CATEGORIES",
    "FIELDS",
    "GRADES",
    "MAX_WEIGHT",
    "NUMBER_SIDES",
    "OMIT",
    "POS_TAGS",
    "SENSE_KEYS",
    "Entry",
    "Example",
    "LexiconError",
    "Sense",
]

#: Lexicon categories, in display order (from :mod:`biaskit.categories`).
CATEGORIES: tuple[str, ...] = LEXICON_CATEGORIES
MAX_WEIGHT = 3.0

FIELDS = {
    "term",
    "forms",
    "category",
    "weight",
    "neutral",
    "note",
    "source",
    "grade",
    "referent",
    "perspective",
    "case_sensitive",
    "replace",
    "examples",
    "not_examples",
    "when",
    "note_en",
    "side",
}
#: Conditions an entry may set under ``when`` (all must hold for the entry to apply).
SENSE_KEYS = (
    "pos", "prev", "prev_not", "next", "next_not", "case", "frame", "unless_frame", "number"
)
#: Coarse parts of speech a ``when: pos:`` condition may name.
POS_TAGS = ("noun", "verb", "adj", "adv", "propn")
#: ``case`` values: how the matched words are written.
CASES = ("lower", "capitalized", "upper", "title")
#: ``number`` values: where a number must stand ("soared 5%": after; "5% soar": before).
NUMBER_SIDES = ("before", "after")
#: A ``replace`` value that means "drop the words" (``self-proclaimed president``).
OMIT = "(omit)"


class LexiconError(ValueError):
    """A lexicon file or entry is invalid. The message names file, entry and field."""


@dataclass(frozen=True, slots=True)
class Sense:
    """When an entry applies: every condition set must hold (see docs/lexicon-guide.md)."""

    pos: tuple[str, ...] = ()
    prev: tuple[str, ...] = ()
    prev_not: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    next_not: tuple[str, ...] = ()
    case: str | None = None
    frame: tuple[str, ...] = ()
    unless_frame: tuple[str, ...] = ()
    number: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The conditions that are set, as a plain dict."""
        return {k: getattr(self, k) for k in SENSE_KEYS if getattr(self, k)}


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence where an entry applies, and optionally its expected neutral rewrite."""

    text: str
    rewrite: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: a term, the surface forms that count, and why it is loaded."""

    term: str
    category: str
    weight: float
    note: str
    forms: tuple[str, ...] = ()
    neutral: tuple[str, ...] = ()
    source: str | None = None
    grade: str | None = None
    referent: str | None = None
    perspective: str | None = None
    case_sensitive: bool = False
    replace: str | dict[str, str] | None = field(default=None, hash=False)
    examples: tuple[Example, ...] = ()
    not_examples: tuple[str, ...] = ()
    when: Sense | None = None
    note_en: str | None = None
    side: str | None = None
    origin: str = field(default="", compare=False)

    def replacement(self, form: str) -> str | None:
        """The drop-in replacement for the matched ``form`` (lowercased), or None."""
        if isinstance(self.replace, dict):
            return self.replace.get(" ".join(form.lower().replace("’", "'").split()))
        return self.replace

    def as_dict(self) -> dict[str, Any]:
        """The entry as a plain dict (for tables and CSV export)."""
        return {
            "term": self.term,
            "category": self.category,
            "weight": self.weight,
            "forms": list(self.forms),
            "neutral": list(self.neutral),
            "note": self.note,
            "source": self.source,
            "grade": self.grade,
            "referent": self.referent,
            "perspective": self.perspective,
            "replace": self.replace if not isinstance(self.replace, dict) else dict(self.replace),
            "when": self.when.as_dict() if self.when else None,
            "side": self.side,
        }
