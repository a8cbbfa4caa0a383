"""Agreement with human annotation: sentence-level ROC-AUC and word-level precision/recall/F1.

Takes sentences with a bias label and the words annotators marked as biased (the
BABE/MBIC layout, or any CSV with the columns named). The same code scores the
baselines (TextBlob subjectivity; VADER where installed), so numbers are comparable.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from biaskit.corpus import CorpusError
from biaskit.lexicon import Lexicon, load_lexicon
from biaskit.progress import progress_bar
from biaskit.score import Score
from biaskit.stats import check_resampling, most_common, roc_auc, roc_auc_ci
from biaskit.text import WORD_RE

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Evaluation", "evaluate", "load_annotated", "load_sample", "roc_auc", "roc_auc_ci"]

#: Categories whose matches count as flagged words. Hedges (epistemic caution), naming
#: variants (perspective) and scare quotes (the marks, not the words) are measured by the
#: kit but are not what annotators of "biased words" mark; they still count in the score.
WORD_CATEGORIES: tuple[str, ...] = ("label", "loaded", "attribution", "intensifier")

SUMMARY_COLUMNS = [
    "method",
    "n_sentences",
    "roc_auc",
    "roc_auc_low",
    "roc_auc_high",
    "word_precision",
    "word_recall",
    "word_f1",
]


def load_annotated(
    path: str | Path,
    *,
    text: str | None = None,
    label: str | None = None,
    words: str | None = None,
) -> pd.DataFrame:
    """Read annotated sentences: the BABE layout, or a CSV whose columns you name.

    Returns columns ``text``, ``label`` (1 biased, 0 not, missing where the
    annotators did not agree) and ``biased_words`` (list of str).
    """
    import pandas as pd

    from biaskit.datasets import load_babe, parse_words

    if text is None and label is None and words is None:
        return load_babe(path)
    p = Path(path)
    try:
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise CorpusError(f"{p}: cannot read as CSV: {exc}", file=str(p)) from None
    mapping = {"text": text or "text", "label": label or "label", "biased_words": words}
    for target, col in mapping.items():
        if col is not None and col not in df.columns:
            raise CorpusError(
                f"{p}: no column {col!r} for {target}; columns are {', '.join(df.columns)}",
                file=str(p),
                field=col,
            )
    out = pd.DataFrame({"text": df[mapping["text"]]})
    raw = df[mapping["label"]].str.strip().str.lower()
    truthy = {"1", "true", "biased", "yes"}
    falsy = {"0", "false", "non-biased", "not biased", "unbiased", "no"}
    out["label"] = raw.map(lambda v: 1 if v in truthy else 0 if v in falsy else None)
    out["label"] = out["label"].astype("Int64")
    if words is not None:
        out["biased_words"] = [parse_words(v, p, i + 2) for i, v in enumerate(df[words])]
    else:
        out["biased_words"] = [[] for _ in range(len(df))]
    return out


def load_sample() -> pd.DataFrame:
    """A small annotated sample written by the biaskit team (BABE layout), for demos and tests."""
    from biaskit.datasets import load_babe

    res = resources.files("biaskit").joinpath("data", "annotated-sample.csv")
    with resources.as_file(res) as p:
        return load_babe(p)


def _words(text: str) -> set[str]:
    """Content words of ``text``, lowercased (function words are not compared)."""
    from biaskit.terms import STOPWORDS

    out = {w.lower().replace("’", "'") for w in WORD_RE.findall(text)}
    return out - STOPWORDS


def _gold(words: list[str]) -> set[str]:
    out: set[str] = set()
    for w in words:
        out |= _words(w)
    return out


# A method maps a sentence to (sentence score, set of words it flags, {word: category}).
Method = Callable[[str], tuple[float, set[str], dict[str, str]]]


def _biaskit_method(
    lexicon: Lexicon,
    *,
    include_quoted: bool = False,
    voices: tuple[str, ...] | None = None,
    count_negated: bool = False,
    measures: tuple[str, ...] = ("loaded",),
) -> Method:
    """The score is the weight of the counted matches of ``measures``; the flagged words
    are those of counted matches in :data:`WORD_CATEGORIES`."""

    def run(sentence: str) -> tuple[float, set[str], dict[str, str]]:
        s = Score(
            sentence,
            lexicon,
            include_quoted=include_quoted,
            voices=voices,
            count_negated=count_negated,
        )
        flagged: dict[str, str] = {}
        total = 0.0
        for m in s.matches:
            if not m.counted or m.measure not in measures:
                continue
            total += m.weight
            if m.category in WORD_CATEGORIES:
                for w in _words(m.text):
                    flagged.setdefault(w, m.category)
        return total, set(flagged), flagged

    return run


def _textblob_method() -> Method:
    from textblob.en import sentiment as pattern

    lexicon = pattern  # word -> {sense: (polarity, subjectivity, intensity)}

    def subjective(word: str) -> bool:
        senses = lexicon.get(word)
        if not senses:
            return False
        values = [v[1] for v in senses.values()] if isinstance(senses, dict) else []
        return bool(values) and sum(values) / len(values) >= 0.5

    def run(sentence: str) -> tuple[float, set[str], dict[str, str]]:
        _, subj = pattern(sentence)
        flagged = {w for w in _words(sentence) if subjective(w)}
        return float(subj), flagged, dict.fromkeys(flagged, "subjective")

    return run


def _vader_method() -> Method | None:
    if importlib.util.find_spec("vaderSentiment") is None:
        return None
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()

    def run(sentence: str) -> tuple[float, set[str], dict[str, str]]:
        compound = analyzer.polarity_scores(sentence)["compound"]
        flagged = {w for w in _words(sentence) if abs(analyzer.lexicon.get(w, 0.0)) >= 1.5}
        return abs(compound), flagged, dict.fromkeys(flagged, "valence")

    return run


@dataclass
class Evaluation:
    """The result of :func:`evaluate`."""

    summary: pd.DataFrame
    by_category: pd.DataFrame
    false_positives: pd.DataFrame
    false_negatives: pd.DataFrame
    sentences: pd.DataFrame

    def to_markdown(self) -> str:
        """The summary and per-category tables as Markdown."""
        return (
            _markdown(self.summary.round(3))
            + "\n\nbiaskit, per category (flagged words):\n\n"
            + _markdown(self.by_category.round(3))
            + "\n"
        )

    def _repr_html_(self) -> str:
        return self.summary.round(3).to_html(index=False)


def _markdown(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in df.itertuples(index=False):
        cells = ("" if v != v else str(v).replace("|", "\\|") for v in row)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def evaluate(
    data: pd.DataFrame,
    *,
    lexicon: Lexicon | None = None,
    baselines: bool = True,
    include_quoted: bool = False,
    voices: tuple[str, ...] | None = None,
    count_negated: bool = False,
    measures: tuple[str, ...] = ("loaded",),
    top: int = 25,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    progress: bool | None = None,
) -> Evaluation:
    """Agreement of biaskit (and baselines) with annotated sentences.

    ``data`` has columns ``text``, ``label`` and ``biased_words`` (see
    :func:`load_annotated`). Sentence level: ROC-AUC of the score against the label
    (sentences without an agreed label are left out of it), with a stratified bootstrap
    interval (:func:`roc_auc_ci` with ``level``, ``n_boot`` and ``seed``). Word level: micro
    precision, recall and F1 of the flagged words against the annotated words,
    over every sentence, on content words (function words such as "the" are left
    out on both sides), with matches of :data:`WORD_CATEGORIES`. Also per-category
    precision and the most frequent false positives and false negatives. The score counts
    what :func:`biaskit.score` counts (own voice, not negated, the ``loaded`` measure);
    ``voices``, ``count_negated`` and ``measures=("loaded", "stance")`` count more.
    ``progress`` draws a bar per method (None: when someone can see it).
    """
    import pandas as pd

    check_resampling(level, n_boot, seed, "evaluate")
    for col in ("text", "label", "biased_words"):
        if col not in data.columns:
            raise KeyError(f"evaluate: no column {col!r}; columns are {list(data.columns)}")
    lex = lexicon if lexicon is not None else load_lexicon()
    method = _biaskit_method(
        lex,
        include_quoted=include_quoted,
        voices=voices,
        count_negated=count_negated,
        measures=measures,
    )
    methods: list[tuple[str, Method]] = [("biaskit", method)]
    if baselines:
        methods.append(("TextBlob subjectivity", _textblob_method()))
        vader = _vader_method()
        if vader is not None:
            methods.append(("VADER |compound|", vader))
    texts = list(data["text"])
    labels = list(data["label"])
    golds = [_gold(list(w)) for w in data["biased_words"]]
    rows = []
    per_sentence = None
    by_cat = by_cat_fp = None
    fp_words: Counter[str] = Counter()
    fn_words: Counter[str] = Counter()
    for name, method in methods:
        scores, tp, fp, fn = [], 0, 0, 0
        cat_tp: Counter[str] = Counter()
        cat_n: Counter[str] = Counter()
        flagged_all = []
        pairs = zip(texts, golds, strict=True)
        bar = progress_bar(pairs, progress=progress, total=len(texts), desc=name, unit="sentence")
        for text, gold in bar:
            value, flagged, cats = method(text)
            scores.append(value)
            flagged_all.append(flagged)
            tp += len(flagged & gold)
            fp += len(flagged - gold)
            fn += len(gold - flagged)
            if name == "biaskit":
                for w, c in cats.items():
                    cat_n[c] += 1
                    cat_tp[c] += w in gold
                fp_words.update(flagged - gold)
                fn_words.update(gold - flagged)
        known = [(lab, s) for lab, s in zip(labels, scores, strict=True) if lab is not pd.NA]
        auc, auc_low, auc_high = roc_auc_ci(
            [int(lab) for lab, _ in known],
            [s for _, s in known],
            level=level,
            n_boot=n_boot,
            seed=seed,
        )
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append([name, len(known), auc, auc_low, auc_high, precision, recall, f1])
        if name == "biaskit":
            per_sentence = pd.DataFrame(
                {
                    "text": texts,
                    "label": data["label"].to_numpy(),
                    "score": scores,
                    "flagged": ["; ".join(sorted(f)) for f in flagged_all],
                    "annotated": ["; ".join(sorted(g)) for g in golds],
                }
            )
            by_cat = pd.DataFrame(
                {
                    "category": list(cat_n),
                    "flagged_words": [cat_n[c] for c in cat_n],
                    "annotated_too": [cat_tp[c] for c in cat_n],
                }
            )
            by_cat["precision"] = by_cat["annotated_too"] / by_cat["flagged_words"]
            by_cat_fp = by_cat.sort_values("flagged_words", ascending=False, ignore_index=True)
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    assert per_sentence is not None and by_cat_fp is not None
    return Evaluation(
        summary=summary,
        by_category=by_cat_fp,
        false_positives=pd.DataFrame(most_common(fp_words, top), columns=["word", "count"]),
        false_negatives=pd.DataFrame(most_common(fn_words, top), columns=["word", "count"]),
        sentences=per_sentence,
    )
