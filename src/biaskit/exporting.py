"""Tables of a scored corpus written for a statistics package: Parquet, CSV, TSV or JSONL.

``export(scored, "matches.parquet")`` writes one row per match, each carrying the document's
id, outlet and date (and story, title and language where the corpus has them) under the
corpus's own column names, so R, Stata or pandas can join it back to the documents.
``table="docs"`` writes one row per document (every column of the corpus, then the
metrics); ``table="quotes"`` one row per quotation. Column names are checked to be unique.
In CSV and TSV, cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
get a leading ``'`` so that a spreadsheet shows them instead of running them as formulas.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from biaskit.scored import ScoredCorpus, require_scored
from biaskit.stream import ScoreWriter

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMATS", "TABLES", "export", "export_frame"]

#: Formats by name, each with the suffix it is chosen from.
FORMATS: dict[str, tuple[str, ...]] = {
    "parquet": (".parquet", ".pq"),
    "csv": (".csv",),
    "tsv": (".tsv",),
    "jsonl": (".jsonl", ".ndjson"),
}
#: The tables of a scored corpus that can be exported.
TABLES: tuple[str, ...] = ("matches", "docs", "quotes")

Table = Literal["matches", "docs", "quotes"]


def _format_of(path: Path, format: str | None) -> str:
    if format is not None:
        if format not in FORMATS:
            raise ValueError(
                f"export: {path.name}: unknown format {format!r} (one of {', '.join(FORMATS)})"
            )
        return format
    suffix = path.suffix.lower()
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return name
    raise ValueError(
        f"export: {path.name}: cannot tell the format from the suffix {suffix or '(none)'!r}; "
        "use .parquet, .csv, .tsv or .jsonl, or pass format="
    )


def _check_columns(df: pd.DataFrame, table: str) -> None:
    seen: set[str] = set()
    for column in map(str, df.columns):
        if column in seen:
            raise ValueError(f"export: table {table!r} has the column {column!r} twice")
        seen.add(column)


def export_frame(scored: ScoredCorpus, table: Table = "matches") -> pd.DataFrame:
    """The table ``table`` of ``scored`` as it is exported (a copy; column names unique)."""
    scored = require_scored(scored, "export")
    if table not in TABLES:
        raise ValueError(f"export: unknown table {table!r} (one of {', '.join(TABLES)})")
    df = getattr(scored, table).copy()
    _check_columns(df, table)
    return df


def export(
    scored: ScoredCorpus,
    path: str | os.PathLike[str],
    *,
    table: Table = "matches",
    format: str | None = None,
    csv_escape: bool = True,
) -> Path:
    """Write the table ``table`` (``"matches"``, ``"docs"`` or ``"quotes"``) of ``scored`` to
    ``path`` and return the path.

    ``format`` is ``"parquet"``, ``"csv"``, ``"tsv"`` or ``"jsonl"``; by default it comes
    from the suffix of ``path``. ``csv_escape=False`` writes CSV cells that start like a
    formula as they are.
    """
    target = Path(path)
    kind = _format_of(target, format)
    df = export_frame(scored, table)
    # ScoreWriter picks its format from the suffix: give it one that names ``kind``.
    writer_path = target if target.suffix.lower() in FORMATS[kind] else None
    if writer_path is None:
        writer_path = target.with_name(target.name + FORMATS[kind][0])
    writer = ScoreWriter(writer_path, csv_escape=csv_escape)
    try:
        writer.write(df)
    finally:
        writer.close()
    if writer_path != target:
        writer_path.replace(target)
    return target
