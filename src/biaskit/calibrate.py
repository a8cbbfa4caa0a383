"""Fitting the lexicon's weights to annotated data, honestly: cross-validated logistic
regression on per-text features, held-out ROC-AUC before and after, and a lexicon overlay the
user may choose to load.

Features per text (sentence or document): the number of counted loaded-language matches per
category, and per lexicon entry for entries seen at least ``min_count`` times. An L2-regularised
logistic regression (scikit-learn, strength chosen by an inner cross-validation) is fitted on
``folds - 1`` folds and scores the held-out fold, so every text is scored by a model that never
saw its label. The shipped weights are never changed: :meth:`Calibration.to_lexicon` writes a
YAML overlay that :func:`biaskit.load_lexicon` reads only when asked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from biaskit.lexicon import Entry, Lexicon, load_lexicon
from biaskit.lexicon_entry import MAX_WEIGHT
from biaskit.progress import progress_bar
from biaskit.score import Score
from biaskit.stats import check_resampling, roc_auc, roc_auc_ci

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Calibration", "calibrate"]

SUMMARY_COLUMNS = ["weights", "n_texts", "roc_auc", "roc_auc_low", "roc_auc_high"]
WEIGHT_COLUMNS = ["term", "category", "n_matches", "shipped", "fitted", "change", "note"]


#: Inverse regularisation strengths tried by the inner cross-validation.
STRENGTHS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


def _sklearn(func: str) -> Any:
    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold
    except ImportError:
        raise ImportError(
            f"{func} needs scikit-learn: pip install 'biaskit[research]' (or scikit-learn)"
        ) from None
    return LogisticRegression, StratifiedKFold


def _fit(x: np.ndarray, y: np.ndarray, seed: int, func: str) -> Any:
    """An L2 logistic regression whose strength C is chosen by a 3-fold inner cross-validation
    on ``x`` alone (mean held-out ROC-AUC over :data:`STRENGTHS`)."""
    LogisticRegression, StratifiedKFold = _sklearn(func)
    inner = StratifiedKFold(n_splits=min(3, int(min(y.sum(), len(y) - y.sum()))), shuffle=True,
                            random_state=seed)  # fmt: skip
    best, best_auc = STRENGTHS[0], -1.0
    if inner.n_splits >= 2:
        for c in STRENGTHS:
            aucs = []
            for train, test in inner.split(x, y):
                if len(set(y[train])) < 2:
                    continue
                m = LogisticRegression(C=c, max_iter=2000).fit(x[train], y[train])
                aucs.append(roc_auc(y[test], m.decision_function(x[test])))
            auc = float(np.nanmean(aucs)) if aucs else -1.0
            if auc > best_auc + 1e-9:
                best, best_auc = c, auc
    return LogisticRegression(C=best, max_iter=2000).fit(x, y)


@dataclass
class Calibration:
    """The result of :func:`calibrate`: held-out ROC-AUC before and after, and fitted weights.

    ``summary``: one row for the shipped weights and one for the fitted model (held-out folds),
    with bootstrap intervals. ``weights``: one row per lexicon entry (sense) seen in the data:
    term, category, n_matches, shipped, fitted, change, note (which sense). Nothing here
    changes the lexicon in use; :meth:`to_lexicon` writes an overlay for the user to load.
    """

    summary: pd.DataFrame
    weights: pd.DataFrame
    lexicon: Lexicon = field(repr=False)
    method: str = ""

    def report(self) -> str:
        """A short plain-text report: AUC before and after, and the largest weight changes."""
        lines = [f"Calibration ({self.method})", ""]
        for r in self.summary.itertuples(index=False):
            lines.append(
                f"  {r.weights:<22} ROC-AUC {r.roc_auc:.3f} "
                f"(95% interval {r.roc_auc_low:.3f} to {r.roc_auc_high:.3f}), n = {r.n_texts}"
            )
        moved = self.weights.reindex(
            self.weights["change"].abs().sort_values(ascending=False).index
        ).head(10)
        if len(moved):
            lines += ["", "  largest weight changes (shipped -> fitted, matches in the data):"]
            for r in moved.itertuples(index=False):
                lines.append(
                    f"    {r.term:<24} {r.category:<12} {r.shipped:.2f} -> {r.fitted:.2f} "
                    f"({r.n_matches})"
                )
        lines += [
            "",
            "  The shipped weights are unchanged. To try the fitted ones: "
            "cal.to_lexicon(path), then biaskit.load_lexicon(path) and score with lexicon=.",
        ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()

    def to_lexicon(self, path: str | Path) -> Path:
        """Write the fitted weights as a lexicon overlay (YAML) and return its path.

        Load it with ``biaskit.load_lexicon(path)`` (mode ``"extend"``): its entries replace
        the shipped entries of the same term, with every other field kept. Entries that share a
        form with a refitted one are written too (unchanged), so every sense stays whole.
        """
        import yaml

        w = self.weights
        keys = zip(w["category"], w["term"], w["note"], strict=True)
        fitted = dict(zip(keys, w["fitted"], strict=True))
        chosen = _with_siblings(self.lexicon, set(w["term"]))
        items = [_entry_item(e, fitted.get(_key(e), e.weight)) for e in chosen]
        header = {
            "about": (
                "Weights fitted by biaskit.calibrate (" + self.method + "). An overlay: load it "
                "with biaskit.load_lexicon(path); the shipped lexicon is not changed."
            ),
            "entries": items,
        }
        p = Path(path)
        p.write_text(yaml.safe_dump(header, allow_unicode=True, sort_keys=False), "utf-8")
        return p


def _key(e: Entry) -> tuple[str, str, str]:
    """What tells one sense from another in a match: category, term and note."""
    return e.category, e.term, e.note


def _with_siblings(lexicon: Lexicon, terms: set[str]) -> list[Entry]:
    """The entries named by ``terms`` and every entry sharing a form with one of them."""
    def forms(e: Entry) -> set[str]:
        return {f.lower() for f in (e.term, *e.forms)}

    chosen = [e for e in lexicon if e.term in terms]
    shared = set().union(*(forms(e) for e in chosen)) if chosen else set()
    return [e for e in lexicon if e.term in terms or forms(e) & shared]


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _entry_item(e: Entry, weight: float) -> dict[str, Any]:
    item = {k: _plain(v) for k, v in e.as_dict().items() if v not in (None, [], {})}
    item["weight"] = round(float(weight), 2)
    if item["weight"] == 0:
        item.pop("replace", None)  # a weight-0 entry is not counted, so it replaces nothing
    if e.case_sensitive:
        item["case_sensitive"] = True
    if e.not_examples:
        item["not_examples"] = list(e.not_examples)
    if e.examples:
        item["examples"] = [x.text for x in e.examples]
    return item


def _features(
    texts: list[str], lexicon: Lexicon, progress: bool | None
) -> tuple[list[Counter[str]], np.ndarray, Counter[str]]:
    """Per text: counted loaded matches per term (None-term matches by category), the shipped
    score, and how often each term matched overall."""
    per_text, shipped, seen = [], [], Counter()
    for text in progress_bar(texts, progress=progress, total=len(texts), desc="calibrate",
                             unit="text"):  # fmt: skip
        counts: Counter[str] = Counter()
        total = 0.0
        for m in Score(text, lexicon).matches:
            if not m.counted or m.measure != "loaded" or m.weight <= 0:
                continue  # weight-0 entries are deliberate neutral senses: shown, never counted
            total += m.weight
            counts[(m.category, m.term, m.note)] += 1
        per_text.append(counts)
        shipped.append(total)
        for (_, term, _), n in counts.items():
            seen[term] += n
    return per_text, np.asarray(shipped), seen


def _matrix(
    per_text: list[Counter[Any]], columns: list[tuple[str, str]]
) -> np.ndarray:
    index = {c: i for i, c in enumerate(columns)}
    x = np.zeros((len(per_text), len(columns)))
    for row, counts in enumerate(per_text):
        for (category, term, _), n in counts.items():
            x[row, index[("category", category)]] += n
            if ("term", term) in index:
                x[row, index[("term", term)]] += n
    return x


def calibrate(
    annotated: pd.DataFrame,
    *,
    text: str = "text",
    label: str = "label",
    lexicon: Lexicon | None = None,
    folds: int = 5,
    min_count: int = 5,
    level: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    progress: bool | None = None,
) -> Calibration:
    """Fit category and entry weights to annotated texts by cross-validated logistic regression.

    ``annotated`` has a ``text`` column and a ``label`` column (1 biased, 0 not; rows without a
    label are left out), such as :func:`biaskit.load_annotated` gives. Only counted matches
    of weight above 0 are features (weight-0 entries are neutral senses and stay 0). Returns a
    :class:`Calibration` with the held-out ROC-AUC of the shipped weights and of the fitted
    model (each text scored by a model fitted on the other ``folds - 1`` folds), with
    stratified bootstrap intervals (:func:`biaskit.stats.roc_auc_ci`), and the weights of a
    model fitted on all the data, rescaled to the lexicon's scale (the loaded total on this
    data is kept) and clipped to 0-3. Entries need ``min_count`` matches for a weight of their
    own; rarer ones take their category's. Needs scikit-learn (the ``research`` extra).
    """
    import pandas as pd

    func = "calibrate"
    _, StratifiedKFold = _sklearn(func)
    check_resampling(level, n_boot, seed, func)
    for col in (text, label):
        if col not in annotated.columns:
            raise KeyError(f"{func}: no column {col!r}; columns are {list(annotated.columns)}")
    if int(folds) != folds or folds < 2:
        raise ValueError(f"{func}: folds must be a whole number of at least 2, got {folds!r}")
    data = annotated[annotated[label].notna()]
    labels = pd.to_numeric(data[label], errors="coerce")
    bad = labels.isna() | ~labels.isin([0, 1])
    if bad.any():
        row = data.index[bad.to_numpy().argmax()]
        raise ValueError(
            f"{func}: row {row!r}: column {label!r} must be 0 or 1, got {data.loc[row, label]!r}"
        )
    y = labels.to_numpy(int)
    if min(int(y.sum()), int(len(y) - y.sum())) < folds:
        raise ValueError(
            f"{func}: column {label!r} needs at least {folds} texts of each class for {folds} folds"
        )
    for row, value in zip(data.index, data[text], strict=True):
        if not isinstance(value, str):
            raise TypeError(f"{func}: row {row!r}: column {text!r} is not text: {value!r}")
    lex = lexicon if lexicon is not None else load_lexicon()
    per_text, shipped, seen = _features(list(data[text]), lex, progress)
    categories = sorted({key[0] for counts in per_text for key in counts})
    terms = sorted(t for t, n in seen.items() if n >= min_count)
    columns = [("category", c) for c in categories] + [("term", t) for t in terms]
    x = _matrix(per_text, columns)

    held_out = np.zeros(len(y))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    if x.shape[1]:
        for train, test in splitter.split(x, y):
            held_out[test] = _fit(x[train], y[train], seed, func).decision_function(x[test])
    rows = [
        ["shipped", len(y), *roc_auc_ci(y, shipped, level=level, n_boot=n_boot, seed=seed)],
        [f"fitted ({folds}-fold held out)", len(y),
         *roc_auc_ci(y, held_out, level=level, n_boot=n_boot, seed=seed)],
    ]  # fmt: skip
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    coef = _fit(x, y, seed, func).coef_[0] if x.shape[1] else np.zeros(0)
    weights = _fitted_weights(lex, per_text, dict(zip(columns, coef, strict=True)))
    method = (
        f"L2 logistic regression on {len(categories)} category and {len(terms)} entry counts "
        f"(entries with at least {min_count} matches), {folds} folds, seed {seed}; "
        f"{level:.0%} stratified bootstrap, {n_boot} resamples"
    )
    return Calibration(summary=summary, weights=weights, lexicon=lex, method=method)


def _fitted_weights(
    lex: Lexicon,
    per_text: list[Counter[Any]],
    coef: dict[tuple[str, str], float],
) -> pd.DataFrame:
    """Per entry seen: its coefficient (category + own), rescaled so the loaded total on this
    data stays the shipped one, clipped to 0..MAX_WEIGHT."""
    import pandas as pd

    entries = {_key(e): e for e in lex}
    raw: dict[tuple[str, str, str], tuple[float, float]] = {}
    n: Counter[tuple[str, str, str]] = Counter()
    for counts in per_text:
        for key, c in counts.items():
            entry = entries.get(key)
            if entry is None:
                continue  # scare quotes ("idiot" in quotes) are no entry to reweigh
            n[key] += c
            category, term, _ = key
            beta = coef.get(("category", category), 0.0) + coef.get(("term", term), 0.0)
            raw[key] = (entry.weight, max(beta, 0.0))
    shipped_total = sum(w * n[k] for k, (w, _) in raw.items())
    fitted_total = sum(b * n[k] for k, (_, b) in raw.items())
    scale = shipped_total / fitted_total if fitted_total > 0 else 0.0
    rows = []
    for (category, term, note), (shipped, beta) in sorted(raw.items()):
        fitted = round(min(MAX_WEIGHT, beta * scale), 2)
        rows.append([term, category, n[(category, term, note)], shipped, fitted,
                     fitted - shipped, note])  # fmt: skip
    out = pd.DataFrame(rows, columns=WEIGHT_COLUMNS)
    out["change"] = out["change"].round(2)
    return out.sort_values(["n_matches", "term"], ascending=[False, True], ignore_index=True)

