"""Scoring one text: every loaded expression, whose voice it is in, why it counts, and one
tally of counts and rates that every property and the summary read.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from biaskit.categories import CATEGORIES, GRADES, measure_of
from biaskit.context import Context
from biaskit.detect import detect_language
from biaskit.language import load_language
from biaskit.lexicon import Lexicon, load_lexicon
from biaskit.match import MATCH_COLUMNS, Hit, Match, find_hits
from biaskit.quotes import Quote, find_quotes, has_quote
from biaskit.rewrite import Edit, rewrite_edits
from biaskit.speakers import speaker_near
from biaskit.tally import Tally
from biaskit.tokens import WORD_RE, Bounds, Span, sentence_index

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MATCH_COLUMNS",
    "SCORE_CATEGORIES",
    "VOICES",
    "Match",
    "Score",
    "Tally",
    "score",
]

#: Categories a score reports: the lexicon's plus ``scare_quote`` (found by rule).
SCORE_CATEGORIES: tuple[str, ...] = CATEGORIES
#: Voices a match can be in.
VOICES: tuple[str, ...] = ("own", "quoted", "reported", "mentioned")
_SCARE_NOTE = (
    "Scare quotes: a short phrase put in quotation marks without being presented as anyone's "
    "speech, which signals that the writer doubts or mocks the words."
)
def _voices(include_quoted: bool, voices: Iterable[str] | None) -> frozenset[str]:
    if voices is None:
        # a word mentioned as a word ("the word 'dictator'") counts only when chosen by name
        return frozenset(VOICES[:3]) if include_quoted else frozenset({"own"})
    chosen = frozenset(voices)
    unknown = chosen - set(VOICES)
    if unknown:
        raise ValueError(f"unknown voice(s) {sorted(unknown)}; choose from {list(VOICES)}")
    return chosen


class Score:
    """The result of :func:`score`: matches, quotes, counts and rates for one text.

    Scoring finds every hit up front and adds them up once (:class:`Tally`); the
    :class:`Match` objects (with sentence index and speaker), the sentences and the
    sentiment (TextBlob's PatternAnalyzer) are built only when first read.
    """

    def __init__(
        self,
        text: str,
        lexicon: Lexicon,
        *,
        language: str = "en",
        include_quoted: bool = False,
        voices: Iterable[str] | None = None,
        count_negated: bool = False,
    ) -> None:
        if not isinstance(text, str):
            raise TypeError(f"score() needs text as str, got {type(text).__name__}")
        if language == "auto":
            language = detect_language(text)
        self.text = text
        self.lexicon = lexicon
        self.language = language
        self.voices = _voices(include_quoted, voices)
        self.count_negated = count_negated
        lang = load_language(language)
        self._lang = lang
        self.quotes: list[Quote] = find_quotes(text, language) if has_quote(text) else []
        self._ctx = Context(text, lang)
        self.hits: list[Hit] = find_hits(self._ctx, lexicon, self.quotes)
        self.tally = Tally.of(self.hits, self.voices, count_negated)

    @cached_property
    def n_words(self) -> int:
        """Number of words (counted when first read: the tally does not need it)."""
        return len(WORD_RE.findall(self.text))

    def _counts(self, h: Hit) -> bool:
        return h.voice in self.voices and (self.count_negated or not h.negated)

    @property
    def _bounds(self) -> Bounds:
        return self._ctx.bounds

    @cached_property
    def matches(self) -> list[Match]:
        """Every match, in text order: offsets, category, weight, voice, why, alternatives."""
        text = self.text
        starts, ends = self._bounds
        out: list[Match] = []
        for h in self.hits:
            sent = sentence_index(starts, h.start)
            grade = h.entry.grade if h.entry is not None else None
            measure = measure_of(h.category, grade)
            counted = self._counts(h) and h.weight > 0
            if h.entry is None:  # a scare quote
                q = h.quote
                assert q is not None
                out.append(
                    Match(h.start, h.end, q.text, q.inner, h.category, h.weight, (q.inner,),
                          _SCARE_NOTE, sent, h.voice, h.negated, counted, measure,
                          rule=h.rule, quote_rule=q.rule)
                )
                continue
            speaker = None
            if (h.category == "attribution" or h.voice == "reported") and starts:
                speaker = speaker_near(text, h.start, h.end, starts[sent], ends[sent], self._lang)
            e = h.entry
            out.append(
                Match(
                    start=h.start,
                    end=h.end,
                    text=text[h.start : h.end],
                    term=e.term,
                    category=h.category,
                    weight=h.weight,
                    neutral=e.neutral,
                    note=e.note,
                    sentence=sent,
                    voice=h.voice,
                    negated=h.negated,
                    counted=counted,
                    measure=measure,
                    rule=h.rule,
                    grade=grade,
                    speaker=speaker,
                    referent=e.referent,
                    perspective=e.perspective,
                    citation=e.source,
                    quote_rule=h.quote.rule if h.quote is not None else None,
                    replacement=e.replacement(text[h.start : h.end].lower()),
                )
            )
        return out

    # -- counts (all read the one tally) -------------------------------------------------
    @cached_property
    def sentences(self) -> list[Span]:
        """The sentences, with offsets."""
        return [Span(a, b, self.text[a:b]) for a, b in zip(*self._bounds, strict=True)]

    @property
    def n_sentences(self) -> int:
        """Number of sentences."""
        return len(self._bounds[0])

    def _per_1k(self, value: float) -> float:
        return value * 1000 / self.n_words if self.n_words else 0.0

    @property
    def loaded(self) -> float:
        """Weighted sum of counted loaded-language matches (own voice unless chosen otherwise)."""
        return self.tally.loaded

    @property
    def loaded_per_1k(self) -> float:
        """:attr:`loaded` per 1,000 words (0 for an empty text)."""
        return self._per_1k(self.tally.loaded)

    @property
    def stance(self) -> float:
        """Weighted sum of counted hedges and distancing verbs (a measure apart from loaded)."""
        return self.tally.stance

    @property
    def stance_per_1k(self) -> float:
        """:attr:`stance` per 1,000 words."""
        return self._per_1k(self.tally.stance)

    @property
    def counts(self) -> dict[str, int]:
        """Counted matches of non-zero weight per category, zero-filled."""
        return dict(self.tally.counts)

    @property
    def weights(self) -> dict[str, float]:
        """Weighted sum of counted matches per category, zero-filled."""
        return dict(self.tally.weights)

    @property
    def rates(self) -> dict[str, float]:
        """Weighted sum per category per 1,000 words."""
        return {k: self._per_1k(v) for k, v in self.tally.weights.items()}

    @property
    def attributions(self) -> list[Match]:
        """Reporting-verb matches (every grade and voice)."""
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
        return sum(q.n_words for q in self.quotes if q.kind == "direct") / self.n_words

    # -- sentiment (lazy) ------------------------------------------------------------------
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

        counted = [m for m in self.matches if m.counted and m.measure == "loaded"]
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
        columns = ["sentence", "start", "end", "text", "polarity", "subjectivity", "n_matches",
                   "loaded"]
        return pd.DataFrame(rows, columns=columns)

    # -- output ----------------------------------------------------------------------------
    def summary(self, *, sentiment: bool = False) -> dict[str, Any]:
        """Every document-level metric as a flat dict (the columns of a scored corpus)."""
        t = self.tally
        row: dict[str, Any] = {
            "n_words": self.n_words,
            "n_sentences": self.n_sentences,
            "n_matches": t.n_matches,
            "loaded": t.loaded,
            "loaded_all": t.loaded_all,
            "loaded_per_1k": self._per_1k(t.loaded),
            "loaded_all_per_1k": self._per_1k(t.loaded_all),
            "stance": t.stance,
            "stance_per_1k": self._per_1k(t.stance),
        }
        for c in CATEGORIES:
            row[f"n_{c}"] = t.counts[c]
            row[f"rate_{c}"] = self._per_1k(t.weights[c])
        for g in GRADES:
            row[f"attr_{g}"] = t.grades[g]
        row["n_quotes"] = sum(1 for q in self.quotes if q.kind == "direct")
        row["quoted_share"] = self.quoted_share
        row["n_reported"] = t.n_reported
        row["n_negated"] = t.n_negated
        if sentiment:
            row["polarity"], row["subjectivity"] = self.sentiment
        return row

    def to_frame(self) -> pd.DataFrame:
        """One row per match (the columns of :data:`MATCH_COLUMNS`)."""
        import pandas as pd

        return pd.DataFrame([m.as_dict() for m in self.matches], columns=MATCH_COLUMNS)

    def explain(self, *, include_zero: bool = False) -> pd.DataFrame:
        """A readable table: what was found, whose words, why it counts or not, what instead.

        Zero-weight matches (neutral reporting verbs, standard names) are left out
        unless ``include_zero``. ``context`` is in the text's language where its pack has
        interface words; ``phrase`` is the clause the match governs
        (:func:`biaskit.phrases.phrase_around`).
        """
        import pandas as pd

        from biaskit.phrases import phrase_around
        from biaskit.render import ui_words

        ui = ui_words(self.language)
        rows = []
        for m in self.matches:
            if m.weight == 0 and not include_zero:
                continue
            context = "; ".join(ui["rules"].get(r, r) for r in m.rule.split("+") if r)
            pa, pb = phrase_around(self.text, m.start, m.end, language=self.language)
            rows.append(
                {
                    "words": m.text,
                    "category": m.category,
                    "measure": m.measure,
                    "weight": m.weight,
                    "voice": m.voice,
                    "counted": m.counted,
                    "context": context or ui["words"]["own_words"],
                    "why": m.note,
                    "instead": "; ".join(m.neutral) if m.neutral else "—",
                    "offsets": f"{m.start}-{m.end}",
                    "phrase": " ".join(self.text[pa:pb].split()),
                }
            )
        columns = ["words", "category", "measure", "weight", "voice", "counted", "context",
                   "why", "instead", "offsets", "phrase"]
        return pd.DataFrame(rows, columns=columns)

    def rewrite_edits(self) -> list[Edit]:
        """The neutral rewording as edits: what is replaced, by what, and what is only
        suggested (see :func:`biaskit.rewrite.rewrite_edits`)."""
        if self._lang.match == "lemma":
            # an inflecting language needs the replacement inflected like the original:
            # no drop-in is safe, so every term is only suggested
            return [
                Edit(m.start, m.end, m.text, None, m.neutral, m.term)
                for m in self.matches
                if m.counted and m.measure == "loaded"
            ]
        return rewrite_edits(self.text, self.matches)

    def neutral_rewrite(self) -> str:
        """The text with each counted loaded term that has a safe drop-in replaced by it.

        Quoted and reported words stay as they are (they are someone's words); opinion
        markers ("In my view") are never deleted; number, capitals and a/an are kept right.
        Terms with no safe drop-in stay and are listed by :meth:`rewrite_edits`.
        """
        pieces = []
        pos = 0
        for e in self.rewrite_edits():
            if e.replacement is None:
                continue
            pieces.append(self.text[pos : e.start])
            pieces.append(e.replacement)
            pos = e.end
        pieces.append(self.text[pos:])
        return "".join(pieces)

    def _repr_html_(self) -> str:
        from biaskit.render import render_html

        return render_html(self)

    def __repr__(self) -> str:
        return (
            f"<Score: {self.n_words} words, {len(self.hits)} matches, "
            f"loaded {self.loaded:g} ({self.loaded_per_1k:.1f} per 1,000 words), "
            f"stance {self.stance:g}>"
        )


def score(
    text: str,
    lexicon: Lexicon | None = None,
    *,
    language: str = "en",
    include_quoted: bool = False,
    voices: Iterable[str] | None = None,
    count_negated: bool = False,
) -> Score:
    """Score ``text`` for loaded language.

    Returns a :class:`Score`: every match (offsets, category, weight, note, neutral
    alternatives, voice, negation and the context rule behind them), quotes, word and
    sentence counts, and per-1,000-word rates of loaded language and of stance. By default
    only the outlet's own, non-negated words count; ``voices=("own", "reported")`` or
    ``include_quoted=True`` (every voice) count more, ``count_negated=True`` counts negated
    matches too. ``language`` is ``"en"``, ``"ru"``, ``"uk"`` or ``"auto"`` (detected from the
    text); ``lexicon`` defaults to the packaged lexicon of that language.
    """
    if language == "auto":
        language = detect_language(text) if isinstance(text, str) else "en"
    lex = lexicon if lexicon is not None else load_lexicon(language=language)
    return Score(
        text,
        lex,
        language=language,
        include_quoted=include_quoted,
        voices=voices,
        count_negated=count_negated,
    )
