"""Peak memory of the streaming readers on a large CSV.

Writes a CSV of ``--rows`` documents (default 1,000,000) into a temporary folder,
then runs each job in a fresh Python process and prints its peak resident memory
(``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``) and wall time:

    iter_corpus    count the documents of biaskit.iter_corpus(path)
    score_stream   biaskit.score_stream(path, out=CSV, sentiment=False)
    load_corpus    biaskit.load_corpus(path) (everything in memory; for comparison)
    cli            biaskit score PATH --out CSV --no-sentiment (prints its exit status)

Usage: python benchmarks/memory.py [--rows N] [--jobs iter_corpus score_stream ...]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

JOBS = {
    "iter_corpus": "n = sum(1 for _ in biaskit.iter_corpus(PATH))",
    "score_stream": "n = biaskit.score_stream(PATH, OUT, sentiment=False, batch_size=2000)",
    "load_corpus": "n = len(biaskit.load_corpus(PATH))",
    "cli": "import biaskit.cli\n"
    "n = biaskit.cli.main(['score', PATH, '--out', OUT, '--no-sentiment'])",
}
SENTENCE = "the regime said talks would resume as officials met in the capital on Monday"
WORDS = SENTENCE.split()


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "outlet", "date", "title", "text"])
        for i in range(rows):
            body = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(18))
            w.writerow([f"doc-{i}", f"Outlet {i % 7}", f"2024-01-{1 + i % 28:02d}", f"T {i}", body])


WRAPPER = """
import resource, subprocess, sys
r = subprocess.run([sys.executable, "-c", sys.argv[1]], capture_output=True, text=True)
if r.returncode:
    sys.exit(r.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.stdout.strip())
"""


def run(job: str, path: Path, out: Path) -> tuple[float, float, str]:
    """Peak RSS (MB) and wall time of one job, measured in a fresh wrapper process
    (RUSAGE_CHILDREN there covers that job alone)."""
    code = f"import biaskit\nPATH, OUT = {str(path)!r}, {str(out)!r}\n{JOBS[job]}\nprint(n)\n"
    start = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-c", WRAPPER, code], capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start
    fields = r.stdout.split()
    return int(fields[0]) / 1024, wall, fields[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--jobs", nargs="+", default=["iter_corpus", "score_stream"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        write_csv(path, args.rows)
        print(f"{args.rows:,} rows, {path.stat().st_size / 1e6:.0f} MB CSV")
        print(f"{'job':<14} {'peak MB':>8} {'seconds':>8}  documents")
        for job in args.jobs:  # each job in its own process; peak is the max over children
            peak, wall, n = run(job, path, Path(tmp) / "scores.csv")
            print(f"{job:<14} {peak:8.0f} {wall:8.1f}  {n}")


if __name__ == "__main__":
    main()
