"""Error analysis for the validation notebook: annotated data, and where biaskit and the
annotators disagree."""

from __future__ import annotations

from typing import Any

import pandas as pd

from biaskit.evaluate import load_annotated, load_sample
from biaskit.lesson.tables import Table

__all__ = ["annotated_data", "error_examples"]


def annotated_data(
    path: str | None = None,
    *,
    text: str | None = None,
    label: str | None = None,
    words: str | None = None,
) -> pd.DataFrame:
    """Annotated sentences: the file at ``path`` (BABE layout, or a CSV with the columns named),
    or with ``path=None`` the small sample written by the biaskit team."""
    if path is None:
        return load_sample()
    return load_annotated(path, text=text, label=label, words=words)


def _split(cell: Any) -> set[str]:
    return {w for w in str(cell).split("; ") if w} if isinstance(cell, str) else set()


def error_examples(report: Any, *, n: int = 8) -> Table:
    """Sentences where biaskit and the annotators disagree on words, most disagreements first.

    ``report``: the result of :func:`biaskit.evaluate`. Columns: sentence, label (1 biased,
    0 not), missed (annotated words biaskit did not flag), extra (flagged words the annotators
    did not mark). Sentences are shown in full.
    """
    rows = []
    for r in report.sentences.itertuples(index=False):
        flagged, gold = _split(r.flagged), _split(r.annotated)
        missed, extra = sorted(gold - flagged), sorted(flagged - gold)
        if missed or extra:
            rows.append(
                {
                    "sentence": r.text,
                    "label": r.label,
                    "missed": "; ".join(missed) or "—",
                    "extra": "; ".join(extra) or "—",
                    "errors": len(missed) + len(extra),
                }
            )
    out = Table(rows, columns=["sentence", "label", "missed", "extra", "errors"])
    out = out.sort_values("errors", ascending=False, kind="stable").head(n)
    return out.drop(columns="errors").reset_index(drop=True)
