"""Russian and Ukrainian: classes of error found against journalists' annotations, fixed by
rule. Every sentence here is written by the team."""

from __future__ import annotations

import pytest

import biaskit


def _only(text: str, language: str) -> biaskit.Match:
    (m,) = [m for m in biaskit.score(text, language=language).matches if m.weight > 0]
    return m


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Они не оккупанты.", "ru"),
        ("Они не являются оккупантами.", "ru"),
        ("Это вряд ли оккупанты.", "ru"),
        ("Вони не окупанти.", "uk"),
        ("Вони не є окупантами.", "uk"),
    ],
)
def test_a_negator_before_the_word_or_a_copula_rejects_it(text, language):
    m = _only(text, language)
    assert m.negated
    assert not m.counted


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Жители не выдержали давления оккупантов.", "ru"),
        ("Мы не забудем преступлений оккупантов.", "ru"),
        ("Это не только оккупанты, но и их пособники.", "ru"),
        ("Люди не витримали тиску окупантів.", "uk"),
        ("Вже не вперше окупанти обстрілюють місто.", "uk"),
        ("Це не лише окупанти, а й їхні посібники.", "uk"),
    ],
)
def test_a_verb_takes_the_negation_and_not_only_undoes_it(text, language):
    m = _only(text, language)
    assert not m.negated
    assert m.counted


@pytest.mark.parametrize(
    ("text", "language", "sign"),
    [
        ("Мэр опять пообещал новый мост 🤡🤡🤡", "ru", "🤡🤡🤡"),
        ("Мер знову пообіцяв новий міст 🤡", "uk", "🤡"),
        ("И это называется реформой?!", "ru", "?!"),
        ("Завтра знову піднімуть ціни!!!", "uk", "!!!"),
    ],
)
def test_an_expressive_sign_is_the_authors_own_even_after_reported_speech(text, language, sign):
    m = _only(text, language)
    assert text[m.start : m.end] == sign
    assert m.voice == "own"
    assert m.counted


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Грошей на ремонт школи знову немає 🤷", "uk"),
        ("Денег на ремонт школы опять нет 🤷", "ru"),
    ],
)
def test_an_expressive_sign_is_never_negated(text, language):
    m = _only(text, language)
    assert not m.negated
    assert m.counted


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Погода сегодня ясная! Завтра дождь.", "ru"),
        ("⚡ Світло повернули в усі будинки. 🇺🇦", "uk"),
        ("Хто погодив цей проєкт?", "uk"),
    ],
)
def test_news_markers_and_single_marks_are_not_expressive_signs(text, language):
    assert biaskit.score(text, language=language).loaded == 0


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Мы призываем всех противостоять преступному режиму.", "ru"),
        ("Ми закликаємо всіх протистояти злочинному режиму.", "uk"),
    ],
)
def test_a_first_person_reporting_verb_is_the_authors_own_voice(text, language):
    s = biaskit.score(text, language=language)
    assert s.loaded > 0
    assert all(m.voice == "own" for m in s.matches if m.weight > 0)


def test_wartime_standard_words_weigh_less_than_slurs():
    lex = biaskit.load_lexicon(language="uk")
    graded = {e.term: e.weight for e in lex if e.term in ("ворог", "окупант", "орк", "рашист")}
    assert graded["ворог"] < graded["окупант"] < graded["рашист"] <= graded["орк"]
    assert graded["ворог"] > 0


@pytest.mark.parametrize(
    ("text", "language", "part"),
    [
        ("Эти негодяи-ревизоры снова подняли тарифы.", "ru", "негодяи"),
        ("Чиновники-казнокрады снова получили премии.", "ru", "казнокрады"),
        ("Депутати-зрадники знову зірвали голосування.", "uk", "зрадники"),
    ],
)
def test_a_loaded_part_of_a_hyphenated_compound_counts(text, language, part):
    m = _only(text, language)
    assert text[m.start : m.end] == part
    assert m.counted


def test_a_listed_compound_still_wins_over_its_part():
    (m,) = biaskit.score("Страна-агрессор снова атаковала.", language="ru").matches
    assert m.term == "страна-агрессор"


def test_compound_parts_leave_english_hyphens_alone():
    s = biaskit.score("The pro-dictator militia marched. The dictator spoke.", language="en")
    assert [m.start for m in s.matches if m.text == "dictator"] == [38]
