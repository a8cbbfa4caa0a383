"""A neutral rewording that stays true: only safe drop-ins, only the outlet's own words.

Rules:

- only counted loaded language is reworded (the outlet's own, non-negated words); quoted
  and reported words are someone's speech, and hedges and opinion markers ("reportedly",
  "In my view") are honest signals of uncertainty or opinion, so they stay;
- a term is replaced only by its entry's ``replace`` (a drop-in chosen by hand and tested
  on an example); where there is none the words stay and the neutral alternatives are
  listed as suggestions;
- number and capitals are kept ("Dictators" -> "Leaders"), and a/an before the words is
  fixed ("an invader" never becomes "an Russian ...");
- scare quotes lose their quote marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from biaskit.lexicon import OMIT

__all__ = ["Edit", "rewrite_edits"]

_NOUN_CATEGORIES = frozenset({"label", "loaded", "euphemism", "naming"})


@dataclass(frozen=True, slots=True)
class Edit:
    """One change of the rewording: ``text[start:end]`` becomes ``replacement``.

    ``replacement`` is None when no safe drop-in exists: the words stay and
    ``suggestions`` lists the neutral alternatives to consider.
    """

    start: int
    end: int
    original: str
    replacement: str | None
    suggestions: tuple[str, ...]
    term: str


@cache
def _inflect() -> Any:
    import inflect

    return inflect.engine()


def _match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _keep_number(written: str, term: str, replacement: str) -> str:
    """Pluralise the replacement's last word when the written noun is plural and the
    term singular ("dictators" -> "leaders")."""
    eng = _inflect()
    last = written.split()[-1].lower()
    term_last = term.split()[-1].lower()
    if last == term_last or eng.singular_noun(term_last):
        return replacement
    if eng.singular_noun(last) != term_last:
        return replacement
    words = replacement.split(" ")
    if eng.singular_noun(words[-1]):
        return replacement  # already plural ("Russian forces")
    words[-1] = eng.plural_noun(words[-1])
    return " ".join(words)


def _article_before(text: str, start: int) -> int | None:
    """Start of an "a"/"an" right before ``start`` (one space between), or None."""
    for article in ("an ", "a ", "An ", "A "):
        a = start - len(article)
        if a >= 0 and text[a:start] == article and (a == 0 or not text[a - 1].isalnum()):
            return a
    return None


def rewrite_edits(text: str, matches: Sequence[Any]) -> list[Edit]:
    """The edits of the neutral rewording of ``text`` (see the module docstring).

    ``matches`` are :class:`biaskit.score.Match` objects in text order.
    """
    edits: list[Edit] = []
    pos = 0
    capitalize_at: int | None = None  # a dropped first word leaves the next to capitalise
    for m in matches:
        if not m.counted or m.measure != "loaded" or m.start < pos:
            continue
        if capitalize_at is not None and m.start != capitalize_at:
            edits.extend(_capitalize(text, capitalize_at))
            capitalize_at = None
        replacement = m.term if m.category == "scare_quote" else m.replacement
        if replacement is None:
            if capitalize_at is not None:
                edits.extend(_capitalize(text, capitalize_at))
                capitalize_at = None
            edits.append(Edit(m.start, m.end, m.text, None, m.neutral, m.term))
            pos = m.end
            continue
        start, end = m.start, m.end
        if replacement == OMIT:
            if text[end : end + 1] in (".", ";", ":", "?", "!"):
                # "the plan was inane." has no drop-in: dropping the word breaks the sentence
                edits.append(Edit(m.start, m.end, m.text, None, m.neutral, m.term))
                pos = m.end
                continue
            if text[start - 2 : start] == ", " and text[end : end + 2] == ", ":
                start -= 2  # "will, of course, fail" -> "will fail"
            elif text[end : end + 1] == " ":
                end += 1
            if m.text[:1].isupper():
                capitalize_at = end
            new = ""
            article = _article_before(text, start)
            nxt = re.match(r"[\w'’-]+", text[end:])
            if article is not None and article >= pos and nxt:
                # "a massive attack" -> "an attack": the article follows the next word
                word = _inflect().a(nxt.group()).split(" ")[0]
                new, start = _match_case(text[article : article + 1], word) + " ", article
            edits.append(Edit(start, end, text[start:end], new, m.neutral, m.term))
            pos = end
            continue
        if m.category in _NOUN_CATEGORIES:
            replacement = _keep_number(m.text, m.term, replacement)
        if m.category != "scare_quote":
            replacement = _match_case(m.text, replacement)
        if capitalize_at == start:
            replacement = replacement[:1].upper() + replacement[1:]
            capitalize_at = None
        article = _article_before(text, start)
        if article is not None and article >= pos:
            phrase = _inflect().a(replacement.split(" ")[0]).split(" ")[0]
            phrase = _match_case(text[article : article + 1], phrase)
            replacement = f"{phrase} {replacement}"
            start = article
        edits.append(Edit(start, end, text[start:end], replacement, m.neutral, m.term))
        pos = end
    if capitalize_at is not None:
        edits.extend(_capitalize(text, capitalize_at))
    return edits


def _capitalize(text: str, at: int) -> list[Edit]:
    """An edit capitalising the letter at ``at`` (none if it is not a lowercase letter)."""
    if at < len(text) and text[at].islower():
        return [Edit(at, at + 1, text[at], text[at].upper(), (), "")]
    return []
