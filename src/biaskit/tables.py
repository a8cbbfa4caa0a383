"""Checks shared by the functions that take DataFrames: the columns they need."""

from __future__ import annotations

import pandas as pd

__all__ = ["docs_of", "is_match_table", "need_columns"]


def need_columns(df: pd.DataFrame, func: str, *columns: str) -> None:
    """Raise a KeyError naming the first missing column."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{func}: expected a pandas DataFrame, got {type(df).__name__}")
    for c in columns:
        if c not in df.columns:
            raise KeyError(f"{func}: no column {c!r}; columns are {list(df.columns)}")


def is_match_table(df: pd.DataFrame) -> bool:
    """True for :func:`biaskit.match_frame` output (one row per match)."""
    return {"category", "term", "quoted", "start", "end"}.issubset(df.columns)


def docs_of(scored: object) -> pd.DataFrame:
    """The document table of a :class:`~biaskit.scored.ScoredCorpus`, or ``scored`` itself
    when it already is a DataFrame (the output of :func:`biaskit.score_frame`)."""
    docs = getattr(scored, "docs", None)
    return docs if isinstance(docs, pd.DataFrame) else scored  # type: ignore[return-value]
