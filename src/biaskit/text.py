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
    "sentence_bounds",
    "sentence_index",
    "split_sentences",
    "tokenize",
]

#: A word: letters or digits, joined by inner hyphens, apostrophes or dots
#: ("self-proclaimed", "don't", "U.S", "3.5"). Non-Latin scripts are words too.
WORD_RE = re.compile(r"\w++(?:[-‐‑'’.]\w++)*+")

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


def _abbreviation_lookbehinds() -> str:
    """Look-behinds, checked just after a full stop, for abbreviations and initials."""
    by_len: dict[int, list[str]] = {}
    for a in sorted(ABBREVIATIONS):
        by_len.setdefault(len(a), []).append(re.escape(a))
    # one fixed-width look-behind per length; single letters are initials ("J. Smith")
    parts = [rf"(?<!\b(?i:{'|'.join(v)})\.)" for _, v in sorted(by_len.items())]
    return "".join(parts) + r"(?<!\b[A-Za-z]\.)"


#: A sentence end: terminal punctuation (not after an abbreviation or an initial, and
#: not followed by a lowercase word), a paragraph break, or a line break before a
#: capitalised line (headlines). Group 1 is the punctuation. Every branch starts
#: with a character class, so the regex engine skips ahead quickly.
_SENTENCE_END_RE = re.compile(
    r"([.!?…](?<![.!?…].)"  # the first mark of a punctuation run
    + _abbreviation_lookbehinds()
    + r"[.!?…]*[\"”’»)\]]*)(?:\s+(?![a-z])|$)"
    r"|\n[ \t]*\n\s*|\n[ \t]*(?=[A-Z“\"«])"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text with offsets into the original string."""

    start: int
    end: int
    text: str


QuoteKind = Literal["direct", "scare", "mention"]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted span. ``start``/``end`` include the quote marks.

    ``kind`` is ``"direct"`` for someone's reported words, ``"mention"`` for a
    title or a word quoted as a word (the show "The Apprentice", the word
    "ambulance"), and ``"scare"`` for a short quoted span the writer uses to
    keep its distance ("peace talks").
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    kind: QuoteKind
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
    starts, ends = sentence_bounds(text)
    return [Span(a, b, text[a:b]) for a, b in zip(starts, ends, strict=True)]


Bounds = tuple[list[int], list[int]]


def sentence_bounds(text: str) -> Bounds:
    """Start and end offsets of the sentences of ``text`` (see :func:`split_sentences`)."""
    n = len(text)
    first = n - len(text.lstrip())
    # a boundary match ends one sentence (at its punctuation, or where the break
    # starts) and the next sentence starts where the match ends
    cuts = [(max(m.end(1), m.start()), m.end()) for m in _SENTENCE_END_RE.finditer(text)]
    starts = [first, *(c[1] for c in cuts)]
    ends = [*(c[0] for c in cuts), len(text.rstrip())]
    pairs = [
        (a, b if not text[b - 1].isspace() else a + len(text[a:b].rstrip()))
        for a, b in zip(starts, ends, strict=True)
        if b > a
    ]
    pairs = [(a, b) for a, b in pairs if b > a]
    return [a for a, _ in pairs], [b for _, b in pairs]


def sentence_index(starts: list[int], offset: int) -> int:
    """Index of the sentence containing ``offset``, given sorted sentence starts."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


# --- matching normalisation -------------------------------------------------

_FOLD_PAIRS = (("’", "'"), ("‘", "'"), ("‐", "-"), ("‑", "-"), ("ʼ", "'"))


def normalize_for_matching(text: str) -> str:
    """Lowercase ``text`` and fold curly apostrophes and odd hyphens, keeping its length.

    The result has exactly one character per character of ``text``, so offsets
    found in it are offsets into ``text``.
    """
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ" lowercases to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for old, new in _FOLD_PAIRS:
        if old in low:
            low = low.replace(old, new)
    return low


# --- quotations -------------------------------------------------------------

_OPEN = {"“": "”", "«": "»", "„": "“”", '"': '"'}
_DOUBLE_RE = re.compile(r"[\"“”„«»]|\n[ \t]*\n")
_SINGLE_RE = re.compile(r"[‘'](?<![\w'’][‘'])(?=\w)([^\n‘’'\"“”]{1,60}?[\w.,!?])[’'](?!\w)")
_SPEECH_BEFORE_RE = re.compile(
    r"(?:\b(?:said|says|say|saying|told|tells|stated|states|asked|asks|added|adds|wrote|writes|"
    r"declared|declares|announced|replied|replies|insisted|claimed|claims|tweeted|posted|"
    r"according to|quoted as saying|in (?:his|her|their|its) words|as (?:he|she|they|it) put it|"
    r"what (?:he|she|they|it) called|(?:he|she|they|it) called it)\b[^\w\n]{0,3}|[:])\s*$"
    # a term attributed to whoever uses it: what Moscow calls a "...", dubbed it "..."
    r"|\b(?:calls?(?!\s+for\b)|(?<!so-)called(?!\s+for\b)|dubs|dubbed|terms|termed|brands|branded|"
    r"describes? as|described as|refers? to as|referred to as)\s+(?:[\w'’]+\s+){0,5}$",
    re.IGNORECASE,
)
_SPEECH_AFTER_RE = re.compile(
    r"^\s*[,—–-]?\s*(?:(?:he|she|they|it|I|we)\s+|(?:[A-Z][\w.'’-]*\s+){1,4}|"
    r"(?:the|a)\s+[a-z]+\s+)?(?:said|says|told|added|adds|wrote|writes|asked|stated|replied|"
    r"insisted|explained|continued|recalled|tweeted|posted)\b",
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words in a sentence that present a quote as someone's words: reporting verbs, verbs of
# praise, blame and complaint, and nouns for an utterance ("her claim that ... “rigged”",
# "slammed the probe as a “witch hunt”"). Checked word by word against a set (fast).
_REPORTING_WORDS = _word_set(
    """
    say says said saying tell tells told telling state states stated stating ask asks asked
    asking add adds added write writes wrote writing written declare declares declared
    declaring announce announces announced announcing reply replies replied replying respond
    responds responded responding insist insists insisted insisting claim claims claimed
    claiming tweet tweets tweeted tweeting posted argue argues argued arguing warn warns
    warned warning urge urges urged urging vow vows vowed vowing promise promises promised
    promising pledge pledges pledged pledging accuse accuses accused accusing admit admits
    admitted admitting acknowledge acknowledges acknowledged acknowledging concede concedes
    conceded conceding notes noted noting explain explains explained explaining describe
    describes described describing call calls called calling label labels labeled labelled
    labeling labelling dub dubs dubbed dubbing terms termed terming brand brands branded
    branding slam slams slammed slamming blast blasts blasted blasting praise praises praised
    praising criticize criticizes criticized criticizing criticise criticises criticised
    criticising condemn condemns condemned condemning denounce denounces denounced
    denouncing dismiss dismisses dismissed dismissing deride derides derided deriding mock
    mocks mocked mocking tout touts touted touting boast boasts boasted boasting brag brags
    bragged bragging complain complains complained complaining charged charging allege
    alleges alleged alleging suggest suggests suggested suggesting predict predicts predicted
    predicting recall recalls recalled recalling repeat repeats repeated repeating stress
    stresses stressed stressing emphasize emphasizes emphasized emphasizing emphasise
    emphasises emphasised emphasising assert asserts asserted asserting contend contends
    contended contending maintain maintains maintained maintaining testify testifies
    testified testifying threaten threatens threatened threatening deny denies denied denying
    joked joking quip quips quipped chant chants chanted chanting shout shouts shouted
    shouting yell yells yelled yelling fumed fuming continue continues continued continuing
    answer answers answered answering mention mentions mentioned mentioning cite cites cited
    citing referenced referencing characterize characterizes characterized characterizing
    characterise characterises characterised characterising conclude concludes concluded
    concluding hail hails hailed hailing celebrate celebrates celebrated celebrating lament
    laments lamented lamenting decry decries decried decrying scoff scoffs scoffed scoffing
    sneer sneers sneered sneering retort retorts retorted retorting counters countered
    countering rails railed railing demand demands demanded demanding recommend recommends
    recommended recommending propose proposes proposed proposing opined opining ruled ruling
    felt feel feels quote quotes quoted quoting statement remark remarks comment comments
    interview speech tweet letter column memo report spokesman spokeswoman
    spokesperson warning accusation allegation assertion charge admission complaint testimony
    headline think thinks thought believe believes believed assure assures assured worry
    worries worried want wants wanted implore implores implored plead pleads pleaded beg begs
    begged prefer prefers preferred preferring threat threats refer refers referred referring
    ridicule ridicules ridiculed ridiculing indicate indicates indicated lambast lambaste
    lambasted lambasting downplay downplays downplayed downplaying misrepresent
    misrepresented reprimand reprimanded reprimanding
    """
)
_REPORTING_PHRASE_RE = re.compile(
    r"\b(?:according to|in (?:his|her|their|its) words|lash(?:es|ed|ing)? out|"
    r"fir(?:e|es|ed|ing) back)\b",
    re.IGNORECASE,
)
_LOWER_WORD_RE = re.compile(r"[a-z]+")


def _presented_as_speech(outside: str) -> bool:
    """True if the words around a quote include a reporting verb or utterance noun."""
    low = outside.lower().replace("so-called", "")
    if not _REPORTING_WORDS.isdisjoint(_LOWER_WORD_RE.findall(low)):
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
# Nouns for something said, right after a quote: the quote is the thing said.
_UTTERANCE_NOUNS = _word_set(
    """
    claim claims comment comments remark remarks statement statements tweet tweets speech
    line lines rhetoric label jab jibe quip attack attacks threat threats promise pledge
    warning accusation charge slogan mantra catchphrase phrase term moniker nickname message
    insult insults boast vow
    """
)
_NEXT_WORD_RE = re.compile(r"(?:['’]s)?\s+([a-z]+)")
_CLAUSE_MARK_RE = re.compile(r"[,;—–(]|\s-\s")
_LINE_ENDINGS = frozenset(".!?:;,")
_MAX_HEADLINE_WORDS = 16
_DISTANCING_BEFORE_RE = re.compile(
    r"\b(?:so-called|so called|self-styled|self-proclaimed|supposed|would-be|quote-unquote)\s*$",
    re.IGNORECASE,
)
# Words a title leaves in lower case ("Medicare for All").
_SMALL_WORDS = _word_set("a an and as at by for from in into of on or the to vs with")
_TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_FIRST_SECOND_PERSON_RE = re.compile(
    r"\b(?:I|I['’](?:m|ve|ll|d)|[Mm]e|[Mm]y|[Ww]e|[Ww]e['’](?:re|ve|ll)|[Uu]s|[Oo]ur|"
    r"[Yy]ou|[Yy]ou['’](?:re|ve|ll)|[Yy]our)\b"
)
_MAX_SCARE_WORDS = 4


def find_quotes(text: str) -> list[Quote]:
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
    raw = _paired_quotes(text)
    if raw is None:
        raw = _scan_quotes(text)
    _add_single_quotes(text, raw)
    _add_embedded_posts(text, raw)

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
        kind = _quote_kind(text, a, b, inner, n_words, closed)
        quotes.append(Quote(a, b, inner_start, inner_end, kind, n_words, text[a:b]))
    return quotes


_PAIR_RE = re.compile(r'“[^“”\n]*”|"[^"\n]*"|«[^«»\n]*»')


def _paired_quotes(text: str) -> list[tuple[int, int, bool]] | None:
    """The common case, fast: every double quote mark closes on its own line.

    Returns None when any mark is left over or a straight quote opens like a
    closing mark; the full scanner then decides.
    """
    pairs = []
    for m in _PAIR_RE.finditer(text):
        a = m.start()
        if text[a] == '"' and a > 0:
            prev, nxt = text[a - 1], text[a + 1 : a + 2]
            if (prev.isalnum() or prev in ".,!?;") and (nxt.isspace() or nxt in ".,;:!?)"):
                return None
        pairs.append((a, m.end(), True))
    n_marks = sum(text.count(c) for c in '"“”„«»')
    return pairs if n_marks == 2 * len(pairs) else None


def _scan_quotes(text: str) -> list[tuple[int, int, bool]]:
    """Pair double quote marks paragraph by paragraph, mending unclosed and orphan marks."""
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
    return raw


def _add_single_quotes(text: str, raw: list[tuple[int, int, bool]]) -> None:
    """Add single-quoted spans of up to six words that lie outside double quotes."""
    if "'" not in text and "‘" not in text:
        return
    double_starts = [a for a, _, _ in raw]
    found = []
    for m in _SINGLE_RE.finditer(text):
        a, b = m.start(), m.end()
        i = bisect.bisect_right(double_starts, a) - 1
        if i >= 0 and a < raw[i][1]:
            continue  # inside a double-quoted span
        if len(WORD_RE.findall(m.group(1))) <= 6:
            found.append((a, b, True))
    if found:
        raw.extend(found)
        raw.sort()


# The signature under a social-media post embedded in a web article:
# "— Jane Doe (@janedoe) June 29, 2018".
_EMBED_SIGNATURE_RE = re.compile(
    r"[—–]\s*[^\n()—–]{1,80}\(@\w{1,30}\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}"
)


def _add_embedded_posts(text: str, raw: list[tuple[int, int, bool]]) -> None:
    """Add each embedded post (its text up to the signature) as a quote of its author.

    Scraped web articles keep the text of embedded posts without quote marks; the
    words are the poster's, not the outlet's. Quotes inside a post are merged into it.
    """
    if "(@" not in text:
        return
    posts = []
    for m in _EMBED_SIGNATURE_RE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if not text[start : m.start()].strip():  # signature on its own line: the post is above
            above = len(text[:start].rstrip())
            start = text.rfind("\n", 0, above) + 1 if above else m.start()
        while start < m.start() and text[start].isspace():
            start += 1
        if start < m.start():
            posts.append((start, m.start(), False))
    if not posts:
        return
    kept = [q for q in raw if not any(q[0] < b and a < q[1] for a, b, _ in posts)]
    raw[:] = sorted(kept + posts)


def _orphan_close(text: str, para_start: int, i: int, raw: list[tuple[int, int, bool]]) -> None:
    """Record a quote from the paragraph start to an unmatched closing mark."""
    start = para_start
    while start < i and text[start].isspace():
        start += 1
    if start < i:
        raw.append((start, i + 1, True))


def _sentence_around(text: str, a: int, b: int, reach: int = 400) -> tuple[int, int]:
    """Start and end of the sentence around ``text[a:b]``, looking at most ``reach`` away."""
    start = max(0, a - reach)
    for m in _SENTENCE_END_RE.finditer(text, start, a):
        start = m.end()
    m = _SENTENCE_END_RE.search(text, max(a, b - 2), min(len(text), b + reach))
    return start, (m.start() if m else min(len(text), b + reach))


def _speech_after(text: str, b: int, sent_end: int, inner: str) -> bool:
    """A reporting word after the quote, across a comma or dash from it.

    "“Rigged,” the senator wrote" and "a “cordon operation” in Khyber, the army said"
    present the quote as speech; in "the “peacemaker” admitted" the quote is the
    subject of the verb, and the quote marks mock it.
    """
    after = text[b:sent_end]
    low = after.lower()
    first = _NEXT_WORD_RE.match(low)
    if first and first.group(1) in _UTTERANCE_NOUNS:
        return True  # his “Pocahontas” comment, the “no strategy” remarks
    comma_inside = inner.rstrip()[-1:] in ",;"
    for m in _LOWER_WORD_RE.finditer(low):
        if m.group() in _REPORTING_WORDS and (
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


def _is_title(inner: str) -> bool:
    """Two or more words, every one capitalised but small words: a name or title."""
    words = _TITLE_WORD_RE.findall(inner)
    if len(words) < 2:
        return False
    return all(w[0].isupper() or (i > 0 and w.lower() in _SMALL_WORDS) for i, w in enumerate(words))


def _quote_kind(
    text: str,
    a: int,
    b: int,
    inner: str,
    n_words: int,
    closed: bool,
) -> QuoteKind:
    """Tell speech, a mention (a title, a word as a word) and a scare quote apart.

    A short quote is a scare quote only when nothing in its sentence presents it
    as someone's words: news style attributes partial quotes, so a reporting
    verb or utterance noun before the quote, or after it across a comma, makes
    it speech.
    """
    if n_words > _MAX_SCARE_WORDS or not closed:
        return "direct"
    sent_start, sent_end = _sentence_around(text, a, b)
    before = text[max(sent_start, a - 60) : a]
    if _SPEECH_BEFORE_RE.search(before):
        return "direct"
    after = text[b : b + 60]
    if _SPEECH_AFTER_RE.match(after) and (
        inner.rstrip()[-1:] in ",!?" or after.lstrip()[:1] in ",—–-"
    ):
        return "direct"
    if _DISTANCING_BEFORE_RE.search(before):
        return "scare"  # "the so-called “elections”": the writer's distance, whoever spoke
    if _FIRST_SECOND_PERSON_RE.search(inner):
        return "direct"  # "the plan to “bring our jobs home”": a speaker's words
    outside = text[sent_start:a] + " " + text[b:sent_end]
    if not WORD_RE.search(outside):
        return "direct"  # the quote is the whole sentence
    if _presented_as_speech(text[sent_start:a]) or _speech_after(text, b, sent_end, inner):
        return "direct"
    if _HEADLINE_SPEAKER_RE.search(text, sent_start, a) or _in_headline(text, a, b):
        return "direct"  # "Jeh Johnson: Ebola outbreak 'manageable'"
    if (
        _MENTION_BEFORE_RE.search(before)
        or _MENTION_NOUN_RE.search(outside)
        or _is_title(inner)
        or (_NAME_BEFORE_RE.search(before) and _NAME_AFTER_RE.match(after))
    ):
        return "mention"
    return "scare"
