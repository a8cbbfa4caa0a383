"""The lexicon is tested data: every entry's examples are scored and checked.

- each ``examples`` sentence must produce a match of that entry, in the outlet's own voice
  and not negated (so it counts);
- each ``not_examples`` sentence must not produce a counted match of that entry;
- each example with a ``rewrite`` must be reworded exactly so by ``neutral_rewrite``.
"""

from __future__ import annotations

import pytest

import biaskit
from biaskit.language import available_languages

LANGUAGES = [code for code in available_languages() if code in ("en", "ru", "uk")]


def _entries(language):
    return [e for e in biaskit.load_lexicon(language=language) if e.examples or e.not_examples]


def _cases(language):
    for e in _entries(language):
        for i, ex in enumerate(e.examples):
            yield pytest.param(language, e, ex, True, id=f"{language}:{e.term}:ex{i}")
        for i, text in enumerate(e.not_examples):
            yield pytest.param(language, e, text, False, id=f"{language}:{e.term}:not{i}")


CASES = [case for language in LANGUAGES for case in _cases(language)]


def _of_entry(s, entry):
    return [
        m
        for m in s.matches
        if m.term == entry.term and m.category == entry.category
    ]


@pytest.mark.parametrize(("language", "entry", "example", "applies"), CASES)
def test_entry_examples(language, entry, example, applies):
    lexicon = biaskit.load_lexicon(language=language)
    text = example.text if applies else example
    s = biaskit.score(text, lexicon, language=language)
    found = _of_entry(s, entry)
    if applies:
        assert found, f"{entry.origin}: {entry.term!r} not found in example {text!r}"
        if entry.weight > 0:
            assert any(m.counted for m in found), (
                f"{entry.origin}: {entry.term!r} found but not counted in {text!r}: "
                f"{[(m.voice, m.negated, m.rule) for m in found]}"
            )
        if example.rewrite is not None:
            assert s.neutral_rewrite() == example.rewrite, f"{entry.origin}: rewrite of {text!r}"
    else:
        assert not any(m.counted for m in found), (
            f"{entry.origin}: {entry.term!r} counted in its not-example {text!r}"
        )


def test_every_replacement_is_shown_working():
    """An entry with a drop-in replacement carries an example with its expected rewrite."""
    missing = [
        e.term
        for language in LANGUAGES
        for e in biaskit.load_lexicon(language=language)
        if e.replace and e.category != "hedge" and not any(x.rewrite for x in e.examples)
    ]
    assert not missing, f"{len(missing)} entries with 'replace' and no rewrite: {missing[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_carries_an_example(language):
    """The lexicon is tested data: no entry without a sentence where it applies."""
    missing = [e.term for e in biaskit.load_lexicon(language=language) if not e.examples]
    assert not missing, f"{language}: {len(missing)} entries without an example: {missing[:20]}"
