"""Stacked share bars, one row per group: which name for a referent, which reporting verbs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from biaskit.lexicon import GRADES
from biaskit.plot.layout import (
    OTHER_COLOR,
    axes_for_rows,
    axis_name,
    label_axes,
    legend_outside,
    need_rows,
    other_label,
    palette,
    series_with_other,
    shown_note,
    stacked_shares,
)
from biaskit.style import GRADE_COLORS
from biaskit.tables import need_columns

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["attribution", "naming"]


def naming(
    data: pd.DataFrame,
    *,
    referent: str | None = None,
    by: str | None = None,
    top: int | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Stacked share bars: which name each group uses for one referent (Kyiv / Kiev).

    ``data``: :func:`biaskit.naming_shares` output (periods are added together).
    ``referent=None`` picks the referent with the most mentions. ``by`` names the groups on
    the axis; ``top`` keeps the first ``top`` groups. ``**kwargs`` go to ``ax.barh``.
    """
    need_columns(data, "naming", "group", "referent", "variant", "count")
    need_rows(data, "naming", "the table is empty (no naming matches were found)")
    totals = data.groupby("referent")["count"].sum()
    referent = totals.idxmax() if referent is None else referent
    if referent not in totals.index:
        raise ValueError(f"naming: no referent {referent!r}; referents are {list(totals.index)}")
    sub = data[data["referent"] == referent]
    counts = sub.pivot_table(index="group", columns="variant", values="count", aggfunc="sum")
    counts = counts[counts.sum(axis=1) > 0]
    if counts.empty:
        raise ValueError(f"naming: no rows to plot: no group names {referent!r}")
    order = list(counts.sum().sort_values(ascending=False, kind="stable").index)
    kept, others = series_with_other(counts.sum())
    kept = [v for v in order if v in kept]
    if others:
        counts = counts[kept].assign(**{"(other)": counts[others].sum(axis=1)})
    columns = kept + (["(other)"] if others else [])
    shares = counts[columns].div(counts.sum(axis=1), axis=0).fillna(0.0)
    shares = shares.sort_values(columns, ascending=False, kind="stable")
    ax, shown = axes_for_rows(ax, len(shares), top=top)
    total = len(shares)
    persp = sub.groupby("variant")["perspective"].first() if "perspective" in sub else {}
    labels = {v: f"{v} ({persp[v]})" if pd.notna(persp.get(v)) else str(v) for v in kept}
    colors = palette(kept)
    if others:
        labels["(other)"] = other_label(others, "names")
        colors["(other)"] = OTHER_COLOR
    stacked_shares(ax, shares.head(shown), colors, labels, kwargs)
    legend_outside(ax, "Name used")
    name = axis_name(data, by)
    label_axes(
        ax,
        f"Which name for {order[0]}?" + shown_note(shown, total, "groups"),
        "Share of mentions (own voice)",
        name,
    )
    return ax


def attribution(
    data: pd.DataFrame,
    *,
    by: str | None = None,
    top: int | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Stacked share bars of reporting verbs per group: neutral, distancing, loaded.

    ``data``: :func:`biaskit.attribution_profile` output (speakers are added together).
    Groups with the most loaded and distancing verbs come first; ``top`` keeps the first
    ``top``. ``by`` names the groups on the axis. ``**kwargs`` go to ``ax.barh``.
    """
    need_columns(data, "attribution", "group", "grade", "count")
    need_rows(data, "attribution", "the table is empty (no reporting verbs were found)")
    counts = data.pivot_table(index="group", columns="grade", values="count", aggfunc="sum")
    counts = counts.reindex(columns=list(GRADES), fill_value=0).fillna(0)
    shares = counts.div(counts.sum(axis=1).replace(0, np.nan), axis=0).fillna(0.0)
    shares = shares.sort_values(["loaded", "distancing"], ascending=False, kind="stable")
    ax, shown = axes_for_rows(ax, len(shares), top=top)
    labels = {g: g.capitalize() for g in GRADES}
    stacked_shares(ax, shares.head(shown), dict(GRADE_COLORS), labels, kwargs)
    legend_outside(ax, "Reporting verb")
    name = axis_name(data, by)
    label_axes(
        ax,
        f"How each {name.lower()} reports what people say"
        + shown_note(shown, len(shares), "groups"),
        "Share of reporting verbs (own voice)",
        name,
    )
    return ax
