"""Progress bars: on when asked, off under CI unless asked, and never in the results."""

import io

import pandas as pd
import pytest

import biaskit
from biaskit.progress import progress_bar, wants_progress

DOCS = pd.DataFrame(
    {"id": ["a", "b", "c"], "outlet": ["X", "X", "Y"], "text": ["The dictator spoke."] * 3}
)


def test_progress_true_writes_a_bar_to_the_given_stream():
    out = io.StringIO()
    assert list(progress_bar(range(4), progress=True, total=4, file=out, desc="scoring")) == [
        0, 1, 2, 3,
    ]  # fmt: skip
    assert "scoring" in out.getvalue() and "4/4" in out.getvalue()


def test_score_corpus_progress_true_draws_on_stderr(capsys):
    scored = biaskit.score_corpus(DOCS, progress=True)
    err = capsys.readouterr().err
    assert "3/3" in err and "scoring" in err
    assert len(scored.docs) == 3


def test_progress_false_draws_nothing(capsys, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    biaskit.score_corpus(DOCS, progress=False)
    assert capsys.readouterr().err == ""


def test_auto_is_off_under_ci_even_on_a_terminal(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    monkeypatch.delenv("CI", raising=False)
    assert wants_progress(None, file=Tty()) is True
    monkeypatch.setenv("CI", "1")
    assert wants_progress(None, file=Tty()) is False
    assert wants_progress(True, file=Tty()) is True


def test_auto_is_off_with_tqdm_disable_and_on_no_terminal(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TQDM_DISABLE", "1")
    assert wants_progress(None, file=Tty()) is False
    monkeypatch.delenv("TQDM_DISABLE")
    assert wants_progress(None, file=io.StringIO()) is False


def test_progress_must_be_none_or_bool():
    with pytest.raises(TypeError, match="progress must be None, True or False"):
        wants_progress("yes")  # type: ignore[arg-type]


def test_stream_bar_counts_documents_not_batches(capsys):
    batches = list(biaskit.iter_scores(DOCS, batch_size=2, progress=True, sentiment=False))
    err = capsys.readouterr().err
    assert sum(len(b) for b in batches) == 3
    assert "3/3" in err


def test_evaluate_progress_true_names_the_method(capsys):
    data = pd.DataFrame(
        {"text": ["The dictator lied.", "The mayor spoke."], "label": [1, 0],
         "biased_words": [["dictator"], []]}
    )  # fmt: skip
    biaskit.evaluate(data, baselines=False, n_boot=10, progress=True)
    assert "biaskit" in capsys.readouterr().err


def test_dask_progress_draws_a_bar(capsys):
    import dask.dataframe as dd

    ddf = dd.from_pandas(DOCS, npartitions=2)
    with biaskit.dask_progress(True):
        out = biaskit.score_dask(ddf, sentiment=False).compute(scheduler="threads")
    assert len(out) == 3
    assert "100%" in capsys.readouterr().err


def test_iter_corpus_progress_true_counts_documents_read(tmp_path, capsys):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        "\n".join(f'{{"id": "{i}", "outlet": "X", "text": "Text {i}."}}' for i in range(4)),
        encoding="utf-8",
    )
    docs = list(biaskit.iter_corpus(path, progress=True))
    assert [d["id"] for d in docs] == ["0", "1", "2", "3"]
    err = capsys.readouterr().err
    assert "reading" in err and "4doc" in err.replace(" ", "")
    biaskit.load_corpus(path)  # loading whole corpora draws no bar of its own
    assert capsys.readouterr().err == ""
