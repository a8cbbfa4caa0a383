import importlib
import math
import warnings
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
    out = quiet(C.compare, scored, n_boot=50)
    assert list(out.columns) == ["group", "n_docs", "n_words", "rate", "ci_low", "ci_high"]
    assert list(out["rate"]) == sorted(out["rate"], reverse=True)


def test_by_any_column(scored):
    out = quiet(C.compare, scored, by="lean", n_boot=50)
    assert set(out["group"]) == {"left", "centre", "right"}


def test_warns_about_small_groups(scored):
    with pytest.warns(UserWarning, match="too few documents") as record:
        C.compare(scored, n_boot=20)
    assert "'C'" in str(record[0].message)


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


def test_bootstrap_is_seeded(scored):
    a = quiet(C.compare, scored, n_boot=300, seed=1)
    b = quiet(C.compare, scored, n_boot=300, seed=1)
    c = quiet(C.compare, scored, n_boot=300, seed=2)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a[["ci_low", "ci_high"]], c[["ci_low", "ci_high"]])


def test_bootstrap_matches_an_independent_computation():
    df = frame(
        [
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
    )
    out = C.compare(df, n_boot=500, seed=7, ci=0.9).set_index("group")
    rng = np.random.default_rng(7)
    for g in ["A", "B"]:  # documented draw order: groups sorted, one index matrix each
        sub = df[df["outlet"] == g]
        w, n = sub["loaded"].to_numpy(), sub["n_words"].to_numpy()
        idx = rng.integers(0, len(sub), size=(500, len(sub)))
        boot = w[idx].sum(axis=1) / n[idx].sum(axis=1) * 1000
        lo, hi = np.percentile(boot, [5, 95])
        assert out.loc[g, "ci_low"] == pytest.approx(lo)
        assert out.loc[g, "ci_high"] == pytest.approx(hi)
        assert lo <= out.loc[g, "rate"] <= hi


def test_constant_rate_gives_zero_width_interval():
    df = frame([("A", f"s{i}", 2.0 * (i + 1), 100 * (i + 1)) for i in range(6)])
    row = C.compare(df, n_boot=200).iloc[0]
    assert row["rate"] == pytest.approx(20.0)
    assert row["ci_low"] == pytest.approx(20.0)
    assert row["ci_high"] == pytest.approx(20.0)


def test_bad_ci_is_an_error(scored):
    with pytest.raises(ValueError, match="ci"):
        C.compare(scored, ci=95)


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
