"""Throughput of biaskit scoring against TextBlob sentiment, in one run, on one core.

Usage:
    python benchmarks/throughput.py [PATH] [--repeat N]

PATH is any corpus biaskit can load (default: the shipped corpus, replicated to about
300,000 words). For the AllSides sample:
    python benchmarks/throughput.py ../shared/data/allsides-sample.jsonl
Prints words per second for each method, by the wall clock and by the CPU time of this
process (steadier on a shared machine), the machine load (``os.getloadavg``) before and after,
and biaskit's speed as a multiple of TextBlob's in the same run. ``--all`` adds sentiment,
``score_frame`` and TextBlob's faster entry point. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import os
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


def timed(fn, texts: list[str], repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs of ``fn(texts)``."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn(texts)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best_wall, best_cpu


def load() -> str:
    """The 1-, 5- and 15-minute load averages and the number of cores."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?")
    ap.add_argument("--repeat", type=int, default=3, help="runs per method; the best counts")
    ap.add_argument("--all", action="store_true", help="also sentiment, score_frame, pattern")
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
        ("biaskit.score (counts)", score_only),
        ("biaskit.score + Match objects read", score_matches),
        ("TextBlob(s).sentiment", textblob_sentiment),
    ]
    if args.all:
        methods[2:2] = [
            ("biaskit.score + sentiment", score_sentiment),
            ("biaskit.score_frame (no sentiment)", score_frame_fast),
        ]
        methods.append(("textblob.en.sentiment(s)", pattern_only))
    print(
        f"corpus: {args.path or 'shipped corpus, replicated'}: {len(texts):,} documents, "
        f"{words:,} words, {chars / 1e6:.1f} M characters"
    )
    print(
        f"machine: {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}, one process; best of {args.repeat} (TextBlob: 1 run)"
    )
    print(f"before: {load()}")
    print(f"{'method':<38} {'words/s (wall)':>15} {'words/s (CPU)':>15}")
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for name, fn in methods:
        w, c = timed(fn, texts, args.repeat if "extblob" not in name else 1)
        wall[name], cpu[name] = words / w, words / c
        print(f"{name:<38} {words / w:>15,.0f} {words / c:>15,.0f}  ({w:.2f} s wall)")
    print(f"after: {load()}")
    tb = "TextBlob(s).sentiment"
    for name in wall:
        if name.startswith("biaskit"):
            print(f"{name} is {wall[name] / wall[tb]:.1f}x TextBlob(s).sentiment by the wall "
                  f"clock, {cpu[name] / cpu[tb]:.1f}x by CPU time")


if __name__ == "__main__":
    main()
