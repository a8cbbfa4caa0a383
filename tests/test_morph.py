"""The lemma table: the same lemmas as pymorphy3, whatever the cache holds; the lemma view:
the same text and offsets as building it one word at a time."""

import pymorphy3
import pytest

import biaskit.morph as morph
from biaskit.lemmas import _MASKED_OR_WORD_RE, lemma_view
from biaskit.morph import lemma_table, lemmatizer
from biaskit.tokens import WORD_RE, match_view


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


# --- the lemma view against a word-by-word reference ---------------------------------------

def reference_view(text: str, language: str) -> tuple[str, dict[int, int]]:
    """The lemma view built the plain way, one word at a time: its text, and every lemma
    start and end mapped to the original offset."""
    view = match_view(text)
    low = view.text
    words_re = _MASKED_OR_WORD_RE if "*" in low else WORD_RE
    lemma = lemmatizer(language)
    out, back, prev_end = "", {}, -1
    for m in words_re.finditer(low):
        if prev_end >= 0:
            gap = low[prev_end : m.start()]
            out += " " if gap.isspace() and "  " not in gap else " | "
        word = m.group() if "*" in m.group() else lemma(m.group())
        back[len(out)] = view.to_original(m.start())
        out += word
        back[len(out)] = view.to_original(m.end())
        prev_end = m.end()
    return out, back


TRICKY = [
    "",
    "...",
    "Режим",
    "Київський режим, — заявив речник. «Київський режим»!",
    "Войска  киевского\u00ad режима,\n  нaцисты (Latin а) вошли.",
    "Перший абзац про режим.\n\nДругий абзац: режим Києва.",
    "Ці бл*ді та нах*й х*йло — п'ять об’єктів, обʼєкт, ім'я.",
    "Уда\u0301р по об\u200bєкту,\tNATO і U.S. 3.5 %,  ще\u202fраз",
    "ЦЕ РЕЖИМ. Ещё ёлка, её.",
    " \n leading and trailing \n ",
]


@pytest.mark.parametrize("language", ["ru", "uk"])
@pytest.mark.parametrize("text", TRICKY)
def test_lemma_view_is_the_word_by_word_view(language, text):
    expected_text, expected_back = reference_view(text, language)
    view = lemma_view(text, language)
    assert view.text == expected_text
    boundaries = [i for i in range(len(view.text) + 1) if view.is_boundary(i)]
    assert boundaries == sorted(expected_back)
    assert {i: view.to_original(i) for i in boundaries} == expected_back
