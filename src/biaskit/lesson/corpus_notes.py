"""The notebooks' corpus: loading it from the shared parameters, telling the teaching corpus
from a user's own data, and prose computed from the data instead of written for one corpus.

Every numbered notebook has the same parameters for its corpus (``corpus_path``,
``text_column``, ``outlet_column``, ``date_column``, ``id_column``, ``title_column``,
``story_column``), so ``make report CORPUS=... TEXT=...`` runs each of them on any corpus.
What a notebook says about the corpus comes from here, computed from the data: counts are
never written into a notebook's Markdown. Sections that only make sense on the teaching
corpus (its designed contrasts, the answer key) check :func:`is_teaching_corpus`.
Names from the data are escaped (:func:`biaskit.escape.markdown`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from biaskit.categories import CATEGORIES, category
from biaskit.compare import compare
from biaskit.corpus import CorpusError, LoadResult, corpus_path, read_corpus
from biaskit.escape import markdown
from biaskit.lesson.narrate import Markdown
from biaskit.lesson.teaching_corpus import OPPOSITION, STATE
from biaskit.scored import ScoredCorpus, require_scored

__all__ = [
    "MIN_GROUP",
    "describe_categories",
    "describe_corpus",
    "is_teaching_corpus",
    "load",
    "pair_note",
    "pick_pair",
    "reading_notes",
    "teaching_note",
]

#: Groups with fewer documents than this get no interval (as in :func:`biaskit.compare`).
MIN_GROUP = 5


def is_teaching_corpus(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is the teaching corpus shipped with biaskit (the ``corpus/`` folder)."""
    try:
        return Path(path).resolve() == corpus_path().resolve()
    except (CorpusError, OSError):
        return False


def load(
    path: str | os.PathLike[str],
    *,
    text: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    story: str | None = None,
    by: str = "outlet",
) -> LoadResult:
    """:func:`biaskit.read_corpus` for a notebook: the good documents, the rejected and skipped.

    Raises :class:`biaskit.CorpusError` (one line) when no document could be loaded, naming
    the path and the first problem (a mapped column that does not exist, say), and when the
    column ``by`` is missing, so a notebook stops with that line instead of failing later
    in a chart.
    """
    loaded = read_corpus(path, text=text, outlet=outlet, date=date, id=id, title=title,
                         story=story)  # fmt: skip
    if loaded.docs.empty:
        why = (
            str(loaded.rejected["error"].iloc[0])
            if len(loaded.rejected)
            else f"{len(loaded.skipped)} files skipped, none is a document"
        )
        raise CorpusError(f"{path}: no documents loaded; first problem: {why}")
    if by not in loaded.docs.columns:
        columns = ", ".join(map(str, loaded.docs.columns))
        raise CorpusError(f"{path}: no column {by!r} to compare by; columns are {columns}")
    return loaded


def _n(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _groups_per_story(docs: pd.DataFrame, by: str) -> pd.Series:
    """Per story (empty and missing stories left out): how many groups cover it."""
    if "story" not in docs:
        return pd.Series(dtype="int64")
    story = docs["story"].where(docs["story"].astype(str).str.strip() != "")
    return docs.assign(story=story).dropna(subset=["story"]).groupby("story")[by].nunique()


def _spread(sizes: pd.Series) -> str:
    if sizes.min() == sizes.max():
        return f"{_n(int(sizes.min()), 'document')} each"
    return (
        f"from {sizes.min():,} to {sizes.max():,} documents each "
        f"(median {sizes.median():,.0f})"
    )


def describe_corpus(loaded: LoadResult, *, by: str = "outlet", teaching: bool = False) -> Markdown:
    """The corpus in plain words: documents, groups, stories, dates, what was set aside.

    ``teaching``: add what the teaching corpus is (written by the team, its datasheet).
    """
    docs = loaded.docs
    groups = docs[by].value_counts()
    parts = [
        f"**{_n(len(docs), 'document')}** in **{_n(len(groups), 'value')} of "
        f"`{markdown(by)}`**, {_spread(groups)}."
    ]
    small = int((groups < MIN_GROUP).sum())
    if small:
        parts.append(
            f"{_n(small, 'group')} with fewer than {MIN_GROUP} documents get a rate but no "
            "interval and no rank."
        )
    per_story = _groups_per_story(docs, by)
    if len(per_story):
        parts.append(
            f"{_n(len(per_story), 'story', 'stories')}; "
            f"{_n(int((per_story > 1).sum()), 'story', 'stories')} covered by more than one "
            f"value of `{markdown(by)}` (the story-by-story comparison uses these)."
        )
    else:
        parts.append(
            "No story column: the story-by-story comparison has nothing to pair (name one "
            "with `story_column`)."
        )
    if "date" in docs and docs["date"].notna().any():
        dates = pd.to_datetime(docs["date"].dropna())
        parts.append(
            f"Dates from {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}"
            f" ({_n(int(docs['date'].isna().sum()), 'document')} without a date)."
        )
    parts.append(
        f"Set aside: {_n(len(loaded.rejected), 'rejected document')} (listed with file, line and "
        f"reason in `loaded.rejected`) and {_n(len(loaded.skipped), 'skipped file')}."
    )
    if teaching:
        parts.append(
            "This is the **teaching corpus**: fictional outlets covering the same stories, "
            "written by the biaskit team so that their framing differs in known ways (the "
            "[datasheet](../corpus/README.md) is the answer key)."
        )
    return Markdown(" ".join(parts))


def describe_categories(scored: ScoredCorpus, *, by: str = "outlet") -> Markdown:
    """Which group uses each kind of loaded language most (pooled rate per 1,000 words),
    kinds nobody uses left out; groups with fewer than :data:`MIN_GROUP` documents left out."""
    scored = require_scored(scored, "describe_categories")
    docs = scored.docs
    sizes = docs[by].value_counts()
    docs = docs[docs[by].isin(sizes[sizes >= MIN_GROUP].index)]
    if docs.empty:
        return Markdown(f"No value of `{markdown(by)}` has {MIN_GROUP} documents or more.")
    words = docs.groupby(by)["n_words"].sum()
    lines = []
    for name in CATEGORIES:
        column = f"n_{name}"
        if column not in docs:
            continue
        counts = docs.groupby(by)[column].sum()
        if counts.sum() == 0:
            continue
        rates = (counts / words.where(words > 0) * 1000).dropna().sort_values(ascending=False)
        kind = category(name)
        lines.append(
            f"- **{kind.label}** ({kind.measure}): most in {markdown(rates.index[0])} "
            f"({rates.iloc[0]:.1f} per 1,000 words), least in {markdown(rates.index[-1])} "
            f"({rates.iloc[-1]:.1f})"
        )
    head = (
        f"Highest and lowest rate of each kind, among the values of `{markdown(by)}` with at "
        f"least {MIN_GROUP} documents (matches of that kind per 1,000 words, the `n_<kind>` "
        "columns of `scored.docs`; the measure each kind adds to in brackets):"
    )
    return Markdown("\n".join([head, "", *lines]) if lines else "No matches in any group.")


def reading_notes(scored: ScoredCorpus, *, by: str = "outlet", teaching: bool = False) -> Markdown:
    """What the comparison can and cannot say, with this corpus's numbers."""
    scored = require_scored(scored, "reading_notes")
    docs = scored.docs
    sizes = docs[by].value_counts()
    notes = [
        f"- **Group sizes.** Per value of `{markdown(by)}`: {_spread(sizes)}. Where two "
        "intervals overlap, this corpus cannot rank the two groups."
    ]
    shared = _groups_per_story(docs, by)
    if len(shared):
        n = int((shared > 1).sum())
        if n:
            notes.append(
                f"- **Stories.** {_n(n, 'story', 'stories')} covered by more than one group; "
                f"with {n} the smallest possible p-value of the paired test is "
                f"2/2^{n} ≈ {2 / 2**n:.2g}."
            )
    if teaching:
        notes.append(
            "- **Designed differences.** The teaching corpus was written to differ in known "
            "ways (see the [datasheet](../corpus/README.md)). That the numbers find them shows "
            "the kit works on clear cases; it says nothing about any real outlet."
        )
    else:
        notes.append(
            "- **Your data.** The lexicon is general English news vocabulary; check it on "
            "annotated text like yours ([06](06_validate_the_measure.ipynb)) and read the "
            "articles behind the extremes before citing a number."
        )
    return Markdown("\n".join(notes))


def pick_pair(
    scored: ScoredCorpus,
    group_a: str | None = None,
    group_b: str | None = None,
    *,
    by: str = "outlet",
    teaching: bool = False,
) -> tuple[str, str]:
    """Two groups to set against each other: the ones given; on the teaching corpus its state
    agency and opposition outlet; otherwise the highest and lowest own-voice loaded rate
    among the groups with at least :data:`MIN_GROUP` documents (the two largest groups when
    fewer than two have that many)."""
    scored = require_scored(scored, "pick_pair")
    groups = set(scored.docs[by].dropna().astype(str))
    if group_a is not None and group_b is not None:
        for g in (group_a, group_b):
            if g not in groups:
                raise ValueError(f"pick_pair: no {by} called {g!r}")
        return group_a, group_b
    if teaching and {STATE, OPPOSITION} <= groups:
        return STATE, OPPOSITION
    sizes = scored.docs[by].value_counts()
    if int((sizes >= MIN_GROUP).sum()) >= 2:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # small groups: named in the notes
            rates = compare(scored, by=by, min_docs=MIN_GROUP, n_boot=1)
        ranked = rates[rates["enough"]]
        return str(ranked["group"].iloc[0]), str(ranked["group"].iloc[-1])
    if len(sizes) < 2:
        raise ValueError(f"pick_pair: only one value of {by!r}; nothing to compare")
    return str(sizes.index[0]), str(sizes.index[1])


def pair_note(
    group_a: str, group_b: str, *, by: str = "outlet", teaching: bool = False
) -> Markdown:
    """Why these two groups are compared (a heading and a sentence)."""
    a, b = markdown(group_a), markdown(group_b)
    if teaching and (group_a, group_b) == (STATE, OPPOSITION):
        why = (
            "the state news agency and the opposition outlet of the teaching corpus, the two "
            "outlets written to frame the war most differently"
        )
    else:
        why = (
            f"chosen with the parameters `group_a` and `group_b`, or by default the values of "
            f"`{markdown(by)}` with the highest and the lowest loaded rate among those with at "
            f"least {MIN_GROUP} documents"
        )
    return Markdown(f"### {a} against {b}\n\nCompared directly with each other: {why}.")


def teaching_note(what: str) -> Markdown:
    """That the section ``what`` is left out: it belongs to the teaching corpus, and the
    notebook runs on another one."""
    return Markdown(
        f"*Left out:* {markdown(what)} belongs to the teaching corpus, and `corpus_path` points "
        "to another corpus."
    )
