"""What every chart shares: font sizes, colours, figure sizing, safe labels and notes.

Charts built on a figure of their own grow with the number of rows (up to :data:`MAX_ROWS`);
on an Axes they are given, they show as many rows as fit and say so in the title. Every text
drawn from data goes through :func:`biaskit.escape.mpl_text`, so a ``$`` never starts
mathtext. Nothing here changes rcParams.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from biaskit.categories import CATEGORIES as SCORE_CATEGORIES
from biaskit.escape import mpl_text
from biaskit.style import CATEGORY_LABELS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "LABEL_SIZE",
    "MAX_ROWS",
    "MAX_SERIES",
    "NOTE_SIZE",
    "OKABE_ITO",
    "OTHER_COLOR",
    "PALETTE",
    "TICK_SIZE",
    "TITLE_SIZE",
    "axes_for_rows",
    "axis_name",
    "label_axes",
    "legend_label",
    "legend_outside",
    "metric_names",
    "need_rows",
    "other_label",
    "own_axes",
    "palette",
    "place_labels",
    "series_with_other",
    "set_row_labels",
    "shown_note",
    "stacked_shares",
    "text_color",
]

#: Okabe-Ito colours, ordered for lines and dots on white (yellow last).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
#: Twenty distinct colours: Okabe-Ito, then Paul Tol's muted set and three more.
PALETTE: tuple[str, ...] = (
    *OKABE_ITO,
    "#332288",  # indigo
    "#117733",  # green
    "#882255",  # wine
    "#44AA99",  # teal
    "#999933",  # olive
    "#AA4499",  # purple
    "#DDCC77",  # sand
    "#CC6677",  # rose
    "#88CCEE",  # cyan
    "#663333",  # brown
    "#EE3377",  # magenta
    "#BBCC33",  # pear
)
#: Grey for "other": the series beyond :data:`MAX_SERIES`, pooled.
OTHER_COLOR = "#A0A0A0"
#: Most coloured series in one chart; more are shown as the largest ones plus "other".
MAX_SERIES = len(PALETTE)
#: Most rows (groups, stories) a chart on its own figure shows; more: the first ones, noted.
MAX_ROWS = 100

TITLE_SIZE = 16
LABEL_SIZE = 14
TICK_SIZE = 12
NOTE_SIZE = 12

TOP_INCHES = 1.0  # room for a two-line title on a figure the chart makes itself
BOTTOM_INCHES = 0.9  # room for the tick labels and the x label
ROW_POINTS = TICK_SIZE * 1.6  # least height per row for tick labels not to touch


# --- rows -------------------------------------------------------------------------------


def need_rows(data: pd.DataFrame, func: str, what: str = "the table is empty") -> None:
    """Raise a ValueError when there is nothing to draw (instead of an empty chart)."""
    if len(data) == 0:
        raise ValueError(f"{func}: no rows to plot: {what}")


def axes_for_rows(
    ax: Axes | None, n_rows: int, *, top: int | None = None, width: float = 9.0
) -> tuple[Axes, int]:
    """The Axes to draw on and how many of ``n_rows`` rows it shows.

    ``ax=None``: a new figure tall enough for every row (at most :data:`MAX_ROWS`, or
    ``top``). A given Axes keeps its size and shows as many rows as fit in it.
    """
    if top is not None and top < 1:
        raise ValueError(f"top must be at least 1, not {top!r}")
    wanted = min(n_rows, top if top is not None else n_rows)
    if ax is None:
        shown = min(wanted, MAX_ROWS)
        rows_in = max(2.0, ROW_POINTS * 1.15 * shown / 72)
        height = rows_in + TOP_INCHES + BOTTOM_INCHES
        fig, ax = plt.subplots(figsize=(width, height))
        fig.subplots_adjust(top=1 - TOP_INCHES / height, bottom=BOTTOM_INCHES / height)
        return ax, shown
    bbox = ax.get_position()
    height_pt = bbox.height * ax.figure.get_figheight() * 72
    fit = max(1, math.floor(height_pt / ROW_POINTS))
    return ax, min(wanted, fit)


def own_axes(ax: Axes | None, size: tuple[float, float] = (9.0, 5.0)) -> Axes:
    """``ax``, or the Axes of a new figure of ``size`` inches."""
    if ax is not None:
        return ax
    _fig, new = plt.subplots(figsize=size)
    return new


def shown_note(shown: int, total: int, noun: str) -> str:
    """ "" when every row is shown, else a line for the title: "(top 40 of 87 outlets)"."""
    return "" if shown >= total else f"\n(top {shown} of {total} {noun}; the rest left out)"


def set_row_labels(ax: Axes, labels: Sequence[Any]) -> None:
    """One tick label per row, first row at the top."""
    ax.set_yticks(range(len(labels)), labels=[mpl_text(v) for v in labels])
    ax.set_ylim(len(labels) - 0.5, -0.5)


# --- colours -----------------------------------------------------------------------------


def palette(names: Sequence[Any]) -> dict[Any, str]:
    """A distinct colour for each name (at most :data:`MAX_SERIES`)."""
    if len(names) > MAX_SERIES:
        raise ValueError(
            f"{len(names)} series but only {MAX_SERIES} distinct colours; "
            "pass the largest ones (series_with_other)"
        )
    return {n: PALETTE[i] for i, n in enumerate(names)}


def series_with_other(sizes: pd.Series) -> tuple[list[Any], list[Any]]:
    """(series kept, series pooled as "other"): all of them when they fit in the palette,
    else the :data:`MAX_SERIES` - 1 largest (ties by name) and the rest."""
    names = sorted(sizes.index, key=str)
    if len(names) <= MAX_SERIES:
        return names, []
    order = sorted(names, key=lambda n: (-float(sizes[n]), str(n)))
    kept = set(order[: MAX_SERIES - 1])
    return [n for n in names if n in kept], [n for n in names if n not in kept]


def other_label(others: Sequence[Any], noun: str) -> str:
    """Legend label for the pooled series."""
    return f"other ({len(others)} {noun})"


def text_color(color: Any) -> str:
    """Black or white, whichever reads better on ``color``."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"


# --- words --------------------------------------------------------------------------------

_METRIC_NAMES: dict[str, tuple[str, str]] = {
    # metric: (short name for titles, axis label)
    "loaded_per_1k": ("Loaded language", "Loaded words per 1,000 words (own voice)"),
    "loaded_all_per_1k": (
        "Loaded language, quotes included",
        "Loaded words per 1,000 words (own voice and quotes)",
    ),
    "stance_per_1k": (
        "Stance (hedges and distancing)",
        "Hedges and distancing per 1,000 words (own voice)",
    ),
    "quoted_share": ("Quoted speech", "Share of words inside direct quotes"),
    "polarity": ("Sentiment", "Sentiment polarity (-1 negative to +1 positive)"),
    "subjectivity": ("Subjectivity", "Subjectivity (0 factual to 1 opinion)"),
    **{
        f"rate_{c}": (CATEGORY_LABELS[c], f"{CATEGORY_LABELS[c]} per 1,000 words (own voice)")
        for c in SCORE_CATEGORIES
        if c in CATEGORY_LABELS
    },
}


def metric_names(metric: str | None) -> tuple[str, str]:
    """(title name, axis label) of a metric column, in plain words."""
    if metric is None:
        return "Rate", "Rate"
    if metric in _METRIC_NAMES:
        return _METRIC_NAMES[metric]
    plain = str(metric).replace("_", " ").capitalize()
    return plain, f"{plain} (mean per article)"


def axis_name(data: pd.DataFrame, by: str | None, default: str = "group") -> str:
    """The grouping column in plain words: ``by``, else ``data.attrs["by"]``, else ``default``.

    "outlet_type" -> "Outlet type"; "lean" -> "Lean".
    """
    name = by if by is not None else data.attrs.get("by", default)
    return str(name).replace("_", " ").capitalize()


def legend_label(value: Any) -> str:
    """A legend entry for a data value (a leading "_" would hide it from the legend)."""
    text = mpl_text(value)
    return " " + text if text.startswith("_") else text


def label_axes(ax: Axes, title: str, xlabel: str, ylabel: str) -> None:
    """Title and axis labels in projector sizes (escaped: data may be part of them)."""
    ax.set_title(mpl_text(title), fontsize=TITLE_SIZE)
    ax.set_xlabel(mpl_text(xlabel), fontsize=LABEL_SIZE)
    ax.set_ylabel(mpl_text(ylabel), fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=TICK_SIZE)


def legend_outside(ax: Axes, title: str | None = None, **kwargs: Any) -> None:
    """The legend to the right of the Axes, so it never covers data."""
    kw = {
        "fontsize": NOTE_SIZE,
        "title_fontsize": NOTE_SIZE,
        "frameon": False,
        "loc": "upper left",
        "bbox_to_anchor": (1.01, 1),
        "borderaxespad": 0,
    }
    ax.legend(title=mpl_text(title) if title else None, **{**kw, **kwargs})


def place_labels(ax: Axes, points: Sequence[tuple[float, float, str]]) -> int:
    """Write each text beside its point (in order of importance), moving or leaving out the
    ones that would touch a text already written. Returns how many were left out."""
    offsets = [(5, 3), (5, -12), (-5, 3), (-5, -12), (5, 12), (5, -20)]
    renderer = ax.figure.canvas.get_renderer()
    ax.autoscale_view()
    placed: list[Any] = []
    left_out = 0
    for x, y, text in points:
        for dx, dy in offsets:
            note = ax.annotate(
                mpl_text(text),
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha="left" if dx > 0 else "right",
                fontsize=NOTE_SIZE,
            )
            box = note.get_window_extent(renderer)
            if not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            note.remove()
        else:
            left_out += 1
    return left_out


def stacked_shares(
    ax: Axes,
    shares: pd.DataFrame,
    colors: dict[Any, str],
    labels: dict[Any, str],
    kwargs: dict[str, Any],
) -> None:
    """Horizontal stacked bars: one row per index value of ``shares``, one segment per column,
    the first row at the top; segments of 10% or more carry their percentage."""
    pos = np.arange(len(shares))
    left = np.zeros(len(shares))
    for col in shares.columns:
        width = shares[col].to_numpy(float)
        kw = {
            "height": 0.7,
            "color": colors[col],
            "label": legend_label(labels[col]),
            "edgecolor": "white",
        }
        bars = ax.barh(pos, width, left=left, **{**kw, **kwargs})
        for bar, w in zip(bars, width, strict=True):
            if w >= 0.1:
                ax.text(
                    bar.get_x() + w / 2,
                    bar.get_y() + bar.get_height() / 2,
                    f"{w:.0%}",
                    ha="center",
                    va="center",
                    fontsize=NOTE_SIZE,
                    color=text_color(colors[col]),
                )
        left += width
    set_row_labels(ax, list(shares.index))
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
