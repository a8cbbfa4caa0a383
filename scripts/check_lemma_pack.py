"""Check a lemma-matched language pack against its own examples.

Usage: python scripts/check_lemma_pack.py [ru|uk] [-v]

Every entry of ``src/biaskit/lang/<code>/lexicon`` must be found in each of its ``examples``
and must not be found in its ``not_examples``. The check runs a small stand-in for the
matching engine: each token (``\\w+`` joined by hyphens or apostrophes) is lemmatised with
pymorphy3 (first parse, lowercased, ё folded to е); entries match on lemma sequences, the
longest sequence wins, and among the entries sharing a sequence those with a ``when``
condition are tried first. ``when`` conditions are read as:

- ``prev`` / ``prev_not``: the lemma of the word just before the match is / is not listed;
- ``next`` / ``next_not``: the same for the word just after the match;
- ``case``: how the matched words are written (lower, capitalized, upper);
- ``pos``: the coarse part of speech of the first matched word;
- ``unless_frame``: no lemma of the sentence is listed in the named frame of language.yaml.

Needs pymorphy3 and the dictionaries (pymorphy3-dicts-ru, pymorphy3-dicts-uk).
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# A word masked with asterisks (бл*дь) is one token, kept as written, as in biaskit.lemmas.
TOKEN = re.compile(r"\w+(?:\*+\w+)+|\w+(?:[-'ʼ’]\w+)*")
POS = {
    "noun": {"NOUN"},
    "verb": {"VERB", "INFN", "GRND", "PRTF", "PRTS"},
    "adj": {"ADJF", "ADJS", "PRTF", "PRTS", "COMP"},
    "adv": {"ADVB", "PRED"},
}


def make_lemmatiser(code: str):
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang=code)

    @cache
    def parse(word: str) -> tuple[str, str]:
        if "*" in word:
            return word.lower(), "UNKN"
        p = morph.parse(word)[0]
        return p.normal_form.lower().replace("ё", "е"), str(p.tag)

    return parse


def load_pack(code: str):
    folder = ROOT / "src" / "biaskit" / "lang" / code
    entries = []
    for path in sorted((folder / "lexicon").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for e in doc["entries"]:
            e.setdefault("category", doc.get("category"))
            e["_file"] = path.name
            entries.append(e)
    language = yaml.safe_load((folder / "language.yaml").read_text(encoding="utf-8"))
    return entries, language


class Matcher:
    def __init__(self, entries, language, parse):
        self.parse = parse
        self.frames = {
            name: {w.lower().replace("ё", "е") for w in words}
            for name, words in (language.get("frames") or {}).items()
        }
        self.by_form: dict[tuple[str, ...], list[dict]] = {}
        for e in entries:
            forms = [e["term"], *(e.get("forms") or [])]
            seen = set()
            for f in forms:
                key = tuple(str(f).lower().replace("ё", "е").split())
                if key in seen:
                    continue
                seen.add(key)
                self.by_form.setdefault(key, []).append(e)
        for owners in self.by_form.values():
            owners.sort(key=lambda e: e.get("when") is None)
        self.max_len = max(len(k) for k in self.by_form)

    def analyse(self, text: str):
        words = TOKEN.findall(text)
        parsed = [self.parse(w) for w in words]
        return words, [p[0] for p in parsed], [p[1] for p in parsed]

    def _holds(self, when, words, lemmas, tags, i, n) -> bool:
        if not when:
            return True
        prev = lemmas[i - 1] if i > 0 else None
        nxt = lemmas[i + n] if i + n < len(lemmas) else None
        if "prev" in when and prev not in when["prev"]:
            return False
        if "prev_not" in when and prev in when["prev_not"]:
            return False
        if "next" in when and nxt not in when["next"]:
            return False
        if "next_not" in when and nxt in when["next_not"]:
            return False
        case = when.get("case")
        span = words[i : i + n]
        if case == "lower" and not all(w == w.lower() for w in span):
            return False
        if case == "upper" and not all(w == w.upper() for w in span):
            return False
        if case == "capitalized" and not span[0][:1].isupper():
            return False
        if "pos" in when:
            tag = tags[i]
            ok = False
            for p in when["pos"]:
                if p == "propn":
                    ok |= any(g in tag for g in ("Name", "Surn", "Patr", "Geox", "Orgn"))
                else:
                    ok |= tag.split(",")[0].split()[0] in POS[p]
            if not ok:
                return False
        for frame in when.get("unless_frame") or []:
            if self.frames.get(frame, set()) & set(lemmas):
                return False
        return True

    def matches(self, text: str) -> list[tuple[dict, int, int]]:
        words, lemmas, tags = self.analyse(text)
        out = []
        i = 0
        while i < len(lemmas):
            step = 1
            for n in range(min(self.max_len, len(lemmas) - i), 0, -1):
                owners = self.by_form.get(tuple(lemmas[i : i + n]))
                if not owners:
                    continue
                winner = next(
                    (e for e in owners if self._holds(e.get("when"), words, lemmas, tags, i, n)),
                    None,
                )
                if winner is not None:
                    out.append((winner, i, n))
                    step = n
                    break
            i += step
        return out


def example_text(x) -> str:
    return x["text"] if isinstance(x, dict) else str(x)


def main(argv: list[str]) -> int:
    code = next((a for a in argv if not a.startswith("-")), "ru")
    verbose = "-v" in argv
    entries, language = load_pack(code)
    parse = make_lemmatiser(code)
    matcher = Matcher(entries, language, parse)
    passed = 0
    failures = []
    for e in entries:
        problems = []
        examples = e.get("examples") or []
        if not examples:
            problems.append("no examples")
        for x in examples:
            text = example_text(x)
            if not any(m[0] is e for m in matcher.matches(text)):
                _, lemmas, _ = matcher.analyse(text)
                problems.append(f"not found in example: {text!r} -> {' '.join(lemmas)}")
        for text in e.get("not_examples") or []:
            if any(m[0] is e for m in matcher.matches(str(text))):
                problems.append(f"found in not_example: {text!r}")
        if problems:
            failures.append((e, problems))
        else:
            passed += 1
    for e, problems in failures:
        print(f"FAIL {e['_file']}: {e['term']}")
        for p in problems:
            print(f"    {p}")
    counts: dict[str, int] = {}
    for e in entries:
        counts[e["category"]] = counts.get(e["category"], 0) + 1
    if verbose:
        print(counts)
    print(f"{passed}/{len(entries)} entries pass the lemma check ({code})")
    return 0 if passed == len(entries) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
