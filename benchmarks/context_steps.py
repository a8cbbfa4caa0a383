"""What each context step does to agreement with annotators (BABE layout).

Usage:
    python benchmarks/context_steps.py ../shared/data/babe-dev.csv

Runs ``biaskit.evaluate`` with the context rules switched on one at a time and prints a
Markdown table of ROC-AUC (95% CI) and word-level precision, recall and F1. The lexicon's
senses are data and are on in every row. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse

import biaskit

STEPS = [
    ("no context (every voice, negated words, hedges as loaded)",
     {"voices": ("own", "reported", "mentioned"), "count_negated": True,
      "measures": ("loaded", "stance")}),
    ("+ reported speech is not the outlet's",
     {"voices": ("own", "mentioned"), "count_negated": True, "measures": ("loaded", "stance")}),
    ("+ words mentioned as words do not count",
     {"voices": ("own",), "count_negated": True, "measures": ("loaded", "stance")}),
    ("+ negated words do not count",
     {"voices": ("own",), "count_negated": False, "measures": ("loaded", "stance")}),
    ("+ stance apart from loaded (the default)",
     {"voices": ("own",), "count_negated": False, "measures": ("loaded",)}),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    args = ap.parse_args()
    data = biaskit.load_annotated(args.path)
    lexicon = biaskit.load_lexicon()
    print("| step | ROC-AUC (95% CI) | word precision | word recall | word F1 |")
    print("|---|---|---|---|---|")
    for name, options in STEPS:
        result = biaskit.evaluate(data, lexicon=lexicon, baselines=False, **options)
        row = result.summary.iloc[0]
        print(
            f"| {name} | {row['roc_auc']:.3f} ({row['roc_auc_low']:.3f}-{row['roc_auc_high']:.3f})"
            f" | {row['word_precision']:.3f} | {row['word_recall']:.3f} | {row['word_f1']:.3f} |"
        )


if __name__ == "__main__":
    main()
