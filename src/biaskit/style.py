"""Shared look: one colour and one plain-words name per category, for highlights and charts.

Colours are the Okabe-Ito palette, which stays distinguishable with the common
forms of colour blindness.
"""

from __future__ import annotations

__all__ = ["CATEGORY_COLORS", "CATEGORY_LABELS", "GRADE_COLORS", "tint"]

CATEGORY_COLORS: dict[str, str] = {
    "label": "#D55E00",  # vermillion
    "loaded": "#E69F00",  # orange
    "attribution": "#CC79A7",  # reddish purple
    "hedge": "#56B4E9",  # sky blue
    "intensifier": "#F0E442",  # yellow
    "naming": "#009E73",  # bluish green
    "scare_quote": "#0072B2",  # blue
}

CATEGORY_LABELS: dict[str, str] = {
    "label": "Label (name-calling)",
    "loaded": "Loaded word",
    "attribution": "Reporting verb",
    "hedge": "Hedge",
    "intensifier": "Intensifier",
    "naming": "Naming choice",
    "scare_quote": "Scare quotes",
}

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
