"""Time of each step of a research workflow on a real corpus (the AllSides sample).

Usage:
    python benchmarks/research_steps.py ../shared/data/allsides-sample.jsonl [--n-boot 1000]

Prints, for the 3,000 articles: loading, cleaning (report only), scoring once, then every
analysis on the scored corpus (rates by outlet and by lean clustered by outlet, pairwise
comparisons, naming shares, reporting verbs, scare quotes, distinctive terms, candidate
terms), the rates chart of every outlet, and the exports (Parquet and CSV), with wall and CPU
seconds and the load average so figures from a shared machine can be judged. Run on demand;
never part of the tests.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

import biaskit


def timed(name: str, step: Callable[[], Any], rows: list[tuple[str, float, float]]) -> Any:
    """Run ``step``, record its wall and CPU seconds under ``name``, return its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    rows.append((name, time.perf_counter() - wall, time.process_time() - cpu))
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--n-boot", type=int, default=1000)
    args = ap.parse_args()
    warnings.simplefilter("ignore", UserWarning)  # small outlets: reported in the tables
    rows: list[tuple[str, float, float]] = []
    load_before = os.getloadavg()

    corpus = timed("load_allsides", lambda: biaskit.load_allsides(args.path), rows)
    timed("clean_corpus (report only)", lambda: biaskit.clean_corpus(corpus).report(), rows)
    scored = timed("score_corpus", lambda: biaskit.score_corpus(corpus, progress=False), rows)
    nb = args.n_boot
    timed("compare by outlet", lambda: biaskit.compare(scored, by="outlet", n_boot=nb), rows)
    timed(
        "compare by lean, clustered by outlet",
        lambda: biaskit.compare(scored, by="lean", cluster="outlet", n_boot=nb),
        rows,
    )
    timed(
        "compare_pairs by lean, clustered (Holm)",
        lambda: biaskit.compare_pairs(scored, by="lean", cluster="outlet", n_boot=nb),
        rows,
    )
    timed("naming_shares", lambda: biaskit.naming_shares(scored), rows)
    timed("attribution_profile", lambda: biaskit.attribution_profile(scored), rows)
    timed("scare_quotes", lambda: biaskit.scare_quotes(scored), rows)
    timed("distinctive_terms", lambda: biaskit.distinctive_terms(scored), rows)
    timed("candidate_terms", lambda: biaskit.candidate_terms(scored), rows)

    def chart() -> None:
        rates = biaskit.compare(scored, by="outlet", n_boot=nb)
        ax = biaskit.plot.rates(rates)
        ax.figure.savefig(os.devnull, format="png")
        plt.close(ax.figure)

    timed("rates chart, every outlet (with its compare)", chart, rows)
    with tempfile.TemporaryDirectory() as tmp:
        timed("export matches.parquet", lambda: biaskit.export(scored, f"{tmp}/m.parquet"), rows)
        timed("export matches.csv", lambda: biaskit.export(scored, f"{tmp}/m.csv"), rows)

    print(
        f"{len(corpus):,} articles, {corpus['outlet'].nunique()} outlets, "
        f"{int(scored.docs['n_words'].sum()):,} words; load average "
        f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after (2 cores)"
    )
    print(f"{'step':46} {'wall s':>8} {'CPU s':>8}")
    for name, wall, cpu in rows:
        print(f"{name:46} {wall:8.2f} {cpu:8.2f}")
    print(f"{'total':46} {sum(r[1] for r in rows):8.2f} {sum(r[2] for r in rows):8.2f}")


if __name__ == "__main__":
    main()
