"""Comparing groups of documents: pooled rates with bootstrap intervals, differences between
groups and rates over time (paired comparisons on the same stories: :mod:`biaskit.paired`,
re-exported here).

Every function takes the output of :func:`biaskit.score_frame` (document metadata plus metric
columns) and returns a tidy DataFrame, one row per observation. The statistics live in
:mod:`biaskit.stats`; ``docs/statistics.md`` explains them.

Rates per 1,000 words are *pooled*: the loaded weight of all of a group's documents divided by
all of its words, so long articles count for more than short ones. Intervals are percentile
bootstrap intervals, seeded per group and therefore reproducible.
"""

from __future__ import annotations

import math
import warnings
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from biaskit.paired import ALL_OTHERS, compare_paired
from biaskit.stats import (
    POOLED_METRICS,
    adjust_p,
    bootstrap_p,
    bootstrap_ratio,
    check_resampling,
    cluster_bootstrap_ratio,
    group_rng,
    level_or_ci,
    numerator_denominator,
    percentile_interval,
    ratio_of_sums,
    sign_flip_p,
)
from biaskit.tables import docs_of, need_columns

__all__ = [
    "ALL_OTHERS",  # re-exported from biaskit.paired
    "MIN_DOCS",
    "POOLED_METRICS",
    "compare",
    "compare_paired",
    "compare_pairs",
    "sign_flip_p",
    "timeline_rates",
]

#: Default least number of documents a group needs for an interval and a rank.
MIN_DOCS = 5

RATE_COLUMNS = [
    "group", "n_docs", "n_clusters", "n_words", "rate", "ci_low", "ci_high", "enough",
]  # fmt: skip
PAIR_COLUMNS = [
    "group_a", "group_b", "n_docs_a", "n_docs_b", "rate_a", "rate_b", "diff",
    "ci_low", "ci_high", "p_value", "p_adjusted",
]  # fmt: skip

# --- arguments ---------------------------------------------------------------------------


def _check(scored: pd.DataFrame, func: str, by: str, cluster: str | None, min_docs: int) -> None:
    need_columns(scored, func, by, *([cluster] if cluster else []))
    for col in (by, cluster):
        if col is not None and scored[col].map(lambda v: isinstance(v, list | dict | set)).any():
            raise TypeError(
                f"{func}: column {col!r} holds lists or mappings; group by a column of "
                "single values (one label per document)"
            )
    if cluster is not None and cluster == by:
        raise ValueError(
            f"{func}: cluster must be a column above {by!r} (such as the outlet of a lean), "
            f"not {by!r} itself; leave cluster=None to resample documents"
        )
    if cluster is not None and scored[cluster].isna().any():
        n = int(scored[cluster].isna().sum())
        raise ValueError(f"{func}: {n} documents have no value in the cluster column {cluster!r}")
    if int(min_docs) != min_docs or min_docs < 2:
        raise ValueError(f"{func}: min_docs must be a whole number of at least 2, got {min_docs!r}")


def _method(metric: str, cluster: str | None, level: float, n_boot: int, seed: int) -> str:
    what = "pooled rate (total weight / total words)" if metric in POOLED_METRICS else "mean"
    how = (
        f"two-stage bootstrap ({cluster} values resampled, then documents within each)"
        if cluster
        else "bootstrap over documents"
    )
    return f"{what}; {level:.0%} percentile {how}, {n_boot} resamples, seed {seed} per group"


# --- per-group rates ---------------------------------------------------------------------


def _group_positions(values: pd.Series) -> dict[Any, np.ndarray]:
    """Row positions of each group (sorted; missing values left out)."""
    codes, uniques = pd.factorize(values, sort=True, use_na_sentinel=True)
    return {g: np.flatnonzero(codes == i) for i, g in enumerate(uniques)}


def _rates(
    scored: pd.DataFrame,
    keys: pd.Series,
    func: str,
    *,
    metric: str,
    cluster: str | None,
    min_docs: int,
    level: float,
    n_boot: int,
    seed: int,
) -> tuple[list[dict[str, Any]], dict[Any, np.ndarray]]:
    """One row per value of ``keys`` and the bootstrap rates of the groups with enough data.

    Each group's resamples come from ``group_rng(seed, key)``.
    """
    num, den = numerator_denominator(scored, metric, func)
    words = scored["n_words"].to_numpy(float) if "n_words" in scored.columns else None
    clusters = scored[cluster].to_numpy() if cluster else None
    rows, boots = [], {}
    for key, pos in _group_positions(keys).items():
        n_clusters = len(pd.unique(clusters[pos])) if clusters is not None else len(pos)
        rate = ratio_of_sums(num[pos], den[pos])
        enough = len(pos) >= min_docs and n_clusters >= 2 and not math.isnan(rate)
        low = high = math.nan
        if enough:
            rng = group_rng(seed, key)
            if clusters is None:
                boot = bootstrap_ratio(num[pos], den[pos], n_boot=n_boot, rng=rng)
            else:
                boot = cluster_bootstrap_ratio(
                    num[pos], den[pos], clusters[pos], n_boot=n_boot, rng=rng
                )
            boots[key] = boot
            low, high = percentile_interval(boot, level)
        n_words = words[pos].sum() if words is not None else math.nan
        values = [key, len(pos), n_clusters, n_words, rate, low, high, enough]
        rows.append(dict(zip(RATE_COLUMNS, values, strict=True)))
    return rows, boots


def _ranked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Groups with enough data by rate (highest first), then the others by name."""
    ranked = sorted((r for r in rows if r["enough"]), key=lambda r: (-r["rate"], str(r["group"])))
    rest = sorted((r for r in rows if not r["enough"]), key=lambda r: str(r["group"]))
    return ranked + rest


def _warn_small(rows: list[dict[str, Any]], func: str, min_docs: int, cluster: str | None) -> None:
    small = [f"{r['group']!r} ({r['n_docs']})" for r in rows if not r["enough"]]
    if small:
        also = f" or fewer than 2 values of {cluster!r}" if cluster else ""
        warnings.warn(
            f"{func}: too few documents (fewer than {min_docs}{also}) for an interval or a "
            "rank in: " + ", ".join(small),
            UserWarning,
            stacklevel=3,
        )


def compare(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    metric: str = "loaded_per_1k",
    cluster: str | None = None,
    min_docs: int = MIN_DOCS,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    ci: float | None = None,
) -> pd.DataFrame:
    """Rate of ``metric`` per group of ``by``, with a bootstrap interval.

    Per-1,000-word metrics (``loaded_per_1k``, ``loaded_all_per_1k``, ``rate_<category>``) are
    pooled: total weight / total words x 1000; any other metric is the mean over documents.
    The interval resamples the group's documents with replacement ``n_boot`` times; with
    ``cluster`` (say ``"outlet"`` when ``by="lean"``, a label rated per outlet) it resamples
    the clusters first, then documents within each drawn cluster. Each group has its own
    random stream (:func:`biaskit.stats.group_rng`). ``ci=`` is the deprecated name of ``level``.

    Columns: group, n_docs, n_clusters (distinct ``cluster`` values, or n_docs), n_words,
    rate, ci_low, ci_high, enough (n_docs >= ``min_docs`` and, with a cluster, at least 2
    clusters), quoted_share (share of the group's words inside direct quotations, pooled: read
    the own-voice rate beside it, since quoted words are not the outlet's). Groups without
    enough data have no interval and no rank: they come after the ranked groups (highest rate
    first), by name, and a UserWarning names them.
    """
    scored = docs_of(scored)
    func = "compare"
    level = level_or_ci(level, ci, func)
    check_resampling(level, n_boot, seed, func)
    _check(scored, func, by, cluster, min_docs)
    opts = dict(
        metric=metric, cluster=cluster, min_docs=min_docs, level=level, n_boot=n_boot, seed=seed
    )
    rows, _ = _rates(scored, scored[by], func, **opts)
    _warn_small(rows, func, min_docs, cluster)
    out = pd.DataFrame(_ranked(rows), columns=RATE_COLUMNS)
    out["quoted_share"] = out["group"].map(_quoted_shares(scored, by)).astype(float)
    out.attrs.update(by=by, **opts, ci=level, method=_method(metric, cluster, level, n_boot, seed))
    return out


def _quoted_shares(scored: pd.DataFrame, by: str) -> dict[Any, float]:
    """Per group: the share of its words inside direct quotations, pooled (quoted words of
    all its documents / all its words); NaN without ``quoted_share`` and ``n_words``."""
    if not {"quoted_share", "n_words"} <= set(scored.columns):
        return {}
    words = scored["n_words"].to_numpy(float)
    quoted = scored["quoted_share"].to_numpy(float) * words
    return {
        g: ratio_of_sums(quoted[pos], words[pos]) for g, pos in _group_positions(scored[by]).items()
    }


def compare_pairs(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    metric: str = "loaded_per_1k",
    cluster: str | None = None,
    min_docs: int = MIN_DOCS,
    adjust: str = "holm",
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Every pair of groups with enough data: difference of pooled rates, interval, p-values.

    The groups' bootstrap rates are those of :func:`compare` (same arguments, same streams);
    a pair's resampled difference is the difference of its two groups' resampled rates (the
    groups are independent samples). The p-value is a two-sided bootstrap p-value
    (:func:`biaskit.stats.bootstrap_p`: twice the smaller share of resampled differences on
    either side of 0, +1 corrected, so never below 2 / (n_boot + 1)), adjusted over all pairs
    with ``adjust="holm"`` (family-wise) or ``"bh"`` (false discovery rate).

    Columns: group_a, group_b, n_docs_a, n_docs_b, rate_a, rate_b, diff (rate_a - rate_b),
    ci_low, ci_high, p_value, p_adjusted. group_a is ranked above group_b, so diff >= 0;
    pairs follow the ranking of :func:`compare`.
    """
    scored = docs_of(scored)
    func = "compare_pairs"
    if adjust not in ("holm", "bh"):
        raise ValueError(f"{func}: adjust must be 'holm' or 'bh', got {adjust!r}")
    check_resampling(level, n_boot, seed, func)
    _check(scored, func, by, cluster, min_docs)
    opts = dict(
        metric=metric, cluster=cluster, min_docs=min_docs, level=level, n_boot=n_boot, seed=seed
    )
    rows, boots = _rates(scored, scored[by], func, **opts)
    _warn_small(rows, func, min_docs, cluster)
    ranked = [r for r in _ranked(rows) if r["enough"]]
    pairs = []
    for a, b in combinations(ranked, 2):
        diffs = boots[a["group"]] - boots[b["group"]]
        low, high = percentile_interval(diffs, level)
        both = [r[c] for c in ("group", "n_docs", "rate") for r in (a, b)]  # group_a, group_b..
        pairs.append([*both, a["rate"] - b["rate"], low, high, bootstrap_p(diffs)])
    out = pd.DataFrame(pairs, columns=PAIR_COLUMNS[:-1])
    out["p_adjusted"] = adjust_p(out["p_value"], adjust)
    method = _method(metric, cluster, level, n_boot, seed) + f"; bootstrap p, {adjust} adjusted"
    out.attrs.update(by=by, **opts, adjust=adjust, method=method)
    return out


def timeline_rates(
    scored: pd.DataFrame,
    *,
    by: str | None = None,
    freq: str = "M",
    metric: str = "loaded_per_1k",
    date: str = "date",
    cluster: str | None = None,
    min_docs: int = MIN_DOCS,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Pooled rate of ``metric`` per period of ``date`` (pandas ``freq``: "D", "W", "M", "Y"),
    and per group of ``by`` if given, with intervals as in :func:`compare`.

    Columns: period (pandas Period), group ("(all)" without ``by``), n_docs, n_clusters,
    n_words, rate, ci_low, ci_high, enough; sorted by group, then period. Only periods with
    documents appear. Documents without a date are left out (with a UserWarning); a corpus
    without any date raises a ValueError.
    """
    scored = docs_of(scored)
    func = "timeline_rates"
    check_resampling(level, n_boot, seed, func)
    need_columns(scored, func, date)
    _check(scored, func, by or date, cluster, min_docs)
    dates = scored[date]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates, errors="coerce", format="mixed")
    if dates.isna().all():
        raise ValueError(
            f"{func}: column {date!r} has no dates (all {len(dates)} values are missing or not "
            "dates), so there is no timeline to draw"
        )
    if dates.isna().any():
        warnings.warn(
            f"{func}: {int(dates.isna().sum())} of {len(dates)} documents have no date in "
            f"{date!r} and are left out",
            UserWarning,
            stacklevel=2,
        )
    period = dates.dt.to_period(freq)
    group = scored[by] if by else pd.Series("(all)", index=scored.index)
    pairs = zip(group, period, strict=True)
    keys = pd.Series([None if pd.isna(g) or pd.isna(p) else (g, p) for g, p in pairs], dtype=object)
    opts = dict(
        metric=metric, cluster=cluster, min_docs=min_docs, level=level, n_boot=n_boot, seed=seed
    )
    rows, _ = _rates(scored, keys, func, **opts)
    out = pd.DataFrame(rows, columns=RATE_COLUMNS)
    out.insert(0, "period", [k[1] for k in out["group"]])
    out["group"] = [k[0] for k in out["group"]]
    out = out.sort_values(["group", "period"], key=_sort_key, kind="stable", ignore_index=True)
    out.attrs.update(by=by, freq=freq, date=date, **opts)
    out.attrs["method"] = _method(metric, cluster, level, n_boot, seed)
    return out


def _sort_key(col: pd.Series) -> pd.Series:
    return col.astype(str) if col.name == "group" else col
