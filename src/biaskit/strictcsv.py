"""Strict CSV: rows with their line numbers, and bad rows reported instead of swallowed.

Python's ``csv`` module happily reads an unclosed quote as one field running to the
end of the file. Here every record is checked: a record whose values do not match
the header, or that ends in a CSV error, is reported at the line where it began, and
reading starts again on the next line, so the rows after a stray quote are kept.

Also: blank lines before the header are skipped, a repeated header row is a bad row,
a repeated column name is an error, and no record may exceed ``max_chars``.
"""

from __future__ import annotations

import csv
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = ["CSVProblem", "CSVRow", "Line", "StrictCSV"]

#: A physical line: (1-based number, text with its line ending, problem or None).
Line = tuple[int, str, str | None]

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # we cap records ourselves


class CSVProblem(ValueError):
    """The file as a whole cannot be read as CSV (no header, repeated column name)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(slots=True)
class CSVRow:
    """One record: its first line, its values (None when bad) and the problem (if any)."""

    line: int
    values: list[str] | None
    problem: str | None = None


class _TooLong(Exception):
    pass


class StrictCSV:
    """Read ``lines`` as CSV. ``header`` is read from the first non-blank record unless given.

    Iterate over the object for :class:`CSVRow` records (good and bad, in order).
    """

    def __init__(
        self,
        lines: Iterable[Line],
        *,
        delimiter: str = ",",
        max_chars: int = 10_000_000,
        header: list[str] | None = None,
    ) -> None:
        self._lines = iter(lines)
        self._replay: deque[Line] = deque()
        self._taken: list[Line] = []
        self._size = 0
        self.delimiter = delimiter
        self.max_chars = max_chars
        self._reader = self._new_reader()
        self.header = header if header is not None else self._read_header()

    def _feed(self) -> Iterator[str]:
        while True:
            if self._replay:
                item = self._replay.popleft()
            else:
                try:
                    item = next(self._lines)
                except StopIteration:
                    return
            self._taken.append(item)
            self._size += len(item[1])
            if self._size > self.max_chars:
                raise _TooLong
            yield item[1]

    def _new_reader(self) -> Iterator[list[str]]:
        return csv.reader(self._feed(), delimiter=self.delimiter, strict=True)

    def _next_record(self) -> tuple[list[Line], list[str] | None, str | None]:
        """The next record's lines, values and problem; raises StopIteration at the end."""
        self._taken, self._size = [], 0
        try:
            values = next(self._reader)
            problem = None
        except StopIteration:
            if not self._taken:
                raise
            values, problem = None, "unexpected end of file"
        except csv.Error as exc:
            values, problem = None, f"CSV error: {exc}"
        except _TooLong:
            values, problem = None, f"record longer than {self.max_chars:,} characters"
        taken = self._taken
        if problem is not None:
            if len(taken) > 1 or "end of" in problem or "longer" in problem:
                problem = f"{problem} (an unclosed quote opened on this line?)"
            self._restart(taken[1:])
        return taken, values, problem

    def _restart(self, lines: list[Line]) -> None:
        """Read again from ``lines`` (the record's lines after its first)."""
        self._replay.extendleft(reversed(lines))
        self._reader = self._new_reader()

    def _read_header(self) -> list[str]:
        while True:
            try:
                taken, values, problem = self._next_record()
            except StopIteration:
                raise CSVProblem("file is empty") from None
            if problem is not None:
                raise CSVProblem(f"header: {problem}", taken[0][0])
            bad = next((t for t in taken if t[2] is not None), None)
            if bad is not None:
                raise CSVProblem(f"header: {bad[2]}", bad[0])
            if values and any(v.strip() for v in values):
                break
        seen: set[str] = set()
        for name in values:
            if name in seen:
                raise CSVProblem(f"column {name!r} appears twice in the header", taken[0][0])
            seen.add(name)
        return values

    def __iter__(self) -> Iterator[CSVRow]:
        width = len(self.header)
        while True:
            try:
                taken, values, problem = self._next_record()
            except StopIteration:
                return
            line = taken[0][0]
            bad_line = next((t for t in taken if t[2] is not None), None)
            if problem is None and bad_line is not None:
                line, problem = bad_line[0], bad_line[2]
            if problem is not None:
                yield CSVRow(line, None, problem)
                continue
            assert values is not None
            if not values or (len(values) == 1 and len(taken) == 1 and not taken[0][1].strip()):
                continue  # a blank line
            if len(values) != width:
                more = "more" if len(values) > width else "fewer"
                problem = f"{more} values than header columns ({len(values)}, not {width})"
                if len(taken) > 1:
                    problem += f"; the record runs to line {taken[-1][0]}: an unclosed quote?"
                yield CSVRow(line, None, problem)
            elif values == self.header:
                yield CSVRow(line, None, "repeated header row")
            else:
                yield CSVRow(line, values)
