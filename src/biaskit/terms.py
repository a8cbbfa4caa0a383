"""Distinctive terms: words and scare-quoted phrases typical of a group ("Fightin' Words")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from biaskit.language import load_language
from biaskit.scored import ScoredCorpus, require_scored
from biaskit.tables import need_columns

__all__ = ["STOPWORDS", "distinctive_terms"]

# --- distinctive terms ("Fightin' Words") ------------------------------------------------

#: English stop words (from the language pack): function words that say nothing about
#: framing. Content words (including reporting verbs like *said*) are kept.
STOPWORDS: frozenset[str] = load_language("en").stopwords


def distinctive_terms(
    scored: ScoredCorpus,
    *,
    by: str = "outlet",
    group: str | tuple[str, str] | None = None,
    top: int = 30,
    stopwords: Iterable[str] | None = None,
    prior_scale: float = 1000.0,
    min_count: int = 2,
) -> pd.DataFrame:
    """Words and scare-quoted phrases typical of a group: log-odds ratio with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words").

    The prior for term w is ``alpha_w = prior_scale * background_w / background_total``, with
    the whole corpus as background; ``prior_scale`` (a0, default 1000) is how many
    pseudo-counts the prior adds, so larger values shrink rare words harder. For group i
    against j: ``delta_w = log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - log((y_j + a_w) /
    (n_j + a0 - y_j - a_w))``, ``var = 1/(y_i + a_w) + 1/(y_j + a_w)``, ``z = delta/sqrt(var)``.

    ``group=None``: every group against all the rest; ``group="X"``: X against the rest;
    ``group=("X", "Y")``: X against Y and Y against X. ``stopwords=None`` uses
    :data:`STOPWORDS`, ``()`` keeps every word. Terms need ``min_count`` uses in the group.
    Columns: term, group, count, log_odds, z; the ``top`` terms per group by z, highest first.
    """
    func = "distinctive_terms"
    scored = require_scored(scored, func)
    need_columns(scored.docs, func, by)
    if prior_scale <= 0:
        raise ValueError(f"{func}: prior_scale must be positive, not {prior_scale!r}")
    stops = STOPWORDS if stopwords is None else frozenset(w.lower() for w in stopwords)
    counts = _group_term_counts(scored, by, stops)
    contrasts = _contrasts(group, list(counts), func, by)
    vocab = _Vocabulary(counts)
    frames = []
    for g, others in contrasts:
        ci = vocab.vector(g)
        # against all the rest: the background minus the group (exact integer counts)
        cj = vocab.background - ci if len(others) == len(counts) - 1 else vocab.total(others)
        keep = (ci >= min_count) & ((ci > 0) | (cj > 0))
        frames.append(_log_odds(vocab, keep, ci, cj, prior_scale, g))
    cols = ["term", "group", "count", "log_odds", "z"]
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)
    out = out.sort_values(["group", "z", "term"], ascending=[True, False, True], kind="stable")
    return out.groupby("group", sort=False).head(top).reset_index(drop=True)[cols]


def _group_term_counts(
    scored: ScoredCorpus, by: str, stops: frozenset[str]
) -> dict[Any, Counter[str]]:
    per_doc = scored.term_counts
    counts: dict[Any, Counter[str]] = {}
    for g, doc in zip(scored.docs[by], scored.docs[scored.id], strict=True):
        if pd.isna(g):
            continue
        counts.setdefault(g, Counter()).update(per_doc[doc])
    for c in counts.values():
        for w in stops & c.keys():
            del c[w]
    return dict(sorted(counts.items(), key=lambda kv: str(kv[0])))


class _Vocabulary:
    """Every term of the corpus, sorted, with the corpus-wide (background) counts, and each
    group's counts as a vector over it: one pass per group instead of one per contrast."""

    def __init__(self, counts: dict[Any, Counter[str]]) -> None:
        background: Counter[str] = Counter()
        for c in counts.values():
            background.update(c)
        self.counts = counts
        self.terms = np.array(sorted(background), dtype=object)
        self.index = {t: i for i, t in enumerate(self.terms)}
        self.background = np.array([background[t] for t in self.terms], dtype=float)
        self.bg_total = int(sum(background.values()))

    def vector(self, group: Any) -> np.ndarray:
        out = np.zeros(len(self.terms))
        for term, n in self.counts[group].items():
            out[self.index[term]] = n
        return out

    def total(self, groups: list[Any]) -> np.ndarray:
        out = np.zeros(len(self.terms))
        for g in groups:
            out += self.vector(g)
        return out


def _contrasts(
    group: str | tuple[str, str] | None, groups: list[Any], func: str, by: str
) -> list[tuple[Any, list[Any]]]:
    """(group, the groups it is compared with) pairs."""
    wanted = [group] if isinstance(group, str) else list(group) if group is not None else []
    for g in wanted:
        if g not in groups:
            raise ValueError(f"{func}: {g!r} is not a value of column {by!r}; values are {groups}")
    if group is None:
        return [(g, [h for h in groups if h != g]) for g in groups]
    if isinstance(group, str):
        return [(group, [h for h in groups if h != group])]
    if len(wanted) != 2 or wanted[0] == wanted[1]:
        raise ValueError(f"{func}: group must be one name or a pair of two names, not {group!r}")
    return [(wanted[0], [wanted[1]]), (wanted[1], [wanted[0]])]


def _log_odds(
    vocab: _Vocabulary, keep: np.ndarray, ci: np.ndarray, cj: np.ndarray, a0: float, group: Any
) -> pd.DataFrame:
    """Log-odds ratio and z-score of the kept terms for one contrast."""
    ni, nj = ci.sum(), cj.sum()
    a = a0 * vocab.background[keep] / vocab.bg_total
    ci, cj = ci[keep], cj[keep]
    delta = np.log((ci + a) / (ni + a0 - ci - a)) - np.log((cj + a) / (nj + a0 - cj - a))
    z = delta / np.sqrt(1 / (ci + a) + 1 / (cj + a))
    return pd.DataFrame(
        {"term": vocab.terms[keep].tolist(), "group": group, "count": ci.astype(int),
         "log_odds": delta, "z": z}
    )  # fmt: skip
