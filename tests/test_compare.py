import importlib
import math
import warnings
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import biaskit
from biaskit.text import count_words

# the module (biaskit.compare, the attribute, is the re-exported function)
C = importlib.import_module("biaskit.compare")
T = importlib.import_module("biaskit.terms")
F = importlib.import_module("biaskit.framing")
A = importlib.import_module("biaskit.actors")
S = importlib.import_module("biaskit.stats")

TOY_LEXICON = """
entries:
- {term: dictator, category: label, weight: 1.5, neutral: [leader], note: A label.}
- {term: self-proclaimed, category: label, weight: 1.5, neutral: ["(omit)"], note: A label.}
- {term: regime, category: label, weight: 1.0, neutral: [government], note: A label.}
- {term: invaders, category: loaded, weight: 1.0, neutral: [troops], note: Loaded.}
- {term: said, forms: [says], category: attribution, grade: neutral, weight: 0, note: Plain.}
- {term: claimed, category: attribution, grade: distancing, weight: 0.5, note: Distancing.}
- {term: boasted, category: attribution, grade: loaded, weight: 1.0, note: Loaded verb.}
- term: Kyiv
  category: naming
  referent: kyiv
  perspective: ukrainian
  weight: 0
  note: Standard name.
- term: Kiev
  category: naming
  referent: kyiv
  perspective: russian
  weight: 0.5
  note: Old transliteration.
"""

DOCS = [
    # outlet, story, date, text
    ("A", "s1", "2024-01-05", "The dictator boasted about Kiev. The regime claimed victory."),
    ("A", "s2", "2024-01-20", "The invaders left Kyiv, the dictator said. Kiev was calm."),
    ("A", "s3", "2024-02-03", "Officials said the regime was quiet in Kiev today."),
    ("B", "s1", "2024-01-06", "The president said the talks in Kyiv went on for hours."),
    ("B", "s2", "2024-01-21", "Troops left Kyiv, officials said on Monday morning."),
    ("B", "s3", "2024-02-04", "The government claimed the vote was fair, said Kiev."),
    ("C", "s1", "2024-01-07", "The invaders and the regime claimed Kyiv would fall."),
    ("C", "s2", "2024-01-22", 'He said: "The dictator will fall, believe me, very soon."'),
]


@pytest.fixture(scope="module")
def toy_lex(tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("lex")) / "toy.yaml"
    path.write_text(TOY_LEXICON, encoding="utf-8")
    return biaskit.load_lexicon(path, mode="replace")


@pytest.fixture(scope="module")
def docs():
    df = pd.DataFrame(DOCS, columns=["outlet", "story", "date", "text"])
    df["date"] = pd.to_datetime(df["date"])
    df["lean"] = df["outlet"].map({"A": "left", "B": "centre", "C": "right"})
    return df


@pytest.fixture(scope="module")
def scored(docs, toy_lex):
    return biaskit.score_frame(docs, lexicon=toy_lex, sentiment=False)


def frame(rows, columns=("outlet", "story", "loaded", "n_words")):
    """A hand-built score table: loaded weight and words per document."""
    df = pd.DataFrame(rows, columns=list(columns))
    df["loaded_per_1k"] = df["loaded"] * 1000 / df["n_words"]
    return df


def quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return func(*args, **kwargs)


# --- compare -------------------------------------------------------------------------------


def test_pooled_rate_is_total_weight_over_total_words(scored):
    out = quiet(C.compare, scored, n_boot=50).set_index("group")
    for outlet, sub in scored.groupby("outlet"):
        expected = sub["loaded"].sum() / sub["n_words"].sum() * 1000
        assert out.loc[outlet, "rate"] == pytest.approx(expected)
        assert out.loc[outlet, "n_docs"] == len(sub)
        assert out.loc[outlet, "n_words"] == sub["n_words"].sum()


def test_category_rate_pooled_from_the_matches(docs, scored, toy_lex):
    out = quiet(C.compare, scored, metric="rate_label", n_boot=50).set_index("group")
    for outlet, sub in docs.groupby("outlet"):
        scores = [biaskit.score(t, toy_lex) for t in sub["text"]]
        weight = sum(s.weights["label"] for s in scores)
        words = sum(s.n_words for s in scores)
        assert out.loc[outlet, "rate"] == pytest.approx(weight / words * 1000)


def test_other_metrics_are_means_over_documents(scored):
    out = quiet(C.compare, scored, metric="quoted_share", n_boot=50).set_index("group")
    expected = scored.groupby("outlet")["quoted_share"].mean()
    for outlet, value in expected.items():
        assert out.loc[outlet, "rate"] == pytest.approx(value)


def test_sorted_by_rate_and_columns(scored):
    out = C.compare(scored, n_boot=50, min_docs=2)
    assert list(out.columns) == [
        "group", "n_docs", "n_clusters", "n_words", "rate", "ci_low", "ci_high", "enough",
    ]  # fmt: skip
    assert list(out["rate"]) == sorted(out["rate"], reverse=True)
    assert out["enough"].all()
    assert list(out["n_clusters"]) == list(out["n_docs"])  # no cluster: one per document


def test_by_any_column(scored):
    out = quiet(C.compare, scored, by="lean", n_boot=50)
    assert set(out["group"]) == {"left", "centre", "right"}


def test_attrs_describe_the_table(scored):
    out = C.compare(scored, n_boot=50, min_docs=2, level=0.9, seed=4)
    assert out.attrs["metric"] == "loaded_per_1k" and out.attrs["by"] == "outlet"
    assert out.attrs["level"] == 0.9 and out.attrs["ci"] == 0.9  # "ci": for older readers
    assert (out.attrs["cluster"], out.attrs["min_docs"], out.attrs["n_boot"]) == (None, 2, 50)
    assert "bootstrap over documents" in out.attrs["method"]


def test_small_groups_get_no_interval_and_no_rank():
    rows = [("Big", f"s{i}", 1.0, 100) for i in range(5)]  # rate 10
    rows += [("Alone", "s0", 9.0, 100)]  # rate 90 from one document
    rows += [("Few", f"s{i}", 5.0, 100) for i in range(3)]  # rate 50 from three
    rows += [("Low", f"s{i}", float(i % 2), 200) for i in range(6)]  # rate 2.5
    with pytest.warns(UserWarning, match="too few documents") as record:
        out = C.compare(frame(rows), n_boot=100)
    assert "'Alone' (1)" in str(record[0].message) and "'Few' (3)" in str(record[0].message)
    assert list(out["group"]) == ["Big", "Low", "Alone", "Few"]  # ranked, then by name
    assert list(out["enough"]) == [True, True, False, False]
    assert out.loc[2:, ["ci_low", "ci_high"]].isna().all().all()
    assert out.loc[2, "rate"] == pytest.approx(90.0)  # the rate is still reported
    # one document never gives an interval, whatever min_docs says
    with pytest.warns(UserWarning, match="'Alone' \\(1\\)"):
        one = C.compare(frame(rows[5:6] + rows[:2]), n_boot=50, min_docs=2)
    assert one.set_index("group").loc["Alone", ["ci_low", "ci_high"]].isna().all()
    with pytest.raises(ValueError, match="min_docs must be a whole number of at least 2"):
        C.compare(frame(rows), min_docs=1)


def test_no_warning_with_enough_documents():
    df = frame([("A", f"s{i}", 1.0, 100) for i in range(5)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        C.compare(df, n_boot=20)


def test_missing_column_is_named(scored):
    with pytest.raises(KeyError, match="no column 'party'"):
        C.compare(scored, by="party")
    with pytest.raises(KeyError, match="no column 'rate_nonsense'"):
        C.compare(scored, metric="rate_nonsense")
    with pytest.raises(KeyError, match="no column 'owner'"):
        C.compare(scored, by="lean", cluster="owner")


def test_bootstrap_is_seeded(scored):
    a = C.compare(scored, n_boot=300, seed=1, min_docs=2)
    b = C.compare(scored, n_boot=300, seed=1, min_docs=2)
    c = C.compare(scored, n_boot=300, seed=2, min_docs=2)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a[["ci_low", "ci_high"]], c[["ci_low", "ci_high"]])


TEN_DOCS = [
    ("A", "s1", 3.0, 120),
    ("A", "s2", 0.0, 80),
    ("A", "s3", 5.0, 200),
    ("A", "s4", 1.0, 150),
    ("A", "s5", 2.0, 90),
    ("B", "s1", 1.0, 300),
    ("B", "s2", 4.0, 110),
    ("B", "s3", 0.0, 60),
    ("B", "s4", 2.0, 100),
    ("B", "s5", 6.0, 250),
]


def hand_bootstrap(name, sub, seed, n_boot):
    """The documented draw: the group's stream, one (n_boot, n) index matrix."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(name.encode())]))
    w, n = sub["loaded"].to_numpy(), sub["n_words"].to_numpy()
    idx = rng.integers(0, len(sub), size=(n_boot, len(sub)))
    return w[idx].sum(axis=1) / n[idx].sum(axis=1) * 1000


def test_bootstrap_matches_an_independent_computation():
    df = frame(TEN_DOCS)
    out = C.compare(df, n_boot=500, seed=7, level=0.9).set_index("group")
    for g, sub in df.groupby("outlet"):
        lo, hi = np.percentile(hand_bootstrap(g, sub, 7, 500), [5, 95])
        assert out.loc[g, "ci_low"] == pytest.approx(lo)
        assert out.loc[g, "ci_high"] == pytest.approx(hi)
        assert lo <= out.loc[g, "rate"] <= hi


def test_dropping_a_group_leaves_the_others_unchanged():
    df = frame(TEN_DOCS + [("C", f"s{i}", 4.0 + i, 100) for i in range(6)])
    every = C.compare(df, n_boot=300).set_index("group")
    fewer = C.compare(df[df["outlet"] != "B"], n_boot=300).set_index("group")
    pd.testing.assert_frame_equal(fewer, every.loc[fewer.index])
    pairs = C.compare_pairs(df, n_boot=300).set_index(["group_a", "group_b"])
    pairs_fewer = C.compare_pairs(df[df["outlet"] != "B"], n_boot=300)
    row = pairs_fewer.set_index(["group_a", "group_b"]).iloc[0]
    assert row[["ci_low", "ci_high", "p_value"]].tolist() == (
        pairs.loc[row.name, ["ci_low", "ci_high", "p_value"]].tolist()
    )


def test_constant_rate_gives_zero_width_interval():
    df = frame([("A", f"s{i}", 2.0 * (i + 1), 100 * (i + 1)) for i in range(6)])
    row = C.compare(df, n_boot=200).iloc[0]
    assert row["rate"] == pytest.approx(20.0)
    assert row["ci_low"] == pytest.approx(20.0)
    assert row["ci_high"] == pytest.approx(20.0)


def test_bad_level_is_an_error(scored):
    with pytest.raises(ValueError, match="compare: level must be between 0 and 1, got 95"):
        C.compare(scored, level=95)


def test_ci_is_a_deprecated_name_for_level():
    df = frame(TEN_DOCS)
    with pytest.warns(FutureWarning, match="ci= is deprecated"):
        old = C.compare(df, ci=0.8, n_boot=100)
    pd.testing.assert_frame_equal(old, C.compare(df, level=0.8, n_boot=100))
    with pytest.warns(FutureWarning), pytest.raises(ValueError, match="not both"):
        C.compare(df, ci=0.8, level=0.9)


# --- clustered by outlet -------------------------------------------------------------------


def lean_frame():
    """Two leans of three outlets each; outlets differ a lot, documents within them little."""
    rows, lean = [], {}
    levels = {"L1": 2.0, "L2": 9.0, "L3": 5.0, "R1": 3.0, "R2": 12.0, "R3": 7.0}
    for outlet, level in levels.items():
        lean[outlet] = "left" if outlet.startswith("L") else "right"
        for i in range(8):
            rows.append((outlet, f"s{i}", level + 0.2 * (i % 3), 1000))
    df = frame(rows)
    df["lean"] = df["outlet"].map(lean)
    return df


def test_clustered_interval_counts_outlets_and_is_wider():
    df = lean_frame()
    plain = C.compare(df, by="lean", n_boot=1000).set_index("group")
    clustered = C.compare(df, by="lean", cluster="outlet", n_boot=1000).set_index("group")
    pd.testing.assert_series_equal(plain["rate"], clustered["rate"])
    assert list(clustered.loc[["left", "right"], "n_clusters"]) == [3, 3]
    assert list(clustered.loc[["left", "right"], "n_docs"]) == [24, 24]
    width = clustered["ci_high"] - clustered["ci_low"]
    assert (width > 2 * (plain["ci_high"] - plain["ci_low"])).all()
    assert "two-stage bootstrap (outlet values resampled" in clustered.attrs["method"]
    assert clustered.attrs["cluster"] == "outlet"


def test_clustered_interval_is_the_two_stage_draw():
    df = lean_frame()
    out = C.compare(df, by="lean", cluster="outlet", n_boot=300, seed=5).set_index("group")
    for lean, sub in df.groupby("lean"):
        rng = S.group_rng(5, lean)
        boot = S.cluster_bootstrap_ratio(
            sub["loaded"].to_numpy(), sub["n_words"].to_numpy() / 1000, sub["outlet"],
            n_boot=300, rng=rng,
        )  # fmt: skip
        assert out.loc[lean, "ci_low"] == pytest.approx(np.percentile(boot, 2.5))
        assert out.loc[lean, "ci_high"] == pytest.approx(np.percentile(boot, 97.5))


def test_one_outlet_is_not_enough_to_cluster():
    df = lean_frame()
    df.loc[df["outlet"] == "L1", "lean"] = "centre"
    with pytest.warns(UserWarning, match="fewer than 2 values of 'outlet'"):
        out = C.compare(df, by="lean", cluster="outlet", n_boot=100).set_index("group")
    assert not out.loc["centre", "enough"] and out.loc["centre", "n_clusters"] == 1
    assert math.isnan(out.loc["centre", "ci_low"])
    with pytest.raises(ValueError, match="cluster must be a column above 'outlet'"):
        C.compare(df, by="outlet", cluster="outlet")
    df.loc[0, "outlet"] = None
    with pytest.raises(ValueError, match="1 documents have no value in the cluster column"):
        C.compare(df, by="lean", cluster="outlet")


# --- compare_pairs -------------------------------------------------------------------------


def test_pairs_of_constant_groups_by_hand():
    rows = [("Hi", f"s{i}", 3.0, 100) for i in range(5)]  # 30 per 1,000 words
    rows += [("Mid", f"s{i}", 2.0, 100) for i in range(5)]  # 20
    rows += [("Lo", f"s{i}", 0.5, 100) for i in range(5)]  # 5
    rows += [("Tiny", "s0", 9.0, 100)]  # not enough data: in no pair
    out = quiet(C.compare_pairs, frame(rows), n_boot=999)
    assert list(out.columns) == [
        "group_a", "group_b", "n_docs_a", "n_docs_b", "rate_a", "rate_b", "diff",
        "ci_low", "ci_high", "p_value", "p_adjusted",
    ]  # fmt: skip
    assert list(zip(out["group_a"], out["group_b"], strict=True)) == [
        ("Hi", "Mid"), ("Hi", "Lo"), ("Mid", "Lo"),
    ]  # fmt: skip
    assert out["diff"].tolist() == pytest.approx([10.0, 25.0, 15.0])
    assert out["ci_low"].tolist() == pytest.approx([10.0, 25.0, 15.0])
    assert out["ci_high"].tolist() == pytest.approx([10.0, 25.0, 15.0])
    assert out["p_value"].tolist() == pytest.approx([2 / 1000] * 3)  # the smallest possible
    assert out["p_adjusted"].tolist() == pytest.approx([6 / 1000] * 3)  # Holm: x3, x2, x1


def test_pairs_interval_and_p_from_the_group_bootstraps():
    df = frame(TEN_DOCS)
    out = C.compare_pairs(df, n_boot=400, seed=3, level=0.9, adjust="bh")
    boots = {g: hand_bootstrap(g, sub, 3, 400) for g, sub in df.groupby("outlet")}
    row = out.iloc[0]
    diffs = boots[row["group_a"]] - boots[row["group_b"]]
    assert row["diff"] > 0
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(np.percentile(diffs, [5, 95])))
    tail = min((diffs <= 0).sum(), (diffs >= 0).sum())
    assert row["p_value"] == pytest.approx(min(1, 2 * (tail + 1) / 401))
    assert row["p_adjusted"] == row["p_value"]  # one pair: nothing to adjust
    assert out.attrs["adjust"] == "bh"
    with pytest.raises(ValueError, match="adjust must be 'holm' or 'bh'"):
        C.compare_pairs(df, adjust="none")


def test_pairs_clustered_by_outlet_are_wider():
    df = lean_frame()
    plain = C.compare_pairs(df, by="lean", n_boot=500).iloc[0]
    clustered = C.compare_pairs(df, by="lean", cluster="outlet", n_boot=500).iloc[0]
    assert clustered["diff"] == pytest.approx(plain["diff"])
    assert clustered["ci_high"] - clustered["ci_low"] > 2 * (plain["ci_high"] - plain["ci_low"])
    assert clustered["p_value"] > plain["p_value"]


# --- timeline_rates ------------------------------------------------------------------------


def test_timeline_rates_pool_each_month(scored):
    out = C.timeline_rates(scored, min_docs=2, n_boot=100)
    assert list(out.columns) == [
        "period", "group", "n_docs", "n_clusters", "n_words", "rate", "ci_low", "ci_high",
        "enough",
    ]  # fmt: skip
    assert out["period"].astype(str).tolist() == ["2024-01", "2024-02"]
    assert set(out["group"]) == {"(all)"}
    jan = scored[scored["date"] < "2024-02-01"]
    assert out.loc[0, "n_docs"] == len(jan) == 6
    assert out.loc[0, "rate"] == pytest.approx(jan["loaded"].sum() / jan["n_words"].sum() * 1000)
    by_outlet = C.timeline_rates(scored, by="outlet", min_docs=2, n_boot=100)
    assert by_outlet[["group", "n_docs"]].values.tolist() == [
        ["A", 2], ["A", 1], ["B", 2], ["B", 1], ["C", 2],
    ]  # fmt: skip
    assert by_outlet["enough"].tolist() == [True, False, True, False, True]


def test_timeline_needs_dates(scored):
    undated = scored.assign(date=pd.NaT)
    with pytest.raises(ValueError, match="column 'date' has no dates"):
        C.timeline_rates(undated)
    with pytest.raises(ValueError, match="no dates"):
        C.timeline_rates(scored.assign(date="soon"))
    partly = scored.assign(date=scored["date"].where(scored["outlet"] != "C"))
    with pytest.warns(UserWarning, match="2 of 8 documents have no date"):
        out = C.timeline_rates(partly, min_docs=2, n_boot=50)
    assert out["n_docs"].sum() == 6


# --- compare_paired ------------------------------------------------------------------------


def paired_frame(diffs, base=10.0):
    """Group A is ``base + diff`` per 1,000 words on each story, group R is ``base``."""
    rows = []
    for i, d in enumerate(diffs):
        rows.append(("R", f"s{i:02d}", base, 1000))
        rows.append(("A", f"s{i:02d}", base + d, 1000))
    return frame(rows)


def test_exact_p_value_tiny_example():
    assert C.sign_flip_p([1, 1, 1]) == pytest.approx(2 / 8)
    out = C.compare_paired(paired_frame([1, 1, 1]), reference="R")
    row = out.iloc[0]
    assert (row["group"], row["reference"], row["n_pairs"]) == ("A", "R", 3)
    assert row["mean_diff"] == pytest.approx(1.0)
    assert row["p_value"] == pytest.approx(2 / 8)


def test_one_story_gives_no_interval_and_no_p_value():
    row = C.compare_paired(paired_frame([8.7]), reference="R").iloc[0]
    assert row["n_pairs"] == 1 and row["mean_diff"] == pytest.approx(8.7)
    assert math.isnan(row["ci_low"]) and math.isnan(row["ci_high"])
    assert math.isnan(row["p_value"])


def test_paired_interval_is_the_group_stream():
    diffs = [1.0, 3.0, -0.5, 2.0, 4.0]
    out = C.compare_paired(paired_frame(diffs), reference="R", n_boot=300, seed=2, level=0.8)
    rng = np.random.default_rng(np.random.SeedSequence([2, zlib.crc32(b"A")]))
    boot = np.asarray(diffs)[rng.integers(0, 5, size=(300, 5))].mean(axis=1)
    row = out.iloc[0]
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(np.percentile(boot, [10, 90])))
    assert out.attrs["level"] == 0.8
    with pytest.warns(FutureWarning, match="compare_paired: ci= is deprecated"):
        old = C.compare_paired(paired_frame(diffs), reference="R", n_boot=300, seed=2, ci=0.8)
    pd.testing.assert_frame_equal(old, out)


def test_consistent_difference_is_significant():
    diffs = [5 + 0.1 * i for i in range(10)]
    row = C.compare_paired(paired_frame(diffs), reference="R").iloc[0]
    assert row["p_value"] == pytest.approx(2 / 1024)
    assert row["ci_low"] <= row["mean_diff"] <= row["ci_high"]
    assert row["ci_low"] > 0


def test_no_difference_is_not_significant():
    assert C.sign_flip_p([1, -1, 2, -2, 3, -3, 0.5, -0.5]) == pytest.approx(1.0)
    noise = np.random.default_rng(123).normal(0, 1, size=12)
    row = C.compare_paired(paired_frame(noise), reference="R").iloc[0]
    assert row["p_value"] > 0.2


def test_random_flips_beyond_sixteen_pairs():
    diffs = np.linspace(1, 2, 20)
    p1 = C.compare_paired(paired_frame(diffs), reference="R", n_perm=999, seed=3)
    p2 = C.compare_paired(paired_frame(diffs), reference="R", n_perm=999, seed=3)
    assert p1["p_value"].iloc[0] == p2["p_value"].iloc[0]
    assert p1["p_value"].iloc[0] == pytest.approx(1 / 1000)  # only the observed signs


def test_reference_none_pools_all_other_groups(scored):
    details = C.compare_paired(scored, details=True)
    assert list(details.columns) == ["group", "reference", "pair", "rate", "reference_rate", "diff"]
    row = details[(details["group"] == "A") & (details["pair"] == "s1")].iloc[0]
    others = scored[(scored["outlet"] != "A") & (scored["story"] == "s1")]
    mine = scored[(scored["outlet"] == "A") & (scored["story"] == "s1")]
    assert row["reference_rate"] == pytest.approx(
        others["loaded"].sum() / others["n_words"].sum() * 1000
    )
    assert row["rate"] == pytest.approx(mine["loaded"].sum() / mine["n_words"].sum() * 1000)
    assert row["diff"] == pytest.approx(row["rate"] - row["reference_rate"])


def test_named_reference_uses_only_shared_stories(scored):
    details = C.compare_paired(scored, reference="C", details=True)
    assert set(details["group"]) == {"A", "B"}
    assert set(details["pair"]) == {"s1", "s2"}  # C covers only s1 and s2
    summary = C.compare_paired(scored, reference="C")
    assert set(summary["n_pairs"]) == {2}
    with pytest.raises(ValueError, match="'Nobody'"):
        C.compare_paired(scored, reference="Nobody")


def test_private_num_den_alias_until_plot_switches():
    assert C._num_den is S.numerator_denominator


# --- distinctive terms -----------------------------------------------------------------------


def fightin_words_z(yi, yj, ni, nj, a_w, a0):
    """The Monroe et al. (2008) z-score, written out with plain math."""
    delta = math.log((yi + a_w) / (ni + a0 - yi - a_w)) - math.log(
        (yj + a_w) / (nj + a0 - yj - a_w)
    )
    return delta, delta / math.sqrt(1 / (yi + a_w) + 1 / (yj + a_w))


def test_log_odds_against_hand_computation():
    corpus = pd.DataFrame(
        {
            "outlet": ["X", "X", "Y", "Y"],
            "text": ["war war peace", "war talks", "peace peace talks", "talks"],
        }
    )
    # X: war 3, peace 1, talks 1 (n=5); Y: peace 2, talks 2 (n=4); background 3/3/3 of 9.
    out = T.distinctive_terms(
        corpus, group=("X", "Y"), stopwords=(), prior_scale=10, min_count=1, top=10
    )
    got = out.set_index(["group", "term"])
    a = 10 * 3 / 9
    for term, yx, yy in [("war", 3, 0), ("peace", 1, 2), ("talks", 1, 2)]:
        delta, z = fightin_words_z(yx, yy, 5, 4, a, 10)
        if yx:
            assert got.loc[("X", term), "z"] == pytest.approx(z)
            assert got.loc[("X", term), "log_odds"] == pytest.approx(delta)
            assert got.loc[("X", term), "count"] == yx
        _, z_y = fightin_words_z(yy, yx, 4, 5, a, 10)
        if yy:
            assert got.loc[("Y", term), "z"] == pytest.approx(z_y)
    # each group against the rest is the same contrast when there are two groups
    rest = T.distinctive_terms(corpus, stopwords=(), prior_scale=10, min_count=1)
    pd.testing.assert_frame_equal(rest, out)


def test_terms_sorted_and_cut_per_group(scored):
    out = T.distinctive_terms(scored, top=3, min_count=1)
    assert list(out.columns) == ["term", "group", "count", "log_odds", "z"]
    for _, sub in out.groupby("group"):
        assert len(sub) <= 3
        assert list(sub["z"]) == sorted(sub["z"], reverse=True)
    one = T.distinctive_terms(scored, group="A", min_count=1)
    assert set(one["group"]) == {"A"}


def test_scare_quotes_hyphens_and_stop_words():
    corpus = pd.DataFrame(
        {
            "outlet": ["X", "X", "Y"],
            "text": [
                "The self-proclaimed leader praised the so-called “peace talks” again.",
                "The self-proclaimed leader hosted “peace talks” in the capital.",
                "The president met the delegation in the capital.",
            ],
        }
    )
    out = T.distinctive_terms(corpus, group="X", min_count=2, top=50)
    assert "self-proclaimed" in set(out["term"])
    assert "“peace talks”" in set(out["term"])
    assert "the" not in set(out["term"])
    kept = T.distinctive_terms(corpus, group="X", min_count=2, top=50, stopwords=())
    assert "the" in set(kept["term"])
    assert {"the", "of", "and", "to", "in"} <= T.STOPWORDS


def test_unknown_group_is_an_error(scored):
    with pytest.raises(ValueError, match="'Z'"):
        T.distinctive_terms(scored, group="Z")


# --- naming and attribution ------------------------------------------------------------------


def test_naming_shares_sum_to_one(scored, toy_lex):
    out = F.naming_shares(scored, lexicon=toy_lex)
    assert list(out.columns) == ["group", "referent", "variant", "perspective", "count", "share"]
    sums = out.groupby(["group", "referent"])["share"].sum()
    assert np.allclose(sums, 1.0)
    a = out[out["group"] == "A"].set_index("variant")
    assert a.loc["Kiev", "count"] == 3 and a.loc["Kyiv", "count"] == 1
    assert a.loc["Kiev", "share"] == pytest.approx(3 / 4)
    assert a.loc["Kiev", "perspective"] == "russian"
    c = out[out["group"] == "C"].set_index("variant")
    assert c.loc["Kiev", "count"] == 0  # zero-filled


def test_naming_own_voice_unless_quoted_included(toy_lex):
    df = pd.DataFrame(
        {"outlet": ["A"], "text": ['Kyiv was calm. He said: "Kiev will fall soon, mark my words."']}
    )
    s = biaskit.score_frame(df, lexicon=toy_lex, sentiment=False)
    own = F.naming_shares(s, lexicon=toy_lex).set_index("variant")
    assert own.loc["Kyiv", "count"] == 1
    assert "Kiev" not in own.index
    every = F.naming_shares(s, lexicon=toy_lex, include_quoted=True).set_index("variant")
    assert every.loc["Kiev", "count"] == 1


def test_naming_shares_per_period(scored, toy_lex):
    out = F.naming_shares(scored, freq="M", lexicon=toy_lex)
    assert "period" in out.columns
    assert set(out["period"].astype(str)) == {"2024-01", "2024-02"}
    sums = out.groupby(["group", "period", "referent"])["share"].sum()
    assert np.allclose(sums, 1.0)


def test_naming_accepts_match_frame_output(docs, scored, toy_lex):
    matches = biaskit.match_frame(docs, lexicon=toy_lex)
    from_docs = F.naming_shares(scored, lexicon=toy_lex)
    pd.testing.assert_frame_equal(F.naming_shares(matches), from_docs)


def test_attribution_grades_zero_filled(scored, toy_lex):
    out = F.attribution_profile(scored, lexicon=toy_lex)
    assert list(out.columns) == ["group", "grade", "count", "share"]
    for _, sub in out.groupby("group"):
        assert list(sub["grade"]) == ["neutral", "distancing", "loaded"]
        assert sub["share"].sum() == pytest.approx(1.0)
    b = out[out["group"] == "B"].set_index("grade")
    assert b.loc["loaded", "count"] == 0
    assert b.loc["distancing", "count"] == 1
    assert b.loc["neutral", "count"] == 3


def test_attribution_by_speaker(toy_lex):
    df = pd.DataFrame({"outlet": ["A"], "text": ["Putin boasted about the talks. It was claimed."]})
    s = biaskit.score_frame(df, lexicon=toy_lex, sentiment=False)
    out = F.attribution_profile(s, speaker=True, lexicon=toy_lex)
    assert list(out.columns) == ["group", "speaker", "grade", "count", "share"]
    putin = out[out["speaker"] == "Putin"].set_index("grade")
    assert putin.loc["loaded", "count"] == 1
    assert putin.loc["neutral", "count"] == 0
    assert set(out["speaker"]) <= {"Putin", "It", "(unknown)"}


# --- actor labels ----------------------------------------------------------------------------


def test_actor_labels_descriptors(toy_lex):
    corpus = pd.DataFrame(
        {
            "outlet": ["A", "B", "B"],
            "text": [
                "Kremlin dictator Vladimir Putin spoke with the self-proclaimed president "
                "Alexander Lukashenko.",
                "Russian President Vladimir Putin met Lukashenka on Monday.",
                "Zelensky spoke with Putin. Lukashenko said little.",
            ],
        }
    )
    out = A.actor_labels(corpus, lexicon=toy_lex)
    assert list(out.columns) == ["group", "actor", "descriptor", "count", "loaded_terms"]
    got = {(r.group, r.actor, r.descriptor): r for r in out.itertuples()}
    assert ("A", "Putin", "kremlin dictator") in got
    assert got[("A", "Putin", "kremlin dictator")].loaded_terms == "dictator"
    assert ("A", "Lukashenka", "self-proclaimed president") in got
    assert ("B", "Putin", "russian president") in got
    assert got[("B", "Putin", "(none)")].count == 1  # "with Putin"
    assert got[("B", "Lukashenka", "(none)")].count == 2  # Lukashenka and Lukashenko
    assert "Lukashenko" not in set(out["actor"])


def test_actor_table_as_dict_or_frame(toy_lex):
    corpus = pd.DataFrame({"outlet": ["A"], "text": ["Union chair Mira Haldane said no."]})
    as_dict = A.actor_labels(corpus, {"Haldane": ["Mira Haldane"]}, lexicon=toy_lex)
    table = pd.DataFrame({"actor": ["Haldane"], "alias": ["Mira Haldane"]})
    as_frame = A.actor_labels(corpus, table, lexicon=toy_lex)
    pd.testing.assert_frame_equal(as_dict, as_frame)
    assert as_dict["descriptor"].tolist() == ["union chair"]


def test_descriptor_rules():
    text = "President of Belarus Alexander Lukashenko met the defiant Putin"
    assert A.descriptor(text, text.index("Alexander"), labels=()) == "President of Belarus"
    assert A.descriptor(text, text.index("Putin"), labels=()) == "defiant"
    text = "US President Joe Biden blasted Putin"
    assert A.descriptor(text, text.index("Putin"), labels=()) == ""


# --- scare quotes ---------------------------------------------------------------------------


def test_scare_quotes_counts_and_pooled_rate(toy_lex):
    df = pd.DataFrame(
        {
            "outlet": ["A", "A", "B"],
            "text": [
                "The “referendum” was held. The “referendum” ended early.",
                "The “peace plan” collapsed on Monday.",
                "The referendum was held on Sunday.",
            ],
        }
    )
    s = biaskit.score_frame(df, lexicon=toy_lex, sentiment=False)
    out = quiet(F.scare_quotes, s).set_index("group")
    words_a = sum(count_words(t) for t in df["text"][:2])
    assert out.loc["A", "n_scare_quotes"] == 3
    assert out.loc["A", "n_words"] == words_a
    assert out.loc["A", "rate_per_1k"] == pytest.approx(3 / words_a * 1000)
    assert out.loc["A", "terms"] == "“referendum”; “peace plan”"
    assert out.loc["B", "n_scare_quotes"] == 0
    assert list(out.index) == ["A", "B"]


# --- every function takes score_frame output ------------------------------------------------


@pytest.mark.parametrize(
    "func",
    [
        lambda s, lex: C.compare(s, n_boot=20),
        lambda s, lex: C.compare_paired(s, n_boot=20),
        lambda s, lex: T.distinctive_terms(s, min_count=1),
        lambda s, lex: F.naming_shares(s, lexicon=lex),
        lambda s, lex: F.attribution_profile(s, lexicon=lex),
        lambda s, lex: A.actor_labels(s, lexicon=lex),
        lambda s, lex: F.scare_quotes(s),
    ],
)
def test_functions_take_score_frame_output(func, scored, toy_lex):
    out = quiet(func, scored, toy_lex)
    assert isinstance(out, pd.DataFrame)
    assert "group" in out.columns


# --- the shipped corpus ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    corpus = biaskit.load_corpus("corpus")
    return biaskit.score_frame(corpus, sentiment=False)


def test_shipped_labels_highest_in_the_exile_outlet(shipped):
    out = C.compare(shipped, metric="rate_label", n_boot=200)
    assert out["group"].iloc[0] == "Free Belarus Herald"


def test_shipped_wire_service_least_loaded(shipped):
    out = C.compare(shipped, metric="loaded_per_1k", n_boot=200)
    assert out["group"].iloc[-1] == "Meridian Wire"


def test_shipped_state_agency_says_kiev(shipped):
    out = F.naming_shares(shipped)
    kiev = out[(out["referent"] == "kyiv") & (out["variant"] == "Kiev")]
    assert kiev.set_index("group")["share"].idxmax() == "Union State News Agency"
