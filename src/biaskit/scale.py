"""Scoring at scale: streaming on one machine, Dask DataFrames on a cluster.

* :func:`score_stream` / :func:`iter_scores` (from :mod:`biaskit.stream`) score a
  corpus in batches, in flat memory.
* :func:`read_corpus_dask` reads a folder of articles, CSV/TSV, JSONL, JSON or
  Parquet files into a partitioned Dask DataFrame with the schema of
  :func:`biaskit.load_corpus`, through the same readers and normaliser.
* :func:`score_dask` scores a Dask DataFrame partition by partition, lazily.

Dask is an optional extra (``pip install "biaskit[dask]"``); it is imported only
inside the functions that need it, so ``import biaskit`` never needs it.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from biaskit.corpus import mapping_of
from biaskit.discover import walk
from biaskit.docframe import documents_frame
from biaskit.readers import (
    ARTICLE_SUFFIXES,
    PARQUET_SUFFIXES,
    READERS,
    parquet_part,
    read_part,
)
from biaskit.schema import SCHEMA, CorpusError, Normaliser, Raw, clip
from biaskit.stream import iter_scores, metric_dtypes, score_partition, score_stream
from biaskit.strictcsv import CSVProblem, StrictCSV
from biaskit.textio import Options, check_encoding, lines_of

if TYPE_CHECKING:
    import pandas as pd

    from biaskit.lexicon import Lexicon

__all__ = [
    "iter_scores",
    "metric_dtypes",
    "read_corpus_dask",
    "score_dask",
    "score_stream",
]

DASK_HINT = 'pip install "biaskit[dask]"'


def _import_dd(what: str):
    """``dask.dataframe``, or an ImportError that says how to install it."""
    try:
        import dask.dataframe as dd
    except ImportError as exc:
        raise ImportError(
            f"biaskit.{what} needs Dask, which is not installed: {DASK_HINT}"
        ) from exc
    return dd


# --- scoring ----------------------------------------------------------------------

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


def _score_part(df: pd.DataFrame, text: str, lexicon: Any, **options: Any) -> pd.DataFrame:
    if isinstance(lexicon, _LexiconRef):
        lexicon = lexicon.lexicon
    return score_partition(df, text, lexicon, **options)


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
    meta = _score_part(sample, text, **options).iloc[:0]
    return ddf.map_partitions(_score_part, text, meta=meta, **options)


# --- reading ------------------------------------------------------------------------

#: One partition: ("files", files, root) | ("block", kind, file, name, start, end, line,
#: header) | ("parquet", file, name, row group, first row); remote ones end with the URL.
Part = tuple[Any, ...]


def _blocks(fh: Any, blocksize: int, quotes: bool) -> list[tuple[int, int | None, int]]:
    """Byte blocks ``(start, end, first line)`` of about ``blocksize``, cut at line ends
    outside quoted fields (the quote count before the cut is even)."""
    bounds = [(0, 1)]
    pos, line, nquotes, target = 0, 1, 0, blocksize
    while chunk := fh.read(1 << 20):
        cursor = 0
        while target < pos + len(chunk):
            i = chunk.find(b"\n", max(target - pos, cursor))
            if i < 0:
                break
            nquotes += chunk.count(b'"', cursor, i + 1) if quotes else 0
            line += chunk.count(b"\n", cursor, i + 1)
            cursor = i + 1
            if nquotes % 2 == 0:
                bounds.append((pos + i + 1, line))
                target = pos + i + 1 + blocksize
        nquotes += chunk.count(b'"', cursor) if quotes else 0
        line += chunk.count(b"\n", cursor)
        pos += len(chunk)
    ends: list[int | None] = [b[0] for b in bounds[1:]]
    return [(s, e, ln) for (s, ln), e in zip(bounds, [*ends, None], strict=True)]


def _table_parts(
    file: str, name: str, opts: Options, limit: int | None, fs: Any, url: str | None
) -> list[Part]:
    suffix = PurePosixPath(file).suffix.lower()
    opener = fs.open if fs is not None else open
    if suffix in PARQUET_SUFFIXES:
        import pyarrow.parquet as pq

        with opener(file, "rb") as fh:
            try:
                meta = pq.ParquetFile(fh).metadata
            except Exception as exc:  # pyarrow raises several kinds
                message = f"{file}: not a readable Parquet file: {exc}"
                raise CorpusError(message, file=file) from None
            sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
        starts = [sum(sizes[:i]) for i in range(len(sizes))]
        return [("parquet", file, name, g, s, url) for g, s in enumerate(starts)] or [
            ("files", (file,), None, url)
        ]
    kind = "jsonl" if suffix in (".jsonl", ".ndjson") else "csv"
    with opener(file, "rb") as fh:
        blocks = (
            _blocks(fh, limit, kind == "csv")
            if limit is not None and opts.eight_bit
            else [(0, None, 1)]
        )
    header = None
    if kind == "csv" and len(blocks) > 1:
        with opener(file, "rb") as fh:
            try:
                header = StrictCSV(
                    lines_of(fh, opts), delimiter="\t" if suffix == ".tsv" else ","
                ).header
            except CSVProblem:
                blocks = [(0, None, 1)]
    return [
        ("block", kind, file, name, start, end, line, header if start else None, url)
        for start, end, line in blocks
    ]


def _parse_blocksize(blocksize: int | str | None) -> int | None:
    if blocksize is None:
        return None
    if isinstance(blocksize, str):
        from dask.utils import parse_bytes

        return int(parse_bytes(blocksize))
    return int(blocksize)


def _local_parts(p: Path, opts: Options, limit: int | None) -> list[Part]:
    if not p.is_dir():
        if p.suffix.lower() not in READERS:
            raise CorpusError(f"{p}: unknown corpus format {clip(p.suffix)}", file=str(p))
        if p.suffix.lower() in (".csv", ".tsv", ".jsonl", ".ndjson", *PARQUET_SUFFIXES):
            return _table_parts(str(p), str(p), opts, limit, None, None)
        return [("files", (str(p),), None, None)]
    parts: list[Part] = []
    tables: list[Part] = []
    group: list[str] = []
    size = 0
    for f, reason in walk(p):
        if reason is not None:
            continue
        name = f.relative_to(p).as_posix()
        if f.suffix.lower() in ARTICLE_SUFFIXES or f.suffix.lower() == ".json":
            group.append(str(f))
            size += f.stat().st_size
            if limit is not None and size >= limit:
                parts.append(("files", tuple(group), str(p), None))
                group, size = [], 0
        else:
            tables.extend(_table_parts(str(f), name, opts, limit, None, None))
    if group:
        parts.append(("files", tuple(group), str(p), None))
    parts.extend(tables)
    if not parts:
        raise CorpusError(f"{p}: no articles found", file=str(p))
    return parts


def _events(part: Part, opts: Options) -> Iterator[Any]:
    url = part[-1]
    fs = None
    if url is not None:
        from fsspec.core import url_to_fs

        fs, _ = url_to_fs(url)
    if part[0] == "files":
        root = Path(part[2]) if part[2] else None
        for f in part[1]:
            p = Path(f)
            name = p.relative_to(root).as_posix() if root else f
            yield from READERS[p.suffix.lower()](p, name, opts)
    elif part[0] == "parquet":
        _, file, name, group, first, _ = part
        yield from parquet_part(file, name, opts, group, first, fs)
    else:
        _, kind, file, name, start, end, line, header, _ = part
        with fs.open(file, "rb") if fs is not None else open(file, "rb") as fh:
            fh.seek(start)
            data = fh if end is None else io.BytesIO(fh.read(end - start))
            yield from read_part(kind, file, name, opts, data, line, header)


def _load_part(
    part: Part, mapping: dict[str, str], encoding: str, schema: list[str] | None
) -> pd.DataFrame:
    """One partition, loaded as load_corpus would load it (ids unique within it)."""
    opts = Options(check_encoding(encoding), encoding, Normaliser(mapping).missing_columns)
    normalise = Normaliser(mapping)
    docs = []
    for event in _events(part, opts):
        if isinstance(event, CorpusError):
            raise event
        if isinstance(event, Raw):
            docs.append(normalise(event))
    df = documents_frame(docs)
    where = part[1][0] if part[0] == "files" else part[2] if part[0] == "block" else part[1]
    return df if schema is None else _conform(df, schema, str(where))


def _conform(df: pd.DataFrame, columns: list[str], where: str) -> pd.DataFrame:
    extra = [c for c in df.columns if c not in columns]
    if extra:
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

    ``path`` is anything :func:`load_corpus` reads (a folder, ``.csv``, ``.tsv``,
    ``.jsonl``, ``.json``, ``.parquet``, ``.md``), or a remote or wildcard path such as
    ``"s3://bucket/articles/*.parquet"`` (through fsspec). Every partition goes through
    the same readers and normaliser as :func:`load_corpus`, so rows, ids, dates and
    error messages are the same.

    * Articles (and ``.json`` files) are grouped into partitions of about ``blocksize``
      bytes of files.
    * Local CSV/TSV and JSONL files in an 8-bit encoding or UTF-8 are split into byte
      blocks of about ``blocksize``, cut at line ends outside quoted fields (one pass
      over the file counts lines and quotes, so line numbers stay exact). Remote files
      are one partition each.
    * Parquet: one partition per row group.

    The columns are those of the first partition (read at once to learn them) plus any
    named in ``columns=``; a later partition with another field is an error that says
    so. Duplicate ids are checked within a partition only. Bad documents raise
    :class:`CorpusError` when their partition is computed.
    """
    dd = _import_dd("read_corpus_dask")
    mapping = mapping_of(text=text, outlet=outlet, date=date, id=id, title=title, story=story)
    opts = Options(check_encoding(encoding), encoding)
    limit = _parse_blocksize(blocksize)
    name = os.fspath(path)
    if "://" in name or any(c in name for c in "*?["):  # remote storage or a wildcard
        from fsspec.core import get_fs_token_paths

        fs, _, files = get_fs_token_paths(name, mode="rb")
        if not files:
            raise CorpusError(f"{name}: no such file", file=name)
        parts = []
        for f in sorted(files):
            url = fs.unstrip_protocol(f)
            if PurePosixPath(f).suffix.lower() in PARQUET_SUFFIXES:
                parts.extend(_table_parts(f, f, opts, None, fs, url))
            elif _is_table(f):
                parts.append(("block", _kind(f), f, f, 0, None, 1, None, url))
            else:
                raise CorpusError(
                    f"{f}: remote and wildcard paths must be .parquet, .csv, .tsv or .jsonl",
                    file=f,
                )
    else:
        p = Path(path)
        if not p.exists():
            raise CorpusError(f"{p}: no such file or folder", file=str(p))
        parts = _local_parts(p, opts, limit)
    first = _load_part(parts[0], mapping, encoding, None)
    known = list(first.columns)[:-1]  # all but the location column, which stays last
    cols = [*known, *(c for c in columns or () if c not in known), first.columns[-1]]
    meta = _conform(first.iloc[:0], cols, "first partition")
    return dd.from_map(
        _load_part,
        parts,
        args=(mapping, encoding, cols),
        meta=meta,
        label="read-corpus",
        enforce_metadata=False,
    )


def _is_table(f: str) -> bool:
    return PurePosixPath(f).suffix.lower() in (".csv", ".tsv", ".jsonl", ".ndjson")


def _kind(f: str) -> str:
    return "jsonl" if PurePosixPath(f).suffix.lower() in (".jsonl", ".ndjson") else "csv"
