"""Execute the numbered notebooks: in place (committed outputs) or into a report folder.

    python scripts/run_notebooks.py --inplace
        Re-executes every notebooks/NN_*.ipynb in place so that a second run gives the same
        bytes: nbconvert's ExecutePreprocessor without timing metadata, then
        ClearMetadataPreprocessor keeping only cell tags and the kernelspec and language_info
        of the notebook, and widget model ids blanked (they are random and point to widget
        state that is not saved). A notebook that fails is left as it was.

    python scripts/run_notebooks.py --report build [-p NAME VALUE ...]
        Executes copies with papermill into build/ (never over the committed notebooks) and
        exports each as HTML, with an index page.

    python scripts/run_notebooks.py --report build/report --corpus PATH [--text COL]
            [--outlet COL] [--date COL] [--id COL] [--title COL] [--story COL] [--by COL]
        The report on your own data: the notebooks that make sense on any corpus
        (USER_REPORT: 02, 04, 07) run with the papermill parameters corpus_path,
        text_column, outlet_column, date_column, id_column, title_column, story_column and
        by, which every notebook's parameters cell declares under the same names. The
        corpus is read once first: a mapping to a column that does not exist, or a corpus
        with no readable document, is one line on stderr and exit status 2.
        -p sets any other parameter a notebook declares (for example -p metric stance_per_1k).

Both use the kernel named python3 started with the Python that runs this script; run it with
the project's .venv (``make notebooks`` / ``make report`` do). Exits 1 when a notebook fails,
2 on bad arguments.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
KERNEL = "python3"
#: Notebooks that run in the report on a user's corpus (the others teach with the shipped
#: corpus: one article, the classroom lesson, validation against annotations, the tour).
USER_REPORT = ("02_compare_outlets", "04_distinctive_words", "07_your_own_corpus")
#: Command-line option -> the notebooks' parameter for that column of the corpus.
MAPPINGS = {
    "text": "text_column",
    "outlet": "outlet_column",
    "date": "date_column",
    "id": "id_column",
    "title": "title_column",
    "story": "story_column",
}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TIMEOUT = 300
ANSI = re.compile(r"\x1b\[[0-9;]*m")
NOTEBOOK_LINK = re.compile(r'href="([0-9][0-9]_[A-Za-z0-9_]+)\.ipynb')


def _use_venv() -> None:
    """Re-run this script with the project's .venv Python if it was started with another one."""
    if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), __file__, *sys.argv[1:]])


def _kernel_env() -> None:
    """Environment the kernels inherit: matplotlib's inline backend, no progress bars."""
    os.environ.pop("MPLBACKEND", None)  # a backend such as Agg would drop the figures
    os.environ["TQDM_DISABLE"] = "1"


def notebook_paths(only: list[str] | None = None) -> list[Path]:
    """The numbered notebooks, in order (``only``: names or name prefixes to keep)."""
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if only:
        paths = [p for p in paths if any(p.name.startswith(o) for o in only)]
    return paths


def _blank_widget_ids(nb) -> None:
    """Widget model ids are random per run and refer to state that is not saved: blank them."""
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                view["model_id"] = ""


def _failure(name: str, exc: BaseException) -> str:
    text = ANSI.sub("", str(exc)).strip().splitlines()
    last = next((line for line in reversed(text) if line.strip()), type(exc).__name__)
    return f"{name}: FAILED: {last}"


def run_inplace(paths: list[Path], timeout: int) -> list[str]:
    """Execute each notebook and write it back; returns the failure messages."""
    import nbformat
    from nbconvert.preprocessors import (
        CellExecutionError,
        ClearMetadataPreprocessor,
        ExecutePreprocessor,
    )

    failures = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        execute = ExecutePreprocessor(
            timeout=timeout, kernel_name=KERNEL, record_timing=False, allow_errors=False
        )
        clear = ClearMetadataPreprocessor(
            enabled=True,
            preserve_cell_metadata_mask={"tags"},
            preserve_nb_metadata_mask={"kernelspec", "language_info"},
        )
        try:
            nb, resources = execute.preprocess(nb, {"metadata": {"path": str(path.parent)}})
        except (CellExecutionError, TimeoutError, RuntimeError) as exc:
            failures.append(_failure(path.name, exc))
            print(failures[-1], file=sys.stderr, flush=True)
            continue
        nb, _ = clear.preprocess(nb, resources)
        _blank_widget_ids(nb)
        nbformat.write(nb, path)
        print(f"{path.name:32s} {time.perf_counter() - start:5.1f} s", flush=True)
    return failures


def _value(text: str):
    """A command-line parameter value: a Python literal (number, None, list ...) or the text."""
    import ast

    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def declared_parameters(path: Path) -> set[str]:
    """Names assigned in the notebook's cell tagged ``parameters``."""
    import ast

    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            tree = ast.parse(cell.source)
            return {
                t.id
                for stmt in tree.body
                if isinstance(stmt, ast.Assign)
                for t in stmt.targets
                if isinstance(t, ast.Name)
            }
    return set()


class CorpusProblem(Exception):
    """The corpus cannot make a report (the message is one line)."""


def check_corpus(corpus: Path, mapping: dict[str, str], by: str) -> str:
    """Read the corpus once as the notebooks will; a one-line summary, or CorpusProblem."""
    from biaskit.corpus import CorpusError
    from biaskit.escape import terminal
    from biaskit.lesson.corpus_notes import load

    try:
        loaded = load(corpus, by=by, **mapping)
    except CorpusError as exc:
        raise CorpusProblem(terminal(" ".join(str(exc).split()))[:600]) from None
    return (
        f"{len(loaded.docs)} documents, {loaded.docs[by].nunique()} values of {by}, "
        f"{len(loaded.rejected)} rejected, {len(loaded.skipped)} files skipped"
    )


def run_report(
    paths: list[Path], out_dir: Path, params: dict[str, object], timeout: int
) -> list[str]:
    """Execute copies into ``out_dir`` with papermill (with ``params``) and export them as HTML."""
    import papermill as pm
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    out_dir.mkdir(parents=True, exist_ok=True)
    config = Config()
    # Show the static first view of widgets (there is no widget state in a report).
    config.NbConvertBase.display_data_priority = [
        "text/html",
        "text/markdown",
        "image/png",
        "image/jpeg",
        "text/plain",
    ]
    exporter = HTMLExporter(config=config)
    failures = []
    written = []
    for path in paths:
        target = out_dir / path.name
        start = time.perf_counter()
        declared = declared_parameters(path)
        try:
            pm.execute_notebook(
                str(path),
                str(target),
                parameters={k: v for k, v in params.items() if k in declared},
                kernel_name=KERNEL,
                cwd=str(path.parent),
                progress_bar=False,
                log_output=False,
                execution_timeout=timeout,
            )
        except Exception as exc:  # papermill wraps every failure; report and go on
            failures.append(_failure(path.name, exc) + f" (partial run in {target})")
            print(failures[-1], file=sys.stderr, flush=True)
            continue
        body, _ = exporter.from_filename(str(target))
        body = NOTEBOOK_LINK.sub(r'href="\1.html', body)  # links between notebooks: the pages
        html_path = target.with_suffix(".html")
        html_path.write_text(body, encoding="utf-8")
        written.append(html_path)
        print(f"{path.name:32s} {time.perf_counter() - start:5.1f} s  -> {html_path}", flush=True)
    if written:
        links = "\n".join(f'<li><a href="{p.name}">{p.stem}</a></li>' for p in written)
        (out_dir / "index.html").write_text(
            f"<!doctype html>\n<meta charset='utf-8'>\n<title>biaskit report</title>\n"
            f"<h1>biaskit report</h1>\n<ul>\n{links}\n</ul>\n",
            encoding="utf-8",
        )
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--inplace", action="store_true", help="re-execute notebooks in place")
    mode.add_argument("--report", metavar="DIR", type=Path, help="execute copies into DIR")
    parser.add_argument("--corpus", metavar="PATH", type=Path, help="with --report: your corpus")
    for option, name in MAPPINGS.items():
        parser.add_argument(
            f"--{option}", metavar="COLUMN", help=f"with --corpus: your {option} column ({name})"
        )
    parser.add_argument("--by", metavar="COLUMN", help="with --corpus: the column to compare by")
    parser.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="with --report: a parameter the notebooks declare, e.g. -p metric stance_per_1k",
    )
    parser.add_argument("--only", nargs="+", metavar="NAME", help="notebook names or prefixes")
    parser.add_argument("--timeout", type=int, default=TIMEOUT, help="seconds per cell")
    args = parser.parse_args(argv)

    if args.corpus is not None and args.report is None:
        parser.error("--corpus goes with --report")
    if args.param and args.report is None:
        parser.error("--param goes with --report")
    mapping = {k: getattr(args, k) for k in MAPPINGS if getattr(args, k)}
    if (mapping or args.by) and args.corpus is None:
        parser.error("--text, --outlet, --date, --id, --title, --story and --by go with --corpus")
    paths = notebook_paths(args.only)
    if args.corpus is not None:
        if not args.corpus.exists():
            parser.error(f"--corpus {args.corpus}: no such file or folder")
        paths = [p for p in paths if p.stem in USER_REPORT]
    if not paths:
        print(f"run_notebooks: no notebooks found in {NOTEBOOKS}", file=sys.stderr)
        return 1
    params = {name: _value(value) for name, value in args.param}
    if params:
        declared = set().union(*(declared_parameters(p) for p in paths))
        unknown = sorted(set(params) - declared)
        if unknown:
            parser.error(f"no notebook has the parameter {unknown[0]!r}")
    if args.corpus is not None:
        corpus = args.corpus.resolve()
        start = time.perf_counter()
        try:
            summary = check_corpus(corpus, mapping, args.by or "outlet")
        except CorpusProblem as exc:
            print(f"run_notebooks: error: {exc}", file=sys.stderr)
            return 2
        print(f"{'corpus check':32s} {time.perf_counter() - start:5.1f} s  {summary}", flush=True)
        params["corpus_path"] = str(corpus)
        params.update({MAPPINGS[k]: v for k, v in mapping.items()})
        if args.by:
            params["by"] = args.by

    _kernel_env()
    if args.inplace:
        failures = run_inplace(paths, args.timeout)
    else:
        failures = run_report(paths, args.report.resolve(), params, args.timeout)
    if failures:
        print(f"run_notebooks: {len(failures)} of {len(paths)} notebooks failed:", file=sys.stderr)
        for f in failures:
            print(f"  {f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    _use_venv()
    sys.exit(main())
