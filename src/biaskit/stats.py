"""The statistics every comparison uses, in one place (see ``docs/statistics.md``).

Pooled rates (ratio of sums), percentile bootstrap over documents, two-stage bootstrap over
clusters (outlets, then their documents), the sign-flip test, ROC-AUC with a stratified
bootstrap interval, Holm and Benjamini-Hochberg adjustment, and seeded random streams per group.

One vocabulary everywhere: ``level`` (interval level, 0.95), ``n_boot`` (resamples, 2000) and
``seed`` (0). Each group draws from its own stream, derived from ``seed`` and a CRC-32 of the
group's name (:func:`group_rng`), so a group's interval does not change when another group is
added or dropped.
"""

from __future__ import annotations

import math
import numbers
import warnings
import zlib
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

import numpy as np
import pandas as pd

from biaskit.categories import CATEGORIES
from biaskit.tables import need_columns

__all__ = [
    "POOLED_METRICS",
    "adjust_p",
    "bootstrap_p",
    "bootstrap_ratio",
    "check_resampling",
    "cluster_bootstrap_ratio",
    "group_rng",
    "level_or_ci",
    "most_common",
    "numerator_denominator",
    "percentile_interval",
    "pooled_rate",
    "ratio_of_sums",
    "ratios",
    "roc_auc",
    "roc_auc_ci",
    "sign_flip_p",
]

#: Metrics that are rates per 1,000 words and are pooled (total weight / total words).
#: Each maps to the column holding the per-document weight (None: metric x n_words / 1000).
POOLED_METRICS: dict[str, str | None] = {
    "loaded_per_1k": "loaded",
    "loaded_all_per_1k": "loaded_all",
    "stance_per_1k": "stance",
    **{f"rate_{c}": None for c in CATEGORIES},
}
#: Largest number of indices drawn at once (bigger draws are split in chunks of resamples).
MAX_DRAW = 4_000_000

# --- pooled rates ------------------------------------------------------------------------


def numerator_denominator(
    scored: pd.DataFrame, metric: str, func: str = "numerator_denominator"
) -> tuple[np.ndarray, np.ndarray]:
    """Per-document numerator and denominator whose ratio of sums is a group's rate.

    Pooled metrics (:data:`POOLED_METRICS`): (weight, words / 1000), so the ratio of sums is
    the rate per 1,000 words. Any other metric: (value, 1), so the ratio of sums is the mean.
    ``func`` names the caller in error messages.
    """
    need_columns(scored, func, metric)
    if metric in POOLED_METRICS:
        need_columns(scored, func, "n_words")
        words = scored["n_words"].to_numpy(dtype=float)
        weight_col = POOLED_METRICS[metric]
        if weight_col is not None and weight_col in scored.columns:
            weight = scored[weight_col].to_numpy(dtype=float)
        else:
            weight = scored[metric].to_numpy(dtype=float) * words / 1000
        return weight, words / 1000
    try:
        values = pd.to_numeric(scored[metric], errors="raise").to_numpy(dtype=float)
    except (ValueError, TypeError):
        raise ValueError(
            f"{func}: metric {metric!r} is not a numeric column; use a rate such as "
            "'loaded_per_1k' or 'rate_label', or a count"
        ) from None
    return values, np.ones(len(values))


def ratio_of_sums(num: np.ndarray, den: np.ndarray) -> float:
    """sum(num) / sum(den); NaN when the denominator sums to 0."""
    total = float(np.sum(den))
    return float(np.sum(num)) / total if total > 0 else math.nan


def pooled_rate(weight: Iterable[float], n_words: Iterable[float], *, per: float = 1000) -> float:
    """Total weight / total words x ``per``: long documents count for more than short ones."""
    return ratio_of_sums(np.asarray(list(weight), float), np.asarray(list(n_words), float) / per)


def ratios(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den element by element, NaN where the denominator is 0."""
    num, den = np.asarray(num, float), np.asarray(den, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _array(values: Iterable[float], dtype: type) -> np.ndarray:
    return np.asarray(values if hasattr(values, "__len__") else list(values), dtype=dtype)


# --- arguments and random streams --------------------------------------------------------


def level_or_ci(level: float, ci: float | None, func: str) -> float:
    """``level``, or the deprecated ``ci`` (with a FutureWarning naming ``func``)."""
    if ci is None:
        return level
    warnings.warn(
        f"{func}: ci= is deprecated and will be removed; use level= (same meaning)",
        FutureWarning,
        stacklevel=3,
    )
    if level not in (0.95, ci):
        raise ValueError(f"{func}: give level= only (ci= is its old name), not both")
    return ci


def check_resampling(level: float, n_boot: int, seed: int, func: str) -> None:
    """Raise a ValueError, naming ``func``, for a level outside (0, 1), n_boot < 1 or seed < 0."""
    if not 0 < level < 1:
        raise ValueError(f"{func}: level must be between 0 and 1, got {level!r} (95%: 0.95)")
    if not isinstance(n_boot, numbers.Integral) or n_boot < 1:
        raise ValueError(f"{func}: n_boot must be a whole number of at least 1, got {n_boot!r}")
    if not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"{func}: seed must be a whole number of at least 0, got {seed!r}")


def group_rng(seed: int, key: Hashable) -> np.random.Generator:
    """The random stream of one group: ``SeedSequence([seed, crc32(str(key))])``.

    Stable across runs and machines (never Python's ``hash``), and independent of the other
    groups, so dropping one group leaves the others' intervals unchanged.
    """
    crc = zlib.crc32(str(key).encode("utf-8"))
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([int(seed), crc])))


# --- bootstrap ---------------------------------------------------------------------------


def bootstrap_ratio(
    num: np.ndarray, den: np.ndarray, *, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """``n_boot`` resampled ratios of sums, documents drawn with replacement.

    Draws one ``(n_boot, n)`` index matrix with ``rng.integers(0, n, ...)`` (split in chunks of
    rows only when it would hold more than :data:`MAX_DRAW` indices).
    """
    num, den = np.asarray(num, float), np.asarray(den, float)
    k = len(num)
    rows = max(1, MAX_DRAW // max(k, 1))
    out = []
    for start in range(0, n_boot, rows):
        idx = rng.integers(0, k, size=(min(rows, n_boot - start), k))
        out.append(ratios(num[idx].sum(axis=1), den[idx].sum(axis=1)))
    return np.concatenate(out)


def cluster_bootstrap_ratio(
    num: np.ndarray,
    den: np.ndarray,
    clusters: Sequence[Hashable] | np.ndarray,
    *,
    n_boot: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """``n_boot`` two-stage resampled ratios of sums: clusters, then documents within them.

    Stage 1 draws as many clusters as there are, with replacement; stage 2 draws, for each
    drawn cluster, as many of its documents as it has, with replacement. A cluster drawn m
    times contributes m x n_k documents drawn from it, which is how it is computed.
    """
    num, den = np.asarray(num, float), np.asarray(den, float)
    codes, uniques = pd.factorize(pd.Series(clusters), sort=True, use_na_sentinel=True)
    if (codes < 0).any():
        raise ValueError("cluster_bootstrap_ratio: a document has no cluster (missing value)")
    n_clusters = len(uniques)
    drawn = rng.integers(0, n_clusters, size=(n_boot, n_clusters))
    times = _row_counts(drawn, n_clusters)  # (n_boot, n_clusters): how often each was drawn
    num_tot, den_tot = np.zeros(n_boot), np.zeros(n_boot)
    for k in range(n_clusters):
        members = np.flatnonzero(codes == k)
        n_k, d_k = _draw_sums(num[members], den[members], times[:, k] * len(members), rng)
        num_tot += n_k
        den_tot += d_k
    return ratios(num_tot, den_tot)


def _row_counts(codes: np.ndarray, n_values: int) -> np.ndarray:
    """Counts of each value 0..n_values-1 in every row of ``codes``."""
    rows = codes.shape[0]
    flat = (np.arange(rows)[:, None] * n_values + codes).ravel()
    return np.bincount(flat, minlength=rows * n_values).reshape(rows, n_values)


def _draw_sums(
    num: np.ndarray, den: np.ndarray, draws: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """For each resample b, sums of num and den over ``draws[b]`` documents drawn with
    replacement (chunked so no more than :data:`MAX_DRAW` indices are held at once)."""
    n_boot = len(draws)
    num_tot, den_tot = np.zeros(n_boot), np.zeros(n_boot)
    ends = np.cumsum(draws)
    start = 0
    while start < n_boot:
        base = ends[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(ends, base + MAX_DRAW, side="right")))
        rep = np.repeat(np.arange(stop - start), draws[start:stop])
        idx = rng.integers(0, len(num), size=rep.size)
        num_tot[start:stop] = np.bincount(rep, weights=num[idx], minlength=stop - start)
        den_tot[start:stop] = np.bincount(rep, weights=den[idx], minlength=stop - start)
        start = stop
    return num_tot, den_tot


def percentile_interval(samples: np.ndarray, level: float) -> tuple[float, float]:
    """The central ``level`` percentile interval of the finite samples (NaN, NaN if none)."""
    s = np.asarray(samples, float)
    s = s[np.isfinite(s)]
    if not len(s):
        return math.nan, math.nan
    lo, hi = np.quantile(s, [(1 - level) / 2, 1 - (1 - level) / 2])
    return float(lo), float(hi)


def bootstrap_p(samples: np.ndarray, null: float = 0.0) -> float:
    """Two-sided bootstrap p-value of ``null``: 2 x the smaller tail share, at most 1.

    Tail shares count the finite samples at or beyond ``null`` on each side, with the usual
    +1 correction: ``(k + 1) / (B + 1)``, so p is never 0 (smallest: 2 / (B + 1)). It is the
    smallest 1 - level whose percentile interval leaves ``null`` out (up to that correction).
    """
    s = np.asarray(samples, float)
    s = s[np.isfinite(s)]
    if not len(s):
        return math.nan
    below = np.count_nonzero(s <= null)
    above = np.count_nonzero(s >= null)
    return float(min(1.0, 2 * (min(below, above) + 1) / (len(s) + 1)))


# --- sign-flip test ----------------------------------------------------------------------


def sign_flip_p(
    diffs: Iterable[float],
    *,
    n_perm: int = 10000,
    seed: int = 0,
    rng: np.random.Generator | None = None,
    exact_max: int = 16,
) -> float:
    """Two-sided sign-flip permutation p-value for a mean difference of zero.

    Exact (all 2**n sign patterns) when n <= ``exact_max``; otherwise ``n_perm`` random sign
    patterns (from ``rng``, or ``default_rng(seed)``) plus the observed one. p = share of
    patterns whose |mean| >= the observed |mean|. NaN for fewer than 2 differences (one
    difference always gives p = 1, which says nothing).
    """
    d = _array(diffs, float)
    n = len(d)
    if n < 2:
        return math.nan
    if n <= exact_max:
        bits = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
        signs = 1 - 2 * bits  # row 0 is the observed data (all +1)
    else:
        rng = rng if rng is not None else np.random.default_rng(seed)
        flips = rng.choice(np.array([-1, 1]), size=(n_perm, n))
        signs = np.vstack([np.ones((1, n), dtype=int), flips])
    means = np.abs(signs @ d) / n
    observed = abs(d.mean())
    tol = 1e-12 * max(1.0, observed)
    return float(np.count_nonzero(means >= observed - tol) / len(means))


# --- ROC-AUC -----------------------------------------------------------------------------


def roc_auc(labels: Iterable[int], scores: Iterable[float]) -> float:
    """Area under the ROC curve (Mann-Whitney U with average ranks for ties); NaN for one class."""
    y, x = _array(labels, int), _array(scores, float)
    if len(y) != len(x):
        raise ValueError(f"roc_auc: {len(y)} labels but {len(x)} scores")
    n_pos = int(y.sum())
    if n_pos == 0 or n_pos == len(y):
        return math.nan
    _, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
    avg_rank = np.cumsum(counts) - (counts - 1) / 2  # average 1-based rank of each value
    rank_sum = float(avg_rank[inverse][y == 1].sum())
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * (len(y) - n_pos))


def roc_auc_ci(
    labels: Iterable[int],
    scores: Iterable[float],
    *,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> tuple[float, float, float]:
    """ROC-AUC with a stratified percentile bootstrap interval: ``(auc, low, high)``.

    Positives and negatives are resampled separately, so every resample has both classes:
    with ``rng = default_rng(seed)``, each chunk of resamples draws an index matrix of the
    positives, then one of the negatives, with ``rng.integers`` (one chunk unless very large).
    """
    y, x = _array(labels, int), _array(scores, float)
    if len(y) != len(x):
        raise ValueError(f"roc_auc_ci: {len(y)} labels but {len(x)} scores")
    check_resampling(level, n_boot, seed, "roc_auc_ci")
    point = roc_auc(y, x)
    if math.isnan(point):
        return point, math.nan, math.nan
    _, codes = np.unique(x, return_inverse=True)
    pos, neg = codes[y == 1], codes[y == 0]
    n_values = int(codes.max()) + 1
    rng = np.random.default_rng(seed)
    rows = max(1, MAX_DRAW // (len(y) + n_values))
    aucs = []
    for start in range(0, n_boot, rows):
        r = min(rows, n_boot - start)
        p = _row_counts(pos[rng.integers(0, len(pos), size=(r, len(pos)))], n_values)
        n = _row_counts(neg[rng.integers(0, len(neg), size=(r, len(neg)))], n_values)
        below = np.cumsum(n, axis=1) - n  # negatives scored lower than each value
        aucs.append((p * (below + 0.5 * n)).sum(axis=1) / (len(pos) * len(neg)))
    low, high = percentile_interval(np.concatenate(aucs), level)
    return point, low, high


# --- multiple comparisons ----------------------------------------------------------------


def adjust_p(p_values: Iterable[float], method: str = "holm") -> np.ndarray:
    """Adjusted p-values: ``"holm"`` (family-wise error) or ``"bh"`` (false discovery rate).

    Holm: the k-th smallest of m p-values times (m - k + 1), made non-decreasing.
    Benjamini-Hochberg: the k-th smallest times m / k, made non-increasing from the largest.
    Capped at 1; NaN p-values stay NaN and do not count in m.
    """
    p = _array(p_values, float)
    out = np.full(len(p), np.nan)
    keep = np.flatnonzero(~np.isnan(p))
    m = len(keep)
    if m == 0:
        return out
    order = keep[np.argsort(p[keep], kind="stable")]
    ranked = p[order]
    k = np.arange(1, m + 1)
    if method == "holm":
        adjusted = np.maximum.accumulate(ranked * (m - k + 1))
    elif method == "bh":
        adjusted = np.minimum.accumulate((ranked * m / k)[::-1])[::-1]
    else:
        raise ValueError(f"adjust_p: method must be 'holm' or 'bh', got {method!r}")
    out[order] = np.minimum(adjusted, 1.0)
    return out


# --- counts ------------------------------------------------------------------------------


def most_common(
    counts: Counter[str] | dict[str, int], top: int, *, keep_ties: bool = False
) -> list[tuple[str, int]]:
    """The ``top`` most frequent items, ties broken alphabetically (deterministic).

    ``keep_ties=True`` also keeps every item tied with the last one kept.
    """
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not keep_ties or top <= 0 or len(ranked) <= top:
        return ranked[: max(top, 0)]
    last = ranked[top - 1][1]
    return [kv for i, kv in enumerate(ranked) if i < top or kv[1] == last]
