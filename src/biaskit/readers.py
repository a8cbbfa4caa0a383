"""Readers: one per format, each turning a file into raw records with their file:line.

Formats (the registry :data:`READERS`, by suffix): a folder of ``.md``/``.txt``
articles with optional YAML front matter, ``.csv``/``.tsv``, ``.jsonl``/``.ndjson``,
``.json`` and ``.parquet``. Readers never apply the schema (that is
:class:`biaskit.schema.Normaliser`); they yield :class:`~biaskit.schema.Raw` records,
:class:`~biaskit.schema.CorpusError` for what cannot be read (one per bad row or bad
file, so nothing is lost), and :class:`Skipped` for files that are not documents.
Which files of a folder are documents is decided in :mod:`biaskit.discover`.

CSV and JSONL are read line by line (memory stays flat however large the file);
articles, ``.json`` and front matter are read whole, within the caps below.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from biaskit.safeyaml import YAMLProblem, load_yaml
from biaskit.schema import CorpusError, Raw
from biaskit.strictcsv import CSVProblem, Line, StrictCSV
from biaskit.textio import Options, lines_of, open_binary, read_text

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "MAX_FRONT_MATTER_CHARS",
    "MAX_JSON_BYTES",
    "MAX_JSON_DEPTH",
    "PARQUET_SUFFIXES",
    "READERS",
    "Event",
    "Skipped",
    "parquet_part",
    "read_part",
]

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
PARQUET_SUFFIXES = (".parquet", ".parq", ".pq")
#: Largest article file (bytes). A guard against mistakes, not a corpus limit:
#: CSV and JSONL files of any size are streamed.
MAX_ARTICLE_BYTES = 20_000_000
#: Largest ``.json`` file (bytes); use JSONL beyond it (JSONL is streamed).
MAX_JSON_BYTES = 200_000_000
#: Deepest nesting of a JSON value (objects and lists).
MAX_JSON_DEPTH = 100
#: Largest YAML front matter (characters).
MAX_FRONT_MATTER_CHARS = 65_536
@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that is not a document (a README, a hidden file...), and why."""

    file: str
    reason: str



Event = Raw | CorpusError | Skipped
Reader = Callable[[Path, str, Options], Iterator[Event]]


# --- articles ----------------------------------------------------------------


def _front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        return {}, text
    first, _, rest = text.partition("\n")
    if first.strip() != "---":
        return {}, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", rest, re.MULTILINE)
    if end is None:
        raise CorpusError(
            f"{path}:1: front matter opened with '---' but never closed", file=str(path), line=1
        )
    block = rest[: end.start()].rstrip("\n")
    try:
        meta = load_yaml(block, max_chars=MAX_FRONT_MATTER_CHARS, first_line=2)
    except YAMLProblem as exc:
        line = exc.line or 2
        raise CorpusError(
            f"{path}:{line}: malformed front matter: {exc.problem}", file=str(path), line=line
        ) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise CorpusError(f"{path}:2: front matter must be 'key: value' lines", file=str(path))
    return {str(k): v for k, v in meta.items()}, rest[end.end() :].lstrip("\n")


def read_article(path: Path, name: str, opts: Options) -> Iterator[Event]:
    """One ``.md``/``.txt`` article: front matter fields, the body as ``text``.

    Without front matter (or for ``.txt``) the outlet defaults to the folder's name.
    The id defaults to the path below the corpus folder without suffix (the file's
    stem when the article is read on its own).
    """
    try:
        meta, body = _front_matter(read_text(path, opts, max_bytes=MAX_ARTICLE_BYTES), path)
    except CorpusError as exc:
        yield exc
        return
    defaults: dict[str, Any] = {"text": body.strip("\n")}
    if not meta or path.suffix.lower() == ".txt":
        defaults["outlet"] = (path.parent.name or path.resolve().parent.name) or "unknown"
    alone = name == str(path)
    ident = path.stem if alone else name.rsplit(".", 1)[0]
    yield Raw(meta, str(path), None, str(path), name, ident, defaults)


# --- tables --------------------------------------------------------------------


def _header_errors(path: Path, columns: Sequence[str], opts: Options, where: str) -> None:
    if opts.check_header is not None:
        missing = opts.check_header(columns)
        if missing:
            line = 1 if where.endswith(":1") else None
            field, message = missing[0]
            raise CorpusError(f"{where}: {message}", file=str(path), line=line, field=field)


def _csv_rows(
    path: Path, name: str, opts: Options, lines: Iterator[Line], header: list[str] | None
) -> Iterator[Event]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        reader = StrictCSV(lines, delimiter=delimiter, header=header)
        if header is None:
            _header_errors(path, reader.header, opts, f"{path}:1")
    except CSVProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        yield CorpusError(f"{where}: {exc}", file=str(path), line=exc.line)
        return
    except CorpusError as exc:
        yield exc
        return
    columns = reader.header
    stem = Path(name).stem
    n = 0
    for row in reader:
        n += 1
        where = f"{path}:{row.line}"
        if row.values is None:
            yield CorpusError(f"{where}: {row.problem}", file=str(path), line=row.line)
            continue
        fields = dict(zip(columns, row.values, strict=True))
        yield Raw(fields, str(path), row.line, where, f"{name}:{row.line}", f"{stem}-{row.line}")
    if n == 0 and header is None:
        yield CorpusError(f"{path}: header only, no rows", file=str(path))


def read_csv(path: Path, name: str, opts: Options) -> Iterator[Event]:
    """A ``.csv`` or ``.tsv`` file, streamed; a bad row is one error, the rest are kept."""
    try:
        fh = open_binary(path, opts, sniff=False)
    except CorpusError as exc:
        yield exc
        return
    with fh:
        yield from _csv_rows(path, name, opts, lines_of(fh, opts), None)


def _too_deep(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, dict | list))
    return False


class _JSONProblem(ValueError):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _json_value(text: str) -> Any:
    """``json.loads`` with a depth limit; _JSONProblem with a short reason and line."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _JSONProblem(f"malformed JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise _JSONProblem(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    if _too_deep(value):
        raise _JSONProblem(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return value


def _jsonl_rows(path: Path, name: str, lines: Iterator[Line], count_empty: bool) -> Iterator[Event]:
    stem = Path(name).stem
    n = 0
    for line_no, line, problem in lines:
        if not line.strip():
            continue
        n += 1
        where = f"{path}:{line_no}"
        if problem is None:
            try:
                obj = _json_value(line)
            except _JSONProblem as exc:
                problem = str(exc)
            else:
                if not isinstance(obj, dict):
                    problem = f"expected a JSON object per line, got {type(obj).__name__}"
        if problem is not None:
            yield CorpusError(f"{where}: {problem}", file=str(path), line=line_no)
            continue
        yield Raw(obj, str(path), line_no, where, f"{name}:{line_no}", f"{stem}-{line_no}")
    if n == 0 and count_empty:
        yield CorpusError(f"{path}: file is empty", file=str(path))


def read_jsonl(path: Path, name: str, opts: Options) -> Iterator[Event]:
    """A JSON Lines file (one object per line), streamed."""
    try:
        fh = open_binary(path, opts, sniff=False)
    except CorpusError as exc:
        yield exc
        return
    with fh:
        yield from _jsonl_rows(path, name, lines_of(fh, opts), True)


def read_json(path: Path, name: str, opts: Options) -> Iterator[Event]:
    """A ``.json`` file: a list of objects, one object, or ``{"articles": [...]}``."""
    try:
        doc = _json_value(read_text(path, opts, max_bytes=MAX_JSON_BYTES))
    except CorpusError as exc:
        yield exc
        return
    except _JSONProblem as exc:
        line = exc.line
        where = f"{path}:{line}" if line else str(path)
        yield CorpusError(f"{where}: {exc}", file=str(path), line=line)
        return
    if isinstance(doc, dict):
        for key in ("articles", "documents", "data", "records", "items"):
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
        else:
            doc = [doc]
    if not isinstance(doc, list):
        yield CorpusError(f"{path}: expected a JSON list of objects", file=str(path))
        return
    stem = Path(name).stem
    for i, obj in enumerate(doc, start=1):
        where = f"{path}: item {i}"
        if not isinstance(obj, dict):
            kind = type(obj).__name__
            message = f"{where}: expected a JSON object, got {kind}"
            yield CorpusError(message, file=str(path), line=i)
            continue
        yield Raw(obj, str(path), i, where, f"{name}#{i}", f"{stem}-{i}")


def read_parquet(path: Path, name: str, opts: Options) -> Iterator[Event]:
    """A Parquet file, row group by row group (row numbers from 1)."""
    yield from _parquet_rows(path, name, opts, None)


def _parquet_rows(
    path: Path | str, name: str, opts: Options, group: tuple[int, int] | None, fs: Any = None
) -> Iterator[Event]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        handle = fs.open(str(path), "rb") if fs is not None else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        yield CorpusError(f"{path}: cannot read: {exc}", file=str(path))
        return
    with handle:
        try:
            pf = pq.ParquetFile(handle)
            columns = pf.schema_arrow.names
            if len(set(columns)) != len(columns):
                dup = next(c for c in columns if columns.count(c) > 1)
                raise CorpusError(f"{path}: column {dup!r} appears twice", file=str(path))
            if group is None:
                _header_errors(Path(str(path)), columns, opts, str(path))
                batches = pf.iter_batches(batch_size=1024)
                row = 0
            else:
                batches = iter(pf.read_row_group(group[0]).to_batches(max_chunksize=1024))
                row = group[1]
            stem = Path(name).stem
            for batch in batches:
                for fields in batch.to_pylist():
                    row += 1
                    where = f"{path}: row {row}"
                    yield Raw(fields, str(path), row, where, f"{name}#{row}", f"{stem}-{row}")
        except CorpusError as exc:
            yield exc
        except (pa.ArrowException, OSError, ValueError) as exc:
            yield CorpusError(f"{path}: not a readable Parquet file: {exc}", file=str(path))


READERS: dict[str, Reader] = {
    **dict.fromkeys(ARTICLE_SUFFIXES, read_article),
    ".csv": read_csv,
    ".tsv": read_csv,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    **dict.fromkeys(PARQUET_SUFFIXES, read_parquet),
}


def read_part(
    kind: str,
    file: str,
    name: str,
    opts: Options,
    data: BinaryIO,
    first_line: int,
    header: list[str] | None,
) -> Iterator[Event]:
    """Records of one byte block of a CSV/TSV or JSONL file (``data``), for Dask partitions."""
    lines = lines_of(data, opts, first_line=first_line)
    path = Path(file)
    if kind == "jsonl":
        yield from _jsonl_rows(path, name, lines, False)
    else:
        yield from _csv_rows(path, name, opts, lines, header)


def parquet_part(
    file: str, name: str, opts: Options, group: int, first_row: int, fs: Any = None
) -> Iterator[Event]:
    """Records of one row group of a Parquet file, for Dask partitions."""
    yield from _parquet_rows(file, name, opts, (group, first_row), fs)
