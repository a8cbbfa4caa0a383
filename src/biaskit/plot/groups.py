"""Charts with one row per group: rates with intervals, and the heatmap of categories."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from biaskit.categories import CATEGORIES as SCORE_CATEGORIES
from biaskit.plot.layout import (
    LABEL_SIZE,
    NOTE_SIZE,
    OKABE_ITO,
    TICK_SIZE,
    axes_for_rows,
    axis_name,
    label_axes,
    metric_names,
    need_rows,
    set_row_labels,
    shown_note,
    text_color,
)
from biaskit.style import CATEGORY_COLORS, CATEGORY_LABELS
from biaskit.tables import docs_of, need_columns

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["categories", "rank_order", "rates"]


def rank_order(data: pd.DataFrame, x: str = "rate") -> pd.DataFrame:
    """Rows of a :func:`biaskit.compare` table in reading order: groups with enough documents
    by ``x``, highest first, then the groups with too few (``enough`` False), also by ``x``.

    A table without an ``enough`` column counts every group as having enough.
    """
    enough = data["enough"].fillna(False).astype(bool) if "enough" in data else True
    d = data.assign(_enough=enough)
    d = d.sort_values(["_enough", x], ascending=[False, False], kind="stable", na_position="last")
    return d.drop(columns="_enough")


def rates(
    data: pd.DataFrame,
    *,
    x: str = "rate",
    y: str = "group",
    ci: tuple[str, str] | None = ("ci_low", "ci_high"),
    kind: str = "dot",
    by: str | None = None,
    top: int | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Dots (``kind="dot"``) or bars (``kind="bar"``) per group with interval lines.

    ``data``: :func:`biaskit.compare` output. Groups are sorted, highest at the top; groups
    with too few documents for an interval (``enough`` False, or no interval) come last,
    drawn as a point with their number of documents. ``ci=None`` leaves out the intervals.
    ``by`` names the groups on the axis (default: the ``by`` of :func:`biaskit.compare`).
    ``top`` shows only the first ``top`` groups. ``**kwargs`` go to ``ax.errorbar`` or
    ``ax.barh``.
    """
    need_columns(data, "rates", x, y, *(ci or ()))
    need_rows(data, "rates", "the comparison table is empty")
    if kind not in ("dot", "bar"):
        raise ValueError(f"rates: kind must be 'dot' or 'bar', not {kind!r}")
    ordered = rank_order(data, x)
    ax, shown = axes_for_rows(ax, len(ordered), top=top)
    d = ordered.head(shown)
    pos = np.arange(len(d))
    values = d[x].to_numpy(float)
    xerr = None
    if ci:
        lo, hi = d[ci[0]].to_numpy(float), d[ci[1]].to_numpy(float)
        xerr = np.clip(np.vstack([values - lo, hi - values]), 0, None)
    if kind == "bar":
        kw = {
            "height": 0.6,
            "color": OKABE_ITO[0],
            "capsize": 6,
            "error_kw": {"elinewidth": 2, "ecolor": "black"},
        }
        ax.barh(pos, np.nan_to_num(values), xerr=xerr, **{**kw, **kwargs})
        ax.set_xlim(left=0)
    else:
        kw = {
            "fmt": "o",
            "color": OKABE_ITO[0],
            "markersize": 10,
            "elinewidth": 2.5,
            "capsize": 6,
            "capthick": 2,
        }
        ax.errorbar(values, pos, xerr=xerr, **{**kw, **kwargs})
    if ci:
        _note_missing_intervals(ax, d, x, ci, pos)
    set_row_labels(ax, list(d[y]))
    ax.grid(axis="x", alpha=0.3)
    short, xlabel = metric_names(data.attrs.get("metric")) if x == "rate" else (x, x)
    name = axis_name(data, by)
    title = f"{short} by {name.lower()}"
    if ci and "ci" in data.attrs:
        title += f", with {data.attrs['ci']:.0%} intervals"
    label_axes(ax, title + shown_note(shown, len(ordered), "groups"), xlabel, name)
    return ax


def _note_missing_intervals(
    ax: Axes, d: pd.DataFrame, x: str, ci: tuple[str, str], pos: np.ndarray
) -> None:
    """ "n=3, too few for an interval" beside each point drawn without an interval."""
    enough = d["enough"].fillna(False).astype(bool) if "enough" in d else pd.Series(True, d.index)
    n = d["n_docs"] if "n_docs" in d else pd.Series(np.nan, d.index)
    missing = d[ci[0]].isna() | d[ci[1]].isna() | ~enough
    for p, value, k, ok, miss in zip(pos, d[x], n, enough, missing, strict=True):
        if not miss:
            continue
        count = f"n={int(k)}, " if pd.notna(k) else ""
        why = "too few documents for an interval" if not ok else "no interval"
        ax.annotate(
            f"{count}{why}",
            (0 if pd.isna(value) else value, p),
            xytext=(12, 0),
            textcoords="offset points",
            va="center",
            fontsize=NOTE_SIZE - 2,
            color="#444444",
        )


def categories(
    data: pd.DataFrame,
    *,
    by: str = "outlet",
    top: int | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Heatmap of pooled per-1,000-word rates: one row per group, one column per category.

    ``data``: :func:`biaskit.score_frame` output (columns ``n_words`` and ``rate_<category>``).
    Rows are sorted by their total, highest at the top; ``top`` keeps the first ``top``.
    ``**kwargs`` go to ``ax.imshow``.
    """
    data = docs_of(data)
    cats = [c for c in SCORE_CATEGORIES if f"rate_{c}" in data.columns]
    if not cats:
        raise KeyError(
            f"categories: no rate_<category> columns; columns are {list(data.columns)} "
            "(pass biaskit.score_frame output)"
        )
    need_columns(data, "categories", by, "n_words")
    need_rows(data, "categories", "no scored documents")
    words = data["n_words"].astype(float)
    weights = pd.DataFrame({c: data[f"rate_{c}"] * words / 1000 for c in cats})
    sums = weights.groupby(data[by]).sum()
    if sums.empty:
        raise ValueError(f"categories: no rows to plot: column {by!r} has no values")
    table = sums.div(words.groupby(data[by]).sum() / 1000, axis=0).fillna(0.0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    ax, shown = axes_for_rows(ax, len(table), top=top, width=10.0)
    total = len(table)
    table = table.head(shown)
    image = ax.imshow(table.to_numpy(), **{"aspect": "auto", "cmap": "cividis", **kwargs})
    for (i, j), v in np.ndenumerate(table.to_numpy()):
        color = text_color(image.cmap(image.norm(v)))
        ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=NOTE_SIZE, color=color)
    ax.set_xticks(range(len(cats)), labels=[CATEGORY_LABELS.get(c, c) for c in cats])
    set_row_labels(ax, list(table.index))
    for tick, c in zip(ax.get_xticklabels(), cats, strict=True):
        tick.set_rotation(30)
        tick.set_horizontalalignment("right")
        tick.set_bbox(
            {
                "facecolor": CATEGORY_COLORS.get(c, "white"),
                "alpha": 0.35,
                "edgecolor": "none",
                "pad": 2,
            }
        )
    bar = ax.figure.colorbar(image, ax=ax)
    bar.set_label("Per 1,000 words (own voice)", fontsize=LABEL_SIZE)
    bar.ax.tick_params(labelsize=TICK_SIZE)
    name = axis_name(data, by)
    label_axes(
        ax,
        f"Kinds of loaded language by {name.lower()}" + shown_note(shown, total, "groups"),
        "Kind of loaded language",
        name,
    )
    return ax
