"""Paired comparisons: groups compared on the same stories (per-story differences, their
mean, a bootstrap interval over stories and a sign-flip p-value)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from biaskit.stats import (
    bootstrap_ratio,
    check_resampling,
    group_rng,
    level_or_ci,
    numerator_denominator,
    percentile_interval,
    ratios,
    sign_flip_p,
)
from biaskit.tables import docs_of, need_columns

__all__ = ["ALL_OTHERS", "compare_paired"]

#: ``reference`` value shown by :func:`compare_paired` when comparing with all other groups.
ALL_OTHERS = "(all others)"


def compare_paired(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    pair: str = "story",
    reference: str | None = None,
    metric: str = "loaded_per_1k",
    level: float = 0.95,
    n_boot: int = 2000,
    n_perm: int = 10000,
    seed: int = 0,
    details: bool = False,
    ci: float | None = None,
) -> pd.DataFrame:
    """Compare groups on the same stories: per-story differences, their mean, CI and p-value.

    For each group and each value of ``pair`` it covers: the group's rate on that story
    (pooled within group and story) minus the reference rate on the same story. With
    ``reference=None`` the reference is all *other* groups pooled on that story; with a group
    name it is that group (only stories both cover). ``ci=`` is the deprecated name of
    ``level``.

    Summary columns: group, reference, n_pairs, mean_diff, ci_low, ci_high (bootstrap over
    stories) and p_value (two-sided sign-flip permutation test of the mean difference: exact
    over all 2**n sign patterns when n_pairs <= 16, else ``n_perm`` random flips plus the
    observed one). Fewer than 2 stories give no interval and no p-value (NaN). Each group
    draws from its own stream (:func:`biaskit.stats.group_rng`). ``details=True`` returns the
    per-story table instead: group, reference, pair, rate, reference_rate, diff.
    """
    scored = docs_of(scored)
    func = "compare_paired"
    level = level_or_ci(level, ci, func)
    need_columns(scored, func, by, pair)
    check_resampling(level, n_boot, seed, func)
    table = _paired_table(scored, by=by, pair=pair, reference=reference, metric=metric)
    if details:
        table.attrs.update(metric=metric, by=by, pair=pair)
        return table
    rows = []
    for g, sub in table.groupby("group", sort=True):
        diffs = sub["diff"].to_numpy(float)
        low = high = p = math.nan
        if len(diffs) >= 2:
            rng = group_rng(seed, g)
            boot = bootstrap_ratio(diffs, np.ones(len(diffs)), n_boot=n_boot, rng=rng)
            low, high = percentile_interval(boot, level)
            p = sign_flip_p(diffs, n_perm=n_perm, rng=rng)
        rows.append([g, len(diffs), float(diffs.mean()), low, high, p])
    cols = ["group", "n_pairs", "mean_diff", "ci_low", "ci_high", "p_value"]
    out = pd.DataFrame(rows, columns=cols)
    out.insert(1, "reference", ALL_OTHERS if reference is None else reference)
    out = out.sort_values(["mean_diff", "group"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs.update(metric=metric, by=by, pair=pair, level=level, n_boot=n_boot, seed=seed)
    out.attrs["method"] = (
        f"mean of per-{pair} differences; {level:.0%} percentile bootstrap over {pair} values, "
        f"{n_boot} resamples, seed {seed} per group; sign-flip p-value"
    )
    return out


def _paired_table(
    scored: pd.DataFrame, *, by: str, pair: str, reference: str | None, metric: str
) -> pd.DataFrame:
    """Per group and story: rate, reference rate and difference."""
    num, den = numerator_denominator(scored, metric, "compare_paired")
    keys = pd.DataFrame({"group": scored[by].to_numpy(), "pair": scored[pair].to_numpy()})
    missing = keys.isna().any(axis=1) | keys.astype(str).apply(lambda c: c.str.strip() == "").any(
        axis=1
    )
    if missing.any():
        warnings.warn(
            f"compare_paired: {int(missing.sum())} of {len(keys)} documents have no {pair!r} or "
            f"no {by!r} value and are left out of the pairs",
            stacklevel=3,
        )
    cells = (
        keys.assign(num=num, den=den)
        .loc[~missing.to_numpy()]
        .groupby(["group", "pair"], sort=True)[["num", "den"]]
        .sum()
        .reset_index()
    )
    groups = sorted(cells["group"].unique())
    if reference is not None and reference not in groups:
        raise ValueError(
            f"compare_paired: reference {reference!r} is not a value of column {by!r}; "
            f"values are {groups}"
        )
    cells["rate"] = ratios(cells["num"], cells["den"])
    if reference is None:
        totals = cells.groupby("pair")[["num", "den"]].transform("sum")
        ref_rate = ratios(totals["num"] - cells["num"], totals["den"] - cells["den"])
        table = cells.assign(reference=ALL_OTHERS, reference_rate=ref_rate)
    else:
        ref = cells.loc[cells["group"] == reference, ["pair", "rate"]]
        table = cells[cells["group"] != reference].merge(
            ref.rename(columns={"rate": "reference_rate"}), on="pair", how="inner"
        )
        table["reference"] = reference
    table = table.dropna(subset=["rate", "reference_rate"])
    table = table.assign(diff=table["rate"] - table["reference_rate"])
    cols = ["group", "reference", "pair", "rate", "reference_rate", "diff"]
    return table[cols].sort_values(["group", "pair"]).reset_index(drop=True)
