"""Cleaning scraped articles, opt-in and on the record: links, embed leftovers, photo credits
and captions, advertising and navigation lines, sidebars of other headlines.

The rules are data: ``lang/<code>/clean.yaml``, each with a name, a kind (``line``, ``span``
or ``block``) and a note. They apply alike to every document, in file order; a character an
earlier rule removed is not claimed again. Nothing goes silently: :class:`Cleaned` keeps
every removal (rule, offsets into the original text, the removed text), and the cleaned text
is exactly the original with those removals cut out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from biaskit.detect import detect_language

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

__all__ = [
    "REMOVAL_COLUMNS",
    "CleanRule",
    "Cleaned",
    "CleanedCorpus",
    "clean_corpus",
    "clean_rules",
    "clean_text",
]

REMOVAL_COLUMNS = ["rule", "start", "end", "n_chars", "removed"]
_KINDS = ("line", "span", "block")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class CleanRule:
    """One named cleaning rule read from a language pack's ``clean.yaml``."""

    name: str
    kind: str
    note: str
    pattern: re.Pattern[str] | None = None
    min_lines: int = 3
    max_words: int = 14
    min_capitalised: float = 0.6


@dataclass(frozen=True)
class Cleaned:
    """A cleaned text: ``text`` and every ``removals`` row (rule, start, end, removed) with
    offsets into ``original``."""

    original: str
    text: str
    removals: tuple[tuple[str, int, int, str], ...] = field(default=())

    @property
    def n_removed(self) -> int:
        """Characters removed."""
        return len(self.original) - len(self.text)

    def report(self) -> pd.DataFrame:
        """One row per removal: rule, start, end, n_chars, removed."""
        import pandas as pd

        rows = [(r, a, b, b - a, t) for r, a, b, t in self.removals]
        return pd.DataFrame(rows, columns=REMOVAL_COLUMNS)


@dataclass(frozen=True)
class CleanedCorpus:
    """The result of :func:`clean_corpus`: the cleaned ``corpus`` and one row per removal."""

    corpus: pd.DataFrame
    removals: pd.DataFrame
    text: str = "text"
    id: str = "id"

    def report(self, *, by: str | None = "outlet") -> pd.DataFrame:
        """Characters removed per group of ``by`` (per document with ``by=None``) and rule.

        Columns: group, rule, n_removals, n_chars, share (of the group's original characters);
        one row per group with rule "(all rules)" too, so a group with nothing removed shows 0.
        """
        import pandas as pd

        key = self.id if by is None else by
        if key not in self.corpus.columns:
            raise KeyError(f"report: no column {key!r}; columns are {list(self.corpus.columns)}")
        original = self.corpus[self.text].str.len() + self.corpus["n_removed_chars"]
        sizes = original.groupby(self.corpus[key].to_numpy(), dropna=False).sum()
        removed = self.removals.assign(group=self.removals[key])
        per_rule = (
            removed.groupby(["group", "rule"], dropna=False)
            .agg(n_removals=("n_chars", "size"), n_chars=("n_chars", "sum"))
            .reset_index()
        )
        totals = pd.DataFrame(
            {
                "group": sizes.index,
                "rule": "(all rules)",
                "n_removals": [int((removed["group"] == g).sum()) for g in sizes.index],
                "n_chars": [int(removed.loc[removed["group"] == g, "n_chars"].sum())
                            for g in sizes.index],
            }
        )  # fmt: skip
        out = pd.concat([totals, per_rule], ignore_index=True)
        out["share"] = out["n_chars"] / out["group"].map(sizes).to_numpy(float)
        out = out.sort_values(["group", "n_chars"], ascending=[True, False], kind="stable")
        return out.reset_index(drop=True)


@cache
def clean_rules(language: str = "en") -> tuple[CleanRule, ...]:
    """The cleaning rules of a language pack, in order (``lang/<code>/clean.yaml``)."""
    path = resources.files("biaskit").joinpath("lang", language, "clean.yaml")
    where = f"biaskit:lang/{language}/clean.yaml"
    if not path.is_file():
        raise ValueError(f"clean: no cleaning rules for language {language!r} ({where})")
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
        raise ValueError(f"{where}: expected a mapping with a 'rules' list")
    return tuple(_rule(item, where, i) for i, item in enumerate(doc["rules"], start=1))


def _rule(item: Any, where: str, i: int) -> CleanRule:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise ValueError(f"{where}: rule {i}: expected a mapping with a 'name'")
    name = item["name"]
    kind = item.get("kind")
    if kind not in _KINDS:
        raise ValueError(f"{where}: rule {name!r}: field 'kind' must be one of {_KINDS}")
    note = item.get("note")
    if not isinstance(note, str) or not note.strip():
        raise ValueError(f"{where}: rule {name!r}: field 'note' is required")
    if kind == "block":
        known = {"name", "kind", "note", "min_lines", "max_words", "min_capitalised"}
        unknown = sorted(set(item) - known)
        if unknown:
            raise ValueError(f"{where}: rule {name!r}: unknown field(s) {unknown}")
        opts = {k: item[k] for k in ("min_lines", "max_words", "min_capitalised") if k in item}
        return CleanRule(name, kind, note, **opts)
    flags = re.IGNORECASE if item.get("flags") == "i" else 0
    try:
        pattern = re.compile(str(item["pattern"]), flags)
    except (KeyError, re.error) as exc:
        raise ValueError(f"{where}: rule {name!r}: field 'pattern': {exc}") from None
    return CleanRule(name, kind, note, pattern=pattern)


def _lines(text: str) -> Iterable[tuple[int, int, int]]:
    """(start, end without the line break, end with it) of every line."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body), pos + len(line)
        pos += len(line)


def _line_hits(rule: CleanRule, text: str) -> Iterable[tuple[int, int]]:
    assert rule.pattern is not None
    for a, b, b_nl in _lines(text):
        if b > a and text[a:b].strip() and rule.pattern.fullmatch(text, a, b):
            yield a, b_nl


def _span_hits(rule: CleanRule, text: str) -> Iterable[tuple[int, int]]:
    assert rule.pattern is not None
    for m in rule.pattern.finditer(text):
        a, b = m.span()
        if a == b:
            continue
        # one neighbouring space goes too, so no double space is left behind
        if b < len(text) and text[b] == " " and (a == 0 or text[a - 1] in " \n"):
            b += 1
        elif a > 0 and text[a - 1] == " ":
            a -= 1
        yield a, b


def _headline_like(line: str, rule: CleanRule) -> bool:
    words = _WORD.findall(line)
    if not words or len(line.split()) > rule.max_words or line.rstrip().endswith(
        (".", "!", "?", ":", ";", ",", "”", '"', "’")
    ):
        return False
    content = [w for w in words if len(w) >= 4]
    if len(content) < 2:
        return False
    return sum(w[0].isupper() for w in content) / len(content) >= rule.min_capitalised


def _block_hits(rule: CleanRule, text: str) -> Iterable[tuple[int, int]]:
    run: list[tuple[int, int]] = []
    for a, b, b_nl in [*_lines(text), (len(text), len(text), len(text))]:
        body = text[a:b]
        if not body.strip() and b < len(text):
            continue  # blank lines between headlines keep the run going
        if body.strip() and _headline_like(body, rule):
            run.append((a, b_nl))
            continue
        if len(run) >= rule.min_lines:
            yield run[0][0], run[-1][1]  # one removal, blank lines between included
        run = []


_HITS = {"line": _line_hits, "span": _span_hits, "block": _block_hits}


def _select(language: str, rules: Iterable[str] | None) -> tuple[CleanRule, ...]:
    every = clean_rules(language)
    if rules is None:
        return every
    wanted = list(rules)
    names = [r.name for r in every]
    for name in wanted:
        if name not in names:
            raise ValueError(f"clean: unknown rule {name!r}; rules are {names}")
    return tuple(r for r in every if r.name in wanted)


def _clean(text: str, chosen: tuple[CleanRule, ...]) -> Cleaned:
    taken = bytearray(len(text))  # 1 where an earlier rule removed the character
    removals: list[tuple[str, int, int, str]] = []
    for rule in chosen:
        for a, b in _HITS[rule.kind](rule, text):
            if any(taken[a:b]):
                continue
            taken[a:b] = b"\x01" * (b - a)
            removals.append((rule.name, a, b, text[a:b]))
    removals.sort(key=lambda r: r[1])
    kept, pos = [], 0
    for _, a, b, _ in removals:
        kept.append(text[pos:a])
        pos = b
    kept.append(text[pos:])
    return Cleaned(text, "".join(kept), tuple(removals))


def clean_text(
    text: str, *, language: str = "en", rules: Iterable[str] | None = None
) -> Cleaned:
    """``text`` without web leftovers, with a record of every removal and its rule.

    ``rules`` names the rules to apply (default: all of the language pack's
    ``clean.yaml``, see :func:`clean_rules`); ``language="auto"`` picks the pack from the
    text (:func:`biaskit.detect_language`). The cleaned text is the original with the
    removed spans cut out, nothing else changed.
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_text: text must be a str, got {type(text).__name__}")
    if language == "auto":
        language = detect_language(text)
    return _clean(text, _select(language, rules))


def clean_corpus(
    corpus: pd.DataFrame,
    *,
    text: str = "text",
    id: str = "id",
    language: str = "en",
    rules: Iterable[str] | None = None,
) -> CleanedCorpus:
    """Clean the ``text`` column of every document alike, on the record.

    Returns a :class:`CleanedCorpus`: ``corpus`` (a copy, ``text`` cleaned, plus
    ``n_removed_chars``) and ``removals`` (one row per removal: the id and the carried
    metadata, rule, start, end, n_chars, removed); ``.report(by="outlet")`` sums them per
    group and rule. Missing text is an error naming the row. ``language="auto"`` cleans
    each document with its own pack: the corpus's ``language`` column where it has one, else
    the language detected from the text.
    """
    import pandas as pd

    from biaskit.tables import need_columns

    need_columns(corpus, "clean_corpus", text)
    if id not in corpus.columns:
        if id != "id":
            raise KeyError(f"clean_corpus: no id column {id!r}; columns are {list(corpus.columns)}")
        corpus = corpus.assign(id=corpus.index)
    rules = None if rules is None else tuple(rules)
    packs: dict[str, tuple[CleanRule, ...]] = {}
    languages = (
        corpus["language"] if language == "auto" and "language" in corpus.columns
        else pd.Series([None if language == "auto" else language] * len(corpus), dtype=object)
    )
    carry = [c for c in (id, "outlet") if c in corpus.columns]
    cleaned_texts, removed, rows = [], [], []
    for idx, value, code, *keys in zip(
        corpus.index, corpus[text], languages, *(corpus[c] for c in carry), strict=True
    ):
        if not isinstance(value, str):
            raise TypeError(f"clean_corpus: row {idx!r}: column {text!r} is not text: {value!r}")
        if not isinstance(code, str) or not code:
            code = detect_language(value)
        chosen = packs.get(code)
        if chosen is None:
            chosen = packs[code] = _select(code, rules)
        result = _clean(value, chosen)
        cleaned_texts.append(result.text)
        removed.append(result.n_removed)
        rows.extend((*keys, r, a, b, b - a, t) for r, a, b, t in result.removals)
    out = corpus.copy()
    out[text] = cleaned_texts
    out["n_removed_chars"] = removed
    removals = pd.DataFrame(rows, columns=[*carry, *REMOVAL_COLUMNS])
    return CleanedCorpus(out, removals, text=text, id=id)
