"""Check the Ukrainian lexicon's lemma forms against its own example sentences.

For every entry in ``src/biaskit/lang/uk/lexicon/*.yaml``:

* each ``examples`` sentence, lemmatised token by token with pymorphy3, must contain one of
  the entry's forms (a lemma sequence) and the entry must win that span;
* no ``not_examples`` sentence may yield a match for the entry.

Matching is simulated the way the engine is specified: tokens are
``re.findall(r"\\w+(?:[-'ʼ’]\\w+)*", text)``; each token's lemma is
``MorphAnalyzer(lang="uk").parse(tok)[0].normal_form`` lowercased, ё folded to е and
apostrophes folded to '. Left to right, the longest form (over the whole lexicon) whose
``when`` conditions hold wins; an entry with conditions is tried before an unconditional
entry with the same form. ``when`` is read as: ``prev``/``prev_not`` the lemma of the token just
before the span, ``next``/``next_not`` the lemma just after, ``case`` the writing of the first
matched token, ``unless_frame`` any lemma of the sentence in that frame (``language.yaml``).

Usage: .venv/bin/python scripts/check_lemma_pack_uk.py [-v]
Exit status 1 if any entry fails.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "src" / "biaskit" / "lang" / "uk"
# A word masked with asterisks (бл*дь) is one token, kept as written, as in biaskit.lemmas.
TOKEN = re.compile(r"\w+(?:\*+\w+)+|\w+(?:[-'ʼ’]\w+)*")
APOS = str.maketrans({"’": "'", "ʼ": "'", "ё": "е", "Ё": "Е"})

_morph = None


def morph():
    global _morph
    if _morph is None:
        import pymorphy3

        _morph = pymorphy3.MorphAnalyzer(lang="uk")
    return _morph


@cache
def lemma(token: str) -> str:
    if "*" in token:
        return token.lower()
    tok = token.translate(APOS)
    return morph().parse(tok)[0].normal_form.lower().translate(APOS)


def norm_form(form: str) -> tuple[str, ...]:
    return tuple(form.lower().translate(APOS).split())


def load_entries() -> list[dict]:
    out = []
    for path in sorted((PACK / "lexicon").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in doc["entries"]:
            item.setdefault("category", doc.get("category"))
            item["_file"] = path.name
            forms = {norm_form(str(item["term"]))}
            forms.update(norm_form(str(f)) for f in item.get("forms") or [])
            item["_forms"] = forms
            out.append(item)
    return out


def load_frames() -> dict[str, set[str]]:
    path = PACK / "language.yaml"
    if not path.exists():
        return {}
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {k: {str(w).lower() for w in v} for k, v in (doc.get("frames") or {}).items()}


def case_of(tok: str) -> str:
    if tok.isupper() and len(tok) > 1:
        return "upper"
    if tok[:1].isupper():
        return "capitalized"
    return "lower"


def sense_holds(entry: dict, toks: list[str], lems: list[str], i: int, n: int, frames) -> bool:
    when = entry.get("when")
    if not when:
        return True
    prev = lems[i - 1] if i > 0 else None
    nxt = lems[i + n] if i + n < len(lems) else None
    low = lambda xs: {str(x).lower() for x in xs}  # noqa: E731
    if "prev" in when and prev not in low(when["prev"]):
        return False
    if "prev_not" in when and prev in low(when["prev_not"]):
        return False
    if "next" in when and nxt not in low(when["next"]):
        return False
    if "next_not" in when and nxt in low(when["next_not"]):
        return False
    if "case" in when and case_of(toks[i]) != when["case"]:
        return False
    present = set(lems)
    return not any(frames.get(fr, set()) & present for fr in when.get("unless_frame") or [])


def build_index(entries):
    index: dict[tuple[str, ...], list[dict]] = {}
    for e in entries:
        for f in e["_forms"]:
            index.setdefault(f, []).append(e)
    for lst in index.values():
        lst.sort(key=lambda e: not e.get("when"))
    maxlen = max(len(f) for f in index)
    return index, maxlen


def matches(text: str, index, maxlen, frames) -> list[tuple[int, int, dict]]:
    toks = TOKEN.findall(text)
    lems = [lemma(t) for t in toks]
    out = []
    i = 0
    while i < len(toks):
        found = None
        for n in range(min(maxlen, len(toks) - i), 0, -1):
            for e in index.get(tuple(lems[i : i + n]), ()):
                if sense_holds(e, toks, lems, i, n, frames):
                    found = (i, n, e)
                    break
            if found:
                break
        if found:
            out.append(found)
            i += found[1]
        else:
            i += 1
    return out


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    entries = load_entries()
    frames = load_frames()
    index, maxlen = build_index(entries)
    failed = 0
    for e in entries:
        problems = []
        exs = e.get("examples") or []
        if not exs:
            problems.append("no examples")
        for ex in exs:
            text = ex["text"] if isinstance(ex, dict) else ex
            hits = matches(text, index, maxlen, frames)
            if not any(h[2] is e for h in hits):
                lems = " ".join(lemma(t) for t in TOKEN.findall(text))
                toks = TOKEN.findall(text)
                won = [
                    " ".join(lemma(t) for t in toks[i : i + n]) + "->" + str(hit["term"])
                    for i, n, hit in hits
                ]
                problems.append(
                    f"example does not match: {text!r}\n      lemmas: {lems}\n      won: {won}"
                )
        for text in e.get("not_examples") or []:
            hits = matches(text, index, maxlen, frames)
            if any(h[2] is e for h in hits):
                lems = " ".join(lemma(t) for t in TOKEN.findall(text))
                problems.append(f"not_example matches: {text!r}\n      lemmas: {lems}")
        if problems:
            failed += 1
            print(f"FAIL {e['_file']}: {e['term']}")
            for p in problems:
                print("    " + p)
        elif verbose:
            print(f"ok   {e['_file']}: {e['term']}")
    n = len(entries)
    print(f"{n - failed} of {n} entries pass ({failed} fail)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
