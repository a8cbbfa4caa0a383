"""The packaged lexicons in context: sentences a teacher or a researcher checked by hand."""

from __future__ import annotations

import pytest

import biaskit


def counted(s):
    return [m for m in s.matches if m.counted]


def test_reported_labels_are_not_the_outlets():
    s = biaskit.score("Critics call him a dictator.")
    assert s.loaded == 0
    assert any(m.term == "dictator" and m.voice == "reported" for m in s.matches)
    assert biaskit.score("The dictator said the vote was fair.").loaded > 0


def test_negation_and_location_senses():
    assert biaskit.score("The president is not a dictator.").loaded == 0
    assert not counted(biaskit.score("Bucha lies north-west of Kyiv."))
    assert biaskit.score("He lies about the war.").loaded > 0


def test_punishers_of_riot_police_are_explained_as_such():
    s = biaskit.score("The OMON punishers fired rubber bullets.")
    (m,) = [m for m in s.matches if m.text == "punishers"]
    assert "Ukrainian" not in m.note and "riot" in m.note.lower()
    assert "Ukrainian forces" not in s.neutral_rewrite()


def test_rewording_is_grammatical_and_keeps_number():
    assert biaskit.score("An invader was captured.").neutral_rewrite().startswith(("An ", "A "))
    rewritten = biaskit.score("The dictators met.").neutral_rewrite()
    assert rewritten.endswith("s met.")


def test_hedges_are_stance():
    s = biaskit.score("The minister reportedly met the envoy.")
    assert s.loaded == 0 and s.stance > 0


@pytest.mark.parametrize(
    "text",
    [
        "Moscow offered a goodwill gesture to unfriendly countries.",
        "The operation pursues the denazification of the neighbouring state.",
        "Kyiv staged a provocation at the border.",
    ],
)
def test_official_euphemisms_are_found(text):
    assert any(m.category == "euphemism" for m in counted(biaskit.score(text)))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Російські окупанти знову обстріляли Харків.", "uk"),
        ("Киевский режим продолжает провокации.", "ru"),
    ],
)
def test_russian_and_ukrainian_loaded_words_count(text, language):
    s = biaskit.score(text, language="auto")
    assert s.language == language and s.loaded > 0
    assert all(m.note for m in counted(s))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Міністерство закордонних справ провело консультації з партнерами.", "uk"),
        ("Министерство иностранных дел провело консультации с партнерами.", "ru"),
    ],
)
def test_a_neutral_ministry_statement_scores_zero(text, language):
    assert biaskit.score(text, language=language).loaded == 0


def test_ukraine_prepositions_are_one_referent_with_two_perspectives():
    lex = biaskit.load_lexicon(language="ru")
    variants = {e.term: e.perspective for e in lex.referents()["ukraine-preposition"]}
    assert len(set(variants.values())) >= 2
    on = biaskit.score("Он живёт на Украине.", language="ru").naming
    at = biaskit.score("Он живёт в Украине.", language="ru").naming
    assert on and at and on[0].referent == at[0].referent == "ukraine-preposition"
    assert on[0].perspective != at[0].perspective
