import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer, ErrorbarContainer

import biaskit
from biaskit import plot
from biaskit.style import CATEGORY_LABELS, GRADE_COLORS

RATES = pd.DataFrame(
    {
        "group": ["Herald", "Clarion", "Wire"],
        "n_docs": [9, 9, 9],
        "n_words": [4000, 3500, 3400],
        "rate": [40.0, 30.0, 2.0],
        "ci_low": [30.0, 25.0, 0.5],
        "ci_high": [50.0, 36.0, 3.0],
    }
)


def yticklabels(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def assert_labelled(ax):
    assert ax.get_title()
    assert ax.get_xlabel()
    assert ax.get_ylabel()


def test_rates_dots_with_intervals():
    _fig, ax = plt.subplots()
    out = plot.rates(RATES, ax=ax)
    assert out is ax
    (container,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    data_line, _caps, (bars,) = container.lines
    order = RATES.sort_values("rate")  # highest at the top = last row
    assert np.allclose(data_line.get_xdata(), order["rate"])
    segments = bars.get_segments()
    assert len(segments) == 3
    assert np.allclose([s[0][0] for s in segments], order["ci_low"])
    assert np.allclose([s[1][0] for s in segments], order["ci_high"])
    assert yticklabels(ax) == list(order["group"])
    assert_labelled(ax)


def test_rates_bars():
    _fig, ax = plt.subplots()
    plot.rates(RATES, kind="bar", ax=ax)
    assert len(ax.patches) == 3
    order = RATES.sort_values("rate")
    assert np.allclose([p.get_width() for p in ax.patches], order["rate"])
    assert any(isinstance(c, BarContainer) for c in ax.containers)
    (errors,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    segments = errors.lines[2][0].get_segments()
    assert np.allclose([s[1][0] for s in segments], order["ci_high"])
    assert yticklabels(ax) == list(order["group"])


def test_rates_without_intervals_and_bad_kind():
    _fig, ax = plt.subplots()
    plot.rates(RATES, ci=None, ax=ax)
    (container,) = ax.containers
    assert not container.has_xerr
    with pytest.raises(ValueError, match="kind"):
        plot.rates(RATES, kind="pie")
    with pytest.raises(KeyError, match="'rate'"):
        plot.rates(RATES.drop(columns="rate"))


def test_falls_back_to_current_axes():
    _fig, ax = plt.subplots()
    assert plot.rates(RATES) is ax


def score_table():
    return pd.DataFrame(
        {
            "outlet": ["A", "A", "B"],
            "n_words": [100, 300, 200],
            "rate_label": [10.0, 0.0, 5.0],
            "rate_hedge": [0.0, 10.0, 0.0],
        }
    )


def test_categories_heatmap_pooled():
    fig, ax = plt.subplots()
    assert plot.categories(score_table(), ax=ax) is ax
    (image,) = ax.images
    values = image.get_array()
    # pooled: A label = 10*100/1000 / 400 * 1000 = 2.5, A hedge = 3 / 400 * 1000 = 7.5
    rows = yticklabels(ax)
    assert set(rows) == {"A", "B"}
    a = rows.index("A")
    assert np.allclose(values[a], [2.5, 7.5])
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        CATEGORY_LABELS["label"],
        CATEGORY_LABELS["hedge"],
    ]
    assert len(ax.texts) == 4
    assert len(fig.axes) == 2  # the colour bar
    assert_labelled(ax)


def test_terms_scatter():
    data = pd.DataFrame(
        {
            "term": ["war", "peace", "regime", "talks"],
            "group": ["X", "X", "Y", "Y"],
            "count": [10, 3, 8, 2],
            "log_odds": [1.0, 0.5, 1.2, 0.1],
            "z": [4.0, 1.0, 3.0, 0.5],
        }
    )
    _fig, ax = plt.subplots()
    assert plot.terms(data, top_labels=2, ax=ax) is ax
    assert len(ax.collections) == 2
    assert sum(len(c.get_offsets()) for c in ax.collections) == 4
    assert sorted(t.get_text() for t in ax.texts) == ["regime", "war"]
    assert ax.get_xscale() == "log"
    assert_labelled(ax)


NAMING = pd.DataFrame(
    {
        "group": ["A", "A", "B", "B", "C", "C"],
        "referent": ["kyiv"] * 6,
        "variant": ["Kyiv", "Kiev"] * 3,
        "perspective": ["ukrainian", "russian"] * 3,
        "count": [3, 1, 0, 5, 2, 0],
        "share": [0.75, 0.25, 0.0, 1.0, 1.0, 0.0],
    }
)


def test_naming_stacked_shares():
    _fig, ax = plt.subplots()
    assert plot.naming(NAMING, ax=ax) is ax
    assert len(ax.patches) == 6
    assert sorted(yticklabels(ax)) == ["A", "B", "C"]
    widths = {}
    for p in ax.patches:
        key = round(p.get_y() + p.get_height() / 2)
        widths[key] = widths.get(key, 0) + p.get_width()
    assert np.allclose(list(widths.values()), 1.0)
    assert_labelled(ax)
    with pytest.raises(ValueError, match="'paris'"):
        plot.naming(NAMING, referent="paris")


def test_attribution_stacked_grades():
    data = pd.DataFrame(
        {
            "group": ["A"] * 3 + ["B"] * 3,
            "grade": ["neutral", "distancing", "loaded"] * 2,
            "count": [8, 1, 1, 5, 0, 0],
            "share": [0.8, 0.1, 0.1, 1.0, 0.0, 0.0],
        }
    )
    _fig, ax = plt.subplots()
    assert plot.attribution(data, ax=ax) is ax
    assert len(ax.patches) == 6
    colors = {to_hex(p.get_facecolor()) for p in ax.patches}
    assert colors == {c.lower() for c in GRADE_COLORS.values()}
    assert yticklabels(ax) == ["A", "B"]  # most loaded first, at the top
    assert_labelled(ax)


def test_paired_dots_and_zero_line():
    data = pd.DataFrame(
        {
            "group": ["A", "A", "B", "B"],
            "reference": ["(all others)"] * 4,
            "pair": ["s1", "s2", "s1", "s2"],
            "rate": [5.0, 6.0, 1.0, 2.0],
            "reference_rate": [3.0, 3.0, 4.0, 4.0],
            "diff": [2.0, 3.0, -3.0, -2.0],
        }
    )
    _fig, ax = plt.subplots()
    assert plot.paired(data, ax=ax) is ax
    assert len(ax.collections) == 2
    assert all(len(c.get_offsets()) == 2 for c in ax.collections)
    assert any(np.allclose(line.get_xdata(), 0) for line in ax.lines)
    assert yticklabels(ax) == ["s1", "s2"]
    assert_labelled(ax)
    with pytest.raises(KeyError, match="details=True"):
        plot.paired(data.drop(columns="diff"))


def test_timeline_pooled_per_month():
    data = pd.DataFrame(
        {
            "outlet": ["A", "A", "A", "B"],
            "date": pd.to_datetime(["2024-01-03", "2024-01-20", "2024-02-01", "2024-01-09"]),
            "n_words": [100, 300, 200, 500],
            "loaded": [1.0, 9.0, 2.0, 1.0],
        }
    )
    data["loaded_per_1k"] = data["loaded"] * 1000 / data["n_words"]
    _fig, ax = plt.subplots()
    assert plot.timeline(data, ax=ax) is ax
    assert len(ax.lines) == 2
    a = next(line for line in ax.lines if line.get_label() == "A")
    assert np.allclose(a.get_ydata(), [10 / 400 * 1000, 2 / 200 * 1000])
    assert_labelled(ax)


def test_charts_from_compare_output():
    import warnings

    scored = pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B"],
            "story": ["s1", "s2", "s1", "s2"],
            "n_words": [100, 200, 100, 200],
            "loaded": [3.0, 2.0, 0.0, 1.0],
        }
    )
    scored["loaded_per_1k"] = scored["loaded"] * 1000 / scored["n_words"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        table = biaskit.compare(scored, n_boot=50)
    _fig, (ax1, ax2) = plt.subplots(1, 2)
    plot.rates(table, ax=ax1)
    assert "per 1,000 words" in ax1.get_xlabel()
    plot.paired(biaskit.compare_paired(scored, details=True), ax=ax2)
    assert len(ax2.collections) == 2
