"""Progress bars (tqdm) for long jobs: scoring a corpus, streaming, Dask and evaluation.

Every long-running function takes ``progress=None|True|False``. ``None`` (auto) shows a bar
when someone can see it: standard error is a terminal or the code runs in a Jupyter kernel,
and neither ``CI`` nor ``TQDM_DISABLE`` is set (``scripts/run_notebooks.py`` and ``make
nbval`` set ``TQDM_DISABLE=1`` so committed notebook outputs stay byte-stable). ``True`` always
shows one, ``False`` never.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, TypeVar

__all__ = ["dask_progress", "progress_bar", "wants_progress"]

T = TypeVar("T")


def _in_kernel() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    get = getattr(shell, "get_ipython", None)
    ip = get() if get is not None else None
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


def _env_off(name: str) -> bool:
    value = os.environ.get(name, "")
    return value.strip().lower() not in ("", "0", "false", "no")


def wants_progress(progress: bool | None, *, file: IO[str] | None = None) -> bool:
    """Whether to draw a bar: ``progress`` itself when given; with None, on when standard error
    (or ``file``) is a terminal or in a Jupyter kernel, and off under ``CI`` or ``TQDM_DISABLE``."""
    if progress is not None:
        if not isinstance(progress, bool):
            raise TypeError(f"progress must be None, True or False, got {progress!r}")
        return progress
    if _env_off("CI") or _env_off("TQDM_DISABLE"):
        return False
    stream = file if file is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) or _in_kernel()


def progress_bar(
    items: Iterable[T],
    *,
    progress: bool | None = None,
    total: int | None = None,
    desc: str = "",
    unit: str = "doc",
    file: IO[str] | None = None,
    size: Callable[[T], int] | None = None,
) -> Iterator[T]:
    """``items`` unchanged, with a tqdm bar when :func:`wants_progress` says so.

    ``size`` counts what each item stands for (``len`` for batches of documents), so the bar
    counts documents, not batches."""
    if not wants_progress(progress, file=file):
        yield from items
        return
    if _in_kernel() and file is None:
        from tqdm.auto import tqdm
    else:
        from tqdm import tqdm
    # disable=False: an explicit True wins over TQDM_DISABLE (auto has already looked at it)
    bar = tqdm(total=total, desc=desc, unit=unit, file=file, disable=False)
    try:
        for item in items:
            yield item
            bar.update(size(item) if size is not None else 1)
    finally:
        bar.close()


@contextlib.contextmanager
def dask_progress(progress: bool | None = None, *, desc: str = "scoring") -> Iterator[Any]:
    """A context in which Dask computations draw a tqdm bar (``with dask_progress(): ...``).

    ``score_dask`` is lazy, so the bar belongs to the computation:
    ``with biaskit.dask_progress(): scored = biaskit.score_dask(ddf).compute()``.
    """
    if not wants_progress(progress):
        yield None
        return
    from tqdm.dask import TqdmCallback

    with TqdmCallback(desc=desc, disable=False) as callback:
        yield callback
