"""Text handling with character offsets: words, sentences and quotations.

Our own splitter and tokenizer, so nothing needs NLTK data. Every span is a
``(start, end)`` pair of offsets into the original string: ``text[start:end]``
is always the exact piece of text that was found.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Quote",
    "Span",
    "count_words",
    "find_quotes",
    "normalize_for_matching",
    "sentence_index",
    "split_sentences",
    "tokenize",
]

#: A word: letters or digits, joined by inner hyphens, apostrophes or dots
#: ("self-proclaimed", "don't", "U.S", "3.5"). Non-Latin scripts are words too.
WORD_RE = re.compile(r"\w+(?:[-‐‑'’.]\w+)*")

#: Abbreviations whose full stop does not end a sentence (compared lowercased).
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "rep",
        "sen",
        "gov",
        "pres",
        "st",
        "mt",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thurs",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.s.a",
        "d.c",
        "a.m",
        "p.m",
        "etc",
        "vs",
        "no",
        "nos",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "approx",
        "est",
        "dept",
        "govt",
        "univ",
        "fig",
        "vol",
        "pp",
        "e.g",
        "i.e",
        "cf",
        "al",
    ]
)

_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s|$)|\n[ \t]*\n\s*|\n(?=[ \t]*[A-Z“\"«])")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)[.]$")


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text with offsets into the original string."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted span. ``start``/``end`` include the quote marks.

    ``kind`` is ``"direct"`` for someone's reported words and ``"scare"`` for a
    short quoted span the writer uses to keep its distance ("peace talks").
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    kind: Literal["direct", "scare"]
    n_words: int
    text: str

    @property
    def inner(self) -> str:
        """The quoted words without the quote marks."""
        return self.text[self.inner_start - self.start : self.inner_end - self.start]


def tokenize(text: str) -> list[Span]:
    """Split ``text`` into word tokens, keeping offsets."""
    return [Span(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def count_words(text: str) -> int:
    """Number of word tokens in ``text`` (same rule as :func:`tokenize`)."""
    return len(WORD_RE.findall(text))


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentences, keeping offsets.

    Handles abbreviations (Mr., U.S., Feb.), initials, decimal numbers,
    closing quotes after the full stop, headlines on their own line and
    paragraph breaks. Leading and trailing white space is not part of a sentence.
    """
    spans: list[Span] = []
    start = 0
    n = len(text)
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.end()
        token = m.group()
        if token[0] == ".":
            word = _WORD_BEFORE_RE.search(text, max(0, m.start() - 12), m.start() + 1)
            if word is not None:
                before = word.group(1).lower()
                if before in ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
                    continue
            nxt = text[end : end + 3].lstrip()
            if nxt[:1].islower():
                continue
        _add_sentence(text, start, end, spans)
        start = end
    if start < n:
        _add_sentence(text, start, n, spans)
    return spans


def _add_sentence(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))


def sentence_index(starts: list[int], offset: int) -> int:
    """Index of the sentence containing ``offset``, given sorted sentence starts."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


# --- matching normalisation -------------------------------------------------

_FOLD = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "ʼ": "'"})
_FOLD_CHARS = frozenset("’‘‐‑ʼ")


def normalize_for_matching(text: str) -> str:
    """Lowercase ``text`` and fold curly apostrophes and odd hyphens, keeping its length.

    The result has exactly one character per character of ``text``, so offsets
    found in it are offsets into ``text``.
    """
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ" lowercases to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if not _FOLD_CHARS.isdisjoint(low):
        low = low.translate(_FOLD)
    return low


# --- quotations -------------------------------------------------------------

_OPEN = {"“": "”", "«": "»", "„": "“”", '"': '"'}
_DOUBLE_RE = re.compile(r"[\"“”„«»]|\n[ \t]*\n")
_SINGLE_RE = re.compile(r"(?<![\w'’])[‘'](?=\w)([^\n‘’'\"“”]{1,60}?[\w.,!?])[’'](?!\w)")
_SPEECH_BEFORE_RE = re.compile(
    r"(?:\b(?:said|says|say|saying|told|tells|stated|states|asked|asks|added|adds|wrote|writes|"
    r"declared|declares|announced|replied|replies|insisted|claimed|claims|tweeted|posted|"
    r"according to|quoted as saying|in (?:his|her|their|its) words|as (?:he|she|they|it) put it|"
    r"what (?:he|she|they|it) called|(?:he|she|they|it) called it)\b[^\w\n]{0,3}|[:])\s*$",
    re.IGNORECASE,
)
_SPEECH_AFTER_RE = re.compile(
    r"^\s*[,—–-]?\s*(?:(?:he|she|they|it|I|we)\s+|(?:[A-Z][\w.'’-]*\s+){1,4}|"
    r"(?:the|a)\s+[a-z]+\s+)?(?:said|says|told|added|adds|wrote|writes|asked|stated|replied|"
    r"insisted|explained|continued|recalled|tweeted|posted)\b",
)
_REPORTING_RE = re.compile(
    r"\b(?:said|says|told|tells|stated|states|announced|according to|in (?:his|her|their) words|"
    r"wrote|writes|declared|quoted|claimed|claims|insisted|added|adds|explained)\b",
    re.IGNORECASE,
)
_MAX_SCARE_WORDS = 4


def find_quotes(text: str, sentences: list[Span] | None = None) -> list[Quote]:
    """Find quoted spans and tell direct quotations from scare quotes.

    Double quotes (straight, curly, guillemets, „low“) are paired within a
    paragraph; a quote left open at a paragraph break is closed there, and a
    closing mark with no opening mark quotes from the paragraph start (a
    common slip in news copy). Single quotes count when they wrap at most six
    words and are not apostrophes. A quote of more than four words, or one
    presented as someone's speech ("he said:", ", she added", "in his words"),
    is ``direct``; a shorter one not presented as speech is ``scare``.
    """
    if sentences is None:
        sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    raw: list[tuple[int, int, bool]] = []  # (open index, close index exclusive, closed properly)
    para_start = 0
    open_at = -1
    closers = ""
    for m in _DOUBLE_RE.finditer(text):
        ch = m.group()
        i = m.start()
        if ch[0] == "\n":  # paragraph break
            if open_at >= 0:
                raw.append((open_at, i, False))
                open_at = -1
            para_start = m.end()
            continue
        if open_at < 0:
            if ch == '"':
                prev = text[i - 1] if i > 0 else " "
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if (prev.isalnum() or prev in ".,!?;") and (nxt.isspace() or nxt in ".,;:!?)"):
                    _orphan_close(text, para_start, i, raw)  # looks like a closing mark
                    para_start = i + 1
                    continue
            if ch in _OPEN:
                open_at, closers = i, _OPEN[ch]
            else:  # a closing mark with nothing open
                _orphan_close(text, para_start, i, raw)
                para_start = i + 1
        elif ch in closers:
            raw.append((open_at, i + 1, True))
            open_at = -1
    if open_at >= 0:
        raw.append((open_at, len(text), False))

    double_spans = [(a, b) for a, b, _ in raw]
    for m in _SINGLE_RE.finditer(text):
        a, b = m.start(), m.end()
        if any(s <= a < e for s, e in double_spans):
            continue
        if len(WORD_RE.findall(m.group(1))) <= 6:
            raw.append((a, b, True))
    raw.sort()

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
        kind = _quote_kind(text, a, b, inner, n_words, closed, starts, sentences)
        quotes.append(Quote(a, b, inner_start, inner_end, kind, n_words, text[a:b]))
    return quotes


def _orphan_close(text: str, para_start: int, i: int, raw: list[tuple[int, int, bool]]) -> None:
    """Record a quote from the paragraph start to an unmatched closing mark."""
    start = para_start
    while start < i and text[start].isspace():
        start += 1
    if start < i:
        raw.append((start, i + 1, True))


def _quote_kind(
    text: str,
    a: int,
    b: int,
    inner: str,
    n_words: int,
    closed: bool,
    starts: list[int],
    sentences: list[Span],
) -> Literal["direct", "scare"]:
    if n_words > _MAX_SCARE_WORDS or not closed:
        return "direct"
    sent = sentences[sentence_index(starts, a)] if sentences else Span(0, len(text), text)
    before = text[max(sent.start, a - 60) : a]
    if _SPEECH_BEFORE_RE.search(before):
        return "direct"
    after = text[b : b + 60]
    if inner.rstrip()[-1:] in ",!?" and _SPEECH_AFTER_RE.match(after):
        return "direct"
    if _SPEECH_AFTER_RE.match(after) and after.lstrip()[:1] in ",—–-":
        return "direct"
    if inner.rstrip()[-1:] in ".!?":
        outside = text[sent.start : a] + " " + text[b : sent.end]
        if _REPORTING_RE.search(outside):
            return "direct"
    return "scare"
