"""Comparing outlets: rates with bootstrap intervals, paired story comparisons, distinctive
terms, naming choices, reporting verbs, actor labels and scare quotes.

Every function takes the output of :func:`biaskit.score_frame` (document metadata plus metric
columns) and returns a tidy DataFrame, one row per observation. Functions that need match-level
detail score the ``text`` column with :func:`biaskit.match_frame`; they also accept a
``match_frame`` table directly.

Rates per 1,000 words are *pooled*: the loaded weight of all of a group's documents divided by
all of its words, so long articles count for more than short ones. Intervals are percentile
bootstrap intervals over documents (or stories), seeded and therefore reproducible.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from biaskit.lexicon import GRADES, load_lexicon
from biaskit.score import SCORE_CATEGORIES, match_frame, score
from biaskit.text import count_words, find_quotes, normalize_for_matching, tokenize

if TYPE_CHECKING:
    from biaskit.lexicon import Lexicon

__all__ = [
    "DEFAULT_ACTORS",
    "STOPWORDS",
    "actor_labels",
    "attribution_profile",
    "compare",
    "compare_paired",
    "descriptor",
    "distinctive_terms",
    "naming_shares",
    "scare_quotes",
    "sign_flip_p",
]

#: Metrics that are rates per 1,000 words and are pooled (total weight / total words).
#: Each maps to the column holding the per-document weight (None: metric x n_words / 1000).
POOLED_METRICS: dict[str, str | None] = {
    "loaded_per_1k": "loaded",
    "loaded_all_per_1k": "loaded_all",
    **{f"rate_{c}": None for c in SCORE_CATEGORIES},
}
#: Fewer documents than this in a group triggers a warning.
MIN_DOCS = 5
#: ``reference`` value shown by :func:`compare_paired` when comparing with all other groups.
ALL_OTHERS = "(all others)"
#: Largest index matrix drawn at once by the bootstrap (bigger draws are split in chunks).
_MAX_DRAW = 20_000_000

# --- helpers ---------------------------------------------------------------------------


def _need(df: pd.DataFrame, func: str, *columns: str) -> None:
    """Raise a KeyError naming the first missing column."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{func}: expected a pandas DataFrame, got {type(df).__name__}")
    for c in columns:
        if c not in df.columns:
            raise KeyError(f"{func}: no column {c!r}; columns are {list(df.columns)}")


def _is_match_table(df: pd.DataFrame) -> bool:
    """True for :func:`biaskit.match_frame` output (one row per match)."""
    return {"category", "term", "quoted", "start", "end"}.issubset(df.columns)


def _matches(
    df: pd.DataFrame,
    func: str,
    carry: list[str],
    *,
    text: str = "text",
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """Match-level rows with the ``carry`` metadata columns, from documents or matches."""
    if _is_match_table(df):
        _need(df, func, *carry)
        return df
    _need(df, func, text, *carry)
    return match_frame(df, text, lexicon=lexicon, columns=carry)


def _num_den(df: pd.DataFrame, metric: str, func: str) -> tuple[np.ndarray, np.ndarray]:
    """Per-document numerator and denominator whose ratio of sums is the group's rate.

    Pooled metrics: (weight, words / 1000); any other metric: (value, 1).
    """
    _need(df, func, metric)
    if metric in POOLED_METRICS:
        _need(df, func, "n_words")
        words = df["n_words"].to_numpy(dtype=float)
        weight_col = POOLED_METRICS[metric]
        if weight_col is not None and weight_col in df.columns:
            weight = df[weight_col].to_numpy(dtype=float)
        else:
            weight = df[metric].to_numpy(dtype=float) * words / 1000
        return weight, words / 1000
    values = pd.to_numeric(df[metric], errors="raise").to_numpy(dtype=float)
    return values, np.ones(len(values))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray | float:
    """num / den, NaN where the denominator is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _bootstrap(
    num: np.ndarray, den: np.ndarray, rng: np.random.Generator, n_boot: int
) -> np.ndarray:
    """``n_boot`` resampled rates: documents drawn with replacement, ratio of sums each time.

    Draws one ``(n_boot, len(num))`` index matrix with ``rng.integers`` (split in chunks of
    rows only when it would be very large).
    """
    k = len(num)
    rows = max(1, _MAX_DRAW // max(k, 1))
    out = []
    for start in range(0, n_boot, rows):
        idx = rng.integers(0, k, size=(min(rows, n_boot - start), k))
        out.append(_ratio(num[idx].sum(axis=1), den[idx].sum(axis=1)))
    return np.concatenate(out)


def _interval(samples: np.ndarray, ci: float) -> tuple[float, float]:
    samples = samples[~np.isnan(samples)]
    if not len(samples):
        return math.nan, math.nan
    lo, hi = np.quantile(samples, [(1 - ci) / 2, 1 - (1 - ci) / 2])
    return float(lo), float(hi)


def _check_ci(ci: float, n_boot: int, func: str) -> None:
    if not 0 < ci < 1:
        raise ValueError(f"{func}: ci must be between 0 and 1 (e.g. 0.95), not {ci!r}")
    if n_boot < 1:
        raise ValueError(f"{func}: n_boot must be at least 1, not {n_boot!r}")


def _warn_small(sizes: Mapping[Any, int], func: str) -> None:
    small = [f"{g!r} ({n})" for g, n in sizes.items() if n < MIN_DOCS]
    if small:
        warnings.warn(
            f"{func}: too few documents to say much (fewer than {MIN_DOCS}) in: "
            + ", ".join(small),
            UserWarning,
            stacklevel=3,
        )


# --- rates -------------------------------------------------------------------------------


def compare(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    metric: str = "loaded_per_1k",
    ci: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Rate of ``metric`` per group of ``by``, with a bootstrap interval.

    Per-1,000-word metrics (``loaded_per_1k``, ``loaded_all_per_1k``, ``rate_<category>``) are
    pooled: total weight / total words x 1000. Any other metric is the mean over documents.
    The interval resamples the group's documents with replacement ``n_boot`` times
    (``numpy.random.default_rng(seed)``, groups in sorted order) and takes percentiles.

    Returns columns group, n_docs, n_words, rate, ci_low, ci_high, sorted by rate, highest first.
    Warns about groups with fewer than 5 documents.
    """
    func = "compare"
    _need(scored, func, by)
    _check_ci(ci, n_boot, func)
    num, den = _num_den(scored, metric, func)
    has_words = "n_words" in scored.columns
    words = scored["n_words"].to_numpy() if has_words else np.zeros(len(scored))
    rng = np.random.default_rng(seed)
    rows = []
    sizes = {}
    for g, pos in _group_positions(scored[by]).items():
        rate = _ratio(num[pos].sum(), den[pos].sum())
        lo, hi = _interval(_bootstrap(num[pos], den[pos], rng, n_boot), ci)
        sizes[g] = len(pos)
        rows.append(
            {
                "group": g,
                "n_docs": len(pos),
                "n_words": words[pos].sum() if has_words else math.nan,
                "rate": float(rate),
                "ci_low": lo,
                "ci_high": hi,
            }
        )
    _warn_small(sizes, func)
    out = pd.DataFrame(rows, columns=["group", "n_docs", "n_words", "rate", "ci_low", "ci_high"])
    out = out.sort_values(["rate", "group"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs.update(metric=metric, by=by, ci=ci)
    return out


def _group_positions(values: pd.Series) -> dict[Any, np.ndarray]:
    """Row positions of each group (sorted; missing values left out)."""
    codes, uniques = pd.factorize(values, sort=True, use_na_sentinel=True)
    return {g: np.flatnonzero(codes == i) for i, g in enumerate(uniques)}


# --- paired comparison on the same stories -----------------------------------------------


def compare_paired(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    pair: str = "story",
    reference: str | None = None,
    metric: str = "loaded_per_1k",
    ci: float = 0.95,
    n_boot: int = 2000,
    n_perm: int = 10000,
    seed: int = 0,
    details: bool = False,
) -> pd.DataFrame:
    """Compare groups on the same stories: per-story differences, their mean, CI and p-value.

    For each group and each value of ``pair`` it covers: the group's rate on that story
    (pooled within group and story) minus the reference rate on the same story. With
    ``reference=None`` the reference is all *other* groups pooled on that story; with a group
    name it is that group (only stories both cover).

    Summary columns: group, reference, n_pairs, mean_diff, ci_low, ci_high (bootstrap over
    stories) and p_value (two-sided sign-flip permutation test of the mean difference: exact
    over all 2**n sign patterns when n_pairs <= 16, else ``n_perm`` random flips plus the
    observed one). ``details=True`` returns the per-story table instead: group, reference,
    pair, rate, reference_rate, diff.
    """
    func = "compare_paired"
    _need(scored, func, by, pair)
    _check_ci(ci, n_boot, func)
    table = _paired_table(scored, by=by, pair=pair, reference=reference, metric=metric)
    if details:
        table.attrs.update(metric=metric, by=by, pair=pair)
        return table
    rng = np.random.default_rng(seed)
    rows = []
    for g, sub in table.groupby("group", sort=True):
        rows.append(_paired_summary(g, sub["diff"].to_numpy(float), rng, ci, n_boot, n_perm))
    cols = ["group", "n_pairs", "mean_diff", "ci_low", "ci_high", "p_value"]
    out = pd.DataFrame(rows, columns=cols)
    out.insert(1, "reference", ALL_OTHERS if reference is None else reference)
    out = out.sort_values(["mean_diff", "group"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs.update(metric=metric, by=by, pair=pair)
    return out


def _paired_table(
    scored: pd.DataFrame, *, by: str, pair: str, reference: str | None, metric: str
) -> pd.DataFrame:
    """Per group and story: rate, reference rate and difference."""
    num, den = _num_den(scored, metric, "compare_paired")
    cells = (
        pd.DataFrame({"group": scored[by].to_numpy(), "pair": scored[pair].to_numpy()})
        .assign(num=num, den=den)
        .dropna(subset=["group", "pair"])
        .groupby(["group", "pair"], sort=True)[["num", "den"]]
        .sum()
        .reset_index()
    )
    groups = sorted(cells["group"].unique())
    if reference is not None and reference not in groups:
        raise ValueError(
            f"compare_paired: reference {reference!r} is not a value of column {by!r}; "
            f"values are {groups}"
        )
    cells["rate"] = _ratio(cells["num"].to_numpy(), cells["den"].to_numpy())
    if reference is None:
        totals = cells.groupby("pair")[["num", "den"]].transform("sum")
        ref_rate = _ratio(
            (totals["num"] - cells["num"]).to_numpy(), (totals["den"] - cells["den"]).to_numpy()
        )
        table = cells.assign(reference=ALL_OTHERS, reference_rate=ref_rate)
    else:
        ref = cells.loc[cells["group"] == reference, ["pair", "rate"]]
        table = cells[cells["group"] != reference].merge(
            ref.rename(columns={"rate": "reference_rate"}), on="pair", how="inner"
        )
        table["reference"] = reference
    table = table.dropna(subset=["rate", "reference_rate"])
    table = table.assign(diff=table["rate"] - table["reference_rate"])
    cols = ["group", "reference", "pair", "rate", "reference_rate", "diff"]
    return table[cols].sort_values(["group", "pair"]).reset_index(drop=True)


def _paired_summary(
    group: Any,
    diffs: np.ndarray,
    rng: np.random.Generator,
    ci: float,
    n_boot: int,
    n_perm: int,
) -> dict[str, Any]:
    n = len(diffs)
    mean = float(diffs.mean())
    boot = _bootstrap(diffs, np.ones(n), rng, n_boot)
    lo, hi = _interval(boot, ci)
    return {
        "group": group,
        "n_pairs": n,
        "mean_diff": mean,
        "ci_low": lo,
        "ci_high": hi,
        "p_value": sign_flip_p(diffs, n_perm=n_perm, rng=rng),
    }


def sign_flip_p(
    diffs: Iterable[float],
    *,
    n_perm: int = 10000,
    rng: np.random.Generator | None = None,
    exact_max: int = 16,
) -> float:
    """Two-sided sign-flip permutation p-value for a mean difference of zero.

    Exact (all 2**n sign patterns) when n <= ``exact_max``; otherwise ``n_perm`` random sign
    patterns plus the observed one. p = share of patterns whose |mean| >= the observed |mean|.
    """
    d = np.asarray(list(diffs), dtype=float)
    n = len(d)
    if n == 0:
        return math.nan
    if n <= exact_max:
        bits = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
        signs = 1 - 2 * bits  # row 0 is the observed data (all +1)
    else:
        rng = rng if rng is not None else np.random.default_rng(0)
        flips = rng.choice(np.array([-1, 1]), size=(n_perm, n))
        signs = np.vstack([np.ones((1, n), dtype=int), flips])
    means = np.abs(signs @ d) / n
    observed = abs(d.mean())
    tol = 1e-12 * max(1.0, observed)
    return float(np.count_nonzero(means >= observed - tol) / len(means))


# --- distinctive terms ("Fightin' Words") ------------------------------------------------

#: Built-in English stop words for :func:`distinctive_terms`: articles, pronouns,
#: prepositions, conjunctions, auxiliary and modal verbs and other function words, which say
#: nothing about framing. Content words (including reporting verbs like *said*) are kept.
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either else
    ever few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself neither no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom whose why will with would
    you your yours yourself yourselves may might must shall upon per via among within without
    onto s t ve ll re d don didn doesn isn wasn weren hasn haven hadn won wouldn couldn
    shouldn
    """.split()  # noqa: SIM905 -- a word list reads better as prose than as 150 quoted strings
)

_POSSESSIVE_RE = re.compile(r"'s$")


def _doc_terms(text: str, stopwords: frozenset[str]) -> Counter[str]:
    """Lowercased word tokens (possessive 's dropped, stop words and numbers left out) plus
    each scare-quoted phrase as one term written in curly quotes."""
    counts: Counter[str] = Counter()
    for tok in tokenize(normalize_for_matching(text)):
        word = _POSSESSIVE_RE.sub("", tok.text)
        if word in stopwords or not any(c.isalpha() for c in word):
            continue
        counts[word] += 1
    for q in find_quotes(text):
        if q.kind == "scare":
            counts[_quote_term(q.inner)] += 1
    return counts


def _quote_term(inner: str) -> str:
    return "“" + " ".join(normalize_for_matching(inner).split()) + "”"


def distinctive_terms(
    corpus: pd.DataFrame,
    *,
    by: str = "outlet",
    group: str | tuple[str, str] | None = None,
    top: int = 30,
    text: str = "text",
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
    _need(corpus, func, by, text)
    if prior_scale <= 0:
        raise ValueError(f"{func}: prior_scale must be positive, not {prior_scale!r}")
    stops = STOPWORDS if stopwords is None else frozenset(w.lower() for w in stopwords)
    counts = _group_term_counts(corpus, by, text, stops)
    background = sum(counts.values(), Counter())
    contrasts = _contrasts(group, list(counts), func, by)
    frames = [
        _log_odds(counts[g], _sum_counts(counts, others), background, prior_scale, g)
        for g, others in contrasts
    ]
    cols = ["term", "group", "count", "log_odds", "z"]
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)
    out = out[out["count"] >= min_count]
    out = out.sort_values(["group", "z", "term"], ascending=[True, False, True], kind="stable")
    return out.groupby("group", sort=False).head(top).reset_index(drop=True)[cols]


def _group_term_counts(
    corpus: pd.DataFrame, by: str, text: str, stops: frozenset[str]
) -> dict[Any, Counter[str]]:
    counts: dict[Any, Counter[str]] = {}
    for g, value in zip(corpus[by], corpus[text], strict=True):
        if pd.isna(g) or not isinstance(value, str):
            continue
        counts.setdefault(g, Counter()).update(_doc_terms(value, stops))
    return dict(sorted(counts.items(), key=lambda kv: str(kv[0])))


def _sum_counts(counts: dict[Any, Counter[str]], groups: list[Any]) -> Counter[str]:
    total: Counter[str] = Counter()
    for g in groups:
        total.update(counts[g])
    return total


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
    yi: Counter[str], yj: Counter[str], background: Counter[str], a0: float, group: Any
) -> pd.DataFrame:
    """Log-odds ratio and z-score of every term for one contrast."""
    terms = sorted(set(yi) | set(yj))
    bg_total = sum(background.values())
    a = np.array([a0 * background[t] / bg_total for t in terms]) if terms else np.zeros(0)
    ci = np.array([yi[t] for t in terms], dtype=float)
    cj = np.array([yj[t] for t in terms], dtype=float)
    ni, nj = sum(yi.values()), sum(yj.values())
    delta = np.log((ci + a) / (ni + a0 - ci - a)) - np.log((cj + a) / (nj + a0 - cj - a))
    z = delta / np.sqrt(1 / (ci + a) + 1 / (cj + a))
    return pd.DataFrame(
        {"term": terms, "group": group, "count": ci.astype(int), "log_odds": delta, "z": z}
    )


# --- naming and attribution ------------------------------------------------------------


def naming_shares(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    freq: str | None = None,
    include_quoted: bool = False,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """Which name each group uses for each referent (Kyiv / Kiev ...), as shares.

    Counts naming matches in the outlet's own voice (``include_quoted=True`` adds quoted
    ones). Columns: group, referent, variant (the lexicon entry's term), perspective, count,
    share; shares sum to 1 per group and referent, and every variant seen for a referent is
    listed (zero-filled) for each group that names it. ``freq="M"`` (or ``"Q"``, ``"Y"`` ...)
    adds a ``period`` column from the ``date`` column and computes shares per period.
    """
    func = "naming_shares"
    carry = [by, "date"] if freq else [by]
    m = _matches(scored, func, carry, lexicon=lexicon)
    m = m[(m["category"] == "naming") & m["referent"].notna()]
    if not include_quoted:
        m = m[~m["quoted"].astype(bool)]
    keys = ["group", "period"] if freq else ["group"]
    m = m.assign(group=m[by], variant=m["term"])
    if freq:
        m = m.assign(period=pd.to_datetime(m["date"]).dt.to_period(freq))
    cols = [*keys, "referent", "variant", "perspective", "count", "share"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    counts = m.groupby([*keys, "referent", "variant"], dropna=True).size().rename("count")
    perspective = m.groupby(["referent", "variant"])["perspective"].first()
    full = _zero_fill_variants(counts.reset_index(), keys)
    full["perspective"] = [
        perspective.get((r, v)) for r, v in zip(full.referent, full.variant, strict=True)
    ]
    full["share"] = full["count"] / full.groupby([*keys, "referent"])["count"].transform("sum")
    order = [*keys, "referent", "count", "variant"]
    full = full.sort_values(order, ascending=[*([True] * (len(order) - 2)), False, True])
    return full.reset_index(drop=True)[cols]


def _zero_fill_variants(counts: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Add zero rows for variants of a referent that a group (and period) did not use."""
    variants = counts[["referent", "variant"]].drop_duplicates()
    cells = counts[[*keys, "referent"]].drop_duplicates()
    grid = cells.merge(variants, on="referent")
    out = grid.merge(counts, on=[*keys, "referent", "variant"], how="left")
    out["count"] = out["count"].fillna(0).astype(int)
    return out


def attribution_profile(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    speaker: bool = False,
    include_quoted: bool = False,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """Reporting verbs by grade (neutral, distancing, loaded) per group, in the own voice.

    Columns: group, grade, count, share (every grade listed, zero-filled; shares sum to 1 per
    group). ``speaker=True`` adds a ``speaker`` column (who the verb reports; "(unknown)"
    where no name or pronoun stands next to it) and computes shares per group and speaker.
    """
    func = "attribution_profile"
    m = _matches(scored, func, [by], lexicon=lexicon)
    m = m[m["category"] == "attribution"]
    if not include_quoted:
        m = m[~m["quoted"].astype(bool)]
    keys = ["group", "speaker"] if speaker else ["group"]
    m = m.assign(group=m[by], speaker=m["speaker"].fillna("(unknown)"))
    cols = [*keys, "grade", "count", "share"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    counts = m.groupby([*keys, "grade"]).size()
    cells = m[keys].drop_duplicates().sort_values(keys)
    grid = cells.merge(pd.DataFrame({"grade": list(GRADES)}), how="cross")
    out = grid.merge(counts.rename("count").reset_index(), on=[*keys, "grade"], how="left")
    out["count"] = out["count"].fillna(0).astype(int)
    out["share"] = out["count"] / out.groupby(keys)["count"].transform("sum")
    return out[cols].reset_index(drop=True)


# --- actor labels --------------------------------------------------------------------------

#: Actors of the shipped corpus and the names they appear under.
DEFAULT_ACTORS: dict[str, list[str]] = {
    "Lukashenka": [
        "Lukashenka",
        "Lukashenko",
        "Alexander Lukashenko",
        "Aliaksandr Lukashenka",
        "Alyaksandr Lukashenka",
    ],
    "Putin": ["Vladimir Putin", "Putin"],
    "Zelensky": [
        "Volodymyr Zelensky",
        "Vladimir Zelensky",
        "Zelenskyy",
        "Zelenskiy",
        "Zelensky",
    ],
    "Tsikhanouskaya": [
        "Sviatlana Tsikhanouskaya",
        "Svetlana Tikhanovskaya",
        "Tikhanovskaya",
        "Tsikhanouskaya",
    ],
    # the fictional city of Arnholm (stories transit-strike and climate-protest)
    "Haldane": ["Mira Haldane", "Haldane"],
    "Berg": ["Tomas Berg", "Berg"],
    "Solberg": ["Ingrid Solberg", "Solberg"],
    "Reed": ["Jonas Reed", "Reed"],
    "Voss": ["Lena Voss", "Voss"],
    "Last Summer Arnholm": ["Last Summer Arnholm"],
}

#: Words that end a descriptor: a title never runs across them.
_NOT_TITLE = frozenset(
    """
    a an the this that these those and but or nor so yet as than then also both either
    with by to of for from in on at into onto over under about against between among after
    before during since until without via per like unlike near toward towards through
    said says say saying told tells tell asked asks added adds wrote writes claimed claims
    insisted insists stated states announced announces called calls met meets warned warns
    is are was were be been being has have had do does did will would can could may might
    must shall should not no never he she they it we i you his her their its our my your
    him them us me itself himself herself themselves
    who whom whose which what when where while if because although though how why
    only even now already just still again ever much very too soon later earlier here there
    way time day week month year years moment
    today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    mr mrs ms dr according
    """.split()  # noqa: SIM905 -- a word list reads better as prose than as 150 quoted strings
)
#: Nouns that head a title or role ("opposition leader", "union chair", "his counterpart").
ROLE_NOUNS = frozenset(
    """
    president presidents leader leaders chair chairman chairwoman chief chiefs executive mayor
    spokesperson spokesman spokeswoman minister ministers premier chancellor governor
    secretary candidate inspector boss bosses head official officials commander general
    envoy ambassador aide adviser advisor counterpart ally rival opponent critic challenger
    politician lawmaker deputy speaker founder director analyst activist activists campaigner
    negotiator mediator organiser organizer ruler king queen prince group union
    """.split()  # noqa: SIM905
)
#: Words after which the walk stops but the words kept are a modifier ("the defiant Putin").
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
_SPACE_ONLY = re.compile(r"[ \t]+")
_POSSESSIVE_END = re.compile(r"['’]s?$")


def _actor_table(actors: Mapping[str, Iterable[str]] | pd.DataFrame | None) -> dict[str, str]:
    """alias -> actor."""
    if actors is None:
        actors = DEFAULT_ACTORS
    if isinstance(actors, pd.DataFrame):
        _need(actors, "actor_labels", "actor", "alias")
        pairs = zip(actors["alias"], actors["actor"], strict=True)
    else:
        pairs = ((a, name) for name, aliases in actors.items() for a in [name, *aliases])
    table: dict[str, str] = {}
    for alias, actor in pairs:
        table.setdefault(str(alias), str(actor))
    return table


def _alias_regex(aliases: Iterable[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?!\w)")


def descriptor(
    text: str, start: int, *, window: int = 4, labels: Iterable[str] | None = None
) -> str:
    """The words right before ``text[start:]`` that read as its title or label ("" if none).

    Walks left over at most ``window`` words, stopping at punctuation, a line break, a word
    that cannot be part of a title (articles, prepositions, conjunctions, common verbs,
    pronouns, adverbs, dates) or after a possessive. "of" is kept inside a title
    ("President of Belarus"). The words found count only if the one next to the name is
    capitalised, a possessive, a role noun (:data:`ROLE_NOUNS`), one of ``labels`` (default:
    the packaged lexicon's label words), or if it is a single word after an article ("the
    defiant Putin"). So "the self-proclaimed president Alexander Lukashenko" gives
    "self-proclaimed president" and "with Putin" gives "".
    """
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    tokens = tokenize(before)
    words: list[str] = []
    end, stop = len(before), ""
    i = len(tokens) - 1
    while i >= 0 and len(words) < window:
        tok = tokens[i]
        if not _SPACE_ONLY.fullmatch(before[tok.end : end]):
            break
        low = tok.text.lower()
        if low == "of" and _title_of(tokens, i, words, before):
            words.append(tok.text)
        elif low in _NOT_TITLE or not any(c.isalpha() for c in low):
            stop = low
            break
        else:
            words.append(tok.text)
            if _POSSESSIVE_END.search(tok.text):
                break
        end, i = tok.start, i - 1
    if not words:
        return ""
    label_set = _label_forms(None) if labels is None else frozenset(labels)
    if not _heads_title(words[0], stop if len(words) == 1 else "", label_set):
        return ""
    return " ".join(reversed(words))


def _title_of(tokens: list[Any], i: int, words: list[str], before: str) -> bool:
    """Is the "of" at ``tokens[i]`` inside a title ("Mayor of Arnholm")?"""
    if i == 0 or not words or not all(w[:1].isupper() for w in words):
        return False
    prev = tokens[i - 1]
    if not _SPACE_ONLY.fullmatch(before[prev.end : tokens[i].start]):
        return False
    return prev.text[:1].isupper() or prev.text.lower() in ROLE_NOUNS


def _heads_title(head: str, stop: str, labels: frozenset[str]) -> bool:
    low = head.lower()
    return (
        head[:1].isupper()
        or bool(_POSSESSIVE_END.search(head))
        or low in ROLE_NOUNS
        or low in labels
        or stop in _DETERMINERS
    )


def _label_forms(lexicon: Lexicon | None) -> frozenset[str]:
    """Every lowercased one-word form of the lexicon's label entries."""
    lex = lexicon if lexicon is not None else load_lexicon()
    forms = (f for e in lex if e.category == "label" for f in (e.term, *e.forms))
    return frozenset(normalize_for_matching(f) for f in forms if " " not in f)


def actor_labels(
    corpus: pd.DataFrame,
    actors: Mapping[str, Iterable[str]] | pd.DataFrame | None = None,
    *,
    by: str = "outlet",
    window: int = 4,
    text: str = "text",
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """How each group labels each actor: the words right before every mention.

    ``actors`` maps an actor to its aliases (or is a DataFrame with columns actor and alias);
    default :data:`DEFAULT_ACTORS`. Each mention (longest alias, whole words, case as written)
    gets the descriptor of :func:`descriptor` (the lexicon's label words count as title
    words), lowercased; no descriptor counts as "(none)".
    ``loaded_terms`` lists the lexicon terms of weight > 0 found in the descriptor.
    Columns: group, actor, descriptor, count, loaded_terms.
    """
    func = "actor_labels"
    _need(corpus, func, by, text)
    table = _actor_table(actors)
    pattern = _alias_regex(table)
    labels = _label_forms(lexicon)
    found: Counter[tuple[Any, str, str]] = Counter()
    for g, value in zip(corpus[by], corpus[text], strict=True):
        if pd.isna(g) or not isinstance(value, str):
            continue
        for m in pattern.finditer(value):
            desc = descriptor(value, m.start(), window=window, labels=labels)
            found[(g, table[m.group()], desc)] += 1
    loaded = _loaded_in(sorted({d for _, _, d in found}), lexicon)
    rows = [
        {
            "group": g,
            "actor": a,
            "descriptor": normalize_for_matching(d) or "(none)",
            "count": n,
            "loaded_terms": loaded[d],
        }
        for (g, a, d), n in found.items()
    ]
    cols = ["group", "actor", "descriptor", "count", "loaded_terms"]
    out = pd.DataFrame(rows, columns=cols)
    if out.empty:
        return out
    out = out.groupby(["group", "actor", "descriptor"], as_index=False).agg(
        count=("count", "sum"), loaded_terms=("loaded_terms", "first")
    )
    out = out.sort_values(["group", "actor", "count", "descriptor"], ascending=[1, 1, 0, 1])
    return out.reset_index(drop=True)[cols]


def _loaded_in(descriptors: list[str], lexicon: Lexicon | None) -> dict[str, str]:
    """descriptor -> "; "-joined lexicon terms of weight > 0 it contains."""
    out = {}
    for d in descriptors:
        terms = [m.term for m in score(d, lexicon).matches if m.weight > 0] if d else []
        out[d] = "; ".join(dict.fromkeys(terms))
    return out


# --- scare quotes --------------------------------------------------------------------------


def scare_quotes(
    scored: pd.DataFrame, *, by: str = "outlet", top: int = 10, text: str = "text"
) -> pd.DataFrame:
    """Scare quotes per group: how many, pooled per 1,000 words, and the phrases quoted.

    Columns: group, n_docs, n_words, n_scare_quotes, rate_per_1k, terms (the ``top`` most
    frequent quoted phrases, "; "-joined, written in curly quotes). Words come from the
    ``n_words`` column where present, else are counted. Sorted by rate, highest first.
    """
    func = "scare_quotes"
    _need(scored, func, by, text)
    per_group: dict[Any, dict[str, Any]] = {}
    has_words = "n_words" in scored.columns
    for i, (g, value) in enumerate(zip(scored[by], scored[text], strict=True)):
        if pd.isna(g):
            continue
        value = value if isinstance(value, str) else ""
        cell = per_group.setdefault(g, {"n_docs": 0, "n_words": 0, "terms": Counter()})
        cell["n_docs"] += 1
        cell["n_words"] += int(scored["n_words"].iat[i]) if has_words else count_words(value)
        cell["terms"].update(_quote_term(q.inner) for q in find_quotes(value) if q.kind == "scare")
    rows = []
    for g, cell in per_group.items():
        n_quotes = sum(cell["terms"].values())
        rows.append(
            {
                "group": g,
                "n_docs": cell["n_docs"],
                "n_words": cell["n_words"],
                "n_scare_quotes": n_quotes,
                "rate_per_1k": n_quotes * 1000 / cell["n_words"] if cell["n_words"] else 0.0,
                "terms": "; ".join(t for t, _ in _most_common(cell["terms"], top)),
            }
        )
    cols = ["group", "n_docs", "n_words", "n_scare_quotes", "rate_per_1k", "terms"]
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values(["rate_per_1k", "group"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def _most_common(counts: Counter[str], top: int) -> list[tuple[str, int]]:
    """Most frequent first, ties alphabetical (Counter.most_common keeps insertion order)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
