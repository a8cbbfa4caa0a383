"""Comparing groups of documents: pooled rates with bootstrap intervals, and paired
comparisons on the same stories.

Every function takes the output of :func:`biaskit.score_frame` (document metadata plus metric
columns) and returns a tidy DataFrame, one row per observation.

Rates per 1,000 words are *pooled*: the loaded weight of all of a group's documents divided by
all of its words, so long articles count for more than short ones. Intervals are percentile
bootstrap intervals over documents (or stories), seeded and therefore reproducible.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from biaskit.score import SCORE_CATEGORIES
from biaskit.tables import need_columns

__all__ = [
    "compare",
    "compare_paired",
    "sign_flip_p",
]

#: Metrics that are rates per 1,000 words and are pooled (total weight / total words).
#: Each maps to the column holding the per-document weight (None: metric x n_words / 1000).
POOLED_METRICS: dict[str, str | None] = {
    "loaded_per_1k": "loaded",
    "loaded_all_per_1k": "loaded_all",
    **{f"rate_{c}": None for c in SCORE_CATEGORIES},
}
#: Fewer documents than this in a group triggers a warning.
MIN_DOCS = 5
#: ``reference`` value shown by :func:`compare_paired` when comparing with all other groups.
ALL_OTHERS = "(all others)"
#: Largest index matrix drawn at once by the bootstrap (bigger draws are split in chunks).
_MAX_DRAW = 20_000_000

# --- helpers ---------------------------------------------------------------------------


def _num_den(df: pd.DataFrame, metric: str, func: str) -> tuple[np.ndarray, np.ndarray]:
    """Per-document numerator and denominator whose ratio of sums is the group's rate.

    Pooled metrics: (weight, words / 1000); any other metric: (value, 1).
    """
    need_columns(df, func, metric)
    if metric in POOLED_METRICS:
        need_columns(df, func, "n_words")
        words = df["n_words"].to_numpy(dtype=float)
        weight_col = POOLED_METRICS[metric]
        if weight_col is not None and weight_col in df.columns:
            weight = df[weight_col].to_numpy(dtype=float)
        else:
            weight = df[metric].to_numpy(dtype=float) * words / 1000
        return weight, words / 1000
    values = pd.to_numeric(df[metric], errors="raise").to_numpy(dtype=float)
    return values, np.ones(len(values))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray | float:
    """num / den, NaN where the denominator is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _bootstrap(
    num: np.ndarray, den: np.ndarray, rng: np.random.Generator, n_boot: int
) -> np.ndarray:
    """``n_boot`` resampled rates: documents drawn with replacement, ratio of sums each time.

    Draws one ``(n_boot, len(num))`` index matrix with ``rng.integers`` (split in chunks of
    rows only when it would be very large).
    """
    k = len(num)
    rows = max(1, _MAX_DRAW // max(k, 1))
    out = []
    for start in range(0, n_boot, rows):
        idx = rng.integers(0, k, size=(min(rows, n_boot - start), k))
        out.append(_ratio(num[idx].sum(axis=1), den[idx].sum(axis=1)))
    return np.concatenate(out)


def _interval(samples: np.ndarray, ci: float) -> tuple[float, float]:
    samples = samples[~np.isnan(samples)]
    if not len(samples):
        return math.nan, math.nan
    lo, hi = np.quantile(samples, [(1 - ci) / 2, 1 - (1 - ci) / 2])
    return float(lo), float(hi)


def _check_ci(ci: float, n_boot: int, func: str) -> None:
    if not 0 < ci < 1:
        raise ValueError(f"{func}: ci must be between 0 and 1 (e.g. 0.95), not {ci!r}")
    if n_boot < 1:
        raise ValueError(f"{func}: n_boot must be at least 1, not {n_boot!r}")


def _warn_small(sizes: Mapping[Any, int], func: str) -> None:
    small = [f"{g!r} ({n})" for g, n in sizes.items() if n < MIN_DOCS]
    if small:
        warnings.warn(
            f"{func}: too few documents to say much (fewer than {MIN_DOCS}) in: "
            + ", ".join(small),
            UserWarning,
            stacklevel=3,
        )


# --- rates -------------------------------------------------------------------------------


def compare(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    metric: str = "loaded_per_1k",
    ci: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Rate of ``metric`` per group of ``by``, with a bootstrap interval.

    Per-1,000-word metrics (``loaded_per_1k``, ``loaded_all_per_1k``, ``rate_<category>``) are
    pooled: total weight / total words x 1000. Any other metric is the mean over documents.
    The interval resamples the group's documents with replacement ``n_boot`` times
    (``numpy.random.default_rng(seed)``, groups in sorted order) and takes percentiles.

    Returns columns group, n_docs, n_words, rate, ci_low, ci_high, sorted by rate, highest first.
    Warns about groups with fewer than 5 documents.
    """
    func = "compare"
    need_columns(scored, func, by)
    _check_ci(ci, n_boot, func)
    num, den = _num_den(scored, metric, func)
    has_words = "n_words" in scored.columns
    words = scored["n_words"].to_numpy() if has_words else np.zeros(len(scored))
    rng = np.random.default_rng(seed)
    rows = []
    sizes = {}
    for g, pos in _group_positions(scored[by]).items():
        rate = _ratio(num[pos].sum(), den[pos].sum())
        lo, hi = _interval(_bootstrap(num[pos], den[pos], rng, n_boot), ci)
        sizes[g] = len(pos)
        rows.append(
            {
                "group": g,
                "n_docs": len(pos),
                "n_words": words[pos].sum() if has_words else math.nan,
                "rate": float(rate),
                "ci_low": lo,
                "ci_high": hi,
            }
        )
    _warn_small(sizes, func)
    out = pd.DataFrame(rows, columns=["group", "n_docs", "n_words", "rate", "ci_low", "ci_high"])
    out = out.sort_values(["rate", "group"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs.update(metric=metric, by=by, ci=ci)
    return out


def _group_positions(values: pd.Series) -> dict[Any, np.ndarray]:
    """Row positions of each group (sorted; missing values left out)."""
    codes, uniques = pd.factorize(values, sort=True, use_na_sentinel=True)
    return {g: np.flatnonzero(codes == i) for i, g in enumerate(uniques)}


# --- paired comparison on the same stories -----------------------------------------------


def compare_paired(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    pair: str = "story",
    reference: str | None = None,
    metric: str = "loaded_per_1k",
    ci: float = 0.95,
    n_boot: int = 2000,
    n_perm: int = 10000,
    seed: int = 0,
    details: bool = False,
) -> pd.DataFrame:
    """Compare groups on the same stories: per-story differences, their mean, CI and p-value.

    For each group and each value of ``pair`` it covers: the group's rate on that story
    (pooled within group and story) minus the reference rate on the same story. With
    ``reference=None`` the reference is all *other* groups pooled on that story; with a group
    name it is that group (only stories both cover).

    Summary columns: group, reference, n_pairs, mean_diff, ci_low, ci_high (bootstrap over
    stories) and p_value (two-sided sign-flip permutation test of the mean difference: exact
    over all 2**n sign patterns when n_pairs <= 16, else ``n_perm`` random flips plus the
    observed one). ``details=True`` returns the per-story table instead: group, reference,
    pair, rate, reference_rate, diff.
    """
    func = "compare_paired"
    need_columns(scored, func, by, pair)
    _check_ci(ci, n_boot, func)
    table = _paired_table(scored, by=by, pair=pair, reference=reference, metric=metric)
    if details:
        table.attrs.update(metric=metric, by=by, pair=pair)
        return table
    rng = np.random.default_rng(seed)
    rows = []
    for g, sub in table.groupby("group", sort=True):
        rows.append(_paired_summary(g, sub["diff"].to_numpy(float), rng, ci, n_boot, n_perm))
    cols = ["group", "n_pairs", "mean_diff", "ci_low", "ci_high", "p_value"]
    out = pd.DataFrame(rows, columns=cols)
    out.insert(1, "reference", ALL_OTHERS if reference is None else reference)
    out = out.sort_values(["mean_diff", "group"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs.update(metric=metric, by=by, pair=pair)
    return out


def _paired_table(
    scored: pd.DataFrame, *, by: str, pair: str, reference: str | None, metric: str
) -> pd.DataFrame:
    """Per group and story: rate, reference rate and difference."""
    num, den = _num_den(scored, metric, "compare_paired")
    cells = (
        pd.DataFrame({"group": scored[by].to_numpy(), "pair": scored[pair].to_numpy()})
        .assign(num=num, den=den)
        .dropna(subset=["group", "pair"])
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
    cells["rate"] = _ratio(cells["num"].to_numpy(), cells["den"].to_numpy())
    if reference is None:
        totals = cells.groupby("pair")[["num", "den"]].transform("sum")
        ref_rate = _ratio(
            (totals["num"] - cells["num"]).to_numpy(), (totals["den"] - cells["den"]).to_numpy()
        )
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


def _paired_summary(
    group: Any,
    diffs: np.ndarray,
    rng: np.random.Generator,
    ci: float,
    n_boot: int,
    n_perm: int,
) -> dict[str, Any]:
    n = len(diffs)
    mean = float(diffs.mean())
    boot = _bootstrap(diffs, np.ones(n), rng, n_boot)
    lo, hi = _interval(boot, ci)
    return {
        "group": group,
        "n_pairs": n,
        "mean_diff": mean,
        "ci_low": lo,
        "ci_high": hi,
        "p_value": sign_flip_p(diffs, n_perm=n_perm, rng=rng),
    }


def sign_flip_p(
    diffs: Iterable[float],
    *,
    n_perm: int = 10000,
    rng: np.random.Generator | None = None,
    exact_max: int = 16,
) -> float:
    """Two-sided sign-flip permutation p-value for a mean difference of zero.

    Exact (all 2**n sign patterns) when n <= ``exact_max``; otherwise ``n_perm`` random sign
    patterns plus the observed one. p = share of patterns whose |mean| >= the observed |mean|.
    """
    d = np.asarray(list(diffs), dtype=float)
    n = len(d)
    if n == 0:
        return math.nan
    if n <= exact_max:
        bits = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
        signs = 1 - 2 * bits  # row 0 is the observed data (all +1)
    else:
        rng = rng if rng is not None else np.random.default_rng(0)
        flips = rng.choice(np.array([-1, 1]), size=(n_perm, n))
        signs = np.vstack([np.ones((1, n), dtype=int), flips])
    means = np.abs(signs @ d) / n
    observed = abs(d.mean())
    tol = 1e-12 * max(1.0, observed)
    return float(np.count_nonzero(means >= observed - tol) / len(means))
