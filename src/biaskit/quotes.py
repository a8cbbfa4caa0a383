"""Quotations: find quoted spans and tell speech, mentions and scare quotes apart.

Quote kinds are decided by an ordered list of named rules (see :func:`find_quotes`); each
:class:`Quote` records the rule that decided it, so "why is this a scare quote?" has an
answer by name. Word lists come from the language pack (:mod:`biaskit.language`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from biaskit.language import Language, load_language
from biaskit.morph import lemmatizer
from biaskit.quotemarks import quoted_spans
from biaskit.tokens import WORD_RE, normalize_for_matching, sentence_around

__all__ = ["Quote", "QuoteKind", "find_quotes", "has_quote", "quote_term"]

QuoteKind = Literal["direct", "scare", "mention"]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted span. ``start``/``end`` include the quote marks.

    ``kind`` is ``"direct"`` for someone's reported words, ``"mention"`` for a
    title or a word quoted as a word (the show "The Apprentice", the word
    "ambulance"), and ``"scare"`` for a short quoted span the writer uses to
    keep its distance ("peace talks"). ``rule`` names the rule that decided.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    kind: QuoteKind
    n_words: int
    text: str
    rule: str = ""

    @property
    def inner(self) -> str:
        """The quoted words without the quote marks."""
        return self.text[self.inner_start - self.start : self.inner_end - self.start]


def quote_term(inner: str) -> str:
    """A quoted phrase as one term: lowercased, spaces collapsed, in curly quotes."""
    return "“" + " ".join(normalize_for_matching(inner).split()) + "”"


def has_quote(text: str) -> bool:
    """Whether :func:`find_quotes` could find anything: a quote mark or an embedded post."""
    return any(c in text for c in "\"“”„«»‘'") or "(@" in text





# The last word before a quote, and the phrases and naming verbs that present it as speech.
# (tried only where a letter follows a non-letter: the leftmost match starts there)
_LAST_WORD_RE = re.compile(r"(?<![^\W\d_])([^\W\d_][\w'’]*)[^\w\n]{0,3}\s*$")
_SPEECH_PHRASE_BEFORE_RE = re.compile(
    r"(?:\b(?:according to|quoted as saying|in (?:his|her|their|its) words|"
    r"as (?:he|she|they|it) put it|what (?:he|she|they|it) called|"
    r"(?:he|she|they|it) called it)\b[^\w\n]{0,3}|[:])\s*$"
    # a term attributed to whoever uses it: what Moscow calls a "...", dubbed it "..."
    r"|\b(?:calls?(?!\s+for\b)|(?<!so-)called(?!\s+for\b)|dubs|dubbed|terms|termed|brands|"
    r"branded|describes? as|described as|refers? to as|referred to as)\s+(?:[\w'’]+\s+){0,5}$",
    re.IGNORECASE,
)
# A speaker and the word after a quote: "“Rigged,” the senator wrote", "..., said Putin".
_WORD_AFTER_RE = re.compile(
    r"\s*[,—–-]?\s*(?:(?:he|she|they|it|I|we)\s+|(?:[A-ZА-ЯЁІЇЄҐ][\w.'’-]*\s+){1,4}|"
    r"(?:the|a)\s+[a-z]+\s+)?([^\W\d_]+)\b"
)
_ALSO_AFTER = frozenset({"explained", "continued", "recalled"})


def _speech_before(before: str, lang: Language) -> bool:
    """A reporting verb, a colon or an attributing phrase right before a quote."""
    m = _LAST_WORD_RE.search(before)
    if m:
        last = _words(m.group(1).lower(), lang)
        if last and last[0] in lang.speech_verbs:
            return True
    return _SPEECH_PHRASE_BEFORE_RE.search(before) is not None


def _speech_right_after(after: str, lang: Language) -> bool:
    """A reporting verb right after a quote (with its speaker)."""
    m = _WORD_AFTER_RE.match(after)
    if not m:
        return False
    word = _words(m.group(1).lower(), lang)
    return bool(word) and (word[0] in lang.speech_verbs or word[0] in _ALSO_AFTER)


def _words(text: str, lang: Language) -> list[str]:
    """Lowercased words (lemmas in a lemma-matched language)."""
    words = _LOWER_WORD_RE.findall(text)
    if lang.match == "lemma":
        lemma = lemmatizer(lang.code)
        return [lemma(w) for w in words]
    return words


_REPORTING_PHRASE_RE = re.compile(
    r"\b(?:according to|in (?:his|her|their|its) words|lash(?:es|ed|ing)? out|"
    r"fir(?:e|es|ed|ing) back)\b",
    re.IGNORECASE,
)
_LOWER_WORD_RE = re.compile(r"[^\W\d_]+")


def _distancing_phrase_before(before: str, lang: Language) -> bool:
    """The words right before a quote end with a distancing phrase ("так называемая")."""
    words = _words(before[-40:].lower(), lang)
    return any(tuple(words[-len(p) :]) == p for p in lang.distancing_phrases)


def _without_distancing(words: list[str], lang: Language) -> list[str]:
    """``words`` without the distancing phrases in them (their verb is not speech)."""
    for p in lang.distancing_phrases:
        k = len(p)
        i = 0
        while i + k <= len(words):
            if tuple(words[i : i + k]) == p:
                del words[i : i + k]
            else:
                i += 1
    return words


def _presented_as_speech(outside: str, lang: Language) -> bool:
    """True if the words around a quote include a reporting verb or utterance noun."""
    low = outside.lower().replace("so-called", "")
    if not lang.reporting_words.isdisjoint(_without_distancing(_words(low, lang), lang)):
        return True
    return _REPORTING_PHRASE_RE.search(low) is not None


# Words quoted as words, or names of works, plans and slogans: a mention, not a scare quote.
_MENTION_BEFORE_RE = re.compile(
    r"\b(?:words?|phrases?|terms?|labels?|slogans?|definition of|meaning of|titled|entitled|"
    r"named|nicknamed|known(?:\s+\w+){0,3}\s+as|knows?(?:\s+\w+){1,3}\s+as|reading|read|"
    r"headlined|title(?:d| of)?|means?|meaning|the letters?)\s*[:,]?\s*$",
    re.IGNORECASE,
)
# A headline's speaker tag: a few capitalised words and a colon ("Jeh Johnson: ...").
_HEADLINE_SPEAKER_RE = re.compile(r"(?:^|(?<=[\s.]))(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*:\s")
# A nickname between a first name and a surname: Marie “Masha” Yovanovitch.
_NAME_BEFORE_RE = re.compile(r"\b[A-Z][a-z]+\s$")
_NAME_AFTER_RE = re.compile(r"\s[A-Z][a-z]+\b")
# A sentence that names the quote as a slogan, nickname or term: a mention.
_MENTION_NOUN_RE = re.compile(
    r"\b(?:slogans?|mantras?|rallying cry|catchphrases?|mottos?|nicknames?|nicknamed|buzzwords?|"
    r"the (?:term|phrase|word|words|label|expression))\b",
    re.IGNORECASE,
)
_NEXT_WORD_RE = re.compile(r"(?:['’]s)?\s+([a-z]+)")
_CLAUSE_MARK_RE = re.compile(r"[,;—–(]|\s-\s")
_LINE_ENDINGS = frozenset(".!?:;,")
_MAX_HEADLINE_WORDS = 16
_DISTANCING_BEFORE_RE = re.compile(
    r"\b(?:so-called|so called|self-styled|self-proclaimed|supposed|would-be|quote-unquote)\s*$",
    re.IGNORECASE,
)
_TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_FIRST_SECOND_PERSON_RE = re.compile(
    r"\b(?:I|I['’](?:m|ve|ll|d)|[Mm]e|[Mm]y|[Ww]e|[Ww]e['’](?:re|ve|ll)|[Uu]s|[Oo]ur|"
    r"[Yy]ou|[Yy]ou['’](?:re|ve|ll)|[Yy]our)\b"
)
_MAX_SCARE_WORDS = 4


def find_quotes(text: str, language: str = "en") -> list[Quote]:
    """Find quoted spans and tell direct quotations from scare quotes.

    Double quotes (straight, curly, guillemets, „low“) are paired within a
    paragraph; a quote left open at a paragraph break is closed there, and a
    closing mark with no opening mark quotes from the paragraph start (a
    common slip in news copy). Single quotes count when they wrap at most six
    words and are not apostrophes. A quote of more than four words, a whole
    sentence, words in the first or second person, or a quote its sentence
    presents as someone's words is ``direct``: a reporting verb such as
    "said", "claimed", "slammed" or a noun such as "statement" before it, or
    after it across a comma ("“rigged,” the senator wrote"), or a noun such as
    "comment" right after it. A title in capitals or a word quoted as a word
    ("the word “ambulance”") is a ``mention``. What is left, a short quote
    nobody is said to have spoken, is ``scare``: "the “peacemaker” admitted"
    mocks its subject.
    """
    lang = load_language(language)
    raw = quoted_spans(text)

    quotes: list[Quote] = []
    for a, b, closed in raw:
        inner_start = a + 1 if text[a] in "\"“”„«»‘'" else a
        inner_end = b - 1 if closed else b
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        inner = text[inner_start:inner_end]
        n_words = len(WORD_RE.findall(inner))
        if n_words == 0:
            continue
        kind, rule = _quote_kind(text, a, b, inner, n_words, closed, lang)
        quotes.append(Quote(a, b, inner_start, inner_end, kind, n_words, text[a:b], rule))
    return quotes


def _speech_after(text: str, b: int, sent_end: int, inner: str, lang: Language) -> bool:
    """A reporting word after the quote, across a comma or dash from it.

    "“Rigged,” the senator wrote" and "a “cordon operation” in Khyber, the army said"
    present the quote as speech; in "the “peacemaker” admitted" the quote is the
    subject of the verb, and the quote marks mock it.
    """
    after = text[b:sent_end]
    low = after.lower()
    first = _NEXT_WORD_RE.match(low)
    if first and _words(first.group(1), lang)[:1] and _words(first.group(1), lang)[0] in (
        lang.utterance_nouns
    ):
        return True  # his “Pocahontas” comment, the “no strategy” remarks
    comma_inside = inner.rstrip()[-1:] in ",;"
    lemma = lemmatizer(lang.code) if lang.match == "lemma" else None
    for m in _LOWER_WORD_RE.finditer(low):
        word = lemma(m.group()) if lemma else m.group()
        if word in lang.reporting_words and (
            comma_inside or _CLAUSE_MARK_RE.search(after, 0, m.start())
        ):
            return True
    m = _REPORTING_PHRASE_RE.search(low)
    return m is not None and (
        comma_inside or _CLAUSE_MARK_RE.search(after, 0, m.start()) is not None
    )


def _in_headline(text: str, a: int, b: int) -> bool:
    """Single quotes on a short line with no closing punctuation: a headline's quotation.

    News headlines mark quotations with single quotes ("Graham wants 'shortest
    trial possible'"); double quotes in a headline may still be scare quotes.
    """
    if text[a] not in "'‘":
        return False
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", b)
    line = text[start : len(text) if end < 0 else end].rstrip()
    ending = line.rstrip("\"”’')")
    if not ending or ending[-1] in _LINE_ENDINGS:
        return False
    return len(WORD_RE.findall(line)) <= _MAX_HEADLINE_WORDS


def _is_title(inner: str, small: frozenset[str]) -> bool:
    """Two or more words, every one capitalised but small words: a name or title."""
    words = _TITLE_WORD_RE.findall(inner)
    if len(words) < 2:
        return False
    return all(w[0].isupper() or (i > 0 and w.lower() in small) for i, w in enumerate(words))


def _quote_kind(
    text: str,
    a: int,
    b: int,
    inner: str,
    n_words: int,
    closed: bool,
    lang: Language,
) -> tuple[QuoteKind, str]:
    """Tell speech, a mention (a title, a word as a word) and a scare quote apart.

    The rules run in order and the first that decides names itself in ``Quote.rule``.
    A short quote is a scare quote only when nothing in its sentence presents it as
    someone's words: news style attributes partial quotes, so a reporting verb or
    utterance noun before the quote, or after it across a comma, makes it speech.
    """
    if n_words > _MAX_SCARE_WORDS or not closed:
        return "direct", "long-quote"
    sent_start, sent_end = sentence_around(text, a, b, lang.code)
    before = text[max(sent_start, a - 60) : a]
    if lang.distancing_phrases and _distancing_phrase_before(before, lang):
        return "scare", "so-called"  # так называемая «ДНР»: the participle is not speech
    if lang.match == "lemma" and lang.mention_nouns:
        last = _words(before[-30:].lower(), lang)
        if last and last[-1] in lang.mention_nouns:
            return "mention", "word-as-word"  # слово «хунта»: the word, not anyone's speech
    if _speech_before(before, lang):
        return "direct", "reporting-word-before"
    after = text[b : b + 60]
    if _speech_right_after(after, lang) and (
        inner.rstrip()[-1:] in ",!?" or after.lstrip()[:1] in ",—–-"
    ):
        return "direct", "reporting-word-after"
    if _DISTANCING_BEFORE_RE.search(before):
        return "scare", "so-called"  # the writer's distance, whoever spoke
    if _FIRST_SECOND_PERSON_RE.search(inner):
        return "direct", "first-or-second-person"  # "to “bring our jobs home”"
    outside = text[sent_start:a] + " " + text[b:sent_end]
    if not WORD_RE.search(outside):
        return "direct", "whole-sentence"
    if _presented_as_speech(text[sent_start:a], lang) or _speech_after(
        text, b, sent_end, inner, lang
    ):
        return "direct", "speech-in-sentence"
    if _HEADLINE_SPEAKER_RE.search(text, sent_start, a) or _in_headline(text, a, b):
        return "direct", "headline-quotation"  # "Jeh Johnson: Ebola outbreak 'manageable'"
    if _MENTION_BEFORE_RE.search(before) or _MENTION_NOUN_RE.search(outside):
        return "mention", "word-as-word"
    named = _NAME_BEFORE_RE.search(before) and _NAME_AFTER_RE.match(after)
    if _is_title(inner, lang.title_small_words) or named:
        return "mention", "title-or-nickname"
    if lang.quoted_names and inner[:1].isupper() and WORD_RE.search(text, sent_start, a):
        # Russian and Ukrainian quote proper names (бригада «Спартан», ООО «Вектор»); a
        # capital inside a sentence marks a name, while scare quotes are lowercase («союзники»)
        return "mention", "quoted-name"
    return "scare", "unattributed-short-quote"
