"""Time to execute each notebook in notebooks/, top to bottom, in a fresh kernel.

Usage:
    python benchmarks/notebooks.py [NOTEBOOK_OR_FOLDER ...] [--timeout S] [--kernel NAME]

Each notebook runs with nbconvert's ExecutePreprocessor on a copy: the notebooks folder
is copied into a temporary folder next to links to the rest of the repository (so
relative paths such as ``../corpus`` still work and nothing is written into the
checkout). Prints, per notebook: cells, wall time (kernel start included), the slowest
cell, and whether it ran without errors. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def find_notebooks(targets: list[str]) -> list[Path]:
    found: list[Path] = []
    for target in targets or [str(ROOT / "notebooks")]:
        p = Path(target).resolve()
        if p.is_dir():
            found.extend(
                q
                for q in sorted(p.rglob("*.ipynb"))
                if ".ipynb_checkpoints" not in q.parts and "build" not in q.parts
            )
        elif p.suffix == ".ipynb":
            found.append(p)
        else:
            raise SystemExit(f"{target}: not a notebook or a folder of notebooks")
    return found


def sandbox(notebook: Path, tmp: Path) -> Path:
    """A copy of the notebook inside a mirror of the repository; returns the copy.

    The notebook's top-level folder is copied; everything else is linked, read-only use.
    """
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "build")
    try:
        rel = notebook.relative_to(ROOT)
    except ValueError:  # a notebook outside the repository: copy its folder alone
        dest = tmp / "outside" / notebook.parent.name
        if not dest.exists():
            shutil.copytree(notebook.parent, dest, ignore=ignore)
        return dest / notebook.name
    mirror = tmp / ROOT.name
    mirror.mkdir(exist_ok=True)
    for entry in ROOT.iterdir():
        target = mirror / entry.name
        if entry.name == ".git" or target.exists() or target.is_symlink():
            continue
        target.symlink_to(entry)
    top = mirror / rel.parts[0]
    if top.is_symlink():  # the notebook's own folder: a real copy
        top.unlink()
        if (ROOT / rel.parts[0]).is_dir():
            shutil.copytree(ROOT / rel.parts[0], top, ignore=ignore)
        else:
            shutil.copy2(ROOT / rel.parts[0], top)
    return mirror / rel


def cell_seconds(cell) -> float | None:
    timing = cell.get("metadata", {}).get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not start or not end:
        return None
    parse = dt.datetime.fromisoformat
    return (parse(end.replace("Z", "+00:00")) - parse(start.replace("Z", "+00:00"))).total_seconds()


def run(notebook: Path, tmp: Path, timeout: int, kernel: str | None) -> dict:
    import nbformat
    from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

    copy = sandbox(notebook, tmp)
    nb = nbformat.read(copy, as_version=4)
    kwargs = {"timeout": timeout, "record_timing": True}
    if kernel:
        kwargs["kernel_name"] = kernel
    ep = ExecutePreprocessor(**kwargs)
    status = "ok"
    t0 = time.perf_counter()
    try:
        ep.preprocess(nb, {"metadata": {"path": str(copy.parent)}})
    except CellExecutionError as exc:
        text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))
        lines = [line for line in text.splitlines() if line.strip()]
        status = "error: " + (lines[-1][:70] if lines else type(exc).__name__)
    except Exception as exc:  # a kernel that died or timed out
        status = f"error: {type(exc).__name__}: {str(exc)[:60]}"
    wall = time.perf_counter() - t0
    code = [c for c in nb.cells if c.cell_type == "code"]
    timed = [(cell_seconds(c), i) for i, c in enumerate(code, start=1)]
    timed = [(s, i) for s, i in timed if s is not None]
    slowest = max(timed) if timed else (None, None)
    return {
        "cells": len(code),
        "wall": wall,
        "cells_total": sum(s for s, _ in timed),
        "slowest": slowest,
        "status": status,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("targets", nargs="*", help="notebooks or folders (default: notebooks/)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("--kernel", help="kernel name (default: the notebook's own)")
    args = ap.parse_args()
    notebooks = find_notebooks(args.targets)
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    if not notebooks:
        print("no notebooks found")
        return
    width = max(len(p.name) for p in notebooks)
    print(f"{'notebook':<{width}} {'cells':>5} {'wall s':>7} {'in cells s':>10}  slowest cell")
    failed = 0
    total = 0.0
    with tempfile.TemporaryDirectory(prefix="biaskit-nb-") as tmp:
        for nb in notebooks:
            r = run(nb, Path(tmp), args.timeout, args.kernel)
            total += r["wall"]
            secs, idx = r["slowest"]
            slow = f"#{idx} {secs:.1f} s" if secs is not None else "-"
            print(
                f"{nb.name:<{width}} {r['cells']:>5} {r['wall']:>7.1f} {r['cells_total']:>10.1f}  "
                f"{slow}  {r['status']}",
                flush=True,
            )
            failed += r["status"] != "ok"
    print(f"total: {total:.1f} s for {len(notebooks)} notebooks; {failed} with errors")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
