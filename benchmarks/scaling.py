"""Scaling of biaskit scoring: wall time and peak memory at 1x, 10x and 100x corpus size.

Usage:
    python benchmarks/scaling.py [PATH] [--sizes 1 10 100] [--modes memory stream ...]
    python benchmarks/scaling.py --million [--articles 1000000] [--workers 2]

Each size is a synthetic JSONL corpus written to a temporary folder first: the
sentences of the shipped corpus (or of the corpus at PATH) reshuffled
deterministically, N x as many articles of the same lengths. Every measurement runs
in a fresh subprocess so memory figures do not mix. Modes:

    memory   load_corpus + score_frame: everything in memory (memory grows with N)
    stream   score_stream(path, out=CSV): batches of 1,000 (memory flat)
    stream2  score_stream(..., workers=2): the same in two processes
    dask     read_corpus_dask + score_dask + to_parquet on 2 workers: a dask.distributed
             LocalCluster if distributed is installed ("dask-lc"), else Dask's processes
             scheduler ("dask-mp", which routes every partition through the main process,
             dask/dask#10480, so its memory is not bounded)

``--million`` writes 1,000,000 synthetic articles of about 400 words (64 JSONL
shards) and scores them end to end with score_stream and 2 worker processes
(``--engine dask``: read_corpus_dask + score_dask on 2 Dask workers, as above),
reporting the total time and the peak memory of all processes together.
Sentiment (TextBlob) is off unless ``--sentiment``: scoring with it is about 4x
slower. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve()


# --- synthetic corpora ----------------------------------------------------------------


def sentence_pool(path: str | None) -> tuple[list[tuple[str, int]], list[int], list[str]]:
    """The sentences of a corpus with their word counts, its article lengths and outlets."""
    import biaskit
    from biaskit.text import count_words, sentence_bounds

    df = biaskit.load_corpus(path) if path else biaskit.load_example_corpus()
    pool: list[tuple[str, int]] = []
    for text in df["text"]:
        flat = " ".join(text.split())
        for a, b in zip(*sentence_bounds(flat), strict=True):
            sentence = flat[a:b].strip()
            n = count_words(sentence)
            if n:
                pool.append((sentence, n))
    lengths = [count_words(t) for t in df["text"]]
    outlets = sorted(set(df["outlet"]))
    return pool, lengths, outlets


def write_synthetic(
    path: Path,
    first: int,
    count: int,
    pool: list[tuple[str, int]],
    lengths: list[int],
    outlets: list[str],
    seed: int = 0,
) -> int:
    """Write articles ``first`` .. ``first + count - 1`` as JSONL; returns the number of words.

    Article ``i`` has about ``lengths[i % len(lengths)]`` words of sentences drawn from
    ``pool`` by a generator seeded with ``seed`` and ``first``: the same file every time.
    """
    rng = random.Random(f"{seed}-{first}")
    base = dt.date(2024, 1, 1)
    words = 0
    n_pool = len(pool)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(first, first + count):
            target = lengths[i % len(lengths)]
            parts: list[str] = []
            n = 0
            while n < target:
                sentence, k = pool[rng.randrange(n_pool)]
                if parts and len(parts) % 5 == 0:
                    parts.append("\n\n")
                elif parts:
                    parts.append(" ")
                parts.append(sentence)
                n += k
            words += n
            text = "".join(parts)
            record = {
                "id": f"syn-{i:07d}",
                "outlet": outlets[i % len(outlets)],
                "date": (base + dt.timedelta(days=i % 730)).isoformat(),
                "title": text[: text.find(" ", 60)] if len(text) > 80 else text,
                "story": f"story-{i % 1000:03d}",
                "text": text,
            }
            fh.write(json.dumps(record, ensure_ascii=False))
            fh.write("\n")
    return words


# --- measurement (in a fresh subprocess) ----------------------------------------------


class TreeMemory:
    """Samples the resident memory of this process and its children (psutil, every 50 ms)."""

    def __init__(self) -> None:
        try:
            import psutil
        except ImportError:
            self.proc = None
        else:
            self.proc = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def total(self) -> int:
        if self.proc is None:
            return 0
        total = 0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            with contextlib.suppress(Exception):  # a worker that just ended
                total += p.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.total())

    def __enter__(self) -> TreeMemory:
        self.peak = self.total()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.total())


def rss_now_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def child(args: argparse.Namespace) -> None:
    """Run one measurement; print one JSON line."""
    import pandas as pd

    import biaskit
    from biaskit.scale import read_corpus_dask, score_dask, score_stream

    biaskit.load_lexicon().matcher  # noqa: B018  built once, outside the timing
    cluster = client = None
    if args.mode == "dask":
        import dask.dataframe  # noqa: F401

        try:
            from distributed import Client, LocalCluster
        except ImportError:
            pass
        else:  # started outside the timing, like a cluster that is already up
            cluster = LocalCluster(
                n_workers=args.workers, threads_per_worker=1, dashboard_address=None
            )
            client = Client(cluster)
    out = Path(args.out)
    baseline = rss_now_mb()
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = r0.ru_utime + r0.ru_stime
    with TreeMemory() as mem:
        t0 = time.perf_counter()
        if args.mode == "memory":
            df = biaskit.load_corpus(args.input)
            scored = biaskit.score_frame(df, sentiment=args.sentiment)
            docs, words = len(scored), int(scored["n_words"].sum())
        elif args.mode in ("stream", "stream2"):
            docs = score_stream(
                args.input,
                out=out,
                batch_size=args.batch_size,
                workers=2 if args.mode == "stream2" else args.workers,
                sentiment=args.sentiment,
            )
            words = None
        elif args.mode == "dask":
            ddf = read_corpus_dask(args.input, blocksize=args.blocksize)
            scores = score_dask(ddf, sentiment=args.sentiment)
            if cluster is not None:  # dask.distributed: a local cluster of worker processes
                scores.to_parquet(out, write_index=False)
            else:  # the processes scheduler: routes every partition through this process
                scores.to_parquet(
                    out,
                    write_index=False,
                    compute_kwargs={"scheduler": "processes", "num_workers": args.workers},
                )
            docs = words = None
        else:
            raise SystemExit(f"unknown mode {args.mode!r}")
        seconds = time.perf_counter() - t0
    if words is None:  # read back from the output (outside the timing)
        if out.suffix == ".csv":
            col = pd.read_csv(out, usecols=["n_words"])["n_words"]
        else:
            col = pd.read_parquet(out, columns=["n_words"])["n_words"]
        docs, words = len(col), int(col.sum())
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    self_peak, child_peak = own.ru_maxrss / 1e3, kids.ru_maxrss / 1e3
    cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime - cpu0
    if client is not None:  # the cluster's processes are not children we wait for
        client.close()
        cluster.close()
        cpu = None
    print(
        json.dumps(
            {
                "mode": args.mode if args.mode != "dask" else f"dask-{'lc' if client else 'mp'}",
                "docs": docs,
                "words": words,
                "seconds": seconds,
                "cpu_seconds": cpu,
                "baseline_mb": baseline,
                "peak_self_mb": self_peak,
                "peak_child_mb": child_peak,
                "peak_total_mb": mem.peak / 1e6 if mem.peak else max(self_peak, child_peak),
            }
        )
    )


def measure(mode: str, input_path: Path, out: Path, args: argparse.Namespace, **extra) -> dict:
    cmd = [
        sys.executable,
        str(HERE),
        "--child",
        mode,
        "--input",
        str(input_path),
        "--out",
        str(out),
        "--batch-size",
        str(args.batch_size),
        "--blocksize",
        str(extra.get("blocksize", args.blocksize)),
        "--workers",
        str(extra.get("workers", 1)),
    ]
    if args.sentiment:
        cmd.append("--sentiment")
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{mode} failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def machine() -> str:
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"machine: {os.cpu_count()} cores, {mem_gb:.0f} GB, {platform.machine()}, "
        f"Python {platform.python_version()}"
    )


# --- the two benchmarks ---------------------------------------------------------------


def scaling(args: argparse.Namespace) -> None:
    pool, lengths, outlets = sentence_pool(args.path)
    print(
        f"corpus: {args.path or 'shipped corpus'}: {len(lengths)} articles, "
        f"{sum(lengths):,} words; {len(pool):,} sentences to reshuffle"
    )
    print(machine())
    print(f"sentiment: {'on' if args.sentiment else 'off'}; batch size {args.batch_size}")
    header = (
        f"{'size':>5} {'mode':<8} {'articles':>9} {'words':>11} {'time s':>8} "
        f"{'words/s':>11} {'peak MB':>8} {'over base':>9}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="biaskit-scaling-") as tmp:
        for size in args.sizes:
            data = Path(tmp) / f"corpus-{size}x.jsonl"
            write_synthetic(data, 0, size * len(lengths), pool, lengths, outlets)
            for mode in args.modes:
                out = Path(tmp) / (f"scores-{size}x-{mode}" + (".csv" if "stream" in mode else ""))
                r = measure(mode, data, out, args, workers=2 if mode == "dask" else 1)
                print(
                    f"{size:>4}x {r['mode']:<8} {r['docs']:>9,} {r['words']:>11,} "
                    f"{r['seconds']:>8.2f} {r['words'] / r['seconds']:>11,.0f} "
                    f"{r['peak_total_mb']:>8.0f} {r['peak_total_mb'] - r['baseline_mb']:>9.0f}",
                    flush=True,
                )
                if out.is_dir():
                    shutil.rmtree(out)
                elif out.exists():
                    out.unlink()
    print(
        "peak MB: resident memory of the process and its workers together (sampled); "
        f"over base: minus the memory after imports. Load average now {load()}"
    )


def _write_shard(job: tuple) -> int:
    path, first, count, pool, lengths, outlets = job
    return write_synthetic(Path(path), first, count, pool, lengths, outlets)


def million(args: argparse.Namespace) -> None:
    from multiprocessing import Pool

    n = args.articles
    pool, _, outlets = sentence_pool(args.path)
    lengths = [args.words]
    print(machine())
    print(
        f"{n:,} synthetic articles of about {args.words} words; engine {args.engine}, "
        f"{args.workers} worker processes; sentiment {'on' if args.sentiment else 'off'}"
    )
    tmp = Path(tempfile.mkdtemp(prefix="biaskit-million-", dir=args.tmp))
    try:
        data = tmp / "corpus"
        data.mkdir()
        shards = args.shards
        per = -(-n // shards)
        jobs = [
            (
                str(data / f"part-{k:03d}.jsonl"),
                k * per,
                min(per, n - k * per),
                pool,
                lengths,
                outlets,
            )
            for k in range(shards)
            if k * per < n
        ]
        t0 = time.perf_counter()
        with Pool(args.workers) as p:
            words = sum(p.map(_write_shard, jobs))
        gen = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in data.iterdir())
        print(
            f"generated: {words:,} words, {size / 1e9:.2f} GB of JSONL in {len(jobs)} shards, "
            f"{gen:.0f} s",
            flush=True,
        )
        if args.engine == "dask":
            out = tmp / "scores"
            r = measure("dask", data, out, args, workers=args.workers, blocksize=args.blocksize)
        else:
            out = tmp / "scores.csv"
            r = measure("stream", data, out, args, workers=args.workers)
        out_size = (
            sum(f.stat().st_size for f in out.iterdir()) if out.is_dir() else out.stat().st_size
        )
        print(
            f"scored: {r['docs']:,} articles, {r['words']:,} words in {r['seconds']:.0f} s "
            f"({r['seconds'] / 60:.1f} min): {r['words'] / r['seconds']:,.0f} words/s, "
            f"{r['docs'] / r['seconds']:,.0f} articles/s"
        )
        print(
            f"peak memory: {r['peak_total_mb']:,.0f} MB all processes together "
            f"(main process {r['peak_self_mb']:,.0f} MB, largest worker "
            f"{r['peak_child_mb']:,.0f} MB); output {out_size / 1e6:,.0f} MB"
        )
        print(
            f"CPU time of all processes: "
            f"{'n/a' if r['cpu_seconds'] is None else format(r['cpu_seconds'], '.0f')} s; "
            "end to end with generation: "
            f"{(gen + r['seconds']) / 60:.1f} min; load average now {load()}"
        )
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", help="corpus whose sentences are reshuffled")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument(
        "--modes",
        nargs="+",
        default=["memory", "stream", "stream2", "dask"],
        choices=["memory", "stream", "stream2", "dask"],
    )
    ap.add_argument("--sentiment", action="store_true", help="also TextBlob sentiment")
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--blocksize", default="16MB", help="Dask partition size")
    ap.add_argument("--million", action="store_true", help="score 1,000,000 synthetic articles")
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--words", type=int, default=400, help="words per synthetic article")
    ap.add_argument("--shards", type=int, default=64)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engine", choices=["stream", "dask"], default="stream")
    ap.add_argument("--tmp", help="folder for the temporary files (default: the system's)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary files")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        args.mode = args.child
        child(args)
    elif args.million:
        million(args)
    else:
        scaling(args)


if __name__ == "__main__":
    main()
