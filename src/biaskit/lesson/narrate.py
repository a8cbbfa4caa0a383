"""Comparison tables read out in plain words, saying what the intervals allow.

The readings state how many documents (or stories) each number rests on and how it was
computed; they rank only groups with an interval, call two groups "clearly apart" only when
both have intervals and the intervals do not overlap, and say which groups had too few
documents. Names from the data are escaped (:func:`biaskit.escape.markdown`).
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import pandas as pd

from biaskit.compare import ALL_OTHERS
from biaskit.escape import markdown, no_math
from biaskit.tables import need_columns

__all__ = ["Markdown", "describe_paired", "describe_rates"]


class Markdown(str):
    """A string of Markdown that Jupyter displays rendered (inside an element MathJax skips,
    so an escaped ``$`` in a name stays a dollar sign)."""

    def _repr_markdown_(self) -> str:
        return no_math(str(self))


def _fmt(value: Any, digits: int = 1, sign: str = "") -> str:
    return "n/a" if _missing(value) else f"{value:{sign}.{digits}f}"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value)


def _has_interval(row: Any) -> bool:
    return not (_missing(row.ci_low) or _missing(row.ci_high))


def _enough(table: pd.DataFrame) -> pd.Series:
    """The ``enough`` column (missing: every group has enough), False without an interval."""
    enough = (
        table["enough"].fillna(False).astype(bool)
        if "enough" in table
        else pd.Series(True, index=table.index)
    )
    return enough & table["ci_low"].notna() & table["ci_high"].notna()


def _plural(word: str, n: int = 2) -> str:
    """ "story" -> "stories", "outlet" -> "outlets" (for n other than 1)."""
    if n == 1:
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def _docs(row: Any) -> str:
    n = int(row.n_docs)
    text = f"{n} article" + ("" if n == 1 else "s")
    clusters = getattr(row, "n_clusters", None)
    if not _missing(clusters):
        text += f" in {int(clusters)} cluster" + ("" if int(clusters) == 1 else "s")
    return text


#: A group whose quoted share is at least this is "mostly quotation" in the readings.
MOSTLY_QUOTED = 0.5


def _quoted_note(row: Any) -> str:
    share = getattr(row, "quoted_share", None)
    if _missing(share) or share < MOSTLY_QUOTED:
        return ""
    return (
        f"; mostly quotation: {share:.0%} of its words are inside direct quotes, which are the "
        "speakers' words, not counted as its own"
    )


def describe_rates(table: pd.DataFrame, *, unit: str = "loaded words per 1,000 words") -> Markdown:
    """:func:`biaskit.compare` output read out in plain words, with what the intervals allow.

    Ranks the groups with enough documents for an interval (highest first), says which
    neighbours are clearly apart (both intervals, not overlapping) and which cannot be told
    apart, and lists the groups with too few documents, with their number, unranked.
    """
    need_columns(table, "describe_rates", "group", "n_docs", "rate", "ci_low", "ci_high")
    ci = table.attrs.get("ci", 0.95)
    by = str(table.attrs.get("by", "group")).replace("_", " ")
    enough = _enough(table)
    ranked = table[enough].sort_values(["rate", "group"], ascending=[False, True], kind="stable")
    unranked = table[~enough]
    lines = [
        f"Each rate is {unit}, pooled over the {by}'s articles (the total weight of what is "
        f"counted, divided by all their words). The {ci:.0%} interval is the range the rate "
        "could plausibly be in, found by resampling the articles (bootstrap); n is the number "
        "of articles.",
        "",
    ]
    for r in ranked.itertuples(index=False):
        lines.append(
            f"- **{markdown(r.group)}**: {_fmt(r.rate)} (between {_fmt(r.ci_low)} and "
            f"{_fmt(r.ci_high)}), n = {_docs(r)}{_quoted_note(r)}"
        )
    for r in unranked.itertuples(index=False):
        lines.append(
            f"- **{markdown(r.group)}**: {_fmt(r.rate)}, n = {_docs(r)}: too few documents for "
            f"an interval, so it is not ranked{_quoted_note(r)}"
        )
    if len(ranked) >= 2:
        top, bottom = ranked.iloc[0], ranked.iloc[-1]
        apart, close = [], []
        for a, b in itertools.pairwise(ranked.itertuples(index=False)):
            pair = f"{markdown(a.group)} and {markdown(b.group)}"
            (apart if a.ci_low > b.ci_high else close).append(pair)
        lines += [
            "",
            f"Among the groups with an interval, **{markdown(top['group'])}** has the highest "
            f"rate and **{markdown(bottom['group'])}** the lowest. Taking neighbours in this "
            "ranking two at a time:",
            "",
        ]
        if apart:
            lines.append(
                "- clearly apart (the intervals do not overlap): " + "; ".join(apart) + "."
            )
        if close:
            lines.append(
                "- too close to rank on this data (the intervals overlap): "
                + "; ".join(close)
                + "."
            )
    elif len(table) >= 2:
        lines += ["", "Fewer than two groups have an interval: no ranking on this data."]
    if len(unranked):
        names = ", ".join(
            f"{markdown(g)} ({int(n)})" for g, n in unranked[["group", "n_docs"]].values
        )
        lines += ["", f"Too few documents to say anything about (articles): {names}."]
    return Markdown("\n".join(lines))


def describe_paired(table: pd.DataFrame) -> Markdown:
    """:func:`biaskit.compare_paired` output read out in plain words.

    For each group: the mean difference over the stories it shares with the reference, its
    bootstrap interval and sign-flip p-value, with n (stories). Only an interval that
    excludes zero makes a group "more" or "less" than its reference; with fewer than two
    stories (no interval) it says so.
    """
    need_columns(
        table, "describe_paired", "group", "reference", "n_pairs", "mean_diff", "ci_low", "ci_high"
    )
    metric = str(table.attrs.get("metric", "loaded_per_1k"))
    loaded = metric.startswith(("loaded", "rate_"))
    more, less = ("more loaded", "less loaded") if loaded else ("higher", "lower")
    pair = str(table.attrs.get("pair", "story")).replace("_", " ")
    by = str(table.attrs.get("by", "group")).replace("_", " ")
    if table.empty:
        return Markdown(
            f"No {pair} is covered by more than one {by}, so there is nothing to compare "
            f"{pair} by {pair} (name a column of {_plural(pair)} with `story_column`; documents "
            f"without one are left out)."
        )
    lines = [
        f"Each group is compared with a reference on the same {_plural(pair)} only: the "
        f"difference on each {pair}, averaged (n = how many {_plural(pair)}), with a bootstrap "
        f"interval over the {_plural(pair)} and a sign-flip permutation p-value.",
        "",
    ]
    for r in table.itertuples(index=False):
        others = f"the other {_plural(by)}"
        reference = others if r.reference == ALL_OTHERS else markdown(r.reference)
        n = int(r.n_pairs)
        stories = f"{n} {_plural(pair, n)}"
        p = getattr(r, "p_value", float("nan"))
        if not _has_interval(r):
            lines.append(
                f"- **{markdown(r.group)}**: {_fmt(r.mean_diff, sign='+')} against {reference} "
                f"over {stories}: too few {_plural(pair)} for an interval, so no verdict"
            )
            continue
        if r.ci_low > 0:
            verdict = f"{more} than"
        elif r.ci_high < 0:
            verdict = f"{less} than"
        else:
            verdict = "not clearly different from"
        lines.append(
            f"- **{markdown(r.group)}** is {verdict} {reference} on the same {_plural(pair)}: "
            f"{_fmt(r.mean_diff, sign='+')} on average over {stories} "
            f"(interval {_fmt(r.ci_low, sign='+')} to {_fmt(r.ci_high, sign='+')}; "
            f"p = {_fmt(p, 3)})"
        )
    return Markdown("\n".join(lines))
