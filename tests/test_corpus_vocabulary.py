"""The teaching corpus is not a word list: no outlet repeats a loaded term in most of its
articles, the left/right pair is caught alike, and invented quotes are marked
(``corpus/README.md``, "How this corpus was written, and why it is not a word list")."""

import pandas as pd
import pytest

import biaskit

#: The largest share of an outlet's articles that may hold any one own-voice loaded term.
MAX_SHARE = 0.6
LEFT = "The Commons Dispatch"
RIGHT = "Liberty Beacon"


@pytest.fixture(scope="module")
def own_loaded(scored_corpus):
    """Own-voice, counted matches that weigh something, names apart."""
    m = scored_corpus.matches
    return m[(m["category"] != "naming") & (m["weight"] > 0) & (m["voice"] == "own") & m["counted"]]


def term_shares(own_loaded, corpus):
    """Per outlet and term: the share of the outlet's articles holding the term."""
    n_articles = corpus.groupby("outlet")["id"].nunique()
    held = own_loaded.groupby(["outlet", "term"])["id"].nunique().reset_index(name="articles")
    held["share"] = held["articles"] / held["outlet"].map(n_articles)
    return held


@pytest.mark.parametrize("outlet", sorted(biaskit.load_example_corpus()["outlet"].unique()))
def test_no_loaded_term_in_most_of_an_outlets_articles(own_loaded, corpus, outlet):
    shares = term_shares(own_loaded, corpus)
    over = shares[(shares["outlet"] == outlet) & (shares["share"] > MAX_SHARE)]
    assert over.empty, over.to_dict("records")


@pytest.mark.parametrize("outlet", sorted(biaskit.load_example_corpus()["outlet"].unique()))
def test_no_hedge_is_a_tic(scored_corpus, corpus, outlet):
    """Hedges count for stance, weightless careful sourcing too ("it is unclear")."""
    m = scored_corpus.matches
    hedges = m[(m["category"] == "hedge") & (m["voice"] == "own")]
    shares = term_shares(hedges, corpus)
    over = shares[(shares["outlet"] == outlet) & (shares["share"] > MAX_SHARE)]
    assert over.empty, over.to_dict("records")


def test_term_shares_count_articles_not_matches():
    """The measure above counts an article once, however often it repeats a term."""
    toy = pd.DataFrame(
        {"outlet": ["A", "A", "A", "B"], "term": ["x", "x", "y", "x"], "id": ["1", "1", "2", "3"]}
    )
    docs = pd.DataFrame({"outlet": ["A", "A", "B"], "id": ["1", "2", "3"]})
    shares = term_shares(toy, docs).set_index(["outlet", "term"])["share"]
    assert shares[("A", "x")] == 0.5 and shares[("A", "y")] == 0.5 and shares[("B", "x")] == 1


def test_left_right_pair_leans_and_stories(corpus):
    pair = corpus[corpus["outlet"].isin([LEFT, RIGHT])]
    assert set(pair.groupby("outlet")["lean"].first().items()) == {(LEFT, "left"), (RIGHT, "right")}
    assert set(pair["story"]) == {"transit-strike", "climate-protest"}
    assert pair.groupby("story")["outlet"].nunique().eq(2).all()


def test_left_right_pair_each_article_has_own_voice_loaded_terms(own_loaded, corpus):
    pair_ids = corpus.loc[corpus["outlet"].isin([LEFT, RIGHT]), "id"]
    per_article = own_loaded.groupby("id")["term"].nunique()
    counts = per_article.reindex(pair_ids, fill_value=0)
    assert (counts >= 3).all(), counts.to_dict()


def test_lexicon_catches_both_sides_alike(own_loaded):
    """Each side's loaded vocabulary is caught, in labels and loaded words, at similar rates."""
    left = own_loaded[own_loaded["outlet"] == LEFT]
    right = own_loaded[own_loaded["outlet"] == RIGHT]
    for side in (left, right):
        assert {"label", "loaded"} <= set(side["category"])
    # the pair's terms are their own: the sides share no loaded term
    assert not set(left["term"]) & set(right["term"])
    n_left, n_right = left["term"].nunique(), right["term"].nunique()
    assert min(n_left, n_right) / max(n_left, n_right) >= 0.6, (n_left, n_right)


def test_left_right_pair_rates_are_comparable(scored_corpus):
    docs = scored_corpus.docs
    rates = (
        docs.assign(w=docs["loaded_per_1k"] * docs["n_words"])
        .groupby("outlet")[["w", "n_words"]]
        .sum()
    )
    rate = rates["w"] / rates["n_words"]
    assert rate[LEFT] > 0 and rate[RIGHT] > 0
    assert min(rate[LEFT], rate[RIGHT]) / max(rate[LEFT], rate[RIGHT]) >= 0.5


def test_invented_quotes_name_people_in_the_article(corpus):
    assert "invented_quotes" in corpus.columns
    marked = corpus[corpus["invented_quotes"].notna() & (corpus["invented_quotes"] != "")]
    assert len(marked) > 0
    for _, row in marked.iterrows():
        names = [n.strip() for n in str(row["invented_quotes"]).split(",")]
        assert all(names), row["id"]
        for name in names:
            assert name in row["text"], (row["id"], name)
