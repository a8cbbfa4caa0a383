"""candidate_terms: frequent evaluative words the lexicon misses, with sentences to review."""

import pandas as pd
import pytest

import biaskit
from biaskit.candidates import subjectivity_of


@pytest.fixture(scope="module")
def scored():
    texts = [
        "The careless plan failed on Monday. Officials met in the city.",
        "Officials called the plan careless and left. The dictator spoke.",
        "A careless budget passed. The dictator spoke again in the city.",
        "Officials met in the city on Tuesday. The council voted.",
        "The council voted on the budget. Officials met again.",
        "The council met. Officials voted on the budget in the city.",
    ]
    df = pd.DataFrame(
        {"id": [f"d{i}" for i in range(6)], "outlet": ["A"] * 3 + ["B"] * 3, "text": texts}
    )
    return biaskit.score_corpus(df)


def test_finds_the_uncovered_evaluative_word_with_examples(scored):
    assert subjectivity_of("careless") is not None
    out = biaskit.candidate_terms(scored, min_docs=3, by=None)
    assert list(out.columns) == [
        "term", "count", "n_docs", "subjectivity", "polarity", "top_group", "z", "reason",
        "examples",
    ]  # fmt: skip
    row = out.set_index("term").loc["careless"]
    assert row["n_docs"] == 3 and row["count"] == 3
    assert row["subjectivity"] >= 0.5 and row["reason"] == "subjective"
    assert row["examples"][0] == "d0: The careless plan failed on Monday."
    assert [e.split(":")[0] for e in row["examples"]] == ["d0", "d1", "d2"]


def test_leaves_out_lexicon_forms_stop_words_and_rare_words(scored):
    out = biaskit.candidate_terms(scored, min_docs=2, by=None, min_subjectivity=0.0)
    terms = set(out["term"])
    assert "dictator" not in terms  # the lexicon covers it
    assert "the" not in terms and "on" not in terms  # stop words
    assert "tuesday" not in terms  # one document only
    assert biaskit.candidate_terms(scored, min_docs=4, by=None).empty


def test_words_concentrated_in_a_group_are_candidates_too(scored):
    out = biaskit.candidate_terms(scored, min_docs=3, by="outlet", min_z=0.2,
                                  min_subjectivity=1.1)  # fmt: skip
    row = out.set_index("term").loc["careless"]
    assert row["reason"] == "concentrated" and row["top_group"] == "A" and row["z"] > 0.2


def test_bad_arguments_name_the_field(scored):
    with pytest.raises(KeyError, match="no column 'lean'"):
        biaskit.candidate_terms(scored, by="lean")
    with pytest.raises(ValueError, match="n must be a whole number"):
        biaskit.candidate_terms(scored, n=0)
    with pytest.raises(TypeError, match="score_corpus"):
        biaskit.candidate_terms(pd.DataFrame({"text": ["x"]}))


def test_subjective_words_come_before_words_only_concentrated(scored):
    out = biaskit.candidate_terms(scored, min_docs=3, by="outlet", min_z=0.1)
    reasons = list(out["reason"])
    assert reasons.index("concentrated") > max(
        i for i, r in enumerate(reasons) if r.startswith("subjective")
    )
