"""Russian and Ukrainian: quoted proper names, and the phrase a match governs."""

from __future__ import annotations

import pytest

import biaskit
from biaskit.phrases import phrase_around
from biaskit.quotes import find_quotes


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("Бойцы бригады «Северный ветер» отбили атаку.", "ru", "mention"),
        ("Западные «союзники» снова промолчали.", "ru", "scare"),
        ("Волонтери фонду «Крила» передали генератори.", "uk", "mention"),
        ("Наші «партнери» знову зволікають.", "uk", "scare"),
    ],
)
def test_capitalised_quotes_are_names_lowercase_are_scare_quotes(text, language, kind):
    (q,) = find_quotes(text, language)
    assert q.kind == kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Так называемая «ДНР» провела «референдум».", "ru"),
        ("Так звана «ДНР» провела «референдум».", "uk"),
    ],
)
def test_so_called_is_distance_not_speech(text, language):
    first, second = find_quotes(text, language)
    assert (first.kind, first.rule) == ("scare", "so-called")
    assert second.kind == "scare"  # the participle of "call" does not make it speech


def test_a_verb_of_calling_still_presents_a_quote_as_speech():
    (q,) = find_quotes("Песков назвал «провокацией» заявления Киева.", "ru")
    assert q.kind == "direct"


def test_english_quotes_keep_their_rules():
    (q,) = find_quotes("The “Spartan” plan failed.", "en")
    assert q.kind == "scare"


@pytest.mark.parametrize(
    ("text", "language", "word", "phrase"),
    [
        ("Вчера, как сообщают, оккупанты снова обстреляли окраины города.", "ru",
         "оккупанты", "Вчера, как сообщают, оккупанты снова обстреляли окраины города"),
        ("Окупанти знову обстріляли Харків: є поранені.", "uk",
         "Окупанти", "Окупанти знову обстріляли Харків"),
        ("Тут, в тылу, хунта снова (как всегда) врет.", "ru",
         "хунта", "Тут, в тылу, хунта снова"),
        ("Путинский режим — это война.", "ru", "режим", "Путинский режим"),
        ("Раз два три четыре пять шесть семь восемь девять десять одиннадцать ужасный день.",
         "ru", "ужасный",
         "два три четыре пять шесть семь восемь девять десять одиннадцать ужасный день"),
    ],
)
def test_phrase_runs_across_commas_to_the_statement_marks_capped_at_ten_words_each_side(
    text, language, word, phrase
):
    a = text.index(word)
    pa, pb = phrase_around(text, a, a + len(word), language=language)
    assert text[pa:pb] == phrase


def test_english_keeps_the_clause_bounded_by_commas_and_six_words():
    text = "After the vote, the brutal crackdown began in one two three four five six seven."
    a = text.index("brutal")
    pa, pb = phrase_around(text, a, a + len("brutal"))
    assert text[pa:pb] == "the brutal crackdown began in one two three"


def test_every_match_phrase_slices_back_and_contains_the_match():
    text = "Российские оккупанты, по данным ОВА, снова обстреляли Харьков!\nКиевский режим молчит."
    s = biaskit.score(text, language="ru")
    assert s.matches
    for m in s.matches:
        a, b = phrase_around(text, m.start, m.end, language="ru")
        assert a <= m.start < m.end <= b
        assert text[a:b].strip() == text[a:b]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("По его словам, атака — это очередной теракт.", "ru"),
        ("По их данным, это была провокация.", "ru"),
        ("За його словами, це черговий терористичний удар.", "uk"),
    ],
)
def test_according_to_with_a_possessive_pronoun_is_reported(text, language):
    s = biaskit.score(text, language=language)
    assert s.matches
    assert all(m.voice == "reported" for m in s.matches)
    assert s.loaded == 0


@pytest.mark.parametrize(
    ("text", "language", "voice"),
    [
        ("Оккупанты, как сообщили в ВСУ, отступили.", "ru", "reported"),
        ("Окупанти, за словами ЗСУ, втратили дві бригади.", "uk", "reported"),
        ("Оккупанты отступили, заявили в ВСУ.", "ru", "reported"),
        ("Оккупанты, которые обстреляли город, отступили.", "ru", "own"),
    ],
)
def test_attribution_asides_in_russian_and_ukrainian(text, language, voice):
    lexicon = biaskit.load_lexicon(language=language)
    s = biaskit.score(text, lexicon, language=language)
    (m,) = [m for m in s.matches if m.category in ("loaded", "label")]
    assert m.voice == voice


def test_the_subject_of_a_russian_reporting_verb_is_the_outlets_word():
    lexicon = biaskit.load_lexicon(language="ru")
    s = biaskit.score("Диктатор, бывший генерал, заявил журналистам об успехе.", lexicon,
                      language="ru")
    (m,) = [m for m in s.matches if m.category == "label"]
    assert m.voice == "own" and m.counted


@pytest.mark.parametrize(
    ("text", "language"),
    [("Слово «хунта» часто используют в пропаганде.", "ru"),
     ("Термін «рашизм» увійшов до словників.", "uk")],
)
def test_a_word_quoted_as_a_word_is_a_mention_not_speech(text, language):
    (q,) = find_quotes(text, language)
    assert (q.kind, q.rule) == ("mention", "word-as-word")
    lexicon = biaskit.load_lexicon(language=language)
    s = biaskit.score(text, lexicon, language=language)
    assert all(m.rule == "inside-mention-quote" for m in s.matches if m.category != "attribution")


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [("Президент не встречался с диктатором.", "ru", "отрицание относится к глаголу"),
     ("Президент не зустрічався з диктатором.", "uk", "заперечення стосується дієслова")],
)
def test_a_negated_verb_is_named_in_the_explanation(text, language, word):
    lexicon = biaskit.load_lexicon(language=language)
    s = biaskit.score(text, lexicon, language=language)
    (m,) = [m for m in s.matches if m.category == "label"]
    assert (m.negated, m.counted, m.rule) == (False, True, "negated-verb")
    assert word in s.explain()["context"].iloc[-1]
