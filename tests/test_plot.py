import functools

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
    order = RATES.sort_values("rate", ascending=False)  # row 0, at the top: the highest
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
    order = RATES.sort_values("rate", ascending=False)
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


def test_without_ax_a_new_figure_sized_for_the_data():
    _fig, ax = plt.subplots()
    own = plot.rates(RATES)
    assert own is not ax
    assert own.figure.get_figheight() >= 3


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


# --- charts that scale, with hostile names ---------------------------------------------------

N = 87
HOSTILE = ["$\\foo$", "<img src=x onerror=alert(1)>", "a|b", "*x*", "`code`", "\x1b[31mred", "_hid"]


def names(n=N):
    return [HOSTILE[i] if i < len(HOSTILE) else f"Outlet number {i:03d}" for i in range(n)]


def many_rates(n=N):
    rng = np.random.default_rng(1)
    rate = rng.uniform(0, 40, n)
    table = pd.DataFrame(
        {
            "group": names(n),
            "n_docs": 9,
            "n_words": 4000,
            "rate": rate,
            "ci_low": rate - 2,
            "ci_high": rate + 2,
        }
    )
    table.attrs.update(metric="loaded_per_1k", by="lean", ci=0.95)
    return table


def many_scored(n=N):
    rows = []
    for i, name in enumerate(names(n)):
        for month in (1, 2):
            rows.append(
                {
                    "outlet": name,
                    "story": f"story {i % 30:02d}",
                    "date": pd.Timestamp(2024, month, 10),
                    "n_words": 200 + i,
                    "loaded": float(i % 7),
                    "rate_label": float(i % 5),
                    "rate_hedge": float(i % 3),
                }
            )
    data = pd.DataFrame(rows)
    data["loaded_per_1k"] = data["loaded"] * 1000 / data["n_words"]
    return data


def text_boxes(fig, texts):
    fig.canvas.draw()  # raises if a label started mathtext on "$\foo$"
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in texts if t.get_text() and t.get_visible()]


def assert_no_overlap(fig, texts):
    boxes = text_boxes(fig, texts)
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)


def assert_legend_outside(ax):
    legend = ax.get_legend()
    assert legend is not None
    ax.figure.canvas.draw()
    assert legend.get_window_extent().x0 >= ax.get_window_extent().x1


@functools.cache
def row_charts():
    """The five row charts, each on 87 groups (or 30 stories), data built once."""
    scored = many_scored()
    shares = pd.DataFrame(
        {
            "group": [g for g in names() for _ in (0, 1)],
            "referent": "kyiv",
            "variant": ["Kyiv", "Kiev"] * N,
            "perspective": ["ukrainian", "russian"] * N,
            "count": [i % 4 + 1 for i in range(2 * N)],
        }
    )
    verbs = pd.DataFrame(
        {
            "group": [g for g in names() for _ in GRADE_COLORS],
            "grade": list(GRADE_COLORS) * N,
            "count": [i % 5 + 1 for i in range(3 * N)],
        }
    )
    per_story = biaskit.compare_paired(scored, details=True)
    return {
        "rates": lambda **kw: plot.rates(many_rates(), **kw),
        "categories": lambda **kw: plot.categories(scored, **kw),
        "naming": lambda **kw: plot.naming(shares, **kw),
        "attribution": lambda **kw: plot.attribution(verbs, **kw),
        "paired": lambda **kw: plot.paired(per_story, **kw),
    }


@pytest.mark.parametrize("chart", ["rates", "categories", "naming", "attribution", "paired"])
def test_row_charts_grow_with_the_rows_and_labels_never_overlap(chart):
    draw = row_charts()[chart]
    ax = draw()
    rows = yticklabels(ax)
    assert len(rows) == (30 if chart == "paired" else N)  # every row on a figure of its own
    assert ax.figure.get_figheight() > 0.25 * len(rows)
    assert_no_overlap(ax.figure, ax.get_yticklabels())
    assert "top" not in ax.get_title()


@pytest.mark.parametrize("chart", ["rates", "categories", "naming", "attribution", "paired"])
def test_row_charts_on_a_small_axes_show_the_top_rows_and_say_so(chart):
    _fig, given = plt.subplots(figsize=(8, 4))
    ax = row_charts()[chart](ax=given)
    assert ax is given
    shown = len(yticklabels(ax))
    total = 30 if chart == "paired" else N
    assert 1 <= shown < total
    assert f"top {shown} of {total}" in ax.get_title()
    assert_no_overlap(ax.figure, ax.get_yticklabels())


def test_rates_top_and_axis_name_from_by():
    ax = plot.rates(many_rates(), top=5)
    assert len(yticklabels(ax)) == 5
    assert "top 5 of 87" in ax.get_title()
    assert ax.get_ylabel() == "Lean"
    assert "by lean" in ax.get_title()
    assert (
        plot.attribution(
            pd.DataFrame({"group": ["A"], "grade": ["loaded"], "count": [1]}), by="outlet_type"
        ).get_ylabel()
        == "Outlet type"
    )


def test_hostile_names_are_drawn_literally():
    ax = plot.rates(many_rates(len(HOSTILE)))
    boxes = text_boxes(ax.figure, ax.get_yticklabels())  # drawing "$\foo$" did not fail
    assert len(boxes) == len(HOSTILE)
    labels = yticklabels(ax)
    assert "\\$\\foo\\$" in labels  # matplotlib shows \$ as $, never as mathtext
    assert "\\x1b[31mred" in labels  # the escape character is shown, not sent
    legend_ax = plot.timeline(many_scored(len(HOSTILE)))
    legend_names = [t.get_text() for t in legend_ax.get_legend().get_texts()]
    assert " _hid" in legend_names  # a leading "_" would have hidden it from the legend
    assert len(legend_names) == len(HOSTILE)


@pytest.mark.parametrize("n_series", [3, 20])
def test_up_to_twenty_series_get_distinct_colours(n_series):
    ax = plot.timeline(many_scored(n_series))
    colours = [to_hex(line.get_color()) for line in ax.lines]
    assert len(colours) == n_series
    assert len(set(colours)) == n_series
    assert_legend_outside(ax)


def test_beyond_twenty_series_the_rest_is_other():
    ax = plot.timeline(many_scored())
    labels = [line.get_label() for line in ax.lines]
    assert len(labels) == 20
    assert labels[-1] == f"other ({N - 19} groups)"
    colours = [to_hex(line.get_color()) for line in ax.lines]
    assert len(set(colours)) == 20
    terms = pd.DataFrame(
        {"term": [f"t{i}" for i in range(N)], "group": names(), "count": 5, "z": np.arange(N)}
    )
    ax = plot.terms(terms)
    assert len(ax.collections) == 20
    assert len({to_hex(c.get_facecolor()[0]) for c in ax.collections}) == 20
    assert_legend_outside(ax)


def test_term_labels_never_overlap():
    crowded = pd.DataFrame(
        {
            "term": [f"word{i}" for i in range(12)],
            "group": "X",
            "count": [1.0, 1000.0] + [10.0] * 10,  # ten dots on one spot
            "z": [0.0, 10.0] + [5.0] * 10,
        }
    )
    ax = plot.terms(crowded, top_labels=12)
    assert 0 < len(ax.texts) < 12
    assert f"{12 - len(ax.texts)} of 12 labels left out" in ax.get_title()
    assert_no_overlap(ax.figure, ax.texts)


@pytest.mark.parametrize(
    "draw",
    [
        lambda: plot.rates(RATES.iloc[:0]),
        lambda: plot.categories(score_table().iloc[:0]),
        lambda: plot.naming(NAMING.iloc[:0]),
        lambda: plot.attribution(pd.DataFrame(columns=["group", "grade", "count"])),
        lambda: plot.paired(pd.DataFrame(columns=["group", "reference", "pair", "diff"])),
        lambda: plot.timeline(many_scored().iloc[:0]),
        lambda: plot.terms(pd.DataFrame(columns=["term", "group", "count", "z"])),
        lambda: plot.sentiment_scatter(pd.DataFrame(columns=["polarity", "loaded"])),
        lambda: plot.evaluation_chart(pd.DataFrame(columns=["method", "roc_auc"])),
    ],
)
def test_empty_tables_raise_instead_of_drawing_nothing(draw):
    with pytest.raises(ValueError, match="no rows to plot"):
        draw()


def test_undated_corpus_has_no_timeline():
    undated = many_scored(3).assign(date=pd.NaT)
    with pytest.raises(ValueError, match="no document has a date"):
        plot.timeline(undated)
    with pytest.raises(ValueError, match="numbers, not dates"):
        plot.timeline(many_scored(3).assign(date=0))


def test_rates_with_too_few_documents_come_last_without_interval():
    table = many_rates(4)
    table["enough"] = [True, False, True, True]
    table.loc[1, ["ci_low", "ci_high"]] = np.nan
    table.loc[1, "rate"] = 99.0  # highest, but not ranked
    table.loc[1, "n_docs"] = 2
    ax = plot.rates(table)
    assert yticklabels(ax)[-1] == plot.layout.mpl_text(table.loc[1, "group"])
    (container,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    segments = container.lines[2][0].get_segments()
    assert np.isnan(segments[-1]).all() and not np.isnan(segments[0]).any()
    notes = [t.get_text() for t in ax.texts]
    assert notes == ["n=2, too few documents for an interval"]
    ax.figure.canvas.draw()


def test_rcparams_untouched():
    before = dict(plt.rcParams)
    for draw in row_charts().values():
        draw()
    plot.timeline(many_scored())
    assert dict(plt.rcParams) == before


# --- both measures: loaded words and stance ----------------------------------------------------


@functools.cache
def example_scored():
    return biaskit.score_corpus(biaskit.load_example_corpus())


def test_measures_side_by_side_with_plain_axis_titles():
    ax = plot.measures(example_scored(), n_boot=200)
    loaded, stance = ax.figure.axes
    assert loaded is ax
    assert loaded.get_xlabel() == "Loaded words per 1,000 words"
    assert stance.get_xlabel() == "Hedges and distancing per 1,000 words"
    assert loaded.get_title().startswith("Loaded words and stance by outlet")
    outlets = set(example_scored().docs["outlet"])
    assert set(yticklabels(loaded)) == outlets
    # one dot per outlet in each panel, at the pooled rate of its own measure
    (dots,) = [c for c in loaded.containers if isinstance(c, ErrorbarContainer)]
    (sdots,) = [c for c in stance.containers if isinstance(c, ErrorbarContainer)]
    assert len(dots.lines[0].get_xdata()) == len(sdots.lines[0].get_xdata()) == len(outlets)
    table = biaskit.compare(example_scored(), metric="stance_per_1k", n_boot=200)
    first = yticklabels(loaded)[0]
    want = table.set_index("group").loc[first, "rate"]
    assert sdots.lines[0].get_xdata()[0] == pytest.approx(want)
    texts = [loaded.title, loaded.xaxis.label, stance.xaxis.label, loaded.yaxis.label,
             *loaded.get_yticklabels(), *loaded.get_xticklabels(), *stance.get_xticklabels()]
    assert_no_overlap(ax.figure, texts)


def test_measures_on_one_axes_name_both_in_the_legend():
    fig, ax = plt.subplots(figsize=(9, 5))
    out = plot.measures(example_scored(), ax=ax, n_boot=200)
    assert out is ax and ax.get_xlabel() == "Per 1,000 words (own voice)"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Loaded words per 1,000 words", "Hedges and distancing per 1,000 words"]
    assert_legend_outside(ax)
    assert_no_overlap(fig, [*ax.get_yticklabels(), ax.xaxis.label, ax.title])


def test_measures_needs_both_rate_columns():
    docs = example_scored().docs.drop(columns="stance_per_1k")
    with pytest.raises(KeyError, match="stance_per_1k"):
        plot.measures(docs)


def test_rates_of_stance_have_a_plain_axis_title():
    table = biaskit.compare(example_scored(), metric="stance_per_1k", n_boot=200)
    ax = plot.rates(table)
    assert ax.get_xlabel() == "Hedges and distancing per 1,000 words (own voice)"
