"""Framing analyses on a scored corpus: distinctive terms, naming, reporting verbs, actor
labels and scare quotes."""

import importlib
import math
import warnings

import numpy as np
import pandas as pd
import pytest

import biaskit
from biaskit.text import count_words

C = importlib.import_module("biaskit.compare")
T = importlib.import_module("biaskit.terms")
F = importlib.import_module("biaskit.framing")
A = importlib.import_module("biaskit.actors")


@pytest.fixture(scope="module")
def scored(docs, toy_lex):
    return biaskit.score_corpus(docs, lexicon=toy_lex)


def quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return func(*args, **kwargs)


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
    sc = biaskit.score_corpus(corpus)
    out = T.distinctive_terms(
        sc, group=("X", "Y"), stopwords=(), prior_scale=10, min_count=1, top=10
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
    rest = T.distinctive_terms(sc, stopwords=(), prior_scale=10, min_count=1)
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
    sc = biaskit.score_corpus(corpus)
    out = T.distinctive_terms(sc, group="X", min_count=2, top=50)
    assert "self-proclaimed" in set(out["term"])
    assert "“peace talks”" in set(out["term"])
    assert "the" not in set(out["term"])
    kept = T.distinctive_terms(sc, group="X", min_count=2, top=50, stopwords=())
    assert "the" in set(kept["term"])
    assert {"the", "of", "and", "to", "in"} <= T.STOPWORDS


def test_unknown_group_is_an_error(scored):
    with pytest.raises(ValueError, match="'Z'"):
        T.distinctive_terms(scored, group="Z")


# --- naming and attribution ------------------------------------------------------------------


def test_naming_shares_sum_to_one(scored, toy_lex):
    out = F.naming_shares(scored, include_quoted=True)
    assert list(out.columns) == ["group", "referent", "variant", "perspective", "count", "share"]
    sums = out.groupby(["group", "referent"])["share"].sum()
    assert np.allclose(sums, 1.0)
    a = out[out["group"] == "A"].set_index("variant")
    assert a.loc["Kiev", "count"] == 3 and a.loc["Kyiv", "count"] == 1
    assert a.loc["Kiev", "share"] == pytest.approx(3 / 4)
    assert a.loc["Kiev", "perspective"] == "russian"
    c = out[out["group"] == "C"].set_index("variant")
    assert c.loc["Kiev", "count"] == 0  # zero-filled
    # in the outlet's own voice only: "Kyiv, the dictator said" and "Officials said ... Kiev"
    # are reported, so outlet A's own words are "Kiev" twice
    own = F.naming_shares(scored)
    assert own[["group", "variant", "count"]].values.tolist() == [["A", "Kiev", 2]]


def test_naming_own_voice_unless_quoted_included(toy_lex):
    df = pd.DataFrame(
        {"outlet": ["A"], "text": ['Kyiv was calm. He said: "Kiev will fall soon, mark my words."']}
    )
    s = biaskit.score_corpus(df, lexicon=toy_lex)
    own = F.naming_shares(s).set_index("variant")
    assert own.loc["Kyiv", "count"] == 1
    assert "Kiev" not in own.index
    every = F.naming_shares(s, include_quoted=True).set_index("variant")
    assert every.loc["Kiev", "count"] == 1


def test_naming_shares_per_period(scored, toy_lex):
    out = F.naming_shares(scored, freq="M", include_quoted=True)
    assert "period" in out.columns
    assert set(out["period"].astype(str)) == {"2024-01", "2024-02"}
    sums = out.groupby(["group", "period", "referent"])["share"].sum()
    assert np.allclose(sums, 1.0)


def test_naming_accepts_match_frame_output(docs, scored, toy_lex):
    matches = biaskit.match_frame(docs, lexicon=toy_lex)
    from_docs = F.naming_shares(scored)
    pd.testing.assert_frame_equal(F.naming_shares(matches), from_docs)


def test_attribution_grades_zero_filled(scored, toy_lex):
    out = F.attribution_profile(scored)
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
    s = biaskit.score_corpus(df, lexicon=toy_lex)
    out = F.attribution_profile(s, speaker=True)
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
    out = A.actor_labels(biaskit.score_corpus(corpus, lexicon=toy_lex), A.DEFAULT_ACTORS)
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
    sc = biaskit.score_corpus(corpus, lexicon=toy_lex)
    as_dict = A.actor_labels(sc, {"Haldane": ["Mira Haldane"]})
    table = pd.DataFrame({"actor": ["Haldane"], "alias": ["Mira Haldane"]})
    as_frame = A.actor_labels(sc, table)
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
    s = biaskit.score_corpus(df, lexicon=toy_lex)
    out = quiet(F.scare_quotes, s).set_index("group")
    words_a = sum(count_words(t) for t in df["text"][:2])
    assert out.loc["A", "n_scare_quotes"] == 3
    assert out.loc["A", "n_words"] == words_a
    assert out.loc["A", "rate_per_1k"] == pytest.approx(3 / words_a * 1000)
    assert out.loc["A", "terms"] == "“referendum”; “peace plan”"
    assert out.loc["B", "n_scare_quotes"] == 0
    assert list(out.index) == ["A", "B"]


# --- every analysis takes a ScoredCorpus, and nothing else ----------------------------------


@pytest.mark.parametrize(
    "func",
    [
        lambda s: C.compare(s, n_boot=20, min_docs=2),
        lambda s: C.compare_paired(s, n_boot=20),
        lambda s: T.distinctive_terms(s, min_count=1),
        lambda s: F.naming_shares(s),
        lambda s: F.attribution_profile(s),
        lambda s: A.actor_labels(s, A.DEFAULT_ACTORS),
        lambda s: F.scare_quotes(s),
    ],
)
def test_every_analysis_takes_a_scored_corpus(func, scored):
    out = quiet(func, scored)
    assert isinstance(out, pd.DataFrame)
    assert "group" in out.columns


@pytest.mark.parametrize(
    "func",
    [T.distinctive_terms, F.scare_quotes, A.actor_labels, F.naming_shares, F.attribution_profile],
)
def test_analyses_refuse_unscored_documents(func, docs):
    with pytest.raises(TypeError, match="score_corpus"):
        func(docs)


def test_analyses_never_score_again(scored, monkeypatch):
    """Every analysis reads the scored corpus: scoring a text again would fail here."""
    score_module = importlib.import_module("biaskit.score")

    def refuse(*args, **kwargs):
        raise AssertionError("an analysis scored a text again")

    monkeypatch.setattr(score_module.Score, "__init__", refuse)
    T.distinctive_terms(scored, min_count=1)
    F.naming_shares(scored)
    F.attribution_profile(scored, speaker=True)
    F.scare_quotes(scored)
    A.actor_labels(scored, A.DEFAULT_ACTORS)


