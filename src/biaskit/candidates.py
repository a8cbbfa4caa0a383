"""Candidate lexicon terms: frequent evaluative words the lexicon does not cover, with example
sentences, for a person to review (never added automatically).

A word is a candidate when it is in enough documents, is neither a stop word nor a form of a
lexicon entry, and either TextBlob's PatternAnalyzer lexicon (offline) rates it subjective or
it is concentrated in some group (the Fightin' Words z-score of :func:`biaskit.distinctive_terms`).
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd

from biaskit.language import load_language
from biaskit.lexicon import Lexicon, load_lexicon
from biaskit.scored import ScoredCorpus, require_scored
from biaskit.terms import distinctive_terms
from biaskit.tokens import normalize_for_matching, split_sentences

__all__ = ["CANDIDATE_COLUMNS", "candidate_terms", "subjectivity_of"]

CANDIDATE_COLUMNS = [
    "term", "count", "n_docs", "subjectivity", "polarity", "top_group", "z", "reason", "examples",
]  # fmt: skip
_ALPHA = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]")


def subjectivity_of(word: str) -> tuple[float, float] | None:
    """(subjectivity, polarity) of ``word`` in TextBlob's PatternAnalyzer lexicon (the mean
    over its senses), or None when the word is not in it."""
    from textblob.en import sentiment as pattern

    senses = pattern.get(word.lower())
    if not senses:
        return None
    values = list(senses.values())
    return (
        sum(v[1] for v in values) / len(values),
        sum(v[0] for v in values) / len(values),
    )


def _covered(lexicon: Lexicon) -> frozenset[str]:
    forms = (f for e in lexicon for f in (e.term, *e.forms))
    return frozenset(normalize_for_matching(f) for f in forms)


def _concentration(scored: ScoredCorpus, by: str | None, min_count: int) -> dict[str, tuple]:
    """term -> (group, z) of the group where the term is most typical."""
    if by is None or by not in scored.docs.columns or scored.docs[by].nunique() < 2:
        return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = distinctive_terms(scored, by=by, top=10**9, min_count=min_count)
    best = table.sort_values("z", ascending=False).drop_duplicates("term")
    return {t: (g, z) for t, g, z in zip(best["term"], best["group"], best["z"], strict=True)}


def _examples(
    scored: ScoredCorpus, terms: list[str], per_term: int, width: int
) -> dict[str, list[str]]:
    """Up to ``per_term`` sentences per term ("id: ...sentence..."), one per document."""
    out: dict[str, list[str]] = {t: [] for t in terms}
    if not terms:
        return out
    alts = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w'’-])(?:{alts})(?![\w'’-])", re.IGNORECASE)
    docs = scored.docs
    langs = docs["language"] if "language" in docs.columns else ["en"] * len(docs)
    for doc, text, lang in zip(docs[scored.id], docs[scored.text], langs, strict=True):
        if not isinstance(text, str) or not pattern.search(text):
            continue
        done: set[str] = set()
        for sent in split_sentences(text, lang if isinstance(lang, str) else "en"):
            for m in pattern.finditer(sent.text):
                term = m.group().lower()
                if term in done or term not in out or len(out[term]) >= per_term:
                    continue
                done.add(term)
                out[term].append(f"{doc}: {_snippet(sent.text, m.start(), width)}")
    return out


def _snippet(sentence: str, at: int, width: int) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= width:
        return sentence
    start = max(0, min(at - width // 2, len(sentence) - width))
    return ("…" if start else "") + sentence[start : start + width].strip() + "…"


def candidate_terms(
    scored: ScoredCorpus,
    *,
    n: int = 50,
    min_docs: int = 3,
    by: str | None = "outlet",
    min_subjectivity: float = 0.6,
    min_z: float = 3.0,
    lexicon: Lexicon | None = None,
    stopwords: Iterable[str] | None = None,
    examples: int = 3,
) -> pd.DataFrame:
    """Frequent evaluative words the lexicon does not cover, with example sentences, for review.

    A word qualifies when it occurs in at least ``min_docs`` documents, is not a stop word
    (the language pack's, or ``stopwords``) nor a form of an entry of ``lexicon`` (default: the
    packaged English lexicon), and either has a TextBlob subjectivity of at least
    ``min_subjectivity`` or a Fightin' Words z of at least ``min_z`` in some group of ``by``
    (``by=None``: subjectivity only). Columns: term, count, n_docs, subjectivity, polarity
    (NaN when TextBlob does not know the word), top_group and z (the group where it is most
    typical), reason ("subjective", "concentrated" or both), examples (up to ``examples``
    sentences, each "id: sentence"). Subjective words come first (those also concentrated
    first of all), by number of documents; then words only concentrated in a group, by z
    (these include names and topics: the reviewer decides).
    """
    func = "candidate_terms"
    scored = require_scored(scored, func)
    if by is not None and by not in scored.docs.columns:
        raise KeyError(f"{func}: no column {by!r}; columns are {list(scored.docs.columns)}")
    for name, value in (("n", n), ("min_docs", min_docs), ("examples", examples)):
        if int(value) != value or value < (0 if name == "examples" else 1):
            raise ValueError(f"{func}: {name} must be a whole number of at least 1, got {value!r}")
    stops = (
        load_language("en").stopwords
        if stopwords is None
        else frozenset(w.lower() for w in stopwords)
    )
    covered = _covered(lexicon if lexicon is not None else load_lexicon())
    count: Counter[str] = Counter()
    n_docs: Counter[str] = Counter()
    for counts in scored.term_counts.values():
        for term, c in counts.items():
            if _ALPHA.fullmatch(term):  # words only (not numbers or scare-quoted phrases)
                count[term] += c
                n_docs[term] += 1
    concentrated = _concentration(scored, by, min_count=min_docs)
    rows: list[dict[str, Any]] = []
    for term, docs in n_docs.items():
        if docs < min_docs or term in stops or term in covered:
            continue
        subj = subjectivity_of(term)
        group, z = concentrated.get(term, (None, float("nan")))
        reasons = []
        if subj is not None and subj[0] >= min_subjectivity:
            reasons.append("subjective")
        if z == z and z >= min_z:
            reasons.append("concentrated")
        if not reasons:
            continue
        rows.append(
            {
                "term": term,
                "count": count[term],
                "n_docs": docs,
                "subjectivity": subj[0] if subj else float("nan"),
                "polarity": subj[1] if subj else float("nan"),
                "top_group": group,
                "z": z,
                "reason": " and ".join(reasons),
            }
        )
    out = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS[:-1])
    order = {"subjective and concentrated": 0, "subjective": 1, "concentrated": 2}
    out = out.assign(
        _order=out["reason"].map(order),
        _rank=[-z if r == "concentrated" else -d for r, z, d in
               zip(out["reason"], out["z"], out["n_docs"], strict=True)],
    )  # fmt: skip
    out = out.sort_values(["_order", "_rank", "term"], kind="stable").drop(
        columns=["_order", "_rank"]
    )
    out = out.head(n).reset_index(drop=True)
    found = _examples(scored, list(out["term"]), examples, width=160)
    out["examples"] = [found[t] for t in out["term"]]
    return out
