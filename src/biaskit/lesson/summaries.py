"""Small tables that condense a biaskit result for a class: sentiment against the lexicon,
how actors are introduced, distinctive words side by side, contested names."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from biaskit.lesson.tables import Table
from biaskit.lexicon import Lexicon, load_lexicon
from biaskit.score import Score

__all__ = ["naming_summary", "pick_referent", "sentiment_vs_lexicon", "terms_table", "top_labels"]


def _tone(polarity: float, threshold: float = 0.1) -> str:
    if polarity >= threshold:
        return "positive"
    if polarity <= -threshold:
        return "negative"
    return "neutral"


def sentiment_vs_lexicon(
    sentences: Iterable[str], *, lexicon: Lexicon | None = None, threshold: float = 0.1
) -> Table:
    """For each sentence: TextBlob's polarity and reading next to what the lexicon finds.

    Columns: sentence, polarity (TextBlob, -1 to 1), TextBlob reads it as (negative, neutral or
    positive; neutral within ``threshold`` of 0), loaded expressions found (term and category)
    and loaded weight (own voice).
    """
    lex = lexicon if lexicon is not None else load_lexicon()
    rows = []
    for text in sentences:
        s = Score(text, lex)
        found = [f"{m.text} ({m.category})" for m in s.matches if m.weight > 0 and not m.quoted]
        rows.append(
            {
                "sentence": text,
                "polarity": round(s.polarity, 2),
                "TextBlob reads it as": _tone(s.polarity, threshold),
                "loaded expressions found": "; ".join(found) if found else "(none)",
                "loaded weight": round(s.loaded, 2),
            }
        )
    return Table(rows)


def top_labels(labels: pd.DataFrame, actor: str, *, n: int = 3) -> Table:
    """How each group most often introduces ``actor``: :func:`biaskit.actor_labels` condensed.

    One row per group: mentions, share with a descriptor, the ``n`` most frequent descriptors
    (with counts) and the loaded terms among them.
    """
    sub = labels[labels["actor"] == actor]
    if sub.empty:
        actors = sorted(labels["actor"].unique())
        raise ValueError(f"top_labels: no actor {actor!r}; actors are {actors}")
    rows = []
    for group, g in sub.groupby("group", sort=True):
        described = g[g["descriptor"] != "(none)"].sort_values(
            ["count", "descriptor"], ascending=[False, True]
        )
        loaded = sorted({t for ts in g["loaded_terms"] for t in ts.split("; ") if t})
        top = zip(described["descriptor"][:n], described["count"][:n], strict=True)
        rows.append(
            {
                "group": group,
                "mentions": int(g["count"].sum()),
                "with a descriptor": f"{described['count'].sum() / g['count'].sum():.0%}",
                "most frequent descriptors": "; ".join(f"{d} ({c})" for d, c in top) or "—",
                "loaded terms": "; ".join(loaded) or "—",
            }
        )
    return Table(rows)


def terms_table(distinctive: pd.DataFrame, *, n: int = 10) -> Table:
    """:func:`biaskit.distinctive_terms` output as one column per group: "term (z)" by rank."""
    cols = {}
    for group, g in distinctive.groupby("group", sort=True):
        top = g.sort_values(["z", "term"], ascending=[False, True]).head(n)
        cells = [f"{t} ({z:.1f})" for t, z in zip(top["term"], top["z"], strict=True)]
        cols[str(group)] = cells + [""] * (n - len(cells))
    return Table(cols, index=pd.RangeIndex(1, n + 1, name="rank"))


def naming_summary(shares: pd.DataFrame) -> Table:
    """One row per referent of :func:`biaskit.naming_shares`: how contested its name is.

    Columns: referent, mentions, variants (each used variant with its count), main variants
    (how many different variants are some group's most used one), most contested first.
    """
    rows = []
    for referent, sub in shares[shares["count"] > 0].groupby("referent", sort=True):
        totals = sub.groupby("variant")["count"].sum().sort_values(ascending=False, kind="stable")
        main = sub.sort_values(["count", "variant"], ascending=[False, True]).groupby("group")
        rows.append(
            {
                "referent": referent,
                "mentions": int(totals.sum()),
                "variants": "; ".join(f"{v} ({c})" for v, c in totals.items()),
                "main variants": main["variant"].first().nunique(),
            }
        )
    out = Table(rows, columns=["referent", "mentions", "variants", "main variants"])
    out = out.sort_values(
        ["main variants", "mentions", "referent"], ascending=[False, False, True], kind="stable"
    )
    return out.reset_index(drop=True)


def pick_referent(shares: pd.DataFrame, referent: str | None = None) -> str:
    """``referent`` if given, else the most contested one of :func:`naming_summary`."""
    if referent is not None:
        return referent
    summary = naming_summary(shares)
    if summary.empty:
        raise ValueError("pick_referent: no naming matches in the corpus")
    return str(summary["referent"].iloc[0])
