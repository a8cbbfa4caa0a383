"""Held-out ROC-AUC of the shipped lexicon weights against weights fitted by biaskit.calibrate.

Usage:
    python benchmarks/calibrate_check.py ../shared/data/babe-dev.csv [--folds 5] [--out FILE.yaml]

Fitting on the sentences the score is measured on would flatter it, so the "after" figure is
cross-validated: each sentence is scored by a model fitted on the other folds. Prints both
AUCs with 95% bootstrap intervals, the largest weight changes, and (with --out) writes the
overlay for a look. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import time

import biaskit


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--out")
    args = ap.parse_args()
    data = biaskit.load_annotated(args.path)
    t0 = time.perf_counter()
    cal = biaskit.calibrate(data, folds=args.folds, min_count=args.min_count, progress=False)
    print(f"{len(data)} sentences ({int(data['label'].notna().sum())} with an agreed label); "
          f"{time.perf_counter() - t0:.0f} s\n")
    print(cal.report())
    print(f"\n{len(cal.weights)} entries seen; {int((cal.weights['change'] != 0).sum())} changed")
    if args.out:
        print(f"overlay written to {cal.to_lexicon(args.out)}")


if __name__ == "__main__":
    main()
