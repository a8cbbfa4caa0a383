"""Both measures of a group at once: loaded words and stance (hedges and distancing), each
per 1,000 words with its interval, in two panels side by side or together on one Axes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from biaskit.compare import compare
from biaskit.plot.layout import (
    BOTTOM_INCHES,
    OKABE_ITO,
    ROW_POINTS,
    TOP_INCHES,
    axis_name,
    label_axes,
    legend_outside,
    need_rows,
    set_row_labels,
    shown_note,
)
from biaskit.tables import docs_of, need_columns

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["MEASURE_AXIS_TITLES", "measures"]

#: The plain axis title of each measure's rate column.
MEASURE_AXIS_TITLES: dict[str, str] = {
    "loaded_per_1k": "Loaded words per 1,000 words",
    "stance_per_1k": "Hedges and distancing per 1,000 words",
}
_COLORS = {"loaded_per_1k": OKABE_ITO[0], "stance_per_1k": OKABE_ITO[1]}


def measures(
    data: pd.DataFrame,
    *,
    by: str = "outlet",
    top: int | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    ax: Axes | Sequence[Axes] | None = None,
    **kwargs: Any,
) -> Axes:
    """Loaded words and stance per group, each per 1,000 words with a bootstrap interval.

    ``data``: :func:`biaskit.score_corpus` or :func:`biaskit.score_frame` output (columns
    ``n_words``, ``loaded_per_1k`` and ``stance_per_1k``). Groups are sorted by their loaded
    rate, highest at the top. ``ax=None`` or a pair of Axes: two panels side by side, sharing
    the groups, each with its own plain axis title; one Axes: both measures on it, two dots
    per group, named in a legend. Returns the (first) Axes; with panels the stance panel is
    ``ax.figure.axes[1]``. ``**kwargs`` go to ``ax.errorbar``.
    """
    docs = docs_of(data)
    need_columns(docs, "measures", by, "n_words", *MEASURE_AXIS_TITLES)
    need_rows(docs, "measures", "no scored documents")
    tables = {m: compare(docs, by=by, metric=m, n_boot=n_boot, seed=seed)
              for m in MEASURE_AXIS_TITLES}
    order = list(tables["loaded_per_1k"]["group"])
    shown = min(len(order), top) if top is not None else len(order)
    groups = order[:shown]
    name = axis_name(docs, by)
    title = f"Loaded words and stance by {name.lower()}" + shown_note(shown, len(order), "groups")
    if ax is None:
        height = max(2.0, ROW_POINTS * 1.15 * shown / 72) + TOP_INCHES + BOTTOM_INCHES
        fig, pair = plt.subplots(1, 2, figsize=(12.0, height), sharey=True)
        fig.subplots_adjust(top=1 - TOP_INCHES / height, bottom=BOTTOM_INCHES / height,
                            wspace=0.2)
        axes: Sequence[Axes] = tuple(pair)
    elif isinstance(ax, Sequence):
        axes = tuple(ax)
        if len(axes) != 2:
            raise ValueError(f"measures: ax must be one Axes or two, not {len(axes)}")
    else:
        axes = (ax,)
    if len(axes) == 2:
        for panel, metric in zip(axes, MEASURE_AXIS_TITLES, strict=True):
            _draw(panel, tables[metric], groups, metric, 0.0, kwargs)
            set_row_labels(panel, groups)
            panel.set_xlim(left=0)
            panel.grid(axis="x", alpha=0.3)
        label_axes(axes[0], title, MEASURE_AXIS_TITLES["loaded_per_1k"], name)
        label_axes(axes[1], "", MEASURE_AXIS_TITLES["stance_per_1k"], "")
        axes[1].tick_params(labelleft=False)
        return axes[0]
    one = axes[0]
    for metric, offset in zip(MEASURE_AXIS_TITLES, (-0.17, 0.17), strict=True):
        _draw(one, tables[metric], groups, metric, offset, kwargs,
              label=MEASURE_AXIS_TITLES[metric])
    set_row_labels(one, groups)
    one.set_xlim(left=0)
    one.grid(axis="x", alpha=0.3)
    label_axes(one, title, "Per 1,000 words (own voice)", name)
    legend_outside(one)
    return one


def _draw(
    ax: Axes, table: pd.DataFrame, groups: list[Any], metric: str, offset: float,
    kwargs: dict[str, Any], label: str | None = None,
) -> None:
    """One measure's dots and interval lines, one per group in ``groups`` order."""
    t = table.set_index("group").reindex(groups)
    values = t["rate"].to_numpy(float)
    lo, hi = t["ci_low"].to_numpy(float), t["ci_high"].to_numpy(float)
    xerr = np.clip(np.nan_to_num(np.vstack([values - lo, hi - values])), 0, None)
    kw = {"fmt": "o", "color": _COLORS[metric], "markersize": 9, "elinewidth": 2.2,
          "capsize": 5, "label": label}
    ax.errorbar(values, np.arange(len(groups)) + offset, xerr=xerr, **{**kw, **kwargs})
