"""Research datasets in the layouts researchers already have, and fetchers.

``load_*`` read a local file; ``fetch_*`` download only when called, into a cache
folder, check a SHA-256 checksum, and then load. Nothing downloads on import.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import os
import shutil
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

from biaskit.corpus import CorpusError, load_corpus
from biaskit.textio import Options, check_encoding, read_text

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "cache_dir",
    "fetch_babe",
    "fetch_file",
    "load_allsides",
    "load_babe",
    "load_mediacloud",
    "parse_words",
]

_BABE_LABELS = {"biased": 1, "non-biased": 0, "not biased": 0, "unbiased": 0}


def load_babe(path: str | Path, *, encoding: str = "utf-8") -> pd.DataFrame:
    """Read a BABE / MBIC style file of sentences with bias labels and biased words.

    Columns read: ``text`` (or ``sentence``), ``label_bias`` ("Biased" /
    "Non-biased"; other values such as "No agreement" become missing),
    ``biased_words`` (a list written as ``['word', ...]``), and any of
    ``outlet``, ``topic``, ``type`` (outlet lean), ``news_link``,
    ``label_opinion``. Comma, semicolon or tab separated.

    Returns columns ``id``, ``text``, ``label`` (1 biased, 0 not, ``<NA>``),
    ``biased_words`` (list of str), ``outlet``, ``topic``, ``lean`` and the rest.
    """
    import pandas as pd

    p = Path(path)
    if not p.exists():
        raise CorpusError(f"{p}: no such file", file=str(p))
    text = read_text(p, Options(check_encoding(encoding), encoding), max_bytes=None)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = reader.fieldnames or []
    text_col = "text" if "text" in fields else "sentence" if "sentence" in fields else None
    if text_col is None or "label_bias" not in fields:
        raise CorpusError(
            f"{p}:1: not a BABE/MBIC file: needs columns 'text' (or 'sentence') "
            f"and 'label_bias'; found {', '.join(fields)}",
            file=str(p),
            line=1,
        )
    rows = []
    try:
        for n, row in enumerate(reader, start=1):
            line = reader.line_num
            sentence = (row.get(text_col) or "").strip()
            if not sentence:
                raise CorpusError(
                    f"{p}:{line}: field {text_col!r} is empty",
                    file=str(p),
                    line=line,
                    field=text_col,
                )
            label_raw = (row.get("label_bias") or "").strip()
            label = _BABE_LABELS.get(label_raw.lower())
            words = parse_words(row.get("biased_words"), p, line)
            rest = {
                k: v
                for k, v in row.items()
                if k not in (text_col, "label_bias", "biased_words", "type") and k
            }
            rows.append(
                {
                    "id": f"{p.stem}-{n}",
                    "text": sentence,
                    "label": label,
                    "label_bias": label_raw,
                    "biased_words": words,
                    "lean": row.get("type", ""),
                    **rest,
                }
            )
    except csv.Error as exc:
        raise CorpusError(
            f"{p}:{reader.line_num}: CSV error: {exc}", file=str(p), line=reader.line_num
        ) from None
    if not rows:
        raise CorpusError(f"{p}: header only, no rows", file=str(p))
    df = pd.DataFrame(rows)
    df["label"] = df["label"].astype("Int64")
    return df


def parse_words(value: str | None, path: Path, line: int) -> list[str]:
    """The annotated words of a BABE row (a Python-list string or a comma list)."""
    if value is None or not value.strip():
        return []
    value = value.strip()
    if value.startswith("["):
        try:
            words = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            raise CorpusError(
                f"{path}:{line}: field 'biased_words': cannot read {value[:60]!r} as a list",
                file=str(path),
                line=line,
                field="biased_words",
            ) from None
        if not isinstance(words, list | tuple):
            raise CorpusError(
                f"{path}:{line}: field 'biased_words' is not a list",
                file=str(path),
                line=line,
                field="biased_words",
            )
        return [str(w) for w in words]
    return [w.strip() for w in value.split(",") if w.strip()]


def load_allsides(path: str | Path) -> pd.DataFrame:
    """Read the Article-Bias-Prediction (AllSides) layout: JSON, JSONL, or a folder of JSON.

    Maps ``ID`` to ``id``, ``source`` to ``outlet``, ``content_original`` (or
    ``content``) to ``text``, ``topic`` to ``story``, and ``bias_text`` to ``lean``
    (left / center / right). Other fields are kept as columns.
    """
    p = Path(path)
    probe = _first_record(p)
    text_col = "content_original" if "content_original" in probe else "content"
    # the dataset writes US dates ("2/27/18") beside ISO ones
    df = load_corpus(
        p,
        id="ID",
        outlet="source",
        text=text_col,
        story="topic",
        date_formats=("%m/%d/%y", "%m/%d/%Y"),
    )
    if "bias_text" in df.columns:
        df["lean"] = df["bias_text"]
    return df


def _first_record(p: Path) -> dict[str, Any]:
    import json

    if p.is_dir():
        files = sorted(p.rglob("*.json"))
        if not files:
            raise CorpusError(f"{p}: no .json files in folder", file=str(p))
        p = files[0]
    if not p.exists():
        raise CorpusError(f"{p}: no such file", file=str(p))
    with p.open("rb") as fh:
        head = fh.read(4_000_000)
    try:
        text = head.decode("utf-8-sig", errors="replace")
        if p.suffix.lower() == ".json":
            obj = json.loads(p.read_text(encoding="utf-8-sig"))
            if isinstance(obj, list):
                obj = obj[0] if obj else {}
        else:
            obj = json.loads(text.split("\n", 1)[0])
    except (json.JSONDecodeError, IndexError, UnicodeDecodeError, RecursionError):
        return {}
    return obj if isinstance(obj, dict) else {}


def load_mediacloud(path: str | Path, *, text: str = "text") -> pd.DataFrame:
    """Read a Media Cloud CSV export (``media_name``, ``publish_date``, ``title``, ``url``...).

    Media Cloud exports carry no article body; add one as a ``text`` column (or
    name another with ``text=``; ``text="title"`` scores headlines only).
    """
    p = Path(path)
    mapped = {"text": text} if text != "text" else {}
    df = load_corpus(p, outlet="media_name", date="publish_date", **mapped)
    return df


# --- fetching ---------------------------------------------------------------


def cache_dir() -> Path:
    """Where fetched files are kept: ``$BIASKIT_DATA`` or ``~/.cache/biaskit``."""
    env = os.environ.get("BIASKIT_DATA")
    return Path(env) if env else Path.home() / ".cache" / "biaskit"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_file(
    url: str,
    *,
    sha256: str | None = None,
    folder: str | Path | None = None,
    filename: str | None = None,
    timeout: float = 60.0,
) -> Path:
    """Download ``url`` into the cache (once) and return its path.

    With ``sha256`` the file is checked and a mismatch raises (the bad download
    is removed). Without it, the checksum of the first download is recorded
    beside the file and checked on every later call, so a changed cache is noticed.
    """
    target_dir = Path(folder) if folder is not None else cache_dir()
    name = filename or Path(urllib.parse.urlparse(url).path).name or "download"
    target = target_dir / name
    record = target.with_name(target.name + ".sha256")
    if target.exists():
        expected = sha256 or (record.read_text().strip() if record.exists() else None)
        actual = _sha256(target)
        if expected is None or actual == expected:
            return target
        raise ValueError(
            f"{target}: checksum {actual} does not match {expected}; delete it to download again"
        )
    target_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp, partial.open("wb") as out:
            shutil.copyfileobj(resp, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise OSError(f"could not download {url}: {exc}") from exc
    actual = _sha256(partial)
    if sha256 is not None and actual != sha256.lower():
        partial.unlink(missing_ok=True)
        raise ValueError(f"download of {url} has checksum {actual}, expected {sha256}")
    partial.replace(target)
    record.write_text(actual + "\n")
    return target


def fetch_babe(
    url: str, *, sha256: str | None = None, folder: str | Path | None = None
) -> pd.DataFrame:
    """Download a BABE/MBIC file from ``url`` (once, cached, checksummed) and load it.

    BABE is published by its authors (Spinde et al. 2021) under AGPL-3.0; see the
    README for where to get it. Nothing is downloaded unless you call this.
    """
    return load_babe(fetch_file(url, sha256=sha256, folder=folder))
