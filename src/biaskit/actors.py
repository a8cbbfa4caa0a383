"""Actor labels: how each group describes each person (the words right before a name)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import pandas as pd

from biaskit.language import load_language
from biaskit.lexicon import load_lexicon
from biaskit.scored import ScoredCorpus, require_scored
from biaskit.tables import need_columns
from biaskit.tokens import normalize_for_matching, tokenize

if TYPE_CHECKING:
    from biaskit.lexicon import Lexicon

__all__ = [
    "DEFAULT_ACTORS",
    "ROLE_NOUNS",
    "actor_labels",
    "descriptor",
    "descriptor_span",
    "frequent_actors",
    "is_teaching_corpus",
]

# --- actor labels --------------------------------------------------------------------------

#: Actors of the shipped corpus and the names they appear under.
DEFAULT_ACTORS: dict[str, list[str]] = {
    "Lukashenka": [
        "Lukashenka",
        "Lukashenko",
        "Alexander Lukashenko",
        "Aliaksandr Lukashenka",
        "Alyaksandr Lukashenka",
    ],
    "Putin": ["Vladimir Putin", "Putin"],
    "Zelensky": [
        "Volodymyr Zelensky",
        "Vladimir Zelensky",
        "Zelenskyy",
        "Zelenskiy",
        "Zelensky",
    ],
    "Tsikhanouskaya": [
        "Sviatlana Tsikhanouskaya",
        "Svetlana Tikhanovskaya",
        "Tikhanovskaya",
        "Tsikhanouskaya",
    ],
    # the fictional city of Arnholm (stories transit-strike and climate-protest)
    "Haldane": ["Mira Haldane", "Haldane"],
    "Berg": ["Tomas Berg", "Berg"],
    "Solberg": ["Ingrid Solberg", "Solberg"],
    "Reed": ["Jonas Reed", "Reed"],
    "Voss": ["Lena Voss", "Voss"],
    "Last Summer Arnholm": ["Last Summer Arnholm"],
}

_EN = load_language("en")
#: Words that end a descriptor: a title never runs across them (from the language pack).
_NOT_TITLE = _EN.not_title
#: Nouns that head a title or role ("opposition leader", "union chair").
ROLE_NOUNS = _EN.role_nouns
#: Words after which the walk stops but the words kept are a modifier ("the defiant Putin").
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
_SPACE_ONLY = re.compile(r"[ \t]+")
_POSSESSIVE_END = re.compile(r"['’]s?$")


def is_teaching_corpus(scored: ScoredCorpus) -> bool:
    """True when every document of ``scored`` is a document of the teaching corpus (same id,
    same text), the only corpus :data:`DEFAULT_ACTORS` was written for."""
    from biaskit.corpus import load_example_corpus

    example = load_example_corpus()
    known = dict(zip(example["id"], example["text"], strict=True))
    docs = scored.docs
    return len(docs) > 0 and all(
        isinstance(i, str) and known.get(i) == t
        for i, t in zip(docs[scored.id], docs[scored.text], strict=True)
    )


def _actor_table(actors: Mapping[str, Iterable[str]] | pd.DataFrame) -> dict[str, str]:
    """alias -> actor."""
    if isinstance(actors, pd.DataFrame):
        need_columns(actors, "actor_labels", "actor", "alias")
        pairs = zip(actors["alias"], actors["actor"], strict=True)
    else:
        pairs = ((a, name) for name, aliases in actors.items() for a in [name, *aliases])
    table: dict[str, str] = {}
    for alias, actor in pairs:
        table.setdefault(str(alias), str(actor))
    return table


def _alias_regex(aliases: Iterable[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?!\w)")


def descriptor(
    text: str, start: int, *, window: int = 4, labels: Iterable[str] | None = None
) -> str:
    """The words right before ``text[start:]`` that read as its title or label ("" if none).

    See :func:`descriptor_span`, which also gives where the words start.
    """
    return descriptor_span(text, start, window=window, labels=labels)[0]


def descriptor_span(
    text: str, start: int, *, window: int = 4, labels: Iterable[str] | None = None
) -> tuple[str, int]:
    """The words right before ``text[start:]`` that read as its title or label ("" if none).

    Walks left over at most ``window`` words, stopping at punctuation, a line break, a word
    that cannot be part of a title (articles, prepositions, conjunctions, common verbs,
    pronouns, adverbs, dates) or after a possessive. "of" is kept inside a title
    ("President of Belarus"). The words found count only if the one next to the name is
    capitalised, a possessive, a role noun (:data:`ROLE_NOUNS`), one of ``labels`` (default:
    the packaged lexicon's label words), or if it is a single word after an article ("the
    defiant Putin"). So "the self-proclaimed president Alexander Lukashenko" gives
    "self-proclaimed president" and "with Putin" gives "".
    """
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    tokens = tokenize(before)
    words: list[str] = []
    end, stop, first = len(before), "", len(before)
    i = len(tokens) - 1
    while i >= 0 and len(words) < window:
        tok = tokens[i]
        if not _SPACE_ONLY.fullmatch(before[tok.end : end]):
            break
        low = tok.text.lower()
        if low == "of" and _title_of(tokens, i, words, before):
            words.append(tok.text)
        elif low in _NOT_TITLE or not any(c.isalpha() for c in low):
            stop = low
            break
        else:
            words.append(tok.text)
            first = tok.start
            if _POSSESSIVE_END.search(tok.text):
                break
        first = tok.start
        end, i = tok.start, i - 1
    if not words:
        return "", start
    label_set = _label_forms(None) if labels is None else frozenset(labels)
    if not _heads_title(words[0], stop if len(words) == 1 else "", label_set):
        return "", start
    return " ".join(reversed(words)), line_start + first


def _title_of(tokens: list[Any], i: int, words: list[str], before: str) -> bool:
    """Is the "of" at ``tokens[i]`` inside a title ("Mayor of Arnholm")?"""
    if i == 0 or not words or not all(w[:1].isupper() for w in words):
        return False
    prev = tokens[i - 1]
    if not _SPACE_ONLY.fullmatch(before[prev.end : tokens[i].start]):
        return False
    return prev.text[:1].isupper() or prev.text.lower() in ROLE_NOUNS


def _heads_title(head: str, stop: str, labels: frozenset[str]) -> bool:
    low = head.lower()
    return (
        head[:1].isupper()
        or bool(_POSSESSIVE_END.search(head))
        or low in ROLE_NOUNS
        or low in labels
        or stop in _DETERMINERS
    )


def _label_forms(lexicon: Lexicon | None) -> frozenset[str]:
    """Every lowercased one-word form of the lexicon's label entries."""
    lex = lexicon if lexicon is not None else load_lexicon()
    forms = (f for e in lex if e.category == "label" for f in (e.term, *e.forms))
    return frozenset(normalize_for_matching(f) for f in forms if " " not in f)


def actor_labels(
    scored: ScoredCorpus,
    actors: Mapping[str, Iterable[str]] | pd.DataFrame | None = None,
    *,
    by: str = "outlet",
    window: int = 4,
) -> pd.DataFrame:
    """How each group labels each actor: the words right before every mention.

    ``actors`` maps an actor to its aliases (or is a DataFrame with columns actor and alias,
    such as the reviewed output of :func:`frequent_actors`). Without it, only the teaching
    corpus gets its cast (:data:`DEFAULT_ACTORS`); any other corpus raises a ValueError asking
    for an actor table. Each mention (longest alias, whole words, case as written)
    gets the descriptor of :func:`descriptor` (the lexicon's label words count as title
    words), lowercased; no descriptor counts as "(none)". ``loaded_terms`` lists the terms
    of weight > 0 the scored corpus found inside the descriptor.
    Columns: group, actor, descriptor, count, loaded_terms.
    """
    func = "actor_labels"
    scored = require_scored(scored, func)
    docs = scored.docs
    need_columns(docs, func, by)
    if actors is None:
        if not is_teaching_corpus(scored):
            raise ValueError(
                f"{func}: this is not the teaching corpus, so its cast does not apply; pass "
                "actors= (a dict actor -> aliases, or a DataFrame with columns actor and alias). "
                "biaskit.frequent_actors(scored) suggests one from the most frequent names: "
                "review it, then pass it in"
            )
        actors = DEFAULT_ACTORS
    table = _actor_table(actors)
    pattern = _alias_regex(table)
    labels = _label_forms(None)
    loaded_spans = _loaded_spans(scored)
    found: Counter[tuple[Any, str, str]] = Counter()
    loaded: dict[str, str] = {}
    for g, doc, value in zip(docs[by], docs[scored.id], docs[scored.text], strict=True):
        if pd.isna(g) or not isinstance(value, str):
            continue
        spans = loaded_spans.get(doc, [])
        for m in pattern.finditer(value):
            desc, desc_start = descriptor_span(value, m.start(), window=window, labels=labels)
            found[(g, table[m.group()], desc)] += 1
            if desc and desc not in loaded:
                terms = [t for a, b, t in spans if a >= desc_start and b <= m.start()]
                loaded[desc] = "; ".join(dict.fromkeys(terms))
    rows = [
        {
            "group": g,
            "actor": a,
            "descriptor": normalize_for_matching(d) or "(none)",
            "count": n,
            "loaded_terms": loaded.get(d, ""),
        }
        for (g, a, d), n in found.items()
    ]
    cols = ["group", "actor", "descriptor", "count", "loaded_terms"]
    out = pd.DataFrame(rows, columns=cols)
    if out.empty:
        return out
    out = out.groupby(["group", "actor", "descriptor"], as_index=False).agg(
        count=("count", "sum"), loaded_terms=("loaded_terms", "first")
    )
    out = out.sort_values(["group", "actor", "count", "descriptor"], ascending=[1, 1, 0, 1])
    return out.reset_index(drop=True)[cols]


def _loaded_spans(scored: ScoredCorpus) -> dict[Any, list[tuple[int, int, str]]]:
    """Per document: (start, end, term) of every match of weight > 0."""
    m = scored.matches
    m = m[m["weight"] > 0]
    out: dict[Any, list[tuple[int, int, str]]] = {}
    for doc, a, b, t in zip(m[scored.id], m["start"], m["end"], m["term"], strict=True):
        out.setdefault(doc, []).append((a, b, t))
    return out


# --- a suggested cast ----------------------------------------------------------------------

_CAP_WORD = r"[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’-]+"
_NAME_RUN = re.compile(rf"(?<![\w'’-]){_CAP_WORD}(?:[ \t]+(?:{_CAP_WORD}|[A-Z]\.))+(?![\w'’-])")


def _names_in(text: str, skip: frozenset[str]) -> Iterator[tuple[int, str]]:
    """(start, name) of each run of two or more capitalised words, cut after its last role
    noun or function word ("Russian President Vladimir Putin" -> "Vladimir Putin")."""
    for m in _NAME_RUN.finditer(text):
        words = m.group().split()
        cut = max((i + 1 for i, w in enumerate(words) if w.lower().strip("'’") in skip), default=0)
        kept = words[cut:]
        if kept:
            kept[-1] = _POSSESSIVE_END.sub("", kept[-1])  # "Donald Trump's" is "Donald Trump"
        while kept and kept[-1].lower() in skip:
            kept.pop()
        if len(kept) >= 2:
            yield m.start() + m.group().index(kept[0]), " ".join(kept)


def _own_voice(scored: ScoredCorpus) -> dict[Any, list[tuple[int, int]]]:
    """Per document: the (start, end) spans of direct quotations."""
    q = scored.quotes
    q = q[q["kind"] == "direct"]
    out: dict[Any, list[tuple[int, int]]] = {}
    for doc, a, b in zip(q[scored.id], q["start"], q["end"], strict=True):
        out.setdefault(doc, []).append((int(a), int(b)))
    return out


@cache
def _not_people(language: str = "en") -> frozenset[str]:
    """Words that mark a name as an institution or place (``lang/<code>/actors.yaml``)."""
    import yaml

    path = resources.files("biaskit").joinpath("lang", language, "actors.yaml")
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in doc["not_people"])


def frequent_actors(scored: ScoredCorpus, *, n: int = 20, min_count: int = 3) -> pd.DataFrame:
    """A suggested actor table: the ``n`` people named most often in the outlets' own words.

    A name is a run of two or more capitalised words outside direct quotations, without the
    titles and role nouns before it ("Russian President Vladimir Putin" -> "Vladimir Putin"),
    mentioned at least ``min_count`` times; names with a word of the language pack's
    ``actors.yaml`` (institutions, places, outlets, page furniture: "White House", "Hide
    Caption") are left out. Each actor is a full name; the last word alone is an alias of the
    most frequent full name ending in it ("Trump" goes to "Donald Trump", not to "Melania
    Trump"). Some organisations will still come through: review the table, drop or merge rows,
    then pass it to :func:`actor_labels` (``actors=``). Columns: actor, alias, count (full-name
    mentions; for the last word alone, its mentions without a first name); most mentioned
    first.
    """
    func = "frequent_actors"
    scored = require_scored(scored, func)
    if int(n) != n or n < 1:
        raise ValueError(f"{func}: n must be a whole number of at least 1, got {n!r}")
    skip = _EN.stopwords | ROLE_NOUNS | _EN.speaker_nouns | _NOT_TITLE
    quoted = _own_voice(scored)
    full: Counter[str] = Counter()
    texts = []
    for doc, value in zip(scored.docs[scored.id], scored.docs[scored.text], strict=True):
        if not isinstance(value, str):
            continue
        spans = quoted.get(doc, [])
        texts.append((value, spans))
        for start, name in _names_in(value, skip):
            if not any(a <= start < b for a, b in spans):
                full[name] += 1
    merged: Counter[str] = Counter()
    for name, count in full.items():
        # "Belarus Alexander Lukashenko" (after "President of") is "Alexander Lukashenko"
        words = name.split()
        shorter = [" ".join(words[i:]) for i in range(1, len(words) - 1)]
        merged[next((x for x in shorter if x in full), name)] += count
    things = _not_people()
    kept = [
        (name, c)
        for name, c in merged.items()
        if c >= min_count and not any(w.lower().strip("'’") in things for w in name.split())
    ]
    kept = sorted(kept, key=lambda kv: (-kv[1], kv[0]))[:n]
    owner: dict[str, str] = {}  # last word -> the most frequent full name ending in it
    for name, _ in kept:
        owner.setdefault(name.split()[-1], name)
    rows = []
    for name, count in kept:
        rows.append({"actor": name, "alias": name, "count": count})
        last = name.split()[-1]
        if owner[last] != name:
            continue
        alone = _alias_regex([last])
        solo = sum(
            1
            for value, spans in texts
            for m in alone.finditer(value)
            if not any(a <= m.start() < b for a, b in spans)
        )
        named = sum(c for other, c in merged.items() if other.split()[-1] == last)
        if solo > named:
            rows.append({"actor": name, "alias": last, "count": solo - named})
    return pd.DataFrame(rows, columns=["actor", "alias", "count"])
