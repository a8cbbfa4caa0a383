"""Words per second of scoring Russian and Ukrainian text (lemma matching), on one core.

Usage:
    python benchmarks/throughput_ru_uk.py [--words 300000] [--repeat 3]

Replicates the team-written articles of ``corpus-ru-uk/`` to about ``--words`` words per
language and prints the words/s of ``biaskit.score`` (counts): the first run (cold lemma
cache) and the best run, by the wall clock and by CPU time, with the machine load. The target
is at least 200,000 words/s. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import biaskit
from biaskit.tokens import count_words

ROOT = Path(__file__).resolve().parent.parent / "corpus-ru-uk"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=300_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    for lang in ("ru", "uk"):
        docs = biaskit.load_corpus(ROOT)
        texts = [t for t, code in zip(docs["text"], docs["language"], strict=True) if code == lang]
        words = sum(count_words(t) for t in texts)
        texts = texts * max(1, args.words // max(words, 1))
        total = sum(count_words(t) for t in texts)
        lexicon = biaskit.load_lexicon(language=lang)
        _ = lexicon.matcher
        runs = []
        for _ in range(args.repeat):
            w0, c0 = time.perf_counter(), time.process_time()
            for t in texts:
                biaskit.score(t, lexicon, language=lang).loaded  # noqa: B018
            runs.append((time.perf_counter() - w0, time.process_time() - c0))
        wall = min(r[0] for r in runs)
        cpu = min(r[1] for r in runs)
        print(f"{lang}: {total:,} words: first run {total / runs[0][0]:,.0f} words/s; best of "
              f"{args.repeat}: {total / wall:,.0f} words/s (wall), {total / cpu:,.0f} (CPU)")
    one, five, fifteen = os.getloadavg()
    print(f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores")

if __name__ == "__main__":
    main()
