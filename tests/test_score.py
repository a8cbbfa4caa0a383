import pandas as pd
import pytest

import biaskit
from biaskit.score import SCORE_CATEGORIES
from biaskit.scored import METRIC_COLUMNS


def by_text(s):
    return {m.text: m for m in s.matches}


def test_labels_with_neutral_alternatives():
    s = biaskit.score("Kremlin dictator Vladimir Putin spoke with the self-proclaimed president.")
    found = by_text(s)
    for word in ("dictator", "self-proclaimed"):
        m = found[word]
        assert m.category == "label"
        assert m.neutral
        assert not m.quoted
        assert s.text[m.start : m.end] == word


def test_loaded_noun_with_neutral():
    s = biaskit.score("The invaders managed to occupy part of the region")
    m = by_text(s)["invaders"]
    assert m.category == "loaded"
    assert any(alt in ("Russian forces", "troops") for alt in m.neutral)


def test_scare_quoted_attribution():
    s = biaskit.score("Lukashenko “boasted” that the talk was long")
    cats = {(m.text, m.category) for m in s.matches}
    assert ("“boasted”", "scare_quote") in cats
    verb = next(m for m in s.matches if m.category == "attribution")
    assert verb.text == "boasted"
    assert verb.grade == "loaded"
    assert verb.speaker == "Lukashenko"


def test_quoted_words_do_not_count_in_own_voice():
    s = biaskit.score('He said: "The dictator will fall."')
    m = by_text(s)["dictator"]
    assert m.quoted is True
    assert s.loaded == 0
    assert s.counts["label"] == 0
    with_quotes = biaskit.score('He said: "The dictator will fall."', include_quoted=True)
    assert with_quotes.loaded == m.weight
    assert with_quotes.counts["label"] == 1


def test_naming_variants_share_a_referent():
    s = biaskit.score("Officials in Kyiv said Kiev was the old spelling.")
    kyiv, kiev = by_text(s)["Kyiv"], by_text(s)["Kiev"]
    assert kyiv.category == kiev.category == "naming"
    assert kyiv.referent == kiev.referent
    assert kyiv.perspective != kiev.perspective
    assert kiev.weight > kyiv.weight


def test_special_military_operation_is_one_phrase():
    s = biaskit.score("The special military operation continued, unlike the invasion claims.")
    naming = s.naming
    assert [m.text for m in naming] == ["special military operation", "invasion"]
    assert naming[0].referent == naming[1].referent
    assert naming[0].weight > 0 == naming[1].weight


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The junta met again.", "label"),
        ("It was a brutal assault.", "loaded"),
        ("Atrocities were reported.", "loaded"),
        ("The minister claimed the vote was fair.", "attribution"),
        ("The rebels have reportedly withdrawn.", "hedge"),
        ("It was an unprecedented move.", "intensifier"),
        ("The so-called experts disagreed.", "label"),
    ],
)
def test_each_category(text, category):
    cats = [m.category for m in biaskit.score(text).matches if m.weight > 0]
    assert category in cats


@pytest.mark.parametrize("form", ["boast", "boasts", "boasted", "boasting"])
def test_inflections(form):
    m = next(m for m in biaskit.score(f"They {form} about it.").matches)
    assert m.term == "boasted" or m.term.startswith("boast")
    assert m.grade == "loaded"


def test_attribution_grades():
    s = biaskit.score("She said it. He claimed it. They bragged about it.")
    grades = [m.grade for m in s.attributions]
    assert grades == ["neutral", "distancing", "loaded"]
    assert [m.speaker for m in s.attributions] == ["She", "He", "They"]
    assert s.summary()["attr_neutral"] == 1


def test_whole_words_only():
    s = biaskit.score("The regimental band and the dictatorship-era museum; anti-war rally.")
    texts = [m.text for m in s.matches]
    assert "regime" not in " ".join(texts).split()
    assert all(s.text[m.start : m.end] == m.text for m in s.matches)


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("A new CNN/ORC poll shows a close race.", []),  # a pollster, not the slur
        ("Orcs shelled the city again.", ["Orcs"]),
        ("The trash collection stopped.", []),  # literal waste
        ("The plan is utter rubbish.", ["utter rubbish"]),
        ("He registered as a foreign agent under the law.", []),
        ("Critics branded him a foreign agent.", ["foreign agent"]),
        ("There is a crisis at the border.", ["crisis at the border"]),
        ("The 2008 financial crisis hit banks.", []),
        ("Flynn pleaded guilty to lying to the FBI.", []),
        ("Therein lies the problem.", []),
    ],
)
def test_neutral_senses_are_not_counted(text, counted):
    s = biaskit.score(text)
    assert [m.text for m in s.matches if m.weight > 0 and not m.quoted] == counted


def test_case_insensitive_and_possessive():
    s = biaskit.score("DICTATOR! The Regime's plan.")
    assert {m.text for m in s.matches} >= {"DICTATOR", "Regime"}


def test_rates_and_counts():
    text = "The dictator spoke. " * 10
    s = biaskit.score(text)
    assert s.n_words == 30
    assert s.n_sentences == 10
    w = by_text(s)["dictator"].weight
    assert s.loaded == pytest.approx(10 * w)
    assert s.loaded_per_1k == pytest.approx(10 * w * 1000 / 30)
    assert s.counts["label"] == 10
    assert set(s.counts) == set(SCORE_CATEGORIES)
    assert s.rates["label"] == pytest.approx(s.loaded_per_1k)


def test_empty_and_whitespace():
    for text in ("", "   \n\n  "):
        s = biaskit.score(text)
        assert s.matches == []
        assert s.n_words == 0
        assert s.loaded_per_1k == 0.0
        assert s.summary()["loaded"] == 0


def test_non_text_is_a_clear_error():
    with pytest.raises(TypeError, match="needs text as str"):
        biaskit.score(b"bytes")


def test_one_megabyte():
    para = (
        "The brutal regime claimed victory, reportedly. "
        "Officials in Kyiv walked out of the “peace talks” after an hour.\n\n"
    )
    text = para * (1_000_000 // len(para) + 1)
    s = biaskit.score(text)
    n_paras = text.count("\n\n")
    assert s.counts["label"] == n_paras
    assert s.counts["scare_quote"] == n_paras
    assert all(text[m.start : m.end] == m.text for m in s.matches[-50:])


def test_deterministic():
    with open(__file__, encoding="utf-8") as fh:
        text = fh.read()
    a, b = biaskit.score(text), biaskit.score(text)
    assert a.matches == b.matches
    assert a.summary() == b.summary()


def test_sentiment_is_lazy_and_works_offline():
    s = biaskit.score("A wonderful, happy day. A terrible, awful night.")
    assert "sentiment" not in s.__dict__
    assert -1 <= s.polarity <= 1
    assert 0 <= s.subjectivity <= 1
    assert "sentiment" in s.__dict__
    sent = s.sentence_sentiment
    assert len(sent) == 2
    assert sent.loc[0, "polarity"] > 0 > sent.loc[1, "polarity"]


def test_to_frame_and_explain():
    s = biaskit.score('The dictator “won” the vote, he said: "The regime must go."')
    df = s.to_frame()
    assert list(df.columns)[:5] == ["start", "end", "text", "term", "category"]
    assert len(df) == len(s.matches)
    ex = s.explain()
    assert {"words", "category", "why", "instead", "voice"} <= set(ex.columns)
    assert (ex["weight"] > 0).all()
    assert "quoted" in set(ex["voice"])


def test_neutral_rewrite_uses_only_safe_drop_ins():
    s = biaskit.score("Self-proclaimed president Lukashenko met officials in Kiev. “Peace talks” began.")
    out = s.neutral_rewrite()
    assert out.startswith("President Lukashenko met officials in Kyiv.")
    assert "Peace talks began." in out
    assert biaskit.score('He said: "The dictator will fall."').neutral_rewrite() == (
        'He said: "The dictator will fall."'
    )


def test_score_frame_pure_and_complete():
    df = pd.DataFrame(
        {
            "id": ["a", "b"],
            "outlet": ["X", "Y"],
            "text": ["The dictator spoke.", "Officials said talks went on."],
        }
    )
    before = df.copy()
    out = biaskit.score_frame(df)
    pd.testing.assert_frame_equal(df, before)
    assert list(out.columns) == ["id", "outlet", "text", *METRIC_COLUMNS]
    assert out.loc[0, "n_label"] == 1
    assert out.loc[1, "loaded"] == 0
    assert out.loc[1, "attr_neutral"] == 1
    fast = biaskit.score_frame(df, sentiment=False, keep_text=False)
    assert "polarity" not in fast.columns and "text" not in fast.columns


def test_score_frame_errors_name_the_row():
    with pytest.raises(KeyError, match="no column 'body'"):
        biaskit.score_frame(pd.DataFrame({"text": ["x"]}), text="body")
    with pytest.raises(ValueError, match="row 1: column 'text' is empty"):
        biaskit.score_frame(pd.DataFrame({"text": ["ok", None]}))


def test_match_frame_carries_metadata():
    df = pd.DataFrame({"id": ["a"], "outlet": ["X"], "text": ["The dictator and the regime."]})
    mf = biaskit.match_frame(df)
    assert list(mf["outlet"]) == ["X", "X"]
    assert list(mf["text"]) == ["dictator", "regime"]


def test_embedded_post_is_not_the_outlets_voice():
    text = "The bill passed.\n\nThis sham is a disgrace! — Jane Doe (@janedoe) June 29, 2018"
    s = biaskit.score(text)
    assert {m.text for m in s.matches if m.weight > 0} == {"sham", "disgrace"}
    assert s.loaded == 0  # both are inside the post, so nothing counts in the own voice
