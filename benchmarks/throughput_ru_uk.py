"""Words per second of scoring Russian and Ukrainian text (lemma matching), on one core.

Usage:
    python benchmarks/throughput_ru_uk.py [--words 300000] [--repeat 3]

Replicates the team-written articles of ``corpus-ru-uk/`` to about ``--words`` words per
language and prints the best words/s of ``biaskit.score`` (counts), cold and warm lemma
cache. The target is at least 200,000 words/s. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
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
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for t in texts:
                biaskit.score(t, lexicon, language=lang).loaded  # noqa: B018
            best = min(best, time.perf_counter() - t0)
        print(f"{lang}: {total:,} words, best of {args.repeat}: {total / best:,.0f} words/s")


if __name__ == "__main__":
    main()
