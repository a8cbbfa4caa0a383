"""Exports a statistics package reads: ``biaskit.export`` and ``biaskit score --out``.

Every file is read back with pandas: the user's document ids, outlet and date on every match
row, unique column names, the user's own ``source`` column kept, formula cells neutralised
in CSV.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import biaskit
from biaskit.cli import main as cli

READERS = {
    ".parquet": pd.read_parquet,
    ".csv": pd.read_csv,
    ".jsonl": lambda p: pd.read_json(p, lines=True),
}


@pytest.fixture(scope="module")
def user_csv(tmp_path_factory, corpus) -> Path:
    """A user's export of the teaching corpus: own column names and a ``source`` column."""
    rows = corpus.sort_values("id").head(18).reset_index(drop=True)
    data = pd.DataFrame(
        {
            "article_id": [f"doc-{i:02d}" for i in range(len(rows))],
            "body": rows["text"],
            "published_at": rows["date"].dt.strftime("%Y-%m-%d"),
            "headline": rows["title"],
            "outlet": rows["outlet"],
            "source": [f"feed-{i % 3}" for i in range(len(rows))],
        }
    )
    data.loc[0, "source"] = "=HYPERLINK(\"http://x\")"
    data.loc[1, "headline"] = "+1 shocking claim"
    path = tmp_path_factory.mktemp("user") / "export.csv"
    data.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def user_scored(user_csv):
    corpus = biaskit.load_corpus(user_csv, text="body", date="published_at",
                                 id="article_id", title="headline")  # fmt: skip
    return biaskit.score_corpus(corpus)


@pytest.mark.parametrize("suffix", list(READERS))
def test_match_rows_carry_id_date_outlet_and_title(user_scored, tmp_path, suffix):
    path = biaskit.export(user_scored, tmp_path / f"matches{suffix}")
    back = READERS[suffix](path)
    assert len(back) == len(user_scored.matches) > 0
    assert not back.columns.duplicated().any()
    assert list(back.columns[:5]) == ["id", "outlet", "date", "story", "title"]
    assert set(back["id"]) <= {f"doc-{i:02d}" for i in range(18)}
    assert back["outlet"].notna().all() and back["date"].notna().all()
    first = user_scored.matches.iloc[0]
    assert str(back["id"].iloc[0]) == first["id"]
    assert int(back["start"].iloc[0]) == int(first["start"])


@pytest.mark.parametrize("suffix", list(READERS))
def test_document_rows_keep_the_users_source_column(user_scored, tmp_path, suffix):
    path = biaskit.export(user_scored, tmp_path / f"docs{suffix}", table="docs")
    back = READERS[suffix](path)
    assert not back.columns.duplicated().any()
    assert len(back) == 18
    assert {"source", "source_line", "loaded_per_1k", "stance_per_1k"} <= set(back.columns)
    assert back.loc[back["id"] == "doc-05", "source"].item() == "feed-2"  # the user's value
    assert back["source_line"].str.contains("export.csv:").all()  # ours, renamed


def test_csv_neutralises_formula_cells(user_scored, tmp_path):
    back = pd.read_csv(biaskit.export(user_scored, tmp_path / "docs.csv", table="docs"))
    row = back.set_index("id")
    assert row.loc["doc-00", "source"] == "'=HYPERLINK(\"http://x\")"
    assert row.loc["doc-01", "title"] == "'+1 shocking claim"
    raw = pd.read_csv(biaskit.export(user_scored, tmp_path / "raw.csv", table="docs",
                                     csv_escape=False))  # fmt: skip
    assert raw.set_index("id").loc["doc-00", "source"] == "=HYPERLINK(\"http://x\")"


def test_jsonl_is_not_escaped(user_scored, tmp_path):
    back = pd.read_json(biaskit.export(user_scored, tmp_path / "d.jsonl", table="docs"),
                        lines=True)  # fmt: skip
    assert back.set_index("id").loc["doc-00", "source"] == "=HYPERLINK(\"http://x\")"


def test_format_argument_overrides_the_suffix(user_scored, tmp_path):
    path = biaskit.export(user_scored, tmp_path / "scores.data", format="parquet", table="quotes")
    assert path == tmp_path / "scores.data" and path.exists()
    assert len(pd.read_parquet(path)) == len(user_scored.quotes)
    assert not (tmp_path / "scores.data.parquet").exists()


def test_bad_requests_are_one_line_errors(user_scored, tmp_path):
    with pytest.raises(ValueError, match=r"scores\.xlsx: cannot tell the format") as exc:
        biaskit.export(user_scored, tmp_path / "scores.xlsx")
    assert "\n" not in str(exc.value)
    with pytest.raises(ValueError, match="unknown table 'words'"):
        biaskit.export(user_scored, tmp_path / "x.csv", table="words")
    with pytest.raises(ValueError, match="unknown format 'xls'"):
        biaskit.export(user_scored, tmp_path / "x.csv", format="xls")
    with pytest.raises(TypeError, match="expected a ScoredCorpus"):
        biaskit.export(user_scored.docs, tmp_path / "x.csv")


def test_duplicate_column_names_are_refused(user_scored, tmp_path):
    broken = biaskit.ScoredCorpus(
        user_scored.docs, user_scored.matches.rename(columns={"term": "text"}),
        user_scored.quotes,
    )  # fmt: skip
    with pytest.raises(ValueError, match="has the column 'text' twice"):
        biaskit.export(broken, tmp_path / "m.csv")


def test_a_user_id_column_named_like_a_match_column_is_kept_apart(tmp_path):
    docs = pd.DataFrame({"start": ["a", "b"], "text": ["The regime's thugs.", "A dictator."],
                         "outlet": ["X", "Y"]})  # fmt: skip
    scored = biaskit.score_corpus(docs, id="start")
    back = pd.read_csv(biaskit.export(scored, tmp_path / "m.csv"))
    assert not back.columns.duplicated().any()
    assert set(back["doc_start"]) == {"a", "b"} and back["start"].dtype.kind == "i"


@pytest.mark.parametrize("suffix", list(READERS))
def test_cli_writes_matches_with_the_users_ids(user_csv, tmp_path, suffix, capsys):
    out = tmp_path / f"m{suffix}"
    code = cli(["score", str(user_csv), "--text", "body", "--id", "article_id", "--date",
                "published_at", "--title", "headline", "--matches", "--batch-size", "4",
                "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    back = READERS[suffix](out)
    assert not back.columns.duplicated().any()
    assert {"id", "outlet", "date", "title", "start", "end", "term", "voice"} <= set(back.columns)
    assert back["id"].astype(str).str.match(r"doc-\d\d$").all()
    assert back["title"].notna().all()


def test_cli_writes_documents_with_the_users_source(user_csv, tmp_path, capsys):
    out = tmp_path / "docs.parquet"
    code = cli(["score", str(user_csv), "--text", "body", "--id", "article_id",
                "--no-sentiment", "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    back = pd.read_parquet(out)
    assert not back.columns.duplicated().any()
    assert back.set_index("id").loc["doc-04", "source"] == "feed-1"


def test_stata_keeps_every_column_row_and_long_text(user_scored, tmp_path):
    for table in ("matches", "docs", "quotes"):
        frame = getattr(user_scored, table)
        path = biaskit.export(user_scored, tmp_path / f"{table}.dta", table=table)
        with pd.io.stata.StataReader(path) as reader:
            back = reader.read()
            labels = reader.variable_labels()
        assert back.shape == frame.shape
        assert "end_" not in frame.columns or table == "docs"
        if "end" in frame.columns:  # a name Stata reserves: renamed, the original kept
            assert labels["end_"] == "end"
            assert (back["end_"] == frame["end"]).all()
    docs = pd.read_stata(tmp_path / "docs.dta")
    original = user_scored.docs.set_index("id")
    assert (docs.set_index("id")["text"] == original["text"]).all()  # strL, not cut
    assert max(map(len, original["text"])) > 2045
    assert docs.set_index("id").loc["doc-05", "source"] == "feed-2"


def test_stata_names_are_valid_unique_and_labelled(tmp_path):
    from biaskit.exporting import write_stata

    frame = pd.DataFrame({
        "a very long column name that Stata cannot hold at all": [1, 2],
        "2nd score": [0.5, None],
        "in": ["x", None],
        "flag": [True, False],
        "when": pd.to_datetime(["2024-01-02", "2024-03-04"]).tz_localize("UTC"),
    })
    with pd.io.stata.StataReader(write_stata(frame, tmp_path / "odd.dta")) as reader:
        back = reader.read()
        labels = reader.variable_labels()
    assert len(back.columns) == 5 and len(set(back.columns)) == 5
    assert all(len(c) <= 32 and c[0] != "2" for c in back.columns)
    assert set(labels.values()) >= {"2nd score", "in"}
    assert list(back["flag"]) == [1, 0] and list(back["in_"]) == ["x", ""]
    assert back["when"].iloc[1] == pd.Timestamp("2024-03-04")
