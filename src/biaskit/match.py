"""Matching in context: lexicon hits with the sense that applies, whose voice they are in,
and whether they are negated.

The matcher reads the normalised view of the text (:func:`biaskit.tokens.match_view`, or
lemmas for an inflecting language, :mod:`biaskit.lemmas`); offsets always point into the
original text. Every hit carries the context rule that decided its voice and negation, so
an explanation can name it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from biaskit.context import Context
from biaskit.lemmas import LemmaView, lemma_view
from biaskit.tokens import MatchView, match_view

if TYPE_CHECKING:
    from biaskit.lexicon import Entry, Lexicon
    from biaskit.quotes import Quote

__all__ = ["MATCH_COLUMNS", "SCARE_QUOTE_WEIGHT", "Hit", "Match", "find_hits"]

SCARE_QUOTE_WEIGHT = 1.0
_JOINERS = "-_"  # a hyphen joins words: "anti-war" is one word


class Hit(NamedTuple):
    """One match, before it is dressed as a :class:`biaskit.score.Match`."""

    start: int
    end: int
    category: str
    weight: float
    voice: str  # "own", "quoted" or "reported"
    negated: bool
    entry: Entry | None  # None for a scare quote
    quote: Quote | None  # the scare quote, or the quotation the match sits in
    rule: str  # the context rule behind voice and negation ("" for plain own voice)


@dataclass(frozen=True, slots=True)
class Match:
    """One loaded expression found in a text, and the context that decides how it counts.

    ``start``/``end`` are offsets into the original text. ``voice`` is ``own`` (the outlet's
    words), ``quoted`` (inside quotation marks) or ``reported`` (indirect speech or a label
    attributed to someone); ``negated`` is True when the sentence rejects the word; ``rule``
    names the context rule that decided both; ``counted`` says whether it adds to the score.
    """

    start: int
    end: int
    text: str
    term: str
    category: str
    weight: float
    neutral: tuple[str, ...]
    note: str
    sentence: int
    voice: str
    negated: bool
    counted: bool
    measure: str
    rule: str = ""
    grade: str | None = None
    speaker: str | None = None
    referent: str | None = None
    perspective: str | None = None
    citation: str | None = None
    quote_rule: str | None = None
    replacement: str | None = None

    @property
    def quoted(self) -> bool:
        """Inside quotation marks (someone else's words)."""
        return self.voice == "quoted"

    def as_dict(self) -> dict[str, Any]:
        """The match as a plain dict (lists joined for tables), keys as in MATCH_COLUMNS."""
        return dict(zip(MATCH_COLUMNS, self.row(), strict=True))

    def row(self) -> tuple[Any, ...]:
        """The match as a tuple in the order of :data:`MATCH_COLUMNS`."""
        return (
            self.start, self.end, self.text, self.term, self.category, self.weight,
            "; ".join(self.neutral), self.note, self.sentence, self.voice, self.quoted,
            self.negated, self.counted, self.measure, self.rule, self.grade, self.speaker,
            self.referent, self.perspective, self.citation, self.quote_rule, self.replacement,
        )


MATCH_COLUMNS: list[str] = [
    "start",
    "end",
    "text",
    "term",
    "category",
    "weight",
    "neutral",
    "note",
    "sentence",
    "voice",
    "quoted",
    "negated",
    "counted",
    "measure",
    "rule",
    "grade",
    "speaker",
    "referent",
    "perspective",
    "citation",
    "quote_rule",
    "replacement",
]


def _candidates(ctx: Context, lexicon: Lexicon) -> list[tuple[int, int, tuple]]:
    """Whole-word hits of lexicon forms: (start, end, entries sharing the form)."""
    text, lang = ctx.text, ctx.lang
    if lang.match == "lemma":
        view: MatchView | LemmaView = lemma_view(text, lang.code)
    else:
        view = match_view(text)
        if not view.squeezed:
            ctx.use_view(view.text)
    low = view.text
    n = len(low)
    out = []
    append = out.append
    for end_idx, (length, _form, entries) in lexicon.matcher.iter(low):
        end = end_idx + 1
        if end < n:
            c = low[end]
            if c.isalnum() or c in _JOINERS:
                continue
        start = end - length
        if start > 0:
            c = low[start - 1]
            if c.isalnum() or c in _JOINERS:
                continue
        append((start, end, entries))
    if isinstance(view, LemmaView):  # whole lemmas only, as offsets into the original text
        return view.whole_lemmas(out)
    if view.squeezed:
        back = view.to_original
        out = [(back(a), back(b), e) for a, b, e in out]
    return out


def _case_ok(entry: Entry, written: str) -> bool:
    if not entry.case_sensitive:
        return True
    return written in entry.forms or written == entry.term


def _longest(hits: list[Hit]) -> list[Hit]:
    """Drop overlaps: earlier first, and a longer overlapping phrase wins."""
    if len(hits) < 2:
        return hits
    hits.sort(key=lambda h: (h.start, h.start - h.end))
    kept: list[Hit] = []
    last_end = -1
    for h in hits:
        if h.start >= last_end:
            kept.append(h)
            last_end = h.end
        elif h.end - h.start > kept[-1].end - kept[-1].start and h.start >= (
            kept[-2].end if len(kept) > 1 else -1
        ):
            kept[-1] = h
            last_end = h.end
    return kept


def find_hits(ctx: Context, lexicon: Lexicon, quotes: list[Quote]) -> list[Hit]:
    """Every lexicon hit and scare quote in ``ctx.text``, with sense, voice and negation."""
    text, _lang = ctx.text, ctx.lang
    found: list[Hit] = []
    if len(lexicon):
        for start, end, entries in _candidates(ctx, lexicon):
            written = text[start:end]
            for e in entries:
                if not _case_ok(e, written):
                    continue
                if e.when is None or ctx.sense_holds(e.when, start, end):
                    found.append(Hit(start, end, e.category, e.weight, "own", False, e, None, ""))
                    break
    hits = _longest(found)
    spans = [q for q in quotes if q.inner_end > q.inner_start]
    starts = [q.inner_start for q in spans]
    out: list[Hit] = []
    for h in hits:
        q = _inside(spans, starts, h.start, h.end) if spans else None
        if q is not None:
            rule = "inside-quotation" if q.kind == "direct" else f"inside-{q.kind}-quote"
            out.append(Hit(h.start, h.end, h.category, h.weight, "quoted", False, h.entry, q,
                           rule))
            continue
        voice, negated, rule = ctx.voice_and_negation(h.start, h.end, h.category, h.weight)
        if voice != "own" or negated or rule:
            h = Hit(h.start, h.end, h.category, h.weight, voice, negated, h.entry, None, rule)
        out.append(h)
    for q in quotes:
        if q.kind == "scare":
            out.append(
                Hit(q.start, q.end, "scare_quote", SCARE_QUOTE_WEIGHT, "own", False, None, q,
                    q.rule)
            )
    if quotes:
        out.sort(key=lambda h: (h.start, -h.end))
    return out


def _inside(spans: list[Quote], starts: list[int], start: int, end: int) -> Quote | None:
    """The quote whose inner span holds [start, end), if any (quotes sorted, not nested)."""
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and spans[i].inner_start <= start and end <= spans[i].inner_end:
        return spans[i]
    return None

