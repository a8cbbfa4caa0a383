"""Loading corpora: the shipped corpus, folders of articles, CSV/TSV, JSON(L), Parquet.

Every loader gives documents with the same schema:

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
source     where the document came from (``file:line``); ``source_line`` when
           the documents have a ``source`` field of their own
=========  ==============================================================

Three ways in, one reader layer (:mod:`biaskit.readers`) and one normaliser
(:mod:`biaskit.schema`) under all of them:

* :func:`load_corpus` returns a DataFrame and raises :class:`CorpusError` at the
  first bad document;
* :func:`read_corpus` keeps going and returns a :class:`LoadResult`: the good
  documents, the rejected ones (with file, line, field and reason) and the skipped
  files; documents in = good + rejected + skipped;
* :func:`iter_corpus` streams documents one at a time, in flat memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from biaskit.discover import scan
from biaskit.docframe import documents_frame
from biaskit.progress import progress_bar, wants_progress
from biaskit.readers import Skipped
from biaskit.schema import SCHEMA, CorpusError, Normaliser, Raw
from biaskit.textio import Options, check_encoding

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SCHEMA",
    "CorpusError",
    "CorpusStream",
    "LoadResult",
    "corpus_path",
    "iter_corpus",
    "load_corpus",
    "load_example_corpus",
    "read_corpus",
]

PathArg = str | os.PathLike[str]
REJECTED_COLUMNS = ["file", "line", "field", "error"]
SKIPPED_COLUMNS = ["file", "reason"]


#: The shipped example corpora: name -> folder under ``biaskit/data``.
EXAMPLE_CORPORA = {"en": "corpus", "ru-uk": "corpus-ru-uk"}


def corpus_path(corpus: str = "en") -> Path:
    """Path of a corpus shipped inside the package: ``"en"``, the English teaching corpus
    (``biaskit/data/corpus``), or ``"ru-uk"``, the Russian and Ukrainian articles."""
    if corpus not in EXAMPLE_CORPORA:
        raise ValueError(f"corpus_path: no shipped corpus {corpus!r} (use 'en' or 'ru-uk')")
    root = resources.files("biaskit").joinpath("data", EXAMPLE_CORPORA[corpus])
    if not root.is_dir():
        raise CorpusError(f"the shipped corpus {corpus!r} is missing from this installation")
    return Path(str(root))


def load_example_corpus(corpus: str = "en") -> pd.DataFrame:
    """A corpus shipped with biaskit, as a DataFrame: ``"en"`` (the teaching corpus) or
    ``"ru-uk"`` (the Russian and Ukrainian articles)."""
    return load_corpus(corpus_path(corpus))


def mapping_of(**names: str | None) -> dict[str, str]:
    """Schema column -> the user's name, for the names given (``text="body"``...)."""
    out = {}
    for target, source in names.items():
        if target not in SCHEMA:
            raise TypeError(f"unknown schema column {target!r}")
        if source is None:
            continue
        if not isinstance(source, str) or not source:
            raise TypeError(f"{target}= must be a column name, not {source!r}")
        out[target] = source
    return out


class CorpusStream(Iterator[dict[str, Any]]):
    """Documents one at a time (what :func:`iter_corpus` returns).

    With ``errors="collect"`` bad documents do not stop the stream: they are kept in
    :attr:`rejected` (CorpusError objects with ``file``, ``line``, ``field``) and files
    that are not documents in :attr:`skipped`, both filled as the stream advances.
    """

    def __init__(
        self,
        paths: Sequence[Path],
        mapping: dict[str, str],
        encoding: str,
        errors: Literal["raise", "collect"],
        date_formats: Sequence[str] = (),
        progress: bool | None = False,
    ) -> None:
        if errors not in ("raise", "collect"):
            raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
        self.normalise = Normaliser(mapping, date_formats=date_formats)
        self.options = Options(check_encoding(encoding), encoding, self.normalise.missing_columns)
        self.errors = errors
        self.rejected: list[CorpusError] = []
        self.skipped: list[Skipped] = []
        for p in paths:
            if not p.exists():
                raise CorpusError(f"{p}: no such file or folder", file=str(p))
        self._events = (event for p in paths for event in scan(p, self.options))
        self._bar = (
            progress_bar(self._docs(), progress=True, desc="reading")
            if wants_progress(progress)
            else None
        )

    def __next__(self) -> dict[str, Any]:
        return next(self._bar) if self._bar is not None else self._next_doc()

    def _docs(self) -> Iterator[dict[str, Any]]:
        while True:
            try:
                yield self._next_doc()
            except StopIteration:
                return

    def _next_doc(self) -> dict[str, Any]:
        for event in self._events:
            if isinstance(event, Raw):
                try:
                    return self.normalise(event)
                except CorpusError as exc:
                    event = exc
            if isinstance(event, Skipped):
                self.skipped.append(event)
            elif self.errors == "raise":
                raise event
            else:
                self.rejected.append(event)
        raise StopIteration

    def rejected_frame(self) -> pd.DataFrame:
        """The rejected documents so far: ``file``, ``line``, ``field``, ``error``."""
        import pandas as pd

        rows = [(e.file, e.line, e.field, str(e)) for e in self.rejected]
        df = pd.DataFrame(rows, columns=REJECTED_COLUMNS)
        df["line"] = df["line"].astype("Int64")
        return df

    def skipped_frame(self) -> pd.DataFrame:
        """The skipped files so far: ``file``, ``reason``."""
        import pandas as pd

        return pd.DataFrame([(s.file, s.reason) for s in self.skipped], columns=SKIPPED_COLUMNS)


@dataclass(frozen=True)
class LoadResult:
    """What :func:`read_corpus` found: good documents, rejected ones, skipped files."""

    docs: pd.DataFrame
    rejected: pd.DataFrame
    skipped: pd.DataFrame

    @property
    def n_in(self) -> int:
        """Documents in: good + rejected + skipped."""
        return len(self.docs) + len(self.rejected) + len(self.skipped)


def _paths(path: PathArg | Sequence[PathArg]) -> list[Path]:
    if isinstance(path, str | os.PathLike):
        return [Path(path)]
    paths = [Path(p) for p in path]
    if not paths:
        raise CorpusError("no corpus path given")
    return paths


def iter_corpus(
    path: PathArg | Sequence[PathArg],
    *,
    text: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    story: str | None = None,
    encoding: str = "utf-8",
    errors: Literal["raise", "collect"] = "raise",
    date_formats: Sequence[str] = (),
    progress: bool | None = None,
) -> CorpusStream:
    """Stream documents one at a time as dicts (for corpora too large for memory).

    Takes the arguments of :func:`load_corpus`. Each document has the schema columns
    (``date`` a naive ``datetime`` or None), the other fields, and ``source`` last.
    With ``errors="raise"`` the first bad document raises :class:`CorpusError`; with
    ``errors="collect"`` it is kept in the stream's ``rejected`` list instead. ``progress``
    draws a bar counting documents read (None: when someone can see it).
    """
    mapping = mapping_of(text=text, outlet=outlet, date=date, id=id, title=title, story=story)
    return CorpusStream(_paths(path), mapping, encoding, errors, date_formats, progress)


def load_corpus(
    path: PathArg | Sequence[PathArg],
    *,
    text: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    story: str | None = None,
    encoding: str = "utf-8",
    date_formats: Sequence[str] = (),
) -> pd.DataFrame:
    """Load a corpus into a DataFrame with the documented schema.

    ``path`` is a folder of ``.md``/``.txt`` articles (YAML front matter optional;
    without it the outlet is the folder name) and/or tables, or one ``.csv``, ``.tsv``,
    ``.jsonl``, ``.json`` or ``.parquet`` file (or a list of paths, read as one
    corpus). ``text=``, ``outlet=``, ``date=``, ``id=``, ``title=`` and ``story=`` name
    your columns or front-matter fields for the schema columns; a name that does not
    exist is an error. ``encoding`` is for files that are not UTF-8. Dates are ISO 8601;
    ``date_formats`` adds explicit ``strptime`` formats (``("%m/%d/%y",)``) tried in order.

    Raises :class:`CorpusError` naming file, line and field at the first bad
    document. To keep going and get a table of the rejected documents, use
    :func:`read_corpus`.
    """
    stream = iter_corpus(
        path, text=text, outlet=outlet, date=date, id=id, title=title, story=story,
        encoding=encoding, date_formats=date_formats, progress=False,
    )  # fmt: skip
    return documents_frame(stream)


def read_corpus(
    path: PathArg | Sequence[PathArg],
    *,
    text: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    story: str | None = None,
    encoding: str = "utf-8",
    date_formats: Sequence[str] = (),
) -> LoadResult:
    """Load what can be loaded and report the rest: a :class:`LoadResult`.

    Same arguments as :func:`load_corpus`. ``result.docs`` is the DataFrame of good
    documents; ``result.rejected`` has one row per rejected document or unreadable
    file (``file``, ``line``, ``field``, ``error``); ``result.skipped`` one row per file
    that is not a document (``file``, ``reason``: README.md, hidden files...). Nothing
    is dropped silently: documents in = good + rejected + skipped.
    """
    stream = iter_corpus(
        path, text=text, outlet=outlet, date=date, id=id, title=title, story=story,
        encoding=encoding, errors="collect", date_formats=date_formats, progress=False,
    )  # fmt: skip
    docs = documents_frame(stream)
    return LoadResult(docs, stream.rejected_frame(), stream.skipped_frame())
