"""The category registry: one place that says what each kind of match is and how it counts.

Each category has a colour (Okabe-Ito, safe for colour-blind readers), a plain-words label,
the measure it adds to, and whether word-level evaluation compares it with annotated words.

Two measures are kept apart:

- ``loaded``: the outlet's own choice of charged words (labels, loaded words, euphemisms,
  intensifiers, loaded naming variants, scare quotes, loaded reporting verbs such as
  "boasted");
- ``stance``: how far the outlet distances itself from a claim (hedges such as
  "reportedly" and distancing verbs such as "claimed"). Careful sourcing is not bias, so it
  is not part of ``loaded``; transparent caveats ("it is unclear") weigh nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "CATEGORIES",
    "GRADES",
    "MEASURES",
    "Category",
    "category",
    "measure_of",
]

Measure = Literal["loaded", "stance"]
MEASURES: tuple[Measure, ...] = ("loaded", "stance")
#: Grades of reporting verbs, from neutral to loaded.
GRADES: tuple[str, ...] = ("neutral", "distancing", "loaded")


@dataclass(frozen=True, slots=True)
class Category:
    """One kind of match."""

    name: str
    label: str
    color: str
    measure: Measure
    word_level: bool
    from_lexicon: bool = True


_REGISTRY: tuple[Category, ...] = (
    Category("label", "Label (name-calling)", "#D55E00", "loaded", True),
    Category("loaded", "Loaded word", "#E69F00", "loaded", True),
    Category("euphemism", "Euphemism", "#882255", "loaded", True),
    Category("attribution", "Reporting verb", "#CC79A7", "loaded", True),
    Category("hedge", "Hedge", "#56B4E9", "stance", False),
    Category("intensifier", "Intensifier", "#F0E442", "loaded", True),
    Category("naming", "Naming choice", "#009E73", "loaded", False),
    Category("scare_quote", "Scare quotes", "#0072B2", "loaded", False, from_lexicon=False),
)
_BY_NAME = {c.name: c for c in _REGISTRY}

#: Every category, in display order (``scare_quote`` is found by rule, not listed in lexicons).
CATEGORIES: tuple[str, ...] = tuple(c.name for c in _REGISTRY)
#: Categories a lexicon entry may have.
LEXICON_CATEGORIES: tuple[str, ...] = tuple(c.name for c in _REGISTRY if c.from_lexicon)


def category(name: str) -> Category:
    """The registered category called ``name`` (KeyError naming the known ones otherwise)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown category {name!r} (one of {', '.join(CATEGORIES)})") from None


def measure_of(category_name: str, grade: str | None = None) -> Measure:
    """The measure a match adds to: reporting verbs graded ``distancing`` add to stance."""
    if category_name == "attribution" and grade in ("distancing", "neutral"):
        return "stance"
    return _BY_NAME[category_name].measure
