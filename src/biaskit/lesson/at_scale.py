"""Checks for the at-scale notebook: a corpus copied many times, and whether two score tables
agree (the same scores from pandas and from Dask)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from biaskit.lesson.tables import Table

__all__ = ["replicate", "same_results"]


def replicate(corpus: pd.DataFrame, n: int, *, id_column: str = "id") -> pd.DataFrame:
    """``n`` copies of ``corpus`` stacked, ids made unique (``<id>--copy-01`` ...).

    A stand-in for a large corpus when measuring scale: the scores of every copy equal the
    original's, so results can be checked exactly.
    """
    if n < 1:
        raise ValueError(f"replicate: n must be at least 1, not {n!r}")
    width = len(str(n))
    copies = []
    for i in range(1, n + 1):
        c = corpus.copy()
        if id_column in c.columns:
            c[id_column] = c[id_column].astype(str) + f"--copy-{i:0{width}d}"
        c["copy"] = i
        copies.append(c)
    return pd.concat(copies, ignore_index=True)


def same_results(
    expected: pd.DataFrame,
    actual: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    key: str = "id",
    tol: float = 1e-9,
) -> Table:
    """Column by column: do two score tables agree? (rows matched on ``key``)

    Numbers are compared as floats (Dask may return nullable integers), anything else by value
    with missing values equal whatever their kind (NaN, None, ``<NA>``). Columns:
    column, rows, differing rows, largest difference (numbers), identical (True or False).
    """
    if columns is None:
        columns = [c for c in expected.columns if c in actual.columns and c != key]
    a = expected.set_index(key).sort_index()
    b = actual.set_index(key).sort_index()
    if list(a.index) != list(b.index):
        missing = sorted(set(a.index) ^ set(b.index))[:5]
        raise ValueError(f"same_results: the tables have different {key!r} values, e.g. {missing}")
    rows = []
    for col in columns:
        x, y = a[col], b[col]
        if pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(y):
            xf, yf = x.astype("float64").to_numpy(), y.astype("float64").to_numpy()
            diff = abs(xf - yf)
            both_nan = pd.isna(xf) & pd.isna(yf)
            bad = int(((diff > tol) | (pd.isna(diff) & ~both_nan)).sum())
            largest = float(pd.Series(diff).max()) if len(diff) else 0.0
        else:
            xn, yn = pd.isna(x).to_numpy(), pd.isna(y).to_numpy()
            xv = np.where(xn, None, x.to_numpy(dtype=object))
            yv = np.where(yn, None, y.to_numpy(dtype=object))
            same = (xn & yn) | (~xn & ~yn & (xv == yv).astype(bool))
            bad = int((~same).sum())
            largest = float("nan")
        rows.append(
            {
                "column": col,
                "rows": len(x),
                "differing rows": bad,
                "largest difference": largest,
                "identical": bad == 0,
            }
        )
    return Table(rows)
