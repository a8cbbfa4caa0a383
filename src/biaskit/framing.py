"""Framing choices per group: which names, which reporting verbs, which scare quotes."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from biaskit.categories import GRADES
from biaskit.quotes import quote_term
from biaskit.scored import ScoredCorpus, require_scored
from biaskit.tables import is_match_table, need_columns

__all__ = ["attribution_profile", "naming_shares", "scare_quotes"]


def _matches(scored: ScoredCorpus | pd.DataFrame, func: str, carry: list[str]) -> pd.DataFrame:
    """The match table with the ``carry`` document columns (from a ScoredCorpus, or a match
    table such as ``scored.matches`` filtered by the caller)."""
    if isinstance(scored, pd.DataFrame) and is_match_table(scored):
        need_columns(scored, func, *carry)
        return scored
    scored = require_scored(scored, func)
    m = scored.matches
    missing = [c for c in carry if c not in m.columns]
    if missing:  # a grouping column not carried by default (lean, topic ...)
        need_columns(scored.docs, func, *missing)
        extra = scored.docs[[scored.id, *missing]]
        m = m.merge(extra, on=scored.id, how="left")
    return m


def _in_voices(m: pd.DataFrame, include_quoted: bool) -> pd.DataFrame:
    """Own-voice, non-negated matches (every voice with ``include_quoted``)."""
    if include_quoted:
        return m
    keep = m["voice"] == "own" if "voice" in m.columns else ~m["quoted"].astype(bool)
    return m[keep]


# --- naming and attribution ------------------------------------------------------------


def naming_shares(
    scored: ScoredCorpus | pd.DataFrame,
    *,
    by: str = "outlet",
    freq: str | None = None,
    include_quoted: bool = False,
) -> pd.DataFrame:
    """Which name each group uses for each referent (Kyiv / Kiev ...), as shares.

    ``scored`` is a :class:`~biaskit.scored.ScoredCorpus` (or its ``matches`` table). Counts
    naming matches in the outlet's own voice (``include_quoted=True`` adds quoted and
    reported ones: "what Moscow calls a special military operation" is Moscow's name).
    Columns: group, referent, variant (the lexicon entry's term), perspective, count, share;
    shares sum to 1 per group and referent, and every variant seen for a referent is listed
    (zero-filled) for each group that names it. ``freq="M"`` (or ``"Q"``, ``"Y"`` ...)
    adds a ``period`` column from the ``date`` column and computes shares per period.
    """
    func = "naming_shares"
    carry = [by, "date"] if freq else [by]
    m = _matches(scored, func, carry)
    m = _in_voices(m[(m["category"] == "naming") & m["referent"].notna()], include_quoted)
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
    scored: ScoredCorpus | pd.DataFrame,
    *,
    by: str = "outlet",
    speaker: bool = False,
    include_quoted: bool = False,
) -> pd.DataFrame:
    """Reporting verbs by grade (neutral, distancing, loaded) per group, in the own voice.

    Columns: group, grade, count, share (every grade listed, zero-filled; shares sum to 1 per
    group). ``speaker=True`` adds a ``speaker`` column (who the verb reports; "(unknown)"
    where no name or pronoun stands next to it) and computes shares per group and speaker.
    """
    func = "attribution_profile"
    m = _matches(scored, func, [by])
    m = _in_voices(m[m["category"] == "attribution"], include_quoted)
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


def scare_quotes(scored: ScoredCorpus, *, by: str = "outlet", top: int = 10) -> pd.DataFrame:
    """Scare quotes per group: how many, pooled per 1,000 words, and the phrases quoted.

    Columns: group, n_docs, n_words, n_scare_quotes, rate_per_1k, terms (the ``top`` most
    frequent quoted phrases, "; "-joined, written in curly quotes). Sorted by rate, highest
    first.
    """
    func = "scare_quotes"
    scored = require_scored(scored, func)
    docs = scored.docs
    need_columns(docs, func, by)
    group_of = dict(zip(docs[scored.id], docs[by], strict=True))
    per_group: dict[Any, dict[str, Any]] = {}
    for g, n_words in zip(docs[by], docs["n_words"], strict=True):
        if pd.isna(g):
            continue
        cell = per_group.setdefault(g, {"n_docs": 0, "n_words": 0, "terms": Counter()})
        cell["n_docs"] += 1
        cell["n_words"] += int(n_words)
    q = scored.quotes
    for doc, inner in zip(q[scored.id], q["quote"].where(q["kind"] == "scare"), strict=True):
        g = group_of.get(doc)
        if isinstance(inner, str) and g in per_group:
            per_group[g]["terms"][quote_term(inner)] += 1
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
