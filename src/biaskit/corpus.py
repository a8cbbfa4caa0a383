"""Loading corpora: the shipped corpus, folders of articles, CSV/JSON(L) exports.

Every loader returns (or streams) documents with the same schema:

=========  ==============================================================
column     meaning
=========  ==============================================================
id         unique document id (from the file, or derived from path/line)
outlet     the publishing outlet (required)
date       publication date, ``datetime64`` (``NaT`` where unknown)
title      headline (empty where unknown)
story      the shared story or topic key (empty where unknown)
text       the article body (required)
...        any other metadata, one column each
=========  ==============================================================

Bad input raises :class:`CorpusError` naming the file and, where there is one,
the line or field. With ``errors="collect"`` the good documents are returned
together with a table of the rejected ones: nothing is dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SCHEMA",
    "CorpusError",
    "corpus_path",
    "iter_corpus",
    "load_corpus",
    "load_example_corpus",
]

SCHEMA: tuple[str, ...] = ("id", "outlet", "date", "title", "story", "text")
REQUIRED: tuple[str, ...] = ("text", "outlet")
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json")
#: Largest single article file read from a folder (a guard against mistakes, not a limit
#: on corpus size: CSV and JSONL files of any size are streamed).
MAX_ARTICLE_BYTES = 20_000_000
_SKIP_NAMES = {"readme.md", "story.md", "license.md", "datasheet.md", "changelog.md"}


class CorpusError(ValueError):
    """A corpus file or document is invalid. The message names file and line or field."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.field = field


@dataclass(frozen=True)
class _Options:
    mapping: dict[str, str]
    encoding: str


def corpus_path() -> Path:
    """Path of the corpus shipped with biaskit (the repository's ``corpus/`` folder)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "corpus"
        if (candidate / "README.md").is_file():
            return candidate
    packaged = resources.files("biaskit").joinpath("data", "corpus")
    if packaged.is_dir():
        return Path(str(packaged))
    raise CorpusError("the shipped corpus was not found (is biaskit installed from a checkout?)")


def load_example_corpus() -> pd.DataFrame:
    """The teaching corpus shipped with biaskit, as a DataFrame."""
    return load_corpus(corpus_path())


# --- public API -------------------------------------------------------------


def iter_corpus(
    path: str | Path,
    *,
    text: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    story: str | None = None,
    encoding: str = "utf-8",
) -> Iterator[dict[str, Any]]:
    """Stream documents one at a time (for corpora too large to hold in memory).

    Takes the same arguments as :func:`load_corpus`; raises :class:`CorpusError`
    at the first bad document. Dates are left as found (text or date objects).
    """
    opts = _options(text, outlet, date, id, title, story, encoding)
    seen: dict[str, str] = {}
    for record, error in _records(Path(path), opts):
        if error is not None:
            raise error
        assert record is not None
        _check_unique(record, seen)
        yield record


def load_corpus(
    path: str | Path,
    *,
    text: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    story: str | None = None,
    encoding: str = "utf-8",
    errors: Literal["raise", "collect"] = "raise",
) -> Any:
    """Load a corpus into a DataFrame with the documented schema.

    ``path`` is a folder of ``.md``/``.txt`` articles (YAML front matter optional;
    without it the outlet is the folder name), or a ``.csv``, ``.tsv``, ``.jsonl``
    or ``.json`` file. ``text=``, ``outlet=``, ``date=``, ``id=``, ``title=`` and
    ``story=`` name the source columns or front-matter fields to use for the
    schema columns. ``encoding`` is for files that are not UTF-8.

    With ``errors="raise"`` (default) the first bad document raises
    :class:`CorpusError`; with ``errors="collect"`` the result is a tuple
    ``(documents, rejected)`` where ``rejected`` has columns ``file``, ``line``,
    ``field`` and ``error``.
    """
    import pandas as pd

    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
    opts = _options(text, outlet, date, id, title, story, encoding)
    good: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for record, error in _records(Path(path), opts):
        if error is None:
            assert record is not None
            try:
                _check_unique(record, seen)
                record["date"] = _parse_date(record.get("date"), record)
            except CorpusError as exc:
                error = exc
        if error is not None:
            if errors == "raise":
                raise error
            bad.append(
                {"file": error.file, "line": error.line, "field": error.field, "error": str(error)}
            )
            continue
        good.append(record)
    docs = _frame(good, root=Path(path) if Path(path).is_dir() else None)
    if errors == "collect":
        rejected = pd.DataFrame(bad, columns=["file", "line", "field", "error"])
        return docs, rejected
    return docs


# --- internals --------------------------------------------------------------


def _options(text, outlet, date, id_, title, story, encoding) -> _Options:
    mapping = {}
    for target, source in (
        ("text", text),
        ("outlet", outlet),
        ("date", date),
        ("id", id_),
        ("title", title),
        ("story", story),
    ):
        if source is not None:
            mapping[target] = source
    return _Options(mapping=mapping, encoding=encoding)


def _frame(records: list[dict[str, Any]], root: Path | None = None) -> pd.DataFrame:
    """Records to a DataFrame; ``source`` becomes relative to ``root`` (stable across machines)."""
    import pandas as pd

    if root is not None:
        prefix = str(root).rstrip("/") + "/"
        for r in records:
            if r["source"].startswith(prefix):
                r["source"] = r["source"][len(prefix) :]

    extra: dict[str, None] = {}
    for r in records:
        for k in r:
            if k not in SCHEMA and k != "source":
                extra.setdefault(k, None)
    columns = [*SCHEMA, *extra, "source"]
    df = pd.DataFrame.from_records(records, columns=columns)
    df["date"] = (
        pd.to_datetime(df["date"], errors="raise")
        if len(df)
        else pd.Series([], dtype="datetime64[ns]")
    )
    for col in ("id", "outlet", "title", "story", "text"):
        df[col] = df[col].fillna("").astype(str)
    return df


def _check_unique(record: dict[str, Any], seen: dict[str, str]) -> None:
    key = str(record["id"])
    where = record["source"]
    if key in seen:
        file, line = _split_source(where)
        raise CorpusError(
            f"{where}: field 'id': duplicate id {key!r} (first seen at {seen[key]})",
            file=file,
            line=line,
            field="id",
        )
    seen[key] = where


def _split_source(where: str) -> tuple[str, int | None]:
    file, _, line = where.rpartition(":")
    if file and line.isdigit():
        return file, int(line)
    return where, None


def _parse_date(value: Any, record: dict[str, Any]) -> Any:
    import pandas as pd

    if value is None or value == "" or (isinstance(value, float) and value != value):
        return pd.NaT
    if isinstance(value, dt.datetime | dt.date):
        return pd.Timestamp(value)
    try:
        ts = pd.to_datetime(str(value), format="mixed")
    except (ValueError, TypeError, OverflowError):
        file, line = _split_source(record["source"])
        raise CorpusError(
            f"{record['source']}: field 'date': cannot read {value!r} as a date (use YYYY-MM-DD)",
            file=file,
            line=line,
            field="date",
        ) from None
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts


Record = tuple[dict[str, Any] | None, CorpusError | None]


def _records(path: Path, opts: _Options) -> Iterator[Record]:
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder", file=str(path))
    if path.is_dir():
        yield from _folder_records(path, opts)
        return
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        yield from _csv_records(path, opts, delimiter="\t" if suffix == ".tsv" else ",")
    elif suffix in (".jsonl", ".ndjson"):
        yield from _jsonl_records(path, opts)
    elif suffix == ".json":
        yield from _json_records(path, opts)
    elif suffix in ARTICLE_SUFFIXES:
        yield _article_record(path, path.parent, opts)
    else:
        raise CorpusError(
            f"{path}: unknown corpus format {suffix!r} "
            f"(use a folder, {', '.join(TABLE_SUFFIXES)}, .md or .txt)",
            file=str(path),
        )


def corpus_files(folder: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """Every visible file below ``folder``, and which of them are articles and tables.

    Hidden files and folders are skipped; so are datasheets and story notes
    (``README.md``, ``STORY.md``...), which sit beside articles but are not articles.
    """
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    articles = [
        p
        for p in files
        if p.suffix.lower() in ARTICLE_SUFFIXES and p.name.lower() not in _SKIP_NAMES
    ]
    tables = [p for p in files if p.suffix.lower() in TABLE_SUFFIXES]
    return files, articles, tables


def _folder_records(folder: Path, opts: _Options) -> Iterator[Record]:
    _, articles, tables = corpus_files(folder)
    if not articles and not tables:
        raise CorpusError(
            f"{folder}: no articles found (.md, .txt, .csv, .jsonl or .json)", file=str(folder)
        )
    for p in articles:
        yield _article_record(p, folder, opts)
    for p in tables:
        yield from _records(p, opts)


def _read_text(path: Path, opts: _Options, max_bytes: int | None = -1) -> str:
    size = path.stat().st_size
    if max_bytes == -1:
        max_bytes = MAX_ARTICLE_BYTES
    if max_bytes is not None and size > max_bytes:
        raise CorpusError(
            f"{path}: file is {size / 1e6:.0f} MB, larger than the "
            f"{max_bytes / 1e6:.0f} MB an article may be; split it or use a "
            "CSV/JSONL file, which is streamed",
            file=str(path),
        )
    raw = path.read_bytes()
    return _decode(raw, path, opts)


def _decode(raw: bytes, path: Path, opts: _Options) -> str:
    if not raw.strip():
        raise CorpusError(f"{path}: file is empty", file=str(path))
    if b"\x00" in raw[:8192]:
        raise CorpusError(f"{path}: binary file (contains NUL bytes), not text", file=str(path))
    enc = opts.encoding
    if enc.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig"):
        enc = "utf-8-sig"
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CorpusError(
            f"{path}:{line}: not valid {opts.encoding} (byte {exc.start}); "
            "pass encoding= for other encodings",
            file=str(path),
            line=line,
        ) from None
    except LookupError:
        raise CorpusError(f"{path}: unknown encoding {opts.encoding!r}", file=str(path)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, int]:
    """Split YAML front matter from the body; returns (meta, body, body's first line)."""
    if not text.startswith("---"):
        return {}, text, 1
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            block = "\n".join(lines[1:i])
            try:
                meta = yaml.safe_load(block) if block.strip() else {}
            except yaml.MarkedYAMLError as exc:
                mark = exc.problem_mark
                line = mark.line + 2 if mark else 1
                raise CorpusError(
                    f"{path}:{line}: malformed front matter: {exc.problem}",
                    file=str(path),
                    line=line,
                ) from None
            if not isinstance(meta, dict):
                raise CorpusError(
                    f"{path}:2: front matter must be 'key: value' lines", file=str(path), line=2
                )
            return meta, "\n".join(lines[i + 1 :]), i + 2
    raise CorpusError(
        f"{path}:1: front matter opened with '---' but never closed", file=str(path), line=1
    )


def _article_record(path: Path, root: Path, opts: _Options) -> Record:
    try:
        raw_text = _read_text(path, opts)
        meta, body, _ = _front_matter(raw_text, path)
        meta = {str(k): v for k, v in meta.items()}
        rel = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
        default_outlet = rel.parts[-2] if len(rel.parts) > 1 else root.name
        record = _apply_mapping(meta, opts)
        if "text" not in opts.mapping:
            record["text"] = body.strip("\n")
        if not record.get("text", "").strip():
            raise CorpusError(
                f"{path}: field 'text': article has no body text", file=str(path), field="text"
            )
        if not record.get("outlet"):
            if meta and path.suffix.lower() != ".txt":
                raise CorpusError(
                    f"{path}: field 'outlet' is missing from the front matter",
                    file=str(path),
                    field="outlet",
                )
            record["outlet"] = default_outlet
        record.setdefault("id", rel.with_suffix("").as_posix())
        record["source"] = str(path)
        return _normalise(record), None
    except CorpusError as exc:
        return None, exc


def _apply_mapping(row: dict[str, Any], opts: _Options) -> dict[str, Any]:
    out = dict(row)
    for target, source in opts.mapping.items():
        if source in row:
            out[target] = row[source]
            if source != target and source not in SCHEMA:
                out.pop(source, None)
    return out


def _normalise(record: dict[str, Any]) -> dict[str, Any]:
    for key in ("id", "outlet", "title", "story"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            record[key] = str(value)
        record.setdefault(key, "")
    record.setdefault("date", None)
    return record


def _row_record(
    row: dict[str, Any], where: str, line: int, default_id: str, opts: _Options
) -> Record:
    path = where.rpartition(":")[0]
    record = _apply_mapping(row, opts)
    for required in REQUIRED:
        value = record.get(required)
        if value is None or (isinstance(value, str) and not value.strip()):
            hint = ""
            if required not in opts.mapping and required not in row:
                hint = f" (columns: {', '.join(map(str, row))}; map one with {required}=)"
            return None, CorpusError(
                f"{where}: field {required!r} is missing or empty{hint}",
                file=path,
                line=line,
                field=required,
            )
    if not isinstance(record["text"], str):
        return None, CorpusError(
            f"{where}: field 'text' is not text: {record['text']!r}",
            file=path,
            line=line,
            field="text",
        )
    if record.get("id") in (None, ""):
        record["id"] = default_id
    record["source"] = where
    return _normalise(record), None


def _csv_records(path: Path, opts: _Options, delimiter: str) -> Iterator[Record]:
    raw = path.read_bytes() if path.stat().st_size < 200_000_000 else None
    if raw is not None:
        stream: io.TextIOBase = io.StringIO(_decode(raw, path, opts))
    else:
        stream = _checked_stream(path, opts)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(stream, delimiter=delimiter)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise CorpusError(f"{path}:1: CSV error: {exc}", file=str(path), line=1) from None
    if not header:
        raise CorpusError(f"{path}: file is empty", file=str(path))
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line = reader.line_num
            raise CorpusError(
                f"{path}:{line}: CSV error: {exc}", file=str(path), line=line
            ) from None
        except UnicodeDecodeError as exc:
            raise CorpusError(
                f"{path}: not valid {opts.encoding} near line {reader.line_num}; "
                "pass encoding= for other encodings",
                file=str(path),
                line=reader.line_num,
            ) from exc
        n += 1
        line = reader.line_num
        if None in row:
            yield (
                None,
                CorpusError(
                    f"{path}:{line}: more values than header columns", file=str(path), line=line
                ),
            )
            continue
        yield _row_record(row, f"{path}:{line}", line, f"{path.stem}-{n}", opts)
    if n == 0:
        raise CorpusError(f"{path}: header only, no rows", file=str(path))


def _checked_stream(path: Path, opts: _Options) -> io.TextIOBase:
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head.strip():
        raise CorpusError(f"{path}: file is empty", file=str(path))
    if b"\x00" in head:
        raise CorpusError(f"{path}: binary file (contains NUL bytes), not text", file=str(path))
    enc = "utf-8-sig" if opts.encoding.lower() in ("utf-8", "utf8") else opts.encoding
    return open(path, encoding=enc, newline="")


def _jsonl_records(path: Path, opts: _Options) -> Iterator[Record]:
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head.strip():
        raise CorpusError(f"{path}: file is empty", file=str(path))
    if b"\x00" in head:
        raise CorpusError(f"{path}: binary file (contains NUL bytes), not text", file=str(path))
    enc = "utf-8-sig" if opts.encoding.lower() in ("utf-8", "utf8") else opts.encoding
    n = 0
    with path.open("rb") as fh:
        for line_no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode(enc if line_no == 1 else enc.replace("-sig", ""))
            except UnicodeDecodeError:
                yield (
                    None,
                    CorpusError(
                        f"{path}:{line_no}: not valid {opts.encoding}; pass "
                        "encoding= for other encodings",
                        file=str(path),
                        line=line_no,
                    ),
                )
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield (
                    None,
                    CorpusError(
                        f"{path}:{line_no}: malformed JSON: {exc.msg} (column {exc.colno})",
                        file=str(path),
                        line=line_no,
                    ),
                )
                continue
            if not isinstance(obj, dict):
                yield (
                    None,
                    CorpusError(
                        f"{path}:{line_no}: expected a JSON object per line",
                        file=str(path),
                        line=line_no,
                    ),
                )
                continue
            n += 1
            yield _row_record(obj, f"{path}:{line_no}", line_no, f"{path.stem}-{n}", opts)
    if n == 0:
        raise CorpusError(f"{path}: no JSON objects found", file=str(path))


def _json_records(path: Path, opts: _Options) -> Iterator[Record]:
    text = _read_text(path, opts, max_bytes=None)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(
            f"{path}:{exc.lineno}: malformed JSON: {exc.msg} (column {exc.colno})",
            file=str(path),
            line=exc.lineno,
        ) from None
    if isinstance(doc, dict):
        for key in ("articles", "documents", "data", "records", "items"):
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
        else:
            doc = [doc]
    if not isinstance(doc, list):
        raise CorpusError(f"{path}: expected a JSON list of objects", file=str(path))
    for i, obj in enumerate(doc, start=1):
        where = f"{path}:{i}"
        if not isinstance(obj, dict):
            yield (
                None,
                CorpusError(f"{path}: item {i}: expected a JSON object", file=str(path), line=i),
            )
            continue
        yield _row_record(obj, where, i, f"{path.stem}-{i}", opts)
