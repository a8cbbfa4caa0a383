"""What cleaning removes from real scraped articles, per outlet and rule, and how it changes
the distinctive terms.

Usage:
    python benchmarks/clean_check.py ../shared/data/allsides-sample.jsonl [--outlets 15]

Prints the characters removed in all (and per rule), the outlets with the largest share
removed, a sample of removals per rule (to check by eye that they are leftovers, not prose),
and, for the outlets with most removed, the top distinctive terms before and after cleaning
(terms that leave or enter the top 15). Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import time
import warnings

import pandas as pd

import biaskit


def top_terms(corpus: pd.DataFrame, top: int) -> dict[str, list[str]]:
    scored = biaskit.score_corpus(corpus, sentiment=False, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        terms = biaskit.distinctive_terms(scored, top=top, min_count=3)
    return {g: list(t["term"]) for g, t in terms.groupby("group")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--outlets", type=int, default=15)
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    corpus = biaskit.load_allsides(args.path)
    t0 = time.perf_counter()
    result = biaskit.clean_corpus(corpus)
    seconds = time.perf_counter() - t0
    total = int((corpus["text"].str.len()).sum())
    removed = result.removals
    print(f"{len(corpus)} articles, {corpus['outlet'].nunique()} outlets, {total:,} characters; "
          f"cleaned in {seconds:.1f} s")
    gone = int(removed["n_chars"].sum())
    print(f"removed {gone:,} characters ({gone / total:.2%}) "
          f"in {len(removed):,} removals from {removed['id'].nunique()} articles\n")
    per_rule = removed.groupby("rule").agg(
        n_removals=("n_chars", "size"), n_chars=("n_chars", "sum"), articles=("id", "nunique")
    )
    print("per rule:")
    print(per_rule.sort_values("n_chars", ascending=False).to_string(), "\n")
    report = result.report(by="outlet")
    overall = report[report["rule"] == "(all rules)"].sort_values("n_chars", ascending=False)
    print(f"outlets with most removed (top {args.outlets}):")
    cols = ["group", "n_removals", "n_chars", "share"]
    print(overall[cols].head(args.outlets).to_string(index=False, float_format="{:.2%}".format))
    print()
    print("examples per rule (first 3):")
    for rule, sub in removed.groupby("rule"):
        for text in sub["removed"].head(3):
            print(f"  {rule:17} {text.strip()[:110]!r}")
    print()
    before = top_terms(corpus, args.top)
    after = top_terms(result.corpus, args.top)
    print(f"distinctive terms (top {args.top}) that change with cleaning:")
    changed = 0
    for outlet in overall["group"]:
        gone = [t for t in before.get(outlet, []) if t not in after.get(outlet, [])]
        new = [t for t in after.get(outlet, []) if t not in before.get(outlet, [])]
        if gone or new:
            changed += 1
            print(f"  {outlet}: out {gone}; in {new}")
    print(f"{changed} of {len(before)} outlets' top terms changed")


if __name__ == "__main__":
    main()
