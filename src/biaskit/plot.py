"""Charts for the tables of :mod:`biaskit.compare` (matplotlib only).

Every function follows one contract: ``f(data, *, <column names>, ax=None, **kwargs) -> Axes``.
``data`` is the tidy DataFrame a compare function returns (or :func:`biaskit.score_frame`
output where stated); the chart is drawn on ``ax`` or on the current Axes; the Axes is returned
and nothing is shown. ``**kwargs`` go to the main matplotlib artist (the dots, bars, image or
lines). Fonts are sized for a projector and colours stay apart for colour-blind readers:
:data:`biaskit.style.CATEGORY_COLORS` for categories, :data:`biaskit.style.GRADE_COLORS` for
reporting-verb grades and the Okabe-Ito palette otherwise. Global rcParams are never changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from biaskit.compare import ALL_OTHERS, _num_den
from biaskit.lexicon import GRADES
from biaskit.score import SCORE_CATEGORIES
from biaskit.style import CATEGORY_COLORS, CATEGORY_LABELS, GRADE_COLORS
from biaskit.tables import need_columns

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "OKABE_ITO",
    "attribution",
    "categories",
    "naming",
    "paired",
    "rates",
    "terms",
    "timeline",
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
TITLE_SIZE = 16
LABEL_SIZE = 14
TICK_SIZE = 12
NOTE_SIZE = 12

_METRIC_NAMES: dict[str, tuple[str, str]] = {
    # metric: (short name for titles, axis label)
    "loaded_per_1k": ("Loaded language", "Loaded words per 1,000 words (own voice)"),
    "loaded_all_per_1k": (
        "Loaded language, quotes included",
        "Loaded words per 1,000 words (own voice and quotes)",
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
_PERIOD_NAMES = {"D": "Day", "W": "Week", "M": "Month", "Q": "Quarter", "Y": "Year"}


# --- helpers ---------------------------------------------------------------------------


def _axes(ax: Axes | None) -> Axes:
    return ax if ax is not None else plt.gca()


def _metric_names(metric: str | None) -> tuple[str, str]:
    """(title name, axis label) of a metric column, in plain words."""
    if metric is None:
        return "Rate", "Rate"
    if metric in _METRIC_NAMES:
        return _METRIC_NAMES[metric]
    plain = metric.replace("_", " ").capitalize()
    return plain, f"{plain} (mean per article)"


def _label_axes(ax: Axes, title: str, xlabel: str, ylabel: str) -> None:
    ax.set_title(title, fontsize=TITLE_SIZE)
    ax.set_xlabel(xlabel, fontsize=LABEL_SIZE)
    ax.set_ylabel(ylabel, fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=TICK_SIZE)


def _palette(names: list[Any]) -> dict[Any, str]:
    return {n: OKABE_ITO[i % len(OKABE_ITO)] for i, n in enumerate(names)}


def _legend(ax: Axes, **kwargs: Any) -> None:
    ax.legend(fontsize=NOTE_SIZE, title_fontsize=NOTE_SIZE, frameon=False, **kwargs)


def _stacked_shares(
    ax: Axes,
    shares: pd.DataFrame,
    colors: dict[Any, str],
    labels: dict[Any, str],
    kwargs: dict[str, Any],
) -> None:
    """Horizontal stacked bars: one row per index value of ``shares``, one segment per column.

    The first row is drawn at the top.
    """
    pos = np.arange(len(shares))
    left = np.zeros(len(shares))
    for col in shares.columns:
        width = shares[col].to_numpy(float)
        kw = {"height": 0.7, "color": colors[col], "label": labels[col], "edgecolor": "white"}
        bars = ax.barh(pos, width, left=left, **{**kw, **kwargs})
        for bar, w in zip(bars, width, strict=True):
            if w >= 0.1:
                x = bar.get_x() + w / 2
                ax.text(
                    x,
                    bar.get_y() + bar.get_height() / 2,
                    f"{w:.0%}",
                    ha="center",
                    va="center",
                    fontsize=NOTE_SIZE,
                    color=_text_color(colors[col]),
                )
        left += width
    ax.set_yticks(pos, labels=[str(g) for g in shares.index])
    ax.set_ylim(len(shares) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))


def _text_color(color: Any) -> str:
    """Black or white, whichever reads better on ``color``."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"


# --- rates -------------------------------------------------------------------------------


def rates(
    data: pd.DataFrame,
    *,
    x: str = "rate",
    y: str = "group",
    ci: tuple[str, str] | None = ("ci_low", "ci_high"),
    kind: str = "dot",
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Dots (``kind="dot"``) or bars (``kind="bar"``) per group with interval lines.

    ``data``: :func:`biaskit.compare.compare` output. Groups are sorted, highest at the top;
    ``ci=None`` leaves out the intervals. ``**kwargs`` go to ``ax.errorbar`` or ``ax.barh``.
    """
    need_columns(data, "rates", x, y, *(ci or ()))
    if kind not in ("dot", "bar"):
        raise ValueError(f"rates: kind must be 'dot' or 'bar', not {kind!r}")
    ax = _axes(ax)
    d = data.sort_values(x, kind="stable")  # barh draws the first row at the bottom
    pos = np.arange(len(d))
    values = d[x].to_numpy(float)
    xerr = None
    if ci:
        lo, hi = d[ci[0]].to_numpy(float), d[ci[1]].to_numpy(float)
        xerr = np.nan_to_num(np.clip(np.vstack([values - lo, hi - values]), 0, None))
    if kind == "bar":
        kw = {
            "height": 0.6,
            "color": OKABE_ITO[0],
            "capsize": 6,
            "error_kw": {"elinewidth": 2, "ecolor": "black"},
        }
        ax.barh(pos, values, xerr=xerr, **{**kw, **kwargs})
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
    ax.set_yticks(pos, labels=[str(g) for g in d[y]])
    ax.grid(axis="x", alpha=0.3)
    short, xlabel = _metric_names(data.attrs.get("metric")) if x == "rate" else (x, x)
    by = data.attrs.get("by", y)
    title = f"{short} by {by}"
    if ci and "ci" in data.attrs:
        title += f", with {data.attrs['ci']:.0%} intervals"
    _label_axes(ax, title, xlabel, str(by).replace("_", " ").capitalize())
    return ax


def categories(
    data: pd.DataFrame, *, by: str = "outlet", ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """Heatmap of pooled per-1,000-word rates: one row per group, one column per category.

    ``data``: :func:`biaskit.score_frame` output (columns ``n_words`` and ``rate_<category>``).
    Rows are sorted by their total, highest at the top. ``**kwargs`` go to ``ax.imshow``.
    """
    cats = [c for c in SCORE_CATEGORIES if f"rate_{c}" in data.columns]
    if not cats:
        raise KeyError(
            f"categories: no rate_<category> columns; columns are {list(data.columns)} "
            "(pass biaskit.score_frame output)"
        )
    need_columns(data, "categories", by, "n_words")
    ax = _axes(ax)
    words = data["n_words"].astype(float)
    weights = pd.DataFrame({c: data[f"rate_{c}"] * words / 1000 for c in cats})
    sums = weights.groupby(data[by]).sum()
    table = sums.div(words.groupby(data[by]).sum() / 1000, axis=0).fillna(0.0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    image = ax.imshow(table.to_numpy(), **{"aspect": "auto", "cmap": "cividis", **kwargs})
    for (i, j), v in np.ndenumerate(table.to_numpy()):
        color = _text_color(image.cmap(image.norm(v)))
        ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=NOTE_SIZE, color=color)
    ax.set_xticks(range(len(cats)), labels=[CATEGORY_LABELS.get(c, c) for c in cats])
    ax.set_yticks(range(len(table)), labels=[str(g) for g in table.index])
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
    _label_axes(
        ax,
        f"Kinds of loaded language by {by}",
        "Kind of loaded language",
        by.replace("_", " ").capitalize(),
    )
    return ax


# --- words -----------------------------------------------------------------------------


def terms(
    data: pd.DataFrame,
    *,
    x: str = "count",
    y: str = "z",
    label: str = "term",
    hue: str = "group",
    top_labels: int = 10,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Distinctive terms: how distinctive (z, up) against how often used (x, log scale).

    ``data``: :func:`biaskit.compare.distinctive_terms` output. One colour per group; the
    ``top_labels`` terms with the highest z are written next to their dots. ``**kwargs`` go to
    ``ax.scatter``.
    """
    need_columns(data, "terms", x, y, label, hue)
    ax = _axes(ax)
    groups = sorted(data[hue].unique(), key=str)
    colors = _palette(groups)
    for g in groups:
        sub = data[data[hue] == g]
        kw = {"s": 60, "alpha": 0.8, "color": colors[g], "label": str(g)}
        ax.scatter(sub[x], sub[y], **{**kw, **kwargs})
    for _, row in data.nlargest(top_labels, y).iterrows():
        ax.annotate(
            str(row[label]),
            (row[x], row[y]),
            xytext=(5, 3),
            textcoords="offset points",
            fontsize=NOTE_SIZE,
        )
    ax.set_xscale("log")
    if len(groups) > 1:
        _legend(ax, title=hue.capitalize())
    title = f"Words typical of {groups[0]}" if len(groups) == 1 else "Words typical of each group"
    _label_axes(
        ax, title, "Times used by the group (log scale)", "How typical of the group (z-score)"
    )
    return ax


# --- naming and attribution -------------------------------------------------------------


def naming(
    data: pd.DataFrame, *, referent: str | None = None, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """Stacked share bars: which name each group uses for one referent (Kyiv / Kiev).

    ``data``: :func:`biaskit.compare.naming_shares` output (periods are added together).
    ``referent=None`` picks the referent with the most mentions. ``**kwargs`` go to
    ``ax.barh``.
    """
    need_columns(data, "naming", "group", "referent", "variant", "count")
    if data.empty:
        raise ValueError("naming: the table is empty (no naming matches were found)")
    totals = data.groupby("referent")["count"].sum()
    referent = totals.idxmax() if referent is None else referent
    if referent not in totals.index:
        raise ValueError(f"naming: no referent {referent!r}; referents are {list(totals.index)}")
    ax = _axes(ax)
    sub = data[data["referent"] == referent]
    counts = sub.pivot_table(index="group", columns="variant", values="count", aggfunc="sum")
    order = counts.sum().sort_values(ascending=False, kind="stable").index
    shares = counts[order].div(counts.sum(axis=1), axis=0).fillna(0.0)
    shares = shares.sort_values(list(order), ascending=False, kind="stable")
    persp = sub.groupby("variant")["perspective"].first() if "perspective" in sub else {}
    labels = {v: f"{v} ({persp[v]})" if pd.notna(persp.get(v)) else str(v) for v in order}
    _stacked_shares(ax, shares, _palette(list(order)), labels, kwargs)
    _legend(ax, title="Name used", loc="upper left", bbox_to_anchor=(1.01, 1))
    _label_axes(ax, f"Which name for {order[0]}?", "Share of mentions (own voice)", "Outlet")
    return ax


def attribution(data: pd.DataFrame, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Stacked share bars of reporting verbs per group: neutral, distancing, loaded.

    ``data``: :func:`biaskit.compare.attribution_profile` output (speakers are added
    together). Groups with the most loaded and distancing verbs come first. ``**kwargs`` go
    to ``ax.barh``.
    """
    need_columns(data, "attribution", "group", "grade", "count")
    ax = _axes(ax)
    counts = data.pivot_table(index="group", columns="grade", values="count", aggfunc="sum")
    counts = counts.reindex(columns=list(GRADES), fill_value=0).fillna(0)
    shares = counts.div(counts.sum(axis=1).replace(0, np.nan), axis=0).fillna(0.0)
    shares = shares.sort_values(["loaded", "distancing"], ascending=False, kind="stable")
    labels = {g: g.capitalize() for g in GRADES}
    _stacked_shares(ax, shares, dict(GRADE_COLORS), labels, kwargs)
    _legend(ax, title="Reporting verb", loc="upper left", bbox_to_anchor=(1.01, 1))
    _label_axes(
        ax,
        "How each outlet reports what people say",
        "Share of reporting verbs (own voice)",
        "Outlet",
    )
    return ax


# --- paired and time ----------------------------------------------------------------------


def paired(data: pd.DataFrame, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Story by story: one row per story, one dot per group's difference from the reference.

    ``data``: :func:`biaskit.compare.compare_paired` output with ``details=True``. A line
    marks zero (no difference). ``**kwargs`` go to ``ax.scatter``.
    """
    if "diff" not in data.columns or "pair" not in data.columns:
        raise KeyError(
            "paired: needs the per-story table of compare_paired(..., details=True) "
            f"(columns group, pair, diff); columns are {list(data.columns)}"
        )
    need_columns(data, "paired", "group")
    ax = _axes(ax)
    stories = sorted(data["pair"].unique(), key=str)
    row = {s: i for i, s in enumerate(stories)}
    groups = sorted(data["group"].unique(), key=str)
    colors = _palette(groups)
    for g in groups:
        sub = data[data["group"] == g]
        kw = {"s": 80, "color": colors[g], "label": str(g), "zorder": 3}
        ax.scatter(sub["diff"], sub["pair"].map(row), **{**kw, **kwargs})
    ax.axvline(0, color="black", linewidth=1.5)
    ax.set_yticks(range(len(stories)), labels=[str(s) for s in stories])
    ax.set_ylim(len(stories) - 0.5, -0.5)
    ax.grid(axis="y", alpha=0.3)
    _legend(ax, title="Outlet", loc="upper left", bbox_to_anchor=(1.01, 1))
    reference = data["reference"].iloc[0] if "reference" in data and len(data) else ALL_OTHERS
    against = "the other outlets" if reference == ALL_OTHERS else str(reference)
    _, unit = _metric_names(data.attrs.get("metric"))
    _label_axes(
        ax,
        f"Story by story: each outlet against {against}",
        f"Difference: {unit[:1].lower()}{unit[1:]}",
        "Story",
    )
    return ax


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
    date are left out. ``**kwargs`` go to ``ax.plot``.
    """
    need_columns(data, "timeline", x, *([hue] if hue else []))
    num, den = _num_den(data, y, "timeline")
    ax = _axes(ax)
    period = pd.to_datetime(data[x]).dt.to_period(freq)
    frame = pd.DataFrame(
        {"hue": data[hue].to_numpy() if hue else "All", "period": period, "num": num, "den": den}
    ).dropna(subset=["period", "hue"])
    sums = frame.groupby(["hue", "period"])[["num", "den"]].sum()
    sums["rate"] = sums["num"] / sums["den"].replace(0, np.nan)
    groups = sorted(sums.index.get_level_values("hue").unique(), key=str)
    colors = _palette(groups)
    for g in groups:
        line = sums.loc[g].sort_index()
        kw = {"marker": "o", "markersize": 8, "linewidth": 2.5, "color": colors[g], "label": str(g)}
        ax.plot(line.index.to_timestamp(), line["rate"].to_numpy(), **{**kw, **kwargs})
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if hue:
        _legend(ax, title=hue.capitalize(), loc="upper left", bbox_to_anchor=(1.01, 1))
    short, label = _metric_names(y)
    step = _PERIOD_NAMES.get(freq.upper()[:1], "Period")
    _label_axes(ax, f"{short} over time", f"{step} ({x})", label)
    return ax
