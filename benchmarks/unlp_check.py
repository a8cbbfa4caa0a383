"""Agreement with journalists' annotations of Ukrainian and Russian Telegram posts (UNLP 2025).

Usage:
    python benchmarks/unlp_check.py ../shared/data/unlp-dev.jsonl [--half even|odd|all|both]

Per language: ROC-AUC (95% stratified bootstrap CI) of the loaded score against the
``loaded_language`` technique label, and micro token precision, recall and F1 against the
annotated manipulative spans, each beside a baseline (post length for AUC; flagging every
token for F1). Tokens are flagged two ways, both printed: ``word`` flags the words of counted
loaded matches; ``phrase`` flags the phrase each match governs (for ru and uk, up to the
nearest mark that starts another statement, across commas, at most ten words on each side:
:func:`biaskit.phrases.phrase_around`, the same rule the explanations use), because the
journalists annotate phrases, not single words. The data is read, never copied, and the
lexicon is not tuned to it. Run on demand; never part of the tests.

``--half`` splits the posts by the parity of a stable hash of their id (CRC-32): study errors
on the ``even`` half only and check that the ``odd`` half improves too; ``both`` (the default)
prints the table for ``even``, ``odd`` and ``all``.
"""

from __future__ import annotations

import argparse
import json
import zlib

import biaskit
from biaskit.phrases import phrase_around
from biaskit.stats import roc_auc_ci
from biaskit.tokens import WORD_RE


def token_labels(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Every word token and whether it lies in (overlaps) one of ``spans``."""
    return [
        (m.start(), m.end(), any(a < m.end() and m.start() < b for a, b in spans))
        for m in WORD_RE.finditer(text)
    ]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def half_of(post_id: str) -> str:
    """``even`` or ``odd``: the parity of a stable hash (CRC-32) of the post's id."""
    return "odd" if zlib.crc32(post_id.encode("utf-8")) % 2 else "even"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--half", choices=("even", "odd", "all", "both"), default="both",
                    help="which posts: a half by id hash, all, or each of the three (default)")
    args = ap.parse_args()
    with open(args.path, encoding="utf-8") as fh:
        posts = [json.loads(line) for line in fh if line.strip()]
    halves = ("even", "odd", "all") if args.half == "both" else (args.half,)
    lexicons = {lang: biaskit.load_lexicon(language=lang) for lang in ("uk", "ru")}
    print("| half | language | posts | method | ROC-AUC (95% CI) | token precision | "
          "token recall | token F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for half in halves:
        chosen = [p for p in posts if half == "all" or half_of(p["id"]) == half]
        table(half, chosen, lexicons)


def table(half: str, posts: list[dict], lexicons: dict[str, biaskit.Lexicon]) -> None:
    """The table rows of one half of the posts."""
    for lang in ("uk", "ru"):
        rows = [p for p in posts if p["lang"] == lang]
        lexicon = lexicons[lang]
        labels, scores, lengths = [], [], []
        counts = {"word": [0, 0, 0], "phrase": [0, 0, 0]}  # tp, fp, fn
        all_tp = all_fp = 0
        for p in rows:
            text = p["text"]
            s = biaskit.score(text, lexicon, language=lang)
            labels.append(int("loaded_language" in p["techniques"]))
            scores.append(s.loaded)
            lengths.append(s.n_words)
            spans = [(a, b) for a, b in p["spans"]]
            words = [(m.start, m.end) for m in s.matches if m.counted and m.measure == "loaded"]
            phrases = [phrase_around(text, a, b, language=lang) for a, b in words]
            flagged = {"word": words, "phrase": phrases}
            for a, b, gold in token_labels(text, spans):
                for unit, marked in flagged.items():
                    pred = any(x < b and a < y for x, y in marked)
                    c = counts[unit]
                    c[0] += pred and gold
                    c[1] += pred and not gold
                    c[2] += gold and not pred
                all_tp += gold
                all_fp += not gold
        for name, values, (pp, rr, ff) in [
            ("biaskit, word", scores, prf(*counts["word"])),
            ("biaskit, phrase", scores, prf(*counts["phrase"])),
            ("baseline (length; every token)", lengths, prf(all_tp, all_fp, 0)),
        ]:
            auc, lo, hi = roc_auc_ci(labels, values)
            print(f"| {half} | {lang} | {len(rows)} | {name} | {auc:.3f} ({lo:.3f}-{hi:.3f}) | "
                  f"{pp:.3f} | {rr:.3f} | {ff:.3f} |")

if __name__ == "__main__":
    main()
