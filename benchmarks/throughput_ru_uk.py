"""Words per second of scoring Russian and Ukrainian text (lemma matching), on one core.

Usage:
    python benchmarks/throughput_ru_uk.py [--words 300000] [--repeat 3] [--unlp PATH]

Replicates the team-written articles of ``corpus-ru-uk/`` to about ``--words`` words per
language and prints the words/s of ``biaskit.score`` (counts): the first run (cold lemma
cache) and the best run, by the wall clock and by CPU time, with the machine load, and how
dense the texts are in lexicon hits (hits and sense checks per 1,000 words: every hit costs
context rules, so a dense text scores slower). The target is at least 200,000 words/s.

With ``--unlp PATH`` (the UNLP posts, read in place, never copied) it also scores the real
posts of each language: the first pass (most word forms new to the lemma cache, so mostly
pymorphy3) and the best later pass. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import biaskit
from biaskit.tokens import count_words

ROOT = Path(__file__).resolve().parent.parent / "corpus-ru-uk"


def _runs(texts: list[str], lexicon: biaskit.Lexicon, lang: str, repeat: int):
    """(wall, CPU) seconds of scoring ``texts`` ``repeat`` times."""
    runs = []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            biaskit.score(t, lexicon, language=lang).loaded  # noqa: B018
        runs.append((time.perf_counter() - w0, time.process_time() - c0))
    return runs


def _density(texts: list[str], lexicon: biaskit.Lexicon, lang: str) -> str:
    """Hits, and hits whose entry has sense conditions, per 1,000 words."""
    words = sum(count_words(t) for t in texts)
    hits = [h for t in texts for h in biaskit.score(t, lexicon, language=lang).hits]
    senses = sum(1 for h in hits if h.entry is not None and h.entry.when is not None)
    return (f"{1000 * len(hits) / words:.0f} hits and {1000 * senses / words:.0f} with senses "
            "per 1,000 words")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=300_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--unlp", help="the UNLP posts (JSONL), scored as they are")
    args = ap.parse_args()
    posts = []
    if args.unlp:
        with open(args.unlp, encoding="utf-8") as fh:
            posts = [json.loads(line) for line in fh if line.strip()]
    for lang in ("ru", "uk"):
        docs = biaskit.load_corpus(ROOT)
        originals = [
            t for t, code in zip(docs["text"], docs["language"], strict=True) if code == lang
        ]
        words = sum(count_words(t) for t in originals)
        texts = originals * max(1, args.words // max(words, 1))
        total = sum(count_words(t) for t in texts)
        lexicon = biaskit.load_lexicon(language=lang)
        _ = lexicon.matcher
        runs = _runs(texts, lexicon, lang, args.repeat)
        wall = min(r[0] for r in runs)
        cpu = min(r[1] for r in runs)
        print(f"{lang}: {total:,} words: first run {total / runs[0][0]:,.0f} words/s; best of "
              f"{args.repeat}: {total / wall:,.0f} words/s (wall), {total / cpu:,.0f} (CPU); "
              f"{_density(originals, lexicon, lang)}")
        if posts:
            real = [p["text"] for p in posts if p["lang"] == lang]
            n = sum(count_words(t) for t in real)
            runs = _runs(real, lexicon, lang, max(2, args.repeat))
            print(f"{lang} UNLP: {len(real):,} posts, {n:,} words: first pass "
                  f"{n / runs[0][1]:,.0f} words/s (CPU), best later pass "
                  f"{n / min(r[1] for r in runs[1:]):,.0f} (CPU); {_density(real, lexicon, lang)}")
    one, five, fifteen = os.getloadavg()
    print(f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
