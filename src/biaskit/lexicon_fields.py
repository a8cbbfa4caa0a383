"""Validation of lexicon entries: one raw mapping (from YAML or CSV) -> an :class:`Entry`.

Every error names the file, line, entry and field.
"""

from __future__ import annotations

import math
from typing import Any

from biaskit.lexicon_entry import (
    CASES,
    CATEGORIES,
    FIELDS,
    GRADES,
    MAX_WEIGHT,
    NUMBER_SIDES,
    POS_TAGS,
    SENSE_KEYS,
    Entry,
    Example,
    LexiconError,
    Sense,
)
from biaskit.schema import clip
from biaskit.sides import sides

__all__ = ["check_terms_unique", "make_entry"]


def check_terms_unique(entries: list[Entry]) -> None:
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


def make_entry(item: dict[str, Any], where: str, index: int) -> Entry:
    raw_term = item.get("term")
    name = repr(raw_term) if isinstance(raw_term, str) else f"#{index}"
    unknown = set(item) - FIELDS
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
        side=_side_field(item, where, name),
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
    bad = [p for p in lists["number"] if p not in NUMBER_SIDES]
    if bad:
        raise LexiconError(
            f"{where}: entry {name}: field 'when': number {bad[0]!r} is not one of "
            f"{', '.join(NUMBER_SIDES)}"
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


def _side_field(item: dict[str, Any], where: str, name: str) -> str | None:
    """``side``: one of the sides in ``biaskit/lang/sides.yaml``, or absent."""
    side = _text_field(item, "side", where, name, required=False)
    allowed = sides()
    if side is not None and side not in allowed:
        raise LexiconError(
            f"{where}: entry {name}: field 'side': {clip(side)} is not one of "
            f"{', '.join(allowed)} (the sides are listed in biaskit/lang/sides.yaml)"
        )
    return side
