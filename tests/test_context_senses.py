"""Sense conditions added for genre and form: sports and arts frames, Title Case (a title or
a name) and a number beside the words (a measurement). Positive and negative cases, on a
small team-written lexicon."""

from __future__ import annotations

import pytest

import biaskit
from biaskit.lexicon import LexiconError, load_lexicon

LEXICON = """
entries:
- {term: brutal, category: loaded, weight: 1.0, note: Cruel., when: {unless_frame: [sports]}}
- {term: villain, category: label, weight: 1.0, note: A story's bad man.,
   when: {unless_frame: [arts]}}
- {term: Savage (name), forms: [savage], category: loaded, weight: 0, note: A name or title.,
   when: {case: title}}
- {term: savage, category: loaded, weight: 1.0, note: Wild.}
- {term: soared (figure), forms: [soared], category: loaded, weight: 0, note: Measured.,
   when: {number: [after]}}
- {term: soared, category: loaded, weight: 0.5, note: Dramatic.}
- {term: surge (figure), forms: [surge], category: loaded, weight: 0, note: Measured.,
   when: {number: [before]}}
- {term: surge, category: loaded, weight: 0.5, note: Dramatic.}
"""


@pytest.fixture(scope="module")
def lex(tmp_path_factory):
    path = tmp_path_factory.mktemp("senses") / "senses.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return load_lexicon(path, mode="replace")


def counted(text, lex):
    return [m.term for m in biaskit.score(text, lex).matches if m.counted]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The striker's brutal tackle earned a red card.", []),
        ("The brutal tackle in the playoff ended his season.", []),
        ("The brutal regime jailed students.", ["brutal"]),
        ("The film's villain is a retired spy.", []),
        ("The minister became the villain of the crisis.", ["villain"]),
    ],
)
def test_sports_and_arts_frames(lex, text, expected):
    assert counted(text, lex) == expected


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The host Michael Savage spoke.", "Savage (name)"),
        ("Fans of 21 Savage queued all night.", "savage"),  # a number is not a title word
        ("Savage attacks continued.", "savage"),  # capitalised only as the first word
        ("The savage attack lasted all night.", "savage"),
    ],
)
def test_title_case(lex, text, term):
    (m,) = biaskit.score(text, lex).matches
    assert m.term == term


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Shares soared 12% on Monday.", "soared (figure)"),
        ("Rents soared by $300 a month.", "soared (figure)"),
        ("Prices soared to 1,200 euros.", "soared (figure)"),
        ("Prices soared in May.", "soared"),
        ("Prices soared, and 5 shops closed.", "soared"),
        ("A 40% surge in arrests followed.", "surge (figure)"),
        ("A surge in arrests followed.", "surge"),
    ],
)
def test_a_number_beside_the_words(lex, text, term):
    (m,) = biaskit.score(text, lex).matches
    assert m.term == term


def test_bad_number_and_case_values_name_the_entry(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("entries:\n- {term: x, category: loaded, weight: 1, note: N., "
                 "when: {number: [beside]}}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"entry 'x': field 'when': number 'beside' is not"):
        load_lexicon(p, mode="replace")
    p.write_text("entries:\n- {term: x, category: loaded, weight: 1, note: N., "
                 "when: {case: titled}}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"case 'titled' is not one of lower, capitalized, "
                       r"upper, title"):
        load_lexicon(p, mode="replace")
