"""The validation chart: each method's agreement with human annotators."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from biaskit.plot.layout import (
    NOTE_SIZE,
    PALETTE,
    axes_for_rows,
    label_axes,
    legend_outside,
    need_rows,
    set_row_labels,
    shown_note,
)
from biaskit.tables import need_columns

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["evaluation_chart"]

_EVAL_METRICS = {
    "roc_auc": "ROC-AUC (sentences)",
    "word_precision": "precision (words)",
    "word_recall": "recall (words)",
    "word_f1": "F1 (words)",
}


def evaluation_chart(
    summary: pd.DataFrame, *, top: int | None = None, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """Grouped bars: each method's ROC-AUC and word-level precision, recall and F1.

    The ROC-AUC bar carries its bootstrap interval when the summary has one.

    ``summary``: ``biaskit.evaluate(...).summary``. ``**kwargs`` go to ``ax.barh``.
    """
    need_columns(summary, "evaluation_chart", "method")
    need_rows(summary, "evaluation_chart", "the summary has no methods")
    metrics = [m for m in _EVAL_METRICS if m in summary.columns]
    if not metrics:
        raise KeyError(
            f"evaluation_chart: none of the columns {list(_EVAL_METRICS)}; "
            f"columns are {list(summary.columns)}"
        )
    # a method takes one row per metric: room for the bars, not only the labels
    ax, shown_rows = axes_for_rows(ax, len(summary) * len(metrics), width=10.0)
    shown = max(1, shown_rows // len(metrics)) if top is None else min(top, len(summary))
    data = summary.head(shown)
    methods = list(data["method"])
    height = 0.8 / len(metrics)
    pos = np.arange(len(methods))
    for i, metric in enumerate(metrics):
        values = data[metric].astype(float).fillna(0).to_numpy()
        y = pos - 0.4 + height * (i + 0.5)
        kw = {"height": height, "color": PALETTE[i], "label": _EVAL_METRICS[metric]}
        ends = values
        if metric == "roc_auc" and {"roc_auc_low", "roc_auc_high"} <= set(data.columns):
            low = data["roc_auc_low"].astype(float).fillna(0).to_numpy()
            high = data["roc_auc_high"].astype(float).fillna(0).to_numpy()
            kw["xerr"] = np.vstack([values - low, high - values]).clip(min=0)
            kw["error_kw"] = {"elinewidth": 1, "capsize": 2}
            ends = np.maximum(high, values)
        ax.barh(y, values, **{**kw, **kwargs})
        for yy, v, e in zip(y, values, ends, strict=True):
            ax.text(e + 0.01, yy, f"{v:.2f}", va="center", fontsize=NOTE_SIZE - 2)
    set_row_labels(ax, methods)
    ax.set_xlim(0, 1.12)
    ax.axvline(0.5, color="black", linewidth=1, linestyle=":")
    ax.grid(axis="x", alpha=0.3)
    legend_outside(ax)
    label_axes(
        ax,
        "Agreement with the annotators" + shown_note(len(methods), len(summary), "methods"),
        "Score (0 to 1, higher is better; dotted: chance ROC-AUC)",
        "Method",
    )
    return ax
