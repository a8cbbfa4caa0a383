"""How much the analyses cost once a corpus is scored (they must never score again).

Usage:
    python benchmarks/analyses.py ../shared/data/allsides-sample.jsonl [--n 600]

Scores N articles once with ``score_corpus``, then runs naming shares, the attribution
profile and scare quotes on the scored corpus, and prints both times and their ratio
(the target is at most 0.25). Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import time

import biaskit


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--n", type=int, default=600)
    args = ap.parse_args()
    corpus = biaskit.load_allsides(args.path).head(args.n)
    lexicon = biaskit.load_lexicon()
    _ = lexicon.matcher
    t0 = time.perf_counter()
    scored = biaskit.score_corpus(corpus, lexicon=lexicon, language="en")
    t_score = time.perf_counter() - t0
    t0 = time.perf_counter()
    biaskit.naming_shares(scored)
    biaskit.attribution_profile(scored)
    biaskit.scare_quotes(scored)
    t_analyses = time.perf_counter() - t0
    words = int(scored.docs["n_words"].sum())
    print(f"{len(corpus)} articles, {words:,} words, {len(scored.matches):,} matches")
    print(f"score_corpus: {t_score:.2f} s ({words / t_score:,.0f} words/s)")
    print(f"naming shares + attribution profile + scare quotes: {t_analyses:.3f} s")
    print(f"ratio: {t_analyses / t_score:.3f} (target at most 0.25)")


if __name__ == "__main__":
    main()
