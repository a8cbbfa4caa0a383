"""Who is speaking: the name, pronoun or role next to a reporting verb."""

from __future__ import annotations

import re
from functools import cache

from biaskit.language import Language

__all__ = ["speaker_near"]

_NAME = r"(?:[A-ZА-ЯЁІЇЄҐ][\w.'’-]*(?:\s+(?:[A-ZА-ЯЁІЇЄҐ][\w.'’-]*|of|the|de|van|von|al))*)"
_ARTICLE_PHRASE = r"(?:the|a|an)\s+(?:[a-z]+\s+){0,2}[a-z]+"
_NOT_SPEAKERS = frozenset({"The", "A", "An", "This", "That", "It", "In", "On", "But", "And"})


@cache
def _patterns(lang: Language) -> tuple[re.Pattern[str], re.Pattern[str]]:
    pronouns = "|".join(sorted(map(re.escape, lang.speaker_pronouns)) or ["(?!)"])
    who = rf"(?P<who>{_NAME}|{_ARTICLE_PHRASE}|(?i:{pronouns}))"
    before = re.compile(
        rf"(?:^|[\s,;(]){who}"
        r"[\s”\"'»]*(?:(?:has|had|also|then|later|again|once|repeatedly)\s+)*[“\"'«]?$"
    )
    after = re.compile(rf"^[”\"'»]?\s+{who}")
    return before, after


def _acceptable(who: str, lang: Language) -> bool:
    if who in _NOT_SPEAKERS:
        return False
    words = who.split()
    if words[0].lower() in ("the", "a", "an"):
        # "the senator", "a Kremlin spokesman": the phrase must end in a speaker noun
        last = words[-1].lower()
        return last in lang.speaker_nouns or last in lang.role_nouns
    return True


def speaker_near(
    text: str, start: int, end: int, sent_start: int, sent_end: int, lang: Language
) -> str | None:
    """The speaker of the verb at ``text[start:end]``, where a name, pronoun or role stands
    next to it in its sentence; None where nothing acceptable does."""
    before_re, after_re = _patterns(lang)
    m = before_re.search(text[max(sent_start, start - 60) : start])
    if m and _acceptable(m.group("who").strip(), lang):
        return m.group("who").strip()
    m = after_re.match(text[end : min(sent_end, end + 60)])
    if m and _acceptable(m.group("who").strip(), lang):
        return m.group("who").strip()
    return None
