"""Shared look: one colour and one plain-words name per category, for highlights and charts.

Read from the category registry (:mod:`biaskit.categories`). Colours are the Okabe-Ito
palette, which stays distinguishable with the common forms of colour blindness.
"""

from __future__ import annotations

from biaskit.categories import CATEGORIES, category

__all__ = ["CATEGORY_COLORS", "CATEGORY_LABELS", "GRADE_COLORS", "tint"]

CATEGORY_COLORS: dict[str, str] = {c: category(c).color for c in CATEGORIES}
CATEGORY_LABELS: dict[str, str] = {c: category(c).label for c in CATEGORIES}

GRADE_COLORS: dict[str, str] = {
    "neutral": "#999999",
    "distancing": "#56B4E9",
    "loaded": "#D55E00",
}


def tint(hex_color: str, alpha: float) -> str:
    """``rgba()`` CSS for ``hex_color`` at opacity ``alpha``."""
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha:g})"
