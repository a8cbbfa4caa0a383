"""Speakers are names, pronouns or role nouns; actor tables are the user's, not a built-in cast."""

import pandas as pd
import pytest

import biaskit
from biaskit.actors import DEFAULT_ACTORS, actor_labels, frequent_actors, is_teaching_corpus
from biaskit.language import load_language
from biaskit.speakers import speaker_near

EN = load_language("en")
PESKOV = "Kremlin spokesman Dmitry Peskov"


def speaker(text: str, verb: str) -> str | None:
    i = text.index(verb)
    return speaker_near(text, i, i + len(verb), 0, len(text), EN)


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("The damage was hidden, said a highly", "said"),
        ("It was hidden, said a highly placed.", "said"),
        ("It was, said an algorithm to", "said"),
        ("It was, said an algorithm to rank posts.", "said"),
        ("It was true, said the truth from Moscow.", "said"),
        ("Then said the Kremlin.", "said"),
        ("The ministry said it would act.", "said"),  # not the "i" of "it"
    ],
)
def test_fragments_are_not_speakers(text, verb):
    got = speaker(text, verb)
    assert got not in ("a highly", "an algorithm to", "the truth from", "i", "Then")
    if got is not None:
        head = got.split()[-1]
        assert head[:1].isupper() or head.lower() in EN.speaker_nouns | EN.role_nouns


@pytest.mark.parametrize(
    ("text", "verb", "who"),
    [
        ("Kremlin spokesman Dmitry Peskov said the talks failed.", "said", PESKOV),
        ("The talks failed, said Kremlin spokesman Dmitry Peskov.", "said", PESKOV),
        ("He hid it, said the ministry.", "said", "the ministry"),
        ("The ministry said it would act.", "said", "The ministry"),
        ("Zelensky said the war goes on.", "said", "Zelensky"),
        ("Critics said no.", "said", "Critics"),
        ("a senior official said no", "said", "a senior official"),
        ("He said no.", "said", "He"),
        ("Then said the Kremlin.", "said", "the Kremlin"),
    ],
)  # fmt: skip
def test_names_pronouns_and_roles_are_speakers(text, verb, who):
    assert speaker(text, verb) == who


def test_score_records_no_fragment_speakers():
    s = biaskit.score("The ministry said it would act. It was true, claimed the truth from Moscow.")
    speakers = {m.text: m.speaker for m in s.matches if m.category == "attribution"}
    assert speakers["said"] == "The ministry"
    assert speakers["claimed"] is None


@pytest.fixture(scope="module")
def news():
    texts = [
        "Russian President Vladimir Putin met Chancellor Olaf Scholz. Putin spoke first.",
        "President Vladimir Putin said little. “Vladimir Putin is right,” Ann Lee wrote.",
        "The defiant Vladimir Putin met Olaf Scholz on Monday.",
        "Olaf Scholz left. Vladimir Putin stayed.",
    ]
    df = pd.DataFrame({"id": list("abcd"), "outlet": ["X", "X", "Y", "Y"], "text": texts})
    return biaskit.score_corpus(df)


def test_actor_labels_asks_for_a_table_outside_the_teaching_corpus(news):
    assert not is_teaching_corpus(news)
    with pytest.raises(ValueError, match=r"not the teaching corpus.*actors=.*frequent_actors"):
        actor_labels(news)


def test_actor_labels_keeps_the_cast_on_the_teaching_corpus(scored_corpus):
    assert is_teaching_corpus(scored_corpus)
    out = actor_labels(scored_corpus)
    assert {"Putin", "Lukashenka"} <= set(out["actor"])
    explicit = actor_labels(scored_corpus, DEFAULT_ACTORS)
    pd.testing.assert_frame_equal(out, explicit)


def test_frequent_actors_suggests_names_in_own_voice(news):
    table = frequent_actors(news, n=5, min_count=2)
    assert list(table.columns) == ["actor", "alias", "count"]
    putin = table[table["actor"] == "Vladimir Putin"].set_index("alias")["count"]
    # four own-voice full names (titles cut off); the one inside the quotation is left out
    assert putin["Vladimir Putin"] == 4
    assert putin["Putin"] == 1
    assert "Olaf Scholz" in set(table["actor"])
    assert "Ann Lee" not in set(table["actor"])  # one mention, below min_count
    assert not any(a.startswith(("Russian", "President", "The")) for a in table["alias"])


def test_frequent_actors_table_feeds_actor_labels(news):
    table = frequent_actors(news, n=5, min_count=2)
    out = actor_labels(news, table)
    got = out[out["actor"] == "Vladimir Putin"].set_index(["group", "descriptor"])["count"]
    assert got[("X", "russian president")] == 1
    assert got[("Y", "defiant")] == 1


def test_frequent_actors_checks_n(news):
    with pytest.raises(ValueError, match="n must be a whole number"):
        frequent_actors(news, n=0)


def test_frequent_actors_leaves_out_institutions_and_keeps_relatives_apart():
    texts = [
        "The White House said Donald Trump met Melania Trump.",
        "Donald Trump and Melania Trump left the White House. Trump spoke.",
        "Donald Trump, Melania Trump and the Judiciary Committee met. Trump left.",
    ]
    df = pd.DataFrame({"id": list("abc"), "outlet": ["X", "X", "Y"], "text": texts})
    table = frequent_actors(biaskit.score_corpus(df), n=5, min_count=3)
    assert set(table["actor"]) == {"Donald Trump", "Melania Trump"}
    trump = table[table["alias"] == "Trump"]
    assert list(trump["actor"]) == ["Donald Trump"] and list(trump["count"]) == [2]


def test_frequent_actors_reads_a_possessive_as_the_name():
    texts = ["Olaf Scholz's plan failed.", "Olaf Scholz spoke.", "Olaf Scholz’s aide left."]
    df = pd.DataFrame({"id": list("abc"), "outlet": ["X", "X", "Y"], "text": texts})
    table = frequent_actors(biaskit.score_corpus(df), min_count=3)
    assert list(table["alias"]) == ["Olaf Scholz"] and list(table["count"]) == [3]
