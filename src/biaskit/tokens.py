"""Words and sentences with character offsets, and the normalised view used for matching.

Our own splitter and tokenizer, so nothing needs NLTK data. Every span is a
``(start, end)`` pair of offsets into the original string: ``text[start:end]``
is always the exact piece of text that was found. Language data (abbreviations)
comes from the language pack (:mod:`biaskit.language`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from biaskit.language import load_language

__all__ = [
    "WORD_RE",
    "Bounds",
    "MatchView",
    "Span",
    "count_words",
    "match_view",
    "normalize_for_matching",
    "sentence_around",
    "sentence_bounds",
    "sentence_index",
    "split_sentences",
    "tokenize",
    "word_counts",
]

#: A word: letters or digits, joined by inner hyphens, apostrophes or dots
#: ("self-proclaimed", "don't", "U.S", "3.5"). Non-Latin scripts are words too.
WORD_RE = re.compile(r"\w++(?:[-‐‑'’ʼ.]\w++)*+")

Bounds = tuple[list[int], list[int]]


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text with offsets into the original string."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Span]:
    """Split ``text`` into word tokens, keeping offsets."""
    return [Span(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


_POSSESSIVE_RE = re.compile(r"'s$")


def word_counts(text: str) -> Counter[str]:
    """Lowercased words with a letter in them, possessive 's dropped, counted."""
    counts: Counter[str] = Counter()
    for m in WORD_RE.finditer(normalize_for_matching(text)):
        word = _POSSESSIVE_RE.sub("", m.group())
        if any(c.isalpha() for c in word):
            counts[word] += 1
    return counts


def count_words(text: str) -> int:
    """Number of word tokens in ``text`` (same rule as :func:`tokenize`)."""
    return len(WORD_RE.findall(text))


# --- sentences ----------------------------------------------------------------------------

_LOWER_START = "a-zа-яёіїєґў"


def _abbreviation_lookbehinds(abbreviations: frozenset[str]) -> str:
    """Look-behinds, checked just after a full stop, for abbreviations and initials."""
    by_len: dict[int, list[str]] = {}
    for a in sorted(abbreviations):
        by_len.setdefault(len(a), []).append(re.escape(a))
    # one fixed-width look-behind per length; single capitals are initials ("J. Smith")
    parts = [rf"(?<!\b(?i:{'|'.join(v)})\.)" for _, v in sorted(by_len.items())]
    return "".join(parts) + r"(?<!\b[A-ZА-ЯЁІЇЄҐЎ]\.)"


@cache
def sentence_end_re(language: str = "en") -> re.Pattern[str]:
    """A sentence end for ``language``: terminal punctuation (not after an abbreviation or an
    initial, and not followed by a lowercase word), a paragraph break, or a line break before
    a capitalised line (headlines). Group 1 is the punctuation."""
    abbreviations = load_language(language).abbreviations
    return re.compile(
        r"([.!?…](?<![.!?…].)"  # the first mark of a punctuation run
        + _abbreviation_lookbehinds(abbreviations)
        + rf"[.!?…]*[\"”’»)\]]*)(?:\s+(?![{_LOWER_START}])|$)"
        r"|\n[ \t]*\n\s*|\n[ \t]*(?=[A-ZА-ЯЁІЇЄҐЎ“\"«„])"
    )


def split_sentences(text: str, language: str = "en") -> list[Span]:
    """Split ``text`` into sentences, keeping offsets.

    Handles abbreviations (Mr., U.S., Feb.; т. е., им.), initials, decimal numbers,
    closing quotes after the full stop, headlines on their own line and paragraph
    breaks. Leading and trailing white space is not part of a sentence.
    """
    starts, ends = sentence_bounds(text, language)
    return [Span(a, b, text[a:b]) for a, b in zip(starts, ends, strict=True)]


def sentence_bounds(text: str, language: str = "en") -> Bounds:
    """Start and end offsets of the sentences of ``text`` (see :func:`split_sentences`)."""
    first = len(text) - len(text.lstrip())
    # a boundary match ends one sentence (at its punctuation, or where the break
    # starts) and the next sentence starts where the match ends
    cuts = [
        (max(m.end(1), m.start()), m.end()) for m in sentence_end_re(language).finditer(text)
    ]
    starts = [first, *(c[1] for c in cuts)]
    ends = [*(c[0] for c in cuts), len(text.rstrip())]
    pairs = [
        (a, b if not text[b - 1].isspace() else a + len(text[a:b].rstrip()))
        for a, b in zip(starts, ends, strict=True)
        if b > a
    ]
    pairs = [(a, b) for a, b in pairs if b > a]
    return [a for a, _ in pairs], [b for _, b in pairs]


def sentence_around(
    text: str, a: int, b: int, language: str = "en", reach: int = 400
) -> tuple[int, int]:
    """Start and end of the sentence around ``text[a:b]``, looking at most ``reach`` away."""
    start = max(0, a - reach)
    end_re = sentence_end_re(language)
    for m in end_re.finditer(text, start, a):
        start = m.end()
    m = end_re.search(text, max(a, b - 2), min(len(text), b + reach))
    return start, (m.start() if m else min(len(text), b + reach))


def sentence_index(starts: list[int], offset: int) -> int:
    """Index of the sentence containing ``offset``, given sorted sentence starts."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


# --- the view used for matching -----------------------------------------------------------

# Same-length folds: curly apostrophes, odd hyphens, every white space as a plain space, ё.
# (Chained str.replace on the pairs present is much faster than str.translate with a dict.)
_FOLD_PAIRS = (
    ("’", "'"),
    ("‘", "'"),
    ("ʼ", "'"),
    ("‐", "-"),
    ("‑", "-"),
    ("\n", " "),
    ("\t", " "),
    ("\r", " "),
    ("\u00a0", " "),
    ("\u2007", " "),
    ("\u202f", " "),
    ("ё", "е"),
)


def _fold(low: str) -> str:
    for old, new in _FOLD_PAIRS:
        if old in low:
            low = low.replace(old, new)
    return low


# Characters matching ignores (soft hyphen, zero-width spaces and joiners, BOM), runs of
# white space (a line break and an indent inside a phrase), and combining marks (NFD text).
# A paragraph break (two line breaks) is kept, so no phrase matches across it.
_SQUEEZE_RE = re.compile(
    r"[\u00ad\u200b-\u200f\u2060\ufeff]+"
    r"|[^\S\n]+\n[^\S\n]*|\n[^\S\n]+|[^\S\n]{2,}"
    r"|(?<=.)[\u0300-\u036f]+",
    re.DOTALL,
)
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff\u0300-\u036f]")
# Latin and Cyrillic letters that look alike, for words that mix the two scripts.
_LATIN_TO_CYRILLIC = str.maketrans("aceopxyiABCEHKMOPTXI", "асеорхуіАВСЕНКМОРТХІ")
_CYRILLIC_TO_LATIN = str.maketrans("асеорхуіАВСЕНКМОРТХІ", "aceopxyiABCEHKMOPTXI")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
# A Latin letter next to another kind of letter: every word mixing Latin and Cyrillic letters
# has one (where the Latin letters end), so a text without one needs no folding.
_SCRIPT_EDGE_RE = re.compile(r"[a-z][^\W\d_a-z]|[^\W\d_a-z][a-z]")
_LATIN_RE = re.compile(r"[a-z]")


@dataclass(frozen=True, slots=True)
class MatchView:
    """A normalised, lowercased copy of a text for matching, and the way back to offsets.

    ``text`` is what the matcher reads. ``to_original(i)`` turns an offset into it back
    into an offset into the original text (identity when nothing was squeezed).
    """

    text: str
    _ends: tuple[int, ...] = ()
    _shifts: tuple[int, ...] = ()

    @property
    def squeezed(self) -> bool:
        """Whether offsets need mapping back (characters were dropped)."""
        return bool(self._ends)

    def to_original(self, i: int) -> int:
        """The original offset of view offset ``i`` (ends map to ends, starts to starts)."""
        if not self._ends:
            return i
        k = bisect.bisect_right(self._ends, i) - 1
        return i + (self._shifts[k] if k >= 0 else 0)


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ" lowercases to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


# Tried only where a word starts (the leftmost match of a word always starts there), so the
# scan is linear; a match runs to the end of its word.
_MIXED_WORD_RE = re.compile(
    r"(?<!\w)\w*?(?:[a-z][^\W\d_]*[\u0400-\u04ff]|[\u0400-\u04ff][^\W\d_]*[a-z])\w*"
)


def _fold_mixed_scripts(text: str) -> str:
    """Fold look-alike letters of a word mixing Latin and Cyrillic to its majority script."""

    def fold(m: re.Match[str]) -> str:
        word = m.group()
        cyr = sum(1 for c in word if "\u0400" <= c <= "\u04ff")
        lat = sum(1 for c in word if c.isascii() and c.isalpha())
        return word.translate(_LATIN_TO_CYRILLIC if cyr >= lat else _CYRILLIC_TO_LATIN)

    return _MIXED_WORD_RE.sub(fold, text)


def match_view(text: str) -> MatchView:
    """The text as the matcher reads it: lowercased; apostrophes, hyphens and white space
    folded; soft hyphens and zero-width characters dropped; runs of white space squeezed to
    one; NFD accents composed; look-alike letters in mixed-script words folded. Offsets found
    in it map back to the original text with :meth:`MatchView.to_original`."""
    ends: list[int] = []
    shifts: list[int] = []
    squeezed = text
    if _INVISIBLE_RE.search(text) or "  " in text or " \n" in text or "\n " in text or (
        "\t" in text or "\u00a0\n" in text
    ):
        pieces: list[str] = []
        pos = removed = 0
        for m in _SQUEEZE_RE.finditer(text):
            chunk, at = m.group(), m.start()
            if chunk[0].isspace():
                new = " "
            elif chunk[0] in "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff":
                new = ""
            else:  # combining marks: compose them with the letter before
                if at - 1 < pos:
                    continue
                at -= 1
                chunk = text[at : m.end()]
                new = unicodedata.normalize("NFC", chunk)
                if len(new) >= len(chunk):
                    continue
            pieces.append(text[pos:at])
            pieces.append(new)
            pos = m.end()
            removed += len(chunk) - len(new)
            ends.append(m.end() - removed)
            shifts.append(removed)
        pieces.append(text[pos:])
        squeezed = "".join(pieces)
    low = _fold(_lower_same_length(squeezed))
    if _CYRILLIC_RE.search(low) and _LATIN_RE.search(low) and _SCRIPT_EDGE_RE.search(low):
        low = _fold_mixed_scripts(low)
    return MatchView(low, tuple(ends), tuple(shifts))


def normalize_for_matching(text: str) -> str:
    """Lowercase ``text`` and fold apostrophes, hyphens and white space, keeping its length.

    The result has one character per character of ``text``, so offsets found in it
    are offsets into ``text``. (:func:`match_view` also drops invisible characters.)
    """
    return _fold(_lower_same_length(text))
