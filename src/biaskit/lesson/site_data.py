"""What the lesson site shows, computed once: the corpus, its scores, and per article the
matches, notes and words in plain, JSON-ready form.

The site builds from whatever the corpus holds: any number of stories and outlets per story,
English, Russian and Ukrainian articles (each shown with the words of its own language).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from biaskit.corpus import corpus_path, load_corpus
from biaskit.lesson.wording import words
from biaskit.scored import ScoredCorpus, score_corpus

__all__ = [
    "Article",
    "LessonData",
    "default_sources",
    "invented_note",
    "lesson_data",
    "slug",
]

_WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
_SLUG_RE = re.compile(r"[^A-Za-z0-9_-]+")


def default_sources() -> list[Path]:
    """The shipped English corpus and the Russian and Ukrainian articles shipped beside it
    (their folders: the reader skips the datasheets, translated ones included)."""
    return [corpus_path(), corpus_path("ru-uk")]


def slug(name: str, taken: set[str]) -> str:
    """A file-name-safe, unique version of ``name`` (added to ``taken``)."""
    base = _SLUG_RE.sub("-", str(name)).strip("-")[:80] or "item"
    out, i = base, 2
    while out.lower() in taken:
        out, i = f"{base}-{i}", i + 1
    taken.add(out.lower())
    return out


def invented_note(value: Any, language: str) -> str:
    """The note for an ``invented_quotes`` field: names, ``true``, or nothing ("")."""
    if value is None or value is False or (isinstance(value, float) and pd.isna(value)):
        return ""
    w = words(language)
    text = str(value).strip()
    if value is True or text.lower() in ("true", "yes"):
        return w["invented_some"]
    if text.lower() in ("", "false", "no", "none", "nan"):
        return ""
    names = [n.strip() for n in text.split(",") if n.strip()]
    return w["invented_names"].format(names=", ".join(names)) if names else ""


def _language(row: pd.Series) -> str:
    lang = row.get("language")
    return str(lang) if isinstance(lang, str) and lang in ("en", "ru", "uk") else "en"


@dataclass
class Article:
    """One article as the site shows it."""

    id: str
    slug: str
    outlet: str
    story: str
    title: str
    date: str
    language: str
    text: str
    n_words: int
    loaded_per_1k: float
    stance_per_1k: float
    n_loaded: int
    invented: str
    shown: list[dict[str, Any]]  # highlighted matches (notes), in text order
    kit: list[int]  # indices into ``shown`` of the kit's loaded words (own voice, counted)

    def word_spans(self) -> list[tuple[int, int]]:
        """(start, end) of every word of the text, for marking."""
        return [(m.start(), m.end()) for m in _WORD_RE.finditer(self.text)]

    def kit_json(self) -> list[dict[str, Any]]:
        """The kit's words for the guess-then-reveal page and the class page."""
        return [
            {k: self.shown[i][k] for k in ("start", "end", "text", "label", "note", "neutral")}
            for i in self.kit
        ]


def _style(m: Any) -> str:
    """How a mark is drawn: zero (dotted), neg (struck), own (solid) or other (dashed)."""
    if m.weight == 0:
        return "zero"
    if m.negated:
        return "neg"
    return "own" if m.counted else "other"


def _match_record(m: Any, language: str) -> dict[str, Any]:
    w = words(language)
    if m.negated:
        whose = w["negated"]
    elif m.voice == "quoted":
        whose = w["quoted"]
    elif m.voice == "reported":
        whose = w["reported"]
    else:
        whose = w["own"]
    if m.weight == 0:
        whose = w["zero"]
    elif m.measure == "stance":
        whose += " " + w["stance"]
    raw = m.neutral  # "a; b" in the match table (a list from a Score)
    if isinstance(raw, str):
        neutral = [n.strip() for n in raw.split(";") if n.strip()]
    else:
        neutral = list(raw) if isinstance(raw, list | tuple) else []
    return {
        "start": int(m.start),
        "end": int(m.end),
        "text": str(m.text),
        "category": str(m.category),
        "label": w.get(f"cat_{m.category}", str(m.category)),
        "style": _style(m),
        "whose": whose,
        "note": str(m.note or ""),
        "neutral": "; ".join(str(n) for n in neutral),
    }


def _article(row: Any, matches: pd.DataFrame, taken: set[str]) -> Article:
    language = _language(pd.Series(row._asdict()))
    mine = matches[matches["id"] == row.id].sort_values(["start", "end"], ascending=[True, False])
    shown = mine[(mine["weight"] > 0) | (mine["category"] == "naming")]
    records = [_match_record(m, language) for m in shown.itertuples()]
    kit = [
        i for i, m in enumerate(shown.itertuples())
        if m.counted and m.measure == "loaded" and m.weight > 0
    ]  # fmt: skip
    date = "" if pd.isna(row.date) else pd.Timestamp(row.date).strftime("%Y-%m-%d")
    return Article(
        id=str(row.id), slug=slug(row.id, taken), outlet=str(row.outlet), story=str(row.story),
        title=str(row.title or ""), date=date, language=language, text=str(row.text),
        n_words=int(row.n_words), loaded_per_1k=float(row.loaded_per_1k),
        stance_per_1k=float(row.stance_per_1k), n_loaded=len(kit),
        invented=invented_note(getattr(row, "invented_quotes", None), language),
        shown=records, kit=kit,
    )  # fmt: skip


@dataclass
class LessonData:
    """The scored corpus and its articles by story, in the site's order."""

    scored: ScoredCorpus
    stories: dict[str, list[Article]]
    story_slugs: dict[str, str]

    def language_of(self, story: str) -> str:
        """The language most of the story's articles are in (English on a tie with it)."""
        counts = Counter(a.language for a in self.stories[story])
        return max(sorted(counts), key=lambda lang: (counts[lang], lang == "en"))

    def articles(self) -> list[Article]:
        """Every article, story by story."""
        return [a for arts in self.stories.values() for a in arts]


def lesson_data(sources: list[Path] | None = None) -> LessonData:
    """Load and score the corpus (``sources``: paths for :func:`biaskit.load_corpus`;
    default :func:`default_sources`) and prepare every article for the site."""
    corpus = load_corpus(sources or default_sources())
    corpus = corpus.assign(story=corpus["story"].fillna("").astype(str))
    corpus.loc[corpus["story"] == "", "story"] = "(no story)"
    scored = score_corpus(corpus)
    docs = scored.docs
    order = docs.assign(_lang=docs["language"].fillna("en").astype(str) != "en")
    order = order.sort_values(["_lang", "story", "outlet", "id"])
    taken: set[str] = {"index", "class"}
    story_taken: set[str] = set()
    stories: dict[str, list[Article]] = {}
    for row in order.itertuples(index=False):
        stories.setdefault(str(row.story), []).append(_article(row, scored.matches, taken))
    slugs = {s: slug(s, story_taken) for s in stories}
    return LessonData(scored, stories, slugs)
