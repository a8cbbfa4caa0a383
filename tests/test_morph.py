"""The lemma table: the same lemmas as pymorphy3, whatever the cache holds."""

import pymorphy3
import pytest

import biaskit.morph as morph
from biaskit.lemmas import lemma_view
from biaskit.morph import lemma_table, lemmatizer


def pymorphy_lemma(language: str, word: str) -> str:
    parses = pymorphy3.MorphAnalyzer(lang=language).parse(word)
    return (parses[0].normal_form if parses else word).replace("ё", "е")


WORDS = ["киевского", "режима", "вторглись", "ещё", "covid-19", "2024", "nato", "u.s", "київ"]


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_lemmas_are_pymorphys_including_latin_and_digits(language):
    table = lemma_table(language)
    for word in WORDS:
        assert table[word] == lemmatizer(language)(word) == pymorphy_lemma(language, word)


def test_a_full_table_starts_again_without_changing_a_lemma(monkeypatch):
    monkeypatch.setattr(morph, "LEMMA_CACHE_SIZE", 2)
    table = lemma_table("ru")
    table.clear()  # type: ignore[attr-defined]
    first = [table[w] for w in WORDS]
    assert len(table) <= 2
    assert [table[w] for w in WORDS] == first


def test_lemma_view_offsets_slice_back_through_squeezed_and_mixed_text():
    text = "Войска  киевского\u00ad режима,\n  нaцисты (Latin а) вошли."
    view = lemma_view(text, "ru")
    assert "киевский режим" in view.text
    i = view.text.index("киевский режим")
    a, b = view.to_original(i), view.to_original(i + len("киевский режим"))
    assert text[a:b] == "киевского\u00ad режима"
