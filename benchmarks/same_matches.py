"""Check that a change to the scoring code leaves every match and summary unchanged.

Usage:
    python benchmarks/same_matches.py OUT.tsv [--against BEFORE.tsv] [--allsides PATH]
        [--babe PATH] [--unlp PATH]

Scores the shipped corpora (``corpus/``, ``corpus-ru-uk/``) and, when given, the AllSides
sample, the BABE sentences and the UNLP posts, and writes one line per match (source, id,
start, end, term, category, weight, voice, negated, counted, rule, sentence, speaker,
quote_rule) and one per document summary to OUT. With ``--against`` it compares the two files
and exits 1 if any line differs (the first differences are printed). The data is read, never
copied into the project. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import biaskit

ROOT = Path(__file__).resolve().parent.parent


def documents(args: argparse.Namespace) -> Iterator[tuple[str, str, str, str]]:
    """(source, id, language, text) of every document to check."""
    for name in ("corpus", "corpus-ru-uk"):
        docs = biaskit.load_corpus(ROOT / name)
        langs = docs["language"] if "language" in docs else ["en"] * len(docs)
        for i, lang, text in zip(docs["id"], langs, docs["text"], strict=True):
            yield name, str(i), lang if isinstance(lang, str) else "en", text
    if args.allsides:
        docs = biaskit.load_allsides(args.allsides)
        for i, text in zip(docs["id"], docs["text"], strict=True):
            yield "allsides", str(i), "en", text
    if args.babe:
        data = biaskit.load_annotated(args.babe)
        for i, text in enumerate(data["text"]):
            yield "babe", str(i), "en", text
    if args.unlp:
        with open(args.unlp, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    p = json.loads(line)
                    yield "unlp", p["id"], p["lang"], p["text"]


def lines(args: argparse.Namespace) -> Iterator[str]:
    """One tab-separated line per match and per document summary."""
    lexicons: dict[str, biaskit.Lexicon] = {}
    for source, doc_id, lang, text in documents(args):
        lex = lexicons.get(lang) or lexicons.setdefault(lang, biaskit.load_lexicon(language=lang))
        s = biaskit.score(text, lex, language=lang)
        summary = s.summary()
        yield "\t".join([source, doc_id, "doc", *(f"{k}={v}" for k, v in summary.items())])
        for m in s.matches:
            fields = (m.start, m.end, m.term, m.category, m.weight, m.voice, m.negated,
                      m.counted, m.rule, m.sentence, m.speaker, m.quote_rule, m.replacement)
            yield "\t".join([source, doc_id, "match", *map(str, fields)])
        for q in s.quotes:
            yield "\t".join([source, doc_id, "quote", *map(str, (q.start, q.end, q.kind, q.rule))])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--against")
    ap.add_argument("--allsides")
    ap.add_argument("--babe")
    ap.add_argument("--unlp")
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as fh:
        n = 0
        for line in lines(args):
            fh.write(line + "\n")
            n += 1
    print(f"{n:,} lines written to {args.out}")
    if args.against:
        old = Path(args.against).read_text(encoding="utf-8").splitlines()
        new = Path(args.out).read_text(encoding="utf-8").splitlines()
        diff = [(i, a, b) for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
        if len(old) != len(new) or diff:
            print(f"DIFFERENT: {len(old):,} lines before, {len(new):,} after, "
                  f"{len(diff):,} differ")
            for i, a, b in diff[:10]:
                print(f"line {i}:\n  before: {a}\n  after:  {b}")
            sys.exit(1)
        print(f"identical to {args.against}")


if __name__ == "__main__":
    main()
