"""Scoring in batches on one machine: :func:`iter_scores` and :func:`score_stream`.

Both read documents with :func:`biaskit.iter_corpus` (or from any iterable), score
``batch_size`` at a time with :func:`biaskit.score_frame`, and keep memory flat.
:func:`iter_scores` yields the scored batches; :func:`score_stream` writes them to a
file and returns the number of rows written.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from biaskit.corpus import CorpusStream, iter_corpus, mapping_of
from biaskit.docframe import documents_frame
from biaskit.progress import progress_bar
from biaskit.readers import PARQUET_SUFFIXES
from biaskit.schema import Normaliser, Raw
from biaskit.scored import metric_columns, score_frame

if TYPE_CHECKING:
    import pandas as pd

    from biaskit.lexicon import Lexicon

__all__ = ["ScoreWriter", "iter_scores", "metric_dtypes", "score_partition", "score_stream"]

#: Cells a spreadsheet would read as a formula (OWASP "CSV injection").
FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def metric_dtypes(sentiment: bool = True) -> dict[str, str]:
    """The dtype of every metric column :func:`score_frame` adds (counts int64, the rest float64).

    Scored batches and partitions are cast to these, so every batch has the same schema.
    """
    cols = metric_columns(sentiment=sentiment)
    return {c: "int64" if c.startswith(("n_", "attr_")) else "float64" for c in cols}


def score_partition(
    df: pd.DataFrame,
    text: str = "text",
    lexicon: Lexicon | None = None,
    include_quoted: bool = False,
    sentiment: bool = True,
    keep_text: bool = False,
) -> pd.DataFrame:
    """:func:`score_frame` on one batch or partition, with fixed metric dtypes."""
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


#: A batch: ("docs", [document dicts]) or ("frame", DataFrame, text column)
_Batch = tuple[Any, ...]


def _item_docs(source: Iterable[Any], mapping: dict[str, str]) -> Iterator[_Batch | dict]:
    import pandas as pd

    normalise = Normaliser(mapping, required=("text",))
    text_col = mapping.get("text", "text")
    for i, item in enumerate(source):
        if isinstance(item, pd.DataFrame):
            yield ("frame", item, text_col)
            continue
        if isinstance(item, str):
            fields: dict[str, Any] = {"text": item}
        elif isinstance(item, dict):
            fields = {str(k): v for k, v in item.items()}
        else:
            raise TypeError(
                f"score_stream: document {i} is a {type(item).__name__}; expected a dict, "
                "a str or a DataFrame chunk"
            )
        where = f"document {i}"
        yield normalise(Raw(fields, where, None, where, where, str(i)))


def _batches(source: Any, batch_size: int, mapping: dict[str, str], encoding: str):
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        text_col = mapping.get("text", "text")
        for start in range(0, max(len(source), 1), batch_size):
            yield ("frame", source.iloc[start : start + batch_size], text_col)
        return
    if isinstance(source, str | os.PathLike):
        items: Iterable[Any] = iter_corpus(source, **mapping, encoding=encoding, progress=False)
    elif isinstance(source, CorpusStream):
        items = source
    elif isinstance(source, Iterable):
        items = _item_docs(source, mapping)
    else:
        raise TypeError(
            "score_stream: source must be a corpus path, a DataFrame or an iterable of "
            f"documents, not {type(source).__name__}"
        )
    batch: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, tuple):  # a DataFrame chunk
            if batch:
                yield ("docs", batch)
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield ("docs", batch)
            batch = []
    if batch:
        yield ("docs", batch)


def _score_batch(batch: _Batch, options: dict[str, Any]) -> pd.DataFrame:
    if batch[0] == "frame":
        return score_partition(batch[1], batch[2], **options)
    return score_partition(documents_frame(batch[1]), "text", **options)


_WORKER_OPTIONS: dict[str, Any] = {}


def _init_worker(options: dict[str, Any]) -> None:
    _WORKER_OPTIONS.clear()
    _WORKER_OPTIONS.update(options)


def _score_in_worker(batch: _Batch) -> pd.DataFrame:
    return _score_batch(batch, _WORKER_OPTIONS)


def _scored(batches: Iterator[_Batch], workers: int, options: dict[str, Any]):
    if workers == 1:
        for batch in batches:
            yield _score_batch(batch, options)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(options,)
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


def iter_scores(
    source: str | os.PathLike[str] | Iterable[Any] | pd.DataFrame,
    *,
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
    progress: bool | None = None,
) -> Iterator[pd.DataFrame]:
    """Score a corpus batch by batch: yields one scored DataFrame per batch, in order.

    ``source`` is a corpus path (anything :func:`biaskit.iter_corpus` reads), a stream
    from :func:`biaskit.iter_corpus` (use ``errors="collect"`` there to keep going past
    bad documents), a pandas DataFrame, or any iterable of documents as dicts, of
    texts as strings, or of DataFrame chunks. ``text=``, ``outlet=`` ... name the
    source fields, as in :func:`biaskit.load_corpus` (for a dict, only ``text`` is
    required). With ``workers > 1`` batches are scored in that many processes (rows
    keep their order; scripts need the ``if __name__ == "__main__":`` guard). At least
    one DataFrame is yielded (an empty one for an empty corpus), so
    ``pd.concat(iter_scores(path))`` always works and equals
    ``score_frame(load_corpus(path))``. ``progress`` draws a bar counting documents (None:
    when someone can see it; see :func:`biaskit.progress.wants_progress`).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    mapping = mapping_of(text=text, outlet=outlet, date=date, id=id, title=title, story=story)
    options = {
        "lexicon": lexicon,
        "include_quoted": include_quoted,
        "sentiment": sentiment,
        "keep_text": keep_text,
    }
    empty = True
    batches = _scored(_batches(source, batch_size, mapping, encoding), workers, options)
    total = len(source) if hasattr(source, "columns") else None  # a DataFrame: its rows
    for scored in progress_bar(batches, progress=progress, total=total, desc="scoring", size=len):
        empty = False
        yield scored
    if empty:
        yield score_partition(documents_frame([]), **options)


def score_stream(
    source: str | os.PathLike[str] | Iterable[Any] | pd.DataFrame,
    out: str | os.PathLike[str],
    *,
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
    csv_escape: bool = True,
    progress: bool | None = None,
) -> int:
    """Score a corpus in flat memory and write one row per document to ``out``; returns the count.

    ``out`` is a ``.csv``, ``.tsv``, ``.jsonl``/``.ndjson`` or ``.parquet`` path; it is
    overwritten and each batch appended as it is scored. The other arguments are those of
    :func:`iter_scores`. A CSV keeps the columns of its first batch (later extra metadata
    columns are left out, with a warning); JSONL keeps every field. In CSV/TSV, text cells
    starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a leading ``'``
    so spreadsheets do not run them as formulas (``csv_escape=False`` writes them as is).
    """
    writer = ScoreWriter(Path(out), csv_escape=csv_escape)
    n = 0
    try:
        for scored in iter_scores(
            source, batch_size=batch_size, workers=workers, lexicon=lexicon,
            include_quoted=include_quoted, sentiment=sentiment, keep_text=keep_text,
            text=text, outlet=outlet, date=date, id=id, title=title, story=story,
            encoding=encoding, progress=progress,
        ):  # fmt: skip
            n += len(scored)
            writer.write(scored)
    finally:
        writer.close()
    return n


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


def escape_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as formulas, prefixed with ``'``."""
    out = df
    for col in df.columns:
        s = df[col]
        if s.dtype != object and not str(s.dtype).startswith(("str", "string")):
            continue
        hit = s.map(lambda v: isinstance(v, str) and FORMULA_START.match(v) is not None)
        if hit.any():
            if out is df:
                out = df.copy()
            out[col] = s.astype(object).where(~hit, "'" + s.astype(str))
    return out


class ScoreWriter:
    """Appends scored batches to a CSV, TSV, JSONL or Parquet file (chosen by suffix)."""

    def __init__(self, path: Path, *, csv_escape: bool = True) -> None:
        suffix = path.suffix.lower()
        kinds = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
        kinds.update(dict.fromkeys(PARQUET_SUFFIXES, "parquet"))
        if suffix not in kinds:
            raise ValueError(
                f"cannot write {path.name!r}; use a .csv, .tsv, .jsonl, .ndjson or .parquet path"
            )
        self.path = path
        self.kind = kinds[suffix]
        self.sep = "\t" if suffix == ".tsv" else ","
        self.csv_escape = csv_escape
        self.columns: list[str] | None = None
        self.warned = False
        self._parquet: Any = None
        self._schema: Any = None
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = None if self.kind == "parquet" else path.open("w", encoding="utf-8", newline="")

    def write(self, df: pd.DataFrame) -> None:
        """Append one batch."""
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
                    f"{self.path.name}: columns {extra} appear after the first batch and are "
                    "left out (write .jsonl to keep every field)",
                    stacklevel=4,
                )
                self.warned = True
            df = df.reindex(columns=self.columns)
        if self.kind == "csv":
            assert self._fh is not None
            if self.csv_escape:
                df = escape_formulas(df)
            df.to_csv(self._fh, index=False, header=self._fh.tell() == 0, sep=self.sep)
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._parquet is None:
            table = pa.Table.from_pandas(df, preserve_index=False)
            # a column empty in the first batch (no referent, no title yet) has Arrow's null
            # type, which no later value fits: store it as text
            schema = table.schema
            for i, f in enumerate(schema):
                if pa.types.is_null(f.type):
                    schema = schema.set(i, f.with_type(pa.large_string()))
            table = table.cast(schema)
            self._schema = schema
            self._parquet = pq.ParquetWriter(str(self.path), self._schema)
        else:
            table = pa.Table.from_pandas(df, schema=self._schema, preserve_index=False)
        self._parquet.write_table(table)

    def close(self) -> None:
        """Finish the file (an empty Parquet file still gets no rows but is valid)."""
        if self._fh is not None:
            self._fh.close()
        if self._parquet is not None:
            self._parquet.close()
