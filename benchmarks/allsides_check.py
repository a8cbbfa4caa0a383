"""Real-data check on the AllSides (Article-Bias-Prediction) sample: loading and validity.

Usage:
    python benchmarks/allsides_check.py ../shared/data/allsides-sample.jsonl [--chart FILE.png]

Prints the number of articles and outlets, the ROC-AUC of the own-voice loaded rate for
partisan (left or right) against center outlets next to TextBlob subjectivity, and pooled
rates per lean with bootstrap intervals. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

import biaskit
from biaskit.evaluate import roc_auc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--chart", default="build/allsides-lean.png")
    args = ap.parse_args()
    df = biaskit.load_allsides(args.path)
    print(f"{len(df):,} articles from {df['outlet'].nunique()} outlets")
    scored = biaskit.score_frame(df, keep_text=False)
    partisan = [0 if lean == "center" else 1 for lean in scored["lean"]]
    print("ROC-AUC, partisan (left/right) vs center articles:")
    for col in ("loaded_per_1k", "rate_loaded", "rate_label", "subjectivity"):
        print(f"  {col:<16} {roc_auc(partisan, list(scored[col])):.3f}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        by_lean = biaskit.compare(scored, by="lean", n_boot=1000)
        by_outlet = biaskit.compare(scored, by="outlet", n_boot=500)
    print(by_lean.round(2).to_string(index=False))
    print("outlets with the highest and lowest pooled rates:")
    print(by_outlet.head(5).round(2).to_string(index=False))
    print(by_outlet.tail(5).round(2).to_string(index=False))
    fig, ax = plt.subplots(figsize=(7, 3))
    biaskit.plot.rates(by_lean, ax=ax)
    ax.set_title("AllSides sample: loaded language by outlet lean (95% CI)")
    fig.tight_layout()
    fig.savefig(args.chart, dpi=120)
    print(f"chart: {args.chart}")


if __name__ == "__main__":
    main()
