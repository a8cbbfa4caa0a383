"""The document schema, and the one normaliser every loader uses.

Readers (:mod:`biaskit.readers`) turn files into raw records; :class:`Normaliser`
turns a raw record into a document or a :class:`CorpusError`. ``load_corpus``,
``iter_corpus``, ``score_stream`` and ``read_corpus_dask`` all go through it, so the
same bad input is refused with the same message everywhere.

Rules (documented in the README, "Reliability"):

* ``id``, ``outlet`` and ``text`` are non-empty text. A missing or empty ``id`` is
  derived from the file (``<stem>-<line>``, or the article's path); a number as id is
  turned into text. ``title`` and ``story`` are text or empty.
* ``date`` is ISO 8601: ``YYYY-MM-DD``, or a date and time (``T`` or a space, optional
  seconds and fraction), with or without a zone (``Z``, ``+HH:MM``, ``+HHMM``). A time
  with a zone is converted to UTC and the zone dropped; a time without one is kept.
* A field named by a mapping (``text="body"``) must exist.
* The file and line go in ``source``; when a document has its own ``source`` field,
  ours is ``source_line`` (then ``source_line_2``...), so the user's is never replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "MAX_FIELD_CHARS",
    "REQUIRED",
    "SCHEMA",
    "CorpusError",
    "IdSet",
    "Normaliser",
    "Raw",
    "clip",
    "escape",
    "is_missing",
    "names",
    "parse_date",
]

SCHEMA: tuple[str, ...] = ("id", "outlet", "date", "title", "story", "text")
REQUIRED: tuple[str, ...] = ("text", "outlet")
#: Longest value of one field (characters); a longer one rejects its document.
MAX_FIELD_CHARS = 10_000_000
#: Longest error message; values quoted in a message are cut to 80 characters.
MAX_MESSAGE_CHARS = 600
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufeff]")  # noqa: E501
_BAD_CHAR = re.compile(r"[\x00\ud800-\udfff]")
_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
DATE_HELP = "use ISO 8601: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], optionally with Z or +HH:MM"


def escape(text: str) -> str:
    """``text`` with control, format and surrogate characters shown as escapes (\\n, \\x1b...)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def names(items: Any, limit: int = 200) -> str:
    """Column or field names for a message: comma-separated, escaped, cut to ``limit``."""
    text = escape(", ".join(map(str, items)))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clip(value: Any, limit: int = 80) -> str:
    """A value for an error message: repr-like, escaped, at most ``limit`` characters."""
    if isinstance(value, str):
        shown = escape(value)
        if len(shown) > limit:
            shown = shown[: limit - 1] + "…"
        return f"'{shown}'"
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__
        text = f"<{type(value).__name__}>"
    text = escape(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CorpusError(ValueError):
    """A corpus file or document is invalid. The message names file and line or field.

    Messages are one line, with control characters escaped and bounded in length.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        message = escape(message)
        if len(message) > MAX_MESSAGE_CHARS:
            message = message[: MAX_MESSAGE_CHARS - 1] + "…"
        super().__init__(message)
        self.file = file
        self.line = line
        self.field = field


@dataclass(slots=True)
class Raw:
    """One record as a reader found it, before the schema is applied.

    ``where`` names it in errors (``file:line``, ``file: item 3``), ``name`` is what goes
    in ``source``; ``defaults`` fill schema fields the record lacks (an article's body
    as ``text``, its folder as ``outlet``).
    """

    fields: dict[str, Any]
    file: str
    line: int | None
    where: str
    name: str
    default_id: str
    defaults: dict[str, Any] = field(default_factory=dict)


def _error(raw: Raw, message: str, field_name: str | None) -> CorpusError:
    return CorpusError(f"{raw.where}: {message}", file=raw.file, line=raw.line, field=field_name)


def is_missing(value: Any) -> bool:
    """None, an empty string, NaN, NaT or pandas' NA."""
    if value is None or (isinstance(value, str) and value == ""):
        return True
    if isinstance(value, str | dict | list | tuple | set | bytes):
        return False
    try:
        return bool(value != value)
    except (TypeError, ValueError):  # pandas.NA refuses bool(); arrays are not missing
        return type(value).__name__ == "NAType"


def parse_date(value: Any, formats: Sequence[str] = ()) -> dt.datetime | None:
    """A date field as a naive datetime (UTC for zoned times), None when empty.

    ISO 8601 always; ``formats`` are further explicit ``strptime`` formats tried in order
    (``"%m/%d/%y"`` for a dataset known to write US dates). Raises ValueError with a short
    reason for anything else (``"now"``, ``2023-13-45``).
    """
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip()
        if not _ISO.fullmatch(text):
            for fmt in formats:
                try:
                    return parse_date(dt.datetime.strptime(text, fmt))
                except ValueError:
                    continue
            raise ValueError(f"cannot read {clip(value)} as a date ({DATE_HELP})")
        try:
            parsed = dt.datetime.fromisoformat(text.replace(",", "."))
        except ValueError as exc:
            raise ValueError(f"{clip(value)} is not a real date ({exc})") from None
    else:
        raise ValueError(f"expected a date, got {type(value).__name__} {clip(value)}")
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    if not 1678 <= parsed.year <= 2261:
        raise ValueError(f"{clip(value)} is outside the years 1678-2261")
    return parsed


def _text(value: Any, name: str, raw: Raw, *, required: bool, numbers: bool) -> str:
    if is_missing(value) and not (required and isinstance(value, float)):
        if required:
            raise _error(raw, f"field {name!r} is empty", name)
        return ""
    if isinstance(value, str):
        if required and not value.strip():
            raise _error(raw, f"field {name!r} is blank", name)
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or not numbers:
        kind = type(value).__name__
        raise _error(raw, f"field {name!r} must be text, not {kind} {clip(value)}", name)
    if isinstance(value, float) and not math.isfinite(value):
        if not required:
            return ""
        raise _error(raw, f"field {name!r} must be text, not {clip(value)}", name)
    return str(value)


def _check_strings(record: Mapping[str, Any], raw: Raw) -> None:
    for key, value in record.items():
        if not isinstance(value, str):
            continue
        if len(value) > MAX_FIELD_CHARS:
            raise _error(
                raw, f"field {key!r} has {len(value):,} characters (limit {MAX_FIELD_CHARS:,})", key
            )
        bad = _BAD_CHAR.search(value)
        if bad:
            what = "a NUL character" if bad.group() == "\x00" else "a lone surrogate"
            raise _error(raw, f"field {key!r} contains {what} (at character {bad.start()})", key)


def location_key(record: Mapping[str, Any]) -> str:
    """Where our file:line goes: ``source`` unless the document has its own."""
    key = "source"
    n = 1
    while key in record:
        key = "source_line" if n == 1 else f"source_line_{n}"
        n += 1
    return key


class IdSet:
    """A compact set of ids for duplicate checks: 16 bytes of BLAKE2b per id in open
    addressing (about 32 bytes an id, against about 90 for a set of strings), so a
    stream of millions of documents stays small. Collisions are 2**-128 unlikely."""

    def __init__(self) -> None:
        self._hi = array("Q", bytes(8 * 1024))
        self._lo = array("Q", bytes(8 * 1024))
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def add(self, key: str) -> bool:
        """Add ``key``; False if it was already there."""
        digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        hi = int.from_bytes(digest[:8], "little")
        lo = int.from_bytes(digest[8:], "little") | 1  # never 0: 0 marks an empty slot
        if not self._insert(hi, lo):
            return False
        self._n += 1
        if 2 * self._n > len(self._lo):
            old_hi, old_lo = self._hi, self._lo
            self._hi = array("Q", bytes(16 * len(old_lo)))
            self._lo = array("Q", bytes(16 * len(old_lo)))
            for h, low in zip(old_hi, old_lo, strict=True):
                if low:
                    self._insert(h, low)
        return True

    def _insert(self, hi: int, lo: int) -> bool:
        mask = len(self._lo) - 1
        i = hi & mask
        his, los = self._hi, self._lo
        while los[i]:
            if los[i] == lo and his[i] == hi:
                return False
            i = (i + 1) & mask
        his[i], los[i] = hi, lo
        return True


class Normaliser:
    """Raw records to documents: mapping, types, dates, unique ids, ``source``.

    ``mapping`` maps schema columns to the user's names (``{"text": "body"}``);
    ``required`` are the fields that must be non-empty text.
    """

    def __init__(
        self,
        mapping: Mapping[str, str] | None = None,
        *,
        required: Sequence[str] = REQUIRED,
        date_formats: Sequence[str] = (),
    ) -> None:
        self.mapping = dict(mapping or {})
        self.required = tuple(required)
        self.date_formats = tuple(date_formats)
        self.seen = IdSet()

    def missing_columns(self, columns: Sequence[str]) -> list[tuple[str, str]]:
        """Mapped names not among ``columns`` (a header): (name, message) pairs."""
        return [
            (source, f"field {source!r} (named by {target}=) not found; columns: {names(columns)}")
            for target, source in self.mapping.items()
            if source not in columns
        ]

    def __call__(self, raw: Raw) -> dict[str, Any]:
        """The document for ``raw``, or :class:`CorpusError` naming file, line and field."""
        fields = raw.fields
        record = dict(fields)
        for target, source in self.mapping.items():
            if source not in fields:
                found = names(fields)
                raise _error(
                    raw, f"field {source!r} (named by {target}=) not found; fields: {found}", source
                )
            record[target] = fields[source]
        for target, source in self.mapping.items():
            if source != target and source not in SCHEMA:
                record.pop(source, None)
        for key, value in raw.defaults.items():
            if key not in self.mapping and (key == "text" or record.get(key) in (None, "")):
                record[key] = value
        for name in self.required:
            if name not in record:
                found = names(fields)
                raise _error(
                    raw, f"field {name!r} is missing (fields: {found}; map one with {name}=)", name
                )
        doc: dict[str, Any] = {}
        ident = record.get("id")
        if ident is None or ident == "":
            doc["id"] = raw.default_id
        else:
            doc["id"] = _text(ident, "id", raw, required=True, numbers=True)
        doc["outlet"] = _text(
            record.get("outlet"), "outlet", raw, required="outlet" in self.required, numbers=False
        )
        try:
            doc["date"] = parse_date(record.get("date"), self.date_formats)
        except ValueError as exc:
            raise _error(raw, f"field 'date': {exc}", "date") from None
        doc["title"] = _text(record.get("title"), "title", raw, required=False, numbers=True)
        doc["story"] = _text(record.get("story"), "story", raw, required=False, numbers=True)
        doc["text"] = _text(
            record.get("text"), "text", raw, required="text" in self.required, numbers=False
        )
        for key, value in record.items():
            if key not in SCHEMA:
                doc[key] = value
        _check_strings(doc, raw)
        if not self.seen.add(doc["id"]):
            raise _error(raw, f"field 'id': duplicate id {clip(doc['id'])}", "id")
        doc[location_key(doc)] = raw.name
        return doc
