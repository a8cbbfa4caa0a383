"""Scoring at scale: streaming on one machine, Dask DataFrames on a cluster.

Three entry points, all built on :func:`biaskit.score_frame` (a pure function of a
pandas DataFrame, so every route gives the same numbers):

* :func:`score_stream` scores documents in batches from a corpus path or any
  iterable, writing (or returning) one row per document. Memory stays flat however
  large the corpus; ``workers=`` spreads the scoring over several processes.
* :func:`read_corpus_dask` reads a folder of articles, a CSV/JSONL file or a
  Parquet dataset into a partitioned Dask DataFrame with the schema of
  :func:`biaskit.load_corpus`.
* :func:`score_dask` scores a Dask DataFrame partition by partition, lazily:
  nothing runs until ``.compute()`` (or ``.to_parquet()``...), on whatever
  scheduler is active: threads, processes, or a ``dask.distributed`` cluster.

Dask is an optional extra (``pip install "biaskit[dask]"``); it is imported only
inside the functions that need it, so ``import biaskit`` never needs it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from biaskit.corpus import (
    ARTICLE_SUFFIXES,
    REQUIRED,
    SCHEMA,
    CorpusError,
    _article_record,
    _frame,
    _normalise,
    _Options,
    _options,
    _parse_date,
    _records,
    corpus_files,
    iter_corpus,
)
from biaskit.scored import metric_columns, score_frame

if TYPE_CHECKING:
    import pandas as pd

    from biaskit.lexicon import Lexicon

__all__ = ["metric_dtypes", "read_corpus_dask", "score_dask", "score_stream"]

DASK_HINT = 'pip install "biaskit[dask]"'
PARQUET_SUFFIXES = (".parquet", ".parq", ".pq")
_ROW = "__biaskit_row"  # a table's row numbers, while reading


def _import_dd(what: str):
    """``dask.dataframe``, or an ImportError that says how to install it."""
    try:
        import dask.dataframe as dd
    except ImportError as exc:
        raise ImportError(
            f"biaskit.{what} needs Dask, which is not installed: {DASK_HINT}"
        ) from exc
    return dd


def metric_dtypes(sentiment: bool = True) -> dict[str, str]:
    """The dtype of every metric column :func:`score_frame` adds (counts int64, the rest float64).

    :func:`score_dask` and :func:`score_stream` cast their output to these, so every
    partition or batch has the same schema (a batch without a single match would
    otherwise give integer ``loaded`` columns).
    """
    cols = metric_columns(sentiment=sentiment)
    return {c: "int64" if c.startswith(("n_", "attr_")) else "float64" for c in cols}


def _score_partition(
    df: pd.DataFrame,
    text: str = "text",
    lexicon: Lexicon | None = None,
    include_quoted: bool = False,
    sentiment: bool = True,
    keep_text: bool = False,
) -> pd.DataFrame:
    """:func:`score_frame` on one partition or batch, with fixed metric dtypes."""
    if isinstance(lexicon, _LexiconRef):
        lexicon = lexicon.lexicon
    if text not in df.columns:
        raise KeyError(f"score_frame: no column {text!r}; columns are {list(df.columns)}")
    missing = df[text].isna()
    if missing.any():
        idx = missing.index[missing.to_numpy().argmax()]
        doc = f" (id {df.at[idx, 'id']!r})" if "id" in df.columns else ""
        raise ValueError(f"score_frame: row {idx!r}{doc}: column {text!r} is empty (missing)")
    out = score_frame(
        df,
        text,
        lexicon=lexicon,
        include_quoted=include_quoted,
        sentiment=sentiment,
        keep_text=keep_text,
    )
    return out.astype(metric_dtypes(sentiment))


# --- Dask -------------------------------------------------------------------

_LEXICONS: dict[str, Lexicon] = {}


class _LexiconRef:
    """A lexicon as a Dask task argument: tokenized by content, pickled without its
    compiled matcher, and rebuilt once per worker process."""

    def __init__(self, lexicon: Lexicon) -> None:
        import hashlib
        import pickle

        self.lexicon = lexicon
        self.key = hashlib.sha1(pickle.dumps((lexicon.name, tuple(lexicon)))).hexdigest()

    def __dask_tokenize__(self) -> tuple[str, str]:
        return ("biaskit-lexicon", self.key)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (_rebuild_lexicon, (self.key, tuple(self.lexicon), self.lexicon.name))


def _rebuild_lexicon(key: str, entries: tuple[Any, ...], name: str) -> Lexicon:
    from biaskit.lexicon import Lexicon

    lexicon = _LEXICONS.get(key)
    if lexicon is None:
        lexicon = _LEXICONS[key] = Lexicon(entries, name=name)
    return lexicon


def score_dask(
    ddf: Any,
    text: str = "text",
    *,
    lexicon: Lexicon | None = None,
    include_quoted: bool = False,
    sentiment: bool = True,
    keep_text: bool = False,
) -> Any:
    """Score every row of a Dask DataFrame, lazily: one :func:`score_frame` call per partition.

    Returns a Dask DataFrame with the columns of ``ddf`` (the text column dropped
    unless ``keep_text``) plus the metric columns; nothing is computed until
    ``.compute()``, ``.to_parquet()`` or the like, on whatever scheduler is active
    (threads by default; ``dask.distributed.Client(...)`` for a cluster). The
    results equal ``score_frame`` on the same rows in pandas.
    """
    dd = _import_dd("score_dask")
    import pandas as pd

    if isinstance(ddf, pd.DataFrame):
        raise TypeError(
            "score_dask needs a Dask DataFrame; for a pandas DataFrame use biaskit.score_frame, "
            "or convert it with dask.dataframe.from_pandas(df, npartitions=...)"
        )
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"score_dask needs a Dask DataFrame, got {type(ddf).__name__}")
    if text not in ddf.columns:
        raise KeyError(f"score_dask: no column {text!r}; columns are {list(ddf.columns)}")
    options = {
        "lexicon": _LexiconRef(lexicon) if lexicon is not None else None,
        "include_quoted": include_quoted,
        "sentiment": sentiment,
        "keep_text": keep_text,
    }
    # the metadata: score_frame on a one-row stand-in of the right dtypes, emptied
    sample = ddf._meta_nonempty.iloc[:1].copy()
    sample[text] = "Meta."
    if "language" in sample.columns:  # the stand-in's made-up value is no language pack
        sample["language"] = "en"
    meta = _score_partition(sample, text, **options).iloc[:0]
    return ddf.map_partitions(_score_partition, text, meta=meta, **options)


def read_corpus_dask(
    path: str | os.PathLike[str],
    *,
    blocksize: int | str | None = "64MB",
    text: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    story: str | None = None,
    encoding: str = "utf-8",
    columns: list[str] | None = None,
) -> Any:
    """Read a corpus into a partitioned Dask DataFrame with the schema of :func:`load_corpus`.

    ``path`` is a folder of ``.md``/``.txt`` articles (and/or CSV/JSONL shards), a
    ``.csv``/``.tsv``/``.jsonl`` file, a Parquet file or folder of Parquet files, or a
    remote or wildcard path such as ``"s3://bucket/articles/*.parquet"`` (read through
    fsspec). Columns: ``id``, ``outlet``, ``date``, ``title``, ``story``, ``text``, any
    other metadata, ``source``; ``text=``, ``outlet=`` ... name the source columns or
    front-matter fields to use, as in :func:`load_corpus`.

    * Articles are grouped into partitions of about ``blocksize`` bytes of files;
      each partition is loaded as :func:`load_corpus` would load those files.
    * JSONL files are split into byte blocks of ``blocksize`` (``None``: one
      partition per file), each read by the task that scores it.
    * CSV files are read with ``dask.dataframe.read_csv`` in byte blocks. A CSV whose
      first megabyte has line breaks inside quoted fields is read as one partition,
      since byte blocks would cut its rows apart: prefer JSONL or Parquet.
    * Parquet is read with ``dask.dataframe.read_parquet``.

    For articles and JSONL the metadata columns are those of the first partition
    (read at once to learn them) plus any named in ``columns=``; a later document
    with another field is an error that says so.

    Differences from :func:`load_corpus`: ``date`` is ``datetime64[ns]``; for tables
    ``source`` is the file (no line number); a table without an ``id`` column gets
    ``<file stem>-<row number>`` ids (a running count over the partitions), and
    empty ids in an ``id`` column become ``<file stem>-p<partition>-<row>``;
    duplicate ids are checked within a partition only. Bad documents raise
    :class:`CorpusError` when their partition is computed.
    """
    _import_dd("read_corpus_dask")
    opts = _options(text, outlet, date, id, title, story, encoding)
    name = os.fspath(path)
    if "://" in name or any(c in name for c in "*?["):  # remote storage or a wildcard
        return _read_table(name, _table_kind(name), opts, blocksize, False, columns)
    p = Path(path)
    if not p.exists():
        raise CorpusError(f"{p}: no such file or folder", file=str(p))
    if p.is_dir():
        return _read_folder(p, opts, blocksize, columns)
    suffix = p.suffix.lower()
    if suffix in (".csv", ".tsv", ".jsonl", ".ndjson") or suffix in PARQUET_SUFFIXES:
        return _read_table(str(p), _table_kind(p.name), opts, blocksize, True, columns)
    if suffix in (".json", *ARTICLE_SUFFIXES):  # one document or one JSON list: small
        import dask.dataframe as dd

        from biaskit.corpus import load_corpus

        df = load_corpus(p, **_mapping_kwargs(opts), encoding=encoding)
        df["date"] = df["date"].astype("datetime64[ns]")
        return dd.from_pandas(df, npartitions=1, sort=False)
    raise CorpusError(
        f"{p}: unknown corpus format {suffix!r} (use a folder, .csv, .tsv, .jsonl, "
        ".parquet, .json, .md or .txt)",
        file=str(p),
    )


def _mapping_kwargs(opts: _Options) -> dict[str, str]:
    return dict(opts.mapping)


def _parse_blocksize(blocksize: int | str | None) -> int | None:
    if blocksize is None:
        return None
    if isinstance(blocksize, str):
        from dask.utils import parse_bytes

        return int(parse_bytes(blocksize))
    return int(blocksize)


def _read_folder(folder: Path, opts: _Options, blocksize, columns: list[str] | None) -> Any:
    import dask.dataframe as dd

    files, articles, tables = corpus_files(folder)
    parquet = [p for p in files if p.suffix.lower() in PARQUET_SUFFIXES]
    if parquet and not articles and not tables:
        return _read_table(str(folder), "parquet", opts, blocksize)
    if not articles and not tables:
        raise CorpusError(
            f"{folder}: no articles found (.md, .txt, .csv, .jsonl, .json or .parquet)",
            file=str(folder),
        )
    limit = _parse_blocksize(blocksize)
    groups: list[tuple[str, ...]] = []
    current: list[str] = []
    size = 0
    for p in articles:
        current.append(str(p))
        size += p.stat().st_size
        if limit is not None and size >= limit:
            groups.append(tuple(current))
            current, size = [], 0
    if current:
        groups.append(tuple(current))
    groups.extend((str(p),) for p in tables)  # one partition per table file
    first = _load_files(groups[0], str(folder), opts, None)
    known = list(first.columns)[:-1]  # all but "source", which stays last
    columns = [*known, *(c for c in columns or () if c not in known and c != "source"), "source"]
    meta = _conform(first.iloc[:0], columns, groups[0][0], strict=False)
    return dd.from_map(
        _load_files,
        groups,
        args=(str(folder), opts, columns),
        meta=meta,
        label="read-corpus",
        enforce_metadata=False,
    )


def _load_files(
    files: tuple[str, ...], root: str, opts: _Options, schema: list[str] | None
) -> pd.DataFrame:
    """One partition: these files, loaded as :func:`load_corpus` would load them."""
    root_path = Path(root)
    records: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for name in files:
        p = Path(name)
        found = (
            [_article_record(p, root_path, opts)]
            if p.suffix.lower() in ARTICLE_SUFFIXES
            else _records(p, opts)
        )
        for record, error in found:
            if error is not None:
                raise error
            assert record is not None
            key = str(record["id"])
            if key in seen:
                raise CorpusError(
                    f"{record['source']}: field 'id': duplicate id {key!r} "
                    f"(first seen at {seen[key]})",
                    file=str(p),
                    field="id",
                )
            seen[key] = record["source"]
            record["date"] = _parse_date(record.get("date"), record)
            records.append(record)
    df = _frame(records, root=root_path)
    df["date"] = df["date"].astype("datetime64[ns]")
    if schema is None:
        return df
    return _conform(df, schema, files[0], strict=True)


def _conform(df: pd.DataFrame, columns: list[str], where: str, strict: bool) -> pd.DataFrame:
    extra = [c for c in df.columns if c not in columns]
    if extra and strict:
        raise CorpusError(
            f"{where}: field(s) {', '.join(map(repr, extra))} not among the columns of the "
            f"first partition ({', '.join(columns)}); pass columns=[...] to read_corpus_dask",
            file=where,
            field=extra[0],
        )
    out = df.reindex(columns=columns)
    for c in columns:
        if c not in df.columns and c not in SCHEMA:
            out[c] = out[c].astype(object)
    return out


def _table_kind(name: str) -> str:
    suffix = PurePosixPath(name.rstrip("/")).suffix.lower()
    if suffix in (".csv", ".tsv"):
        return suffix[1:]
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in PARQUET_SUFFIXES or not suffix:  # a folder of Parquet files
        return "parquet"
    raise CorpusError(
        f"{name}: unknown corpus format {suffix!r} for a remote or wildcard path "
        "(use .parquet, .csv, .tsv or .jsonl)",
        file=name,
    )


def _read_table(
    where: str,
    kind: str,
    opts: _Options,
    blocksize,
    local: bool = True,
    columns: list[str] | None = None,
) -> Any:
    """CSV via Dask's reader, JSONL in byte blocks, Parquet via read_parquet; then the schema."""
    import dask.dataframe as dd

    enc = "utf-8-sig" if opts.encoding.lower().replace("_", "-") in ("utf-8", "utf8") else None
    enc = enc or opts.encoding
    if kind == "parquet":
        ddf = dd.read_parquet(where, blocksize=blocksize if blocksize is not None else "default")
    elif kind == "jsonl":
        ddf = _read_jsonl(where, enc, _parse_blocksize(blocksize), columns)
    else:
        size = _parse_blocksize(blocksize)
        sep = "\t" if kind == "tsv" else ","
        if size is not None and local and _csv_has_multiline_fields(Path(where), enc, sep):
            size = None
        ddf = dd.read_csv(
            where,
            blocksize=size,
            sep=sep,
            encoding=enc,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
        )
    kind = {"parquet": "Parquet", "jsonl": "JSONL"}.get(kind, kind.upper())
    # rename to the schema, as load_corpus does
    present = list(ddf.columns)
    assigned: dict[str, Any] = {}
    dropped: list[str] = []
    for target, source in opts.mapping.items():
        if source in present:
            assigned[target] = ddf[source]
            if source != target and source not in SCHEMA:
                dropped.append(source)
    if assigned:
        ddf = ddf.assign(**assigned)
    if dropped:
        ddf = ddf.drop(columns=dropped)
    cols = list(ddf.columns)
    for required in REQUIRED:
        if required not in cols:
            hint = "" if required in opts.mapping else f"; map one with {required}="
            names = ", ".join(map(str, present))
            raise CorpusError(
                f"{where}: {kind} has no column {required!r} (columns: {names}{hint})",
                file=where,
                field=required,
            )
    extras = [c for c in cols if c not in SCHEMA and c != "source"]
    if "id" not in cols:  # ids from row numbers, as load_corpus derives them: a running count
        ddf = ddf.assign(**{_ROW: 1})
        ddf = ddf.assign(**{_ROW: ddf[_ROW].cumsum()})
    meta = _normalise_rows(ddf._meta_nonempty.iloc[:0], where, extras)
    return ddf.map_partitions(_normalise_rows, where, extras, meta=meta)


def _read_jsonl(where: str, encoding: str, blocksize: int | None, columns) -> Any:
    """JSON Lines in byte blocks (one task per block, fused with what follows)."""
    import dask.dataframe as dd
    from fsspec.core import get_fs_token_paths

    fs, _, paths = get_fs_token_paths(where, mode="rb")
    if not paths:
        raise CorpusError(f"{where}: no such file", file=where)
    blocks: list[tuple[str, int, int]] = []
    for path in paths:
        size = fs.size(path)
        step = blocksize or size or 1
        name = fs.unstrip_protocol(path) if "://" in where else path
        blocks.extend((name, start, min(start + step, size)) for start in range(0, size or 1, step))
    first = _jsonl_block(blocks[0], encoding, None)
    columns = [*first.columns, *(c for c in columns or () if c not in first.columns)]
    meta = _conform(first.iloc[:0], columns, blocks[0][0], strict=False)
    return dd.from_map(
        _jsonl_block,
        blocks,
        args=(encoding, columns),
        meta=meta,
        label="read-jsonl",
        enforce_metadata=False,
    )


def _jsonl_block(
    block: tuple[str, int, int], encoding: str, keep: list[str] | None
) -> pd.DataFrame:
    """The JSON objects on the lines that start inside one byte block of a file."""
    import fsspec
    import pandas as pd

    path, start, end = block
    rows: list[dict[str, Any]] = []
    with fsspec.open(path, "rb") as fh:
        if start:
            fh.seek(start - 1)
            fh.readline()  # the line begun before this block belongs to the previous one
        pos = fh.tell()
        while pos < end:
            raw = fh.readline()
            if not raw:
                break
            if raw.strip():
                try:
                    obj = json.loads(raw.decode(encoding))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise CorpusError(
                        f"{path}: byte {pos}: not a JSON line ({exc})", file=path
                    ) from None
                if not isinstance(obj, dict):
                    raise CorpusError(
                        f"{path}: byte {pos}: expected a JSON object per line", file=path
                    )
                rows.append(obj)
            pos += len(raw)
    df = pd.DataFrame.from_records(rows)
    if keep is None:
        return df
    return _conform(df, keep, path, strict=True)


def _csv_has_multiline_fields(p: Path, encoding: str, delimiter: str) -> bool:
    import csv
    import io

    with p.open("rb") as fh:
        head = fh.read(1_000_000)
    if b"\n" not in head:
        return False
    head = head[: head.rfind(b"\n")]
    text = head.decode(encoding, errors="replace")
    try:
        return any(
            "\n" in field or "\r" in field
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            for field in row
        )
    except csv.Error:
        return True


def _normalise_rows(
    df: pd.DataFrame, path: str, extras: list[str], partition_info: dict | None = None
) -> pd.DataFrame:
    """One partition of a table: the schema of load_corpus, with clear errors for bad rows."""
    import pandas as pd

    stem = PurePosixPath(path.rstrip("/")).stem
    part = (partition_info or {}).get("number", 0)
    if _ROW in df.columns:  # row numbers over the whole table
        labels = df[_ROW].astype("int64").astype(str)
        where = [f"row {r}" for r in labels]
    else:  # row numbers within the partition
        labels = pd.Series([f"p{part}-{i}" for i in range(1, len(df) + 1)], index=df.index)
        where = [f"partition {part}, row {i}" for i in range(1, len(df) + 1)]
    for required in REQUIRED:
        values = df[required]
        bad = (values.isna() | values.astype(str).str.strip().eq("")).to_numpy()
        if bad.any():
            raise CorpusError(
                f"{path}: {where[bad.argmax()]}: field {required!r} is missing or empty",
                file=path,
                field=required,
            )
    not_text = [v for v in df["text"] if not isinstance(v, str)]
    if not_text:
        raise CorpusError(
            f"{path}: field 'text' is not text: {not_text[0]!r}", file=path, field="text"
        )
    out = pd.DataFrame(index=df.index)
    derived = stem + "-" + labels
    if "id" in df.columns:
        ids = df["id"].astype(object)
        empty = ids.isna() | ids.map(lambda v: v == "")
        out["id"] = ids.where(~empty, derived).map(str).astype(str)
    else:
        out["id"] = derived.astype(str)
    out["outlet"] = df["outlet"].map(str).astype(str)
    if "date" in df.columns:
        dates = [
            _parse_date(v, {"source": f"{path}: {w}"})
            for v, w in zip(df["date"], where, strict=True)
        ]
        out["date"] = pd.to_datetime(pd.Series(dates, index=df.index, dtype=object))
    else:
        out["date"] = pd.NaT
    out["date"] = out["date"].astype("datetime64[ns]")
    for col in ("title", "story"):
        if col in df.columns:
            out[col] = df[col].map(lambda v: "" if pd.isna(v) else str(v)).astype(str)
        else:
            out[col] = ""
        out[col] = out[col].astype(str)
    out["text"] = df["text"].astype(str)
    for col in extras:
        out[col] = df[col]
    out["source"] = path
    out["source"] = out["source"].astype(str)
    return out


# --- streaming ----------------------------------------------------------------


def score_stream(
    source: str | os.PathLike[str] | Iterable[Any] | pd.DataFrame,
    *,
    out: str | os.PathLike[str] | None = None,
    batch_size: int = 1000,
    workers: int = 1,
    lexicon: Lexicon | None = None,
    include_quoted: bool = False,
    sentiment: bool = True,
    keep_text: bool = False,
    text: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    story: str | None = None,
    encoding: str = "utf-8",
) -> pd.DataFrame | int:
    """Score a corpus batch by batch, in flat memory: one row per document.

    ``source`` is a corpus path (anything :func:`biaskit.iter_corpus` reads: a
    folder, CSV, JSONL...), a pandas DataFrame, or any iterable (a generator, say)
    of documents as dicts, of texts as strings, or of DataFrame chunks (such as
    ``pd.read_csv(..., chunksize=...)``). ``text=``, ``outlet=`` ... name the source
    fields, as in :func:`biaskit.load_corpus`.

    Documents are read ``batch_size`` at a time and scored with
    :func:`biaskit.score_frame`; with ``workers > 1`` batches are scored in that many
    processes (at most ``2 * workers`` batches in flight; rows keep their order;
    scripts need the ``if __name__ == "__main__":`` guard). The text column is
    dropped unless ``keep_text``.

    With ``out=None`` the rows are returned as one DataFrame (the same rows as
    ``score_frame(load_corpus(path))``). With ``out`` a ``.csv``, ``.tsv``,
    ``.jsonl``/``.ndjson`` or ``.parquet`` path, the file is overwritten, each batch
    is appended as it is scored, and the number of documents is returned. A CSV
    keeps the columns of its first batch (later extra metadata columns are left
    out, with a warning); JSONL keeps every field.
    """
    import pandas as pd

    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    opts = _options(text, outlet, date, id, title, story, encoding)
    score_options = {
        "lexicon": lexicon,
        "include_quoted": include_quoted,
        "sentiment": sentiment,
        "keep_text": keep_text,
    }
    writer = _Writer(Path(out)) if out is not None else None
    batches = _batches(source, batch_size, opts)
    results: list[pd.DataFrame] = []
    n = 0
    try:
        for scored in _score_batches(batches, workers, score_options):
            n += len(scored)
            if writer is None:
                results.append(scored)
            else:
                writer.write(scored)
        if writer is not None and n == 0:  # an empty corpus still gets the header/schema
            writer.write(_score_partition(_frame([]), **score_options))
    finally:
        if writer is not None:
            writer.close()
    if writer is not None:
        return n
    if not results:
        empty = _frame([])
        return _score_partition(empty, **score_options)
    return pd.concat(results, ignore_index=True)


#: A batch: ("records", [dict...], root folder or None, text column) or ("frame", DataFrame, text)
_Batch = tuple[Any, ...]


def _batches(source: Any, batch_size: int, opts: _Options) -> Iterator[_Batch]:
    import pandas as pd

    if isinstance(source, str | os.PathLike):
        p = Path(source)
        root = str(p) if p.is_dir() else None
        records = iter_corpus(p, **_mapping_kwargs(opts), encoding=opts.encoding)
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(record)
            if len(batch) >= batch_size:
                yield ("records", batch, root, "text")
                batch = []
        if batch:
            yield ("records", batch, root, "text")
        return
    text_col = opts.mapping.get("text", "text")
    if isinstance(source, pd.DataFrame):
        for start in range(0, len(source), batch_size):
            yield ("frame", source.iloc[start : start + batch_size], text_col)
        return
    if not isinstance(source, Iterable):
        raise TypeError(
            "score_stream: source must be a corpus path, a DataFrame or an iterable of "
            f"documents, not {type(source).__name__}"
        )
    batch = []
    for i, item in enumerate(source):
        if isinstance(item, pd.DataFrame):
            if batch:
                yield ("records", batch, None, "text")
                batch = []
            yield ("frame", item, text_col)
            continue
        if isinstance(item, str):
            record: dict[str, Any] = _normalise({"id": str(i), "text": item})
        elif isinstance(item, dict):
            record = _mapped(item, opts, i)
        else:
            raise TypeError(
                f"score_stream: document {i} is a {type(item).__name__}; expected a dict, "
                "a str or a DataFrame chunk"
            )
        batch.append(record)
        if len(batch) >= batch_size:
            yield ("records", batch, None, "text")
            batch = []
    if batch:
        yield ("records", batch, None, "text")


def _mapped(item: dict[str, Any], opts: _Options, i: int) -> dict[str, Any]:
    record = dict(item)
    for target, source in opts.mapping.items():
        if source in item:
            record[target] = item[source]
            if source != target and source not in SCHEMA:
                record.pop(source, None)
    value = record.get("text")
    if not isinstance(value, str):
        name = opts.mapping.get("text", "text")
        what = (
            f"has no field {name!r} (fields: {', '.join(map(str, item))}; name one with text=)"
            if value is None
            else f"field {name!r} is not text: {value!r}"
        )
        raise ValueError(f"score_stream: document {i} (id {item.get('id', i)!r}) {what}")
    record.setdefault("id", str(i))
    return _normalise(record)


def _batch_frame(batch: _Batch) -> tuple[pd.DataFrame, str]:
    """A batch as the DataFrame load_corpus would build for those documents."""
    if batch[0] == "frame":
        return batch[1], batch[2]
    _, records, root, text_col = batch
    for record in records:
        where = record if "source" in record else {"source": f"document {record.get('id')}"}
        record["date"] = _parse_date(record.get("date"), where)
    df = _frame(records, root=Path(root) if root is not None else None)
    return df, text_col


def _score_batch(batch: _Batch, score_options: dict[str, Any]) -> pd.DataFrame:
    df, text_col = _batch_frame(batch)
    return _score_partition(df, text_col, **score_options)


_WORKER_OPTIONS: dict[str, Any] = {}


def _init_worker(score_options: dict[str, Any]) -> None:
    _WORKER_OPTIONS.clear()
    _WORKER_OPTIONS.update(score_options)


def _score_in_worker(batch: _Batch) -> pd.DataFrame:
    return _score_batch(batch, _WORKER_OPTIONS)


def _score_batches(
    batches: Iterator[_Batch], workers: int, score_options: dict[str, Any]
) -> Iterator[pd.DataFrame]:
    if workers == 1:
        for batch in batches:
            yield _score_batch(batch, score_options)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(score_options,)
    ) as pool:
        pending: deque[Any] = deque()
        try:
            for batch in batches:
                pending.append(pool.submit(_score_in_worker, batch))
                if len(pending) >= 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _jsonable(value: Any) -> Any:
    import pandas as pd

    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.date):  # datetime and Timestamp too
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, list | dict | str):  # numpy scalars
        return value.item()
    return value


class _Writer:
    """Appends scored batches to a CSV, TSV, JSONL or Parquet file."""

    def __init__(self, path: Path) -> None:
        suffix = path.suffix.lower()
        kinds = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
        kinds.update(dict.fromkeys(PARQUET_SUFFIXES, "parquet"))
        if suffix not in kinds:
            raise ValueError(
                f"score_stream: cannot write {path.name!r}; use a .csv, .tsv, .jsonl, "
                ".ndjson or .parquet path"
            )
        self.path = path
        self.kind = kinds[suffix]
        self.sep = "\t" if suffix == ".tsv" else ","
        self.columns: list[str] | None = None
        self.warned = False
        self._parquet = None
        self._schema = None
        if self.kind == "parquet":
            try:
                import pyarrow  # noqa: F401
            except ImportError as exc:
                raise ImportError(
                    "score_stream: writing Parquet needs pyarrow (pip install pyarrow, or "
                    f"{DASK_HINT}); or write .csv/.jsonl"
                ) from exc
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = None if self.kind == "parquet" else path.open("w", encoding="utf-8", newline="")

    def write(self, df: pd.DataFrame) -> None:
        if self.kind == "jsonl":  # json.dumps keeps every digit of a float (to_json does not)
            assert self._fh is not None
            for row in df.to_dict(orient="records"):
                self._fh.write(json.dumps({k: _jsonable(v) for k, v in row.items()}))
                self._fh.write("\n")
            return
        if self.columns is None:
            self.columns = list(df.columns)
        elif list(df.columns) != self.columns:
            extra = [c for c in df.columns if c not in self.columns]
            if extra and not self.warned:
                warnings.warn(
                    f"score_stream: {self.path.name}: columns {extra} appear after the first "
                    "batch and are left out (write .jsonl to keep every field)",
                    stacklevel=4,
                )
                self.warned = True
            df = df.reindex(columns=self.columns)
        if self.kind == "csv":
            assert self._fh is not None
            df.to_csv(self._fh, index=False, header=self._fh.tell() == 0, sep=self.sep)
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._parquet is None:
            table = pa.Table.from_pandas(df, preserve_index=False)
            self._schema = table.schema
            self._parquet = pq.ParquetWriter(str(self.path), self._schema)
        else:
            table = pa.Table.from_pandas(df, schema=self._schema, preserve_index=False)
        self._parquet.write_table(table)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        if self._parquet is not None:
            self._parquet.close()
