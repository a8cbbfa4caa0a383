"""Charts along stories and time: paired differences story by story, and the timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from biaskit.compare import ALL_OTHERS
from biaskit.plot.layout import (
    OTHER_COLOR,
    axes_for_rows,
    axis_name,
    label_axes,
    legend_label,
    legend_outside,
    metric_names,
    need_rows,
    other_label,
    own_axes,
    palette,
    series_with_other,
    set_row_labels,
    shown_note,
)
from biaskit.stats import numerator_denominator
from biaskit.tables import docs_of, need_columns

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["paired", "timeline"]

_PERIOD_NAMES = {"D": "Day", "W": "Week", "M": "Month", "Q": "Quarter", "Y": "Year"}


def paired(
    data: pd.DataFrame,
    *,
    by: str | None = None,
    top: int | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Story by story: one row per story, one dot per group's difference from the reference.

    ``data``: :func:`biaskit.compare_paired` output with ``details=True``. A line marks zero
    (no difference). Beyond 20 groups, the 19 covering the most stories get colours and the
    rest are grey "other" dots; ``top`` (or the room on ``ax``) keeps the stories covered by
    the most groups. ``**kwargs`` go to ``ax.scatter``.
    """
    if "diff" not in data.columns or "pair" not in data.columns:
        raise KeyError(
            "paired: needs the per-story table of compare_paired(..., details=True) "
            f"(columns group, pair, diff); columns are {list(data.columns)}"
        )
    need_columns(data, "paired", "group")
    need_rows(data, "paired", "no story is covered by a group and its reference")
    coverage = data.groupby("pair")["group"].nunique()
    by_coverage = sorted(coverage.index, key=lambda s: (-coverage[s], str(s)))
    ax, shown = axes_for_rows(ax, len(by_coverage), top=top)
    stories = sorted(by_coverage[:shown], key=str)
    row = {s: i for i, s in enumerate(stories)}
    d = data[data["pair"].isin(row)]
    kept, others = series_with_other(data.groupby("group")["pair"].size())
    colors = palette(kept)
    for g in kept:
        sub = d[d["group"] == g]
        kw = {"s": 80, "color": colors[g], "label": legend_label(g), "zorder": 3}
        ax.scatter(sub["diff"], sub["pair"].map(row), **{**kw, **kwargs})
    if others:
        sub = d[d["group"].isin(others)]
        label = other_label(others, "groups")
        kw = {"s": 40, "color": OTHER_COLOR, "label": label, "zorder": 2}
        ax.scatter(sub["diff"], sub["pair"].map(row), **{**kw, **kwargs})
    ax.axvline(0, color="black", linewidth=1.5)
    set_row_labels(ax, stories)
    ax.grid(axis="y", alpha=0.3)
    name = axis_name(data, by)
    legend_outside(ax, name)
    reference = data["reference"].iloc[0] if "reference" in data else ALL_OTHERS
    against = f"the other {name.lower()}s" if reference == ALL_OTHERS else str(reference)
    _, unit = metric_names(data.attrs.get("metric"))
    label_axes(
        ax,
        f"Story by story: each {name.lower()} against {against}"
        + shown_note(shown, len(by_coverage), "stories"),
        f"Difference: {unit[:1].lower()}{unit[1:]}",
        axis_name(data, str(data.attrs.get("pair", "story"))),
    )
    return ax


def _dates(data: pd.DataFrame, x: str) -> pd.Series:
    """Column ``x`` as dates; a ValueError when it holds numbers or no date at all."""
    col = data[x]
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        raise ValueError(
            f"timeline: column {x!r} holds numbers, not dates; load the corpus with its "
            "dates (YYYY-MM-DD)"
        )
    dates = pd.to_datetime(col, errors="coerce")
    if dates.isna().all():
        raise ValueError(
            f"timeline: no rows to plot: no document has a date in column {x!r} "
            "(an undated corpus has no timeline)"
        )
    return dates


def timeline(
    data: pd.DataFrame,
    *,
    x: str = "date",
    y: str = "loaded_per_1k",
    hue: str | None = "outlet",
    freq: str = "M",
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Lines with markers: ``y`` per period of ``x``, one line per ``hue`` value.

    ``data``: :func:`biaskit.score_frame` output. Per-1,000-word metrics are pooled within
    each period (total weight / total words); other metrics are averaged. Rows without a
    date are left out; with no date at all it raises a ValueError. Beyond 20 values of
    ``hue``, the 19 with the most words get a line and the rest are pooled into a grey
    "other" line. ``**kwargs`` go to ``ax.plot``.
    """
    data = docs_of(data)
    need_columns(data, "timeline", x, *([hue] if hue else []))
    need_rows(data, "timeline", "no scored documents")
    num, den = numerator_denominator(data, y, "timeline")
    period = _dates(data, x).dt.to_period(freq)
    frame = pd.DataFrame(
        {"hue": data[hue].to_numpy() if hue else "All", "period": period, "num": num, "den": den}
    ).dropna(subset=["period", "hue"])
    if frame.empty:
        raise ValueError(f"timeline: no rows to plot: no dated document has a value of {hue!r}")
    kept, others = series_with_other(frame.groupby("hue")["den"].sum())
    other = other_label(others, "groups")
    if others:
        frame["hue"] = frame["hue"].where(frame["hue"].isin(kept), other)
    sums = frame.groupby(["hue", "period"])[["num", "den"]].sum()
    sums["rate"] = sums["num"] / sums["den"].replace(0, np.nan)
    colors = {**palette(kept), other: OTHER_COLOR}
    ax = own_axes(ax, (10.0, 5.0))
    for g in [*kept, *([other] if others else [])]:
        line = sums.loc[g].sort_index()
        kw = {
            "marker": "o",
            "markersize": 8,
            "linewidth": 2.5,
            "color": colors[g],
            "label": legend_label(g),
        }
        ax.plot(line.index.to_timestamp(), line["rate"].to_numpy(), **{**kw, **kwargs})
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if hue:
        legend_outside(ax, axis_name(data, hue))
    short, label = metric_names(y)
    step = _PERIOD_NAMES.get(freq.upper()[:1], "Period")
    label_axes(ax, f"{short} over time", f"{step} ({x})", label)
    return ax
