"""Documents as a DataFrame: the schema's columns first, text columns as text, dates as
datetimes, the location column last. Every loader builds its frame here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from biaskit.schema import SCHEMA

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FrameBuilder", "documents_frame"]


class FrameBuilder:
    """Documents collected column by column (no dict kept per document), then a DataFrame.

    The location column is the last key of each document; when any document has its
    own ``source``, the location column of every row takes the same free name.
    """

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {k: [] for k in SCHEMA}
        self.locations: list[str] = []
        self.loc_key = "source"
        self.n = 0

    def add(self, doc: dict[str, Any]) -> None:
        """Append one document."""
        own = next(reversed(doc))
        if len(own) > len(self.loc_key) or (len(own) == len(self.loc_key) and own > self.loc_key):
            self.loc_key = own
        for key, value in doc.items():
            if key == own:
                continue
            column = self.columns.get(key)
            if column is None:
                column = self.columns[key] = [None] * self.n
            column.append(value)
        self.locations.append(doc[own])
        self.n += 1
        for column in self.columns.values():
            if len(column) < self.n:
                column.append(None)

    def frame(self) -> pd.DataFrame:
        """The DataFrame: schema columns, the others in order of appearance, location last.

        Each column list is turned into a Series and released at once, to keep the peak low.
        """
        import pandas as pd

        data = self.columns
        data[self.loc_key] = self.locations
        self.columns, self.locations = {}, []
        text_columns = {"id", "outlet", "title", "story", "text", self.loc_key}
        series: dict[str, pd.Series] = {}
        for key in list(data):
            values = data.pop(key)
            if key == "date":
                s = pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[ns]")
            elif key in text_columns:
                s = pd.Series(["" if v is None else v for v in values], dtype=str)
            else:
                s = pd.Series(values)
            del values
            series[key] = s
        return pd.DataFrame(series, copy=False)


def documents_frame(docs: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Documents (from :class:`Normaliser`) as a DataFrame in schema order."""
    builder = FrameBuilder()
    for doc in docs:
        builder.add(doc)
    return builder.frame()
