"""Charts of words and sentences: distinctive terms, and sentiment against loaded weight."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from biaskit.plot.layout import (
    LABEL_SIZE,
    OKABE_ITO,
    OTHER_COLOR,
    TICK_SIZE,
    TITLE_SIZE,
    axis_name,
    label_axes,
    legend_label,
    legend_outside,
    need_rows,
    other_label,
    own_axes,
    palette,
    place_labels,
    series_with_other,
)
from biaskit.tables import need_columns

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["sentiment_scatter", "terms"]


def terms(
    data: pd.DataFrame,
    *,
    x: str = "count",
    y: str = "z",
    label: str = "term",
    hue: str = "group",
    top_labels: int = 10,
    by: str | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Distinctive terms: how distinctive (z, up) against how often used (x, log scale).

    ``data``: :func:`biaskit.distinctive_terms` output. One colour per group (beyond 20
    groups, the 19 with the most terms and "other" in grey). The ``top_labels`` terms with the
    highest z are written next to their dots, leaving out any that would overlap (the title
    says how many). ``by`` names the groups in the legend. ``**kwargs`` go to ``ax.scatter``.
    """
    need_columns(data, "terms", x, y, label, hue)
    need_rows(data, "terms", "no distinctive terms")
    ax = own_axes(ax, (10.0, 6.0))
    groups = sorted(data[hue].unique(), key=str)
    kept, others = series_with_other(data[hue].value_counts())
    colors = palette(kept)
    for g in kept:
        sub = data[data[hue] == g]
        kw = {"s": 60, "alpha": 0.8, "color": colors[g], "label": legend_label(g)}
        ax.scatter(sub[x], sub[y], **{**kw, **kwargs})
    if others:
        sub = data[data[hue].isin(others)]
        kw = {"s": 40, "alpha": 0.6, "color": OTHER_COLOR, "label": other_label(others, "groups")}
        ax.scatter(sub[x], sub[y], **{**kw, **kwargs})
    ax.set_xscale("log")
    best = data.nlargest(top_labels, y)
    left_out = place_labels(ax, [(r[x], r[y], str(r[label])) for _, r in best.iterrows()])
    name = axis_name(data, by)
    if len(groups) > 1:
        legend_outside(ax, name)
    title = f"Words typical of {groups[0]}" if len(groups) == 1 else "Words typical of each group"
    if left_out:
        title += f"\n({left_out} of {len(best)} labels left out: they would overlap)"
    label_axes(
        ax, title, "Times used by the group (log scale)", "How typical of the group (z-score)"
    )
    return ax


def sentiment_scatter(data: pd.DataFrame, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Each sentence as a dot: TextBlob polarity (x) against loaded weight (y).

    ``data``: :attr:`biaskit.Score.sentence_sentiment`. ``**kwargs`` go to ``ax.scatter``.
    """
    need_columns(data, "sentiment_scatter", "polarity", "loaded")
    need_rows(data, "sentiment_scatter", "no sentences")
    ax = own_axes(ax, (8.0, 5.0))
    kw = {"s": 70, "alpha": 0.8, "color": OKABE_ITO[0]}
    ax.scatter(data["polarity"], data["loaded"], **{**kw, **kwargs})
    ax.axvline(0, color="black", linewidth=1)
    ax.set_xlim(-1.05, 1.05)
    ax.grid(alpha=0.3)
    ax.set_title("Sentiment and loaded language, sentence by sentence", fontsize=TITLE_SIZE)
    ax.set_xlabel("TextBlob polarity (-1 negative to +1 positive)", fontsize=LABEL_SIZE)
    ax.set_ylabel("Loaded weight in the sentence (own voice)", fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=TICK_SIZE)
    return ax
