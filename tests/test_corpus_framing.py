"""The shipped corpus and the scorer, pinned to each other by the datasheet's designed contrasts."""

import pandas as pd
import pytest

import biaskit

STATE = "Union State News Agency"
OPPOSITION = "Free Belarus Herald"
WIRE = "Meridian Wire"
TABLOID = "The Daily Clarion"


@pytest.fixture(scope="module")
def matches(corpus):
    return biaskit.match_frame(corpus)


def pooled(scored, column):
    weight = scored[column] * scored["n_words"] / 1000
    g = scored.assign(w=weight).groupby("outlet")[["w", "n_words"]].sum()
    return (g["w"] / g["n_words"] * 1000).sort_values(ascending=False)


def test_corpus_shape(corpus):
    assert len(corpus) == 58
    assert corpus["outlet"].nunique() == 8
    per_story = corpus.groupby("story")["outlet"].nunique()
    assert len(per_story) == 9 and set(per_story) == {6, 8}
    # the left/right pair covers the two Arnholm stories; the other six outlets cover all nine
    assert set(per_story[per_story == 8].index) == {"transit-strike", "climate-protest"}
    assert set(corpus["lean"]) == {"state-aligned", "opposition", "independent", "left", "right"}
    words = corpus["text"].map(biaskit.text.count_words)
    assert words.between(250, 700).all(), corpus.loc[~words.between(250, 700), "id"].tolist()
    assert corpus["date"].notna().all()
    assert corpus["id"].is_unique
    assert set(corpus["language"]) == {"en"}


def test_opposition_has_highest_label_rate(scored):
    assert pooled(scored, "rate_label").index[0] == OPPOSITION


def test_careful_outlets_have_lowest_own_voice_loaded_rate(scored):
    assert set(pooled(scored, "loaded_per_1k").index[-2:]) == {WIRE, "Northern Public Broadcasting"}


def test_tabloid_has_highest_intensifier_rate(scored):
    assert pooled(scored, "rate_intensifier").index[0] == TABLOID


def test_opposition_leads_scare_quotes_and_loaded_verbs(scored):
    assert pooled(scored, "rate_scare_quote").index[0] == OPPOSITION
    verbs = scored.groupby("outlet")[["attr_neutral", "attr_distancing", "attr_loaded"]].sum()
    share = verbs["attr_loaded"] / verbs.sum(axis=1)
    assert share.idxmax() == OPPOSITION


def test_special_military_operation_only_in_state_own_voice(matches):
    smo = matches[
        (matches["category"] == "naming") & (matches["term"] == "special military operation")
    ]
    own = smo[smo["voice"] == "own"]
    assert set(own["outlet"]) == {STATE}
    assert len(smo[smo["outlet"] != STATE]) > 0  # others mention it as someone else's words


@pytest.mark.parametrize(
    ("outlet", "uses", "avoids"),
    [
        (STATE, {"Kiev", "Lukashenko"}, {"Kyiv", "Lukashenka"}),
        (OPPOSITION, {"Kyiv", "Lukashenka"}, {"Kiev", "Lukashenko"}),
        (WIRE, {"Kyiv", "Lukashenko"}, {"Kiev", "Lukashenka"}),
    ],
)
def test_naming_choices(matches, outlet, uses, avoids):
    own = matches[
        (matches["outlet"] == outlet)
        & (matches["category"] == "naming")
        & (matches["voice"] == "own")
    ]
    terms = set(own["term"])
    assert uses <= terms
    assert not (avoids & terms)


def test_wire_keeps_loaded_words_in_other_voices(matches):
    """The wire's loaded words are mostly someone else's: quoted or reported."""
    wire = matches[
        (matches["outlet"] == WIRE)
        & (matches["weight"] > 0)
        & (matches["category"].isin(["label", "loaded"]))
    ]
    assert isinstance(wire, pd.DataFrame)
    assert (wire["voice"] != "own").mean() > 0.5
