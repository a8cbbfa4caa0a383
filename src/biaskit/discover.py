"""A corpus path and its files: which files are documents (each read by the reader of its
format, :data:`biaskit.readers.READERS`) and which are skipped, and why.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from biaskit.readers import READERS, Event, Skipped
from biaskit.schema import CorpusError, clip
from biaskit.textio import Options

__all__ = ["SKIP_NAMES", "scan", "walk"]

#: Files beside articles that are not articles (compared lowercased).
SKIP_NAMES = frozenset({"readme.md", "story.md", "license.md", "datasheet.md", "changelog.md"})
#: The same notes in another language: README-uk.md, datasheet.ru.md.
_TRANSLATED_NOTE_RE = re.compile(r"(?:readme|datasheet)[-_.][a-z]{2}\.md")


def walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """Every entry below ``folder`` in sorted order, with the reason to skip it (or None).

    Hidden files and folders (``.name``) are skipped whole (a hidden folder is one
    entry); so are notes beside articles (``README.md``, ``STORY.md``...) and files
    of no corpus format.
    """
    for here, dirs, files in os.walk(folder):
        base = Path(here)
        for d in sorted(dirs):
            if d.startswith("."):
                yield base / d, "hidden folder"
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            p = base / f
            suffix = p.suffix.lower()
            if f.startswith("."):
                yield p, "hidden file"
            elif f.lower() in SKIP_NAMES or _TRANSLATED_NOTE_RE.fullmatch(f.lower()):
                yield p, "a note beside the articles, not an article"
            elif suffix not in READERS:
                yield p, f"not a corpus format ({suffix or 'no suffix'})"
            else:
                yield p, None


def scan(path: Path, opts: Options) -> Iterator[Event]:
    """Raw records, errors and skipped files of a corpus path (folder or file).

    Raises CorpusError at once only for a path that does not exist, a file of unknown
    format, or a folder with no corpus file at all.
    """
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder", file=str(path))
    if not path.is_dir():
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            raise CorpusError(
                f"{path}: unknown corpus format {clip(path.suffix)} (use a folder, "
                f"{', '.join(sorted(READERS))})",
                file=str(path),
            )
        yield from reader(path, str(path), opts)
        return
    entries = list(walk(path))
    if not any(reason is None for _, reason in entries):
        raise CorpusError(
            f"{path}: no articles found (.md, .txt, .csv, .tsv, .jsonl, .json or .parquet)",
            file=str(path),
        )
    for p, reason in entries:
        if reason is not None:
            yield Skipped(str(p), reason)
        else:
            yield from READERS[p.suffix.lower()](p, p.relative_to(path).as_posix(), opts)
