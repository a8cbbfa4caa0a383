"""The political sides a lexicon entry may belong to (``side:``), read from the data file
``biaskit/lang/sides.yaml``, and the per-side counts of the lexicons (the symmetry table,
one row per language and side)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from biaskit.lexicon_entry import Entry

__all__ = [
    "packaged_lexicons",
    "side_counts",
    "side_pairs",
    "sides",
    "symmetry_markdown",
    "with_symmetry_table",
]

#: Categories the symmetry table shows as columns (the others are summed into the total).
TABLE_CATEGORIES = ("label", "loaded", "euphemism", "naming")


@cache
def _sides_file() -> dict:
    text = resources.files("biaskit").joinpath("lang", "sides.yaml").read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    if not isinstance(doc, dict) or not isinstance(doc.get("sides"), dict):
        raise ValueError("biaskit:lang/sides.yaml: expected a mapping with a 'sides' mapping")
    return doc


def sides() -> dict[str, str]:
    """Every allowed ``side`` value and its plain description, in file order."""
    return {str(k): str(v) for k, v in _sides_file()["sides"].items()}


def side_pairs() -> list[tuple[str, str]]:
    """The pairs of sides the symmetry table sets side by side."""
    return [(str(a), str(b)) for a, b in _sides_file().get("pairs", [])]


def side_counts(entries: Iterable[Entry]) -> dict[str, dict[str, int]]:
    """Entries with weight above 0 per side: ``{side: {category: n, ..., "total": n}}``,
    every side and category present, zero-filled."""
    out = {s: dict.fromkeys((*TABLE_CATEGORIES, "other", "total"), 0) for s in sides()}
    for e in entries:
        if e.side is None or e.weight <= 0:
            continue
        row = out[e.side]
        row[e.category if e.category in TABLE_CATEGORIES else "other"] += 1
        row["total"] += 1
    return out


def packaged_lexicons() -> dict[str, Sequence[Entry]]:
    """The packaged lexicon of every language pack, by language code (``en``, ``ru``, ``uk``)."""
    from biaskit.language import available_languages
    from biaskit.lexicon import load_lexicon

    return {code: load_lexicon(language=code) for code in available_languages()}


def symmetry_markdown(lexicons: Mapping[str, Iterable[Entry]]) -> str:
    """The symmetry table (Markdown) of ``lexicons`` (language code -> entries): one row per
    language and side, the two sides of a pair together."""
    names = sides()
    head = "| language | side | " + " | ".join(TABLE_CATEGORIES) + " | other | total |"
    lines = [head, "|---" * (len(TABLE_CATEGORIES) + 4) + "|"]
    for code, entries in lexicons.items():
        counts = side_counts(entries)
        for pair in side_pairs():
            for s in pair:
                row = counts[s]
                cells = " | ".join(str(row[c]) for c in (*TABLE_CATEGORIES, "other", "total"))
                lines.append(f"| {code} | {names[s]} (`{s}`) | {cells} |")
    return "\n".join(lines) + "\n"


#: Markers around the generated table in docs/lexicon-guide.md.
START, END = "<!-- side-counts:start -->", "<!-- side-counts:end -->"


def with_symmetry_table(doc: str, lexicons: Mapping[str, Iterable[Entry]]) -> str:
    """``doc`` with the text between the side-count markers replaced by the table of
    ``lexicons`` (language code -> entries; :func:`packaged_lexicons` for the packaged ones)."""
    i, j = doc.find(START), doc.find(END)
    if i < 0 or j < i:
        raise ValueError(f"the document has no {START} ... {END} block")
    return doc[: i + len(START)] + "\n" + symmetry_markdown(lexicons) + doc[j:]

