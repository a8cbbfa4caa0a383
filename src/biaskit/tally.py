"""One tally per scored text: counts and weighted sums by category and measure, added up
once from its hits and read by every property and the summary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from biaskit.categories import CATEGORIES, GRADES, measure_of
from biaskit.match import Hit

__all__ = ["Tally"]


@dataclass(frozen=True)
class Tally:
    """Counts and weighted sums of one text, added up once from its hits."""

    loaded: float
    loaded_all: float
    stance: float
    n_matches: int
    counts: dict[str, int]
    weights: dict[str, float]
    grades: dict[str, int]
    n_reported: int
    n_negated: int

    @classmethod
    def of(cls, hits: Iterable[Hit], voices: frozenset[str], count_negated: bool) -> Tally:
        """Add up ``hits``: those in ``voices`` (and not negated, unless asked) count."""
        counts = dict.fromkeys(CATEGORIES, 0)
        weights = dict.fromkeys(CATEGORIES, 0.0)
        grades = dict.fromkeys(GRADES, 0)
        loaded = loaded_all = stance = 0.0
        n_matches = n_reported = n_negated = 0
        for h in hits:
            n_reported += h.voice == "reported"
            n_negated += h.negated
            if h.negated and not count_negated:
                continue
            grade = h.entry.grade if h.entry is not None else None
            measure = measure_of(h.category, grade)
            if measure == "loaded":
                loaded_all += h.weight
            if h.voice not in voices:
                continue
            weights[h.category] += h.weight
            if h.category == "attribution":
                grades[grade] += 1
            if h.weight > 0:
                counts[h.category] += 1
            if measure == "loaded":
                loaded += h.weight
                n_matches += h.weight > 0
            else:
                stance += h.weight
        return cls(
            loaded=round(loaded, 6),
            loaded_all=round(loaded_all, 6),
            stance=round(stance, 6),
            n_matches=n_matches,
            counts=counts,
            weights={k: round(v, 6) for k, v in weights.items()},
            grades=grades,
            n_reported=n_reported,
            n_negated=n_negated,
        )
