"""Throughput of biaskit scoring against TextBlob sentiment, in one run, on one core.

Usage:
    python benchmarks/throughput.py [PATH] [--repeat N]

PATH is any corpus biaskit can load (default: the shipped corpus, replicated to about
300,000 words). For the AllSides sample:
    python benchmarks/throughput.py ../shared/data/allsides-sample.jsonl
Prints words per second for each method. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

import biaskit
from biaskit.text import count_words


def load_texts(path: str | None) -> list[str]:
    if path is None:
        texts = list(biaskit.load_example_corpus()["text"])
        reps = max(1, 300_000 // sum(count_words(t) for t in texts))
        return texts * reps
    p = Path(path)
    if p.suffix == ".jsonl" and "content_original" in p.open().readline():
        return list(biaskit.load_allsides(p)["text"])
    return list(biaskit.load_corpus(p)["text"])


def timed(fn, texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(texts)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?")
    ap.add_argument("--repeat", type=int, default=3, help="runs per method; the best counts")
    args = ap.parse_args()
    texts = load_texts(args.path)
    words = sum(count_words(t) for t in texts)
    chars = sum(len(t) for t in texts)
    lexicon = biaskit.load_lexicon()
    _ = lexicon.matcher  # build once, outside the timings

    import pandas as pd
    from textblob import TextBlob
    from textblob.en import sentiment as pattern_sentiment

    frame = pd.DataFrame({"id": range(len(texts)), "outlet": "x", "text": texts})

    def score_only(ts):
        for t in ts:
            biaskit.score(t, lexicon).loaded  # noqa: B018

    def score_matches(ts):
        for t in ts:
            biaskit.score(t, lexicon).matches  # noqa: B018

    def score_sentiment(ts):
        for t in ts:
            biaskit.score(t, lexicon).sentiment  # noqa: B018

    def score_frame_fast(_ts):
        biaskit.score_frame(frame, lexicon=lexicon, sentiment=False)

    def textblob_sentiment(ts):
        for t in ts:
            TextBlob(t).sentiment  # noqa: B018

    def pattern_only(ts):
        for t in ts:
            pattern_sentiment(t)

    methods = [
        ("biaskit.score", score_only),
        ("biaskit.score + Match objects read", score_matches),
        ("biaskit.score + sentiment", score_sentiment),
        ("biaskit.score_frame (no sentiment)", score_frame_fast),
        ("TextBlob(s).sentiment", textblob_sentiment),
        ("textblob.en.sentiment(s)", pattern_only),
    ]
    print(
        f"corpus: {args.path or 'shipped corpus, replicated'}: {len(texts):,} documents, "
        f"{words:,} words, {chars / 1e6:.1f} M characters"
    )
    print(
        f"machine: {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}, one process; best of {args.repeat}"
    )
    results = {}
    for name, fn in methods:
        secs = timed(fn, texts, args.repeat if "TextBlob" not in name else 1)
        results[name] = words / secs
        print(f"{name:<38} {words / secs:>12,.0f} words/s  ({secs:.2f} s)")
    ratio = results["biaskit.score"] / results["TextBlob(s).sentiment"]
    print(f"biaskit.score is {ratio:.1f}x TextBlob(s).sentiment")


if __name__ == "__main__":
    main()
