"""Real-data check on the AllSides (Article-Bias-Prediction) sample: loading and validity.

Usage:
    python benchmarks/allsides_check.py ../shared/data/allsides-sample.jsonl [--chart FILE.png]

Prints the number of articles and outlets; the ROC-AUC (with a 95% bootstrap interval) of
the own-voice loaded rate and its parts for partisan (left or right) against center
articles, next to TextBlob subjectivity, and the rate with the headline scored too; the
same AUC for each large partisan outlet against all center articles; the AUC of pooled
outlet rates (one point per outlet); a diagnostic of how much any weighting of the seven
categories could add (a logistic regression fitted to the labels, cross-validated, never
used to set weights); pooled rates per lean with intervals resampling articles and, since
lean is rated per outlet, clustered by outlet (two-stage bootstrap: it must be wider); the
lean differences with Holm-adjusted p-values; rates per year; and per-outlet rates with n,
with no interval for outlets under min_docs articles. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

import biaskit
from biaskit.stats import roc_auc, roc_auc_ci

CATEGORIES = ("label", "loaded", "attribution", "hedge", "intensifier", "naming", "scare_quote")


def cv_logistic_auc(x: np.ndarray, y: np.ndarray, folds: int = 5, seed: int = 0) -> float:
    """Cross-validated ROC-AUC of an L2 logistic regression on standardised columns."""
    z = (x - x.mean(0)) / x.std(0)
    order = np.random.default_rng(seed).permutation(len(y))
    pred = np.empty(len(y))
    for part in np.array_split(order, folds):
        train = np.setdiff1d(order, part)
        w = _fit_logistic(z[train], y[train])
        pred[part] = np.c_[np.ones(len(part)), z[part]] @ w
    return roc_auc(list(y), list(pred))


def _fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000) -> np.ndarray:
    xb = np.c_[np.ones(len(x)), x]
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        w -= 0.05 * (xb.T @ (p - y) + l2 * np.r_[0, w[1:]]) / len(y)
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--chart", default="build/allsides-lean.png")
    args = ap.parse_args()
    df = biaskit.load_allsides(args.path)
    print(f"{len(df):,} articles from {df['outlet'].nunique()} outlets")
    scored = biaskit.score_frame(df, keep_text=False)
    partisan = np.array([0 if lean == "center" else 1 for lean in scored["lean"]])
    print("ROC-AUC, partisan (left/right) vs center articles (95% bootstrap interval):")
    for col in ("loaded_per_1k", *(f"rate_{c}" for c in CATEGORIES), "subjectivity"):
        auc, low, high = roc_auc_ci(list(partisan), list(scored[col]))
        print(f"  {col:<18} {auc:.3f} ({low:.3f}-{high:.3f})")

    with_title = df.assign(text=df["title"].fillna("") + "\n\n" + df["text"])
    rate = biaskit.score_frame(with_title, keep_text=False, sentiment=False)["loaded_per_1k"]
    auc, low, high = roc_auc_ci(list(partisan), list(rate))
    print(f"  {'loaded_per_1k, headline included':<18} {auc:.3f} ({low:.3f}-{high:.3f})")

    center = list(scored.loc[partisan == 0, "loaded_per_1k"])
    print("each partisan outlet with 20+ articles against all center articles:")
    for outlet, grp in scored[partisan == 1].groupby("outlet"):
        if len(grp) >= 20:
            rates = list(grp["loaded_per_1k"])
            auc = roc_auc([0] * len(center) + [1] * len(rates), center + rates)
            print(f"  {outlet:<28} n={len(grp):<4} {auc:.3f}")

    pooled = scored.groupby("outlet").agg(
        words=("n_words", "sum"), loaded=("loaded", "sum"), lean=("lean", "first")
    )
    for min_words in (10_000, 20_000):
        big = pooled[pooled["words"] >= min_words]
        auc = roc_auc(
            [0 if lean == "center" else 1 for lean in big["lean"]],
            list(big["loaded"] / big["words"]),
        )
        label = f"{len(big)} outlets with {min_words:,}+ words"
        print(f"outlet level (pooled rate, {label}): {auc:.3f}")

    rates = scored[[f"rate_{c}" for c in CATEGORIES]].to_numpy()
    print(
        "diagnostic: best weighting of the 7 category rates, fitted to these labels "
        f"(5-fold CV): {cv_logistic_auc(rates, partisan):.3f}"
    )

    by_lean = biaskit.compare(scored, by="lean")
    clustered = biaskit.compare(scored, by="lean", cluster="outlet")
    print("pooled loaded rate per lean (95% intervals, 2000 resamples):")
    print("  lean     articles outlets  rate   articles resampled   two-stage, by outlet")
    for row in clustered.itertuples(index=False):
        lo, hi = by_lean.set_index("group").loc[row.group, ["ci_low", "ci_high"]]
        width = row.ci_high - row.ci_low
        print(
            f"  {row.group:<8} {row.n_docs:>8} {row.n_clusters:>7} {row.rate:6.2f}   "
            f"{lo:5.2f}-{hi:5.2f} (w {hi - lo:.2f})   {row.ci_low:5.2f}-{row.ci_high:5.2f} "
            f"(w {width:.2f}, x{width / (hi - lo):.1f})"
        )
    print("lean differences, clustered by outlet (bootstrap p, Holm-adjusted over 3 pairs):")
    pairs = biaskit.compare_pairs(scored, by="lean", cluster="outlet")
    for row in pairs.itertuples(index=False):
        print(
            f"  {row.group_a} - {row.group_b}: {row.diff:+.2f} ({row.ci_low:+.2f} to "
            f"{row.ci_high:+.2f}), p = {row.p_value:.3f}, Holm {row.p_adjusted:.3f}"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # undated articles, small years
        years = biaskit.timeline_rates(scored, freq="Y", n_boot=500)
    print("per year (all outlets; no interval under 5 articles):")
    for row in years.itertuples(index=False):
        ci = f"{row.ci_low:5.2f}-{row.ci_high:5.2f}" if row.enough else "    (no interval)"
        print(f"  {row.period}  n={row.n_docs:<4} {row.rate:6.2f}  {ci}")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the small outlets are named below
        by_outlet = biaskit.compare(scored, by="outlet")
    ranked = by_outlet[by_outlet["enough"]]
    small = by_outlet[~by_outlet["enough"]]
    cols = ["group", "n_docs", "rate", "ci_low", "ci_high"]
    print(f"{len(ranked)} outlets with 5+ articles, highest and lowest pooled rates:")
    print(ranked[cols].head(5).round(2).to_string(index=False))
    print(ranked[cols].tail(5).round(2).to_string(index=False))
    print(f"{len(small)} outlets under 5 articles (rate and n only, not ranked), first 5:")
    print(small[cols].head(5).round(2).to_string(index=False))
    fig, ax = plt.subplots(figsize=(7, 3))
    biaskit.plot.rates(by_lean, ax=ax)
    ax.set_title("AllSides sample: loaded language by outlet lean (95% CI)")
    fig.tight_layout()
    Path(args.chart).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.chart, dpi=120)
    print(f"chart: {args.chart}")


if __name__ == "__main__":
    main()
