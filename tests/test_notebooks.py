"""The notebook conventions, checked on every numbered notebook, and the helpers they call.

Conventions (see notebooks/00_start_here.ipynb): a header card first; a code cell tagged
``parameters`` holding only constants, so papermill can run the notebook on other data; cells
that only call biaskit, pandas and matplotlib (no ``def``, ``class``, ``lambda``, loops or
``%pip``); plots ending in ``plt.show()``; committed outputs from one clean run (execution
counts 1..n) with nothing that changes between machines or runs (memory addresses, absolute
paths, stderr); the python3 kernel; every notebook linked from 00_start_here.

Strict nbval re-runs the notebooks and compares the outputs (``make nbval``); these tests check
what nbval does not.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
START_HERE = NOTEBOOK_DIR / "00_start_here.ipynb"

HEADER_FIELDS = ("What you will learn", "Who it is for", "Time needed", "Prerequisites")
FORBIDDEN_NODES = {
    ast.FunctionDef: "def",
    ast.AsyncFunctionDef: "def",
    ast.ClassDef: "class",
    ast.Lambda: "lambda",
    ast.For: "for loop",
    ast.AsyncFor: "for loop",
    ast.While: "while loop",
}
FORBIDDEN_TEXT = re.compile(r"^\s*[%!]\s*(pip|conda|mamba|uv)\b|matplotlib\.use\(", re.M)
MAGIC_LINE = re.compile(r"^\s*[%!]")
ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
ABSOLUTE_PATH = re.compile(r"/work/|/tmp/|/home/|/Users/|/root/|[A-Za-z]:\\\\")
IMAGE_MIMES = {"image/png", "image/jpeg"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
IGNORE_TAGS = {"nbval-ignore-output", "nbval-skip"}
SILENT_CALLS = {"set_option", "filterwarnings", "simplefilter"}


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _code_cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _tags(cell: dict[str, Any]) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _parse(cell: dict[str, Any]) -> ast.Module:
    """The cell as Python (IPython magic lines blanked)."""
    lines = ["" if MAGIC_LINE.match(line) else line for line in _source(cell).splitlines()]
    return ast.parse("\n".join(lines))


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)


def _returns_none(stmt: ast.Expr) -> bool:
    """A call known to display nothing, such as ``pd.set_option(...)``."""
    call = stmt.value
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in SILENT_CALLS
    )


def _output_texts(cell: dict[str, Any]) -> list[str]:
    """Every text an output of ``cell`` carries (images left out: base64 is not text)."""
    texts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            texts.append(_text(out["text"]))
        for mime, value in out.get("data", {}).items():
            if mime not in IMAGE_MIMES:
                texts.append(_text(value))
        if "traceback" in out:
            texts.append(_text(out["traceback"]))
    return texts


notebook = pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])


def test_the_notebooks_are_there():
    names = [p.stem for p in NOTEBOOKS]
    assert names and names[0] == "00_start_here", names
    numbers = [int(n[:2]) for n in names]
    assert numbers == list(range(len(numbers))), f"numbering has gaps or repeats: {names}"


@notebook
def test_header_card_comes_first(path):
    first = _load(path)["cells"][0]
    assert first["cell_type"] == "markdown", f"{path.name}: the first cell must be the header card"
    text = _source(first)
    assert text.startswith("# "), f"{path.name}: the header card starts with a '# ' title"
    missing = [f for f in HEADER_FIELDS if f not in text]
    assert not missing, f"{path.name}: the header card lacks {missing}"


@notebook
def test_parameters_cell_holds_only_constants(path):
    cells = _code_cells(_load(path))
    tagged = [i for i, c in enumerate(cells) if "parameters" in _tags(c)]
    assert len(tagged) == 1, f"{path.name}: needs exactly one code cell tagged 'parameters'"
    assert tagged[0] == 0, f"{path.name}: the parameters cell must be the first code cell"
    tree = _parse(cells[0])
    assert tree.body, f"{path.name}: the parameters cell is empty"
    for stmt in tree.body:
        assert isinstance(stmt, ast.Assign | ast.AnnAssign), (
            f"{path.name}: line {stmt.lineno} of the parameters cell is not an assignment"
        )
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        assert all(isinstance(t, ast.Name) for t in targets), (
            f"{path.name}: line {stmt.lineno}: assign to plain names only"
        )
        try:
            value = ast.literal_eval(stmt.value)
        except ValueError:
            pytest.fail(f"{path.name}: line {stmt.lineno} of the parameters cell is not a constant")
        name = targets[0].id
        if name.endswith("_path") and isinstance(value, str):
            assert not value.startswith(("/", "~")) and ":\\" not in value, (
                f"{path.name}: {name} must be relative to the notebook, not {value!r}"
            )


@notebook
def test_code_cells_only_call(path):
    for i, cell in enumerate(_code_cells(_load(path)), start=1):
        src = _source(cell)
        assert not FORBIDDEN_TEXT.search(src), (
            f"{path.name}, code cell {i}: no %pip/!pip or matplotlib.use() in notebooks"
        )
        for node in ast.walk(_parse(cell)):
            for kind, word in FORBIDDEN_NODES.items():
                assert not isinstance(node, kind), (
                    f"{path.name}, code cell {i}: no {word} in a notebook; put reusable logic "
                    "in src/biaskit/lesson/"
                )


@notebook
def test_plot_cells_end_with_show(path):
    for i, cell in enumerate(_code_cells(_load(path)), start=1):
        src = _source(cell).rstrip()
        lines = src.splitlines()
        assert not any(line.rstrip().endswith(";") for line in lines), (
            f"{path.name}, code cell {i}: no trailing ';' (nbval sees an output the file lacks)"
        )
        if "plt.subplots" in src or "biaskit.plot." in src or "_chart(" in src:
            assert lines[-1].strip() == "plt.show()", (
                f"{path.name}, code cell {i}: a plot cell ends with plt.show()"
            )


@notebook
def test_executed_once_in_order(path):
    counts = [c.get("execution_count") for c in _code_cells(_load(path))]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; run `make notebooks` to re-execute"
    )


@notebook
def test_outputs_are_present_and_clean(path):
    for i, cell in enumerate(_code_cells(_load(path)), start=1):
        outputs = cell.get("outputs", [])
        body = _parse(cell).body
        if body and isinstance(body[-1], ast.Expr) and not _returns_none(body[-1]):
            assert outputs, f"{path.name}, code cell {i}: shows nothing; was it executed?"
        for out in outputs:
            assert out["output_type"] != "error", f"{path.name}, code cell {i}: an error"
            assert not (out["output_type"] == "stream" and out.get("name") == "stderr"), (
                f"{path.name}, code cell {i}: writes to stderr (a warning?): "
                + _text(out.get("text"))[:200]
            )
            assert "image/svg+xml" not in out.get("data", {}), (
                f"{path.name}, code cell {i}: SVG figures are not reproducible; use PNG"
            )


@notebook
def test_outputs_do_not_depend_on_machine_or_run(path):
    for i, cell in enumerate(_code_cells(_load(path)), start=1):
        for text in _output_texts(cell):
            address = ADDRESS.search(text)
            assert not address, f"{path.name}, code cell {i}: memory address {address.group()}"
            where = ABSOLUTE_PATH.search(text)
            assert not where, (
                f"{path.name}, code cell {i}: absolute path in the output: "
                f"...{text[max(0, where.start() - 40) : where.end() + 40]}..."
            )


@notebook
def test_ignored_outputs_are_only_widgets(path):
    for i, cell in enumerate(_code_cells(_load(path)), start=1):
        if _tags(cell) & IGNORE_TAGS:
            mimes = {m for out in cell.get("outputs", []) for m in out.get("data", {})}
            assert WIDGET_VIEW in mimes, (
                f"{path.name}, code cell {i}: nbval-ignore-output is only for widget views; "
                "show everything else in cells nbval checks"
            )
            for out in cell["outputs"]:
                view = out.get("data", {}).get(WIDGET_VIEW)
                assert view is None or view.get("model_id") == "", (
                    f"{path.name}, code cell {i}: widget model id not blanked "
                    "(run scripts/run_notebooks.py --inplace)"
                )


@notebook
def test_kernel_is_python3(path):
    meta = _load(path)["metadata"]
    assert meta.get("kernelspec", {}).get("name") == "python3", f"{path.name}: kernelspec"
    assert meta.get("language_info", {}).get("name") == "python", f"{path.name}: language_info"


@notebook
def test_listed_in_start_here(path):
    text = "\n".join(_source(c) for c in _load(START_HERE)["cells"] if c["cell_type"] == "markdown")
    assert f"({path.name})" in text, f"00_start_here does not link to {path.name}"


# --- scripts/run_notebooks.py ---------------------------------------------------------------


@pytest.fixture(scope="module")
def runner():
    spec = importlib.util.spec_from_file_location(
        "run_notebooks", ROOT / "scripts" / "run_notebooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["run_notebooks"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("run_notebooks", None)


def test_runner_finds_every_notebook(runner):
    assert runner.notebook_paths() == NOTEBOOKS
    assert [p.name for p in runner.notebook_paths(["05"])] == ["05_classroom_lesson.ipynb"]


def test_runner_rejects_bad_arguments(runner, capsys):
    with pytest.raises(SystemExit) as exc:
        runner.main(["--inplace", "--corpus", "corpus"])
    assert exc.value.code == 2
    assert "--corpus goes with --report" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        runner.main(["--report", "build", "--corpus", "no/such/folder"])
    assert exc.value.code == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_runner_blanks_widget_ids(runner):
    nb = {"cells": [{"outputs": [{"data": {runner.WIDGET_VIEW: {"model_id": "abc123"}}}]}]}
    runner._blank_widget_ids(nb)
    assert nb["cells"][0]["outputs"][0]["data"][runner.WIDGET_VIEW]["model_id"] == ""
