"""Who is speaking: the name, pronoun or role next to a reporting verb."""

from __future__ import annotations

import re
from functools import cache

from biaskit.language import Language

__all__ = ["speaker_near"]

_CAP = r"[A-ZА-ЯЁІЇЄҐ][\w.'’-]*"
_NAME = rf"(?:{_CAP}(?:\s+(?:{_CAP}|of|the|de|van|von|al))*)"
# "Kremlin spokesman Dmitry Peskov", "White House press secretary Jen Psaki"
_ROLE_NAME = rf"(?:{_CAP}(?:\s+{_CAP})*\s+(?:[a-z]+\s+){{1,2}}{_NAME})"
_ARTICLE_PHRASE = r"(?:the|a|an|The|A|An)\s+(?:[\w’'-]+\s+){0,2}[\w’'-]+"
_NOT_SPEAKERS = frozenset({"The", "A", "An", "This", "That", "It", "In", "On", "But", "And"})


@cache
def _patterns(lang: Language) -> tuple[re.Pattern[str], re.Pattern[str]]:
    pronouns = "|".join(sorted(map(re.escape, lang.speaker_pronouns)) or ["(?!)"])
    who = rf"(?P<who>{_ROLE_NAME}|{_ARTICLE_PHRASE}|{_NAME}|(?i:(?:{pronouns})\b))"
    before = re.compile(
        rf"(?:^|[\s,;(]){who}"
        r"[\s”\"'»]*(?:(?:has|had|also|then|later|again|once|repeatedly)\s+)*[“\"'«]?$"
    )
    after = re.compile(rf"^[”\"'»]?\s+{who}")
    return before, after


def _is_noun(word: str, lang: Language) -> bool:
    low = word.lower()
    return low in lang.speaker_nouns or low in lang.role_nouns


def _trimmed(who: str) -> str:
    """``who`` without a sentence's full stop ("Dmitry Peskov." -> "Dmitry Peskov"; an initial
    such as "John F." keeps it)."""
    who = who.strip()
    if who.endswith(".") and not re.search(r"(?:^|\s)\w\.$", who):
        return who[:-1]
    return who


def _acceptable(who: str, lang: Language) -> bool:
    """A name-like span: capitalised words, a pronoun, or a phrase ending in a speaker or
    role noun ("the ministry"); never an article and an adjective, adverb or stray words
    ("a highly", "an algorithm to", "the truth from")."""
    if who in _NOT_SPEAKERS:
        return False
    words = who.split()
    low = [w.lower() for w in words]
    if len(words) == 1 and low[0] in lang.stopwords and low[0] not in lang.speaker_pronouns:
        return False  # "Then said the Kremlin": a capitalised function word is no name
    if low[0] in ("the", "a", "an"):
        if any(w in lang.stopwords and w != "of" for w in low[1:]):
            return False  # "the truth from Moscow"
        # "the senator", "a Kremlin spokesman", "the Kremlin": the head must be a speaker
        # noun, a role noun or a name
        last = words[-1]
        return len(words) > 1 and (_is_noun(last, lang) or last[:1].isupper())
    if words[0][:1].isupper():
        # lowercase words inside a name must be role nouns ("Kremlin spokesman Dmitry Peskov")
        inner = (w for w in words if w[:1].islower() and w not in ("of", "the", "de", "van",
                                                                       "von", "al"))
        return all(_is_noun(w, lang) for w in inner)
    return words[0].lower() in lang.speaker_pronouns


def speaker_near(
    text: str, start: int, end: int, sent_start: int, sent_end: int, lang: Language
) -> str | None:
    """The speaker of the verb at ``text[start:end]``, where a name, pronoun or role stands
    next to it in its sentence; None where nothing acceptable does."""
    before_re, after_re = _patterns(lang)
    m = before_re.search(text[max(sent_start, start - 60) : start])
    if m and _acceptable(_trimmed(m.group("who")), lang):
        return _trimmed(m.group("who"))
    m = after_re.match(text[end : min(sent_end, end + 60)])
    if m and _acceptable(_trimmed(m.group("who")), lang):
        return _trimmed(m.group("who"))
    if m and m.group("who").split()[0].lower() in ("the", "a", "an"):
        # "said the ministry spokesman on Monday": retry on the shortest noun-headed phrase
        words = m.group("who").split()
        for k in range(2, len(words)):
            if _acceptable(" ".join(words[:k]), lang):
                return " ".join(words[:k])
    return None
