import json
import subprocess
import sys

import pandas as pd
import pytest

from biaskit.cli import main


def article(tmp_path, name="a.md", outlet="Test Outlet", body="The dictator spoke."):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(
        f"---\nid: {p.stem}\noutlet: {outlet}\ndate: 2024-01-02\n---\n{body}\n", encoding="utf-8"
    )
    return p


def error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_score_prints_table(tmp_path, capsys):
    article(tmp_path)
    assert main(["score", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Test Outlet" in out and "loaded_per_1k" in out


def test_score_writes_csv_jsonl_parquet(tmp_path):
    article(tmp_path / "x")
    out_csv = tmp_path / "out.csv"
    assert main(["score", str(tmp_path / "x"), "--out", str(out_csv)]) == 0
    df = pd.read_csv(out_csv)
    assert df.loc[0, "n_label"] == 1 and "polarity" in df.columns
    out_jsonl = tmp_path / "out.jsonl"
    assert main(["score", str(tmp_path / "x"), "--out", str(out_jsonl), "--matches"]) == 0
    rows = [json.loads(line) for line in out_jsonl.read_text().splitlines()]
    assert rows[0]["text"] == "dictator" and rows[0]["outlet"] == "Test Outlet"
    out_pq = tmp_path / "out.parquet"
    assert main(["score", str(tmp_path / "x"), "--out", str(out_pq), "--no-sentiment"]) == 0
    assert pd.read_parquet(out_pq).loc[0, "n_label"] == 1


def test_column_mappings(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("key,paper,when,head,topic,body\nk1,P,2024-05-01,H,s,The regime fell.\n")
    out = tmp_path / "out.jsonl"
    args = ["--id", "key", "--outlet", "paper", "--date", "when", "--title", "head"]
    args += ["--story", "topic", "--text", "body", "--no-sentiment"]
    assert main(["score", str(src), *args, "--out", str(out)]) == 0
    row = json.loads(out.read_text().splitlines()[0])
    assert (row["id"], row["outlet"], row["title"], row["story"]) == ("k1", "P", "H", "s")
    assert row["date"].startswith("2024-05-01")


def test_extra_lexicon(tmp_path, capsys):
    article(tmp_path, body="They zorched it.")
    lex = tmp_path / "lex.yaml"
    lex.write_text("category: loaded\nentries:\n- term: zorched\n  weight: 2\n  note: test\n")
    assert main(["score", str(tmp_path / "a.md"), "--lexicon", str(lex), "--no-sentiment"]) == 0
    assert "2.0" in capsys.readouterr().out


def test_bad_input_exits_2_with_one_line(tmp_path, capsys):
    empty = tmp_path / "empty.md"
    empty.write_text("")
    assert main(["score", str(empty)]) == 2
    err = error_line(capsys)
    assert "empty.md" in err and "file is empty" in err

    assert main(["score", str(tmp_path / "missing.csv")]) == 2
    assert "no such file" in error_line(capsys)

    article(tmp_path)
    assert main(["score", str(tmp_path / "a.md"), "--out", str(tmp_path / "out.xlsx")]) == 2
    assert "must end in .csv, .tsv, .jsonl or .parquet" in error_line(capsys)

    assert main(["score", str(tmp_path / "a.md"), "--encoding", "bogus"]) == 2
    assert "unknown encoding 'bogus'" in error_line(capsys)


def test_errors_collect_counts_and_writes_rejects(tmp_path, capsys):
    corpus = tmp_path / "c"
    article(corpus, "good.md")
    (corpus / "empty.csv").write_text("")
    (corpus / "README.md").write_text("notes")
    (corpus / "bad.jsonl").write_text('{"outlet": "X", "text": "Fine."}\n{"outlet": "X"}\n')
    out = tmp_path / "scores.csv"
    assert main(["score", str(corpus), "--errors", "collect", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "rejected 2 documents, skipped 1 files" in err
    assert len(pd.read_csv(out)) == 2
    rejects = pd.read_csv(tmp_path / "scores.rejects.csv")
    assert sorted(rejects["kind"]) == ["rejected", "rejected", "skipped"]
    assert rejects["error"].str.contains("bad.jsonl:2: field 'text' is missing").any()
    # without --errors collect the first bad document stops the run
    assert main(["score", str(corpus), "--out", str(out)]) == 2
    error_line(capsys)


def test_csv_formula_cells_are_neutralised(tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "=HYPERLINK(\"http://x\")", "outlet": "+Paper", "text": "Fine.", "note": "@SUM(1)"},
        {"id": "-2", "outlet": "\tTab", "text": "Fine too.", "note": "plain"},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.csv"
    assert main(["score", str(src), "--out", str(out), "--no-sentiment"]) == 0
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(df["id"]) == ["'=HYPERLINK(\"http://x\")", "'-2"]
    assert list(df["outlet"]) == ["'+Paper", "'\tTab"]
    assert df.loc[0, "note"] == "'@SUM(1)" and df.loc[1, "note"] == "plain"
    assert (df["n_words"].str.startswith("'")).sum() == 0  # numbers are left alone
    raw = tmp_path / "raw.csv"
    assert main(["score", str(src), "--out", str(raw), "--no-sentiment", "--no-csv-escape"]) == 0
    assert pd.read_csv(raw, dtype=str).loc[0, "id"].startswith("=")


def test_terminal_output_escapes_control_characters(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a\x1b[31mred", "outlet": "X\x07", "text": "Fine."}) + "\n")
    assert main(["score", str(src), "--no-sentiment"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[31mred" in out
    bad = tmp_path / "bad\x1b[2J.jsonl"
    bad.write_text('{"outlet": "X"}\n')
    assert main(["score", str(bad)]) == 2
    err = error_line(capsys)
    assert "\x1b" not in err and "\\x1b[2J" in err


def test_lexicon_check(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text("category: hedge\nentries:\n- term: perchance\n  weight: 0.5\n  note: x\n")
    assert main(["lexicon", "check", str(good)]) == 0
    assert "1 entries ok" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("category: hedge\nentries:\n- term: perchance\n  weight: 9\n  note: x\n")
    assert main(["lexicon", "check", str(bad)]) == 2
    assert "bad.yaml, line 3: entry 'perchance': field 'weight'" in error_line(capsys)


def test_usage_error_exits_2():
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_smoke_subprocess(tmp_path):
    """The installed entry point: exit status 2 and one line on stderr for bad input."""
    empty = tmp_path / "empty.md"
    empty.write_text("")
    r = subprocess.run(
        [sys.executable, "-m", "biaskit.cli", "score", str(empty)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "file is empty" in r.stderr
    assert "Traceback" not in r.stderr
