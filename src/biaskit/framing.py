"""Framing choices per group: which names, which reporting verbs, which scare quotes."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import pandas as pd

from biaskit.lexicon import GRADES
from biaskit.score import match_frame
from biaskit.tables import is_match_table, need_columns
from biaskit.terms import quote_term
from biaskit.text import count_words, find_quotes

if TYPE_CHECKING:
    from biaskit.lexicon import Lexicon

__all__ = ["attribution_profile", "naming_shares", "scare_quotes"]


def _matches(
    df: pd.DataFrame,
    func: str,
    carry: list[str],
    *,
    text: str = "text",
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """Match-level rows with the ``carry`` metadata columns, from documents or matches."""
    if is_match_table(df):
        need_columns(df, func, *carry)
        return df
    need_columns(df, func, text, *carry)
    return match_frame(df, text, lexicon=lexicon, columns=carry)


# --- naming and attribution ------------------------------------------------------------


def naming_shares(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    freq: str | None = None,
    include_quoted: bool = False,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """Which name each group uses for each referent (Kyiv / Kiev ...), as shares.

    Counts naming matches in the outlet's own voice (``include_quoted=True`` adds quoted
    ones). Columns: group, referent, variant (the lexicon entry's term), perspective, count,
    share; shares sum to 1 per group and referent, and every variant seen for a referent is
    listed (zero-filled) for each group that names it. ``freq="M"`` (or ``"Q"``, ``"Y"`` ...)
    adds a ``period`` column from the ``date`` column and computes shares per period.
    """
    func = "naming_shares"
    carry = [by, "date"] if freq else [by]
    m = _matches(scored, func, carry, lexicon=lexicon)
    m = m[(m["category"] == "naming") & m["referent"].notna()]
    if not include_quoted:
        m = m[~m["quoted"].astype(bool)]
    keys = ["group", "period"] if freq else ["group"]
    m = m.assign(group=m[by], variant=m["term"])
    if freq:
        m = m.assign(period=pd.to_datetime(m["date"]).dt.to_period(freq))
    cols = [*keys, "referent", "variant", "perspective", "count", "share"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    counts = m.groupby([*keys, "referent", "variant"], dropna=True).size().rename("count")
    perspective = m.groupby(["referent", "variant"])["perspective"].first()
    full = _zero_fill_variants(counts.reset_index(), keys)
    full["perspective"] = [
        perspective.get((r, v)) for r, v in zip(full.referent, full.variant, strict=True)
    ]
    full["share"] = full["count"] / full.groupby([*keys, "referent"])["count"].transform("sum")
    order = [*keys, "referent", "count", "variant"]
    full = full.sort_values(order, ascending=[*([True] * (len(order) - 2)), False, True])
    return full.reset_index(drop=True)[cols]


def _zero_fill_variants(counts: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Add zero rows for variants of a referent that a group (and period) did not use."""
    variants = counts[["referent", "variant"]].drop_duplicates()
    cells = counts[[*keys, "referent"]].drop_duplicates()
    grid = cells.merge(variants, on="referent")
    out = grid.merge(counts, on=[*keys, "referent", "variant"], how="left")
    out["count"] = out["count"].fillna(0).astype(int)
    return out


def attribution_profile(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    speaker: bool = False,
    include_quoted: bool = False,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """Reporting verbs by grade (neutral, distancing, loaded) per group, in the own voice.

    Columns: group, grade, count, share (every grade listed, zero-filled; shares sum to 1 per
    group). ``speaker=True`` adds a ``speaker`` column (who the verb reports; "(unknown)"
    where no name or pronoun stands next to it) and computes shares per group and speaker.
    """
    func = "attribution_profile"
    m = _matches(scored, func, [by], lexicon=lexicon)
    m = m[m["category"] == "attribution"]
    if not include_quoted:
        m = m[~m["quoted"].astype(bool)]
    keys = ["group", "speaker"] if speaker else ["group"]
    m = m.assign(group=m[by], speaker=m["speaker"].fillna("(unknown)"))
    cols = [*keys, "grade", "count", "share"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    counts = m.groupby([*keys, "grade"]).size()
    cells = m[keys].drop_duplicates().sort_values(keys)
    grid = cells.merge(pd.DataFrame({"grade": list(GRADES)}), how="cross")
    out = grid.merge(counts.rename("count").reset_index(), on=[*keys, "grade"], how="left")
    out["count"] = out["count"].fillna(0).astype(int)
    out["share"] = out["count"] / out.groupby(keys)["count"].transform("sum")
    return out[cols].reset_index(drop=True)


# --- scare quotes --------------------------------------------------------------------------


def scare_quotes(
    scored: pd.DataFrame, *, by: str = "outlet", top: int = 10, text: str = "text"
) -> pd.DataFrame:
    """Scare quotes per group: how many, pooled per 1,000 words, and the phrases quoted.

    Columns: group, n_docs, n_words, n_scare_quotes, rate_per_1k, terms (the ``top`` most
    frequent quoted phrases, "; "-joined, written in curly quotes). Words come from the
    ``n_words`` column where present, else are counted. Sorted by rate, highest first.
    """
    func = "scare_quotes"
    need_columns(scored, func, by, text)
    per_group: dict[Any, dict[str, Any]] = {}
    has_words = "n_words" in scored.columns
    for i, (g, value) in enumerate(zip(scored[by], scored[text], strict=True)):
        if pd.isna(g):
            continue
        value = value if isinstance(value, str) else ""
        cell = per_group.setdefault(g, {"n_docs": 0, "n_words": 0, "terms": Counter()})
        cell["n_docs"] += 1
        cell["n_words"] += int(scored["n_words"].iat[i]) if has_words else count_words(value)
        cell["terms"].update(quote_term(q.inner) for q in find_quotes(value) if q.kind == "scare")
    rows = []
    for g, cell in per_group.items():
        n_quotes = sum(cell["terms"].values())
        rows.append(
            {
                "group": g,
                "n_docs": cell["n_docs"],
                "n_words": cell["n_words"],
                "n_scare_quotes": n_quotes,
                "rate_per_1k": n_quotes * 1000 / cell["n_words"] if cell["n_words"] else 0.0,
                "terms": "; ".join(t for t, _ in _most_common(cell["terms"], top)),
            }
        )
    cols = ["group", "n_docs", "n_words", "n_scare_quotes", "rate_per_1k", "terms"]
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values(["rate_per_1k", "group"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def _most_common(counts: Counter[str], top: int) -> list[tuple[str, int]]:
    """Most frequent first, ties alphabetical (Counter.most_common keeps insertion order)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
