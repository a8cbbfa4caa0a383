"""The lexicon: loaded-language entries kept as data (YAML or CSV), validated on load.

Each language pack keeps its lexicon in ``biaskit/lang/<code>/lexicon/*.yaml``, one file
per category. User files extend it (an entry with the same term replaces the packaged
one) or replace it. Every validation error names the file, the entry and the field.

This module holds the :class:`Lexicon` (a validated collection with its matcher), reading
files and user overlays; the entry model is :mod:`biaskit.lexicon_entry` and validation
:mod:`biaskit.lexicon_fields`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from biaskit.lexicon_entry import (
    CATEGORIES,
    GRADES,
    MAX_WEIGHT,
    OMIT,
    Entry,
    Example,
    LexiconError,
    Sense,
)
from biaskit.lexicon_fields import check_terms_unique, make_entry
from biaskit.safeyaml import SafeLineLoader, YAMLProblem, load_packaged_yaml, load_yaml
from biaskit.schema import clip
from biaskit.strictcsv import CSVProblem, StrictCSV

__all__ = [
    "CATEGORIES",
    "GRADES",
    "MAX_WEIGHT",
    "OMIT",
    "Entry",
    "Example",
    "Lexicon",
    "LexiconError",
    "Sense",
    "load_lexicon",
    "read_lexicon_file",
]


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
                text = res.read_text(encoding="utf-8")
                entries.extend(_parse_yaml(text, origin, packaged=True))
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


def _parse_yaml(text: str, origin: str, *, packaged: bool = False) -> list[Entry]:
    """Entries of a YAML lexicon file; ``packaged`` files (shipped with biaskit) are parsed
    with libyaml when available, user files always with the strict pure-Python loader."""
    try:
        if packaged:
            doc = load_packaged_yaml(text, max_chars=MAX_LEXICON_BYTES)
        else:
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
        entries.append(make_entry(item, where, i))
    check_terms_unique(entries)
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
        entries.append(make_entry(item, where, i))
    check_terms_unique(entries)
    return entries
