"""A scored corpus: every document scored once, with its matches and quotes, for every
analysis and chart to read.

``score_corpus(corpus)`` returns a :class:`ScoredCorpus` with three tidy tables:

- ``docs``: one row per document (the corpus's columns, then the metric columns);
- ``matches``: one row per match (document id and metadata, offsets, category, weight,
  voice, negation, the context rule, note ...);
- ``quotes``: one row per quotation (document id and metadata, offsets, kind, rule).

:func:`score_frame` is the per-partition function behind it (documents in, metric
columns out), pure, so it runs on every partition of a Dask or Spark DataFrame.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from biaskit.categories import CATEGORIES, GRADES
from biaskit.detect import detect_language
from biaskit.language import available_languages
from biaskit.lexicon import Lexicon, load_lexicon
from biaskit.progress import progress_bar
from biaskit.quotes import quote_term
from biaskit.score import MATCH_COLUMNS, Score
from biaskit.tokens import word_counts

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "METRIC_COLUMNS",
    "QUOTE_COLUMNS",
    "ScoredCorpus",
    "match_frame",
    "metric_columns",
    "require_scored",
    "score_corpus",
    "score_frame",
]

#: Metric columns a scored corpus adds (sentiment columns only with ``sentiment=True``).
METRIC_COLUMNS: list[str] = [
    "n_words",
    "n_sentences",
    "n_matches",
    "loaded",
    "loaded_all",
    "loaded_per_1k",
    "loaded_all_per_1k",
    "stance",
    "stance_per_1k",
    *(f"{p}_{c}" for c in CATEGORIES for p in ("n", "rate")),
    *(f"attr_{g}" for g in GRADES),
    "n_quotes",
    "quoted_share",
    "n_reported",
    "n_negated",
    "polarity",
    "subjectivity",
]
QUOTE_COLUMNS: list[str] = ["start", "end", "kind", "rule", "n_words", "quote"]
#: Document columns carried into the match and quote tables when present.
CARRY: tuple[str, ...] = ("outlet", "date", "story", "title", "language")


def metric_columns(*, sentiment: bool = True) -> list[str]:
    """The metric columns of a scored corpus, with or without the sentiment ones."""
    return [c for c in METRIC_COLUMNS if sentiment or c not in ("polarity", "subjectivity")]


@dataclass
class ScoredCorpus:
    """Documents scored once: ``docs``, ``matches`` and ``quotes`` (see the module docstring).

    ``id`` and ``text`` name the document id and text columns of ``docs``; the match and
    quote tables key their rows by that id under the same column name.
    """

    docs: pd.DataFrame
    matches: pd.DataFrame
    quotes: pd.DataFrame
    id: str = "id"
    text: str = "text"
    options: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.docs)

    def __repr__(self) -> str:
        return (
            f"<ScoredCorpus: {len(self.docs)} documents, {len(self.matches)} matches, "
            f"{len(self.quotes)} quotes>"
        )

    @cached_property
    def term_counts(self) -> dict[Any, Counter[str]]:
        """Per document id: lowercased words and scare-quoted phrases, counted once (for
        :func:`biaskit.distinctive_terms`; stop words are left out there, not here)."""
        counts = {
            doc: word_counts(text)
            for doc, text in zip(self.docs[self.id], self.docs[self.text], strict=True)
        }
        scare = self.quotes[self.quotes["kind"] == "scare"]
        for doc, inner in zip(scare[self.id], scare["quote"], strict=True):
            counts[doc][quote_term(inner)] += 1
        return counts


def require_scored(obj: Any, func: str) -> ScoredCorpus:
    """``obj`` as a ScoredCorpus, or a TypeError telling how to make one."""
    if isinstance(obj, ScoredCorpus):
        return obj
    raise TypeError(
        f"{func}: expected a ScoredCorpus, got {type(obj).__name__}; score the corpus once "
        "with biaskit.score_corpus(corpus) and pass the result"
    )


def _languages(df: pd.DataFrame, language: str | None, texts: list[str]) -> list[str]:
    """Each document's language pack: forced, from a ``language`` column, or detected."""
    if language not in (None, "auto"):
        return [language] * len(df)
    packs = set(available_languages())
    given = df["language"] if "language" in df.columns else [None] * len(df)
    return [
        v if isinstance(v, str) and v in packs else detect_language(t)
        for v, t in zip(given, texts, strict=True)
    ]


def _lexicon_for(lexicon: Lexicon | None, lang: str, cache: dict[str, Lexicon]) -> Lexicon:
    if lexicon is not None:
        return lexicon
    if lang not in cache:
        cache[lang] = load_lexicon(language=lang)
    return cache[lang]


def _texts(df: pd.DataFrame, text: str, func: str) -> list[str]:
    import pandas as pd

    if text not in df.columns:
        raise KeyError(f"{func}: no column {text!r}; columns are {list(df.columns)}")
    out = []
    for idx, value in zip(df.index, df[text], strict=True):
        if not isinstance(value, str):
            if pd.isna(value):
                raise ValueError(f"{func}: row {idx!r}: column {text!r} is empty (missing)")
            raise TypeError(f"{func}: row {idx!r}: column {text!r} is not text: {value!r}")
        out.append(value)
    return out


def _scores(
    df: pd.DataFrame, text: str, func: str, lexicon: Lexicon | None, language: str | None,
    options: dict[str, Any],
) -> Iterable[Score]:
    cache: dict[str, Lexicon] = {}
    texts = _texts(df, text, func)
    for value, lang in zip(texts, _languages(df, language, texts), strict=True):
        yield Score(value, _lexicon_for(lexicon, lang, cache), language=lang, **options)


def score_frame(
    df: pd.DataFrame,
    text: str = "text",
    *,
    lexicon: Lexicon | None = None,
    language: str | None = None,
    include_quoted: bool = False,
    voices: Iterable[str] | None = None,
    count_negated: bool = False,
    sentiment: bool = True,
    keep_text: bool = True,
) -> pd.DataFrame:
    """Score every row of ``df`` and return it with one column per metric.

    A pure function of the DataFrame, so it runs per partition of a Dask DataFrame
    (``ddf.map_partitions(score_frame)``). Missing text is an error naming the row;
    empty text scores zero. Use :func:`score_corpus` for matches and quotes too.
    """
    import pandas as pd

    options = {"include_quoted": include_quoted, "voices": voices, "count_negated": count_negated}
    rows = [
        s.summary(sentiment=sentiment)
        for s in _scores(df, text, "score_frame", lexicon, language, options)
    ]
    cols = metric_columns(sentiment=sentiment)
    metrics = pd.DataFrame(rows, index=df.index, columns=cols)
    base = df if keep_text else df.drop(columns=[text])
    base = base.drop(columns=[c for c in cols if c in base.columns])
    return pd.concat([base, metrics], axis=1)


def _carried(df: pd.DataFrame, id: str, text: str) -> list[str]:
    return [id, *(c for c in CARRY if c in df.columns and c not in (id, text))]


def score_corpus(
    corpus: pd.DataFrame,
    *,
    text: str = "text",
    id: str = "id",
    lexicon: Lexicon | None = None,
    language: str | None = None,
    include_quoted: bool = False,
    voices: Iterable[str] | None = None,
    count_negated: bool = False,
    sentiment: bool = False,
    progress: bool | None = None,
) -> ScoredCorpus:
    """Score every document of ``corpus`` once: documents, matches and quotes.

    ``text`` and ``id`` name the text and document-id columns (ids must be unique; without
    an id column the row index is used and added as ``id``).
    ``language`` forces one language pack (``"en"``, ``"ru"``, ``"uk"``); by default each
    document uses its ``language`` column where that names a pack, else the language
    detected from its text (:func:`biaskit.detect.detect_language`). The counting options
    are those of :func:`biaskit.score`.
    ``sentiment=True`` adds TextBlob polarity and subjectivity (slower). ``progress`` draws
    a bar (None: when someone can see it; see :func:`biaskit.progress.wants_progress`).
    """
    import pandas as pd

    if id not in corpus.columns:
        if id != "id":
            raise KeyError(
                f"score_corpus: no id column {id!r}; columns are {list(corpus.columns)}"
            )
        corpus = corpus.assign(id=corpus.index)
    if corpus[id].duplicated().any():
        dup = corpus.loc[corpus[id].duplicated(), id].iloc[0]
        raise ValueError(f"score_corpus: column {id!r}: duplicate id {dup!r}")
    options = {"include_quoted": include_quoted, "voices": voices, "count_negated": count_negated}
    carry = _carried(corpus, id, text)
    meta = corpus[carry].to_dict("records")
    summaries: list[dict[str, Any]] = []
    match_rows: list[tuple] = []
    quote_rows: list[tuple] = []
    scores = _scores(corpus, text, "score_corpus", lexicon, language, options)
    bar = progress_bar(scores, progress=progress, total=len(corpus), desc="scoring")
    for s, m in zip(bar, meta, strict=True):
        summaries.append(s.summary(sentiment=sentiment))
        keys = tuple(m[c] for c in carry)
        match_rows.extend(keys + match.row() for match in s.matches)
        for q in s.quotes:
            quote_rows.append((*keys, q.start, q.end, q.kind, q.rule, q.n_words, q.inner))
    cols = metric_columns(sentiment=sentiment)
    metrics = pd.DataFrame(summaries, index=corpus.index, columns=cols)
    docs = pd.concat([corpus.drop(columns=[c for c in cols if c in corpus.columns]), metrics],
                     axis=1)
    # a user column that clashes with ours keeps its values under a doc_ prefix
    match_cols = [c if c not in MATCH_COLUMNS else f"doc_{c}" for c in carry] + MATCH_COLUMNS
    quote_cols = [c if c not in QUOTE_COLUMNS else f"doc_{c}" for c in carry] + QUOTE_COLUMNS
    matches = pd.DataFrame(match_rows, columns=match_cols)
    quotes = pd.DataFrame(quote_rows, columns=quote_cols)
    options = {**options, "language": language, "sentiment": sentiment}
    return ScoredCorpus(docs, matches, quotes, id=id, text=text, options=options)


def match_frame(
    df: pd.DataFrame,
    text: str = "text",
    *,
    id: str = "id",
    lexicon: Lexicon | None = None,
    language: str | None = None,
) -> pd.DataFrame:
    """One row per match across the documents of ``df`` (``score_corpus(df).matches``)."""
    return score_corpus(df, text=text, id=id, lexicon=lexicon, language=language).matches
