"""Printing pages of the lesson site to PDF with a headless Chromium (no network)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

__all__ = ["ChromiumMissing", "find_chromium", "print_pdfs"]

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--no-pdf-header-footer")  # fmt: skip
TIMEOUT = 120  # s per page; a page usually prints in about a second


class ChromiumMissing(RuntimeError):
    """No Chromium to print with."""


def find_chromium() -> str:
    """``$BIASKIT_CHROMIUM``, else /usr/bin/chromium, else chromium on the PATH."""
    wanted = os.environ.get("BIASKIT_CHROMIUM")
    for name in ((wanted,) if wanted else CANDIDATES):
        found = name if os.path.isabs(name) and os.access(name, os.X_OK) else shutil.which(name)
        if found:
            return found
    raise ChromiumMissing(
        "--pdf needs Chromium, and none was found"
        + (f" at {wanted}" if wanted else " (/usr/bin/chromium or chromium on the PATH)")
        + ": install it (apt-get install chromium) or set BIASKIT_CHROMIUM"
    )


def _print_one(chromium: str, page: Path, pdf: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="biaskit-pdf-") as profile:
        cmd = [chromium, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
               page.resolve().as_uri()]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    if done.returncode != 0 or not pdf.is_file():
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"Chromium could not print {page.name}: {tail[0]}")


def print_pdfs(pairs: list[tuple[Path, Path]], *, workers: int = 4) -> list[Path]:
    """Print each (HTML page, PDF path) pair; returns the PDFs written."""
    chromium = find_chromium()
    for _, pdf in pairs:
        pdf.parent.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda p: _print_one(chromium, *p), pairs))
    return [pdf for _, pdf in pairs]
