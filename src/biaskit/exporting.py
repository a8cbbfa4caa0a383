"""Tables of a scored corpus written for a statistics package: Parquet, CSV, TSV, JSONL or
Stata.

``export(scored, "matches.parquet")`` writes one row per match, each carrying the document's
id, outlet and date (and story, title and language where the corpus has them) under the
corpus's own column names, so R, Stata or pandas can join it back to the documents.
``table="docs"`` writes one row per document (every column of the corpus, then the
metrics); ``table="quotes"`` one row per quotation. Column names are checked to be unique.
In CSV and TSV, cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
get a leading ``'`` so that a spreadsheet shows them instead of running them as formulas.
Stata files (``.dta``, version 118, Unicode) keep every column: a name Stata cannot hold
(longer than 32 characters, or not a plain identifier) is rewritten and the original kept as
the variable's label; true/false columns become 0/1, dates Stata dates, long texts strL.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from biaskit.scored import ScoredCorpus, require_scored
from biaskit.stream import ScoreWriter

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMATS", "TABLES", "export", "export_frame", "write_stata"]

#: Formats by name, each with the suffix it is chosen from.
FORMATS: dict[str, tuple[str, ...]] = {
    "parquet": (".parquet", ".pq"),
    "csv": (".csv",),
    "tsv": (".tsv",),
    "jsonl": (".jsonl", ".ndjson"),
    "stata": (".dta",),
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
        "use .parquet, .csv, .tsv, .jsonl or .dta, or pass format="
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

    ``format`` is ``"parquet"``, ``"csv"``, ``"tsv"``, ``"jsonl"`` or ``"stata"``; by
    default it comes from the suffix of ``path``. ``csv_escape=False`` writes CSV cells that
    start like a formula as they are.
    """
    target = Path(path)
    kind = _format_of(target, format)
    df = export_frame(scored, table)
    if kind == "stata":
        write_stata(df, target)
        return target
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


_STATA_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")
_STATA_STR_MAX = 2045  # longer strings (in UTF-8 bytes) are written as strL
# Names Stata reserves for itself (its manual, "Variable names").
_STATA_RESERVED = frozenset(
    {"_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n",
     "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with", "end"}
)


def _stata_text(value: object) -> str:
    """A cell as Stata text: missing is the empty string (Stata's missing text)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _stata_names(columns: list[str]) -> dict[str, str]:
    """Stata names for ``columns`` (a plain identifier of at most 32 characters, unique)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        name = column
        if not _STATA_NAME_RE.fullmatch(name):
            name = re.sub(r"\W", "_", name.encode("ascii", "replace").decode()) or "v"
            name = ("_" + name if name[0].isdigit() else name)[:32]
        if name in _STATA_RESERVED or re.fullmatch(r"str\d+", name):
            name = name[:31] + "_"
        base, k = name, 1
        while name.lower() in taken:
            k += 1
            name = f"{base[: 32 - len(str(k)) - 1]}_{k}"
        taken.add(name.lower())
        names[column] = name
    return names


def write_stata(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``df`` as a Stata 14+ ``.dta`` file (see the module for what is converted)."""
    import pandas as pd

    target = Path(path)
    out = df.copy()
    out.columns = [str(c) for c in out.columns]
    names = _stata_names(list(out.columns))
    labels = {names[c]: c[:80] for c in out.columns if names[c] != c}
    out = out.rename(columns=names)
    dates: dict[str, str] = {}
    strl: list[str] = []
    for column in out.columns:
        col = out[column]
        if pd.api.types.is_bool_dtype(col):
            out[column] = col.astype("int8")
        elif isinstance(col.dtype, pd.DatetimeTZDtype):
            out[column] = col.dt.tz_convert("UTC").dt.tz_localize(None)
            dates[column] = "tc"
        elif pd.api.types.is_datetime64_any_dtype(col):
            dates[column] = "tc"
        elif pd.api.types.is_extension_array_dtype(col) and pd.api.types.is_numeric_dtype(col):
            out[column] = col.astype("float64")
        elif not pd.api.types.is_numeric_dtype(col):
            text = col.map(_stata_text)
            out[column] = text.astype(object)
            if len(text) and text.map(lambda v: len(v.encode())).max() > _STATA_STR_MAX:
                strl.append(column)
    out.to_stata(
        target,
        write_index=False,
        version=118,
        convert_dates=dates,
        convert_strl=strl,
        variable_labels=labels,
    )
    return target
