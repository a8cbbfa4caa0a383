"""Scoring: every loaded expression in a text, why it counts, and per-1,000-word rates."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from biaskit.lexicon import CATEGORIES, GRADES, Entry, Lexicon, load_lexicon
from biaskit.text import (
    WORD_RE,
    Bounds,
    Quote,
    Span,
    find_quotes,
    normalize_for_matching,
    sentence_bounds,
    sentence_index,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["METRIC_COLUMNS", "SCORE_CATEGORIES", "Match", "Score", "score", "score_frame"]

#: Categories a score reports: the lexicon's plus ``scare_quote`` (found by rule).
SCORE_CATEGORIES: tuple[str, ...] = (*CATEGORIES, "scare_quote")
SCARE_QUOTE_WEIGHT = 1.0
#: A neutral alternative that means "drop the word" (``self-proclaimed president``).
OMIT = "(omit)"
_SCARE_NOTE = (
    "Scare quotes: a short phrase put in quotation marks without being presented as anyone's "
    "speech, which signals that the writer doubts or mocks the words."
)


@dataclass(frozen=True, slots=True)
class Match:
    """One loaded expression found in a text.

    ``start``/``end`` are offsets into the original text; ``quoted`` is True inside
    a direct quotation or inside scare quotes (someone else's words, not the
    outlet's own voice).
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
    quoted: bool
    grade: str | None = None
    speaker: str | None = None
    referent: str | None = None
    perspective: str | None = None
    source: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The match as a plain dict (lists joined for tables)."""
        d = asdict(self)
        d["neutral"] = "; ".join(self.neutral)
        return d


_JOINERS = "-_"  # a hyphen joins words: "anti-war" is one word


def _find_matches(text: str, lowered: str, lexicon: Lexicon) -> list[tuple[int, int, Entry]]:
    """Whole-word lexicon hits, longest first, without overlaps."""
    n = len(text)
    hits: list[tuple[int, int, Entry]] = []
    if not len(lexicon):
        return hits
    for end_idx, (length, _form, entry) in lexicon.matcher.iter(lowered):
        end = end_idx + 1
        start = end - length
        if start > 0:
            c = lowered[start - 1]
            if c.isalnum() or c in _JOINERS:
                continue
        if end < n:
            c = lowered[end]
            if c.isalnum() or c in _JOINERS:
                continue
        if (
            entry.case_sensitive
            and text[start:end] not in entry.forms
            and text[start:end] != (entry.term)
        ):
            continue
        hits.append((start, end, entry))
    if len(hits) < 2:
        return hits
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    kept: list[tuple[int, int, Entry]] = []
    last_end = -1
    for h in hits:
        if h[0] >= last_end:
            kept.append(h)
            last_end = h[1]
        elif h[1] - h[0] > kept[-1][1] - kept[-1][0] and h[0] >= (
            kept[-2][1] if len(kept) > 1 else -1
        ):
            kept[-1] = h  # a longer overlapping phrase wins
            last_end = h[1]
    return kept


_PRONOUNS = r"(?:he|she|they|it|we|I|officials|sources)"
_NAME = r"(?:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|de|van|von|al))*)"
_SPEAKER_BEFORE_RE = re.compile(
    rf"(?:^|[\s,;(])(?P<who>{_NAME}|(?:the|a|an)\s+[a-z]+(?:\s+[a-z]+)?|{_PRONOUNS})"
    r"[\s”\"']*(?:(?:has|had|also|then|later|again|once|repeatedly)\s+)*[“\"']?$"
)
_SPEAKER_AFTER_RE = re.compile(
    rf"^[”\"']?\s+(?P<who>{_NAME}|{_PRONOUNS}|(?:the|a|an)\s+[a-z]+(?:\s+[a-z]+)?)"
)
_NOT_SPEAKERS = frozenset({"The", "A", "An", "This", "That", "It", "In", "On", "But", "And"})


def _speaker(text: str, start: int, end: int, sent_start: int, sent_end: int) -> str | None:
    """The speaker of a reporting verb, where a name or pronoun stands next to it."""
    before = text[max(sent_start, start - 60) : start]
    m = _SPEAKER_BEFORE_RE.search(before)
    if m:
        who = m.group("who").strip()
        if who not in _NOT_SPEAKERS:
            return who
    after = text[end : min(sent_end, end + 60)]
    m = _SPEAKER_AFTER_RE.match(after)
    if m:
        who = m.group("who").strip()
        if who not in _NOT_SPEAKERS:
            return who
    return None


#: (start, end, category, weight, quoted, lexicon entry or scare Quote)
_Hit = tuple[int, int, str, float, bool, Any]


class Score:
    """The result of :func:`score`: matches, quotes, counts and rates for one text.

    Scoring finds every hit up front; the :class:`Match` objects (with sentence
    index and speaker), the sentences and the sentiment (TextBlob's
    PatternAnalyzer) are built only when first read.
    """

    def __init__(self, text: str, lexicon: Lexicon, *, include_quoted: bool = False) -> None:
        if not isinstance(text, str):
            raise TypeError(f"score() needs text as str, got {type(text).__name__}")
        self.text = text
        self.lexicon = lexicon
        self.include_quoted = include_quoted
        self.n_words: int = len(WORD_RE.findall(text))
        self.quotes: list[Quote] = find_quotes(text) if _has_quote(text) else []
        self._hits = self._find_hits()

    # -- building ---------------------------------------------------------------
    def _find_hits(self) -> list[_Hit]:
        """Lexicon hits and scare quotes as light tuples; :attr:`matches` dresses them."""
        text = self.text
        spans = [(q.inner_start, q.inner_end) for q in self.quotes]
        span_starts = [a for a, _ in spans]
        hits: list[_Hit] = [
            (
                start,
                end,
                e.category,
                e.weight,
                bool(spans) and _inside(spans, span_starts, start, end),
                e,
            )
            for start, end, e in _find_matches(text, normalize_for_matching(text), self.lexicon)
        ]
        for q in self.quotes:
            if q.kind == "scare":
                hits.append((q.start, q.end, "scare_quote", SCARE_QUOTE_WEIGHT, False, q))
        if self.quotes:
            hits.sort(key=lambda h: (h[0], -h[1]))
        return hits

    @cached_property
    def _bounds(self) -> Bounds:
        return sentence_bounds(self.text)

    @cached_property
    def matches(self) -> list[Match]:
        """Every match, in text order: offsets, category, weight, why, neutral alternatives."""
        text = self.text
        starts, ends = self._bounds
        out: list[Match] = []
        for start, end, category, weight, quoted, src in self._hits:
            sent = sentence_index(starts, start)
            if isinstance(src, Quote):
                out.append(
                    Match(
                        start,
                        end,
                        src.text,
                        src.inner,
                        category,
                        weight,
                        (src.inner,),
                        _SCARE_NOTE,
                        sent,
                        quoted,
                    )
                )
                continue
            speaker = None
            if category == "attribution" and starts:
                speaker = _speaker(text, start, end, starts[sent], ends[sent])
            out.append(
                Match(
                    start=start,
                    end=end,
                    text=text[start:end],
                    term=src.term,
                    category=category,
                    weight=weight,
                    neutral=src.neutral,
                    note=src.note,
                    sentence=sent,
                    quoted=quoted,
                    grade=src.grade,
                    speaker=speaker,
                    referent=src.referent,
                    perspective=src.perspective,
                    source=src.source,
                )
            )
        return out

    # -- counts -----------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Span]:
        """The sentences, with offsets."""
        return [Span(a, b, self.text[a:b]) for a, b in zip(*self._bounds, strict=True)]

    @property
    def n_sentences(self) -> int:
        """Number of sentences."""
        return len(self._bounds[0])

    def _counted(self, include_quoted: bool | None = None) -> list[Match]:
        inc = self.include_quoted if include_quoted is None else include_quoted
        return [m for m in self.matches if inc or not m.quoted]

    def _counted_hits(self, include_quoted: bool | None = None) -> list[_Hit]:
        inc = self.include_quoted if include_quoted is None else include_quoted
        return self._hits if inc else [h for h in self._hits if not h[4]]

    @property
    def loaded(self) -> float:
        """Weighted sum of matches in the outlet's own voice (or all, with ``include_quoted``)."""
        return round(sum(h[3] for h in self._counted_hits()), 6)

    @property
    def loaded_per_1k(self) -> float:
        """:attr:`loaded` per 1,000 words (0 for an empty text)."""
        return self.loaded * 1000 / self.n_words if self.n_words else 0.0

    @property
    def counts(self) -> dict[str, int]:
        """Counted matches of non-zero weight per category, zero-filled."""
        counts = dict.fromkeys(SCORE_CATEGORIES, 0)
        for h in self._counted_hits():
            if h[3] > 0:
                counts[h[2]] += 1
        return counts

    @property
    def weights(self) -> dict[str, float]:
        """Weighted sum of counted matches per category, zero-filled."""
        sums = dict.fromkeys(SCORE_CATEGORIES, 0.0)
        for h in self._counted_hits():
            sums[h[2]] += h[3]
        return {k: round(v, 6) for k, v in sums.items()}

    @property
    def rates(self) -> dict[str, float]:
        """Weighted sum per category per 1,000 words."""
        if not self.n_words:
            return dict.fromkeys(SCORE_CATEGORIES, 0.0)
        return {k: v * 1000 / self.n_words for k, v in self.weights.items()}

    @property
    def attributions(self) -> list[Match]:
        """Reporting-verb matches (every grade, quoted or not)."""
        return [m for m in self.matches if m.category == "attribution"]

    @property
    def naming(self) -> list[Match]:
        """Naming-variant matches: which referent, which variant, which perspective."""
        return [m for m in self.matches if m.category == "naming"]

    @property
    def quoted_share(self) -> float:
        """Share of words inside direct quotations."""
        if not self.n_words:
            return 0.0
        inside = sum(q.n_words for q in self.quotes if q.kind == "direct")
        return inside / self.n_words

    # -- sentiment (lazy) -------------------------------------------------------
    @cached_property
    def sentiment(self) -> tuple[float, float]:
        """(polarity, subjectivity) of the whole text, by TextBlob's PatternAnalyzer."""
        from textblob.en import sentiment as pattern_sentiment

        polarity, subjectivity = pattern_sentiment(self.text)
        return float(polarity), float(subjectivity)

    @property
    def polarity(self) -> float:
        """TextBlob polarity, -1 (negative) to 1 (positive)."""
        return self.sentiment[0]

    @property
    def subjectivity(self) -> float:
        """TextBlob subjectivity, 0 (objective) to 1 (subjective)."""
        return self.sentiment[1]

    @cached_property
    def sentence_sentiment(self) -> pd.DataFrame:
        """One row per sentence: text, offsets, polarity, subjectivity, counted matches."""
        import pandas as pd
        from textblob.en import sentiment as pattern_sentiment

        counted = self._counted()
        rows = []
        for i, s in enumerate(self.sentences):
            pol, subj = pattern_sentiment(s.text)
            ms = [m for m in counted if m.sentence == i]
            rows.append(
                {
                    "sentence": i,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "polarity": float(pol),
                    "subjectivity": float(subj),
                    "n_matches": len(ms),
                    "loaded": round(sum(m.weight for m in ms), 6),
                }
            )
        return pd.DataFrame(rows, columns=_SENTENCE_COLUMNS)

    # -- output -----------------------------------------------------------------
    def summary(self, *, sentiment: bool = False) -> dict[str, Any]:
        """Every document-level metric as a flat dict (the columns of :func:`score_frame`)."""
        n = self.n_words
        own = self._counted_hits(False)
        every = self._hits
        row: dict[str, Any] = {
            "n_words": n,
            "n_sentences": self.n_sentences,
            "n_matches": sum(1 for h in own if h[3] > 0),
            "loaded": round(float(sum(h[3] for h in own)), 6),
            "loaded_all": round(float(sum(h[3] for h in every)), 6),
        }
        row["loaded_per_1k"] = row["loaded"] * 1000 / n if n else 0.0
        row["loaded_all_per_1k"] = row["loaded_all"] * 1000 / n if n else 0.0
        per_cat = dict.fromkeys(SCORE_CATEGORIES, 0)
        per_w = dict.fromkeys(SCORE_CATEGORIES, 0.0)
        grades = dict.fromkeys(GRADES, 0)
        for h in own:
            if h[3] > 0:
                per_cat[h[2]] += 1
            per_w[h[2]] += h[3]
            if h[2] == "attribution":
                grades[h[5].grade] += 1
        for c in SCORE_CATEGORIES:
            row[f"n_{c}"] = per_cat[c]
            row[f"rate_{c}"] = per_w[c] * 1000 / n if n else 0.0
        for g in GRADES:
            row[f"attr_{g}"] = grades[g]
        row["n_quotes"] = sum(1 for q in self.quotes if q.kind == "direct")
        row["quoted_share"] = self.quoted_share
        if sentiment:
            row["polarity"], row["subjectivity"] = self.sentiment
        return row

    def to_frame(self) -> pd.DataFrame:
        """One row per match, with offsets, category, weight, note and neutral alternatives."""
        import pandas as pd

        return pd.DataFrame([m.as_dict() for m in self.matches], columns=MATCH_COLUMNS)

    def explain(self, *, include_zero: bool = False) -> pd.DataFrame:
        """A readable table: what was found, where, why it counts, what to say instead.

        Zero-weight matches (neutral reporting verbs, standard names) are left out
        unless ``include_zero``.
        """
        import pandas as pd

        rows = []
        for m in self.matches:
            if m.weight == 0 and not include_zero:
                continue
            rows.append(
                {
                    "words": m.text,
                    "category": m.category,
                    "weight": m.weight,
                    "voice": "quoted" if m.quoted else "own",
                    "why": m.note,
                    "instead": "; ".join(m.neutral) if m.neutral else "—",
                    "offsets": f"{m.start}-{m.end}",
                }
            )
        return pd.DataFrame(
            rows, columns=["words", "category", "weight", "voice", "why", "instead", "offsets"]
        )

    def neutral_rewrite(self, *, include_quoted: bool = False) -> str:
        """The text with each loaded term swapped for its first neutral alternative.

        Case is kept (``Dictator`` becomes ``Leader``); an alternative written
        ``(omit)`` drops the word. Quoted words are someone's speech and stay as they
        are unless ``include_quoted``; scare quotes lose their quote marks.
        """
        text = self.text
        pieces: list[str] = []
        pos = 0
        capitalize_next = False
        for m in self.matches:
            if m.weight <= 0 or not m.neutral or m.start < pos:
                continue
            if m.quoted and not include_quoted:
                continue
            pieces.append(text[pos : m.start])
            replacement = m.neutral[0]
            pos = m.end
            if replacement == OMIT:
                if text[pos : pos + 1] == " ":
                    pos += 1
                capitalize_next = m.text[:1].isupper()
                continue
            if m.category != "scare_quote":
                replacement = _match_case(m.text, replacement)
            if capitalize_next:
                replacement = replacement[:1].upper() + replacement[1:]
                capitalize_next = False
            pieces.append(replacement)
        rest = text[pos:]
        if capitalize_next:
            rest = rest[:1].upper() + rest[1:]
        pieces.append(rest)
        return "".join(pieces)

    def _repr_html_(self) -> str:
        from biaskit.highlight import highlight

        return highlight(self)

    def __repr__(self) -> str:
        return (
            f"<Score: {self.n_words} words, {len(self.matches)} matches, "
            f"loaded {self.loaded:g} ({self.loaded_per_1k:.1f} per 1,000 words)>"
        )


MATCH_COLUMNS = [
    "start",
    "end",
    "text",
    "term",
    "category",
    "weight",
    "neutral",
    "note",
    "sentence",
    "quoted",
    "grade",
    "speaker",
    "referent",
    "perspective",
    "source",
]
_SENTENCE_COLUMNS = [
    "sentence",
    "start",
    "end",
    "text",
    "polarity",
    "subjectivity",
    "n_matches",
    "loaded",
]


def _has_quote(text: str) -> bool:
    """Whether :func:`find_quotes` could find anything: a quote mark or an embedded post."""
    return any(c in text for c in "\"“”„«»‘'") or "(@" in text


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def score(text: str, lexicon: Lexicon | None = None, *, include_quoted: bool = False) -> Score:
    """Score ``text`` for loaded language.

    Returns a :class:`Score` with every match (offsets, category, weight, note,
    neutral alternatives, quoted or own voice), quotes, word and sentence counts
    and per-1,000-word rates. ``include_quoted=True`` counts quoted material too.
    """
    return Score(
        text, lexicon if lexicon is not None else load_lexicon(), include_quoted=include_quoted
    )


#: Metric columns :func:`score_frame` adds (sentiment columns only with ``sentiment=True``).
METRIC_COLUMNS: list[str] = [
    "n_words",
    "n_sentences",
    "n_matches",
    "loaded",
    "loaded_all",
    "loaded_per_1k",
    "loaded_all_per_1k",
    *(f"{p}_{c}" for c in SCORE_CATEGORIES for p in ("n", "rate")),
    *(f"attr_{g}" for g in GRADES),
    "n_quotes",
    "quoted_share",
    "polarity",
    "subjectivity",
]


def metric_columns(*, sentiment: bool = True) -> list[str]:
    """The metric columns :func:`score_frame` adds, with or without the sentiment ones."""
    return [c for c in METRIC_COLUMNS if sentiment or c not in ("polarity", "subjectivity")]


def score_frame(
    df: pd.DataFrame,
    text: str = "text",
    *,
    lexicon: Lexicon | None = None,
    include_quoted: bool = False,
    sentiment: bool = True,
    keep_text: bool = True,
) -> pd.DataFrame:
    """Score every row of ``df`` and return it with one column per metric.

    A pure function of the DataFrame, so it runs per partition of a Dask
    DataFrame too (``ddf.map_partitions(score_frame)``). Missing text is an error
    naming the row; empty text scores zero.
    """
    import pandas as pd

    if text not in df.columns:
        raise KeyError(f"score_frame: no column {text!r}; columns are {list(df.columns)}")
    lex = lexicon if lexicon is not None else load_lexicon()
    rows = []
    for idx, value in zip(df.index, df[text], strict=True):
        if not isinstance(value, str):
            if pd.isna(value):
                raise ValueError(f"score_frame: row {idx!r}: column {text!r} is empty (missing)")
            raise TypeError(f"score_frame: row {idx!r}: column {text!r} is not text: {value!r}")
        rows.append(Score(value, lex, include_quoted=include_quoted).summary(sentiment=sentiment))
    cols = metric_columns(sentiment=sentiment)
    metrics = pd.DataFrame(rows, index=df.index, columns=cols)
    base = df if keep_text else df.drop(columns=[text])
    base = base.drop(columns=[c for c in cols if c in base.columns])
    return pd.concat([base, metrics], axis=1)


def match_frame(
    df: pd.DataFrame,
    text: str = "text",
    *,
    lexicon: Lexicon | None = None,
    columns: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per match across every document of ``df``, with the document's metadata.

    ``columns`` picks the metadata columns carried along (default: every column
    but the text and the metric columns).
    """
    import pandas as pd

    lex = lexicon if lexicon is not None else load_lexicon()
    if columns is None:
        columns = [c for c in df.columns if c != text and c not in METRIC_COLUMNS]
    columns = list(columns)
    frames = []
    for (_, row), value in zip(df.iterrows(), df[text], strict=True):
        f = Score(value if isinstance(value, str) else "", lex).to_frame()
        for c in columns:
            f[c] = [row[c]] * len(f)
        frames.append(f)
    if not frames:
        return pd.DataFrame(columns=[*columns, *MATCH_COLUMNS])
    out = pd.concat(frames, ignore_index=True)
    return out[[*columns, *MATCH_COLUMNS]]
