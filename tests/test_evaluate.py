import math

import pandas as pd
import pytest

import biaskit
from biaskit.cli import main
from biaskit.evaluate import load_annotated, load_sample, roc_auc


def test_roc_auc_by_hand():
    assert roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    assert roc_auc([0, 1], [1.0, 1.0]) == 0.5  # ties count half
    assert roc_auc([1, 1, 0], [3, 2, 1]) == 1.0
    assert math.isnan(roc_auc([1, 1], [1, 2]))


def test_word_level_precision_recall_by_hand():
    data = pd.DataFrame(
        {
            "text": [
                "The brutal regime fell.",
                "Officials said the plan failed.",
                "A bizarre, sweeping plan.",
            ],
            "label": pd.array([1, 0, 1], dtype="Int64"),
            "biased_words": [["brutal"], [], ["bizarre", "sweeping", "plan"]],
        }
    )
    report = biaskit.evaluate(data, baselines=False)
    row = report.summary.iloc[0]
    flagged = [set(f.split("; ")) - {""} for f in report.sentences["flagged"]]
    gold = [{"brutal"}, set(), {"bizarre", "sweeping", "plan"}]
    tp = sum(len(f & g) for f, g in zip(flagged, gold, strict=True))
    fp = sum(len(f - g) for f, g in zip(flagged, gold, strict=True))
    fn = sum(len(g - f) for f, g in zip(flagged, gold, strict=True))
    assert "brutal" in flagged[0] and "regime" in flagged[0]
    assert row["word_precision"] == pytest.approx(tp / (tp + fp))
    assert row["word_recall"] == pytest.approx(tp / (tp + fn))
    assert row["roc_auc"] == 1.0
    assert set(report.false_positives["word"]) >= {"regime"}


def test_baselines_and_markdown():
    report = biaskit.evaluate(load_sample())
    methods = list(report.summary["method"])
    assert methods[0] == "biaskit" and "TextBlob subjectivity" in methods
    assert report.summary["roc_auc"].between(0, 1).all()
    assert "| method |" in report.to_markdown()


def test_generic_csv_with_named_columns(tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text('sent,bias,words\n"The dictator spoke.",1,"[\'dictator\']"\n"Rain fell.",0,[]\n')
    data = load_annotated(p, text="sent", label="bias", words="words")
    assert list(data["label"]) == [1, 0]
    assert data.loc[0, "biased_words"] == ["dictator"]
    with pytest.raises(ValueError, match="no column 'nope'"):
        load_annotated(p, text="nope", label="bias")


def test_cli_evaluate(tmp_path, capsys):
    p = tmp_path / "babe.csv"
    load_sample().rename(columns={"lean": "type"}).assign(
        label_bias=lambda d: d["label"].map({1: "Biased", 0: "Non-biased"}),
        biased_words=lambda d: d["biased_words"].map(repr),
    )[["text", "label_bias", "biased_words", "type"]].to_csv(p, index=False)
    assert main(["evaluate", str(p), "--out", str(tmp_path / "r.md")]) == 0
    assert "| biaskit |" in (tmp_path / "r.md").read_text()
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    assert main(["evaluate", str(bad)]) == 2
    assert "not a BABE/MBIC file" in capsys.readouterr().err
