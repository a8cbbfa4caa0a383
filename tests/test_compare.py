import importlib
import math
import warnings
import zlib

import numpy as np
import pandas as pd
import pytest

import biaskit

# the module (biaskit.compare, the attribute, is the re-exported function)
C = importlib.import_module("biaskit.compare")
T = importlib.import_module("biaskit.terms")
F = importlib.import_module("biaskit.framing")
A = importlib.import_module("biaskit.actors")
S = importlib.import_module("biaskit.stats")

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
        "quoted_share",
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


# --- the shipped corpus ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return biaskit.score_corpus(biaskit.load_example_corpus())


def test_shipped_labels_highest_in_the_exile_outlet(shipped):
    out = C.compare(shipped, metric="rate_label", n_boot=200)
    assert out["group"].iloc[0] == "Free Belarus Herald"


def test_shipped_careful_outlets_least_loaded(shipped):
    """The wire and the public broadcaster write plainly: least loaded. (Their hedges are
    stance, not loaded language, so the broadcaster's care no longer counts against it.)"""
    out = C.compare(shipped, metric="loaded_per_1k", n_boot=200, min_docs=2)
    assert set(out["group"].iloc[-2:]) == {"Meridian Wire", "Northern Public Broadcasting"}
    stance = C.compare(shipped, metric="stance_per_1k", n_boot=200).set_index("group")
    assert stance.loc["Northern Public Broadcasting", "rate"] > stance.loc["Meridian Wire", "rate"]


def test_shipped_state_agency_says_kiev(shipped):
    out = F.naming_shares(shipped)
    kiev = out[(out["referent"] == "kyiv") & (out["variant"] == "Kiev")]
    assert kiev.set_index("group")["share"].idxmax() == "Union State News Agency"


def test_bad_metric_and_list_groups_are_clear_errors(scored):
    with pytest.raises(ValueError, match="not a numeric column"):
        C.compare(scored, metric="text")
    listed = scored.assign(tags=[["a", "b"]] * len(scored))
    with pytest.raises(TypeError, match="lists or mappings"):
        C.compare(listed, by="tags")


def test_quoted_share_beside_the_rate():
    """An outlet that is mostly quotation shows a high quoted share; the share is pooled."""
    quoting = "“The dictator lied about the whole war and the vote,” the senator said."
    own = "The dictator spoke to the press on Monday about the vote in the city."
    df = pd.DataFrame({"outlet": ["Q", "Q", "Q", "O", "O", "O"], "text": [quoting] * 3 + [own] * 3})
    scored = biaskit.score_corpus(df)
    out = C.compare(scored, n_boot=50, min_docs=2).set_index("group")
    assert out.loc["Q", "quoted_share"] > 0.6
    assert out.loc["O", "quoted_share"] == 0
    docs = scored.docs[scored.docs["outlet"] == "Q"]
    expected = (docs["quoted_share"] * docs["n_words"]).sum() / docs["n_words"].sum()
    assert out.loc["Q", "quoted_share"] == pytest.approx(expected)


def test_quoted_share_is_nan_without_the_column(scored):
    out = C.compare(scored.drop(columns=["quoted_share"]), n_boot=20, min_docs=2)
    assert out["quoted_share"].isna().all()


def test_compare_paired_names_documents_without_a_story():
    frame = paired_frame([2.0, 4.0])
    extra = frame.iloc[:2].copy()
    extra["story"] = [None, "  "]
    with pytest.warns(UserWarning, match="2 of 6 documents have no 'story'"):
        out = C.compare_paired(pd.concat([frame, extra], ignore_index=True), reference="R",
                               details=True)
    assert sorted(out["pair"]) == sorted(frame["story"].unique()[:2])  # no "" or NaN story
