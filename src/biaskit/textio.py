"""Reading text safely: encodings, line by line, each line with its problem.

Undecodable bytes do not stop a read: they are marked and reported with their line, so a
bad row is rejected and the rest of the file is kept. NUL characters and lone surrogates
are found the same way, anywhere in the file.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from biaskit.schema import MAX_FIELD_CHARS, CorpusError, clip, escape
from biaskit.strictcsv import Line

__all__ = ["Options", "check_encoding", "lines_of", "open_binary", "read_text"]

#: The codecs error handler that marks undecodable bytes (as U+DC00 + byte).
MARK_ERRORS = "biaskit.mark"
_BAD = re.compile(r"[\x00\ud800-\udfff]")


def _mark(exc: UnicodeError) -> tuple[str, int]:
    """Undecodable bytes become U+DC00+byte, found afterwards with their line."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(chr(0xDC00 + b) for b in exc.object[exc.start : exc.end]), exc.end


codecs.register_error(MARK_ERRORS, _mark)


@dataclass(frozen=True, slots=True)
class Options:
    """How to read: the codec, the encoding as the user named it, and a header check."""

    codec: str
    encoding: str
    check_header: Callable[[Sequence[str]], list[tuple[str, str]]] | None = None

    @property
    def eight_bit(self) -> bool:
        return not codecs.lookup(self.codec).name.startswith(("utf-16", "utf-32"))



def check_encoding(encoding: str) -> str:
    """The codec to read ``encoding`` with (UTF-8 ignores a BOM); CorpusError if unknown."""
    try:
        name = codecs.lookup(encoding).name
        "a".encode(encoding)  # LookupError for codecs that are not text encodings (hex...)
    except (LookupError, TypeError, ValueError):
        raise CorpusError(f"unknown encoding {clip(encoding)}", field="encoding") from None
    return "utf-8-sig" if name == "utf-8" else encoding


def _line_problem(text: str, encoding: str) -> str | None:
    bad = _BAD.search(text)
    if bad is None:
        return None
    if bad.group() == "\x00":
        return "contains a NUL character"
    return (
        f"not valid {escape(encoding)[:40]} (byte 0x{ord(bad.group()) - 0xDC00:02x}); "
        "pass encoding= for other encodings"
    )


def lines_of(
    binary: BinaryIO, opts: Options, *, first_line: int = 1, max_chars: int = MAX_FIELD_CHARS
) -> Iterator[Line]:
    """The lines of a binary stream, decoded, numbered, each with its problem (or None)."""
    text = io.TextIOWrapper(binary, encoding=opts.codec, errors=MARK_ERRORS, newline="")
    n = first_line - 1
    while True:
        line = text.readline(max_chars + 1)
        if not line:
            return
        n += 1
        if len(line) > max_chars and line[-1] not in "\r\n":
            while True:
                rest = text.readline(max_chars)
                if not rest or rest[-1] in "\r\n":
                    break
            yield n, "\n", f"line longer than {max_chars:,} characters"
            continue
        yield n, line, _line_problem(line, opts.encoding)


def open_binary(path: Path, opts: Options, *, sniff: bool = True) -> BinaryIO:
    """Open for reading; with ``sniff``, refuse an 8-bit text file with NUL bytes near its
    start (line-by-line readers reject such lines one by one instead)."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}", file=str(path)) from None
    if sniff and opts.eight_bit and b"\x00" in fh.read(8192):
        fh.close()
        raise CorpusError(f"{path}: binary file (contains NUL bytes), not text", file=str(path))
    fh.seek(0)
    return fh


def read_text(path: Path, opts: Options, *, max_bytes: int | None) -> str:
    """A whole (small) file as text, with universal newlines; CorpusError if unfit.

    ``max_bytes`` caps the file size (None: no cap).
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}", file=str(path)) from None
    if max_bytes is not None and size > max_bytes:
        raise CorpusError(
            f"{path}: file is {size / 1e6:.0f} MB, larger than the {max_bytes / 1e6:.0f} MB "
            "a file of this kind may be; split it or use CSV/JSONL, which are streamed",
            file=str(path),
        )
    with open_binary(path, opts) as fh:
        try:
            text = fh.read().decode(opts.codec, errors=MARK_ERRORS)
        except OSError as exc:
            raise CorpusError(f"{path}: cannot read: {exc}", file=str(path)) from None
    if not text.strip():
        raise CorpusError(f"{path}: file is empty", file=str(path))
    problem = _line_problem(text, opts.encoding)
    if problem is not None:
        line = text[: _BAD.search(text).start()].count("\n") + 1  # type: ignore[union-attr]
        raise CorpusError(f"{path}:{line}: {problem}", file=str(path), line=line)
    return text.replace("\r\n", "\n").replace("\r", "\n")
