"""The report on a user's own data: ``make report CORPUS=... TEXT=... OUTLET=...``.

Every notebook declares the same corpus parameters; ``scripts/run_notebooks.py --report DIR
--corpus PATH --text COL ...`` passes them to the notebooks that run on any corpus (02, 04,
07) and writes their HTML pages; a bad mapping or an empty corpus stops with one line and
exit status 2. One test runs the notebooks (papermill); the others do not start a kernel.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import biaskit

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SHARED = (
    "corpus_path",
    "text_column",
    "outlet_column",
    "date_column",
    "id_column",
    "title_column",
    "story_column",
)
#: Teaching-corpus prose that must not appear in a report on other data.
TEACHING_PROSE = (
    "Nine articles per outlet",
    "State agency against opposition",
    "designed contrasts of the teaching corpus",
    "Union State News Agency",
)
MAPPING = ["--text", "body", "--outlet", "source", "--date", "published_at", "--id", "article_id"]


@pytest.fixture(scope="module")
def runner():
    spec = importlib.util.spec_from_file_location(
        "run_notebooks_report", ROOT / "scripts" / "run_notebooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _export(corpus: pd.DataFrame, path: Path, n: int = 36) -> Path:
    """The teaching corpus as a user's export: other column names, other outlet names."""
    rows = corpus.sort_values(["story", "outlet"]).head(n).reset_index(drop=True)
    names = {o: f"Outlet {chr(65 + i)}" for i, o in enumerate(sorted(rows["outlet"].unique()))}
    export = pd.DataFrame(
        {
            "article_id": [f"art-{i:03d}" for i in range(len(rows))],
            "source": rows["outlet"].map(names),
            "published_at": rows["date"].dt.strftime("%Y-%m-%d"),
            "headline": rows["title"],
            "body": rows["text"],
        }
    )
    export.to_csv(path, index=False)
    return path


def _parameters(path: Path) -> set[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            tree = ast.parse("".join(cell["source"]))
            return {t.id for s in tree.body for t in s.targets if isinstance(t, ast.Name)}
    return set()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_notebook_declares_the_shared_corpus_parameters(path):
    missing = [name for name in SHARED if name not in _parameters(path)]
    assert not missing, f"{path.name}: parameters cell lacks {missing}"


def test_user_report_notebooks_declare_by(runner):
    for stem in runner.USER_REPORT:
        assert "by" in _parameters(ROOT / "notebooks" / f"{stem}.ipynb"), stem


def test_report_on_a_users_csv_writes_every_page(tmp_path, corpus):
    data = _export(corpus, tmp_path / "export.csv")
    out = tmp_path / "report"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "run_notebooks.py"), "--report", str(out),
         "--corpus", str(data), *MAPPING],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    pages = sorted(p.name for p in out.glob("*.html"))
    assert pages == [
        "02_compare_outlets.html",
        "04_distinctive_words.html",
        "07_your_own_corpus.html",
        "index.html",
    ]
    for name in pages[:-1]:
        html = (out / name).read_text(encoding="utf-8")
        for prose in TEACHING_PROSE:
            assert prose not in html, f"{name}: teaching-corpus prose {prose!r} on user data"
        assert "36 documents" in html, f"{name}: the corpus description is not from the data"
        assert "Outlet A" in html
    compare_page = (out / "02_compare_outlets.html").read_text(encoding="utf-8")
    assert "Stance per group" in compare_page and "stance_per_1k" in compare_page
    executed = json.loads((out / "07_your_own_corpus.ipynb").read_text(encoding="utf-8"))
    injected = next(
        "".join(c["source"])
        for c in executed["cells"]
        if "injected-parameters" in c.get("metadata", {}).get("tags", [])
    )
    for line in ('text_column = "body"', 'outlet_column = "source"', 'id_column = "article_id"',
                 'date_column = "published_at"'):  # fmt: skip
        assert line in injected
    assert "corpus check" in done.stdout


def test_a_mapping_to_a_missing_column_is_one_line_and_exit_2(runner, tmp_path, corpus, capsys):
    data = _export(corpus, tmp_path / "export.csv", n=6)
    code = runner.main(["--report", str(tmp_path / "out"), "--corpus", str(data),
                        "--text", "bodyy", "--outlet", "source"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1, err
    assert "bodyy" in err and "export.csv" in err and "no documents loaded" in err
    assert not (tmp_path / "out").exists()


def test_a_corpus_without_documents_is_one_line_and_exit_2(runner, tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_text("body,source\n", encoding="utf-8")
    code = runner.main(["--report", str(tmp_path / "out"), "--corpus", str(empty),
                        "--text", "body", "--outlet", "source"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert "empty.csv" in err and "no documents loaded" in err


def test_by_must_name_a_column(runner, tmp_path, corpus, capsys):
    data = _export(corpus, tmp_path / "export.csv", n=6)
    code = runner.main(["--report", str(tmp_path / "out"), "--corpus", str(data), *MAPPING,
                        "--by", "lean"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "no column 'lean' to compare by" in err


def test_mappings_need_a_corpus_and_parameters_must_exist(runner, capsys):
    with pytest.raises(SystemExit) as exc:
        runner.main(["--report", "build", "--text", "body"])
    assert exc.value.code == 2
    assert "go with --corpus" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        runner.main(["--report", "build", "--only", "02", "-p", "no_such_parameter", "1"])
    assert exc.value.code == 2
    assert "no_such_parameter" in capsys.readouterr().err


def test_declared_parameters_reads_the_parameters_cell(runner):
    declared = runner.declared_parameters(ROOT / "notebooks" / "02_compare_outlets.ipynb")
    assert {"corpus_path", "text_column", "by", "metric"} <= declared


# --- lesson.corpus_notes: prose from the data -----------------------------------------------


def test_teaching_corpus_is_told_apart(tmp_path, corpus):
    from biaskit import lesson

    assert lesson.is_teaching_corpus(ROOT / "corpus")
    assert not lesson.is_teaching_corpus(_export(corpus, tmp_path / "export.csv"))
    assert not lesson.is_teaching_corpus(tmp_path / "missing")


def test_describe_corpus_counts_from_the_data(tmp_path, corpus):
    from biaskit import lesson

    data = _export(corpus, tmp_path / "export.csv", n=12)
    loaded = lesson.load(data, text="body", outlet="source", date="published_at",
                         id="article_id")  # fmt: skip
    text = lesson.describe_corpus(loaded)
    groups = loaded.docs["outlet"].nunique()
    assert text.startswith(f"**12 documents** in **{groups} values of `outlet`**")
    assert "No story column" in text and "teaching corpus" not in text
    assert "teaching corpus" in lesson.describe_corpus(loaded, teaching=True)


def test_load_refuses_an_empty_corpus_in_one_line(tmp_path):
    from biaskit import lesson

    empty = tmp_path / "empty.csv"
    empty.write_text("text,outlet\n", encoding="utf-8")
    with pytest.raises(biaskit.CorpusError, match="no documents loaded") as exc:
        lesson.load(empty)
    assert "\n" not in str(exc.value)


def test_pick_pair_on_user_data_is_highest_and_lowest(scored_corpus):
    from biaskit import lesson

    a, b = lesson.pick_pair(scored_corpus)
    rates = biaskit.compare(scored_corpus, n_boot=1, min_docs=lesson.corpus_notes.MIN_GROUP)
    ranked = rates[rates["enough"]]  # groups too small to rank are never picked
    assert (a, b) == (ranked["group"].iloc[0], ranked["group"].iloc[-1])
    state, opposition = lesson.pick_pair(scored_corpus, teaching=True)
    assert (state, opposition) == ("Union State News Agency", "Free Belarus Herald")
    with pytest.raises(ValueError, match="no outlet called 'Nobody'"):
        lesson.pick_pair(scored_corpus, "Nobody", b)


def test_reading_notes_and_categories_use_the_numbers(scored_corpus):
    from biaskit import lesson

    sizes = scored_corpus.docs["outlet"].value_counts()
    notes = lesson.reading_notes(scored_corpus)
    assert "Designed differences" not in notes
    assert "Designed differences" in lesson.reading_notes(scored_corpus, teaching=True)
    n = int((scored_corpus.docs.groupby("story")["outlet"].nunique() > 1).sum())
    assert f"2/2^{n}" in notes
    assert str(int(sizes.min())) in notes
    kinds = lesson.describe_categories(scored_corpus)
    assert "**Hedge** (stance)" in kinds and "**Label (name-calling)** (loaded)" in kinds


def test_names_from_the_data_are_escaped(scored_corpus):
    from biaskit import lesson

    note = lesson.pair_note("<b>*A*</b>", "B|C")
    assert "<b>" not in note and "\\*A\\*" in note and "B\\|C" in note
    assert "teaching corpus" in lesson.teaching_note("the table")
