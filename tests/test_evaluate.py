import math
import random

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import biaskit
from biaskit.cli import main
from biaskit.evaluate import load_annotated, load_sample, roc_auc, roc_auc_ci


def test_roc_auc_by_hand():
    assert roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    assert roc_auc([0, 1], [1.0, 1.0]) == 0.5  # ties count half
    assert roc_auc([1, 1, 0], [3, 2, 1]) == 1.0
    assert math.isnan(roc_auc([1, 1], [1, 2]))


def test_roc_auc_ci_brackets_the_estimate_and_narrows_with_data():
    rng = random.Random(1)
    small = [(i % 2, rng.random() + 0.3 * (i % 2)) for i in range(60)]
    large = [(i % 2, rng.random() + 0.3 * (i % 2)) for i in range(2000)]
    auc, low, high = roc_auc_ci([y for y, _ in small], [x for _, x in small], n_boot=300)
    assert auc == roc_auc([y for y, _ in small], [x for _, x in small])
    assert low < auc < high
    _, low2, high2 = roc_auc_ci([y for y, _ in large], [x for _, x in large], n_boot=300)
    assert high2 - low2 < (high - low) / 2  # about 1/sqrt(n)
    again = roc_auc_ci([y for y, _ in small], [x for _, x in small], n_boot=300)
    assert again == (auc, low, high)  # deterministic for a seed


def test_roc_auc_ci_edge_cases():
    assert roc_auc_ci([0, 0, 1, 1], [1, 2, 3, 4], n_boot=50) == (1.0, 1.0, 1.0)
    auc, low, high = roc_auc_ci([1, 1], [1, 2])
    assert math.isnan(auc) and math.isnan(low) and math.isnan(high)
    with pytest.raises(ValueError, match="3 labels but 2 scores"):
        roc_auc_ci([0, 1, 1], [0.1, 0.2])
    with pytest.raises(ValueError, match="level must be between 0 and 1, got 95"):
        roc_auc_ci([0, 1], [0.1, 0.2], level=95)
    with pytest.raises(ValueError, match="3 labels but 2 scores"):
        roc_auc([0, 1, 1], [0.1, 0.2])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 5)), min_size=2, max_size=40))
def test_roc_auc_is_the_pairwise_probability(pairs):
    """AUC = P(positive scores higher than negative) + half the ties, counted pair by pair."""
    pos = [x for y, x in pairs if y == 1]
    neg = [x for y, x in pairs if y == 0]
    auc = roc_auc([y for y, _ in pairs], [float(x) for _, x in pairs])
    if not pos or not neg:
        assert math.isnan(auc)
        return
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    assert auc == pytest.approx(wins / (len(pos) * len(neg)))


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


def test_auc_lives_in_stats_and_is_re_exported():
    from biaskit import stats

    assert roc_auc is stats.roc_auc and roc_auc_ci is stats.roc_auc_ci


def test_evaluate_uses_the_shared_vocabulary():
    data = load_sample()
    flip = data.index[data["label"].notna()][::3]  # some labels flipped: an AUC below 1
    data.loc[flip, "label"] = 1 - data.loc[flip, "label"]
    report = biaskit.evaluate(data, baselines=False, level=0.8, n_boot=200, seed=3)
    row = report.summary.iloc[0]
    known = data[data["label"].notna()]
    scores = report.sentences.loc[known.index, "score"]
    expected = roc_auc_ci(
        [int(v) for v in known["label"]], list(scores), level=0.8, n_boot=200, seed=3
    )
    assert (row["roc_auc"], row["roc_auc_low"], row["roc_auc_high"]) == pytest.approx(expected)
    wider = biaskit.evaluate(data, baselines=False, level=0.99, n_boot=200, seed=3).summary
    assert wider.loc[0, "roc_auc_high"] - wider.loc[0, "roc_auc_low"] > (
        row["roc_auc_high"] - row["roc_auc_low"]
    )
    with pytest.raises(ValueError, match="evaluate: level must be between 0 and 1"):
        biaskit.evaluate(data, baselines=False, level=95)


def test_false_positive_ties_sorted_alphabetically():
    data = pd.DataFrame(
        {
            "text": ["The regime and the brutal junta.", "The junta and the brutal regime."],
            "label": pd.array([1, 1], dtype="Int64"),
            "biased_words": [[], []],
        }
    )
    report = biaskit.evaluate(data, baselines=False, n_boot=10)
    words = report.false_positives["word"].tolist()
    counts = report.false_positives["count"].tolist()
    assert counts == sorted(counts, reverse=True)
    for c in set(counts):
        tied = [w for w, n in zip(words, counts, strict=True) if n == c]
        assert tied == sorted(tied)
