import json
import subprocess
import sys

import pandas as pd

from biaskit.cli import main


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "biaskit.cli", *args], capture_output=True, text=True, timeout=120
    )


def article(tmp_path, name="a.md", outlet="Test Outlet", body="The dictator spoke."):
    p = tmp_path / name
    p.write_text(
        f"---\nid: {p.stem}\noutlet: {outlet}\ndate: 2024-01-02\n---\n{body}\n", encoding="utf-8"
    )
    return p


def test_score_prints_table(tmp_path, capsys):
    article(tmp_path)
    assert main(["score", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Test Outlet" in out and "loaded_per_1k" in out


def test_score_writes_csv_and_jsonl(tmp_path):
    article(tmp_path / "x" if (tmp_path / "x").mkdir() is None else tmp_path)
    out_csv = tmp_path / "out.csv"
    assert main(["score", str(tmp_path / "x"), "--out", str(out_csv)]) == 0
    df = pd.read_csv(out_csv)
    assert df.loc[0, "n_label"] == 1 and "polarity" in df.columns
    out_jsonl = tmp_path / "out.jsonl"
    assert main(["score", str(tmp_path / "x"), "--out", str(out_jsonl), "--matches"]) == 0
    rows = [json.loads(line) for line in out_jsonl.read_text().splitlines()]
    assert rows[0]["text"] == "dictator" and rows[0]["outlet"] == "Test Outlet"


def test_extra_lexicon(tmp_path, capsys):
    article(tmp_path, body="They zorched it.")
    lex = tmp_path / "lex.yaml"
    lex.write_text("category: loaded\nentries:\n- term: zorched\n  weight: 2\n  note: test\n")
    assert main(["score", str(tmp_path / "a.md"), "--lexicon", str(lex), "--no-sentiment"]) == 0
    assert "2.0" in capsys.readouterr().out


def test_bad_input_exits_2_with_one_line(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("")
    r = run("score", str(empty))
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0
    assert "empty.md" in r.stderr and "file is empty" in r.stderr
    assert "Traceback" not in r.stderr

    r = run("score", str(tmp_path / "missing.csv"))
    assert r.returncode == 2 and "no such file" in r.stderr

    article(tmp_path)
    r = run("score", str(tmp_path / "a.md"), "--out", str(tmp_path / "out.xlsx"))
    assert r.returncode == 2 and "must end in .csv or .jsonl" in r.stderr


def test_lexicon_check(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("category: hedge\nentries:\n- term: perchance\n  weight: 0.5\n  note: x\n")
    r = run("lexicon", "check", str(good))
    assert r.returncode == 0 and "1 entries ok" in r.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("category: hedge\nentries:\n- term: perchance\n  weight: 9\n  note: x\n")
    r = run("lexicon", "check", str(bad))
    assert r.returncode == 2
    assert "bad.yaml, line 3: entry 'perchance': field 'weight'" in r.stderr
    assert "Traceback" not in r.stderr


def test_usage_error_exits_2():
    r = run("frobnicate")
    assert r.returncode == 2
