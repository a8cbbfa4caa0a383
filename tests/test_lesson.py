"""biaskit.lesson: the helpers the notebooks call, and the escaping of outside text in them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import biaskit
from biaskit import escape, lesson

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
HOSTILE = "<img src=x onerror=alert(1)> $\\foo$ | *x* `y` \x1b[31m"


def test_article_names_the_choices(corpus):
    row = lesson.article(corpus, "peace-talks", "Meridian Wire")
    assert row["id"] == "peace-talks--meridian-wire"
    with pytest.raises(ValueError, match="stories are"):
        lesson.article(corpus, "no-such-story", "Meridian Wire")
    with pytest.raises(ValueError, match="outlets covering it"):
        lesson.article(corpus, "peace-talks", "No Such Outlet")


def test_show_article_heads_with_outlet_and_title(corpus):
    html = str(lesson.show_article(corpus, "peace-talks", "Free Belarus Herald"))
    row = lesson.article(corpus, "peace-talks", "Free Belarus Herald")
    assert "Free Belarus Herald" in html
    assert "peacemaker" in html and "biaskit-highlight" in html
    assert row["title"].split()[0] in html


def test_rewrite_side_by_side_marks_changes(corpus):
    s = biaskit.score(lesson.article(corpus, "peace-talks", "Free Belarus Herald")["text"])
    html = str(lesson.rewrite_side_by_side(s))
    assert html.count('class="bk-column"') == 2
    assert 'class="bk-rewritten"' in html
    assert "scored again" in html


def test_sentiment_vs_lexicon_sees_the_euphemism():
    table = lesson.sentiment_vs_lexicon(
        ["Russia began a special military operation.", "The invaders shelled the city."]
    )
    assert list(table["TextBlob reads it as"]) != ["negative", "negative"]
    assert "special military operation" in table["loaded expressions found"].iloc[0]
    assert "invaders" in table["loaded expressions found"].iloc[1]


def test_explorer_shows_a_static_first_view(corpus):
    pytest.importorskip("ipywidgets")
    explorer = lesson.article_explorer(
        corpus, story="peace-talks", outlet_a="Meridian Wire", outlet_b="Free Belarus Herald"
    )
    bundle = explorer._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    assert "Meridian Wire" in bundle["text/html"] and "Free Belarus Herald" in bundle["text/html"]
    labels = [w.description for w in explorer.widget.kwargs_widgets]
    assert labels == ["Story", "Outlet A", "Outlet B"]


def test_designed_contrasts_hold(scored_corpus):
    table = lesson.designed_contrasts(scored_corpus)
    assert list(table["contrast"]) == [1, 2, 3, 4, 5, 6]
    assert table["holds"].all(), table[~table["holds"]].to_dict("records")


def test_describe_rates_reads_the_intervals(scored):
    text = lesson.describe_rates(biaskit.compare(scored, n_boot=200))
    assert "Free Belarus Herald" in text and "interval" in text
    assert str(text) in text._repr_markdown_()
    assert escape.NO_MATH_CLASS in text._repr_markdown_()
    assert "n = 9 articles" in text and "bootstrap" in text


def test_replicate_and_same_results(scored):
    small = scored.head(3)
    big = lesson.replicate(small, 2)
    assert len(big) == 6 and big["id"].is_unique
    again = big.copy()
    check = lesson.same_results(big, again)
    assert check["identical"].all()
    again.loc[0, "loaded"] = again.loc[0, "loaded"] + 1
    check = lesson.same_results(big, again).set_index("column")
    assert not check.loc["loaded", "identical"]
    assert check.loc["loaded", "largest difference"] == pytest.approx(1)


def test_naming_summary_puts_contested_names_first(scored_corpus):
    summary = lesson.naming_summary(biaskit.naming_shares(scored_corpus))
    assert summary["main variants"].iloc[0] >= 2
    assert summary["main variants"].is_monotonic_decreasing
    assert lesson.pick_referent(biaskit.naming_shares(scored_corpus), "kyiv") == "kyiv"


def test_terms_table_has_one_column_per_group(corpus, scored_corpus):
    table = lesson.terms_table(biaskit.distinctive_terms(scored_corpus, top=3), n=3)
    assert table.shape == (3, corpus["outlet"].nunique())
    assert isinstance(table, pd.DataFrame)


def test_evaluation_chart_draws_the_auc_interval():
    import matplotlib.pyplot as plt
    from matplotlib.container import BarContainer

    from biaskit.evaluate import load_sample

    def auc_bars(ax):
        return next(
            c
            for c in ax.containers
            if isinstance(c, BarContainer) and c.get_label() == "ROC-AUC (sentences)"
        )

    report = biaskit.evaluate(load_sample(), n_boot=200)
    bars = auc_bars(lesson.evaluation_chart(report.summary, ax=plt.subplots()[1]))
    assert bars.errorbar is not None
    segments = bars.errorbar.lines[2][0].get_segments()
    assert [seg[0][0] for seg in segments] == pytest.approx(list(report.summary["roc_auc_low"]))
    assert [seg[1][0] for seg in segments] == pytest.approx(list(report.summary["roc_auc_high"]))
    without = report.summary.drop(columns=["roc_auc_low", "roc_auc_high"])
    assert auc_bars(lesson.evaluation_chart(without, ax=plt.subplots()[1])).errorbar is None
    plt.close("all")


# --- narration with too few documents, NaN intervals and hostile names -----------------------


def rates_table(enough=None):
    table = pd.DataFrame(
        {
            "group": ["Herald", HOSTILE, "Wire", "Tiny"],
            "n_docs": [9, 9, 9, 2],
            "n_words": [4000, 3500, 3400, 300],
            "rate": [40.0, 30.0, 2.0, 99.0],
            "ci_low": [35.0, 25.0, 0.5, np.nan],
            "ci_high": [45.0, 34.0, 3.0, np.nan],
        }
    )
    if enough is not None:
        table["enough"] = enough
    table.attrs.update(metric="loaded_per_1k", by="outlet", ci=0.95)
    return table


def rendered(md):
    """The Markdown as nbconvert's HTML export renders it."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(md._repr_markdown_())


@pytest.mark.parametrize("enough", [None, [True, True, True, False]])
def test_describe_rates_never_ranks_groups_without_an_interval(enough):
    text = lesson.describe_rates(rates_table(enough))
    assert "**Tiny**: 99.0, n = 2 articles: too few documents" in text
    assert "Tiny (2)" in text
    ranking = text[text.index("Among the groups") :]
    assert "Tiny" not in ranking.split("Too few")[0]
    assert "**Herald** has the highest" in ranking
    apart = next(line for line in text.splitlines() if line.startswith("- clearly apart"))
    assert "Herald and" in apart  # 35-45 and 25-36 do not overlap
    assert "Wire" in apart


def test_describe_rates_overlapping_intervals_are_not_apart():
    table = rates_table().iloc[:3].copy()
    table.loc[1, "ci_high"] = 38.0  # overlaps Herald's 35-45
    table.loc[2, "ci_high"] = 26.0  # overlaps 25-38
    text = lesson.describe_rates(table)
    assert "clearly apart" not in text
    assert "too close to rank" in text


def test_describe_rates_with_n_clusters():
    table = rates_table().assign(n_clusters=[3, 3, 3, 1])
    text = lesson.describe_rates(table)
    assert "n = 9 articles in 3 clusters" in text


def test_narration_escapes_hostile_names():
    text = lesson.describe_rates(rates_table())
    assert "<img" not in text
    assert "\x1b" not in text and "\\x1b" in text  # the escape character is shown, not sent
    html = rendered(text)
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<em>" not in html and "<code>" not in html  # *x* and `y` stay literal
    assert "$\\foo$" in html  # the dollar signs come back as text...
    assert escape.NO_MATH_CLASS in html  # ...inside an element MathJax skips


def test_describe_paired_with_too_few_stories():
    table = pd.DataFrame(
        {
            "group": ["Herald", HOSTILE, "Wire"],
            "reference": ["(all others)", "(all others)", "Herald"],
            "n_pairs": [6, 6, 1],
            "mean_diff": [5.0, 0.5, -3.0],
            "ci_low": [2.0, -1.0, np.nan],
            "ci_high": [8.0, 2.0, np.nan],
            "p_value": [0.03, 0.6, np.nan],
        }
    )
    table.attrs.update(metric="loaded_per_1k", by="outlet", pair="story")
    text = lesson.describe_paired(table)
    lines = text.splitlines()
    assert "**Herald** is more loaded than the other outlets" in text
    assert "over 6 stories" in text and "p = 0.030" in text
    assert "not clearly different from the other outlets" in text
    wire = next(line for line in lines if "Wire" in line)
    assert "1 story: too few stories for an interval, so no verdict" in wire
    assert "less loaded" not in wire
    assert "<img" not in rendered(text)
    assert "bootstrap" in text and "sign-flip" in text


def test_describe_paired_says_when_nothing_can_be_paired():
    docs = pd.DataFrame({"outlet": ["A", "B"], "story": [None, ""], "n_words": [100, 100],
                         "loaded_per_1k": [10.0, 20.0],
                         "loaded": [1.0, 2.0]})
    with pytest.warns(UserWarning, match="2 of 2 documents have no 'story'"):
        table = biaskit.compare_paired(docs)
    assert table.empty
    text = lesson.describe_paired(table)
    assert "No story is covered by more than one outlet" in text and "story_column" in text


def test_describe_paired_reads_compare_paired(scored):
    text = lesson.describe_paired(biaskit.compare_paired(scored, n_boot=200, n_perm=200))
    assert text.count("\n- **") == scored["outlet"].nunique()


# --- tables for teachers --------------------------------------------------------------------


def test_tables_have_plain_names_and_full_cells():
    long_note = "word " * 60 + "<script>alert(1)</script> $\\foo$"
    data = pd.DataFrame({"loaded_per_1k": [1.25], "offsets": ["3-9"], "why": [long_note]})
    shown = lesson.table(data, digits=1)
    assert list(shown.columns) == ["Loaded words per 1,000", "Where (characters)", "Why it counts"]
    with pd.option_context("display.max_colwidth", 50):
        html = shown._repr_html_()
    assert "word " * 60 in html  # not cut short with "..."
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert escape.NO_MATH_CLASS in html
    assert isinstance(shown.head(1), lesson.Table)


def test_explain_in_plain_words():
    s = biaskit.score("The invaders shelled the city.")
    table = lesson.explain(s)
    assert "Where (characters)" in table.columns and "Why it counts" in table.columns
    assert "Loaded word" in set(table["Kind"]) or "Label (name-calling)" in set(table["Kind"])


def test_helper_tables_show_sentences_in_full():
    sentence = "The invaders shelled the city. " * 10
    table = lesson.sentiment_vs_lexicon([sentence])
    with pd.option_context("display.max_colwidth", 40):
        assert sentence.strip() in table._repr_html_()


# --- HTML views ------------------------------------------------------------------------------


def test_side_by_side_escapes_titles():
    html = str(lesson.side_by_side("<b>a</b>", "<b>b</b>", titles=(HOSTILE, "*ok*")))
    assert "<img" not in html and "&lt;img" in html
    assert "<b>a</b>" in html  # the columns are HTML already
    assert escape.NO_MATH_CLASS in html


def test_show_article_escapes_outlet_and_title():
    corpus = pd.DataFrame(
        {
            "story": ["s"],
            "outlet": [HOSTILE],
            "title": ["<script>x</script>"],
            "date": [pd.NaT],
            "text": ["The invaders shelled the city for $5."],
        }
    )
    html = str(lesson.show_article(corpus, "s", HOSTILE))
    assert "<img" not in html and "<script>" not in html
    assert "&lt;script&gt;" in html
    assert html.startswith(f'<div class="{escape.NO_MATH_CLASS}">')


def test_describe_rates_says_when_a_group_is_mostly_quotation():
    quoting = "“The dictator lied about the whole war and the vote,” the senator said."
    own = "The dictator spoke to the press on Monday about the vote in the city."
    df = pd.DataFrame({"outlet": ["Q"] * 3 + ["O"] * 3, "text": [quoting] * 3 + [own] * 3})
    table = biaskit.compare(biaskit.score_corpus(df), n_boot=50, min_docs=2)
    text = lesson.describe_rates(table)
    q_line = next(line for line in text.splitlines() if line.startswith("- **Q**"))
    o_line = next(line for line in text.splitlines() if line.startswith("- **O**"))
    assert "mostly quotation" in q_line and "inside direct quotes" in q_line
    assert "quotation" not in o_line
