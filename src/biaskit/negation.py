"""Negation: whether the sentence rejects a matched word ("is not a dictator").

Surface packs (English): a negator ("not", "never", "no", "nobody", "n't", "far from")
negates what follows it up to the end of its clause (``negation_scope``): the scope stops at
a clause break ("but", "although"), a relative pronoun or subordinating conjunction
(``negation_scope_breaks`` in ``language.yaml``), a semicolon, colon, dash or bracket, and at
a comma, unless the comma opens an aside that another comma closes ("He is not, as critics
say, a tyrant"; "Nobody in the cabinet, not even his allies, would call him a dictator");
", and" and ", or" after the aside still end it ("He did not attend, and the dictator
spoke"). "Not only" undoes the negation. A negation that governs a verb standing between
it and the match negates the verb, not the match: in "did not meet the dictator", "never
trusted the dictator" and "without condemning the invaders" the label is still the outlet's
(rule ``negated-verb``); copulas and verbs that give a label or an opinion keep it negated
("has never been a dictator", "did not become a dictator", "did not call him a dictator").

Lemma packs (Russian, Ukrainian), where the particle stands right before the word it
negates: a negator among the five words before the match in its clause, with no verb between
them but a copula (``negation_copulas`` in ``language.yaml``: быть, являться; бути, являтися).
A verb takes the negation itself: in "не выдержали давления оккупантов" the verb is negated
and the loaded noun after it is still the writer's word, while in "они не оккупанты" and "они
не являются оккупантами" it is rejected. A word after the negator that makes it mean "not
only", "not for the first time" or "not by chance" (``negation_undone``) undoes it.

A verb of denial is decided with the voice rules (:mod:`biaskit.voice`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from biaskit.morph import pos_tagger
from biaskit.senses import lexicon_tag
from biaskit.tokens import WORD_RE
from biaskit.voice import Cue, Token, any_mark_in

if TYPE_CHECKING:
    from biaskit.language import Language

__all__ = [
    "NEGATION_WINDOW",
    "in_negation_scope",
    "negated_by_cues",
    "negated_in_words",
    "negates_verb",
]

#: How many words before a match a negator may stand.
NEGATION_WINDOW = 5
_CLAUSE_PUNCT_RE = re.compile(r"[,;:—–()]|\s-\s")
_HARD_SCOPE_MARKS = ";:—–()"
_ASIDE_ENDS = frozenset({"and", "or", "but", "nor", "so", "then"})


def in_negation_scope(low: str, lang: Language, e: int, start: int) -> bool:
    """Whether a negator ending at ``e`` still governs the words at ``start`` (same clause)."""
    if any_mark_in(low, _HARD_SCOPE_MARKS, e, start):
        return False
    seg = low[e:start]
    while (i := seg.find(",")) >= 0:
        j = seg.find(",", i + 1)
        if j < 0:
            return False  # a lone comma ends the clause
        inside = WORD_RE.findall(seg, i + 1, j)
        rest = WORD_RE.findall(seg, j + 1)
        if (inside and inside[0] in _ASIDE_ENDS) or (rest and rest[0] in _ASIDE_ENDS):
            return False  # ", and the dictator spoke": a new clause
        seg = seg[:i] + " " + seg[j + 1 :]  # an aside: the clause goes on after it
    breaks = lang.clause_breaks | lang.negation_scope_breaks
    words = WORD_RE.findall(seg)
    first = WORD_RE.match(low, start)
    if first:
        words.append(first.group())  # "... and claimed": the match's own first word
    for k, w in enumerate(words):
        if w in breaks:
            return False
        if w in ("and", "or") and k + 1 < len(words) and words[k + 1] not in lang.determiners:
            return False  # "never give up ... and claimed": a second predicate
    return True


def negated_by_cues(low: str, lang: Language, cues: list[Cue], start: int) -> str:
    """``"negated"`` when a negator among the cue words before ``start`` governs it,
    ``"negated-verb"`` when the nearest negator in scope negates a verb before it instead,
    else ``""`` (surface packs)."""
    verb = ""
    for s, e, w in reversed(cues):
        if w == "far":
            if not low.startswith(" from", e):
                continue
        elif w not in lang.negators and w != "n't":
            continue
        nxt = WORD_RE.match(low, e + 1) if e < len(low) else None
        if w != "far" and nxt is not None and nxt.group() in lang.negation_undone:
            continue
        if in_negation_scope(low, lang, e, start):
            if negates_verb(low, lang, s, e, w, start):
                verb = "negated-verb"
                continue
            return "negated"
    return verb


# Adverbs that may stand between a negator and its verb ("did not even meet").
_ADVERBS = frozenset(
    {"even", "ever", "yet", "always", "once", "again", "quite", "really", "actually", "exactly",
     "necessarily", "directly", "personally", "publicly", "formally", "officially", "also"}
)
_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})


def negates_verb(low: str, lang: Language, s: int, e: int, w: str, start: int) -> bool:
    """Whether the negator ``w`` at ``s:e`` negates a verb that stands before ``start``
    ("did not meet the dictator", "never trusted", "without condemning"): the match is
    then in the verb's object, not rejected. Copulas and verbs of labelling or opinion
    (``copulas``, ``naming_verbs``, ``clause_verbs``, ``label_verbs``) do not count: "has
    never been a dictator", "did not call him a dictator" stay negated."""
    if w not in ("not", "n't", "never", "without") or not lang.auxiliaries:
        return False
    if w == "n't":
        word = WORD_RE.match(low, low.rfind(" ", 0, s) + 1)
        before = word.group()[:-3] if word else ""
    else:
        prev = WORD_RE.findall(low, max(0, s - 30), s)
        before = prev[-1] if prev else ""
    after_aux = before in lang.auxiliaries  # "did not", "won't", "has never"
    for m in WORD_RE.finditer(low, e, start):
        v = m.group()
        if v in _ADVERBS or v.endswith("ly"):
            continue
        if v in ("have", "has", "had"):
            after_aux = True  # "not have met", "never had met"
            continue
        labels = v in lang.naming_verbs and (
            v not in lang.naming_verbs_with_as or "as" in WORD_RE.findall(low, m.end(), start)
        )  # "did not call him a dictator", "never condemned it as brutal"
        if labels or v in lang.copulas or v in lang.clause_verbs or v in lang.label_verbs:
            return False
        tag = lexicon_tag(v)
        if w == "without":  # "without condemning", not "without anything"
            return v.endswith("ing") and tag in _VERB_TAGS
        # after an auxiliary the next word is a verb; elsewhere ask the lexicon ("never
        # trusted", "was not attacked", not "is not a")
        return (after_aux and v.isalpha()) or tag in _VERB_TAGS
    return False


def negated_in_words(text: str, lang: Language, toks: list[Token], start: int) -> str:
    """``"negated"`` when a negator among the last words of the clause before ``start``
    governs it (lemma packs): the words between may not include a verb other than a copula;
    ``"negated-verb"`` when the negator negates such a verb instead ("не встречался с
    диктатором"); else ``""``."""
    window = toks[-NEGATION_WINDOW:]
    verb_negated = False
    pos = pos_tagger(lang.code) if lang.match == "lemma" else None
    reach: list[str] = []  # the words the negation may pass through, nearest first
    for i in range(len(window) - 1, -1, -1):
        s, e, w = window[i]
        if _CLAUSE_PUNCT_RE.search(text, e, start):
            break
        nxt = window[i + 1][2] if i + 1 < len(window) else None
        if (w in lang.negators or w.endswith("n't")) and nxt not in lang.negation_undone:
            return "negated"
        if w in lang.clause_breaks:
            break
        reach.append(w)
        if (
            pos is not None
            and w not in lang.negation_copulas
            and w not in lang.negators
            and pos(text[s:e].lower()) == "verb"
        ):
            # "не выдержали давления оккупантов": the verb takes the negation
            verb_negated = i > 0 and window[i - 1][2] in lang.negators
            break
    # phrases without a negator word ("вряд ли", "навряд чи"); the others were decided above
    joined = " " + " ".join(reversed(reach)) + " "
    if any(
        f" {' '.join(p)} " in joined
        for p in lang.negation_phrases
        if len(p) > 1 and not lang.negators.intersection(p)
    ) or (lang.code == "en" and bool(re.search(r"\bfar from $", joined))):
        return "negated"
    return "negated-verb" if verb_negated else ""
