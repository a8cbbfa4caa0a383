"""The designed contrasts of corpus-ru-uk hold (see corpus-ru-uk/README.md and README-uk.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

import biaskit

ROOT = Path(__file__).resolve().parent.parent / "corpus-ru-uk"


@pytest.fixture(scope="module")
def scored() -> dict[str, biaskit.Score]:
    corpus = biaskit.load_corpus(ROOT)
    return {
        row["outlet"]: biaskit.score(row["text"], language=row["language"])
        for _, row in corpus.iterrows()
    }


def _own(s: biaskit.Score, category: str | None = None) -> list[str]:
    return [
        m.term for m in s.matches
        if m.counted and m.measure == "loaded" and (category is None or m.category == category)
    ]


def _voices(s: biaskit.Score, term: str) -> set[str]:
    return {m.voice for m in s.matches if m.term == term}


def test_every_article_is_read_and_the_datasheets_are_not(scored):
    assert len(scored) == 7
    corpus = biaskit.load_corpus(ROOT)
    assert set(corpus["language"]) == {"ru", "uk"}
    assert corpus["invented_quotes"].notna().all()


def test_ru_state_agency_is_the_most_loaded_and_the_wire_the_least(scored):
    state, exiled = scored["Вестник-Информ"], scored["Свободная волна"]
    wire = scored["Северное телеграфное агентство"]
    assert state.loaded_per_1k > max(exiled.loaded_per_1k, wire.loaded_per_1k)
    assert wire.loaded == 0


def test_ru_official_euphemisms_are_the_agencys_own_and_the_exiled_outlets_quotes(scored):
    state, exiled = scored["Вестник-Информ"], scored["Свободная волна"]
    assert {"задымление", "падение обломков"} <= set(_own(state, "euphemism"))
    quoted = {m.category for m in exiled.matches if m.voice == "quoted"}
    assert "euphemism" in quoted
    assert _own(exiled, "euphemism") == []


def test_ru_labels_are_given_to_speakers_not_to_the_outlets(scored):
    assert _voices(scored["Вестник-Информ"], "киевский режим") == {"reported"}
    exchange = scored["Южный курьер"]
    assert _own(exchange, "label") == []
    assert "quoted" in {m.voice for m in exchange.matches if m.category == "label"}


def test_uk_partisan_and_public_broadcaster_on_one_event(scored):
    partisan, public = scored["Правда фронту (fictional)"], scored[
        "Громадське мовлення Полісся (fictional)"
    ]
    assert public.loaded == 0
    assert partisan.loaded_per_1k > 30
    assert "бавовна" in _own(partisan, "euphemism")
    assert _own(partisan, "label")
    assert public.stance_per_1k < partisan.stance_per_1k


def test_uk_both_sides_are_measured_by_one_standard(scored):
    partisan = scored["Правда фронту (fictional)"]
    pro_russian = next(s for name, s in scored.items() if name.startswith("Народний вісник"))
    # the pro-Russian outlet uses Russian official naming and labels in its own voice ...
    assert _own(pro_russian, "naming")
    assert "київський режим" in [t.lower() for t in _own(pro_russian, "label")]
    assert "euphemism" in {m.category for m in pro_russian.matches if m.counted}
    # ... which the partisan Ukrainian outlet only quotes
    assert _own(partisan, "naming") == []
    assert "quoted" in _voices(partisan, "київський режим")
