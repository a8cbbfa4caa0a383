"""The lexicon: loaded-language entries kept as data (YAML or CSV), validated on load.

Each language pack keeps its lexicon in ``biaskit/lang/<code>/lexicon/*.yaml``, one file
per category. User files extend it (an entry with the same term replaces the packaged
one) or replace it. Every validation error names the file, the entry and the field.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from biaskit.categories import GRADES, LEXICON_CATEGORIES
from biaskit.safeyaml import SafeLineLoader, YAMLProblem, load_yaml
from biaskit.schema import clip
from biaskit.strictcsv import CSVProblem, StrictCSV

__all__ = [
    "CATEGORIES",
    "GRADES",
    "OMIT",
    "Entry",
    "Example",
    "Lexicon",
    "LexiconError",
    "Sense",
    "load_lexicon",
]

#: Lexicon categories, in display order (from :mod:`biaskit.categories`).
CATEGORIES: tuple[str, ...] = LEXICON_CATEGORIES
MAX_WEIGHT = 3.0

_FIELDS = {
    "term",
    "forms",
    "category",
    "weight",
    "neutral",
    "note",
    "source",
    "grade",
    "referent",
    "perspective",
    "case_sensitive",
    "replace",
    "examples",
    "not_examples",
    "when",
    "note_en",
}
#: Conditions an entry may set under ``when`` (all must hold for the entry to apply).
SENSE_KEYS = ("pos", "prev", "prev_not", "next", "next_not", "case", "unless_frame")
#: Coarse parts of speech a ``when: pos:`` condition may name.
POS_TAGS = ("noun", "verb", "adj", "adv", "propn")
#: ``case`` values: how the matched words are written.
CASES = ("lower", "capitalized", "upper")
#: A ``replace`` value that means "drop the words" (``self-proclaimed president``).
OMIT = "(omit)"


class LexiconError(ValueError):
    """A lexicon file or entry is invalid. The message names file, entry and field."""


@dataclass(frozen=True, slots=True)
class Sense:
    """When an entry applies: every condition set must hold (see docs/lexicon-guide.md)."""

    pos: tuple[str, ...] = ()
    prev: tuple[str, ...] = ()
    prev_not: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    next_not: tuple[str, ...] = ()
    case: str | None = None
    unless_frame: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The conditions that are set, as a plain dict."""
        return {k: getattr(self, k) for k in SENSE_KEYS if getattr(self, k)}


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence where an entry applies, and optionally its expected neutral rewrite."""

    text: str
    rewrite: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: a term, the surface forms that count, and why it is loaded."""

    term: str
    category: str
    weight: float
    note: str
    forms: tuple[str, ...] = ()
    neutral: tuple[str, ...] = ()
    source: str | None = None
    grade: str | None = None
    referent: str | None = None
    perspective: str | None = None
    case_sensitive: bool = False
    replace: str | dict[str, str] | None = field(default=None, hash=False)
    examples: tuple[Example, ...] = ()
    not_examples: tuple[str, ...] = ()
    when: Sense | None = None
    note_en: str | None = None
    origin: str = field(default="", compare=False)

    def replacement(self, form: str) -> str | None:
        """The drop-in replacement for the matched ``form`` (lowercased), or None."""
        if isinstance(self.replace, dict):
            return self.replace.get(" ".join(form.lower().replace("’", "'").split()))
        return self.replace

    def as_dict(self) -> dict[str, Any]:
        """The entry as a plain dict (for tables and CSV export)."""
        return {
            "term": self.term,
            "category": self.category,
            "weight": self.weight,
            "forms": list(self.forms),
            "neutral": list(self.neutral),
            "note": self.note,
            "source": self.source,
            "grade": self.grade,
            "referent": self.referent,
            "perspective": self.perspective,
            "replace": self.replace if not isinstance(self.replace, dict) else dict(self.replace),
            "when": self.when.as_dict() if self.when else None,
        }


class Lexicon(Sequence[Entry]):
    """An immutable, validated collection of entries with a fast matcher."""

    def __init__(self, entries: Iterable[Entry], name: str = "custom") -> None:
        self._entries: tuple[Entry, ...] = tuple(entries)
        self.name = name
        _check_forms_unique(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, i):  # type: ignore[override]
        return self._entries[i]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def __repr__(self) -> str:
        counts = ", ".join(f"{c}={n}" for c, n in self.category_counts().items() if n)
        return f"<Lexicon {self.name!r}: {len(self)} entries ({counts})>"

    def category_counts(self) -> dict[str, int]:
        """Number of entries per category (every category present, zero-filled)."""
        counts = dict.fromkeys(CATEGORIES, 0)
        for e in self._entries:
            counts[e.category] = counts.get(e.category, 0) + 1
        return counts

    def get(self, term: str) -> Entry | None:
        """The entry for ``term`` (case-insensitive), or None."""
        key = term.lower()
        for e in self._entries:
            if e.term.lower() == key:
                return e
        return None

    def referents(self) -> dict[str, list[Entry]]:
        """Naming entries grouped by the referent they name."""
        out: dict[str, list[Entry]] = {}
        for e in self._entries:
            if e.category == "naming" and e.referent:
                out.setdefault(e.referent, []).append(e)
        return out

    def to_frame(self):
        """The lexicon as a pandas DataFrame, one row per entry."""
        import pandas as pd

        rows = [e.as_dict() for e in self._entries]
        df = pd.DataFrame(rows)
        for col in ("forms", "neutral"):
            df[col] = df[col].map("; ".join)
        return df

    @cached_property
    def matcher(self):
        """The compiled Aho-Corasick automaton: lowercased form -> (length, form, entries).

        A form may belong to several entries with different senses (``when``); they are
        kept in order, entries with conditions first and the unconditional one last, so
        the first entry whose conditions hold wins.
        """
        import ahocorasick

        owners: dict[str, list[Entry]] = {}
        for e in self._entries:
            for form in _all_forms(e):
                owners.setdefault(form, []).append(e)
        automaton = ahocorasick.Automaton()
        for form, entries in owners.items():
            entries.sort(key=lambda e: e.when is None)
            automaton.add_word(form, (len(form), form, tuple(entries)))
        automaton.make_automaton()
        return automaton

    def extend(self, other: Iterable[Entry], name: str | None = None) -> Lexicon:
        """A new lexicon: this one plus ``other``; entries of ``other`` replace same-term ones."""
        other = list(other)
        replaced = {e.term.lower() for e in other}
        forms_new = {f.lower() for e in other for f in _all_forms(e)}
        kept = []
        for e in self._entries:
            if e.term.lower() in replaced:
                continue
            remaining = tuple(f for f in e.forms if f.lower() not in forms_new)
            if e.term.lower() in forms_new:
                continue
            kept.append(e if remaining == e.forms else dataclasses.replace(e, forms=remaining))
        return Lexicon([*kept, *other], name=name or f"{self.name}+custom")


def _all_forms(e: Entry) -> list[str]:
    seen: dict[str, None] = {e.term.lower(): None}
    for f in e.forms:
        seen.setdefault(f.lower(), None)
    return list(seen)


def _check_forms_unique(entries: Sequence[Entry]) -> None:
    """A form may have one entry without a ``when`` condition; senses with conditions add to it."""
    owner: dict[str, Entry] = {}
    for e in entries:
        if e.when is not None:
            continue
        for form in _all_forms(e):
            prev = owner.get(form)
            if prev is not None and prev is not e:
                raise LexiconError(
                    f"{e.origin or 'lexicon'}: entry {e.term!r}: field 'forms': {form!r} "
                    f"is already a form of entry {prev.term!r} ({prev.origin or 'lexicon'}); "
                    "give one of them a 'when' condition if they are different senses"
                )
            owner[form] = e


# --- loading ----------------------------------------------------------------


class _LineLoader(SafeLineLoader):
    """Safe YAML (no aliases, no duplicate keys) that remembers each mapping's line as
    ``__line__``."""

    line_numbers = True


#: Largest lexicon file (bytes).
MAX_LEXICON_BYTES = 5_000_000


def default_lexicon_files(language: str = "en") -> list[Any]:
    """The packaged lexicon files for ``language``, sorted by name."""
    folder = resources.files("biaskit").joinpath("lang", language, "lexicon")
    if not folder.is_dir():
        raise LexiconError(f"no packaged lexicon for language {language!r}")
    return sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


_DEFAULT_CACHE: dict[str, Lexicon] = {}


def load_lexicon(
    path: str | Path | Iterable[str | Path] | None = None,
    *,
    mode: Literal["extend", "replace"] = "extend",
    language: str = "en",
) -> Lexicon:
    """Load the packaged lexicon, optionally extended or replaced by user files.

    ``path`` is a YAML or CSV file, a folder of them, or a list of these. With
    ``mode="extend"`` (default) user entries are added to the packaged lexicon and
    replace packaged entries with the same term; with ``mode="replace"`` only the
    user files are used. Raises :class:`LexiconError` naming file, entry and field.
    """
    if mode not in ("extend", "replace"):
        raise LexiconError(f"mode must be 'extend' or 'replace', not {mode!r}")
    base: Lexicon | None = None
    if path is None or mode == "extend":
        base = _DEFAULT_CACHE.get(language)
        if base is None:
            entries: list[Entry] = []
            for res in default_lexicon_files(language):
                origin = f"biaskit:lang/{language}/lexicon/{res.name}"
                entries.extend(_parse_yaml(res.read_text(encoding="utf-8"), origin))
            base = Lexicon(entries, name=f"biaskit-{language}")
            _DEFAULT_CACHE[language] = base
    if path is None:
        assert base is not None
        return base
    user: list[Entry] = []
    for file in _expand_paths(path):
        user.extend(read_lexicon_file(file))
    _check_forms_unique(user)
    if mode == "replace" or base is None:
        return Lexicon(user, name="custom")
    return base.extend(user)


def _expand_paths(path: str | Path | Iterable[str | Path]) -> list[Path]:
    items = [path] if isinstance(path, str | Path) else list(path)
    files: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.suffix.lower() in (".yaml", ".yml", ".csv"))
            if not found:
                raise LexiconError(f"{p}: folder has no .yaml, .yml or .csv lexicon files")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise LexiconError(f"{p}: no such lexicon file")
    return files


def read_lexicon_file(path: str | Path) -> list[Entry]:
    """Read and validate one YAML or CSV lexicon file (UTF-8, at most 5 MB)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_LEXICON_BYTES:
            raise LexiconError(
                f"{p}: file is {size / 1e6:.1f} MB; a lexicon file may be "
                f"{MAX_LEXICON_BYTES / 1e6:.0f} MB"
            )
        raw = p.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{p}: cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise LexiconError(f"{p}: file is empty")
    if b"\x00" in raw[:4096]:
        raise LexiconError(f"{p}: looks like a binary file, not a lexicon")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LexiconError(
            f"{p}, line {line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        ) from None
    bad = re.search(r"[\x00\ud800-\udfff]", text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        raise LexiconError(f"{p}, line {line}: contains a NUL or invalid character")
    if p.suffix.lower() == ".csv":
        return _parse_csv(text, str(p))
    if p.suffix.lower() in (".yaml", ".yml"):
        return _parse_yaml(text, str(p))
    raise LexiconError(
        f"{p}: unknown lexicon format {clip(p.suffix)} (use .yaml, .yml or .csv)"
    )


def _parse_yaml(text: str, origin: str) -> list[Entry]:
    try:
        doc = load_yaml(text, max_chars=MAX_LEXICON_BYTES, line_numbers=True)
    except YAMLProblem as exc:
        where = f"line {exc.line}" if exc.line else "unknown line"
        raise LexiconError(f"{origin}: YAML syntax error at {where}: {exc.problem}") from None
    if isinstance(doc, list):
        doc = {"entries": doc}
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise LexiconError(f"{origin}: expected a mapping with an 'entries' list")
    default_category = doc.get("category")
    entries = []
    for i, item in enumerate(doc["entries"], start=1):
        if not isinstance(item, dict):
            raise LexiconError(f"{origin}: entry {i}: expected a mapping, got {clip(item)}")
        line = item.pop("__line__", None)
        where = f"{origin}, line {line}" if line else origin
        if default_category is not None and "category" not in item:
            item["category"] = default_category
        entries.append(_make_entry(item, where, i))
    _check_terms_unique(entries)
    return entries


_CSV_LISTS = ("forms", "neutral")
_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _parse_csv(text: str, origin: str) -> list[Entry]:
    lines = ((n, line, None) for n, line in enumerate(text.splitlines(keepends=True), start=1))
    try:
        reader = StrictCSV(lines)
    except CSVProblem as exc:
        where = f"{origin}, line {exc.line}" if exc.line else origin
        raise LexiconError(f"{where}: {exc}") from None
    if "term" not in reader.header:
        raise LexiconError(f"{origin}: CSV lexicon needs a header row with at least 'term'")
    entries = []
    for i, row in enumerate(reader, start=1):
        where = f"{origin}, line {row.line}"
        if row.values is None:
            raise LexiconError(f"{where}: {row.problem}")
        item: dict[str, Any] = {
            k: v for k, v in zip(reader.header, row.values, strict=True) if v != ""
        }
        for key in _CSV_LISTS:
            if key in item:
                item[key] = [s.strip() for s in item[key].split("|") if s.strip()]
        if "weight" in item:
            with contextlib.suppress(ValueError):  # _make_entry reports the bad weight
                item["weight"] = float(item["weight"])
        if "case_sensitive" in item:
            flag = _BOOLEANS.get(item["case_sensitive"].strip().lower())
            if flag is None:
                raise LexiconError(
                    f"{where}: field 'case_sensitive': {clip(item['case_sensitive'])} is not "
                    "one of true, false, yes, no, 1, 0"
                )
            item["case_sensitive"] = flag
        entries.append(_make_entry(item, where, i))
    _check_terms_unique(entries)
    return entries


def _check_terms_unique(entries: list[Entry]) -> None:
    seen: dict[tuple[str, str, Sense | None], Entry] = {}
    for e in entries:
        key = (e.term.lower(), e.category, e.when)
        if key in seen:
            raise LexiconError(
                f"{e.origin}: entry {e.term!r}: field 'term': duplicate term "
                f"(first defined at {seen[key].origin})"
            )
        seen[key] = e


def _text_field(
    item: dict[str, Any], key: str, where: str, name: str, required: bool
) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            raise LexiconError(f"{where}: entry {name}: field {key!r} is missing")
        return None
    if isinstance(value, bool):
        raise LexiconError(
            f"{where}: entry {name}: field {key!r}: YAML read an unquoted yes/no/on/off as "
            f"{value}; put the word in quotes"
        )
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(f"{where}: entry {name}: field {key!r} must be non-empty text")
    return value.strip()


def _list_field(item: dict[str, Any], key: str, where: str, name: str) -> tuple[str, ...]:
    value = item.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise LexiconError(f"{where}: entry {name}: field {key!r} must be a list of text")
    out = []
    for v in value:
        if isinstance(v, bool):
            raise LexiconError(
                f"{where}: entry {name}: field {key!r}: YAML read an unquoted yes/no/on/off as "
                f"{v}; put the word in quotes"
            )
        if not isinstance(v, str | int | float) or not str(v).strip():
            raise LexiconError(f"{where}: entry {name}: field {key!r}: {v!r} is not text")
        out.append(str(v).strip())
    return tuple(out)


def _make_entry(item: dict[str, Any], where: str, index: int) -> Entry:
    raw_term = item.get("term")
    name = repr(raw_term) if isinstance(raw_term, str) else f"#{index}"
    unknown = set(item) - _FIELDS
    if unknown:
        raise LexiconError(f"{where}: entry {name}: unknown field(s) {', '.join(sorted(unknown))}")
    term = _text_field(item, "term", where, name, required=True)
    assert term is not None
    name = repr(term)
    category = _text_field(item, "category", where, name, required=True)
    if category not in CATEGORIES:
        raise LexiconError(
            f"{where}: entry {name}: field 'category': unknown category {category!r} "
            f"(one of {', '.join(CATEGORIES)})"
        )
    weight = item.get("weight")
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise LexiconError(
            f"{where}: entry {name}: field 'weight' must be a number, got {weight!r}"
        )
    weight = float(weight)
    if math.isnan(weight) or not 0.0 <= weight <= MAX_WEIGHT:
        raise LexiconError(
            f"{where}: entry {name}: field 'weight': {weight} is outside 0 to {MAX_WEIGHT:g}"
        )
    note = _text_field(item, "note", where, name, required=True)
    grade = _text_field(item, "grade", where, name, required=category == "attribution")
    if category == "attribution" and grade not in GRADES:
        raise LexiconError(
            f"{where}: entry {name}: field 'grade': {grade!r} is not one of {', '.join(GRADES)}"
        )
    if category != "attribution" and grade is not None:
        raise LexiconError(f"{where}: entry {name}: field 'grade' is only for attribution entries")
    is_naming = category == "naming"
    referent = _text_field(item, "referent", where, name, required=is_naming)
    perspective = _text_field(item, "perspective", where, name, required=is_naming)
    case_sensitive = item.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise LexiconError(f"{where}: entry {name}: field 'case_sensitive' must be true or false")
    forms = _list_field(item, "forms", where, name)
    if term.lower() not in {f.lower() for f in forms}:
        forms = (term, *forms)
    replace = _replace_field(item, where, name, forms)
    if replace is not None and weight == 0:
        raise LexiconError(
            f"{where}: entry {name}: field 'replace': a weight-0 entry is not loaded, "
            "so it has nothing to replace"
        )
    return Entry(
        term=term,
        category=category,
        weight=weight,
        note=note or "",
        forms=forms,
        neutral=_list_field(item, "neutral", where, name),
        source=_text_field(item, "source", where, name, required=False),
        grade=grade,
        referent=referent,
        perspective=perspective,
        case_sensitive=case_sensitive,
        replace=replace,
        examples=_examples_field(item, where, name),
        not_examples=_list_field(item, "not_examples", where, name),
        when=_sense_field(item, where, name),
        note_en=_text_field(item, "note_en", where, name, required=False),
        origin=where,
    )


def _replace_field(
    item: dict[str, Any], where: str, name: str, forms: tuple[str, ...]
) -> str | dict[str, str] | None:
    """``replace``: one drop-in text, or a mapping form -> text (verbs keep their tense)."""
    value = item.get("replace")
    if value is None:
        return None
    if isinstance(value, dict):
        known = {f.lower() for f in forms}
        out = {}
        for k, v in value.items():
            if k == "__line__":
                continue
            if not isinstance(k, str) or k.lower() not in known:
                raise LexiconError(
                    f"{where}: entry {name}: field 'replace': {k!r} is not one of the forms"
                )
            if not isinstance(v, str) or not v.strip():
                raise LexiconError(f"{where}: entry {name}: field 'replace': {k!r} needs text")
            out[k.lower()] = v.strip()
        return out
    text = _text_field(item, "replace", where, name, required=False)
    return text


def _examples_field(item: dict[str, Any], where: str, name: str) -> tuple[Example, ...]:
    value = item.get("examples")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise LexiconError(f"{where}: entry {name}: field 'examples' must be a list")
    out = []
    for v in value:
        if isinstance(v, str) and v.strip():
            out.append(Example(v.strip()))
        elif isinstance(v, dict) and set(v) <= {"text", "rewrite", "__line__"}:
            text, rewrite = v.get("text"), v.get("rewrite")
            if not isinstance(text, str) or not text.strip():
                raise LexiconError(f"{where}: entry {name}: field 'examples': 'text' is missing")
            if rewrite is not None and not isinstance(rewrite, str):
                raise LexiconError(f"{where}: entry {name}: field 'examples': bad 'rewrite'")
            out.append(Example(text.strip(), rewrite.strip() if rewrite else None))
        else:
            raise LexiconError(
                f"{where}: entry {name}: field 'examples': each example is a sentence or "
                f"a mapping with 'text' and 'rewrite', not {str(v)[:60]!r}"
            )
    return tuple(out)


def _sense_field(item: dict[str, Any], where: str, name: str) -> Sense | None:
    value = item.get("when")
    if value is None:
        return None
    if not isinstance(value, dict):
        raise LexiconError(f"{where}: entry {name}: field 'when' must be a mapping")
    value = {k: v for k, v in value.items() if k != "__line__"}
    unknown = set(value) - set(SENSE_KEYS)
    if unknown:
        raise LexiconError(
            f"{where}: entry {name}: field 'when': unknown condition(s) "
            f"{', '.join(sorted(map(str, unknown)))} (one of {', '.join(SENSE_KEYS)})"
        )
    lists = {
        k: tuple(w.lower() for w in _list_field(value, k, where, name))
        for k in SENSE_KEYS
        if k != "case"
    }
    bad = [p for p in lists["pos"] if p not in POS_TAGS]
    if bad:
        raise LexiconError(
            f"{where}: entry {name}: field 'when': pos {bad[0]!r} is not one of "
            f"{', '.join(POS_TAGS)}"
        )
    case = value.get("case")
    if case is not None and case not in CASES:
        raise LexiconError(
            f"{where}: entry {name}: field 'when': case {case!r} is not one of {', '.join(CASES)}"
        )
    sense = Sense(case=case, **lists)
    if sense == Sense():
        raise LexiconError(f"{where}: entry {name}: field 'when' sets no condition")
    return sense
