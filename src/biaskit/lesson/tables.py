"""Tables for teachers: plain column names, whole cells, outside text shown as text.

:class:`Table` is a DataFrame (everything pandas does works on it) that Jupyter shows with
every cell in full, however ``display.max_colwidth`` is set, with HTML in the data escaped
and ``$`` never typeset as mathematics.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from biaskit.score import SCORE_CATEGORIES, Score
from biaskit.style import CATEGORY_LABELS

__all__ = ["NUMBER_NAMES", "PLAIN_NAMES", "Table", "as_table", "explain", "story_numbers", "table"]

#: Column names of biaskit tables in plain words.
PLAIN_NAMES: dict[str, str] = {
    "id": "Article id",
    "outlet": "Outlet",
    "lean": "Lean",
    "outlet_type": "Outlet type",
    "story": "Story",
    "date": "Date",
    "title": "Title",
    "text": "Text",
    "group": "Group",
    "n_docs": "Articles",
    "n_words": "Words",
    "n_matches": "Matches",
    "n_clusters": "Clusters resampled",
    "enough": "Enough articles for an interval",
    "rate": "Rate",
    "ci_low": "Interval from",
    "ci_high": "Interval to",
    "loaded": "Loaded weight (own voice)",
    "loaded_all": "Loaded weight (quotes included)",
    "loaded_per_1k": "Loaded words per 1,000",
    "loaded_all_per_1k": "Loaded words per 1,000 (quotes included)",
    "quoted_share": "Share of words in quotes",
    "polarity": "Sentiment polarity",
    "subjectivity": "Subjectivity",
    "reference": "Compared with",
    "pair": "Story",
    "n_pairs": "Stories",
    "mean_diff": "Mean difference",
    "p_value": "p-value",
    "reference_rate": "Reference rate",
    "diff": "Difference",
    "words": "Words found",
    "category": "Kind",
    "weight": "Weight",
    "voice": "Voice",
    "why": "Why it counts",
    "instead": "Neutral alternative",
    "offsets": "Where (characters)",
    "term": "Term",
    "count": "Count",
    "share": "Share",
    "z": "How typical (z)",
    "referent": "Referent",
    "variant": "Name used",
    "perspective": "Perspective",
    "grade": "Grade",
    **{f"rate_{c}": f"{CATEGORY_LABELS[c]} per 1,000" for c in SCORE_CATEGORIES},
}


class Table(pd.DataFrame):
    """A DataFrame shown in full: no cell cut short with "...", HTML escaped, no maths."""

    @property
    def _constructor(self) -> type[Table]:
        return Table

    def _repr_html_(self) -> str | None:
        with pd.option_context("display.max_colwidth", None, "display.html.use_mathjax", False):
            return super()._repr_html_()


def table(data: pd.DataFrame, *, digits: int | None = None) -> Table:
    """``data`` with plain column names (``loaded_per_1k`` -> "Loaded words per 1,000"),
    numbers rounded to ``digits``, shown in full (:class:`Table`)."""
    out = data.rename(columns=lambda c: PLAIN_NAMES.get(c, c) if isinstance(c, str) else c)
    if digits is not None:
        out = out.round(digits)
    return Table(out)


def explain(s: Score, *, include_zero: bool = False) -> Table:
    """:meth:`biaskit.Score.explain` with plain column names and categories, notes in full."""
    found = s.explain(include_zero=include_zero)
    found = found.assign(category=found["category"].map(lambda c: CATEGORY_LABELS.get(c, c)))
    return table(found)


#: The kit's two measures per article, named for a class (the lesson site uses the same words).
NUMBER_NAMES: dict[str, str] = {
    "outlet": "Outlet",
    "n_words": "Words",
    "loaded_per_1k": "Loaded words per 1,000 words",
    "stance_per_1k": "Careful/distancing sourcing (stance) per 1,000 words",
}


def story_numbers(docs: pd.DataFrame, story: str, *, digits: int = 1) -> Table:
    """Both measures for every article on ``story`` (``docs``: ``scored.docs``), most loaded
    first, with plain column names."""
    rows = docs[docs["story"] == story]
    if rows.empty:
        raise ValueError(f"story_numbers: no story {story!r}")
    rows = rows.sort_values(["loaded_per_1k", "outlet"], ascending=[False, True])
    out = rows[list(NUMBER_NAMES)].rename(columns=NUMBER_NAMES).round(digits)
    return Table(out.reset_index(drop=True))


def as_table(data: pd.DataFrame, **attrs: Any) -> Table:
    """``data`` as a :class:`Table`, with ``attrs`` added."""
    out = Table(data)
    out.attrs.update(attrs)
    return out
