"""The ``side:`` field: its vocabulary is data, bad values name file, line and entry, and the
per-side counts in docs/lexicon-guide.md are generated from the lexicon."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import biaskit
from biaskit.lexicon import LexiconError, read_lexicon_file
from biaskit.sides import (
    packaged_lexicons,
    side_counts,
    side_pairs,
    sides,
    symmetry_markdown,
    with_symmetry_table,
)

SIDES = ("us-left", "us-right", "pro-kremlin", "pro-ukraine", "belarus-state", "belarus-opposition")


def test_the_side_vocabulary_is_exactly_the_six_sides():
    assert tuple(sides()) == SIDES
    assert side_pairs() == [
        ("us-left", "us-right"),
        ("pro-kremlin", "pro-ukraine"),
        ("belarus-state", "belarus-opposition"),
    ]


def test_a_side_is_read_and_an_unknown_side_names_file_line_and_entry(tmp_path):
    body = """\
    category: label
    entries:
    - term: zorch
      weight: 1.0
      note: A made-up word.
    - term: blorp
      side: left-wing
      weight: 1.0
      note: Another.
    """
    p = tmp_path / "sides.yaml"
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"sides.yaml, line 6: entry 'blorp': field 'side': "
                       r"'left-wing' is not one of us-left, us-right"):
        read_lexicon_file(p)
    p.write_text(textwrap.dedent(body).replace("left-wing", "us-left"), encoding="utf-8")
    zorch, blorp = read_lexicon_file(p)
    assert (zorch.side, blorp.side) == (None, "us-left")


def test_packaged_sides_are_tagged_where_a_side_owns_the_term(lexicon):
    by_term = {e.term: e.side for e in lexicon if e.weight > 0}
    assert by_term["special military operation"] == "pro-kremlin"
    assert by_term["rashists"] == "pro-ukraine"
    assert by_term["libtard"] == "us-right"
    assert by_term["Rethuglican"] == "us-left"
    assert by_term["fugitive opposition"] == "belarus-state"
    assert by_term["Sasha 3%"] == "belarus-opposition"
    assert by_term["brutal"] is None  # everyone's word: no side
    counts = side_counts(lexicon)
    assert all(counts[s]["total"] > 0 for s in SIDES)
    assert all(sum(v for k, v in row.items() if k != "total") == row["total"]
               for row in counts.values())


def test_side_counts_skip_weight_zero_entries(tmp_path):
    p = tmp_path / "z.yaml"
    p.write_text("category: naming\nentries:\n- {term: Kyiv, side: pro-ukraine, weight: 0, "
                 "referent: kyiv, perspective: ukrainian, note: Neutral.}\n", encoding="utf-8")
    assert side_counts(read_lexicon_file(p))["pro-ukraine"]["total"] == 0


@pytest.mark.parametrize(
    ("language", "tags"),
    [
        ("ru", {"киевский режим": "pro-kremlin", "укронацист": "pro-kremlin",
                "специальная военная операция": "pro-kremlin", "рашист": "pro-ukraine",
                "орк": "pro-ukraine", "змагар": "belarus-state", "ябатька": "belarus-opposition",
                "диктатор": None, "мразь": None}),
        ("uk", {"київський режим": "pro-kremlin", "бандерівець": "pro-kremlin",
                "окупант": "pro-ukraine", "кацап": "pro-ukraine", "змагар": "belarus-state",
                "лукашист": "belarus-opposition", "диктатор": None, "біомаса": None}),
    ],
)
def test_ru_and_uk_sides_are_tagged_where_a_side_owns_the_term(language, tags):
    by_term = {e.term: e.side for e in biaskit.load_lexicon(language=language) if e.weight > 0}
    assert {t: by_term[t] for t in tags} == tags
    counts = side_counts(biaskit.load_lexicon(language=language))
    war_and_belarus = ("pro-kremlin", "pro-ukraine", "belarus-state", "belarus-opposition")
    assert all(counts[s]["total"] > 0 for s in war_and_belarus)


def test_the_symmetry_table_has_a_row_per_language_and_side():
    table = symmetry_markdown(packaged_lexicons())
    rows = [line for line in table.splitlines()[2:] if line.startswith("| ")]
    assert [r.split(" | ")[0][2:] for r in rows] == [c for c in ("en", "ru", "uk") for _ in SIDES]
    assert all(f"(`{s}`)" in r for r, s in zip(rows, SIDES * 3, strict=True))


def test_committed_side_counts_are_current():
    guide = Path(__file__).resolve().parents[1] / "docs" / "lexicon-guide.md"
    text = guide.read_text(encoding="utf-8")
    assert text == with_symmetry_table(text, packaged_lexicons()), (
        "docs/lexicon-guide.md side counts are stale: run `make lexicon-table`"
    )
    for code in ("en", "ru", "uk"):
        assert f"| {code} | Russia-Ukraine war" in text


def test_the_loaded_lexicon_is_the_packaged_one():
    assert biaskit.load_lexicon() is biaskit.load_lexicon()
